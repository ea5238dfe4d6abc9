"""The ontology parses and stays in step with the closed vocabulary of geokg.namespaces."""

from __future__ import annotations

from functools import cache

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

# The namespaces module, not its DefinedNamespace classes (nor DefinedNamespace itself): pytest's
# collector probes every module-level name, and a closed namespace warns about each attribute it
# does not define.
from geokg import assets
from geokg import namespaces as ns
from geokg.model import FACTUALITIES, PLOVER_TYPES

FACTUALITY_NS, GEOKG_NS, PLOVER_NS = ns.FACTUALITY_NS, ns.GEOKG_NS, ns.PLOVER_NS

ONTOLOGY_IRI = URIRef("https://w3id.org/geokg/ns")
CLOSED = (ns.GEOKG, ns.PLOVER, ns.FACT)
OWN_NAMESPACES = (GEOKG_NS, PLOVER_NS, FACTUALITY_NS)
DECLARING_TYPES = {
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    SKOS.Concept,
    SKOS.ConceptScheme,
}


@cache
def ontology() -> Graph:
    """The parsed ontology, once per test session."""
    return Graph().parse(assets.ontology_path(), format="turtle")


def vocabulary_terms() -> list[URIRef]:
    """Every term namespaces.py declares in the geokg, plover and fact namespaces."""
    return sorted(URIRef(str(ns) + name) for ns in CLOSED for name in ns.__annotations__)


def english(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str]:
    """The non-empty English literals of one property of a subject."""
    return [
        str(o)
        for o in graph.objects(subject, predicate)
        if isinstance(o, Literal) and o.language == "en" and str(o).strip()
    ]


def test_ontology_header() -> None:
    g = ontology()
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g
    assert str(g.value(ONTOLOGY_IRI, OWL.versionInfo)) == "0.1.0"
    dcterms = "http://purl.org/dc/terms/"
    for prop in ("title", "description", "license", "creator"):
        assert g.value(ONTOLOGY_IRI, URIRef(dcterms + prop)) is not None, prop
    assert str(g.value(ONTOLOGY_IRI, URIRef(dcterms + "creator"))) == "geokg contributors"
    assert "apache" in str(g.value(ONTOLOGY_IRI, URIRef(dcterms + "license"))).lower()
    vann = URIRef("http://purl.org/vocab/vann/preferredNamespacePrefix")
    assert str(g.value(ONTOLOGY_IRI, vann)) == "geokg"


@pytest.mark.parametrize("term", vocabulary_terms(), ids=str)
def test_term_declared_labelled_commented(term: URIRef) -> None:
    g = ontology()
    types = set(g.objects(term, RDF.type))
    assert types & DECLARING_TYPES, f"{term} is not declared as a class, property or concept"
    assert english(g, term, RDFS.label), f"{term} has no rdfs:label@en"
    assert english(g, term, RDFS.comment), f"{term} has no rdfs:comment@en"
    if SKOS.Concept in types:
        assert english(g, term, SKOS.prefLabel), f"{term} has no skos:prefLabel@en"
        assert english(g, term, SKOS.definition), f"{term} has no skos:definition@en"


def test_no_term_outside_namespaces_py() -> None:
    # Any IRI of our namespaces, wherever it appears, so a misspelt range or domain fails too.
    declared = set(vocabulary_terms())
    used = {
        node
        for triple in ontology()
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(OWN_NAMESPACES)
    }
    assert used - declared == set(), "IRIs in the ontology but not in namespaces.py"


def test_plover_scheme() -> None:
    g = ontology()
    concepts = {URIRef(PLOVER_NS + name) for name in PLOVER_TYPES}
    assert len(concepts) == 16
    assert (ns.GEOKG.PloverScheme, RDF.type, SKOS.ConceptScheme) in g
    for concept in concepts:
        assert (concept, SKOS.inScheme, ns.GEOKG.PloverScheme) in g, concept
        assert (concept, SKOS.topConceptOf, ns.GEOKG.PloverScheme) in g, concept
    assert set(g.subjects(SKOS.inScheme, ns.GEOKG.PloverScheme)) == concepts
    assert set(g.objects(ns.GEOKG.PloverScheme, SKOS.hasTopConcept)) == concepts


def test_factuality_scheme() -> None:
    g = ontology()
    concepts = {URIRef(FACTUALITY_NS + name) for name in FACTUALITIES}
    assert len(concepts) == 4
    assert (ns.GEOKG.FactualityScheme, RDF.type, SKOS.ConceptScheme) in g
    assert set(g.subjects(SKOS.inScheme, ns.GEOKG.FactualityScheme)) == concepts
    assert set(g.subjects(SKOS.topConceptOf, ns.GEOKG.FactualityScheme)) == concepts


def test_entity_classes_under_named_entity() -> None:
    g = ontology()
    for cls in (
        ns.GEOKG.Person,
        ns.GEOKG.Organization,
        ns.GEOKG.Country,
        ns.GEOKG.Place,
        ns.GEOKG.NamedEvent,
        ns.GEOKG.OtherEntity,
    ):
        assert (cls, RDFS.subClassOf, ns.GEOKG.NamedEntity) in g, cls
