"""The query time limit over real HTTP: a runaway query is stopped, answered 503, work ends.

Both serving modes: in-process read-only (the default without an update token: the watchdog
ends the worker that ran the query) and the Oxigraph engine (``--engine``: the engine is ended).
"""

from __future__ import annotations

import threading
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


def _server_pids(store: Path) -> list[int]:
    """The processes serving ``store``: geokg serve, its gunicorn workers, its engine if any."""
    pids = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmd = (proc / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if str(store).encode() in cmd and (b"serve" in cmd or cmd[0].endswith(b"oxigraph")):
                pids.append(int(proc.name))
    assert pids, "no serving process found"
    return pids


@pytest.fixture(scope="module", params=["read-only", "engine"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    """geokg serve over 20,000 triples with a one-second query time limit, in each mode."""
    path = tmp_path_factory.mktemp("limits") / "store"
    store = Store(path)
    lines = "".join(
        f"<urn:s{n}> <urn:p{n % 7}> \"{n}\" <urn:g{n % 10}> .\n" for n in range(20000)
    )
    store.load(lines.encode(), "application/n-quads")
    store.flush()
    del store
    extra = ("--engine",) if request.param == "engine" else ("--workers", "2")
    env = {"GEOKG_QUERY_TIMEOUT": "1", "GEOKG_MAX_RESULTS": "5", "GEOKG_UPDATE_TOKEN": ""}
    with running_server(path, *extra, env=env) as url:
        yield url, path


def _ticks(pids: list[int]) -> dict[int, int]:
    """CPU clock ticks of each process of ``pids`` still running."""
    ticks = {}
    for pid in pids:
        try:
            ticks[pid] = _cpu_ticks(pid)
        except OSError:  # it has ended
            continue
    return ticks


def _busy(pids: list[int]) -> bool:
    """Whether those processes still running used more than a fifth of a core over a second."""
    before = _ticks(pids)
    time.sleep(1)
    after = _ticks(pids)
    return sum(after[pid] - before[pid] for pid in after if pid in before) > 20  # 1/100 s ticks


def test_runaway_query_is_stopped_with_a_clear_503(server: tuple[str, Path]) -> None:
    url, path = server
    serving = _server_pids(path)
    response = requests.post(f"{url}/sparql", data={"query": RUNAWAY}, timeout=60)
    assert response.status_code == 503
    assert "query_timeout" in response.text or "time limit" in response.text
    assert "Retry-After" in response.headers
    # the work really stops: the process that ran it (engine or worker) ends or goes idle
    deadline = time.monotonic() + 10
    while _busy(serving):
        assert time.monotonic() < deadline, "the runaway query is still running"
    # and the endpoint answers again (a fresh engine or worker if the old one had to be ended)
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


def test_timeout_answer_follows_accept(server: tuple[str, Path]) -> None:
    url, _ = server
    response = requests.post(
        f"{url}/sparql", data={"query": RUNAWAY}, headers={"Accept": "application/json"},
        timeout=60,
    )
    assert response.status_code == 503
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.json()["status"] == 503
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_other_requests_get_whole_answers_or_none(server: tuple[str, Path]) -> None:
    url, _ = server
    outcomes: list[str] = []
    done = threading.Event()

    def lookups() -> None:
        with requests.Session() as session:
            while not done.is_set():
                try:
                    quick = session.get(f"{url}/sparql", params={"query": "ASK { ?s ?p ?o }"},
                                        headers={"Accept": "application/sparql-results+json"},
                                        timeout=10)
                except requests.RequestException:
                    outcomes.append("no answer")  # a closed connection, never half an answer
                    continue
                try:  # a 200 must carry the whole answer
                    whole = quick.status_code != 200 or quick.json()["boolean"] is True
                except ValueError:
                    whole = False
                outcomes.append(str(quick.status_code) if whole else f"cut: {quick.text!r}")

    workers = [threading.Thread(target=lookups) for _ in range(3)]
    for worker in workers:
        worker.start()
    try:
        # the lookups are answered before the runaway starts (on a busy machine the threads
        # may not have sent a thing yet), so "200" below says something about the server
        deadline = time.monotonic() + 60
        while "200" not in outcomes and time.monotonic() < deadline:
            time.sleep(0.05)
        runaway = requests.post(f"{url}/sparql", data={"query": RUNAWAY}, timeout=60)
    finally:
        done.set()
        for worker in workers:
            worker.join(timeout=30)
    assert runaway.status_code == 503
    assert "200" in outcomes
    assert set(outcomes) <= {"200", "503", "no answer"}
