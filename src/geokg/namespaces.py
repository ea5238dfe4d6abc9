"""The closed vocabulary of geokg and the namespaces it reuses, in step with ontology/geokg.ttl.

A misspelled term fails at once (``_fail = True``); tests/test_ontology.py checks that every
term here is declared, labelled and commented in the ontology, and the reverse.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SH,
    SKOS,
    TIME,
    VOID,
    XSD,
    DefinedNamespace,
)

GEOKG_NS = "https://w3id.org/geokg/ns#"
PLOVER_NS = "https://w3id.org/geokg/plover/"
FACTUALITY_NS = "https://w3id.org/geokg/factuality/"


class GEOKG(DefinedNamespace):
    """Terms minted by geokg (https://w3id.org/geokg/ns#)."""

    _NS = Namespace(GEOKG_NS)
    _fail = True

    # classes
    Article: URIRef
    NamedEntity: URIRef
    Person: URIRef
    Organization: URIRef
    Country: URIRef
    Place: URIRef
    NamedEvent: URIRef
    OtherEntity: URIRef
    Event: URIRef
    Mention: URIRef
    Evidence: URIRef
    Extraction: URIRef
    # properties
    bodyOffset: URIRef
    relatedArticle: URIRef
    standsFor: URIRef
    affiliatedWith: URIRef
    mode: URIRef
    hasTarget: URIRef
    factuality: URIRef
    evidence: URIRef
    confidence: URIRef
    inputDigest: URIRef
    # concept schemes
    PloverScheme: URIRef
    FactualityScheme: URIRef


class PLOVER(DefinedNamespace):
    """The 16 PLOVER top-level event categories as SKOS concepts."""

    _NS = Namespace(PLOVER_NS)
    _fail = True

    AGREE: URIRef
    CONSULT: URIRef
    SUPPORT: URIRef
    CONCEDE: URIRef
    COOPERATE: URIRef
    AID: URIRef
    RETREAT: URIRef
    REQUEST: URIRef
    ACCUSE: URIRef
    REJECT: URIRef
    THREATEN: URIRef
    PROTEST: URIRef
    SANCTION: URIRef
    MOBILIZE: URIRef
    COERCE: URIRef
    ASSAULT: URIRef


class FACT(DefinedNamespace):
    """Factuality values of reported events as SKOS concepts."""

    _NS = Namespace(FACTUALITY_NS)
    _fail = True

    asserted: URIRef
    possible: URIRef
    future: URIRef
    negated: URIRef


SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")

#: Prefixes used in every serialisation and offered to SPARQL users.
PREFIXES: dict[str, str] = {
    "geokg": GEOKG_NS,
    "plover": PLOVER_NS,
    "fact": FACTUALITY_NS,
    "schema": str(SDO),
    "sem": str(SEM),
    "oa": str(OA),
    "prov": str(PROV),
    "skos": str(SKOS),
    "time": str(TIME),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "dcterms": str(DCTERMS),
    "void": str(VOID),
    "sh": str(SH),
    "wd": str(WD),
}

__all__ = [
    "DCTERMS", "FACT", "GEOKG", "OA", "OWL", "PLOVER", "PREFIXES", "PROV", "RDF", "RDFS", "SD",
    "SDO", "SEM", "SKOS", "TIME", "VOID", "WD", "XSD",
]
