"""What search engines and social networks read: head tags, JSON-LD, sitemaps, robots.txt."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles import seo
from articles.feeds import SITE_DESCRIPTION
from articles.models import Article, Note, PreviewLink

from .conftest import image_upload
from .helpers import elements

pytestmark = pytest.mark.django_db

SERVER = "http://testserver"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


# --- Reading a page's head ---------------------------------------------------------


def metas(response, attribute: str, name: str) -> list[str]:
    """The content of every <meta> whose `attribute` (name or property) is `name`."""
    return [
        meta.attrs.get("content", "")
        for meta in elements(response, "meta")
        if meta.attrs.get(attribute) == name
    ]


def meta(response, attribute: str, name: str) -> str:
    (content,) = metas(response, attribute, name)
    return content


def canonicals(response) -> list[str]:
    return [
        link.attrs["href"]
        for link in elements(response, "link")
        if "canonical" in link.attrs.get("rel", "").split()
    ]


def structured_data(response) -> dict[str, dict]:
    """Each JSON-LD block of the page, by its @type."""
    blocks = [
        json.loads(script.text)
        for script in elements(response, "script")
        if script.attrs.get("type") == "application/ld+json"
    ]
    by_type = {block["@type"]: block for block in blocks}
    assert len(by_type) == len(blocks), "one block per type"
    return by_type


def breadcrumb(response) -> list[tuple[str, str]]:
    items = structured_data(response)["BreadcrumbList"]["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    return [(item["name"], item["item"]) for item in items]


def absolute(path: str) -> str:
    return SERVER + path


def home() -> str:
    return reverse("articles:article_list")


# --- Every public page: title, description, canonical --------------------------------


@pytest.fixture
def site(make_article, make_tag, make_source, make_author):
    """One tag, source and author all named Microsoft, and 21 articles: two pages."""
    tag = make_tag(name="Microsoft", description="Tout sur l’éditeur de Redmond.")
    source = make_source(name="Microsoft")
    author = make_author(name="Microsoft", bio="")
    articles = [
        make_article(
            tags=[tag],
            sources=[source],
            authors=[author],
            published_at=timezone.now() - timedelta(hours=number + 1),
        )
        for number in range(21)
    ]
    return {"tag": tag, "source": source, "author": author, "article": articles[0]}


def public_pages(site) -> dict[str, str]:
    """Path of each kind of public page, with the canonical address it must declare."""
    tag = reverse("articles:tag_detail", kwargs={"slug": site["tag"].slug})
    return {
        "home": home(),
        "home, page 2": home() + "?page=2",
        "article": site["article"].get_absolute_url(),
        "tag index": reverse("articles:tag_list"),
        "tag": tag,
        "tag, page 2": tag + "?page=2",
        "source": reverse("articles:source_detail", kwargs={"slug": site["source"].slug}),
        "author": reverse("articles:author_detail", kwargs={"slug": site["author"].slug}),
    }


def test_every_public_page_has_one_title_description_and_canonical_address(client, site):
    titles = set()
    for kind, path in public_pages(site).items():
        response = client.get(path)
        assert response.status_code == 200, kind
        (title,) = [element.text for element in elements(response, "title")]
        assert title, kind
        titles.add(title)
        assert meta(response, "name", "description").strip(), kind
        assert canonicals(response) == [absolute(path)], kind
    # A tag, a source and an author with one name still give three different titles.
    assert len(titles) == len(public_pages(site))


def test_page_one_is_canonical_without_its_page_number(client, site):
    tag = reverse("articles:tag_detail", kwargs={"slug": site["tag"].slug})
    response = client.get(tag, {"page": 1, "utm_source": "lettre"})
    assert canonicals(response) == [absolute(tag)]
    response = client.get(tag, {"page": 2, "utm_source": "lettre"})
    assert canonicals(response) == [absolute(tag + "?page=2")]


def test_page_two_says_so_in_its_title(client, site):
    (first,) = elements(client.get(home()), "title")
    (second,) = elements(client.get(home(), {"page": 2}), "title")
    assert "2" in second.text and first.text != second.text


def test_a_tag_page_is_described_by_the_tag_description(client, site):
    response = client.get(site["tag"].get_absolute_url())
    assert meta(response, "name", "description") == "Tout sur l’éditeur de Redmond."


def test_an_author_page_is_described_by_the_bio(client, author, make_article):
    make_article(authors=[author])
    response = client.get(author.get_absolute_url())
    assert meta(response, "name", "description") == "Journaliste spécialiste du cloud."


def test_the_home_page_is_described_by_the_site_description(client, make_article):
    make_article()
    response = client.get(home())
    assert meta(response, "name", "description") == str(SITE_DESCRIPTION)


def test_a_missing_page_is_never_indexed_and_has_no_canonical_address(client, db):
    response = client.get(reverse("articles:article_detail", args=["nulle-part"]))
    assert response.status_code == 404
    assert meta(response, "name", "robots") == "noindex"
    assert meta(response, "name", "description")
    assert canonicals(response) == []


def test_an_expired_share_link_is_never_indexed_and_has_no_canonical_address(client, make_article):
    link = PreviewLink.objects.create(
        article=make_article(draft=True), expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assert "noindex" in meta(response, "name", "robots")
    assert canonicals(response) == []


def test_a_shared_draft_gives_search_engines_and_networks_nothing(client, make_article):
    article = make_article(draft=True, hero_image=image_upload("brouillon.jpg"))
    link = PreviewLink.objects.create(article=article)
    response = client.get(link.get_absolute_url())
    assert response.status_code == 200
    assert "noindex" in meta(response, "name", "robots")
    assert canonicals(response) == []
    assert metas(response, "property", "og:title") == []
    assert metas(response, "name", "twitter:card") == []
    assert structured_data(response) == {}


# --- An article shared on a social network -------------------------------------------


@pytest.fixture
def story(make_article, make_author, make_tag, source):
    """A published article with an image, two authors, two tags and a later note."""
    article = make_article(
        title="Azure ouvre une région à Marseille",
        standfirst="Microsoft ajoute une troisième région cloud en France, selon La Tribune.",
        hero_image=image_upload("region.jpg", size=(1600, 840)),
        hero_alt="Un centre de données au bord de la mer",
        hero_credit="Photo : Microsoft",
        authors=[make_author(name="Claire Martin"), make_author(name="Julien Faure")],
        tags=[make_tag(name="Cloud"), make_tag(name="Azure")],
        sources=[source],
        published_at=timezone.now() - timedelta(days=1),
    )
    Note.objects.create(article=article, text="La date d’ouverture a été précisée.")
    return Article.objects.for_page().get(pk=article.pk)


def test_an_article_carries_its_opengraph_tags(client, story):
    response = client.get(story.get_absolute_url())
    og = {name: meta(response, "property", f"og:{name}") for name in ("type", "title", "url")}
    assert og == {
        "type": "article",
        "title": "Azure ouvre une région à Marseille",
        "url": absolute(story.get_absolute_url()),
    }
    assert meta(response, "property", "og:description") == story.standfirst
    assert meta(response, "property", "og:site_name") == "newsroom"
    assert meta(response, "property", "og:locale") == "fr_FR"
    # The hero image's rendition made for sharing, in the original's format.
    image = story.share_image
    assert meta(response, "property", "og:image") == absolute(image.url)
    assert meta(response, "property", "og:image:type") == "image/jpeg"
    assert meta(response, "property", "og:image:width") == str(image.width)
    assert meta(response, "property", "og:image:height") == str(image.height)
    assert meta(response, "property", "og:image:alt") == "Un centre de données au bord de la mer"
    published = meta(response, "property", "article:published_time")
    assert datetime.fromisoformat(published) == story.published_at.replace(microsecond=0)
    modified = meta(response, "property", "article:modified_time")
    assert datetime.fromisoformat(modified) == story.modified_at.replace(microsecond=0)
    assert metas(response, "property", "article:author") == [
        absolute(author.get_absolute_url()) for author in story.authors.all()
    ]
    assert sorted(metas(response, "property", "article:tag")) == ["Azure", "Cloud"]


def test_an_article_with_an_image_gets_a_large_twitter_card(client, story):
    response = client.get(story.get_absolute_url())
    assert meta(response, "name", "twitter:card") == "summary_large_image"
    assert meta(response, "name", "twitter:title") == story.title
    assert meta(response, "name", "twitter:description") == story.standfirst
    assert meta(response, "name", "twitter:image") == absolute(story.share_image.url)
    assert meta(response, "name", "twitter:image:alt") == story.hero_alt


def test_an_article_without_an_image_gets_a_small_card_and_no_image(client, make_article):
    article = make_article()
    response = client.get(article.get_absolute_url())
    assert meta(response, "name", "twitter:card") == "summary"
    assert metas(response, "name", "twitter:image") == []
    assert metas(response, "property", "og:image") == []
    assert "image" not in structured_data(response)["NewsArticle"]


def test_an_article_describes_itself_as_a_news_article(client, story):
    response = client.get(story.get_absolute_url())
    data = structured_data(response)["NewsArticle"]
    url = absolute(story.get_absolute_url())
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "Azure ouvre une région à Marseille"
    assert data["description"] == story.standfirst
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["inLanguage"] == "fr"
    assert data["isAccessibleForFree"] is True
    assert sorted(data["keywords"]) == ["Azure", "Cloud"]
    for field in ("datePublished", "dateModified"):
        assert ISO_WITH_OFFSET.match(data[field]), data[field]
    assert datetime.fromisoformat(data["datePublished"]) == story.published_at.replace(
        microsecond=0
    )
    # The note is the update readers see on the page.
    note = story.notes.get()
    assert datetime.fromisoformat(data["dateModified"]) == note.created_at.replace(microsecond=0)
    assert data["author"] == [
        {"@type": "Person", "name": author.name, "url": absolute(author.get_absolute_url())}
        for author in story.authors.all()
    ]
    assert {author["name"] for author in data["author"]} == {"Claire Martin", "Julien Faure"}
    assert data["image"] == {
        "@type": "ImageObject",
        "url": absolute(story.share_image.url),
        "width": story.share_image.width,
        "height": story.share_image.height,
    }


def test_an_unchanged_article_was_modified_when_published(client, make_article):
    article = make_article()
    data = structured_data(client.get(article.get_absolute_url()))["NewsArticle"]
    assert data["dateModified"] == data["datePublished"]


def test_the_publisher_has_a_name_an_address_and_a_raster_logo(client, story):
    publisher = structured_data(client.get(story.get_absolute_url()))["NewsArticle"]["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == "newsroom"
    assert publisher["url"] == absolute(home())
    logo = publisher["logo"]
    assert logo["url"].startswith(SERVER) and logo["url"].endswith(".png")
    # The file is one of the project's static files, as large as announced.
    path = finders.find(seo.LOGO_PATH)
    assert path and logo["url"].endswith(seo.LOGO_PATH)
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.size == (logo["width"], logo["height"])
        assert min(image.size) >= 112  # the smallest logo Google accepts


def test_a_long_title_is_cut_to_110_characters_in_the_headline(client, make_article):
    title = "Microsoft " + "et OpenAI " * 18 + "signent"
    article = make_article(title=title)
    data = structured_data(client.get(article.get_absolute_url()))["NewsArticle"]
    assert len(data["headline"]) == 110
    assert title.startswith(data["headline"][:-1])


def test_a_title_cannot_close_the_structured_data_block(client, make_article):
    title = "Le piège </script><script>alert(1)</script> & <!-- fin"
    article = make_article(title=title)
    response = client.get(article.get_absolute_url())
    data = structured_data(response)
    assert data["NewsArticle"]["headline"] == title
    assert data["BreadcrumbList"]["itemListElement"][-1]["name"] == title
    assert "<script>alert" not in response.text
    (raw,) = [
        block
        for block in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', response.text
        )
        if "NewsArticle" in block
    ]
    assert "\\u003c/script\\u003e" in raw and "\\u0026" in raw


def test_an_article_sits_under_its_first_tag_in_the_breadcrumb(client, story):
    response = client.get(story.get_absolute_url())
    azure = story.tags.get(name="Azure")
    assert breadcrumb(response) == [
        ("Accueil", absolute(home())),
        ("Azure", absolute(azure.get_absolute_url())),
        (story.title, absolute(story.get_absolute_url())),
    ]


def test_the_first_tag_is_chosen_by_name_case_and_accents_aside(client, make_article):
    article = make_article(tags=["IA", "Éthique", "azure Stack"])
    (_, first_tag, _) = breadcrumb(client.get(article.get_absolute_url()))
    assert first_tag == (
        "azure Stack",
        absolute(reverse("articles:tag_detail", args=["azure-stack"])),
    )
    article.tags.remove("azure Stack")
    (_, first_tag, _) = breadcrumb(client.get(article.get_absolute_url()))
    assert first_tag[0] == "Éthique"


def test_tag_source_and_author_pages_have_a_breadcrumb(client, site):
    tag, source, author = site["tag"], site["source"], site["author"]
    assert breadcrumb(client.get(tag.get_absolute_url())) == [
        ("Accueil", absolute(home())),
        ("Tags", absolute(reverse("articles:tag_list"))),
        ("Microsoft", absolute(tag.get_absolute_url())),
    ]
    for page in (source, author):
        assert breadcrumb(client.get(page.get_absolute_url())) == [
            ("Accueil", absolute(home())),
            ("Microsoft", absolute(page.get_absolute_url())),
        ]


@pytest.mark.usefixtures("no_page_cache")
def test_structured_data_costs_no_query(client, story, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get(story.get_absolute_url())
    assert set(structured_data(response)) == {"NewsArticle", "BreadcrumbList"}


# --- Sitemaps --------------------------------------------------------------------------


def read_xml(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def sitemap(client, section: str) -> dict[str, str | None]:
    """{address: lastmod} of one section of the sitemap."""
    root = read_xml(client.get(reverse("articles:sitemap_section", kwargs={"section": section})))
    assert root.tag == f"{SITEMAP}urlset"
    return {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in root}


def news_sitemap(client) -> dict[str, ET.Element]:
    root = read_xml(client.get(reverse("articles:sitemap_news")))
    assert root.tag == f"{SITEMAP}urlset"
    return {url.findtext(f"{SITEMAP}loc"): url.find(f"{NEWS}news") for url in root}


def lastmod(value: str) -> datetime:
    assert ISO_WITH_OFFSET.match(value), value
    return datetime.fromisoformat(value)


@pytest.fixture
def unpublished(make_article, make_tag, make_source, make_author):
    """A draft, an article in review and a scheduled one, each with its own tag,
    source and author, which no public article has."""
    return [
        make_article(
            title=f"Pas encore public ({kind})",
            tags=[make_tag(name=f"Secret {kind}")],
            sources=[make_source(name=f"Source secrète {kind}")],
            authors=[make_author(name=f"Plume secrète {kind}")],
            **{kind: True},
        )
        for kind in ("draft", "review", "scheduled")
    ]


def test_the_sitemap_index_lists_every_section(client, make_article, source):
    make_article(tags=["IA"], sources=[source])
    root = read_xml(client.get(reverse("articles:sitemap")))
    assert root.tag == f"{SITEMAP}sitemapindex"
    assert [entry.findtext(f"{SITEMAP}loc") for entry in root] == [
        absolute(reverse("articles:sitemap_section", kwargs={"section": section}))
        for section in ("articles", "tags", "sources", "authors")
    ]
    for entry in root:
        assert lastmod(entry.findtext(f"{SITEMAP}lastmod"))


def test_the_sitemap_lists_published_articles_with_their_last_change(client, make_article):
    article = make_article(published_at=timezone.now() - timedelta(days=3))
    listed = sitemap(client, "articles")
    assert list(listed) == [absolute(article.get_absolute_url())]
    assert lastmod(listed[absolute(article.get_absolute_url())]) == article.updated_at.replace(
        microsecond=0
    )


def test_a_note_dates_the_article_in_the_sitemap(client, make_article, time_machine):
    article = make_article(published_at=timezone.now() - timedelta(days=3))
    time_machine.move_to(timezone.now() + timedelta(hours=5), tick=False)
    note = Note.objects.create(article=article, kind=Note.Kind.CORRECTION, text="Chiffre corrigé.")
    listed = sitemap(client, "articles")
    assert lastmod(listed[absolute(article.get_absolute_url())]) == note.created_at.replace(
        microsecond=0
    )


def test_unpublished_articles_are_in_no_sitemap(client, make_article, unpublished):
    public = make_article(title="Déjà public", tags=["IA"])
    hidden = {absolute(article.get_absolute_url()) for article in unpublished}
    assert set(sitemap(client, "articles")) == {absolute(public.get_absolute_url())}
    assert not hidden & set(news_sitemap(client))
    for section in ("tags", "sources", "authors"):
        assert not [url for url in sitemap(client, section) if "secret" in url], section


def test_tags_sources_and_authors_of_unpublished_articles_only_are_absent(
    client, make_article, unpublished, tag, source, author
):
    make_article(tags=[tag], sources=[source], authors=[author])
    assert list(sitemap(client, "tags")) == [absolute(tag.get_absolute_url())]
    assert list(sitemap(client, "sources")) == [absolute(source.get_absolute_url())]
    assert list(sitemap(client, "authors")) == [absolute(author.get_absolute_url())]


def test_a_tag_is_dated_by_its_latest_public_article(client, make_article, tag, source, author):
    latest = make_article(
        tags=[tag],
        sources=[source],
        authors=[author],
        published_at=timezone.now() - timedelta(hours=3),
    )
    make_article(
        tags=[tag],
        sources=[source],
        authors=[author],
        published_at=timezone.now() - timedelta(days=5),
    )
    make_article(tags=[tag], sources=[source], authors=[author], scheduled=True)
    for section, page in (("tags", tag), ("sources", source), ("authors", author)):
        listed = sitemap(client, section)
        assert lastmod(listed[absolute(page.get_absolute_url())]) == latest.published_at.replace(
            microsecond=0
        ), section


def test_a_scheduled_article_enters_the_sitemaps_at_its_time(
    client, make_article, tag, time_machine
):
    at = timezone.now() + timedelta(hours=2)
    article = make_article(title="Annonce de demain", tags=[tag], published_at=at)
    url = absolute(article.get_absolute_url())
    assert url not in sitemap(client, "articles")
    assert url not in news_sitemap(client)
    assert absolute(tag.get_absolute_url()) not in sitemap(client, "tags")

    time_machine.move_to(at + timedelta(minutes=1), tick=False)
    # Its last edit came before it went public: the sitemap dates it from its publication.
    assert lastmod(sitemap(client, "articles")[url]) >= at.replace(microsecond=0)
    assert url in news_sitemap(client)
    assert absolute(tag.get_absolute_url()) in sitemap(client, "tags")


def test_the_news_sitemap_lists_the_last_48_hours(client, make_article):
    recent = make_article(
        title="Microsoft & OpenAI : l’accord", published_at=timezone.now() - timedelta(hours=47)
    )
    make_article(title="Trop ancien", published_at=timezone.now() - timedelta(hours=49))
    listed = news_sitemap(client)
    assert list(listed) == [absolute(recent.get_absolute_url())]
    news = listed[absolute(recent.get_absolute_url())]
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "newsroom"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "fr"
    assert news.findtext(f"{NEWS}title") == "Microsoft & OpenAI : l’accord"
    published = lastmod(news.findtext(f"{NEWS}publication_date"))
    assert published == recent.published_at.replace(microsecond=0)


def test_a_sitemap_page_beyond_the_last_is_not_found(client, make_article):
    make_article()
    url = reverse("articles:sitemap_section", kwargs={"section": "articles"})
    assert client.get(url, {"p": 2}).status_code == 404
    unknown = reverse("articles:sitemap_section", kwargs={"section": "brouillons"})
    assert client.get(unknown).status_code == 404


SITEMAP_URLS = {
    "index": lambda: reverse("articles:sitemap"),
    "news": lambda: reverse("articles:sitemap_news"),
    **{
        section: lambda section=section: reverse(
            "articles:sitemap_section", kwargs={"section": section}
        )
        for section in ("articles", "tags", "sources", "authors")
    },
}


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize("which", SITEMAP_URLS)
def test_a_sitemap_costs_the_same_queries_for_1_or_20_articles(
    client, make_article, make_author, make_source, which
):
    url = SITEMAP_URLS[which]()

    def add(count):
        for number in range(count):
            article = make_article(
                tags=[f"Sujet {number}", "IA"], sources=[make_source()], authors=[make_author()]
            )
            Note.objects.create(article=article, text="Précision.")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add(1)
    one = queries()
    add(19)
    assert queries() == one
    assert one <= 8, one


# --- robots.txt ----------------------------------------------------------------------


def test_robots_txt_points_to_both_sitemaps(client, db):
    lines = client.get(reverse("articles:robots_txt")).text.splitlines()
    assert f"Sitemap: {absolute(reverse('articles:sitemap'))}" in lines
    assert f"Sitemap: {absolute(reverse('articles:sitemap_news'))}" in lines
    assert "Disallow: /admin/" in lines
