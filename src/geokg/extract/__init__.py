"""Entity and event extraction: Article in, Extraction out (the only importer of spaCy)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path

import geokg
from geokg.assets import data_path
from geokg.extract import events as _events
from geokg.extract.entities import Resolver, find_entities
from geokg.extract.kb import Gazetteer, load_gazetteer
from geokg.extract.nlp import load_nlp, model_id, parse_full, parse_names, parse_sentences
from geokg.model import Article, Entity, Event, Extraction

__all__ = ["Resolver", "extract_article", "extractor_id"]


@cache
def _rules_digest() -> str:
    """Digest of the extraction code and its data files: a change to either re-extracts."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")) + sorted(data_path("").glob("*.json")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:8]


@cache
def extractor_id() -> str:
    """Names geokg's version, the extraction rules, the spaCy model and the gazetteer."""
    return (
        f"geokg/{geokg.__version__} rules/{_rules_digest()} {model_id(load_nlp())} "
        f"gazetteer/{load_gazetteer().digest}"
    )


def extract_article(article: Article, *, full_parse: bool = False,
                    resolver: Resolver | None = None) -> Extraction:
    """Entities and events of one article (nothing, with a reason, if not in English).

    Names are found in the whole body; the parser runs only on sentences that may hold an
    event (a trigger word form and a possible participant), or everywhere with ``full_parse``.
    Names the gazetteer does not know are put to ``resolver`` when one is given (see
    ``entities.Resolver``); without one they keep a local IRI, type and label.

    Raises:
        GeokgError: the spaCy model or the gazetteer cannot be loaded.
    """
    if article.language != "en":
        return Extraction((), (), extractor=extractor_id(),
                          skipped=f"language {article.language}")
    gaz = load_gazetteer()
    doc = parse_full(article.body) if full_parse else parse_names(article.body)
    entities = find_entities(doc, article, gaz, resolver)
    if not full_parse:
        parse_sentences(doc, _events.sentences_to_parse(doc, article, entities))
    states = _place_states(entities, gaz)
    events = _events.find_events(doc, article, entities, states)
    return Extraction(_place_countries(entities, events, states), events,
                      extractor=extractor_id())


def _place_states(entities: Sequence[Entity], gaz: Gazetteer) -> dict[str, str]:
    """The country each linked place of the article lies in, by the gazetteer."""
    out = {}
    for ent in entities:
        rec = gaz.record(ent.wikidata) if ent.type == "Place" and ent.wikidata else None
        if rec is not None and rec.country:
            out[ent.key] = rec.country
    return out


def _place_countries(entities: tuple[Entity, ...], events: tuple[Event, ...],
                     states: dict[str, str]) -> tuple[Entity, ...]:
    """Places where an event happens carry the country they lie in ("met in Astana")."""
    places = {ev.place for ev in events if ev.place}
    return tuple(replace(ent, country=states[ent.key])
                 if ent.key in places and ent.key in states and not ent.country else ent
                 for ent in entities)
