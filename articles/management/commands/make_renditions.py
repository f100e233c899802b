"""`manage.py make_renditions [--all]`: hero image renditions for articles that have none.

Article.save makes them whenever the image changes. This command is for the others:
articles saved before renditions existed (or restored to a version from then), and
those whose renditions could not be made. With --all, every article's renditions are
made again, after a change of widths or quality: each file replaces its namesake.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from articles import pagecache, renditions
from articles.models import Article


class Command(BaseCommand):
    # A plain string: argparse on Python 3.13 rejects lazy translations in help texts.
    help = "Make the hero image renditions of the articles that have none."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            dest="remake",
            help="Make them again for every article with a hero image.",
        )

    def handle(self, *args, remake: bool = False, verbosity: int = 1, **options):
        articles = Article.objects.exclude(hero_image="").defer("body").order_by("pk")
        if not remake:
            articles = articles.filter(hero_renditions=[])
        made = failed = 0
        for article in articles.iterator(chunk_size=100):
            try:
                described = renditions.make(article.hero_image)
            except Exception as error:  # a file missing from storage, or damaged
                self.stderr.write(f"{article.slug} ({article.hero_image.name}): {error}")
                failed += 1
                continue
            # Not save(): the article was not edited, it must not read « mis à jour ».
            Article.objects.filter(pk=article.pk).update(hero_renditions=described)
            made += 1
        if made:
            pagecache.changed()  # update() sends no signal: pages now show the renditions
        if verbosity:
            self.stdout.write(
                ngettext(
                    "Renditions made for %(count)d article.",
                    "Renditions made for %(count)d articles.",
                    made,
                )
                % {"count": made}
            )
        if failed:
            raise CommandError(
                ngettext(
                    "%(count)d image could not be read; its article shows the original.",
                    "%(count)d images could not be read; their articles show the original.",
                    failed,
                )
                % {"count": failed}
            )
