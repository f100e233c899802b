"""Roles, review, scheduling, the pre-publication checklist, notes and concurrent edits."""

from datetime import timedelta

import feedparser
import pytest
import reversion
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from reversion.models import Version

from articles.models import Article, Note, PreviewLink
from articles.roles import CONTRIBUTOR_GROUP, EDITOR_GROUP

from .helpers import form_data, page_text

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:articles_article_changelist"


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def member_of(group: str, username: str):
    """A logged-in client for a staff user in one of the newsroom's roles."""
    user = get_user_model().objects.create_user(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return user, client


@pytest.fixture
def contributor(make_author):
    user, client = member_of(CONTRIBUTOR_GROUP, "redacteur")
    make_author(name="Karim Haddad", user=user)
    return client


@pytest.fixture
def desk(db):
    """A logged-in member of the « Éditeur » group (not a superuser)."""
    return member_of(EDITOR_GROUP, "chef-edition")[1]


@pytest.fixture
def own_draft(contributor, make_article, make_source, make_tag):
    author = get_user_model().objects.get(username="redacteur").author
    return make_article(
        draft=True,
        authors=[author],
        tags=[make_tag(name="Azure")],
        sources=[make_source()],
        title="Brouillon de Karim",
    )


def run_action(client, action: str, articles, **extra):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [a.pk for a in articles], **extra},
        follow=True,
    )


# --- Roles ------------------------------------------------------------------------


def test_the_two_roles_exist_with_their_rights(db):
    contributor = set(
        Group.objects.get(name=CONTRIBUTOR_GROUP).permissions.values_list("codename", flat=True)
    )
    editor = set(
        Group.objects.get(name=EDITOR_GROUP).permissions.values_list("codename", flat=True)
    )
    assert {"add_article", "change_article"} <= contributor
    assert "publish_article" not in contributor
    assert not {"change_tag", "change_source", "change_author"} & contributor
    assert {
        "publish_article",
        "change_tag",
        "delete_tag",
        "change_source",
        "change_author",
    } <= editor


def test_a_contributor_is_offered_only_draft_and_review(contributor, own_draft):
    form = contributor.get(change_url(own_draft)).context["adminform"].form
    assert [value for value, _label in form.fields["status"].choices] == ["draft", "review"]
    assert "published_at" not in form.fields


def test_a_contributor_forging_a_publish_is_refused_and_nothing_changes(contributor, own_draft):
    page = contributor.get(change_url(own_draft))
    data = form_data(page, "article_form", status="published", title="Publié en douce")
    response = contributor.post(change_url(own_draft), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["status"]
    own_draft.refresh_from_db()
    assert (own_draft.status, own_draft.title) == ("draft", "Brouillon de Karim")


def test_a_contributor_cannot_schedule_by_forging_a_date(contributor, own_draft):
    page = contributor.get(change_url(own_draft))
    data = form_data(
        page, "article_form", published_at_0="01/01/2030", published_at_1="08:00", status="review"
    )
    assert contributor.post(change_url(own_draft), data).status_code == 302
    own_draft.refresh_from_db()
    assert own_draft.status == "review" and own_draft.published_at is None


def test_a_contributor_cannot_edit_someone_elses_article(contributor, make_article):
    other = make_article(draft=True, title="L’article d’une collègue")
    page = contributor.get(change_url(other))
    assert page.status_code == 200  # read only
    assert "article_form" not in page.text or "_save" not in page.text
    data = form_data(page, "article_form", title="Réécrit", _save="Enregistrer")
    response = contributor.post(change_url(other), data)
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.title == "L’article d’une collègue"


def test_a_contributor_cannot_edit_their_published_article(contributor, own_draft):
    own_draft.status = Article.Status.PUBLISHED
    own_draft.save()
    page = contributor.get(change_url(own_draft))
    data = form_data(page, "article_form", status="draft", _save="Enregistrer")
    assert contributor.post(change_url(own_draft), data).status_code == 403
    own_draft.refresh_from_db()
    assert own_draft.status == "published" and own_draft.is_public


@pytest.mark.parametrize("action", ["publish", "unpublish"])
def test_a_contributor_forging_an_editors_action_changes_nothing(
    contributor, own_draft, make_article, action
):
    published = make_article(title="Déjà en ligne")
    run_action(contributor, action, [own_draft, published])
    own_draft.refresh_from_db()
    published.refresh_from_db()
    assert own_draft.status == "draft"
    assert published.status == "published" and published.is_public


def test_a_contributor_submits_their_draft_for_review(contributor, own_draft):
    response = run_action(contributor, "submit_for_review", [own_draft])
    assert response.status_code == 200
    own_draft.refresh_from_db()
    assert own_draft.status == "review"


def test_a_contributor_cannot_submit_someone_elses_draft(contributor, make_article):
    other = make_article(draft=True)
    run_action(contributor, "submit_for_review", [other])
    other.refresh_from_db()
    assert other.status == "draft"


def test_a_contributors_new_article_carries_their_byline(contributor, make_source):
    add = reverse("admin:articles_article_add")
    page = contributor.get(add)
    data = form_data(
        page,
        "article_form",
        title="Les assistants de code au banc d’essai",
        slug="les-assistants-de-code-au-banc-dessai",
        standfirst="Cinq outils testés sur un vrai projet, de la complétion aux agents.",
        body="<p>Premier essai.</p>",
        status="review",
        tags="IA",
    )
    response = contributor.post(add, data)
    assert response.status_code == 302
    article = Article.objects.get()
    assert [a.name for a in article.authors.all()] == ["Karim Haddad"]
    assert article.status == "review" and not article.is_public


# --- Review and scheduling -------------------------------------------------------------


def test_an_editor_publishes_from_the_review_queue(desk, make_article, make_source):
    article = make_article(review=True, tags=["IA"], sources=[make_source()])
    run_action(desk, "publish", [article])
    article.refresh_from_db()
    assert article.status == "published" and article.is_public
    assert article.published_at <= timezone.now()


def test_publishing_keeps_a_set_time_and_schedules(desk, make_article, make_source, client):
    when = timezone.now() + timedelta(hours=3)
    article = make_article(review=True, tags=["IA"], sources=[make_source()], published_at=when)
    run_action(desk, "publish", [article])
    article.refresh_from_db()
    assert article.status == "published" and article.published_at == when
    assert not article.is_public
    assert client.get(article.get_absolute_url()).status_code == 404


def test_publishing_an_incomplete_article_is_refused_with_what_it_lacks(desk, make_article):
    article = make_article(review=True, tags=[], title="Sans source")
    response = run_action(desk, "publish", [article])
    article.refresh_from_db()
    assert article.status == "review"
    text = page_text(response)
    assert gettext("at least one tag") in text and gettext("at least one source") in text


def test_an_editor_unpublishes(desk, make_article, client):
    article = make_article()
    run_action(desk, "unpublish", [article])
    article.refresh_from_db()
    assert article.status == "draft"
    assert client.get(article.get_absolute_url()).status_code == 404


def test_the_admin_index_shows_the_review_queue_and_scheduled_times(desk, make_article):
    make_article(review=True, title="À relire d’urgence")
    when = timezone.localtime(timezone.now() + timedelta(days=2))
    make_article(published_at=when, title="Sortira après-demain")
    make_article(title="Déjà publié")
    text = page_text(desk.get(reverse("admin:index")))
    assert "À relire d’urgence" in text and "Sortira après-demain" in text
    assert "Déjà publié" not in text
    assert f"{when:%H:%M}" in text


def test_a_scheduled_article_shows_in_the_admin_as_scheduled(desk, make_article):
    make_article(scheduled=True, title="Pour jeudi")
    response = desk.get(reverse(CHANGELIST), {"state": "scheduled"})
    assert "Pour jeudi" in page_text(response)
    assert gettext("Scheduled for %(date)s").split("%")[0].strip() in page_text(response)


def test_a_scheduled_article_appears_everywhere_at_its_time(
    client, make_article, make_tag, time_machine
):
    tag = make_tag(name="Azure")
    make_article(tags=[tag], title="Déjà là")
    article = make_article(
        tags=[tag], title="À l’heure dite", published_at=timezone.now() + timedelta(hours=2)
    )
    places = [reverse("articles:article_list"), tag.get_absolute_url()]
    feeds = [reverse("articles:feed_rss"), reverse("articles:tag_feed_atom", args=[tag.slug])]
    for url in places:
        assert "À l’heure dite" not in page_text(client.get(url))
    for url in feeds:
        assert "À l’heure dite" not in client.get(url).text
    assert client.get(article.get_absolute_url()).status_code == 404

    time_machine.move_to(timezone.now() + timedelta(hours=2, minutes=1))
    for url in places:
        assert "À l’heure dite" in page_text(client.get(url))
    for url in feeds:
        titles = [entry.title for entry in feedparser.parse(client.get(url).content).entries]
        assert "À l’heure dite" in titles
    assert client.get(article.get_absolute_url()).status_code == 200


# --- Pre-publication checklist ------------------------------------------------------------


@pytest.fixture
def complete(make_article, make_source):
    return make_article(
        review=True,
        tags=["IA"],
        sources=[make_source()],
        standfirst="Un chapô d’une longueur raisonnable, qui dit ce qui s’est passé et pourquoi.",
    )


def publish_through_form(client, article, **changes):
    page = client.get(change_url(article))
    return client.post(
        change_url(article), form_data(page, "article_form", status="published", **changes)
    )


def test_a_complete_article_publishes_through_the_form(desk, complete):
    response = publish_through_form(desk, complete)
    assert response.status_code == 302
    complete.refresh_from_db()
    assert complete.is_public


@pytest.mark.parametrize(
    ("changes", "missing"),
    [
        ({"title": " "}, None),  # the form's own "required" answers first
        ({"standfirst": "Trop court."}, "a standfirst of %(shortest)d to %(longest)d characters"),
        ({"standfirst": "Long. " * 70}, "a standfirst of %(shortest)d to %(longest)d characters"),
        ({"tags": ""}, "at least one tag"),
        ({"citations-0-DELETE": "on"}, "at least one source"),
        ({"body": '<p>Voir <a href="">ici</a>.</p>'}, "no empty link in the body"),
        ({"body": '<p>Voir <a href="https://example.fr/"> </a>.</p>'}, "no empty link in the body"),
        ({"body": '<p><a href="javascript:alert(1)">piège</a></p>'}, "no empty link in the body"),
    ],
    ids=["title", "short", "long", "tags", "sources", "empty-href", "no-text", "bad-scheme"],
)
def test_publishing_is_refused_with_the_list_of_what_is_missing(desk, complete, changes, missing):
    response = publish_through_form(desk, complete, **changes)
    assert response.status_code == 200
    complete.refresh_from_db()
    assert complete.status == "review" and not complete.is_public
    if missing:
        expected = (
            gettext(missing) % {"shortest": 50, "longest": 350}
            if "%" in missing
            else gettext(missing)
        )
        assert expected in page_text(response)


def test_a_hero_image_needs_a_description_and_a_credit(desk, complete):
    from .conftest import image_upload

    response = publish_through_form(desk, complete, hero_image=image_upload("une.png"))
    assert response.status_code == 200
    text = page_text(response)
    assert gettext("Describe the image for readers who cannot see it.") in text
    assert gettext("a credit for the hero image") in text
    complete.refresh_from_db()
    assert not complete.hero_image


def test_the_change_form_shows_the_checklist_state(desk, make_article):
    article = make_article(draft=True, tags=[], standfirst="Court.")
    text = page_text(desk.get(change_url(article)))
    assert capfirst(gettext("at least one tag")) in text
    assert gettext("(missing)") in text and gettext("(done)") in text


# --- Public notes -----------------------------------------------------------------------


def test_notes_show_in_order_and_date_the_update(client, make_article, time_machine):
    article = make_article(published_at=timezone.now() - timedelta(days=3))
    first = Note.objects.create(
        article=article,
        kind="update",
        text="Ajout de la réaction de Microsoft.",
        created_at=timezone.now() - timedelta(days=2),
    )
    latest = Note.objects.create(
        article=article,
        kind="correction",
        text="Le montant est de 10 milliards, pas 1 milliard.",
        created_at=timezone.now() - timedelta(days=1),
    )
    page = client.get(article.get_absolute_url())
    text = page_text(page)
    assert text.index(first.text) < text.index(latest.text)
    assert f'datetime="{timezone.localtime(latest.created_at):%Y-%m-%dT%H:%M:%S%z}"' in page.text
    feed = feedparser.parse(client.get(reverse("articles:feed_atom")).content)
    assert feed.entries[0].updated_parsed[:5] == latest.created_at.utctimetuple()[:5]


def test_an_editor_adds_a_note_to_a_published_article(desk, make_article, make_source, client):
    article = make_article(tags=["IA"], sources=[make_source()])
    page = desk.get(change_url(article))
    data = form_data(
        page,
        "article_form",
        **{
            "notes-TOTAL_FORMS": "1",
            "notes-0-kind": "correction",
            "notes-0-text": "Une précédente version citait le mauvais produit.",
        },
    )
    assert desk.post(change_url(article), data).status_code == 302
    assert "Une précédente version citait le mauvais produit." in page_text(
        client.get(article.get_absolute_url())
    )


def test_drafts_have_no_notes_inline(desk, make_article):
    page = desk.get(change_url(make_article(draft=True)))
    assert "notes-TOTAL_FORMS" not in page.text


# --- No lost edits ---------------------------------------------------------------------


def test_a_save_based_on_an_old_version_is_refused_and_keeps_the_text(
    desk, make_article, make_source
):
    article = make_article(tags=["IA"], sources=[make_source()], title="Titre d’origine")
    second_editor = member_of(EDITOR_GROUP, "second")[1]
    first_page = desk.get(change_url(article))
    second_page = second_editor.get(change_url(article))

    first = form_data(first_page, "article_form", title="Titre de la première")
    assert desk.post(change_url(article), first).status_code == 302

    mine = "<p>Mon paragraphe réécrit avec soin.</p>"
    second = form_data(second_page, "article_form", title="Titre de la seconde", body=mine)
    response = second_editor.post(change_url(article), second)
    assert response.status_code == 200
    assert "chef-edition" in page_text(response)
    form = response.context["adminform"].form
    assert form["title"].value() == "Titre de la seconde"
    assert form["body"].value() == mine
    article.refresh_from_db()
    assert article.title == "Titre de la première"


# --- Preview and share links ---------------------------------------------------------------


def assert_private(response):
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex, nofollow">' in response.text


def assert_gone(response):
    """A real link that no longer works says so, and shows nothing of the article."""
    assert response.status_code == 410
    assert gettext("This preview link no longer works") in page_text(response)
    assert "no-store" in response["Cache-Control"] and "noindex" in response["X-Robots-Tag"]


def share(client, article):
    """Make a share link through the change form's button; returns its address."""
    response = client.post(reverse("admin:articles_article_share", args=[article.pk]), follow=True)
    link = PreviewLink.objects.filter(article=article).latest("created_at")
    assert link.get_absolute_url() in page_text(response)
    return link.get_absolute_url()


def test_staff_preview_a_draft_as_readers_will_see_it(desk, make_article):
    article = make_article(draft=True, title="Pas encore en ligne")
    response = desk.get(reverse("admin:articles_article_preview", args=[article.pk]))
    assert_private(response)
    assert "Pas encore en ligne" in page_text(response)
    assert "articles/article_detail.html" in [t.name for t in response.templates]


def test_the_staff_preview_is_closed_to_readers(client, make_article):
    article = make_article(draft=True)
    response = client.get(reverse("admin:articles_article_preview", args=[article.pk]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_share_link_shows_the_draft_to_anyone_holding_it(desk, client, make_article):
    article = make_article(draft=True, title="Relu par la source")
    url = share(desk, article)
    response = client.get(url)
    assert_private(response)
    assert "Relu par la source" in page_text(response)


def test_a_share_link_expires_after_48_hours(desk, client, make_article, time_machine):
    url = share(desk, make_article(draft=True))
    time_machine.move_to(timezone.now() + timedelta(hours=47))
    assert client.get(url).status_code == 200
    time_machine.move_to(timezone.now() + timedelta(hours=2))
    assert_gone(client.get(url))


def test_a_revoked_share_link_stops_working(desk, client, make_article):
    article = make_article(draft=True)
    url = share(desk, article)
    page = desk.get(change_url(article))
    data = form_data(page, "article_form", **{"preview_links-0-DELETE": "on"})
    assert desk.post(change_url(article), data).status_code == 302
    assert_gone(client.get(url))


@pytest.mark.parametrize(
    "forge",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: token.replace(token.split(":")[0], "OTk5", 1),
        lambda token: "n-importe-quoi",
    ],
    ids=["bad-signature", "other-link", "garbage"],
)
def test_a_forged_share_link_shows_nothing(desk, client, make_article, forge):
    url = share(desk, make_article(draft=True))
    token = url.rstrip("/").rsplit("/", 1)[1]
    response = client.get(reverse("articles:shared_preview", args=[forge(token)]))
    assert response.status_code == 404


def test_a_share_link_shows_only_its_own_article(desk, client, make_article):
    mine = make_article(draft=True, title="Le brouillon partagé")
    make_article(draft=True, title="Un autre brouillon")
    text = page_text(client.get(share(desk, mine)))
    assert "Le brouillon partagé" in text and "Un autre brouillon" not in text


def test_a_contributor_cannot_make_share_links(contributor, own_draft):
    response = contributor.post(reverse("admin:articles_article_share", args=[own_draft.pk]))
    assert response.status_code == 403
    assert not PreviewLink.objects.exists()


def test_a_contributor_cannot_change_tags_or_sources(contributor, make_tag, make_source):
    tag, source = make_tag(name="Azure"), make_source()
    for url in [
        reverse("admin:articles_tag_change", args=[tag.pk]),
        reverse("admin:articles_source_change", args=[source.pk]),
    ]:
        assert contributor.post(url, {"name": "Renommé"}).status_code == 403
    tag.refresh_from_db()
    source.refresh_from_db()
    assert tag.name == "Azure" and source.name != "Renommé"


def test_feeds_carry_the_notes_with_the_text(client, make_article):
    article = make_article(title="Avec correctif")
    Note.objects.create(article=article, kind="correction", text="Le chiffre exact est 49 %.")
    for name in ["articles:feed_rss", "articles:feed_atom"]:
        entry = feedparser.parse(client.get(reverse(name)).content).entries[0]
        assert "Le chiffre exact est 49 %." in entry.content[0].value
        assert gettext("Correction") in entry.content[0].value


def test_a_contributor_without_a_byline_yet_gets_one_on_first_save(db):
    user, client = member_of(CONTRIBUTOR_GROUP, "nouvelle")
    user.first_name, user.last_name = "Inès", "Faure"
    user.save()
    add = reverse("admin:articles_article_add")
    page = client.get(add)
    data = form_data(
        page,
        "article_form",
        title="Premier sujet",
        slug="premier-sujet",
        standfirst="Un premier sujet, écrit par une nouvelle recrue de la rédaction.",
        status="draft",
    )
    assert client.post(add, data).status_code == 302
    assert [a.name for a in Article.objects.get().authors.all()] == ["Inès Faure"]


def test_only_editors_recover_deleted_articles(contributor, desk, make_article):
    article = make_article(title="Supprimé par erreur")
    with reversion.create_revision():
        article.save()
    version = Version.objects.get_for_object(article).get()
    article.delete()
    recover_list = reverse("admin:articles_article_recoverlist")
    recover = reverse("admin:articles_article_recover", args=[version.pk])
    assert recover_list not in contributor.get(reverse(CHANGELIST)).text
    assert contributor.get(recover_list).status_code == 403
    assert contributor.get(recover).status_code == 403
    assert recover_list in desk.get(reverse(CHANGELIST)).text
    assert "Supprimé par erreur" in page_text(desk.get(recover_list))


def test_a_share_link_keeps_one_address(make_article, time_machine):
    link = PreviewLink.objects.create(article=make_article(draft=True))
    url = link.get_absolute_url()
    time_machine.move_to(timezone.now() + timedelta(minutes=5))
    assert link.get_absolute_url() == url
