"""How editors type tags: a comma-separated list, never split on spaces."""

from collections.abc import Iterable


def parse_tags(text: str | None) -> list[str]:
    """ "IA, intelligence artificielle,Azure" -> ["Azure", "IA", "intelligence artificielle"].

    Only commas separate tags, so a name with spaces stays one tag. Blank entries and
    repeated spaces are dropped.
    """
    if not text:
        return []
    names = {" ".join(part.split()) for part in text.split(",")}
    return sorted(name for name in names if name)


def join_tags(tags: Iterable) -> str:
    """The inverse of parse_tags, for the admin's tag field."""
    return ", ".join(sorted(tag.name for tag in tags))
