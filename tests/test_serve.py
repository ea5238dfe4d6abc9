"""`geokg serve` over real HTTP on 127.0.0.1: the seed's facts, pages and SPARQL answers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from geokg.errors import StoreError
from geokg.store import SERVED_READ_ONLY, Store

from .conftest import SEED, run_geokg, running_server

BASE = "http://127.0.0.1:8000/"
PASHINYAN = URIRef(BASE + "entity/Q7035479")


@pytest.fixture(scope="module")
def server(seed_store: Path) -> Iterator[str]:
    """A running geokg server over the seed store."""
    with running_server(seed_store) as url:
        yield url


def test_pashinyan_as_turtle(server: str) -> None:
    response = requests.get(f"{server}/entity/Q7035479", headers={"Accept": "text/turtle"},
                            timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/turtle")
    assert "Accept" in response.headers.get("Vary", "")
    graph = Graph().parse(data=response.text, format="turtle")
    assert (PASHINYAN, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q7035479")) in graph
    assert (PASHINYAN, RDF.type, URIRef("https://w3id.org/geokg/ns#Person")) in graph


def test_pashinyan_as_html(server: str) -> None:
    response = requests.get(f"{server}/entity/Q7035479", headers={"Accept": "text/html"},
                            timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert "Nikol Pashinyan" in response.text
    assert "https://www.wikidata.org/wiki/Q7035479" in response.text or "Q7035479" in response.text


def test_sparql_json(server: str) -> None:
    query = "SELECT ?label WHERE { ?e owl:sameAs wd:Q159 ; rdfs:label ?label }"
    response = requests.get(f"{server}/sparql", params={"query": query},
                            headers={"Accept": "application/sparql-results+json"}, timeout=10)
    assert response.status_code == 200
    rows = response.json()["results"]["bindings"]
    assert {r["label"]["value"] for r in rows} == {"Russia"}


def test_home_lists_the_article(server: str) -> None:
    response = requests.get(server + "/", timeout=10)
    assert response.status_code == 200
    assert "Pashinyan Visits Russia for Environmental Forum" in response.text


def test_writers_are_refused_while_served_read_only(server: str, seed_store: Path) -> None:
    # without an update token the workers read the store in-process; nothing may write it
    ingest = run_geokg("ingest", "--store", str(seed_store), str(SEED), check=2)
    assert "served read-only by geokg serve" in ingest.stderr
    with pytest.raises(StoreError, match="served read-only"):
        Store(seed_store)
    assert len(Store(seed_store, read_only=True)) > 0  # readers are welcome
    assert requests.get(server + "/", timeout=10).status_code == 200


def test_the_lock_ends_with_the_server(tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = Store(path)
    store.load(b"<urn:s> <urn:p> <urn:o> <urn:g> .\n", "application/n-quads")
    del store
    with running_server(path) as url:
        answer = requests.get(f"{url}/sparql", params={"query": "ASK { <urn:s> ?p ?o }"},
                              headers={"Accept": "application/sparql-results+json"}, timeout=10)
        assert answer.json()["boolean"] is True
        with pytest.raises(StoreError) as refused:
            Store(path)
        assert refused.value.message == SERVED_READ_ONLY
    writer = Store(path)  # the server stopped: writing is allowed again
    writer.load(b"<urn:s2> <urn:p> <urn:o> <urn:g> .\n", "application/n-quads")
    assert len(writer) == 2


def test_a_written_store_cannot_be_served_read_only(tmp_path: Path) -> None:
    path = tmp_path / "store"
    writer = Store(path)
    refused = pytest.raises(RuntimeError, match="open for writing by another geokg process")
    with refused, running_server(path):
        pass
    del writer


def test_answers_are_validated_and_replayed_when_served_read_only(server: str) -> None:
    params = {"query": "ASK { ?s ?p ?o }"}
    accept = {"Accept": "application/sparql-results+json"}
    first = requests.get(f"{server}/sparql", params=params, headers=accept, timeout=10)
    again = requests.get(f"{server}/sparql", params=params, headers=accept, timeout=10)
    assert first.status_code == again.status_code == 200
    assert first.headers["ETag"] == again.headers["ETag"]
    assert again.json()["boolean"] is True
    unchanged = requests.get(f"{server}/sparql", params=params,
                             headers={**accept, "If-None-Match": first.headers["ETag"]}, timeout=10)
    assert unchanged.status_code == 304


def test_read_only_serving_refuses_several_threads(tmp_path: Path) -> None:
    result = run_geokg("serve", "--store", str(tmp_path / "store"), "--threads", "4", check=2)
    assert "one thread per worker" in result.stderr
