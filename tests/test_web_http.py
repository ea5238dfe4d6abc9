"""The real server: gunicorn started through ``geokg.web.server.serve`` on 127.0.0.1, over HTTP."""

from __future__ import annotations

import gc
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from rdflib import Graph, URIRef
from rdflib.namespace import OWL

from geokg.store import Store

FIXTURE = Path(__file__).parent / "data" / "web" / "sample.trig"
SRC = Path(__file__).resolve().parent.parent / "src"
PASHINYAN = URIRef("http://127.0.0.1:8000/entity/Q7035479")
WD_PASHINYAN = URIRef("http://www.wikidata.org/entity/Q7035479")

pytestmark = pytest.mark.slow

_SERVER = """
import json, sys
from geokg.web.server import serve
serve(json.loads(sys.argv[1]), host="127.0.0.1", port=int(sys.argv[2]), threads=4)
"""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_up(
    url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 15.0
) -> None:
    """Poll ``url`` until the server answers, or fail with its log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"server exited with {proc.returncode}:\n{log.read_text()}")
        try:
            requests.get(url, timeout=1)
            return
        except requests.ConnectionError:
            time.sleep(0.1)
    pytest.fail("server did not start in time")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("server")
    path, log = tmp / "oxigraph", tmp / "server.log"
    store = Store(path)
    store.load(FIXTURE.read_bytes(), "application/trig")
    store.flush()
    del store
    gc.collect()  # closes the store: the server process must be its only writer
    port = free_port()
    config = {"STORE": str(path), "BASE": "http://127.0.0.1:8000/", "UPDATE_TOKEN": ""}
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    with log.open("wb") as out:  # a file, not a pipe: a full pipe would block the server
        proc = subprocess.Popen(
            [sys.executable, "-c", _SERVER, json.dumps(config), str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/", proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_sparql_select_as_json(server: str) -> None:
    query = "SELECT ?label WHERE { <entity/Q7035479> rdfs:label ?label }"
    response = requests.get(
        server + "/sparql",
        params={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=10,
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/sparql-results+json")
    bindings = response.json()["results"]["bindings"]
    assert [b["label"]["value"] for b in bindings] == ["Nikol Pashinyan"]


def test_sparql_post_form(server: str) -> None:
    response = requests.post(
        server + "/sparql", data={"query": "ASK { ?s owl:sameAs wd:Q159 }"}, timeout=10
    )
    assert response.status_code == 200
    assert response.json()["boolean"] is True


def test_entity_as_turtle(server: str) -> None:
    response = requests.get(
        server + "/entity/Q7035479", headers={"Accept": "text/turtle"}, timeout=10
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/turtle")
    assert "Accept" in response.headers["Vary"]
    graph = Graph().parse(data=response.text, format="turtle")
    assert (PASHINYAN, OWL.sameAs, WD_PASHINYAN) in graph


def test_entity_as_html(server: str) -> None:
    response = requests.get(
        server + "/entity/Q7035479", headers={"Accept": "text/html"}, timeout=10
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert "<h1>Nikol Pashinyan" in response.text
    assert 'href="/entity/Q7035479.ttl"' in response.text


def test_unknown_resource_is_404(server: str) -> None:
    assert requests.get(server + "/entity/Q1", timeout=10).status_code == 404


def test_a_new_connection_waits_for_its_request_on_the_poller() -> None:
    """A silent new connection (a browser's preconnect) takes no thread; a request hands it on."""
    import selectors
    from collections import deque
    from types import SimpleNamespace

    from geokg.web.server import KEEPALIVE_SECONDS, PollingThreadWorker

    worker = PollingThreadWorker.__new__(PollingThreadWorker)  # only what accept() touches
    worker.cfg = SimpleNamespace(keepalive=KEEPALIVE_SECONDS)
    worker.nr_conns = 0
    worker.pending_conns = deque()
    worker.poller = selectors.DefaultSelector()
    handed: list[object] = []
    worker.enqueue_req = handed.append  # gthread's hand-over to its thread pool
    with socket.create_server(("127.0.0.1", 0)) as listener:
        client = socket.create_connection(listener.getsockname())
        try:
            worker.accept(listener)
            assert worker.nr_conns == 1 and len(worker.pending_conns) == 1
            assert handed == [], "a connection with nothing to read went to a thread"
            assert worker.poller.select(timeout=0) == []
            client.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            (key, _events), = worker.poller.select(timeout=30)
            key.data(key.fileobj)  # what gthread's event loop calls for a readable socket
            assert len(handed) == 1 and handed[0].data_ready
            assert not worker.pending_conns
        finally:
            client.close()
            for conn in handed:
                conn.sock.close()
            worker.poller.close()
