"""Addresses that do not change while the site runs, each worked out once per process:
readers' templates (articles/templating.py) and structured data (articles/seo.py) ask
for them on every page."""

import functools

from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import get_script_prefix, reverse


def url(name: str, **kwargs) -> str:
    """reverse(), each address reversed once per process: the menu's on every page, an
    archive month's on each of its articles."""
    return _reversed(name, tuple(kwargs.items()), get_script_prefix())


@functools.lru_cache(maxsize=4096)
def _reversed(name: str, kwargs: tuple, script_prefix: str) -> str:
    return reverse(name, kwargs=dict(kwargs))


@functools.cache
def static(path: str) -> str:
    """A static file's address, with its content hash in production."""
    return staticfiles_storage.url(path)
