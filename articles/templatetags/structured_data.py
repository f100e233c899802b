"""Template tags of the sitemaps, Django templates (readers' pages: articles/templating.py)."""

from django import template

from .. import seo

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """The full address of a path (a URL that is already absolute stays as it is)."""
    return context["request"].build_absolute_uri(path)


@register.filter
def iso_datetime(value) -> str:
    """ISO 8601 in Paris time with its offset, as OpenGraph and sitemaps expect."""
    return seo.iso_datetime(value) if value else ""
