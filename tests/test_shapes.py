"""The SHACL shapes, data-driven: valid/*.ttl conform, invalid/*.ttl fail with the expected rule.

Each invalid fixture starts with ``# expect: <text>``; the text must appear in the message or
the path of one of the report's results. Add a case by adding a file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib

from geokg.errors import InputError
from geokg.validate import ValidationReport, validate_file, validate_graph

DATA = Path(__file__).parent / "data" / "shapes"
VALID = sorted((DATA / "valid").glob("*.ttl"))
INVALID = sorted((DATA / "invalid").glob("*.ttl"))
FULL = DATA / "valid" / "article_full.ttl"
_EXPECT = re.compile(r"^#\s*expect:\s*(.+?)\s*$")


def expectation(path: Path) -> str:
    """The ``# expect:`` text of an invalid fixture's first line."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = _EXPECT.match(first)
    assert match, f"{path.name}: first line must be '# expect: <text>'"
    return match.group(1)


def test_fixtures_present() -> None:
    assert FULL in VALID
    assert len(INVALID) >= 8


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_conforms(path: Path) -> None:
    report = validate_file(path)
    assert report.conforms, report.summary()
    assert report.results == ()


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_reports_rule(path: Path) -> None:
    expected = expectation(path)
    report = validate_file(path)
    assert not report.conforms
    assert report.results, report.text
    said = [f"{r.message} {r.path or ''}" for r in report.results]
    assert any(expected in s for s in said), f"{expected!r} not in:\n{report.summary()}"
    assert expected in report.summary(limit=len(report.results)) or any(
        expected in (r.path or "") for r in report.results
    )


def test_result_fields() -> None:
    report = validate_file(DATA / "invalid" / "event_type_not_plover.ttl")
    (result,) = report.results
    assert result.focus == "http://127.0.0.1:8000/event/a1/1"
    assert result.path == "sem:eventType"
    assert result.severity == "sh:Violation"
    assert result.value == "plover:FIGHT"
    assert result.shape == "PLOVER event type"
    assert report.summary().startswith("http://127.0.0.1:8000/event/a1/1 sem:eventType: ")


def test_span_result_names_annotation() -> None:
    report = validate_file(DATA / "invalid" / "span_beyond_body.ttl")
    (result,) = report.results
    assert result.value == "http://127.0.0.1:8000/annotation/a1/m60-74"
    assert result.path is None
    assert result.shape == "span inside the body"


def test_summary_limit() -> None:
    report = ValidationReport(conforms=True, results=(), text="")
    assert report.summary() == "conforms"
    broken = validate_file(DATA / "invalid" / "span_negative_start.ttl")
    assert broken.summary(limit=0).startswith("... and ")


def test_validate_graph_does_not_modify_input() -> None:
    graph = rdflib.Graph().parse(FULL)
    before = len(graph)
    assert validate_graph(graph).conforms
    assert len(graph) == before


def test_literal_made_from_python_float_is_judged_by_its_text() -> None:
    # Literal(0.95, datatype=XSD.decimal) is the valid RDF term "0.95"^^xsd:decimal, though
    # rdflib keeps a float inside (as build.py makes it); a store would give back a Decimal.
    decimal = rdflib.URIRef("http://www.w3.org/2001/XMLSchema#decimal")
    graph = rdflib.Graph()
    for s, p, o in rdflib.Graph().parse(DATA / "valid" / "article_minimal.ttl"):
        if isinstance(o, rdflib.Literal) and o.datatype == decimal:
            o = rdflib.Literal(float(o), datatype=decimal)
        graph.add((s, p, o))
    floats = [o for o in graph.objects() if isinstance(o, rdflib.Literal) and o.datatype == decimal]
    assert floats and all(isinstance(o.value, float) for o in floats)
    assert validate_graph(graph).conforms


@pytest.mark.parametrize("fmt,suffix", [("nt", ".nt"), ("json-ld", ".jsonld"), ("xml", ".rdf")])
def test_other_formats(tmp_path: Path, fmt: str, suffix: str) -> None:
    graph = rdflib.Graph().parse(DATA / "valid" / "article_minimal.ttl")
    path = tmp_path / f"article{suffix}"
    graph.serialize(path, format=fmt, encoding="utf-8")
    assert validate_file(path).conforms


@pytest.mark.parametrize("fmt,suffix", [("trig", ".trig"), ("nquads", ".nq")])
def test_quad_formats_validate_union(tmp_path: Path, fmt: str, suffix: str) -> None:
    # Split one article over two named graphs: only their union conforms.
    source = rdflib.Graph().parse(DATA / "valid" / "article_minimal.ttl")
    dataset = rdflib.Dataset()
    first = dataset.graph(rdflib.URIRef("http://127.0.0.1:8000/graph/a1"))
    second = dataset.graph(rdflib.URIRef("http://127.0.0.1:8000/graph/extra"))
    for n, triple in enumerate(sorted(source)):
        (first if n % 2 else second).add(triple)
    path = tmp_path / f"article{suffix}"
    dataset.serialize(path, format=fmt, encoding="utf-8")
    assert validate_file(path).conforms
    assert validate_graph(dataset).conforms


@pytest.mark.parametrize(
    "suffix,text,line",
    [
        (".ttl", '@prefix ex: <http://ex/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n', 3),
        (".trig", "@prefix ex: <http://ex/> .\nex:g { ex:a ex:b ex:c .\n ex:a ex:b }\n", 3),
        (".nt", "<http://a> <http://b> <http://c> .\n<http://a> <http://b> oops .\n", 2),
        (".nq", "<http://a> <http://b> <http://c> <http://g> .\n<http://a> <http://b> x .\n", 2),
        (".jsonld", '{"@id": "http://a",\n "http://b": \n}', 3),
        (
            ".rdf",
            '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
            '22-rdf-syntax-ns#">\n<rdf:Description>\n</rdf:RDF>',
            4,
        ),
    ],
)
def test_parse_error_has_line(tmp_path: Path, suffix: str, text: str, line: int) -> None:
    path = tmp_path / f"broken{suffix}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        validate_file(path)
    assert info.value.source == str(path)
    assert info.value.line == line
    assert f"{path}:{line}: " in info.value.message


def test_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(InputError, match="unknown RDF file extension"):
        validate_file(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read file"):
        validate_file(tmp_path / "absent.ttl")


def _renamed(graph: rdflib.Graph, node: rdflib.term.Node, to: rdflib.term.Node) -> rdflib.Graph:
    """A copy of ``graph`` with ``node`` replaced by ``to`` wherever it occurs."""
    copy = rdflib.Graph()
    for triple in graph:
        copy.add(tuple(to if term == node else term for term in triple))  # type: ignore[arg-type]
    return copy


BASE = "http://127.0.0.1:8000/"
BEYOND = DATA / "invalid" / "span_beyond_body.ttl"


def test_span_rule_names_blank_nodes_of_the_data() -> None:
    # The span rules run in an Oxigraph copy of the graph; its blank nodes must come back as
    # the data graph's own, as focus node and as value.
    article, annotation = rdflib.BNode(), rdflib.BNode()
    graph = rdflib.Graph().parse(BEYOND)
    graph = _renamed(graph, rdflib.URIRef(BASE + "article/a1"), article)
    graph = _renamed(graph, rdflib.URIRef(BASE + "annotation/a1/m60-74"), annotation)
    spans = [r for r in validate_graph(graph).results if r.shape == "span inside the body"]
    assert [(r.focus, r.value) for r in spans] == [(f"_:{article}", f"_:{annotation}")]


def test_sparql_constraints_run_outside_rdflib() -> None:
    from geokg import validate

    before = validate._prepared.cache_info()
    assert not validate_graph(rdflib.Graph().parse(BEYOND)).conforms
    assert validate._prepared.cache_info() == before


def test_graph_oxigraph_refuses_is_judged_alike_by_rdflib() -> None:
    # rdflib keeps an IRI with a space, which Oxigraph will not load: rdflib's SPARQL engine
    # answers the span rules instead, with the same results, each query parsed once.
    from geokg import validate

    expected = validate_graph(rdflib.Graph().parse(BEYOND)).results
    graph = rdflib.Graph().parse(BEYOND)
    graph.add((
        rdflib.URIRef(BASE + "entity/Q7747"),
        rdflib.RDFS.seeAlso,
        rdflib.URIRef("http://example.org/a b"),
    ))
    assert validate_graph(graph).results == expected
    before = validate._prepared.cache_info()
    assert validate_graph(graph).results == expected
    after = validate._prepared.cache_info()
    assert after.misses == before.misses
    assert after.hits > before.hits


def test_every_sparql_constraint_projects_this() -> None:
    # Oxigraph substitutes a bound variable only where the query projects it.
    from geokg import validate

    shapes = validate._shapes_graph()
    selects = [str(q) for q in shapes.objects(None, rdflib.SH.select)]
    assert selects
    assert all(re.search(r"SELECT\s+\$this\b", q) for q in selects)


def test_shapes_graph_lookups_follow_changes() -> None:
    from geokg import validate

    graph = validate._ShapesGraph()
    s, p = rdflib.URIRef("urn:s"), rdflib.URIRef("urn:p")
    assert list(graph.objects(s, p)) == []
    graph.add((s, p, rdflib.Literal(1)))
    assert list(graph.objects(s, p)) == [rdflib.Literal(1)]
    more = rdflib.Graph()
    more.add((s, p, rdflib.Literal(2)))
    graph += more
    assert sorted(graph.objects(s, p)) == [rdflib.Literal(1), rdflib.Literal(2)]
    graph.remove((s, p, None))
    assert list(graph.objects(s, p)) == []


@pytest.mark.parametrize("shift,conforms", [(0, True), (1, False)])
def test_spans_count_code_points_of_any_text(shift: int, conforms: bool) -> None:
    # Quotes, backslashes, CR/LF, a tab and a character outside the BMP before the mention:
    # they cross into the Oxigraph copy as written, and offsets count code points.
    schema = rdflib.Namespace("https://schema.org/")
    oa = rdflib.Namespace("http://www.w3.org/ns/oa#")
    graph = rdflib.Graph().parse(FULL)
    ((article, old_body),) = graph.subject_objects(schema.articleBody)
    prefix = 'He said "\\no\\" \U0001f600\r\n\t'
    graph.set((article, schema.articleBody, rdflib.Literal(prefix + str(old_body))))
    for selector in list(graph.subjects(oa.start, None)):
        for prop in (oa.start, oa.end):
            value = int(graph.value(selector, prop))
            graph.set((selector, prop, rdflib.Literal(value + len(prefix) + shift)))
    from geokg import validate

    before = validate._prepared.cache_info()
    report = validate_graph(graph)
    assert validate._prepared.cache_info() == before  # answered by Oxigraph, not rdflib
    assert report.conforms is conforms, report.summary()
    if not conforms:
        assert {r.shape for r in report.results} == {"quoted text matches the body"}


@pytest.mark.parametrize(
    "prop,literal,rule",
    [
        # rdflib's SPARQL engine raised a TypeError in SUBSTR on a decimal offset
        ("end", rdflib.Literal("14", datatype=rdflib.XSD.decimal), "span end"),
        # and it compared a string with an integer, calling this span outside the body
        ("start", rdflib.Literal("0"), "span start"),
    ],
)
def test_mistyped_offset_is_reported_by_its_own_rule(
    prop: str, literal: rdflib.Literal, rule: str
) -> None:
    oa = rdflib.Namespace("http://www.w3.org/ns/oa#")
    graph = rdflib.Graph().parse(FULL)
    selector = sorted(graph.subjects(oa.start, rdflib.Literal(0)))[0]
    graph.set((selector, oa[prop], literal))
    report = validate_graph(graph)
    assert not report.conforms
    assert {r.shape for r in report.results} == {rule}
