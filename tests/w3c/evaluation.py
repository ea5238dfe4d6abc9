"""SPARQL 1.1 query evaluation tests (W3C ``mf:QueryEvaluationTest``) over HTTP or in-process.

Selection: the 13 manifests listed by ``manifest-sparql11-query.ttl`` (aggregates, bind,
bindings, cast, construct, exists, functions, grouping, negation, project-expression,
property-path, subquery, syntax-query), their 225 ``mf:QueryEvaluationTest`` entries; the
syntax tests, update, federation, entailment and result-format manifests are not run.

Datasets. geokg's default graph is the union of its named graphs, so each test's dataset is
given explicitly: the store is emptied (``DROP ALL``), ``qt:data`` is inserted into the graph
``DEFAULT_GRAPH`` and each ``qt:graphData`` file into a named graph named by the file's IRI, and
the query goes with ``default-graph-uri=DEFAULT_GRAPH`` plus one ``named-graph-uri`` per
``qt:graphData`` -- unless the query has its own FROM/FROM NAMED, which then applies. (A test
without ``qt:graphData`` sends no ``named-graph-uri``, so ``DEFAULT_GRAPH`` is visible to GRAPH
patterns; no such test of the selection uses GRAPH.) The
query is prefixed with ``BASE <query file IRI>`` so relative IRIs resolve as on w3.org, not
against the server's base. Plain pyoxigraph (the baseline) gets the same dataset natively: data
in the default graph, ``qt:graphData`` in named graphs, ``base_iri`` = the query file's IRI.

Comparison: see ``results.py`` (lexical terms, blank-node isomorphism, ORDER BY keeps order).
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib.plugins.sparql.parser import parseQuery

from . import client
from .manifest import (
    MF,
    QT,
    SPARQL11,
    iri_of,
    local_name,
    manifest_entries,
    path_of,
)
from .manifest import included_manifests as _included
from .results import (
    RDF_MEDIA_TYPES,
    Boolean,
    Result,
    Solutions,
    Triples,
    difference,
    from_ox,
    load_expected,
    parse_rdf,
    parse_results,
)
from .servers import Endpoint

QUERY_MANIFEST = SPARQL11 / "manifest-sparql11-query.ttl"
#: The graph that holds a test's default graph (``qt:data``) in the server's store.
DEFAULT_GRAPH = "urn:x-w3c-test:default-graph"

_GRAPH_VAR = "GRAPH ?g around a sub-select/VALUES/MINUS: Oxigraph does not bind ?g"
_ZERO_PATH = "zero-length path from a constant absent from the data: Oxigraph returns nothing"

#: Plain pyoxigraph 0.5.13 failures (the baseline), with the reason.
PYOXIGRAPH_KNOWN_FAILURES: dict[str, str] = {
    "aggregates/agg-groupconcat-04": "GROUP_CONCAT keeps the common language tag (\"1 2\"@en); "
                                     "the test expects a simple literal",
    "aggregates/agg-groupconcat-06": "GROUP_CONCAT keeps the language tag of its one element",
    "aggregates/agg-empty-group-count-graph": _GRAPH_VAR + " (COUNT sub-select)",
    "bindings/graph": _GRAPH_VAR + " (VALUES ?g inside GRAPH ?g)",
    "negation/graph-minus": _GRAPH_VAR + " (MINUS inside GRAPH ?g: no solution)",
    "functions/bnode01": "BNODE(str) returns the same blank node for the same string in "
                         "different solutions (must be distinct per solution)",
    "property-path/zero_or_more_set_start": _ZERO_PATH + " (?s :p* :o)",
    "property-path/zero_or_more_set_end": _ZERO_PATH + " (:s :p* ?o)",
    "property-path/zero_or_one_set_start": _ZERO_PATH + " (?s :p? :o)",
    "property-path/zero_or_one_set_end": _ZERO_PATH + " (:s :p? ?o)",
}

#: geokg tests expected to fail, with the reason (xfail(strict=True): a fix shows up as XPASS).
#: geokg evaluates queries with pyoxigraph, so it inherits exactly the baseline's failures.
KNOWN_FAILURES: dict[str, str] = {
    test: f"inherited from pyoxigraph 0.5.13: {reason}"
    for test, reason in PYOXIGRAPH_KNOWN_FAILURES.items()
}


@dataclass(frozen=True, slots=True)
class EvalTest:
    """One ``mf:QueryEvaluationTest``: its query, dataset files and expected result."""

    id: str  # "<manifest folder>/<local name>", unique across the manifests
    name: str
    query: Path
    data: tuple[Path, ...]
    graph_data: tuple[Path, ...]
    result: Path

    @property
    def query_iri(self) -> str:
        """The query file's IRI (its base IRI)."""
        return iri_of(self.query)


def eval_manifests() -> list[Path]:
    """The manifests ``manifest-sparql11-query.ttl`` includes."""
    return _included(QUERY_MANIFEST)


@cache
def load_tests() -> tuple[EvalTest, ...]:
    """Every evaluation test of the query manifests, in manifest order."""
    tests = []
    for manifest in eval_manifests():
        for graph, test in manifest_entries(manifest):
            if (test, None, None) not in graph or graph.value(test, MF.action) is None:
                continue
            if MF.QueryEvaluationTest not in set(graph.objects(test, None)):
                continue
            action = graph.value(test, MF.action)
            tests.append(EvalTest(
                id=f"{manifest.parent.name}/{local_name(test)}",
                name=str(graph.value(test, MF.name)),
                query=path_of(graph.value(action, QT.query)),  # type: ignore[arg-type]
                data=tuple(sorted(path_of(d) for d in graph.objects(action, QT.data))),
                graph_data=tuple(sorted(path_of(d) for d in graph.objects(action, QT.graphData))),
                result=path_of(graph.value(test, MF.result)),  # type: ignore[arg-type]
            ))
    return tuple(tests)


def query_text(test: EvalTest) -> str:
    """The query as written in its file."""
    return test.query.read_text(encoding="utf-8")


def _parsed(query: str) -> object | None:
    try:
        tree: object = parseQuery(query)[1]
        return tree
    except Exception:  # pyparsing raises its own types; a regex decides then
        return None


def is_ordered(query: str) -> bool:
    """Whether the outermost query has ORDER BY (then the result order is checked)."""
    tree = _parsed(query)
    if tree is not None:
        return "orderby" in tree  # type: ignore[operator]
    return re.search(r"(?i)\bORDER\s+BY\b", query) is not None


def has_dataset_clause(query: str) -> bool:
    """Whether the query names its own dataset (FROM / FROM NAMED)."""
    tree = _parsed(query)
    if tree is not None:
        return "datasetClause" in tree  # type: ignore[operator]
    return re.search(r"(?i)\bFROM\s+(NAMED\s+)?[<\w:]", query) is not None


def expected_result(test: EvalTest) -> Result:
    """The expected result, parsed."""
    return load_expected(test.result, iri_of(test.result))


def _file_quads(path: Path, graph: ox.NamedNode | ox.DefaultGraph, tag: str) -> Iterator[ox.Quad]:
    """The triples of a data file as quads in ``graph``, blank nodes made unique by ``tag``."""
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
    if fmt is None:
        raise ValueError(f"unknown RDF file type {path.name}")

    def fresh(term: object) -> object:
        return ox.BlankNode(f"{tag}x{term.value}") if isinstance(term, ox.BlankNode) else term

    for q in ox.parse(path=str(path), format=fmt, base_iri=iri_of(path)):
        yield ox.Quad(fresh(q.subject), q.predicate, fresh(q.object), graph)  # type: ignore[arg-type]


def _ntriples(path: Path, tag: str) -> str:
    """A data file as N-Triples (valid inside INSERT DATA), blank nodes made unique by ``tag``."""
    triples = (ox.Triple(q.subject, q.predicate, q.object)
               for q in _file_quads(path, ox.DefaultGraph(), tag))
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    return data.decode("utf-8") if isinstance(data, bytes) else ""


def _accept(expected: Result) -> str:
    return "application/n-triples" if isinstance(expected, Triples) else \
        "application/sparql-results+json"


def run_http(test: EvalTest, endpoint: Endpoint) -> Result:
    """Load the test's dataset into the service, send the query, parse the answer.

    Raises:
        AssertionError: the service answered with an error status or an unreadable body.
    """
    graphs: dict[str, str] = {}
    if test.data:
        graphs[DEFAULT_GRAPH] = "\n".join(_ntriples(p, f"d{i}") for i, p in enumerate(test.data))
    for i, path in enumerate(test.graph_data):
        graphs[iri_of(path)] = _ntriples(path, f"g{i}")
    client.reset(endpoint, graphs)
    query = query_text(test)
    params: list[tuple[str, str]] = []
    if not has_dataset_clause(query):
        params.append(("default-graph-uri", DEFAULT_GRAPH))
        params.extend(("named-graph-uri", iri_of(p)) for p in test.graph_data)
    target = endpoint.query_path + ("?" + urllib.parse.urlencode(params) if params else "")
    body = f"BASE <{test.query_iri}>\n{query}".encode()
    headers = {"Content-Type": "application/sparql-query; charset=utf-8",
               "Accept": _accept(expected_result(test))}
    reply = client.send(endpoint, "POST", target, headers, body)
    assert 200 <= reply.status < 300, f"HTTP error: {reply.describe()}"
    if reply.media_type in RDF_MEDIA_TYPES:
        return parse_rdf(reply.body, reply.media_type)
    try:
        return parse_results(reply.body, reply.media_type)
    except ValueError as exc:
        raise AssertionError(f"unreadable answer ({exc}): {reply.describe()}") from exc


def run_pyoxigraph(test: EvalTest) -> Result:
    """Run the test in an in-memory pyoxigraph store (the baseline)."""
    store = ox.Store()
    for i, path in enumerate(test.data):
        store.extend(_file_quads(path, ox.DefaultGraph(), f"d{i}"))
    for i, path in enumerate(test.graph_data):
        store.extend(_file_quads(path, ox.NamedNode(iri_of(path)), f"g{i}"))
    answer = store.query(query_text(test), base_iri=test.query_iri)
    if isinstance(answer, ox.QueryBoolean):
        return Boolean(bool(answer))
    if isinstance(answer, ox.QueryTriples):
        return Triples(frozenset((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))
                                 for t in answer))
    names = tuple(v.value for v in answer.variables)
    rows = []
    for solution in answer:
        rows.append({n: from_ox(solution[n]) for n in names if solution[n] is not None})
    return Solutions(names, tuple(rows))


def check(test: EvalTest, actual: Result) -> None:
    """Compare an answer with the expected result.

    Raises:
        AssertionError: with the differences.
    """
    problem = difference(expected_result(test), actual, ordered=is_ordered(query_text(test)))
    assert problem is None, f"{test.id} ({test.name}): {problem}"


def evaluate_http(test: EvalTest, endpoint: Endpoint) -> None:
    """Run one test against an HTTP endpoint and check it (AssertionError if it fails)."""
    check(test, run_http(test, endpoint))


def evaluate_pyoxigraph(test: EvalTest) -> None:
    """Run one test in plain pyoxigraph and check it (AssertionError if it fails)."""
    try:
        actual = run_pyoxigraph(test)
    except (SyntaxError, OSError, ValueError) as exc:
        raise AssertionError(f"pyoxigraph error: {exc}") from exc
    check(test, actual)
