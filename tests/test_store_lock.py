"""geokg.lock: read-only serving keeps writers out, a writer keeps read-only serving out."""

from __future__ import annotations

from pathlib import Path

import pytest

from geokg.errors import StoreError
from geokg.store import SERVED_READ_ONLY, DataVersion, Store, StoreLock, served_read_only


def test_a_writer_is_refused_while_the_store_is_served(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with served_read_only(path):  # a new folder gets an empty store first
        with pytest.raises(StoreError) as refused:
            Store(path)
        assert refused.value.message == SERVED_READ_ONLY
        assert len(Store(path, read_only=True)) == 0
        StoreLock(path, shared=True).close()  # several read-only servers may share it
    Store(path).load(b"<urn:s> <urn:p> <urn:o> <urn:g> .\n", "application/n-quads")


def test_serving_is_refused_while_a_writer_has_the_store(tmp_path: Path) -> None:
    path = tmp_path / "store"
    writer = Store(path)
    with pytest.raises(StoreError, match="open for writing by another geokg process"):
        StoreLock(path, shared=True)
    with pytest.raises(StoreError, match="open for writing by another geokg process"):
        StoreLock(path, shared=False)
    del writer
    StoreLock(path, shared=True).close()


def test_a_frozen_version_is_read_once(tmp_path: Path) -> None:
    frozen = DataVersion(tmp_path, frozen=True)
    live = DataVersion(tmp_path)
    before = frozen.current()
    with live.writing():
        pass
    assert live.current() != before
    assert frozen.current() == before
