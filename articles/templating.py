"""The Jinja2 environment of the public pages (templates/jinja2/).

Readers' pages are Jinja2 templates: compiled to Python, a listing of twenty cards renders
several times faster than with Django's template language, and most of a page's cost was
its template. The admin, the sitemaps and the editor keep Django templates.

Only `_("…")` marks a string for translation here, followed by `|format(name=…)` for
its placeholders: `manage.py makemessages` reads exactly that form. Plurals are
functions of this module, where `ngettext` is found like any Python string.
"""

import functools
from datetime import datetime
from typing import NamedTuple

from django.http import QueryDict
from django.template.defaultfilters import capfirst
from django.urls import get_script_prefix
from django.utils import dateformat, dates, timezone
from django.utils.html import linebreaks
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext, ngettext, override
from jinja2 import Environment, pass_context, pass_environment
from markupsafe import Markup, escape

from . import html, seo
from .addresses import static, url
from .templatetags import structured_data

MACROS = [
    ("articles/_byline.html", "byline"),
    ("articles/_tag_links.html", "tag_links"),
    ("articles/_picture.html", "picture_element"),
]


def environment(**options) -> Environment:
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(template_gettext, ngettext, newstyle=False)
    env.globals.update(
        url=url,
        static=static,
        absolute_url=absolute_url,
        canonical_url=canonical_url,
        querystring=querystring,
        site_header=site_header,
        site_footer=site_footer,
        shared=shared,
        json_ld=json_ld,
        archive_month=archive_month,
        breadcrumb_structured_data=breadcrumb_structured_data,
        article_count=article_count,
        citing_count=citing_count,
        result_count=result_count,
    )
    # The macros every page may call, loaded once rather than imported on each render.
    for template, name in MACROS:
        env.globals[name] = getattr(env.get_template(template).module, name)
    env.filters.update(
        date=date,
        long_date=long_date,
        datetime_attribute=datetime_attribute,
        iso_datetime=structured_data.iso_datetime,
        capfirst=capfirst,
        linebreaks=paragraphs,
        truncatechars=html.truncate_chars,
    )
    return env


# --- Translations ---------------------------------------------------------------------


def template_gettext(message: str) -> str:
    """gettext() for the literal strings of templates (`_("…")`), each translated once per
    language: a listing asks for « Par » and « et » on every card."""
    return _translated(get_language(), message)


@functools.lru_cache(maxsize=2048)
def _translated(language: str | None, message: str) -> str:
    with override(language):
        return gettext(message)


# --- The layout -----------------------------------------------------------------------


@pass_environment
def site_header(env: Environment, current: str | None) -> Markup:
    """The site's header, its menu item `current` (a URL name) marked as the page's."""
    return _fragment(env, "_site_header.html", get_language(), get_script_prefix(), current)


@pass_environment
def site_footer(env: Environment) -> Markup:
    return _fragment(env, "_site_footer.html", get_language(), get_script_prefix(), None)


def _fragment(env, name: str, language: str, script_prefix: str, current: str | None) -> Markup:
    if env.auto_reload:  # DEBUG: a template being edited shows at once
        return Markup(env.get_template(name).render(current=current))
    return _rendered_once(env, name, language, script_prefix, current)


@functools.lru_cache(maxsize=256)
def _rendered_once(env, name: str, language: str, script_prefix: str, current: str | None):
    # Nothing in these fragments changes while the site runs but the language and the
    # addresses' prefix: each is rendered once per process for each.
    with override(language):
        return Markup(env.get_template(name).render(current=current))


# --- Addresses ------------------------------------------------------------------------


absolute_url = pass_context(structured_data.absolute_url)


@pass_context
def canonical_url(context, **query) -> str:
    """The page's address without its query string, but for the parameters given that
    name what it shows (a search's q) and ?page=N from a listing's page 2 on."""
    request = context["request"]
    params = {name: value for name, value in query.items() if value}
    page = context.get("page_obj")
    if params or not query:  # a search without words has no pages to name
        if page is not None and page.number > 1:
            params["page"] = page.number
    address = request.build_absolute_uri(request.path)
    return f"{address}?{urlencode(params)}" if params else address


@pass_context
def querystring(context, **changes) -> str:
    """The page's query string with some parameters changed (None removes one), as
    Django's {% querystring %}: "?" alone when nothing is left."""
    params = QueryDict(mutable=True)
    params.update(context["request"].GET)
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
    return f"?{params.urlencode()}"


# --- What search engines read ---------------------------------------------------------


@pass_context
def shared(context, article) -> seo.Shared:
    """What the article's page tells social networks and search engines (seo.Shared)."""
    return seo.shared(article, context["request"])


def json_ld(data: list) -> Markup:
    """JSON-LD data blocks (not scripts: the Content-Security-Policy allows them);
    seo.json_ld() escapes whatever could end the element."""
    return Markup(
        "\n".join(
            f'<script type="application/ld+json">{seo.json_ld(each)}</script>' for each in data
        )
    )


@pass_context
def breadcrumb_structured_data(context, page) -> Markup:
    """BreadcrumbList of a tag, source or author page, as a JSON-LD data block."""
    return json_ld([seo.breadcrumbs(page, context["request"])])


# --- Dates, in Paris time -------------------------------------------------------------


def date(value: datetime, format_string: str) -> str:
    """Django's date format ("F Y", "j F Y, H:i"...), in French and Paris time."""
    return dateformat.format(_local(value), format_string) if value else ""


def long_date(value: datetime) -> str:
    """« 27 novembre 2026 »: the date of every card and article, quicker than date()."""
    if not value:
        return ""
    local = _local(value)
    return f"{local.day} {_months(get_language())[local.month]} {local.year}"


@functools.lru_cache(maxsize=8)
def _months(language: str | None) -> dict[int, str]:
    """The names of the months in a language (Django's, translated once)."""
    with override(language):
        return {number: str(name) for number, name in dates.MONTHS.items()}


class Month(NamedTuple):
    name: str  # « novembre 2026 »
    url: str  # its archive page


def archive_month(value: datetime) -> Month:
    """The month of a date (Paris time), as an article's page links to its archive."""
    local = _local(value)
    address = url("articles:archive_month", year=local.year, month=f"{local.month:02d}")
    return Month(f"{_months(get_language())[local.month]} {local.year}", address)


def datetime_attribute(value: datetime) -> str:
    """A <time datetime="…"> value: 2026-11-27T08:00:00+0100."""
    return _local(value).strftime("%Y-%m-%dT%H:%M:%S%z") if value else ""


def _local(value):
    # The site's time zone (Paris): readers' pages never activate another one.
    if isinstance(value, datetime) and timezone.is_aware(value):
        return value.astimezone(timezone.get_default_timezone())
    return value


# --- Text -----------------------------------------------------------------------------


def paragraphs(value: str) -> Markup:
    """Paragraphs of plain text (an author's biography), escaped."""
    return Markup(linebreaks(escape(value)))


def article_count(count: int) -> str:
    return ngettext("%(count)s article", "%(count)s articles", count) % {"count": count}


def citing_count(count: int) -> str:
    return ngettext(
        "%(count)s article cites this source", "%(count)s articles cite this source", count
    ) % {"count": count}


def result_count(count: int, query: str) -> str:
    return ngettext(
        "%(count)s result for “%(query)s”", "%(count)s results for “%(query)s”", count
    ) % {"count": count, "query": query}
