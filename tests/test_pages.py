"""What a reader sees on each public page, in French."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from .conftest import image_upload
from .helpers import (
    assert_project_404,
    elements,
    feed_announcements,
    has_link,
    inline_code,
    page_text,
    parse,
    same_url,
)

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
# Midday in Paris: the same calendar day in UTC, whatever the season.
JANUARY_26_2023 = datetime(2023, 1, 26, 12, 0, tzinfo=PARIS)


@pytest.fixture
def full_article(make_article, make_source, author, tag, time_machine):
    """A published article with every part a reader may see, saved at publication time."""
    time_machine.move_to(JANUARY_26_2023, tick=False)
    microsoft = make_source(name="Microsoft", url="https://news.microsoft.com/fr-fr/")
    lemonde = make_source(name="Le Monde Informatique", url="https://www.lemondeinformatique.fr/")
    article = make_article(
        title="Microsoft ouvre trois centres de données en France",
        standfirst="Le groupe investit dans le cloud souverain, selon La Tribune.",
        body=(
            "<p>Microsoft a confirmé mardi l’ouverture de trois centres de données.</p>"
            "<h2>Un enjeu de souveraineté</h2>"
            "<p>Les clients publics attendaient une offre hébergée en France.</p>"
        ),
        hero_image=image_upload("centre-de-donnees.jpg"),
        hero_alt="Des baies de serveurs éclairées en bleu",
        hero_credit="Photo : Microsoft",
        authors=[author],
        tags=[tag, "Azure"],
        published_at=JANUARY_26_2023,
    )
    article.citations.create(
        source=microsoft, url="https://news.microsoft.com/fr-fr/centres-de-donnees", position=0
    )
    article.citations.create(source=lemonde, url="", position=1)
    time_machine.move_to(JANUARY_26_2023 + timedelta(minutes=1), tick=False)
    return article


# --- Home and listings ----------------------------------------------------------


def test_home_lists_the_latest_articles_with_their_standfirst(client, make_article):
    older = make_article(title="Azure baisse ses prix", published_at=JANUARY_26_2023)
    newer = make_article(
        title="OpenAI ouvre un bureau à Paris", published_at=JANUARY_26_2023 + timedelta(days=1)
    )
    response = client.get(reverse("articles:article_list"))
    assert response.status_code == 200
    text = page_text(response)
    assert text.index(newer.title) < text.index(older.title)
    assert newer.standfirst in text
    assert has_link(response, newer.get_absolute_url(), newer.title)


def test_home_answers_200_with_no_article_yet(client, db):
    assert client.get(reverse("articles:article_list")).status_code == 200


def test_dates_are_written_in_french(client, make_article):
    make_article(title="Azure baisse ses prix", published_at=JANUARY_26_2023)
    assert "26 janvier 2023" in page_text(client.get(reverse("articles:article_list")))


def test_tag_page_lists_its_articles_with_its_description(client, make_article, tag):
    tagged = make_article(title="Un modèle de langage français", tags=[tag])
    other = make_article(title="Azure baisse ses prix", tags=["Azure"])
    response = client.get(reverse("articles:tag_detail", kwargs={"slug": tag.slug}))
    assert response.status_code == 200
    text = page_text(response)
    assert tag.name in text and tag.description in text
    assert tagged.title in text
    assert other.title not in text


def test_tag_index_lists_tags_with_their_article_count(client, make_article, tag):
    make_article.create_batch(2, tags=[tag])
    make_article(tags=["Azure"])
    response = client.get(reverse("articles:tag_list"))
    assert response.status_code == 200
    items = {li.text for li in elements(response, "li") if "article" in li.text}
    assert "Intelligence artificielle 2 articles" in items
    assert "Azure 1 article" in items
    assert has_link(response, reverse("articles:tag_detail", kwargs={"slug": tag.slug}))


def test_source_page_lists_the_articles_citing_it(client, make_article, source):
    citing = make_article(title="La Tribune révèle un contrat", sources=[source])
    other = make_article(title="Azure baisse ses prix")
    response = client.get(reverse("articles:source_detail", kwargs={"slug": source.slug}))
    assert response.status_code == 200
    text = page_text(response)
    assert source.name in text
    assert citing.title in text and other.title not in text
    assert has_link(response, source.url)


def test_an_article_citing_a_source_twice_is_listed_once(client, make_article, source):
    article = make_article(title="Double citation", sources=[source, source])
    response = client.get(reverse("articles:source_detail", kwargs={"slug": source.slug}))
    assert page_text(response).count(article.title) == 1


def test_author_page_lists_their_articles_and_bio(client, make_article, author, make_author):
    own = make_article(title="Enquête sur les puces", authors=[author])
    shared = make_article(title="Entretien croisé", authors=[make_author(), author])
    other = make_article(title="Azure baisse ses prix")
    response = client.get(reverse("articles:author_detail", kwargs={"slug": author.slug}))
    assert response.status_code == 200
    text = page_text(response)
    assert author.name in text and author.bio in text
    assert own.title in text and shared.title in text
    assert text.count(shared.title) == 1
    assert other.title not in text


# --- Article page ---------------------------------------------------------------


def test_article_page_shows_everything_a_reader_needs(client, full_article, author, tag):
    response = client.get(full_article.get_absolute_url())
    assert response.status_code == 200
    text = page_text(response)

    assert [h1.text for h1 in elements(response, "h1")] == [full_article.title]
    assert full_article.standfirst in text
    assert "26 janvier 2023" in text
    assert has_link(response, author.get_absolute_url(), author.name)

    hero = [img for img in elements(response, "img") if "centre-de-donnees" in img.attrs["src"]]
    assert len(hero) == 1
    assert same_url(hero[0].attrs["src"], full_article.hero_picture.img.url)
    assert hero[0].attrs["alt"] == "Des baies de serveurs éclairées en bleu"
    assert "Photo : Microsoft" in text

    assert "Microsoft a confirmé mardi l’ouverture de trois centres de données." in text
    assert "Un enjeu de souveraineté" in [h2.text for h2 in elements(response, "h2")]

    assert has_link(response, "https://news.microsoft.com/fr-fr/centres-de-donnees", "Microsoft")
    assert has_link(response, "https://www.lemondeinformatique.fr/", "Le Monde Informatique")

    assert has_link(response, tag.get_absolute_url(), tag.name)
    assert has_link(response, reverse("articles:tag_detail", kwargs={"slug": "azure"}), "Azure")


def test_article_page_body_is_rendered_as_html_not_escaped(client, full_article):
    response = client.get(full_article.get_absolute_url())
    assert "&lt;p&gt;" not in response.text
    assert "<p>Les clients publics attendaient une offre hébergée en France.</p>" in response.text


def test_article_page_links_each_source_to_its_page(client, full_article):
    response = client.get(full_article.get_absolute_url())
    for citation in full_article.citations.all():
        assert has_link(response, citation.source.get_absolute_url())


def test_an_article_not_edited_since_publication_has_no_update_notice(client, full_article):
    text = page_text(client.get(full_article.get_absolute_url()))
    assert "26 janvier 2023" in text
    assert "mis à jour" not in text
    assert "updated on" not in text


def test_an_article_edited_later_says_when_it_was_updated(client, full_article, time_machine):
    time_machine.move_to(datetime(2023, 1, 27, 9, 30, tzinfo=PARIS), tick=False)
    full_article.standfirst = "Le groupe investit dans le cloud souverain, confirme Microsoft."
    full_article.save()
    text = page_text(client.get(full_article.get_absolute_url()))
    assert "mis à jour le 27 janvier 2023, 09:30" in text


def test_an_archive_article_entered_today_has_no_update_notice(client, make_article):
    article = make_article(title="Archive de 2023", published_at=JANUARY_26_2023)
    text = page_text(client.get(article.get_absolute_url()))
    assert "26 janvier 2023" in text
    assert "mis à jour" not in text and "updated on" not in text


# --- Pagination and bad input -------------------------------------------------


@pytest.fixture
def twenty_one_articles(make_article, tag, source, author):
    """Oldest first: article [0] is the one that falls onto page 2."""
    return [
        make_article(
            title=f"Dépêche numéro {n:02d}",
            published_at=JANUARY_26_2023 + timedelta(hours=n),
            tags=[tag],
            sources=[source],
            authors=[author],
        )
        for n in range(21)
    ]


def _listings(tag, source, author):
    return {
        "home": reverse("articles:article_list"),
        "tag": reverse("articles:tag_detail", kwargs={"slug": tag.slug}),
        "source": reverse("articles:source_detail", kwargs={"slug": source.slug}),
        "author": reverse("articles:author_detail", kwargs={"slug": author.slug}),
    }


@pytest.mark.parametrize("listing", ["home", "tag", "source", "author"])
def test_listings_show_20_articles_a_page(
    client, twenty_one_articles, tag, source, author, listing
):
    url = _listings(tag, source, author)[listing]
    first = page_text(client.get(url))
    second = client.get(url, {"page": 2})
    assert second.status_code == 200
    oldest, *newest = twenty_one_articles
    assert all(article.title in first for article in newest)
    assert oldest.title not in first
    second_text = page_text(second)
    assert [a.title for a in twenty_one_articles if a.title in second_text] == [oldest.title]


def test_pagination_links_to_the_next_page(client, twenty_one_articles):
    response = client.get(reverse("articles:article_list"))
    assert has_link(response, "?page=2")


@pytest.mark.parametrize("page", ["99", "abc", "-1", "0", "2.5", "1e3", "last2"])
@pytest.mark.parametrize("listing", ["home", "tag", "source", "author"])
def test_a_wrong_page_number_answers_a_french_404(
    client, settings, make_article, tag, source, author, listing, page
):
    settings.DEBUG = False
    make_article(tags=[tag], sources=[source], authors=[author])
    response = client.get(_listings(tag, source, author)[listing], {"page": page})
    assert_project_404(response)


def test_an_empty_page_number_shows_the_first_page(client, make_article):
    article = make_article()
    response = client.get(reverse("articles:article_list"), {"page": ""})
    assert article.title in page_text(response)


@pytest.mark.parametrize(
    "view",
    [
        "articles:article_detail",
        "articles:tag_detail",
        "articles:source_detail",
        "articles:author_detail",
        "articles:tag_feed_rss",
        "articles:tag_feed_atom",
    ],
)
def test_an_unknown_slug_answers_a_french_404(client, settings, db, view):
    settings.DEBUG = False
    assert_project_404(client.get(reverse(view, kwargs={"slug": "nulle-part"})))


def test_an_unknown_address_answers_a_french_404(client, settings, db):
    settings.DEBUG = False
    unknown = reverse("articles:article_list") + "cette-page-n-existe-pas/"
    assert_project_404(client.get(unknown))


def test_the_404_page_tells_the_reader_in_french(client, settings, db):
    settings.DEBUG = False
    response = client.get(reverse("articles:article_detail", kwargs={"slug": "nulle-part"}))
    assert response.status_code == 404
    text = page_text(response)
    assert [h1.text for h1 in elements(response, "h1")] != ["Page not found"]
    assert "does not exist" not in text
    assert "Back to the home page" not in text
    assert has_link(response, reverse("articles:article_list"))


# --- Head, security and crawlers ------------------------------------------------


def test_home_announces_the_site_feeds(client, db):
    announced = feed_announcements(client.get(reverse("articles:article_list")))
    assert same_url(announced["application/rss+xml"], reverse("articles:feed_rss"))
    assert same_url(announced["application/atom+xml"], reverse("articles:feed_atom"))


def test_tag_page_announces_the_tag_feeds(client, make_article, tag):
    make_article(tags=[tag])
    announced = feed_announcements(
        client.get(reverse("articles:tag_detail", kwargs={"slug": tag.slug}))
    )
    rss = reverse("articles:tag_feed_rss", kwargs={"slug": tag.slug})
    atom = reverse("articles:tag_feed_atom", kwargs={"slug": tag.slug})
    assert same_url(announced["application/rss+xml"], rss)
    assert same_url(announced["application/atom+xml"], atom)


@pytest.fixture
def every_page(full_article, tag, source, author, make_article):
    """Every public HTML page, each showing content."""
    make_article(authors=[author], sources=[source], tags=[tag])
    citation_source = full_article.citations.first().source
    return {
        "home": reverse("articles:article_list"),
        "article": full_article.get_absolute_url(),
        "tag index": reverse("articles:tag_list"),
        "tag": reverse("articles:tag_detail", kwargs={"slug": tag.slug}),
        "source": reverse("articles:source_detail", kwargs={"slug": citation_source.slug}),
        "author": reverse("articles:author_detail", kwargs={"slug": author.slug}),
        "home page 1": reverse("articles:article_list") + "?page=1",
        "archives": reverse("articles:archive"),
        "month": reverse("articles:archive_month", kwargs={"year": 2023, "month": 1}),
        "404": reverse("articles:article_list") + "nulle-part/",
    }


PAGES = [
    "home",
    "article",
    "tag index",
    "tag",
    "source",
    "author",
    "home page 1",
    "archives",
    "month",
    "404",
]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_sends_a_strict_content_security_policy(client, every_page, page):
    response = client.get(every_page[page])
    assert response["Content-Type"].startswith("text/html")
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy


@pytest.mark.parametrize("page", PAGES)
def test_no_page_carries_inline_script_or_style(client, every_page, page):
    assert inline_code(client.get(every_page[page])) == []


# Source strings of the templates that only show when locale/fr is missing.
ENGLISH_LEFTOVERS = [
    "Skip to main content",
    "Main menu",
    "The latest articles",
    "All tags",
    "RSS feed",
    "Latest news",
    "Published on",
    "Follow this tag",
    "Browse the articles by topic",
    "articles cite this source",
    "Page not found",
    "Back to the home page",
]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_declares_french(client, every_page, page):
    assert '<html lang="fr"' in client.get(every_page[page]).text


@pytest.mark.parametrize("page", PAGES)
def test_every_page_reads_in_french(client, every_page, page):
    response = client.get(every_page[page])
    text = page_text(response) + " ".join(
        element.attrs.get(name, "")
        for element in parse(response.text).elements
        for name in ("aria-label", "title", "alt", "content")
    )
    assert [english for english in ENGLISH_LEFTOVERS if english in text] == []  # locale/fr


def test_robots_txt_keeps_crawlers_out_of_the_admin(client, db):
    response = client.get(reverse("articles:robots_txt"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.text.splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines


@pytest.fixture
def layout_rendered_once():
    """Templates as in production, where they do not auto-reload: the site's header and
    footer are then rendered once per process."""
    from django.template import engines

    env = engines["jinja2"].env
    env.auto_reload, before = False, env.auto_reload
    yield
    env.auto_reload = before


@pytest.mark.usefixtures("layout_rendered_once")
def test_the_menu_marks_the_current_page_on_every_page(client, make_article):
    article = make_article()
    current = re.compile(r'<a href="([^"]+)" aria-current="page">')
    assert current.findall(client.get("/").text) == [reverse("articles:article_list")]
    assert current.findall(client.get(reverse("articles:tag_list")).text) == [
        reverse("articles:tag_list")
    ]
    assert current.findall(client.get(article.get_absolute_url()).text) == []
    search = client.get(reverse("articles:search"), {"q": "azure"}).text
    assert search.count('id="site-search-q"') == 0  # the search page has its own form
    assert 'id="site-search-q"' in client.get("/").text
    assert "Flux Atom" in client.get(article.get_absolute_url()).text  # the footer
