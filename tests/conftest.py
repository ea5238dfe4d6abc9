"""Shared fixtures: paths to test data and a fresh in-memory store per test."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from geokg.store import Store

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
SEED = DATA / "seed.txt"
SAMPLES = ROOT / "samples" / "articles"
# the geokg command of the environment running the tests
GEOKG = Path(sys.executable).parent / "geokg"
if not GEOKG.exists():  # pragma: no cover - tests run from an installed environment
    GEOKG = Path(shutil.which("geokg") or "geokg")


@pytest.fixture
def store() -> Iterator[Store]:
    """A fresh in-memory store."""
    yield Store()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed article (scraped layout)."""
    return SEED


def run_geokg(*args: str, check: int | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed ``geokg`` command; assert its exit code when ``check`` is given."""
    result = subprocess.run(
        [str(GEOKG), *args], capture_output=True, text=True, timeout=600, check=False
    )
    if check is not None:
        assert result.returncode == check, f"exit {result.returncode}\n{result.stderr}"
    return result


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store on disk holding the seed article, ingested by the real command."""
    path = tmp_path_factory.mktemp("seed") / "store"
    run_geokg("ingest", "--store", str(path), str(SEED), check=0)
    return path


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def running_server(
    store_path: Path, *extra: str, env: dict[str, str] | None = None
) -> Iterator[str]:
    """Run ``geokg serve`` on 127.0.0.1 and yield its base URL; stop it afterwards.

    ``env`` adds environment variables (settings such as GEOKG_QUERY_TIMEOUT) to the server's.
    """
    port = free_port()
    # the server's log goes to a file: a pipe nobody reads would fill up and stall the server
    log_path = store_path.parent / f"serve-{port}.log"
    log = log_path.open("w")
    proc = subprocess.Popen(
        [str(GEOKG), "serve", "--store", str(store_path), "--port", str(port), *extra],
        stdout=log, stderr=subprocess.STDOUT, text=True, env={**os.environ, **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                out = log_path.read_text()
                raise RuntimeError(f"geokg serve exited {proc.returncode}:\n{out}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("geokg serve did not start in 60 s") from None
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
