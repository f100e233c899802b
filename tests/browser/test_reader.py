"""A reader's visit in a real browser, at desktop and phone widths, with the keyboard.

Home -> a tag -> an article -> a source's page -> the search: at each stop the reader
finds what they came for. Every move is made with the Tab and Enter keys, and every link
or field that takes the focus must show it. No page may scroll sideways.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from ..conftest import image_upload

pytestmark = [
    pytest.mark.only_browser("chromium"),
    # The live server reads what the test wrote, so the test commits.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# How many Tab presses may separate two stops of the visit before the test gives up.
MAX_TABS = 80


@pytest.fixture
def newsroom(settings, media_root, make_article, make_tag, make_source, make_author):
    """Two tags, one source, one author; the article the reader is after, and others."""
    settings.ROOT_URLCONF = "tests.browser.urls"  # the images load as they would in production
    azure, cloud = make_tag(name="Azure"), make_tag(name="Cloud")
    microsoft = make_source(name="Microsoft", url="https://news.microsoft.com/fr-fr/")
    author = make_author(name="Claire Martin")
    now = timezone.now()
    wanted = make_article(
        title="Azure renforce la sécurité de ses centres de données en France",
        standfirst=(
            "Chiffrement par défaut et nouvelles équipes de surveillance : Microsoft "
            "détaille son plan pour les clients européens."
        ),
        body="<p>Le plan prévoit un centre de supervision de la sécurité à Paris.</p>",
        tags=[azure, cloud],
        sources=[microsoft],
        authors=[author],
        hero_image=image_upload("centre.jpg", size=(1600, 900)),
        hero_alt="Une allée de serveurs éclairée en bleu",
        hero_credit="Photo : Microsoft",
        published_at=now - timedelta(hours=2),
    )
    for number in range(3):
        make_article(
            title=f"Cloud : la tendance de la semaine ({number})",
            tags=[cloud],
            authors=[author],
            published_at=now - timedelta(days=number + 1),
        )
    return {"article": wanted, "tag": azure, "source": microsoft}


def focused(page: Page) -> Locator:
    return page.locator("*:focus")


def assert_focus_is_visible(page: Page) -> None:
    """The focused element shows an outline and comes into view (the page may scroll smoothly)."""
    what = page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    outline = page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
        }"""
    )
    assert outline, f"no visible focus on {what}"
    page.wait_for_function(
        """() => {
            const box = document.activeElement.getBoundingClientRect();
            return box.width > 0 && box.height > 0 && box.bottom > 0
                && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
        }""",
        timeout=3_000,
    )


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab until the target has the focus, checking each stop shows its focus."""
    expect(target).to_be_attached()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            assert_focus_is_visible(page)
            return
        if page.evaluate("document.activeElement !== document.body"):
            assert_focus_is_visible(page)
    pytest.fail(f"{MAX_TABS} presses of Tab never reached {target}")


def follow(page: Page, link: Locator) -> None:
    """Reach a link with the keyboard and open it."""
    tab_to(page, link)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def assert_fits_the_screen(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_a_reader_goes_from_home_to_a_tag_an_article_a_source_and_a_search(
    chromium, live_server, browser_report, newsroom, viewport
):
    context = chromium.new_context(
        base_url=live_server.url, locale="fr-FR", timezone_id="Europe/Paris", viewport=viewport
    )
    browser_report.watch(context)
    page = context.new_page()
    article, tag, source = newsroom["article"], newsroom["tag"], newsroom["source"]

    page.goto("/")
    assert_fits_the_screen(page)
    # The first Tab shows the way past the header, straight to the articles.
    page.keyboard.press("Tab")
    expect(focused(page)).to_have_attribute("href", "#contenu")
    assert_focus_is_visible(page)
    card = page.locator(".card").filter(has_text=article.title)
    expect(card).to_be_visible()

    follow(page, card.get_by_role("link", name="Azure", exact=True))
    expect(page).to_have_url(f"{live_server.url}{tag.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Azure")
    assert_fits_the_screen(page)

    follow(page, page.get_by_role("link", name=article.title))
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)
    expect(page.locator(".article__hero img")).to_have_attribute(
        "alt", "Une allée de serveurs éclairée en bleu"
    )
    hero_box = page.locator(".article__hero img").bounding_box()
    assert hero_box and hero_box["width"] <= viewport["width"]
    assert_fits_the_screen(page)

    follow(page, page.get_by_role("link", name="Tous les articles citant Microsoft"))
    expect(page).to_have_url(f"{live_server.url}{source.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Microsoft")
    expect(page.get_by_role("link", name=article.title)).to_be_visible()
    assert_fits_the_screen(page)

    # Accents are optional in a search.
    search = page.get_by_role("searchbox").first
    tab_to(page, search)
    page.keyboard.type("securite centres")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    result = page.locator(".card").filter(has_text=article.title)
    expect(result).to_be_visible()
    # Both words are found; PostgreSQL also marks "centre", the stem of "centres".
    expect(result.locator("mark").filter(has_text="sécurité")).to_have_count(1)
    assert_fits_the_screen(page)

    follow(page, result.get_by_role("link", name=article.title))
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)
