"""Start the servers under test on 127.0.0.1: ``geokg serve`` and, as the peer, ``oxigraph serve``.

Each server gets a fresh store folder and a free port; ``Endpoint`` says where its query, update
and Graph Store services are and which bearer token writes need.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: The update token given to the geokg server started by the tests.
TOKEN = "w3c-conformance-token"  # noqa: S105 - a throwaway token for a loopback test server
_BIN = Path(sys.executable).parent


@dataclass(frozen=True, slots=True)
class Endpoint:
    """A SPARQL service under test: base URL, the paths of its services, its update token."""

    url: str
    name: str = "geokg"
    query_path: str = "/sparql"
    update_path: str = "/sparql"
    store_path: str = "/store"
    token: str | None = None

    @classmethod
    def geokg(cls, url: str, token: str | None = TOKEN) -> Endpoint:
        """geokg: one ``/sparql`` for queries and updates, the Graph Store at ``/store``."""
        return cls(url.rstrip("/"), "geokg", "/sparql", "/sparql", "/store", token)

    @classmethod
    def oxigraph(cls, url: str) -> Endpoint:
        """Oxigraph server: ``/query``, ``/update`` and ``/store``, no authentication."""
        return cls(url.rstrip("/"), "oxigraph", "/query", "/update", "/store", None)

    @property
    def query_url(self) -> str:
        """The absolute URL of the query service (what ``sd:endpoint`` must name)."""
        return self.url + self.query_path

    def auth_headers(self) -> dict[str, str]:
        """The Authorization header writes need (empty when the service has no token)."""
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(proc: subprocess.Popen[bytes], port: int, log: Path, what: str) -> None:
    """Return once ``port`` accepts connections; raise with the server's log if it died."""
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited {proc.returncode}:\n{log.read_text()[-4000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not start in 60 s") from None
            time.sleep(0.1)


@contextlib.contextmanager
def _serve(cmd: list[str], port: int, workdir: Path, what: str,
           env: dict[str, str] | None = None) -> Iterator[str]:
    """Run ``cmd`` (a server listening on ``port``), yield its URL, stop it afterwards."""
    log = workdir / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=workdir)
    try:
        _wait_for(proc, port, log, what)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _geokg_command() -> str:
    """The ``geokg`` command of the environment running the tests."""
    found = _BIN / "geokg"
    return str(found) if found.exists() else shutil.which("geokg") or "geokg"


@contextlib.contextmanager
def geokg_server(token: str = TOKEN) -> Iterator[Endpoint]:
    """``geokg serve`` over a fresh store, SPARQL Update enabled with ``token``.

    The base IRI is the server's own URL, as in a real deployment, so that the service
    description names the endpoint actually answering.
    """
    with tempfile.TemporaryDirectory(prefix="geokg-w3c-") as tmp:
        workdir, port = Path(tmp), free_port()
        store = workdir / "store"
        url = f"http://127.0.0.1:{port}"
        env = dict(os.environ, GEOKG_UPDATE_TOKEN=token, GEOKG_STORE=str(store),
                   GEOKG_BASE=url + "/")
        cmd = [_geokg_command(), "serve", "--store", str(store), "--port", str(port),
               "--base", url + "/"]
        with _serve(cmd, port, workdir, "geokg serve", env) as served:
            yield Endpoint.geokg(served, token)


def oxigraph_command() -> str | None:
    """The ``oxigraph`` server command, if installed."""
    found = _BIN / "oxigraph"
    return str(found) if found.exists() else shutil.which("oxigraph")


@contextlib.contextmanager
def oxigraph_server() -> Iterator[Endpoint]:
    """``oxigraph serve`` over a fresh in-memory store (read-write, no union default graph).

    In memory because each test rewrites the store and the on-disk store syncs every write.
    """
    command = oxigraph_command()
    if command is None:
        raise RuntimeError("the oxigraph server command is not installed")
    with tempfile.TemporaryDirectory(prefix="oxigraph-w3c-") as tmp:
        workdir, port = Path(tmp), free_port()
        cmd = [command, "serve", "--bind", f"127.0.0.1:{port}"]
        with _serve(cmd, port, workdir, "oxigraph serve") as served:
            yield Endpoint.oxigraph(served)
