"""Read a page the way a reader (or a browser enforcing the CSP) does."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import feedparser

# Script types a browser never executes: data blocks such as JSON-LD are allowed inline.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


@dataclass
class _Open:
    element: Element
    chunks: list[str] = field(default_factory=list)


class _PageParser(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.text_chunks: list[str] = []
        self._open: list[_Open] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.elements.append(element)
        if tag in self.VOID:
            return
        self._open.append(_Open(element))
        if tag in {"script", "style", "template"}:
            self._hidden_depth += 1

    def handle_startendtag(self, tag, attrs):
        self.elements.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].element.tag == tag:
                for closed in self._open[index:]:
                    closed.element.text = " ".join("".join(closed.chunks).split())
                    if closed.element.tag in {"script", "style", "template"}:
                        self._hidden_depth -= 1
                del self._open[index:]
                return

    def handle_data(self, data):
        for opened in self._open:
            opened.chunks.append(data)
        if not self._hidden_depth:
            self.text_chunks.append(data)


def parse(html: str) -> _PageParser:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser


def page_text(response) -> str:
    """The text a reader sees (entities decoded, whitespace collapsed, no markup)."""
    return " ".join("".join(parse(response.text).text_chunks).split())


def elements(response, tag: str) -> list[Element]:
    return [element for element in parse(response.text).elements if element.tag == tag]


def links(response) -> list[tuple[str, str]]:
    """(path or URL, visible text) of every link on the page."""
    return [(element.attrs.get("href", ""), element.text) for element in elements(response, "a")]


def has_link(response, url: str, text: str | None = None) -> bool:
    """A link to `url` (relative or absolute) is on the page, showing `text` if given."""
    return any(
        same_url(href, url) and (text is None or text in shown) for href, shown in links(response)
    )


def same_url(href: str, url: str) -> bool:
    """Equal, ignoring scheme and host when one side is a bare path."""
    if href == url:
        return True
    a, b = urlsplit(href), urlsplit(url)
    return (a.path, a.query) == (b.path, b.query) and (not a.netloc or not b.netloc)


def feed_announcements(response) -> dict[str, str]:
    """{type: href} of the <link rel="alternate"> elements announcing feeds."""
    return {
        element.attrs.get("type", ""): element.attrs.get("href", "")
        for element in elements(response, "link")
        if "alternate" in element.attrs.get("rel", "").split()
    }


def inline_code(response) -> list[str]:
    """What a strict CSP would block: inline scripts, styles and event handlers."""
    found = []
    for element in parse(response.text).elements:
        if element.tag == "script" and "src" not in element.attrs:
            if element.attrs.get("type", "").lower() not in DATA_SCRIPT_TYPES:
                found.append(f"<script> {element.text[:60]!r}")
        if element.tag == "style":
            found.append(f"<style> {element.text[:60]!r}")
        for name in element.attrs:
            if name == "style" or name.startswith("on"):
                found.append(f"<{element.tag} {name}=…>")
        if element.attrs.get("href", "").lower().startswith("javascript:"):
            found.append(f"<{element.tag} href=javascript:…>")
    return found


def assert_project_404(response):
    """The project's own 404 page (French, see test_pages), not Django's fallback or a 500."""
    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    assert '<html lang="fr"' in response.text
    assert "Not Found" not in page_text(response)


class _FormParser(HTMLParser):
    """The values a browser would submit from one <form>, by its id."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data: list[tuple[str, str]] = []
        self._textarea: tuple[str, list[str]] | None = None
        self._select: str | None = None
        self._select_seen = False

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "image", "file", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.data.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea = (name, [])
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.append((self._select, attrs.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea:
            name, chunks = self._textarea
            # Browsers drop one newline right after <textarea>.
            self.data.append((name, "".join(chunks).removeprefix("\n")))
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1].append(data)


def form_data(response, form_id: str, **changes) -> dict[str, str | list[str]]:
    """What submitting the form as rendered would post, with some fields changed.

    The admin's own pages give the hidden fields (management forms, the version the
    editor loaded), exactly as an editor's browser would send them.
    """
    parser = _FormParser(form_id)
    parser.feed(response.text)
    parser.close()
    data: dict[str, list[str]] = {}
    for name, value in parser.data:
        data.setdefault(name, []).append(value)
    posted = {name: values if len(values) > 1 else values[0] for name, values in data.items()}
    return {**posted, **changes}


# --- The article admin form ---------------------------------------------------------


def form_errors(response) -> str:
    """The admin form's errors, to explain a failed save."""
    if response.context is None or "adminform" not in response.context:
        return f"status {response.status_code}"
    errors = [response.context["adminform"].form.errors]
    for inline in response.context.get("inline_admin_formsets", []):
        errors += [inline.formset.errors, inline.formset.non_form_errors()]
    return repr(errors)


def article_form(author, source, **overrides):
    """What the add form posts when an editor fills it in."""
    data = {
        "title": "OpenAI signe avec un hébergeur français",
        "slug": "openai-signe-avec-un-hebergeur-francais",
        "standfirst": "Un accord de plusieurs années pour héberger ses modèles, selon La Tribune.",
        "body": "<p>L’accord couvre trois centres de données.</p><script>alert(1)</script>",
        "hero_alt": "",
        "hero_credit": "",
        "authors": [author.pk],
        "tags": "IA, intelligence artificielle",
        "status": "published",
        "published_at_0": "26/01/2023",
        "published_at_1": "12:00",
        "citations-TOTAL_FORMS": "1",
        "citations-INITIAL_FORMS": "0",
        "citations-MIN_NUM_FORMS": "0",
        "citations-MAX_NUM_FORMS": "1000",
        "citations-0-source": source.pk,
        "citations-0-url": "https://www.latribune.fr/openai-hebergeur",
        "citations-0-position": "0",
        "_save": "Enregistrer",
    }
    return {**data, **overrides}


def read_feed(client, url):
    """A feed as a feed reader gets it: 200, and parsed without complaint."""
    response = client.get(url)
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed
