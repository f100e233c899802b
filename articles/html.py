"""Article HTML is sanitised on the way in: only this allow-list reaches a reader."""

import re

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "strong",
    "em",
    "b",
    "i",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# Enough to read back links from sanitised HTML, whose markup nh3 has normalised.
LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.DOTALL | re.IGNORECASE)
HREF = re.compile(r'\bhref="([^"]*)"')
TAG = re.compile(r"<[^>]+>")


def sanitize(html: str) -> str:
    """Strip every tag, attribute and URL scheme outside the allow-list.

    Script and style elements are removed with their content; links keep only safe
    schemes and get rel="noopener noreferrer".
    """
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        clean_content_tags={"script", "style"},
        link_rel="noopener noreferrer",
    ).strip()


def has_empty_link(html: str) -> bool:
    """Whether a link has no address ("", "#") or no text a reader could click."""
    for attributes, text in LINK.findall(html or ""):
        href = HREF.search(attributes)
        if not href or href.group(1).strip() in {"", "#"} or not TAG.sub("", text).strip():
            return True
    return False
