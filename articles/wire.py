"""Plain-text wire copy, turned into articles waiting for an editor's review.

One article per UTF-8 file::

     date 2023-01 The lead, which becomes the standfirst.

    A body paragraph. Blank lines separate paragraphs.

    A short line without final punctuation

    That line above is an intertitle (h2); this is a paragraph again.

    Source : Microsoft

The date line may carry leading spaces and the lead may go on over the next lines, as
may any paragraph. The closing `Source` line is optional. The title is provisional,
made from the lead, for an editor to finish; tags found in the text are attached for
the editor to confirm.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from pathlib import Path

import reversion
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from .models import Article, Citation, Source, Tag
from .slugs import LIGATURES

# A line this short without final punctuation is an intertitle, not a paragraph.
HEADING_MAX_LENGTH = 100
FINAL_PUNCTUATION = tuple('.,;:!?…»"”’)]')
TITLE_MAX_LENGTH = 90
SHORTEST_SENTENCE = 12
# Wire copy carries a month, not a time: articles take the morning edition's slot.
PUBLICATION_TIME = time(8, 0)

DATE_LINE = re.compile(r"date\s+(\d{4})-(\d{2})(?!\S)\s*(.*)", re.IGNORECASE)
SOURCE_LINE = re.compile(r"source\s*:\s*(.*)", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?…](?=\s|$)")
# Where a provisional title may not end: a dangling comma, dash or opening quote.
TITLE_TRIM = " \u00a0\u202f,;:«(–—-"
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})


class WireError(Exception):
    """A file that does not fit the wire format. Nothing from it is saved."""

    def __init__(self, file: str, line: int | None, message: str):
        super().__init__(file, line, message)
        self.file, self.line, self.message = file, line, message

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class WireCopy:
    """What a wire file says, ready to become an article."""

    month: date  # the first day of the month on the date line
    standfirst: str
    blocks: tuple[tuple[str, str], ...]  # ("p" or "h2", plain text), in reading order
    source: str  # "" when the file names none

    @property
    def title(self) -> str:
        return provisional_title(self.standfirst)

    @property
    def body(self) -> str:
        return "\n".join(f"<{tag}>{escape(text)}</{tag}>" for tag, text in self.blocks)

    @property
    def published_at(self) -> datetime:
        paris = timezone.get_default_timezone()
        return timezone.make_aware(datetime.combine(self.month, PUBLICATION_TIME), paris)

    @property
    def text(self) -> str:
        """Title, standfirst and body as plain text, one paragraph a line."""
        return "\n".join([self.title, self.standfirst, *(text for _tag, text in self.blocks)])


# --- Reading ---------------------------------------------------------------


def parse(data: bytes, file: str) -> WireCopy:
    """Read wire copy, or raise WireError naming `file` and the faulty line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise WireError(file, line, _("The file is not UTF-8 text.")) from None
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    numbered = [(number, _clean(line)) for number, line in enumerate(raw_lines, start=1)]
    lines = [(number, line) for number, line in numbered if line]
    if not lines:
        raise WireError(file, 1, _("The file is empty."))

    first_number, first_line = lines[0]
    date_line = DATE_LINE.fullmatch(first_line)
    if not date_line:
        message = _("The first line must start with “date YYYY-MM” followed by the lead.")
        raise WireError(file, first_number, message)
    year, month, lead = date_line.groups()
    try:
        month_start = date(int(year), int(month), 1)
    except ValueError:
        message = _("%(value)s is not a real month.") % {"value": f"{year}-{month}"}
        raise WireError(file, first_number, message) from None

    source = ""
    last_number, last_line = lines[-1]
    if len(lines) > 1 and (source_line := SOURCE_LINE.fullmatch(last_line)):
        source = source_line.group(1).rstrip(" .")
        if not source:
            raise WireError(file, last_number, _("The Source line names no source."))
        max_length = Source._meta.get_field("name").max_length
        if len(source) > max_length:
            message = _("A source name has at most %(max)d characters.") % {"max": max_length}
            raise WireError(file, last_number, message)
        numbered = [(number, line) for number, line in numbered if number != last_number]

    paragraphs = _paragraphs(numbered)
    lead_lines = paragraphs[0][1:]
    standfirst = " ".join([lead, *lead_lines]).strip()
    if not standfirst:
        raise WireError(file, first_number, _("The date must be followed by the lead."))
    blocks = tuple(_block(paragraph) for paragraph in paragraphs[1:])
    if not any(tag == "p" for tag, _text in blocks):
        after_lead = first_number + len(lead_lines) + 1
        raise WireError(file, after_lead, _("No body paragraph follows the lead."))
    return WireCopy(month=month_start, standfirst=standfirst, blocks=blocks, source=source)


def _clean(line: str) -> str:
    # Runs of spaces collapse; non-breaking spaces (French typography) stay.
    return re.sub(r"[ \t]+", " ", line.strip())


def _paragraphs(numbered: list[tuple[int, str]]) -> list[list[str]]:
    """Lines grouped into paragraphs at blank lines."""
    paragraphs: list[list[str]] = [[]]
    for _number, line in numbered:
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [paragraph for paragraph in paragraphs if paragraph]


def _block(lines: list[str]) -> tuple[str, str]:
    text = " ".join(lines)
    is_heading = (
        len(lines) == 1 and len(text) <= HEADING_MAX_LENGTH and not text.endswith(FINAL_PUNCTUATION)
    )
    return ("h2" if is_heading else "p", text)


def provisional_title(standfirst: str) -> str:
    """The lead's first sentence, cut at a word to TITLE_MAX_LENGTH characters with "…"."""
    # A full stop this early is an abbreviation ("M. Nadella"), not a sentence's end.
    end = SENTENCE_END.search(standfirst, SHORTEST_SENTENCE)
    sentence = standfirst[: end.end()] if end else standfirst
    sentence = sentence.removesuffix(".")
    if len(sentence) <= TITLE_MAX_LENGTH:
        return sentence
    cut = sentence[: TITLE_MAX_LENGTH - 1]
    # Only plain spaces part words: "« troisième" joined by a non-breaking space stays whole.
    if sentence[len(cut)] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(TITLE_TRIM) + "…"


# --- Tags ------------------------------------------------------------------


def fold(text: str) -> str:
    """Lowercase ASCII letters for matching: "L’Intelligence Artificielle" and
    "l'intelligence artificielle" fold alike. Whitespace runs become one space."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LIGATURES))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.translate(APOSTROPHES).lower().split())


def _words(name: str) -> tuple[str, ...]:
    # A hyphen or a space between words: "Open-AI" and "Open AI" are one spelling.
    return tuple(word for word in re.split(r"[\s-]+", fold(name)) if word)


def find_tags(text: str, tags: Iterable[Tag]) -> list[Tag]:
    """The tags whose name or an alias appears in `text` as whole words.

    Give tags with their aliases prefetched. Where spellings overlap the longest wins:
    "Open IA" names OpenAI only, not IA too.
    """
    tags = list(tags)
    by_words: dict[tuple[str, ...], Tag] = {}
    for tag in tags:
        by_words.setdefault(_words(tag.name), tag)
    for tag in tags:
        for alias in tag.aliases.all():
            by_words.setdefault(_words(alias.name), tag)
    by_words.pop((), None)
    if not by_words:
        return []
    spellings = sorted(by_words, key=lambda words: len(" ".join(words)), reverse=True)
    alternatives = "|".join("[ -]+".join(map(re.escape, words)) for words in spellings)
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    found = {
        by_words[_words(match.group())]
        for line in text.split("\n")
        for match in pattern.finditer(fold(line))
    }
    return sorted(found, key=lambda tag: fold(tag.name))


# --- Saving ----------------------------------------------------------------


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    KEPT = "kept"  # published since an earlier import: left as the editors made it


@dataclass(frozen=True)
class Imported:
    article: Article
    outcome: Outcome
    tags: tuple[Tag, ...] = ()


def save(copy: WireCopy, wire_file: str) -> Imported:
    """Create, or update, the article imported from the file named `wire_file`.

    All or nothing. The article becomes what the file says: title, standfirst, body,
    date, its one citation and the tags found. A new article waits in review, without
    author; an updated one keeps its status, slug and authors. An article that is, or
    once was, published is never touched. Each import is a revision in the article's
    history, so an editor can get back what it replaced.
    """
    with transaction.atomic():
        article = Article.objects.select_for_update().filter(wire_file=wire_file).first()
        if article and (article.status == Article.Status.PUBLISHED or article.first_published_at):
            return Imported(article, Outcome.KEPT)
        outcome = Outcome.UPDATED if article else Outcome.CREATED
        article = article or Article(wire_file=wire_file, status=Article.Status.REVIEW)
        tags = find_tags(copy.text, Tag.objects.prefetch_related("aliases"))
        with reversion.create_revision():
            reversion.set_comment(_("Imported from wire file %(file)s") % {"file": wire_file})
            article.title = copy.title
            article.standfirst = copy.standfirst
            article.body = copy.body
            article.published_at = copy.published_at
            article.save()
            article.tags.set(tags)
            _cite(article, copy.source)
    return Imported(article, outcome, tuple(tags))


def _cite(article: Article, source_name: str) -> None:
    """The article cites the file's source only; a citation already there keeps its page."""
    if not source_name:
        article.citations.all().delete()
        return
    source = Source.objects.filter(name__iexact=source_name).first()
    source = source or Source.objects.create(name=source_name)
    article.citations.exclude(source=source).delete()
    if not article.citations.update(position=0):
        Citation.objects.create(article=article, source=source, position=0)


def import_file(path: Path) -> Imported:
    """Read, check and save one wire file; its base name identifies it on re-import."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise WireError(str(path), None, _("No such file.")) from None
    except OSError as error:
        message = _("The file cannot be read (%(reason)s).") % {"reason": error.strerror}
        raise WireError(str(path), None, message) from None
    return save(parse(data, str(path)), path.name)
