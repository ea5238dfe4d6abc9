"""The embedded Oxigraph store: atomic per-article graphs, SPARQL queries, dumps."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal, cast

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.term import Identifier, Node

from .errors import QueryError, StoreError
from .namespaces import PREFIXES

Term = URIRef | BNode | RdfLiteral
QueryKind = Literal["solutions", "boolean", "graph"]

#: Result serialisations for SELECT/ASK (media type -> pyoxigraph format).
RESULTS_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}

#: RDF serialisations for CONSTRUCT/DESCRIBE, resources and dumps (media type -> format).
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/trig": ox.RdfFormat.TRIG,
    "application/n-quads": ox.RdfFormat.N_QUADS,
}


@dataclass(frozen=True, slots=True)
class GraphStamp:
    """What identifies the content of a stored article graph: input digest and extractor."""

    digest: str | None
    agent: str | None


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, RdfLiteral):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store term {term!r}")


def to_rdflib(term: object) -> Term:
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return RdfLiteral(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return RdfLiteral(term.value)
        return RdfLiteral(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unsupported term {term!r}")


def _triples_as_ntriples(graph: Graph) -> str:
    """The triples of ``graph`` in N-Triples syntax, which is also valid SPARQL data syntax."""
    triples = (
        ox.Triple(to_ox(s), cast(ox.NamedNode, to_ox(p)), to_ox(o))  # type: ignore[arg-type]
        for s, p, o in graph
    )
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    return data.decode("utf-8") if isinstance(data, bytes) else ""


class Store:
    """An Oxigraph store on disk (or in memory when ``path`` is None)."""

    def __init__(self, path: Path | str | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self._ox = ox.Store()
            elif read_only:
                self._ox = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._ox = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"cannot open store at {self.path}: {exc}") from exc

    # -- writing ---------------------------------------------------------------------------

    def replace_graph(self, graph_iri: str, graph: Graph) -> None:
        """Replace the named graph ``graph_iri`` with ``graph`` in one transaction."""
        name = str(ox.NamedNode(graph_iri))
        # One SPARQL update is one transaction: readers see the old graph or the new one, and a
        # failure leaves the old graph untouched. Terms are written by the N-Triples serialiser.
        update = (
            f"DROP SILENT GRAPH {name} ;\n"
            f"INSERT DATA {{ GRAPH {name} {{\n{_triples_as_ntriples(graph)}}} }}"
        )
        try:
            self._ox.update(update)
        except OSError as exc:
            raise StoreError(f"cannot write graph {graph_iri}: {exc}") from exc

    def remove_graph(self, graph_iri: str) -> bool:
        """Remove a named graph; True if it existed."""
        node = ox.NamedNode(graph_iri)
        if not self._ox.contains_named_graph(node):
            return False
        self._ox.remove_graph(node)
        return True

    def load(self, data: bytes, media_type: str, *, graph_iri: str | None = None) -> None:
        """Load RDF data in one transaction (into ``graph_iri`` for triple formats)."""
        fmt = RDF_FORMATS.get(media_type)
        if fmt is None:
            raise QueryError(f"unsupported RDF media type: {media_type}")
        to_graph = ox.NamedNode(graph_iri) if graph_iri else None
        try:
            self._ox.load(data, format=fmt, to_graph=to_graph)
        except SyntaxError as exc:
            raise QueryError(f"cannot parse {media_type}: {exc}") from exc

    def update(self, update: str, *, base_iri: str | None = None) -> None:
        """Run a SPARQL 1.1 Update in one transaction."""
        try:
            self._ox.update(update, base_iri=base_iri)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL update syntax error: {exc}") from exc

    def flush(self) -> None:
        """Make every write durable on disk."""
        self._ox.flush()

    # -- reading ---------------------------------------------------------------------------

    def has_graph(self, graph_iri: str) -> bool:
        """Whether the named graph exists."""
        return bool(self._ox.contains_named_graph(ox.NamedNode(graph_iri)))

    def named_graphs(self) -> list[str]:
        """IRIs of all named graphs."""
        return sorted(g.value for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode))

    def __len__(self) -> int:
        """Number of quads in the store."""
        return len(self._ox)

    def _run(
        self,
        query: str,
        bindings: Mapping[str, Node] | None,
        *,
        union: bool = True,
        default_graphs: Iterable[str] | None = None,
        named_graphs: Iterable[str] | None = None,
        base_iri: str | None = None,
    ) -> object:
        """Run a query; the default graph is the union of named graphs unless given."""
        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            default = [ox.NamedNode(g) for g in default_graphs] if default_graphs else None
            named = [ox.NamedNode(g) for g in named_graphs] if named_graphs else None
        except ValueError as exc:
            raise QueryError(f"invalid graph IRI: {exc}") from exc
        try:
            return self._ox.query(
                query,
                base_iri=base_iri,
                prefixes=PREFIXES,
                use_default_graph_as_union=union and default is None,
                default_graph=default,  # type: ignore[arg-type]
                named_graphs=named,  # type: ignore[arg-type]
                substitutions=subs or None,  # type: ignore[arg-type]
            )
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"store read failed: {exc}") from exc

    def select(
        self, query: str, bindings: Mapping[str, Node] | None = None
    ) -> list[dict[str, Term]]:
        """Rows of a SELECT query as dicts of rdflib terms (unbound variables left out).

        A bound variable must appear in the projection (Oxigraph substitutes only those).
        """
        result = self._run(query, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        names = [v.value for v in result.variables]
        rows = []
        for solution in result:
            row = {}
            for name in names:
                value = solution[name]
                if value is not None:
                    row[name] = to_rdflib(value)
            rows.append(row)
        return rows

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        """The answer of an ASK query."""
        result = self._run(query, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(result)

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        """The graph of a CONSTRUCT or DESCRIBE query as an rdflib Graph."""
        result = self._run(query, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        graph = Graph()
        for prefix, ns in PREFIXES.items():
            graph.bind(prefix, ns)
        for triple in result:
            graph.add(
                (
                    cast(Identifier, to_rdflib(triple.subject)),
                    cast(Identifier, to_rdflib(triple.predicate)),
                    cast(Identifier, to_rdflib(triple.object)),
                )
            )
        return graph

    def construct_serialized(
        self, query: str, media_type: str, bindings: Mapping[str, Node] | None = None
    ) -> bytes:
        """A CONSTRUCT/DESCRIBE result serialised natively by Oxigraph (fast path)."""
        result = self._run(query, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        return cast(bytes, result.serialize(format=RDF_FORMATS[media_type]))

    def query_serialized(
        self,
        query: str,
        accept: Mapping[QueryKind, str],
        *,
        default_graphs: Iterable[str] | None = None,
        named_graphs: Iterable[str] | None = None,
        base_iri: str | None = None,
    ) -> tuple[QueryKind, str, bytes]:
        """Run any query and serialise its result; ``accept`` maps result kind to media type.

        Returns (kind, media type, body).
        """
        result = self._run(
            query,
            None,
            default_graphs=default_graphs,
            named_graphs=named_graphs,
            base_iri=base_iri,
        )
        if isinstance(result, ox.QueryTriples):
            media = accept["graph"]
            return "graph", media, cast(bytes, result.serialize(format=RDF_FORMATS[media]))
        kind: QueryKind = "boolean" if isinstance(result, ox.QueryBoolean) else "solutions"
        media = accept[kind]
        body = result.serialize(format=RESULTS_FORMATS[media])  # type: ignore[attr-defined]
        return kind, media, cast(bytes, body)

    def graph_stamp(self, graph_iri: str) -> GraphStamp | None:
        """The input digest and extractor agent recorded in a stored article graph, if any."""
        if not self.has_graph(graph_iri):
            return None
        name = ox.NamedNode(graph_iri)
        digest = agent = None
        gen = ox.NamedNode("http://www.w3.org/ns/prov#wasGeneratedBy")
        for quad in self._ox.quads_for_pattern(name, gen, None, name):
            activity = quad.object
            if not isinstance(activity, ox.NamedNode):
                continue
            for q in self._ox.quads_for_pattern(activity, None, None, name):
                pred = q.predicate.value
                if pred.endswith("#inputDigest"):
                    digest = cast(ox.Literal, q.object).value
                elif pred == "http://www.w3.org/ns/prov#wasAssociatedWith":
                    agent = cast(ox.NamedNode, q.object).value
        return GraphStamp(digest, agent)

    def dump(self, out: IO[bytes], media_type: str = "application/n-quads") -> None:
        """Write the whole dataset (N-Quads or TriG) to ``out``."""
        if media_type not in ("application/n-quads", "application/trig"):
            raise QueryError(f"dumps are N-Quads or TriG, not {media_type}")
        self._ox.dump(out, format=RDF_FORMATS[media_type])

    def dump_graph(self, graph_iri: str, media_type: str = "text/turtle") -> bytes:
        """One named graph serialised as a triple format."""
        data = self._ox.dump(format=RDF_FORMATS[media_type], from_graph=ox.NamedNode(graph_iri))
        return cast(bytes, data)

    def quads(self) -> Iterator[tuple[Term, Term, Term, Term | None]]:
        """Every quad as rdflib terms (graph None for the default graph)."""
        for q in self._ox:
            g = None if isinstance(q.graph_name, ox.DefaultGraph) else to_rdflib(q.graph_name)
            yield to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object), g
