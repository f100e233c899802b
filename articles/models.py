"""The newsroom's content: articles, their authors, sources and tags."""

import functools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import NamedTuple
from urllib.parse import quote

import reversion
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, IntegrityError, models, transaction
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image
from taggit.managers import TaggableManager, _TaggableManager
from taggit.models import TagBase, TaggedItemBase

from . import html, prepared, renditions
from .images import validate_hero_image
from .prepared import PreparedQuery
from .slugs import slugify, unique_slug

logger = logging.getLogger(__name__)

# An edit saved this long after publication shows as "mis à jour le" on the page.
UPDATE_NOTICE_AFTER = timedelta(minutes=10)
# Read from the hero image file whenever it changes (the renditions: made from it).
HERO_DESCRIPTION_FIELDS = ("hero_width", "hero_height", "hero_type", "hero_size", "hero_renditions")
# What save() computes from a field: saving the field (update_fields) saves them too.
DERIVED_FIELDS = {"body": ("word_count",), "hero_image": HERO_DESCRIPTION_FIELDS}
# A standfirst shorter than this says too little, longer is no longer a lead.
STANDFIRST_LENGTH = (50, 350)
# What an article's card shows: its listings read nothing else (never the body).
CARD_FIELDS = (
    "title",
    "slug",
    "standfirst",
    "published_at",
    "hero_image",
    "hero_width",
    "hero_height",
    "hero_type",
    "hero_size",
    "hero_renditions",
)
# An adult's silent reading speed of a news text, for the reading time shown on the page.
WORDS_PER_MINUTE = 230
# Related articles are chosen among the newest public articles of each of the article's
# first tags: as many as this of each, so that the cost does not grow with the archive.
RELATED_WINDOW = 100
RELATED_TAGS = 10


class ChecklistItem(NamedTuple):
    key: str  # which part of the form it checks
    label: str
    met: bool


# Stands for the slug while an address pattern is reversed once (slug_address).
SLUG_MARK = "slug-mark"
# What quote() would change in a slug; most have nothing (and quote() is slow).
NEEDS_QUOTING = re.compile(r"[^A-Za-z0-9_.~-]").search


@functools.cache
def _around_slug(url_name: str, script_prefix: str) -> tuple[str, str]:
    before, _, after = reverse(url_name, kwargs={"slug": SLUG_MARK}).partition(SLUG_MARK)
    return before, after


def slug_address(url_name: str, slug: str) -> str:
    """reverse(url_name, kwargs={"slug": slug}), reversed once per pattern: a listing
    links to a hundred articles, tags and authors, and reverse() is slow."""
    before, after = _around_slug(url_name, get_script_prefix())
    return f"{before}{quote(slug) if NEEDS_QUOTING(slug) else slug}{after}"


class Link(NamedTuple):
    """An author or a tag as a byline or a tag link shows it: a name and its page."""

    name: str
    slug: str
    url_name: str  # of its page

    def get_absolute_url(self) -> str:
        return slug_address(self.url_name, self.slug)


class PublicProfile(models.Model):
    """A name with a public page listing its articles, at an address made from the name."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=140,
        unique=True,
        blank=True,
        help_text=_("The end of the page's address. Made from the name if left empty."),
    )
    url_name: str  # of the public page

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_address(f"articles:{self.url_name}", self.slug)


class Author(PublicProfile):
    """The public face of a user account: the byline and the author's page."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
        help_text=_("The account this author logs in with, if any."),
    )
    bio = models.TextField(
        _("biography"),
        blank=True,
        help_text=_("Two or three sentences, shown on the author's page."),
    )
    photo = models.ImageField(_("photo"), upload_to="authors/", blank=True)
    url_name = "author_detail"

    class Meta(PublicProfile.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")


class Source(PublicProfile):
    """Where information comes from: a company, a newspaper, an institution."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    url = models.URLField(_("website"), blank=True, help_text=_("The source's home page."))
    url_name = "source_detail"

    class Meta(PublicProfile.Meta):
        verbose_name = _("source")
        verbose_name_plural = _("sources")


class TagQuerySet(models.QuerySet):
    def resolve(self, names: list[str]) -> dict[str, "Tag"]:
        """The tag for each name an editor typed, created if new.

        A name matches a tag with the same slug or the same name, case aside: "IA",
        "ia" and "Ia" are one tag, and so are "Sécurité" and "securite", even after an
        editor gave the tag another slug. An alias ("intelligence artificielle")
        gives its tag ("IA"). The first spelling typed names a new tag.
        """
        wanted = {name: slug for name in names if (slug := slugify(name))}
        lookup = models.Q(slug__in=set(wanted.values()))
        alias_lookup = models.Q(slug__in=set(wanted.values()))
        for name in wanted:
            lookup |= models.Q(name__iexact=name)
            alias_lookup |= models.Q(name__iexact=name)
        existing = list(self.filter(lookup))
        by_slug = {tag.slug: tag for tag in existing}
        by_name = {slugify(tag.name): tag for tag in existing}
        for alias in TagAlias.objects.filter(alias_lookup).select_related("tag"):
            by_name.setdefault(alias.slug, alias.tag)
            by_name.setdefault(slugify(alias.name), alias.tag)
        if any(slug not in by_slug and slug not in by_name for slug in wanted.values()):
            # Before creating a tag: a spelling may fold to a name the database
            # compares differently ("securite" for "Sécurité", slug "cybersecurite").
            for tag in self.exclude(pk__in=[tag.pk for tag in existing]):
                by_name.setdefault(slugify(tag.name), tag)
            for alias in TagAlias.objects.select_related("tag"):
                by_name.setdefault(slugify(alias.name), alias.tag)
        resolved = {}
        for name, slug in wanted.items():
            tag = by_slug.get(slug) or by_name.get(slug) or self._create_or_get(name, slug)
            by_slug[slug] = resolved[name] = tag
        return resolved

    def _create_or_get(self, name: str, slug: str) -> "Tag":
        # Another request may create the same tag between our lookup and insert.
        try:
            with transaction.atomic(using=self.db):
                return self.create(name=name, slug=slug)
        except IntegrityError:
            return self.filter(models.Q(slug=slug) | models.Q(name__iexact=name)).first()

    def with_published_counts(self):
        """Tags that label at least one public article, with how many: read from each
        tag's public list (articles/lists.py), not by counting every tagging."""
        from .lists import Kind, public_count

        count = public_count(Kind.TAG, models.OuterRef("pk"))
        return (
            self.annotate(article_count=models.Subquery(count))
            .filter(article_count__gt=0)
            .order_by("name")
        )


class Tag(TagBase):
    """A topic with its own page and feeds: Microsoft, OpenAI, Azure, IA…"""

    # taggit allows Unicode slugs; public URLs are ASCII ("securite", never "sécurité").
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("The end of the tag's page address: lowercase letters, digits and hyphens."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("A short introduction shown at the top of the tag's page."),
    )

    objects = TagQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def save(self, *args, **kwargs):
        self.slug = slugify(self.slug or self.name)
        with transaction.atomic(using=kwargs.get("using")):
            stored = Tag.objects.filter(pk=self.pk).values_list("name", "slug").first()
            super().save(*args, **kwargs)
            TagAlias.objects.filter(slug=self.slug).delete()  # the address is the tag's again
            if stored and stored[1] != self.slug:
                self._keep_old_address(*stored)

    def _keep_old_address(self, old_name: str, old_slug: str) -> None:
        """A renamed or merged tag's old page and feeds redirect here: its old address
        becomes an alias, named after its old name (or the old slug, when only the
        slug changed)."""
        name = old_name if old_name != self.name else old_slug
        TagAlias.objects.filter(models.Q(slug=old_slug) | models.Q(name__iexact=name)).delete()
        TagAlias.objects.create(tag=self, name=name, slug=old_slug)

    def get_absolute_url(self):
        return slug_address(TAG_PAGE, self.slug)

    @transaction.atomic
    def absorb(self, others) -> None:
        """Merge other tags into this one.

        Their articles take this tag, their names and addresses become its aliases
        (typing one attaches this tag, its old page and feeds redirect here).
        """
        for other in others:
            if other.pk == self.pk:
                continue
            already = TaggedArticle.objects.filter(tag=self).values("content_object")
            other.tagged_articles.exclude(content_object__in=already).update(tag=self)
            other.aliases.update(tag=self)
            other.delete()  # with its remaining rows: articles that had both tags
            self._keep_old_address(other.name, other.slug)


class TagAlias(models.Model):
    """Another name for a tag: typing it attaches the tag, its address redirects to it.

    A merged tag lives on as an alias of the tag it was merged into.
    """

    tag = models.ForeignKey(
        Tag, verbose_name=_("tag"), on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")

    def __str__(self):
        return self.name

    def clean(self):
        slug = slugify(self.name)
        if not slug:
            raise ValidationError({"name": _("An alias needs letters or digits.")})
        # Checked when given or renamed: its own tag may have taken the name since, and
        # saving the tag's form again must not stumble on it.
        if self.pk and TagAlias.objects.filter(pk=self.pk, name=self.name).exists():
            return
        taken = Tag.objects.filter(models.Q(slug=slug) | models.Q(name__iexact=self.name))
        if taken.exists():
            raise ValidationError({"name": _("“%(name)s” is already a tag.") % {"name": self.name}})
        twins = TagAlias.objects.filter(models.Q(slug=slug) | models.Q(name__iexact=self.name))
        if twin := twins.exclude(pk=self.pk).select_related("tag").first():
            message = _("“%(alias)s” is already another name of the tag “%(tag)s”.")
            raise ValidationError({"name": message % {"alias": twin.name, "tag": twin.tag.name}})

    def save(self, *args, **kwargs):
        self.slug = self.slug or slugify(self.name)
        super().save(*args, **kwargs)


# The pages a Link leads to (Link.url_name).
AUTHOR_PAGE = f"articles:{Author.url_name}"
SOURCE_PAGE = f"articles:{Source.url_name}"
TAG_PAGE = "articles:tag_detail"


@reversion.register()
class TaggedArticle(TaggedItemBase):
    """Through model between articles and tags: a plain foreign key, easy to index."""

    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("tagged article")
        verbose_name_plural = _("tagged articles")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_tag_per_article")
        ]


class ArticleTagManager(_TaggableManager):
    """taggit's manager, resolving typed names through Tag.objects.resolve()."""

    def _to_tag_model_instances(self, tags, tag_kwargs):
        names = [tag for tag in tags if isinstance(tag, str)]
        by_name = Tag.objects.resolve(names) if names else {}
        instances = [by_name.get(tag) if isinstance(tag, str) else tag for tag in tags]
        return super()._to_tag_model_instances([t for t in instances if t], tag_kwargs)


class ArticleQuerySet(models.QuerySet):
    def published(self, at: datetime | None = None):
        """What readers may see (at that moment, now by default): published status,
        publication time reached."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=at or timezone.now())

    def scheduled(self, at: datetime | None = None):
        """Published by an editor, waiting for their publication time (after `at`, now by
        default)."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=at or timezone.now())

    def in_review(self):
        return self.filter(status=Article.Status.REVIEW)

    def with_bylines(self):
        """Each article fetched gets its authors and tags (Article.author_list and
        tag_list), in one query whatever the count.

        Plain rows rather than prefetch_related(): on a listing of twenty cards,
        Django's prefetching cost more than its queries.
        """
        clone = self._chain()
        clone._completion = clone._completion or attach_bylines
        return clone

    def for_feed(self):
        """What a feed's entry shows: authors, tags and notes (complete_for_feed())."""
        clone = self._chain()
        clone._completion = complete_for_feed
        return clone

    def for_page(self):
        """What an article's own page shows (complete_for_page()), in a fixed number of
        queries."""
        clone = self._chain()
        clone._completion = complete_for_page
        return clone

    # What each article fetched is completed with (with_bylines(), for_page()), kept by
    # every queryset derived from this one.
    _completion = None

    def _clone(self):
        clone = super()._clone()
        clone._completion = self._completion
        return clone

    def _fetch_all(self):
        fetching = self._result_cache is None
        super()._fetch_all()
        if fetching and self._completion and self._iterable_class is models.query.ModelIterable:
            self._completion(self._result_cache, using=self.db)

    def for_listing(self):
        """What a list of article cards needs (CARD_FIELDS), in a fixed number of queries."""
        return self.with_bylines().only(*CARD_FIELDS)

    def listing(self, subject: "Tag | Source | Author | datetime | None" = None):
        """The public articles (published()) of a list — the site's (None), a month's (a
        datetime in it), a tag's, a source's or an author's — in its order, for a
        paginator, read as this queryset reads them (its only() fields, its completion).

        Counted from the list's count and sliced on its index, so that page 1,000 costs
        what page 1 costs; each page is one compiled query (lists.page_query()).
        """
        from .lists import Listing, list_key

        return Listing(self, *list_key(subject))

    def related_to(self, article: "Article", limit: int = 4):
        """Articles sharing tags with this one, the most shared first, then the newest.

        Never the article itself; one query. The candidates are the RELATED_WINDOW newest
        articles of each of its first RELATED_TAGS tags, read from the tag lists' index:
        the cost stays the same however large the archive, and an old article sharing
        tags with this one may give way to newer ones. Shared tags are counted within
        those windows to choose, then exactly to order the chosen.
        """
        return self.sharing_tags_with(article.pk, related_tag_count(article), limit)

    def sharing_tags_with(
        self, article_id: int, tags: int, limit: int = 4, at: datetime | None = None
    ):
        """related_to() for an article by its id, opening windows on its first `tags`
        tags, public at `at` (now by default)."""
        from .lists import related_choice, shared_tags

        if not tags:
            return self.none()  # no window to look through, not every entry

        chosen = related_choice(article_id, tags, RELATED_WINDOW, limit, at)
        return (
            self.filter(pk__in=chosen)
            .annotate(shared_tags=shared_tags(article_id))
            .order_by("-shared_tags", "-published_at", "-pk")
        )

    def around(self, article: "Article") -> tuple["Article | None", "Article | None"]:
        """The articles published just before and just after this one, in one query.

        In the order of Meta.ordering: by publication date, then by pk for articles
        published at the same time. Each neighbour is one step in the index on
        (status, published_at, id), from the article's date.
        """
        when, pk = article.published_at, article.pk
        return split_neighbours(self.neighbours(when, pk), when, pk)

    def neighbours(self, when: datetime, pk: int):
        """around()'s query: the articles just before and just after (when, pk)."""
        before, after = self.before_and_after(when, pk)
        # Two scalar subqueries rather than a UNION: SQLite refuses LIMIT in a UNION's parts.
        return self.filter(
            models.Q(pk=models.Subquery(before.values("pk")[:1]))
            | models.Q(pk=models.Subquery(after.values("pk")[:1]))
        )

    def before_and_after(self, when, pk) -> tuple["ArticleQuerySet", "ArticleQuerySet"]:
        """The articles before (when, pk), the nearest first, and those after it, the
        nearest first. `when` and `pk` may be values or references to an outer query's
        article (OuterRef)."""
        # The article's date written before this queryset's own filters: of two upper
        # bounds on a column, SQLite walks the index from the first, and published()'s
        # "now" would make it read every article since this one.
        before = (
            (self.model._default_manager.filter(published_at__lte=when) & self)
            .filter(models.Q(published_at__lt=when) | models.Q(pk__lt=pk))
            .order_by("-published_at", "-pk")
        )
        after = (
            self.filter(published_at__gte=when)
            .filter(models.Q(published_at__gt=when) | models.Q(pk__gt=pk))
            .order_by("published_at", "pk")
        )
        return before, after

    def months(self) -> list[dict]:
        """Each month (Paris time) with public articles, and how many, newest first; one
        query, whatever the size of the archive.

        Rows are {"month": the first day of the month, 00:00 Paris time, "count": n}. Read
        from the month lists (articles/lists.py), which hold what published() holds: call
        it on published(), whose filters it does not re-read.
        """
        from .lists import months

        return months()


@reversion.register(follow=["tagged_items", "citations", "notes"])
class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")

    title = models.CharField(
        _("title"), max_length=200, help_text=_("Short and factual: it is also the feed title.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("The end of the article's address. Avoid changing it once published."),
    )
    standfirst = models.TextField(
        _("standfirst"),
        help_text=_("The lead: one or two sentences that say what happened and why it matters."),
    )
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_(
            "HTML: paragraphs, h2/h3 intertitles, lists, links and quotes. "
            "Anything else is removed on save."
        ),
    )
    # Counted when the body is saved, for its reading time.
    word_count = models.PositiveIntegerField(_("word count"), default=0, editable=False)
    hero_image = models.ImageField(
        _("hero image"),
        upload_to="articles/%Y/%m/",
        blank=True,
        validators=[validate_hero_image],
        width_field="hero_width",
        height_field="hero_height",
        help_text=_("JPEG, PNG, WebP or GIF, at least 1200 pixels wide if possible."),
    )
    hero_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Read from the file itself when the image changes, so feeds can describe their
    # enclosures without touching storage.
    hero_type = models.CharField(max_length=30, blank=True, editable=False)
    hero_size = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # The hero image's renditions, made once when the image changes (articles/renditions.py):
    # one {"width", "height", "type", "name", "size"} per width and format, so pages and
    # feeds describe them without touching storage.
    hero_renditions = models.JSONField(default=list, blank=True, editable=False)
    hero_alt = models.CharField(
        _("image description"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    hero_credit = models.CharField(
        _("image credit"),
        max_length=150,
        blank=True,
        help_text=_("Photographer or owner, e.g. « Photo : Microsoft »."),
    )
    authors = models.ManyToManyField(Author, verbose_name=_("authors"), related_name="articles")
    tags = TaggableManager(
        verbose_name=_("tags"),
        through=TaggedArticle,
        manager=ArticleTagManager,
        blank=True,
        help_text=_("Separated by commas: « IA, Microsoft, intelligence artificielle »."),
    )
    sources = models.ManyToManyField(
        Source, through="Citation", verbose_name=_("sources"), related_name="articles"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_(
            "Paris time. Left empty, it is set when the article is published; "
            "a future date schedules it."
        ),
    )
    first_published_at = models.DateTimeField(
        _("first published"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The wire file an article was imported from: importing it again updates it.
    wire_file = models.CharField(_("wire file"), max_length=255, blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            # Listings, neighbours and counts of a month: public articles in their order.
            models.Index(
                fields=["status", "-published_at", "-id"], name="article_status_published"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["wire_file"],
                condition=~models.Q(wire_file=""),
                name="one_article_per_wire_file",
            )
        ]
        permissions = [("publish_article", _("Can publish, schedule and unpublish articles"))]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        self.body = html.sanitize(self.body)
        self.word_count = html.word_count(self.body)
        if (fields := kwargs.get("update_fields")) is not None:
            derived = (name for field in fields for name in DERIVED_FIELDS.get(field, ()))
            kwargs["update_fields"] = {*fields, *derived}
        if self.status == self.Status.PUBLISHED:
            self.published_at = self.published_at or timezone.now()
            self.first_published_at = self.first_published_at or self.published_at
        if self.hero_image.name != self._saved_hero_name:
            self._describe_hero_image()
            self._make_renditions()
        with transaction.atomic(using=kwargs.get("using")):
            self.keep_old_address()
            super().save(*args, **kwargs)
        self._saved_hero_name = self.hero_image.name

    # The hero image's name as last read from or written to the database.
    _saved_hero_name: str | None = None

    @classmethod
    def from_db(cls, db, field_names, values, *, fetch_mode=None):
        article = super().from_db(db, field_names, values, fetch_mode=fetch_mode)
        if "hero_image" in field_names:
            article._saved_hero_name = article.hero_image.name
        return article

    def keep_old_address(self) -> None:
        """Before a save: once readers had the stored address, it keeps answering (301)."""
        if self.pk is None:
            return
        stored = Article.objects.filter(pk=self.pk).values_list("slug", "first_published_at")
        old_slug, first_published_at = stored.first() or (self.slug, None)
        if old_slug == self.slug:
            return
        ArticleRedirect.objects.filter(slug=self.slug).delete()  # the address is live again
        if first_published_at and first_published_at <= timezone.now():
            ArticleRedirect.objects.update_or_create(
                slug=old_slug, defaults={"article_id": self.pk}
            )

    def _describe_hero_image(self) -> None:
        """Record the hero image's real MIME type (by its content) and byte size."""
        if not self.hero_image:
            self.hero_type, self.hero_size = "", None
            return
        file = self.hero_image.open("rb")
        # Only the header is read; leave the file open, a new upload is saved after.
        image_format = Image.open(file).format
        # A camera's multi-picture JPEG (MPO) is a JPEG to every browser and feed reader.
        self.hero_type = Image.MIME.get("JPEG" if image_format == "MPO" else image_format, "")
        file.seek(0)
        if self.hero_image._committed:
            file.close()
        self.hero_size = self.hero_image.size

    def _make_renditions(self) -> None:
        """Make the new hero image's renditions, recorded by the save under way."""
        self.hero_renditions = []
        if not self.hero_image:
            return
        # A new upload is stored now rather than a moment later in pre_save, so that its
        # renditions are named after its stored name and recorded in the same write.
        self._meta.get_field("hero_image").pre_save(self, add=self._state.adding)
        try:
            self.hero_renditions = renditions.make(self.hero_image)
        except Exception:
            # The edit is saved all the same: pages show the original image until
            # `manage.py make_renditions` makes them.
            logger.exception("No renditions for the hero image %s", self.hero_image.name)

    # Filled by attach_bylines() (ArticleQuerySet.with_bylines()).
    _authors: list[Link] | None = None
    _tags: list[Link] | None = None

    @property
    def author_list(self) -> list[Link]:
        """Its authors by name (a name and an address each), as fetched by with_bylines()."""
        if self._authors is None:
            attach_bylines([self], using=self._state.db)
        return self._authors

    @property
    def tag_list(self) -> list[Link]:
        """Its tags in the order they were given (a name and an address each), as fetched by
        with_bylines(): far quicker than taggit's `tags.all()` for each article."""
        if self._tags is None:
            attach_bylines([self], using=self._state.db)
        return self._tags

    # Filled by attach_notes() (a feed's items), or read at first use.
    _notes: list["Note"] | None = None

    @property
    def note_list(self) -> list["Note"]:
        """Its public notes, oldest first (attach_notes(): for_page() and feeds)."""
        if self._notes is None:
            self._notes = list(self.notes.all())
        return self._notes

    # Filled by attach_citations() (for_page()), or read at first use.
    _citations: list["Cited"] | None = None

    @property
    def citation_list(self) -> list["Cited"]:
        """The sources it cites, in their order: where to read each, and its source's page."""
        if self._citations is None:
            attach_citations([self], using=self._state.db)
        return self._citations

    @property
    def hero_picture(self) -> renditions.Picture | None:
        """The hero image on the article page, at every width made."""
        return renditions.picture(self)

    @property
    def card_picture(self) -> renditions.Picture | None:
        """The hero image on a listing's card: small renditions only."""
        return renditions.picture(self, max_width=renditions.CARD_WIDTH)

    @property
    def share_image(self) -> renditions.Rendition | None:
        """The hero image for OpenGraph, JSON-LD and feed enclosures: a rendition in the
        original's format about 1200 pixels wide (url relative, width, height, type, size)."""
        return renditions.share_image(self)

    def get_absolute_url(self):
        return slug_address("articles:article_detail", self.slug)

    @property
    def is_public(self) -> bool:
        """Whether readers may see it, by the one rule: published()."""
        return Article.objects.published().filter(pk=self.pk).exists()

    @property
    def was_updated(self) -> bool:
        """Edited after publication: the page shows « mis à jour le »."""
        if not self.published_at:
            return False
        # An archive article entered today with a past date was not "updated" today.
        since = max(self.published_at, self.created_at)
        return self.updated_at - since > UPDATE_NOTICE_AFTER

    @property
    def is_scheduled(self) -> bool:
        """ArticleQuerySet.scheduled(), for an article already loaded (a list's rows)."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def modified_at(self):
        """The date readers see as « mis à jour »: the latest public note, if any.

        Without notes, an edit well after publication counts (see was_updated).
        """
        if notes := self.note_list:
            return max(note.created_at for note in notes)
        return self.updated_at if self.was_updated else None

    @property
    def reading_time(self) -> int:
        """Minutes to read the body, at about WORDS_PER_MINUTE; at least one."""
        return max(1, round(self.word_count / WORDS_PER_MINUTE))

    def checklist(self, tag_count=None, source_count=None) -> list[ChecklistItem]:
        """The pre-publication checklist: each item, and whether the article meets it.

        Counts of tags and sources not saved yet (a form being submitted) may be
        given; otherwise the saved ones are counted.
        """
        if tag_count is None:
            tag_count = self.tags.count() if self.pk else 0
        if source_count is None:
            source_count = self.citations.count() if self.pk else 0
        shortest, longest = STANDFIRST_LENGTH
        standfirst = len(" ".join(self.standfirst.split()))
        image = bool(self.hero_image)
        items = [
            ("title", _("a title"), bool(self.title.strip())),
            (
                "standfirst",
                _("a standfirst of %(shortest)d to %(longest)d characters")
                % {"shortest": shortest, "longest": longest},
                shortest <= standfirst <= longest,
            ),
            ("tags", _("at least one tag"), tag_count > 0),
            ("sources", _("at least one source"), source_count > 0),
            ("hero_alt", _("a description of the hero image"), not image or self.hero_alt.strip()),
            (
                "hero_credit",
                _("a credit for the hero image"),
                not image or self.hero_credit.strip(),
            ),
            ("links", _("no empty link in the body"), not html.has_empty_link(self.body)),
        ]
        return [ChecklistItem(key, str(label), bool(met)) for key, label, met in items]

    def publication_problems(self, tag_count=None, source_count=None) -> list[str]:
        """What the article still lacks before it may be published."""
        return [item.label for item in self.checklist(tag_count, source_count) if not item.met]

    @property
    def feed_id(self) -> str:
        """A tag: URI (RFC 4151) that never changes, whatever happens to the slug."""
        authority = settings.NEWSROOM["FEED_ID_AUTHORITY"]
        first = timezone.localtime(self.first_published_at or self.created_at, UTC)
        return f"tag:{authority},{first:%Y-%m-%d}:article:{self.pk}"


def split_neighbours(neighbours, when: datetime, pk: int) -> tuple[Article | None, Article | None]:
    """The previous and the next of the (at most two) neighbours of the article published
    at `when` with this pk, in the order of Meta.ordering."""
    previous = following = None
    for neighbour in neighbours:
        if (neighbour.published_at, neighbour.pk) < (when, pk):
            previous = neighbour
        else:
            following = neighbour
    return previous, following


def related_tag_count(article: Article) -> int:
    """How many of its tags related_to() looks through, known without a query when its
    tags were read with it (with_bylines(), public_article())."""
    counted = RELATED_TAGS if article._tags is None else len(article._tags)
    return min(counted, RELATED_TAGS)


# What an article's page links to (a title, an address, a date each), compiled once per
# process: built with the ORM, these queries cost twenty times what they take to run.
LINK_FIELDS = ("pk", "title", "slug", "published_at")


class ArticleLink(NamedTuple):
    """An article as another one's page links to it: a title, an address and a date;
    far quicker to make than a model instance."""

    pk: int
    title: str
    slug: str
    published_at: datetime

    def get_absolute_url(self) -> str:
        return slug_address("articles:article_detail", self.slug)


_RELATED = {
    tags: PreparedQuery(
        lambda article_id, now, tags=tags: (
            Article.objects.published(at=now)
            .sharing_tags_with(article_id, tags, at=now)
            .values_list(*LINK_FIELDS)
        ),
        article_id=int,
        now=datetime,
    )
    for tags in range(1, RELATED_TAGS + 1)
}


@dataclass
class PageLinks:
    """The public articles an article's page links to: just before and after it
    (ArticleQuerySet.around()), and those sharing its tags (related_to())."""

    previous: ArticleLink | None = None
    next: ArticleLink | None = None
    related: list[ArticleLink] = field(default_factory=list)


def complete_for_page(
    articles: list[Article], using: str | None = None, batch: prepared.Batch | None = None
) -> None:
    """What an article's own page shows besides the article: its authors and tags, its
    notes (note_list), the sources it cites (citation_list). Three queries, sent together."""
    with prepared.batch(using, batch) as queries:
        attach_bylines(articles, batch=queries)
        attach_notes(articles, batch=queries)
        attach_citations(articles, batch=queries)


def complete_for_feed(articles: list[Article], using: str | None = None) -> None:
    """What a feed's entries show besides the articles: their authors and tags, their
    notes (the latest dates an update). Two queries, sent together."""
    with prepared.batch(using) as queries:
        attach_bylines(articles, batch=queries)
        attach_notes(articles, batch=queries)


def _public_page(slug: str, now: datetime) -> ArticleQuerySet:
    """The public article at this address with, in columns of its row, what its page
    shows besides it (complete_for_page()) and its neighbours (around()): each a JSON
    list of rows (prepared.json_rows()), read back by public_article()."""
    rows, article = prepared.json_rows, models.OuterRef("pk")
    first = prepared.json_row
    before, after = Article.objects.published(at=now).before_and_after(
        models.OuterRef("published_at"), article
    )
    return (
        Article.objects.published(at=now)
        .filter(slug=slug)
        .annotate(
            page_authors=rows(
                Article.authors.through.objects.filter(article=article),
                "author__name",
                "author__slug",
                "author_id",
            ),
            page_tags=rows(
                TaggedArticle.objects.filter(content_object=article), "tag__name", "tag__slug", "pk"
            ),
            page_notes=rows(Note.objects.filter(article=article), *_NOTE_FIELDS),
            page_citations=rows(
                Citation.objects.filter(article=article),
                "url",
                "source__url",
                "source__name",
                "source__slug",
                "position",
                "pk",
            ),
            page_previous=first(before, *LINK_FIELDS),
            page_next=first(after, *LINK_FIELDS),
        )
    )


_NOTE_FIELDS = ("id", "article_id", "kind", "text", "created_at")
_PUBLIC_PAGE = PreparedQuery(_public_page, slug=str, now=datetime)


def public_article(slug: str) -> tuple[Article, PageLinks] | None:
    """The public article at this address, completed for its page as for_page() does,
    and the articles its page links to: two queries (the article with what its page
    shows, then its related articles), compiled once per process."""
    now = timezone.now()
    found = _PUBLIC_PAGE.instances(slug=slug, now=now)
    if not found:
        return None
    article = found[0]
    _read_page_columns(article)
    links = PageLinks()
    for attribute, row in (("previous", article.page_previous), ("next", article.page_next)):
        if row:
            pk, title, address, published_at = row
            link = ArticleLink(pk, title, address, prepared.json_datetime(published_at))
            setattr(links, attribute, link)
    if tags := related_tag_count(article):  # no tags, no window to look through
        related = _RELATED[tags].converted(article._state.db, article_id=article.pk, now=now)
        links.related = [ArticleLink(*row) for row in related]
    return article, links


def _read_page_columns(article: Article) -> None:
    """Give an article read by _public_page() its lists, each in the order
    complete_for_page() reads it."""
    db, dated = article._state.db, prepared.json_datetime
    article._authors = [
        Link(name, slug, AUTHOR_PAGE)
        for name, slug, _pk in sorted(article.page_authors or (), key=lambda row: (row[0], row[2]))
    ]
    article._tags = [
        Link(name, slug, TAG_PAGE)
        for name, slug, _pk in sorted(article.page_tags or (), key=lambda row: row[2])
    ]
    notes = [(*row[:4], dated(row[4])) for row in article.page_notes or ()]
    article._notes = [
        Note.from_db(db, _NOTE_FIELDS, row)
        for row in sorted(notes, key=lambda row: (row[4], row[0]))
    ]
    article._citations = [
        Cited(url or source_url, Link(name, slug, SOURCE_PAGE))
        for url, source_url, name, slug, *_order in sorted(
            article.page_citations or (), key=lambda row: (row[4], row[5])
        )
    ]


@functools.cache
def _by_slug(model: type[models.Model]) -> PreparedQuery:
    return PreparedQuery(lambda slug: model._default_manager.filter(slug=slug), slug=str)


def subject_at(model: type["Tag | Source | Author"], slug: str) -> "Tag | Source | Author | None":
    """The tag, source or author at this address (whose articles a page or feed lists):
    its query compiled once per process."""
    found = _by_slug(model).instances(slug=slug)
    return found[0] if found else None


def attach_bylines(
    articles: list[Article], using: str | None = None, batch: prepared.Batch | None = None
) -> None:
    """Give each article its author_list and tag_list: one query for any number.

    Each is a Link (a name and an address), which is all a byline, a tag link, a feed
    or structured data reads: far quicker to make than model instances. Written in SQL:
    the ORM took ten times longer to build these two joins than the database to answer.
    """
    by_pk = {article.pk: article for article in articles}
    for article in articles:
        article._authors, article._tags = [], []
    if not by_pk:
        return

    def receive(rows):
        for is_tag, article_id, name, slug, *_order in rows:
            if is_tag:
                by_pk[article_id]._tags.append(Link(name, slug, TAG_PAGE))
            else:
                by_pk[article_id]._authors.append(Link(name, slug, AUTHOR_PAGE))

    ids = list(by_pk)
    with prepared.batch(using or articles[0]._state.db, batch) as queries:
        queries.add(_bylines_sql(len(ids)), ids + ids, receive)


def attach_notes(
    articles: list[Article], using: str | None = None, batch: prepared.Batch | None = None
) -> None:
    """Give each article its notes (note_list), oldest first, in one query (cheaper than
    prefetch_related(), which costs more to build than the notes take to read)."""
    by_pk = {article.pk: article for article in articles}
    for article in articles:
        article._notes = []
    if not by_pk:
        return

    def receive(notes):
        for note in notes:
            by_pk[note.article_id]._notes.append(note)

    with prepared.batch(using or articles[0]._state.db, batch) as queries:
        query = _of_articles(_notes_query, len(by_pk))
        query.queue(queries, receive, **_article_ids(by_pk))


class Cited(NamedTuple):
    """A citation as a page shows it: the page to read, and the source's own page."""

    link: str
    source: Link


def attach_citations(
    articles: list[Article], using: str | None = None, batch: prepared.Batch | None = None
) -> None:
    """Give each article the sources it cites (citation_list), in their order, in one
    query."""
    by_pk = {article.pk: article for article in articles}
    for article in articles:
        article._citations = []
    if not by_pk:
        return

    def receive(rows):
        for article_id, url, source_url, name, slug in rows:
            cited = Cited(url or source_url, Link(name, slug, SOURCE_PAGE))
            by_pk[article_id]._citations.append(cited)

    with prepared.batch(using or articles[0]._state.db, batch) as queries:
        query = _of_articles(_citations_query, len(by_pk))
        query.queue(queries, receive, rows=True, **_article_ids(by_pk))


def _notes_query(ids: list[int]) -> models.QuerySet:
    return Note.objects.filter(article_id__in=ids).order_by("created_at", "pk")


def _citations_query(ids: list[int]) -> models.QuerySet:
    return Citation.objects.filter(article_id__in=ids).values_list(
        "article_id", "url", "source__url", "source__name", "source__slug"
    )


def _article_ids(by_pk: dict[int, Article]) -> dict[str, int]:
    return {f"article{n}": pk for n, pk in enumerate(by_pk)}


@functools.cache
def _of_articles(build: Callable[[list[int]], models.QuerySet], count: int) -> PreparedQuery:
    """build(ids)'s query for the ids of `count` articles (_article_ids()), compiled once
    for each count."""
    return PreparedQuery(
        lambda **ids: build(list(ids.values())), **{f"article{n}": int for n in range(count)}
    )


@functools.cache
def _bylines_sql(count: int) -> str:
    """Authors by name, then tags in the order they were given, of `count` articles."""
    authors, tags = Article.authors.through._meta.db_table, TaggedArticle._meta.db_table
    ids = ", ".join(["%s"] * count)
    return (
        f"SELECT 0, w.article_id, a.name, a.slug, a.name AS sort_name, a.id AS sort_id"
        f" FROM {authors} w JOIN {Author._meta.db_table} a ON a.id = w.author_id"
        f" WHERE w.article_id IN ({ids})"
        " UNION ALL"
        f" SELECT 1, t.content_object_id, g.name, g.slug, '', t.id"
        f" FROM {tags} t JOIN {Tag._meta.db_table} g ON g.id = t.tag_id"
        f" WHERE t.content_object_id IN ({ids})"
        " ORDER BY 1, 5, 6"
    )


@receiver(models.signals.pre_save, sender=Article)
def complete_restored_article(sender, instance: Article, raw: bool, **kwargs):
    # Restoring a version (django-reversion) writes the row raw, without Article.save();
    # a version saved before word counts were stored has none.
    if raw:
        instance.keep_old_address()
        instance.word_count = html.word_count(instance.body)


class ArticleRedirect(models.Model):
    """An address an article had before its slug changed: it answers 301."""

    slug = models.SlugField(_("old slug"), max_length=200, unique=True)
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="redirects"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self):
        return self.slug


@reversion.register()
class Note(models.Model):
    """A dated public note under a published article: an update or a correction."""

    class Kind(models.TextChoices):
        UPDATE = "update", _("Update")
        CORRECTION = "correction", _("Correction")

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="notes"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.UPDATE)
    text = models.TextField(
        _("text"),
        max_length=600,
        help_text=_("One or two sentences: what changed and why."),
    )
    created_at = models.DateTimeField(_("date"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("public note")
        verbose_name_plural = _("public notes")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.text[:60]}"


PREVIEW_SALT = "articles.preview-link"


class PreviewLinkQuerySet(models.QuerySet):
    def active(self):
        """Links not yet expired; a revoked link is deleted."""
        return self.filter(expires_at__gt=timezone.now())


class PreviewLink(models.Model):
    """A signed link showing one unpublished article to someone outside the newsroom."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="preview_links"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("share link")
        verbose_name_plural = _("share links")

    def __str__(self):
        return str(self.article)

    def save(self, *args, **kwargs):
        if self.expires_at is None:
            hours = settings.NEWSROOM["PREVIEW_LINK_HOURS"]
            self.expires_at = timezone.now() + timedelta(hours=hours)
        super().save(*args, **kwargs)

    @property
    def token(self) -> str:
        # The same token every time: the expiry lives in the database, not in the link.
        return signing.Signer(salt=PREVIEW_SALT).sign(str(self.pk))

    @staticmethod
    def id_from_token(token: str) -> int | None:
        """The link a token was signed for; None when the token is forged."""
        try:
            return int(signing.Signer(salt=PREVIEW_SALT).unsign(token))
        except (signing.BadSignature, ValueError):
            return None

    def get_absolute_url(self):
        return reverse("articles:shared_preview", kwargs={"token": self.token})

    @property
    def is_active(self) -> bool:
        return self.expires_at > timezone.now()


@reversion.register()
class Citation(models.Model):
    """An article citing a source, optionally at the exact page."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="citations"
    )
    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="citations"
    )
    url = models.URLField(
        _("page"),
        max_length=500,
        blank=True,
        help_text=_("The exact page quoted, if there is one."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")

    def __str__(self):
        return f"{self.article} — {self.source}"

    @property
    def link(self) -> str:
        return self.url or self.source.url


class ListEntryQuerySet(models.QuerySet):
    # The entries' own copy of status and publication date answers to the same rules.
    published = ArticleQuerySet.published
    scheduled = ArticleQuerySet.scheduled


class ListEntry(models.Model):
    """A dated article in one public list: the site's, a month's, a tag's, a source's or
    an author's, with a copy of its status and publication date.

    Written by database triggers on every write to articles, taggings, citations and
    bylines, never by the application (articles/lists.py).
    """

    class Kind(models.IntegerChoices):
        SITE = 1
        MONTH = 2
        TAG = 3
        SOURCE = 4
        AUTHOR = 5

    pk = models.CompositePrimaryKey("article_id", "kind", "subject_id")
    article = models.ForeignKey(
        Article,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,  # the primary key's index starts with it
        related_name="list_entries",
    )
    kind = models.PositiveSmallIntegerField(choices=Kind)
    # The tag, source or author; the month as YYYYMM (Paris time); 0 for the site.
    subject_id = models.BigIntegerField()
    status = models.CharField(max_length=10)
    published_at = models.DateTimeField()

    objects = ListEntryQuerySet.as_manager()

    class Meta:
        indexes = [
            # A list in its order, with what published() reads: pages and counts from the
            # index alone.
            models.Index(
                fields=["kind", "subject_id", "-published_at", "-article", "status"],
                name="list_entry_order",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.subject_id}: {self.article_id}"


class ListCount(models.Model):
    """How many entries a public list holds with one status; kept by the same triggers."""

    pk = models.CompositePrimaryKey("kind", "subject_id", "status")
    kind = models.PositiveSmallIntegerField(choices=ListEntry.Kind)
    subject_id = models.BigIntegerField()
    status = models.CharField(max_length=10)
    articles = models.IntegerField()

    def __str__(self):
        return f"{self.kind} {self.subject_id} {self.status}: {self.articles}"


@receiver(models.signals.post_migrate, dispatch_uid="articles.lists")
def keep_lists_in_place(sender, app_config, using=DEFAULT_DB_ALIAS, plan=None, **kwargs):
    # After migrate (and flush): triggers and calendar in place, the lists whole. A
    # migration may have rebuilt a table, which drops its triggers on SQLite. Then fresh
    # planner statistics, on each deploy rather than during a request.
    if app_config.label != "articles":
        return
    from . import lists

    lists.after_migrate(using, statistics=plan is not None)  # a migrate, not a flush
