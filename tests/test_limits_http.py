"""The query time limit over real HTTP: a runaway query is stopped, answered 503, work ends."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from geokg.store import Store

from .conftest import running_server

# A join of every triple with every triple: hours of work on 20,000 triples.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _cpu_ticks(pid: int) -> int:
    """User plus system CPU time of a process, in clock ticks (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def _engine_pid(store: Path) -> int:
    """The pid of the Oxigraph server that holds ``store``."""
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmd = (proc / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if cmd and cmd[0].endswith(b"oxigraph") and str(store).encode() in cmd:
                return int(proc.name)
    raise AssertionError("no query engine process found")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """geokg serve over 20,000 triples with a one-second query time limit."""
    path = tmp_path_factory.mktemp("limits") / "store"
    store = Store(path)
    lines = "".join(
        f"<urn:s{n}> <urn:p{n % 7}> \"{n}\" <urn:g{n % 10}> .\n" for n in range(20000)
    )
    store.load(lines.encode(), "application/n-quads")
    store.flush()
    del store
    with running_server(path, env={"GEOKG_QUERY_TIMEOUT": "1", "GEOKG_MAX_RESULTS": "5"}) as url:
        yield url, path


def _busy(pid: int) -> bool:
    """Whether a process still exists and used more than a fifth of a core over a second."""
    try:
        before = _cpu_ticks(pid)
        time.sleep(1)
        return _cpu_ticks(pid) - before > 20  # clock ticks of 1/100 s
    except OSError:  # it has ended
        return False


def test_runaway_query_is_stopped_with_a_clear_503(server: tuple[str, Path]) -> None:
    url, path = server
    engine = _engine_pid(path)
    response = requests.post(f"{url}/sparql", data={"query": RUNAWAY}, timeout=60)
    assert response.status_code == 503
    assert "query_timeout" in response.text or "time limit" in response.text
    assert "Retry-After" in response.headers
    # the work really stops: the engine that ran it ends or goes idle within a few seconds
    deadline = time.monotonic() + 10
    while _busy(engine):
        assert time.monotonic() < deadline, "the runaway query is still running"
    # and the endpoint answers again (a fresh engine if the old one had to be ended)
    deadline = time.monotonic() + 30
    while True:
        quick = requests.get(f"{url}/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=10)
        if quick.status_code == 200 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert quick.status_code == 200 and quick.json()["boolean"] is True


def test_result_rows_are_capped_with_a_signal(server: tuple[str, Path]) -> None:
    url, _ = server
    response = requests.get(
        f"{url}/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o }"},
        headers={"Accept": "application/sparql-results+json"}, timeout=10,
    )
    assert response.status_code == 200
    assert response.headers.get("Geokg-Results-Truncated") == "5"
    assert len(response.json()["results"]["bindings"]) == 5
