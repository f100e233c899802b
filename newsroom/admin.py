"""The editorial office's admin site: its index shows what waits for an editor."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog

QUEUE_SIZE = 20


class NewsroomAdminSite(admin.AdminSite):
    site_header = _("newsroom — editorial office")
    site_title = _("newsroom")
    index_title = _("Editorial office")
    index_template = "admin/newsroom_index.html"

    def index(self, request, extra_context=None):
        from articles.models import Article

        articles = Article.objects.prefetch_related("authors").order_by()
        context = {
            # Oldest first: whoever has waited longest is read first.
            "review_queue": articles.in_review().order_by("updated_at")[:QUEUE_SIZE],
            "scheduled": articles.scheduled().order_by("published_at")[:QUEUE_SIZE],
            **(extra_context or {}),
        }
        return super().index(request, context)

    def i18n_javascript(self, request, extra_context=None):
        # The body editor's dialogs (« Modifier le lien »…) speak French too.
        packages = ["django.contrib.admin", "django_prose_editor"]
        return JavaScriptCatalog.as_view(packages=packages)(request)
