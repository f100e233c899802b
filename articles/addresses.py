"""Addresses that do not change while the site runs, each worked out once per process:
readers' templates (articles/templating.py) and structured data (articles/seo.py) ask
for them on every page."""

import functools

from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import get_script_prefix, reverse


def url(name: str, **kwargs) -> str:
    """reverse(); an address without arguments (the menu's) is reversed once."""
    if kwargs:
        return reverse(name, kwargs=kwargs)
    return _fixed_url(name, get_script_prefix())


@functools.cache
def _fixed_url(name: str, script_prefix: str) -> str:
    return reverse(name)


@functools.cache
def static(path: str) -> str:
    """A static file's address, with its content hash in production."""
    return staticfiles_storage.url(path)
