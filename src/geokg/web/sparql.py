"""The SPARQL 1.1 Protocol endpoint at /sparql: queries, guarded updates, service description.

Protocol: https://www.w3.org/TR/sparql11-protocol/ ; service description:
https://www.w3.org/TR/sparql11-service-description/
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Iterator

from flask import Blueprint, Response, current_app, render_template, request
from pyparsing import ParseResults
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node
from werkzeug.datastructures import MultiDict

from ..assets import list_queries
from ..errors import QueryError
from ..namespaces import PREFIXES, SD
from ..store import QueryKind
from . import base_iri, get_store
from .errors import Forbidden, UnsupportedMediaType
from .negotiation import NotAcceptable, Offer, media_type_for_name, negotiate

bp = Blueprint("sparql", __name__)

#: SELECT/ASK result formats, JSON first (the default).
SOLUTION_OFFERS = (
    Offer("application/sparql-results+json", ("application/json",)),
    Offer("application/sparql-results+xml", ("application/xml", "text/xml")),
    Offer("text/csv"),
    Offer("text/tab-separated-values"),
)
#: CONSTRUCT/DESCRIBE result formats, Turtle first (the default).
GRAPH_OFFERS = (
    Offer("text/turtle"),
    Offer("application/ld+json", ("application/json",)),
    Offer("application/n-triples"),
    Offer("application/rdf+xml", ("application/xml", "text/xml")),
)
#: What GET /sparql without a query answers: the service description, or the query page.
DESCRIPTION_OFFERS = (
    Offer("text/turtle"),
    Offer("text/html", ("application/xhtml+xml",)),
    Offer("application/ld+json"),
    Offer("application/n-triples"),
    Offer("application/rdf+xml"),
)
#: rdflib serialiser names of the RDF media types this module writes itself.
RDFLIB_FORMATS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}
# ``format=json`` / ``format=xml`` mean the graph flavour for CONSTRUCT and DESCRIBE.
_GRAPH_FORMAT_NAMES = {
    "application/sparql-results+json": "application/ld+json",
    "application/sparql-results+xml": "application/rdf+xml",
}
_QUERY_BODY = "application/sparql-query"
_UPDATE_BODY = "application/sparql-update"
_FORM_BODY = "application/x-www-form-urlencoded"

Params = MultiDict[str, str]


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    """Answer a SPARQL query or update, or describe the service when there is neither."""
    if request.method == "GET":
        query, update = request.args.get("query"), request.args.get("update")
        graphs: Params = request.args
    else:
        query, update, graphs = _read_post()
    if update is not None:
        return _run_update(update)
    if query is None:
        return _describe_service()
    if not query.strip():
        raise QueryError("the query is empty")
    return _run_query(
        query,
        default_graphs=graphs.getlist("default-graph-uri"),
        named_graphs=graphs.getlist("named-graph-uri"),
    )


def _read_post() -> tuple[str | None, str | None, Params]:
    """The query, the update and the graph parameters of a POST (protocol §2.1.2-3, §2.2)."""
    mimetype = request.mimetype
    if mimetype == _FORM_BODY:
        form = request.form
        query, update = form.get("query"), form.get("update")
        if query is None and update is None:
            raise QueryError("the form has neither a query nor an update parameter")
        if query is not None and update is not None:
            raise QueryError("a request carries a query or an update, not both")
        return query, update, form
    if mimetype in (_QUERY_BODY, _UPDATE_BODY):
        try:
            text = request.get_data().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise QueryError(f"the request body is not UTF-8: {exc}") from exc
        if mimetype == _QUERY_BODY:
            return text, None, request.args
        return None, text, request.args
    offered = ", ".join((_FORM_BODY, _QUERY_BODY, _UPDATE_BODY))
    given = mimetype or "untyped"
    raise UnsupportedMediaType(f"cannot read a {given} request body; send one of {offered}")


def _format_param(kind: QueryKind) -> str | None:
    """The ``format=`` value of the request, read as a media type for result ``kind``."""
    name = request.values.get("format")
    if not name:
        return None
    media_type = media_type_for_name(name)
    if kind == "graph" and media_type in _GRAPH_FORMAT_NAMES:
        return _GRAPH_FORMAT_NAMES[media_type]
    return name


def _pick(offers: tuple[Offer, ...], kind: QueryKind) -> str | None:
    """The negotiated media type for one result kind, or None if nothing fits."""
    accept = request.headers.get("Accept")
    try:
        return negotiate(offers, accept, format_param=_format_param(kind)).media_type
    except NotAcceptable:
        return None


def _run_query(query: str, *, default_graphs: list[str], named_graphs: list[str]) -> Response:
    """Run a query and answer its result in the negotiated format."""
    check_service_policy(query, str(current_app.config.get("SERVICE_ALLOW") or "").split())
    solutions = _pick(SOLUTION_OFFERS, "solutions")
    graph = _pick(GRAPH_OFFERS, "graph")
    if solutions is None and graph is None:
        raise NotAcceptable([o.media_type for o in SOLUTION_OFFERS + GRAPH_OFFERS])
    accept: dict[QueryKind, str] = {
        "solutions": solutions or SOLUTION_OFFERS[0].media_type,
        "boolean": solutions or SOLUTION_OFFERS[0].media_type,
        "graph": graph or GRAPH_OFFERS[0].media_type,
    }
    kind, media_type, body = get_store().query_serialized(
        query,
        accept,
        default_graphs=default_graphs or None,
        named_graphs=named_graphs or None,
        base_iri=base_iri(),
    )
    if kind == "graph" and graph is None:
        raise NotAcceptable([o.media_type for o in GRAPH_OFFERS])
    if kind != "graph" and solutions is None:
        raise NotAcceptable([o.media_type for o in SOLUTION_OFFERS])
    return Response(body, content_type=f"{media_type}; charset=utf-8")


def _run_update(update: str) -> Response:
    """Run a SPARQL Update if the request carries the configured bearer token."""
    token = str(current_app.config.get("UPDATE_TOKEN") or "")
    if not token:
        raise Forbidden("SPARQL Update is not enabled on this endpoint: it is read-only")
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode("utf-8"), token.encode("utf-8")
    ):
        raise Forbidden("SPARQL Update needs the header 'Authorization: Bearer <update token>'")
    if request.method != "POST":
        raise QueryError("a SPARQL Update must be sent by POST (SPARQL 1.1 Protocol §2.2)")
    get_store().update(update, base_iri=base_iri())
    return Response(status=204)


def _describe_service() -> Response:
    """The query page for browsers, else the SPARQL 1.1 Service Description."""
    offer = negotiate(
        DESCRIPTION_OFFERS, request.headers.get("Accept"), format_param=request.args.get("format")
    )
    if offer.media_type == "text/html":
        html = render_template("sparql.html", queries=list_queries())
        return Response(html, mimetype="text/html")
    data = service_description(base_iri() + "sparql").serialize(
        format=RDFLIB_FORMATS[offer.media_type], encoding="utf-8"
    )
    return Response(data, content_type=f"{offer.media_type}; charset=utf-8")


def service_description(endpoint_iri: str) -> Graph:
    """A minimal SPARQL 1.1 Service Description of this endpoint."""
    graph = Graph()
    graph.bind("sd", SD)
    service = BNode()
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, URIRef(endpoint_iri)))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    for iri in (
        "http://www.w3.org/ns/formats/SPARQL_Results_JSON",
        "http://www.w3.org/ns/formats/SPARQL_Results_XML",
        "http://www.w3.org/ns/formats/SPARQL_Results_CSV",
        "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
        "http://www.w3.org/ns/formats/Turtle",
        "http://www.w3.org/ns/formats/JSON-LD",
        "http://www.w3.org/ns/formats/N-Triples",
        "http://www.w3.org/ns/formats/RDF_XML",
    ):
        graph.add((service, SD.resultFormat, URIRef(iri)))
    return graph


_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def check_service_policy(query: str, allowed: list[str]) -> None:
    """Refuse a query whose SERVICE clauses reach an endpoint not in ``allowed``.

    Oxigraph runs SERVICE calls itself, so a public endpoint must fence them (SSRF).

    Raises:
        Forbidden: a SERVICE endpoint is a variable or not on the allow-list.
        QueryError: the query mentions SERVICE but cannot be parsed to check it.
    """
    # SPARQL 1.1 §19.2: code point escapes are replaced before parsing, so check the result.
    text = _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), query)
    if "service" not in text.lower():
        return
    try:
        tree = parseQuery(query)
    except Exception as exc:  # pyparsing raises its own exception types for any syntax error
        raise QueryError(f"SPARQL syntax error: {exc}") from exc
    prefixes = dict(PREFIXES)
    for decl in tree[0]:
        if isinstance(decl, CompValue) and decl.name == "PrefixDecl":
            prefixes[str(decl.get("prefix") or "")] = str(decl["iri"])
    for pattern in _service_patterns(tree):
        target = _service_iri(pattern["term"], prefixes)
        if target is None or target not in allowed:
            shown = target or str(pattern["term"])
            raise Forbidden(
                f"SERVICE {shown} is not allowed; allowed endpoints: {', '.join(allowed) or 'none'}"
            )


def _service_patterns(node: object) -> Iterator[CompValue]:
    """Every SERVICE pattern in a parse tree."""
    if isinstance(node, CompValue):
        if node.name == "ServiceGraphPattern":
            yield node
        for value in node.values():
            yield from _service_patterns(value)
    elif isinstance(node, list | tuple | ParseResults):
        for value in node:
            yield from _service_patterns(value)


def _service_iri(term: Node | CompValue, prefixes: dict[str, str]) -> str | None:
    """The endpoint IRI of a SERVICE term, or None for a variable or an unknown prefix."""
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, CompValue) and term.name == "pname":
        namespace = prefixes.get(str(term.get("prefix") or ""))
        return None if namespace is None else namespace + str(term.get("localname") or "")
    return None
