"""Measures ingest speed end to end against spaCy NER alone, on the same texts in the same run.

End to end is ``pipeline.ingest_paths`` into an in-memory store: read, parse, extract, build,
validate and store. The reference is the spaCy model's NER component alone over
the same article bodies, one call per article. Both are timed after a warm-up (model, gazetteer
and shapes loaded), in alternating rounds; the best round of each counts (the least disturbed
by other work on the machine). Both wall-clock and CPU time (this process) are reported: on a
shared machine the CPU-time ratio is the steadier one.

    python bench/ingest.py /work/shared/corpus --limit 200 --rounds 2
    python bench/ingest.py /work/shared/corpus --limit 200 --stages   # also time each stage
    python bench/ingest.py /work/shared/corpus --limit 60 --baseline-shapes OLD_SHAPES_DIR
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from geokg import pipeline
from geokg.extract import extract_article
from geokg.extract.nlp import load_nlp
from geokg.model import Article, Extraction
from geokg.sources.text import load_article
from geokg.store import Store

BASE = "http://127.0.0.1:8000/"


def _corpus(folder: Path, limit: int | None) -> tuple[list[Path], list[str], int]:
    """The article files (first ``limit`` by name), their bodies and their word count."""
    manifest = pipeline.read_manifest(folder)
    files = sorted(folder.glob("*.txt"))[:limit]
    bodies = [load_article(f, manifest.get(f.name)).body for f in files]
    return files, bodies, sum(len(b.split()) for b in bodies)


def _time_ner(bodies: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds for the NER component alone over every body."""
    nlp = load_nlp()
    ner = nlp.get_pipe("ner")
    start, cpu = time.perf_counter(), time.process_time()
    for body in bodies:
        ner(nlp.make_doc(body))
    return time.perf_counter() - start, time.process_time() - cpu


def _time_ingest(files: list[Path], folder: Path) -> tuple[float, float, dict[str, int]]:
    """Wall and CPU seconds for the whole chain into a fresh in-memory store, and the outcomes."""
    with tempfile.TemporaryDirectory() as tmp:
        # the files of this run only, with the folder's manifest (dates)
        work = Path(tmp)
        for f in files:
            (work / f.name).symlink_to(f.resolve())
        manifest = folder / pipeline.MANIFEST
        if manifest.is_file():
            (work / pipeline.MANIFEST).symlink_to(manifest.resolve())
        store = Store()
        start, cpu = time.perf_counter(), time.process_time()
        outcomes = pipeline.ingest_paths([work], store, base=BASE)
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
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
    """Run the benchmark and print words per second and the ratio to NER alone."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder of .txt articles (with manifest.jsonl)")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--rounds", type=int, default=2, help="alternating timing rounds")
    parser.add_argument("--full-parse", action="store_true",
                        help="parse every sentence (as before the selective parse)")
    parser.add_argument("--stages", action="store_true",
                        help="also time each stage on its own (read, extract, build, ...)")
    parser.add_argument("--baseline-shapes", type=Path, default=None,
                        help="also time the whole chain validating with the shapes of this folder "
                             "(an older shapes/), in the same rounds")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    if args.full_parse:
        import geokg.extract

        def full(article: Article) -> Extraction:
            """geokg's extraction with the whole pipeline over every sentence."""
            return extract_article(article, full_parse=True)

        # pipeline.extract_file imports extract_article from geokg.extract when called
        geokg.extract.extract_article = full  # type: ignore[assignment]

    files, bodies, words = _corpus(args.corpus, args.limit)
    if not files:
        print(f"no .txt articles in {args.corpus}", file=sys.stderr)
        return 2
    # warm-up: model, gazetteer, lexicon, shapes
    _time_ner(bodies[:3])
    extract_article(load_article(files[0], pipeline.read_manifest(args.corpus).get(files[0].name)))
    _time_ingest(files[:2], args.corpus)

    ner_times, ingest_times, ner_cpu, ingest_cpu = [], [], [], []
    baseline_times: list[float] = []
    baseline_cpu: list[float] = []
    counts: dict[str, int] = {}
    for _ in range(max(1, args.rounds)):
        wall, cpu = _time_ner(bodies)
        ner_times.append(wall)
        ner_cpu.append(cpu)
        wall, cpu, counts = _time_ingest(files, args.corpus)
        ingest_times.append(wall)
        ingest_cpu.append(cpu)
        if args.baseline_shapes:
            with _shapes_from(args.baseline_shapes):
                wall, cpu, _ = _time_ingest(files, args.corpus)
            baseline_times.append(wall)
            baseline_cpu.append(cpu)
    ner_wps = words / min(ner_times)
    ingest_wps = words / min(ingest_times)
    ner_cpu_wps = words / min(ner_cpu)
    ingest_cpu_wps = words / min(ingest_cpu)
    figures = {
        "articles": len(files), "words": words, "rounds": len(ner_times),
        "full_parse": args.full_parse,
        "ner_words_per_s": round(ner_wps), "ingest_words_per_s": round(ingest_wps),
        "ratio": round(ingest_wps / ner_wps, 3),
        "ner_cpu_words_per_s": round(ner_cpu_wps),
        "ingest_cpu_words_per_s": round(ingest_cpu_wps),
        "cpu_ratio": round(ingest_cpu_wps / ner_cpu_wps, 3), "outcomes": counts,
        "ner_seconds": [round(t, 2) for t in ner_times],
        "ingest_seconds": [round(t, 2) for t in ingest_times],
    }
    print(f"{len(files)} articles, {words} words, best of {len(ner_times)} rounds")
    print("                      wall words/s   CPU words/s")
    print(f"spaCy NER alone  : {ner_wps:12.0f} {ner_cpu_wps:13.0f}")
    print(f"ingest end to end: {ingest_wps:12.0f} {ingest_cpu_wps:13.0f}  ({counts})")
    print(f"ratio            : {ingest_wps / ner_wps:12.3f} {ingest_cpu_wps / ner_cpu_wps:13.3f}")
    if baseline_times:
        base_wps, base_cpu_wps = words / min(baseline_times), words / min(baseline_cpu)
        figures["baseline_shapes"] = str(args.baseline_shapes)
        figures["baseline_ratio"] = round(base_wps / ner_wps, 3)
        figures["baseline_cpu_ratio"] = round(base_cpu_wps / ner_cpu_wps, 3)
        print(f"  with {args.baseline_shapes}: {base_wps:8.0f} {base_cpu_wps:13.0f}  "
              f"ratio {base_wps / ner_wps:.3f} / {base_cpu_wps / ner_cpu_wps:.3f} (wall / CPU)")
    if args.stages:
        stages = _time_stages(files, args.corpus, args.full_parse)
        figures["stages_seconds"] = {k: round(v, 2) for k, v in stages.items()}
        figures["ner_seconds_best"] = round(min(ner_times), 2)
        for name, seconds in stages.items():
            print(f"  {name:32s} {seconds:7.2f} s CPU ({words / seconds:8.0f} words/s)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
