from django.urls import path

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="article_list"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("tags/", views.TagListView.as_view(), name="tag_list"),
    path("tags/<slug:slug>/", views.TagDetailView.as_view(), name="tag_detail"),
    path("tags/<slug:slug>/rss/", feeds.ArticleRssFeed(), name="tag_feed_rss"),
    path("tags/<slug:slug>/atom/", feeds.ArticleAtomFeed(), name="tag_feed_atom"),
    path("sources/<slug:slug>/", views.SourceDetailView.as_view(), name="source_detail"),
    path("auteurs/<slug:slug>/", views.AuthorDetailView.as_view(), name="author_detail"),
    path("rss/", feeds.ArticleRssFeed(), name="feed_rss"),
    path("atom/", feeds.ArticleAtomFeed(), name="feed_atom"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
