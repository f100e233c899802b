"""`manage.py rebuild_search_index`: index every article again (articles/search.py).

Saves keep the index up to date by themselves; this is for after changes that bypassed
them (raw SQL, `bulk_create`, `update()`), or whenever in doubt. Searches keep working
meanwhile: the new index replaces the old one in a single transaction.
"""

import time

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import ngettext

from articles import pagecache, search


class Command(BaseCommand):
    # A plain string: argparse on Python 3.13 rejects lazy translations in help texts.
    help = "Rebuild the search index of every article, whatever its status."

    def add_arguments(self, parser):
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="The database to index (default: default)."
        )

    def handle(self, *args, database: str, **options):
        started = time.monotonic()
        count = search.rebuild(using=database)
        pagecache.changed(database)  # cached search results came from the old index
        message = ngettext(
            "Search index rebuilt: %(count)d article in %(seconds).1f s.",
            "Search index rebuilt: %(count)d articles in %(seconds).1f s.",
            count,
        )
        self.stdout.write(
            self.style.SUCCESS(message % {"count": count, "seconds": time.monotonic() - started})
        )
