"""Hero image uploads: only whole JPEG, PNG, WebP or GIF images of sensible size are kept.

Every file here is built in memory. Refusals are checked the way an editor meets them,
through the admin form: the page comes back with one clear message, and neither the
article nor the file is saved.
"""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext
from PIL import Image

from articles.images import MAX_HERO_BYTES, validate_hero_image
from articles.models import Article

from .conftest import image_upload
from .helpers import article_form, form_errors, page_text

pytestmark = pytest.mark.django_db

NOT_AN_IMAGE = "This file is not a JPEG, PNG, WebP or GIF image."
TOO_LARGE_TO_OPEN = "This image is too large to open safely; the limit is %(limit)s megapixels."
TOO_MANY_PIXELS = (
    "The image measures %(width)s × %(height)s pixels, %(megapixels)s megapixels; "
    "the limit is %(limit)s."
)
# In French, as editors read it: one decimal, rounded up, with a comma.
TOO_MANY_PIXELS_FOR_8000_BY_5001 = {
    "width": 8000,
    "height": 5001,
    "megapixels": "40,1",
    "limit": 40,
}
TOO_HEAVY = "The image weighs %(size)s, over the limit of %(limit)s."
DAMAGED = "This image is damaged or incomplete. Export it again and upload the new file."


# --- Files ----------------------------------------------------------------------------


def image_bytes(image_format: str, size=(64, 48), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, format=image_format)
    return buffer.getvalue()


def noisy_image_bytes(image_format: str) -> bytes:
    """A photo-like image: its pixel data is long enough to cut in half."""
    buffer = io.BytesIO()
    Image.effect_noise((320, 240), 64).convert("RGB").save(buffer, format=image_format)
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header announces width × height pixels: a decompression bomb's shape."""
    data = bytearray(image_bytes("PNG", size=(1, 1)))
    # After the 8-byte signature comes IHDR: length, "IHDR", width, height, ..., CRC.
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(data[12:29]))
    return bytes(data)


def upload(name: str, content: bytes, content_type="image/jpeg") -> SimpleUploadedFile:
    """A file as a browser sends it: the name and content type are whatever the editor's are."""
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files(media_root) -> list:
    return [path for path in media_root.rglob("*") if path.is_file()]


# --- Through the admin ----------------------------------------------------------------


def post_article(client, author, source, hero_image):
    form = article_form(
        author,
        source,
        hero_image=hero_image,
        hero_alt="Le siège de l’hébergeur à Roubaix",
        hero_credit="Photo : La Tribune",
    )
    return client.post(reverse("admin:articles_article_add"), form)


def assert_refused_keeping(response, message: str) -> None:
    """The form comes back with exactly this message on the image."""
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["hero_image"] == [message]
    assert " ".join(message.split()) in page_text(response)  # as collapsed by page_text


def assert_refused(response, message: str, media_root) -> None:
    """Refused with this message, and neither the article nor any file is stored."""
    assert_refused_keeping(response, message)
    assert not Article.objects.exists()
    assert not stored_files(media_root)


@pytest.mark.parametrize("name", ["une.jpg", "une.png", "une.webp", "une.gif"])
def test_a_jpeg_png_webp_or_gif_is_accepted_and_stored(
    editor_client, author, source, media_root, name
):
    image = image_upload(name, size=(120, 80))
    response = post_article(editor_client, author, source, image)
    assert response.status_code == 302, form_errors(response)
    article = Article.objects.get()
    assert (article.hero_width, article.hero_height) == (120, 80)
    assert article.hero_type == image.content_type
    renditions = [media_root / rendition["name"] for rendition in article.hero_renditions]
    expected = [media_root / article.hero_image.name, *renditions]
    assert sorted(stored_files(media_root)) == sorted(expected)


def test_the_format_is_read_from_the_content_not_the_name(editor_client, author, source):
    png_named_jpg = upload("une.jpg", image_bytes("PNG"), content_type="image/jpeg")
    response = post_article(editor_client, author, source, png_named_jpg)
    assert response.status_code == 302, form_errors(response)
    assert Article.objects.get().hero_type == "image/png"


@pytest.mark.parametrize(
    "name, content, content_type",
    [
        ("une.jpg", "Compte rendu de la conférence.\n".encode(), "image/jpeg"),
        ("une.png", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n", "image/png"),
        ("une.bmp", image_bytes("BMP"), "image/bmp"),
        ("une.jpg", image_bytes("TIFF"), "image/jpeg"),
        ("une.png", b"", "image/png"),
    ],
    ids=["text-named-jpg", "pdf-named-png", "bmp", "tiff-named-jpg", "empty"],
)
def test_a_file_that_is_not_a_jpeg_png_webp_or_gif_is_refused(
    editor_client, author, source, media_root, name, content, content_type
):
    response = post_article(editor_client, author, source, upload(name, content, content_type))
    assert_refused(response, gettext(NOT_AN_IMAGE), media_root)


@pytest.mark.parametrize("size", [(30000, 30000), (10000, 10000)], ids=["error", "warning"])
def test_decompression_bomb_is_refused_with_a_clear_message(
    editor_client, author, source, media_root, size
):
    # Pillow raises beyond twice its pixel limit and only warns below: both are refused.
    bomb = upload("une.png", png_claiming(*size), "image/png")
    response = post_article(editor_client, author, source, bomb)
    assert_refused(response, gettext(TOO_LARGE_TO_OPEN) % {"limit": 40}, media_root)
    assert gettext("Upload a valid image.") not in page_text(response)


def test_an_image_over_40_megapixels_is_refused(editor_client, author, source, media_root):
    # One bit per pixel in a single colour: a real 40 MP image in a few kilobytes.
    large = upload("une.png", image_bytes("PNG", size=(8000, 5001), mode="1"), "image/png")
    response = post_article(editor_client, author, source, large)
    expected = gettext(TOO_MANY_PIXELS) % TOO_MANY_PIXELS_FOR_8000_BY_5001
    assert_refused(response, expected, media_root)


def test_a_file_over_10_mb_is_refused(editor_client, author, source, media_root):
    # A real JPEG followed by padding, which Pillow would happily ignore.
    content = image_bytes("JPEG") + bytes(12 * 1024 * 1024)
    response = post_article(editor_client, author, source, upload("une.jpg", content))
    expected = gettext(TOO_HEAVY) % {
        "size": filesizeformat(len(content)),
        "limit": filesizeformat(MAX_HERO_BYTES),
    }
    assert_refused(response, expected, media_root)


def test_a_truncated_jpeg_is_refused(editor_client, author, source, media_root):
    content = noisy_image_bytes("JPEG")
    response = post_article(editor_client, author, source, upload("une.jpg", content[:-2000]))
    assert_refused(response, gettext(DAMAGED), media_root)


def test_a_refused_image_leaves_the_article_and_its_image_unchanged(
    editor_client, make_article, author, source, media_root
):
    article = make_article(
        authors=[author], hero_image=image_upload("avant.png"), hero_alt="Avant", hero_credit="AFP"
    )
    title, image_name = article.title, article.hero_image.name
    before = stored_files(media_root)
    form = article_form(
        author,
        source,
        title="Un titre modifié",
        slug=article.slug,
        hero_image=upload("une.png", png_claiming(30000, 30000), "image/png"),
        hero_alt="Après",
        hero_credit="AFP",
        loaded_version=article.updated_at.isoformat(),
    )
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = editor_client.post(url, form)
    assert_refused_keeping(response, gettext(TOO_LARGE_TO_OPEN) % {"limit": 40})
    article.refresh_from_db()
    assert article.title == title
    assert article.hero_alt == "Avant"
    assert article.hero_image.name == image_name
    assert stored_files(media_root) == before


# --- The validator on its own ---------------------------------------------------------


def test_full_clean_refuses_a_hero_image_that_is_not_an_image(make_article):
    article = make_article()
    article.hero_image = upload("une.jpg", b"<?php echo 'pas une image'; ?>")
    with pytest.raises(ValidationError) as refusal:
        article.full_clean()
    assert refusal.value.message_dict["hero_image"] == [gettext(NOT_AN_IMAGE)]


def test_full_clean_accepts_a_real_image(make_article):
    article = make_article()
    article.hero_image = image_upload("une.webp")
    article.full_clean()


def test_an_image_stored_before_these_rules_does_not_block_editing(make_article):
    # Saved without validation, as an import would; a later edit must still validate.
    article = make_article(hero_image=upload("ancienne.bmp", image_bytes("BMP"), "image/bmp"))
    article = Article.objects.get(pk=article.pk)
    article.title = "Titre corrigé"
    article.full_clean()


@pytest.mark.parametrize(
    "content, message, params",
    [
        (png_claiming(30000, 30000), TOO_LARGE_TO_OPEN, {"limit": 40}),
        (png_claiming(10000, 10000), TOO_LARGE_TO_OPEN, {"limit": 40}),
        (
            image_bytes("GIF", size=(8000, 5001), mode="1"),
            TOO_MANY_PIXELS,
            TOO_MANY_PIXELS_FOR_8000_BY_5001,
        ),
        (image_bytes("TIFF"), NOT_AN_IMAGE, {}),
    ],
    ids=["bomb-error", "bomb-warning", "over-40-mp-gif", "tiff"],
)
def test_the_validator_refuses_each_problem_on_its_own(content, message, params):
    with pytest.raises(ValidationError) as refusal:
        validate_hero_image(upload("une.png", content))
    assert refusal.value.messages == [gettext(message) % params]


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP", "GIF"])
def test_a_truncated_image_of_any_accepted_format_is_refused(image_format):
    content = noisy_image_bytes(image_format)
    with pytest.raises(ValidationError) as refusal:
        validate_hero_image(upload("une", content[: len(content) // 2]))
    assert refusal.value.messages == [gettext(DAMAGED)]


def test_a_camera_jpeg_carrying_extra_pictures_is_accepted():
    buffer = io.BytesIO()
    pictures = [Image.new("RGB", (64, 48)), Image.new("RGB", (64, 48))]
    pictures[0].save(buffer, format="MPO", save_all=True, append_images=pictures[1:])
    validate_hero_image(upload("une.jpg", buffer.getvalue()))


def test_exactly_10_mb_and_exactly_40_megapixels_are_accepted():
    jpeg = image_bytes("JPEG")
    validate_hero_image(upload("une.jpg", jpeg + bytes(MAX_HERO_BYTES - len(jpeg))))
    validate_hero_image(upload("une.png", image_bytes("PNG", size=(8000, 5000), mode="1")))


def test_the_checked_file_is_left_at_its_start():
    image = image_upload("une.gif")
    validate_hero_image(image)
    assert image.tell() == 0
