"""The wheel carries the ontology, shapes, queries and the gazetteer, and finds them installed."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import ROOT


def test_wheel_carries_assets(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT, check=True, capture_output=True,
    )
    wheel = next(tmp_path.glob("geokg-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "geokg/_assets/ontology/geokg.ttl" in names
    assert any(n.startswith("geokg/_assets/shapes/") and n.endswith(".ttl") for n in names)
    assert any(n.startswith("geokg/_assets/queries/") and n.endswith(".rq") for n in names)
    assert "geokg/data/gazetteer.json.gz" in names
    assert "geokg/py.typed" in names
    assert not any(n.startswith(("geokg/tests", "tests/")) for n in names)
