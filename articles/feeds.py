"""RSS 2.0 and Atom feeds, site-wide and per tag, source or author, with full content and
stable ids."""

import copy
import io

from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed, add_domain
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from .models import Article, Author, Source, Tag, subject_at

SITE_DESCRIPTION = _("The latest articles on Microsoft, OpenAI, Azure and artificial intelligence.")

# What a feed may be of, besides the whole site.
type Subject = Tag | Source | Author


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
    """The 20 latest published articles of the site, or of what a slug names: a tag by
    default, a source or an author when the feed is made for them (ArticleRssFeed(Source)).

    Every hook takes that subject (None for the site-wide feed): one explicit signature
    instead of syndication's arity-based lookups. An unknown slug answers 404, and so
    does a subject without public articles, as its page does.
    """

    feed_type = RssWithContent
    language = "fr"
    author_name = settings.NEWSROOM["SITE_NAME"]
    item_guid_is_permalink = False

    def __init__(self, of: type[Subject] = Tag):
        self.of = of

    def __call__(self, request, *args, **kwargs):
        # One Feed instance serves every thread: give each request its own copy, so
        # item hooks can build absolute URLs from it.
        feed = copy.copy(self)
        feed.request = request
        feedgen = feed.get_feed(feed.get_object(request, *args, **kwargs), request)
        # Written to a string first: straight into the response, a feed of twenty full
        # articles is a thousand small writes.
        xml = io.StringIO()
        feedgen.write(xml, "utf-8")
        # No Last-Modified, unlike syndication's own: it dates a feed by its newest entry,
        # a date that stays put when an entry is unpublished or an older one edited, so
        # If-Modified-Since would answer 304 to a changed feed. The ETag tells them apart.
        return HttpResponse(xml.getvalue(), content_type=feedgen.content_type)

    def get_feed(self, obj: Subject | None, request):
        """The feed, with this class's hooks called directly.

        Django's Feed.get_feed() looks every hook up again for each item, unwrapping it
        to count its arguments: some three hundred lookups for twenty items, a sixth of
        the feed's time. The feed written is the same.
        """
        domain, secure = get_current_site(request).domain, request.is_secure()
        feed = self.feed_type(
            title=self.title(obj),
            subtitle=self.subtitle(obj),
            link=add_domain(domain, self.link(obj), secure),
            description=self.description(obj),
            language=self.language,
            feed_url=add_domain(domain, request.path, secure),
            author_name=self.author_name,
        )
        for item in self.items(obj):
            feed.add_item(
                title=self.item_title(item),
                link=add_domain(domain, item.get_absolute_url(), secure),
                description=self.item_description(item),
                unique_id=self.item_guid(item),
                unique_id_is_permalink=self.item_guid_is_permalink,
                enclosures=self.item_enclosures(item),
                pubdate=self.item_pubdate(item),
                updateddate=self.item_updateddate(item),
                author_name=self.item_author_name(item),
                categories=self.item_categories(item),
                **self.item_extra_kwargs(item),
            )
        return feed

    def get_object(self, request, slug=None) -> Subject | None:
        if slug is None:
            return None
        if (subject := subject_at(self.of, slug)) is None:
            raise Http404
        return subject

    def title(self, obj: Subject | None) -> str:
        site = settings.NEWSROOM["SITE_NAME"]
        if obj is None:
            return site
        # A source or an author may share a tag's name (Microsoft): the title tells them apart.
        if isinstance(obj, Source):
            return f"{site} — " + _("Articles citing %(name)s") % {"name": obj.name}
        if isinstance(obj, Author):
            return f"{site} — " + _("Articles by %(name)s") % {"name": obj.name}
        return f"{site} — {obj.name}"

    def subtitle(self, obj: Subject | None) -> str | None:
        return None  # RSS has no subtitle (Atom's is the description)

    def description(self, obj: Subject | None) -> str:
        if obj is None:
            return str(SITE_DESCRIPTION)
        if isinstance(obj, Source):
            return _("The articles citing %(name)s as a source.") % {"name": obj.name}
        if isinstance(obj, Author):
            return obj.bio or _("The articles written by %(name)s.") % {"name": obj.name}
        return obj.description or _("The latest articles tagged %(tag)s.") % {"tag": obj.name}

    def link(self, obj: Subject | None) -> str:
        return obj.get_absolute_url() if obj else reverse("articles:article_list")

    def items(self, obj: Subject | None):
        # The subject's list, as its page reads it, but whole articles (bodies).
        articles = Article.objects.for_feed()
        items = articles.listing(obj)[: settings.NEWSROOM["FEED_SIZE"]]
        if obj is not None and not items:
            # Not public yet: its name alone could give away what is being prepared.
            raise Http404
        return items

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
        return ", ".join(author.name for author in item.author_list) or None

    def item_categories(self, item: Article) -> list[str]:
        return [tag.name for tag in item.tag_list]

    def item_enclosures(self, item: Article) -> list[Enclosure]:
        # A rendition about 1200 pixels wide, its length and type as recorded when made.
        image = item.share_image
        if not (image and image.type):
            return []
        url = self.request.build_absolute_uri(image.url)
        return [Enclosure(url=url, length=str(image.size), mime_type=image.type)]

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
                for note in item.note_list
            ),
        )
        return {"content": item.body + notes}


class ArticleAtomFeed(ArticleRssFeed):
    feed_type = AtomWithContent

    def subtitle(self, obj: Subject | None) -> str:
        return self.description(obj)
