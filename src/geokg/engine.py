"""Runs the Oxigraph server that answers queries while geokg serves writes: queries can be stopped.

pyoxigraph cannot cancel a running query (``Store.query`` takes no time limit), and an on-disk
store can be opened read-write by one process only. While ``geokg serve`` runs with an update
token (or ``--engine``), the store is therefore held by an Oxigraph server child process bound
to 127.0.0.1, which can be ended when a query runs past the limit. The web workers reach it with
``store.RemoteStore`` over loopback HTTP and can be several processes. (Without a token the
workers read the store in-process: ``web.watchdog``.)
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from .errors import StoreError
from .store import DataVersion, StoreLock


def oxigraph_binary() -> str:
    """The ``oxigraph`` command of geokg's environment (the PyPI package ``oxigraph``)."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.exists():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise StoreError("the 'oxigraph' command is missing: pip install oxigraph==0.5.13")
    return found


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _ready(url: str) -> bool:
    """Whether the server at ``url`` answers a trivial query."""
    try:
        with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2) as answer:  # noqa: S310 (loopback URL built here)
            return bool(answer.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _die_with_parent() -> None:
    """In the child: ask Linux to end it when geokg dies, even by SIGKILL (no orphaned lock)."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class Engine:
    """An ``oxigraph serve`` process on one store, restarted on the same port if it dies.

    The engine runs without Oxigraph's own ``--timeout-s``: in 0.5.13 that keeps a thread per
    query for the whole limit (thousands of threads under load, until the server crashes, and a
    3.5x lower query rate), and some query shapes (a join of joins under an aggregate) ignore it
    for minutes. Instead a web worker whose answer has not come within the limit ends the engine
    through the pid file (``kill_engine``) and answers 503; the supervisor starts a fresh engine
    on the same port, and the other queries in flight are sent again by ``RemoteStore``.
    """

    def __init__(self, store_path: Path, *, port: int | None = None) -> None:
        self.store_path = store_path
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.command = [
            oxigraph_binary(), "serve",
            "--location", str(store_path),
            "--bind", f"127.0.0.1:{self.port}",
            "--union-default-graph",
        ]
        self._dir = tempfile.TemporaryDirectory(prefix="geokg-engine-")
        self.pidfile = Path(self._dir.name) / "engine.pid"
        self._log = Path(self._dir.name) / "engine.log"
        self._process: subprocess.Popen[bytes] | None = None
        self._stopping = threading.Event()
        self._watcher: threading.Thread | None = None
        self._lock: StoreLock | None = None
        self.restarts = 0

    def start(self, start_within: float = 60.0) -> None:
        """Start the engine and wait until it answers; then watch it.

        Raises:
            StoreError: it did not start (store locked by another process, bad folder).
        """
        # the engine writes the store: no read-only server or other writer may have it open
        self._lock = StoreLock(self.store_path, shared=False)
        try:
            self._spawn(start_within)
        except StoreError:
            self._lock.close()
            raise
        # the engine holds the store now and no web worker runs yet: no write is in progress,
        # whatever a writer that died mid-write left in the data version file
        DataVersion(self.store_path).reset()
        self._watcher = threading.Thread(target=self._watch, name="geokg-engine", daemon=True)
        self._watcher.start()

    def _spawn(self, start_within: float) -> None:
        """Run the server process and wait for it to answer."""
        with self._log.open("wb") as log:
            process = subprocess.Popen(  # noqa: S603 (fixed command)
                self.command, stdout=log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent
            )
        self._process = process
        deadline = time.monotonic() + start_within
        while not _ready(self.url):
            if process.poll() is not None:
                why = self._log.read_text("utf-8", "replace").strip()[-500:]
                raise StoreError(
                    f"the query engine could not open {self.store_path} "
                    f"(is another geokg process using it?): {why}"
                )
            if time.monotonic() > deadline:
                process.kill()
                raise StoreError(f"the query engine did not start within {start_within:g} s")
            time.sleep(0.05)
        self.pidfile.write_text(str(process.pid))

    def _watch(self) -> None:
        """Restart the engine whenever it ends while geokg still serves."""
        while not self._stopping.is_set():
            process = self._process
            if process is None:
                return
            process.wait()
            if self._stopping.is_set():
                return
            self.restarts += 1
            try:
                self._spawn(60.0)
            except StoreError:
                time.sleep(1)  # the old process may still hold the store lock: try again

    def stop(self) -> None:
        """Stop watching and end the engine."""
        self._stopping.set()
        process = self._process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._lock is not None:
            self._lock.close()
        self._dir.cleanup()


def kill_engine(pidfile: str | Path) -> None:
    """End the engine named in ``pidfile`` at once (its supervisor starts a fresh one)."""
    try:
        pid = int(Path(pidfile).read_text())
        os.kill(pid, signal.SIGKILL)
    except (OSError, ValueError):
        pass  # already gone, or being restarted


@contextlib.contextmanager
def running_engine(
    store_path: Path, *, port: int | None = None
) -> Iterator[Engine]:
    """Run a supervised engine on ``store_path`` (127.0.0.1 only) while the block runs.

    Raises:
        StoreError: the server did not start (store locked by another process, bad folder).
    """
    engine = Engine(store_path, port=port)
    try:
        engine.start()
        yield engine
    finally:
        engine.stop()
