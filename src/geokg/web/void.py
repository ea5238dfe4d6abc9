"""The VoID description of the dataset at /.well-known/void, and the dumps it links to.

VoID: https://www.w3.org/TR/void/ (§7.2 for the well-known location). Statistics come from the
``queries/void_*.rq`` files and are computed once per process, then again after a write through
the app (``sparql.data_changed``), not per request. Dumps (``/dumps/``): the whole dataset as
gzipped N-Quads and TriG; each article's named graph is served as Turtle at its own IRI
(``/graph/{id}.ttl``, ``graph_store.py``), all of them listed in ``graphs.txt``.
"""

from __future__ import annotations

import gzip
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import IO, cast

from flask import Blueprint, Response, current_app, render_template, request, url_for
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, VOID, XSD
from rdflib.term import Node

from ..assets import load_query
from ..namespaces import PREFIXES
from . import base_iri, get_store
from .negotiation import Offer, negotiate_request
from .sparql import RDFLIB_FORMATS, check_size, endpoint_url

bp = Blueprint("void", __name__)
bp.before_request(check_size)

#: The licence of the data: the sample texts are CC BY 4.0, and so is what is said of them.
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
#: Formats of the VoID description, Turtle first (the default).
VOID_OFFERS = (
    Offer("text/turtle"),
    Offer("application/ld+json", ("application/json",)),
    Offer("application/n-triples"),
    Offer("application/rdf+xml", ("application/xml", "text/xml")),
)
#: The dumps: file name -> media type of the (gzipped) content.
DUMPS = {"dataset.nq.gz": "application/n-quads", "dataset.trig.gz": "application/trig"}
_CACHE_KEY = "geokg.void"
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Statistics:
    """VoID counts of the dataset (the union of all graphs)."""

    triples: int
    entities: int
    classes: int
    properties: int
    distinct_subjects: int
    distinct_objects: int
    class_partitions: tuple[tuple[str, int], ...]
    property_partitions: tuple[tuple[str, int], ...]


def _int(row: Mapping[str, object], name: str) -> int:
    """An integer column of a result row (0 when unbound)."""
    value = row.get(name)
    return int(str(value)) if value is not None else 0


def compute_statistics(space: str) -> Statistics:
    """Run the ``void_*`` queries; ``space`` is the URI space whose subjects count as entities."""
    store = get_store()
    counts = (store.select(load_query("void_counts")) or [{}])[0]
    entities = store.select(load_query("void_entities"), {"space": Literal(space)})
    classes = store.select(load_query("void_classes"))
    properties = store.select(load_query("void_properties"))
    return Statistics(
        triples=_int(counts, "triples"),
        entities=_int(entities[0], "entities") if entities else 0,
        classes=_int(counts, "classes"),
        properties=_int(counts, "properties"),
        distinct_subjects=_int(counts, "subjects"),
        distinct_objects=_int(counts, "objects"),
        class_partitions=tuple((str(r["class"]), _int(r, "entities")) for r in classes),
        property_partitions=tuple((str(r["property"]), _int(r, "triples")) for r in properties),
    )


def statistics() -> Statistics:
    """The statistics of the current store generation (computed at most once per generation)."""
    generation = int(current_app.extensions.get("geokg.generation", 0))
    cached = current_app.extensions.get(_CACHE_KEY)
    if cached is not None and cached[0] == generation:
        stats: Statistics = cached[1]
        return stats
    stats = compute_statistics(base_iri())
    current_app.extensions[_CACHE_KEY] = (generation, stats)
    return stats


def vocabularies(stats: Statistics) -> list[str]:
    """Namespaces of known vocabularies (``PREFIXES``) whose terms the dataset uses."""
    used = [iri for iri, _ in stats.class_partitions + stats.property_partitions]
    return sorted({ns for ns in PREFIXES.values() if any(i.startswith(ns) for i in used)})


def void_description() -> Graph:
    """The VoID description of the dataset, with links as the client reached the site."""
    stats = statistics()
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    dataset = URIRef(url_for("void.void", _external=True) + "#dataset")
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, DCTERMS.title, Literal("geokg news knowledge graph", lang="en")))
    graph.add((dataset, DCTERMS.license, LICENSE))
    graph.add((dataset, VOID.sparqlEndpoint, URIRef(endpoint_url())))
    graph.add((dataset, VOID.uriSpace, Literal(base_iri())))
    for name in DUMPS:
        graph.add((dataset, VOID.dataDump, URIRef(url_for("void.dump", name=name, _external=True))))
    graph.add((dataset, FOAF.page, URIRef(url_for("void.dumps", _external=True))))
    for namespace in vocabularies(stats):
        graph.add((dataset, VOID.vocabulary, URIRef(namespace)))
    counts = (
        (VOID.triples, stats.triples),
        (VOID.entities, stats.entities),
        (VOID.classes, stats.classes),
        (VOID.properties, stats.properties),
        (VOID.distinctSubjects, stats.distinct_subjects),
        (VOID.distinctObjects, stats.distinct_objects),
    )
    for predicate, value in counts:
        graph.add((dataset, predicate, _integer(value)))
    for iri, entities in stats.class_partitions:
        _partition(graph, dataset, VOID.classPartition, (VOID["class"], URIRef(iri)),
                   (VOID.entities, _integer(entities)))
    for iri, triples in stats.property_partitions:
        _partition(graph, dataset, VOID.propertyPartition, (VOID.property, URIRef(iri)),
                   (VOID.triples, _integer(triples)))
    return graph


def _integer(value: int) -> Literal:
    """An xsd:integer literal."""
    return Literal(value, datatype=XSD.integer)


def _partition(
    graph: Graph, dataset: URIRef, link: URIRef, *statements: tuple[URIRef, Node]
) -> None:
    """Add a blank-node partition of ``dataset`` with ``statements``."""
    node = BNode()
    graph.add((dataset, link, node))
    for predicate, value in statements:
        graph.add((node, predicate, value))


@bp.route("/.well-known/void")
def void() -> Response:
    """The VoID description in the negotiated RDF format."""
    offer = negotiate_request(VOID_OFFERS)
    data = void_description().serialize(
        format=RDFLIB_FORMATS[offer.media_type], encoding="utf-8"
    )
    return Response(data, content_type=f"{offer.media_type}; charset=utf-8")


@bp.route("/dumps/<any(dataset.nq.gz, dataset.trig.gz):name>")
def dump(name: str) -> Response:
    """The whole dataset gzipped, written to a temporary file by the store and streamed."""
    spool: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the stream
    try:
        with gzip.GzipFile(fileobj=spool, mode="wb", mtime=0) as packed:
            get_store().dump(cast(IO[bytes], packed), DUMPS[name])
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    response = Response(_stream(spool), content_type="application/gzip")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _stream(spool: IO[bytes]) -> Iterator[bytes]:
    """The chunks of a file, closing it at the end."""
    with spool:
        while chunk := spool.read(_CHUNK):
            yield chunk


@bp.route("/dumps/")
def dumps() -> str:
    """The index of the dumps: whole-dataset files and the per-graph Turtle list."""
    return render_template("dumps.html", dumps=DUMPS, graphs=len(_article_graphs()))


@bp.route("/dumps/graphs.txt")
def graph_list() -> Response:
    """The Turtle URL of every article graph (``/graph/{id}.ttl``), one per line, for wget -i."""
    root = request.url_root
    lines = (f"{root}graph/{name}.ttl\n" for name in _article_graphs())
    return Response(lines, content_type="text/plain; charset=utf-8")


def _article_graphs() -> list[str]:
    """Path names (after ``{base}graph/``) of the named graphs geokg minted, sorted."""
    prefix = f"{base_iri()}graph/"
    return [g[len(prefix):] for g in get_store().named_graphs() if g.startswith(prefix)]
