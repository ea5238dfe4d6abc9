"""Plain values passed along the ingest chain: Article in, Extraction out (no RDF here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal["Person", "Organization", "Country", "Place", "NamedEvent", "Other"]
Factuality = Literal["asserted", "possible", "future", "negated"]

ENTITY_TYPES: tuple[EntityType, ...] = (
    "Person", "Organization", "Country", "Place", "NamedEvent", "Other",
)
FACTUALITIES: tuple[Factuality, ...] = ("asserted", "possible", "future", "negated")
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article text: [start, end) in code points of ``Article.text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class RelatedStub:
    """A related article known only by its headline and date (a "Latest news" entry)."""

    headline: str
    date: dt.date | None


@dataclass(frozen=True)
class Article:
    """One article as read from its source; every offset elsewhere counts in ``text``.

    ``body`` is ``text[body_start:body_end]`` with hard line wraps turned into spaces: the same
    length, so an offset into the body plus ``body_start`` is an offset into ``text``.
    Paragraph breaks stay newlines.
    """

    source: str
    text: str
    headline: str
    date: dt.date | None
    body_start: int
    body_end: int
    body: str
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    language: str = "en"
    related: tuple[RelatedStub, ...] = ()

    def __post_init__(self) -> None:
        """Keep the body aligned with the text it was cut from."""
        if len(self.body) != self.body_end - self.body_start:
            raise ValueError("Article.body must be as long as text[body_start:body_end]")

    def paragraphs(self) -> list[Span]:
        """The body's paragraphs as spans of ``text`` (split on newlines)."""
        spans: list[Span] = []
        pos = 0
        for line in self.body.split("\n"):
            stripped = line.strip()
            if stripped:
                lead = len(line) - len(line.lstrip())
                start = self.body_start + pos + lead
                spans.append(Span(start, start + len(stripped), stripped))
            pos += len(line) + 1
        return spans


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in the text, with the extractor's confidence."""

    start: int
    end: int
    text: str
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Role:
    """A position an entity holds at the article's date, e.g. Prime Minister of Armenia."""

    title: str
    of_key: str | None = None
    of_label: str | None = None


@dataclass(frozen=True)
class Entity:
    """A distinct person, organisation, country, place or named event of one article.

    ``key`` is stable across articles: the Wikidata Q-id when linked ("Q7035479"), else
    "<type>/<slug of label>" ("place/siberia"). IRIs are minted from it in one place (iri.py).
    """

    key: str
    label: str
    type: EntityType
    wikidata: str | None
    mentions: tuple[Mention, ...]
    stands_for: str | None = None
    country: str | None = None
    roles: tuple[Role, ...] = ()
    confidence: float = 1.0


@dataclass(frozen=True)
class Event:
    """A reported event: PLOVER type, participants (entity keys), place, date, factuality."""

    type: str
    mode: str
    actors: tuple[str, ...]
    targets: tuple[str, ...]
    place: str | None
    date: str | None
    factuality: Factuality
    evidence: Span
    trigger: Span | None = None
    confidence: float = 1.0


@dataclass(frozen=True)
class Extraction:
    """What extraction found in one article, with the extractor that found it."""

    entities: tuple[Entity, ...]
    events: tuple[Event, ...]
    extractor: str
    skipped: str | None = field(default=None)
