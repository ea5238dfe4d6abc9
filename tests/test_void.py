"""Self-description: the VoID at /.well-known/void, the dumps it links, the Service Description."""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, VOID, XSD

from geokg.namespaces import GEOKG, SD
from geokg.store import Store
from geokg.web import create_app

FIXTURE = Path(__file__).parent / "data" / "web" / "sample.trig"
BASE = "http://127.0.0.1:8000/"
TOKEN = "void-test-token"  # noqa: S105 - a throwaway token for an in-process test app
DATASET = URIRef("http://localhost/.well-known/void#dataset")
RDFLIB = {"text/turtle": "turtle", "application/ld+json": "json-ld",
          "application/n-triples": "nt", "application/rdf+xml": "xml"}


@pytest.fixture
def store() -> Store:
    found = Store()
    found.load(FIXTURE.read_bytes(), "application/trig")
    return found


def make_client(store: Store, **overrides: Any) -> FlaskClient:
    config = {"STORE": store, "TESTING": True, "BASE": BASE, "UPDATE_TOKEN": TOKEN}
    config.update(overrides)
    return create_app(config).test_client()


def void(client: FlaskClient, accept: str = "text/turtle") -> Graph:
    response = client.get("/.well-known/void", headers={"Accept": accept})
    assert response.status_code == 200 and response.mimetype == accept
    return Graph().parse(data=response.data, format=RDFLIB[accept])


def count(graph: Graph, predicate: URIRef) -> int:
    return int(graph.value(DATASET, predicate))


def distinct_triples(store: Store) -> int:
    rows = store.select("SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }")
    return int(rows[0]["n"])


def test_void_counts_and_links(store: Store) -> None:
    graph = void(make_client(store))
    assert (DATASET, RDF.type, VOID.Dataset) in graph
    assert count(graph, VOID.triples) == distinct_triples(store)
    for predicate in (VOID.entities, VOID.classes, VOID.properties, VOID.distinctSubjects,
                      VOID.distinctObjects):
        assert count(graph, predicate) > 0, predicate
    assert (DATASET, VOID.sparqlEndpoint, URIRef("http://localhost/sparql")) in graph
    assert (DATASET, VOID.uriSpace, Literal(BASE)) in graph
    assert (DATASET, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")) \
        in graph
    assert (DATASET, VOID.dataDump, URIRef("http://localhost/dumps/dataset.nq.gz")) in graph
    assert (DATASET, VOID.vocabulary, URIRef("https://schema.org/")) in graph
    articles = [p for p in graph.objects(DATASET, VOID.classPartition)
                if graph.value(p, VOID["class"]) == GEOKG.Article]
    assert len(articles) == 1 and int(graph.value(articles[0], VOID.entities)) == 3
    headlines = [p for p in graph.objects(DATASET, VOID.propertyPartition)
                 if graph.value(p, VOID.property) == URIRef("https://schema.org/headline")]
    assert len(headlines) == 1 and int(graph.value(headlines[0], VOID.triples)) == 3


@pytest.mark.parametrize("accept", list(RDFLIB))
def test_void_negotiates(store: Store, accept: str) -> None:
    assert count(void(make_client(store), accept), VOID.triples) > 0


def test_void_is_cached_until_a_write_through_the_app(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from geokg.web import void as void_module

    calls = []
    real = void_module.compute_statistics

    def counting(space: str) -> Any:
        calls.append(space)
        return real(space)

    monkeypatch.setattr(void_module, "compute_statistics", counting)
    client = make_client(store)
    before = count(void(client), VOID.triples)
    void(client)
    client.get("/sparql")  # the service description reads the same statistics
    assert len(calls) == 1
    response = client.post(
        "/sparql", data="INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }",
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 204
    assert count(void(client), VOID.triples) == before + 1
    assert len(calls) == 2
    client.put("/store?graph=urn:h", data="<urn:x> <urn:y> <urn:z> .",
               headers={"Content-Type": "text/turtle", "Authorization": f"Bearer {TOKEN}"})
    assert count(void(client), VOID.triples) == before + 2


@pytest.mark.parametrize(("name", "fmt"), [("dataset.nq.gz", ox.RdfFormat.N_QUADS),
                                           ("dataset.trig.gz", ox.RdfFormat.TRIG)])
def test_dumps_are_the_whole_dataset(store: Store, name: str, fmt: ox.RdfFormat) -> None:
    response = make_client(store).get(f"/dumps/{name}")
    assert response.status_code == 200 and response.mimetype == "application/gzip"
    assert name in response.headers["Content-Disposition"]
    quads = list(ox.parse(gzip.decompress(response.data), format=fmt))
    assert len(quads) == len(store)
    assert make_client(store).get("/dumps/dataset.nt.gz").status_code == 404


def sd(client: FlaskClient, accept: str = "text/turtle") -> Graph:
    response = client.get("/sparql", headers={"Accept": accept})
    assert response.status_code == 200 and response.mimetype == accept
    return Graph().parse(data=response.data, format=RDFLIB[accept])


@pytest.mark.parametrize("accept", list(RDFLIB))
def test_service_description_negotiates(store: Store, accept: str) -> None:
    graph = sd(make_client(store), accept)
    assert (None, SD.endpoint, URIRef("http://localhost/sparql")) in graph


def test_service_description_content(store: Store) -> None:
    graph = sd(make_client(store, SERVICE_ALLOW="https://query.wikidata.org/sparql"))
    service = graph.value(None, SD.endpoint, URIRef("http://localhost/sparql"))
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Update) in graph
    assert (service, SD.feature, SD.UnionDefaultGraph) in graph
    assert (service, SD.feature, SD.BasicFederatedQuery) in graph
    formats = set(graph.objects(service, SD.resultFormat))
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in formats
    assert URIRef("http://www.w3.org/ns/formats/Turtle") in formats
    dataset = graph.value(service, SD.defaultDataset)
    assert (dataset, RDF.type, VOID.Dataset) in graph
    triples = Literal(distinct_triples(store), datatype=XSD.integer)
    assert (dataset, VOID.triples, triples) in graph
    default = graph.value(dataset, SD.defaultGraph)
    assert (default, VOID.triples, triples) in graph


def test_service_description_follows_the_request_and_settings(store: Store) -> None:
    client = make_client(store, UPDATE_TOKEN="", SERVICE_ALLOW="")
    response = client.get("/sparql", headers={"Accept": "text/turtle", "Host": "kg.example:81"})
    graph = Graph().parse(data=response.data, format="turtle")
    assert (None, SD.endpoint, URIRef("http://kg.example:81/sparql")) in graph
    assert (None, SD.supportedLanguage, SD.SPARQL11Update) not in graph
    assert (None, SD.feature, SD.BasicFederatedQuery) not in graph


def test_dump_streams_from_a_file(store: Store) -> None:
    response = make_client(store).get("/dumps/dataset.nq.gz")
    assert response.is_streamed
    assert gzip.GzipFile(fileobj=io.BytesIO(response.data)).read().count(b"\n") == len(store)
