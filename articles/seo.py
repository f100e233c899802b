"""What search engines and social networks read about a page beyond its text.

Structured data (schema.org JSON-LD: NewsArticle, BreadcrumbList) is built here as plain
dicts from what the page already loaded, so it costs no query; templates print it with
the `structured_data` template tags.
"""

import functools
import json
from typing import TYPE_CHECKING, Any, NamedTuple

from django.conf import settings
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from . import html
from .addresses import static, url
from .models import Article, Author, Source, Tag
from .slugs import slugify

if TYPE_CHECKING:
    from .renditions import Rendition

# Google shows no more of a headline.
HEADLINE_LENGTH = 110
# Nor social networks of a description.
DESCRIPTION_LENGTH = 300
# The publisher's logo: a raster image, as search engines require (static/img/logo.png
# is static/favicon.svg drawn at this size).
LOGO_PATH = "img/logo.png"
LOGO_SIZE = (512, 512)

# What could end the <script> element or open a comment inside it, as json_script() does.
_JSON_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"))


def json_ld(data: dict[str, Any]) -> SafeString:
    """JSON safe inside <script type="application/ld+json">: no "</script>" can end it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for character, escaped in _JSON_ESCAPES:  # quicker than str.translate()
        text = text.replace(character, escaped)
    return mark_safe(text)


def iso_datetime(value) -> str:
    """ISO 8601 in Paris time, with its offset: 2023-01-26T12:00:00+01:00."""
    return timezone.localtime(value).isoformat(timespec="seconds")


class Shared(NamedTuple):
    """What an article's page tells social networks (OpenGraph, Twitter cards) and search
    engines (JSON-LD), each value worked out once for all three."""

    url: str
    description: str  # for cards: the standfirst, up to 300 characters
    image: "Rendition | None"
    image_url: str
    published: str  # ISO 8601, Paris time
    modified: str  # likewise, "" when never updated
    authors: list[tuple[str, str]]  # name, page
    data: list[dict[str, Any]]  # NewsArticle, BreadcrumbList


def shared(article: Article, request) -> Shared:
    """Shared values for an article's page, its JSON-LD data (NewsArticle, BreadcrumbList)
    among them."""
    absolute = request.build_absolute_uri
    image = article.share_image
    modified_at = article.modified_at
    values = Shared(
        url=absolute(article.get_absolute_url()),
        description=html.truncate_chars(article.standfirst, DESCRIPTION_LENGTH),
        image=image,
        image_url=absolute(image.url) if image else "",
        published=iso_datetime(article.published_at),
        modified=iso_datetime(modified_at) if modified_at else "",
        authors=[
            (author.name, absolute(author.get_absolute_url())) for author in article.author_list
        ],
        data=[],
    )
    data = [news_article(article, request, values), breadcrumbs(article, request)]
    return values._replace(data=data)


def news_article(article: Article, request, values: Shared) -> dict[str, Any]:
    """schema.org NewsArticle, from the authors, tags and notes read with the article."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": values.url},
        "url": values.url,
        "headline": html.truncate_chars(article.title, HEADLINE_LENGTH),
        "description": article.standfirst,
        "datePublished": values.published,
        "dateModified": values.modified or values.published,
        "author": [{"@type": "Person", "name": name, "url": url} for name, url in values.authors],
        "publisher": publisher(request),
        "inLanguage": "fr",
        "isAccessibleForFree": True,
    }
    if image := values.image:
        data["image"] = {
            "@type": "ImageObject",
            "url": values.image_url,
            "width": image.width,
            "height": image.height,
        }
    if tags := article.tag_list:
        data["keywords"] = [tag.name for tag in tags]
    return data


@functools.lru_cache(maxsize=1024)
def _sort_key(name: str) -> str:
    """A name's place in alphabetical order, case and accents aside."""
    return slugify(name)


def publisher(request) -> dict[str, Any]:
    width, height = LOGO_SIZE
    return {
        "@type": "Organization",
        "name": settings.NEWSROOM["SITE_NAME"],
        "url": request.build_absolute_uri(url("articles:article_list")),
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static(LOGO_PATH)),
            "width": width,
            "height": height,
        },
    }


def breadcrumbs(page: Article | Tag | Source | Author, request) -> dict[str, Any]:
    """schema.org BreadcrumbList from the home page to `page`.

    An article sits under its first tag by name, a tag under
    the tag index; sources and authors have no index and sit under the home page.
    """
    trail = [(_("Home"), url("articles:article_list"))]
    if isinstance(page, Article):
        if tags := page.tag_list:
            first_tag = min(tags, key=lambda tag: _sort_key(tag.name))
            trail.append((first_tag.name, first_tag.get_absolute_url()))
        trail.append((page.title, page.get_absolute_url()))
    else:
        if isinstance(page, Tag):
            trail.append((_("Tags"), url("articles:tag_list")))
        trail.append((page.name, page.get_absolute_url()))
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": request.build_absolute_uri(path),
            }
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }
