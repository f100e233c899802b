"""A query compiled once answers as its queryset does, for every value it is given."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from articles.models import Article
from articles.prepared import PreparedQuery, batch

pytestmark = pytest.mark.django_db

TITLES = PreparedQuery(
    lambda author_id, now: (
        Article.objects.published(at=now)
        .filter(authors=author_id)
        .order_by("-published_at")
        .values_list("title")
    ),
    author_id=int,
    now=datetime,
)


def test_a_prepared_query_answers_as_its_queryset_for_each_value(make_article, make_author):
    claire, julien = make_author(name="Claire Martin"), make_author(name="Julien Moreau")
    now = timezone.now()
    make_article(title="Azure à Marseille", authors=[claire], published_at=now - timedelta(days=2))
    make_article(title="OpenAI et l’Europe", authors=[claire], published_at=now - timedelta(days=1))
    make_article(title="Programmé", authors=[claire], published_at=now + timedelta(days=1))
    make_article(title="Copilot au bureau", authors=[julien], published_at=now - timedelta(days=1))

    assert TITLES.rows(author_id=claire.pk, now=now) == [
        ("OpenAI et l’Europe",),
        ("Azure à Marseille",),
    ]
    assert TITLES.rows(author_id=julien.pk, now=now) == [("Copilot au bureau",)]
    # The moment is a value too: tomorrow, the scheduled article is public.
    tomorrow = TITLES.rows(author_id=claire.pk, now=now + timedelta(days=2))
    assert tomorrow[0] == ("Programmé",)
    assert TITLES.rows(author_id=claire.pk, now=now, limit=1, offset=1) == [("Azure à Marseille",)]


def test_a_prepared_query_gives_model_instances(make_article):
    article = make_article(title="Azure à Marseille")
    make_article(title="Copilot au bureau")
    by_slug = PreparedQuery(lambda slug: Article.objects.filter(slug=slug).only("title"), slug=str)
    [found] = by_slug.instances(slug=article.slug)
    assert (found.pk, found.title) == (article.pk, "Azure à Marseille")
    assert list(by_slug.instances(slug="introuvable")) == []


def test_prepared_instances_carry_their_annotations_and_dates(make_article, make_tag):
    when = datetime(2026, 11, 3, 9, 30, tzinfo=UTC)
    article = make_article(tags=[make_tag(name="Azure"), make_tag(name="IA")], published_at=when)
    counted = PreparedQuery(
        lambda slug: (
            Article.objects.filter(slug=slug)
            .only("published_at")
            .annotate(tag_count=Count("tagged_items"))
        ),
        slug=str,
    )
    [found] = counted.instances(slug=article.slug)
    assert (found.published_at, found.tag_count) == (when, 2)


def test_a_prepared_query_counts_as_one_query(make_article, django_assert_num_queries):
    author_id = make_article().authors.get().pk
    with django_assert_num_queries(1):
        assert TITLES.rows(author_id=author_id, now=timezone.now())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepares statements")
def test_postgresql_prepares_a_query_run_again_and_again(make_article):
    article = make_article()
    author_id, now = article.authors.get().pk, timezone.now()
    sql, _ = TITLES.sql(author_id=author_id, now=now)
    for _ in range(6):
        assert TITLES.rows(author_id=author_id, now=now) == [(article.title,)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]
    placeholders = iter(range(1, sql.count("%s") + 1))
    assert re.sub("%s", lambda _: f"${next(placeholders)}", sql) in prepared


def test_a_value_that_is_no_parameter_of_the_sql_is_refused(db):
    sliced = PreparedQuery(lambda size: Article.objects.all()[:size], size=int)
    with pytest.raises(ValueError, match="size"):
        sliced.rows(size=20)
    with pytest.raises(TypeError):
        TITLES.rows(author_id=1)


def test_queries_sent_together_each_get_their_own_answer(
    make_article, make_author, django_assert_num_queries
):
    claire, julien = make_author(name="Claire Martin"), make_author(name="Julien Moreau")
    make_article(title="Azure à Marseille", authors=[claire])
    make_article(title="Copilot au bureau", authors=[julien])
    now, answers = timezone.now(), {}
    with django_assert_num_queries(2), batch() as queries:
        for author in (claire, julien):
            TITLES.queue(
                queries,
                answers.setdefault(author.name, []).extend,
                rows=True,
                author_id=author.pk,
                now=now,
            )
        assert answers == {"Claire Martin": [], "Julien Moreau": []}  # not run yet
    assert answers == {
        "Claire Martin": [("Azure à Marseille",)],
        "Julien Moreau": [("Copilot au bureau",)],
    }
