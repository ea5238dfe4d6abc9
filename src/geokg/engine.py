"""Runs the Oxigraph server that answers queries while geokg serves, so a query can be stopped.

pyoxigraph cannot cancel a running query (``Store.query`` takes no time limit), and an on-disk
store can be opened read-write by one process only. While ``geokg serve`` runs, the store is
therefore held by an Oxigraph server child process bound to 127.0.0.1, started with
``--timeout-s``: it cancels a query that runs too long and keeps its core free. The web workers
reach it with ``store.RemoteStore`` over loopback HTTP and can be several processes.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from .errors import StoreError


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


@contextlib.contextmanager
def running_engine(
    store_path: Path, *, timeout: float, port: int | None = None, start_within: float = 60.0
) -> Iterator[str]:
    """Run ``oxigraph serve`` on ``store_path`` (127.0.0.1 only) and yield its base URL.

    Raises:
        StoreError: the server did not start (store locked by another process, bad folder).
    """
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    store_path.mkdir(parents=True, exist_ok=True)
    command = [
        oxigraph_binary(), "serve",
        "--location", str(store_path),
        "--bind", f"127.0.0.1:{port}",
        "--timeout-s", str(max(1, math.ceil(timeout))),
        "--union-default-graph",
    ]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(  # noqa: S603 (fixed command)
            command, stdout=log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent
        )
        try:
            deadline = time.monotonic() + start_within
            while not _ready(url):
                if process.poll() is not None:
                    log.seek(0)
                    why = log.read().decode("utf-8", "replace").strip()[-500:]
                    raise StoreError(
                        f"the query engine could not open {store_path} "
                        f"(is another geokg process using it?): {why}"
                    )
                if time.monotonic() > deadline:
                    raise StoreError(f"the query engine did not start within {start_within:g} s")
                time.sleep(0.05)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
