"""The French paths of the product card are stable: the only file spelling them out."""

import pytest
from django.urls import resolve, reverse

PATHS = [
    ("/", "articles:article_list", {}),
    (
        "/articles/openai-ouvre-un-bureau-a-paris/",
        "articles:article_detail",
        {"slug": "openai-ouvre-un-bureau-a-paris"},
    ),
    ("/tags/", "articles:tag_list", {}),
    ("/tags/ia/", "articles:tag_detail", {"slug": "ia"}),
    ("/tags/ia/rss/", "articles:tag_feed_rss", {"slug": "ia"}),
    ("/tags/ia/atom/", "articles:tag_feed_atom", {"slug": "ia"}),
    ("/rss/", "articles:feed_rss", {}),
    ("/atom/", "articles:feed_atom", {}),
    ("/sources/la-tribune/", "articles:source_detail", {"slug": "la-tribune"}),
    ("/auteurs/claire-lefevre/", "articles:author_detail", {"slug": "claire-lefevre"}),
    ("/robots.txt", "articles:robots_txt", {}),
    ("/admin/", "admin:index", {}),
]


@pytest.mark.parametrize(("path", "name", "kwargs"), PATHS, ids=[p[0] for p in PATHS])
def test_each_french_path_resolves_to_its_named_url(path, name, kwargs):
    match = resolve(path)
    assert match.view_name == name
    assert match.kwargs == kwargs


@pytest.mark.parametrize(("path", "name", "kwargs"), PATHS, ids=[p[0] for p in PATHS])
def test_each_named_url_builds_its_french_path(path, name, kwargs):
    assert reverse(name, kwargs=kwargs) == path


@pytest.mark.parametrize(
    "path", ["/tags/ia", "/articles/", "/auteurs/", "/sources/", "/tags/s%C3%A9curit%C3%A9/"]
)
def test_paths_outside_the_product_card_do_not_resolve_to_a_page(client, db, path):
    assert client.get(path).status_code in {301, 404}
