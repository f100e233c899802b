from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("newsroom — editorial office")
admin.site.site_title = _("newsroom")
admin.site.index_title = _("Editorial office")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    # Uploaded images on a laptop; production serves MEDIA_ROOT from its web server
    # or an object store.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
