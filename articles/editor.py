"""The rich-text editor of an article's body in the admin.

django-prose-editor's form field, limited to what a body holds: paragraphs, h2/h3
intertitles, bold, italic, links, bulleted and numbered lists and quotes. Without
JavaScript it is a textarea of HTML. What it posts goes through `html.sanitize()`, the
allow-list `Article.save()` applies as well, so the form validates what will be stored.
"""

import re

from django import forms
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import ProseEditorWidget

from .html import sanitize

EXTENSIONS = {
    "Heading": {"levels": [2, 3]},
    "Bold": True,
    "Italic": True,
    # Links open in the page they are on: no "new window" choice to make.
    "Link": {"enableTarget": False},
    "BulletList": True,
    # Numbered lists are numbered: no letters or Roman numerals.
    "OrderedList": {"enableListAttributes": False},
    "ListItem": True,
    "Blockquote": True,
    # The library turns the browser's spell checker off by default; journalists want it.
    "NoSpellCheck": False,
}


class ArticleBodyWidget(ProseEditorWidget):
    """A textarea of HTML that js/article-editor.js turns into the editor.

    That module loads the editor without the import map the library's own loader
    needs, so the page runs no inline script under the site's Content-Security-Policy.
    """

    def __init__(self, attrs=None, **kwargs):
        # Without JavaScript, as wide as the admin's other long texts, and taller.
        super().__init__(attrs={"class": "vLargeTextField", "rows": 20, **(attrs or {})}, **kwargs)

    @property
    def media(self):
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "django_prose_editor/overrides.css",
                    "css/article-editor.css",
                ]
            },
            js=[forms.Script("js/article-editor.js", type="module")],
        )


class ArticleBodyField(ProseEditorFormField):
    """The body as the editor writes it, sanitised before the form validates it."""

    def __init__(self, **kwargs):
        kwargs.update(
            widget=ArticleBodyWidget, extensions=EXTENSIONS, preset="article", sanitize=sanitize
        )
        super().__init__(**kwargs)

    def has_changed(self, initial, data) -> bool:
        # The editor re-spaces stored HTML and wraps list items in paragraphs: only a
        # change a reader would see counts, in the history and its change messages.
        return _as_read(initial) != _as_read(data)


BETWEEN_TAGS = re.compile(r">\s+<")
LIST_ITEM_PARAGRAPH = re.compile(r"<li><p>(.*?)</p></li>", re.DOTALL)


def _as_read(body: str | None) -> str:
    text = " ".join(sanitize(body or "").split())
    return LIST_ITEM_PARAGRAPH.sub(r"<li>\1</li>", BETWEEN_TAGS.sub("><", text))
