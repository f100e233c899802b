"""An article shown before readers may see it: to the newsroom, or through a share link."""

from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from .models import Article


def render(request, article: Article, *, shared: bool = False) -> TemplateResponse:
    """The article's public page, marked as a preview, never indexed nor stored."""
    response = TemplateResponse(
        request,
        "articles/article_detail.html",
        {"article": article, "preview": True, "shared": shared},
    )
    return _private(response)


def gone(request) -> TemplateResponse:
    """What the holder of an expired or revoked share link reads."""
    return _private(TemplateResponse(request, "articles/preview_gone.html", status=410))


def _private(response: TemplateResponse) -> TemplateResponse:
    add_never_cache_headers(response)  # includes no-store: no cache keeps a copy
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"  # the link's token stays in the address bar
    return response
