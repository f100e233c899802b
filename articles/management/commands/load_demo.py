"""`manage.py load_demo`: an original French demo newsroom, and an editor to log in with.

Running it again changes nothing but the editor's password: every row is keyed on a slug
(or a username), dates hang on today's date rather than on the current second, and hero
images are drawn only for articles that have none on disk.
"""

import os
import secrets
from datetime import datetime, time, timedelta

import reversion
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles.demo import content, illustrations
from articles.models import Article, Author, Citation, Note, Source, Tag, TagAlias
from articles.roles import CONTRIBUTOR_GROUP, EDITOR_GROUP
from articles.slugs import slugify

EDITOR_USERNAME = "editeur"
# One of the demo authors logs in as a contributor (« Rédacteur »).
CONTRIBUTOR_USERNAME = "khaddad"
HERO_CREDIT = "Illustration : newsroom"
SCHEDULED_CLOCK = "09:30"


def paris_time(days: int, clock: str) -> datetime:
    """`days` from today (negative: in the past) at `clock`, Paris time.

    A past date falling on a weekend moves back to the Friday: the demo newsroom keeps
    office hours.
    """
    day = timezone.localdate() + timedelta(days=days)
    while days < 0 and day.weekday() >= 5:
        day -= timedelta(days=1)
    hour, minute = map(int, clock.split(":"))
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


class Command(BaseCommand):
    # A plain string: argparse on Python 3.13 rejects lazy translations in help texts.
    help = (
        "Load the demo newsroom (articles, authors, sources, tags, images) and reset the "
        "password of the demo editor account. Debug mode only."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "load_demo ne fonctionne qu'en mode debug (DJANGO_DEBUG=1) : il crée des "
                "comptes de démonstration aux mots de passe affichés, qui ne doivent jamais "
                "exister en production."
            )
        # Each demo article starts its history with one version.
        with transaction.atomic(), reversion.create_revision():
            reversion.set_comment("Chargement de la rédaction de démonstration")
            authors = {data["slug"]: self.load_author(data) for data in content.AUTHORS}
            sources = {data["slug"]: self.load_source(data) for data in content.SOURCES}
            self.load_tags()
            for data in content.ARTICLES:
                self.load_article(data, authors, sources)
            # New images got theirs when attached; images kept from a load made before
            # renditions existed get them here.
            call_command("make_renditions", verbosity=0)
            passwords = {
                EDITOR_USERNAME: self.reset_login(EDITOR_USERNAME, EDITOR_GROUP),
                CONTRIBUTOR_USERNAME: self.reset_login(CONTRIBUTOR_USERNAME, CONTRIBUTOR_GROUP),
            }
        self.report(passwords)

    def load_author(self, data: dict) -> Author:
        first_name, last_name = data["name"].split(" ", 1)
        user, created = get_user_model().objects.update_or_create(
            username=data["username"],
            defaults={"first_name": first_name, "last_name": last_name},
        )
        if created:
            # A byline, not a login: the account exists so roles can be given later.
            user.set_unusable_password()
            user.save(update_fields=["password"])
        author, _created = Author.objects.update_or_create(
            slug=data["slug"], defaults={"name": data["name"], "bio": data["bio"], "user": user}
        )
        return author

    def load_source(self, data: dict) -> Source:
        source, _created = Source.objects.update_or_create(
            slug=data["slug"], defaults={"name": data["name"], "url": data["url"]}
        )
        return source

    def load_tags(self):
        # Tags are matched by slug, as the tag manager does: "Sécurité" is "securite".
        for name, description in content.TAGS.items():
            tag = Tag.objects.resolve([name])[name]
            if tag.description != description:
                Tag.objects.filter(pk=tag.pk).update(description=description)
            for alias in content.TAG_ALIASES.get(name, []):
                TagAlias.objects.get_or_create(name=alias, defaults={"tag": tag})

    def load_article(self, data: dict, authors: dict, sources: dict) -> Article:
        written = paris_time(*data["when"])
        status = data.get("status", Article.Status.PUBLISHED)
        if "publish_in_days" in data:
            published_at = paris_time(data["publish_in_days"], SCHEDULED_CLOCK)
        else:
            published_at = written if status == Article.Status.PUBLISHED else None
        main_tag = slugify(data["tags"][0])
        with_image = data.get("image", True)
        alt = content.french_spacing(illustrations.describe(main_tag)) if with_image else ""
        article, _created = Article.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "standfirst": data["standfirst"],
                "body": data["body"],
                "status": status,
                "published_at": published_at,
                "first_published_at": published_at,
                "hero_alt": alt,
                "hero_credit": HERO_CREDIT if with_image else "",
            },
        )
        article.authors.set([authors[slug] for slug in data["authors"]])
        article.tags.set(data["tags"])
        self.cite(article, [(sources[slug], url) for slug, url in data["sources"]])
        if with_image and not self.has_hero_file(article):
            self.attach_hero(article, main_tag)
        self.annotate(article, written, data.get("notes", []))
        # auto_now stamped this run's time: put back the story's own dates, so demo
        # articles don't all look edited today.
        Article.objects.filter(pk=article.pk).update(
            created_at=written - timedelta(hours=2), updated_at=written
        )
        return article

    def annotate(self, article: Article, written: datetime, notes: list):
        """Public notes, dated from the article: (kind, (days after, clock), text)."""
        article.notes.exclude(text__in=[text for _kind, _when, text in notes]).delete()
        for kind, (days, clock), text in notes:
            hour, minute = map(int, clock.split(":"))
            noted = timezone.localtime(written) + timedelta(days=days)
            noted = noted.replace(hour=hour, minute=minute)
            Note.objects.update_or_create(
                article=article, text=text, defaults={"kind": kind, "created_at": noted}
            )

    def cite(self, article: Article, citations: list[tuple[Source, str]]):
        for position, (source, url) in enumerate(citations):
            Citation.objects.update_or_create(
                article=article, position=position, defaults={"source": source, "url": url}
            )
        article.citations.filter(position__gte=len(citations)).delete()

    def has_hero_file(self, article: Article) -> bool:
        image = article.hero_image
        return bool(image) and image.storage.exists(image.name)

    def attach_hero(self, article: Article, tag_slug: str):
        name = f"{article.slug}.jpg"
        image = article.hero_image
        path = image.field.generate_filename(article, name)
        if image.storage.exists(path):
            # Left by an earlier load into a database since reset: same slug, same drawing.
            article.hero_image = path
        else:
            # A named file: Django reads the dimensions only from a file that has a name.
            drawing = ContentFile(illustrations.draw(article.slug, tag_slug), name=name)
            image.save(name, drawing, save=False)
        article.save(update_fields=["hero_image"])

    def reset_login(self, username: str, role: str) -> str:
        """Give the account its role and a new password, returned to be printed."""
        user, _created = get_user_model().objects.get_or_create(username=username)
        user.is_active = user.is_staff = True
        user.is_superuser = False
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save()
        user.groups.set([Group.objects.get(name=role)])
        return password

    def report(self, passwords: dict[str, str]):
        demo = Article.objects.filter(slug__in=[data["slug"] for data in content.ARTICLES])
        scheduled = demo.filter(
            status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
        ).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Rédaction de démonstration chargée : {demo.published().count()} articles "
                f"publiés, {demo.filter(status=Article.Status.DRAFT).count()} brouillon, "
                f"{demo.filter(status=Article.Status.REVIEW).count()} en relecture, "
                f"{scheduled} programmé."
            )
        )
        port = os.environ.get("PORT", "8000")
        self.stdout.write(f"  Connexion : http://127.0.0.1:{port}/admin/")
        for username, role in [
            (EDITOR_USERNAME, EDITOR_GROUP),
            (CONTRIBUTOR_USERNAME, CONTRIBUTOR_GROUP),
        ]:
            self.stdout.write(
                f"  {role} — identifiant : {username}  mot de passe : {passwords[username]}"
            )
