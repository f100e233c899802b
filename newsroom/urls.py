from django.conf import settings
from django.conf.urls.static import static as serve_files
from django.contrib import admin
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on every page, the admin's included; the hashed
    # name is looked up per request, once collectstatic has run.
    path("favicon.ico", lambda request: HttpResponsePermanentRedirect(static("favicon.svg"))),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    # Uploaded images on a laptop; production serves MEDIA_ROOT from its web server
    # or an object store.
    urlpatterns += serve_files(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
