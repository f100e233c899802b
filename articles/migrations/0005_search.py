"""The search index: the table `articles_search`, one row per article (articles/search.py).

PostgreSQL: a weighted tsvector in the `french_unaccent` configuration (French stemming,
accents folded by `unaccent`) with a GIN index, and the body's plain text for excerpts.
SQLite: an FTS5 table whose tokenizer folds accents, the article's id as its rowid.

No foreign key to articles_article: `flush` (transactional tests, `manage.py flush`)
truncates Django's own tables only, and PostgreSQL refuses to truncate a table that
another one references. A row is removed when its article is deleted (a receiver in
articles/search.py), and searches join on published articles, so a stray row never shows.

Articles already in the database are indexed here; `manage.py rebuild_search_index`
does it again at any time.
"""

from django.db import migrations

POSTGRESQL = [
    # A trusted extension: the database owner may create it without being superuser.
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french)",
    # Words with non-ASCII letters lose their accents before stemming ("sécurité" is
    # "securite"); ASCII words need no folding.
    "ALTER TEXT SEARCH CONFIGURATION french_unaccent"
    " ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem",
    "CREATE TABLE articles_search ("
    " article_id bigint PRIMARY KEY,"
    " document tsvector NOT NULL,"
    " body text NOT NULL)",
    "CREATE INDEX articles_search_document ON articles_search USING GIN (document)",
]
POSTGRESQL_REVERSE = [
    "DROP TABLE IF EXISTS articles_search",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent",
]
SQLITE = [
    "CREATE VIRTUAL TABLE articles_search USING fts5("
    " title, standfirst, body, keywords,"
    " tokenize = 'unicode61 remove_diacritics 2')",
]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS articles_search"]


def statements(schema_editor, reverse=False):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        return POSTGRESQL_REVERSE if reverse else POSTGRESQL
    if vendor == "sqlite":
        return SQLITE_REVERSE if reverse else SQLITE
    raise NotImplementedError(f"Search works on PostgreSQL and SQLite, not on {vendor}.")


def create_index(apps, schema_editor):
    from articles import search

    for statement in statements(schema_editor):
        schema_editor.execute(statement)
    search.rebuild(apps=apps, using=schema_editor.connection.alias)


def drop_index(apps, schema_editor):
    for statement in statements(schema_editor, reverse=True):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_hero_renditions"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]
