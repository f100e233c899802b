"""`manage.py build_archive --articles 100000`: fill the database with a newsroom archive.

Rows are written with bulk_create, in batches and in one transaction (an interrupted
build leaves nothing behind), so Article.save() and the search receivers do not run:
the bodies are generated already sanitised, the hero images' renditions are made once
and shared, and the search index is rebuilt at the end. Then the planner's statistics
are refreshed (ANALYZE), as they would be on a live database.

Run with DJANGO_SETTINGS_MODULE=bench.settings; the database is the one configured
there (a SQLite file per archive size, or DATABASE_URL).
"""

import os
import re
import sys
import threading
import time
from contextlib import contextmanager

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from articles import html, renditions, search
from articles.demo import illustrations
from articles.models import (
    Article,
    Author,
    Citation,
    Source,
    Tag,
    TaggedArticle,
)
from articles.slugs import slugify
from bench import corpus
from bench.archive import Generator, counts

BATCH_SIZE = 1000
# bench.settings names the SQLite file after the archive size (BENCH_ARTICLES).
SQLITE_FILE = re.compile(r"archive-(\d+)\.sqlite3$")
SEED = 2024
# The demo drawer's palettes: one image per colour scheme, shared by the articles.
IMAGE_PALETTES = [
    "microsoft",
    "openai",
    "azure",
    "securite",
    "regulation",
    "ia",
    "cloud",
    "windows",
]
IMAGE_FOLDER = "articles/archive"
ArticleAuthor = Article.authors.through
# What --rebuild empties: every table of the articles app (whatever it holds by then:
# lists, counts, redirects…) and the search index, which is not a model.
SEARCH_TABLE = "articles_search"


def default_articles() -> int:
    return int(os.environ.get("BENCH_ARTICLES", "100000"))


def stored_counts() -> dict[str, int]:
    """What the database holds now, in the terms of bench.archive.counts()."""
    now = timezone.now()
    articles = Article.objects.all()
    return {
        "articles": articles.count(),
        "published": articles.filter(status="published", published_at__lte=now).count(),
        "tags": Tag.objects.count(),
        "sources": Source.objects.count(),
        "authors": Author.objects.count(),
    }


def holds_archive(articles: int) -> bool:
    """Whether the database holds the archive of this size (scheduled articles that
    have come out since the build count as published)."""
    expected, stored = counts(articles), stored_counts()
    keys = ("articles", "tags", "sources", "authors")
    return all(stored[key] == expected[key] for key in keys) and (
        articles <= stored["published"] <= articles + expected["scheduled"]
    )


class Progress:
    """A one-line progress bar on stderr, redrawn in place with a carriage return."""

    WIDTH = 30

    def __init__(self, label: str, total: int, stream=sys.stderr):
        self.label, self.total, self.stream = label, total, stream
        self.done, self.start, self.drawn = 0, time.monotonic(), 0.0

    def advance(self, n: int) -> None:
        self.done += n
        if time.monotonic() - self.drawn > 0.2 or self.done >= self.total:
            self.draw()

    def draw(self, end: str = "") -> None:
        self.drawn = time.monotonic()
        share = self.done / self.total if self.total else 1
        bar = "#" * round(share * self.WIDTH)
        elapsed = self.drawn - self.start
        self.stream.write(
            f"\r{self.label:<16} [{bar:<{self.WIDTH}}] {self.done:>9,}/{self.total:,}"
            f" {share:4.0%}  {elapsed:6.1f} s{end}"
        )
        self.stream.flush()

    def close(self) -> None:
        self.draw(end="\n")


@contextmanager
def ticking(label: str, stream=sys.stderr):
    """Elapsed seconds on stderr while a step that reports no progress runs."""
    stop = threading.Event()
    start = time.monotonic()

    def tick():
        while not stop.wait(0.5):
            stream.write(f"\r{label:<16} … {time.monotonic() - start:6.1f} s")
            stream.flush()

    thread = threading.Thread(target=tick, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        stream.write(f"\r{label:<16} done in {time.monotonic() - start:.1f} s\n")
        stream.flush()


class Command(BaseCommand):
    help = (
        "Fill the database with a newsroom archive for benchmarks: published articles, "
        "drafts and scheduled ones, tags, sources, authors, shared hero images. "
        "Run with DJANGO_SETTINGS_MODULE=bench.settings."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=default_articles(),
            help="Published articles (default: $BENCH_ARTICLES or 100000).",
        )
        parser.add_argument(
            "--rebuild", action="store_true", help="Empty the articles tables first."
        )
        parser.add_argument("--seed", type=int, default=SEED)
        parser.add_argument(
            "--any-database",
            action="store_true",
            help="Allow a database whose name does not contain 'bench'.",
        )

    def handle(self, *args, articles, rebuild, seed, any_database, **options):
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        name = str(connection.settings_dict["NAME"])
        if "bench" not in name and not any_database:
            raise CommandError(
                f"The database {name!r} does not look like a benchmark database (no 'bench' in "
                "its name): build_archive empties and fills it. --any-database to go on."
            )
        if connection.vendor == "sqlite" and (match := SQLITE_FILE.search(name)):
            if int(match.group(1)) != articles:
                raise CommandError(
                    f"{name} is the database of the {int(match.group(1)):,}-article archive: "
                    f"set BENCH_ARTICLES={articles} to build one of {articles:,}."
                )
        self.timings: dict[str, float] = {}
        with self.timed("migrations"):
            call_command("migrate", interactive=False, verbosity=0)
        if holds_archive(articles) and not rebuild:
            self.stdout.write(
                f"{connection.vendor} {name}: already holds an archive of {articles:,} "
                "articles; nothing to do (--rebuild to build it again)."
            )
            return
        if stored_counts()["articles"] or Tag.objects.exists() or Source.objects.exists():
            if not rebuild:
                raise CommandError(
                    f"{name} holds other articles ({stored_counts()}), not an archive of "
                    f"{articles:,}. --rebuild empties the articles tables and builds it."
                )
        self.build(articles, seed, empty_first=rebuild)
        self.report(articles)

    @contextmanager
    def timed(self, phase: str):
        start = time.monotonic()
        yield
        self.timings[phase] = self.timings.get(phase, 0) + time.monotonic() - start

    def build(self, articles: int, seed: int, empty_first: bool) -> None:
        generator = Generator(seed)
        now = timezone.now()
        with transaction.atomic():
            if empty_first:
                with self.timed("emptying"):
                    self.empty()
            with self.timed("vocabulary"):
                tags = Tag.objects.bulk_create(
                    Tag(name=name, slug=slugify(name)) for name in generator.tag_names()
                )
                sources = Source.objects.bulk_create(
                    Source(name=name, slug=slugify(name), url=url)
                    for name, url in generator.sources()
                )
                authors = Author.objects.bulk_create(
                    Author(
                        name=name,
                        slug=slugify(name),
                        bio=f"{name} suit le cloud, l’IA et la cybersécurité pour la rédaction.",
                    )
                    for name in generator.author_names()
                )
            with self.timed("images"):
                images = self.make_images()
            with self.timed("articles"):
                self.insert_articles(generator, articles, now, images, tags, sources, authors)
            with self.timed("dates"):
                # bulk_create sets created_at and updated_at to now: an archive article was
                # written when it was published, and not edited since.
                Article.objects.filter(published_at__lte=now).update(
                    created_at=F("published_at"), updated_at=F("published_at")
                )
            with self.timed("search index"), ticking("search index"):
                search.rebuild()
        with self.timed("analyze"), ticking("analyze"), connection.cursor() as cursor:
            # VACUUM also sets PostgreSQL's visibility map, as autovacuum soon would on a
            # live database; it cannot run in a transaction.
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

    def empty(self) -> None:
        """Empty the articles app's tables in one statement per table (one TRUNCATE on
        PostgreSQL), sequences reset: the archive's ids start at 1 again."""
        models = apps.get_app_config("articles").get_models(include_auto_created=True)
        tables = {model._meta.db_table for model in models if model._meta.managed}
        existing = set(connection.introspection.table_names())
        tables = sorted((tables | {SEARCH_TABLE}) & existing)
        with connection.cursor() as cursor:
            for statement in connection.ops.sql_flush(no_style(), tables, reset_sequences=True):
                cursor.execute(statement)

    def make_images(self) -> list[dict]:
        """Draw the shared hero images, store them and their renditions; their fields."""
        storage = Article._meta.get_field("hero_image").storage
        images = []
        progress = Progress("images", len(IMAGE_PALETTES))
        for number, palette in enumerate(IMAGE_PALETTES, start=1):
            content = illustrations.draw(f"archive-{number}", palette)
            name = f"{IMAGE_FOLDER}/visuel-{number:02d}-{palette}.jpg"
            if storage.exists(name):
                storage.delete(name)
            stored = storage.save(name, ContentFile(content))
            # A field file of an unsaved article: what renditions.make() reads from.
            holder = Article(hero_image=stored)
            images.append(
                {
                    "hero_image": stored,
                    "hero_width": illustrations.WIDTH,
                    "hero_height": illustrations.HEIGHT,
                    "hero_type": "image/jpeg",
                    "hero_size": len(content),
                    "hero_renditions": renditions.make(holder.hero_image),
                    "hero_alt": illustrations.describe(palette),
                    "hero_credit": corpus.HERO_CREDIT,
                }
            )
            progress.advance(1)
        progress.close()
        return images

    def insert_articles(self, generator, published, now, images, tags, sources, authors):
        total = counts(published)["articles"]
        progress = Progress("articles", total)
        draws = generator.articles(published, now, len(images))
        while batch := [draw for _, draw in zip(range(BATCH_SIZE), draws, strict=False)]:
            rows = Article.objects.bulk_create(
                Article(
                    title=draw.title,
                    slug=draw.slug,
                    standfirst=draw.standfirst,
                    body=draw.body,
                    word_count=html.word_count(draw.body),
                    status=draw.status,
                    published_at=draw.published_at,
                    first_published_at=draw.published_at,
                    **(images[draw.image] if draw.image is not None else {}),
                )
                for draw in batch
            )
            taggings, citations, bylines = [], [], []
            for article, draw in zip(rows, batch, strict=True):
                taggings += [TaggedArticle(content_object=article, tag=tags[i]) for i in draw.tags]
                bylines += [ArticleAuthor(article=article, author=authors[i]) for i in draw.authors]
                for position, (i, exact) in enumerate(
                    zip(draw.sources, draw.citation_urls, strict=True)
                ):
                    source = sources[i]
                    url = f"{source.url}actualites/{article.slug}/" if exact else ""
                    citations.append(
                        Citation(article=article, source=source, url=url, position=position)
                    )
            TaggedArticle.objects.bulk_create(taggings)
            ArticleAuthor.objects.bulk_create(bylines)
            Citation.objects.bulk_create(citations)
            progress.advance(len(batch))
        progress.close()

    def report(self, articles: int) -> None:
        expected = counts(articles)
        self.stdout.write(
            f"{connection.vendor} {connection.settings_dict['NAME']}: {articles:,} published "
            f"articles, {expected['drafts']:,} drafts, {expected['scheduled']:,} scheduled, "
            f"{expected['tags']} tags, {expected['sources']:,} sources, "
            f"{expected['authors']} authors."
        )
        for phase, seconds in self.timings.items():
            self.stdout.write(f"  {phase:<14} {seconds:8.1f} s")
        self.stdout.write(f"  {'total':<14} {sum(self.timings.values()):8.1f} s")
