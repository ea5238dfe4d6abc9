"""Serves geokg's web app exactly as ``geokg serve`` does, plus a bare route, for the benchmark.

``geokg.web.server.serve`` builds its gunicorn application through the name
``_GeokgApplication``; this script swaps that name for a subclass whose ``load()`` calls
``geokg.web.create_app(config)`` and then registers ``/_bench/bare``, a route of the same
Flask app that answers a fixed SPARQL JSON body without touching the store. Both routes are
therefore served by the same processes, worker class, workers, threads and gunicorn options
(the product's own, not a copy), in the serving mode ``geokg serve`` picks: with ``--read-only``
(its default without an update token) each worker opens the store read-only under the query
watchdog while this process holds the store's shared lock (``geokg.store.served_read_only``);
otherwise with ``ENGINE_URL`` pointing to an ``oxigraph serve`` on the store started by
``geokg.engine.running_engine``. The bare route is never added to the product.

    python bench/bare_app.py --store DIR --port 8765 --read-only --workers 4 --threads 1 \
        --body lookup.json [--no-accesslog]
    python bench/bare_app.py --store DIR --port 8765 --workers 2 --threads 4 \
        --body lookup.json --engine-url-file engine.url [--no-accesslog]

With ``--engine-url URL --engine-pidfile FILE`` it starts no engine and serves through the one
another bare_app started (written to its ``--engine-url-file``: URL, then pid file), so two
apps with different settings (``GEOKG_ANSWER_CACHE`` on and off) share one engine and can be
measured in interleaved rounds.
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from flask import Response

from geokg import config, iri
from geokg.engine import _ready, free_port, oxigraph_binary, running_engine
from geokg.store import served_read_only
from geokg.web import create_app, server

BARE_ROUTE = "/_bench/bare"


class BenchApplication(server._GeokgApplication):
    """geokg's gunicorn application with one extra route on the app it loads."""

    def __init__(
        self,
        app_config: Mapping[str, Any] | None,
        options: Mapping[str, Any],
        *,
        body: bytes,
        accesslog: bool,
    ) -> None:
        self.bare_body = body
        self.keep_accesslog = accesslog
        super().__init__(app_config, options)

    def load_config(self) -> None:
        """The product's options; the access log can be switched off to measure its cost."""
        super().load_config()
        if not self.keep_accesslog:
            self.cfg.set("accesslog", None)

    def load(self) -> Callable[..., Any]:
        """``create_app(config)``, then the bare route on the same app."""
        app = create_app(self.app_config)
        body = self.bare_body

        def bare() -> Response:
            return Response(body, content_type="application/sparql-results+json; charset=utf-8")

        app.add_url_rule(BARE_ROUTE, "bench_bare", bare)
        return app


@contextlib.contextmanager
def engine_without_timeout(store: Path) -> Iterator[str]:
    """``oxigraph serve`` as ``running_engine`` starts it, minus ``--timeout-s``."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [oxigraph_binary(), "serve", "--location", str(store),
               "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    process = subprocess.Popen(command)
    try:
        deadline = time.monotonic() + 60
        while not _ready(url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the engine did not start")
            time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def main() -> None:
    """Command line: store, port, workers, threads, the bare body and where to note the engine."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--body", type=Path, required=True, help="file with the bare answer")
    parser.add_argument("--engine-url-file", type=Path, help="write the engine's URL there")
    parser.add_argument("--no-accesslog", action="store_true")
    parser.add_argument("--engine-without-timeout", action="store_true",
                        help="run the engine without --timeout-s (a what-if, not the product)")
    parser.add_argument("--read-only", action="store_true",
                        help="serve as geokg serve does without an update token: in-process, "
                             "read-only, one thread per worker, the query watchdog")
    parser.add_argument("--engine-url", help="serve through this running engine, start none")
    parser.add_argument("--engine-pidfile", help="the pid file of that engine")
    args = parser.parse_args()
    body = args.body.read_bytes()

    def factory(app_config: Mapping[str, Any] | None, options: Mapping[str, Any]) -> Any:
        return BenchApplication(app_config, options, body=body, accesslog=not args.no_accesslog)

    # serve() instantiates its application through this module attribute
    server._GeokgApplication = factory  # type: ignore[misc,assignment]
    base = iri.normalize_base(str(config.get("base")))
    if args.read_only:
        # as cli.serve does without an update token
        with served_read_only(args.store):
            if args.engine_url_file:
                args.engine_url_file.write_text("\n\n", encoding="utf-8")
            server.serve(
                {"STORE": str(args.store), "BASE": base, "READ_ONLY": True,
                 "QUERY_WATCHDOG": True},
                host="127.0.0.1", port=args.port, workers=args.workers, threads=args.threads,
            )
        return
    # as cli.serve starts it (the engine reads the query_timeout setting itself)
    engine: contextlib.AbstractContextManager[Any] = (
        contextlib.nullcontext(args.engine_url) if args.engine_url
        else engine_without_timeout(args.store) if args.engine_without_timeout
        else running_engine(args.store)
    )
    with engine as running:
        # as cli.serve does: the engine's URL and, for a supervised engine, its pid file
        url = str(getattr(running, "url", running))
        pidfile = args.engine_pidfile or getattr(running, "pidfile", None)
        if args.engine_url_file:
            args.engine_url_file.write_text(f"{url}\n{pidfile or ''}\n", encoding="utf-8")
        app_config = {
            "STORE": str(args.store),
            "BASE": base,
            "ENGINE_URL": url,
        }
        if pidfile is not None:
            app_config["ENGINE_PIDFILE"] = str(pidfile)
        server.serve(
            app_config, host="127.0.0.1", port=args.port, workers=args.workers,
            threads=args.threads,
        )


if __name__ == "__main__":
    main()
