"""Search (/recherche/?q=): what a reader finds, on SQLite as on PostgreSQL.

Run on both: `.venv/bin/pytest tests/test_search.py`, then again with
`DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_search`. French stemming is
PostgreSQL's alone; everything else holds on both.
"""

import io
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import search
from articles.models import Article, Tag

from .helpers import article_form, elements, form_data, form_errors, has_link

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="French stemming is PostgreSQL's"
)
SEARCH_URL = reverse("articles:search")
EXCERPT = re.compile(r'<p class="card__excerpt">(.*?)</p>', re.DOTALL)


def search_page(client, query, **params):
    response = client.get(SEARCH_URL, {"q": query, **params})
    assert response.status_code == 200
    return response


def found(client, query, **params) -> list[str]:
    """Titles of the result cards, in the order shown."""
    response = search_page(client, query, **params)
    return [e.text for e in elements(response, "h2") if "card__title" in e.attrs.get("class", "")]


def excerpts_of(response) -> list[str]:
    return EXCERPT.findall(response.text)


def message(response) -> str:
    return " ".join(
        e.text for e in elements(response, "p") if "search-message" in e.attrs.get("class", "")
    )


# --- Finding ----------------------------------------------------------------------------


@postgresql_only
@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("un investissement record", "investissements"),
        ("des investissements records", "investissement"),
        ("la sécurité des données", "securites"),
    ],
)
def test_a_word_finds_its_other_forms_in_french(client, make_article, written, typed):
    make_article(title="Un article [1]", body=f"<p>Microsoft annonce {written}.</p>")
    assert found(client, typed) == ["Un article [1]"]


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("sécurité", "securite"),
        ("securite", "Sécurité"),
        ("Élysée", "ELYSEE"),
        ("hôpital", "hopital"),
    ],
)
def test_accents_and_capitals_make_no_difference(client, make_article, written, typed):
    make_article(title="Un article [1]", body=f"<p>Il est question de {written} ici.</p>")
    make_article(title="Un autre [2]", body="<p>Rien à voir.</p>")
    assert found(client, typed) == ["Un article [1]"]


def test_the_title_and_the_standfirst_are_searched(client, make_article):
    make_article(title="Le calcul quantique arrive [1]")
    make_article(title="Un autre [2]", standfirst="Le supercalculateur hyperconvergent arrive.")
    assert found(client, "quantique") == ["Le calcul quantique arrive [1]"]
    assert found(client, "hyperconvergent") == ["Un autre [2]"]


def test_an_article_is_found_by_the_name_of_a_tag(client, make_article, make_tag):
    make_article(title="Un article [1]", tags=[make_tag(name="Informatique quantique")])
    make_article(title="Un autre [2]")
    assert found(client, "quantique") == ["Un article [1]"]


def test_an_article_is_found_by_another_name_of_its_tag(client, make_article, make_tag):
    tag = make_tag(name="IA")
    tag.aliases.create(name="Apprentissage automatique")
    make_article(title="Un article [1]", tags=[tag])
    assert found(client, "apprentissage automatique") == ["Un article [1]"]


def test_an_article_is_found_by_the_name_of_a_source(client, make_article, make_source):
    make_article(title="Un article [1]", sources=[make_source(name="Le Journal du Numérique")])
    make_article(title="Un autre [2]")
    assert found(client, "journal numerique") == ["Un article [1]"]


def test_every_word_must_be_found_somewhere_in_the_article(client, make_article, make_tag):
    make_article(title="Azure et le quantique [1]", tags=[make_tag(name="Cloud")])
    make_article(title="Azure seulement [2]")
    assert found(client, "azure cloud") == ["Azure et le quantique [1]"]
    assert found(client, "azure inexistant") == []


@pytest.mark.parametrize("state", ["draft", "review", "scheduled"])
def test_unpublished_articles_are_never_found_nor_counted(client, make_article, state):
    make_article(title="Quantique publié [1]")
    make_article(title="Quantique en attente [2]", **{state: True})
    response = search_page(client, "quantique")
    assert "en attente" not in response.text
    assert response.context["paginator"].count == 1
    assert found(client, "quantique") == ["Quantique publié [1]"]


# --- The index follows every change ---------------------------------------------------------


def test_an_edit_is_found_at_once_and_the_old_words_are_gone(client, make_article):
    article = make_article(title="Le calcul quantique [1]", body="<p>Un hyperviseur.</p>")
    article.title = "Le calcul neuromorphique [1]"
    article.body = "<p>Un conteneur.</p>"
    article.save()
    assert found(client, "neuromorphique") == ["Le calcul neuromorphique [1]"]
    assert found(client, "conteneur") == ["Le calcul neuromorphique [1]"]
    assert found(client, "quantique") == []
    assert found(client, "hyperviseur") == []


def test_an_unpublished_article_leaves_the_results(client, make_article):
    article = make_article(title="Le calcul quantique [1]")
    assert found(client, "quantique") == ["Le calcul quantique [1]"]
    article.status = Article.Status.DRAFT
    article.save()
    assert found(client, "quantique") == []


def test_a_scheduled_article_is_found_once_its_time_has_come(client, make_article, time_machine):
    make_article(title="Le calcul quantique [1]", scheduled=True)
    assert found(client, "quantique") == []
    time_machine.move_to(timezone.now() + timedelta(days=3))
    assert found(client, "quantique") == ["Le calcul quantique [1]"]


def test_tags_added_and_removed_are_followed(client, make_article, make_tag):
    article = make_article(title="Un article [1]")
    quantum = make_tag(name="Quantique")
    article.tags.add(quantum)
    assert found(client, "quantique") == ["Un article [1]"]
    article.tags.remove(quantum)
    assert found(client, "quantique") == []
    article.tags.set(["Neuromorphique"])
    assert found(client, "neuromorphique") == ["Un article [1]"]
    article.tags.clear()
    assert found(client, "neuromorphique") == []


def test_a_renamed_tag_finds_its_articles_by_the_new_name(client, make_article, make_tag):
    tag = make_tag(name="Quantique")
    make_article(title="Un article [1]", tags=[tag])
    tag.name = "Neuromorphique"
    tag.save()
    assert found(client, "neuromorphique") == ["Un article [1]"]


def test_merged_tags_find_their_articles_by_the_kept_name(client, make_article, make_tag):
    kept, merged = make_tag(name="Cloud"), make_tag(name="Nuage")
    make_article(title="Un article [1]", tags=[merged])
    kept.absorb([merged])
    assert found(client, "cloud") == ["Un article [1]"]


def test_a_deleted_tag_no_longer_finds_its_articles(client, make_article, make_tag):
    tag = make_tag(name="Quantique")
    make_article(title="Un article [1]", tags=[tag])
    Tag.objects.filter(pk=tag.pk).delete()
    assert found(client, "quantique") == []


def test_sources_cited_renamed_and_removed_are_followed(client, make_article, make_source):
    article = make_article(title="Un article [1]", sources=[make_source(name="Le Quotidien")])
    source = article.sources.get()
    source.name = "L'Hebdomadaire"
    source.save()
    assert found(client, "hebdomadaire") == ["Un article [1]"]
    assert found(client, "quotidien") == []
    article.citations.all().delete()
    assert found(client, "hebdomadaire") == []


def test_a_deleted_article_leaves_nothing_in_the_index(make_article):
    article = make_article(title="Le calcul quantique [1]")
    keep = make_article(title="Un autre [2]")
    article.delete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM articles_search")
        assert cursor.fetchone() == (1,)
    assert list(search.matching(Article.objects.all(), "autre")) == [keep]


def test_an_article_written_and_edited_in_the_admin_is_found(
    client, editor_client, author, make_source
):
    source = make_source(name="Le Quotidien")
    add_url = reverse("admin:articles_article_add")
    response = editor_client.post(
        add_url,
        article_form(author, source, body="<p>Un hyperviseur souverain.</p>", tags="Quantique"),
    )
    assert response.status_code == 302, form_errors(response)
    article = Article.objects.get()
    assert found(client, "hyperviseur quantique quotidien") == [article.title]

    change_url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(
        editor_client.get(change_url),
        "article_form",
        body="<p>Un conteneur souverain.</p>",
        tags="Neuromorphique",
        _save="Enregistrer",
    )
    response = editor_client.post(change_url, data)
    assert response.status_code == 302, form_errors(response)
    assert found(client, "conteneur neuromorphique") == [article.title]
    assert found(client, "hyperviseur") == []
    assert found(client, "quantique") == []


def test_restoring_an_older_version_restores_what_search_finds(
    client, editor_client, make_article, make_source
):
    article = make_article(
        title="Le calcul quantique [1]", tags=["Supercalcul"], sources=[make_source()]
    )
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    for changes in [{}, {"title": "Le calcul neuromorphique [1]", "tags": "Cerveau"}]:
        data = form_data(editor_client.get(change_url), "article_form", _save="Enregistrer")
        response = editor_client.post(change_url, {**data, **changes})
        assert response.status_code == 302, form_errors(response)
    assert found(client, "neuromorphique cerveau") == ["Le calcul neuromorphique [1]"]

    old = Version.objects.get_for_object(article).order_by("pk").first()
    url = reverse("admin:articles_article_revision", args=[article.pk, old.pk])
    shown = editor_client.get(url)
    # Looking at an old version is not restoring it.
    assert found(client, "neuromorphique cerveau") == ["Le calcul neuromorphique [1]"]
    response = editor_client.post(url, form_data(shown, "article_form", _save="Enregistrer"))
    assert response.status_code == 302, form_errors(response)
    assert found(client, "quantique supercalcul") == ["Le calcul quantique [1]"]
    assert found(client, "neuromorphique") == []
    assert found(client, "cerveau") == []


def test_the_rebuild_command_makes_every_article_findable_again(client, make_article, make_tag):
    make_article(title="Le calcul quantique [1]", tags=[make_tag(name="Supercalcul")])
    make_article(title="Un brouillon quantique [2]", draft=True)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM articles_search")
    assert found(client, "quantique") == []
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert found(client, "quantique supercalcul") == ["Le calcul quantique [1]"]


# --- Results ---------------------------------------------------------------------------


def test_a_match_in_the_title_ranks_above_a_match_in_the_body(client, make_article):
    now = timezone.now()
    make_article(title="Le calcul quantique [1]", published_at=now - timedelta(days=3))
    make_article(
        title="Un autre [2]",
        body="<p>Il est aussi question de calcul quantique, en passant.</p>",
        published_at=now - timedelta(hours=1),
    )
    assert found(client, "quantique") == ["Le calcul quantique [1]", "Un autre [2]"]


def test_equally_relevant_articles_come_newest_first(client, make_article):
    now = timezone.now()
    for days, n in [(3, 1), (1, 2), (2, 3)]:
        make_article(title=f"Quantique [{n}]", published_at=now - timedelta(days=days))
    assert found(client, "quantique") == ["Quantique [2]", "Quantique [3]", "Quantique [1]"]


def test_the_excerpt_marks_the_words_found(client, make_article):
    make_article(
        title="Un article [1]",
        body=(
            "<p>Premier paragraphe sans rapport.</p>"
            "<p>Les équipes de <strong>sécurité</strong> d'Azure ont publié un guide.</p>"
        ),
    )
    [excerpt] = excerpts_of(search_page(client, "securite azure"))
    assert "<mark>sécurité</mark>" in excerpt
    assert "<mark>Azure</mark>" in excerpt


def test_the_excerpt_shows_text_that_looks_like_markup_as_text(client, make_article):
    make_article(
        title="Un article [1]",
        body="<p>La balise &lt;script&gt;alert(1)&lt;/script&gt; reste du texte, sécurité.</p>",
    )
    response = search_page(client, "securite")
    [excerpt] = excerpts_of(response)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in excerpt
    assert "<script" not in response.text


def test_an_article_found_by_its_title_alone_shows_no_excerpt(client, make_article):
    make_article(title="Le calcul quantique [1]")
    assert excerpts_of(search_page(client, "quantique")) == []


def test_the_page_says_how_many_articles_match(client, make_article):
    make_article(title="Quantique [1]")
    make_article(title="Quantique [2]")
    make_article(title="Autre chose [3]")
    response = search_page(client, "quantique")
    notes = [
        e.text for e in elements(response, "p") if "page-header__note" in e.attrs.get("class", "")
    ]
    assert notes and notes[0].startswith("2 ")
    assert "quantique" in notes[0]


def test_pages_of_results_keep_the_query(client, make_article):
    size = settings.NEWSROOM["PAGE_SIZE"]
    for n in range(size + 1):
        make_article(title=f"Quantique [{n}]")
    first = search_page(client, "quantique")
    assert len(found(client, "quantique")) == size
    # Links relative to the search page, as on every listing.
    assert has_link(first, "?q=quantique&page=2")
    second = search_page(client, "quantique", page=2)
    assert len(found(client, "quantique", page=2)) == 1
    assert has_link(second, "?q=quantique")


@pytest.mark.parametrize("page", ["3", "0", "abc", "-1", "99999999999999999999"])
def test_a_page_of_results_that_does_not_exist_answers_404(client, make_article, page):
    make_article(title="Quantique [1]")
    response = client.get(SEARCH_URL, {"q": "quantique", "page": page})
    assert response.status_code == 404


def canonical_of(response) -> str:
    [canonical] = [e for e in elements(response, "link") if e.attrs.get("rel") == "canonical"]
    return canonical.attrs["href"]


def test_a_second_page_of_results_names_its_query_and_its_page(client, make_article):
    for number in range(settings.NEWSROOM["PAGE_SIZE"] + 1):
        make_article(title=f"Calcul quantique [{number}]")
    response = client.get(SEARCH_URL, {"q": "calcul quantique", "page": 2, "utm_source": "x"})
    assert canonical_of(response) == f"http://testserver{SEARCH_URL}?q=calcul+quantique&page=2"


def test_the_search_page_without_words_has_no_query_in_its_address(client, db):
    response = client.get(SEARCH_URL, {"q": "  ", "page": 1})
    assert canonical_of(response) == f"http://testserver{SEARCH_URL}"


def test_result_pages_are_not_indexed_and_name_their_query(client, make_article):
    make_article(title="Quantique [1]")
    response = search_page(client, "quantique")
    [robots] = [e for e in elements(response, "meta") if e.attrs.get("name") == "robots"]
    assert robots.attrs["content"] == "noindex, follow"
    [canonical] = [e for e in elements(response, "link") if e.attrs.get("rel") == "canonical"]
    assert canonical.attrs["href"] == f"http://testserver{SEARCH_URL}?q=quantique"
    assert "quantique" in [e.text for e in elements(response, "title")][0]


# --- The form and bad queries ------------------------------------------------------------


def test_every_page_offers_a_search_form(client, make_article):
    response = client.get(reverse("articles:article_list"))
    [form] = [e for e in elements(response, "form") if e.attrs.get("role") == "search"]
    assert form.attrs["action"] == SEARCH_URL
    assert form.attrs["method"] == "get"
    assert [e.attrs["type"] for e in elements(response, "input") if e.attrs.get("name") == "q"] == [
        "search"
    ]


def test_the_search_page_shows_its_query_in_its_form(client, make_article):
    response = search_page(client, '"quantique" <b>')
    [field] = [e for e in elements(response, "input") if e.attrs.get("name") == "q"]
    assert field.attrs["value"] == '"quantique" <b>'
    assert 'value="&#34;quantique&#34; &lt;b&gt;"' in response.text


def test_an_empty_search_invites_to_type_words(client, make_article):
    make_article(title="Quantique [1]")
    for query in ["", "   "]:
        response = search_page(client, query)
        assert found(client, query) == []
        assert message(response) == ""
        assert "robots" not in [e.attrs.get("name") for e in elements(response, "meta")]
    assert client.get(SEARCH_URL).status_code == 200


def test_a_very_long_search_is_refused_with_a_message(client, make_article):
    make_article(title="Quantique [1]")
    response = search_page(client, "quantique " * 30)
    assert found(client, "quantique " * 30) == []
    assert str(search.MAX_QUERY_LENGTH) in message(response)
    # Up to the limit, it is a search.
    assert found(client, "quantique " + "x" * (search.MAX_QUERY_LENGTH - 10)) == []
    assert found(client, "  quantique  ".ljust(search.MAX_QUERY_LENGTH + 20)) == ["Quantique [1]"]


def test_a_search_without_words_says_so(client, make_article):
    make_article(title="Quantique [1]")
    response = search_page(client, "🔥 *** -- ?!")
    assert found(client, "🔥 *** -- ?!") == []
    assert "🔥 *** -- ?!" in message(response)


def test_a_search_finding_nothing_says_so(client, make_article):
    make_article(title="Quantique [1]")
    response = search_page(client, "neuromorphique")
    assert "neuromorphique" in message(response)


NASTY = [
    '"',
    '""',
    "'",
    "*",
    "quantique*",
    "NEAR(quantique calcul)",
    "NEAR(",
    "quantique OR calcul",
    "quantique AND NOT calcul",
    "-quantique",
    "+quantique",
    "(quantique",
    "title:quantique",
    "^quantique",
    "{quantique}",
    "quantique & | ! <-> :*",
    "'; DROP TABLE articles_article; --",
    "1' OR '1'='1",
    "%",
    "_",
    "\\",
    "\x00",
    "quanti\x00que",
    "<script>alert(1)</script>",
    "🔥 quantique",
    "日本語のテキスト",
    "\u202equantique",
    "e\u0301le\u0301phant",
    "le la de du",
    "x" * 150,
]


@pytest.mark.parametrize("query", NASTY)
def test_no_query_breaks_the_search(client, make_article, query):
    make_article(title="Le calcul quantique [1]", body="<p>Un éléphant.</p>")
    response = search_page(client, query)
    assert '<html lang="fr"' in response.text
    assert "<script>alert" not in response.text
    assert "\x00" not in response.text


def test_malformed_query_strings_answer_a_page(client, make_article):
    make_article(title="Le calcul quantique [1]")
    for query_string in ["q=%ED%A0%80%FF", "q=%", "q=quantique&q=calcul", "q[]=quantique", "q"]:
        response = client.get(f"{SEARCH_URL}?{query_string}")
        assert response.status_code == 200, query_string


def test_words_are_found_whatever_punctuation_surrounds_them(client, make_article):
    make_article(title="Le calcul quantique [1]", body="<p>Un éléphant.</p>")
    assert found(client, '"quantique"') == ["Le calcul quantique [1]"]
    assert found(client, "(quantique*)") == ["Le calcul quantique [1]"]
    assert found(client, "🔥quantique🔥") == ["Le calcul quantique [1]"]
    assert found(client, "e\u0301le\u0301phant") == ["Le calcul quantique [1]"]


@postgresql_only
def test_a_search_of_common_words_only_finds_nothing(client, make_article):
    make_article(title="Le calcul de la semaine [1]")
    assert found(client, "de la du") == []


# --- Cost --------------------------------------------------------------------------------


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize("count", [1, 20])
def test_a_page_of_results_costs_a_fixed_number_of_queries(
    client, make_article, make_author, make_source, django_assert_max_num_queries, count
):
    for n in range(count):
        make_article(
            title=f"Quantique [{n}]",
            body="<p>Du calcul quantique, encore.</p>",
            authors=[make_author(), make_author()],
            tags=["Cloud", f"Sujet {n}"],
            sources=[make_source()],
        )
    # The ranked matches, which of them are public, the page, its bylines (2), excerpts.
    with django_assert_max_num_queries(6):
        response = client.get(SEARCH_URL, {"q": "quantique"})
    assert len(excerpts_of(response)) == count


def test_a_common_word_ranks_only_the_newest_matches(client, make_article, monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 3)
    for n in range(5):
        make_article(title=f"Quantique, épisode {n}", body="<p>Du calcul quantique.</p>")
    response = client.get(SEARCH_URL, {"q": "quantique"})
    titles = [article.title for article in response.context["articles"]]
    assert sorted(titles) == [f"Quantique, épisode {n}" for n in (2, 3, 4)]
