"""RSS 2.0 and Atom feeds, site-wide and per tag, with full content and stable ids."""

import copy

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from .models import Article, Tag

SITE_DESCRIPTION = _("The latest articles on Microsoft, OpenAI, Azure and artificial intelligence.")


class RssWithContent(Rss201rev2Feed):
    """RSS 2.0 carrying each article's full body in <content:encoded>."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content:encoded", item["content"])


class AtomWithContent(Atom1Feed):
    """Atom 1.0 with the standfirst as <summary> and the full body as <content>."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content"], {"type": "html"})


class ArticleRssFeed(Feed):
    """The 20 latest published articles of the site, or of one tag when a slug is given.

    Every hook takes the tag (None for the site-wide feed): one explicit signature
    instead of syndication's arity-based lookups. An unknown slug answers 404.
    """

    feed_type = RssWithContent
    language = "fr"
    author_name = settings.NEWSROOM["SITE_NAME"]
    item_guid_is_permalink = False

    def __call__(self, request, *args, **kwargs):
        # One Feed instance serves every thread: give each request its own copy, so
        # item hooks can build absolute URLs from it.
        feed = copy.copy(self)
        feed.request = request
        return super(ArticleRssFeed, feed).__call__(request, *args, **kwargs)

    def get_object(self, request, slug=None) -> Tag | None:
        if slug is None:
            return None
        # As on the tag index: a tag of unpublished articles only does not exist yet.
        return get_object_or_404(Tag.objects.with_published_counts(), slug=slug)

    def title(self, obj: Tag | None) -> str:
        site = settings.NEWSROOM["SITE_NAME"]
        return f"{site} — {obj.name}" if obj else site

    def description(self, obj: Tag | None) -> str:
        if obj is None:
            return str(SITE_DESCRIPTION)
        return obj.description or _("The latest articles tagged %(tag)s.") % {"tag": obj.name}

    def link(self, obj: Tag | None) -> str:
        return obj.get_absolute_url() if obj else reverse("articles:article_list")

    def items(self, obj: Tag | None):
        articles = Article.objects.published()
        if obj is not None:
            articles = articles.filter(tags=obj)
        related = articles.prefetch_related("authors", "tags", "notes")
        return related[: settings.NEWSROOM["FEED_SIZE"]]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.standfirst

    def item_guid(self, item: Article) -> str:
        return item.feed_id

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        # As on the page: the latest public note, else a later edit.
        return item.modified_at or item.published_at

    def item_author_name(self, item: Article) -> str | None:
        # None, not "", so an article without a byline falls back to the feed's author.
        return ", ".join(author.name for author in item.authors.all()) or None

    def item_categories(self, item: Article) -> list[str]:
        return [tag.name for tag in item.tags.all()]

    def item_enclosures(self, item: Article) -> list[Enclosure]:
        if not (item.hero_image and item.hero_type):
            return []
        url = self.request.build_absolute_uri(item.hero_image.url)
        return [Enclosure(url=url, length=str(item.hero_size), mime_type=item.hero_type)]

    def item_extra_kwargs(self, item: Article) -> dict:
        # Updates and corrections travel with the text, as on the page.
        notes = format_html_join(
            "",
            "<p><strong>{}</strong> ({}) : {}</p>",
            (
                (
                    note.get_kind_display(),
                    date_format(localtime(note.created_at), "j F Y, H:i"),
                    note.text,
                )
                for note in item.notes.all()
            ),
        )
        return {"content": item.body + notes}


class ArticleAtomFeed(ArticleRssFeed):
    feed_type = AtomWithContent

    def subtitle(self, obj: Tag | None) -> str:
        return self.description(obj)
