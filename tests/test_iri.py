"""Deterministic IRI minting."""

from __future__ import annotations

import pytest

from geokg.iri import slugify


@pytest.mark.parametrize(("text", "slug"), [
    ("Russian-Japanese Investment Fund", "russian-japanese-investment-fund"),
    ("Russian–Japanese Investment Fund", "russian-japanese-investment-fund"),  # en dash
    ("Yemeni civil war (2014—present)", "yemeni-civil-war-2014-present"),  # em dash
    ("Sooronbay Jeenbekov", "sooronbay-jeenbekov"),
    ("Recep Tayyip Erdoğan", "recep-tayyip-erdogan"),
    ("–", "x"),
])
def test_slugs_are_ascii_words_joined_by_hyphens(text: str, slug: str) -> None:
    assert slugify(text) == slug
