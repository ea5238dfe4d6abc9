"""Validates RDF graphs against the geokg SHACL shapes (shapes/*.ttl) with pySHACL.

This is the only module that imports pyshacl. The shapes graph is parsed once per process and
reused; validation runs without inference (the shapes need none: instances carry their geokg:
and schema:/sem:/oa:/prov: types explicitly) and without SHACL-AF ``advanced`` mode (the span
rules are plain SHACL-SPARQL constraints, which pySHACL runs without it). Nothing is fetched
from the network: the data graph's owl:imports are not followed. pySHACL evaluates the core
constraints on the rdflib graph and hands the SHACL-SPARQL constraints to the data graph's
``query``; geokg answers those with Oxigraph (``store.Store`` in memory, over a copy of the
graph made at the first query), which is several times cheaper than rdflib's SPARQL engine.
"""

from __future__ import annotations

import json
import pathlib
import re
import threading
import xml.sax
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

import pyshacl
import rdflib
from pyshacl.graph_abstraction import RdfLibDataGraph
from rdflib.collection import Collection
from rdflib.exceptions import ParserError
from rdflib.namespace import RDF, SH, XSD, NamespaceManager
from rdflib.paths import Path as RdfPath
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import BNode, Identifier, Literal, Node, URIRef, Variable

from geokg import assets
from geokg.errors import InputError
from geokg.namespaces import PREFIXES
from geokg.store import Store

__all__ = ["ValidationReport", "ValidationResult", "validate_file", "validate_graph"]

SHAPES_NS = "https://w3id.org/geokg/shapes#"

#: File extensions validate_file reads, and their rdflib parser names.
FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".rdf": "xml",
    ".trig": "trig",
    ".nq": "nquads",
}
_QUAD_FORMATS = frozenset({"trig", "nquads"})
_MAX_VALUE_CHARS = 80
# Blank nodes cross into the Oxigraph copy as IRIs under this prefix and come back as the same
# blank nodes, so that a result's focus node and value are the data graph's own nodes (a
# store gives a loaded blank node a fresh label).
_GENID = "https://w3id.org/geokg/.well-known/genid/validate/"

# pySHACL's per-run objects are not documented as thread-safe and it adds a few system triples
# to the shared shapes graph on every run, so runs in one process take turns.
_LOCK = threading.Lock()


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL validation result, as short strings fit for a terminal or a JSON error body.

    ``path`` is the property path in prefixed form (``oa:hasTarget/oa:hasSource``) or None for a
    rule on the node itself; ``shape`` is the sh:name of the rule that failed, else its IRI.
    """

    focus: str
    path: str | None
    message: str
    severity: str
    value: str | None
    shape: str | None

    def line(self) -> str:
        """The result as one line: ``<focus> <path>: <message>``."""
        where = f"{self.focus} {self.path}" if self.path else self.focus
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating one graph: conformance, the results, pySHACL's full text."""

    conforms: bool
    results: tuple[ValidationResult, ...]
    text: str

    def summary(self, limit: int = 20) -> str:
        """At most ``limit`` short lines, one per result, and a count of the rest."""
        if not self.results:
            return "conforms" if self.conforms else "does not conform"
        lines = [r.line() for r in self.results[:limit]]
        if len(self.results) > limit:
            lines.append(f"... and {len(self.results) - limit} more")
        return "\n".join(lines)


@lru_cache(maxsize=64)
def _prepared(text: str) -> Query:
    """A parsed SPARQL query, kept: rdflib takes ~20 ms to parse each one."""
    return prepareQuery(text)


_Index = dict[tuple[Node, Node], list[Node]]


class _DataGraph(RdfLibDataGraph):
    """pySHACL's data graph: lookups in the rdflib graph, SPARQL constraints in Oxigraph.

    pySHACL runs each SHACL-SPARQL constraint through ``query`` with ``$this`` bound. rdflib's
    engine spent over half of an article's validation on the two span rules; Oxigraph answers
    them in well under a millisecond once it holds a copy of the graph (made at the first
    query, a few milliseconds). A graph Oxigraph will not load (an IRI or language tag it finds
    invalid) is queried with rdflib instead, each query text parsed once per process.
    """

    _copy: Store | None = None
    _copy_failed: bool = False
    # (subject, predicate) -> objects and (predicate, object) -> subjects, made at first use:
    # pySHACL asks for the values of each rule's path at every focus node, a thousand and more
    # lookups per article, and a dict answers one several times faster than rdflib's store.
    _indexes: tuple[_Index, _Index] | None = None
    #: the graph's triples, when the caller has them at hand (iterating rdflib's store is slow)
    triples_at_hand: list[tuple[Node, Node, Node]] | None = None

    def _all(self) -> list[tuple[Node, Node, Node]]:
        """Every triple of the graph."""
        if self.triples_at_hand is None:
            self.triples_at_hand = list(self.impl)
        return self.triples_at_hand

    def objects(self, subject: Any = None, predicate: Any = None, unique: bool = False) -> Any:
        """The objects of a subject and predicate (as RdfLibDataGraph.objects)."""
        if subject is None or predicate is None or isinstance(subject, list | tuple):
            return super().objects(subject, predicate, unique=unique)
        return iter(self._index()[0].get((subject, predicate), ()))

    def subjects(self, predicate: Any = None, object_: Any = None, unique: bool = False) -> Any:
        """The subjects of a predicate and object (as RdfLibDataGraph.subjects)."""
        if predicate is None or object_ is None or isinstance(object_, list | tuple):
            return super().subjects(predicate, object_, unique=unique)
        return iter(self._index()[1].get((predicate, object_), ()))

    def _index(self) -> tuple[_Index, _Index]:
        """Every triple by subject and predicate, and by predicate and object (made once)."""
        if self._indexes is None:
            objects_of: _Index = {}
            subjects_of: _Index = {}
            for s, p, o in self._all():
                objects_of.setdefault((s, p), []).append(o)
                subjects_of.setdefault((p, o), []).append(s)
            self._indexes = (objects_of, subjects_of)
        return self._indexes

    # Same call as RdfLibDataGraph.query; mypy compares with DataGraph.query(**kwargs) above it.
    def query(  # type: ignore[override]
        self, query_object: str | Query, *args: Any, **kwargs: Any
    ) -> Any:
        """Run a SELECT query (pySHACL's SPARQL constraints) with the given initBindings."""
        copy = self._oxigraph_copy() if isinstance(query_object, str) and not args else None
        if copy is None or kwargs.keys() - {"initBindings"}:
            if isinstance(query_object, str):
                query_object = _prepared(query_object)
            return super().query(query_object, *args, **kwargs)
        bindings = {str(k): _to_copy(v) for k, v in (kwargs.get("initBindings") or {}).items()}
        rows = copy.select(str(query_object), bindings)
        result = Result("SELECT")
        result.vars = [Variable(name) for name in sorted({name for row in rows for name in row})]
        result.bindings = [
            {Variable(name): _from_copy(term) for name, term in row.items()} for row in rows
        ]
        return result

    def _oxigraph_copy(self) -> Store | None:
        """The graph in an in-memory Oxigraph store, made once; None if it cannot be loaded."""
        if self._copy is None and not self._copy_failed:
            store = Store()
            try:
                store.load(_as_ntriples(self._all()), "application/n-triples")
            # rdflib refuses to write an IRI it finds invalid with a bare Exception; Oxigraph
            # refuses what it cannot parse with a QueryError: either way, rdflib answers.
            except Exception:
                self._copy_failed = True
                return None
            self._copy = store
        return self._copy


def _to_copy(term: Node) -> Node:
    """A data graph term as the Oxigraph copy holds it (blank nodes as _GENID IRIs)."""
    return URIRef(_GENID + str(term)) if isinstance(term, BNode) else term


def _from_copy(term: Identifier) -> Identifier:
    """A term of the Oxigraph copy as the data graph's own term."""
    if isinstance(term, URIRef) and term.startswith(_GENID):
        return BNode(term[len(_GENID) :])
    return term


def _as_ntriples(triples: list[tuple[Node, Node, Node]]) -> bytes:
    """The triples as N-Triples, blank nodes written as _GENID IRIs.

    IRIs are written by rdflib (which refuses one that is not valid), each once per call;
    literals here, with the four characters N-Triples requires escaped.
    """
    iris: dict[Node, str] = {}

    def nt(term: Node) -> str:
        if isinstance(term, Literal):
            text = str(term).translate(_NT_ESCAPES)
            if term.language:
                return f'"{text}"@{term.language}'
            if term.datatype is not None:
                return f'"{text}"^^{nt(term.datatype)}'
            return f'"{text}"'
        written = iris.get(term)
        if written is None:
            named = URIRef(_GENID + str(term)) if isinstance(term, BNode) else term
            written = iris[term] = named.n3()
        return written

    return "".join(f"{nt(s)} {nt(p)} {nt(o)} .\n" for s, p, o in triples).encode("utf-8")


_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


class _ShapesGraph(rdflib.Graph):
    """The shapes graph, each triple-pattern lookup answered once and then remembered.

    pySHACL reads the shapes afresh in every run: each rule's parameters, and each step of a
    sequence path again for every focus node (an article's span rules alone make thousands of
    lookups). The shapes do not change between runs, so a lookup is kept until a triple is
    added or removed.
    """

    def __init__(self) -> None:
        super().__init__()
        self._found: dict[tuple[Node | None, Node | None, Node | None], tuple[Any, ...]] = {}

    # The same call as Graph.triples; one signature stands for rdflib's overloads.
    def triples(self, triple: Any) -> Iterator[Any]:  # type: ignore[override]
        """The triples matching a pattern (a property path predicate is evaluated each time)."""
        if isinstance(triple[1], RdfPath):
            yield from super().triples(triple)
            return
        found = self._found.get(triple)
        if found is None:
            found = self._found[triple] = tuple(super().triples(triple))
        yield from found

    def add(self, triple: Any) -> _ShapesGraph:
        """Add a triple (pySHACL adds the same few system triples in every run: kept once)."""
        if triple not in self:
            self._found.clear()
            super().add(triple)
        return self

    def addN(self, quads: Any) -> _ShapesGraph:
        """Add quads, forgetting every remembered lookup."""
        self._found.clear()
        super().addN(quads)
        return self

    def remove(self, triple: Any) -> _ShapesGraph:
        """Remove triples, forgetting every remembered lookup."""
        self._found.clear()
        super().remove(triple)
        return self


@cache
def _shapes_graph() -> rdflib.Graph:
    """Every ``*.ttl`` of the shapes folder in one graph, parsed once per process."""
    parsed = rdflib.Graph()
    for path in sorted(assets.shapes_dir().glob("*.ttl")):
        parsed.parse(path, format="turtle")
    graph = _ShapesGraph()
    for prefix, namespace in parsed.namespaces():
        graph.bind(prefix, namespace, override=True)
    graph += parsed
    return graph


@cache
def _namespaces() -> NamespaceManager:
    """Prefixes used to shorten IRIs in results: the geokg ones and ``geokgsh:`` for shapes."""
    manager = NamespaceManager(rdflib.Graph(), bind_namespaces="none")
    for prefix, namespace in {**PREFIXES, "geokgsh": SHAPES_NS}.items():
        manager.bind(prefix, namespace, override=True, replace=True)
    return manager


def validate_graph(data: rdflib.Graph) -> ValidationReport:
    """Validate a graph against the geokg shapes.

    Args:
        data: the graph of one article (a Dataset or ConjunctiveGraph is validated as the
            union of its graphs); it is not modified.

    Returns:
        The report: ``conforms``, one ValidationResult per failed rule, pySHACL's text.
    """
    if isinstance(data, rdflib.ConjunctiveGraph | rdflib.Dataset):
        data = _union(data)
    data, triples = _as_stored(data)
    graph = _DataGraph(store=data.store, impl=data)
    graph.triples_at_hand = triples
    shapes = _shapes_graph()
    with _LOCK:
        conforms, report_graph, text = pyshacl.validate(
            graph,
            shacl_graph=shapes,
            inference="none",
            advanced=False,
            # Only sh:Violation results make a graph fail; warnings are reported, not blocking.
            allow_warnings=True,
            do_owl_imports=False,
        )
    results = _results(report_graph, shapes) if isinstance(report_graph, rdflib.Graph) else ()
    return ValidationReport(conforms=bool(conforms), results=results, text=str(text))


def validate_file(path: pathlib.Path) -> ValidationReport:
    """Parse an RDF file by its extension and validate it against the geokg shapes.

    Args:
        path: a .ttl, .nt, .jsonld, .rdf, .trig or .nq file; for TriG and N-Quads the union
            of all its graphs is validated.

    Returns:
        The validation report.

    Raises:
        InputError: the file cannot be read, its extension is unknown, or it does not parse
            (with the line number when the parser gives one).
    """
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(FORMATS)
        raise InputError(str(path), f"unknown RDF file extension {path.suffix!r} (use {known})")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read file: {exc}") from exc
    graph: rdflib.Graph = rdflib.Dataset() if fmt in _QUAD_FORMATS else rdflib.Graph()
    try:
        graph.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    # rdflib's parsers raise many unrelated exception types (BadSyntax, ParserError,
    # JSONDecodeError, SAXParseException, ValueError, ...): all mean the file is not valid RDF.
    except Exception as exc:
        message, line = _parse_error(exc, text)
        raise InputError(str(path), f"not valid {fmt}: {message}", line) from exc
    return validate_graph(graph)


def _union(dataset: rdflib.ConjunctiveGraph | rdflib.Dataset) -> rdflib.Graph:
    """One plain graph with the triples of every graph of ``dataset``."""
    union = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


#: The Python type rdflib reads a valid literal of these datatypes into.
_NATURAL: dict[URIRef, type] = {
    XSD.integer: int,
    XSD.decimal: Decimal,
    XSD.double: float,
    XSD.boolean: bool,
    XSD.date: date,
    XSD.dateTime: datetime,
    XSD.string: str,
}


def _as_stored(data: rdflib.Graph) -> tuple[rdflib.Graph, list[tuple[Node, Node, Node]]]:
    """The graph as a store or a file gives it back (typed literals re-read), and its triples.

    rdflib keeps the Python value a literal was made from: ``Literal(0.9, datatype=XSD.decimal)``
    holds a float, and pySHACL checks sh:datatype against the Python type, so it would reject
    an RDF term that is a valid xsd:decimal. Only such literals are replaced, in a copy.
    """
    triples: list[tuple[Node, Node, Node]] = list(data)
    fixes = []
    for triple in triples:
        literal = triple[2]
        if isinstance(literal, Literal) and literal.datatype is not None:
            if type(literal.value) is _NATURAL.get(literal.datatype):
                continue  # re-read from its text it gives a value of the same type
            reread = Literal(str(literal), datatype=literal.datatype)
            if type(reread.value) is not type(literal.value):
                fixes.append((triple, reread))
    if not fixes:
        return data, triples
    copy = rdflib.Graph()
    copy += data
    for (s, p, o), reread in fixes:
        copy.remove((s, p, o))
        copy.add((s, p, reread))
    return copy, list(copy)


def _parse_error(exc: Exception, text: str) -> tuple[str, int | None]:
    """A one-line message and the 1-based line of a parser exception, when it can be known."""
    if isinstance(exc, BadSyntax):
        # The first line is "at line N of <...>:", the second "Bad syntax (why) at ^ in:".
        lines = str(exc).splitlines()
        why = lines[1] if len(lines) > 1 else lines[0]
        return why.removesuffix(" at ^ in:").strip(), exc.lines + 1
    if isinstance(exc, json.JSONDecodeError):
        return exc.msg, exc.lineno
    if isinstance(exc, xml.sax.SAXParseException):
        return str(exc.getMessage()), exc.getLineNumber()
    message = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, ParserError):
        return message, _line_quoted_in(message, text)
    return message, None


def _line_quoted_in(message: str, text: str) -> int | None:
    """The first line of ``text`` that the N-Triples/N-Quads parser's message quotes."""
    # Their ParserError quotes the bad line, or its unparsed rest, but does not number it.
    quoted = message.rsplit(":", 1)[-1].strip().strip("'\"")
    lines = [line.strip() for line in text.splitlines()]
    for number, line in enumerate(lines, start=1):
        if line and not line.startswith("#") and line in message:
            return number
    for number, line in enumerate(lines, start=1):
        if quoted and not line.startswith("#") and line.endswith(quoted):
            return number
    return None


def _results(report: rdflib.Graph, shapes: rdflib.Graph) -> tuple[ValidationResult, ...]:
    """The sh:ValidationResult nodes of a report graph, sorted by focus node, path, message."""
    found = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(node, SH.focusNode)
        path = report.value(node, SH.resultPath)
        value = report.value(node, SH.value)
        severity = report.value(node, SH.resultSeverity)
        # A SPARQL constraint names its own rule; the shape holding it may hold several.
        source = report.value(node, SH.sourceConstraint) or report.value(node, SH.sourceShape)
        messages = sorted(str(m) for m in report.objects(node, SH.resultMessage))
        found.append(
            ValidationResult(
                focus=_short(focus) if focus is not None else "",
                path=_path(report, path) if path is not None else None,
                message="; ".join(messages) or "does not conform",
                severity=_short(severity) if severity is not None else "sh:Violation",
                value=_value(value) if value is not None else None,
                shape=_shape_name(shapes, source) if source is not None else None,
            )
        )
    return tuple(sorted(found, key=lambda r: (r.focus, r.path or "", r.message)))


def _short(node: Node) -> str:
    """An IRI in prefixed form when a known prefix covers it, else in full; a blank node as _:id."""
    if isinstance(node, URIRef):
        try:
            prefix, _, local = _namespaces().compute_qname(str(node), generate=False)
        except (KeyError, ValueError):
            return str(node)
        # Instance IRIs (base + "article/...") have no prefix; vocabulary terms have.
        return f"{prefix}:{local}" if re.fullmatch(r"[\w.-]*", local) else str(node)
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)


def _value(node: Node) -> str:
    """A value for display: literals with their datatype, long ones cut."""
    if isinstance(node, Literal):
        lexical = str(node)
        if len(lexical) > _MAX_VALUE_CHARS:
            lexical = lexical[: _MAX_VALUE_CHARS - 3] + "..."
        shown = Literal(lexical, lang=node.language, datatype=node.datatype)
        return shown.n3(_namespaces())
    return _short(node)


def _path(graph: rdflib.Graph, path: Node) -> str:
    """A SHACL property path (https://www.w3.org/TR/shacl/#property-paths) in SPARQL syntax."""
    if isinstance(path, URIRef):
        return _short(path)
    if (path, RDF.first, None) in graph:
        return "/".join(_path(graph, step) for step in Collection(graph, path))
    for predicate, template in (
        (SH.inversePath, "^{}"),
        (SH.zeroOrMorePath, "({})*"),
        (SH.oneOrMorePath, "({})+"),
        (SH.zeroOrOnePath, "({})?"),
    ):
        inner = graph.value(path, predicate)
        if inner is not None:
            return template.format(_path(graph, inner))
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        steps = Collection(graph, alternatives)
        return "(" + "|".join(_path(graph, step) for step in steps) + ")"
    return _short(path)


def _shape_name(shapes: rdflib.Graph, shape: Node) -> str:
    """The sh:name of a shape or SPARQL constraint, else its IRI in short form."""
    name = shapes.value(shape, SH.name)
    if name is not None:
        return str(name)
    return _short(shape)
