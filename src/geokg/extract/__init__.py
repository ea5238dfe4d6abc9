"""Entity and event extraction: Article in, Extraction out (the only importer of spaCy)."""

from __future__ import annotations

import geokg
from geokg.extract import events as _events
from geokg.extract.entities import find_entities
from geokg.extract.kb import load_gazetteer
from geokg.extract.nlp import load_nlp, model_id
from geokg.model import Article, Extraction

__all__ = ["extract_article", "extractor_id"]


def extractor_id() -> str:
    """Names geokg's version, the spaCy model and the gazetteer digest."""
    return f"geokg/{geokg.__version__} {model_id(load_nlp())} gazetteer/{load_gazetteer().digest}"


def extract_article(article: Article) -> Extraction:
    """Entities and events of one article (nothing, with a reason, if not in English).

    Raises:
        GeokgError: the spaCy model or the gazetteer cannot be loaded.
    """
    if article.language != "en":
        return Extraction((), (), extractor=extractor_id(),
                          skipped=f"language {article.language}")
    nlp = load_nlp()
    gaz = load_gazetteer()
    doc = nlp(article.body)
    entities = find_entities(doc, article, gaz)
    events = _events.find_events(doc, article, entities)
    return Extraction(entities, events, extractor=extractor_id())
