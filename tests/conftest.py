"""Factories and fixtures shared by the whole suite.

The data looks like the site's: French titles, bylines and sources, without Faker, so
every value is predictable and no title is a substring of another (each ends with a
number in brackets).
"""

import io
from datetime import timedelta

import factory
import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.backends.jinja2 import Template as Jinja2Template
from django.test import Client
from django.test.signals import template_rendered
from django.utils import timezone
from PIL import Image

from articles import pagecache
from articles.models import Article, Author, Citation, Source, Tag

EDITOR_PASSWORD = "mot-de-passe-de-test-2023"

FIRST_NAMES = ["Claire", "Julien", "Amélie", "Mathieu", "Inès", "Théo", "Léa", "Hugo"]
LAST_NAMES = ["Martin", "Lefèvre", "Dubois", "Moreau", "Girard", "Rousseau", "Faure"]
HEADLINES = [
    "Microsoft dévoile un assistant pour les équipes",
    "OpenAI présente un modèle plus sobre",
    "Azure ouvre une nouvelle région en France",
    "La CNIL publie ses recommandations sur les modèles de langage",
    "Les centres de données européens accélèrent",
    "Un rapport parlementaire sur la souveraineté numérique",
]
SOURCES = ["Microsoft", "OpenAI", "La Tribune", "Le Monde", "CNIL", "Les Échos", "AFP"]


def image_upload(name="photo.jpg", size=(64, 48), color=(30, 90, 160)):
    """A real, small image file as a browser would upload it (JPEG, PNG, GIF or WebP)."""
    image_format = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}[
        name.rsplit(".", 1)[-1].lower()
    ]
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=image_format)
    content_type = Image.MIME[image_format]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


# --- Factories ------------------------------------------------------------


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author
        skip_postgeneration_save = True

    # 8 first names x 7 last names: 56 different bylines before one repeats.
    name = factory.Sequence(
        lambda n: f"{FIRST_NAMES[n % len(FIRST_NAMES)]} {LAST_NAMES[n % len(LAST_NAMES)]}"
    )
    bio = factory.LazyAttribute(lambda o: f"{o.name} couvre le cloud et l’IA pour la rédaction.")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"{SOURCES[n % len(SOURCES)]} ({n})")
    url = factory.Sequence(lambda n: f"https://source-{n}.example.fr/")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Thème {n}")
    description = factory.LazyAttribute(lambda o: f"Tout sur {o.name}.")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article by default; traits make drafts, reviews and scheduled ones.

    `authors=[...]` (one new author by default), `tags=[names or Tag objects]` and
    `sources=[Source, ...]` (cited in that order) are set after creation.
    """

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"{HEADLINES[n % len(HEADLINES)]} [{n}]")
    standfirst = factory.Sequence(
        lambda n: f"Ce qui a changé cette semaine, et pourquoi cela compte [chapô {n}]."
    )
    body = factory.Sequence(
        lambda n: (
            f"<p>Premier paragraphe de la dépêche {n}, selon La Tribune.</p>"
            "<h2>Ce que cela change</h2>"
            f"<p>Second paragraphe de la dépêche {n}.</p>"
        )
    )
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)
        review = factory.Trait(status=Article.Status.REVIEW, published_at=None)
        scheduled = factory.Trait(
            status=Article.Status.PUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=2)),
        )

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create:
            self.authors.set(extracted if extracted is not None else [AuthorFactory()])

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)

    @factory.post_generation
    def sources(self, create, extracted, **kwargs):
        if create and extracted:
            for position, source in enumerate(extracted):
                CitationFactory(article=self, source=source, position=position)


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation
        skip_postgeneration_save = True

    article = factory.SubFactory(ArticleFactory)
    source = factory.SubFactory(SourceFactory)
    url = factory.LazyAttributeSequence(lambda o, n: f"{o.source.url}page-citee-{n}")
    position = 0


# --- Settings for every test ----------------------------------------------


def pytest_configure(config):
    # WhiteNoise warns that STATIC_ROOT is missing: tests serve no collected files.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads go to a throw-away folder, never to the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True, scope="session")
def jinja2_pages_report_their_context():
    """The test client records what a Django template rendered (response.templates and
    response.context); readers' pages are Jinja2 templates, which report it here."""
    render = Jinja2Template.render

    def reporting_render(self, context=None, request=None):
        template_rendered.send(sender=self, template=self.template, context=dict(context or {}))
        return render(self, context, request)

    Jinja2Template.render = reporting_render
    yield
    Jinja2Template.render = render


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a page cached by another test, from rows
    rolled back since, must not be served."""
    cache.clear()
    pagecache.local_copies.clear()
    pagecache.watch.forget()
    pagecache._failed_at = None


@pytest.fixture
def no_page_cache(settings):
    """Pages made for every request, as with an empty cache: what making one costs."""
    settings.NEWSROOM = {**settings.NEWSROOM, "PAGE_CACHE_SECONDS": 0}


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    # The real hasher is deliberately slow; tests log in often.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Django's test environment (set up by pytest-django) already appends "testserver" to
# ALLOWED_HOSTS, so the test client needs no host override.


# --- Data -----------------------------------------------------------------


@pytest.fixture
def make_article(db):
    """Create an article: make_article(title=..., tags=[tag], published_at=...)."""
    return ArticleFactory


@pytest.fixture
def make_author(db):
    return AuthorFactory


@pytest.fixture
def make_source(db):
    return SourceFactory


@pytest.fixture
def make_tag(db):
    return TagFactory


@pytest.fixture
def make_citation(db):
    return CitationFactory


@pytest.fixture
def tag(db):
    return TagFactory(name="Intelligence artificielle", description="L’IA, ses usages, ses règles.")


@pytest.fixture
def source(db):
    return SourceFactory(name="La Tribune", url="https://www.latribune.fr/")


@pytest.fixture
def author(db):
    return AuthorFactory(name="Claire Lefèvre", bio="Journaliste spécialiste du cloud.")


@pytest.fixture
def editor(db):
    """A member of the editorial staff with every right in the admin."""
    return get_user_model().objects.create_superuser(
        username="editeur", email="editeur@example.fr", password=EDITOR_PASSWORD
    )


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client
