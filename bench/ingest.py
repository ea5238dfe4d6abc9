"""Measures ingest speed end to end against spaCy on the same texts in the same run.

End to end is ``pipeline.ingest_paths`` into an in-memory store: read, parse, extract, build,
validate and store. Two peers run over the same article bodies, each on a spaCy pipeline of its
own (loaded apart from the one geokg extracts with, so neither warms the other's vocabulary):

- "NER alone" (the strict peer): the model's NER component only, one call per article;
- "spaCy default pipeline": the model as a user runs it to get entities, ``nlp.pipe`` over the
  bodies with every default component (tok2vec, tagger, parser, attribute_ruler, lemmatizer,
  ner).

Each round gives every contender the same articles, and a round sees articles no earlier round
(nor the warm-up) saw: round r takes the r-th slice of ``--limit`` articles of the corpus (by
file name), so memos that grow with the text (geokg's RuleMemo, lemma and gazetteer caches) are
no help on repeated text. ``--same-texts`` repeats the first slice every round (the old mode,
which flatters those memos). Figures are per round; printed are the median over rounds of
words/s and of each ratio (with the range of the rounds). Wall-clock and CPU time are both
reported: on a shared machine the CPU ratio is the steadier one.

With ``--jobs N`` (default: the usable CPUs) each round also times ingest with N worker
processes, as ``geokg ingest --jobs N`` runs it (the workers start, and load spaCy, inside the
timed run; each run starts its own fork server), and spaCy's own parallel runs,
``nlp.pipe(n_process=N)``, of both peers. The CPU time of a parallel run is this process's plus
that of its ended child processes (the fork server and its workers included).

    python bench/ingest.py /work/shared/corpus --limit 60 --rounds 3 --jobs 2
    python bench/ingest.py /work/shared/corpus --limit 60 --stages   # also time each stage
    python bench/ingest.py /work/shared/corpus --limit 60 --same-texts   # the old, memo-warm mode
    python bench/ingest.py /work/shared/corpus --limit 60 --baseline-shapes OLD_SHAPES_DIR
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import math
import multiprocessing
import multiprocessing.forkserver
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language

from geokg import pipeline
from geokg.extract import extract_article
from geokg.extract.nlp import MODEL_NAMES
from geokg.sources.text import load_article
from geokg.store import Store

BASE = "http://127.0.0.1:8000/"
WARM_UP = 3  # articles, from the end of the corpus: no round sees them


@dataclass
class Texts:
    """The articles of one round: their files and bodies, and the bodies' word count."""

    files: list[Path]
    bodies: list[str]
    words: int


def _texts(folder: Path, files: list[Path]) -> Texts:
    """The bodies and word count of ``files`` (metadata from the folder's manifest)."""
    manifest = pipeline.read_manifest(folder)
    bodies = [load_article(f, manifest.get(f.name)).body for f in files]
    return Texts(files, bodies, sum(len(b.split()) for b in bodies))


def _cpu() -> float:
    """CPU seconds of this process and of its child processes that have ended."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _reap_children() -> None:
    """Wait (10 s at most) for ended child processes, so that their CPU time is counted."""
    deadline = time.monotonic() + 10
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)


def _stop_fork_server() -> None:
    """End the fork server of a parallel ingest, so its CPU and its workers' CPU are counted.

    The server reaps the workers it forked; this process reaps the server. The next run starts
    a fresh one, as each ``geokg ingest --jobs N`` does.
    """
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    stop = getattr(server, "_stop", None)
    if stop is not None:
        stop()


@functools.cache
def _peer_nlp(peer: str) -> Language:
    """A spaCy pipeline of its own for one peer ("ner" or "full"): the model geokg uses, loaded
    apart from geokg's copy and from the other peer's (each its own vocabulary)."""
    return spacy.load(next(n for n in MODEL_NAMES if spacy.util.is_package(n)))


def _time_ner(bodies: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds for the NER component alone over every body."""
    nlp = _peer_nlp("ner")
    ner = nlp.get_pipe("ner")
    start, cpu = time.perf_counter(), time.process_time()
    for body in bodies:
        ner(nlp.make_doc(body))
    return time.perf_counter() - start, time.process_time() - cpu


def _time_pipe(bodies: list[str], peer: str, jobs: int) -> tuple[float, float]:
    """Wall and CPU seconds (children included) for ``nlp.pipe(n_process=jobs)``: NER alone
    (``peer`` "ner") or the default pipeline (``peer`` "full")."""
    nlp = _peer_nlp(peer)
    # several batches per process, or one process would get every text
    batch = max(1, math.ceil(len(bodies) / (4 * jobs))) if jobs > 1 else None
    enabled = ["ner"] if peer == "ner" else nlp.pipe_names
    start, cpu = time.perf_counter(), _cpu()
    with nlp.select_pipes(enable=enabled):
        for _ in nlp.pipe(bodies, n_process=jobs, batch_size=batch):
            pass
    wall = time.perf_counter() - start
    # spaCy ends its processes without waiting for them: reap them, or their CPU is not counted
    _reap_children()
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
        seconds = time.perf_counter() - start
        if jobs > 1:
            _stop_fork_server()
            _reap_children()
        cpu_seconds = _cpu() - cpu
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
    start = time.process_time()
    data = [(name, g.serialize(format="nt", encoding="utf-8")) for name, g in graphs]
    t["serialise (N-Triples)"] = time.process_time() - start
    store = Store()
    start = time.process_time()
    for name, nt in data:
        store.put_graph(name, nt, "application/n-triples")
    store.flush()
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


@dataclass
class Run:
    """One contender's rounds: wall and CPU seconds, and the words of each round."""

    label: str
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    words: list[int] = field(default_factory=list)

    def add(self, seconds: tuple[float, float], words: int) -> None:
        """Note one round's wall and CPU seconds over ``words`` words."""
        self.walls.append(seconds[0])
        self.cpus.append(seconds[1])
        self.words.append(words)

    def wps(self) -> tuple[list[float], list[float]]:
        """Wall and CPU words per second of each round."""
        return ([w / s for w, s in zip(self.words, self.walls, strict=True)],
                [w / s for w, s in zip(self.words, self.cpus, strict=True)])


def _rounds(all_files: list[Path], limit: int, rounds: int, same: bool) -> list[list[Path]]:
    """The files of each round: disjoint slices of ``limit`` (or the first slice again)."""
    if same:
        return [all_files[:limit]] * rounds
    return [all_files[r * limit:(r + 1) * limit] for r in range(rounds)]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print words per second and the ratios to both spaCy peers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder of .txt articles (with manifest.jsonl)")
    parser.add_argument("--limit", type=int, default=60, help="articles per round (default 60)")
    parser.add_argument("--rounds", type=int, default=2, help="alternating timing rounds")
    parser.add_argument("--same-texts", action="store_true",
                        help="every round repeats the first LIMIT articles (memos then warm)")
    parser.add_argument("--jobs", type=int, default=pipeline.usable_cpus(),
                        help="also time ingest with this many worker processes against "
                             "nlp.pipe(n_process=JOBS) (default: the usable CPUs; 1: one "
                             "process only)")
    parser.add_argument("--full-parse", action="store_true",
                        help="parse every sentence (as before the selective parse)")
    parser.add_argument("--stages", action="store_true",
                        help="also time each stage on its own (read, extract, build, ...), on "
                             "a slice no round saw when the corpus has one")
    parser.add_argument("--baseline-shapes", type=Path, default=None,
                        help="also time the whole chain (in one process) validating with the "
                             "shapes of this folder (an older shapes/), in the same rounds")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    # a module-level function with its options bound: it reaches the worker processes too
    extract = functools.partial(extract_article, full_parse=True) if args.full_parse else None

    all_files = sorted(args.corpus.glob("*.txt"))
    limit, n_rounds = max(1, args.limit), max(1, args.rounds)
    warm_files = all_files[-WARM_UP:]
    usable = all_files[:-WARM_UP]
    if not args.same_texts and limit * n_rounds > len(usable):
        print(f"{len(usable)} articles (besides {WARM_UP} for the warm-up) cannot give "
              f"{n_rounds} rounds of {limit} unseen ones: lower --limit or --rounds, or use "
              "--same-texts", file=sys.stderr)
        return 2
    if not usable:
        print(f"no .txt articles in {args.corpus}", file=sys.stderr)
        return 2
    jobs = max(1, args.jobs)
    # warm-up on articles no round uses: model, gazetteer, lexicon, shapes; both peers' models
    warm = _texts(args.corpus, warm_files)
    _time_ner(warm.bodies)
    _time_pipe(warm.bodies, "full", 1)
    _time_ingest(warm.files[:2], args.corpus, extract=extract)

    runs: dict[str, Run] = {}

    def timed(name: str, label: str, seconds: tuple[float, float], words: int) -> None:
        """Note one round's wall and CPU seconds of a contender."""
        runs.setdefault(name, Run(label)).add(seconds, words)

    counts: dict[str, int] = {}
    parallel_counts: dict[str, int] = {}
    round_words: list[int] = []
    for files in _rounds(usable, limit, n_rounds, args.same_texts):
        texts = _texts(args.corpus, files)
        words = texts.words
        round_words.append(words)
        timed("ner", "spaCy NER alone, 1 process", _time_ner(texts.bodies), words)
        timed("full", "spaCy default pipeline, 1 process",
              _time_pipe(texts.bodies, "full", 1), words)
        wall, cpu, counts = _time_ingest(files, args.corpus, extract=extract)
        timed("ingest", f"ingest --jobs 1 {counts}", (wall, cpu), words)
        if jobs > 1:
            timed("ner_pipe", f"spaCy NER alone, n_process={jobs}",
                  _time_pipe(texts.bodies, "ner", jobs), words)
            timed("full_pipe", f"spaCy default pipeline, n_process={jobs}",
                  _time_pipe(texts.bodies, "full", jobs), words)
            wall, cpu, parallel_counts = _time_ingest(files, args.corpus, jobs, extract)
            timed("ingest_jobs", f"ingest --jobs {jobs} {parallel_counts}", (wall, cpu), words)
        if args.baseline_shapes:
            with _shapes_from(args.baseline_shapes):
                wall, cpu, _ = _time_ingest(files, args.corpus, extract=extract)
            timed("baseline", f"ingest --jobs 1, shapes of {args.baseline_shapes}",
                  (wall, cpu), words)

    mode = "the same articles every round" if args.same_texts else "unseen articles each round"
    print(f"{n_rounds} rounds of {limit} articles ({mode}; words per round: "
          f"{', '.join(map(str, round_words))}); medians over rounds, range in brackets")
    print(f"{'':44s} {'wall words/s':>14s} {'CPU words/s':>14s}")
    figures: dict[str, object] = {
        "articles_per_round": limit, "words_per_round": round_words, "rounds": n_rounds,
        "same_texts": args.same_texts, "jobs": jobs, "full_parse": args.full_parse,
        "outcomes": counts, "words_per_s": {}, "ratios": {},
        "seconds": {name: [round(t, 2) for t in r.walls] for name, r in runs.items()},
        "cpu_seconds": {name: [round(t, 2) for t in r.cpus] for name, r in runs.items()},
    }
    speeds: dict[str, object] = {}
    for name, r in runs.items():
        walls, cpus = r.wps()
        speeds[name] = {"wall": round(statistics.median(walls)),
                        "cpu": round(statistics.median(cpus))}
        print(f"{r.label:44s} {statistics.median(walls):14.0f} {statistics.median(cpus):14.0f}")
    figures["words_per_s"] = speeds

    ratios: dict[str, object] = {}

    def ratio(name: str, reference: str) -> None:
        """Print the median (and range) over rounds of a contender's ratio to a reference."""
        if name not in runs or reference not in runs:
            return
        (w, c), (rw, rc) = runs[name].wps(), runs[reference].wps()
        wall = [a / b for a, b in zip(w, rw, strict=True)]
        cpu = [a / b for a, b in zip(c, rc, strict=True)]
        key = f"{name}/{reference}"
        ratios[key] = {"wall": round(statistics.median(wall), 3),
                       "cpu": round(statistics.median(cpu), 3),
                       "wall_rounds": [round(x, 3) for x in wall],
                       "cpu_rounds": [round(x, 3) for x in cpu]}
        label = f"{runs[name].label.split(' {')[0]} / {runs[reference].label.split(' {')[0]}"
        print(f"{label}\n{'':44s} {statistics.median(wall):6.3f} ({min(wall):.2f}-{max(wall):.2f})"
              f" {statistics.median(cpu):6.3f} ({min(cpu):.2f}-{max(cpu):.2f})")

    print("ratios (target: ingest >= 0.7x spaCy NER alone)")
    ratio("ingest", "ner")
    ratio("ingest", "full")
    ratio("ingest_jobs", "ner")
    ratio("ingest_jobs", "full")
    ratio("ingest_jobs", "ner_pipe")
    ratio("ingest_jobs", "full_pipe")
    ratio("ingest_jobs", "ingest")
    ratio("baseline", "ner")
    figures["ratios"] = ratios
    if args.stages:
        rest = usable[n_rounds * limit:(n_rounds + 1) * limit]
        fresh = len(rest) == limit and not args.same_texts
        files = rest if fresh else _rounds(usable, limit, n_rounds, args.same_texts)[-1]
        stage_words = _texts(args.corpus, files).words
        stages = _time_stages(files, args.corpus, args.full_parse)
        figures["stages_seconds"] = {k: round(v, 2) for k, v in stages.items()}
        figures["stages_words"] = stage_words
        print(f"stages, CPU, {len(files)} articles, {stage_words} words "
              f"({'a slice no round saw' if fresh else 'the last round again'}):")
        for name, seconds in stages.items():
            print(f"  {name:32s} {seconds:7.2f} s ({stage_words / seconds:8.0f} words/s)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
