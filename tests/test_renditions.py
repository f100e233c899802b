"""Hero images are served as renditions: several widths, in WebP and in the original's
format, made once when the image changes and described in the database, so that pages and
feeds name them without touching storage."""

import io
from io import StringIO

import feedparser
import pytest
import reversion
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image
from reversion.models import Version

from articles import renditions
from articles.models import Article

from .conftest import image_upload
from .helpers import elements, same_url

pytestmark = pytest.mark.django_db

FORMATS = {"jpg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}
ORIENTATION, CAMERA_MAKE = 0x0112, 0x010F


def upload(name: str, image: Image.Image, **options) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image_format = FORMATS[name.rsplit(".", 1)[-1]]
    image.save(buffer, format=image_format, **options)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=Image.MIME[image_format])


def storage():
    return Article._meta.get_field("hero_image").storage


def opened(name: str) -> Image.Image:
    """A stored file, decoded by Pillow."""
    with storage().open(name, "rb") as file:
        image = Image.open(file)
        image.load()
    return image


def widths(article: Article, mime_type: str) -> list[int]:
    return [made["width"] for made in article.hero_renditions if made["type"] == mime_type]


def srcset(value: str) -> dict[int, str]:
    """{width: url} of a srcset attribute."""
    candidates = (candidate.rsplit(" ", 1) for candidate in value.split(", "))
    return {int(descriptor.removesuffix("w")): url for url, descriptor in candidates}


def card_images(response) -> list:
    return [img for img in elements(response, "img") if "card__image" in img.attrs.get("class", "")]


@pytest.fixture
def illustrated(make_article):
    """A published article with a wide photo: every width is made."""
    return make_article(
        title="Une salle de serveurs à Marseille [photo]",
        hero_image=image_upload("salle-serveurs.jpg", size=(2000, 1000)),
        hero_alt="Des baies de serveurs",
        hero_credit="Photo : Microsoft",
    )


# --- Made once, when the image changes --------------------------------------------------


def test_a_wide_photo_gets_every_width_in_webp_and_jpeg_stored_as_recorded(illustrated):
    assert widths(illustrated, "image/webp") == [320, 640, 960, 1280, 1600]
    assert widths(illustrated, "image/jpeg") == [320, 640, 960, 1280, 1600]
    for made in illustrated.hero_renditions:
        image = opened(made["name"])
        assert Image.MIME[image.format] == made["type"]
        assert image.size == (made["width"], made["height"]) == (made["width"], made["width"] // 2)
        assert storage().size(made["name"]) == made["size"]
        assert made["name"].startswith("renditions/articles/")
        assert "salle-serveurs" in made["name"]


@pytest.mark.parametrize(
    "width, expected",
    [(1000, [320, 640, 960, 1000]), (1600, [320, 640, 960, 1280, 1600]), (200, [200])],
)
def test_an_image_is_never_enlarged(make_article, width, expected):
    article = make_article(hero_image=image_upload("photo.jpg", size=(width, 100)))
    assert widths(article, "image/webp") == widths(article, "image/jpeg") == expected


@pytest.mark.parametrize(
    "name, beside_webp",
    [
        ("photo.jpg", "image/jpeg"),
        ("schema.png", "image/png"),
        ("animation.gif", "image/png"),  # its first frame, without the palette's limits
        ("photo.webp", None),  # WebP alone: every browser reading srcset reads WebP
    ],
)
def test_each_format_is_served_as_webp_and_as_its_own_format(make_article, name, beside_webp):
    article = make_article(hero_image=image_upload(name, size=(700, 350)))
    types = {made["type"] for made in article.hero_renditions}
    assert types == {"image/webp", beside_webp} - {None}
    for made in article.hero_renditions:
        assert Image.MIME[opened(made["name"]).format] == made["type"]


def test_saving_the_article_again_makes_nothing_new(illustrated, monkeypatch):
    before = list(illustrated.hero_renditions)

    def refuse(*args, **kwargs):
        raise AssertionError("nothing should be stored")

    monkeypatch.setattr(FileSystemStorage, "save", refuse)
    monkeypatch.setattr(FileSystemStorage, "open", refuse)
    illustrated.title = "Un titre corrigé"
    illustrated.save()
    Article.objects.get(pk=illustrated.pk).save()
    assert Article.objects.get(pk=illustrated.pk).hero_renditions == before


def test_a_new_image_gets_new_renditions_and_the_old_ones_stay_for_older_versions(illustrated):
    old = [made["name"] for made in illustrated.hero_renditions]
    illustrated.hero_image = image_upload("baie.png", size=(1000, 500))
    illustrated.save()
    article = Article.objects.get(pk=illustrated.pk)
    assert widths(article, "image/png") == [320, 640, 960, 1000]
    assert all("/baie/" in made["name"] for made in article.hero_renditions)
    assert all(storage().exists(name) for name in old)


def test_removing_the_image_empties_the_renditions(illustrated, client):
    illustrated.hero_image = None
    illustrated.save()
    article = Article.objects.get(pk=illustrated.pk)
    assert article.hero_renditions == []
    assert elements(client.get(article.get_absolute_url()), "picture") == []


def test_restoring_a_version_with_an_older_image_brings_back_its_renditions(make_article, client):
    with reversion.create_revision():
        article = make_article(hero_image=image_upload("avant.jpg", size=(800, 400)))
    first = list(article.hero_renditions)
    with reversion.create_revision():
        article.hero_image = image_upload("apres.jpg", size=(900, 450))
        article.save()
    # A restore writes the stored row raw, the renditions' list with the image's name.
    Version.objects.get_for_object(article).last().revision.revert()
    article = Article.objects.get(pk=article.pk)
    assert article.hero_image.name.endswith("avant.jpg")
    assert article.hero_renditions == first
    assert all(storage().exists(made["name"]) for made in first)
    (img,) = elements(client.get(article.get_absolute_url()), "img")
    assert "/avant/" in img.attrs["src"]


def test_a_camera_photo_turned_by_its_exif_comes_out_upright_without_metadata(make_article):
    # Stored lying down (left half red, right half blue), to be turned a quarter clockwise.
    photo = Image.new("RGB", (200, 100), (220, 0, 0))
    photo.paste((0, 0, 220), (100, 0, 200, 100))
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[CAMERA_MAKE] = "Appareil de la rédaction"
    article = make_article(hero_image=upload("portrait.jpg", photo, exif=exif.tobytes()))
    assert {(made["width"], made["height"]) for made in article.hero_renditions} == {(100, 200)}
    for made in article.hero_renditions:
        image = opened(made["name"]).convert("RGB")
        red, _green, blue = image.getpixel((50, 30))
        assert red > 180 and blue < 60  # the left edge is now the top
        red, _green, blue = image.getpixel((50, 170))
        assert blue > 180 and red < 60
        assert not image.getexif() and "exif" not in opened(made["name"]).info


def test_a_png_with_transparency_keeps_it_in_png_and_webp(make_article):
    logo = Image.new("RGBA", (400, 200), (200, 30, 30, 255))
    logo.paste((0, 0, 0, 0), (0, 0, 200, 200))
    article = make_article(hero_image=upload("logo.png", logo))
    assert {made["type"] for made in article.hero_renditions} == {"image/png", "image/webp"}
    for made in article.hero_renditions:
        image = opened(made["name"])
        assert image.mode == "RGBA"
        assert image.getpixel((10, 10))[3] == 0
        assert image.getpixel((made["width"] - 10, 10))[3] == 255


@pytest.mark.parametrize(
    "name, mode, colour, expected",
    [
        ("impression.jpg", "CMYK", (0, 255, 255, 0), (255, 0, 0)),  # printer's red
        ("gris.png", "I;16", 32768, (128, 128, 128)),  # 16-bit grey, not clipped to white
        ("palette.gif", "P", 3, None),
    ],
)
def test_other_colour_modes_come_out_as_rgb(make_article, name, mode, colour, expected):
    article = make_article(hero_image=upload(name, Image.new(mode, (50, 40), colour)))
    for made in article.hero_renditions:
        image = opened(made["name"])
        assert image.mode == "RGB"
        if expected:
            pixel = image.getpixel((5, 5))
            assert all(abs(a - b) <= 3 for a, b in zip(pixel, expected, strict=True))


# --- On pages -------------------------------------------------------------------------


def test_the_article_page_offers_webp_and_jpeg_at_every_width_without_layout_shift(
    client, illustrated
):
    response = client.get(illustrated.get_absolute_url())
    (picture,) = elements(response, "picture")
    (source,) = elements(response, "source")
    (img,) = elements(response, "img")
    assert source.attrs["type"] == "image/webp"
    assert sorted(srcset(source.attrs["srcset"])) == [320, 640, 960, 1280, 1600]
    assert all(url.endswith(".webp") for url in srcset(source.attrs["srcset"]).values())
    assert sorted(srcset(img.attrs["srcset"])) == [320, 640, 960, 1280, 1600]
    assert all(url.endswith(".jpg") for url in srcset(img.attrs["srcset"]).values())
    assert source.attrs["sizes"] == img.attrs["sizes"]
    assert "50rem" in img.attrs["sizes"]
    assert (img.attrs["width"], img.attrs["height"]) == ("1600", "800")
    assert img.attrs["alt"] == "Des baies de serveurs"
    # The hero is above the fold: fetched first, never lazily.
    assert img.attrs["fetchpriority"] == "high"
    assert "loading" not in img.attrs


def test_listings_use_small_renditions_and_load_only_the_first_card_image_at_once(
    client, make_article
):
    for number in range(3):
        make_article(hero_image=image_upload(f"photo-{number}.jpg", size=(2000, 1000)))
    response = client.get(reverse("articles:article_list"))
    images = card_images(response)
    assert len(images) == 3
    for img in images:
        assert sorted(srcset(img.attrs["srcset"])) == [320, 640]
        assert img.attrs["src"].endswith("/640.jpg")
        assert (img.attrs["width"], img.attrs["height"]) == ("640", "320")
        assert "16rem" in img.attrs["sizes"]
    for source in elements(response, "source"):
        assert sorted(srcset(source.attrs["srcset"])) == [320, 640]
    first, *others = images
    assert first.attrs["fetchpriority"] == "high" and "loading" not in first.attrs
    assert all(img.attrs["loading"] == "lazy" for img in others)


def test_an_image_without_renditions_is_served_as_it_was(client, illustrated):
    # An article saved before renditions existed.
    Article.objects.filter(pk=illustrated.pk).update(hero_renditions=[])
    article = Article.objects.get(pk=illustrated.pk)
    (img,) = elements(client.get(article.get_absolute_url()), "img")
    assert same_url(img.attrs["src"], article.hero_image.url)
    assert (img.attrs["width"], img.attrs["height"]) == ("2000", "1000")
    assert "srcset" not in img.attrs
    assert elements(client.get(article.get_absolute_url()), "source") == []
    assert article.share_image.url == article.hero_image.url
    assert article.share_image.size == article.hero_size


@pytest.mark.usefixtures("no_page_cache")
def test_pages_and_feeds_never_touch_storage_nor_cost_more_queries(
    client, make_article, illustrated, tag, monkeypatch
):
    plain = make_article()
    urls = [
        reverse("articles:article_list"),
        reverse("articles:feed_rss"),
        reverse("articles:feed_atom"),
    ]

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    plain_page = count(plain.get_absolute_url())
    with_plain_only = {url: count(url) for url in urls}

    def refuse(*args, **kwargs):
        raise AssertionError("a page must not read storage")

    for method in ["open", "exists", "size", "listdir", "save", "delete", "get_modified_time"]:
        monkeypatch.setattr(FileSystemStorage, method, refuse)
    assert count(illustrated.get_absolute_url()) == plain_page
    assert {url: count(url) for url in urls} == with_plain_only


# --- In feeds and for sharing ---------------------------------------------------------


@pytest.mark.parametrize("feed", ["articles:feed_rss", "articles:feed_atom"])
def test_the_feed_encloses_the_jpeg_rendition_1280_wide_with_its_true_length(
    client, illustrated, feed
):
    (entry,) = feedparser.parse(client.get(reverse(feed)).content).entries
    (enclosure,) = entry.enclosures
    (made,) = [
        made
        for made in illustrated.hero_renditions
        if made["type"] == "image/jpeg" and made["width"] == 1280
    ]
    assert enclosure.href == f"http://testserver{storage().url(made['name'])}"
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == storage().size(made["name"])


def test_the_shared_image_is_the_one_closest_to_1200_pixels_wide(make_article, illustrated):
    assert (illustrated.share_image.width, illustrated.share_image.height) == (1280, 640)
    assert illustrated.share_image.type == "image/jpeg"
    narrower = make_article(hero_image=image_upload("schema.png", size=(1100, 600)))
    assert (narrower.share_image.width, narrower.share_image.type) == (1100, "image/png")
    assert narrower.share_image.url.startswith("/")
    assert make_article().share_image is None


# --- For existing articles ------------------------------------------------------------


def test_an_image_whose_renditions_failed_is_saved_and_made_later_by_the_command(
    make_article, monkeypatch
):
    def broken(image_file):
        raise OSError("storage unavailable")

    monkeypatch.setattr(renditions, "make", broken)
    article = make_article(title="Une édition sauvée [panne]", hero_image=image_upload("une.jpg"))
    article = Article.objects.get(pk=article.pk)
    assert article.title == "Une édition sauvée [panne]"
    assert article.hero_image and article.hero_renditions == []
    monkeypatch.undo()

    out = StringIO()
    call_command("make_renditions", stdout=out)
    refreshed = Article.objects.get(pk=article.pk)
    assert widths(refreshed, "image/jpeg") == [64]
    assert all(storage().exists(made["name"]) for made in refreshed.hero_renditions)
    assert refreshed.updated_at == article.updated_at  # not an edit: no « mis à jour »
    assert "1" in out.getvalue()


def test_the_command_remakes_every_rendition_in_place_with_all(illustrated, media_root):
    files = sorted(path for path in media_root.rglob("*") if path.is_file())
    call_command("make_renditions", stdout=StringIO())  # nothing is missing: nothing made
    call_command("make_renditions", "--all", stdout=StringIO())
    assert sorted(path for path in media_root.rglob("*") if path.is_file()) == files
    assert Article.objects.get(pk=illustrated.pk).hero_renditions == illustrated.hero_renditions


def test_the_command_reports_an_image_missing_from_storage(illustrated):
    storage().delete(illustrated.hero_image.name)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("make_renditions", "--all", stdout=StringIO(), stderr=err)
    assert illustrated.slug in err.getvalue()
