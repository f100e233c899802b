"""Readers get pages and feeds from the cache, and never a stale one."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import pagecache
from articles.models import Article, Note

from .conftest import EDITOR_PASSWORD
from .helpers import page_text

pytestmark = pytest.mark.django_db


def urls_showing(article) -> dict[str, str]:
    """Every public page and feed that lists or shows this article."""
    tag, source, author = article.tags.get(), article.sources.get(), article.authors.get()
    return {
        "home": reverse("articles:article_list"),
        "article": article.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "tag RSS": reverse("articles:tag_feed_rss", kwargs={"slug": tag.slug}),
        "tag Atom": reverse("articles:tag_feed_atom", kwargs={"slug": tag.slug}),
        "source": source.get_absolute_url(),
        "author": author.get_absolute_url(),
        "site RSS": reverse("articles:feed_rss"),
    }


def shows(client, url, text) -> bool:
    response = client.get(url)
    if response.status_code == 404:
        return False
    assert response.status_code == 200, url
    return text in response.content.decode()


@pytest.fixture
def story(make_article, tag, source, author):
    return make_article(
        title="Azure ouvre une région à Marseille", tags=[tag], sources=[source], authors=[author]
    )


@pytest.fixture
def cached(client, story):
    """Every page showing the story, in the cache."""
    urls = urls_showing(story)
    for url in urls.values():
        assert shows(client, url, "Azure ouvre une région à Marseille")
    return urls


# --- Served from the cache ----------------------------------------------------------


def test_a_reader_gets_a_cached_page_without_a_query(client, cached):
    for name, url in cached.items():
        first = client.get(url)
        with CaptureQueriesContext(connection) as queries:
            again = client.get(url)
        assert len(queries) == 0, name
        assert again.content == first.content, name
        assert again["Content-Type"] == first["Content-Type"], name
        assert again["ETag"] == first["ETag"], name


def test_an_app_server_serves_its_own_copy_while_the_generation_holds(client, cached, story):
    first = client.get(cached["home"])
    cache.delete(pagecache._page_key(first.wsgi_request))  # evicted from the shared cache
    with CaptureQueriesContext(connection) as queries:
        again = client.get(cached["home"])
    assert len(queries) == 0
    assert again.content == first.content


def test_a_change_seen_by_another_app_server_retires_this_ones_copies(client, cached, story):
    # Another server saw the change: it wrote the row and ended the shared generation,
    # as any server does, which never touches another process's memory.
    Article.objects.filter(pk=story.pk).update(title="Vu par un autre serveur")
    pagecache.changed()
    for url in cached.values():
        assert shows(client, url, "Vu par un autre serveur"), url


@pytest.mark.skipif(
    not hasattr(caches["default"], "subscribe"), reason="generations are watched on Redis only"
)
def test_a_change_missed_while_redis_was_away_still_retires_the_copies(client, cached, story):
    client.get(cached["home"])
    client_of_redis = caches["default"]._cache.get_client(write=True)
    client_of_redis.client_kill_filter(_type="pubsub")  # the subscription is cut...
    Article.objects.filter(pk=story.pk).update(title="Publié pendant la coupure")
    pagecache.changed()  # ...so this message reaches no one
    for url in cached.values():
        assert shows(client, url, "Publié pendant la coupure"), url
    assert pagecache._cache_available()  # subscribed again, not given up
    with CaptureQueriesContext(connection) as queries:
        client.get(cached["home"])
    assert len(queries) == 0


def test_an_app_server_keeps_the_most_recently_served_pages_up_to_its_limit():
    def page(size: int) -> pagecache.Entry:
        return pagecache.Entry("g1", 200, [], b"x" * size)

    copies = pagecache.LocalCopies(max_bytes=1000)
    copies.keep("home", page(400))
    copies.keep("tag", page(400))
    assert copies.get("home", "g1")  # now the most recently served
    copies.keep("feed", page(400))
    assert copies.get("tag", "g1") is None
    assert copies.get("home", "g1") and copies.get("feed", "g1")
    assert copies.size == 800
    copies.keep("huge", page(5000))
    assert copies.get("huge", "g1") is None
    assert copies.get("home", "g2") is None  # another generation


def test_a_cached_page_answers_a_conditional_request_with_304(client, cached):
    for url in cached.values():
        etag = client.get(url)["ETag"]
        response = client.get(url, headers={"If-None-Match": etag})
        assert response.status_code == 304
        assert response.content == b""


def test_a_page_made_again_costs_one_query_more_than_without_cache(client, story, settings):
    url = reverse("articles:article_list")
    with CaptureQueriesContext(connection) as cached:
        client.get(url)
    settings.NEWSROOM = {**settings.NEWSROOM, "PAGE_CACHE_SECONDS": 0}
    with CaptureQueriesContext(connection) as uncached:
        client.get(url)
    # The one more: when the next scheduled article is due, once per generation.
    assert len(cached) == len(uncached) + 1


def test_public_pages_tell_browsers_to_check_and_cdns_to_keep_them_a_minute(client, cached):
    for url in cached.values():
        for response in (client.get(url), client.get(url)):  # made, then from the cache
            assert response["Cache-Control"] == "public, max-age=0, must-revalidate, s-maxage=60"


def test_no_cdn_keeps_a_page_past_the_next_scheduled_publication(client, make_article, cached):
    make_article(title="Dans trente secondes", published_at=timezone.now() + timedelta(seconds=30))
    control = client.get(cached["home"])["Cache-Control"]
    shared = int(control.rsplit("s-maxage=", 1)[1])
    assert 0 < shared <= 30


def test_without_the_page_cache_no_cdn_keeps_a_page(client, story, settings):
    settings.NEWSROOM = {**settings.NEWSROOM, "PAGE_CACHE_SECONDS": 0}
    response = client.get(reverse("articles:article_list"))
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"


def test_a_share_link_preview_is_never_cached(client, make_article, editor):
    draft = make_article(title="Brouillon partagé", draft=True)
    link = draft.preview_links.create(created_by=editor)
    assert "Brouillon partagé" in page_text(client.get(link.get_absolute_url()))
    link.delete()
    assert client.get(link.get_absolute_url()).status_code == 404


# --- Editors ----------------------------------------------------------------------


def test_an_editor_never_sees_the_public_cache(client, editor_client, cached, story):
    # Behind the signals' back, as a database console would: the cache cannot know.
    Article.objects.filter(pk=story.pk).update(title="Titre corrigé en base")
    for url in cached.values():
        assert shows(client, url, "Azure ouvre une région à Marseille"), url
        assert shows(editor_client, url, "Titre corrigé en base"), url
        response = editor_client.get(url)
        assert response["Cache-Control"] == "private, no-cache"


def test_an_editor_never_fills_the_public_cache(client, editor_client, story):
    urls = urls_showing(story)
    for url in urls.values():
        assert shows(editor_client, url, "Azure ouvre une région à Marseille")
    Article.objects.filter(pk=story.pk).update(title="Titre corrigé en base")
    for url in urls.values():
        assert shows(client, url, "Titre corrigé en base"), url


# --- Never stale ------------------------------------------------------------------


def test_an_edit_shows_on_every_page_at_the_next_request(client, cached, story):
    story.title = "Azure ouvre deux régions à Marseille"
    story.save()
    for url in cached.values():
        assert shows(client, url, "Azure ouvre deux régions à Marseille"), url


def test_an_unpublished_article_leaves_every_page_at_the_next_request(
    client, cached, story, make_article, tag, source, author
):
    # Another article keeps the tag, source and author pages public.
    make_article(title="Un autre article", tags=[tag], sources=[source], authors=[author])
    story.status = Article.Status.DRAFT
    story.save()
    for url in cached.values():
        assert not shows(client, url, "Azure ouvre une région à Marseille"), url


def test_a_deleted_article_leaves_every_page_at_the_next_request(
    client, cached, story, make_article, tag, source, author
):
    make_article(title="Un autre article", tags=[tag], sources=[source], authors=[author])
    story.delete()
    for url in cached.values():
        assert not shows(client, url, "Azure ouvre une région à Marseille"), url


def test_a_published_article_shows_on_every_page_at_the_next_request(
    client, cached, story, make_article, tag, source, author
):
    draft = make_article(title="Le nouvel article", draft=True, tags=[tag], sources=[source])
    draft.authors.set([author])
    draft.status = Article.Status.PUBLISHED
    draft.save()
    for name in ("home", "tag", "tag RSS", "tag Atom", "source", "author", "site RSS"):
        assert shows(client, cached[name], "Le nouvel article"), name


def test_a_note_shows_at_the_next_request(client, cached, story):
    Note.objects.create(article=story, kind=Note.Kind.CORRECTION, text="Une date corrigée.")
    for name in ("article", "tag RSS", "tag Atom", "site RSS"):
        assert shows(client, cached[name], "Une date corrigée."), name


@pytest.mark.parametrize(
    "kind, pages",
    [
        ("tag", ["home", "article", "tag", "tag RSS", "site RSS"]),
        ("source", ["article", "source"]),
        ("author", ["home", "article", "author", "tag RSS", "site RSS"]),
    ],
)
def test_a_renamed_tag_source_or_author_shows_at_the_next_request(
    client, cached, story, kind, pages
):
    renamed = {"tag": story.tags, "source": story.sources, "author": story.authors}[kind].get()
    renamed.name = "Nom tout neuf"
    renamed.save()
    for name in pages:
        assert shows(client, cached[name], "Nom tout neuf"), name


def test_a_tag_removed_from_an_article_leaves_its_pages(client, cached, story, make_tag):
    other = make_tag(name="Cloud souverain")
    story.tags.set([other])
    assert not shows(client, cached["home"], cached["tag"])
    assert shows(client, cached["home"], "Cloud souverain")
    assert client.get(cached["tag"]).status_code == 404


def test_a_scheduled_article_appears_at_its_time_though_pages_are_cached(
    client, make_article, story, time_machine
):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    make_article(title="Annonce programmée", published_at=now + timedelta(minutes=10))
    urls = urls_showing(story)
    for url in urls.values():
        client.get(url)
    assert not shows(client, urls["home"], "Annonce programmée")

    time_machine.move_to(now + timedelta(minutes=9, seconds=59), tick=False)
    assert not shows(client, urls["home"], "Annonce programmée")
    time_machine.move_to(now + timedelta(minutes=10, seconds=1), tick=False)
    assert shows(client, urls["home"], "Annonce programmée")
    assert shows(client, urls["site RSS"], "Annonce programmée")


@pytest.mark.django_db(transaction=True)
def test_an_article_published_in_the_admin_shows_at_the_next_request(
    client, make_article, tag, source, author, editor
):
    """Through the real transaction: the generation ends again when the save commits."""
    ContentType.objects.clear_cache()  # an earlier test's flush gave them new ids
    make_article(title="Déjà en ligne", tags=[tag], sources=[source], authors=[author])
    draft = make_article(
        title="Publié depuis l’admin", review=True, tags=[tag], sources=[source], authors=[author]
    )
    home, feed = reverse("articles:article_list"), reverse("articles:feed_rss")
    assert not shows(client, home, "Publié depuis l’admin")
    assert not shows(client, feed, "Publié depuis l’admin")

    desk = Client()
    assert desk.login(username=editor.username, password=EDITOR_PASSWORD)
    changelist = reverse("admin:articles_article_changelist")
    desk.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})

    assert shows(client, home, "Publié depuis l’admin")
    assert shows(client, feed, "Publié depuis l’admin")


# --- When the cache fails ---------------------------------------------------------


@pytest.fixture
def redis_away(settings, monkeypatch):
    """A Redis nobody answers at: the port is closed."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    monkeypatch.setattr(pagecache, "_failed_at", None)


def test_without_redis_pages_are_served_from_the_database(client, story, redis_away, caplog):
    urls = urls_showing(story)
    for url in urls.values():
        assert shows(client, url, "Azure ouvre une région à Marseille"), url
    story.title = "Modifié pendant la panne"
    story.save()
    for url in urls.values():
        assert shows(client, url, "Modifié pendant la panne"), url
    assert "Page cache unavailable" in caplog.text
    control = client.get(urls["home"])["Cache-Control"]
    assert control == "public, max-age=0, must-revalidate"
