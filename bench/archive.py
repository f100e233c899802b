"""A seeded generator of a newsroom archive: what `manage.py build_archive` stores.

Everything is drawn from one random.Random(seed), in a fixed order, so an archive size
always gives the same titles, bodies, tags and sources (only the dates follow the clock:
the newest article is always minutes old). Tags and sources are drawn with Zipf-like
weights, as on a real site: the first tag (Microsoft) labels about a third of the
archive, the 300th a handful of articles.
"""

import itertools
import random
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from articles.slugs import slugify

from . import corpus

TAGS = 300
SOURCES = 2000
AUTHORS = 50
# Shares of the published count.
DRAFT_SHARE = 0.02
SCHEDULED_SHARE = 0.005
HERO_SHARE = 0.70
# How far back the archive goes, and how far ahead the scheduled articles are.
YEARS = 10
SCHEDULED_WITHIN = timedelta(days=7)
# How many tags, sources and authors an article has, and how often.
TAGS_PER_ARTICLE = {1: 15, 2: 30, 3: 30, 4: 15, 5: 10}
SOURCES_PER_ARTICLE = {1: 35, 2: 40, 3: 25}
AUTHORS_PER_ARTICLE = {1: 85, 2: 15}
# A body's length in characters: about 4 KB of UTF-8 once accents are counted.
BODY_CHARS = (3500, 4400)
STANDFIRST_CHARS = (80, 250)
# Filled sentences the bodies of one company's articles are made of: enough that no two
# bodies read alike.
SENTENCES_PER_SUBJECT = 400
SLUG_LENGTH = 180


def counts(articles: int) -> dict[str, int]:
    """How many rows of each kind an archive of `articles` published articles holds."""
    drafts = round(articles * DRAFT_SHARE)
    scheduled = round(articles * SCHEDULED_SHARE)
    return {
        "articles": articles + drafts + scheduled,
        "published": articles,
        "drafts": drafts,
        "scheduled": scheduled,
        "tags": TAGS,
        "sources": SOURCES,
        "authors": AUTHORS,
    }


@dataclass
class Draw:
    """One generated article, before it is stored: ids are indexes in the vocabulary."""

    subject: str  # the company the article is about
    title: str
    slug: str
    standfirst: str
    body: str
    status: str  # "published" or "draft"
    published_at: datetime | None
    image: int | None  # index of a shared hero image
    tags: list[int]
    sources: list[int]
    authors: list[int]
    citation_urls: list[bool]  # whether each citation links to the exact page


class Generator:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.slugs: Counter[str] = Counter()
        self.subjects = list(corpus.SUBJECTS)
        self.subject_weights = list(itertools.accumulate(corpus.SUBJECTS.values()))
        self.templates = {
            kind: {
                subject: [template for template in templates if corpus.fits(template, subject)]
                for subject in self.subjects
            }
            for kind, templates in (
                ("title", corpus.TITLES),
                ("standfirst", corpus.STANDFIRSTS),
                ("sentence", corpus.SENTENCES),
                ("list item", corpus.LIST_ITEMS),
                ("intertitle", corpus.INTERTITLES),
            )
        }
        # In a body, as the sanitiser writes them: non-breaking spaces as &nbsp;.
        self.sentences = {
            subject: [
                self._fill("sentence", subject).replace("\xa0", "&nbsp;")
                for _ in range(SENTENCES_PER_SUBJECT)
            ]
            for subject in self.subjects
        }
        self.tag_weights = _zipf(TAGS)
        self.source_weights = _zipf(SOURCES)
        self.author_weights = _zipf(AUTHORS, exponent=0.5)

    # --- The vocabulary ------------------------------------------------------------

    def tag_names(self) -> list[str]:
        return corpus.TAG_NAMES[:TAGS]

    def sources(self) -> list[tuple[str, str]]:
        """(name, url) of each source, the most cited first: known names, then made-up
        companies, media and institutions."""
        known = list(corpus.KNOWN_SOURCES)
        slugs = {slugify(name) for name, _url in known}
        stems, cities = corpus.COMPANY_STEMS, corpus.CITIES
        candidates = [f"{stem} {kind}" for stem in stems for kind in corpus.COMPANY_KINDS]
        for pattern in corpus.MEDIA_PATTERNS + corpus.INSTITUTION_PATTERNS:
            if "{x}" in pattern:
                candidates += [pattern.format(x=stem) for stem in stems]
            else:
                candidates += [pattern.format(city=city) for city in cities]
        random.Random(self.rng.random()).shuffle(candidates)
        made_up = []
        for name in candidates:
            if slugify(name) not in slugs:
                slugs.add(slugify(name))
                made_up.append((name, f"https://www.{slugify(name)}.fr/"))
        if len(known) + len(made_up) < SOURCES:
            raise ValueError(f"Only {len(known) + len(made_up)} source names for {SOURCES}.")
        return (known + made_up)[:SOURCES]

    def author_names(self) -> list[str]:
        pairs = list(itertools.product(corpus.FIRST_NAMES, corpus.LAST_NAMES))
        return [f"{first} {last}" for first, last in self.rng.sample(pairs, AUTHORS)]

    # --- The articles ----------------------------------------------------------------

    def articles(self, published: int, now: datetime, images: int):
        """Every article: the published ones oldest first, then drafts and scheduled ones."""
        span = timedelta(days=365.25 * YEARS).total_seconds()
        ages = sorted((self.rng.uniform(300, span) for _ in range(published)), reverse=True)
        for age in ages:
            yield self.article("published", now - timedelta(seconds=age), images)
        total = counts(published)
        others = ["draft"] * total["drafts"] + ["scheduled"] * total["scheduled"]
        self.rng.shuffle(others)
        for kind in others:
            if kind == "draft":
                yield self.article("draft", None, images)
            else:
                ahead = self.rng.uniform(3600, SCHEDULED_WITHIN.total_seconds())
                yield self.article("published", now + timedelta(seconds=ahead), images)

    def article(self, status: str, published_at: datetime | None, images: int) -> Draw:
        rng = self.rng
        subject = rng.choices(self.subjects, cum_weights=self.subject_weights)[0]
        title = self._fill("title", subject)
        sources = self._pick(self.source_weights, SOURCES_PER_ARTICLE)
        return Draw(
            subject=subject,
            title=title,
            slug=self._slug(title),
            standfirst=self._standfirst(subject),
            body=self._body(subject),
            status=status,
            published_at=published_at,
            image=rng.randrange(images) if images and rng.random() < HERO_SHARE else None,
            tags=self._pick(self.tag_weights, TAGS_PER_ARTICLE),
            sources=sources,
            authors=self._pick(self.author_weights, AUTHORS_PER_ARTICLE),
            citation_urls=[rng.random() < 0.4 for _ in sources],
        )

    def _fill(self, kind: str, subject: str) -> str:
        return corpus.fill(self.rng.choice(self.templates[kind][subject]), self.rng, subject)

    def _pick(self, cum_weights: list[float], how_many: dict[int, int]) -> list[int]:
        """Distinct indexes drawn by weight, as many as `how_many` says."""
        rng = self.rng
        wanted = rng.choices(list(how_many), weights=list(how_many.values()))[0]
        picked: dict[int, None] = {}
        while len(picked) < wanted:
            for index in rng.choices(range(len(cum_weights)), cum_weights=cum_weights, k=wanted):
                picked.setdefault(index)
        return list(picked)[:wanted]

    def _slug(self, title: str) -> str:
        base = slugify(title)[:SLUG_LENGTH].strip("-")
        self.slugs[base] += 1
        n = self.slugs[base]
        return base if n == 1 else f"{base}-{n}"

    def _standfirst(self, subject: str) -> str:
        rng = self.rng
        shortest, longest = STANDFIRST_CHARS
        while True:
            text = self._fill("standfirst", subject)
            while len(text) < shortest:
                text += " " + rng.choice(self.sentences[subject]).replace("&nbsp;", "\xa0")
            if len(text) <= longest:
                return text

    def _body(self, subject: str) -> str:
        """Paragraphs of 2 to 5 sentences, an intertitle every few paragraphs, now and
        then a bulleted list or a link: HTML as the sanitiser leaves it."""
        rng = self.rng
        target = rng.randint(*BODY_CHARS)
        blocks: list[str] = []
        size = 0
        link_at = rng.randrange(2, 8) if rng.random() < 0.3 else -1
        list_at = rng.randrange(3, 9) if rng.random() < 0.2 else -1
        paragraphs = 0
        while size < target:
            if paragraphs >= 2 and paragraphs % 3 == 2 and rng.random() < 0.7:
                block = f"<h2>{rng.choice(self.templates['intertitle'][subject])}</h2>"
            elif paragraphs == list_at:
                items = rng.sample(self.templates["list item"][subject], rng.randint(3, 5))
                filled = "".join(
                    f"<li>{corpus.fill(item, rng, subject).replace(chr(0xA0), '&nbsp;')}</li>"
                    for item in items
                )
                block = f"<p>Parmi les annonces :</p>\n<ul>{filled}</ul>"
            else:
                text = " ".join(rng.choices(self.sentences[subject], k=rng.randint(2, 5)))
                if paragraphs == link_at:
                    url, words = rng.choice(
                        [link for link in corpus.LINKS if corpus.fits(link[1], subject)]
                    )
                    link = f'<a href="{url}" rel="noopener noreferrer">{words}</a>'
                    text += f" Le détail figure dans {link}."
                block = f"<p>{text}</p>"
            paragraphs += 1
            blocks.append(block)
            size += len(block) + 1
        return "\n".join(blocks)


def _zipf(n: int, exponent: float = 1.0) -> list[float]:
    """Cumulative weights 1, 1/2^s, 1/3^s…: rank 1 is drawn twice as often as rank 2."""
    return list(itertools.accumulate(1 / rank**exponent for rank in range(1, n + 1)))
