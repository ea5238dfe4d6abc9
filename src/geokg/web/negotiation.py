"""Content negotiation: a path suffix, then ``?format=``, then the Accept header with q-values."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flask import request

from ..errors import GeokgError

#: Short names accepted as ``?format=`` values and as path suffixes (``.ttl``), per media type.
FORMAT_NAMES: dict[str, tuple[str, ...]] = {
    "text/turtle": ("ttl", "turtle"),
    "application/ld+json": ("jsonld", "json-ld"),
    "application/n-triples": ("nt", "ntriples", "n-triples"),
    "application/rdf+xml": ("rdf", "rdfxml", "rdf-xml"),
    "text/html": ("html",),
    "application/sparql-results+json": ("json", "srj"),
    # plain JSON (search results) answers to "json" where SPARQL JSON is not offered
    "application/json": ("json",),
    "application/sparql-results+xml": ("xml", "srx"),
    "text/csv": ("csv",),
    "text/tab-separated-values": ("tsv",),
}

#: The suffix written in links to each format of a resource (``/entity/Q159.ttl``).
SUFFIXES: dict[str, str] = {
    "text/turtle": "ttl",
    "application/ld+json": "jsonld",
    "application/n-triples": "nt",
    "application/rdf+xml": "rdf",
    "text/html": "html",
}


#: The media type of each suffix (``ttl`` -> ``text/turtle``).
BY_SUFFIX: dict[str, str] = {suffix: media_type for media_type, suffix in SUFFIXES.items()}

def split_suffix(path: str) -> tuple[str, str | None]:
    """A path without its format suffix, and the suffix (``entity/Q1.ttl`` -> ``ttl``) if any."""
    stem, dot, suffix = path.rpartition(".")
    return (stem, suffix) if dot and suffix in BY_SUFFIX else (path, None)


#: rdflib's serialiser name of each RDF media type the site writes with rdflib.
RDFLIB_FORMATS: dict[str, str] = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}


class NotAcceptable(GeokgError):
    """None of the offered media types is acceptable to the client."""

    status = 406

    def __init__(self, offered: Sequence[str], asked: str | None = None) -> None:
        what = f"{asked!r} is not offered here" if asked else "no offered media type is acceptable"
        super().__init__(f"{what}; offered: {', '.join(offered)}")
        self.offered = tuple(offered)


class UnknownFormat(GeokgError):
    """A ``format=`` value that names no known format."""

    status = 400


@dataclass(frozen=True, slots=True)
class Offer:
    """A media type the server can send, and other names (``application/json``) it answers to."""

    media_type: str
    aliases: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        """Every media type this offer satisfies."""
        return (self.media_type, *self.aliases)


@dataclass(frozen=True, slots=True)
class MediaRange:
    """One entry of an Accept header."""

    type: str
    subtype: str
    q: float

    def specificity(self, media_type: str) -> int:
        """How precisely this range matches ``media_type`` (2 exact, 1 type/*, 0 */*; -1 none)."""
        main, _, sub = media_type.partition("/")
        if self.type == "*":
            return 0 if self.subtype == "*" else -1
        if self.type != main:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == sub else -1


def parse_accept(header: str) -> list[MediaRange]:
    """The media ranges of an Accept header (RFC 9110 §12.5.1); malformed entries are skipped."""
    ranges = []
    for item in header.split(","):
        parts = [p.strip() for p in item.split(";")]
        main, slash, sub = parts[0].lower().partition("/")
        if not slash or not main or not sub:
            continue
        q = 1.0
        for param in parts[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
                break  # parameters after q are accept-extensions, not media type parameters
        ranges.append(MediaRange(main, sub, q))
    return ranges


def quality(media_type: str, ranges: Sequence[MediaRange]) -> float:
    """The q-value the client gives ``media_type``: that of the most specific matching range."""
    best_spec, best_q = -1, 0.0
    for r in ranges:
        spec = r.specificity(media_type)
        if spec > best_spec or (spec == best_spec and r.q > best_q):
            best_spec, best_q = spec, r.q
    return best_q if best_spec >= 0 else 0.0


def choose(offers: Sequence[Offer], accept: str | None) -> Offer | None:
    """The offer the client prefers; ties go to the server's order. None if nothing fits."""
    if not offers:
        return None
    if accept is None or not accept.strip():
        return offers[0]
    ranges = parse_accept(accept)
    if not ranges:
        return offers[0]
    best: Offer | None = None
    best_q = 0.0
    for offer in offers:
        q = max(quality(name, ranges) for name in offer.names())
        if q > best_q:
            best, best_q = offer, q
    return best


def media_type_for_name(name: str) -> str | None:
    """The media type a short format name (``ttl``) or a full media type stands for."""
    name = name.strip().lower()
    if "/" in name:
        return name
    for media_type, names in FORMAT_NAMES.items():
        if name in names:
            return media_type
    return None


def negotiate(
    offers: Sequence[Offer],
    accept: str | None,
    *,
    suffix: str | None = None,
    format_param: str | None = None,
) -> Offer:
    """The offer to send: a suffix wins, then ``format=``, then Accept.

    Raises:
        UnknownFormat: ``format=`` names no format at all.
        NotAcceptable: the suffix, format or Accept header asks for nothing offered.
    """
    forced = suffix if suffix is not None else format_param
    if forced is not None and forced != "":
        media_type = media_type_for_name(forced)
        if media_type is None:
            known = sorted({n for names in FORMAT_NAMES.values() for n in names})
            raise UnknownFormat(f"unknown format {forced!r}; known: {', '.join(known)}")
        # a short name may stand for several types ("json"): the first one offered wins
        named = {m for m, names in FORMAT_NAMES.items() if forced.strip().lower() in names}
        for offer in offers:
            if {media_type, *named} & set(offer.names()):
                return offer
        raise NotAcceptable([o.media_type for o in offers], asked=media_type)
    chosen = choose(offers, accept)
    if chosen is None:
        raise NotAcceptable([o.media_type for o in offers])
    return chosen


def negotiate_request(offers: Sequence[Offer], *, suffix: str | None = None) -> Offer:
    """``negotiate`` for the current request: its suffix, then ``?format=``, then Accept."""
    return negotiate(
        offers, request.headers.get("Accept"), suffix=suffix,
        format_param=request.args.get("format"),
    )
