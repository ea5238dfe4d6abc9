"""Content negotiation rules: Accept parsing, q-values, wildcards, suffix and format= overrides."""

from __future__ import annotations

import pytest

from geokg.web.negotiation import (
    NotAcceptable,
    Offer,
    UnknownFormat,
    choose,
    media_type_for_name,
    negotiate,
    parse_accept,
    quality,
)

OFFERS = (
    Offer("text/turtle"),
    Offer("text/html", ("application/xhtml+xml",)),
    Offer("application/ld+json", ("application/json",)),
    Offer("application/n-triples"),
)
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"


def test_parse_accept_reads_q_values_and_skips_junk() -> None:
    ranges = parse_accept("text/html;level=1;q=0.5, junk, */*;q=bad, application/json")
    assert [(r.type, r.subtype, r.q) for r in ranges] == [
        ("text", "html", 0.5),
        ("*", "*", 0.0),
        ("application", "json", 1.0),
    ]


def test_most_specific_range_sets_the_quality() -> None:
    ranges = parse_accept("text/*;q=0.3, text/html;q=0.7, */*;q=0.1")
    assert quality("text/html", ranges) == 0.7
    assert quality("text/turtle", ranges) == 0.3
    assert quality("image/png", ranges) == 0.1


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "text/turtle"),
        ("", "text/turtle"),
        ("*/*", "text/turtle"),
        (BROWSER, "text/html"),
        ("application/xhtml+xml", "text/html"),
        ("application/json", "application/ld+json"),
        ("text/turtle;q=0.5, application/ld+json", "application/ld+json"),
        ("text/*;q=0.9, text/html;q=0.1", "text/turtle"),
        ("text/turtle;q=0, */*;q=0.5", "text/html"),
        ("application/n-triples;q=0.9, application/ld+json;q=0.9", "application/ld+json"),
        ("image/png", None),
        ("text/turtle;q=0", None),
    ],
)
def test_choose(accept: str | None, expected: str | None) -> None:
    offer = choose(OFFERS, accept)
    assert (offer.media_type if offer else None) == expected


def test_suffix_beats_format_beats_accept() -> None:
    assert negotiate(OFFERS, "text/html", suffix="nt", format_param="jsonld").media_type == (
        "application/n-triples"
    )
    assert negotiate(OFFERS, "text/html", format_param="jsonld").media_type == (
        "application/ld+json"
    )
    assert negotiate(OFFERS, "text/html", format_param="text/turtle").media_type == "text/turtle"


def test_unknown_format_is_a_client_error() -> None:
    with pytest.raises(UnknownFormat, match="unknown format 'bogus'"):
        negotiate(OFFERS, None, format_param="bogus")
    assert UnknownFormat.status == 400


def test_not_acceptable_lists_the_offered_types() -> None:
    with pytest.raises(NotAcceptable) as info:
        negotiate(OFFERS, "image/png")
    assert info.value.status == 406
    assert "text/turtle, text/html, application/ld+json, application/n-triples" in str(info.value)
    with pytest.raises(NotAcceptable, match="'text/csv' is not offered"):
        negotiate(OFFERS, None, format_param="csv")


def test_format_names() -> None:
    assert media_type_for_name("TTL") == "text/turtle"
    assert media_type_for_name("json") == "application/sparql-results+json"
    assert media_type_for_name("application/rdf+xml") == "application/rdf+xml"
    assert media_type_for_name("nope") is None


def test_a_short_name_picks_the_first_offered_type_it_stands_for() -> None:
    plain_json = (Offer("text/html"), Offer("application/json"))
    assert negotiate(plain_json, None, format_param="json").media_type == "application/json"
    results = (Offer("application/sparql-results+json"), Offer("application/json"))
    assert negotiate(results, None, format_param="json").media_type == (
        "application/sparql-results+json"
    )
    with pytest.raises(NotAcceptable):
        negotiate((Offer("text/turtle"),), None, format_param="json")
