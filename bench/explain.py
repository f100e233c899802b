"""`python -m bench.explain`: the query plan of every query the public pages run.

Each page is requested once through Django's test client (page cache off), its queries
recorded with their parameters, then explained: EXPLAIN (ANALYZE) on PostgreSQL (node
types and time), EXPLAIN QUERY PLAN on SQLite. A query reading a whole large table
(articles, taggings, citations, bylines, lists) is flagged.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=postgres://... python -m bench.explain
    python -m bench.explain --sql        # the SQL of each query too

Run it on an archive built by `manage.py build_archive` (bench/settings.py's database).
"""

import argparse
import json
import os
import re
import sys
import time

LARGE = (
    "articles_article",
    "articles_taggedarticle",
    "articles_citation",
    "articles_article_authors",
    "articles_listentry",
)
DEEP_PAGE = 1000


def pages() -> list[tuple[str, str]]:
    """(label, path) of the pages explained: the largest tag, source and author."""
    from django.utils import timezone

    from articles.models import Article, Author, ListCount, ListEntry, Source, Tag

    def largest(kind, model):
        row = (
            ListCount.objects.filter(kind=kind, status=Article.Status.PUBLISHED)
            .order_by("-articles", "subject_id")
            .first()
        )
        return model.objects.get(pk=row.subject_id), row.articles

    tag, tagged = largest(ListEntry.Kind.TAG, Tag)
    source, cited = largest(ListEntry.Kind.SOURCE, Source)
    author, written = largest(ListEntry.Kind.AUTHOR, Author)
    public = Article.objects.published().order_by("-published_at", "-pk")
    newest = public.first()
    middle = public[public.count() // 2]
    month = timezone.localtime(newest.published_at)

    def deep(articles: int) -> int:
        return max(1, min(DEEP_PAGE, articles // 20))

    home = "/"
    return [
        ("home", home),
        (f"home, page {deep(public.count())}", f"{home}?page={deep(public.count())}"),
        (f"tag {tag.slug} ({tagged:,})", tag.get_absolute_url()),
        (f"tag {tag.slug}, page {deep(tagged)}", f"{tag.get_absolute_url()}?page={deep(tagged)}"),
        (f"tag {tag.slug} RSS", f"{tag.get_absolute_url()}rss/"),
        (f"source {source.slug} ({cited:,})", source.get_absolute_url()),
        (
            f"source {source.slug}, page {deep(cited)}",
            f"{source.get_absolute_url()}?page={deep(cited)}",
        ),
        (f"source {source.slug} RSS", f"{source.get_absolute_url()}rss/"),
        (f"author {author.slug} ({written:,})", author.get_absolute_url()),
        (f"author {author.slug} RSS", f"{author.get_absolute_url()}rss/"),
        ("article, newest", newest.get_absolute_url()),
        ("article, middle of the archive", middle.get_absolute_url()),
        ("archives", "/archives/"),
        ("month", f"/archives/{month.year}/{month.month:02d}/"),
    ]


def recorded_queries(client, path: str) -> list[tuple[str, tuple]]:
    from django.db import connection

    queries = []

    def record(execute, sql, params, many, context):
        queries.append((sql, tuple(params or ())))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return [(sql, params) for sql, params in queries if sql.lstrip().upper().startswith("SELECT")]


def _walk(node: dict):
    yield node
    for child in node.get("Plans", []):
        yield from _walk(child)


def explain(sql: str, params: tuple) -> tuple[list[str], float, list[str]]:
    """(plan steps, milliseconds, large tables read whole)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
            document = cursor.fetchone()[0]
            document = json.loads(document) if isinstance(document, str) else document
            nodes = list(_walk(document[0]["Plan"]))
            steps = [
                node["Node Type"]
                + (f" on {node['Relation Name']}" if "Relation Name" in node else "")
                + (f" using {node['Index Name']}" if "Index Name" in node else "")
                for node in nodes
            ]
            whole = [
                node["Relation Name"]
                for node in nodes
                if node["Node Type"] == "Seq Scan" and node.get("Relation Name") in LARGE
            ]
            return steps, document[0]["Execution Time"], whole
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        steps = [row[3] for row in cursor.fetchall()]
        start = time.perf_counter()
        cursor.execute(sql, params)
        cursor.fetchall()
        elapsed = (time.perf_counter() - start) * 1000
        whole = [
            table
            for step in steps
            for table in LARGE
            if step.startswith("SCAN ") and step.split()[1] == table
        ]
        return steps, elapsed, whole


def summary(sql: str) -> str:
    """The tables a query reads, in the order its SQL names them."""
    tables = re.findall(r'(?:FROM|JOIN) "?(\w+)"?', sql)
    return ", ".join(dict.fromkeys(tables))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sql", action="store_true", help="print each query's SQL")
    options = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ["NEWSROOM_PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    settings.NEWSROOM["PAGE_CACHE_SECONDS"] = 0
    client = Client(SERVER_NAME=(settings.ALLOWED_HOSTS or ["testserver"])[0])
    print(f"# {connection.vendor} {connection.settings_dict['NAME']}\n")
    flagged = 0
    for label, path in pages():
        client.get(path)  # warm: the first request of a process loads more than its page
        queries = recorded_queries(client, path)
        print(f"## {label} — {path} ({len(queries)} queries)")
        for sql, params in queries:
            steps, elapsed, whole = explain(sql, params)
            verdict = f"READS ALL OF {', '.join(whole)}" if whole else "ok"
            flagged += bool(whole)
            print(f"- {summary(sql)}: {elapsed:.3f} ms, {verdict}")
            for step in steps:
                print(f"    {step}")
            if options.sql:
                print(f"    SQL: {sql} {params}")
        print()
    print(f"{flagged} quer{'y' if flagged == 1 else 'ies'} reading a whole large table.")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
