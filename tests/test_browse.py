"""Ways to browse: related articles, previous and next, reading time, monthly archives,
and the feeds of an author or a source."""

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import reversion
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, Note, public_article

from .helpers import (
    assert_project_404,
    elements,
    feed_announcements,
    has_link,
    page_text,
    read_feed,
)

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
JANUARY_26_2023 = datetime(2023, 1, 26, 12, 0, tzinfo=PARIS)
NOT_PUBLIC = {
    "draft": {"draft": True},
    "in review": {"review": True},
    "scheduled": {"scheduled": True},
}


def days_ago(days: float) -> datetime:
    return timezone.now() - timedelta(days=days)


def words(count: int) -> str:
    return "<p>" + " ".join(f"mot{n}" for n in range(count)) + "</p>"


def titles(articles) -> list[str]:
    return [article.title for article in articles]


def section(response, element_id: str):
    """The element with this id, or None."""
    return next(
        (e for e in elements(response, "section") if e.attrs.get("aria-labelledby") == element_id),
        None,
    )


# --- Related articles -------------------------------------------------------------------


def test_related_articles_share_the_most_tags_first_then_the_newest(make_article):
    article = make_article(tags=["IA", "Azure", "OpenAI"])
    one_old = make_article(title="Un tag, ancien", tags=["IA"], published_at=days_ago(9))
    two = make_article(title="Deux tags", tags=["IA", "Azure"], published_at=days_ago(8))
    one_new = make_article(title="Un tag, récent", tags=["OpenAI"], published_at=days_ago(1))
    three = make_article(
        title="Trois tags", tags=["IA", "Azure", "OpenAI", "CNIL"], published_at=days_ago(30)
    )
    make_article(title="Aucun tag commun", tags=["CNIL"])
    related = Article.objects.published().related_to(article)
    assert titles(related) == titles([three, two, one_new, one_old])


def test_related_articles_are_four_at_most_and_never_the_article_itself(make_article):
    article = make_article(tags=["IA"])
    for day in range(6):
        make_article(tags=["IA"], published_at=days_ago(day + 2))
    related = list(Article.objects.published().related_to(article))
    assert len(related) == 4
    assert article not in related


@pytest.mark.parametrize("state", NOT_PUBLIC)
def test_an_unpublished_article_is_never_related(make_article, state):
    article = make_article(tags=["IA"])
    make_article(title="Pas encore public", tags=["IA"], **NOT_PUBLIC[state])
    assert list(Article.objects.published().related_to(article)) == []


def test_related_articles_cost_one_query(make_article, django_assert_num_queries):
    article = make_article(tags=["IA", "Azure"])
    make_article(tags=["IA", "Azure"])
    with django_assert_num_queries(1):
        assert len(list(Article.objects.published().related_to(article))) == 1


def test_the_article_page_shows_related_articles_with_their_date(client, make_article):
    article = make_article(tags=["IA"])
    other = make_article(
        title="Une autre histoire d'IA",
        tags=["IA"],
        published_at=datetime(2023, 1, 26, tzinfo=PARIS),
    )
    response = client.get(article.get_absolute_url())
    related = section(response, "related-titre")
    assert related is not None
    assert "Une autre histoire d'IA 26 janvier 2023" in related.text
    assert has_link(response, other.get_absolute_url(), "Une autre histoire d'IA")


def test_an_article_without_tags_has_no_related_articles(client, make_article):
    article = make_article(tags=[])
    make_article(tags=["Azure"])
    assert list(Article.objects.published().related_to(article)) == []
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert section(response, "related-titre") is None


def test_an_article_without_related_articles_shows_no_related_section(client, make_article):
    article = make_article(tags=["IA"])
    make_article(tags=["Azure"])
    response = client.get(article.get_absolute_url())
    assert section(response, "related-titre") is None
    assert 'id="related-titre"' not in response.text


# --- Previous and next ---------------------------------------------------------------------


def test_previous_and_next_are_the_public_articles_just_before_and_after(make_article):
    older = make_article(title="Plus ancien", published_at=days_ago(5))
    make_article(title="Brouillon", draft=True)
    make_article(title="En relecture", review=True)
    article = make_article(title="Celui-ci", published_at=days_ago(3))
    make_article(title="Programmé", scheduled=True)
    newer = make_article(title="Plus récent", published_at=days_ago(1))
    make_article(title="Le plus récent", published_at=days_ago(0.5))
    make_article(title="Le plus ancien", published_at=days_ago(10))
    assert Article.objects.published().around(article) == (older, newer)


def test_the_newest_has_no_next_and_the_oldest_no_previous(make_article):
    oldest = make_article(published_at=days_ago(3))
    newest = make_article(published_at=days_ago(1))
    make_article(scheduled=True)
    assert Article.objects.published().around(newest) == (oldest, None)
    assert Article.objects.published().around(oldest) == (None, newest)


def test_articles_published_at_the_same_time_follow_each_other_by_creation(make_article):
    when = days_ago(2)
    first, second, third = (make_article(published_at=when) for _ in range(3))
    assert Article.objects.published().around(second) == (first, third)
    assert Article.objects.published().around(first) == (None, second)


def test_previous_and_next_cost_one_query(make_article, django_assert_num_queries):
    make_article(published_at=days_ago(3))
    article = make_article(published_at=days_ago(2))
    make_article(published_at=days_ago(1))
    with django_assert_num_queries(1):
        Article.objects.published().around(article)


def test_the_article_page_links_to_the_previous_and_next_articles(client, make_article):
    older = make_article(title="Le précédent", published_at=days_ago(3))
    article = make_article(published_at=days_ago(2))
    newer = make_article(title="Le suivant", published_at=days_ago(1))
    response = client.get(article.get_absolute_url())
    (nav,) = [e for e in elements(response, "nav") if "article-nav" in e.attrs.get("class", "")]
    assert nav.attrs["aria-label"]
    links = {a.attrs.get("rel"): a for a in elements(response, "a") if a.attrs.get("rel")}
    assert links["prev"].attrs["href"] == older.get_absolute_url()
    assert "Le précédent" in links["prev"].text
    assert links["next"].attrs["href"] == newer.get_absolute_url()
    assert "Le suivant" in links["next"].text


def test_the_newest_article_page_has_no_next_link(client, make_article):
    make_article(published_at=days_ago(3))
    newest = make_article(published_at=days_ago(1))
    make_article(title="Demain", scheduled=True)
    response = client.get(newest.get_absolute_url())
    rels = [a.attrs.get("rel") for a in elements(response, "a")]
    assert "prev" in rels and "next" not in rels
    assert "Demain" not in response.text


def test_the_article_page_links_to_its_month(client, make_article):
    article = make_article(published_at=datetime(2023, 1, 31, 23, 30, tzinfo=PARIS))
    response = client.get(article.get_absolute_url())
    assert has_link(response, reverse("articles:archive_month", kwargs={"year": 2023, "month": 1}))


# --- Reading time --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word_count", "minutes"), [(0, 1), (50, 1), (230, 1), (460, 2), (920, 4), (1300, 6)]
)
def test_reading_time_counts_about_230_words_a_minute(make_article, word_count, minutes):
    assert make_article(body=words(word_count)).reading_time == minutes


def test_reading_time_counts_words_not_markup_or_entities(make_article):
    tags_and_entities = (
        '<p><a href="https://example.fr/a-b-c-d-e">lien</a> &amp; <em>l\'IA</em></p>'
    )
    article = make_article(body=tags_and_entities * 460)
    assert article.reading_time == 4  # 2 words a paragraph: "lien", "l'IA"


def test_reading_time_follows_the_saved_body(make_article):
    article = make_article(body=words(230))
    article.body = words(920)
    article.save(update_fields=["body"])
    assert Article.objects.get(pk=article.pk).reading_time == 4


def test_a_version_saved_before_words_were_counted_reads_in_its_own_time(make_article):
    article = make_article(body=words(920))
    with reversion.create_revision():
        article.save()
    with reversion.create_revision():
        article.body = words(230)
        article.save()
    first = Version.objects.get_for_object(article).last()  # the 920 words
    data = json.loads(first.serialized_data)
    del data[0]["fields"]["word_count"]
    first.serialized_data = json.dumps(data)
    first.revert()
    assert Article.objects.get(pk=article.pk).reading_time == 4


def test_the_article_page_shows_its_reading_time(client, make_article):
    article = make_article(body=words(920))
    response = client.get(article.get_absolute_url())
    (meta,) = [e for e in elements(response, "p") if e.attrs.get("class") == "article__meta"]
    (reading,) = [e for e in elements(response, "span") if e.attrs.get("class") == "reading-time"]
    assert reading.text.startswith("4 min")
    assert reading.text in meta.text


# --- Monthly archives ----------------------------------------------------------------------


def archive_month(year, month):
    return reverse("articles:archive_month", kwargs={"year": year, "month": month})


def test_archives_list_the_months_by_year_newest_first_with_counts(client, make_article):
    for when in [(2022, 12, 5), (2023, 1, 10), (2023, 1, 20), (2023, 3, 2)]:
        make_article(published_at=datetime(*when, 12, tzinfo=PARIS))
    make_article(draft=True)
    make_article(scheduled=True)
    response = client.get(reverse("articles:archive"))
    assert response.status_code == 200
    assert [h.text for h in elements(response, "h2")][:2] == ["2023", "2022"]
    text = page_text(response)
    assert text.index("Mars") < text.index("Janvier") < text.index("Décembre")
    assert "Janvier 2023 2 articles" in text
    assert has_link(response, archive_month(2023, 3))
    assert has_link(response, archive_month(2022, 12))
    assert not has_link(response, archive_month(2023, 2))


def test_archives_count_only_public_articles(client, make_article):
    now = timezone.localtime()
    make_article(published_at=now - timedelta(seconds=5))
    for state in NOT_PUBLIC.values():
        make_article(**state)
    rows = list(Article.objects.published().months())
    assert [row["count"] for row in rows] == [1]


def test_archive_months_cost_one_query(make_article, django_assert_num_queries):
    for month in (1, 2, 3):
        make_article(published_at=datetime(2023, month, 10, tzinfo=PARIS))
    with django_assert_num_queries(1):
        assert len(list(Article.objects.published().months())) == 3


def test_months_follow_paris_time(client, make_article):
    # 23:30 in Paris on 31 January is 22:30 UTC; 00:30 on 1 February is 23:30 UTC.
    january = make_article(
        title="Fin janvier", published_at=datetime(2023, 1, 31, 22, 30, tzinfo=UTC)
    )
    february = make_article(
        title="Début février", published_at=datetime(2023, 1, 31, 23, 30, tzinfo=UTC)
    )
    rows = {row["month"].month: row["count"] for row in Article.objects.published().months()}
    assert rows == {1: 1, 2: 1}
    january_page = page_text(client.get(archive_month(2023, 1)))
    february_page = page_text(client.get(archive_month(2023, 2)))
    assert january.title in january_page and february.title not in january_page
    assert february.title in february_page and january.title not in february_page


def test_a_month_page_lists_that_months_public_articles_newest_first(client, make_article):
    make_article(title="Décembre", published_at=datetime(2022, 12, 31, 12, tzinfo=PARIS))
    first = make_article(title="Le 2 janvier", published_at=datetime(2023, 1, 2, tzinfo=PARIS))
    last = make_article(title="Le 30 janvier", published_at=datetime(2023, 1, 30, tzinfo=PARIS))
    make_article(title="Février", published_at=datetime(2023, 2, 1, tzinfo=PARIS))
    response = client.get(archive_month(2023, 1))
    assert response.status_code == 200
    assert titles(response.context["articles"]) == [last.title, first.title]
    assert "janvier 2023" in elements(response, "title")[0].text


def test_a_month_page_shows_20_articles_a_page(client, make_article):
    for day in range(1, 26):
        make_article(published_at=datetime(2023, 1, day, 9, tzinfo=PARIS))
    first = client.get(archive_month(2023, 1))
    assert len(first.context["articles"]) == 20
    second = client.get(archive_month(2023, 1), {"page": 2})
    assert len(second.context["articles"]) == 5
    assert_project_404(client.get(archive_month(2023, 1), {"page": 3}))


@pytest.mark.parametrize("state", NOT_PUBLIC)
def test_a_month_of_unpublished_articles_only_answers_404(client, make_article, state):
    article = make_article(**NOT_PUBLIC[state])
    when = timezone.localtime(article.published_at or timezone.now())
    assert_project_404(client.get(archive_month(when.year, when.month)))


def test_a_month_without_articles_answers_404(client, make_article):
    make_article(published_at=datetime(2023, 1, 10, tzinfo=PARIS))
    assert_project_404(client.get(archive_month(2023, 2)))


def test_a_future_month_answers_404(client, make_article):
    make_article()
    next_year = timezone.localtime().year + 1
    assert_project_404(client.get(archive_month(next_year, 1)))
    assert_project_404(client.get(archive_month(9999, 12)))


def test_the_site_header_links_to_the_archives(client, db):
    assert has_link(client.get(reverse("articles:article_list")), reverse("articles:archive"))


# --- Feeds of an author and of a source ------------------------------------------------------


AUTHOR_FEEDS = ["articles:author_feed_rss", "articles:author_feed_atom"]
SOURCE_FEEDS = ["articles:source_feed_rss", "articles:source_feed_atom"]


@pytest.mark.parametrize("feed", AUTHOR_FEEDS)
def test_an_author_feed_lists_only_their_public_articles(client, make_article, author, feed):
    mine = make_article(title="Signé Claire", authors=[author], published_at=JANUARY_26_2023)
    make_article(title="Signé par un autre")
    for state in NOT_PUBLIC.values():
        make_article(title="Pas encore public", authors=[author], **state)
    parsed = read_feed(client, reverse(feed, kwargs={"slug": author.slug}))
    assert [entry.title for entry in parsed.entries] == [mine.title]
    (entry,) = parsed.entries
    assert entry.id == mine.feed_id
    assert entry.link == f"http://testserver{mine.get_absolute_url()}"
    assert author.name in parsed.feed.title
    assert parsed.feed.link == f"http://testserver{author.get_absolute_url()}"
    assert mine.body in entry.content[0].value


@pytest.mark.parametrize("feed", SOURCE_FEEDS)
def test_a_source_feed_lists_an_article_citing_it_twice_once(
    client, make_article, make_citation, source, feed
):
    article = make_article(title="Deux pages citées", sources=[source])
    make_citation(article=article, source=source, position=1)
    make_article(title="Sans cette source")
    make_article(title="Programmé", sources=[source], scheduled=True)
    parsed = read_feed(client, reverse(feed, kwargs={"slug": source.slug}))
    assert [entry.title for entry in parsed.entries] == ["Deux pages citées"]
    assert source.name in parsed.feed.title


@pytest.mark.parametrize("feed", SOURCE_FEEDS + AUTHOR_FEEDS)
def test_feeds_of_an_unknown_author_or_source_answer_404(client, db, feed):
    assert client.get(reverse(feed, kwargs={"slug": "personne"})).status_code == 404


@pytest.mark.parametrize("state", NOT_PUBLIC)
@pytest.mark.parametrize("feed", SOURCE_FEEDS + AUTHOR_FEEDS)
def test_feeds_of_an_author_or_source_without_public_article_answer_404(
    client, make_article, author, source, feed, state
):
    make_article(authors=[author], sources=[source], **NOT_PUBLIC[state])
    subject = author if feed in AUTHOR_FEEDS else source
    assert client.get(reverse(feed, kwargs={"slug": subject.slug})).status_code == 404


def test_a_source_and_a_tag_of_the_same_name_have_feeds_of_different_titles(
    client, make_article, make_source, make_tag
):
    source, tag = make_source(name="Microsoft"), make_tag(name="Microsoft")
    make_article(sources=[source], tags=[tag])
    of_source = read_feed(client, reverse("articles:source_feed_rss", kwargs={"slug": source.slug}))
    of_tag = read_feed(client, reverse("articles:tag_feed_rss", kwargs={"slug": tag.slug}))
    assert of_source.feed.title != of_tag.feed.title


@pytest.mark.parametrize(
    ("page", "feeds"),
    [
        ("articles:author_detail", ("articles:author_feed_rss", "articles:author_feed_atom")),
        ("articles:source_detail", ("articles:source_feed_rss", "articles:source_feed_atom")),
    ],
)
def test_author_and_source_pages_announce_and_link_their_feeds(
    client, make_article, author, source, page, feeds
):
    make_article(authors=[author], sources=[source])
    subject = author if page == "articles:author_detail" else source
    response = client.get(reverse(page, kwargs={"slug": subject.slug}))
    rss, atom = (reverse(feed, kwargs={"slug": subject.slug}) for feed in feeds)
    announced = feed_announcements(response)
    assert announced["application/rss+xml"].endswith(rss)
    assert announced["application/atom+xml"].endswith(atom)
    assert has_link(response, rss, "RSS") and has_link(response, atom, "Atom")


def test_the_article_page_reads_its_lists_in_the_order_every_other_page_does(
    make_article, make_author, make_source, time_machine
):
    # Created out of order, so that no list comes out right by accident.
    zoe, claire, bruno = (make_author(name=name) for name in ("Zoé", "Claire", "Bruno"))
    before = make_article(published_at=timezone.now() - timedelta(days=1, microseconds=7))
    article = make_article(authors=[zoe, claire, bruno], tags=["Windows", "Azure", "IA"])
    for position, name in ((2, "Numerama"), (0, "Microsoft"), (1, "Le Monde")):
        article.citations.create(source=make_source(name=name), position=position)
    time_machine.move_to(timezone.now() + timedelta(hours=2), tick=False)
    later = Note.objects.create(article=article, text="Deuxième précision.")
    Note.objects.filter(pk=later.pk).update(created_at=timezone.now() + timedelta(minutes=5))
    Note.objects.create(article=article, kind=Note.Kind.CORRECTION, text="Première.")

    page, links = public_article(article.slug)
    expected = Article.objects.for_page().get(pk=article.pk)

    assert [a.name for a in page.author_list] == ["Bruno", "Claire", "Zoé"]
    assert [t.name for t in page.tag_list] == ["Windows", "Azure", "IA"]
    assert [c.source.name for c in page.citation_list] == ["Microsoft", "Le Monde", "Numerama"]
    assert [n.text for n in page.note_list] == ["Première.", "Deuxième précision."]
    assert page.author_list == expected.author_list and page.tag_list == expected.tag_list
    assert page.citation_list == expected.citation_list
    assert [(n.pk, n.kind, n.created_at) for n in page.note_list] == [
        (n.pk, n.kind, n.created_at) for n in expected.note_list
    ]
    assert page.modified_at == expected.modified_at
    assert (links.previous.pk, links.previous.published_at) == (before.pk, before.published_at)
    assert links.next is None
