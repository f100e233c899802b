"""Hero illustrations for the demo articles, drawn with Pillow: no download, no randomness.

Each picture is an abstract editorial drawing whose colours come from the article's main
tag and whose details come from a generator seeded with the slug: the same slug always
gives the same bytes, so reloading the demo never changes an image.
"""

import io
import math
import random
from typing import NamedTuple

from PIL import Image, ImageColor, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1600, 900
# Pillow draws shapes without anti-aliasing: draw at twice the size, then reduce.
SCALE = 2
JPEG_QUALITY = 82


class Palette(NamedTuple):
    top: str
    bottom: str
    accents: tuple[str, str, str, str]
    words: str  # the colours in French, for the image description


PALETTES = {
    "ia": Palette(
        "#140a30",
        "#5a1b6e",
        ("#ff5fa2", "#ffc857", "#6ee7f0", "#b388ff"),
        "violets, roses et dorés",
    ),
    "openai": Palette(
        "#061d18",
        "#0f5a4a",
        ("#7ef0c4", "#f4efe1", "#ff8a65", "#2ec4b6"),
        "vert profond, menthe et corail",
    ),
    "microsoft": Palette(
        "#0b1a31",
        "#1f4e79",
        ("#ff7a45", "#9bd35a", "#4fc3f7", "#ffd54f"),
        "bleu nuit, orange, vert et jaune",
    ),
    "windows": Palette(
        "#081f52",
        "#2a6fdb",
        ("#8fd3ff", "#ffffff", "#5ee0c6", "#ffb347"),
        "bleus vifs et blanc",
    ),
    "azure": Palette(
        "#021a3a",
        "#0a6ebd",
        ("#5fd3ff", "#e6f7ff", "#2be0c8", "#7aa7ff"),
        "bleu azur et cyan",
    ),
    "cloud": Palette(
        "#e3f1ff",
        "#6a9fd6",
        ("#ffffff", "#1d3557", "#ffd166", "#457b9d"),
        "bleu ciel, blanc et jaune",
    ),
    "securite": Palette(
        "#111115",
        "#4a0f1f",
        ("#ff3b3b", "#ffb300", "#9aa5b1", "#ff7b7b"),
        "anthracite, rouge et ambre",
    ),
    "regulation": Palette(
        "#f6efe0",
        "#d6c097",
        ("#1f3a93", "#e0a526", "#8c2f39", "#2d2d2d"),
        "crème, bleu roi et or",
    ),
    "open-source": Palette(
        "#0f2219",
        "#2f5d3a",
        ("#c6f432", "#ff9f1c", "#e9f5db", "#52b788"),
        "vert sapin, vert anis et orange",
    ),
}

MOTIFS = {
    "ia": "network",
    "openai": "network",
    "microsoft": "tiles",
    "windows": "tiles",
    "azure": "clouds",
    "cloud": "clouds",
    "securite": "rings",
    "regulation": "columns",
    "open-source": "branches",
}

DESCRIPTIONS = {
    "network": "un réseau de points lumineux reliés par de fines lignes, comme des neurones",
    "tiles": "une mosaïque de carrés arrondis et colorés, traversée par un grand cercle",
    "clouds": "une pile de serveurs stylisés reliée par des pointillés à un grand nuage",
    "rings": "des anneaux interrompus autour d'un point central, sur une trame d'hexagones",
    "columns": "une colonnade de barres verticales à côté d'un cercle de douze points",
    "branches": "des lignes parallèles qui se séparent et se rejoignent, jalonnées de cercles",
}


def describe(tag_slug: str) -> str:
    """The French alternative text of the illustration drawn for `tag_slug`."""
    palette = PALETTES.get(tag_slug, PALETTES["ia"])
    motif = MOTIFS.get(tag_slug, "network")
    return f"Illustration abstraite : {DESCRIPTIONS[motif]}, dans des tons {palette.words}."


def draw(slug: str, tag_slug: str) -> bytes:
    """A 1600x900 JPEG for the article `slug`, in the colours and motif of `tag_slug`."""
    rng = random.Random(slug)  # str seeds are hashed with SHA-512: stable across runs
    palette = PALETTES.get(tag_slug, PALETTES["ia"])
    w, h = WIDTH * SCALE, HEIGHT * SCALE
    image = _background(palette, rng, w, h)
    _glows(image, palette, rng)
    motif = Image.new("RGBA", (w, h))
    MOTIF_FUNCTIONS[MOTIFS.get(tag_slug, "network")](ImageDraw.Draw(motif), rng, palette, w, h)
    # A blurred copy under the sharp motif gives its shapes a soft halo.
    image.alpha_composite(motif.filter(ImageFilter.GaussianBlur(10 * SCALE)))
    image.alpha_composite(motif)
    _hatching(image, palette)
    out = io.BytesIO()
    image = image.convert("RGB").resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue()


def _rgba(colour: str, alpha: int) -> tuple[int, int, int, int]:
    return (*ImageColor.getrgb(colour), alpha)


def _background(palette, rng, w, h):
    """A diagonal gradient from the palette's top colour to its bottom colour."""
    side = math.ceil(math.hypot(w, h))
    mask = Image.linear_gradient("L").resize((side, side)).rotate(rng.uniform(-40, 40))
    box = ((side - w) // 2, (side - h) // 2)
    mask = mask.crop((*box, box[0] + w, box[1] + h))
    top, bottom = (
        Image.new("RGBA", (w, h), palette.top),
        Image.new("RGBA", (w, h), palette.bottom),
    )
    return Image.composite(bottom, top, mask)


def _glows(image, palette, rng):
    """Large blurred discs of the accent colours, for depth. Drawn small, then enlarged."""
    w, h = image.width // 8, image.height // 8
    layer = Image.new("RGBA", (w, h))
    draw = ImageDraw.Draw(layer)
    for colour in rng.sample(palette.accents, 3):
        x, y, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(0.25, 0.45) * h
        _disc(draw, x, y, r, fill=_rgba(colour, rng.randint(70, 120)))
    layer = layer.filter(ImageFilter.GaussianBlur(h * 0.18))
    image.alpha_composite(layer.resize(image.size, Image.Resampling.BILINEAR))


def _hatching(image, palette):
    """Fine diagonal lines over everything: the texture of a printed illustration."""
    layer = Image.new("RGBA", image.size)
    draw = ImageDraw.Draw(layer)
    colour = _rgba("#ffffff" if _is_dark(palette) else "#000000", 10)
    step = 14 * SCALE
    for x in range(-image.height, image.width, step):
        draw.line([(x, image.height), (x + image.height, 0)], fill=colour, width=SCALE)
    image.alpha_composite(layer)


def _disc(draw, x, y, r, **style):
    """A circle of radius `r` centred on (x, y)."""
    draw.ellipse([x - r, y - r, x + r, y + r], **style)


def _is_dark(palette) -> bool:
    return sum(ImageColor.getrgb(palette.top)) < 3 * 128


def _network(draw, rng, palette, w, h):
    """Layers of nodes joined by thin lines: a neural network seen from the side."""
    columns = rng.randint(4, 6)
    left, right = w * rng.uniform(0.08, 0.22), w * rng.uniform(0.78, 0.92)
    layers = []
    for i in range(columns):
        x = left + (right - left) * i / (columns - 1)
        count = rng.randint(3, 7)
        span, middle = h * rng.uniform(0.35, 0.72), h * rng.uniform(0.42, 0.58)
        layers.append(
            [
                (x + rng.uniform(-0.02, 0.02) * w, middle - span / 2 + span * j / (count - 1))
                for j in range(count)
            ]
        )
    line = _rgba(palette.accents[2], 80)
    for here, there in zip(layers, layers[1:], strict=False):
        for a in here:
            for b in there:
                if rng.random() < 0.7:
                    draw.line([a, b], fill=line, width=2 * SCALE)
    for layer in layers:
        for x, y in layer:
            r = rng.uniform(9, 24) * SCALE
            colour = rng.choice(palette.accents)
            ring = r * rng.uniform(1.8, 2.6)
            _disc(draw, x, y, ring, outline=_rgba(colour, 110), width=2 * SCALE)
            _disc(draw, x, y, r, fill=_rgba(colour, 240))


def _tiles(draw, rng, palette, w, h):
    """A grid of rounded squares, filled along a diagonal band, outlined elsewhere."""
    size = h / rng.choice([7, 8, 9])
    gap, slope = size * 0.13, math.tan(rng.uniform(-0.45, 0.45))
    cx, cy = w * rng.uniform(0.4, 0.65), h / 2
    for row in range(math.ceil(h / size)):
        for col in range(math.ceil(w / size)):
            x, y = col * size, row * size
            distance = abs((y + size / 2 - cy) - slope * (x + size / 2 - cx)) / h
            box = [x + gap, y + gap, x + size - gap, y + size - gap]
            if rng.random() < 0.95 - distance * 2.6:
                colour = _rgba(rng.choice(palette.accents), rng.randint(150, 245))
                draw.rounded_rectangle(box, radius=size * 0.14, fill=colour)
            elif rng.random() < 0.45:
                outline = _rgba(palette.accents[2], 55)
                draw.rounded_rectangle(box, radius=size * 0.14, outline=outline, width=2 * SCALE)
    r = h * rng.uniform(0.3, 0.4)
    ox, oy = w * rng.uniform(0.15, 0.85), h * rng.uniform(0.3, 0.7)
    _disc(draw, ox, oy, r, outline=_rgba(palette.accents[1], 150), width=4 * SCALE)


def _clouds(draw, rng, palette, w, h):
    """A stack of server units linked by dotted curves to a cloud."""
    racks_left = rng.random() < 0.5
    x0, rack_w = (w * 0.1 if racks_left else w * 0.6), w * 0.3
    units, unit_h = rng.randint(5, 8), h * 0.065
    top = h * 0.52 - units * unit_h * 1.35 / 2
    ports = []
    for i in range(units):
        y = top + i * unit_h * 1.35
        draw.rounded_rectangle(
            [x0, y, x0 + rack_w, y + unit_h],
            radius=unit_h * 0.25,
            fill=_rgba(palette.accents[3], 70),
            outline=_rgba(palette.accents[0], 170),
            width=2 * SCALE,
        )
        draw.line(
            [(x0 + unit_h * 0.5, y + unit_h / 2), (x0 + rack_w * 0.45, y + unit_h / 2)],
            fill=_rgba(palette.accents[1], 120),
            width=4 * SCALE,
        )
        for k in range(rng.randint(2, 5)):
            cx, cy, r = x0 + rack_w - unit_h * (0.5 + 0.45 * k), y + unit_h / 2, unit_h * 0.12
            _disc(draw, cx, cy, r, fill=_rgba(rng.choice(palette.accents[:3]), 240))
        ports.append((x0 + rack_w if racks_left else x0, y + unit_h / 2))
    b = h * 0.15 * rng.uniform(0.9, 1.15)
    cx, cy = (w * 0.7 if racks_left else w * 0.3), h * rng.uniform(0.36, 0.46)
    cloud = _rgba(palette.accents[1] if _is_dark(palette) else palette.accents[0], 215)
    for dx, dy, r in [
        (-1.5, 0.25, 0.75),
        (-0.6, -0.35, 1.05),
        (0.55, -0.15, 0.9),
        (1.45, 0.3, 0.65),
    ]:
        x, y, r = cx + dx * b, cy + dy * b, r * b
        _disc(draw, x, y, r, fill=cloud)
    draw.rounded_rectangle(
        [cx - 2.2 * b, cy + 0.1 * b, cx + 2.1 * b, cy + 0.95 * b], radius=0.42 * b, fill=cloud
    )
    target_x = cx - 2 * b if racks_left else cx + 2 * b
    for i, (px, py) in enumerate(ports):
        if i % 2:
            continue
        end = (target_x, cy + 0.6 * b)
        for t in range(1, 24):
            x, y = _cubic((px, py), end, t / 24)
            _disc(draw, x, y, 4 * SCALE, fill=_rgba(palette.accents[2], 200))


def _rings(draw, rng, palette, w, h):
    """Broken concentric rings around a core, over a faint honeycomb."""
    side = h / 12
    faint = _rgba(palette.accents[2], 35)
    cx, cy = w * rng.uniform(0.55, 0.72), h * rng.uniform(0.42, 0.58)
    for row in range(-1, math.ceil(h / (side * 0.87)) + 1):
        for col in range(-1, math.ceil(w / side) + 1):
            x, y = col * side + (side / 2 if row % 2 else 0), row * side * 0.87
            # A few cells light up, more of them towards the left, away from the rings.
            lit = x < cx - h * 0.45 and rng.random() < 0.12 * (1 - x / cx)
            fill = _rgba(rng.choice(palette.accents[1:3]), rng.randint(60, 150)) if lit else None
            draw.regular_polygon(
                (x, y, side * 0.46), 6, rotation=30, fill=fill, outline=faint, width=SCALE
            )
    for i in range(rng.randint(6, 8)):
        r = h * (0.09 + i * 0.058)
        start = rng.uniform(0, 360)
        colour = _rgba(rng.choice(palette.accents), rng.randint(150, 240))
        width = round(rng.uniform(3, 16) * SCALE)
        draw.arc(
            [cx - r, cy - r, cx + r, cy + r],
            start,
            start + rng.uniform(140, 320),
            fill=colour,
            width=width,
        )
    core = h * 0.045
    _disc(draw, cx, cy, core, fill=_rgba(palette.accents[0], 250))


def _columns(draw, rng, palette, w, h):
    """A colonnade of bars on a base line, under a circle of twelve dots."""
    on_left = rng.random() < 0.5
    x0, span, base = (w * 0.07 if on_left else w * 0.4), w * 0.53, h * 0.84
    count = rng.randint(7, 11)
    bar = span / count * 0.58
    for i in range(count):
        x, height = x0 + i * span / count, h * rng.uniform(0.22, 0.58)
        colour = _rgba(palette.accents[0] if i % 3 else palette.accents[2], 225)
        draw.rectangle([x, base - height, x + bar, base], fill=colour)
        draw.rectangle(
            [x - bar * 0.18, base - height - bar * 0.3, x + bar * 1.18, base - height], fill=colour
        )
    for k, alpha in enumerate((230, 120, 60)):
        y = base + (10 + k * 22) * SCALE
        draw.line(
            [(w * 0.04, y), (w * 0.96, y)],
            fill=_rgba(palette.accents[3], alpha),
            width=(6 - 2 * k) * SCALE,
        )
    cx, cy, r = (w * 0.8 if on_left else w * 0.2), h * 0.38, h * 0.2
    for k in range(12):
        angle = 2 * math.pi * k / 12
        x, y, dot = cx + r * math.cos(angle), cy + r * math.sin(angle), h * 0.02
        _disc(draw, x, y, dot, fill=_rgba(palette.accents[1], 245))
    _disc(draw, cx, cy, r * 1.3, outline=_rgba(palette.accents[0], 90), width=3 * SCALE)


def _branches(draw, rng, palette, w, h):
    """Parallel lanes that fork off a main line and merge back, dotted with commits."""
    lanes = rng.randint(3, 5)
    ys = [h * (0.22 + 0.56 * i / (lanes - 1)) for i in range(lanes)]
    main = rng.randrange(lanes)
    width = 7 * SCALE
    commits = []
    draw.line([(0, ys[main]), (w, ys[main])], fill=_rgba(palette.accents[2], 230), width=width)
    commits += [(x, ys[main], palette.accents[2]) for x in _spaced(rng, 0.04 * w, 0.96 * w, 9)]
    for lane, y in enumerate(ys):
        if lane == main:
            continue
        colour = palette.accents[lane % 2] if lane % 3 else palette.accents[3]
        start = w * rng.uniform(0.02, 0.35)
        end = min(w * 1.05, start + w * rng.uniform(0.35, 0.6))
        bend = w * 0.11
        path = [_cubic((start, ys[main]), (start + bend, y), t / 30) for t in range(31)]
        path += [_cubic((end, y), (end + bend, ys[main]), t / 30) for t in range(31)]
        draw.line(path, fill=_rgba(colour, 230), width=width, joint="curve")
        commits += [(x, y, colour) for x in _spaced(rng, start + bend * 1.3, end - bend * 0.3, 4)]
    r = 16 * SCALE
    for x, y, colour in commits:
        _disc(
            draw, x, y, r, fill=_rgba(palette.top, 255), outline=_rgba(colour, 255), width=5 * SCALE
        )


def _spaced(rng, start, end, count):
    step = (end - start) / count
    return [start + step * (i + 0.5) + rng.uniform(-0.2, 0.2) * step for i in range(count)]


def _cubic(p0, p1, t):
    """A point on an S-curve from p0 to p1 with horizontal tangents at both ends."""
    (x0, y0), (x1, y1) = p0, p1
    mid = (x0 + x1) / 2
    u = 1 - t
    x = u**3 * x0 + 3 * u * u * t * mid + 3 * u * t * t * mid + t**3 * x1
    y = u**3 * y0 + 3 * u * u * t * y0 + 3 * u * t * t * y1 + t**3 * y1
    return x, y


MOTIF_FUNCTIONS = {
    "network": _network,
    "tiles": _tiles,
    "clouds": _clouds,
    "rings": _rings,
    "columns": _columns,
    "branches": _branches,
}
