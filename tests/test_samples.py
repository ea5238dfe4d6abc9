"""Every bundled sample article is read, extracted, conforms to the shapes and is stored."""

from __future__ import annotations

import json

from geokg import pipeline
from geokg.store import Store

from .conftest import SAMPLES


def test_samples_are_attributed() -> None:
    manifest = [json.loads(line) for line in (SAMPLES / "manifest.jsonl").open(encoding="utf-8")]
    files = {p.name for p in SAMPLES.glob("*.txt")}
    listed = {row["file"] for row in manifest}
    assert files - listed == {"pashinyan-visits-russia.txt"}  # the seed carries its own date
    assert len(files) >= 51
    for row in manifest:
        assert row["license"].startswith("CC BY"), row
        assert row["url"].startswith("http"), row


def test_all_samples_ingest_and_conform() -> None:
    store = Store()
    outcomes = pipeline.ingest_paths([SAMPLES], store, base="http://127.0.0.1:8000/")
    failed = [f"{o.source}: {o.status} {o.message}" for o in outcomes if o.status != "stored"]
    assert failed == []
    assert len(store.named_graphs()) == len(outcomes) >= 51
    events = store.select("SELECT (COUNT(?e) AS ?n) WHERE { ?e a geokg:Event }")
    linked = store.select("SELECT (COUNT(DISTINCT ?q) AS ?n) WHERE { ?e owl:sameAs ?q }")
    assert int(events[0]["n"]) > 50
    assert int(linked[0]["n"]) > 50
