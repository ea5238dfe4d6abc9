"""The query time limit of read-only serving: a query past it ends its worker process.

pyoxigraph cannot cancel a query, but it releases the GIL while it evaluates and serialises,
so a thread of the same worker can watch the clock. When a query runs past the limit, the
watchdog writes a complete 503 response (geokg's error shape, ``Retry-After``,
``Connection: close``) to the socket of the request that ran it, then ends the process with
``os._exit``: the CPU work stops with it, and gunicorn's master starts a fresh worker. Read-only
serving runs one request thread per worker, so no other request is cut mid-answer; other
connections the worker held are closed without an answer (never a truncated 200). A query run
while the response is already being written (a streamed body) only ends the worker: the client
sees the answer cut short of its framing.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

#: What the watchdog writes: the whole HTTP response for a request's Accept header.
TimeoutAnswer = Callable[[str], bytes]
WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

#: Exit status of a worker ended by the watchdog: gunicorn logs it and starts another (not 3
#: or 4, which gunicorn's master takes for a worker that cannot boot, and stops serving).
EXIT_STATUS = 1


class Watchdog:
    """Tracks the deadline of each running query of this worker; ends the worker past one.

    A query notes its deadline in a dict (one store, no lock: the GIL makes it atomic) and a
    thread started in the worker looks at the deadlines every ``tick`` seconds. Waking that
    thread on every query (a condition variable) cost a lookup 0.2 ms of thread switching.
    """

    def __init__(self, limit: float, answer: TimeoutAnswer, *, tick: float = 0.1) -> None:
        self.limit = limit
        self.answer = answer
        self.tick = max(0.005, min(tick, limit / 4))
        self._deadlines: dict[int, float] = {}
        self._requests: dict[int, dict[str, Any]] = {}
        self._start = threading.Lock()
        self._thread: threading.Thread | None = None

    @contextlib.contextmanager
    def watch(self) -> Iterator[None]:
        """Bound the block (one query's evaluation) by the time limit."""
        ident = threading.get_ident()
        deadlines = self._deadlines
        if ident in deadlines:  # a query inside a query: the outer deadline holds
            yield
            return
        if self._thread is None:
            self._begin()
        deadlines[ident] = time.monotonic() + self.limit
        try:
            yield
        finally:
            del deadlines[ident]

    def _begin(self) -> None:
        """Start the watching thread, in the worker (after gunicorn's fork), once."""
        with self._start:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="geokg-watchdog",
                                                daemon=True)
                self._thread.start()

    def wsgi(self, app: WsgiApp) -> WsgiApp:
        """``app`` with each request noted while the app builds its response (before writing)."""
        requests = self._requests

        def noted(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
            ident = threading.get_ident()
            requests[ident] = environ
            try:
                return app(environ, start_response)
            finally:
                # from here on gunicorn writes the response: a 503 can no longer be sent
                del requests[ident]

        return noted

    def _run(self) -> None:
        """Look at the deadlines every tick; past one, answer that request 503 and end."""
        while True:
            time.sleep(self.tick)
            now = time.monotonic()
            for ident, due in list(self._deadlines.items()):
                if due <= now:
                    self._end(ident)

    def _end(self, ident: int) -> None:
        """Answer the late request (when nothing of its response was written yet) and exit."""
        environ = self._requests.get(ident)
        sock = environ.get("gunicorn.socket") if environ is not None else None
        # whatever goes wrong with the answer, the worker must still end
        with contextlib.suppress(Exception):
            if environ is not None and isinstance(sock, socket.socket):
                answer = self.answer(str(environ.get("HTTP_ACCEPT", "")))
                sock.settimeout(2)
                sock.sendall(answer)
                sock.shutdown(socket.SHUT_RDWR)
        note = (
            f"geokg: a query ran past the time limit of {self.limit:g} s; "
            f"ending worker {os.getpid()}\n"
        )
        with contextlib.suppress(OSError):
            os.write(2, note.encode())
        os._exit(EXIT_STATUS)
