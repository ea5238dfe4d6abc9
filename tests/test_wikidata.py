"""Enrichment from Wikidata, against a local Oxigraph server holding Wikidata-shaped data."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDFS

import geokg.wikidata as wd
from geokg.errors import GeokgError
from geokg.store import Store
from geokg.wikidata import CC0, EnrichmentError, enrich, wikidata_graph_iri

from .conftest import free_port, run_geokg
from .w3c.servers import oxigraph_server

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "web" / "sample.trig"
STANDIN = DATA / "wikidata" / "standin.ttl"
BASE = "http://127.0.0.1:8000/"
WD = "http://www.wikidata.org/entity/"
WDT = "http://www.wikidata.org/prop/direct/"
DESCRIPTION = URIRef("http://schema.org/description")


@pytest.fixture(scope="module")
def wikidata() -> Iterator[str]:
    """The SPARQL query URL of a local stand-in for the Wikidata Query Service."""
    with oxigraph_server() as server:
        request = urllib.request.Request(
            f"{server.url}/store?default", data=STANDIN.read_bytes(),
            headers={"Content-Type": "text/turtle"}, method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert answer.status in (200, 201, 204)
        yield f"{server.url}/query"


@pytest.fixture
def store() -> Store:
    found = Store()
    found.load(SAMPLE.read_bytes(), "application/trig")
    return found


def facts_of(store: Store) -> Graph:
    return Graph().parse(
        data=store.get_graph(wikidata_graph_iri(BASE), "text/turtle"), format="turtle"
    )


def test_linked_items_are_the_sameas_targets(store: Store) -> None:
    assert {str(i) for i in wd.linked_items(store)} == {
        f"{WD}Q159", f"{WD}Q1953", f"{WD}Q399", f"{WD}Q649", f"{WD}Q7035479"
    }


def test_enrich_stores_english_facts_of_linked_items_only(store: Store, wikidata: str) -> None:
    count = enrich(store, BASE, wikidata, batch=2)  # three requests for five items
    facts = facts_of(store)
    armenia = URIRef(f"{WD}Q399")
    assert facts.value(armenia, DESCRIPTION) == Literal(
        "sovereign state in the South Caucasus", lang="en"
    )
    assert set(facts.objects(armenia, RDFS.label)) == {Literal("Armenia", lang="en")}
    assert (armenia, URIRef(f"{WDT}P36"), URIRef(f"{WD}Q1953")) in facts
    assert (armenia, URIRef(f"{WDT}P297"), Literal("AM")) in facts
    # properties the query does not ask for, and items nobody links to, stay out
    assert (armenia, URIRef(f"{WDT}P1549"), None) not in facts
    assert (URIRef(f"{WD}Q90"), None, None) not in facts
    # Moscow (Q649) is linked but absent from the stand-in: no facts, no error
    assert (URIRef(f"{WD}Q649"), None, None) not in facts
    graph = URIRef(wikidata_graph_iri(BASE))
    assert facts.value(graph, PROV.wasDerivedFrom) == URIRef(wikidata)
    assert facts.value(graph, DCTERMS.license) == CC0
    assert count == len(facts) - len(list(facts.predicate_objects(graph)))


def test_enrich_again_replaces_the_facts(store: Store, wikidata: str) -> None:
    first = enrich(store, BASE, wikidata)
    second = enrich(store, BASE, wikidata)
    assert first == second > 0
    # one derivation record, not one per run
    graph = URIRef(wikidata_graph_iri(BASE))
    assert len(list(facts_of(store).objects(graph, PROV.wasDerivedFrom))) == 1


def test_an_unreachable_endpoint_changes_nothing(store: Store, wikidata: str) -> None:
    enrich(store, BASE, wikidata)
    before = sorted(store.quads())
    dead = f"http://127.0.0.1:{free_port()}/sparql"
    with pytest.raises(EnrichmentError, match=r"127\.0\.0\.1"):
        enrich(store, BASE, dead)
    assert sorted(store.quads()) == before


def test_only_wikidata_items_are_bound() -> None:
    query = "SELECT * WHERE { ?item ?p ?o }"
    bound = wd.with_items(query, [URIRef(f"{WD}Q1"), URIRef(f"{WD}Q42")])
    assert f"VALUES ?item {{ <{WD}Q1> <{WD}Q42> }}" in bound
    with pytest.raises(GeokgError, match="not Wikidata item IRIs"):
        wd.with_items(query, [URIRef("http://example.org/> } ; DROP ALL ; #")])


def test_cli_reports_an_unreachable_endpoint(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    Store(store_dir).load(SAMPLE.read_bytes(), "application/trig")
    dead = f"http://127.0.0.1:{free_port()}/sparql"
    done = run_geokg("enrich", "--store", str(store_dir), "--endpoint", dead)
    assert done.returncode == 2
    assert dead in done.stderr and "nothing was changed" in done.stderr


def test_cli_enriches_an_on_disk_store(tmp_path: Path, wikidata: str) -> None:
    store_dir = tmp_path / "store"
    Store(store_dir).load(SAMPLE.read_bytes(), "application/trig")
    done = run_geokg("enrich", "--store", str(store_dir), "--endpoint", wikidata, check=0)
    assert "facts from" in done.stdout
    assert Store(store_dir).has_graph(wikidata_graph_iri(BASE))
