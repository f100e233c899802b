"""Stable addresses: an article renamed after publication still answers at its old URL."""

from datetime import timedelta

import pytest
import reversion
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, ArticleRedirect

from .helpers import assert_project_404, form_data, page_text

pytestmark = pytest.mark.django_db


def article_url(slug: str) -> str:
    return reverse("articles:article_detail", kwargs={"slug": slug})


def rename(article: Article, slug: str) -> Article:
    """Change the slug the way any save does: read from the database, edit, save."""
    article = Article.objects.get(pk=article.pk)
    article.slug = slug
    article.save()
    return article


def assert_redirects_once(client, old_url: str, new_url: str):
    """A permanent redirect straight to the page, which answers: no chain, no loop."""
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == new_url
    followed = client.get(old_url, follow=True)
    assert followed.redirect_chain == [(new_url, 301)]
    assert followed.status_code == 200


# --- Renaming a published article ------------------------------------------------


def test_old_address_of_a_renamed_article_redirects_permanently(client, make_article):
    article = make_article(title="Azure ouvre une région à Marseille", slug="azure-marseille")
    rename(article, "azure-ouvre-une-region-a-marseille")

    assert_redirects_once(
        client, article_url("azure-marseille"), article_url("azure-ouvre-une-region-a-marseille")
    )
    followed = client.get(article_url("azure-marseille"), follow=True)
    assert "Azure ouvre une région à Marseille" in page_text(followed)


def test_the_redirect_keeps_the_query_string(client, make_article):
    article = make_article(slug="ancien-titre")
    rename(article, "nouveau-titre")

    response = client.get(article_url("ancien-titre"), {"utm_source": "lettre", "page": "2"})
    assert response.status_code == 301
    assert response["Location"] == article_url("nouveau-titre") + "?utm_source=lettre&page=2"


def test_the_new_address_answers_directly(client, make_article):
    article = make_article(slug="ancien-titre")
    rename(article, "nouveau-titre")
    assert client.get(article_url("nouveau-titre")).status_code == 200


def test_an_article_renamed_twice_answers_at_both_old_addresses_in_one_hop(client, make_article):
    article = make_article(slug="premier-titre")
    rename(article, "deuxieme-titre")
    rename(article, "troisieme-titre")

    for old in ["premier-titre", "deuxieme-titre"]:
        assert_redirects_once(client, article_url(old), article_url("troisieme-titre"))


def test_renaming_back_to_an_old_slug_serves_the_article_there_without_a_loop(client, make_article):
    article = make_article(title="Retour au premier titre", slug="premier-titre")
    rename(article, "deuxieme-titre")
    rename(article, "premier-titre")

    response = client.get(article_url("premier-titre"))
    assert response.status_code == 200
    assert "Retour au premier titre" in page_text(response)
    assert_redirects_once(client, article_url("deuxieme-titre"), article_url("premier-titre"))
    assert set(ArticleRedirect.objects.values_list("slug", flat=True)) == {"deuxieme-titre"}


def test_renaming_back_and_forth_keeps_one_redirect_per_old_slug(client, make_article):
    article = make_article(slug="a")
    for slug in ["b", "a", "b", "c", "a"]:
        rename(article, slug)

    assert sorted(ArticleRedirect.objects.values_list("slug", flat=True)) == ["b", "c"]
    assert client.get(article_url("a")).status_code == 200
    for old in ["b", "c"]:
        assert_redirects_once(client, article_url(old), article_url("a"))


def test_saving_without_changing_the_slug_adds_no_redirect(make_article):
    article = make_article(slug="meme-adresse")
    article = Article.objects.get(pk=article.pk)
    article.title = "Un autre titre, la même adresse"
    article.save()
    assert not ArticleRedirect.objects.exists()


@pytest.mark.usefixtures("no_page_cache")
def test_the_redirect_costs_few_queries(client, make_article, django_assert_max_num_queries):
    article = make_article(slug="ancien-titre")
    rename(article, "nouveau-titre")
    # The failed lookup of the article, then one query for the old address.
    with django_assert_max_num_queries(2):
        assert client.get(article_url("ancien-titre")).status_code == 301


# --- What readers must not reach --------------------------------------------------


def test_renaming_a_draft_never_published_leaves_no_redirect(client, make_article):
    draft = make_article(draft=True, slug="brouillon")
    rename(draft, "brouillon-renomme")

    assert not ArticleRedirect.objects.exists()
    assert_project_404(client.get(article_url("brouillon")))


def test_renaming_an_article_in_review_leaves_no_redirect(client, make_article):
    article = make_article(review=True, slug="en-relecture")
    rename(article, "en-relecture-renomme")
    assert not ArticleRedirect.objects.exists()
    assert_project_404(client.get(article_url("en-relecture")))


def test_old_address_of_an_unpublished_article_answers_404(client, make_article):
    article = make_article(title="Article retiré du site", slug="retire")
    article = rename(article, "retire-renomme")
    article.status = Article.Status.DRAFT
    article.save()

    response = client.get(article_url("retire"))
    assert_project_404(response)
    assert "retire-renomme" not in response.text
    assert "Article retiré du site" not in response.text


def test_old_address_of_an_article_moved_back_to_the_future_answers_404(client, make_article):
    article = make_article(slug="reprogramme")
    article = rename(article, "reprogramme-renomme")
    article.published_at = timezone.now() + timedelta(days=1)
    article.save()

    response = client.get(article_url("reprogramme"))
    assert_project_404(response)
    assert "reprogramme-renomme" not in response.text


def test_old_address_answers_again_once_the_article_is_published_again(client, make_article):
    article = make_article(slug="retour")
    article = rename(article, "retour-renomme")
    article.status = Article.Status.DRAFT
    article.save()
    assert_project_404(client.get(article_url("retour")))

    article.status = Article.Status.PUBLISHED
    article.save()
    assert_redirects_once(client, article_url("retour"), article_url("retour-renomme"))


def test_old_address_of_a_deleted_article_answers_404(client, make_article):
    article = make_article(slug="supprime")
    rename(article, "supprime-renomme").delete()
    assert_project_404(client.get(article_url("supprime")))


def test_an_unknown_slug_stays_the_project_404(client, make_article):
    make_article(slug="existe")
    assert_project_404(client.get(article_url("nexiste-pas")))


def test_an_article_now_using_an_old_slug_is_served_there(client, make_article):
    first = make_article(title="Le premier à porter ce titre", slug="titre-commun")
    rename(first, "titre-commun-2023")
    make_article(title="Le nouvel article au même titre", slug="titre-commun")

    response = client.get(article_url("titre-commun"))
    assert response.status_code == 200
    assert "Le nouvel article au même titre" in page_text(response)
    assert client.get(article_url("titre-commun-2023")).status_code == 200


# --- Through the admin ---------------------------------------------------------------


def post_change_form(editor_client, article: Article, **changes):
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = editor_client.post(url, form_data(editor_client.get(url), "article_form", **changes))
    errors = response.context["adminform"].form.errors if response.context else None
    assert response.status_code == 302, errors
    return response


def test_an_editor_renaming_a_published_article_in_the_admin_keeps_the_old_address(
    client, editor_client, make_article, make_source
):
    article = make_article(
        title="OpenAI ouvre un bureau à Paris",
        slug="openai-paris",
        tags=["OpenAI"],
        sources=[make_source()],
    )
    post_change_form(editor_client, article, slug="openai-ouvre-un-bureau-a-paris")

    assert Article.objects.get(pk=article.pk).slug == "openai-ouvre-un-bureau-a-paris"
    assert_redirects_once(
        client, article_url("openai-paris"), article_url("openai-ouvre-un-bureau-a-paris")
    )


def test_an_editor_renaming_twice_in_the_admin_leaves_no_chain(
    client, editor_client, make_article, make_source
):
    article = make_article(slug="v1", tags=["Azure"], sources=[make_source()])
    post_change_form(editor_client, article, slug="v2")
    post_change_form(editor_client, article, slug="v3")

    for old in ["v1", "v2"]:
        assert_redirects_once(client, article_url(old), article_url("v3"))


def test_an_editor_renaming_a_draft_in_the_admin_leaves_no_redirect(
    client, editor_client, make_article
):
    draft = make_article(draft=True, slug="projet-de-papier", tags=["Azure"])
    post_change_form(editor_client, draft, slug="papier-renomme")

    assert Article.objects.get(pk=draft.pk).slug == "papier-renomme"
    assert not ArticleRedirect.objects.exists()
    assert_project_404(client.get(article_url("projet-de-papier")))


def test_restoring_a_version_with_an_older_slug_keeps_the_newer_address(client, make_article):
    article = make_article(slug="premier-titre")
    with reversion.create_revision():
        article.save()
    with reversion.create_revision():
        rename(article, "second-titre")
    Version.objects.get_for_object(article).last().revert()  # the first version
    assert_redirects_once(client, article_url("second-titre"), article_url("premier-titre"))
    assert client.get(article_url("premier-titre")).status_code == 200


def test_renaming_a_scheduled_article_leaves_no_redirect(make_article):
    article = make_article(scheduled=True, slug="annonce-de-jeudi")
    rename(article, "annonce-de-vendredi")
    assert not ArticleRedirect.objects.exists()
