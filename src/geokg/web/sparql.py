"""The SPARQL 1.1 Protocol endpoint at /sparql: queries, guarded updates, service description.

Protocol: https://www.w3.org/TR/sparql11-protocol/ ; service description:
https://www.w3.org/TR/sparql11-service-description/ . What a query may reach is decided by
``geokg.sparql`` (the query policy); this module reads requests and writes answers.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from flask import Blueprint, Flask, Response, current_app, render_template, request, url_for
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, VOID, XSD
from werkzeug.datastructures import MultiDict
from werkzeug.wsgi import get_current_url

from .. import sparql as policy
from ..assets import list_queries
from ..errors import GeokgError, QueryError, QueryTimeout
from ..namespaces import SD
from ..store import QueryKind, RemoteStore, Store
from . import CORS_HEADERS, STORE_KEY, base_iri, data_version, get_store
from .errors import Forbidden, UnsupportedMediaType, error_response
from .negotiation import NotAcceptable, Offer, media_type_for_name, negotiate, negotiate_request

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
#: W3C format IRIs (https://www.w3.org/ns/formats/) of every result format offered.
FORMAT_IRIS = {
    "application/sparql-results+json": "http://www.w3.org/ns/formats/SPARQL_Results_JSON",
    "application/sparql-results+xml": "http://www.w3.org/ns/formats/SPARQL_Results_XML",
    "text/csv": "http://www.w3.org/ns/formats/SPARQL_Results_CSV",
    "text/tab-separated-values": "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
    "text/turtle": "http://www.w3.org/ns/formats/Turtle",
    "application/ld+json": "http://www.w3.org/ns/formats/JSON-LD",
    "application/n-triples": "http://www.w3.org/ns/formats/N-Triples",
    "application/rdf+xml": "http://www.w3.org/ns/formats/RDF_XML",
}
#: The response header that says a SELECT result was cut, and after how many rows.
TRUNCATED_HEADER = "Geokg-Results-Truncated"
#: Seconds a client is asked to wait after a query ran out of time.
RETRY_AFTER = 5
# ``format=json`` / ``format=xml`` mean the graph flavour for CONSTRUCT and DESCRIBE.
_GRAPH_FORMAT_NAMES = {
    "application/sparql-results+json": "application/ld+json",
    "application/sparql-results+xml": "application/rdf+xml",
}
_QUERY_BODY = "application/sparql-query"
_UPDATE_BODY = "application/sparql-update"
_FORM_BODY = "application/x-www-form-urlencoded"
_QUERY_DATASET = ("default-graph-uri", "named-graph-uri")
#: What an answer with a validator says to caches: keep it, but ask again (with If-None-Match)
#: before each use, since a write may come at any moment (a max-age would hide it).
ANSWER_CACHE_CONTROL = "no-cache"
_CACHE_KEY = "geokg.answer_cache"
_UPDATE_DATASET = ("using-graph-uri", "using-named-graph-uri")
#: Parameters a plain GET query does not carry (again): QueryFront leaves these to Flask.
_FRONT_REFUSED = ("query", "format", "update", *_UPDATE_DATASET)

Params = MultiDict[str, str]


class Unauthorized(GeokgError):
    """A write request without credentials (answered with ``WWW-Authenticate: Bearer``)."""

    status = 401


class PayloadTooLarge(GeokgError):
    """A request body larger than the ``max_body`` setting."""

    status = 413


class UriTooLong(GeokgError):
    """A request target (GET query string) larger than the ``max_body`` setting."""

    status = 414


@dataclass(frozen=True, slots=True)
class Answer:
    """A complete query answer (kind, media type, body); ``QueryFront`` keeps status, headers."""

    kind: QueryKind
    media_type: str
    body: bytes
    status: str = "200 OK"
    headers: tuple[tuple[str, str], ...] = ()


class AnswerCache:
    """Complete query answers of one worker, least recently used first out, bounded in bytes.

    Keys carry the data version (``geokg.web.data_version``), so a write makes every older
    answer unreachable; only answers computed between two equal readings of the version are
    put in (see ``_run_query``), so an answer found here is exact for the version now.
    """

    #: bytes counted per entry on top of its body and query text (key tuple, dict slot)
    OVERHEAD = 200

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._entries: OrderedDict[tuple[str, ...], Answer] = OrderedDict()
        self._size = 0
        self._version: str | None = None
        self._lock = threading.Lock()

    @staticmethod
    def _cost(key: tuple[str, ...], answer: Answer) -> int:
        """Bytes an entry is counted for."""
        return len(answer.body) + sum(len(part) for part in key) + AnswerCache.OVERHEAD

    def get(self, key: tuple[str, ...]) -> Answer | None:
        """The answer stored under ``key`` (whose first part is the data version), if any."""
        with self._lock:
            answer = self._entries.get(key)
            if answer is not None:
                self._entries.move_to_end(key)
            return answer

    def put(self, key: tuple[str, ...], answer: Answer) -> None:
        """Keep an answer; answers of older versions go first, then the least recently used."""
        cost = self._cost(key, answer)
        if cost > self.capacity // 4:  # one huge answer must not flush all the others
            return
        with self._lock:
            if key[0] != self._version:
                # a new version: every older entry is unreachable now
                self._entries.clear()
                self._size = 0
                self._version = key[0]
            old = self._entries.pop(key, None)
            if old is not None:
                self._size -= self._cost(key, old)
            self._entries[key] = answer
            self._size += cost
            while self._size > self.capacity:
                dropped_key, dropped = self._entries.popitem(last=False)
                self._size -= self._cost(dropped_key, dropped)

    def __len__(self) -> int:
        """Number of answers kept."""
        return len(self._entries)


def answer_cache() -> AnswerCache | None:
    """The answer cache of this worker's app, or None when the ``answer_cache`` setting is 0."""
    cache: AnswerCache | None = current_app.extensions.get(_CACHE_KEY)
    return cache


#: WSGI environ key where ``_run_query`` notes the data version a GET answer is exact for.
_REPLAYABLE = "geokg.replayable_version"

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class QueryFront:
    """A WSGI layer before Flask that answers plain GET /sparql queries itself.

    A GET with a query string of ``query`` (once), ``default-graph-uri``, ``named-graph-uri``
    and at most one ``format``, no body and no ``If-None-Match`` is answered here by the same
    functions the Flask view uses (``_negotiated``, ``answer_query``, ``answer_headers``),
    without the framework's request and response objects: for a lookup those cost more than
    the query. Everything else, and every request these functions refuse (a bad query, nothing
    acceptable, a store fault), goes to Flask, which answers it, errors included, in full.

    With an answer cache, a request seen before at this data version is replayed: the key is
    the request as received (query string and Accept header, unparsed) and the data version,
    the value the whole response (status, headers, body), kept only when it was exact for that
    version and answered 200 (by this layer, or by Flask when ``_run_query`` marked it
    ``_REPLAYABLE``).
    """

    def __init__(self, wsgi_app: WsgiApp, app: Flask, cache: AnswerCache | None) -> None:
        self.wsgi_app = wsgi_app
        self.app = app
        self.cache = cache

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Replay a kept answer, answer a plain query, or let Flask answer."""
        if (
            environ.get("PATH_INFO") != "/sparql"
            or environ.get("REQUEST_METHOD") != "GET"
            or "HTTP_IF_NONE_MATCH" in environ
            or environ.get("CONTENT_LENGTH") not in (None, "", "0")
            or "HTTP_TRANSFER_ENCODING" in environ
        ):
            return self.wsgi_app(environ, start_response)
        cache = self.cache
        version = self.app.extensions[STORE_KEY].versions.current()
        key = (version or "", "replay", environ.get("QUERY_STRING", ""),
               environ.get("HTTP_ACCEPT", ""))
        if cache is not None and version is not None:
            kept = cache.get(key)
            if kept is not None:
                start_response(kept.status, list(kept.headers))
                return [kept.body]
        answered = self._answer(environ)
        if answered is not None:
            headers, body, exact = answered
            if cache is not None and version is not None and exact == version:
                cache.put(key, Answer("solutions", "", body, "200 OK", tuple(headers)))
            start_response("200 OK", headers)
            return [body]
        if cache is None or version is None:
            return self.wsgi_app(environ, start_response)
        return self._keep(environ, start_response, key, version)

    def _answer(
        self, environ: dict[str, Any]
    ) -> tuple[list[tuple[str, str]], bytes, str | None] | None:
        """(headers, body, version it is exact for) of a plain query; None: Flask answers."""
        app = self.app
        raw = environ.get("QUERY_STRING", "")
        if not raw or len(raw) > int(app.config["MAX_BODY"]):
            return None
        try:
            # as Flask reads request.args (werkzeug 3: undecodable bytes stay percent-encoded)
            pairs = parse_qsl(raw.encode("latin-1").decode(), keep_blank_values=True,
                              errors="werkzeug.url_quote")
        except UnicodeError:
            return None
        query: str | None = None
        fmt: str | None = None
        params: dict[str, list[str]] = {name: [] for name in _QUERY_DATASET}
        for name, value in pairs:
            if name == "query" and query is None:
                query = value
            elif name == "format" and fmt is None:
                fmt = value
            elif name in params:
                params[name].append(value)
            elif name in _FRONT_REFUSED:
                return None  # a repeated query or format, an update: Flask says what is wrong
        if query is None or not query.strip():
            return None
        operation = Operation(query, None, params)
        try:
            solutions, graph = _negotiated(environ.get("HTTP_ACCEPT"), fmt or None)
            if solutions is None and graph is None:
                return None
            endpoint = _endpoint_at(
                environ["wsgi.url_scheme"], environ.get("HTTP_HOST"), environ.get("SERVER_NAME"),
                environ.get("SERVER_PORT"), environ.get("SCRIPT_NAME", ""))
            key = _request_key(operation, solutions, graph)
            answer, cut, exact = answer_query(app, operation, key, solutions, graph, endpoint)
        except Exception:  # refused or failed: Flask answers it, in its error shape
            return None
        if (graph if answer.kind == "graph" else solutions) is None:
            return None  # the query's kind has no acceptable type: Flask answers 406
        etag = _etag(exact, key) if exact is not None else None
        headers = answer_headers(answer, cut, etag)
        headers.append(("Content-Length", str(len(answer.body))))
        headers.extend(CORS_HEADERS)
        headers.append(("Vary", "Accept"))
        return headers, answer.body, exact

    def _keep(
        self,
        environ: dict[str, Any],
        start_response: StartResponse,
        key: tuple[str, ...],
        version: str,
    ) -> Iterable[bytes]:
        """Let Flask answer, and keep its response when it marked it replayable."""
        sent: list[tuple[str, list[tuple[str, str]]]] = []

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            sent.append((status, list(headers)))
            return start_response(status, headers, exc_info)

        result = self.wsgi_app(environ, capture)
        if environ.get(_REPLAYABLE) != version or not sent or not sent[-1][0].startswith("200"):
            return result
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        status, headers = sent[-1]
        if self.cache is not None:
            self.cache.put(key, Answer("solutions", "", body, status, tuple(headers)))
        return [body]


@functools.lru_cache(maxsize=64)
def _endpoint_at(
    scheme: str, host: str | None, server: str | None, port: str | None, root: str
) -> str:
    """The endpoint's URL as ``url_for`` gives it, from the parts of a WSGI environ it reads."""
    parts = {"wsgi.url_scheme": scheme, "SCRIPT_NAME": root}
    for name, value in (("HTTP_HOST", host), ("SERVER_NAME", server), ("SERVER_PORT", port)):
        if value is not None:
            parts[name] = value
    return get_current_url(parts, root_only=True) + "sparql"


def install_query_front(app: Flask) -> None:
    """Give ``app`` its answer cache (the ``answer_cache`` setting, MB; 0 = none) and front."""
    megabytes = float(app.config.get("ANSWER_CACHE") or 0)
    cache = AnswerCache(int(megabytes * 1_000_000)) if megabytes > 0 else None
    app.extensions[_CACHE_KEY] = cache
    app.wsgi_app = QueryFront(app.wsgi_app, app, cache)  # type: ignore[method-assign]


@dataclass(frozen=True, slots=True)
class Operation:
    """A protocol request read: a query or an update, and its dataset parameters."""

    query: str | None = None
    update: str | None = None
    params: dict[str, list[str]] = field(default_factory=dict)


@bp.before_request
def check_request_size() -> None:
    """Refuse bodies and query strings over the ``max_body`` setting before reading them."""
    check_size()


def check_size() -> None:
    """Raise 413 for a body, 414 for a query string larger than the ``max_body`` setting."""
    limit = int(current_app.config["MAX_BODY"])
    if request.content_length is not None and request.content_length > limit:
        raise PayloadTooLarge(
            f"the request body has {request.content_length} bytes; the limit is {limit} bytes "
            "(setting max_body, GEOKG_MAX_BODY)"
        )
    if len(request.query_string) > limit:
        raise UriTooLong(
            f"the query string has {len(request.query_string)} bytes; the limit is {limit} bytes "
            "(setting max_body): send a long query by POST"
        )


@bp.after_request
def challenge(response: Response) -> Response:
    """Name the authentication scheme on a 401 (RFC 6750 §3)."""
    if response.status_code == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="geokg"'
    return response


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    """Answer a SPARQL query or update, or describe the service when there is neither."""
    operation = _read_get() if request.method == "GET" else _read_post()
    if operation.update is not None:
        return _run_update(operation)
    if operation.query is None:
        return _describe_service()
    if not operation.query.strip():
        raise QueryError("the query is empty")
    return _run_query(operation)


def _single(params: Params, name: str) -> str | None:
    """The one value of a parameter; 400 if it is repeated (SPARQL 1.1 Protocol §2.1, §2.2)."""
    values = params.getlist(name)
    if len(values) > 1:
        raise QueryError(f"the request carries {len(values)} {name} parameters; send exactly one")
    return values[0] if values else None


def _operation(query: str | None, update: str | None, params: Params) -> Operation:
    """Check that a request is one query or one update with the dataset parameters of its kind."""
    if query is not None and update is not None:
        raise QueryError("a request carries a query or an update, not both")
    wrong = _UPDATE_DATASET if update is None else _QUERY_DATASET
    for name in wrong:
        if name in params:
            kind = "an update" if update is not None else "a query"
            raise QueryError(f"{name} does not apply to {kind} (SPARQL 1.1 Protocol §2.1-2.2)")
    names = _UPDATE_DATASET if update is not None else _QUERY_DATASET
    return Operation(query, update, {name: params.getlist(name) for name in names})


def _read_get() -> Operation:
    """The query (or misplaced update) of a GET request (protocol §2.1.1)."""
    args = request.args
    return _operation(_single(args, "query"), _single(args, "update"), args)


def _read_post() -> Operation:
    """The query or update and the dataset parameters of a POST (protocol §2.1.2-3, §2.2)."""
    mimetype = request.mimetype
    if mimetype == _FORM_BODY:
        form = request.form
        for name in ("query", "update"):
            if name in request.args:
                raise QueryError(f"a form POST carries {name} in its body, not in the URL")
        query, update = _single(form, "query"), _single(form, "update")
        if query is None and update is None:
            raise QueryError("the form has neither a query nor an update parameter")
        params: Params = MultiDict(form)
        for name, value in request.args.items(multi=True):
            params.add(name, value)
        return _operation(query, update, params)
    if mimetype in (_QUERY_BODY, _UPDATE_BODY):
        for name in ("query", "update"):
            if name in request.args:
                raise QueryError(f"a {mimetype} POST carries its text in the body, not {name}=")
        try:
            text = request.get_data().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise QueryError(f"the request body is not UTF-8: {exc}") from exc
        if mimetype == _QUERY_BODY:
            return _operation(text, None, request.args)
        return _operation(None, text, request.args)
    offered = ", ".join((_FORM_BODY, _QUERY_BODY, _UPDATE_BODY))
    given = mimetype or "untyped"
    raise UnsupportedMediaType(f"cannot read a {given} request body; send one of {offered}")


def _negotiate_results() -> tuple[str | None, str | None]:
    """The negotiated (solutions, graph) media types of the request; None where nothing fits."""
    return _negotiated(request.headers.get("Accept"), request.values.get("format") or None)


@functools.lru_cache(maxsize=512)
def _negotiated(accept: str | None, name: str | None) -> tuple[str | None, str | None]:
    """``negotiate`` for both result kinds, remembered: clients send few distinct Accept headers.

    ``format=json`` / ``format=xml`` name SPARQL JSON/XML for solutions and JSON-LD/RDF/XML for
    graphs.
    """
    named = media_type_for_name(name) if name else None
    graph_name = _GRAPH_FORMAT_NAMES.get(named or "", name)
    return _offered(SOLUTION_OFFERS, accept, name), _offered(GRAPH_OFFERS, accept, graph_name)


def _offered(offers: tuple[Offer, ...], accept: str | None, name: str | None) -> str | None:
    """The media type ``negotiate`` picks among ``offers``, or None if nothing fits."""
    try:
        return negotiate(offers, accept, format_param=name).media_type
    except NotAcceptable:
        return None


#: Longest query text whose policy verdict is remembered (bounds the memo's memory).
_POLICY_MEMO_CHARS = 4096


def _check_policy(query: str, allow: tuple[str, ...]) -> None:
    """The query policy (``geokg.sparql.check_query``); a short text that passed is not re-read."""
    if len(query) > _POLICY_MEMO_CHARS:
        policy.check_query(query, list(allow))
    else:
        _allowed(query, allow)


@functools.lru_cache(maxsize=4096)
def _allowed(query: str, allow: tuple[str, ...]) -> bool:
    """Run the query policy once per text and allow-list (a refusal raises, is not kept)."""
    policy.check_query(query, list(allow))
    return True


def service_allow(app: Flask | None = None) -> list[str]:
    """The endpoints SERVICE and LOAD may reach (the ``service_allow`` setting of ``app``)."""
    return str((app or current_app).config.get("SERVICE_ALLOW") or "").split()


def endpoint_url() -> str:
    """The URL of this endpoint as the client reached it (what ``sd:endpoint`` names)."""
    return url_for("sparql.endpoint", _external=True)


def _request_key(operation: Operation, solutions: str | None, graph: str | None) -> tuple[str, ...]:
    """What identifies an answer apart from the data: query text, dataset, negotiated types."""
    params = operation.params
    return (
        operation.query or "",
        "\n".join(params["default-graph-uri"]),
        "\n".join(params["named-graph-uri"]),
        solutions or "",
        graph or "",
    )


def _etag(version: str, key: tuple[str, ...]) -> str:
    """A weak validator: the data version and a digest of the request it answers.

    Weak (RFC 9110 §8.8.1): the same request on the same data gives the same answer, though
    not always the same bytes (blank node labels, row order without ORDER BY may differ).
    """
    digest = hashlib.blake2b("\0".join(key).encode("utf-8"), digest_size=12).hexdigest()
    return f'W/"{version}-{digest}"'


def _run_query(operation: Operation) -> Response:
    """Run a query and answer its result in the negotiated format (``answer_query``).

    A GET whose ``If-None-Match`` names the current validator gets 304.
    """
    solutions, graph = _negotiate_results()
    if solutions is None and graph is None:
        raise NotAcceptable([o.media_type for o in SOLUTION_OFFERS + GRAPH_OFFERS])
    # validators only on GET/HEAD: a POST is not a cacheable read, If-None-Match means 412 there
    validated = request.method != "POST"
    key = _request_key(operation, solutions, graph)
    version = data_version()
    if validated and version is not None and _etag(version, key) in _if_none_match():
        response = Response(status=304)
        _add_validators(response, _etag(version, key))
        return response
    answer, cut, exact = answer_query(
        current_app, operation, key, solutions, graph, endpoint_url())
    if (graph if answer.kind == "graph" else solutions) is None:
        offers = GRAPH_OFFERS if answer.kind == "graph" else SOLUTION_OFFERS
        raise NotAcceptable([o.media_type for o in offers])
    etag = _etag(exact, key) if validated and exact is not None else None
    response = Response(answer.body, headers=answer_headers(answer, cut, etag))
    if exact is not None and request.method == "GET":
        request.environ[_REPLAYABLE] = exact  # for QueryFront, once the response is whole
    return response


def answer_query(
    app: Flask,
    operation: Operation,
    key: tuple[str, ...],
    solutions: str | None,
    graph: str | None,
    endpoint: str,
) -> tuple[Answer, int | None, str | None]:
    """The answer to a query in the negotiated types: (answer, rows cut at, exact version).

    It comes from this worker's answer cache when the same request was answered at the same
    data version. The version is None when the answer belongs to no one version (a write
    began or ended while the query ran, or the result was cut); rows cut at is the row limit
    when the result was cut, else None. ``key`` is the request's ``_request_key``.
    """
    store: Store | RemoteStore = app.extensions[STORE_KEY]
    version = store.versions.current()
    cache: AnswerCache | None = app.extensions.get(_CACHE_KEY) if version is not None else None
    if cache is not None:
        kept = cache.get((version or "", *key))
        if kept is not None:
            return kept, None, version
    query = operation.query or ""
    _check_policy(query, tuple(service_allow(app)))
    limit = int(app.config.get("MAX_RESULTS") or 0) or None  # 0: no cut
    accept: dict[QueryKind, str] = {
        "solutions": solutions or SOLUTION_OFFERS[0].media_type,
        "boolean": solutions or SOLUTION_OFFERS[0].media_type,
        "graph": graph or GRAPH_OFFERS[0].media_type,
    }
    kind, media_type, body, truncated = store.query_answer(
        query,
        accept,
        limit=limit,
        link=endpoint + "#max_results",
        default_graphs=operation.params["default-graph-uri"] or None,
        named_graphs=operation.params["named-graph-uri"] or None,
        base_iri=str(app.config["BASE"]),
    )
    answer = Answer(kind, media_type, body)
    if truncated:
        return answer, limit, None
    if version is None or store.versions.current() != version:
        return answer, None, None
    if cache is not None:
        cache.put((version, *key), answer)
    return answer, None, version


def answer_headers(answer: Answer, cut: int | None, etag: str | None) -> list[tuple[str, str]]:
    """The headers of an answer: its type, the cut signal, the validator and cache rule."""
    headers = [("Content-Type", f"{answer.media_type}; charset=utf-8")]
    if cut is not None:
        headers.append((TRUNCATED_HEADER, str(cut)))
    if etag is not None:
        headers.extend((("ETag", etag), ("Cache-Control", ANSWER_CACHE_CONTROL)))
    return headers


def _if_none_match() -> set[str]:
    """The entity tags of the request's If-None-Match, weak or strong (weak comparison)."""
    header = request.headers.get("If-None-Match")
    if not header:
        return set()
    tags = set()
    for tag in header.split(","):
        tag = tag.strip()
        tags.add(tag if tag.startswith("W/") else f"W/{tag}")
    return tags


def _add_validators(response: Response, etag: str) -> None:
    """The validator of an answer, and the instruction to revalidate before reuse."""
    response.headers["ETag"] = etag
    response.headers["Cache-Control"] = ANSWER_CACHE_CONTROL


@bp.app_errorhandler(QueryTimeout)
def answer_timeout(exc: QueryTimeout) -> Response:
    """503 that, unlike other server faults, says what happened and when to retry (any route)."""
    seconds = current_app.config.get("QUERY_TIMEOUT")
    message = (
        f"the query ran past the time limit of {seconds} s (setting query_timeout) and was "
        "stopped; narrow it down (LIMIT, more specific patterns) or retry later"
    )
    response = error_response(503, "Service Unavailable", message)
    response.headers["Retry-After"] = str(RETRY_AFTER)
    return response


def require_update_token(what: str) -> None:
    """Let the request through only with the configured bearer token (constant-time compare).

    Raises:
        Forbidden: writes are disabled (no token configured) or the token is wrong.
        Unauthorized: the request has no bearer credentials.
    """
    token = str(current_app.config.get("UPDATE_TOKEN") or "")
    if not token:
        raise Forbidden(f"{what} is not enabled on this endpoint: it is read-only")
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise Unauthorized(f"{what} needs the header 'Authorization: Bearer <update token>'")
    if not hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8")):
        raise Forbidden(f"{what}: the bearer token is not the update token")


def _run_update(operation: Operation) -> Response:
    """Run a SPARQL Update if the request carries the configured bearer token."""
    require_update_token("SPARQL Update")
    if request.method != "POST":
        raise QueryError("a SPARQL Update must be sent by POST (SPARQL 1.1 Protocol §2.2)")
    update = operation.update or ""
    policy.check_update(update, service_allow())
    dataset = {
        "using_graphs": operation.params["using-graph-uri"],
        "using_named_graphs": operation.params["using-named-graph-uri"],
    }
    # the protocol dataset goes to the store only when the request has one
    get_store().update(update, base_iri=base_iri(), **{k: v for k, v in dataset.items() if v})
    return Response(status=204)


def data_changed() -> None:
    """Kept for callers: the store counts every write itself (``geokg.web.data_version``).

    VoID's statistics, the answer cache and validators all follow that shared version, so a
    write through any worker is seen by all of them.
    """


def _describe_service() -> Response:
    """The query page for browsers, else the SPARQL 1.1 Service Description."""
    offer = negotiate_request(DESCRIPTION_OFFERS)
    if offer.media_type == "text/html":
        html = render_template("sparql.html", queries=list_queries())
        return Response(html, mimetype="text/html")
    data = service_description(endpoint_url()).serialize(
        format=RDFLIB_FORMATS[offer.media_type], encoding="utf-8"
    )
    return Response(data, content_type=f"{offer.media_type}; charset=utf-8")


def service_description(endpoint_iri: str) -> Graph:
    """The SPARQL 1.1 Service Description of this endpoint (languages, formats, dataset)."""
    from .void import statistics

    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("void", VOID)
    service = URIRef(endpoint_iri + "#service")
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, URIRef(endpoint_iri)))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if current_app.config.get("UPDATE_TOKEN"):
        graph.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    if service_allow():
        graph.add((service, SD.feature, SD.BasicFederatedQuery))
    for iri in FORMAT_IRIS.values():
        graph.add((service, SD.resultFormat, URIRef(iri)))
    limit = current_app.config.get("MAX_RESULTS")
    graph.add((service, RDFS.comment, Literal(
        f"SELECT results are cut after {limit} rows (setting max_results); a cut result "
        f"carries the header {TRUNCATED_HEADER} and, in SPARQL JSON and XML, a head link to "
        f"{endpoint_iri}#max_results. SERVICE may reach: {', '.join(service_allow()) or 'nothing'}."
    )))
    dataset, default = BNode(), BNode()
    triples = Literal(statistics().triples, datatype=XSD.integer)
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, VOID.triples, triples))
    graph.add((dataset, RDFS.seeAlso, URIRef(url_for("void.void", _external=True))))
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    graph.add((default, VOID.triples, triples))
    graph.add((default, RDFS.comment, Literal("the union of all named graphs")))
    return graph
