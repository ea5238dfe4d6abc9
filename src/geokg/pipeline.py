"""The ingest chain over files: load, extract, build, validate, store; one article at a time."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from rdflib import Graph

from . import build, iri
from .errors import GeokgError, InputError
from .model import Article, Extraction
from .sources.text import load_article
from .store import Store

Status = Literal["stored", "unchanged", "invalid", "failed", "skipped"]
ARTICLE_SUFFIXES = (".txt",)
MANIFEST = "manifest.jsonl"


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
    """Every article file under ``paths`` (folders searched recursively) with its metadata."""
    manifests: dict[Path, dict[str, dict[str, Any]]] = {}

    def meta_for(file: Path) -> dict[str, Any]:
        folder = file.parent
        if folder not in manifests:
            manifests[folder] = read_manifest(folder)
        return manifests[folder].get(file.name, {})

    for path in paths:
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                if file.is_file() and file.suffix.lower() in ARTICLE_SUFFIXES:
                    yield file, meta_for(file)
        else:
            yield path, meta_for(path)


def extract_file(path: Path, meta: dict[str, Any] | None = None) -> tuple[Article, Extraction]:
    """Read one article file and extract from it."""
    from .extract import extract_article  # spaCy loads only when extraction is asked for

    article = load_article(path, meta)
    return article, extract_article(article)


def prepare(
    path: Path, meta: dict[str, Any], base: str
) -> tuple[Article, Extraction, str, Graph]:
    """Read, extract and build one article's graph (not yet validated)."""
    article, extraction = extract_file(path, meta)
    graph_name, graph = build.build_graph(article, extraction, base=base)
    return article, extraction, graph_name, graph


def ingest_file(path: Path, meta: dict[str, Any], store: Store, base: str) -> Outcome:
    """Run the chain for one file; the store changes only if the graph conforms."""
    from .validate import validate_graph

    source = str(path)
    try:
        article, extraction, graph_name, graph = prepare(path, meta, base)
    except GeokgError as exc:
        return Outcome(source, "failed", message=exc.message)
    except Exception as exc:  # a bug on one article must not stop the batch: report it
        return Outcome(source, "failed", message=f"{source}: internal error: {exc!r}")
    article_iri = iri.article_iri(base, build.article_local_id(article))
    stamp = store.graph_stamp(graph_name)
    if (
        stamp is not None
        and stamp.digest == build.input_digest(article)
        and stamp.agent == build.agent_iri(base, extraction)
    ):
        return Outcome(source, "unchanged", article_iri)
    report = validate_graph(graph)
    if not report.conforms:
        return Outcome(source, "invalid", article_iri, report.summary())
    store.replace_graph(graph_name, graph)
    return Outcome(source, "stored", article_iri, f"{len(graph)} triples")


def ingest_paths(
    paths: Iterable[Path],
    store: Store,
    *,
    base: str,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Ingest every article under ``paths``; failures are reported and the batch goes on."""
    outcomes = []
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
