"""Runs the web app under gunicorn: worker processes with threads, in front of the store."""

from __future__ import annotations

import errno
import selectors
import socket
import time
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

# gunicorn ships no type information; its classes are used as documented, untyped.
from gunicorn.app.base import BaseApplication  # type: ignore[import-untyped]
from gunicorn.workers.gthread import TConn, ThreadWorker  # type: ignore[import-untyped]

from . import create_app

#: Seconds an idle connection stays open: long enough for a page's follow-up requests.
KEEPALIVE_SECONDS = 5


class _GeokgApplication(BaseApplication):  # type: ignore[misc]  # untyped base class
    """A gunicorn application that builds the Flask app in the worker, after the fork."""

    def __init__(self, app_config: Mapping[str, Any] | None, options: Mapping[str, Any]) -> None:
        self.app_config = app_config
        self.options = dict(options)
        super().__init__()

    def load_config(self) -> None:
        """Apply our options (bind, workers, threads...) to gunicorn's settings."""
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Callable[..., Any]:
        """Create the app; in the worker process, so the store is opened there only."""
        return create_app(self.app_config)


class PollingThreadWorker(ThreadWorker):  # type: ignore[misc]  # untyped base class
    """gunicorn's gthread worker, except that a new connection waits for its request on the poller.

    gthread hands each accepted connection straight to a thread, which then waits up to 5 s for
    the request to arrive. Browsers open spare connections ahead of need ("preconnect") and
    may send nothing on them: with one thread per worker (read-only serving under the query
    watchdog) every request queued on that worker stalled for 5 s behind such a connection.
    Here a new connection joins gthread's own list of connections waiting for data, and only a
    connection with a request to read takes a thread; one that sends nothing within the
    keep-alive time is closed, as gthread closes idle kept-alive connections.
    """

    def accept(self, listener: socket.socket) -> None:
        """Accept a connection and let the poller hand it to a thread once it is readable."""
        try:
            client, address = listener.accept()
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                return
            raise
        self.nr_conns += 1
        client.setblocking(False)
        conn = TConn(self.cfg, client, address, listener.getsockname())
        conn.timeout = time.monotonic() + self.cfg.keepalive
        self.pending_conns.append(conn)
        self.poller.register(client, selectors.EVENT_READ,
                             partial(self.on_pending_socket_readable, conn))


def serve(
    app_factory_config: Mapping[str, Any] | None = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    threads: int = 8,
) -> None:
    """Serve ``create_app(app_factory_config)`` with gunicorn until interrupted.

    Three ways, by the config: with ``ENGINE_URL`` the workers are stateless clients of the
    query engine and can be several; with ``READ_ONLY`` each worker opens the store read-only
    and answers in-process, one request thread per worker (with ``QUERY_WATCHDOG`` a query past
    the limit ends its worker, which must not cut another thread's answer); otherwise the
    store is opened read-write, by one process only, so there must be one worker, whose
    threads answer concurrently (pyoxigraph releases the GIL in queries).

    Raises:
        ValueError: several workers over a read-write store, several threads under the
            watchdog, or ``workers``/``threads`` below 1.
    """
    app_config = app_factory_config or {}
    if workers != 1 and not (app_config.get("ENGINE_URL") or app_config.get("READ_ONLY")):
        raise ValueError("the embedded store is opened by one process only: use workers=1")
    if threads != 1 and app_config.get("QUERY_WATCHDOG"):
        raise ValueError(
            "in-process serving runs one thread per worker (a query past the time limit ends "
            "its worker): use more workers, not threads"
        )
    if workers < 1 or threads < 1:
        raise ValueError("workers and threads must be at least 1")
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": PollingThreadWorker,
        # how long an idle connection (new, or kept alive between requests) is held open
        "keepalive": KEEPALIVE_SECONDS,
        "preload_app": False,
        "accesslog": "-",
        "errorlog": "-",
        "graceful_timeout": 5,
        # a worker busy with a long query still beats its heartbeat from its main thread
        "timeout": 120,
        # long GET queries reach the app, which answers 414 past max_body in its error shape
        "limit_request_line": 0,
        # gunicorn 27's control socket is one path per user ($HOME/.gunicorn/gunicorn.ctl):
        # two servers on a machine would take it from each other; geokg does not use it
        "control_socket_disable": True,
    }
    _GeokgApplication(app_factory_config, options).run()
