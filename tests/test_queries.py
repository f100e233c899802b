"""A page costs a small, fixed number of queries, whatever it lists."""

import itertools
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

# What it costs to make a page (tests/test_pagecache.py counts what a cached one costs).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

MAX_QUERIES = 8


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def world(make_article, make_author, make_source, tag, source, author):
    """Articles sharing a tag, a source and an author, each with more of all three."""

    topics = itertools.count()

    def add(count):
        for _ in range(count):
            make_article(
                authors=[author, make_author()],
                tags=[tag, f"Sujet {next(topics)}"],
                sources=[source, make_source()],
            )

    return add


LISTINGS = {
    "home": lambda tag, source, author: reverse("articles:article_list"),
    "tag index": lambda tag, source, author: reverse("articles:tag_list"),
    "tag": lambda tag, source, author: reverse("articles:tag_detail", kwargs={"slug": tag.slug}),
    "source": lambda tag, source, author: reverse(
        "articles:source_detail", kwargs={"slug": source.slug}
    ),
    "author": lambda tag, source, author: reverse(
        "articles:author_detail", kwargs={"slug": author.slug}
    ),
    "site RSS": lambda tag, source, author: reverse("articles:feed_rss"),
    "site Atom": lambda tag, source, author: reverse("articles:feed_atom"),
    "tag RSS": lambda tag, source, author: reverse(
        "articles:tag_feed_rss", kwargs={"slug": tag.slug}
    ),
    "tag Atom": lambda tag, source, author: reverse(
        "articles:tag_feed_atom", kwargs={"slug": tag.slug}
    ),
    "source RSS": lambda tag, source, author: reverse(
        "articles:source_feed_rss", kwargs={"slug": source.slug}
    ),
    "source Atom": lambda tag, source, author: reverse(
        "articles:source_feed_atom", kwargs={"slug": source.slug}
    ),
    "author RSS": lambda tag, source, author: reverse(
        "articles:author_feed_rss", kwargs={"slug": author.slug}
    ),
    "author Atom": lambda tag, source, author: reverse(
        "articles:author_feed_atom", kwargs={"slug": author.slug}
    ),
    "archives": lambda tag, source, author: reverse("articles:archive"),
    # The factory publishes articles an hour ago.
    "month": lambda tag, source, author: reverse(
        "articles:archive_month",
        kwargs={
            "year": timezone.localtime(timezone.now() - timedelta(hours=1)).year,
            "month": timezone.localtime(timezone.now() - timedelta(hours=1)).month,
        },
    ),
}


@pytest.mark.parametrize("listing", LISTINGS)
def test_a_listing_costs_the_same_queries_for_1_or_20_articles(
    client, world, tag, source, author, listing, django_assert_max_num_queries
):
    url = LISTINGS[listing](tag, source, author)
    world(1)
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(url)
    one = count_queries(client, url)
    world(19)
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(url)
    assert count_queries(client, url) == one


def test_the_article_page_costs_the_same_queries_for_1_or_20_authors_tags_and_sources(
    client, make_article, make_author, make_source, django_assert_max_num_queries
):
    small = make_article(authors=[make_author()], tags=["IA"], sources=[make_source()])
    big = make_article(
        authors=[make_author() for _ in range(20)],
        tags=[f"Sujet {n}" for n in range(20)],
        sources=[make_source() for _ in range(20)],
    )
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(small.get_absolute_url())
    one = count_queries(client, small.get_absolute_url())
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(big.get_absolute_url())
    assert count_queries(client, big.get_absolute_url()) == one


def test_related_articles_and_neighbours_cost_the_same_for_none_or_many(
    client, make_article, django_assert_max_num_queries
):
    alone = make_article(tags=["Seul"], published_at=timezone.now() - timedelta(days=30))
    article = make_article(tags=["IA", "Azure"], published_at=timezone.now() - timedelta(days=2))
    for days in range(3, 9):
        make_article(tags=["IA", "Azure"], published_at=timezone.now() - timedelta(days=days))
    make_article(tags=["IA"])
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(article.get_absolute_url())
    assert len(response.context["related"]) == 4
    assert response.context["previous"] and response.context["next"]
    lonely = client.get(alone.get_absolute_url())
    assert not lonely.context["related"] and not lonely.context["previous"]
    assert count_queries(client, alone.get_absolute_url()) == count_queries(
        client, article.get_absolute_url()
    )


def test_page_two_costs_what_page_one_costs(client, world, django_assert_num_queries):
    world(25)
    home = reverse("articles:article_list")
    first = count_queries(client, home)
    with django_assert_num_queries(first):
        response = client.get(home, {"page": 2})
    assert len(response.context["articles"]) == 5
