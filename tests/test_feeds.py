"""RSS 2.0 and Atom feeds as a feed reader parses them."""

import time
from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from .conftest import image_upload
from .helpers import read_feed

pytestmark = pytest.mark.django_db

SITE_FEEDS = ["articles:feed_rss", "articles:feed_atom"]
TAG_FEEDS = ["articles:tag_feed_rss", "articles:tag_feed_atom"]
WHEN = datetime(2023, 1, 26, 11, 0, tzinfo=UTC)


@pytest.fixture
def article(make_article, author, tag, make_author):
    return make_article(
        title="OpenAI ouvre un bureau à Paris",
        standfirst="L’entreprise recrute une trentaine de chercheurs en France.",
        body=(
            "<p>OpenAI a annoncé l’ouverture d’un bureau parisien.</p>"
            "<h2>Des chercheurs et des commerciaux</h2>"
            '<p>Selon <a href="https://www.latribune.fr/">La Tribune</a>, '
            "les premiers recrutements ont commencé.</p>"
        ),
        hero_image=image_upload("bureau-paris.png"),
        hero_alt="La façade du bureau",
        authors=[author, make_author(name="Julien Girard")],
        tags=[tag, "OpenAI"],
        published_at=WHEN,
    )


@pytest.mark.parametrize("feed", SITE_FEEDS)
def test_site_feeds_are_valid_and_in_french(client, article, feed):
    parsed = read_feed(client, reverse(feed))
    assert parsed.feed.language == "fr"
    assert parsed.feed.title == settings.NEWSROOM["SITE_NAME"]
    assert parsed.feed.link == "http://testserver/"
    assert len(parsed.entries) == 1


def test_rss_feed_is_rss_2_and_atom_feed_is_atom(client, article):
    assert read_feed(client, reverse("articles:feed_rss")).version == "rss20"
    assert read_feed(client, reverse("articles:feed_atom")).version == "atom10"


@pytest.mark.parametrize("feed", SITE_FEEDS)
def test_each_entry_carries_what_a_feed_reader_shows(client, article, feed):
    (entry,) = read_feed(client, reverse(feed)).entries
    assert entry.title == "OpenAI ouvre un bureau à Paris"
    assert entry.link == f"http://testserver{article.get_absolute_url()}"
    assert entry.id.startswith("tag:")
    assert entry.id == article.feed_id
    assert entry.author == "Claire Lefèvre, Julien Girard"
    assert entry.published_parsed == time.struct_time((2023, 1, 26, 11, 0, 0, 3, 26, 0))
    assert sorted(tag.term for tag in entry.tags) == ["Intelligence artificielle", "OpenAI"]
    assert entry.summary == "L’entreprise recrute une trentaine de chercheurs en France."
    content = entry.content[0].value
    assert "<p>OpenAI a annoncé l’ouverture d’un bureau parisien.</p>" in content
    assert "<h2>Des chercheurs et des commerciaux</h2>" in content
    assert 'href="https://www.latribune.fr/"' in content


@pytest.mark.parametrize("feed", SITE_FEEDS)
def test_hero_image_is_an_enclosure_with_its_true_size_and_type(client, article, feed):
    (entry,) = read_feed(client, reverse(feed)).entries
    (enclosure,) = entry.enclosures
    # The PNG rendition (articles/renditions.py) of the 64-pixel upload, at its own width.
    storage = article.hero_image.storage
    (png,) = [made for made in article.hero_renditions if made["type"] == "image/png"]
    assert enclosure.href == f"http://testserver{storage.url(png['name'])}"
    assert enclosure.type == "image/png"
    with storage.open(png["name"], "rb") as image:
        assert int(enclosure.length) == len(image.read())


@pytest.mark.parametrize("feed", SITE_FEEDS)
def test_a_jpeg_hero_image_is_announced_as_jpeg(client, make_article, feed):
    make_article(hero_image=image_upload("photo.jpg"))
    (entry,) = read_feed(client, reverse(feed)).entries
    assert entry.enclosures[0].type == "image/jpeg"


@pytest.mark.parametrize("feed", SITE_FEEDS)
def test_an_enclosure_type_comes_from_the_image_not_its_file_name(client, make_article, feed):
    png = image_upload("capture.png")
    make_article(hero_image=SimpleUploadedFile("capture.jpg", png.read(), "image/jpeg"))
    (entry,) = read_feed(client, reverse(feed)).entries
    assert entry.enclosures[0].type == "image/png"


@pytest.mark.parametrize("feed", SITE_FEEDS)
def test_replacing_the_hero_image_updates_its_enclosure(client, article, feed):
    article.hero_image = image_upload("nouvelle.jpg", size=(640, 360))
    article.save()
    (entry,) = read_feed(client, reverse(feed)).entries
    assert entry.enclosures[0].type == "image/jpeg"
    assert "/nouvelle/" in entry.enclosures[0].href
    assert int(entry.enclosures[0].length) == article.share_image.size


@pytest.mark.parametrize("feed", SITE_FEEDS)
def test_an_article_without_image_has_no_enclosure(client, make_article, feed):
    make_article()
    (entry,) = read_feed(client, reverse(feed)).entries
    assert entry.get("enclosures", []) == []


@pytest.mark.parametrize("feed", SITE_FEEDS)
def test_entry_id_survives_a_slug_change_while_the_link_follows(client, article, feed):
    (before,) = read_feed(client, reverse(feed)).entries
    article.slug = "openai-s-installe-a-paris"
    article.save()
    (after,) = read_feed(client, reverse(feed)).entries
    assert after.id == before.id
    assert after.link == "http://testserver" + reverse(
        "articles:article_detail", kwargs={"slug": "openai-s-installe-a-paris"}
    )


@pytest.mark.parametrize("feed", SITE_FEEDS)
def test_feeds_list_the_20_latest_articles_newest_first(client, make_article, feed):
    articles = [make_article(published_at=WHEN + timedelta(hours=n)) for n in range(22)]
    entries = read_feed(client, reverse(feed)).entries
    assert [entry.title for entry in entries] == [a.title for a in reversed(articles[2:])]


def test_atom_feed_names_an_author(client, make_article):
    make_article(authors=[])
    response = client.get(reverse("articles:feed_atom"))
    parsed = feedparser.parse(response.content)
    assert parsed.feed.author == settings.NEWSROOM["SITE_NAME"]
    # An article without a byline falls back to the feed's author: no empty name.
    assert "<name></name>" not in response.text
    assert parsed.entries[0].get("author", "") in {"", settings.NEWSROOM["SITE_NAME"]}


def test_atom_entries_say_when_they_were_updated(client, article):
    (entry,) = read_feed(client, reverse("articles:feed_atom")).entries
    assert entry.updated_parsed >= entry.published_parsed


@pytest.mark.parametrize("feed", TAG_FEEDS)
def test_tag_feeds_list_only_that_tag(client, make_article, tag, feed):
    tagged = make_article(title="Un modèle de langage français", tags=[tag])
    make_article(title="Azure baisse ses prix", tags=["Azure"])
    make_article(title="Sans étiquette")
    parsed = read_feed(client, reverse(feed, kwargs={"slug": tag.slug}))
    assert [entry.title for entry in parsed.entries] == [tagged.title]
    assert parsed.feed.title == f"{settings.NEWSROOM['SITE_NAME']} — {tag.name}"
    assert parsed.feed.language == "fr"
    assert parsed.feed.link == f"http://testserver{tag.get_absolute_url()}"


@pytest.mark.parametrize("feed", TAG_FEEDS)
def test_tag_feeds_describe_the_tag(client, make_article, tag, feed):
    make_article(tags=[tag])
    parsed = read_feed(client, reverse(feed, kwargs={"slug": tag.slug}))
    assert parsed.feed.subtitle == tag.description


@pytest.mark.parametrize("feed", TAG_FEEDS)
def test_tag_feeds_hold_the_20_latest_of_that_tag(client, make_article, tag, feed):
    articles = [make_article(tags=[tag], published_at=WHEN + timedelta(hours=n)) for n in range(21)]
    make_article(title="Plus récent, autre sujet", published_at=WHEN + timedelta(days=2))
    entries = read_feed(client, reverse(feed, kwargs={"slug": tag.slug})).entries
    assert [entry.title for entry in entries] == [a.title for a in reversed(articles[1:])]


@pytest.mark.parametrize("feed", TAG_FEEDS)
def test_tag_feeds_of_an_accented_tag_use_its_folded_slug(client, make_article, feed):
    article = make_article(tags=["Sécurité"])
    parsed = read_feed(client, reverse(feed, kwargs={"slug": "securite"}))
    assert [entry.title for entry in parsed.entries] == [article.title]


@pytest.mark.parametrize("feed", SITE_FEEDS)
def test_feeds_declare_their_content_type(client, db, feed):
    response = client.get(reverse(feed))
    expected = "application/rss+xml" if feed.endswith("rss") else "application/atom+xml"
    assert response["Content-Type"].startswith(expected)
    assert "charset=utf-8" in response["Content-Type"]
