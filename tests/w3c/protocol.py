"""Manifest-driven runners for the SPARQL 1.1 Protocol, Service Description and Graph Store tests.

Protocol (``protocol/manifest.ttl``, 34 ``mf:ProtocolTest``) and Graph Store Protocol
(``graph-store-protocol/manifest-direct.ttl`` + ``manifest-indirect.ttl``, 13
``mf:GraphStoreProtocolTest``) entries are sequences of ``ht:Request``: each is sent as written
(method, headers, ``cnt:chars`` body in its ``cnt:characterEncoding``) after rewriting the path
prefix: ``/sparql/`` becomes the endpoint's query or update path (an update is recognised by its
media type, its ``update=`` form field or query parameter, its ``using-*`` parameters, or a body
that opens with an update keyword), ``/gsp`` becomes its Graph Store path (``/gsp/person/1.ttl``
is direct identification, ``/store/person/1.ttl``). The response is checked against
``mf:expectedStatus`` (``hts:StatusCode2xx`` classes or exact codes), ``mf:expectedFormat``
(boolean, tabular, RDF), ``mf:expectedBoolean``, the expected ``ht:headers`` (Content-Type
compared by media type, without parameters) and ``ht:body`` (RDF graphs compared by
isomorphism); ``mf:expectedLocation`` binds the Location header for later requests.

Before each test the store is emptied with ``DROP ALL`` and the test's ``ut:graphData`` files
are inserted (SPARQL Update with the endpoint's bearer token). Every request carries the token,
so write requests are judged on the protocol, not refused for lack of credentials.

Service Description (``service-description/manifest.ttl``, 3 ``mf:ServiceDescriptionTest``)
entries carry no requests; their meaning is that of the W3C validator (kasei/sparql11-sdvalidator):
``returns-rdf`` (GET on the query endpoint, asking for RDF, returns parseable RDF),
``has-endpoint-triple`` (it holds ``?s sd:endpoint <the endpoint's URL>``) and
``conforms-to-schema`` (every ``sd:NamedGraph`` has an ``sd:name``).
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.term import Node

from . import client
from .client import Reply
from .manifest import (
    CNT,
    HT,
    HTS,
    MF,
    RDF_TYPE_IRI,
    RDFS_LABEL,
    SD,
    SPARQL11,
    UT,
    local_name,
    manifest_entries,
    path_of,
    rdf_list,
)
from .results import (
    RDF_MEDIA_TYPES,
    RESULTS_MEDIA_TYPES,
    Boolean,
    graph_difference,
    parse_rdf,
    parse_results,
)
from .servers import Endpoint

PROTOCOL_MANIFEST = SPARQL11 / "protocol" / "manifest.ttl"
SD_MANIFEST = SPARQL11 / "service-description" / "manifest.ttl"
GSP_MANIFESTS = (
    SPARQL11 / "graph-store-protocol" / "manifest-direct.ttl",
    SPARQL11 / "graph-store-protocol" / "manifest-indirect.ttl",
)

#: geokg tests expected to fail now, with what the app does wrong (xfail(strict=True): a fix
#: shows up as XPASS and the entry must then be removed).
KNOWN_FAILURES: dict[str, str] = {}

#: Oxigraph server 0.5.13 failures, the peer that shows the runner is right.
OXIGRAPH_KNOWN_FAILURES: dict[str, str] = {
    # A GET carrying update= is an update request, so it goes to /update (as the W3C
    # validator sends it). Sent to /query instead it gets a 400, hence counts of 34/34.
    "bad_update_get": "GET /update?update=... answers 200 with the service description "
                      "instead of refusing the update with a 4xx",
    "post_get_post_get_direct": "refuses the multipart/form-data POST (415)",
    "post_get_post_get_indirect": "refuses the multipart/form-data POST (415)",
    "head_existing_direct": "HEAD answers without a Content-Type header",
    "head_existing_indirect": "HEAD answers without a Content-Type header",
}

_STATUS_NAMES = {
    "OK": 200, "Created": 201, "Accepted": 202, "NoContent": 204,
    "BadRequest": 400, "NotFound": 404, "MethodNotAllowed": 405,
    "UnsupportedMediaType": 415,
}
_UPDATE_KEYWORDS = re.compile(
    r"(?is)^\s*((PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
    r"(INSERT|DELETE|CLEAR|DROP|LOAD|CREATE|ADD|MOVE|COPY|WITH)\b"
)
_SD_ACCEPT = ("text/turtle, application/rdf+xml;q=0.9, application/n-triples;q=0.9, "
              "application/ld+json;q=0.8, application/trig;q=0.5, application/n-quads;q=0.5")


@dataclass(frozen=True, slots=True)
class Expectation:
    """What a response must be (``ht:resp``)."""

    statuses: tuple[str, ...]
    format: str | None = None
    boolean: bool | None = None
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes | None = None
    location_variable: str | None = None


@dataclass(frozen=True, slots=True)
class Request:
    """One ``ht:Request`` as written in the manifest (path before rewriting)."""

    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    expect: Expectation


@dataclass(frozen=True, slots=True)
class ProtocolTest:
    """A test: its id (the entry's local name), name, data to load, and request sequence."""

    id: str
    name: str
    suite: str  # "protocol", "gsp" or "sd"
    graph_data: tuple[tuple[str, Path], ...] = ()
    requests: tuple[Request, ...] = field(default=())


# -- reading the manifests --------------------------------------------------------------------


def _headers(graph: Graph, node: Node | None) -> tuple[tuple[str, str], ...]:
    if node is None:
        return ()
    return tuple(
        (str(graph.value(h, HT.fieldName)), str(graph.value(h, HT.fieldValue)))
        for h in rdf_list(graph, graph.value(node, HT.headers))
    )


def _body(graph: Graph, node: Node | None) -> bytes | None:
    body = graph.value(node, HT.body) if node is not None else None
    if body is None:
        return None
    encoding = str(graph.value(body, CNT.characterEncoding) or "UTF-8")
    return str(graph.value(body, CNT.chars)).encode(encoding)


def _expectation(graph: Graph, resp: Node | None) -> Expectation:
    if resp is None:
        return Expectation(statuses=())
    boolean = graph.value(resp, MF.expectedBoolean)
    fmt = graph.value(resp, MF.expectedFormat)
    location = graph.value(resp, MF.expectedLocation)
    return Expectation(
        statuses=tuple(sorted(str(s).removeprefix(str(HTS))
                              for s in graph.objects(resp, MF.expectedStatus))),
        format=str(fmt) if fmt is not None else None,
        boolean=str(boolean) == "true" if boolean is not None else None,
        headers=_headers(graph, resp),
        body=_body(graph, resp),
        location_variable=str(location) if location is not None else None,
    )


def _requests(graph: Graph, test: Node) -> tuple[Request, ...]:
    action = graph.value(test, MF.action)
    requests = []
    for req in rdf_list(graph, graph.value(action, HT.requests)):
        requests.append(Request(
            method=str(graph.value(req, HT.methodName)),
            path=str(graph.value(req, HT.absolutePath)),
            headers=_headers(graph, req),
            body=_body(graph, req),
            expect=_expectation(graph, graph.value(req, HT.resp)),
        ))
    return tuple(requests)


def _load(paths: tuple[Path, ...], suite: str, kind: Node) -> tuple[ProtocolTest, ...]:
    tests = []
    for path in paths:
        for graph, test in manifest_entries(path):
            if (test, RDF_TYPE_IRI, kind) not in graph:
                continue
            data = tuple(sorted(
                (str(graph.value(gd, RDFS_LABEL)),
                 path_of(graph.value(gd, UT.graph)))  # type: ignore[arg-type]
                for gd in graph.objects(test, UT.graphData)
            ))
            tests.append(ProtocolTest(local_name(test), str(graph.value(test, MF.name)), suite,
                                      data, _requests(graph, test)))
    return tuple(tests)


@cache
def protocol_tests() -> tuple[ProtocolTest, ...]:
    """The 34 SPARQL 1.1 Protocol tests."""
    return _load((PROTOCOL_MANIFEST,), "protocol", MF.ProtocolTest)


@cache
def graph_store_tests() -> tuple[ProtocolTest, ...]:
    """The 13 Graph Store Protocol tests (direct, then indirect identification)."""
    return _load(GSP_MANIFESTS, "gsp", MF.GraphStoreProtocolTest)


@cache
def service_description_tests() -> tuple[ProtocolTest, ...]:
    """The 3 Service Description tests (no requests in the manifest: see the module doc)."""
    return _load((SD_MANIFEST,), "sd", MF.ServiceDescriptionTest)


# -- running ----------------------------------------------------------------------------------


def _is_update(request: Request) -> bool:
    """Whether a protocol request is an update (it goes to the update service)."""
    headers = {k.lower(): v for k, v in request.headers}
    media = headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "application/sparql-update":
        return True
    if media == "application/sparql-query":
        return False
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(request.path).query)
    body = (request.body or b"").decode("utf-8", "replace")
    form = urllib.parse.parse_qs(body) if "=" in body else {}
    if "update" in query or "update" in form or any(k.startswith("using-") for k in query):
        return True
    if "query" in query or "query" in form:
        return False
    return bool(_UPDATE_KEYWORDS.match(body))


def rewrite_path(request: Request, endpoint: Endpoint) -> str:
    """The request target on ``endpoint`` for a manifest path (``/sparql/...``, ``/gsp...``)."""
    path = request.path
    if path.startswith("/sparql/"):
        service = endpoint.update_path if _is_update(request) else endpoint.query_path
        rest = path[len("/sparql/"):]
        return service + (rest if rest.startswith("?") or not rest else "/" + rest)
    if path.startswith("/gsp"):
        return endpoint.store_path + path[len("/gsp"):]
    raise ValueError(f"unexpected path in manifest: {path}")


def _status_ok(status: int, expected: tuple[str, ...]) -> bool:
    for name in expected:
        klass = re.fullmatch(r"StatusCode(\d)xx", name)
        if klass and status // 100 == int(klass.group(1)):
            return True
        if _STATUS_NAMES.get(name) == status:
            return True
        if name not in _STATUS_NAMES and not klass:
            raise ValueError(f"unknown status name hts:{name}")
    return False


def _check_format(reply: Reply, expect: Expectation) -> list[str]:
    """Problems with the result format and boolean of a query answer."""
    problems = []
    media = reply.media_type
    if expect.format in ("boolean", "tabular"):
        allowed = {"json", "xml"} if expect.format == "boolean" else {"json", "xml", "csv", "tsv"}
        if RESULTS_MEDIA_TYPES.get(media) not in allowed:
            return [f"expected {expect.format} results, got Content-Type {media or '(none)'}"]
        if RESULTS_MEDIA_TYPES[media] in ("json", "xml"):
            try:
                answer = parse_results(reply.body, media)
            except (ValueError, SyntaxError) as exc:
                return [f"unreadable {media} results: {exc}"]
            if (expect.format == "boolean") != isinstance(answer, Boolean):
                problems.append(f"expected {expect.format} results, got {type(answer).__name__}")
            elif isinstance(answer, Boolean) and expect.boolean is not None \
                    and answer.value != expect.boolean:
                problems.append(f"expected {expect.boolean}, got {answer.value}")
    elif expect.format == "RDF":
        try:
            parse_rdf(reply.body, media)
        except (ValueError, SyntaxError) as exc:
            problems.append(f"expected RDF: {exc}")
    elif expect.boolean is not None:
        try:
            answer = parse_results(reply.body, media)
        except (ValueError, SyntaxError) as exc:
            return [f"expected a boolean: {exc}"]
        if answer != Boolean(expect.boolean):
            problems.append(f"expected {expect.boolean}, got {answer}")
    return problems


def _check_reply(reply: Reply, request: Request) -> list[str]:
    """Every way ``reply`` differs from what ``request`` expects."""
    expect = request.expect
    if expect.statuses and not _status_ok(reply.status, expect.statuses):
        return [f"expected status {'/'.join(expect.statuses)}, got {reply.describe()}"]
    problems = _check_format(reply, expect)
    for name, value in expect.headers:
        got = reply.headers.get(name)
        if name.lower() == "content-type":
            want, have = value.split(";")[0].strip().lower(), reply.media_type
        else:
            want, have = value, got or ""
        if got is None or want != have:
            problems.append(f"expected header {name}: {value}, got {got!r}")
    if expect.body is not None:
        media = dict((k.lower(), v) for k, v in expect.headers).get("content-type", "text/turtle")
        wanted = parse_rdf(expect.body, media.split(";")[0].strip().lower())
        try:
            actual = parse_rdf(reply.body, reply.media_type)
        except (ValueError, SyntaxError) as exc:
            problems.append(f"expected an RDF body: {exc}; got {reply.describe()}")
        else:
            diff = graph_difference(wanted.triples, actual.triples)
            if diff:
                problems.append(diff)
    return problems


def run_test(test: ProtocolTest, endpoint: Endpoint) -> None:
    """Run a protocol or Graph Store test against ``endpoint``.

    Raises:
        AssertionError: the first request whose response is not as expected, with why.
        client.SetupError: the data could not be loaded.
    """
    if test.suite == "sd":
        run_service_description(test, endpoint)
        return
    graphs = {name: path.read_text(encoding="utf-8") for name, path in test.graph_data}
    client.reset(endpoint, graphs)
    variables: dict[str, str] = {}
    for n, request in enumerate(test.requests, 1):
        target, body = rewrite_path(request, endpoint), request.body
        for var, value in variables.items():
            target = target.replace(var, value)
            body = body.replace(var.encode(), value.encode()) if body is not None else None
        headers = {**dict(request.headers), **endpoint.auth_headers()}
        reply = client.send(endpoint, request.method, target, headers, body)
        problems = _check_reply(reply, request)
        location_var = request.expect.location_variable
        if location_var:
            location = reply.headers.get("Location")
            if location is None:
                problems.append("expected a Location header")
            else:
                variables[location_var] = location
        assert not problems, (
            f"{test.id}: request {n}/{len(test.requests)} {request.method} {target}: "
            + "; ".join(problems)
        )


def _fetch_description(endpoint: Endpoint) -> Graph:
    """GET the query endpoint asking for RDF; the description as a graph.

    Raises:
        AssertionError: not a 2xx RDF answer.
    """
    reply = client.send(endpoint, "GET", endpoint.query_path, {"Accept": _SD_ACCEPT})
    assert 200 <= reply.status < 300, f"GET {endpoint.query_path}: {reply.describe()}"
    assert reply.media_type in RDF_MEDIA_TYPES, f"not RDF: {reply.describe()}"
    try:
        graph = Graph()
        graph.parse(data=reply.body, format=_RDFLIB_FORMATS.get(reply.media_type, "turtle"),
                    publicID=endpoint.query_url)
    except Exception as exc:  # rdflib parsers raise many types
        raise AssertionError(f"the description does not parse: {exc}") from exc
    return graph


_RDFLIB_FORMATS = {
    "text/turtle": "turtle", "application/x-turtle": "turtle", "application/n-triples": "nt",
    "text/plain": "nt", "application/rdf+xml": "xml", "application/ld+json": "json-ld",
    "application/trig": "trig", "application/n-quads": "nquads", "text/n3": "n3",
}


def _returns_rdf(graph: Graph, endpoint: Endpoint) -> None:
    assert len(graph) > 0, "the service description is empty"


def _has_endpoint_triple(graph: Graph, endpoint: Endpoint) -> None:
    found = sorted(str(o) for o in graph.objects(None, SD.endpoint))
    assert (None, SD.endpoint, URIRef(endpoint.query_url)) in graph, (
        f"no sd:endpoint <{endpoint.query_url}>; sd:endpoint values: {found or 'none'}"
    )


def _conforms_to_schema(graph: Graph, endpoint: Endpoint) -> None:
    unnamed = [n for n in graph.subjects(RDF_TYPE_IRI, SD.NamedGraph)
               if graph.value(n, SD.name) is None]
    assert not unnamed, f"sd:NamedGraph without sd:name: {unnamed}"


_SD_CHECKS: dict[str, Callable[[Graph, Endpoint], None]] = {
    "returns-rdf": _returns_rdf,
    "has-endpoint-triple": _has_endpoint_triple,
    "conforms-to-schema": _conforms_to_schema,
}


def run_service_description(test: ProtocolTest, endpoint: Endpoint) -> None:
    """Run one Service Description test (AssertionError if it fails)."""
    _SD_CHECKS[test.id](_fetch_description(endpoint), endpoint)


def all_tests() -> dict[str, tuple[ProtocolTest, ...]]:
    """The three suites by name."""
    return {
        "protocol": protocol_tests(),
        "service-description": service_description_tests(),
        "graph-store": graph_store_tests(),
    }
