from django.urls import path, register_converter

from . import feeds, sitemaps, views
from .models import Author, Source
from .pagecache import public_page
from .redirects import follow_old_slugs, old_article_slug, old_tag_slug

app_name = "articles"


def page(route, view, name):
    """A public page or feed: anonymous readers get it from the page cache."""
    return path(route, public_page(view), name=name)


def tag_view(view):
    return follow_old_slugs(view, old_tag_slug)


class YearConverter:
    regex = "[1-9][0-9]{3}"
    to_python = int

    def to_url(self, value):
        return f"{int(value):04d}"


class MonthConverter:
    """A month as two digits, 01 to 12: /archives/2023/1/ or /archives/2023/13/ is no page.

    Also built from a template's date filter: "1" or "01" alike.
    """

    regex = "0[1-9]|1[0-2]"
    to_python = int

    def to_url(self, value):
        return f"{int(value):02d}"


register_converter(YearConverter, "year")
register_converter(MonthConverter, "month")


urlpatterns = [
    page("", views.ArticleListView.as_view(), name="article_list"),
    page(
        "articles/<slug:slug>/",
        follow_old_slugs(views.article_detail, old_article_slug),
        name="article_detail",
    ),
    path("apercu/<str:token>/", views.shared_preview, name="shared_preview"),
    page("tags/", views.TagListView.as_view(), name="tag_list"),
    page("tags/<slug:slug>/", tag_view(views.TagDetailView.as_view()), name="tag_detail"),
    page("tags/<slug:slug>/rss/", tag_view(feeds.ArticleRssFeed()), name="tag_feed_rss"),
    page("tags/<slug:slug>/atom/", tag_view(feeds.ArticleAtomFeed()), name="tag_feed_atom"),
    page("sources/<slug:slug>/", views.SourceDetailView.as_view(), name="source_detail"),
    page("sources/<slug:slug>/rss/", feeds.ArticleRssFeed(Source), name="source_feed_rss"),
    page("sources/<slug:slug>/atom/", feeds.ArticleAtomFeed(Source), name="source_feed_atom"),
    page("auteurs/<slug:slug>/", views.AuthorDetailView.as_view(), name="author_detail"),
    page("auteurs/<slug:slug>/rss/", feeds.ArticleRssFeed(Author), name="author_feed_rss"),
    page("auteurs/<slug:slug>/atom/", feeds.ArticleAtomFeed(Author), name="author_feed_atom"),
    page("archives/", views.ArchiveView.as_view(), name="archive"),
    page(
        "archives/<year:year>/<month:month>/",
        views.ArchiveMonthView.as_view(),
        name="archive_month",
    ),
    page("recherche/", views.SearchView.as_view(), name="search"),
    page("rss/", feeds.ArticleRssFeed(), name="feed_rss"),
    page("atom/", feeds.ArticleAtomFeed(), name="feed_atom"),
    page("robots.txt", views.robots_txt, name="robots_txt"),
    page("sitemap.xml", sitemaps.index, name="sitemap"),
    # Before the sections' pattern, which the name would match.
    page("sitemap-news.xml", sitemaps.news, name="sitemap_news"),
    page("sitemap-<str:section>.xml", sitemaps.section, name="sitemap_section"),
]
