"""Linked-data pages of minted resources: a description in the negotiated RDF format or HTML."""

from __future__ import annotations

import re

from flask import Blueprint, Response, render_template, request
from rdflib import Graph, URIRef

from ..assets import load_query
from ..errors import NotFound
from . import base_iri, get_store
from .negotiation import SUFFIXES, Offer, negotiate
from .pages import page_for, statements

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
_RDFLIB_FORMATS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}
_BY_SUFFIX = {suffix: media_type for media_type, suffix in SUFFIXES.items()}
# Characters that cannot occur in an IRI (RFC 3987): such a path names nothing in the store.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


@bp.route(f"/<any({', '.join(KINDS)}):kind>/<path:rest>")
def resource(kind: str, rest: str) -> Response:
    """Describe the resource ``{base}{kind}/{rest}``, an optional ``.ttl``-like suffix aside."""
    stem, dot, suffix = rest.rpartition(".")
    if dot and suffix in _BY_SUFFIX:
        rest = stem
    else:
        suffix = ""
    path = f"{kind}/{rest}"
    if _NOT_IN_IRI.search(path):
        raise NotFound(f"no resource is minted at /{path}")
    offer = negotiate(
        RESOURCE_OFFERS,
        request.headers.get("Accept"),
        suffix=suffix or None,
        format_param=request.args.get("format"),
    )
    iri = URIRef(base_iri() + path)
    graph = describe(iri)
    if (iri, None, None) not in graph:
        raise NotFound(f"no description of <{iri}> in this store")
    if offer.media_type == "text/html":
        template, context = page_for(graph, iri)
        html = render_template(
            template, iri=iri, path=path, statements=statements(graph, iri), **context
        )
        response = Response(html, mimetype="text/html")
    else:
        data = graph.serialize(format=_RDFLIB_FORMATS[offer.media_type], encoding="utf-8")
        response = Response(data, content_type=f"{offer.media_type}; charset=utf-8")
    response.headers["Link"] = alternate_links(path)
    return response


def describe(iri: URIRef) -> Graph:
    """The description of a resource across all graphs (``queries/describe_resource.rq``)."""
    return get_store().construct(load_query("describe_resource"), {"resource": iri})


def alternate_links(path: str) -> str:
    """A Link header value naming every format of the resource at ``path``."""
    root = request.script_root
    return ", ".join(
        f'<{root}/{path}.{suffix}>; rel="alternate"; type="{media_type}"'
        for media_type, suffix in SUFFIXES.items()
    )
