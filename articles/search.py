"""Search of the published articles, in French, behind one interface on PostgreSQL and SQLite.

The index is the table `articles_search` (migration 0005): one row per article, whatever
its status, holding its title, standfirst, body text, tags (with their other names) and
sources. The receivers at the end of this module rewrite an article's row whenever one of
those changes, in the same transaction. Every search starts from a queryset of published
articles, so publishing, scheduling and unpublishing need no reindexing, and a draft can
never be found.

PostgreSQL: a weighted tsvector in the `french_unaccent` configuration (French stemming,
accents folded), ranked with ts_rank, excerpts from ts_headline. SQLite: an FTS5 table
whose tokenizer folds accents (no stemming), ranked with bm25(), excerpts from snippet().
Only the words of what a reader typed reach either query language, never its syntax.
"""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import QuerySet, signals
from django.db.models.expressions import RawSQL
from django.dispatch import receiver
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .html import plain_text
from .models import Article, Citation, Source, Tag, TagAlias, TaggedArticle

# Longer than this, it is a paste rather than a search: refused with a message.
MAX_QUERY_LENGTH = 200
# Letters and digits of any script. Everything else (quotes, operators, symbols, emoji)
# only separates words, so no input is ever query syntax.
WORD = re.compile(r"[^\W_]+")
# Matches ranked at most, the most recently written first (see matching()).
CANDIDATES = 1000
# Articles read and written per round trip when many are indexed at once.
BATCH_SIZE = 500
# More than any real article; keeps one row well under PostgreSQL's 1 MB tsvector limit.
MAX_FIELD_LENGTH = 100_000
# Around the matched words of an excerpt until it is escaped; private-use characters,
# removed from indexed text so that only the database puts them there.
START, STOP = "\ue000", "\ue001"
# PostgreSQL's parser takes "<video>" in a text for a markup tag and drops it: the
# indexed text spells "<" as this noncharacter, turned back into "<" in excerpts.
LESS_THAN = "\ufdd0"
RESERVED = str.maketrans(dict.fromkeys(map(ord, START + STOP + LESS_THAN)))


class Query(NamedTuple):
    """What a reader typed, tidied to be shown back, and the words searched for."""

    text: str
    words: tuple[str, ...]
    too_long: bool = False


def parse_query(raw: str | None) -> Query:
    """ "  « Sécurité » -Azure\\x00 " -> Query("« Sécurité » -Azure", ("sécurité", "azure"))."""
    text = " ".join(_printable(unicodedata.normalize("NFKC", raw or "")).split())
    if len(text) > MAX_QUERY_LENGTH:
        return Query(text[:MAX_QUERY_LENGTH], (), too_long=True)
    return Query(text, tuple(dict.fromkeys(word.lower() for word in WORD.findall(text))))


def _printable(text: str) -> str:
    # Control, format, private-use and unassigned characters: nothing a reader means.
    return "".join(
        " " if char.isspace() else char
        for char in text
        if char.isspace() or unicodedata.category(char)[0] != "C"
    )


def matching(articles: QuerySet, query: "str | Query") -> "Ranked":
    """The articles matching every word of `query`, most relevant first, then newest.

    Give a queryset of published articles: the index holds drafts too. A common word
    matches most of the archive: only the CANDIDATES most recently written articles that
    match are ranked (by id, from the index), so that a search costs about the same in
    a small archive as in a large one, and a reader of news finds the recent ones.
    """
    words = _words(query)
    if not words:
        return Ranked([], articles)
    backend = _backend(articles.db)
    found = articles.filter(pk__in=RawSQL(backend.MATCHES, [backend.match(words)]))
    candidates = dict(found.order_by("-pk").values_list("pk", "published_at")[:CANDIDATES])
    with connections[articles.db].cursor() as cursor:
        ranks = dict(backend.ranked(cursor, words, list(candidates)))
    ranked = sorted(candidates, key=lambda pk: (-ranks[pk], -candidates[pk].timestamp(), -pk))
    return Ranked(ranked, articles)


class Ranked:
    """Search results in their order, for a paginator: counted without a query, and only
    the page shown is read (through the given queryset, with what it prefetches)."""

    def __init__(self, ids: list[int], articles: QuerySet):
        self.ids, self.articles = ids, articles

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1 or None][0]
        ids = self.ids[index]
        found = {article.pk: article for article in self.articles.filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found]

    def __iter__(self):
        return iter(self[:])


def excerpts(articles: Iterable[Article], query: "str | Query") -> dict[int, SafeString]:
    """A passage of each article's body with the query's words in <mark>, by article id.

    In one query, for the page shown. An article whose body holds none of the words
    (found by its title, tags or sources) gets no excerpt.
    """
    articles = list(articles)
    words = _words(query)
    if not words or not articles:
        return {}
    using = articles[0]._state.db or DEFAULT_DB_ALIAS
    with connections[using].cursor() as cursor:
        rows = _backend(using).excerpts(cursor, [article.pk for article in articles], words)
    return {pk: _highlight(text) for pk, text in rows if START in text}


def _words(query: "str | Query") -> tuple[str, ...]:
    # A page parses its query once and passes it on; a string is parsed here.
    return (parse_query(query) if isinstance(query, str) else query).words


def _highlight(text: str) -> SafeString:
    text = escape(" ".join(text.replace(LESS_THAN, "<").split()))
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))


# --- The two databases ------------------------------------------------------------------


class Document(NamedTuple):
    """What the index holds of one article."""

    id: int
    title: str
    standfirst: str
    body: str
    tags: str  # tag names
    others: str  # the tags' other names (aliases), the sources' names


class PostgreSQL:
    KEY = "article_id"
    # Tags weigh as much as the title, sources and aliases as much as the standfirst.
    DOCUMENT = (
        "setweight(to_tsvector('french_unaccent', %s), 'A')"
        " || setweight(to_tsvector('french_unaccent', %s), 'A')"
        " || setweight(to_tsvector('french_unaccent', %s), 'B')"
        " || setweight(to_tsvector('french_unaccent', %s), 'B')"
        " || setweight(to_tsvector('french_unaccent', %s), 'C')"
    )
    # An upsert: two transactions indexing one article cannot collide on its row.
    UPSERT = (
        f"INSERT INTO articles_search (article_id, document, body) VALUES (%s, {DOCUMENT}, %s)"
        " ON CONFLICT (article_id) DO UPDATE"
        " SET document = EXCLUDED.document, body = EXCLUDED.body"
    )
    MATCHES = (
        "SELECT article_id FROM articles_search"
        " WHERE document @@ plainto_tsquery('french_unaccent', %s)"
    )
    # Normalisation 1: a long article does not outrank a short one by its length alone.
    RANKED = (
        "SELECT article_id, ts_rank(document, plainto_tsquery('french_unaccent', %s), 1)"
        " FROM articles_search WHERE article_id IN ({ids})"
    )
    # One passage of about as many words as SQLite's snippet, the match in its middle.
    HEADLINE_OPTIONS = (
        f"StartSel={START}, StopSel={STOP}, MaxFragments=1, MaxWords=24, MinWords=8, ShortWord=2"
    )
    # Any of the words, so that a word found only in the title does not leave the body
    # passage unmarked; the ellipses say whether the passage is the body's start or end.
    EXCERPTS = """
        SELECT article_id, CASE WHEN starts_with(body, plain) THEN '' ELSE '… ' END
               || excerpt || CASE WHEN right(body, char_length(plain)) = plain THEN '' ELSE '…' END
        FROM (
            SELECT article_id, body, excerpt, translate(excerpt, %s, '') AS plain
            FROM (
                SELECT article_id, body,
                       ts_headline('french_unaccent', body, to_tsquery('french_unaccent', %s), %s)
                       AS excerpt
                FROM articles_search WHERE article_id IN ({ids})
            ) AS headlines
        ) AS excerpts
    """

    @staticmethod
    def match(words: tuple[str, ...]) -> str:
        return " ".join(words)

    def ranked(self, cursor, words: tuple[str, ...], ids: list[int]) -> list[tuple[int, float]]:
        if not ids:
            return []
        cursor.execute(self.RANKED.format(ids=_placeholders(ids)), [self.match(words), *ids])
        return cursor.fetchall()

    def excerpts(self, cursor, ids: list[int], words: tuple[str, ...]) -> list[tuple[int, str]]:
        # Words are letters and digits only: quoted, they are plain lexemes.
        any_word = " | ".join(f"'{word}'" for word in words)
        params = [START + STOP, any_word, self.HEADLINE_OPTIONS, *ids]
        cursor.execute(self.EXCERPTS.format(ids=_placeholders(ids)), params)
        return cursor.fetchall()

    def write(self, cursor, documents: list[Document], removed: list[int]) -> None:
        if removed:
            _delete(cursor, self.KEY, removed)
        rows = []
        for doc in documents:
            body = doc.body.replace("<", LESS_THAN)
            texts = (doc.title, doc.tags, doc.standfirst, doc.others)
            rows.append((doc.id, *(text.replace("<", LESS_THAN) for text in texts), body, body))
        cursor.executemany(self.UPSERT, rows)

    def optimize(self, cursor) -> None:
        cursor.execute("ANALYZE articles_search")


class SQLite:
    KEY = "rowid"
    INSERT = (
        "INSERT INTO articles_search (rowid, title, standfirst, body, keywords)"
        " VALUES (%s, %s, %s, %s, %s)"
    )
    MATCHES = "SELECT rowid FROM articles_search WHERE articles_search MATCH %s"
    # bm25() is lower for better matches. Weights of title, standfirst, body, keywords.
    # Over a range of rowids, FTS5 ranks in one pass; given a list of them, it runs the
    # query again for each (2 s for 1,000 candidates at 100,000 articles).
    RANKED = (
        "SELECT rowid, -bm25(articles_search, 10.0, 4.0, 1.0, 6.0) FROM articles_search"
        " WHERE articles_search MATCH %s AND rowid >= %s"
    )
    EXCERPTS = (
        "SELECT rowid, snippet(articles_search, 2, %s, %s, '… ', 24) FROM articles_search"
        " WHERE articles_search MATCH %s AND rowid IN ({ids})"
    )

    @staticmethod
    def match(words: tuple[str, ...]) -> str:
        # Each word a quoted string: FTS5 reads it as text, never as an operator.
        return " ".join(f'"{word}"' for word in words)

    def ranked(self, cursor, words: tuple[str, ...], ids: list[int]) -> list[tuple[int, float]]:
        if not ids:
            return []
        cursor.execute(self.RANKED, [self.match(words), min(ids)])
        wanted = set(ids)
        return [(pk, rank) for pk, rank in cursor.fetchall() if pk in wanted]

    def excerpts(self, cursor, ids: list[int], words: tuple[str, ...]) -> list[tuple[int, str]]:
        params = [START, STOP, self.match(words), *ids]
        cursor.execute(self.EXCERPTS.format(ids=_placeholders(ids)), params)
        return cursor.fetchall()

    def write(self, cursor, documents: list[Document], removed: list[int]) -> None:
        # Writers take turns on SQLite: replacing is deleting, then inserting.
        _delete(cursor, self.KEY, [doc.id for doc in documents] + removed)
        rows = [
            (doc.id, doc.title, doc.standfirst, doc.body, f"{doc.tags}, {doc.others}")
            for doc in documents
        ]
        cursor.executemany(self.INSERT, rows)

    def optimize(self, cursor) -> None:
        cursor.execute("INSERT INTO articles_search (articles_search) VALUES ('optimize')")


BACKENDS = {"postgresql": PostgreSQL(), "sqlite": SQLite()}


def _backend(using: str):
    vendor = connections[using].vendor
    try:
        return BACKENDS[vendor]
    except KeyError:
        raise NotImplementedError(f"Search works on PostgreSQL and SQLite, not {vendor}.") from None


def _placeholders(values: list) -> str:
    return ", ".join(["%s"] * len(values))


def _delete(cursor, key: str, ids: list[int]) -> None:
    if ids:
        cursor.execute(f"DELETE FROM articles_search WHERE {key} IN ({_placeholders(ids)})", ids)


# --- Writing the index --------------------------------------------------------------------


def _tidy(text: str) -> str:
    return " ".join((text or "").translate(RESERVED).split())[:MAX_FIELD_LENGTH]


def _documents(apps, using: str, articles: list[tuple]) -> list[Document]:
    """Documents of (id, title, standfirst, body) rows, with their tags and sources."""
    ids = [row[0] for row in articles]
    tags, others = defaultdict(list), defaultdict(list)
    tagged = apps.get_model("articles", "TaggedArticle")._default_manager.using(using)
    rows = tagged.filter(content_object_id__in=ids).values_list(
        "content_object_id", "tag__name", "tag__aliases__name"
    )
    for article_id, tag, alias in rows:
        if tag not in tags[article_id]:
            tags[article_id].append(tag)
        if alias:
            others[article_id].append(alias)
    citations = apps.get_model("articles", "Citation")._default_manager.using(using)
    for article_id, source in citations.filter(article_id__in=ids).values_list(
        "article_id", "source__name"
    ):
        others[article_id].append(source)
    return [
        Document(
            id=pk,
            title=_tidy(title),
            standfirst=_tidy(standfirst),
            body=_tidy(plain_text(body)),
            tags=_tidy(", ".join(tags[pk])),
            others=_tidy(", ".join(dict.fromkeys(others[pk]))),
        )
        for pk, title, standfirst, body in articles
    ]


ARTICLE_FIELDS = ("pk", "title", "standfirst", "body")


def index_articles(ids: Iterable[int], *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Rewrite the index rows of these articles from what is stored now.

    An id without an article (deleted) loses its row.
    """
    ids = sorted({pk for pk in ids if pk is not None})
    if not ids:
        return
    backend = _backend(using)
    articles = Article._default_manager.using(using)
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        rows = list(articles.filter(pk__in=batch).values_list(*ARTICLE_FIELDS))
        removed = sorted(set(batch) - {row[0] for row in rows})
        with connections[using].cursor() as cursor:
            backend.write(cursor, _documents(global_apps, using, rows), removed)


def rebuild(*, apps=global_apps, using: str = DEFAULT_DB_ALIAS) -> int:
    """Index every article again, BATCH_SIZE at a time; returns how many were indexed.

    In one transaction: searches see the old index until the new one is complete.
    `apps` may be a migration's historical models.
    """
    backend = _backend(using)
    articles = apps.get_model("articles", "Article")._default_manager.using(using)
    count, last = 0, 0
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute("DELETE FROM articles_search")
        while rows := list(
            articles.filter(pk__gt=last).order_by("pk").values_list(*ARTICLE_FIELDS)[:BATCH_SIZE]
        ):
            backend.write(cursor, _documents(apps, using, rows), [])
            count, last = count + len(rows), rows[-1][0]
        backend.optimize(cursor)
    return count


# --- Following every change ----------------------------------------------------------------
# Receivers, not model methods: an article's text also changes through the admin's tag
# field, its citation inlines, django-reversion restoring a version (raw saves) and tag
# merges, none of which goes through one method of Article.

SEARCHED_FIELDS = {"title", "standfirst", "body"}


def _tagged_with(tag_ids: Iterable[int], using: str) -> list[int]:
    tagged = TaggedArticle._default_manager.using(using).filter(tag_id__in=list(tag_ids))
    return list(tagged.values_list("content_object_id", flat=True))


def _citing(source_id: int, using: str) -> list[int]:
    citations = Citation._default_manager.using(using).filter(source_id=source_id)
    return list(citations.values_list("article_id", flat=True))


def _deleting(model, origin) -> bool:
    """Whether a deletion started from rows of `model` (one, or a queryset of them)."""
    return isinstance(origin, model) or getattr(origin, "model", None) is model


@receiver(signals.post_save, sender=Article)
def _article_saved(sender, instance, using, update_fields=None, **kwargs):
    if update_fields is None or SEARCHED_FIELDS & set(update_fields):
        index_articles([instance.pk], using=using)


@receiver(signals.post_delete, sender=Article)
def _article_deleted(sender, instance, using, **kwargs):
    index_articles([instance.pk], using=using)


@receiver(signals.m2m_changed, sender=TaggedArticle)
def _tags_changed(sender, instance, action, reverse, pk_set, using, **kwargs):
    # taggit sends post_add with an empty set when nothing was added.
    if (action in {"post_add", "post_remove"} and pk_set) or action == "post_clear":
        index_articles(pk_set if reverse else [instance.pk], using=using)


@receiver(signals.post_save, sender=TaggedArticle)
def _tagging_restored(sender, instance, raw, using, **kwargs):
    # Tags added through the manager arrive by m2m_changed; raw rows come from a restore.
    if raw:
        index_articles([instance.content_object_id], using=using)


@receiver(signals.post_save, sender=Citation)
def _citation_saved(sender, instance, using, **kwargs):
    index_articles([instance.article_id], using=using)


@receiver(signals.post_delete, sender=Citation)
def _citation_deleted(sender, instance, using, origin=None, **kwargs):
    if not _deleting(Article, origin):  # a deleted article's row goes with it
        index_articles([instance.article_id], using=using)


@receiver(signals.pre_save, sender=Tag)
@receiver(signals.pre_save, sender=Source)
def _remember_name(sender, instance, using, **kwargs):
    # Only a rename reindexes: editing a tag's description leaves its articles alone.
    instance._name_before_save = None
    if not instance._state.adding:
        stored = sender._default_manager.using(using).filter(pk=instance.pk)
        instance._name_before_save = stored.values_list("name", flat=True).first()


@receiver(signals.post_save, sender=Tag)
def _tag_saved(sender, instance, created, using, **kwargs):
    if not created and getattr(instance, "_name_before_save", None) != instance.name:
        index_articles(_tagged_with([instance.pk], using), using=using)


@receiver(signals.post_save, sender=Source)
def _source_saved(sender, instance, created, using, **kwargs):
    if not created and getattr(instance, "_name_before_save", None) != instance.name:
        index_articles(_citing(instance.pk, using), using=using)


@receiver(signals.pre_delete, sender=Tag)
def _remember_tagged(sender, instance, using, **kwargs):
    instance._tagged_before_delete = _tagged_with([instance.pk], using)


@receiver(signals.post_delete, sender=Tag)
def _tag_deleted(sender, instance, using, **kwargs):
    index_articles(getattr(instance, "_tagged_before_delete", []), using=using)


@receiver(signals.post_save, sender=TagAlias)
def _alias_saved(sender, instance, using, **kwargs):
    # Also how a merge reaches the articles it moved to the kept tag (Tag.absorb).
    index_articles(_tagged_with([instance.tag_id], using), using=using)


@receiver(signals.post_delete, sender=TagAlias)
def _alias_deleted(sender, instance, using, origin=None, **kwargs):
    if not _deleting(Tag, origin):  # a deleted tag reindexes its articles itself
        index_articles(_tagged_with([instance.tag_id], using), using=using)
