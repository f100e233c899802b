from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Tag
from articles.tagging import join_tags, parse_tags

pytestmark = pytest.mark.django_db


# --- Slugs ----------------------------------------------------------------


def test_article_slug_is_made_from_the_title_with_accents_folded(make_article):
    article = make_article(title="Sécurité : l’Élysée et Azure à l’œuvre")
    assert article.slug == "securite-lelysee-et-azure-a-loeuvre"


def test_two_articles_with_the_same_title_get_distinct_slugs(make_article):
    first = make_article(title="Été numérique")
    second = make_article(title="Ete numerique")
    third = make_article(title="ÉTÉ NUMÉRIQUE")
    assert [first.slug, second.slug, third.slug] == [
        "ete-numerique",
        "ete-numerique-2",
        "ete-numerique-3",
    ]


def test_an_article_keeps_its_slug_when_saved_again(make_article):
    article = make_article(title="Azure en France")
    article.title = "Azure ouvre une région en France"
    article.save()
    article.refresh_from_db()
    assert article.slug == "azure-en-france"


def test_author_and_source_slugs_fold_accents_and_stay_unique(make_author, make_source):
    first = make_author(name="Amélie Lefèvre")
    namesake = make_author(name="Amelie Lefevre")
    source = make_source(name="Les Échos")
    assert (first.slug, namesake.slug) == ("amelie-lefevre", "amelie-lefevre-2")
    assert source.slug == "les-echos"


# --- Tags -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("spellings", "slug"),
    [(["IA", "ia", "Ia"], "ia"), (["Sécurité", "securite", "SÉCURITÉ"], "securite")],
)
def test_spellings_of_one_tag_attach_a_single_tag(make_article, spellings, slug):
    article = make_article(tags=spellings)
    assert Tag.objects.count() == 1
    assert list(article.tags.values_list("slug", flat=True)) == [slug]
    # The first spelling typed becomes the tag's name.
    assert article.tags.get().name == spellings[0]


def test_spellings_typed_in_different_articles_share_the_tag(make_article):
    first = make_article(tags=["IA"])
    second = make_article(tags=["ia"])
    third = make_article(tags=["Ia"])
    assert Tag.objects.count() == 1
    tag = Tag.objects.get()
    assert set(tag.tagged_articles.values_list("content_object", flat=True)) == {
        first.pk,
        second.pk,
        third.pk,
    }


def test_tag_slugs_are_lowercase_ascii(make_article):
    make_article(tags=["IA", "Sécurité", "Cœur d’Azure"])
    assert set(Tag.objects.values_list("slug", flat=True)) == {"ia", "securite", "coeur-dazure"}


def test_a_tag_created_directly_gets_a_folded_slug():
    assert Tag.objects.create(name="Sécurité").slug == "securite"
    assert Tag.objects.create(name="IA").slug == "ia"


def test_commas_alone_separate_typed_tags():
    assert parse_tags("IA, intelligence artificielle") == ["IA", "intelligence artificielle"]
    assert parse_tags("intelligence artificielle") == ["intelligence artificielle"]
    assert parse_tags(" Azure ,, OpenAI,  intelligence   artificielle ,") == [
        "Azure",
        "OpenAI",
        "intelligence artificielle",
    ]
    assert parse_tags("") == []


def test_typed_tags_round_trip_through_the_tag_field(make_article):
    article = make_article(tags=parse_tags("IA, intelligence artificielle"))
    assert join_tags(article.tags.all()) == "IA, intelligence artificielle"


def test_setting_tags_twice_with_mixed_case_keeps_one_link_per_tag(make_article):
    article = make_article(tags=["IA", "Azure"])
    article.tags.set(["ia", "AZURE", "OpenAI"])
    article.tags.set(["Ia", "openai", "azure", "IA"])
    assert sorted(article.tags.values_list("slug", flat=True)) == ["azure", "ia", "openai"]
    assert Tag.objects.count() == 3


def test_adding_an_existing_tag_in_another_case_adds_nothing(make_article):
    article = make_article(tags=["Sécurité"])
    article.tags.add("securite", "SÉCURITÉ")
    assert article.tags.count() == 1


def test_a_tag_whose_slug_an_editor_changed_is_still_found_by_its_name(make_article):
    # An editor may rename a slug in the Tag admin; typing the tag's name again must
    # reuse it, not fail on the unique name.
    Tag.objects.create(name="Sécurité", slug="cybersecurite")
    article = make_article(tags=["Sécurité"])
    assert list(article.tags.values_list("slug", flat=True)) == ["cybersecurite"]


# --- Body -----------------------------------------------------------------


def test_body_is_sanitised_on_save(make_article):
    article = make_article(
        body=(
            "<p>Premier paragraphe.</p>"
            "<script>alert('piège')</script>"
            '<p onclick="voler()" style="color:red">Second <a href="javascript:voler()">lien</a>'
            ' et <a href="https://www.microsoft.com/fr-fr">Microsoft</a>.</p>'
            "<h2>Intertitre</h2><ul><li>un point</li></ul><blockquote>Une citation</blockquote>"
            "<iframe src='https://example.com'></iframe><img src=x onerror=voler()>"
        )
    )
    article.refresh_from_db()
    body = article.body
    assert "<script" not in body and "alert" not in body
    assert "onclick" not in body and "style=" not in body and "onerror" not in body
    assert "javascript:" not in body
    assert "<iframe" not in body and "<img" not in body
    assert "<p>Premier paragraphe.</p>" in body
    assert "<h2>Intertitre</h2>" in body
    assert "<ul><li>un point</li></ul>" in body
    assert "<blockquote>Une citation</blockquote>" in body
    assert 'href="https://www.microsoft.com/fr-fr"' in body
    assert 'rel="noopener noreferrer"' in body


# --- Publication ----------------------------------------------------------


def test_publishing_a_draft_sets_both_publication_dates(make_article):
    article = make_article(draft=True)
    assert article.published_at is None and article.first_published_at is None
    article.status = Article.Status.PUBLISHED
    article.save()
    article.refresh_from_db()
    assert article.published_at is not None
    assert abs(article.published_at - timezone.now()) < timedelta(minutes=1)
    assert article.first_published_at == article.published_at
    assert article.is_public


def test_a_chosen_publication_date_is_kept(make_article):
    when = datetime(2023, 1, 26, 11, 0, tzinfo=UTC)
    article = make_article(published_at=when)
    assert article.published_at == when
    assert article.first_published_at == when


def test_first_publication_date_survives_a_new_publication_date(make_article):
    article = make_article(published_at=datetime(2023, 1, 26, 11, 0, tzinfo=UTC))
    article.published_at = datetime(2023, 2, 1, 9, 0, tzinfo=UTC)
    article.save()
    article.refresh_from_db()
    assert article.first_published_at == datetime(2023, 1, 26, 11, 0, tzinfo=UTC)


def test_feed_id_stays_the_same_when_the_slug_changes(make_article):
    article = make_article(published_at=datetime(2023, 1, 26, 11, 0, tzinfo=UTC))
    before = article.feed_id
    article.slug = "un-tout-autre-titre"
    article.title = "Un tout autre titre"
    article.save()
    article.refresh_from_db()
    assert article.feed_id == before
    assert before == f"tag:newsroom.localhost,2023-01-26:article:{article.pk}"


def test_feed_id_is_stable_from_draft_to_publication(make_article):
    article = make_article(draft=True)
    article.status = Article.Status.PUBLISHED
    article.save()
    published_id = article.feed_id
    article.title = "Titre corrigé"
    article.save()
    assert article.feed_id == published_id


# --- "mis à jour le" --------------------------------------------------------


def test_an_article_saved_at_publication_was_not_updated(make_article, time_machine):
    when = datetime(2023, 1, 26, 11, 0, tzinfo=UTC)
    time_machine.move_to(when, tick=False)
    article = make_article(published_at=when)
    assert not article.was_updated


def test_a_quick_fix_just_after_publication_is_not_an_update(make_article, time_machine):
    when = datetime(2023, 1, 26, 11, 0, tzinfo=UTC)
    time_machine.move_to(when, tick=False)
    article = make_article(published_at=when)
    time_machine.move_to(when + timedelta(minutes=5), tick=False)
    article.save()
    assert not article.was_updated


def test_an_edit_long_after_publication_is_an_update(make_article, time_machine):
    when = datetime(2023, 1, 26, 11, 0, tzinfo=UTC)
    time_machine.move_to(when, tick=False)
    article = make_article(published_at=when)
    time_machine.move_to(when + timedelta(hours=3), tick=False)
    article.save()
    assert article.was_updated


def test_editing_a_scheduled_article_before_it_appears_is_not_an_update(make_article):
    article = make_article(scheduled=True)
    article.standfirst = "Un chapô retouché avant la mise en ligne."
    article.save()
    assert not article.was_updated


def test_an_article_entered_with_a_past_date_was_not_updated(make_article):
    # An archive article typed in today with its real 2023 date has had no edit since.
    article = make_article(published_at=datetime(2023, 1, 26, 11, 0, tzinfo=UTC))
    assert not article.was_updated


def test_a_draft_was_never_updated(make_article):
    assert not make_article(draft=True).was_updated


def test_models_read_well_in_the_admin(make_article, make_citation, tag, source, author):
    article = make_article(title="Azure à Paris", authors=[author], tags=[tag])
    citation = make_citation(article=article, source=source)
    assert str(article) == "Azure à Paris"
    assert str(author) == "Claire Lefèvre"
    assert str(source) == "La Tribune"
    assert str(tag) == "Intelligence artificielle"
    assert str(citation) == "Azure à Paris — La Tribune"


def test_a_citation_links_to_its_page_or_else_to_the_source(make_citation, source):
    assert make_citation(source=source, url="").link == "https://www.latribune.fr/"
    exact = make_citation(source=source, url="https://www.latribune.fr/azure-paris")
    assert exact.link == "https://www.latribune.fr/azure-paris"
