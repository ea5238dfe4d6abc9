"""The ontology at its namespace: pyLODE documentation for browsers, RDF for machines.

The namespace ``https://w3id.org/geokg/ns#`` is a persistent w3id IRI; ``docs/w3id.htaccess`` is
the redirect w3id.org serves, to ``/ns`` of the deployment. ``/ns`` negotiates like every other
resource (HTML, Turtle, JSON-LD, N-Triples, RDF/XML; ``.ttl``-like suffixes); the slash
namespaces of the PLOVER and factuality concepts answer with 303 See Other to the document that
defines them. The HTML is rendered by pyLODE once per process, on first use (about 2 s), and the
RDF forms come from the ontology file itself.
"""

from __future__ import annotations

import functools
import hashlib
import logging

from flask import Blueprint, Response, redirect, request, url_for
from rdflib import Graph, URIRef
from werkzeug.wrappers import Response as WerkzeugResponse

from ..assets import ontology_path
from ..errors import NotFound
from .negotiation import BY_SUFFIX, RDFLIB_FORMATS, SUFFIXES, negotiate_request
from .resources import RESOURCE_OFFERS

bp = Blueprint("ontology", __name__)

@bp.route("/ns", defaults={"suffix": None})
@bp.route("/ns.<suffix>")
def namespace(suffix: str | None) -> Response:
    """The ontology document in the negotiated format."""
    if suffix is not None and suffix not in BY_SUFFIX:
        raise NotFound(f"no ontology document /ns.{suffix}; suffixes: {', '.join(BY_SUFFIX)}")
    offer = negotiate_request(RESOURCE_OFFERS, suffix=suffix)
    if offer.media_type == "text/html":
        body, media_type = documentation().encode("utf-8"), "text/html"
    elif offer.media_type == "text/turtle":
        body, media_type = ontology_path().read_bytes(), "text/turtle"
    else:
        media_type = offer.media_type
        body = ontology_graph().serialize(format=RDFLIB_FORMATS[media_type], encoding="utf-8")
    response = Response(body, content_type=f"{media_type}; charset=utf-8")
    response.headers["Link"] = ", ".join(
        f'<{request.script_root}/ns.{s}>; rel="alternate"; type="{m}"' for m, s in SUFFIXES.items()
    )
    response.set_etag(hashlib.sha256(body).hexdigest())
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    response.make_conditional(request)
    return response


@bp.route("/plover/<name>")
@bp.route("/factuality/<name>")
def concept(name: str) -> WerkzeugResponse:
    """A PLOVER or factuality concept: 303 See Other to the ontology document that defines it."""
    iri = f"https://w3id.org/geokg{request.path}"
    if (URIRef(iri), None, None) not in ontology_graph():
        raise NotFound(f"no concept <{iri}> in the geokg ontology")
    return redirect(url_for("ontology.namespace", suffix=None), code=303)


@functools.cache
def ontology_graph() -> Graph:
    """The ontology file, parsed once per process."""
    return Graph().parse(ontology_path(), format="turtle")


@functools.cache
def documentation() -> str:
    """The pyLODE HTML documentation of the ontology, rendered once per process."""
    from pylode import OntPub  # imported on first use: pyLODE takes a second to load

    logging.getLogger("pylode").setLevel(logging.WARNING)
    return str(OntPub(ontology=str(ontology_path())).make_html())
