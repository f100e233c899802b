"""`manage.py load_demo`: the demo newsroom a laptop starts with."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command

from articles.models import Article, Citation, Note, Tag, TagAlias

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def printed_password(output: str, username: str = "editeur") -> str:
    return output.split(f"identifiant : {username}  mot de passe : ")[1].split()[0]


def test_the_demo_newsroom_loads_twice_into_one_newsroom_with_a_new_login(client, settings):
    # Drawing the hero images takes seconds: one test loads the demo, and checks it all.
    settings.DEBUG = True
    first = load_demo()
    heroes = sorted(a.hero_image.name for a in Article.objects.all() if a.hero_image)
    counts = (Article.objects.count(), Tag.objects.count(), Citation.objects.count())
    assert all(article.hero_renditions for article in Article.objects.exclude(hero_image=""))
    # As if the first load had been made before renditions existed.
    Article.objects.update(hero_renditions=[])
    second = load_demo()

    assert (Article.objects.count(), Tag.objects.count(), Citation.objects.count()) == counts
    assert sorted(a.hero_image.name for a in Article.objects.all() if a.hero_image) == heroes
    assert all(article.hero_renditions for article in Article.objects.exclude(hero_image=""))

    published = Article.objects.published()
    assert published.count() >= 12
    assert Article.objects.filter(status=Article.Status.DRAFT).count() == 1
    scheduled = Article.objects.filter(status=Article.Status.PUBLISHED).exclude(pk__in=published)
    assert scheduled.count() == 1
    assert {"ia", "microsoft", "openai", "azure"} <= set(Tag.objects.values_list("slug", flat=True))
    sources = set(published.values_list("citations__source__name", flat=True))
    assert {"Microsoft", "OpenAI", "La Tribune"} <= sources
    assert published.values("authors").distinct().count() >= 2
    illustrated = published.exclude(hero_image="").first()
    assert illustrated.hero_type == "image/jpeg" and illustrated.hero_alt

    assert client.get(illustrated.get_absolute_url()).status_code == 200
    assert client.get(scheduled.get().get_absolute_url()).status_code == 404

    # Every published demo article meets the pre-publication checklist.
    assert {a.slug: a.publication_problems() for a in published if a.publication_problems()} == {}
    assert Note.objects.filter(article__in=published).exists()
    assert TagAlias.objects.filter(name="Open AI", tag__name="OpenAI").exists()

    assert printed_password(first) != printed_password(second)
    editor = authenticate(username="editeur", password=printed_password(second))
    assert editor is not None and editor.is_staff and not editor.is_superuser
    assert editor.has_perm("articles.publish_article")
    assert authenticate(username="editeur", password=printed_password(first)) is None
    contributor = authenticate(username="khaddad", password=printed_password(second, "khaddad"))
    assert contributor is not None and not contributor.has_perm("articles.publish_article")
    assert contributor.author.name == "Karim Haddad"


def test_the_demo_refuses_to_run_outside_debug_mode(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG=1"):
        load_demo()
    assert not get_user_model().objects.filter(username="editeur").exists()
    assert not Article.objects.exists()
