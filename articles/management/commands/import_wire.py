"""`manage.py import_wire FILE...`: wire copy in plain text becomes articles in review.

Each file is imported on its own: a refused one is reported as `file:line: message`
and leaves nothing behind, the others are still imported. The command fails at the
end if any file was refused. The format is described in articles/wire.py.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles import wire


class Command(BaseCommand):
    # A plain string: argparse on Python 3.13 rejects lazy translations in help texts.
    help = (
        "Import plain-text wire files as articles waiting for review. Importing a file "
        "again updates its article, unless an editor has published it."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", type=Path)

    def handle(self, *args, files: list[Path], **options):
        refused = 0
        for path in files:
            try:
                imported = wire.import_file(path)
            except wire.WireError as error:
                self.stderr.write(str(error))
                refused += 1
                continue
            self.report(path, imported)
        if refused:
            raise CommandError(
                ngettext(
                    "%(count)d file refused; nothing from it was saved.",
                    "%(count)d files refused; nothing from them was saved.",
                    refused,
                )
                % {"count": refused}
            )

    def report(self, path: Path, imported: wire.Imported) -> None:
        article = imported.article
        values = {"file": path, "title": article.title}
        if imported.outcome == wire.Outcome.KEPT:
            message = _(
                "Skipped: %(file)s → “%(title)s” has been published; "
                "an import never overwrites published work."
            )
            self.stdout.write(self.style.WARNING(message % values))
            return
        if imported.outcome == wire.Outcome.CREATED:
            message = _("Imported: %(file)s → “%(title)s” (%(status)s, %(tags)s)")
        else:
            message = _("Updated: %(file)s → “%(title)s” (%(status)s, %(tags)s)")
        values["status"] = str(article.get_status_display()).lower()
        values["tags"] = self.describe_tags(imported.tags)
        self.stdout.write(self.style.SUCCESS(message % values))

    def describe_tags(self, tags) -> str:
        if not tags:
            return _("no tag found")
        count = len(tags)
        return ngettext("%(count)d tag: %(names)s", "%(count)d tags: %(names)s", count) % {
            "count": count,
            "names": ", ".join(tag.name for tag in tags),
        }
