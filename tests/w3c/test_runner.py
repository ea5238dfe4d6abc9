"""The runners' own logic: result comparison, manifest reading and request routing."""

from __future__ import annotations

from . import protocol
from .results import Solutions, Triples, canonical, difference, literal, parse_srj, parse_srx
from .servers import Endpoint

XSD = "http://www.w3.org/2001/XMLSchema#"
A, B = ("iri", "http://example/a"), ("iri", "http://example/b")


def _rows(*rows: dict[str, tuple[str, ...]]) -> Solutions:
    return Solutions(("x", "y"), rows)


def test_blank_nodes_match_up_to_renaming() -> None:
    expected = _rows({"x": ("bnode", "b0"), "y": A}, {"x": ("bnode", "b1"), "y": B})
    actual = _rows({"x": ("bnode", "z9"), "y": B}, {"x": ("bnode", "z8"), "y": A})
    assert difference(expected, actual) is None


def test_blank_node_renaming_is_a_bijection() -> None:
    expected = _rows({"x": ("bnode", "b0"), "y": A}, {"x": ("bnode", "b1"), "y": B})
    actual = _rows({"x": ("bnode", "z"), "y": A}, {"x": ("bnode", "z"), "y": B})
    assert difference(expected, actual) is not None


def test_order_counts_only_when_ordered() -> None:
    expected, actual = _rows({"x": A}, {"x": B}), _rows({"x": B}, {"x": A})
    assert difference(expected, actual) is None
    assert "wrong order" in str(difference(expected, actual, ordered=True))


def test_solutions_are_a_multiset() -> None:
    assert difference(_rows({"x": A}, {"x": A}), _rows({"x": A})) is not None


def test_numbers_compare_by_value_strings_by_lexical_form() -> None:
    assert canonical(literal("1.0", XSD + "decimal")) == canonical(literal("1", XSD + "decimal"))
    assert canonical(literal("1.0E2", XSD + "double")) == canonical(literal("100", XSD + "double"))
    assert canonical(literal("01", XSD + "integer")) == literal("1", XSD + "integer")
    assert canonical(literal("1", XSD + "boolean")) == literal("true", XSD + "boolean")
    assert canonical(literal("abc", XSD + "integer")) == literal("abc", XSD + "integer")
    assert canonical(literal("1.0")) != canonical(literal("1"))


def test_graphs_compare_by_isomorphism_with_a_readable_diff() -> None:
    p = ("iri", "http://example/p")
    g1 = Triples(frozenset({(("bnode", "x"), p, A)}))
    g2 = Triples(frozenset({(("bnode", "y"), p, A)}))
    g3 = Triples(frozenset({(("bnode", "y"), p, B)}))
    assert difference(g1, g2) is None
    assert "<http://example/b>" in str(difference(g1, g3))


def test_result_formats_parse_alike() -> None:
    srx = b"""<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>
      <variable name="x"/></head><results><result><binding name="x">
      <literal xml:lang="EN">chat</literal></binding></result></results></sparql>"""
    srj = b"""{"head": {"vars": ["x"]}, "results": {"bindings": [
      {"x": {"type": "literal", "value": "chat", "xml:lang": "en"}}]}}"""
    assert parse_srx(srx) == parse_srj(srj)


def test_protocol_requests_go_to_the_right_service() -> None:
    oxigraph = Endpoint.oxigraph("http://127.0.0.1:1")
    targets = {
        t.id: protocol.rewrite_path(t.requests[0], oxigraph) for t in protocol.protocol_tests()
    }
    updates = {k for k, v in targets.items() if v.startswith("/update")}
    assert updates == {k for k in targets if "update" in k}
    assert targets["query_get"].startswith("/query?query=ASK")


def test_graph_store_paths_keep_their_encoding() -> None:
    geokg = Endpoint.geokg("http://127.0.0.1:1")
    requests = {t.id: t.requests for t in protocol.graph_store_tests()}
    assert protocol.rewrite_path(requests["put_get_repeat_direct"][0], geokg) == \
        "/store/person/1.ttl"
    assert protocol.rewrite_path(requests["put_get_uri_pct_encoded_twice"][1], geokg) == \
        "/store?graph=http://www.example/gsp/person/%2531.ttl"
