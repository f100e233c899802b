"""The editors' admin in a real browser: Debian's Chromium, driven by Playwright.

Each test does what an editor does, through the pages' own scripts, against a live
server: writing in the rich-text editor, watching the checklist as one types, being told
that someone saved first, a contributor's limited choices, a share link. The admin's
styles and scripts must load with their right types (see conftest.py for what the
browser must never report).
"""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import resolve, reverse
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from articles.models import Article, PreviewLink
from articles.roles import CONTRIBUTOR_GROUP, EDITOR_GROUP

from ..conftest import EDITOR_PASSWORD

pytestmark = [
    # Debian's Chromium is the one browser these tests drive. pytest-playwright registers
    # this mark; `-m only_browser` selects these tests.
    pytest.mark.only_browser("chromium"),
    # The live server reads what the test wrote, so the test commits. Emptying the
    # database afterwards would also drop the roles a migration made: they are restored
    # before each test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


# --- People and pages --------------------------------------------------------------


def staff_member(group: str, username: str):
    """A newsroom account in one of the two roles, with a password to log in with."""
    user = get_user_model().objects.create_user(
        username=username, password=EDITOR_PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def log_in(page: Page, user) -> None:
    """Through the admin's own login form, as a person does."""
    page.goto(reverse("admin:login"))
    page.locator("#id_username").fill(user.get_username())
    page.locator("#id_password").fill(EDITOR_PASSWORD)
    page.locator("#login-form [type=submit]").click()
    expect(page.locator("#user-tools")).to_be_visible()


def change_form(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def in_french(msgid: str) -> str:
    with translation.override("fr"):
        return gettext(msgid)


@pytest.fixture
def desk_editor(db):
    return staff_member(EDITOR_GROUP, "chef-edition")


@pytest.fixture
def ready_article(make_article, make_tag, make_source):
    """A published article that meets the whole checklist."""
    return make_article(tags=[make_tag()], sources=[make_source()])


# --- Writing -------------------------------------------------------------------------


def body_editor(page: Page):
    """The editor's writing area, once js/article-editor.js has turned the textarea into it."""
    expect(page.locator(".field-body .prose-menubar")).to_be_visible()
    return page.locator(".field-body .prose-editor > [contenteditable=true]")


def save_and_continue(page: Page) -> None:
    """Submit the change form and wait until the server has answered."""
    with page.expect_response(lambda response: response.request.method == "POST"):
        page.locator(".submit-row [name=_continue]").click()


def test_an_editor_writes_a_body_with_the_rich_text_editor(
    tab, desk_editor, ready_article, browser_report
):
    log_in(tab, desk_editor)
    tab.goto(change_form(ready_article))
    editor = body_editor(tab)

    editor.click()
    tab.keyboard.press("Control+A")
    tab.keyboard.press("Delete")
    # Markdown shortcuts at the start of a line, as the editor offers them.
    tab.keyboard.type("## Ce que dit le rapport")
    tab.keyboard.press("Enter")
    tab.keyboard.type("Le rapport juge l’accord ")
    tab.keyboard.press("Control+B")
    tab.keyboard.type("décisif")
    tab.keyboard.press("Control+B")
    tab.keyboard.type(" pour le secteur.")
    tab.keyboard.press("Enter")
    tab.keyboard.type("- Premier point")
    tab.keyboard.press("Enter")
    tab.keyboard.type("Second point")
    expect(editor.locator("h2")).to_have_text("Ce que dit le rapport")
    expect(editor.locator("strong")).to_have_text("décisif")
    expect(editor.locator("ul > li")).to_have_count(2)
    save_and_continue(tab)

    expect(tab.locator(".messagelist .success")).to_be_visible()
    ready_article.refresh_from_db()
    assert "<h2>Ce que dit le rapport</h2>" in ready_article.body
    assert "<strong>décisif</strong>" in ready_article.body
    assert "<ul>" in ready_article.body and "Second point" in ready_article.body
    assert "Premier paragraphe" not in ready_article.body

    tab.goto(ready_article.get_absolute_url())
    body = tab.locator(".article .prose")
    expect(body.locator("h2")).to_have_text("Ce que dit le rapport")
    expect(body.locator("strong")).to_have_text("décisif")
    expect(body.locator("ul > li")).to_have_text(["Premier point", "Second point"])

    # The editor is an ES module importing another: a browser runs them only when they
    # arrive as text/javascript.
    for path in [
        "admin/css/base.css",
        "django_prose_editor/editor.css",
        "css/article-editor.css",
        "js/article-checklist.js",
        "js/article-editor.js",
        "django_prose_editor/editor.js",
    ]:
        assert browser_report.loaded(path), browser_report.static_files.get(path)


def checklist_item(page: Page, key: str):
    return page.locator(f"ul.checklist li[data-check={key}]")


MET = re.compile(r"\bchecklist__item--met\b")
MISSING = re.compile(r"\bchecklist__item--missing\b")


def test_the_checklist_updates_as_the_editor_types(tab, desk_editor, ready_article):
    log_in(tab, desk_editor)
    tab.goto(change_form(ready_article))
    for key in ["title", "standfirst", "tags", "sources", "links"]:
        expect(checklist_item(tab, key)).to_have_class(MET)

    standfirst = tab.locator("#id_standfirst")
    standfirst.fill("")
    expect(checklist_item(tab, "standfirst")).to_have_class(MISSING)
    standfirst.fill("Trop court.")
    expect(checklist_item(tab, "standfirst")).to_have_class(MISSING)
    standfirst.fill("Un chapô assez long pour annoncer ce que l’article explique au lecteur.")
    expect(checklist_item(tab, "standfirst")).to_have_class(MET)

    tab.locator("#id_tags").fill("")
    expect(checklist_item(tab, "tags")).to_have_class(MISSING)

    # A link whose address is only "#" leads nowhere.
    editor = body_editor(tab)
    editor.locator("p").first.dblclick()
    link_button = tab.locator(".field-body .prose-menubar [data-name=link]")
    # The button waits for a selection to link.
    expect(link_button).not_to_have_class(re.compile(r"\bdisabled\b"))
    link_button.click()
    dialog = tab.locator("dialog.prose-editor-dialog[open]")
    dialog.locator("input[name=href]").fill("#")
    dialog.locator("[type=submit]").click()
    expect(editor.locator("a")).to_have_count(1)
    expect(checklist_item(tab, "links")).to_have_class(MISSING)

    # Nothing was saved: the checklist speaks of the form, not of the stored article.
    ready_article.refresh_from_db()
    assert ready_article.tags.exists()
    assert len(ready_article.standfirst) > 50


# --- Working together ---------------------------------------------------------------


def test_a_second_editor_is_told_someone_saved_first_and_keeps_their_text(new_tab, ready_article):
    first, second = staff_member(EDITOR_GROUP, "claire"), staff_member(EDITOR_GROUP, "julien")
    first_tab, second_tab = new_tab(), new_tab()
    for tab, user in [(first_tab, first), (second_tab, second)]:
        log_in(tab, user)
        tab.goto(change_form(ready_article))
        body_editor(tab)

    first_tab.locator("#id_title").fill("Titre de Claire")
    save_and_continue(first_tab)
    expect(first_tab.locator(".messagelist .success")).to_be_visible()

    second_tab.locator("#id_title").fill("Titre de Julien")
    editor = body_editor(second_tab)
    editor.locator("p").last.click()
    second_tab.keyboard.press("End")
    second_tab.keyboard.type(" Ajout de Julien.")
    save_and_continue(second_tab)

    refusal = second_tab.locator(".errorlist.nonfield")
    expect(refusal).to_contain_text("claire")
    expect(second_tab.locator("#id_title")).to_have_value("Titre de Julien")
    expect(body_editor(second_tab)).to_contain_text("Ajout de Julien.")
    ready_article.refresh_from_db()
    assert ready_article.title == "Titre de Claire"
    assert "Ajout de Julien" not in ready_article.body


# --- Roles ----------------------------------------------------------------------------


def test_a_contributor_cannot_choose_published(tab, make_author, make_article):
    contributor = staff_member(CONTRIBUTOR_GROUP, "redacteur")
    author = make_author(name="Karim Haddad", user=contributor)
    draft = make_article(draft=True, authors=[author], title="Brouillon de Karim")

    log_in(tab, contributor)
    tab.goto(change_form(draft))
    statuses = tab.locator("#id_status option")
    expect(statuses).to_have_count(2)
    assert sorted(statuses.evaluate_all("options => options.map(o => o.value)")) == sorted(
        [Article.Status.DRAFT, Article.Status.REVIEW]
    )

    tab.goto(reverse("admin:articles_article_changelist"))
    expect(tab.locator("#result_list")).to_contain_text("Brouillon de Karim")
    actions = tab.locator("#changelist-form select[name=action] option").evaluate_all(
        "options => options.map(o => o.value)"
    )
    assert "submit_for_review" in actions
    assert "publish" not in actions and "unpublish" not in actions


# --- Sharing ----------------------------------------------------------------------------


def test_a_share_link_shows_the_draft_to_a_logged_out_reader(
    new_tab, desk_editor, make_article, live_server
):
    draft = make_article(draft=True, title="Le brouillon à relire")
    tab = new_tab()
    log_in(tab, desk_editor)
    tab.goto(change_form(draft))
    share = tab.locator(".object-tools .share-button")
    expect(share).to_have_text(in_french("Make a share link"))
    share.click()

    message = tab.locator(".messagelist .success")
    expect(message).to_be_visible()
    address = re.search(rf"{re.escape(live_server.url)}/\S+", message.inner_text()).group()
    token = resolve(urlsplit(address).path).kwargs["token"]
    assert PreviewLink.id_from_token(token) == PreviewLink.objects.get(article=draft).pk

    reader = new_tab()
    reader.goto(address)
    expect(reader.locator(".article__title")).to_have_text("Le brouillon à relire")
    expect(reader.locator(".preview-banner")).to_have_text(
        in_french("Preview: this article is not public. Do not share this address.")
    )
    expect(reader.locator("meta[name=robots]")).to_have_attribute("content", "noindex, nofollow")
