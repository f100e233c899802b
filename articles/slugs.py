"""Slugs for URLs: lowercase ASCII, French accents and ligatures folded."""

from django.db import models
from django.utils.text import slugify as django_slugify

# NFKD folds "é" to "e" but drops ligatures; spell them out first.
LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def slugify(text: str) -> str:
    """ "Sécurité" -> "securite", "IA" -> "ia", "Cœur d'Azure" -> "coeur-dazure"."""
    return django_slugify(str(text).translate(LIGATURES))


def unique_slug(instance: models.Model, text: str, field: str = "slug") -> str:
    """The slug of `text`, with -2, -3… appended until no other row of the model has it."""
    model = type(instance)
    max_length = model._meta.get_field(field).max_length
    base = slugify(text)[:max_length].strip("-") or model._meta.model_name
    others = model._default_manager.exclude(pk=instance.pk)
    candidate, n = base, 1
    while others.filter(**{field: candidate}).exists():
        n += 1
        suffix = f"-{n}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
    return candidate
