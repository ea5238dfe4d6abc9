"""The ontology served at its namespace, the dumps index with its per-graph list, the home links."""

from __future__ import annotations

from pathlib import Path

import html5lib
import pytest
from flask.testing import FlaskClient
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import FOAF, OWL, RDF

from geokg.assets import ontology_path
from geokg.store import Store
from geokg.web import create_app

FIXTURE = Path(__file__).parent / "data" / "web" / "sample.trig"
BASE = "http://127.0.0.1:8000/"
ONTOLOGY = URIRef("https://w3id.org/geokg/ns")
RDFLIB = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}


@pytest.fixture
def client() -> FlaskClient:
    store = Store()
    store.load(FIXTURE.read_bytes(), "application/trig")
    return create_app({"STORE": store, "TESTING": True, "BASE": BASE}).test_client()


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


@pytest.mark.parametrize("media_type", sorted(RDFLIB))
def test_namespace_serves_the_ontology_in_every_rdf_format(
    client: FlaskClient, ontology: Graph, media_type: str
) -> None:
    response = client.get("/ns", headers={"Accept": media_type})
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert "Accept" in response.headers["Vary"]
    served = Graph().parse(data=response.data, format=RDFLIB[media_type])
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in served
    assert isomorphic(served, ontology)


@pytest.mark.parametrize(("suffix", "media_type"), [
    ("ttl", "text/turtle"), ("jsonld", "application/ld+json"), ("nt", "application/n-triples"),
    ("rdf", "application/rdf+xml"), ("html", "text/html"),
])
def test_suffixes_pick_the_format(client: FlaskClient, suffix: str, media_type: str) -> None:
    response = client.get(f"/ns.{suffix}", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.mimetype == media_type


def test_browsers_get_the_pylode_documentation(client: FlaskClient) -> None:
    response = client.get("/ns", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    # pyLODE documents every class the ontology declares, by its label, in valid HTML5
    document = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
    text = "".join(document.itertext())
    for label in ("Article", "Country", "standsFor"):
        assert label in text
    assert 'rel="alternate"' in response.headers["Link"]


def test_conditional_get_answers_304(client: FlaskClient) -> None:
    first = client.get("/ns.ttl")
    etag = first.headers["ETag"]
    again = client.get("/ns.ttl", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    other = client.get("/ns.nt", headers={"If-None-Match": etag})
    assert other.status_code == 200


def test_unknown_suffix_and_unacceptable_type(client: FlaskClient) -> None:
    assert client.get("/ns.pdf").status_code == 404
    refused = client.get("/ns", headers={"Accept": "image/png"})
    assert refused.status_code == 406
    assert b"text/turtle" in refused.data


def test_concepts_see_other_to_the_ontology(client: FlaskClient) -> None:
    response = client.get("/plover/CONSULT", headers={"Accept": "text/turtle"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/ns")
    assert client.get("/factuality/asserted").status_code == 303
    missing = client.get("/plover/NOT_A_CATEGORY")
    assert missing.status_code == 404
    assert b"NOT_A_CATEGORY" in missing.data


def test_dumps_index_lists_the_files(client: FlaskClient) -> None:
    response = client.get("/dumps/")
    assert response.status_code == 200 and response.mimetype == "text/html"
    html5lib.HTMLParser(strict=True).parse(response.data)
    page = response.get_data(as_text=True)
    for name in ("dataset.nq.gz", "dataset.trig.gz", "graphs.txt"):
        assert name in page


def test_graph_list_dereferences_to_each_graph(client: FlaskClient) -> None:
    store = Store()
    store.load(FIXTURE.read_bytes(), "application/trig")
    expected = [g for g in store.named_graphs() if g.startswith(f"{BASE}graph/")]
    response = client.get("/dumps/graphs.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    urls = response.get_data(as_text=True).splitlines()
    assert len(urls) == len(expected) > 0
    for url, graph_iri in zip(urls, expected, strict=True):
        assert url == "http://localhost/" + graph_iri[len(BASE):] + ".ttl"
        served = client.get(url.removeprefix("http://localhost"))
        assert served.status_code == 200 and served.mimetype == "text/turtle"
        wanted = Graph().parse(data=store.get_graph(graph_iri, "text/turtle"), format="turtle")
        assert isomorphic(Graph().parse(data=served.data, format="turtle"), wanted)


def test_void_links_the_dumps_index(client: FlaskClient) -> None:
    response = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    void = Graph().parse(data=response.data, format="turtle")
    dataset = URIRef("http://localhost/.well-known/void#dataset")
    assert (dataset, FOAF.page, URIRef("http://localhost/dumps/")) in void


def test_home_links_the_data_and_its_queries(client: FlaskClient) -> None:
    response = client.get("/", headers={"Accept": "text/html"})
    html5lib.HTMLParser(strict=True).parse(response.data)
    text = response.get_data(as_text=True)
    for target in ('href="/.well-known/void?format=ttl"', 'href="/dumps/"', 'href="/ns"',
                   'href="/dyad/"', 'class="editor-link" href="/sparql#query='):
        assert target in text
    void = client.get("/.well-known/void?format=ttl")
    assert void.status_code == 200 and void.mimetype == "text/turtle"
