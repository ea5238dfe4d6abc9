"""SPARQL results and RDF graphs as plain values, parsed from files or responses, and compared.

Terms are tuples so that lexical forms are kept exactly (rdflib would normalise ``"01"^^xsd:int``
to ``"1"``): ``("iri", value)``, ``("bnode", label)``, ``("literal", lexical, datatype, lang)``.
Solutions are compared as multisets (as sequences under ORDER BY) up to a renaming of blank nodes;
graphs with rdflib's ``isomorphic``, failures shown with ``graph_diff``.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from .manifest import RS

Term = tuple[str, ...]
Row = dict[str, Term]
Triple = tuple[Term, Term, Term]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SRX = "{http://www.w3.org/2005/sparql-results#}"

#: pyoxigraph formats of the RDF media types a server may answer with.
RDF_MEDIA_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/trig": ox.RdfFormat.TRIG,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "text/n3": ox.RdfFormat.N3,
}
#: Result set media types: JSON and XML are parsed; CSV and TSV are only recognised.
RESULTS_MEDIA_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}


def literal(lexical: str, datatype: str | None = None, lang: str | None = None) -> Term:
    """A literal term with the RDF 1.1 datatype rules (simple = xsd:string, lang = langString)."""
    if lang:
        return ("literal", lexical, RDF_LANGSTRING, lang.lower())
    return ("literal", lexical, datatype or XSD_STRING, "")


def from_ox(term: object) -> Term:
    """A pyoxigraph term as a tuple term."""
    if isinstance(term, ox.NamedNode):
        return ("iri", term.value)
    if isinstance(term, ox.BlankNode):
        return ("bnode", term.value)
    if isinstance(term, ox.Literal):
        return literal(term.value, term.datatype.value, term.language)
    raise TypeError(f"unsupported term {term!r}")


_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {_XSD + name for name in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
    "unsignedByte")}


def canonical(term: Term) -> Term:
    """A literal of a numeric or boolean XSD type with its value's canonical lexical form.

    Stores such as Oxigraph keep these literals by value ("1.0"^^xsd:decimal comes back as
    "1"), so they are compared by value, as W3C result comparisons commonly do. Ill-formed
    lexical forms and every other term stay as written.
    """
    if term[0] != "literal" or not term[2].startswith(_XSD):
        return term
    lexical, datatype = term[1].strip(), term[2]
    try:
        if datatype in _INTEGERS:
            value = str(int(lexical))
        elif datatype == _XSD + "decimal":
            number = Decimal(lexical)
            if not number.is_finite() or "e" in lexical.lower():
                return term
            value = format(number.normalize(), "f") if number else "0"
        elif datatype in (_XSD + "double", _XSD + "float"):
            value = repr(float({"INF": "inf", "-INF": "-inf"}.get(lexical, lexical)))
        elif datatype == _XSD + "boolean":
            value = {"1": "true", "0": "false", "true": "true", "false": "false"}[lexical]
        else:
            return term
    except (ValueError, ArithmeticError, KeyError):
        return term
    return ("literal", value, datatype, "")


def show(term: Term) -> str:
    """A term in N-Triples-like syntax, for messages."""
    if term[0] == "iri":
        return f"<{term[1]}>"
    if term[0] == "bnode":
        return f"_:{term[1]}"
    text = json.dumps(term[1], ensure_ascii=False)
    if term[3]:
        return f"{text}@{term[3]}"
    return text if term[2] == XSD_STRING else f"{text}^^<{term[2]}>"


# -- result values ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Solutions:
    """A SELECT result: variables and rows (unbound variables absent from a row)."""

    variables: tuple[str, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Boolean:
    """An ASK result."""

    value: bool


@dataclass(frozen=True, slots=True)
class Triples:
    """A CONSTRUCT/DESCRIBE result or an RDF document: its triples."""

    triples: frozenset[Triple]


Result = Solutions | Boolean | Triples


# -- parsing ----------------------------------------------------------------------------------


def parse_srx(data: bytes) -> Solutions | Boolean:
    """SPARQL Query Results XML Format."""
    root = ET.fromstring(data)  # noqa: S314 - trusted local test data and loopback responses
    boolean = root.find(f"{_SRX}boolean")
    if boolean is not None:
        return Boolean((boolean.text or "").strip() == "true")
    variables = tuple(v.get("name", "") for v in root.iter(f"{_SRX}variable"))
    rows: list[Row] = []
    for result in root.iter(f"{_SRX}result"):
        row: Row = {}
        for binding in result.findall(f"{_SRX}binding"):
            node = binding[0]
            kind = node.tag.removeprefix(_SRX)
            text = node.text or ""
            if kind == "uri":
                row[binding.get("name", "")] = ("iri", text.strip())
            elif kind == "bnode":
                row[binding.get("name", "")] = ("bnode", text.strip())
            elif kind == "literal":
                lang = node.get("{http://www.w3.org/XML/1998/namespace}lang")
                row[binding.get("name", "")] = literal(text, node.get("datatype"), lang)
            else:
                raise ValueError(f"unknown SRX term <{kind}>")
        rows.append(row)
    return Solutions(variables, tuple(rows))


def _json_term(value: Mapping[str, str]) -> Term:
    kind = value["type"]
    if kind == "uri":
        return ("iri", value["value"])
    if kind == "bnode":
        return ("bnode", value["value"])
    if kind in ("literal", "typed-literal"):
        return literal(value["value"], value.get("datatype"), value.get("xml:lang"))
    raise ValueError(f"unknown SPARQL JSON term type {kind!r}")


def parse_srj(data: bytes) -> Solutions | Boolean:
    """SPARQL 1.1 Query Results JSON Format."""
    doc = json.loads(data.decode("utf-8"))
    if "boolean" in doc:
        return Boolean(bool(doc["boolean"]))
    variables = tuple(doc.get("head", {}).get("vars", []))
    rows = tuple(
        {name: _json_term(value) for name, value in binding.items()}
        for binding in doc["results"]["bindings"]
    )
    return Solutions(variables, rows)


def parse_rdf(data: bytes, media_type: str, base_iri: str | None = None) -> Triples:
    """Triples of an RDF document (quads' graph names are dropped).

    Raises:
        ValueError: the media type is not an RDF syntax; SyntaxError: the data does not parse.
    """
    fmt = RDF_MEDIA_TYPES.get(media_type)
    if fmt is None:
        raise ValueError(f"{media_type or 'no content type'} is not an RDF syntax")
    quads = ox.parse(data, format=fmt, base_iri=base_iri)
    return Triples(frozenset((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
                             for q in quads))


def parse_results(data: bytes, media_type: str) -> Solutions | Boolean:
    """A JSON or XML result set.

    Raises:
        ValueError: not a parsed result format.
    """
    kind = RESULTS_MEDIA_TYPES.get(media_type)
    if kind == "json":
        return parse_srj(data)
    if kind == "xml":
        return parse_srx(data)
    raise ValueError(f"{media_type or 'no content type'} is not a JSON or XML result set")


def _result_set_graph(triples: Triples) -> Solutions | Boolean | None:
    """A result set written in the rs: vocabulary, or None if the graph is not one."""
    by_subject: dict[Term, dict[str, list[Term]]] = {}
    for s, p, o in triples.triples:
        by_subject.setdefault(s, {}).setdefault(p[1], []).append(o)
    rs_type = ("iri", str(RS.ResultSet))
    result_sets = [s for s, props in by_subject.items() if rs_type in props.get(RDF_TYPE, [])]
    if not result_sets:
        return None
    props = by_subject[result_sets[0]]
    if str(RS.boolean) in props:
        return Boolean(props[str(RS.boolean)][0][1] == "true")
    variables = tuple(sorted(v[1] for v in props.get(str(RS.resultVariable), [])))
    indexed: list[tuple[int, Row]] = []
    for solution in props.get(str(RS.solution), []):
        row: Row = {}
        for binding in by_subject.get(solution, {}).get(str(RS.binding), []):
            fields = by_subject[binding]
            row[fields[str(RS.variable)][0][1]] = fields[str(RS.value)][0]
        index = by_subject.get(solution, {}).get(str(RS.index))
        indexed.append((int(index[0][1]) if index else 0, row))
    indexed.sort(key=lambda pair: pair[0])
    return Solutions(variables, tuple(row for _, row in indexed))


def load_expected(path: Path, base_iri: str) -> Result:
    """The expected result of an evaluation test (.srx, .srj, or .ttl/.rdf graph or rs: set)."""
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".srx":
        return parse_srx(data)
    if suffix == ".srj":
        return parse_srj(data)
    media = {".ttl": "text/turtle", ".nt": "application/n-triples",
             ".rdf": "application/rdf+xml"}.get(suffix)
    if media is None:
        raise ValueError(f"unsupported result file {path.name}")
    triples = parse_rdf(data, media, base_iri)
    return _result_set_graph(triples) or triples


# -- comparing --------------------------------------------------------------------------------


def _has_bnode(row: Mapping[str, Term]) -> bool:
    return any(t[0] == "bnode" for t in row.values())


def _unify(a: Mapping[str, Term], b: Mapping[str, Term], mapping: dict[Term, Term],
           used: set[Term]) -> list[Term] | None:
    """Extend ``mapping`` (bnodes of ``a`` -> bnodes of ``b``) so that ``a`` matches ``b``.

    Returns the newly mapped keys (to undo), or None (mapping left unchanged) if impossible.
    """
    if a.keys() != b.keys():
        return None
    added: list[Term] = []
    for name, ta in a.items():
        tb = b[name]
        if ta[0] == "bnode" and tb[0] == "bnode":
            if ta in mapping:
                if mapping[ta] == tb:
                    continue
            elif tb not in used:
                mapping[ta] = tb
                used.add(tb)
                added.append(ta)
                continue
        elif ta == tb:
            continue
        for key in added:
            used.discard(mapping.pop(key))
        return None
    return added


def _match_rows(expected: list[Row], actual: list[Row], ordered: bool) -> bool:
    """Whether the rows match up to a bijective renaming of blank nodes."""
    if len(expected) != len(actual):
        return False
    mapping: dict[Term, Term] = {}
    used: set[Term] = set()
    if ordered:
        return all(_unify(e, a, mapping, used) is not None for e, a in zip(expected, actual,
                                                                          strict=True))
    # ground rows match as a multiset; rows with blank nodes need a search
    ground_e = Counter(_key(r) for r in expected if not _has_bnode(r))
    ground_a = Counter(_key(r) for r in actual if not _has_bnode(r))
    if ground_e != ground_a:
        return False
    rest_e = [r for r in expected if _has_bnode(r)]
    rest_a = [r for r in actual if _has_bnode(r)]
    taken = [False] * len(rest_a)

    def search(i: int) -> bool:
        if i == len(rest_e):
            return True
        for j, row in enumerate(rest_a):
            if taken[j]:
                continue
            added = _unify(rest_e[i], row, mapping, used)
            if added is None:
                continue
            taken[j] = True
            if search(i + 1):
                return True
            taken[j] = False
            for key in added:
                used.discard(mapping.pop(key))
        return False

    return search(0)


def _key(row: Mapping[str, Term]) -> tuple[tuple[str, Term], ...]:
    return tuple(sorted(row.items()))


def _show_rows(rows: Iterable[Row], limit: int = 20) -> str:
    lines = []
    for n, row in enumerate(rows):
        if n == limit:
            lines.append("    ...")
            break
        cells = " ".join(f"?{k}={show(v)}" for k, v in sorted(row.items()))
        lines.append(f"    {{{cells}}}")
    return "\n".join(lines) or "    (none)"


def _rdflib(term: Term) -> URIRef | BNode | Literal:
    if term[0] == "iri":
        return URIRef(term[1])
    if term[0] == "bnode":
        return BNode(term[1])
    if term[3]:
        return Literal(term[1], lang=term[3], normalize=False)
    return Literal(term[1], datatype=URIRef(term[2]), normalize=False)


def to_graph(triples: Iterable[Triple]) -> Graph:
    """An rdflib Graph of tuple triples (literals kept as written)."""
    graph = Graph()
    for s, p, o in triples:
        graph.add((_rdflib(s), _rdflib(p), _rdflib(o)))
    return graph


def graph_difference(expected: Iterable[Triple], actual: Iterable[Triple]) -> str | None:
    """None if the graphs are isomorphic, else the triples only in one of them."""
    g_exp, g_act = to_graph(expected), to_graph(actual)
    if isomorphic(g_exp, g_act):
        return None
    _, only_exp, only_act = graph_diff(to_isomorphic(g_exp), to_isomorphic(g_act))
    return (f"graphs differ ({len(g_exp)} expected triples, {len(g_act)} actual)\n"
            f"  only expected:\n{_nt(only_exp)}\n  only actual:\n{_nt(only_act)}")


def _nt(graph: Graph, limit: int = 20) -> str:
    lines = sorted(graph.serialize(format="nt").splitlines())
    shown = [f"    {line}" for line in lines[:limit] if line.strip()]
    if len(lines) > limit:
        shown.append("    ...")
    return "\n".join(shown) or "    (none)"


def difference(expected: Result, actual: Result, *, ordered: bool = False) -> str | None:
    """None if ``actual`` matches ``expected``, else a readable account of the difference."""
    if type(expected) is not type(actual):
        return f"expected a {type(expected).__name__} result, got {type(actual).__name__}"
    if isinstance(expected, Boolean):
        assert isinstance(actual, Boolean)
        return None if expected == actual else f"expected {expected.value}, got {actual.value}"
    if isinstance(expected, Triples):
        assert isinstance(actual, Triples)
        return graph_difference(_canonical_triples(expected.triples),
                                _canonical_triples(actual.triples))
    assert isinstance(expected, Solutions) and isinstance(actual, Solutions)
    exp_rows = [{k: canonical(v) for k, v in row.items()} for row in expected.rows]
    act_rows = [{k: canonical(v) for k, v in row.items()} for row in actual.rows]
    if _match_rows(exp_rows, act_rows, ordered):
        return None
    if ordered and _match_rows(exp_rows, act_rows, False):
        return (f"same solutions, wrong order\n  expected:\n{_show_rows(exp_rows)}\n"
                f"  actual:\n{_show_rows(act_rows)}")
    ground_e = Counter(_key(r) for r in exp_rows)
    ground_a = Counter(_key(r) for r in act_rows)
    only_e = [dict(k) for k in (ground_e - ground_a).elements()]
    only_a = [dict(k) for k in (ground_a - ground_e).elements()]
    return (f"solutions differ ({len(exp_rows)} expected, {len(act_rows)} actual)\n"
            f"  only expected:\n{_show_rows(only_e)}\n  only actual:\n{_show_rows(only_a)}")


def _canonical_triples(triples: Iterable[Triple]) -> list[Triple]:
    return [(s, p, canonical(o)) for s, p, o in triples]


def triples_of(rows: Iterator[Triple]) -> Triples:
    """A Triples value from an iterator of tuple triples."""
    return Triples(frozenset(rows))
