"""The embedded Oxigraph store: atomic per-article graphs, SPARQL queries, dumps."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.client
import json
import os
import re
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal, ParamSpec, TypeVar, cast

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.term import Identifier, Node

from .errors import QueryError, QueryTimeout, StoreError
from .namespaces import PREFIXES
from .sparql import with_using

Term = URIRef | BNode | RdfLiteral
P = ParamSpec("P")
R = TypeVar("R")
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


#: The file in a store folder that counts the writes made through geokg (RocksDB ignores it).
DATA_VERSION_FILE = "geokg-data-version"


class DataVersion:
    """A count of writes to one store, shared by every process that writes it through geokg.

    The file ``{store}/geokg-data-version`` holds two numbers: writes begun and writes in
    progress. A write adds one to both before it starts and, in a ``finally``, one to the first
    and minus one to the second after it ends (``writing()``), under an ``flock`` of its own
    lock file, and the file is replaced atomically, so a reader needs one ``open``/``read``.
    ``current()`` is None while a write is in progress (or after a writer died mid-write, until
    the store is next opened for writing alone): then nothing may be cached. An answer computed
    between two equal ``current()`` readings saw no write at all, so it is the answer for that
    version and stays exact until the version changes. With no folder (an in-memory store) the
    count lives in this object; ``DataVersion.unknown()`` never gives a version (a remote server
    others may write to).
    """

    def __init__(self, folder: Path | None, *, known: bool = True, frozen: bool = False) -> None:
        self.path = folder / DATA_VERSION_FILE if folder is not None else None
        self.known = known
        #: read once and kept: only for a store no one can write (served read-only, locked)
        self.frozen = frozen
        self._kept: str | None = None
        self._lock = threading.Lock()
        self._local = (0, 0)

    @classmethod
    def unknown(cls) -> DataVersion:
        """A version for a store written by others too: never known, so nothing is cached."""
        return cls(None, known=False)

    def _read(self) -> tuple[int, int]:
        """(writes begun, writes in progress)."""
        if self.path is None:
            return self._local
        try:
            with open(self.path, "rb") as file:
                begun, _, active = file.read().partition(b" ")
            return int(begun), int(active)
        except FileNotFoundError:
            return 0, 0
        except ValueError:  # not ours or damaged: treat as "a write is in progress"
            return 0, 1

    def current(self) -> str | None:
        """The version of the data now, or None while a write is in progress or unknowable."""
        if not self.known:
            return None
        if self._kept is not None:
            return self._kept
        begun, active = self._read()
        version = str(begun) if active == 0 else None
        if self.frozen:
            self._kept = version
        return version

    def _change(self, begun: int, active: int | None) -> None:
        """Add to both counts (``active`` None: set it to 0), atomically (flock, then rename)."""
        if self.path is None:
            with self._lock:
                old = self._local
                self._local = (old[0] + begun, 0 if active is None else max(0, old[1] + active))
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock_path = self.path.with_name(DATA_VERSION_FILE + ".lock")
        with open(lock_path, "a+b") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                old_begun, old_active = self._read()
                now = 0 if active is None else max(0, old_active + active)
                temp = self.path.with_name(f"{DATA_VERSION_FILE}.{os.getpid()}.tmp")
                temp.write_bytes(f"{old_begun + begun} {now}".encode("ascii"))
                os.replace(temp, self.path)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Mark a write in progress for the block, and a new version once it ended (or failed)."""
        self._change(1, 1)
        try:
            yield
        finally:
            self._change(1, -1)

    def reset(self) -> None:
        """Forget writes left in progress by a dead writer (call only as the store's one writer)."""
        self._change(1, None)


#: The file in a store folder whose ``flock`` keeps writers out while geokg serves it read-only.
STORE_LOCK_FILE = "geokg.lock"

SERVED_READ_ONLY = (
    "the store is being served read-only by geokg serve; stop it, or serve with "
    "GEOKG_UPDATE_TOKEN and write through /sparql or /store"
)


class StoreLock:
    """geokg's lock on a store folder: shared while served read-only, exclusive to write.

    pyoxigraph documents opening a store read-only while another process writes it as
    undefined behaviour, and RocksDB's own lock covers writers only. Read-only serving holds
    ``{store}/geokg.lock`` shared for its lifetime (its worker processes inherit it); a writer
    (``Store(path)``, the engine) takes it exclusive without waiting, so one never overlaps
    the other. The lock ends when the holder closes it or dies.
    """

    def __init__(self, folder: Path, *, shared: bool) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._file: IO[bytes] | None = open(folder / STORE_LOCK_FILE, "a+b")  # noqa: SIM115
        try:
            fcntl.flock(self._file, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except OSError:
            readers = self._readers_only()
            self.close()
            if not shared and readers:
                raise StoreError(SERVED_READ_ONLY) from None
            raise StoreError(
                f"the store {folder} is open for writing by another geokg process "
                "(an ingest, or geokg serve with its engine); wait for it or stop it"
            ) from None

    def _readers_only(self) -> bool:
        """Whether the lock others hold is shared (a read-only server), not a writer's."""
        if self._file is None:
            return False
        try:
            fcntl.flock(self._file, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return False
        fcntl.flock(self._file, fcntl.LOCK_UN)
        return True

    def close(self) -> None:
        """Release the lock."""
        if self._file is not None:
            self._file.close()
            self._file = None


@contextlib.contextmanager
def served_read_only(folder: Path) -> Iterator[None]:
    """Hold the store's shared lock while the block serves it read-only (writers are refused).

    A folder with no store yet gets an empty one, so that it can be opened read-only.

    Raises:
        StoreError: a writer has the store open (an ingest, or geokg serve with its engine).
    """
    if not (folder / "CURRENT").exists():
        Store(folder).flush()
    lock = StoreLock(folder, shared=True)
    try:
        # no writer holds the store now (it would hold the lock): forget a dead writer's count
        DataVersion(folder).reset()
        yield
    finally:
        lock.close()


def _limited(method: Callable[P, R]) -> Callable[P, R]:
    """Run a query method of ``Store`` under its ``limit`` (the whole evaluation, lazy too).

    Results are evaluated lazily, while they are read or serialised: a failure then (a store
    read, a SERVICE endpoint hanging up) is an OSError, reported as a StoreError (503) here.
    """

    @functools.wraps(method)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        store = cast("Store", args[0])
        with store.limit():
            try:
                return method(*args, **kwargs)
            except OSError as exc:
                raise StoreError(f"store read failed: {exc}") from exc

    return run


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


def _rows(solutions: ox.QuerySolutions) -> list[dict[str, Term]]:
    """Solutions as dicts of rdflib terms, unbound variables left out."""
    names = [v.value for v in solutions.variables]
    return [{n: to_rdflib(s[n]) for n in names if s[n] is not None} for s in solutions]


def _graph(triples: Iterable[ox.Triple]) -> Graph:
    """Triples as an rdflib Graph with geokg's prefixes bound."""
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    for t in triples:
        graph.add((
            cast(Identifier, to_rdflib(t.subject)),
            cast(Identifier, to_rdflib(t.predicate)),
            cast(Identifier, to_rdflib(t.object)),
        ))
    return graph


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
        #: wraps every query's evaluation; a web worker serving read-only sets its time limit
        self.limit: Callable[[], contextlib.AbstractContextManager[object]] = contextlib.nullcontext
        #: a writer's exclusive hold on the folder (read-only serving keeps writers out with it)
        self._lock = None if self.path is None or read_only else StoreLock(self.path, shared=False)
        try:
            if self.path is None:
                self._ox = ox.Store()
            elif read_only:
                self._ox = ox.Store.read_only(str(self.path))
            else:
                self._ox = ox.Store(str(self.path))
        except OSError as exc:
            if self._lock is not None:
                self._lock.close()
            raise StoreError(f"cannot open store at {self.path}: {exc}") from exc
        #: counts the writes, for every process reading this store (answer caches, ETags)
        self.versions = DataVersion(self.path)
        if not read_only:
            # the store is locked for this process: no other writer can be in progress
            self.versions.reset()

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
            with self.versions.writing():
                self._ox.update(update)
        except OSError as exc:
            raise StoreError(f"cannot write graph {graph_iri}: {exc}") from exc

    def remove_graph(self, graph_iri: str) -> bool:
        """Remove a named graph; True if it existed."""
        node = ox.NamedNode(graph_iri)
        if not self._ox.contains_named_graph(node):
            return False
        with self.versions.writing():
            self._ox.remove_graph(node)
        return True

    def load(self, data: bytes, media_type: str, *, graph_iri: str | None = None) -> None:
        """Load RDF data in one transaction (into ``graph_iri`` for triple formats)."""
        fmt = RDF_FORMATS.get(media_type)
        if fmt is None:
            raise QueryError(f"unsupported RDF media type: {media_type}")
        to_graph = ox.NamedNode(graph_iri) if graph_iri else None
        try:
            with self.versions.writing():
                self._ox.load(data, format=fmt, to_graph=to_graph)
        except SyntaxError as exc:
            raise QueryError(f"cannot parse {media_type}: {exc}") from exc

    def update(
        self,
        update: str,
        *,
        base_iri: str | None = None,
        using_graphs: Sequence[str] | None = None,
        using_named_graphs: Sequence[str] | None = None,
    ) -> None:
        """Run a SPARQL 1.1 Update in one transaction.

        ``using_graphs``/``using_named_graphs`` are the protocol's ``using-graph-uri`` and
        ``using-named-graph-uri`` (SPARQL 1.1 Protocol §2.2.3): they act as USING/USING NAMED
        on every operation with a WHERE clause; an update with its own USING/WITH is refused.
        """
        if using_graphs or using_named_graphs:
            update = with_using(update, using_graphs or (), using_named_graphs or ())
        try:
            with self.versions.writing():
                self._ox.update(update, base_iri=base_iri)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL update syntax error: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"store write failed: {exc}") from exc

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
        options = {
            "base_iri": base_iri,
            "use_default_graph_as_union": union and default is None,
            "default_graph": default,
            "named_graphs": named,
            "substitutions": subs or None,
        }
        try:
            try:
                # most queries declare what they use; handing pyoxigraph the predeclared
                # prefixes costs a lookup ~25 us, so they are given only to a query that
                # does not parse without them (the answer is the same either way)
                return self._ox.query(query, **options)  # type: ignore[arg-type]
            except SyntaxError:
                return self._ox.query(query, prefixes=PREFIXES, **options)  # type: ignore[arg-type]
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"store read failed: {exc}") from exc

    @_limited
    def select(
        self, query: str, bindings: Mapping[str, Node] | None = None
    ) -> list[dict[str, Term]]:
        """Rows of a SELECT query as dicts of rdflib terms (unbound variables left out).

        A bound variable must appear in the projection (Oxigraph substitutes only those).
        """
        result = self._run(query, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        return _rows(result)

    @_limited
    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        """The answer of an ASK query."""
        result = self._run(query, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(result)

    @_limited
    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        """The graph of a CONSTRUCT or DESCRIBE query as an rdflib Graph."""
        result = self._run(query, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        return _graph(result)

    @_limited
    def construct_serialized(
        self, query: str, media_type: str, bindings: Mapping[str, Node] | None = None
    ) -> bytes:
        """A CONSTRUCT/DESCRIBE result serialised natively by Oxigraph (fast path)."""
        result = self._run(query, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        return cast(bytes, result.serialize(format=RDF_FORMATS[media_type]))

    @_limited
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

    # -- bounded query answers, Graph Store Protocol (appended for web/sparql.py, graph_store.py)

    @_limited
    def query_answer(
        self,
        query: str,
        accept: Mapping[QueryKind, str],
        *,
        limit: int | None = None,
        link: str | None = None,
        default_graphs: Iterable[str] | None = None,
        named_graphs: Iterable[str] | None = None,
        base_iri: str | None = None,
    ) -> tuple[QueryKind, str, bytes, bool]:
        """Like ``query_serialized``, with SELECT results cut after ``limit`` rows.

        Returns (kind, media type, body, truncated). A cut result lists ``link`` in its head
        (SPARQL JSON ``head.link``, SPARQL XML ``<link>``), the formats' in-band pointer to
        metadata; CSV and TSV have none, so the caller must signal the cut in a header.
        """
        result = self._run(
            query, None, default_graphs=default_graphs, named_graphs=named_graphs,
            base_iri=base_iri,
        )
        if isinstance(result, ox.QueryTriples):
            media = accept["graph"]
            return "graph", media, cast(bytes, result.serialize(format=RDF_FORMATS[media])), False
        if isinstance(result, ox.QueryBoolean):
            media = accept["boolean"]
            body = result.serialize(format=RESULTS_FORMATS[media])
            return "boolean", media, cast(bytes, body), False
        media = accept["solutions"]
        solutions = cast(ox.QuerySolutions, result)
        if limit and media == "application/sparql-results+json":
            # serialised by Oxigraph as it evaluates, and passed on as written when within the
            # limit, as RemoteStore passes the engine's answer: building the JSON row by row in
            # Python cost 1.2-1.3x Oxigraph server's time on 1,000-2,000 rows
            raw = cast(bytes, solutions.serialize(format=ox.QueryResultsFormat.JSON))
            # each row is at least "{}": a document shorter than 2 x (limit + 1) bytes is within
            if len(raw) < 2 * (limit + 1) or len(json.loads(raw)["results"]["bindings"]) <= limit:
                return "solutions", media, raw, False
            solutions = cast(
                ox.QuerySolutions, ox.parse_query_results(raw, format=ox.QueryResultsFormat.JSON)
            )
        body, truncated = Store.serialize_solutions(solutions, media, limit=limit, link=link)
        return "solutions", media, body, truncated

    @staticmethod
    def serialize_solutions(
        solutions: ox.QuerySolutions, media_type: str, *, limit: int | None, link: str | None
    ) -> tuple[bytes, bool]:
        """SELECT results in ``media_type``, cut after ``limit`` rows; (body, truncated).

        Reads at most ``limit`` + 1 solutions from the iterator. pyoxigraph serialises only a
        whole QuerySolutions, so the kept rows are written as SPARQL JSON here and Oxigraph
        rewrites that document in the other formats.
        """
        fmt = RESULTS_FORMATS[media_type]
        if limit is None:
            return cast(bytes, solutions.serialize(format=fmt)), False
        rows: list[ox.QuerySolution] = []
        truncated = False
        try:
            for solution in solutions:
                if len(rows) == limit:
                    truncated = True
                    break
                rows.append(solution)
        except OSError as exc:
            raise StoreError(f"store read failed: {exc}") from exc
        names = [v.value for v in solutions.variables]
        links = [link] if truncated and link else []
        body = Store.solutions_json(names, rows, links)
        if fmt != ox.QueryResultsFormat.JSON:
            parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            body = cast(bytes, parsed.serialize(format=fmt))
            if fmt == ox.QueryResultsFormat.XML and links:
                href = links[0].replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
                element = f'<link href="{href}"/>'.encode()
                body = body.replace(b"</head>", element + b"</head>", 1)
        return body, truncated

    @staticmethod
    def solutions_json(
        variables: Sequence[str], rows: Iterable[ox.QuerySolution], links: Sequence[str] = ()
    ) -> bytes:
        """Solutions as a SPARQL 1.1 Query Results JSON document (with ``head.link``)."""
        head: dict[str, object] = {"vars": list(variables)}
        if links:
            head["link"] = list(links)
        bindings = []
        for row in rows:
            binding = {}
            for name in variables:
                value = row[name]
                if value is not None:
                    binding[name] = Store._json_term(value)
            bindings.append(binding)
        document = {"head": head, "results": {"bindings": bindings}}
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    @staticmethod
    def _json_term(term: object) -> dict[str, object]:
        """A pyoxigraph term as a SPARQL 1.1 Query Results JSON term (§3.2.2)."""
        if isinstance(term, ox.NamedNode):
            return {"type": "uri", "value": term.value}
        if isinstance(term, ox.BlankNode):
            return {"type": "bnode", "value": term.value}
        if isinstance(term, ox.Literal):
            found: dict[str, object] = {"type": "literal", "value": term.value}
            if term.language:
                found["xml:lang"] = term.language
            elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
                found["datatype"] = term.datatype.value
            return found
        if isinstance(term, ox.Triple):
            return {"type": "triple", "value": {
                "subject": Store._json_term(term.subject),
                "predicate": Store._json_term(term.predicate),
                "object": Store._json_term(term.object),
            }}
        raise TypeError(f"unsupported term {term!r}")

    @staticmethod
    def _graph_name(graph_iri: str | None) -> ox.NamedNode | ox.DefaultGraph:
        """The pyoxigraph name of a graph (None = the default graph); QueryError if not an IRI."""
        if graph_iri is None:
            return ox.DefaultGraph()
        try:
            return ox.NamedNode(graph_iri)
        except ValueError as exc:
            raise QueryError(f"<{graph_iri}> is not a valid IRI: {exc}") from exc

    def graph_exists(self, graph_iri: str | None) -> bool:
        """Whether a graph exists (None = the default graph, which always does)."""
        name = Store._graph_name(graph_iri)
        return isinstance(name, ox.DefaultGraph) or bool(self._ox.contains_named_graph(name))

    def get_graph(self, graph_iri: str | None, media_type: str) -> bytes:
        """One graph (None = the default graph) in a triple format: a Graph Store GET."""
        source = Store._graph_name(graph_iri)
        data = self._ox.dump(format=RDF_FORMATS[media_type], from_graph=source, prefixes=PREFIXES)
        return cast(bytes, data)

    def put_graph(
        self, graph_iri: str | None, data: bytes, media_type: str, *, base_iri: str | None = None
    ) -> bool:
        """Replace a graph with RDF data in one transaction (Graph Store PUT); True if created.

        Raises:
            QueryError: the media type is not an RDF triple format or the data does not parse.
        """
        created = not self.graph_exists(graph_iri)
        self._write_graph(graph_iri, [(data, media_type)], replace=True, base_iri=base_iri)
        return created

    def post_graph(
        self,
        graph_iri: str | None,
        parts: Sequence[tuple[bytes, str]],
        *,
        base_iri: str | None = None,
    ) -> bool:
        """Add RDF data (one or more (data, media type) parts) to a graph in one transaction.

        The Graph Store POST (a multipart/form-data request has several parts). True if the
        graph was created.

        Raises:
            QueryError: a media type is not an RDF triple format or a part does not parse.
        """
        created = not self.graph_exists(graph_iri)
        self._write_graph(graph_iri, parts, replace=False, base_iri=base_iri)
        return created

    def delete_graph(self, graph_iri: str | None) -> bool:
        """Remove a named graph, or empty the default graph (None); True if it existed."""
        name = Store._graph_name(graph_iri)
        if isinstance(name, ox.DefaultGraph):
            with self.versions.writing():
                self._ox.clear_graph(name)
            return True
        if not self._ox.contains_named_graph(name):
            return False
        with self.versions.writing():
            self._ox.remove_graph(name)
        return True

    def _write_graph(
        self,
        graph_iri: str | None,
        parts: Sequence[tuple[bytes, str]],
        *,
        replace: bool,
        base_iri: str | None,
    ) -> None:
        """Write parsed triples into a graph with one SPARQL update (one transaction)."""
        lines: list[str] = []
        for data, media_type in parts:
            fmt = RDF_FORMATS.get(media_type)
            if fmt is None or media_type in ("application/trig", "application/n-quads"):
                raise QueryError(f"a graph is sent as an RDF triple format, not {media_type}")
            try:
                quads = list(ox.parse(data, format=fmt, base_iri=base_iri or graph_iri))
            except (SyntaxError, ValueError) as exc:
                raise QueryError(f"cannot parse {media_type}: {exc}") from exc
            lines.extend(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        triples = "\n".join(lines)
        if graph_iri is None:
            ops = ["DROP SILENT DEFAULT"] if replace else []
            ops.append(f"INSERT DATA {{\n{triples}\n}}")
        else:
            name = str(Store._graph_name(graph_iri))
            ops = [f"DROP SILENT GRAPH {name}"] if replace else []
            ops.append(f"CREATE SILENT GRAPH {name}")
            ops.append(f"INSERT DATA {{ GRAPH {name} {{\n{triples}\n}} }}")
        self.update(" ;\n".join(ops))


# -- a SPARQL 1.1 server as the store ------------------------------------------------------

_CANCELLED = b"operation has been cancelled"
_SOLUTIONS_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"


def bind_values(query: str, bindings: Mapping[str, Node]) -> str:
    """The query with ``bindings`` as a VALUES block opening its outermost WHERE group.

    Used where a server takes no bindings (a remote SPARQL endpoint). Terms are written by
    rdflib's N3 serialiser, never by string formatting of raw values; blank nodes cannot be bound.
    """
    if not bindings:
        return query
    names, terms = [], []
    for name, term in bindings.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) or isinstance(term, BNode):
            raise QueryError(f"cannot bind ?{name} to {term!r}")
        names.append(f"?{name}")
        terms.append(term.n3())
    block = f" VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }} "
    match = _WHERE.search(query)
    if match is None:  # a trailing VALUES block joins the same way, only later
        return f"{query}\nVALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"
    return query[: match.end()] + block + query[match.end() :]


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


class RemoteStore:
    """A SPARQL 1.1 Query/Update server as the store (Oxigraph server, or any other).

    Results are read in a format pyoxigraph parses (SPARQL JSON, N-Triples), which checks that
    they are complete (a server that cancels a query mid-stream leaves them cut), and are then
    written in the format the client asked for.
    """

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        *,
        timeout: float = 30.0,
        token: str | None = None,
        on_overrun: Callable[[], None] | None = None,
        store_url: str | None = None,
        versions: DataVersion | None = None,
    ) -> None:
        self.query_url = query_url
        self.update_url = update_url or query_url
        # Oxigraph server's Graph Store is at /store beside /query
        self.store_url = store_url or query_url.rsplit("/", 1)[0] + "/store"
        self.timeout = timeout
        self.token = token
        # called when no answer came by the hard deadline: the server failed to stop the query
        self.on_overrun = on_overrun
        self._local = threading.local()
        self.path = None
        #: the writes counted for the store folder the server holds; unknown by default (a
        #: server others may write to), which turns answer caches and ETags off
        self.versions = versions or DataVersion.unknown()

    # -- HTTP ------------------------------------------------------------------------------

    def _connection(self, url: str) -> tuple[http.client.HTTPConnection, str]:
        """A kept-alive connection of this thread to the host of ``url``, and its path."""
        parts = urllib.parse.urlsplit(url)
        key = (parts.scheme, parts.netloc)
        pool: dict[tuple[str, str], http.client.HTTPConnection] = getattr(self._local, "pool", {})
        self._local.pool = pool
        conn = pool.get(key)
        if conn is None:
            https = parts.scheme == "https"
            cls = http.client.HTTPSConnection if https else http.client.HTTPConnection
            # the query time limit itself: past it, on_overrun ends the engine's work
            conn = pool[key] = cls(parts.netloc, timeout=self.timeout)
        return conn, parts.path or "/"

    def _post(self, url: str, form: list[tuple[str, str]], accept: str) -> tuple[int, str, bytes]:
        """POST a form; returns (status, content type, body)."""
        body = urllib.parse.urlencode(form).encode("utf-8")
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
        return self._send("POST", url, body, headers)

    def _check(self, status: int, body: bytes, what: str) -> None:
        """Raise the error a server's answer means."""
        if _CANCELLED in body[-400:]:
            raise QueryTimeout(f"the {what} ran past the time limit of {self.timeout:g} s")
        if status >= 500:
            raise StoreError(f"SPARQL server failed the {what} ({status})")
        if status >= 400:
            message = body.decode("utf-8", "replace").strip()[:2000]
            raise QueryError(f"{message or f'{what} refused ({status})'}")

    # -- queries ---------------------------------------------------------------------------

    def _fetch(
        self,
        query: str,
        bindings: Mapping[str, Node] | None,
        *,
        default_graphs: Iterable[str] | None = None,
        named_graphs: Iterable[str] | None = None,
        base_iri: str | None = None,
        graph_format: str = "application/n-triples",
    ) -> tuple[str, bytes]:
        """Send a query; the content type and body of a successful answer.

        Solutions come as SPARQL JSON, graphs in ``graph_format``.
        """
        text = bind_values(query, bindings or {})
        if base_iri:
            text = f"BASE {URIRef(base_iri).n3()}\n{text}"
        form = [("query", _prefixed(text))]
        form += [("default-graph-uri", g) for g in default_graphs or ()]
        form += [("named-graph-uri", g) for g in named_graphs or ()]
        accept = f"application/sparql-results+json, {graph_format};q=0.9"
        status, ctype, body = self._post(self.query_url, form, accept)
        self._check(status, body, "query")
        return ctype, body

    def _run(
        self,
        query: str,
        bindings: Mapping[str, Node] | None,
        *,
        default_graphs: Iterable[str] | None = None,
        named_graphs: Iterable[str] | None = None,
        base_iri: str | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]:
        """Send a query; the parsed result."""
        ctype, body = self._fetch(
            query, bindings, default_graphs=default_graphs, named_graphs=named_graphs,
            base_iri=base_iri,
        )
        return _parse_answer(ctype, body)

    def select(
        self, query: str, bindings: Mapping[str, Node] | None = None
    ) -> list[dict[str, Term]]:
        """Rows of a SELECT query as dicts of rdflib terms (unbound variables left out)."""
        result = self._run(query, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        return _rows(result)

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        """The answer of an ASK query."""
        result = self._run(query, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(result)

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        """The graph of a CONSTRUCT or DESCRIBE query as an rdflib Graph."""
        result = self._run(query, bindings)
        if not isinstance(result, list):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        return _graph(result)

    def construct_serialized(
        self, query: str, media_type: str, bindings: Mapping[str, Node] | None = None
    ) -> bytes:
        """A CONSTRUCT/DESCRIBE result serialised by Oxigraph."""
        result = self._run(query, bindings)
        if not isinstance(result, list):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        return cast(bytes, ox.serialize(result, format=RDF_FORMATS[media_type]))

    def query_serialized(
        self,
        query: str,
        accept: Mapping[QueryKind, str],
        *,
        default_graphs: Iterable[str] | None = None,
        named_graphs: Iterable[str] | None = None,
        base_iri: str | None = None,
    ) -> tuple[QueryKind, str, bytes]:
        """Run any query and serialise its result; ``accept`` maps result kind to media type."""
        result = self._run(
            query, None, default_graphs=default_graphs, named_graphs=named_graphs,
            base_iri=base_iri,
        )
        if isinstance(result, list):
            media = accept["graph"]
            return "graph", media, cast(bytes, ox.serialize(result, format=RDF_FORMATS[media]))
        kind: QueryKind = "boolean" if isinstance(result, ox.QueryBoolean) else "solutions"
        media = accept[kind]
        return kind, media, cast(bytes, result.serialize(format=RESULTS_FORMATS[media]))

    # -- updates ---------------------------------------------------------------------------

    def update(
        self,
        update: str,
        *,
        base_iri: str | None = None,
        using_graphs: Sequence[str] | None = None,
        using_named_graphs: Sequence[str] | None = None,
    ) -> None:
        """Run a SPARQL 1.1 Update (one request: one transaction on Oxigraph).

        ``using_graphs``/``using_named_graphs`` go out as the protocol's ``using-graph-uri`` and
        ``using-named-graph-uri`` parameters (SPARQL 1.1 Protocol §2.2.3).
        """
        text = f"BASE {URIRef(base_iri).n3()}\n{update}" if base_iri else update
        form = [("update", _with_prefixes(text))]
        form += [("using-graph-uri", g) for g in using_graphs or ()]
        form += [("using-named-graph-uri", g) for g in using_named_graphs or ()]
        with self.versions.writing():
            status, _, body = self._post(self.update_url, form, "*/*")
        self._check(status, body, "update")

    def replace_graph(self, graph_iri: str, graph: Graph) -> None:
        """Replace a named graph with ``graph`` in one update request."""
        name = URIRef(graph_iri).n3()
        self.update(
            f"DROP SILENT GRAPH {name} ;\n"
            f"INSERT DATA {{ GRAPH {name} {{\n{_triples_as_ntriples(graph)}}} }}"
        )

    def remove_graph(self, graph_iri: str) -> bool:
        """Remove a named graph; True if it existed."""
        existed = self.has_graph(graph_iri)
        if existed:
            self.update(f"DROP GRAPH {URIRef(graph_iri).n3()}")
        return existed

    def load(self, data: bytes, media_type: str, *, graph_iri: str | None = None) -> None:
        """Load RDF data in one update request (into ``graph_iri`` for triple formats)."""
        fmt = RDF_FORMATS.get(media_type)
        if fmt is None:
            raise QueryError(f"unsupported RDF media type: {media_type}")
        try:
            quads = list(ox.parse(data, format=fmt))
        except SyntaxError as exc:
            raise QueryError(f"cannot parse {media_type}: {exc}") from exc
        by_graph: dict[str, list[str]] = {}
        for q in quads:
            if isinstance(q, ox.Quad) and not isinstance(q.graph_name, ox.DefaultGraph):
                key = str(q.graph_name)
            else:
                key = str(ox.NamedNode(graph_iri)) if graph_iri else ""
            by_graph.setdefault(key, []).append(f"{q.subject} {q.predicate} {q.object} .")
        blocks = [
            f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" if g else "\n".join(lines)
            for g, lines in by_graph.items()
        ]
        self.update("INSERT DATA {\n" + "\n".join(blocks) + "\n}")

    def flush(self) -> None:
        """Nothing to do: the server makes its writes durable."""

    # -- reading ---------------------------------------------------------------------------

    def has_graph(self, graph_iri: str) -> bool:
        """Whether the named graph exists (holds a triple)."""
        return self.ask(
            "ASK WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(graph_iri)}
        )

    def named_graphs(self) -> list[str]:
        """IRIs of all named graphs."""
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(str(r["g"]) for r in rows if isinstance(r.get("g"), URIRef))

    def __len__(self) -> int:
        """Number of quads in the named graphs (where geokg keeps everything)."""
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"]) if rows else 0

    def graph_stamp(self, graph_iri: str) -> GraphStamp | None:
        """The input digest and extractor agent recorded in a stored article graph, if any."""
        rows = self.select(
            "SELECT ?g ?digest ?agent WHERE { GRAPH ?g { ?g prov:wasGeneratedBy ?act . "
            "OPTIONAL { ?act geokg:inputDigest ?digest } "
            "OPTIONAL { ?act prov:wasAssociatedWith ?agent } } }",
            {"g": URIRef(graph_iri)},
        )
        if not rows:
            return GraphStamp(None, None) if self.has_graph(graph_iri) else None
        row = rows[0]
        digest, agent = row.get("digest"), row.get("agent")
        return GraphStamp(str(digest) if digest else None, str(agent) if agent else None)

    def dump(self, out: IO[bytes], media_type: str = "application/n-quads") -> None:
        """Write the named graphs (where geokg keeps everything) as N-Quads or TriG to ``out``.

        A server whose default graph is the union of its graphs cannot tell its own default
        graph apart, so only named graphs are dumped.
        """
        if media_type not in ("application/n-quads", "application/trig"):
            raise QueryError(f"dumps are N-Quads or TriG, not {media_type}")
        rows = self._run("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", None)
        if not isinstance(rows, ox.QuerySolutions):
            raise StoreError("unexpected answer to a dump query")
        quads = [ox.Quad(s["s"], s["p"], s["o"], s["g"]) for s in rows]
        out.write(cast(bytes, ox.serialize(quads, format=RDF_FORMATS[media_type])))

    # -- bounded answers and the Graph Store, forwarded (web/sparql.py, web/graph_store.py) ----

    def query_answer(
        self,
        query: str,
        accept: Mapping[QueryKind, str],
        *,
        limit: int | None = None,
        link: str | None = None,
        default_graphs: Iterable[str] | None = None,
        named_graphs: Iterable[str] | None = None,
        base_iri: str | None = None,
    ) -> tuple[QueryKind, str, bytes, bool]:
        """``query_serialized`` with SELECT results cut after ``limit`` rows (see Store).

        Answers that need no cut are passed on as the engine wrote them: SPARQL JSON once
        ``json.loads`` has shown it whole, graphs in the asked format once HTTP framing has shown
        them whole (the engine is stopped only by being ended, which breaks the connection
        before the last chunk or byte announced: ``http.client.IncompleteRead`` in ``_send``;
        an answer without Content-Length or chunked framing is refused)
        """
        ctype, raw = self._fetch(
            query, None, default_graphs=default_graphs, named_graphs=named_graphs,
            base_iri=base_iri, graph_format=accept["graph"],
        )
        if not ctype.startswith(("application/sparql-results", "application/n-triples")):
            if ctype.startswith(accept["graph"]):
                if not getattr(self._local, "framed", False):
                    # read to the end of the connection: a cut could not be told from the end
                    raise StoreError(
                        "the SPARQL server sent a graph without Content-Length or chunked "
                        "framing, so its completeness cannot be checked"
                    )
                return "graph", accept["graph"], raw, False
        elif ctype.startswith("application/sparql-results+json"):
            try:
                doc = json.loads(raw)
            except ValueError as exc:
                raise StoreError(f"unreadable answer from the SPARQL server: {exc}") from exc
            json_type = "application/sparql-results+json"
            if "boolean" in doc:
                if accept["boolean"] == json_type:
                    return "boolean", json_type, raw, False
            elif accept["solutions"] == json_type and (
                not limit or len(doc.get("results", {}).get("bindings", [])) <= limit
            ):
                return "solutions", json_type, raw, False
        elif accept["graph"] == "application/n-triples":
            return "graph", accept["graph"], raw, False
        result = _parse_answer(ctype, raw)
        if isinstance(result, list):
            media = accept["graph"]
            body = cast(bytes, ox.serialize(result, format=RDF_FORMATS[media]))
            return "graph", media, body, False
        if isinstance(result, ox.QueryBoolean):
            media = accept["boolean"]
            body = cast(bytes, result.serialize(format=RESULTS_FORMATS[media]))
            return "boolean", media, body, False
        media = accept["solutions"]
        body, truncated = Store.serialize_solutions(result, media, limit=limit, link=link)
        return "solutions", media, body, truncated

    def _send(
        self, method: str, url: str, body: bytes | None, headers: dict[str, str]
    ) -> tuple[int, str, bytes]:
        """One request with this store's token; (status, content type, body).

        A kept-alive socket the server closed is retried once; a refused connection (the engine
        restarting) is retried for up to five seconds.
        """
        headers = dict(headers)
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        stale_retried = False
        refused_until = time.monotonic() + 5.0
        while True:
            conn, path = self._connection(url)
            query = urllib.parse.urlsplit(url).query
            try:
                conn.request(method, f"{path}?{query}" if query else path, body=body,
                             headers=headers)
                response = conn.getresponse()
                # whether the end of the body is known (length or chunked): then a body cut by
                # an engine that was ended raises IncompleteRead below instead of looking whole
                self._local.framed = response.chunked or response.length is not None
                data = response.read()
                return response.status, response.getheader("Content-Type", ""), data
            except TimeoutError as exc:
                conn.close()
                if self.on_overrun is not None:
                    self.on_overrun()
                raise QueryTimeout(
                    f"the query ran past the time limit of {self.timeout:g} s and was stopped"
                ) from exc
            except ConnectionRefusedError as exc:
                # nothing was sent: the engine may be restarting, wait a little for it
                conn.close()
                if time.monotonic() > refused_until:
                    raise StoreError(f"SPARQL server {url} unreachable: {exc}") from exc
                time.sleep(0.1)
            except http.client.IncompleteRead as exc:
                # the server ended mid-answer (an engine ended for another query's overrun):
                # the request is sent once more, to the fresh engine; never passed on cut
                conn.close()
                if stale_retried:
                    raise StoreError(
                        f"the SPARQL server's answer was cut off after {len(exc.partial)} bytes "
                        "(the query engine ended mid-answer); retry later"
                    ) from exc
                stale_retried = True
            except (http.client.HTTPException, ConnectionError) as exc:
                # a kept-alive socket the server closed meanwhile: once more on a fresh one
                conn.close()
                if stale_retried:
                    raise StoreError(f"SPARQL server {url} unreachable: {exc}") from exc
                stale_retried = True
            except OSError as exc:
                conn.close()
                raise StoreError(f"SPARQL server {url} unreachable: {exc}") from exc

    def _graph_url(self, graph_iri: str | None) -> str:
        """The Graph Store URL of a graph, indirect identification (None = the default graph)."""
        if graph_iri is None:
            return f"{self.store_url}?default"
        return f"{self.store_url}?graph={urllib.parse.quote(graph_iri, safe='')}"

    def _graph_write(self, method: str, graph_iri: str | None, data: bytes, media: str) -> bool:
        """PUT or POST RDF to a graph; True if the server created it (201)."""
        with self.versions.writing():
            status, _, body = self._send(method, self._graph_url(graph_iri), data,
                                         {"Content-Type": media})
        if status in (400, 415):
            message = body.decode("utf-8", "replace").strip()[:2000]
            raise QueryError(message or f"graph write refused ({status})")
        self._check(status, body, "graph write")
        return status == 201

    def graph_exists(self, graph_iri: str | None) -> bool:
        """Whether a graph exists (None = the default graph, which always does)."""
        if graph_iri is None:
            return True
        status, _, body = self._send("HEAD", self._graph_url(graph_iri), None, {})
        if status == 404:
            return False
        self._check(status, body, "graph lookup")
        return True

    def get_graph(self, graph_iri: str | None, media_type: str) -> bytes:
        """One graph (None = the default graph) in a triple format: a Graph Store GET."""
        status, _, body = self._send("GET", self._graph_url(graph_iri), None,
                                     {"Accept": media_type})
        if status == 404:
            raise QueryError(f"no graph <{graph_iri}>")
        self._check(status, body, "graph read")
        return body

    def put_graph(
        self, graph_iri: str | None, data: bytes, media_type: str, *, base_iri: str | None = None
    ) -> bool:
        """Replace a graph with RDF data (Graph Store PUT); True if created."""
        return self._graph_write("PUT", graph_iri, data, media_type)

    def post_graph(
        self,
        graph_iri: str | None,
        parts: Sequence[tuple[bytes, str]],
        *,
        base_iri: str | None = None,
    ) -> bool:
        """Add RDF parts to a graph in one request (Graph Store POST); True if created."""
        if len(parts) == 1:
            data, media = parts[0]
            return self._graph_write("POST", graph_iri, data, media)
        lines: list[str] = []
        for data, media in parts:  # several parts become one N-Triples body: one transaction
            fmt = RDF_FORMATS.get(media)
            if fmt is None:
                raise QueryError(f"a graph is sent as an RDF triple format, not {media}")
            try:
                quads = list(ox.parse(data, format=fmt, base_iri=base_iri or graph_iri))
            except (SyntaxError, ValueError) as exc:
                raise QueryError(f"cannot parse {media}: {exc}") from exc
            lines.extend(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        return self._graph_write("POST", graph_iri, "\n".join(lines).encode(),
                                 "application/n-triples")

    def delete_graph(self, graph_iri: str | None) -> bool:
        """Remove a named graph, or empty the default graph (None); True if it existed."""
        with self.versions.writing():
            status, _, body = self._send("DELETE", self._graph_url(graph_iri), None, {})
        if status == 404:
            return False
        self._check(status, body, "graph delete")
        return True


def _parse_answer(
    ctype: str, body: bytes
) -> ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]:
    """A SPARQL JSON or N-Triples answer, parsed (which also proves it complete)."""
    try:
        if ctype.startswith("application/n-triples"):
            return [
                ox.Triple(q.subject, q.predicate, q.object)
                for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
            ]
        return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    except SyntaxError as exc:
        raise StoreError(f"unreadable answer from the SPARQL server: {exc}") from exc


def _prefixed(text: str) -> str:
    """``_with_prefixes``, remembered for short texts (the same lookups come again and again)."""
    return _with_prefixes_memo(text) if len(text) <= 4096 else _with_prefixes(text)


def _with_prefixes(text: str) -> str:
    """The query text with geokg's prefixes declared, as the embedded store predeclares them."""
    declared = set(re.findall(r"(?im)^\s*PREFIX\s+([A-Za-z][\w.-]*)?:", text))
    lines = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p not in declared]
    return "\n".join([*lines, text])


_with_prefixes_memo = functools.lru_cache(maxsize=1024)(_with_prefixes)
