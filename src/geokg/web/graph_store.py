"""The SPARQL 1.1 Graph Store HTTP Protocol: read and write whole graphs at /store.

https://www.w3.org/TR/sparql11-http-rdf-update/ . Indirect identification: ``/store?graph=IRI``
and ``/store?default`` (§4.2). Direct identification (§4.1): the request IRI is the graph IRI,
read against the configured base, so ``/store/x`` is the graph ``{base}store/x`` and geokg's own
article graphs ``{base}graph/<id>`` are served at ``/graph/<id>`` itself: an RDF request there
gets the graph's content (which includes the graph's provenance, what ``resources.py`` would
describe), a browser still gets the resource page. A POST to ``/store`` creates a new graph
``{base}store/<uuid>`` and names it in ``Location``.

Reads are open to everyone; writes (PUT, POST, DELETE) need the update token, like SPARQL Update.
"""

from __future__ import annotations

import datetime as dt
import uuid

from flask import Blueprint, Response, request
from rdflib import URIRef

from .. import sparql as policy
from ..errors import NotFound, QueryError
from ..store import RDF_FORMATS
from . import base_iri, get_store
from .errors import UnsupportedMediaType
from .negotiation import Offer, negotiate_request, split_suffix
from .pages import run
from .resources import RESOURCE_OFFERS, conditional, latest_time, resource
from .sparql import challenge, check_size, data_changed, require_update_token

bp = Blueprint("graph_store", __name__)
bp.before_request(check_size)
bp.after_request(challenge)

#: Formats a graph is sent in, Turtle first (the default for ``*/*``).
GRAPH_OFFERS = (
    Offer("text/turtle"),
    Offer("application/n-triples"),
    Offer("application/ld+json", ("application/json",)),
    Offer("application/rdf+xml", ("application/xml", "text/xml")),
)
#: Media types a graph may be written in (triple formats only: the graph is named by the URL).
_QUAD_FORMATS = ("application/trig", "application/n-quads")
WRITE_FORMATS = tuple(m for m in RDF_FORMATS if m not in _QUAD_FORMATS)
_METHODS = ["GET", "PUT", "POST", "DELETE"]


@bp.route("/store", methods=_METHODS)
def indirect() -> Response:
    """A graph named by ``?graph=IRI`` or ``?default``; a POST without either creates a graph."""
    graphs = request.args.getlist("graph")
    default = "default" in request.args
    if len(graphs) > 1 or (graphs and default):
        raise QueryError("name one graph: either ?default or one ?graph=IRI")
    if graphs:
        if not policy.is_absolute_iri(graphs[0]):
            raise QueryError(f"?graph={graphs[0]!r} is not an absolute IRI")
        return _serve(graphs[0])
    if default:
        return _serve(None)
    if request.method == "POST":
        iri = f"{base_iri()}store/{uuid.uuid4().hex}"
        response = _serve(iri)
        response.status_code = 201
        response.headers["Location"] = iri
        return response
    raise QueryError("name a graph with ?graph=IRI or ?default (Graph Store Protocol §4.2)")


@bp.route("/store/<path:rest>", methods=_METHODS)
def direct(rest: str) -> Response:
    """The graph whose IRI is this request's URL under the base: ``{base}store/{rest}``."""
    iri = f"{base_iri()}store/{rest}"
    if not policy.is_absolute_iri(iri):
        raise NotFound(f"no graph can be named by /store/{rest}")
    return _serve(iri)


@bp.route("/graph/<path:rest>", methods=_METHODS)
def article_graph(rest: str) -> Response:
    """An article graph by direct identification; HTML and non-graphs go to the resource page."""
    stem, forced = split_suffix(rest)
    iri = f"{base_iri()}graph/{stem}"
    if not policy.is_absolute_iri(iri) or (
        _reading() and (forced == "html" or not _wants_rdf(forced))
    ):
        return _resource_page(rest)
    if _reading() and not get_store().graph_exists(iri):
        return _resource_page(rest)
    return _serve(iri, format_name=forced)


def _reading() -> bool:
    """Whether the request only reads (GET, or HEAD which Flask answers with GET's headers)."""
    return request.method in ("GET", "HEAD")


def _wants_rdf(forced: str | None) -> bool:
    """Whether a GET asks for a graph format rather than the HTML page."""
    offer = negotiate_request(RESOURCE_OFFERS, suffix=forced)
    return offer.media_type != "text/html"


def _resource_page(rest: str) -> Response:
    """The linked-data description of ``{base}graph/{rest}`` (``resources.py``)."""
    return resource("graph", rest)


def _serve(iri: str | None, *, format_name: str | None = None) -> Response:
    """Carry out the request's method on one graph (None = the default graph)."""
    if _reading():
        return _get(iri, format_name)
    require_update_token("Graph Store writes")
    store = get_store()
    if request.method == "DELETE":
        if not store.delete_graph(iri):
            raise NotFound(f"no graph <{iri}> in this store")
        data_changed()
        return Response(status=204)
    if request.method == "PUT":
        created = store.put_graph(iri, request.get_data(), _body_type(), base_iri=iri)
    else:
        created = store.post_graph(iri, _parts(), base_iri=iri)
    data_changed()
    return Response(status=201 if created else 204)


def _get(iri: str | None, format_name: str | None) -> Response:
    """A graph's content in the negotiated format; 404 if there is no such graph."""
    offer = negotiate_request(GRAPH_OFFERS, suffix=format_name)
    store = get_store()
    if not store.graph_exists(iri):
        raise NotFound(f"no graph <{iri}> in this store")
    body = store.get_graph(iri, offer.media_type)
    response = Response(body, content_type=f"{offer.media_type}; charset=utf-8")
    return conditional(response, body, None if iri is None else _written(iri))


def _written(iri: str) -> dt.datetime | None:
    """When a named graph was written, from its provenance (``queries/graph_modified.rq``)."""
    return latest_time(run("graph_modified", graph=URIRef(iri)))


def _body_type() -> str:
    """The media type of an RDF request body; 415 unless it is a triple format."""
    media_type = request.mimetype
    if media_type not in WRITE_FORMATS:
        given = media_type or "an untyped body"
        raise UnsupportedMediaType(
            f"cannot read {given} as a graph; send one of {', '.join(WRITE_FORMATS)}"
        )
    return media_type


def _parts() -> list[tuple[bytes, str]]:
    """The RDF payloads of a POST: the body, or each part of a multipart/form-data body."""
    if request.mimetype != "multipart/form-data":
        return [(request.get_data(), _body_type())]
    parts = []
    for name, upload in request.files.items(multi=True):
        media_type = upload.mimetype
        if media_type not in WRITE_FORMATS:
            raise UnsupportedMediaType(
                f"part {name!r} is {media_type or 'untyped'}; "
                f"send one of {', '.join(WRITE_FORMATS)}"
            )
        parts.append((upload.read(), media_type))
    if not parts:
        raise QueryError("the multipart/form-data body has no file part holding RDF")
    return parts
