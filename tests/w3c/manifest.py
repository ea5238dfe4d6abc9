"""Where the copied W3C suites live and how to read their manifests (mf:, qt:, ht: vocabularies).

Every suite file gets the IRI it has on w3.org (``BASE_IRI`` + its path under ``sparql11/``), so
relative IRIs in manifests, queries and result files resolve the same way on every machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

SUITES = Path(__file__).parent / "suites"
#: The copied ``sparql/sparql11`` folder of w3c/rdf-tests.
SPARQL11 = SUITES / "sparql11"
#: The published IRI of ``sparql11/`` (the manifests' own prefixes use it).
BASE_IRI = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
RS = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/result-set#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
RDFS_LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
RDF_TYPE_IRI = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def iri_of(path: Path) -> str:
    """The w3.org IRI of a suite file."""
    return BASE_IRI + path.resolve().relative_to(SPARQL11.resolve()).as_posix()


def path_of(iri: str | Node) -> Path:
    """The copied file of a suite IRI.

    Raises:
        ValueError: the IRI is not under ``BASE_IRI``.
    """
    text = str(iri)
    if not text.startswith(BASE_IRI):
        raise ValueError(f"not a suite file: {text}")
    return SPARQL11 / text[len(BASE_IRI):]


def load_manifest(path: Path) -> Graph:
    """A manifest parsed with its w3.org IRI as base."""
    graph = Graph()
    graph.parse(path, format="turtle", publicID=iri_of(path))
    return graph


def rdf_list(graph: Graph, head: Node | None) -> list[Node]:
    """The members of an RDF collection (empty for None)."""
    return [] if head is None else list(Collection(graph, head))


def manifest_entries(path: Path) -> Iterator[tuple[Graph, URIRef]]:
    """Every ``mf:entries`` member of one manifest, in order, with the manifest graph."""
    graph = load_manifest(path)
    for manifest in graph.subjects(predicate=MF.entries):
        for entry in rdf_list(graph, graph.value(manifest, MF.entries)):
            yield graph, URIRef(str(entry))


def included_manifests(path: Path) -> list[Path]:
    """The manifests an ``mf:include`` manifest lists, in order."""
    graph = load_manifest(path)
    paths: list[Path] = []
    for manifest in graph.subjects(predicate=MF.include):
        paths.extend(path_of(m) for m in rdf_list(graph, graph.value(manifest, MF.include)))
    return paths


def local_name(iri: Node) -> str:
    """The part of a test IRI after ``#`` (unique within a suite, unlike ``mf:name``)."""
    return str(iri).rsplit("#", 1)[-1]
