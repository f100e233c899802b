"""Article HTML is sanitised on the way in: only this allow-list reaches a reader.

It is what the admin's editor writes (articles/editor.py): paragraphs, h2/h3
intertitles, bold, italic, links, bulleted and numbered lists, quotes, and line breaks
from older or imported texts. Whatever else arrives (a Word or Google Docs paste, an
import, a forged form) is cut down to it.
"""

import re
from html import unescape

import nh3
from django.utils.text import Truncator

ALLOWED_TAGS = {"p", "br", "h2", "h3", "strong", "em", "a", "ul", "ol", "li", "blockquote"}
# A numbered list may go on from an earlier one ("3." after a paragraph).
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# Removed with everything inside them: their content is code, styling or a document
# of its own, never article text. Any other tag is unwrapped and its text kept.
DROPPED_WITH_CONTENT = {
    "script",
    "style",
    "template",
    "noscript",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "title",
    "textarea",
    "select",
    "xmp",
    "noembed",
    "noframes",
}

# Word and Google Docs space paragraphs out with empty ones and stray line breaks; the
# site's own spacing replaces them. Safe as regular expressions on nh3's output, whose
# markup is normalised: these tags carry no attributes.
EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|&nbsp;|<br>)*</p>")
BREAK_AFTER_BLOCK = re.compile(r"(</(?:p|h2|h3|ul|ol|li|blockquote)>)(?:\s*<br>)+")

# Enough to read back links from sanitised HTML, whose markup nh3 has normalised.
LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.DOTALL | re.IGNORECASE)
HREF = re.compile(r'\bhref="([^"]*)"')
TAG = re.compile(r"<[^>]+>")


def _drop_empty(tag: str, attribute: str, value: str) -> str | None:
    # The editor's link dialog leaves title="" when no title is typed.
    return value if value.strip() else None


def sanitize(html: str) -> str:
    """Strip every tag, attribute and URL scheme outside the allow-list.

    Scripts, styles, frames, SVG and MathML are removed with their content; `b` and `i`
    are unwrapped (the editor writes `strong` and `em`, and Google Docs wraps a whole
    paste in a `b`); links keep only safe schemes and get rel="noopener noreferrer".
    Comments, empty attributes and empty paragraphs go. Sanitising twice changes nothing.
    """
    cleaned = nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        clean_content_tags=DROPPED_WITH_CONTENT,
        link_rel="noopener noreferrer",
        attribute_filter=_drop_empty,
    )
    cleaned = BREAK_AFTER_BLOCK.sub(r"\1", EMPTY_PARAGRAPH.sub("", cleaned))
    return cleaned.strip()


def has_empty_link(html: str) -> bool:
    """Whether a link has no address ("", "#") or no text a reader could click."""
    for attributes, text in LINK.findall(html or ""):
        href = HREF.search(attributes)
        if not href or href.group(1).strip() in {"", "#"} or not TAG.sub("", text).strip():
            return True
    return False


# Sanitised markup is normalised, its attributes double-quoted (a ">" may stand in one).
BLOCK_TAG = re.compile(r"</?(?:p|br|h2|h3|ul|ol|li|blockquote)\b(?:[^>\"]|\"[^\"]*\")*>", re.I)
ANY_TAG = re.compile(r"<(?:[^>\"]|\"[^\"]*\")*>")
# A word: letters or digits, with the apostrophes and hyphens inside it ("l'IA", "Wi-Fi").
WORD = re.compile(r"\w+(?:['’-]\w+)*")


def plain_text(html: str) -> str:
    """The words of sanitised HTML: blocks apart, inline markup gone, entities decoded."""
    return unescape(ANY_TAG.sub("", BLOCK_TAG.sub(" ", html or "")))


def word_count(html: str) -> int:
    """How many words a reader reads in sanitised HTML."""
    return len(WORD.findall(plain_text(html)))


def truncate_chars(text: str, length: int) -> str:
    """Truncator(text).chars(length), which counts every character: a text short enough
    is returned as it is, uncounted."""
    return text if len(text) <= length else Truncator(text).chars(length)
