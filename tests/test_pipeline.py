"""The ingest chain: a graph that fails the shapes is not stored; the batch goes on."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import geokg.extract
from geokg import pipeline
from geokg.model import Article, Event, Extraction, Span
from geokg.store import Store

from .conftest import SEED

BASE = "http://127.0.0.1:8000/"


def _broken(article: Article) -> Extraction:
    """One event that breaks a shape (no participant), for a real article."""
    start = article.body_start
    evidence = Span(start, start + 10, article.text[start : start + 10])
    bad = Event("CONSULT", "visit", (), (), None, None, "asserted", evidence)
    return Extraction((), (bad,), "test/broken")


def test_failing_graph_is_not_stored_and_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other.txt"
    other.write_text("Another headline\n\nA body about Armenia.\n\n15 Jan 2026\n", encoding="utf-8")
    calls: list[str] = []
    real = geokg.extract.extract_article

    def extract(article: Article) -> Extraction:
        calls.append(Path(article.source).name)
        if Path(article.source).name == SEED.name:
            return _broken(article)
        return dataclasses.replace(real(article), events=())

    monkeypatch.setattr(geokg.extract, "extract_article", extract)
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


def test_one_bad_article_among_good_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = [f"a{n}.txt" for n in range(5)]
    for n, name in enumerate(names):
        (tmp_path / name).write_text(
            f"Talks number {n}\n\nArmenia and France held talks in Paris.\n\n{n + 1} Feb 2026\n",
            encoding="utf-8")
    real = geokg.extract.extract_article

    def extract(article: Article) -> Extraction:
        return _broken(article) if Path(article.source).name == "a2.txt" else real(article)

    monkeypatch.setattr(geokg.extract, "extract_article", extract)
    store = Store()
    seen: list[str] = []
    outcomes = pipeline.ingest_paths([tmp_path], store, base=BASE,
                                     on_outcome=lambda o: seen.append(o.status))
    assert [o.status for o in outcomes] == ["stored", "stored", "invalid", "stored", "stored"]
    assert seen == [o.status for o in outcomes]
    assert [Path(o.source).name for o in outcomes] == names
    assert "actor" in outcomes[2].message.lower() or "target" in outcomes[2].message.lower()
    assert len(store.named_graphs()) == 4


def test_unchanged_article_is_not_extracted_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store()
    assert pipeline.ingest_paths([SEED], store, base=BASE)[0].status == "stored"

    def refuse(article: Article) -> Extraction:
        raise AssertionError("extracted again")

    monkeypatch.setattr(geokg.extract, "extract_article", refuse)
    assert pipeline.ingest_paths([SEED], store, base=BASE)[0].status == "unchanged"


def test_non_english_article_is_stored_and_reported_skipped(tmp_path: Path) -> None:
    path = tmp_path / "fr.jsonl"
    path.write_text(
        '{"headline": "Le président rencontre son homologue", "body": "Le président a '
        'rencontré son homologue à Paris pour des entretiens sur la sécurité.", '
        '"date": "2026-02-01", "language": "fr"}\n', encoding="utf-8")
    store = Store()
    outcome = pipeline.ingest_paths([path], store, base=BASE)[0]
    assert outcome.status == "skipped" and outcome.ok
    assert "language fr" in outcome.message
    assert len(store.named_graphs()) == 1
