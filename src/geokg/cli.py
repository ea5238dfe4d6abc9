"""The ``geokg`` command: thin commands over the pipeline, store and web app.

Exit codes: 0 success; 1 an input failed, did not conform, or a query was refused; 2 a usage
or system error (bad option, store cannot be opened, unreadable file for ``validate``).
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TypeVar

import click

from . import config, iri
from .errors import GeokgError

F = TypeVar("F", bound=Callable[..., Any])

#: Default ceiling of ``geokg ingest`` worker processes: each loads spaCy, ~300 MB.
DEFAULT_MAX_JOBS = 8

EXTRACT_FORMATS = {
    "ttl": "turtle",
    "jsonld": "json-ld",
    "nt": "nt",
    "json": "json",
}


def store_options(func: F) -> F:
    """Add --store and --base (also read from GEOKG_STORE and GEOKG_BASE) to a command."""
    func = click.option(
        "--base",
        envvar="GEOKG_BASE",
        default=config.get("base", {}),
        show_default=True,
        help="Base IRI of minted IRIs.",
    )(func)
    func = click.option(
        "--store",
        "store_path",
        envvar="GEOKG_STORE",
        default=config.get("store", {}),
        show_default=True,
        type=click.Path(file_okay=False, path_type=Path),
        help="Folder of the embedded Oxigraph store.",
    )(func)
    return func


def _output_file(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """Refuse an output file whose folder is missing or read-only before any work is done."""
    if value is None:
        return None
    folder = value.parent
    if not folder.is_dir():
        raise click.BadParameter(f"{value}: folder {folder} does not exist", ctx, param)
    if not os.access(folder, os.W_OK):
        raise click.BadParameter(f"{value}: folder {folder} is not writable", ctx, param)
    if value.is_dir():
        raise click.BadParameter(f"{value} is a folder", ctx, param)
    return value


@contextmanager
def _replacing(path: Path) -> Iterator[IO[bytes]]:
    """Write beside ``path``, moved into place only when complete: a failure keeps the old file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as out:
            yield out
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _open_store(path: Path, *, read_only: bool = False) -> Any:
    """Open the store or exit with code 2 and the reason."""
    from .store import Store

    try:
        return Store(path, read_only=read_only)
    except GeokgError as exc:
        click.echo(f"error: {exc.message}", err=True)
        sys.exit(2)


@click.group()
@click.version_option(package_name="geokg")
def main() -> None:
    """geokg: geopolitical news in, a validated linked-data knowledge graph out."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@click.option("--feed", "feeds", multiple=True, metavar="URL_OR_FILE",
              help="An RSS or Atom feed (http(s) URL or file): every entry is an article. "
                   "Repeatable.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes that extract, build and validate (this process alone "
                   "writes the store, in input order). Default: the usable CPUs, at most "
                   f"{DEFAULT_MAX_JOBS} (each holds ~300 MB) and one per input; 1 runs "
                   "everything in this process.")
@store_options
def ingest(
    paths: tuple[Path, ...], feeds: tuple[str, ...], jobs: int | None, store_path: Path, base: str
) -> None:
    """Extract, validate and store articles; unchanged ones are skipped.

    PATHS are files or folders of plain text (.txt), web pages (.html), JSON Lines (.jsonl)
    and feeds (.xml, .rss, .atom), or - for standard input.
    """
    from .pipeline import Outcome, ingest_feed, ingest_paths, usable_cpus

    if not paths and not feeds:
        raise click.UsageError("give PATHS (files, folders, -) or --feed URL_OR_FILE")
    store = _open_store(store_path)
    counts: dict[str, int] = {}

    def report(outcome: Outcome) -> None:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
        if outcome.ok:
            click.echo(f"{outcome.status}: {outcome.source} -> {outcome.article}")
        else:
            click.echo(f"{outcome.status}: {outcome.message}", err=True)

    base = iri.normalize_base(base)
    jobs = jobs or min(usable_cpus(), DEFAULT_MAX_JOBS)
    outcomes = (ingest_paths(list(paths), store, base=base, on_outcome=report, jobs=jobs)
                if paths else [])
    for feed in feeds:
        outcomes += ingest_feed(feed, store, base=base, on_outcome=report, jobs=jobs)
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    click.echo(f"{len(outcomes)} input(s): {summary or 'nothing found'}", err=True)
    if not outcomes or not all(o.ok for o in outcomes):
        sys.exit(1)


@main.command()
@click.argument("file", type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "--format", "fmt", type=click.Choice(sorted(EXTRACT_FORMATS)), default="ttl",
    show_default=True, help="Output: RDF (ttl, jsonld, nt) or the JSON contract (json).",
)
@click.option("--base", envvar="GEOKG_BASE", default=config.get("base", {}), show_default=True)
def extract(file: Path, fmt: str, base: str) -> None:
    """Print what an article becomes; stores nothing.

    FILE is plain text, a web page, a feed or JSON Lines (- reads standard input). A file of
    many articles prints one JSON object per line (--format json) or one graph after another;
    an entry that cannot be read is reported and the others still print (exit 1).
    """
    from . import build
    from .pipeline import extract_file, iter_inputs

    base = iri.normalize_base(base)
    results = []
    failed = False
    try:
        inputs = list(iter_inputs([file]))
    except GeokgError as exc:
        click.echo(f"error: {exc.message}", err=True)
        sys.exit(exc.exit_code)
    for path, meta in inputs:
        try:
            results.append(extract_file(path, meta))
        except GeokgError as exc:
            click.echo(f"error: {exc.message}", err=True)
            failed = True
            if len(inputs) == 1:
                sys.exit(exc.exit_code)
    many = len(inputs) > 1
    for article, extraction in results:
        if fmt == "json":
            click.echo(json.dumps(build.to_json(article, extraction, base=base),
                                  ensure_ascii=False, indent=None if many else 2))
            continue
        _, graph = build.build_graph(article, extraction, base=base)
        click.echo(graph.serialize(format=EXTRACT_FORMATS[fmt]).rstrip("\n"))
    if failed or not results:
        sys.exit(1)


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
def validate(file: Path) -> None:
    """Validate an RDF file against the shapes: exit 0 conforms, 1 does not, 2 error."""
    from .validate import validate_file

    try:
        report = validate_file(file)
    except GeokgError as exc:
        click.echo(f"error: {exc.message}", err=True)
        sys.exit(2)
    click.echo(report.text.rstrip("\n"))
    sys.exit(0 if report.conforms else 1)


@main.command()
@click.argument("sparql")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
    show_default=True,
)
@store_options
def query(sparql: str, fmt: str, store_path: Path, base: str) -> None:
    """Run a SPARQL query on the store (default graph = union of all articles)."""
    store = _open_store(store_path, read_only=(store_path / "CURRENT").exists())
    media = {"json": "application/sparql-results+json", "csv": "text/csv"}
    try:
        if fmt in media:
            _, _, body = store.query_serialized(
                sparql, {"solutions": media[fmt], "boolean": media[fmt], "graph": "text/turtle"}
            )
            sys.stdout.buffer.write(body)
            return
        _, _, body = store.query_serialized(
            sparql, {"solutions": "text/csv", "boolean": "text/csv", "graph": "text/turtle"}
        )
    except GeokgError as exc:
        click.echo(f"error: {exc.message}", err=True)
        sys.exit(1)
    text = body.decode("utf-8")
    if text.startswith(("@prefix", "<", "_:")) or not text.strip():
        click.echo(text.rstrip("\n"))
        return
    rows = list(csv.reader(io.StringIO(text)))
    click.echo(_table(rows))


def _table(rows: list[list[str]]) -> str:
    """Rows (header first) as an aligned text table."""
    if not rows:
        return ""
    widths = [max(len(r[i]) if i < len(r) else 0 for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = (cell.ljust(w) for cell, w in zip(row, widths, strict=False))
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append(f"({len(rows) - 1} row{'s' if len(rows) != 2 else ''})")
    return "\n".join(lines)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=None, type=click.IntRange(1),
              help="Web worker processes [default: 2 x cores in-process read-only, 2 with the "
                   "engine, 1 for --no-engine with a token].")
@click.option("--threads", default=None, type=click.IntRange(1),
              help="Threads per worker [default: 1 in-process read-only (the only choice), 4 "
                   "otherwise].")
@click.option("--engine/--no-engine", default=None,
              help="Without GEOKG_UPDATE_TOKEN the default is in-process read-only serving: each "
                   "worker opens the store read-only, a query past GEOKG_QUERY_TIMEOUT ends its "
                   "worker (503), writers are locked out. With a token the default, or --engine, "
                   "is a supervised Oxigraph server that takes the writes and enforces the limit; "
                   "--no-engine with a token serves read-write in-process, one worker, unlimited.")
@store_options
def serve(
    host: str, port: int, workers: int | None, threads: int | None, engine: bool | None,
    store_path: Path, base: str,
) -> None:
    """Serve the store: SPARQL endpoint, resource pages, home page (gunicorn)."""
    from .engine import running_engine
    from .store import served_read_only
    from .web.server import serve as run_server

    app_config: dict[str, Any] = {"STORE": str(store_path), "BASE": iri.normalize_base(base)}
    token = bool(config.get("update_token"))
    try:
        if engine is not True and not token:
            app_config.update(READ_ONLY=True, QUERY_WATCHDOG=True)
            with served_read_only(store_path):
                run_server(app_config, host=host, port=port,
                           workers=workers or 2 * (os.cpu_count() or 1), threads=threads or 1)
            return
        if engine is False:
            run_server(app_config, host=host, port=port, workers=1, threads=threads or 4)
            return
        with running_engine(store_path) as query_engine:
            app_config["ENGINE_URL"] = query_engine.url
            app_config["ENGINE_PIDFILE"] = str(query_engine.pidfile)
            run_server(app_config, host=host, port=port, workers=workers or 2,
                       threads=threads or 4)
    except GeokgError as exc:
        click.echo(f"error: {exc.message}", err=True)
        sys.exit(2)
    except ValueError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)


@main.command()
@click.option(
    "--format", "fmt", type=click.Choice(["nquads", "trig"]), default="nquads", show_default=True
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              callback=_output_file, help="File to write (default: standard output).")
@store_options
def dump(fmt: str, output: Path | None, store_path: Path, base: str) -> None:
    """Write the whole dataset as N-Quads or TriG."""
    store = _open_store(store_path, read_only=(store_path / "CURRENT").exists())
    media = "application/n-quads" if fmt == "nquads" else "application/trig"
    if output is None:
        store.dump(sys.stdout.buffer, media)
    else:
        with _replacing(output) as out:
            store.dump(out, media)


@main.command()
@click.option("--endpoint", envvar="GEOKG_WIKIDATA_ENDPOINT",
              default=config.get("wikidata_endpoint", {}), show_default=True,
              help="Wikidata SPARQL endpoint to fetch facts from.")
@click.option("--batch", default=200, show_default=True, type=click.IntRange(1, 5000),
              help="Items asked per request.")
@store_options
def enrich(endpoint: str, batch: int, store_path: Path, base: str) -> None:
    """Fetch Wikidata facts (label, description, classes, ...) of the linked entities."""
    from .wikidata import enrich as run_enrich

    store = _open_store(store_path)
    try:
        facts = run_enrich(store, iri.normalize_base(base), endpoint, batch=batch)
    except GeokgError as exc:
        click.echo(f"error: {exc.message}; nothing was changed", err=True)
        sys.exit(2)
    click.echo(f"{facts} facts from {endpoint}")


@main.command("eval")
@click.argument("gold", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--input", "input_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Folder of the articles the gold records name by file.")
@click.option("--seed", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The seed article (named seed.txt in the gold); searched for if not given.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path),
              default=None, callback=_output_file,
              help="Also write the full report (with per-article errors) here.")
def eval_(gold: Path, input_dir: Path | None, seed: Path | None, json_out: Path | None) -> None:
    """Score extraction against a gold file: exit 0 scored, 2 unreadable gold or usage error."""
    from .evaluate import evaluate

    try:
        report = evaluate(gold, input_dir, seed=seed)
    except GeokgError as exc:
        click.echo(f"error: {exc.message}", err=True)
        sys.exit(2)
    click.echo(report.table())
    if json_out is not None:
        body = json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"
        with _replacing(json_out) as out:
            out.write(body.encode("utf-8"))


@main.group()
def kb() -> None:
    """The offline knowledge base (gazetteer) used for entity linking."""


@kb.command("build")
@click.option("--source", type=click.Path(file_okay=False, exists=True, path_type=Path),
              required=True, help="Folder of the reference tables (e.g. ../shared/kb).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              callback=_output_file,
              help="Output file (default: the gazetteer shipped in the package).")
def kb_build(source: Path, output: Path | None) -> None:
    """Rebuild the gazetteer from the reference tables."""
    from .assets import data_path
    from .extract.kb import build_gazetteer

    stats = build_gazetteer(source, output or data_path("gazetteer.json.gz"))
    click.echo(str(stats))
