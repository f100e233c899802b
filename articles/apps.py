from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("Newsroom")

    def ready(self):
        # Connects the receivers that keep the search index and the page cache in step
        # with the articles.
        from . import pagecache, search  # noqa: F401
