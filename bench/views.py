"""The ceiling: the fastest page this stack can serve, to measure the others against.

A plain view returning a fixed HTML page, built once per size, with no template, no
database query and no cache in front of it, but through the same middleware as every
page. Its size (BENCH_CEILING_BYTES, set by the runner to the home page's size) makes
the comparison fair on bytes sent too.
"""

import functools
import os

from django.http import HttpResponse

DEFAULT_BYTES = 30_000
HEAD = (
    '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
    "<title>Plafond</title>\n</head>\n<body>\n<main>\n"
)
TAIL = "</main>\n</body>\n</html>\n"
PARAGRAPH = (
    "<p>Cette page fixe mesure ce que coûte une réponse sans requête ni gabarit : "
    "le serveur, les middlewares et le réseau local, rien de plus.</p>\n"
)


@functools.cache
def page(size: int) -> bytes:
    """An HTML page of exactly `size` bytes (at least the bare document)."""
    head, tail, paragraph = HEAD.encode(), TAIL.encode(), PARAGRAPH.encode()
    room = max(0, size - len(head) - len(tail))
    body = paragraph * (room // len(paragraph))
    body += b" " * (room - len(body))  # whitespace pads to the exact size
    return head + body + tail


def ceiling(request):
    size = int(os.environ.get("BENCH_CEILING_BYTES", DEFAULT_BYTES))
    return HttpResponse(page(size), content_type="text/html; charset=utf-8")
