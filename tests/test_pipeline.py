"""The ingest chain: a graph that fails the shapes is not stored; the batch goes on."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from geokg import pipeline
from geokg.model import Article, Event, Extraction, Span
from geokg.sources.text import load_article
from geokg.store import Store

from .conftest import SEED

BASE = "http://127.0.0.1:8000/"


def _fake_extract(path: Path, meta: dict[str, Any] | None = None) -> tuple[Article, Extraction]:
    """Read the article for real; give it one event that breaks a shape (no participant)."""
    article = load_article(path, meta)
    start = article.body_start
    evidence = Span(start, start + 10, article.text[start : start + 10])
    bad = Event("CONSULT", "visit", (), (), None, None, "asserted", evidence)
    return article, Extraction((), (bad,), "test/broken")


def test_failing_graph_is_not_stored_and_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other.txt"
    other.write_text("Another headline\n\nA body about Armenia.\n\n15 Jan 2026\n", encoding="utf-8")
    calls: list[str] = []
    real = pipeline.extract_file

    def extract(path: Path, meta: dict[str, Any] | None = None) -> tuple[Article, Extraction]:
        calls.append(path.name)
        if path.name == SEED.name:
            return _fake_extract(path, meta)
        article, extraction = real(path, meta)
        return article, dataclasses.replace(extraction, events=())

    monkeypatch.setattr(pipeline, "extract_file", extract)
    store = Store()
    outcomes = pipeline.ingest_paths([SEED, other], store, base=BASE)
    assert [o.status for o in outcomes] == ["invalid", "stored"]
    assert calls == [SEED.name, "other.txt"]
    bad = outcomes[0]
    assert bad.article and bad.article.startswith(BASE + "article/pashinyan-visits-russia")
    assert "actor" in bad.message.lower() or "target" in bad.message.lower()
    assert len(store.named_graphs()) == 1


def test_replacing_an_article_is_whole(tmp_path: Path) -> None:
    store = Store()
    path = tmp_path / "a.txt"
    path.write_text("Talks in Yerevan\n\nArmenia and France held talks.\n\n1 Feb 2026\n",
                    encoding="utf-8")
    first = pipeline.ingest_paths([path], store, base=BASE)
    assert first[0].status == "stored"
    size = len(store)
    path.write_text("Talks in Yerevan\n\nArmenia and Germany held talks.\n\n1 Feb 2026\n",
                    encoding="utf-8")
    second = pipeline.ingest_paths([path], store, base=BASE)
    assert second[0].status == "stored"
    assert first[0].article == second[0].article  # same headline and date: same IRI
    assert len(store.named_graphs()) == 1
    labels = {str(r["l"]) for r in store.select("SELECT ?l WHERE { ?e rdfs:label ?l }")}
    assert "France" not in labels and size > 0
