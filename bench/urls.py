"""The site's URLs, plus the ceiling page the runner compares every page with."""

from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns

from . import views

urlpatterns = [
    path("bench/ceiling/", views.ceiling, name="bench_ceiling"),
    *site_urlpatterns,
]
