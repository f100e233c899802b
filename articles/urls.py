from django.urls import path

from . import feeds, views
from .redirects import follow_old_slugs, old_article_slug, old_tag_slug

app_name = "articles"


def tag_view(view):
    return follow_old_slugs(view, old_tag_slug)


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
    path("auteurs/<slug:slug>/", views.AuthorDetailView.as_view(), name="author_detail"),
    path("rss/", feeds.ArticleRssFeed(), name="feed_rss"),
    path("atom/", feeds.ArticleAtomFeed(), name="feed_atom"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
