"""Enrichment: Wikidata facts about the items geokg links to, fetched with SPARQLWrapper.

``geokg enrich`` asks a Wikidata SPARQL endpoint (the ``wikidata_endpoint`` setting; Wikidata's
query service by default, a local stand-in in the tests) for the facts of
``queries/wikidata_entity_facts.rq`` about every item an entity is ``owl:sameAs``, in batches, and
stores them as one named graph, ``{base}graph/wikidata``, replaced in one transaction: a failed
run leaves the previous facts in place. Facts keep Wikidata's own IRIs (``wdt:``,
``http://schema.org/description``); the graph records where and when they were fetched and their
licence (CC0).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, XSD
from SPARQLWrapper import POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from . import __version__
from .assets import load_query
from .errors import GeokgError
from .store import Store

#: Wikidata's data licence.
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
#: Items asked per request: small enough for a GET-free POST body and the public service's limits.
BATCH = 200
_ITEM = re.compile(r"http://www\.wikidata\.org/entity/Q[1-9][0-9]*")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
USER_AGENT = f"geokg/{__version__} (https://w3id.org/geokg; linked-data publishing of news)"


class EnrichmentError(GeokgError):
    """The Wikidata endpoint could not be reached or did not answer as SPARQL."""

    status = 502


def wikidata_graph_iri(base: str) -> str:
    """The named graph that holds the Wikidata facts."""
    return f"{base}graph/wikidata"


def linked_items(store: Store) -> list[URIRef]:
    """The Wikidata items that entities of the store are ``owl:sameAs``."""
    rows = store.select(load_query("linked_wikidata_items"))
    return [URIRef(str(row["item"])) for row in rows if _ITEM.fullmatch(str(row["item"]))]


def with_items(query: str, items: Sequence[URIRef]) -> str:
    """The query with ``VALUES ?item {...}`` opening its WHERE group (IRIs checked, N3-written)."""
    bad = [str(i) for i in items if not _ITEM.fullmatch(str(i))]
    if bad:
        raise GeokgError(f"not Wikidata item IRIs: {', '.join(bad[:3])}")
    match = _WHERE.search(query)
    if match is None:
        raise GeokgError("the facts query has no WHERE group to bind ?item in")
    block = f"\n  VALUES ?item {{ {' '.join(i.n3() for i in items)} }}\n"
    return query[: match.end()] + block + query[match.end() :]


def _batches(items: Sequence[URIRef], size: int) -> Iterator[Sequence[URIRef]]:
    """Consecutive slices of ``items`` of at most ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def fetch_facts(
    endpoint: str, items: Sequence[URIRef], *, batch: int = BATCH, timeout: float = 60.0
) -> Graph:
    """The facts of ``items`` from a Wikidata SPARQL endpoint; EnrichmentError on failure."""
    facts = Graph()
    query = load_query("wikidata_entity_facts")
    for part in _batches(items, batch):
        client = SPARQLWrapper(endpoint, agent=USER_AGENT)
        client.setMethod(POST)
        client.setReturnFormat(TURTLE)
        client.setTimeout(int(timeout))
        client.setQuery(with_items(query, part))
        try:
            answer = client.queryAndConvert()
        except (SPARQLWrapperException, OSError) as exc:  # URLError and timeouts are OSErrors
            raise EnrichmentError(f"{endpoint}: {_reason(exc)}") from exc
        data = answer if isinstance(answer, bytes | str) else None
        if data is None:
            raise EnrichmentError(f"{endpoint}: the answer is not Turtle ({type(answer).__name__})")
        try:
            facts.parse(data=data, format="turtle")
        except Exception as exc:  # rdflib raises several parser error types
            reason = f"the answer does not parse as Turtle: {exc}"
            raise EnrichmentError(f"{endpoint}: {reason}") from exc
    return facts


def _reason(exc: BaseException) -> str:
    """A one-line reason from SPARQLWrapper's or urllib's exception."""
    text = str(getattr(exc, "reason", None) or exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def describe_source(graph: Graph, graph_iri: str, endpoint: str, items: Iterable[URIRef]) -> None:
    """Add where, when and under which licence the facts were fetched."""
    node = URIRef(graph_iri)
    graph.add((node, PROV.wasDerivedFrom, URIRef(endpoint)))
    graph.add((node, PROV.generatedAtTime, Literal(datetime.now(UTC), datatype=XSD.dateTime)))
    graph.add((node, DCTERMS.license, CC0))
    graph.add((node, DCTERMS.source, URIRef("https://www.wikidata.org/")))
    graph.add((node, DCTERMS.extent, Literal(sum(1 for _ in items), datatype=XSD.integer)))


def enrich(store: Store, base: str, endpoint: str, *, batch: int = BATCH) -> int:
    """Fetch and store the Wikidata facts of the store's linked items; the number of facts."""
    items = linked_items(store)
    facts = fetch_facts(endpoint, items, batch=batch) if items else Graph()
    graph_iri = wikidata_graph_iri(base)
    count = len(facts)
    describe_source(facts, graph_iri, endpoint, items)
    store.replace_graph(graph_iri, facts)
    return count
