"""Pages stay fast and constant as the archive grows.

Listings take their counts and pages from the public lists (articles/lists.py), which
the database keeps in step with every write: these tests write articles every way the
newsroom does (forms, admin actions, restored versions, bulk updates, plain SQL) and
compare the lists with what the articles alone say. On SQLite they also pin the query
plans: each page reads an index, never a whole table.
"""

import re
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
import reversion
from django.db import connection, connections, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import lists
from articles import models as article_models
from articles.models import (
    CARD_FIELDS,
    Article,
    Author,
    Citation,
    ListCount,
    ListEntry,
    Source,
    Tag,
    TaggedArticle,
)

from .helpers import form_data, form_errors

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

Kind = ListEntry.Kind
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's query plans and statistics"
)


def days_ago(days: float) -> datetime:
    return timezone.now() - timedelta(days=days)


# --- What the lists must hold, worked out from the articles alone ---------------------


def expected_entries() -> set[tuple]:
    """(article, kind, subject, status, date) for each dated article and list it is in."""
    dated = {
        pk: (status, when)
        for pk, status, when in Article.objects.exclude(published_at=None).values_list(
            "pk", "status", "published_at"
        )
    }
    entries = set()
    for pk, (status, when) in dated.items():
        month = timezone.localtime(when)
        entries.add((pk, Kind.SITE, 0, status, when))
        entries.add((pk, Kind.MONTH, month.year * 100 + month.month, status, when))
    links = [
        (Kind.TAG, TaggedArticle.objects.values_list("content_object_id", "tag_id")),
        (Kind.SOURCE, Citation.objects.values_list("article_id", "source_id")),
        (Kind.AUTHOR, Article.authors.through.objects.values_list("article_id", "author_id")),
    ]
    for kind, pairs in links:
        for pk, subject in set(pairs):
            if pk in dated:
                entries.add((pk, kind, subject, *dated[pk]))
    return entries


def public_articles(subject) -> list[int]:
    """The pks a list must show, newest first: published(), as listings read it before."""
    public = Article.objects.published()
    if isinstance(subject, Tag):
        public = public.filter(tagged_items__tag=subject)
    elif isinstance(subject, Source):
        public = public.filter(citations__source=subject).distinct()
    elif isinstance(subject, Author):
        public = public.filter(authors=subject)
    return list(public.values_list("pk", flat=True))


def assert_lists_in_step():
    entries = set(
        ListEntry.objects.values_list("article_id", "kind", "subject_id", "status", "published_at")
    )
    assert entries == expected_entries()
    counted = Counter((kind, subject, status) for _, kind, subject, status, _ in entries)
    stored = {
        (kind, subject, status): n
        for kind, subject, status, n in ListCount.objects.values_list(
            "kind", "subject_id", "status", "articles"
        )
        if n
    }
    assert stored == dict(counted)
    subjects = [None, *Tag.objects.all(), *Source.objects.all(), *Author.objects.all()]
    for subject in subjects:
        listing = Article.objects.published().listing(subject)
        expected = public_articles(subject)
        assert listing.count() == len(expected), subject
        assert [article.pk for article in listing[0:1000]] == expected, subject


# --- Every way of writing keeps them in step -------------------------------------------


def test_the_lists_follow_articles_written_one_by_one(
    make_article, make_author, make_source, make_tag
):
    microsoft, azure = make_tag(name="Microsoft"), make_tag(name="Azure")
    tribune, claire = make_source(name="La Tribune"), make_author(name="Claire")
    article = make_article(tags=[microsoft, azure], sources=[tribune], authors=[claire])
    make_article(tags=[microsoft], sources=[tribune, make_source()], published_at=days_ago(40))
    make_article(tags=[azure], draft=True)
    make_article(tags=[azure], review=True)
    make_article(tags=[microsoft], sources=[tribune], scheduled=True)
    assert_lists_in_step()

    article.tags.set([azure, "IA"])
    article.authors.add(make_author())
    Citation.objects.create(article=article, source=make_source(), position=1)
    assert_lists_in_step()

    article.published_at = days_ago(75)  # another month
    article.save()
    assert_lists_in_step()

    article.status = Article.Status.DRAFT
    article.save()
    assert_lists_in_step()

    article.delete()
    assert_lists_in_step()


def test_a_source_cited_twice_lists_its_article_once(make_article, make_source):
    source = make_source()
    article = make_article(sources=[source, source])
    listing = Article.objects.published().listing(source)
    assert listing.count() == 1
    first, second = article.citations.all()
    first.delete()
    assert listing.count() == 1
    assert_lists_in_step()
    second.delete()
    assert listing.count() == 0
    assert_lists_in_step()


def test_the_lists_follow_the_admin_form_and_actions(
    editor_client, make_article, make_source, make_tag
):
    article = make_article(
        tags=["Azure", "Microsoft"], sources=[make_source(), make_source()], review=True
    )
    change = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(
        editor_client.get(change),
        "article_form",
        _save="Enregistrer",
        tags="OpenAI, Azure",
        status="published",
        published_at_0="26/01/2023",
        published_at_1="12:00",
        **{"citations-1-DELETE": "on"},
    )
    response = editor_client.post(change, data)
    assert response.status_code == 302, form_errors(response)
    assert_lists_in_step()

    changelist = reverse("admin:articles_article_changelist")
    other = make_article(tags=["Azure"], sources=[make_source()], review=True)
    for action in ("unpublish", "publish"):
        selected = {"action": action, "_selected_action": [article.pk, other.pk]}
        assert editor_client.post(changelist, selected).status_code == 302
        assert_lists_in_step()


def test_the_lists_follow_a_restored_version_and_a_recovered_article(make_article, make_source):
    article = make_article(tags=["Azure", "Microsoft"], sources=[make_source()])
    with reversion.create_revision():
        article.save()
    article.tags.set(["OpenAI"])
    article.status = Article.Status.DRAFT
    article.published_at = days_ago(90)
    with reversion.create_revision():
        article.save()
    assert_lists_in_step()

    oldest = Version.objects.get_for_object(article).order_by("pk").first()
    oldest.revision.revert(delete=True)  # rows written raw, without save()
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED
    assert_lists_in_step()

    pk = article.pk
    article.delete()
    assert_lists_in_step()
    [deleted] = Version.objects.get_deleted(Article)
    deleted.revision.revert()
    assert Article.objects.filter(pk=pk).exists()
    assert_lists_in_step()


def test_the_lists_follow_bulk_writes_and_plain_sql(make_article, make_source, make_tag):
    ia, cloud = make_tag(name="IA"), make_tag(name="Cloud")
    articles = [
        make_article(tags=[ia], sources=[make_source()], published_at=days_ago(n * 20))
        for n in range(1, 6)
    ]
    pks = [article.pk for article in articles]

    Article.objects.filter(pk__in=pks[:2]).update(status=Article.Status.DRAFT)
    assert_lists_in_step()
    Article.objects.filter(pk__in=pks[2:]).update(published_at=F("published_at") - timedelta(40))
    assert_lists_in_step()
    TaggedArticle.objects.bulk_create(TaggedArticle(content_object_id=pk, tag=cloud) for pk in pks)
    assert_lists_in_step()
    Citation.objects.filter(article_id__in=pks[:3]).delete()
    assert_lists_in_step()
    cloud.absorb([ia])  # taggings moved to another tag by an UPDATE
    assert_lists_in_step()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article SET status = %s WHERE id = %s",
            [Article.Status.PUBLISHED, pks[0]],
        )
        cursor.execute("DELETE FROM articles_taggedarticle WHERE content_object_id = %s", [pks[1]])
    assert_lists_in_step()
    Article.objects.filter(pk__in=pks[3:]).delete()
    assert_lists_in_step()


def test_the_lists_follow_a_table_emptied_at_once(make_article, make_source):
    for _ in range(3):
        make_article(tags=["IA", "Cloud"], sources=[make_source()])
    # What `manage.py flush` or an emptied archive does: TRUNCATE fires no row trigger.
    emptying = "TRUNCATE {}" if connection.vendor == "postgresql" else "DELETE FROM {}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The foreign keys checked now, not at commit: TRUNCATE wants none pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(emptying.format("articles_taggedarticle"))
    assert_lists_in_step()
    with connection.cursor() as cursor:
        cursor.execute(emptying.format("articles_citation"))
    assert_lists_in_step()


def test_a_scheduled_article_counts_from_its_time_without_any_write(
    client, make_article, tag, time_machine
):
    make_article(tags=[tag], published_at=days_ago(3))
    when = timezone.now() + timedelta(hours=2)
    make_article(title="Annonce programmée", tags=[tag], published_at=when)
    listing = Article.objects.published().listing(tag)
    assert listing.count() == 1
    assert sum(row["count"] for row in Article.objects.published().months()) == 1

    time_machine.move_to(when + timedelta(minutes=1))
    assert listing.count() == 2
    assert sum(row["count"] for row in Article.objects.published().months()) == 2
    page = client.get(reverse("articles:tag_detail", kwargs={"slug": tag.slug}))
    assert "Annonce programmée" in page.text


def test_months_are_the_public_articles_grouped_by_month_in_paris_time(make_article):
    instants = [
        datetime(2023, 1, 31, 22, 59, tzinfo=UTC),  # 23:59 in Paris, January
        datetime(2023, 1, 31, 23, 0, tzinfo=UTC),  # midnight in Paris: February
        datetime(2023, 3, 31, 21, 59, tzinfo=UTC),  # summer time: still March
        datetime(2023, 3, 31, 22, 0, tzinfo=UTC),  # April
        datetime(2023, 10, 31, 22, 30, tzinfo=UTC),  # winter time again: October
        datetime(2024, 2, 29, 12, tzinfo=UTC),
    ]
    for when in instants:
        make_article(published_at=when)
    make_article(draft=True)
    make_article(scheduled=True)
    expected = Counter()
    for when in Article.objects.published().values_list("published_at", flat=True):
        local = timezone.localtime(when)
        expected[datetime(local.year, local.month, 1, tzinfo=local.tzinfo)] += 1
    months = Article.objects.published().months()
    assert [row["month"] for row in months] == sorted(expected, reverse=True)
    assert {row["month"]: row["count"] for row in months} == expected
    paris = timezone.get_default_timezone()
    assert all(row["month"].tzinfo == paris for row in months)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers")
def test_two_transactions_writing_one_article_at_once_keep_the_lists_right(make_article):
    article = make_article(tags=["IA"])
    first_wrote = threading.Event()

    def first():
        with transaction.atomic():
            article.tags.add("Cloud")
            first_wrote.set()
            time.sleep(0.3)  # the second writer has to wait for this commit
        connections.close_all()

    def second():
        first_wrote.wait()
        with transaction.atomic():
            article.tags.add("Azure")
        connections.close_all()

    writers = [threading.Thread(target=first), threading.Thread(target=second)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert sorted(article.tags.names()) == ["Azure", "Cloud", "IA"]
    assert_lists_in_step()


def test_the_lists_repair_themselves_at_the_next_migrate(make_article, tag):
    make_article(tags=[tag])
    # What SQLite does to a table's triggers when a migration rebuilds the table.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"DROP TRIGGER {lists.PREFIX}articles_taggedarticle_insert")
        else:
            cursor.execute(
                f"DROP TRIGGER {lists.PREFIX}articles_taggedarticle_insert"
                " ON articles_taggedarticle"
            )
    assert not lists.installed()
    make_article(tags=[tag])
    with pytest.raises(AssertionError):
        assert_lists_in_step()

    lists.after_migrate(statistics=False)
    assert lists.installed()
    assert_lists_in_step()


# --- Related articles: a bounded choice ------------------------------------------------


def test_related_articles_are_chosen_among_the_newest_of_each_tag(make_article, monkeypatch):
    # Windows of three: the article itself and the two newest others of each tag.
    monkeypatch.setattr(article_models, "RELATED_WINDOW", 3)
    article = make_article(tags=["IA", "Azure"])
    make_article(title="Ancien, deux tags", tags=["IA", "Azure"], published_at=days_ago(30))
    newer = [
        make_article(title=title, tags=[tag], published_at=days_ago(days))
        for title, tag, days in [
            ("IA, hier", "IA", 1),
            ("Azure, hier", "Azure", 1.5),
            ("IA, avant-hier", "IA", 2),
            ("Azure, avant-hier", "Azure", 2.5),
        ]
    ]
    related = Article.objects.published().related_to(article)
    # The older article shares more tags, but is no longer among the newest of either.
    assert [a.title for a in related] == [a.title for a in newer]
    assert [a.shared_tags for a in related] == [1, 1, 1, 1]


# --- What a page reads -------------------------------------------------------------------


def selected_columns(queries) -> list[str]:
    return [q["sql"].split(" FROM ")[0] for q in queries if "articles_article" in q["sql"]]


def test_a_deep_page_costs_what_the_first_page_costs(client, make_article, tag):
    for days in range(45):
        make_article(tags=[tag], published_at=days_ago(days + 1))
    url = reverse("articles:tag_detail", kwargs={"slug": tag.slug})
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as third:
        response = client.get(url, {"page": 3})
    assert len(response.context["articles"]) == 5
    assert len(third) == len(first)


def test_listings_never_read_the_bodies_they_do_not_show(client, make_article, tag, source):
    article = make_article(tags=[tag], sources=[source])
    author = article.authors.get()
    listings = [
        reverse("articles:article_list"),
        reverse("articles:tag_detail", kwargs={"slug": tag.slug}),
        reverse("articles:source_detail", kwargs={"slug": source.slug}),
        reverse("articles:author_detail", kwargs={"slug": author.slug}),
    ]
    for url in listings:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert not any('"body"' in columns for columns in selected_columns(queries)), url
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("articles:tag_feed_rss", kwargs={"slug": tag.slug}))
    assert any('"body"' in columns for columns in selected_columns(queries))


# --- SQLite: plans and statistics --------------------------------------------------------


def plan(queryset_or_sql) -> list[str]:
    if isinstance(queryset_or_sql, tuple):
        sql, params = queryset_or_sql
    else:
        sql, params = queryset_or_sql.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return [row[3] for row in cursor.fetchall()]


def reads_no_whole_table(steps: list[str]) -> bool:
    return not any(re.match(r"SCAN (articles_|[UV]\d)", step) for step in steps)


@sqlite_only
def test_the_statistics_are_those_of_a_large_archive_whatever_its_size(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT tbl, idx, stat FROM sqlite_stat1")
        stats = {(table, index): stat for table, index, stat in cursor.fetchall()}
        tables = sorted({table for table, _ in lists.SCALE_PROFILE})
        cursor.execute(
            "SELECT tbl_name, name FROM sqlite_master WHERE type = 'index'"
            f" AND tbl_name IN ({', '.join(['%s'] * len(tables))})",
            tables,
        )
        indexes = set(cursor.fetchall())
    assert indexes == set(lists.SCALE_PROFILE)  # a new index needs its line
    assert {key: stats.get(key) for key in lists.SCALE_PROFILE} == lists.SCALE_PROFILE


@sqlite_only
def test_a_tag_page_is_counted_and_paged_on_the_lists_index(make_article, tag):
    make_article(tags=[tag])
    kind, subject_id = lists.list_key(tag)
    now = timezone.now()
    count = plan(lists.Listing._count.sql(kind=kind, subject_id=subject_id, now=now))
    assert any("list_entry_order" in step for step in count)
    assert any("sqlite_autoindex_articles_listcount_1" in step for step in count)
    assert reads_no_whole_table(count)

    page = lists.page_query("default", CARD_FIELDS)
    deep = plan(page.sql(kind=kind, subject_id=subject_id, now=now, size=20, start=19980))
    assert any("COVERING INDEX list_entry_order" in step for step in deep)
    assert "SEARCH articles_article USING INTEGER PRIMARY KEY (rowid=?)" in deep
    assert reads_no_whole_table(deep)


@sqlite_only
def test_related_articles_neighbours_and_months_read_indexes(make_article, tag):
    # Feeds read their subject's list as its pages do (the test above).
    article = make_article(tags=[tag, "Azure"])
    public = Article.objects.published()

    related = plan(public.related_to(article))
    # Each tag's window is a range of the lists' index, read from the index alone.
    windows = [step for step in related if step.startswith("SEARCH articles_listentry")]
    assert windows and all("COVERING INDEX list_entry_order" in step for step in windows)
    assert reads_no_whole_table(related)

    when = article.published_at
    before = public.filter(published_at__lte=when).order_by("-published_at", "-pk")[:1]
    assert "article_status_published" in plan(before)[0]

    months = plan(ListCount.objects.filter(kind=Kind.MONTH))
    assert reads_no_whole_table(months)
