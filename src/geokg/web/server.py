"""Runs the web app under gunicorn: worker processes with threads, in front of the store."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

# gunicorn ships no type information; its classes are used as documented, untyped.
from gunicorn.app.base import BaseApplication  # type: ignore[import-untyped]

from . import create_app


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


def serve(
    app_factory_config: Mapping[str, Any] | None = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    threads: int = 8,
) -> None:
    """Serve ``create_app(app_factory_config)`` with gunicorn until interrupted.

    With an embedded on-disk store (no ``ENGINE_URL`` in the config) the store can be opened
    read-write by one process only, so there must be one worker; its threads answer requests
    concurrently (pyoxigraph releases the GIL in queries). With ``ENGINE_URL`` the workers
    are stateless clients of the query engine and can be several.

    Raises:
        ValueError: several workers over an embedded store, or ``threads`` below 1.
    """
    engine = (app_factory_config or {}).get("ENGINE_URL")
    if workers != 1 and not engine:
        raise ValueError("the embedded store is opened by one process only: use workers=1")
    if workers < 1 or threads < 1:
        raise ValueError("workers and threads must be at least 1")
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
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
