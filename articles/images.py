"""What a hero image upload must be before anything is saved.

The checks go from cheapest to costliest, so a hostile file is refused before Pillow
decodes anything: its weight in bytes, then its header (format and dimensions), and
only then its pixels.
"""

import math
import warnings

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import Image

MAX_HERO_BYTES = 10 * 1024 * 1024
MAX_HERO_MEGAPIXELS = 40
# Pillow's names for the formats. Some cameras' JPEGs carry extra pictures: Pillow's JPEG
# reader opens them as "MPO", and they are accepted like any JPEG.
HERO_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")

MESSAGES = {
    "too_heavy": _("The image weighs %(size)s, over the limit of %(limit)s."),
    "not_an_image": _("This file is not a JPEG, PNG, WebP or GIF image."),
    "too_large_to_open": _(
        "This image is too large to open safely; the limit is %(limit)s megapixels."
    ),
    "too_many_pixels": _(
        "The image measures %(width)s × %(height)s pixels, %(megapixels)s megapixels; "
        "the limit is %(limit)s."
    ),
    "damaged": _("This image is damaged or incomplete. Export it again and upload the new file."),
}


def check_hero_image(file) -> None:
    """Raise ValidationError unless `file` is a whole JPEG, PNG, WebP or GIF within the limits.

    The format is read from the content, never from the name or the browser's content
    type. The file is left at its start.
    """
    if file.size > MAX_HERO_BYTES:
        raise ValidationError(
            MESSAGES["too_heavy"],
            code="too_heavy",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(MAX_HERO_BYTES)},
        )
    try:
        file.seek(0)
        image = _open_header(file)
        width, height = image.size
        if width * height > MAX_HERO_MEGAPIXELS * 1_000_000:
            # Rounded up: 40,000,001 pixels must not read "40.0 megapixels; the limit is 40".
            megapixels = math.ceil(width * height / 100_000) / 10
            raise ValidationError(
                MESSAGES["too_many_pixels"],
                code="too_many_pixels",
                params={
                    "width": width,
                    "height": height,
                    "megapixels": number_format(megapixels, decimal_pos=1),
                    "limit": MAX_HERO_MEGAPIXELS,
                },
            )
        _decode(image)
    finally:
        file.seek(0)


def _open_header(file) -> Image.Image:
    """The image as Pillow sees it after reading the header only."""
    try:
        # Pillow warns between once and twice its own pixel limit and raises beyond.
        # catch_warnings is process-wide; if another thread's upload races with it,
        # the pixel limit in check_hero_image still refuses the image.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Restricting Pillow to these formats keeps other parsers away from uploads.
            return Image.open(file, formats=HERO_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            MESSAGES["too_large_to_open"],
            code="too_large_to_open",
            params={"limit": MAX_HERO_MEGAPIXELS},
        ) from error
    except Exception as error:  # Pillow raises many kinds of errors on unknown files.
        # A file that starts like an accepted format (a WebP cut short) is damaged, not foreign.
        file.seek(0)
        head = file.read(16)
        if any(Image.OPEN[name][1](head) for name in HERO_FORMATS):
            raise ValidationError(MESSAGES["damaged"], code="damaged") from error
        raise ValidationError(MESSAGES["not_an_image"], code="not_an_image") from error


def _decode(image: Image.Image) -> None:
    """Decode every byte of the pixel data: a truncated or corrupt file fails here."""
    # A JPEG decodes at an eighth of its size: all the data is read, in 1/64 of the memory.
    image.draft(None, (1, 1))
    try:
        image.load()
    except Exception as error:
        raise ValidationError(MESSAGES["damaged"], code="damaged") from error


def validate_hero_image(file) -> None:
    """Refuse anything but a real JPEG, PNG, WebP or GIF of sensible size.

    Only a new upload is checked: a file already in storage passed when it was uploaded,
    and an older one must not stop an editor from fixing a typo in the article.
    """
    if getattr(file, "_committed", False):
        return
    check_hero_image(file)


class HeroImageFormField(forms.ImageField):
    """Django's image field, with the hero image checks first and their own messages.

    Django's own check turns any Pillow error, a decompression bomb included, into
    its generic "Upload a valid image" message.
    """

    def to_python(self, data):
        if data:
            check_hero_image(data)
        return super().to_python(data)
