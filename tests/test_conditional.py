"""Conditional requests: a page or feed that has not changed answers 304 without a body,
and one that has changed never does."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from articles.models import PreviewLink

pytestmark = pytest.mark.django_db

# A date no page can have changed after: If-Modified-Since with it must not hide a change.
FAR_FUTURE = http_date((timezone.now() + timedelta(days=365)).timestamp())


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)


@pytest.fixture
def article(make_article, tag, source, author):
    # An older one: the article page links to it as the previous article.
    make_article(tags=[tag], sources=[source], authors=[author], published_at=days_ago(2))
    return make_article(
        title="OpenAI ouvre un bureau à Paris", tags=[tag], sources=[source], authors=[author]
    )


def urls(article, tag, source, author) -> dict[str, str]:
    month = timezone.localtime(article.published_at)
    return {
        "home": reverse("articles:article_list"),
        "article": article.get_absolute_url(),
        "tag page": reverse("articles:tag_detail", kwargs={"slug": tag.slug}),
        "source page": reverse("articles:source_detail", kwargs={"slug": source.slug}),
        "author page": reverse("articles:author_detail", kwargs={"slug": author.slug}),
        "archives": reverse("articles:archive"),
        "month": reverse(
            "articles:archive_month", kwargs={"year": month.year, "month": month.month}
        ),
        "site RSS": reverse("articles:feed_rss"),
        "site Atom": reverse("articles:feed_atom"),
        "tag RSS": reverse("articles:tag_feed_rss", kwargs={"slug": tag.slug}),
        "tag Atom": reverse("articles:tag_feed_atom", kwargs={"slug": tag.slug}),
        "author RSS": reverse("articles:author_feed_rss", kwargs={"slug": author.slug}),
        "source Atom": reverse("articles:source_feed_atom", kwargs={"slug": source.slug}),
    }


PAGES = [
    "home",
    "article",
    "tag page",
    "source page",
    "author page",
    "archives",
    "month",
    "site RSS",
    "site Atom",
    "tag RSS",
    "tag Atom",
    "author RSS",
    "source Atom",
]
FEEDS = [page for page in PAGES if page.endswith(("RSS", "Atom"))]
SHOWING_TITLES = [page for page in PAGES if page != "archives"]


@pytest.mark.parametrize("page", PAGES)
def test_an_unchanged_page_answers_304_without_a_body(client, article, tag, source, author, page):
    url = urls(article, tag, source, author)[page]
    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


@pytest.mark.parametrize("page", SHOWING_TITLES)
def test_after_an_edit_the_old_validator_gets_the_new_content(
    client, article, tag, source, author, page
):
    url = urls(article, tag, source, author)[page]
    etag = client.get(url)["ETag"]
    article.title = "OpenAI ouvre un second bureau à Paris"
    article.save()
    response = client.get(url, headers={"If-None-Match": etag, "If-Modified-Since": FAR_FUTURE})
    assert response.status_code == 200
    assert "OpenAI ouvre un second bureau à Paris" in response.text
    assert response["ETag"] != etag


@pytest.mark.parametrize("page", ["home", "tag page", *FEEDS])
def test_unpublishing_an_article_changes_the_listings_and_feeds_showing_it(
    client, article, tag, source, author, page
):
    url = urls(article, tag, source, author)[page]
    etag = client.get(url)["ETag"]
    article.status = article.Status.DRAFT
    article.save()
    response = client.get(url, headers={"If-None-Match": etag, "If-Modified-Since": FAR_FUTURE})
    assert response.status_code == 200
    assert "OpenAI ouvre un bureau à Paris" not in response.text


@pytest.mark.parametrize("page", FEEDS)
def test_feeds_carry_no_last_modified_date_that_could_hide_a_change(
    client, article, tag, source, author, page
):
    # Syndication's date is the newest entry's: editing an older one leaves it unchanged.
    url = urls(article, tag, source, author)[page]
    response = client.get(url)
    assert not response.has_header("Last-Modified")
    assert client.get(url, headers={"If-Modified-Since": FAR_FUTURE}).status_code == 200


@pytest.mark.parametrize("section", ["articles", "tags"])
def test_unpublishing_an_article_changes_the_sitemaps_listing_it(client, article, section):
    # Only the article's own tag: unpublished, the tag has no public article left.
    article.tags.set([article.tags.create(name="Seul au monde")])
    url = reverse("articles:sitemap_section", kwargs={"section": section})
    first = client.get(url)
    assert not first.has_header("Last-Modified")
    listed = "seul-au-monde" if section == "tags" else article.slug
    assert listed in first.text
    article.status = article.Status.DRAFT
    article.save()
    response = client.get(
        url, headers={"If-None-Match": first["ETag"], "If-Modified-Since": FAR_FUTURE}
    )
    assert response.status_code == 200
    assert listed not in response.text


def test_a_new_public_article_changes_the_previous_ones_page(client, make_article, article):
    # Its "next article" link appears: the page changed though the article did not.
    etag = client.get(article.get_absolute_url())["ETag"]
    make_article(title="Le suivant")
    response = client.get(article.get_absolute_url(), headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert "Le suivant" in response.text


def test_an_article_in_a_new_month_changes_the_archives(client, make_article, article):
    etag = client.get(reverse("articles:archive"))["ETag"]
    make_article(published_at=days_ago(400))
    response = client.get(reverse("articles:archive"), headers={"If-None-Match": etag})
    assert response.status_code == 200
    month = timezone.localtime(days_ago(400))
    url = reverse("articles:archive_month", kwargs={"year": month.year, "month": month.month})
    assert f'href="{url}"' in response.text


@pytest.mark.parametrize("page", ["home", "article", "site RSS", "tag Atom"])
def test_head_answers_like_get_without_a_body(client, article, tag, source, author, page):
    url = urls(article, tag, source, author)[page]
    get = client.get(url)
    head = client.head(url)
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == get["Content-Type"]


def assert_never_answered_304(client, url: str) -> None:
    """Kept out of every cache: no validator to send back, and none honoured."""
    first = client.get(url)
    assert first.status_code == 200
    assert "no-store" in first["Cache-Control"]
    assert not first.has_header("ETag")
    stale = {"If-None-Match": "*", "If-Modified-Since": FAR_FUTURE}
    assert client.get(url, headers=stale).status_code == 200


def test_an_editor_preview_is_never_answered_304(editor_client, make_article):
    draft = make_article(draft=True)
    assert_never_answered_304(
        editor_client, reverse("admin:articles_article_preview", args=[draft.pk])
    )


def test_a_shared_preview_is_never_answered_304(client, make_article):
    link = PreviewLink.objects.create(article=make_article(draft=True))
    assert_never_answered_304(client, link.get_absolute_url())


def test_admin_pages_are_never_answered_304(editor_client, article):
    assert_never_answered_304(
        editor_client, reverse("admin:articles_article_change", args=[article.pk])
    )
