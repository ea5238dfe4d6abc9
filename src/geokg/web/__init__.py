"""The geokg web app: ``create_app()`` wires the store, the SPARQL endpoint and the pages."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, Response, current_app

from .. import config
from ..engine import kill_engine
from ..errors import QueryTimeout
from ..iri import normalize_base
from ..store import DataVersion, RemoteStore, Store
from . import watchdog
from .errors import register_error_handlers

#: where the app keeps its store (``app.extensions``)
STORE_KEY = "geokg.store"


def _settings_config() -> dict[str, Any]:
    """Flask config keys (upper-case setting names) from geokg's settings and environment."""
    return {name.upper(): value for name, value in config.defaults().items()}


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the Flask app; ``test_config`` overrides settings (``STORE`` may be a Store)."""
    app = Flask(__name__)
    app.config.update(_settings_config())
    if test_config is not None:
        app.config.update(test_config)
    app.config["BASE"] = normalize_base(str(app.config["BASE"]))
    app.config["MAX_CONTENT_LENGTH"] = int(app.config["MAX_BODY"])
    # a form field (a query sent by POST) may be as large as a whole body
    app.config["MAX_FORM_MEMORY_SIZE"] = int(app.config["MAX_BODY"])
    store = app.config["STORE"]
    engine = app.config.get("ENGINE_URL")
    if engine:
        # the query engine holds the store; it stops queries that run too long
        pidfile = app.config.get("ENGINE_PIDFILE")
        store = RemoteStore(
            f"{engine}/query",
            f"{engine}/update",
            timeout=float(app.config["QUERY_TIMEOUT"]),
            on_overrun=functools.partial(kill_engine, pidfile) if pidfile else None,
            # the engine holds this folder; every write through geokg is counted in it
            versions=DataVersion(Path(str(store))),
        )
    elif not isinstance(store, Store | RemoteStore):
        # serving read-only (``geokg serve`` without an update token): each worker opens the
        # store read-only and answers in-process; ``geokg serve`` holds the folder's shared lock,
        # so no writer runs meanwhile
        read_only = bool(app.config.get("READ_ONLY"))
        store = Store(str(store), read_only=read_only)
        if read_only:
            # the lock keeps every writer out while this serves: the version cannot change
            store.versions = DataVersion(store.path, frozen=True)
    app.extensions[STORE_KEY] = store
    # what VoID's statistics cache compares: the data version, shared by every worker
    app.extensions["geokg.generation"] = _Generation(store.versions)

    from . import editor, graph_store, ontology, pages, resources, sparql, void

    register_error_handlers(app)
    sparql.install_query_front(app)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(editor.bp)
    app.register_blueprint(graph_store.bp)
    app.register_blueprint(void.bp)
    app.register_blueprint(ontology.bp)
    app.register_blueprint(resources.bp)
    app.register_blueprint(pages.bp)
    from . import dyads, search

    app.register_blueprint(dyads.bp)
    app.register_blueprint(search.bp)
    pages.register_template_helpers(app)
    app.after_request(_common_headers)
    if app.config.get("QUERY_WATCHDOG") and isinstance(store, Store):
        # the time limit in-process: a query past it answers 503 and ends this worker
        limit = watchdog.Watchdog(
            float(app.config["QUERY_TIMEOUT"]), functools.partial(_timeout_answer, app)
        )
        store.limit = limit.watch
        app.wsgi_app = limit.wsgi(app.wsgi_app)  # type: ignore[method-assign,assignment]
    return app


def _timeout_answer(app: Flask, accept: str) -> bytes:
    """The raw HTTP response for a query stopped by the watchdog (geokg's 503 error shape)."""
    from .sparql import answer_timeout

    with app.test_request_context(headers={"Accept": accept} if accept else {}):
        response = _common_headers(answer_timeout(QueryTimeout("")))
    body = response.get_data()
    response.headers["Content-Length"] = str(len(body))
    response.headers["Connection"] = "close"
    head = "".join(f"{name}: {value}\r\n" for name, value in response.headers.items())
    return f"HTTP/1.1 {response.status}\r\n{head}\r\n".encode("latin-1") + body


def get_store() -> Store:
    """The store of the app handling the current request."""
    store: Store = current_app.extensions[STORE_KEY]
    return store


def data_version() -> str | None:
    """The version of the served data, the same in every worker; None when it cannot be used.

    It changes with every write made through geokg (SPARQL Update, Graph Store, ``geokg
    ingest``). None while a write is in progress or when the store is a server others may
    write to: then answer nothing from a cache and send no validator. Read it before building
    an answer and again after; only when both readings are equal (and not None) is the answer
    the one of that version, e.g. for an ETag ``W/"<version>-<hash of the request>"``.
    """
    store: Store | RemoteStore = current_app.extensions[STORE_KEY]
    return store.versions.current()


class _Generation:
    """The data version as the integer ``web/void.py`` compares (-1 while unknown)."""

    def __init__(self, versions: DataVersion) -> None:
        self.versions = versions

    def __int__(self) -> int:
        """The current version, or -1 (never equal to a cached one for long)."""
        current = self.versions.current()
        return int(current) if current is not None else -1


def base_iri() -> str:
    """The configured base IRI of minted resources, with one trailing slash."""
    return str(current_app.config["BASE"])


#: CORS headers of every response: the data is public and read-only without the update token.
CORS_HEADERS = (
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, DELETE, OPTIONS"),
    ("Access-Control-Allow-Headers", "Accept, Content-Type, Authorization"),
    ("Access-Control-Expose-Headers", "Link, Vary, Location, Retry-After, Geokg-Results-Truncated"),
)


def _common_headers(response: Response) -> Response:
    """CORS for the public read-only data, and Vary because most routes negotiate."""
    for name, value in CORS_HEADERS:
        response.headers[name] = value
    response.vary.add("Accept")
    return response
