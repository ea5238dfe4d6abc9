"""Deterministic IRI minting: the same article or entity always gets the same IRI."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata

DEFAULT_BASE = "http://127.0.0.1:8000/"
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
_QID = re.compile(r"^Q[1-9][0-9]*$")
# Unicode dashes and the minus sign, which ASCII folding would drop, joining two words.
_DASHES = re.compile("[\u2010-\u2015\u2212]")


def slugify(text: str, max_len: int = 60) -> str:
    """Lower-case ASCII words joined by hyphens, at most ``max_len`` characters; dashes
    separate words as hyphens do ("Russia–Kyrgyzstan" is "russia-kyrgyzstan")."""
    text = _DASHES.sub("-", text)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_len].rstrip("-") or "x"


def normalize_base(base: str) -> str:
    """The base IRI with exactly one trailing slash."""
    return base.rstrip("/") + "/"


def article_id(headline: str, date: dt.date | None) -> str:
    """Stable local id of an article: readable slug plus a digest of headline and date."""
    norm = " ".join(headline.split()).casefold()
    digest = hashlib.sha256(f"{norm}|{date.isoformat() if date else ''}".encode()).hexdigest()
    return f"{slugify(headline, 48)}-{digest[:10]}"


def article_iri(base: str, local_id: str) -> str:
    """IRI of an article."""
    return f"{normalize_base(base)}article/{local_id}"


def graph_iri(base: str, local_id: str) -> str:
    """IRI of the named graph that holds everything one article says."""
    return f"{normalize_base(base)}graph/{local_id}"


def entity_key(label: str, type_: str, wikidata: str | None) -> str:
    """The key of an entity: its Q-id when linked, else type and slug of its label."""
    if wikidata:
        return wikidata
    return f"{type_.lower()}/{slugify(label)}"


def entity_iri(base: str, key: str) -> str:
    """IRI of an entity from its key."""
    return f"{normalize_base(base)}entity/{key}"


def event_iri(base: str, local_id: str, index: int) -> str:
    """IRI of the index-th event of an article."""
    return f"{normalize_base(base)}event/{local_id}/{index}"


def mention_iri(base: str, local_id: str, start: int, end: int) -> str:
    """IRI of the annotation of an entity mention at body offsets [start, end)."""
    return f"{normalize_base(base)}annotation/{local_id}/m{start}-{end}"


def evidence_iri(base: str, local_id: str, index: int) -> str:
    """IRI of the annotation holding the evidence sentence of the index-th event."""
    return f"{normalize_base(base)}annotation/{local_id}/e{index}"


def activity_iri(base: str, local_id: str) -> str:
    """IRI of the extraction activity that produced an article's graph."""
    return f"{normalize_base(base)}activity/{local_id}"


def is_qid(value: str) -> bool:
    """Whether a string is a Wikidata item id such as Q159."""
    return bool(_QID.match(value))


def wikidata_iri(qid: str) -> str:
    """Wikidata entity IRI of a Q-id."""
    if not _QID.match(qid):
        raise ValueError(f"not a Wikidata Q-id: {qid!r}")
    return WIKIDATA_ENTITY + qid
