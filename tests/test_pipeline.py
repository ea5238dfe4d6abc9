"""The ingest chain: a graph that fails the shapes is not stored; the batch goes on.

Serial (in this process) and parallel (``jobs=2``, worker processes) ingest store the same
quads and report the same outcomes in input order.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.compare import to_canonical_graph
from rdflib.namespace import PROV

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


# -- parallel ingest (worker processes; spaCy loads once per worker, so batches stay small) ----


def _canonical_quads(store: Store) -> list[str]:
    """Every quad as N-Quads, blank nodes canonically relabelled and build times blanked.

    The store mints fresh blank-node labels on every write and each graph records the second it
    was built (prov:endedAtTime): two serial runs differ in those two things only.
    """
    graphs: dict[str, Graph] = {}
    times = 0
    for s, p, o, g in store.quads():
        if p == PROV.endedAtTime:
            o, times = Literal("build time"), times + 1
        graphs.setdefault(str(g), Graph()).add((s, p, o))
    assert times == len(store.named_graphs())  # one build time per article graph, no more
    return sorted(
        f"{s.n3()} {p.n3()} {o.n3()} <{name}> ."
        for name, graph in graphs.items()
        for s, p, o in to_canonical_graph(graph)
    )


def _talks(folder: Path, n: int, country: str) -> Path:
    """A tiny article file: talks number ``n`` with ``country``."""
    path = folder / f"a{n}.txt"
    path.write_text(f"Talks number {n}\n\nArmenia and {country} held talks in Yerevan on "
                    f"trade.\n\n{n + 1} Feb 2026\n", encoding="utf-8")
    return path


def test_parallel_ingest_stores_exactly_what_serial_ingest_does(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    for n, country in enumerate(["France", "Georgia", "Iran"]):
        _talks(batch, n, country)
    # the same article again, later in the batch: unchanged once the first is stored
    (batch / "a9.txt").write_text((batch / "a0.txt").read_text(encoding="utf-8"),
                                  encoding="utf-8")
    (batch / "b.jsonl").write_text(
        '{"headline": "Summit in Moscow", "body": "Russia hosted a summit with Kazakhstan.", '
        '"date": "2026-02-09"}\n{"headline": "no body"}\n'
        '{"headline": "Entretiens à Paris", "body": "La France et l\'Arménie ont discuté.", '
        '"date": "2026-02-10", "language": "fr"}\n', encoding="utf-8")
    (batch / "c.txt").write_text("Headline only\n", encoding="utf-8")
    serial, parallel = Store(), Store()
    expected = pipeline.ingest_paths([batch], serial, base=BASE)
    seen: list[pipeline.Outcome] = []
    outcomes = pipeline.ingest_paths([batch], parallel, base=BASE, jobs=2, on_outcome=seen.append)
    assert outcomes == expected and seen == expected  # same kinds, messages, input order
    assert [o.status for o in outcomes] == [
        "stored", "stored", "stored", "unchanged", "stored", "failed", "skipped", "failed"]
    assert outcomes[3].article == outcomes[0].article
    assert f"{batch / 'b.jsonl'}:2: missing field(s)" in outcomes[5].message
    assert outcomes[6].message == "extraction skipped: language fr"
    assert len(parallel.named_graphs()) == 5
    assert _canonical_quads(parallel) == _canonical_quads(serial)
    again = pipeline.ingest_paths([batch], parallel, base=BASE, jobs=2)
    assert [o.status for o in again] == ["unchanged"] * 5 + ["failed", "unchanged", "failed"]


def _failing_in_worker(article: Article) -> Extraction:
    """geokg's extraction, except: a1 breaks a shape, a2 raises, a3 ends its worker process."""
    name = Path(article.source).name
    if name == "a1.txt":
        return _broken(article)
    if name == "a2.txt":
        raise RuntimeError("extractor bug")
    if name == "a3.txt":
        # never the test process itself: only a worker may be ended
        assert multiprocessing.parent_process() is not None
        os._exit(3)
    return geokg.extract.extract_article(article)


def test_parallel_failures_stay_with_their_article(tmp_path: Path) -> None:
    paths = [_talks(tmp_path, n, "France") for n in range(6)]
    store = Store()
    outcomes = pipeline.ingest_paths([tmp_path], store, base=BASE, jobs=2,
                                     extract=_failing_in_worker)
    assert [Path(o.source) for o in outcomes] == paths
    assert [o.status for o in outcomes] == [
        "stored", "invalid", "failed", "failed", "stored", "stored"]
    assert "actor" in outcomes[1].message.lower() or "target" in outcomes[1].message.lower()
    assert outcomes[2].message == f"{paths[2]}: internal error: RuntimeError('extractor bug')"
    assert outcomes[3].message.startswith(f"{paths[3]}: internal error: the worker process")
    stored = {o.article for o in outcomes if o.status == "stored"}
    assert len(stored) == 3
    assert {g.replace("/graph/", "/article/") for g in store.named_graphs()} == stored


def _note_parent(article: Article) -> Extraction:
    """geokg's extraction, noting beside the article which process the worker's OS parent is."""
    path = Path(article.source)
    path.with_suffix(".parent").write_text(str(os.getppid()), encoding="utf-8")
    return geokg.extract.extract_article(article)


@pytest.mark.skipif("forkserver" not in multiprocessing.get_all_start_methods(),
                    reason="no fork server on this platform: workers are spawned")
def test_workers_come_from_the_fork_server_not_this_process(tmp_path: Path) -> None:
    paths = [_talks(tmp_path, n, "France") for n in range(3)]
    store = Store()
    outcomes = pipeline.ingest_paths([tmp_path], store, base=BASE, jobs=2, extract=_note_parent)
    assert [o.status for o in outcomes] == ["stored"] * 3
    parents = {int(p.with_suffix(".parent").read_text(encoding="utf-8")) for p in paths}
    # forked by the fork server (one process for every worker), never by the process that
    # holds the store, and not spawned by it either (that would pay the imports per worker)
    assert len(parents) == 1 and os.getpid() not in parents


def test_the_fork_server_imports_every_model_package_extraction_tries() -> None:
    from geokg.extract.nlp import MODEL_NAMES

    assert set(MODEL_NAMES) <= set(pipeline._WORKER_PRELOAD)
