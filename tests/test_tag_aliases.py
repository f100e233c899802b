"""Other names for a tag, and merging tags: one topic, one page, whatever editors type."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import translation

from articles.models import Article, Tag, TagAlias, TaggedArticle
from articles.roles import EDITOR_GROUP

from .helpers import (
    article_form,
    assert_project_404,
    elements,
    form_data,
    form_errors,
    inline_code,
    page_text,
)

pytestmark = pytest.mark.django_db

TAG_PAGES = ["articles:tag_detail", "articles:tag_feed_rss", "articles:tag_feed_atom"]


def fr(message: str) -> str:
    """A message as the French admin shows it (the msgid until it is translated)."""
    with translation.override("fr"):
        return translation.gettext(message)


def tag_url(view: str, slug: str) -> str:
    return reverse(view, kwargs={"slug": slug})


@pytest.fixture
def ia(make_tag):
    """The canonical tag, with the other name editors and wire copy use for it."""
    tag = make_tag(name="IA", description="L’intelligence artificielle et ses usages.")
    TagAlias.objects.create(tag=tag, name="intelligence artificielle")
    return tag


# --- Typing an alias in the article form ---------------------------------------------


def post_article_tags(editor_client, article: Article, tags: str):
    url = reverse("admin:articles_article_change", args=[article.pk])
    form = form_data(editor_client.get(url), "article_form", tags=tags)
    response = editor_client.post(url, form)
    assert response.status_code == 302, form_errors(response)


@pytest.mark.parametrize(
    "typed",
    [
        "intelligence artificielle",
        "Intelligence Artificielle",
        "INTELLIGENCE ARTIFICIELLE",
        "intelligence  artificielle",
        "intelligence artificièlle",
        "Intelligence-Artificielle",
    ],
)
def test_typing_an_alias_attaches_the_canonical_tag_and_creates_none(
    editor_client, make_article, make_source, ia, typed
):
    article = make_article(tags=["Azure"], sources=[make_source()])
    post_article_tags(editor_client, article, f"Azure, {typed}")

    assert sorted(article.tags.values_list("name", flat=True)) == ["Azure", "IA"]
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["Azure", "IA"]


@pytest.mark.parametrize("typed", ["cybersécurité", "Cybersecurite", "CYBERSÉCURITÉ"])
def test_an_alias_with_accents_matches_however_it_is_typed(
    editor_client, make_article, make_source, make_tag, typed
):
    security = make_tag(name="Sécurité")
    TagAlias.objects.create(tag=security, name="cybersécurité")
    article = make_article(tags=["Azure"], sources=[make_source()])
    post_article_tags(editor_client, article, typed)

    assert list(article.tags.all()) == [security]
    assert Tag.objects.count() == 2


def test_typing_a_tag_and_its_alias_attaches_the_tag_once(
    editor_client, make_article, make_source, ia
):
    article = make_article(tags=["Azure"], sources=[make_source()])
    post_article_tags(editor_client, article, "IA, intelligence artificielle, Ia")

    assert list(article.tags.all()) == [ia]
    assert TaggedArticle.objects.filter(content_object=article).count() == 1


def test_an_alias_typed_in_a_new_article_attaches_the_canonical_tag(
    editor_client, make_author, make_source, ia
):
    author, source = make_author(), make_source()
    response = editor_client.post(
        reverse("admin:articles_article_add"),
        article_form(author, source, tags="Intelligence artificielle"),
    )
    assert response.status_code == 302, form_errors(response)
    assert list(Article.objects.get().tags.all()) == [ia]
    assert Tag.objects.count() == 1


def test_the_article_form_shows_the_canonical_name_after_saving_an_alias(
    editor_client, make_article, make_source, ia
):
    article = make_article(tags=["Azure"], sources=[make_source()])
    post_article_tags(editor_client, article, "intelligence artificielle")
    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    (tag_input,) = [i for i in elements(page, "input") if i.attrs.get("name") == "tags"]
    assert tag_input.attrs["value"] == "IA"


# --- An alias's addresses --------------------------------------------------------------


@pytest.mark.parametrize("view", TAG_PAGES)
def test_an_alias_address_redirects_permanently_to_the_canonical_tag(
    client, make_article, ia, view
):
    make_article(title="Un modèle plus sobre", tags=[ia])
    response = client.get(tag_url(view, "intelligence-artificielle"))
    assert response.status_code == 301
    assert response["Location"] == tag_url(view, "ia")

    followed = client.get(tag_url(view, "intelligence-artificielle"), follow=True)
    assert followed.redirect_chain == [(tag_url(view, "ia"), 301)]
    assert followed.status_code == 200
    assert "Un modèle plus sobre" in followed.text


def test_an_alias_redirect_keeps_the_query_string(client, make_article, ia):
    make_article(tags=[ia])
    response = client.get(tag_url("articles:tag_detail", "intelligence-artificielle"), {"page": 1})
    assert response.status_code == 301
    assert response["Location"] == tag_url("articles:tag_detail", "ia") + "?page=1"


@pytest.mark.parametrize("view", TAG_PAGES)
def test_an_alias_of_a_tag_without_public_articles_answers_404(client, make_article, ia, view):
    # Like the tag's own page: its name alone could give away what is being prepared.
    make_article(draft=True, tags=[ia])
    make_article(scheduled=True, tags=[ia])
    response = client.get(tag_url(view, "intelligence-artificielle"))
    assert response.status_code == 404
    assert "Location" not in response
    if view == "articles:tag_detail":
        assert_project_404(response)


@pytest.mark.parametrize("view", TAG_PAGES)
def test_an_unknown_tag_stays_a_404(client, make_article, ia, view):
    make_article(tags=[ia])
    response = client.get(tag_url(view, "nulle-part"))
    assert response.status_code == 404
    if view == "articles:tag_detail":
        assert_project_404(response)


def test_the_canonical_tag_page_answers_directly(client, make_article, ia):
    make_article(tags=[ia])
    assert client.get(tag_url("articles:tag_detail", "ia")).status_code == 200


# --- Managing aliases in the tag admin ---------------------------------------------------


def tag_change_url(tag: Tag) -> str:
    return reverse("admin:articles_tag_change", args=[tag.pk])


def post_aliases(editor_client, tag: Tag, *names: str):
    """Submit the tag's change form with new aliases typed in the inline's blank rows."""
    url = tag_change_url(tag)
    form = form_data(editor_client.get(url), "tag_form")
    first = int(form["aliases-INITIAL_FORMS"])
    for offset, name in enumerate(names):
        row = f"aliases-{first + offset}"
        form.update({f"{row}-id": "", f"{row}-tag": str(tag.pk), f"{row}-name": name})
    form["aliases-TOTAL_FORMS"] = str(max(int(form["aliases-TOTAL_FORMS"]), first + len(names)))
    return editor_client.post(url, form)


def test_an_editor_adds_an_alias_in_the_tag_form(client, editor_client, make_article, make_tag):
    openai = make_tag(name="OpenAI")
    make_article(tags=[openai])
    response = post_aliases(editor_client, openai, "Open AI")
    assert response.status_code == 302, form_errors(response)

    (alias,) = TagAlias.objects.all()
    assert (alias.tag, alias.name, alias.slug) == (openai, "Open AI", "open-ai")
    redirect = client.get(tag_url("articles:tag_detail", "open-ai"))
    assert redirect["Location"] == openai.get_absolute_url()
    changelist = editor_client.get(reverse("admin:articles_tag_changelist"))
    assert "Open AI" in page_text(changelist)


def test_the_tag_form_shows_existing_aliases(editor_client, ia):
    form = form_data(editor_client.get(tag_change_url(ia)), "tag_form")
    assert form["aliases-0-name"] == "intelligence artificielle"


def test_an_editor_removes_an_alias_in_the_tag_form(client, editor_client, make_article, ia):
    make_article(tags=[ia])
    url = tag_change_url(ia)
    form = form_data(editor_client.get(url), "tag_form", **{"aliases-0-DELETE": "on"})
    response = editor_client.post(url, form)
    assert response.status_code == 302, form_errors(response)
    assert not TagAlias.objects.exists()
    assert client.get(tag_url("articles:tag_detail", "intelligence-artificielle")).status_code == (
        404
    )


@pytest.fixture
def taxonomy(make_tag, ia):
    """IA and its alias, Azure, and a tag whose slug an editor changed."""
    make_tag(name="Azure")
    make_tag(name="Cloud Microsoft", slug="microsoft-azure")
    return ia


def assert_refused_and_nothing_saved(editor_client, tag: Tag, name: str, message: str):
    aliases_before = list(TagAlias.objects.values_list("pk", "tag", "name", "slug"))
    tags_before = list(Tag.objects.values_list("pk", "name", "slug"))

    response = post_aliases(editor_client, tag, name)

    assert response.status_code == 200
    assert "errornote" in response.text
    assert message in page_text(response)
    assert list(TagAlias.objects.values_list("pk", "tag", "name", "slug")) == aliases_before
    assert list(Tag.objects.values_list("pk", "name", "slug")) == tags_before


@pytest.mark.parametrize(
    "name",
    [
        "Azure",  # another tag's name
        "azure",  # ...in another case
        "Azüre",  # ...with an accent
        "IA",  # the tag's own name
        "Microsoft Azure",  # another tag's slug, which was edited
        "microsoft-azure",
    ],
)
def test_an_alias_named_like_a_tag_is_refused_and_nothing_is_saved(editor_client, taxonomy, name):
    message = fr("“%(name)s” is already a tag.") % {"name": name}
    assert_refused_and_nothing_saved(editor_client, taxonomy, name, message)


@pytest.mark.parametrize(
    "name", ["intelligence artificielle", "Intelligence Artificielle", "intelligence artificièlle"]
)
def test_an_alias_given_twice_is_refused_and_nothing_is_saved(editor_client, taxonomy, name):
    message = fr("“%(alias)s” is already another name of the tag “%(tag)s”.") % {
        "alias": "intelligence artificielle",
        "tag": "IA",
    }
    assert_refused_and_nothing_saved(editor_client, taxonomy, name, message)


def test_an_alias_of_another_tag_is_refused(editor_client, make_tag, ia):
    openai = make_tag(name="OpenAI")
    message = fr("“%(alias)s” is already another name of the tag “%(tag)s”.") % {
        "alias": "intelligence artificielle",
        "tag": "IA",
    }
    assert_refused_and_nothing_saved(editor_client, openai, "Intelligence artificielle", message)
    assert TagAlias.objects.get().tag == ia


def test_an_alias_named_like_a_merged_tag_is_refused(editor_client, make_tag):
    security = make_tag(name="Sécurité")
    old = make_tag(name="Cybersécurité", slug="cyber")
    security.absorb([old])  # alias « Cybersécurité » at the address « cyber »
    message = fr("“%(alias)s” is already another name of the tag “%(tag)s”.") % {
        "alias": "Cybersécurité",
        "tag": "Sécurité",
    }
    assert_refused_and_nothing_saved(editor_client, security, "cybersécurité", message)


def test_two_new_aliases_that_are_one_name_are_refused_and_nothing_is_saved(
    editor_client, make_tag
):
    openai = make_tag(name="OpenAI")
    response = post_aliases(editor_client, openai, "Open AI", "open ai")
    assert response.status_code == 200
    assert fr("“%(name)s” is given twice.") % {"name": "open ai"} in page_text(response)
    assert not TagAlias.objects.exists()


def test_an_existing_alias_is_kept_when_the_tag_form_is_saved_again(editor_client, ia):
    url = tag_change_url(ia)
    form = form_data(editor_client.get(url), "tag_form", description="Nouvelle introduction.")
    response = editor_client.post(url, form)
    assert response.status_code == 302, form_errors(response)
    assert list(ia.aliases.values_list("name", flat=True)) == ["intelligence artificielle"]


def test_an_alias_renamed_to_another_existing_alias_is_refused(editor_client, ia):
    TagAlias.objects.create(tag=ia, name="AI")
    url = tag_change_url(ia)
    form = form_data(editor_client.get(url), "tag_form")
    row = next(k for k, v in form.items() if k.endswith("-name") and v == "AI")
    response = editor_client.post(url, {**form, row: "Intelligence Artificielle"})
    assert response.status_code == 200
    assert sorted(ia.aliases.values_list("name", flat=True)) == ["AI", "intelligence artificielle"]


def test_an_alias_without_letters_or_digits_is_refused(editor_client, make_tag):
    openai = make_tag(name="OpenAI")
    response = post_aliases(editor_client, openai, "!!!")
    assert response.status_code == 200
    assert fr("An alias needs letters or digits.") in page_text(response)
    assert not TagAlias.objects.exists()


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("intelligence artificielle", "intelligence-artificielle"),
        ("Intelligence Artificielle", "ia-au-sens-large"),
        ("Apprentissage automatique", "intelligence-artificielle"),
    ],
)
def test_a_new_tag_named_like_an_alias_is_refused(editor_client, ia, name, slug):
    response = editor_client.post(
        reverse("admin:articles_tag_add"),
        {
            "name": name,
            "slug": slug,
            "description": "",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
            "aliases-MIN_NUM_FORMS": "0",
            "aliases-MAX_NUM_FORMS": "1000",
            "_save": "Enregistrer",
        },
    )
    assert response.status_code == 200
    expected = fr("“%(alias)s” is already another name of the tag “%(tag)s”.") % {
        "alias": "intelligence artificielle",
        "tag": "IA",
    }
    assert expected in page_text(response)
    assert list(Tag.objects.all()) == [ia]


@pytest.mark.parametrize(
    "changes",
    [{"slug": "intelligence-artificielle"}, {"name": "Intelligence artificielle"}],
)
def test_a_tag_renamed_to_another_tag_alias_is_refused(editor_client, make_tag, ia, changes):
    openai = make_tag(name="OpenAI")
    url = tag_change_url(openai)
    response = editor_client.post(url, form_data(editor_client.get(url), "tag_form", **changes))
    assert response.status_code == 200
    assert "errornote" in response.text
    assert Tag.objects.filter(pk=openai.pk, name="OpenAI", slug="openai").exists()


def test_a_tag_may_take_the_name_of_its_own_alias(client, editor_client, make_article, ia):
    make_article(tags=[ia])
    url = tag_change_url(ia)
    form = form_data(editor_client.get(url), "tag_form", name="Intelligence artificielle")
    response = editor_client.post(url, form)
    assert response.status_code == 302, form_errors(response)
    assert Tag.objects.get(pk=ia.pk).name == "Intelligence artificielle"
    assert client.get(tag_url("articles:tag_detail", "ia")).status_code == 200

    # The alias now repeats the tag's name: the tag's form still saves.
    form = form_data(editor_client.get(url), "tag_form", description="Tout sur l’IA.")
    response = editor_client.post(url, form)
    assert response.status_code == 302, form_errors(response)
    assert Tag.objects.get(pk=ia.pk).description == "Tout sur l’IA."


# --- Suggestions --------------------------------------------------------------------------


@pytest.mark.parametrize("term", ["intell", "Intelligence Art", "artificièlle"])
def test_suggestions_offer_the_canonical_tag_for_an_alias(editor_client, make_tag, ia, term):
    make_tag(name="Azure")
    response = editor_client.get(reverse("admin:articles_tag_suggestions"), {"term": term})
    assert response.status_code == 200
    assert response.json() == {"names": ["IA"]}


def test_suggestions_list_a_tag_once_when_its_name_and_aliases_match(editor_client, make_tag):
    tag = make_tag(name="Cloud")
    TagAlias.objects.create(tag=tag, name="cloud public")
    TagAlias.objects.create(tag=tag, name="cloud souverain")
    response = editor_client.get(reverse("admin:articles_tag_suggestions"), {"term": "cloud"})
    assert response.json() == {"names": ["Cloud"]}


# --- Merging tags -----------------------------------------------------------------------


CHANGELIST = "admin:articles_tag_changelist"


def merge_request(*tags: Tag, **extra) -> dict:
    """What the change list posts when an editor ticks tags and chooses « Merge »."""
    return {
        "action": "merge_tags",
        "select_across": "0",
        "index": "0",
        "_selected_action": [str(tag.pk) for tag in tags],
        **extra,
    }


def confirm(client, *tags: Tag):
    """The confirmation page for merging `tags`, as the change list answers."""
    response = client.post(reverse(CHANGELIST), merge_request(*tags))
    assert response.status_code == 200
    assert "admin/articles/tag/merge.html" in [t.name for t in response.templates]
    return response


def merge(client, *tags: Tag, keep: Tag):
    """Tick `tags`, choose « Merge », then choose `keep` on the page and confirm."""
    page = confirm(client, *tags)
    response = client.post(reverse(CHANGELIST), form_data(page, "merge_form", keep=str(keep.pk)))
    assert response.status_code == 302
    return response


@pytest.fixture
def three_topics(make_article, make_tag):
    """IA (2 articles), « Intelligence artificielle » (2, one shared), « AI » (1)."""
    ia = make_tag(name="IA")
    long_name = make_tag(name="Intelligence artificielle", slug="intelligence-artificielle")
    english = make_tag(name="AI")
    articles = {
        "ia only": make_article(tags=[ia]),
        "both": make_article(tags=[ia, long_name]),
        "long only": make_article(tags=[long_name]),
        "english": make_article(tags=[english]),
    }
    return ia, long_name, english, articles


def test_merging_first_asks_which_tag_to_keep(editor_client, three_topics):
    ia, long_name, english, _ = three_topics
    page = confirm(editor_client, ia, long_name)

    radios = [
        e for e in elements(page, "input") if e.attrs.get("type") == "radio" and e.attrs["name"]
    ]
    assert [(r.attrs["name"], r.attrs["value"]) for r in radios] == [
        ("keep", str(ia.pk)),
        ("keep", str(long_name.pk)),
    ]
    assert "checked" in radios[0].attrs  # the tag with the most articles
    text = page_text(page)
    assert "IA" in text and "Intelligence artificielle" in text and "AI (" not in text
    posted = form_data(page, "merge_form")
    assert posted["action"] == "merge_tags"
    assert sorted(posted["_selected_action"]) == sorted([str(ia.pk), str(long_name.pk)])
    assert Tag.objects.count() == 3
    assert not TagAlias.objects.exists()


def test_merging_moves_every_article_to_the_kept_tag(editor_client, three_topics):
    ia, long_name, english, articles = three_topics
    response = merge(editor_client, ia, long_name, english, keep=ia)

    assert list(Tag.objects.all()) == [ia]
    for article in articles.values():
        assert list(article.tags.all()) == [ia]
    assert TaggedArticle.objects.filter(content_object=articles["both"]).count() == 1
    assert TaggedArticle.objects.count() == 4

    followed = editor_client.get(response["Location"])
    expected = fr("Merged into “%(tag)s”: %(names)s. Their old addresses now lead to it.") % {
        "tag": "IA",
        "names": "Intelligence artificielle, AI",
    }
    assert expected in page_text(followed)


def test_merged_names_and_addresses_become_aliases_of_the_kept_tag(editor_client, three_topics):
    ia, long_name, english, _ = three_topics
    merge(editor_client, ia, long_name, english, keep=ia)

    assert sorted(ia.aliases.values_list("name", "slug")) == [
        ("AI", "ai"),
        ("Intelligence artificielle", "intelligence-artificielle"),
    ]


@pytest.mark.parametrize("view", TAG_PAGES)
def test_a_merged_tag_old_addresses_redirect_to_the_kept_tag(
    client, editor_client, three_topics, view
):
    ia, long_name, english, _ = three_topics
    merge(editor_client, ia, long_name, english, keep=ia)

    for old in ["intelligence-artificielle", "ai"]:
        response = client.get(tag_url(view, old))
        assert response.status_code == 301
        assert response["Location"] == tag_url(view, "ia")
        assert client.get(response["Location"]).status_code == 200


def test_keeping_the_smaller_tag_works_too(client, editor_client, three_topics):
    ia, long_name, english, articles = three_topics
    merge(editor_client, ia, long_name, keep=long_name)

    assert set(Tag.objects.all()) == {long_name, english}
    assert list(articles["ia only"].tags.all()) == [long_name]
    assert list(articles["both"].tags.all()) == [long_name]
    response = client.get(tag_url("articles:tag_detail", "ia"))
    assert response["Location"] == tag_url("articles:tag_detail", "intelligence-artificielle")


def test_typing_a_merged_name_later_attaches_the_kept_tag(
    editor_client, make_article, make_source, three_topics
):
    ia, long_name, english, _ = three_topics
    merge(editor_client, ia, long_name, english, keep=ia)
    article = make_article(tags=["Azure"], sources=[make_source()])
    post_article_tags(editor_client, article, "Azure, intelligence artificielle, ai")

    assert sorted(article.tags.values_list("name", flat=True)) == ["Azure", "IA"]
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["Azure", "IA"]


def test_a_merged_tag_aliases_move_to_the_kept_tag(client, editor_client, three_topics):
    ia, long_name, english, _ = three_topics
    TagAlias.objects.create(tag=long_name, name="IA générative")
    merge(editor_client, ia, long_name, keep=ia)

    assert TagAlias.objects.get(name="IA générative").tag == ia
    response = client.get(tag_url("articles:tag_detail", "ia-generative"))
    assert response["Location"] == tag_url("articles:tag_detail", "ia")


def test_merging_a_tag_that_was_merged_before_leaves_no_redirect_chain(
    client, editor_client, three_topics
):
    ia, long_name, english, _ = three_topics
    merge(editor_client, long_name, english, keep=long_name)
    merge(editor_client, ia, long_name, keep=ia)

    for old in ["ai", "intelligence-artificielle"]:
        followed = client.get(tag_url("articles:tag_detail", old), follow=True)
        assert followed.redirect_chain == [(tag_url("articles:tag_detail", "ia"), 301)]
        assert followed.status_code == 200


def test_merging_one_tag_only_warns_and_changes_nothing(editor_client, three_topics):
    ia, *_ = three_topics
    before = list(TaggedArticle.objects.values_list("pk", "tag", "content_object"))
    response = editor_client.post(reverse(CHANGELIST), merge_request(ia), follow=True)

    assert fr("Select at least two tags to merge.") in page_text(response)
    assert Tag.objects.count() == 3
    assert not TagAlias.objects.exists()
    assert list(TaggedArticle.objects.values_list("pk", "tag", "content_object")) == before


def test_one_tag_only_warns_even_when_keep_is_forged(editor_client, three_topics):
    ia, *_ = three_topics
    response = editor_client.post(
        reverse(CHANGELIST), merge_request(ia, keep=str(ia.pk)), follow=True
    )
    assert fr("Select at least two tags to merge.") in page_text(response)
    assert Tag.objects.count() == 3


def test_a_kept_tag_outside_the_selection_merges_nothing(editor_client, three_topics):
    ia, long_name, english, _ = three_topics
    response = editor_client.post(
        reverse(CHANGELIST), merge_request(ia, long_name, keep=str(english.pk))
    )
    assert response.status_code == 200  # asked again which tag to keep
    assert Tag.objects.count() == 3
    assert not TagAlias.objects.exists()


def test_the_confirmation_page_runs_under_the_strict_content_security_policy(
    editor_client, three_topics
):
    ia, long_name, *_ = three_topics
    page = confirm(editor_client, ia, long_name)
    assert inline_code(page) == []
    stylesheets = [e.attrs.get("href", "") for e in elements(page, "link")]
    assert any(href.endswith("admin/css/forms.css") for href in stylesheets)


def test_cancelling_the_merge_changes_nothing(editor_client, three_topics):
    ia, long_name, *_ = three_topics
    page = confirm(editor_client, ia, long_name)
    (cancel,) = [a for a in elements(page, "a") if "closelink" in a.attrs.get("class", "")]
    assert cancel.attrs["href"] == reverse(CHANGELIST)
    assert editor_client.get(cancel.attrs["href"]).status_code == 200
    assert Tag.objects.count() == 3


def staff_client(*codenames: str) -> Client:
    user = get_user_model().objects.create_user("documentaliste", password="x", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client = Client()
    client.force_login(user)
    return client


def offered_actions(client) -> list[str]:
    page = client.get(reverse(CHANGELIST))
    assert page.status_code == 200
    return [o.attrs.get("value") for o in elements(page, "option")]


@pytest.mark.parametrize(
    "codenames",
    [["view_tag"], ["view_tag", "change_tag"], ["view_tag", "delete_tag"]],
)
def test_staff_without_change_and_delete_rights_cannot_merge(three_topics, codenames):
    ia, long_name, english, articles = three_topics
    client = staff_client(*codenames)
    assert "merge_tags" not in offered_actions(client)

    client.post(reverse(CHANGELIST), merge_request(ia, long_name))
    client.post(reverse(CHANGELIST), merge_request(ia, long_name, keep=str(ia.pk)))
    assert Tag.objects.count() == 3
    assert not TagAlias.objects.exists()
    assert list(articles["long only"].tags.all()) == [long_name]


def test_an_editor_of_the_newsroom_can_merge(three_topics):
    ia, long_name, *_ = three_topics
    user = get_user_model().objects.create_user("redaction-chef", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR_GROUP))
    client = Client()
    client.force_login(user)
    assert "merge_tags" in offered_actions(client)

    merge(client, ia, long_name, keep=ia)
    assert not Tag.objects.filter(pk=long_name.pk).exists()


def test_absorbing_a_tag_into_itself_changes_nothing(three_topics):
    ia, *_ = three_topics
    ia.absorb([ia])
    assert Tag.objects.count() == 3
    assert not TagAlias.objects.exists()


def test_a_spelling_folding_to_a_tag_with_an_edited_slug_reuses_it(db):
    security = Tag.objects.create(name="Sécurité", slug="cybersecurite")
    assert Tag.objects.resolve(["securite"])["securite"] == security
    assert Tag.objects.count() == 1


@pytest.mark.parametrize("view", TAG_PAGES)
def test_a_tag_whose_slug_an_editor_changes_keeps_its_old_addresses(
    client, editor_client, make_article, make_tag, view
):
    tag = make_tag(name="Sécurité")
    make_article(tags=[tag])
    url = tag_change_url(tag)
    form = form_data(editor_client.get(url), "tag_form", slug="cybersecurite")
    assert editor_client.post(url, form).status_code == 302
    response = client.get(tag_url(view, "securite"))
    assert response.status_code == 301
    assert response["Location"] == tag_url(view, "cybersecurite")


def test_a_renamed_tag_answers_to_its_old_name(editor_client, make_article, make_tag):
    tag = make_tag(name="Cloud souverain")
    url = tag_change_url(tag)
    form = form_data(
        editor_client.get(url), "tag_form", name="Cloud de confiance", slug="cloud-de-confiance"
    )
    assert editor_client.post(url, form).status_code == 302
    tag.refresh_from_db()
    assert tag.slug == "cloud-de-confiance"
    assert Tag.objects.resolve(["cloud souverain"])["cloud souverain"] == tag
    assert Tag.objects.count() == 1


def test_taking_back_an_old_slug_removes_its_redirect(client, make_article, make_tag):
    tag = make_tag(name="Azure")
    make_article(tags=[tag])
    tag.slug = "azure-cloud"
    tag.save()
    tag.slug = "azure"
    tag.save()
    assert client.get(tag_url("articles:tag_detail", "azure")).status_code == 200
    response = client.get(tag_url("articles:tag_detail", "azure-cloud"))
    assert response.status_code == 301 and response["Location"] == tag.get_absolute_url()
