"""Nothing unpublished or scheduled is ever visible to the public, on any surface."""

from dataclasses import dataclass
from datetime import timedelta

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author, Source, Tag

from .helpers import elements, page_text

pytestmark = pytest.mark.django_db

PUBLISHED = Article.Status.PUBLISHED
REVIEW = Article.Status.REVIEW
DRAFT = Article.Status.DRAFT


# --- The one definition of "public" ------------------------------------------


@pytest.mark.parametrize(
    ("status", "offset", "visible"),
    [
        (PUBLISHED, -timedelta(days=400), True),
        (PUBLISHED, -timedelta(seconds=1), True),
        (PUBLISHED, timedelta(minutes=1), False),
        (PUBLISHED, timedelta(days=30), False),
        (REVIEW, -timedelta(days=1), False),
        (REVIEW, timedelta(days=1), False),
        (REVIEW, None, False),
        (DRAFT, -timedelta(days=1), False),
        (DRAFT, timedelta(days=1), False),
        (DRAFT, None, False),
    ],
)
def test_published_shows_only_published_articles_whose_time_has_come(
    make_article, status, offset, visible
):
    published_at = None if offset is None else timezone.now() + offset
    article = make_article(status=status, published_at=published_at)
    assert (article in Article.objects.published()) is visible
    assert article.is_public is visible


# --- Every public surface -------------------------------------------------------


@dataclass
class Newsroom:
    """One public article and one hidden article of each kind, sharing tag, source, author.

    Each hidden article also carries a tag, a source and an author that no public
    article uses.
    """

    visible: Article
    hidden: dict[str, Article]
    tag: Tag
    source: Source
    author: Author
    secret_tag: Tag
    secret_source: Source
    secret_author: Author


def hidden_traits():
    """How to make each kind of article the public must not see, as of now."""
    yesterday = timezone.now() - timedelta(days=1)
    return {
        "draft": {"draft": True},
        "review": {"review": True},
        "scheduled": {"scheduled": True},
        "draft with a past date": {"status": DRAFT, "published_at": yesterday},
        "review with a past date": {"status": REVIEW, "published_at": yesterday},
    }


HIDDEN_KINDS = list(hidden_traits())


@pytest.fixture
def newsroom(make_article, make_tag, make_source, make_author):
    tag = make_tag(name="Cloud souverain")
    source = make_source(name="Le Journal du Cloud")
    author = make_author(name="Inès Moreau")
    secret_tag = make_tag(name="Fusion confidentielle")
    secret_source = make_source(name="Gorge Profonde")
    secret_author = make_author(name="Rédactrice Invisible")
    visible = make_article(
        title="Azure ouvre une région à Marseille",
        tags=[tag],
        sources=[source],
        authors=[author],
    )
    hidden = {
        kind: make_article(
            title=f"Article caché ({kind})",
            standfirst=f"Chapô caché ({kind}).",
            tags=[tag, secret_tag],
            sources=[source, secret_source],
            authors=[author, secret_author],
            **traits,
        )
        for kind, traits in hidden_traits().items()
    }
    return Newsroom(visible, hidden, tag, source, author, secret_tag, secret_source, secret_author)


def _slug(obj):
    return {"slug": obj.slug}


LISTINGS = {
    "home": lambda n: reverse("articles:article_list"),
    "article page": lambda n: reverse("articles:article_detail", kwargs=_slug(n.visible)),
    "tag index": lambda n: reverse("articles:tag_list"),
    "tag page": lambda n: reverse("articles:tag_detail", kwargs=_slug(n.tag)),
    "source page": lambda n: reverse("articles:source_detail", kwargs=_slug(n.source)),
    "author page": lambda n: reverse("articles:author_detail", kwargs=_slug(n.author)),
    "site RSS": lambda n: reverse("articles:feed_rss"),
    "site Atom": lambda n: reverse("articles:feed_atom"),
    "tag RSS": lambda n: reverse("articles:tag_feed_rss", kwargs=_slug(n.tag)),
    "tag Atom": lambda n: reverse("articles:tag_feed_atom", kwargs=_slug(n.tag)),
}
FEEDS = {"site RSS", "site Atom", "tag RSS", "tag Atom"}


def _readable(response, surface):
    """Text of a page as read, or the raw XML of a feed (titles are not escaped in it)."""
    return response.content.decode() if surface in FEEDS else page_text(response)


@pytest.mark.parametrize("surface", LISTINGS)
def test_hidden_articles_appear_on_no_public_surface(client, newsroom, surface):
    response = client.get(LISTINGS[surface](newsroom))
    assert response.status_code == 200
    text = _readable(response, surface)
    for kind, article in newsroom.hidden.items():
        assert article.title not in text, kind
        assert article.standfirst not in text, kind
        assert article.slug not in response.content.decode(), kind
    if surface != "tag index":
        assert newsroom.visible.title in text


@pytest.mark.parametrize("surface", sorted(FEEDS))
def test_feeds_hold_only_the_public_article(client, newsroom, surface):
    parsed = feedparser.parse(client.get(LISTINGS[surface](newsroom)).content)
    assert [entry.title for entry in parsed.entries] == [newsroom.visible.title]


@pytest.mark.parametrize("kind", HIDDEN_KINDS)
def test_hidden_article_pages_answer_404(client, newsroom, kind):
    article = newsroom.hidden[kind]
    response = client.get(reverse("articles:article_detail", kwargs=_slug(article)))
    assert response.status_code == 404
    assert article.title not in page_text(response)


@pytest.mark.parametrize("kind", HIDDEN_KINDS)
def test_hidden_article_pages_answer_404_to_editors_too(editor_client, newsroom, kind):
    # The public site has no preview: staff read drafts in the admin.
    article = newsroom.hidden[kind]
    response = editor_client.get(reverse("articles:article_detail", kwargs=_slug(article)))
    assert response.status_code == 404


def test_tag_index_counts_only_public_articles(client, newsroom):
    response = client.get(reverse("articles:tag_list"))
    counts = {tag.name: tag.article_count for tag in response.context["tags"]}
    assert counts == {"Cloud souverain": 1}
    entries = [li.text for li in elements(response, "li") if "Cloud souverain" in li.text]
    assert entries == ["Cloud souverain 1 article"]
    assert "Fusion confidentielle" not in page_text(response)


@pytest.mark.parametrize("view", ["articles:tag_detail", "articles:author_detail"])
def test_tag_and_author_pages_count_only_public_articles(client, newsroom, view):
    owner = newsroom.tag if view == "articles:tag_detail" else newsroom.author
    text = page_text(client.get(reverse(view, kwargs=_slug(owner))))
    assert "1 article" in text
    assert "6 articles" not in text


@pytest.mark.parametrize(
    "view", ["articles:tag_detail", "articles:tag_feed_rss", "articles:tag_feed_atom"]
)
def test_a_tag_used_only_by_hidden_articles_answers_404(client, newsroom, view):
    response = client.get(reverse(view, kwargs=_slug(newsroom.secret_tag)))
    assert response.status_code == 404
    assert newsroom.secret_tag.name not in response.content.decode()


@pytest.mark.parametrize("view", ["articles:source_detail", "articles:author_detail"])
def test_source_and_author_of_hidden_articles_only_answer_404(client, newsroom, view):
    owner = newsroom.secret_source if view == "articles:source_detail" else newsroom.secret_author
    response = client.get(reverse(view, kwargs=_slug(owner)))
    assert response.status_code == 404
    assert owner.name not in response.content.decode()


# --- Scheduling ---------------------------------------------------------------


def test_a_scheduled_article_appears_by_itself_when_its_time_comes(
    client, make_article, tag, time_machine
):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    article = make_article(
        title="Annonce de demain", tags=[tag], published_at=now + timedelta(hours=2)
    )
    home = reverse("articles:article_list")
    page = article.get_absolute_url()
    tag_feed = reverse("articles:tag_feed_rss", kwargs=_slug(tag))

    assert "Annonce de demain" not in page_text(client.get(home))
    assert client.get(page).status_code == 404
    assert "Annonce de demain" not in client.get(tag_feed).content.decode()

    time_machine.move_to(now + timedelta(hours=2, seconds=1), tick=False)

    assert "Annonce de demain" in page_text(client.get(home))
    assert client.get(page).status_code == 200
    assert "Annonce de demain" in client.get(tag_feed).content.decode()
    counts = {
        t.name: t.article_count for t in client.get(reverse("articles:tag_list")).context["tags"]
    }
    assert counts == {tag.name: 1}


def test_an_unpublished_article_disappears_at_once(client, make_article):
    article = make_article(title="Article retiré")
    assert client.get(article.get_absolute_url()).status_code == 200
    article.status = Article.Status.DRAFT
    article.save()
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Article retiré" not in page_text(client.get(reverse("articles:article_list")))
    assert "Article retiré" not in client.get(reverse("articles:feed_atom")).content.decode()
