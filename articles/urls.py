from django.urls import path, register_converter

from . import feeds, sitemaps, views
from .models import Author, Source
from .redirects import follow_old_slugs, old_article_slug, old_tag_slug

app_name = "articles"


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
    path("", views.ArticleListView.as_view(), name="article_list"),
    path(
        "articles/<slug:slug>/",
        follow_old_slugs(views.ArticleDetailView.as_view(), old_article_slug),
        name="article_detail",
    ),
    path("apercu/<str:token>/", views.shared_preview, name="shared_preview"),
    path("tags/", views.TagListView.as_view(), name="tag_list"),
    path("tags/<slug:slug>/", tag_view(views.TagDetailView.as_view()), name="tag_detail"),
    path("tags/<slug:slug>/rss/", tag_view(feeds.ArticleRssFeed()), name="tag_feed_rss"),
    path("tags/<slug:slug>/atom/", tag_view(feeds.ArticleAtomFeed()), name="tag_feed_atom"),
    path("sources/<slug:slug>/", views.SourceDetailView.as_view(), name="source_detail"),
    path("sources/<slug:slug>/rss/", feeds.ArticleRssFeed(Source), name="source_feed_rss"),
    path("sources/<slug:slug>/atom/", feeds.ArticleAtomFeed(Source), name="source_feed_atom"),
    path("auteurs/<slug:slug>/", views.AuthorDetailView.as_view(), name="author_detail"),
    path("auteurs/<slug:slug>/rss/", feeds.ArticleRssFeed(Author), name="author_feed_rss"),
    path("auteurs/<slug:slug>/atom/", feeds.ArticleAtomFeed(Author), name="author_feed_atom"),
    path("archives/", views.ArchiveView.as_view(), name="archive"),
    path(
        "archives/<year:year>/<month:month>/",
        views.ArchiveMonthView.as_view(),
        name="archive_month",
    ),
    path("recherche/", views.SearchView.as_view(), name="search"),
    path("rss/", feeds.ArticleRssFeed(), name="feed_rss"),
    path("atom/", feeds.ArticleAtomFeed(), name="feed_atom"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    # Before the sections' pattern, which the name would match.
    path("sitemap-news.xml", sitemaps.news, name="sitemap_news"),
    path("sitemap-<str:section>.xml", sitemaps.section, name="sitemap_section"),
]
