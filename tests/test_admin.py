"""The editors' workplace: logging in, writing, finding and tagging articles, in French."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import feedparser
import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from articles.models import Article, Tag

from .conftest import EDITOR_PASSWORD, image_upload
from .helpers import (
    article_form,
    elements,
    form_data,
    form_errors,
    has_link,
    inline_code,
    page_text,
)

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


# --- Logging in -------------------------------------------------------------------


def test_an_editor_logs_in_through_the_login_form(client, editor):
    login = reverse("admin:login")
    page = client.get(login)
    assert page.status_code == 200
    assert "Nom d’utilisateur" in page_text(page)
    response = client.post(
        login,
        {"username": "editeur", "password": EDITOR_PASSWORD, "next": reverse("admin:index")},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert "Déconnexion" in page_text(client.get(reverse("admin:index")))


def test_a_wrong_password_is_refused_in_french(client, editor):
    response = client.post(reverse("admin:login"), {"username": "editeur", "password": "non"})
    assert response.status_code == 200
    assert "Veuillez compléter correctement les champs" in page_text(response)
    assert "_auth_user_id" not in client.session


def test_the_admin_is_closed_to_anonymous_readers(client, db):
    response = client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


# --- Writing an article ---------------------------------------------------------


def test_an_article_written_in_the_admin_appears_on_the_site_and_its_feed(
    client, editor, author, source
):
    client.post(reverse("admin:login"), {"username": "editeur", "password": EDITOR_PASSWORD})
    response = client.post(
        reverse("admin:articles_article_add"), article_form(author, source), follow=False
    )
    assert response.status_code == 302, form_errors(response)

    article = Article.objects.get(slug="openai-signe-avec-un-hebergeur-francais")
    assert article.published_at == datetime(2023, 1, 26, 12, 0, tzinfo=PARIS)
    assert sorted(article.tags.values_list("name", flat=True)) == [
        "IA",
        "intelligence artificielle",
    ]
    assert sorted(article.tags.values_list("slug", flat=True)) == [
        "ia",
        "intelligence-artificielle",
    ]
    assert list(article.authors.all()) == [author]
    assert [(c.source, c.url) for c in article.citations.all()] == [
        (source, "https://www.latribune.fr/openai-hebergeur")
    ]
    assert "<script>" not in article.body

    logged_out = Client()
    home = page_text(logged_out.get(reverse("articles:article_list")))
    assert "OpenAI signe avec un hébergeur français" in home
    feed = feedparser.parse(
        logged_out.get(reverse("articles:tag_feed_rss", kwargs={"slug": "ia"})).content
    )
    assert [entry.title for entry in feed.entries] == ["OpenAI signe avec un hébergeur français"]


def test_a_draft_saved_in_the_admin_stays_off_the_site(client, editor_client, author, source):
    response = editor_client.post(
        reverse("admin:articles_article_add"),
        article_form(author, source, status=Article.Status.DRAFT),
    )
    assert response.status_code == 302, form_errors(response)
    assert "OpenAI signe" not in page_text(client.get(reverse("articles:article_list")))


def test_tags_typed_again_in_another_case_reuse_the_existing_tags(
    editor_client, make_article, author, source
):
    make_article(tags=["IA", "Sécurité"])
    response = editor_client.post(
        reverse("admin:articles_article_add"),
        article_form(author, source, tags="ia, securite, Intelligence Artificielle"),
    )
    assert response.status_code == 302, form_errors(response)
    assert sorted(Tag.objects.values_list("name", flat=True)) == [
        "IA",
        "Intelligence Artificielle",
        "Sécurité",
    ]


def test_saving_an_article_again_keeps_its_tags(editor_client, make_article, author, source):
    article = make_article(
        tags=["IA", "intelligence artificielle"], authors=[author], sources=[source]
    )
    url = reverse("admin:articles_article_change", args=[article.pk])
    form = form_data(editor_client.get(url), "article_form", tags="ia, Intelligence artificielle")
    response = editor_client.post(url, form)
    assert response.status_code == 302, form_errors(response)
    assert sorted(article.tags.values_list("slug", flat=True)) == [
        "ia",
        "intelligence-artificielle",
    ]
    assert Tag.objects.count() == 2


def test_a_hero_image_uploaded_in_the_admin_is_stored_with_its_size(editor_client, author, source):
    form = article_form(
        author,
        source,
        hero_image=image_upload("une.jpg", size=(120, 80)),
        hero_alt="Le logo d’OpenAI sur un écran",
        hero_credit="Photo : OpenAI",
    )
    response = editor_client.post(reverse("admin:articles_article_add"), form)
    assert response.status_code == 302, form_errors(response)
    article = Article.objects.get()
    assert (article.hero_width, article.hero_height) == (120, 80)


def test_a_fake_image_is_refused_and_nothing_is_saved(editor_client, author, source):
    fake = image_upload("une.jpg")
    fake.file.seek(0)
    fake.file.write(b"<?php echo 'pas une image'; ?>")
    fake.file.truncate()
    fake.file.seek(0)
    response = editor_client.post(
        reverse("admin:articles_article_add"), article_form(author, source, hero_image=fake)
    )
    assert response.status_code == 200
    assert "hero_image" in response.context["adminform"].form.errors
    assert not Article.objects.exists()


# --- Finding articles ---------------------------------------------------------------


@pytest.fixture
def archive(make_article, make_author, make_tag):
    """Three articles that each filter of the change list tells apart."""
    julien = make_author(name="Julien Girard")
    security = make_tag(name="Sécurité")
    return {
        "january": make_article(
            title="Faille corrigée dans Azure",
            published_at=datetime(2023, 1, 26, 11, 0, tzinfo=UTC),
            tags=[security],
            authors=[julien],
        ),
        "march": make_article(
            title="OpenAI ouvre un bureau à Paris",
            published_at=datetime(2023, 3, 2, 11, 0, tzinfo=UTC),
            tags=["OpenAI"],
        ),
        "draft": make_article(title="Brouillon sur Copilot", draft=True, tags=["Copilot"]),
        "julien": julien,
        "security": security,
    }


def changelist_titles(response) -> set[str]:
    assert response.status_code == 200  # an unknown filter would redirect to ?e=1
    rows = elements(response, "th")
    return {row.text for row in rows if row.attrs.get("class", "").startswith("field-title")}


def test_the_change_list_shows_every_article_with_status_authors_and_tags(editor_client, archive):
    response = editor_client.get(reverse("admin:articles_article_changelist"))
    assert changelist_titles(response) == {
        "Faille corrigée dans Azure",
        "OpenAI ouvre un bureau à Paris",
        "Brouillon sur Copilot",
    }
    text = page_text(response)
    assert "Julien Girard" in text and "Sécurité" in text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (lambda a: {"state": "draft"}, {"Brouillon sur Copilot"}),
        (
            lambda a: {"state": "published"},
            {"Faille corrigée dans Azure", "OpenAI ouvre un bureau à Paris"},
        ),
        (lambda a: {"tags__id__exact": a["security"].pk}, {"Faille corrigée dans Azure"}),
        (lambda a: {"authors__id__exact": a["julien"].pk}, {"Faille corrigée dans Azure"}),
        (lambda a: {"q": "bureau"}, {"OpenAI ouvre un bureau à Paris"}),
        (lambda a: {"q": "Copilot"}, {"Brouillon sur Copilot"}),
        (
            lambda a: {"published_at__year": "2023"},
            {"Faille corrigée dans Azure", "OpenAI ouvre un bureau à Paris"},
        ),
        (
            lambda a: {"published_at__year": "2023", "published_at__month": "3"},
            {"OpenAI ouvre un bureau à Paris"},
        ),
        (
            lambda a: {
                "published_at__year": "2023",
                "published_at__month": "1",
                "published_at__day": "26",
            },
            {"Faille corrigée dans Azure"},
        ),
    ],
    ids=["draft", "published", "tag", "author", "search", "search-draft", "year", "month", "day"],
)
def test_the_change_list_filters_searches_and_drills_down(editor_client, archive, query, expected):
    response = editor_client.get(reverse("admin:articles_article_changelist"), query(archive))
    assert changelist_titles(response) == expected


def test_the_date_drill_down_offers_months_in_french(editor_client, archive):
    response = editor_client.get(
        reverse("admin:articles_article_changelist"), {"published_at__year": "2023"}
    )
    text = page_text(response)
    assert "janvier" in text and "mars" in text


def test_the_filters_are_offered_in_the_sidebar(editor_client, archive):
    response = editor_client.get(reverse("admin:articles_article_changelist"))
    assert has_link(response, "?state=review")
    assert has_link(response, "?state=scheduled", "Programmé")
    assert has_link(response, f"?tags__id__exact={archive['security'].pk}", "Sécurité")
    assert has_link(response, f"?authors__id__exact={archive['julien'].pk}", "Julien Girard")


def test_the_date_drill_down_counts_in_paris_time(editor_client, make_article):
    # 23:30 UTC on 31 December is already New Year's Day in Paris.
    make_article(title="Vœux numériques", published_at=datetime(2023, 12, 31, 23, 30, tzinfo=UTC))
    response = editor_client.get(
        reverse("admin:articles_article_changelist"),
        {"published_at__year": "2024", "published_at__month": "1", "published_at__day": "1"},
    )
    assert changelist_titles(response) == {"Vœux numériques"}


# --- Forms and other models -----------------------------------------------------


def test_the_add_form_renders_with_tag_suggestions(editor_client, db):
    response = editor_client.get(reverse("admin:articles_article_add"))
    assert response.status_code == 200
    (tag_input,) = [i for i in elements(response, "input") if i.attrs.get("name") == "tags"]
    assert tag_input.attrs["data-tag-suggestions"] == reverse("admin:articles_tag_suggestions")
    assert any(
        "tag-autocomplete.js" in s.attrs.get("src", "") for s in elements(response, "script")
    )


def test_the_change_form_renders_an_article_with_everything(
    editor_client, make_article, make_citation, tag
):
    article = make_article(hero_image=image_upload("une.png"), tags=[tag, "IA"])
    make_citation(article=article)
    response = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert response.status_code == 200
    (tag_input,) = [i for i in elements(response, "input") if i.attrs.get("name") == "tags"]
    assert tag_input.attrs["value"] == "IA, Intelligence artificielle"


def test_the_change_form_links_to_the_public_page_only_when_public(editor_client, make_article):
    public = make_article()
    draft = make_article(draft=True)
    view_on_site = "Voir sur le site"
    public_page = editor_client.get(reverse("admin:articles_article_change", args=[public.pk]))
    draft_page = editor_client.get(reverse("admin:articles_article_change", args=[draft.pk]))
    assert view_on_site in page_text(public_page)
    assert view_on_site not in page_text(draft_page)


@pytest.mark.parametrize("model", ["source", "tag", "author"])
@pytest.mark.parametrize("page", ["changelist", "add", "change"])
def test_source_tag_and_author_admin_pages_render(
    editor_client, make_article, make_citation, model, page
):
    article = make_article(tags=["Azure"])
    citation = make_citation(article=article)
    obj = {"source": citation.source, "tag": Tag.objects.get(), "author": article.authors.get()}[
        model
    ]
    args = [obj.pk] if page == "change" else []
    response = editor_client.get(reverse(f"admin:articles_{model}_{page}", args=args))
    assert response.status_code == 200
    if page != "add":
        assert str(obj) in page_text(response)


def test_a_tag_saved_in_the_admin_keeps_an_address_readers_can_open(
    client, editor_client, make_article
):
    # The admin prefills a tag's slug from its name, accents included ("sécurité"),
    # because taggit's slug field allows Unicode; public URLs only accept ASCII slugs.
    response = editor_client.post(
        reverse("admin:articles_tag_add"),
        {"name": "Sécurité", "slug": "sécurité", "description": "", "_save": "Enregistrer"},
    )
    tag = Tag.objects.filter(name="Sécurité").first()
    if tag is None:
        assert "slug" in response.context["adminform"].form.errors
        return
    make_article(tags=[tag])
    assert client.get(reverse("articles:tag_list")).status_code == 200
    assert client.get(tag.get_absolute_url()).status_code == 200


def test_typing_the_name_of_a_tag_whose_slug_was_edited_reuses_it(editor_client, author, source):
    Tag.objects.create(name="Sécurité", slug="cybersecurite")
    response = editor_client.post(
        reverse("admin:articles_article_add"), article_form(author, source, tags="Sécurité")
    )
    assert response.status_code == 302, form_errors(response)
    assert list(Article.objects.get().tags.values_list("slug", flat=True)) == ["cybersecurite"]


# --- Tag suggestions ------------------------------------------------------------------


@pytest.fixture
def tags(make_tag):
    return [make_tag(name=name) for name in ["Sécurité", "Cybersécurité", "Azure", "IA"]]


@pytest.mark.parametrize("term", ["secu", "sécu", "SÉCU", " Secu "])
def test_tag_suggestions_match_accent_and_case_insensitively(editor_client, tags, term):
    response = editor_client.get(reverse("admin:articles_tag_suggestions"), {"term": term})
    assert response.status_code == 200
    assert response.json() == {"names": ["Cybersécurité", "Sécurité"]}


@pytest.mark.parametrize("term", ["", "   ", "zzz", "%", "_"])
def test_tag_suggestions_offer_nothing_for_an_empty_or_unknown_term(editor_client, tags, term):
    response = editor_client.get(reverse("admin:articles_tag_suggestions"), {"term": term})
    assert response.json() == {"names": []}


def test_tag_suggestions_are_refused_to_anonymous_users(client, tags):
    response = client.get(reverse("admin:articles_tag_suggestions"), {"term": "secu"})
    assert response.status_code in {302, 403}
    assert "Sécurité" not in response.content.decode()
    assert "S\\u00e9curit\\u00e9" not in response.content.decode()


def test_tag_suggestions_are_refused_to_staff_without_rights_on_tags(tags):
    clerk = get_user_model().objects.create_user("stagiaire", password="x", is_staff=True)
    client = Client()
    client.force_login(clerk)
    response = client.get(reverse("admin:articles_tag_suggestions"), {"term": "secu"})
    assert response.status_code == 403
    assert response.json() == {"names": []}


# --- Paris time and French ------------------------------------------------------------


def test_the_admin_shows_times_in_paris_time(editor_client, make_article):
    article = make_article(
        title="Annonce à midi", published_at=datetime(2023, 7, 14, 10, 0, tzinfo=UTC)
    )
    changelist = page_text(editor_client.get(reverse("admin:articles_article_changelist")))
    assert "14 juillet 2023 12:00" in changelist
    change = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    values = {i.attrs.get("name"): i.attrs.get("value") for i in elements(change, "input")}
    assert values["published_at_0"] == "14/07/2023"
    assert values["published_at_1"] == "12:00:00"


def test_the_admin_speaks_french(editor_client, db):
    index = page_text(editor_client.get(reverse("admin:index")))
    assert "Déconnexion" in index
    changelist = editor_client.get(reverse("admin:articles_article_changelist"))
    assert "Ajouter article" in page_text(changelist)
    add = editor_client.get(reverse("admin:articles_article_add"))
    buttons = {
        i.attrs.get("value") for i in elements(add, "input") if i.attrs.get("type") == "submit"
    }
    assert "Enregistrer" in buttons


def test_the_article_form_labels_are_french(editor_client, db):
    response = editor_client.get(reverse("admin:articles_article_add"))
    labels = {label.text.rstrip(" :") for label in elements(response, "label")}
    assert {"Titre", "Chapô", "Texte", "Statut", "Auteurs", "Tags"} <= labels
    assert labels.isdisjoint({"Title", "Standfirst", "Body", "Status", "Authors"})
    statuses = {option.text for option in elements(response, "option")}
    assert {"Brouillon", "En relecture", "Publié"} <= statuses


def test_the_admin_site_header_is_french(editor_client, db):
    text = page_text(editor_client.get(reverse("admin:index")))
    assert "editorial office" not in text


@pytest.mark.parametrize(
    "page", ["index", "changelist", "add", "change", "tag changelist", "tag suggestions"]
)
def test_admin_pages_run_under_the_same_strict_content_security_policy(
    editor_client, make_article, page
):
    article = make_article(tags=["IA"])
    url = {
        "index": reverse("admin:index"),
        "changelist": reverse("admin:articles_article_changelist"),
        "add": reverse("admin:articles_article_add"),
        "change": reverse("admin:articles_article_change", args=[article.pk]),
        "tag changelist": reverse("admin:articles_tag_changelist"),
        "tag suggestions": reverse("admin:articles_tag_suggestions") + "?term=ia",
    }[page]
    response = editor_client.get(url)
    assert response.status_code == 200
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    if response["Content-Type"].startswith("text/html"):
        assert inline_code(response) == []
