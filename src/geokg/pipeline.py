"""The ingest chain over files: load, extract, build, validate, store; one article at a time."""

from __future__ import annotations

import dataclasses
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from . import build, iri
from .errors import GeokgError, InputError
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
) -> list[Outcome]:
    """Ingest every entry of a feed given as a file or an http(s) URL (fetched, size-capped)."""
    if not is_feed_url(feed):
        return ingest_paths([Path(feed)], store, base=base, on_outcome=on_outcome)
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

        return [named(o) for o in ingest_paths([local], store, base=base, on_outcome=report)]


def ingest_file(path: Path, meta: dict[str, Any], store: Store, base: str) -> Outcome:
    """Run the chain for one input; the store changes only if the graph conforms.

    An article already stored from the same text by the same extractor is left alone before
    any extraction is done.
    """
    from .extract import extract_article, extractor_id
    from .validate import validate_graph

    source = str(path)
    try:
        article = load_input(path, meta)
        local = build.article_local_id(article)
        article_iri = iri.article_iri(base, local)
        graph_name = iri.graph_iri(base, local)
        stamp = store.graph_stamp(graph_name)
        if (
            stamp is not None
            and stamp.digest == build.input_digest(article)
            and stamp.agent == build.agent_iri(base, extractor_id())
        ):
            return Outcome(source, "unchanged", article_iri)
        extraction = extract_article(article)
        graph_name, graph = build.build_graph(article, extraction, base=base)
    except GeokgError as exc:
        return Outcome(source, "failed", message=exc.message)
    except Exception as exc:  # a bug on one article must not stop the batch: report it
        return Outcome(source, "failed", message=f"{source}: internal error: {exc!r}")
    report = validate_graph(graph)
    if not report.conforms:
        return Outcome(source, "invalid", article_iri, report.summary())
    store.replace_graph(graph_name, graph)
    if extraction.skipped:
        # stored with its metadata and language, but nothing was extracted from it
        return Outcome(source, "skipped", article_iri, f"extraction skipped: {extraction.skipped}")
    return Outcome(source, "stored", article_iri, f"{len(graph)} triples")


def ingest_paths(
    paths: Iterable[Path],
    store: Store,
    *,
    base: str,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Ingest every article under ``paths``; failures are reported and the batch goes on."""
    outcomes: list[Outcome] = []
    try:
        inputs = list(iter_inputs(paths))
    except GeokgError as exc:
        outcome = Outcome(getattr(exc, "source", "?"), "failed", message=exc.message)
        if on_outcome:
            on_outcome(outcome)
        return [outcome]
    for path, meta in inputs:
        outcome = ingest_file(path, meta, store, base)
        outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    store.flush()
    return outcomes
