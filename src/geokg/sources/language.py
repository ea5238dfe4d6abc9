"""Decides an article's language: the language its source declares, else a light detector.

The detector is langdetect (character n-gram profiles, no model download). Its answers are
randomised unless seeded, so the seed is fixed here, the one place that imports it: the same
text always gets the same language.
"""

from __future__ import annotations

import re

from langdetect import DetectorFactory, LangDetectException, detect

DetectorFactory.seed = 0

# Too little text makes any detector guess: below this many letters the default stands.
MIN_LETTERS = 40
_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")


def normalize_language(tag: str | None) -> str | None:
    """The primary subtag of a BCP 47 / ISO 639 tag, lower-cased ("en-GB" -> "en"), or None."""
    if not tag:
        return None
    m = _TAG.match(tag.strip())
    return m.group(1).lower() if m else None


def detect_language(text: str) -> str | None:
    """The language of ``text`` as a two-letter code, or None when the text is too short."""
    if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
        return None
    try:
        found = detect(text)
    except LangDetectException:
        return None
    return normalize_language(found)


def resolve_language(declared: str | None, text: str, default: str = "en") -> str:
    """The declared language when there is a readable one, else the detected one, else default."""
    return normalize_language(declared) or detect_language(text) or default
