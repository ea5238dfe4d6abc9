"""Measures ingest speed end to end against spaCy NER alone, on the same texts in the same run.

End to end is ``pipeline.ingest_paths`` into an in-memory store: read, parse, extract, build,
validate and store. The reference is the spaCy model's NER component alone over
the same article bodies, one call per article. Both are timed after a warm-up (model, gazetteer
and shapes loaded), in alternating rounds; the best round of each counts (the least disturbed
by other work on the machine). Both wall-clock and CPU time are reported: on a shared machine
the CPU-time ratio is the steadier one.

With ``--jobs N`` (default: the usable CPUs) each round also times ingest with N worker
processes, as ``geokg ingest --jobs N`` runs it (the workers start, and load spaCy, inside the
timed run), and spaCy's own parallel NER, ``nlp.pipe(n_process=N)`` over the same bodies; the
CPU time of a parallel run is this process's plus that of its ended worker processes. Printed:
ingest with N jobs against NER alone in one process and against ``nlp.pipe(n_process=N)``, and
the one-process figures.

    python bench/ingest.py /work/shared/corpus --limit 60 --rounds 3 --jobs 2
    python bench/ingest.py /work/shared/corpus --limit 200 --stages   # also time each stage
    python bench/ingest.py /work/shared/corpus --limit 60 --baseline-shapes OLD_SHAPES_DIR
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import math
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from geokg import pipeline
from geokg.extract import extract_article
from geokg.extract.nlp import load_nlp
from geokg.sources.text import load_article
from geokg.store import Store

BASE = "http://127.0.0.1:8000/"


def _corpus(folder: Path, limit: int | None) -> tuple[list[Path], list[str], int]:
    """The article files (first ``limit`` by name), their bodies and their word count."""
    manifest = pipeline.read_manifest(folder)
    files = sorted(folder.glob("*.txt"))[:limit]
    bodies = [load_article(f, manifest.get(f.name)).body for f in files]
    return files, bodies, sum(len(b.split()) for b in bodies)


def _cpu() -> float:
    """CPU seconds of this process and of its child processes that have ended."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _time_ner(bodies: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds for the NER component alone over every body."""
    nlp = load_nlp()
    ner = nlp.get_pipe("ner")
    start, cpu = time.perf_counter(), time.process_time()
    for body in bodies:
        ner(nlp.make_doc(body))
    return time.perf_counter() - start, time.process_time() - cpu


def _time_ner_pipe(bodies: list[str], jobs: int) -> tuple[float, float]:
    """Wall and CPU seconds (children included) for NER alone by ``nlp.pipe(n_process=jobs)``."""
    nlp = load_nlp()
    # several batches per process, or one process would get every text
    batch = max(1, math.ceil(len(bodies) / (4 * jobs)))
    start, cpu = time.perf_counter(), _cpu()
    with nlp.select_pipes(enable=["ner"]):
        for _ in nlp.pipe(bodies, n_process=jobs, batch_size=batch):
            pass
    wall = time.perf_counter() - start
    # spaCy ends its processes without waiting for them: reap them, or their CPU is not counted
    deadline = time.monotonic() + 10
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    return wall, _cpu() - cpu


def _time_ingest(
    files: list[Path], folder: Path, jobs: int = 1, extract: pipeline.Extractor | None = None
) -> tuple[float, float, dict[str, int]]:
    """Wall and CPU seconds (its workers included) for the whole chain into a fresh in-memory
    store with ``jobs`` processes, and the outcomes."""
    with tempfile.TemporaryDirectory() as tmp:
        # the files of this run only, with the folder's manifest (dates)
        work = Path(tmp)
        for f in files:
            (work / f.name).symlink_to(f.resolve())
        manifest = folder / pipeline.MANIFEST
        if manifest.is_file():
            (work / pipeline.MANIFEST).symlink_to(manifest.resolve())
        store = Store()
        start, cpu = time.perf_counter(), _cpu()
        outcomes = pipeline.ingest_paths([work], store, base=BASE, jobs=jobs, extract=extract)
        seconds, cpu_seconds = time.perf_counter() - start, _cpu() - cpu
    counts: dict[str, int] = {}
    for o in outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
    return seconds, cpu_seconds, counts


def _time_stages(files: list[Path], folder: Path, full_parse: bool) -> dict[str, float]:
    """CPU seconds per stage over the same files: read, NER + sentences, extract, build,
    validate, store."""
    from geokg import build
    from geokg.extract.nlp import parse_names
    from geokg.validate import validate_graph

    manifest = pipeline.read_manifest(folder)
    t: dict[str, float] = {}
    start = time.process_time()
    articles = [load_article(f, manifest.get(f.name)) for f in files]
    t["read"] = time.process_time() - start
    start = time.process_time()
    for a in articles:
        parse_names(a.body)
    t["ner+senter (part of extract)"] = time.process_time() - start
    start = time.process_time()
    extractions = [extract_article(a, full_parse=full_parse) for a in articles]
    t["extract"] = time.process_time() - start
    start = time.process_time()
    graphs = [build.build_graph(a, x, base=BASE) for a, x in zip(articles, extractions,
                                                                 strict=True)]
    t["build"] = time.process_time() - start
    start = time.process_time()
    for _, g in graphs:
        validate_graph(g)
    t["validate"] = time.process_time() - start
    store = Store()
    start = time.process_time()
    for name, g in graphs:
        store.replace_graph(name, g)
    t["store"] = time.process_time() - start
    return t


@contextlib.contextmanager
def _shapes_from(folder: Path) -> Iterator[None]:
    """Validate with the shapes of ``folder`` (every ``*.ttl``) inside the block."""
    import rdflib

    from geokg import validate

    graph = rdflib.Graph()
    for path in sorted(folder.glob("*.ttl")):
        graph.parse(path, format="turtle")
    kept = validate._shapes_graph
    validate._shapes_graph = lambda: graph  # type: ignore[assignment]
    try:
        yield
    finally:
        validate._shapes_graph = kept


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print words per second and the ratios to NER alone."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder of .txt articles (with manifest.jsonl)")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--rounds", type=int, default=2, help="alternating timing rounds")
    parser.add_argument("--jobs", type=int, default=pipeline.usable_cpus(),
                        help="also time ingest with this many worker processes against "
                             "nlp.pipe(n_process=JOBS) (default: the usable CPUs; 1: one "
                             "process only)")
    parser.add_argument("--full-parse", action="store_true",
                        help="parse every sentence (as before the selective parse)")
    parser.add_argument("--stages", action="store_true",
                        help="also time each stage on its own (read, extract, build, ...)")
    parser.add_argument("--baseline-shapes", type=Path, default=None,
                        help="also time the whole chain (in one process) validating with the "
                             "shapes of this folder (an older shapes/), in the same rounds")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    # a module-level function with its options bound: it reaches the worker processes too
    extract = functools.partial(extract_article, full_parse=True) if args.full_parse else None

    files, bodies, words = _corpus(args.corpus, args.limit)
    if not files:
        print(f"no .txt articles in {args.corpus}", file=sys.stderr)
        return 2
    jobs = max(1, args.jobs)
    # warm-up: model, gazetteer, lexicon, shapes
    _time_ner(bodies[:3])
    extract_article(load_article(files[0], pipeline.read_manifest(args.corpus).get(files[0].name)))
    _time_ingest(files[:2], args.corpus, extract=extract)

    runs: dict[str, tuple[list[float], list[float]]] = {}

    def timed(name: str, seconds: tuple[float, float]) -> None:
        """Note one round's wall and CPU seconds of a run."""
        walls, cpus = runs.setdefault(name, ([], []))
        walls.append(seconds[0])
        cpus.append(seconds[1])

    counts: dict[str, int] = {}
    parallel_counts: dict[str, int] = {}
    for _ in range(max(1, args.rounds)):
        timed("ner", _time_ner(bodies))
        if jobs > 1:
            timed("ner_pipe", _time_ner_pipe(bodies, jobs))
        wall, cpu, counts = _time_ingest(files, args.corpus, extract=extract)
        timed("ingest", (wall, cpu))
        if jobs > 1:
            wall, cpu, parallel_counts = _time_ingest(files, args.corpus, jobs, extract)
            timed("ingest_jobs", (wall, cpu))
        if args.baseline_shapes:
            with _shapes_from(args.baseline_shapes):
                wall, cpu, _ = _time_ingest(files, args.corpus, extract=extract)
            timed("baseline", (wall, cpu))

    def wps(name: str) -> tuple[float, float]:
        """Best-round wall and CPU words per second of a run."""
        walls, cpus = runs[name]
        return words / min(walls), words / min(cpus)

    ner_wps, ner_cpu_wps = wps("ner")
    ingest_wps, ingest_cpu_wps = wps("ingest")
    figures: dict[str, object] = {
        "articles": len(files), "words": words, "rounds": len(runs["ner"][0]),
        "jobs": jobs, "full_parse": args.full_parse,
        "ner_words_per_s": round(ner_wps), "ingest_words_per_s": round(ingest_wps),
        "ratio": round(ingest_wps / ner_wps, 3),
        "ner_cpu_words_per_s": round(ner_cpu_wps),
        "ingest_cpu_words_per_s": round(ingest_cpu_wps),
        "cpu_ratio": round(ingest_cpu_wps / ner_cpu_wps, 3), "outcomes": counts,
        "seconds": {name: [round(t, 2) for t in walls] for name, (walls, _) in runs.items()},
        "cpu_seconds": {name: [round(t, 2) for t in cpus] for name, (_, cpus) in runs.items()},
    }
    print(f"{len(files)} articles, {words} words, best of {len(runs['ner'][0])} rounds "
          f"(median wall in brackets)")
    print("                                    wall words/s   CPU words/s")

    def row(label: str, name: str) -> None:
        """Print one run's best wall and CPU words per second, and its median wall."""
        wall_wps, cpu_wps = wps(name)
        median = words / statistics.median(runs[name][0])
        print(f"{label:34s}: {wall_wps:8.0f} ({median:5.0f}) {cpu_wps:11.0f}")

    def ratio(label: str, name: str, reference: str) -> tuple[float, float]:
        """Print and return the wall and CPU ratio of a run to a reference run."""
        (w, c), (rw, rc) = wps(name), wps(reference)
        print(f"{label:34s}: {w / rw:8.3f}         {c / rc:11.3f}")
        return round(w / rw, 3), round(c / rc, 3)

    row("spaCy NER alone, 1 process", "ner")
    if jobs > 1:
        row(f"spaCy NER, nlp.pipe(n_process={jobs})", "ner_pipe")
    row(f"ingest --jobs 1 ({counts})", "ingest")
    if jobs > 1:
        row(f"ingest --jobs {jobs} ({parallel_counts})", "ingest_jobs")
    ratio("ingest --jobs 1 / NER 1 process", "ingest", "ner")
    if jobs > 1:
        ner_pipe_wps, ner_pipe_cpu_wps = wps("ner_pipe")
        jobs_wps, jobs_cpu_wps = wps("ingest_jobs")
        figures.update({
            "ner_pipe_words_per_s": round(ner_pipe_wps),
            "ner_pipe_cpu_words_per_s": round(ner_pipe_cpu_wps),
            "ingest_jobs_words_per_s": round(jobs_wps),
            "ingest_jobs_cpu_words_per_s": round(jobs_cpu_wps),
            "ingest_jobs_outcomes": parallel_counts,
        })
        figures["jobs_ratio_to_ner"] = ratio(f"ingest --jobs {jobs} / NER 1 process",
                                             "ingest_jobs", "ner")
        figures["jobs_ratio_to_ner_pipe"] = ratio(
            f"ingest --jobs {jobs} / nlp.pipe(n_process={jobs})", "ingest_jobs", "ner_pipe")
        figures["jobs_speed_up"] = ratio(f"ingest --jobs {jobs} / ingest --jobs 1",
                                         "ingest_jobs", "ingest")
    if args.baseline_shapes:
        base_wps, base_cpu_wps = wps("baseline")
        figures["baseline_shapes"] = str(args.baseline_shapes)
        figures["baseline_ratio"] = round(base_wps / ner_wps, 3)
        figures["baseline_cpu_ratio"] = round(base_cpu_wps / ner_cpu_wps, 3)
        print(f"  with {args.baseline_shapes}: {base_wps:8.0f} {base_cpu_wps:13.0f}  "
              f"ratio {base_wps / ner_wps:.3f} / {base_cpu_wps / ner_cpu_wps:.3f} (wall / CPU)")
    if args.stages:
        stages = _time_stages(files, args.corpus, args.full_parse)
        figures["stages_seconds"] = {k: round(v, 2) for k, v in stages.items()}
        figures["ner_seconds_best"] = round(min(runs["ner"][0]), 2)
        for name, seconds in stages.items():
            print(f"  {name:32s} {seconds:7.2f} s CPU ({words / seconds:8.0f} words/s)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
