"""Hero image renditions: the image at the widths screens need, in WebP and in its own format.

They are made once, when the image changes (Article.save, or `manage.py make_renditions`
for older articles), and stored through the image's own storage, so an object store can
hold them. Article.hero_renditions describes them (width, height, type, name, byte size):
a page or a feed names and sizes them without reading storage, only asking it for URLs.

A rendition's name comes from its image's name, width and format
(`renditions/articles/2023/01/photo/640.webp`): made again, it replaces itself. Nothing
is deleted when the image changes, so a restored version finds its renditions in place.
"""

import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils.encoding import filepath_to_uri
from PIL import Image, ImageCms, ImageOps

# From a phone's column to the article page's hero at twice its 800 CSS pixels.
WIDTHS = (320, 640, 960, 1280, 1600)
# A card's image is at most 16rem wide: 640 pixels stay sharp on a dense screen.
CARD_WIDTH = 640
# What social networks and feed readers show best.
SHARE_WIDTH = 1200
WEBP = "image/webp"
# What filepath_to_uri() would change in a stored name.
NEEDS_QUOTING = re.compile(r"[^A-Za-z0-9_.~/-]").search
# What each format is served as beside WebP, for browsers without it. A GIF becomes a
# PNG of its first frame: a still picture, without the palette's loss of colours.
# A WebP original needs nothing beside its WebP renditions.
FORMAT_BESIDE_WEBP = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "GIF": "PNG", "WEBP": None}
EXTENSIONS = {"WEBP": "webp", "JPEG": "jpg", "PNG": "png"}
# No visible loss on photos at these sizes; the WebP weighs a half to a third of the JPEG.
SAVE_OPTIONS = {
    "WEBP": {"quality": 80},
    "JPEG": {"quality": 82, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
}
SRGB = ImageCms.createProfile("sRGB")


@dataclass(frozen=True)
class Rendition:
    """One image file as a page, a feed or a social network names it."""

    url: str
    width: int | None
    height: int | None
    type: str
    size: int | None  # in bytes


@dataclass(frozen=True)
class Picture:
    """What a <picture> element needs: the <img> fallback and the two srcsets."""

    img: Rendition  # the <img>'s src, width and height
    srcset: str  # in the original's format ("" without renditions: the original alone)
    webp_srcset: str  # "" when the original's format is WebP itself


# --- Making them -----------------------------------------------------------------


def make(image_file) -> list[dict]:
    """Make and store the renditions of a stored image; their descriptions, smallest first.

    Never wider than the image: the widths under its own, then its own width when it
    is not over the largest. The renditions are upright (EXIF orientation applied), in
    sRGB, without metadata (a camera's EXIF may hold where the photographer stood).
    """
    storage = image_file.storage
    with storage.open(image_file.name, "rb") as file, Image.open(file) as original:
        image_format = original.format
        # A JPEG far larger than the largest rendition decodes at a half, a quarter or
        # an eighth of its size: a fraction of the time and memory, no visible loss.
        original.draft(None, (WIDTHS[-1], WIDTHS[-1]))
        image = _prepared(original)
    beside_webp = FORMAT_BESIDE_WEBP.get(image_format, "PNG" if image.mode == "RGBA" else "JPEG")
    stem = os.path.splitext(image_file.name)[0]
    described = []
    for output_format in ["WEBP"] + ([beside_webp] if beside_webp else []):
        for width in widths_for(image.width):
            height = max(1, round(image.height * width / image.width))
            resized = image if width == image.width else _resized(image, width, height)
            buffer = io.BytesIO()
            resized.save(buffer, output_format, **SAVE_OPTIONS[output_format])
            content = buffer.getvalue()
            name = f"renditions/{stem}/{width}.{EXTENSIONS[output_format]}"
            described.append(
                {
                    "width": width,
                    "height": height,
                    "type": Image.MIME[output_format],
                    "name": _store(storage, name, content),
                    "size": len(content),
                }
            )
    return described


def widths_for(original_width: int) -> list[int]:
    """The widths made from an image this wide: never enlarged."""
    widths = [width for width in WIDTHS if width < original_width]
    if original_width <= WIDTHS[-1]:
        widths.append(original_width)
    return widths


def _prepared(original: Image.Image) -> Image.Image:
    """The picture upright, as 8-bit RGB (RGBA when it has transparency) in sRGB."""
    image = ImageOps.exif_transpose(original)
    mode = "RGBA" if image.has_transparency_data else "RGB"
    if image.mode.startswith("I"):
        # A 16-bit grey PNG: Pillow would clip every value above 255 to white.
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    profile = image.info.get("icc_profile")
    if profile and image.mode in ("RGB", "RGBA", "CMYK"):
        # Browsers read untagged pixels as sRGB: an Adobe RGB photo would look dull, a
        # CMYK one garish, with its profile stripped and its pixels left as they were.
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
            image = ImageCms.profileToProfile(image, source, SRGB, outputMode=output_mode)
        except (ImageCms.PyCMSError, OSError):
            pass  # a damaged profile: the pixels as they are
    image = image.convert(mode)
    image.info = {}  # no EXIF, XMP or comment is carried into the renditions
    return image


def _resized(image: Image.Image, width: int, height: int) -> Image.Image:
    # reducing_gap: a fast integer reduction first, then Lanczos for the last step.
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _store(storage, name: str, content: bytes) -> str:
    """Save under `name`, replacing a rendition made there before (the same image and
    width: `make_renditions --all`, a demo reloaded into a new database)."""
    if storage.exists(name):
        storage.delete(name)
    return storage.save(name, ContentFile(content))


# --- Naming them on pages and in feeds --------------------------------------------------


def picture(article, max_width: int | None = None) -> Picture | None:
    """The article's hero image for a <picture>, from renditions up to `max_width` wide.

    Without renditions (made before they existed, or when making them failed), the
    original image alone, as it was served before.
    """
    if not article.hero_image:
        return None
    # Never empty when there are renditions: the smallest is 320 pixels wide, or the
    # whole image.
    made = recorded(article, max_width)
    if not made:
        return Picture(img=original(article), srcset="", webp_srcset="")
    beside = _beside_webp(made)
    return Picture(
        img=beside[-1],
        srcset=_srcset(beside),
        webp_srcset="" if beside[0].type == WEBP else _srcset(_of_type(made, WEBP)),
    )


def share_image(article) -> Rendition | None:
    """The rendition in the original's format closest to 1200 pixels wide (the larger one
    on a tie), or the original image when there is none."""
    if not article.hero_image:
        return None
    made = article.hero_renditions
    if not made:
        return original(article)
    beside = next(iter({item["type"] for item in made} - {WEBP}), WEBP)
    chosen = min(
        (item for item in made if item["type"] == beside),
        key=lambda item: (abs(item["width"] - SHARE_WIDTH), -item["width"]),
    )
    return _rendition(_addresses(article.hero_image.storage), chosen)  # one URL, not ten


def recorded(article, max_width: int | None = None) -> list[Rendition]:
    """The article's renditions as recorded (up to `max_width` wide), with their URLs:
    no storage read."""
    address = _addresses(article.hero_image.storage)
    return [
        _rendition(address, item)
        for item in article.hero_renditions
        if max_width is None or item["width"] <= max_width
    ]


def _rendition(address: Callable[[str], str], item: dict) -> Rendition:
    return Rendition(
        url=address(item["name"]),
        width=item["width"],
        height=item["height"],
        type=item["type"],
        size=item["size"],
    )


def _addresses(storage) -> Callable[[str], str]:
    """What gives a stored file's address from its name, in this storage.

    FileSystemStorage.url() goes through urljoin(), slow for the hundred images of a
    listing; its base URL always ends with "/", so the name can simply follow it. The
    storage is asked once for all of an article's renditions (the default storage is a
    lazy object, slow to ask anything).
    """
    if isinstance(storage, FileSystemStorage):
        base = storage.base_url
        # filepath_to_uri() quotes, which most names (renditions/articles/…/640.webp)
        # do not need.
        return lambda name: base + (filepath_to_uri(name) if NEEDS_QUOTING(name) else name)
    return storage.url


def original(article) -> Rendition:
    return Rendition(
        url=article.hero_image.url,
        width=article.hero_width,
        height=article.hero_height,
        type=article.hero_type,
        size=article.hero_size,
    )


def _of_type(renditions: list[Rendition], mime_type: str) -> list[Rendition]:
    return sorted((r for r in renditions if r.type == mime_type), key=lambda r: r.width)


def _beside_webp(renditions: list[Rendition]) -> list[Rendition]:
    """The renditions in the original's format (WebP when the original is WebP)."""
    types = {rendition.type for rendition in renditions}
    return _of_type(renditions, next(iter(types - {WEBP}), WEBP))


def _srcset(renditions: list[Rendition]) -> str:
    return ", ".join(f"{rendition.url} {rendition.width}w" for rendition in renditions)
