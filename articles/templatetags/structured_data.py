"""Template tags for what search engines and social networks read in a page's <head>."""

from django import template
from django.utils.html import format_html
from django.utils.http import urlencode

from .. import seo

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """The full address of a path (a URL that is already absolute stays as it is)."""
    return context["request"].build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def canonical_url(context, **query) -> str:
    """The page's address without its query string, but for the parameters given that
    name what it shows (a search's q) and ?page=N from a listing's page 2 on."""
    request = context["request"]
    params = {name: value for name, value in query.items() if value}
    page = context.get("page_obj")
    if params or not query:  # a search without words has no pages to name
        if page is not None and page.number > 1:
            params["page"] = page.number
    url = request.build_absolute_uri(request.path)
    return f"{url}?{urlencode(params)}" if params else url


@register.simple_tag(takes_context=True)
def article_structured_data(context, article):
    """NewsArticle and BreadcrumbList, as two JSON-LD data blocks (not scripts: CSP allows)."""
    request = context["request"]
    return format_html(
        '<script type="application/ld+json">{}</script>\n'
        '<script type="application/ld+json">{}</script>',
        seo.json_ld(seo.news_article(article, request)),
        seo.json_ld(seo.breadcrumbs(article, request)),
    )


@register.simple_tag(takes_context=True)
def breadcrumb_structured_data(context, page):
    """BreadcrumbList of a tag, source or author page, as a JSON-LD data block."""
    return format_html(
        '<script type="application/ld+json">{}</script>',
        seo.json_ld(seo.breadcrumbs(page, context["request"])),
    )


@register.filter
def iso_datetime(value) -> str:
    """ISO 8601 in Paris time with its offset, as OpenGraph and sitemaps expect."""
    return seo.iso_datetime(value) if value else ""
