"""An article's history in the admin: versions kept, compared, restored and recovered."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.models import Article

from .helpers import elements, form_data, form_errors, inline_code, page_text

pytestmark = pytest.mark.django_db

BODY = (
    "<p>Premier paragraphe de la dépêche, selon La Tribune.</p>"
    "<h2>Ce que cela change</h2>"
    "<p>Second paragraphe de la dépêche.</p>"
)


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def history_url(article) -> str:
    return reverse("admin:articles_article_history", args=[article.pk])


def compare_url(article, old, new) -> str:
    url = reverse("admin:articles_article_compare", args=[article.pk])
    return f"{url}?old={old.pk}&new={new.pk}"


def submit(client, url: str, **changes):
    """Open an admin form and save it as shown, with some fields changed."""
    data = form_data(client.get(url), "article_form", _save="Enregistrer", **changes)
    response = client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    return response


def versions_of(article) -> list[Version]:
    return list(
        Version.objects.get_for_object(article).select_related("revision__user").order_by("pk")
    )


def marked(response, tag: str) -> list[str]:
    """The text of every <del> or <ins> on the page."""
    return [element.text for element in elements(response, tag)]


@pytest.fixture
def article(make_article, make_source):
    """A published article with two tags and two sources, never saved in the admin yet."""
    return make_article(
        title="Microsoft dévoile un assistant pour les équipes",
        standfirst="Ce qui a changé cette semaine dans Azure, et pourquoi cela compte pour vous.",
        body=BODY,
        tags=["Azure", "Microsoft"],
        sources=[make_source(name="La Tribune"), make_source(name="Les Échos")],
    )


@pytest.fixture
def edited(editor_client, article):
    """The article saved once as it was, then once rewritten: two versions."""
    submit(editor_client, change_url(article))
    submit(
        editor_client,
        change_url(article),
        title="Microsoft présente un assistant pour les rédactions",
        standfirst="Ce qui a changé ce mois-ci dans Azure, et pourquoi cela compte pour vous.",
        body=BODY.replace("La Tribune", "Les Échos") + "<p>Un troisième paragraphe, tout neuf.</p>",
        tags="OpenAI",
        **{"citations-1-DELETE": "on"},
    )
    return article


# --- Keeping versions -----------------------------------------------------------


def test_each_save_in_the_admin_keeps_a_version_with_who_and_what(edited, editor):
    versions = versions_of(edited)
    assert len(versions) == 2
    assert [version.revision.user for version in versions] == [editor, editor]
    assert versions[0].field_dict["title"] == "Microsoft dévoile un assistant pour les équipes"
    assert versions[1].field_dict["title"] == "Microsoft présente un assistant pour les rédactions"
    # The admin's change message: what changed, down to the citation removed.
    assert "Les Échos" in versions[1].revision.get_comment()


def test_the_history_offers_to_compare_the_latest_two_versions(editor_client, edited):
    old, new = versions_of(edited)
    response = editor_client.get(history_url(edited))
    assert response.status_code == 200
    [form] = [f for f in elements(response, "form") if f.attrs.get("method") == "get"]
    assert form.attrs["action"] == reverse("admin:articles_article_compare", args=[edited.pk])
    radios = [e.attrs for e in elements(response, "input") if e.attrs.get("type") == "radio"]
    assert {(r["name"], r["value"]) for r in radios} == {
        (side, str(version.pk)) for side in ("old", "new") for version in (old, new)
    }
    checked = {r["name"]: r["value"] for r in radios if "checked" in r}
    assert checked == {"old": str(old.pk), "new": str(new.pk)}
    restore_links = [e.attrs["href"] for e in elements(response, "a")]
    for version in (old, new):
        assert reverse("admin:articles_article_revision", args=[edited.pk, version.pk]) in (
            restore_links
        )
    assert inline_code(response) == []


def test_a_single_version_has_no_compare_button(editor_client, article):
    submit(editor_client, change_url(article))
    response = editor_client.get(history_url(article))
    assert response.status_code == 200
    assert not [
        e for e in elements(response, "input") if e.attrs.get("type") in {"radio", "submit"}
    ]


# --- Comparing ------------------------------------------------------------------


def test_comparing_marks_the_words_removed_and_added(editor_client, edited, editor):
    old, new = versions_of(edited)
    response = editor_client.get(compare_url(edited, old, new))
    assert response.status_code == 200
    removed, added = marked(response, "del"), marked(response, "ins")
    # Title and standfirst, word by word.
    assert {"dévoile", "équipes", "cette semaine"} <= set(removed)
    assert {"présente", "rédactions", "ce mois-ci"} <= set(added)
    # The body, paragraph by paragraph: a changed source, a new paragraph.
    assert "La Tribune" in removed
    assert {"Les Échos", "Un troisième paragraphe, tout neuf."} <= set(added)
    # The tags of each version.
    assert {"Azure", "Microsoft"} <= set(removed)
    assert "OpenAI" in added
    text = page_text(response)
    assert "Ce que cela change" in text  # the intertitle, as context
    assert editor.get_username() in text
    assert inline_code(response) == []


def test_the_body_is_compared_as_text_with_intertitles_as_lines(editor_client, article):
    submit(editor_client, change_url(article))
    submit(editor_client, change_url(article), body=BODY.replace("cela change", "cela modifie"))
    old, new = versions_of(article)
    response = editor_client.get(compare_url(article, old, new))
    [intertitle] = [
        e for e in elements(response, "p") if "revision-line--h2" in e.attrs.get("class", "")
    ]
    assert intertitle.text == "Ce que cela change modifie"
    assert "change" in marked(response, "del")
    assert "modifie" in marked(response, "ins")
    assert "<h2>Ce que" not in response.text  # read as text, not rendered


def test_comparing_never_renders_stored_html(editor_client, article):
    submit(editor_client, change_url(article))
    submit(
        editor_client,
        change_url(article),
        title="Les balises <script>alert(1)</script> expliquées",
        body="<p>Un exemple : &lt;img src=x onerror=alert(1)&gt;, à ne pas copier.</p>",
    )
    old, new = versions_of(article)
    response = editor_client.get(compare_url(article, old, new))
    assert response.status_code == 200
    assert "<script>alert" not in response.text
    assert "<img" not in response.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in response.text
    assert inline_code(response) == []
    assert not elements(response, "img")


def test_versions_of_another_article_cannot_be_compared(editor_client, edited, make_article):
    other = make_article(draft=True)
    submit(editor_client, change_url(other))
    [foreign] = versions_of(other)
    old, new = versions_of(edited)
    assert editor_client.get(compare_url(edited, old, foreign)).status_code == 404
    assert editor_client.get(compare_url(other, foreign, new)).status_code == 404
    base = reverse("admin:articles_article_compare", args=[edited.pk])
    for query in ["", f"?old={old.pk}", f"?old={old.pk}&new=abc", f"?old={old.pk}&new=²"]:
        assert editor_client.get(base + query).status_code == 404


def test_only_staff_allowed_to_see_articles_may_compare_versions(client, edited):
    old, new = versions_of(edited)
    url = compare_url(edited, old, new)
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("admin:login"))
    intern = get_user_model().objects.create_user(
        username="stagiaire", password="mot-de-passe-du-stagiaire", is_staff=True
    )
    staff = Client()
    staff.force_login(intern)
    assert staff.get(url).status_code == 403


# --- Restoring ------------------------------------------------------------------


def test_restoring_a_version_brings_back_its_title_tags_and_citations(edited, editor_client):
    old, _new = versions_of(edited)
    assert sorted(edited.tags.names()) == ["OpenAI"]
    assert edited.citations.count() == 1
    url = reverse("admin:articles_article_revision", args=[edited.pk, old.pk])

    shown = editor_client.get(url)
    assert shown.status_code == 200
    form = form_data(shown, "article_form")
    assert form["title"] == "Microsoft dévoile un assistant pour les équipes"
    assert form["tags"] == "Azure, Microsoft"
    assert form["citations-TOTAL_FORMS"] == "3"  # two citations and an empty row
    # Looking is not restoring.
    assert Article.objects.get(pk=edited.pk).title.startswith("Microsoft présente")

    response = editor_client.post(url, {**form, "_save": "Enregistrer"})
    assert response.status_code == 302, form_errors(response)
    article = Article.objects.get(pk=edited.pk)
    assert article.title == "Microsoft dévoile un assistant pour les équipes"
    assert "La Tribune" in article.body
    assert sorted(article.tags.names()) == ["Azure", "Microsoft"]
    assert [c.source.name for c in article.citations.all()] == ["La Tribune", "Les Échos"]
    restored = versions_of(article)[-1]
    assert len(versions_of(article)) == 3
    assert "version" in restored.revision.get_comment().lower()


def test_a_deleted_article_is_recovered_with_its_tags(editor_client, article):
    submit(editor_client, change_url(article))
    pk = article.pk
    delete = reverse("admin:articles_article_delete", args=[pk])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=pk).exists()

    listing = editor_client.get(reverse("admin:articles_article_recoverlist"))
    [deleted] = Version.objects.get_deleted(Article)
    recover = reverse("admin:articles_article_recover", args=[deleted.pk])
    assert recover in [e.attrs.get("href") for e in elements(listing, "a")]
    response = editor_client.post(
        recover, {**form_data(editor_client.get(recover), "article_form"), "_save": "Enregistrer"}
    )
    assert response.status_code == 302, form_errors(response)
    article = Article.objects.get(pk=pk)
    assert article.title == "Microsoft dévoile un assistant pour les équipes"
    assert sorted(article.tags.names()) == ["Azure", "Microsoft"]
    assert article.citations.count() == 2
