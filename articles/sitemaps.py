"""Sitemaps for search engines: every public page, and Google News' latest articles.

Everything listed starts from Article.objects.published(): a draft, an article in review
or a scheduled one is in no sitemap, and neither is a tag, source or author until one of
its articles is public. Each sitemap costs a fixed number of queries.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from .models import Article, Author, Note, Source, Tag

# Google News reads articles published in the last two days, at most 1,000 of them.
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000


class ArticleSitemap(Sitemap):
    """Public articles, newest first, dated by their last change a reader can see."""

    def items(self):
        latest_note = Note.objects.filter(article=OuterRef("pk")).order_by("-created_at")
        changed_at = Greatest(
            "updated_at",
            "published_at",
            # A note dates the article's update on the page (Article.modified_at).
            Coalesce(Subquery(latest_note.values("created_at")[:1]), "published_at"),
        )
        return (
            Article.objects.published()
            .annotate(changed_at=changed_at)
            .only("slug", "published_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, item: Article):
        # A scheduled article's last edit came before it went public: published_at wins.
        return item.changed_at

    def get_latest_lastmod(self):
        # One aggregate for the sitemap index, rather than reading every article.
        latest = Article.objects.published().aggregate(
            updated=Max("updated_at"), published=Max("published_at"), noted=Max("notes__created_at")
        )
        return max((date for date in latest.values() if date), default=None)


class ArticlesOfSitemap(Sitemap):
    """Tags, sources or authors with at least one public article, dated by the latest one."""

    model: type[Tag | Source | Author]
    articles: str  # the lookup from the model to its articles

    def items(self):
        public = Article.objects.published()
        # Filtered then annotated through the same join: only public articles are dated.
        return (
            self.model.objects.filter(**{f"{self.articles}__in": public})
            .annotate(latest_article_at=Max(f"{self.articles}__published_at"))
            .only("slug")
            .order_by("name", "pk")
        )

    def lastmod(self, item):
        return item.latest_article_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("latest_article_at"))["latest"]


class TagSitemap(ArticlesOfSitemap):
    model = Tag
    articles = "tagged_articles__content_object"


class SourceSitemap(ArticlesOfSitemap):
    model = Source
    articles = "citations__article"


class AuthorSitemap(ArticlesOfSitemap):
    model = Author
    articles = "articles"


# The sections of /sitemap.xml, each at its own address, paginated at 50,000 addresses.
SECTIONS = {
    "articles": ArticleSitemap,
    "tags": TagSitemap,
    "sources": SourceSitemap,
    "authors": AuthorSitemap,
}


# Django's views, with lastmod to the second in our templates: several articles change a day.
# Without django.contrib.sites they take the domain from the request.


@require_safe
def index(request):
    """/sitemap.xml: the address of each section's pages."""
    response = sitemap_views.index(
        request,
        SECTIONS,
        template_name="sitemaps/index.xml",
        sitemap_url_name="articles:sitemap_section",
    )
    return without_last_modified(response)


@require_safe
def section(request, section: str):
    """One section; ?p=2 and on beyond 50,000 addresses, 404 for an unknown section."""
    response = sitemap_views.sitemap(
        request, SECTIONS, section, template_name="sitemaps/section.xml"
    )
    return without_last_modified(response)


def without_last_modified(response):
    """Django dates a sitemap by its newest lastmod, a date that stays put when an article
    is unpublished or a tag renamed: If-Modified-Since would then answer 304 to a changed
    sitemap. The ETag (ConditionalGetMiddleware) tells them apart."""
    del response["Last-Modified"]
    return response


@require_safe
def news(request):
    """Google News sitemap: the public articles of the last 48 hours, newest first."""
    articles = (
        Article.objects.published()
        .filter(published_at__gte=timezone.now() - NEWS_WINDOW)
        .only("slug", "title", "published_at")
        .order_by("-published_at", "-pk")[:NEWS_LIMIT]
    )
    context = {"articles": articles, "publication": settings.NEWSROOM["SITE_NAME"]}
    response = TemplateResponse(
        request, "sitemaps/news.xml", context, content_type="application/xml; charset=utf-8"
    )
    # As Django's own sitemap views: the sitemap itself is no page to show in results.
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response
