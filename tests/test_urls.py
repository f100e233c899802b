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
    ("/sources/la-tribune/rss/", "articles:source_feed_rss", {"slug": "la-tribune"}),
    ("/sources/la-tribune/atom/", "articles:source_feed_atom", {"slug": "la-tribune"}),
    ("/auteurs/claire-lefevre/", "articles:author_detail", {"slug": "claire-lefevre"}),
    ("/auteurs/claire-lefevre/rss/", "articles:author_feed_rss", {"slug": "claire-lefevre"}),
    ("/auteurs/claire-lefevre/atom/", "articles:author_feed_atom", {"slug": "claire-lefevre"}),
    ("/archives/", "articles:archive", {}),
    ("/archives/2023/01/", "articles:archive_month", {"year": 2023, "month": 1}),
    ("/archives/2023/12/", "articles:archive_month", {"year": 2023, "month": 12}),
    ("/recherche/", "articles:search", {}),
    ("/robots.txt", "articles:robots_txt", {}),
    ("/sitemap.xml", "articles:sitemap", {}),
    ("/sitemap-articles.xml", "articles:sitemap_section", {"section": "articles"}),
    ("/sitemap-news.xml", "articles:sitemap_news", {}),
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
    "path",
    [
        "/tags/ia",
        "/articles/",
        "/auteurs/",
        "/sources/",
        "/tags/s%C3%A9curit%C3%A9/",
        # A month is two digits, 01 to 12; a year four, from 1000.
        "/archives/2023/1/",
        "/archives/2023/13/",
        "/archives/2023/00/",
        "/archives/0000/01/",
        "/archives/2023/",
    ],
)
def test_paths_outside_the_product_card_do_not_resolve_to_a_page(client, db, path):
    assert client.get(path).status_code in {301, 404}
