"""The public lists: the site's, each month's (Paris time), each tag's, source's and author's.

Page 1,000 of a tag of 40,000 articles, and the count its paginator shows, cost what they
cost for a tag of 40: both come from two tables that the database keeps in step with every
write, whatever makes it (a form, an admin action, a restored version, a bulk import, SQL
typed by hand):

- ListEntry: one row per dated article and per list it belongs to, with a copy of the
  article's status and publication date. Its index (list, date, article) gives a page of
  ids without reading an article, and published() applies to it as it does to articles.
- ListCount: how many entries each list holds, for each status. Among those of published
  status, the scheduled ones are still hidden: a list's public count is its published
  count minus its scheduled entries, a few rows at the top of its index.

Triggers write both tables: row triggers on SQLite; on PostgreSQL, one set-based pass per
statement, so that a bulk import updates each count once per batch, and in a fixed order
(two editors saving at once lock the same counts in the same order). A month's list needs
the month (Paris time) of a date in SQL: the table `articles_calendar` holds the instant
each month starts in TIME_ZONE.

After every `migrate` (a post_migrate receiver in models.py), install() checks that the
calendar and triggers are in place and current (SQLite drops a table's triggers when a
migration rebuilds the table, and set_aside() drops them all before one rebuilds the
articles' table), rebuilds both lists tables from the articles if they were not, and
refreshes the query planner's statistics.
"""

import functools
from datetime import UTC, date, datetime

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import Article, Author, ListCount, ListEntry, Source, Tag
from .prepared import PreparedQuery

Kind = ListEntry.Kind

ARTICLES = Article._meta.db_table
ENTRIES = ListEntry._meta.db_table
COUNTS = ListCount._meta.db_table
CALENDAR = "articles_calendar"
# The months a month list exists for; an article dated outside stays in every other list.
CALENDAR_YEARS = range(1900, 2200)
PREFIX = "articles_lists_"


class Through:
    """A table linking articles to the subjects of one kind of list."""

    def __init__(self, kind: int, model, article: str, subject: str, *, distinct=False):
        self.kind = kind
        self.table = model._meta.db_table
        self.article = model._meta.get_field(article).column
        self.subject = model._meta.get_field(subject).column
        # A citation may name one source twice: its article is still listed once.
        self.distinct = distinct


THROUGH = [
    Through(Kind.TAG, Article.tags.through, "content_object", "tag"),
    Through(Kind.SOURCE, Article.sources.through, "article", "source", distinct=True),
    Through(Kind.AUTHOR, Article.authors.through, "article", "author"),
]
COLUMNS = "article_id, kind, subject_id, status, published_at"


def members(kind: int, where: str) -> str:
    """A SELECT of the entries of one kind for the articles (alias `a`) matching `where`."""
    dated = f"{where} AND a.published_at IS NOT NULL"
    if kind == Kind.SITE:
        return (
            f"SELECT a.id AS article_id, {kind} AS kind, 0 AS subject_id, a.status AS status,"
            f" a.published_at AS published_at FROM {ARTICLES} a WHERE {dated}"
        )
    if kind == Kind.MONTH:
        month = (
            f"(SELECT c.month FROM {CALENDAR} c WHERE c.starts_at <= a.published_at"
            " ORDER BY c.starts_at DESC LIMIT 1)"
        )
        return (
            f"SELECT a.id, {kind}, COALESCE({month}, 0), a.status, a.published_at"
            f" FROM {ARTICLES} a WHERE {dated}"
        )
    through = next(t for t in THROUGH if t.kind == kind)
    return (
        f"SELECT {'DISTINCT ' if through.distinct else ''}a.id, {kind}, l.{through.subject},"
        f" a.status, a.published_at FROM {through.table} l"
        f" JOIN {ARTICLES} a ON a.id = l.{through.article} WHERE {dated}"
    )


# --- SQLite: row triggers ---------------------------------------------------------------


def _sqlite_resync(kinds: list[int], article: str) -> list[str]:
    """Statements replacing one article's entries of these kinds."""
    kind_list = ", ".join(str(kind) for kind in kinds)
    return [
        f"DELETE FROM {ENTRIES} WHERE article_id = {article} AND kind IN ({kind_list})",
        *(
            f"INSERT INTO {ENTRIES} ({COLUMNS}) {members(kind, f'a.id = {article}')}"
            for kind in kinds
        ),
    ]


def _sqlite_trigger(name: str, event: str, statements: list[str], when: str = "") -> str:
    body = "".join(f" {statement};" for statement in statements)
    condition = f" WHEN {when}" if when else ""
    return f"CREATE TRIGGER {PREFIX}{name} AFTER {event}{condition} BEGIN{body} END"


def sqlite_triggers() -> list[str]:
    everything = list(Kind.values)
    triggers = [
        _sqlite_trigger(
            f"{ARTICLES}_insert", f"INSERT ON {ARTICLES}", _sqlite_resync(everything, "NEW.id")
        ),
        _sqlite_trigger(
            f"{ARTICLES}_update",
            f"UPDATE OF status, published_at ON {ARTICLES}",
            _sqlite_resync(everything, "NEW.id"),
            when="OLD.status IS NOT NEW.status OR OLD.published_at IS NOT NEW.published_at",
        ),
        _sqlite_trigger(
            f"{ARTICLES}_delete",
            f"DELETE ON {ARTICLES}",
            [f"DELETE FROM {ENTRIES} WHERE article_id = OLD.id"],
        ),
    ]
    for through in THROUGH:
        old, new = f"OLD.{through.article}", f"NEW.{through.article}"
        triggers += [
            _sqlite_trigger(
                f"{through.table}_insert",
                f"INSERT ON {through.table}",
                _sqlite_resync([through.kind], new),
            ),
            _sqlite_trigger(
                f"{through.table}_update",
                f"UPDATE ON {through.table}",
                _sqlite_resync([through.kind], old) + _sqlite_resync([through.kind], new),
            ),
            _sqlite_trigger(
                f"{through.table}_delete",
                f"DELETE ON {through.table}",
                _sqlite_resync([through.kind], old),
            ),
        ]
    add = (
        f"INSERT INTO {COUNTS} (kind, subject_id, status, articles)"
        " VALUES (NEW.kind, NEW.subject_id, NEW.status, 1)"
        " ON CONFLICT (kind, subject_id, status) DO UPDATE SET articles = articles + 1"
    )
    remove = (
        f"UPDATE {COUNTS} SET articles = articles - 1"
        " WHERE kind = OLD.kind AND subject_id = OLD.subject_id AND status = OLD.status"
    )
    triggers += [
        _sqlite_trigger(f"{ENTRIES}_insert", f"INSERT ON {ENTRIES}", [add]),
        _sqlite_trigger(f"{ENTRIES}_update", f"UPDATE ON {ENTRIES}", [remove, add]),
        _sqlite_trigger(f"{ENTRIES}_delete", f"DELETE ON {ENTRIES}", [remove]),
    ]
    return triggers


# --- PostgreSQL: statement triggers -----------------------------------------------------


def _pg_resync_function() -> str:
    wanted = " UNION ALL ".join(
        f"{members(kind, f'a.id = ANY(ids) AND {kind} = ANY(kinds)')}" for kind in Kind.values
    )
    return f"""
CREATE OR REPLACE FUNCTION {PREFIX}resync(ids bigint[], kinds integer[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF cardinality(ids) = 0 THEN
        RETURN;
    END IF;
    -- One transaction at a time rewrites an article's entries: another one waits here
    -- until this one commits, then reads what it wrote.
    PERFORM 1 FROM {ARTICLES} WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
    -- Counts first, in one pass and in key order: concurrent saves lock them alike.
    INSERT INTO {COUNTS} AS c (kind, subject_id, status, articles)
    SELECT kind, subject_id, status, sum(delta) FROM (
        SELECT kind, subject_id, status, 1 AS delta FROM ({wanted}) AS wanted
        UNION ALL
        SELECT kind, subject_id, status, -1 FROM {ENTRIES}
        WHERE article_id = ANY(ids) AND kind = ANY(kinds)
    ) AS changes
    GROUP BY kind, subject_id, status HAVING sum(delta) <> 0
    ORDER BY kind, subject_id, status
    ON CONFLICT (kind, subject_id, status)
    DO UPDATE SET articles = c.articles + EXCLUDED.articles;
    DELETE FROM {ENTRIES} WHERE article_id = ANY(ids) AND kind = ANY(kinds);
    INSERT INTO {ENTRIES} ({COLUMNS}) {wanted};
END $$"""


def _pg_function(name: str, inserted: str, updated: str, deleted: str, kinds: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION {PREFIX}{name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM {PREFIX}resync(ARRAY({inserted}), {kinds});
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM {PREFIX}resync(ARRAY({updated}), {kinds});
    ELSE
        PERFORM {PREFIX}resync(ARRAY({deleted}), {kinds});
    END IF;
    RETURN NULL;
END $$"""


def _pg_triggers_on(table: str, function: str) -> list[tuple[str, str]]:
    """(name, CREATE TRIGGER) for each event: a trigger with transition tables has one."""
    events = {
        "insert": "NEW TABLE AS new_rows",
        "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "delete": "OLD TABLE AS old_rows",
    }
    return [
        (
            f"{PREFIX}{table}_{event}",
            f"CREATE TRIGGER {PREFIX}{table}_{event} AFTER {event.upper()} ON {table}"
            f" REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION {PREFIX}{function}()",
        )
        for event, tables in events.items()
    ]


def postgresql_functions() -> list[str]:
    everything = "ARRAY[" + ", ".join(str(kind) for kind in Kind.values) + "]"
    changed = (
        "SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id"
        " WHERE n.status IS DISTINCT FROM o.status"
        " OR n.published_at IS DISTINCT FROM o.published_at"
    )
    functions = [
        _pg_resync_function(),
        _pg_truncated_function(),
        _pg_function(
            "article",
            "SELECT id FROM new_rows",
            changed,
            "SELECT id FROM old_rows",
            everything,
        ),
    ]
    for through in THROUGH:
        column = through.article
        functions.append(
            _pg_function(
                through.table,
                f"SELECT DISTINCT {column} FROM new_rows",
                f"SELECT {column} FROM new_rows UNION SELECT {column} FROM old_rows",
                f"SELECT DISTINCT {column} FROM old_rows",
                f"ARRAY[{through.kind}]",
            )
        )
    return functions


def _pg_truncated_function() -> str:
    body = "".join(f"    {statement};\n" for statement in rebuild_statements())
    return f"""
CREATE OR REPLACE FUNCTION {PREFIX}truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
{body}    RETURN NULL;
END $$"""


def postgresql_triggers() -> list[tuple[str, str]]:
    triggers = _pg_triggers_on(ARTICLES, "article")
    for through in THROUGH:
        triggers += _pg_triggers_on(through.table, through.table)
    # TRUNCATE (`manage.py flush`, an emptied archive) fires no row or statement
    # trigger: the lists are rebuilt from what remains, after the last table emptied.
    for table in [ARTICLES, *(through.table for through in THROUGH)]:
        name = f"{PREFIX}{table}_truncate"
        triggers.append(
            (
                name,
                f"CREATE TRIGGER {name} AFTER TRUNCATE ON {table}"
                f" FOR EACH STATEMENT EXECUTE FUNCTION {PREFIX}truncated()",
            )
        )
    return triggers


# --- Installing, rebuilding -----------------------------------------------------------


def calendar(zone=None) -> list[tuple[datetime, int]]:
    """(the instant the month starts, in UTC; the month as YYYYMM), in TIME_ZONE."""
    zone = zone or timezone.get_default_timezone()
    return [
        (datetime(year, month, 1, tzinfo=zone).astimezone(UTC), year * 100 + month)
        for year in CALENDAR_YEARS
        for month in range(1, 13)
    ]


def _calendar_current(cursor, connection) -> bool:
    if CALENDAR not in connection.introspection.table_names(cursor):
        return False
    cursor.execute(f"SELECT count(*), min(zone), max(zone) FROM {CALENDAR}")
    rows, first_zone, last_zone = cursor.fetchone()
    return rows == len(CALENDAR_YEARS) * 12 and first_zone == last_zone == settings.TIME_ZONE


def _write_calendar(cursor, connection) -> None:
    datetime_type = "timestamp with time zone" if connection.vendor == "postgresql" else "datetime"
    cursor.execute(f"DROP TABLE IF EXISTS {CALENDAR}")
    cursor.execute(
        f"CREATE TABLE {CALENDAR} (starts_at {datetime_type} PRIMARY KEY,"
        " month integer NOT NULL, zone varchar(64) NOT NULL)"
    )
    adapt = connection.ops.adapt_datetimefield_value
    cursor.executemany(
        f"INSERT INTO {CALENDAR} (starts_at, month, zone) VALUES (%s, %s, %s)",
        [(adapt(start), month, settings.TIME_ZONE) for start, month in calendar()],
    )


def _installed_triggers(cursor, connection) -> dict[str, str]:
    """The lists' triggers in the database: name -> definition (SQLite) or "" (PostgreSQL)."""
    if connection.vendor == "sqlite":
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
            [PREFIX + "%"],
        )
        return dict(cursor.fetchall())
    cursor.execute(
        "SELECT tgname, '' FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE %s",
        [PREFIX + "%"],
    )
    return dict(cursor.fetchall())


def _wanted_triggers(connection) -> dict[str, str]:
    if connection.vendor == "sqlite":
        triggers = sqlite_triggers()
        return {trigger.split()[2]: trigger for trigger in triggers}
    return dict(postgresql_triggers())


def _drop_triggers(cursor, connection, installed) -> None:
    for name in installed:
        if connection.vendor == "sqlite":
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        else:
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                " WHERE t.tgname = %s",
                [name],
            )
            for (table,) in cursor.fetchall():
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")


def rebuild_statements() -> list[str]:
    """Both tables again from the articles (run with the SQLite triggers away: no
    double counting)."""
    return [
        f"DELETE FROM {COUNTS}",
        f"DELETE FROM {ENTRIES}",
        *(f"INSERT INTO {ENTRIES} ({COLUMNS}) {members(kind, 'TRUE')}" for kind in Kind.values),
        f"INSERT INTO {COUNTS} (kind, subject_id, status, articles)"
        f" SELECT kind, subject_id, status, count(*) FROM {ENTRIES}"
        " GROUP BY kind, subject_id, status",
    ]


def _rebuild(cursor) -> None:
    for statement in rebuild_statements():
        cursor.execute(statement)


def installed(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether the calendar and every trigger are in place and current."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if not _calendar_current(cursor, connection):
            return False
        found, wanted = _installed_triggers(cursor, connection), _wanted_triggers(connection)
    if connection.vendor == "sqlite":
        return found == wanted
    return set(found) == set(wanted)


def install(using: str = DEFAULT_DB_ALIAS, *, force: bool = False) -> bool:
    """Put the calendar and triggers in place if anything is missing or outdated, and then
    rebuild the lists from the articles. Returns whether it had to.

    On PostgreSQL the functions are replaced every time (cheap), so that a newer
    definition takes effect at the next migrate.
    """
    connection = connections[using]
    if ENTRIES not in connection.introspection.table_names():
        return False  # migrated back before the lists existed
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for function in postgresql_functions():
                cursor.execute(function)
        if not force and installed(using):
            return False
        if connection.vendor == "postgresql":
            # Writers wait until the lists are whole again.
            cursor.execute(f"LOCK TABLE {ENTRIES}, {COUNTS} IN SHARE ROW EXCLUSIVE MODE")
        if not _calendar_current(cursor, connection):
            _write_calendar(cursor, connection)
        _drop_triggers(cursor, connection, _installed_triggers(cursor, connection))
        _rebuild(cursor)
        for trigger in _wanted_triggers(connection).values():
            cursor.execute(trigger)
    return True


def after_migrate(using: str = DEFAULT_DB_ALIAS, *, statistics: bool = True) -> None:
    """What follows every migrate (and flush): the lists in place, then, unless told
    otherwise, fresh statistics for the query planner."""
    if ENTRIES not in connections[using].introspection.table_names():
        return  # migrated back before the lists existed
    install(using)
    if statistics:
        analyze(using)


def set_aside(using: str = DEFAULT_DB_ALIAS) -> None:
    """On SQLite, drop the triggers, for a migration that rebuilds the articles' table: the
    rebuilt table could not take the table's name while triggers on other tables name
    it. The next after_migrate() puts them back and rebuilds the lists."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            _drop_triggers(cursor, connection, _installed_triggers(cursor, connection))


def uninstall(using: str = DEFAULT_DB_ALIAS) -> None:
    """Remove the triggers, their functions and the calendar (migrating back)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        _drop_triggers(cursor, connection, _installed_triggers(cursor, connection))
        if connection.vendor == "postgresql":
            names = ["resync", "truncated", "article", *(through.table for through in THROUGH)]
            for name in names:
                arguments = "bigint[], integer[]" if name == "resync" else ""
                cursor.execute(f"DROP FUNCTION IF EXISTS {PREFIX}{name}({arguments})")
        cursor.execute(f"DROP TABLE IF EXISTS {CALENDAR}")


# SQLite's statistics (sqlite_stat1) for the tables public pages read, as ANALYZE wrote
# them for an archive of 100,000 articles (bench/: 300 tags, 2,000 sources, 50 authors).
# Every index of these tables needs its line (tests/test_scale.py checks).
SCALE_ARTICLES = 100_000
SCALE_PROFILE = {
    ("articles_article", "article_status_published"): "102500 51250 1 1",
    ("articles_article", "sqlite_autoindex_articles_article_1"): "102500 1",
    ("articles_article", "one_article_per_wire_file"): "1000 1",
    ("articles_article_authors", "articles_article_authors_article_id_19a0c723"): "118109 2",
    (
        "articles_article_authors",
        "articles_article_authors_article_id_author_id_65a7e713_uniq",
    ): "118109 2 1",
    ("articles_article_authors", "articles_article_authors_author_id_0a07d60e"): "118109 2363",
    ("articles_author", "sqlite_autoindex_articles_author_1"): "50 1",
    ("articles_author", "sqlite_autoindex_articles_author_2"): "50 50",
    ("articles_citation", "articles_citation_article_id_367cc829"): "194491 2",
    ("articles_citation", "articles_citation_source_id_25ce55a6"): "194491 98",
    ("articles_listcount", "sqlite_autoindex_articles_listcount_1"): "2473 495 1 1",
    ("articles_listentry", "list_entry_order"): "783690 156738 317 1 1 1",
    ("articles_listentry", "sqlite_autoindex_articles_listentry_1"): "783690 8 2 1",
    ("articles_source", "sqlite_autoindex_articles_source_1"): "2000 1",
    ("articles_source", "sqlite_autoindex_articles_source_2"): "2000 1",
    ("articles_tag", "sqlite_autoindex_articles_tag_1"): "300 1",
    ("articles_tag", "sqlite_autoindex_articles_tag_2"): "300 1",
    ("articles_taggedarticle", "articles_taggedarticle_content_object_id_c4150235"): "281586 3",
    ("articles_taggedarticle", "articles_taggedarticle_tag_id_23d7d828"): "281586 939",
    ("articles_taggedarticle", "sqlite_autoindex_articles_taggedarticle_1"): "281586 3 1",
}


def analyze(using: str = DEFAULT_DB_ALIAS) -> None:
    """Refresh the query planner's statistics.

    SQLite has none until ANALYZE runs, and keeps them until it runs again, so ANALYZE
    runs after each migrate (every deploy). Without statistics, or with those of a small
    archive, SQLite takes `status = 'published'` for a rare value and walks an index of
    the whole archive where a page needs twenty rows. So while the archive is smaller
    than SCALE_ARTICLES (a new site, a laptop, the test suite), the statistics of the
    tables public pages read are those of an archive of that size (SCALE_PROFILE): the
    plans then stay right as the archive grows between two deploys. The same plans serve
    a small archive well.

    PostgreSQL's autovacuum keeps its own; the lists tables, perhaps just rebuilt, are
    vacuumed at once as well, so that their pages come from the index alone (an
    index-only scan) from the start.
    """
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("ANALYZE")
            cursor.execute(
                "SELECT stat FROM sqlite_stat1 WHERE tbl = %s AND idx = %s",
                ["articles_article", "sqlite_autoindex_articles_article_1"],
            )
            row = cursor.fetchone()
            if row is None or int(row[0].split()[0]) < SCALE_ARTICLES:
                tables = sorted({table for table, _ in SCALE_PROFILE})
                cursor.execute(
                    f"DELETE FROM sqlite_stat1 WHERE tbl IN ({', '.join(['%s'] * len(tables))})",
                    tables,
                )
                cursor.executemany(
                    "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (%s, %s, %s)",
                    [(table, index, stat) for (table, index), stat in SCALE_PROFILE.items()],
                )
                cursor.execute("ANALYZE sqlite_master")  # the planner reads them again
        elif connection.vendor == "postgresql":
            vacuum = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
            cursor.execute(f"{vacuum} {ENTRIES}, {COUNTS}")


# --- Reading the lists ----------------------------------------------------------------


def list_key(subject: "Tag | Source | Author | date | None") -> tuple[int, int]:
    """(kind, subject_id) of a list: the site's (None), a month's (a date in it, Paris
    time for a datetime), a tag's, a source's or an author's."""
    if subject is None:
        return Kind.SITE, 0
    if isinstance(subject, datetime):
        subject = timezone.localtime(subject).date() if timezone.is_aware(subject) else subject
    if isinstance(subject, date):
        return Kind.MONTH, subject.year * 100 + subject.month
    kinds = {Tag: Kind.TAG, Source: Kind.SOURCE, Author: Kind.AUTHOR}
    return kinds[type(subject)], subject.pk


def public_count(kind: int, subject_id, now: datetime | None = None) -> models.QuerySet:
    """One row, the list's public count: its published entries, minus those scheduled.

    `subject_id` is an id, or an expression (OuterRef("pk")) for a subquery counting
    each row's list."""
    scheduled = (
        ListEntry.objects.filter(
            kind=models.OuterRef("kind"), subject_id=models.OuterRef("subject_id")
        )
        .scheduled(at=now)
        .order_by()
        .values("kind")
        .annotate(n=models.Count("*"))
        .values("n")
    )
    return (
        ListCount.objects.filter(kind=kind, subject_id=subject_id, status=Article.Status.PUBLISHED)
        .annotate(public=models.F("articles") - Coalesce(models.Subquery(scheduled), 0))
        .values_list("public", flat=True)
    )


class Listing:
    """The articles of one public list, newest first, as a paginator wants them.

    count() reads the list's count; a slice takes that page's ids from the list's index
    (no article read, however deep the page) and reads those articles, in one query.
    Which articles is the list's own affair, the public ones (published()); what is read
    of each is the given queryset's: its fields (only()) and what completes them
    (with_bylines()).
    """

    # Compiled once per process (articles/prepared.py): the same SQL for every list.
    _count = PreparedQuery(public_count, kind=int, subject_id=int, now=datetime)
    _ids = PreparedQuery(
        lambda kind, subject_id, now: (
            ListEntry.objects.filter(kind=kind, subject_id=subject_id)
            .published(at=now)
            .order_by("-published_at", "-article_id")
            .values_list("article_id")
        ),
        kind=int,
        subject_id=int,
        now=datetime,
    )

    def __init__(self, articles: models.QuerySet, kind: int, subject_id: int):
        self.articles = articles
        self.kind, self.subject_id = kind, subject_id

    def count(self) -> int:
        rows = self._count.rows(self.articles.db, **self._values())
        return rows[0][0] if rows else 0

    def __getitem__(self, index: slice) -> list[Article]:
        if not isinstance(index, slice) or index.step is not None or index.stop is None:
            raise TypeError("A listing is read a page (a bounded slice) at a time.")
        start = index.start or 0
        using, completion = self.articles.db, self.articles._completion
        page = page_query(using, _only(self.articles))
        size = max(0, index.stop - start)
        found = page.instances(using, size=size, start=start, **self._values())
        if completion:
            completion(found, using=using)
        return found

    def _values(self) -> dict:
        return {"kind": self.kind, "subject_id": self.subject_id, "now": timezone.now()}


@functools.cache
def page_query(using: str, fields: tuple[str, ...] | None) -> PreparedQuery:
    """A page of a list: its ids read from the list's index (Listing._ids) select the
    articles (these fields of them, or all), in the list's order; one query."""

    def page(kind, subject_id, now, size, start):
        ids = Listing._ids.sql(
            using, limit=size, offset=start, kind=kind, subject_id=subject_id, now=now
        )
        articles = Article.objects.published(at=now)
        if fields is not None:
            articles = articles.only(*fields)
        # Entries carry their article's publication date: the same order as the list's.
        return articles.filter(pk__in=models.expressions.RawSQL(*ids)).order_by(
            "-published_at", "-pk"
        )

    return PreparedQuery(page, kind=int, subject_id=int, now=datetime, size=int, start=int)


def _only(articles: models.QuerySet) -> tuple[str, ...] | None:
    """The fields a queryset reads: those given to only(), or None for all of them."""
    fields, deferred = articles.query.deferred_loading
    if deferred and fields:
        raise ValueError("A listing reads the fields given to only(), not those deferred.")
    return None if deferred else tuple(sorted(fields))


_TAGS = next(t for t in THROUGH if t.kind == Kind.TAG)
# An article's tag at a position, in the order the tags were given.
_TAG_AT = (
    f"SELECT {_TAGS.subject} FROM {_TAGS.table} WHERE {_TAGS.article} = %s"
    " ORDER BY id LIMIT 1 OFFSET %s"
)


def related_choice(
    article_id: int, tags: int, window: int, limit: int, at: datetime | None = None
) -> models.expressions.RawSQL:
    """The ids of the `limit` articles sharing the most of an article's first `tags`
    tags, then the newest, never the article itself, chosen among the `window` newest
    entries of each tag public at `at`.

    Each window is one range of the lists' index, read from the index alone, whatever
    the tag's size; the windows are then put together and their articles counted. The
    windows are the ORM's (published() applies the visibility rule); their union, which
    the ORM does not slice on SQLite, is written in SQL.
    """
    windows, params = [], []
    for position in range(tags):
        newest = (
            ListEntry.objects.published(at=at)
            .filter(
                kind=Kind.TAG,
                subject_id=models.expressions.RawSQL(
                    _TAG_AT, [article_id, position], models.BigIntegerField()
                ),
            )
            .order_by("-published_at", "-article_id")
            .values_list("article_id", "published_at")[:window]
        )
        sql, window_params = newest.query.sql_with_params()
        windows.append(f"SELECT * FROM ({sql}) AS window_{position}")
        params += window_params
    return models.expressions.RawSQL(
        f"SELECT article_id FROM ({' UNION ALL '.join(windows)}) AS windows"
        " WHERE article_id <> %s GROUP BY article_id"
        f" ORDER BY count(*) DESC, max(published_at) DESC, article_id DESC LIMIT {int(limit)}",
        [*params, article_id],
    )


def shared_tags(article_id: int) -> models.expressions.RawSQL:
    """For each article of a query: how many tags it shares with this one."""
    return models.expressions.RawSQL(
        f"SELECT count(*) FROM {_TAGS.table} s WHERE s.{_TAGS.article} = {ARTICLES}.id"
        f" AND s.{_TAGS.subject} IN (SELECT {_TAGS.subject} FROM {_TAGS.table}"
        f" WHERE {_TAGS.article} = %s)",
        [article_id],
        models.IntegerField(),
    )


def months() -> list[dict]:
    """The months with public articles and how many, newest first, from the month lists."""
    scheduled = (
        ListEntry.objects.filter(kind=Kind.MONTH, subject_id=models.OuterRef("subject_id"))
        .scheduled()
        .order_by()
        .values("kind")
        .annotate(n=models.Count("*"))
        .values("n")
    )
    rows = (
        ListCount.objects.filter(kind=Kind.MONTH, status=Article.Status.PUBLISHED, subject_id__gt=0)
        .annotate(public=models.F("articles") - Coalesce(models.Subquery(scheduled), 0))
        .filter(public__gt=0)
        .order_by("-subject_id")
        .values_list("subject_id", "public")
    )
    zone = timezone.get_default_timezone()
    return [
        {"month": datetime(number // 100, number % 100, 1, tzinfo=zone), "count": count}
        for number, count in rows
    ]
