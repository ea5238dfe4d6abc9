"""Linked-data pages of minted resources: one IRI, every format by negotiation, with validators.

A resource answers 200 at its own IRI in the negotiated format (ARCHITECTURE.md, "Dereferencing:
same-URI negotiation, not 303"), names the document it sent in ``Content-Location`` and every
other format in ``Link: rel="alternate"``, and carries a strong ``ETag`` (a hash of the body) and
a ``Last-Modified`` taken from the extraction times of the graphs it comes from.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

from flask import Blueprint, Response, current_app, render_template, request
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import FOAF, PROV, RDF, RDFS

from ..namespaces import PREFIXES
from ..store import Term
from . import base_iri, data_version
from .editor import query_url
from .negotiation import RDFLIB_FORMATS, SUFFIXES, Offer, negotiate_request, split_suffix
from .pages import Labels, page_for, run, statements

bp = Blueprint("resources", __name__)

#: The path segments under which IRIs are minted (ARCHITECTURE.md, "Minted IRIs").
KINDS = ("article", "entity", "event", "annotation", "activity", "graph", "agent")

#: Formats of a resource description, Turtle first (the default for ``*/*``).
RESOURCE_OFFERS = (
    Offer("text/turtle"),
    Offer("text/html", ("application/xhtml+xml",)),
    Offer("application/ld+json", ("application/json",)),
    Offer("application/n-triples"),
    Offer("application/rdf+xml"),
)
# Characters that cannot occur in an IRI (RFC 3987): such a path names nothing in the store.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
#: Levels of blank nodes followed from a resource (annotation -> target -> selectors).
_BLANK_LEVELS = ("page_describe_blank", "page_describe_blank2", "page_describe_blank3")
#: Links whose labels a description carries at most (a hub's links stay bounded).
MAX_LINKED_LABELS = 200
#: Graphs a description names as its provenance; past this, it links a query for all of them.
MAX_PROVENANCE_GRAPHS = 50


#: Rendered resource documents each worker keeps for the current data version.
PAGE_CACHE_ENTRIES = 256
_CACHE_KEY = "geokg.page_cache"


@dataclass(frozen=True, slots=True)
class Document:
    """A rendered resource document: what a response needs besides the headers of the request."""

    body: bytes
    content_type: str
    modified: dt.datetime | None


class PageCache:
    """Rendered documents of one worker for one data version, least recently used out first.

    A hub's page costs a scan of its thousands of mentions; the same page for the same data
    version is the same bytes, so it is kept. Entries are put only when the data version read
    before and after rendering is the same (``geokg.web.data_version``), and a new version
    drops them all.
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._version: str | None = None
        self._entries: OrderedDict[tuple[str, ...], Document] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, version: str, key: tuple[str, ...]) -> Document | None:
        """The document kept for ``key`` at ``version``, if any."""
        with self._lock:
            if version != self._version:
                return None
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, version: str, key: tuple[str, ...], document: Document) -> None:
        """Keep a document rendered at ``version``."""
        with self._lock:
            if version != self._version:
                self._entries.clear()
                self._version = version
            self._entries[key] = document
            self._entries.move_to_end(key)
            while len(self._entries) > self.capacity:
                self._entries.popitem(last=False)


def page_cache() -> PageCache | None:
    """This worker's page cache; None when the ``answer_cache`` setting turns caching off."""
    extensions = current_app.extensions
    if _CACHE_KEY not in extensions:
        on = float(current_app.config.get("ANSWER_CACHE") or 0) > 0
        extensions[_CACHE_KEY] = PageCache(PAGE_CACHE_ENTRIES) if on else None
    cache: PageCache | None = extensions[_CACHE_KEY]
    return cache


@bp.route(f"/<any({', '.join(KINDS)}):kind>/<path:rest>")
def resource(kind: str, rest: str) -> Response:
    """Describe the resource ``{base}{kind}/{rest}``, an optional ``.ttl``-like suffix aside."""
    rest, suffix = split_suffix(rest)
    path = f"{kind}/{rest}"
    offer = negotiate_request(RESOURCE_OFFERS, suffix=suffix)
    if _NOT_IN_IRI.search(path):
        return not_found(base_iri() + path, offer.media_type)
    cache = page_cache()
    version = data_version() if cache is not None else None
    # everything the bytes depend on besides the data: links use the host and the script root
    page = request.args.get("page", "")
    key = (path, offer.media_type, page, request.host_url, request.script_root)
    found = cache.get(version, key) if cache is not None and version is not None else None
    if found is None:
        found = render(URIRef(base_iri() + path), path, offer.media_type)
        if found is None:
            return not_found(base_iri() + path, offer.media_type)
        if cache is not None and version is not None and data_version() == version:
            cache.put(version, key, found)
    response = Response(found.body, content_type=found.content_type)
    response.headers["Link"] = alternate_links(path)
    suffix = SUFFIXES[offer.media_type]
    response.headers["Content-Location"] = f"{request.script_root}/{path}.{suffix}"
    return conditional(response, found.body, found.modified)


def render(iri: URIRef, path: str, media_type: str) -> Document | None:
    """The document describing ``iri`` in ``media_type``; None if the store knows nothing of it."""
    graph = describe(iri)
    if (iri, None, None) not in graph:
        return None
    document = URIRef(f"{iri}.{SUFFIXES[media_type]}")
    graphs = provenance_graphs(iri)
    if media_type == "text/html":
        labels = Labels(graph)
        template, context = page_for(graph, iri, labels)
        html = render_template(
            template,
            iri=iri,
            path=path,
            statements=statements(graph, iri),
            provenance=graphs[:MAX_PROVENANCE_GRAPHS],
            more_provenance=len(graphs) > MAX_PROVENANCE_GRAPHS,
            **context,
        )
        body = html.encode("utf-8")
    else:
        add_document_triples(graph, iri, document, graphs)
        body = graph.serialize(format=RDFLIB_FORMATS[media_type], encoding="utf-8")
    return Document(body, f"{media_type}; charset=utf-8", last_modified(iri, graphs))


def conditional(response: Response, body: bytes, modified: dt.datetime | None) -> Response:
    """Add a strong ETag and Last-Modified and answer 304 when the client's copy is current."""
    response.set_etag(hashlib.sha256(body).hexdigest()[:32])
    if modified is not None:
        response.last_modified = modified
    # If-None-Match wins over If-Modified-Since when both come (RFC 9110 §13.2.2)
    response.make_conditional(request)
    return response


def describe(iri: URIRef) -> Graph:
    """The concise bounded description of a resource, each statement once, with link labels.

    Simple queries with the subject bound in their first pattern (``queries/page_describe*.rq``)
    instead of one UNION: Oxigraph does not push a bound subject into UNION branches.
    """
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    rows = run("page_describe", resource=iri)
    for row in rows:
        graph.add((iri, row["p"], row["o"]))
    deeper = any(isinstance(row["o"], BNode) for row in rows)
    for query in _BLANK_LEVELS:
        if not deeper:
            break
        rows = run(query, resource=iri)
        for row in rows:
            graph.add((row["b"], row["bp"], row["bo"]))
        deeper = any(isinstance(row["bo"], BNode) for row in rows)
    linked = sorted(
        {o for p, o in graph.predicate_objects(iri) if isinstance(o, URIRef) and p != RDF.type}
        - {iri}
    )
    labels = Labels(graph)
    for node in linked[:MAX_LINKED_LABELS]:
        label, predicate = labels.lookup(node)
        if label is not None:
            graph.add((node, predicate, Literal(label)))
    return graph


def provenance_graphs(iri: URIRef) -> list[URIRef]:
    """Up to ``MAX_PROVENANCE_GRAPHS + 1`` named graphs (articles) stating something of ``iri``."""
    return sorted(
        {g for row in run("page_graphs", resource=iri) if isinstance(g := row["graph"], URIRef)}
    )


def add_document_triples(graph: Graph, iri: URIRef, document: URIRef, graphs: list[URIRef]) -> None:
    """Say what the served document is about and which article graphs it was derived from."""
    graph.bind("foaf", FOAF)
    graph.add((document, FOAF.primaryTopic, iri))
    for name in graphs[:MAX_PROVENANCE_GRAPHS]:
        graph.add((document, PROV.wasDerivedFrom, name))
    if len(graphs) > MAX_PROVENANCE_GRAPHS:
        # a hub: the full list is one query away instead of thousands of triples here
        graph.add((document, RDFS.seeAlso, URIRef(_graphs_query_url(iri))))


def _graphs_query_url(iri: URIRef) -> str:
    """An absolute URL of the SPARQL endpoint asking for every graph that describes ``iri``."""
    return query_url("page_graphs_all", resource=iri)


def last_modified(iri: URIRef, graphs: list[URIRef]) -> dt.datetime | None:
    """The latest extraction time of the graphs that describe ``iri`` (store-wide for hubs)."""
    if len(graphs) > MAX_PROVENANCE_GRAPHS:
        return latest_time(run("page_store_modified"))
    return latest_time(run("page_modified", resource=iri))


def latest_time(rows: list[dict[str, Term]]) -> dt.datetime | None:
    """The ``?modified`` time of the first row (queries order them newest first), in UTC."""
    for row in rows:
        value = row.get("modified")
        if isinstance(value, Literal) and isinstance(when := value.toPython(), dt.datetime):
            return when if when.tzinfo else when.replace(tzinfo=dt.UTC)
    return None


def not_found(iri: str, media_type: str) -> Response:
    """404 in the format asked for: an empty RDF document with the reason, or the HTML page."""
    message = f"no description of <{iri}> in this store"
    if media_type == "text/html":
        html = render_template("error.html", status=404, title="Not Found", message=message)
        return Response(html, status=404, mimetype="text/html")
    if media_type in ("text/turtle", "application/n-triples"):
        body = f"# 404 Not Found: {message}\n"
    elif media_type == "application/ld+json":
        body = json.dumps({"status": 404, "title": "Not Found", "message": message})
    else:  # RDF/XML: an XML comment cannot hold "--", which slugs may contain
        body = (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            "<!-- 404 Not Found: no description of this resource in this store -->\n"
            f'<rdf:RDF xmlns:rdf="{RDF}"/>\n'
        )
    return Response(body, status=404, content_type=f"{media_type}; charset=utf-8")


def alternate_links(path: str) -> str:
    """A Link header value naming every format of the resource at ``path``."""
    root = request.script_root
    return ", ".join(
        f'<{root}/{path}.{suffix}>; rel="alternate"; type="{media_type}"'
        for media_type, suffix in SUFFIXES.items()
    )
