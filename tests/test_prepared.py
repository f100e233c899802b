"""A query compiled once answers as its queryset does, for every value it is given."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from articles.prepared import PreparedQuery

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


def test_a_value_that_is_no_parameter_of_the_sql_is_refused(db):
    sliced = PreparedQuery(lambda size: Article.objects.all()[:size], size=int)
    with pytest.raises(ValueError, match="size"):
        sliced.rows(size=20)
    with pytest.raises(TypeError):
        TITLES.rows(author_id=1)
