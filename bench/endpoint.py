"""Benchmarks geokg's SPARQL endpoint against Oxigraph server over HTTP, on the same data.

For each size (articles) it writes the synthetic KG once (``bench/synth.py``, cached in
``bench/.cache``), loads it into two on-disk stores with ``oxigraph load`` (one for geokg, one
for the peer), then:

1. latency: starts ``geokg serve --store S1 --port P1`` (``--mode``: read-only, the product's
   default without an update token, or engine; gunicorn gthread) and
   ``oxigraph serve-read-only --location S2 --union-default-graph``, and sends every query of
   ``bench/queries/*.rq`` to both, and to the engine geokg started if any, with one keep-alive
   ``http.client`` connection per server (SPARQL JSON for SELECT, Turtle for
   DESCRIBE/CONSTRUCT): warm-up rounds, then ``--runs`` measured rounds, each round sending
   each query to every server back to back (the order alternates), so they share the same
   noise. Prints per-query medians, the ratio geokg/Oxigraph, what geokg adds to its engine,
   and flags ratios over ``--target-ratio``.
2. throughput: stops geokg serve and starts ``bench/bare_app.py`` (the product's gunicorn
   application, options and serving mode, plus a ``/_bench/bare`` route returning a fixed
   SPARQL JSON body),
   then runs ``wrk`` (``--connections`` connections, ``--duration`` s, bounded) on the lookup:
   bare route, ``/sparql`` with one fixed article and with 1,000 varied articles (Lua script),
   and the Oxigraph peer with both request sets; ``--wrk-rounds`` interleaved rounds, median
   req/s. (``--engine-direct`` also loads geokg's engine directly: it can kill it, see
   docs/benchmarks.md.)
3. optionally (``--profile``) samples the gunicorn workers with py-spy during a lookup load and
   a heavy query load and prints where the Python time goes.

Every server it starts runs in its own process group and is stopped in a ``finally``.

Usage (from the checkout)::

    .venv/bin/python bench/endpoint.py                          # 1k and 10k articles
    .venv/bin/python bench/endpoint.py --sizes 1000,10000 --profile --json bench/results/run.json
    .venv/bin/python bench/endpoint.py --sizes 100000 --only latency --warmup 0 --query-budget 30
    .venv/bin/python bench/endpoint.py --sizes 10000 --only throughput --workers 2 --threads 4
    .venv/bin/python bench/endpoint.py --sizes 10000 --only throughput --no-accesslog
    .venv/bin/python bench/endpoint.py --sizes 10000 --only profile
    .venv/bin/python bench/endpoint.py --geokg-src /path/to/other/src   # another geokg tree
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from geokg.engine import free_port, oxigraph_binary

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
QUERIES = BENCH / "queries"
BIN = Path(sys.executable).parent
SELECT_ACCEPT = "application/sparql-results+json"
GRAPH_ACCEPT = "text/turtle"
LOOKUP = "lookup"
#: The article number in bench/queries/lookup.rq, swapped for varied targets.
LOOKUP_TARGET = "synthetic-article-42"


# -- queries ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BenchQuery:
    """A query file of bench/queries: name, header title, text, and whether it returns a graph."""

    name: str
    title: str
    text: str
    graph: bool

    @property
    def accept(self) -> str:
        """The media type asked for: SPARQL JSON results, or Turtle for a graph."""
        return GRAPH_ACCEPT if self.graph else SELECT_ACCEPT


def load_query(name: str) -> BenchQuery:
    """Read ``bench/queries/{name}.rq`` and its ``# title:`` header."""
    text = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    title = re.search(r"^# title: (.*)$", text, re.M)
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    graph = re.search(r"^\s*(DESCRIBE|CONSTRUCT)\b", body, re.M | re.I) is not None
    return BenchQuery(name, title.group(1) if title else name, text, graph)


def query_names() -> list[str]:
    """Every query of bench/queries, lookup first."""
    names = sorted(p.stem for p in QUERIES.glob("*.rq"))
    return [LOOKUP, *[n for n in names if n != LOOKUP]]


def lookup_text(article: int) -> str:
    """The lookup query for synthetic article number ``article``."""
    return load_query(LOOKUP).text.replace(LOOKUP_TARGET, f"synthetic-article-{article}")


# -- data ------------------------------------------------------------------------------------


def prepare_data(size: int, cache: Path) -> tuple[Path, Path, int]:
    """Synthetic KG of ``size`` articles as N-Quads and two stores loaded with it (cached).

    Returns (geokg store, peer store, quad lines).
    """
    cache.mkdir(parents=True, exist_ok=True)
    nquads = cache / f"kg-{size}.nq"
    if not nquads.exists():
        need = size * 12_000 * 3  # measured: ~8 kB of N-Quads, ~9.5 kB per store per article
        free = shutil.disk_usage(cache).free
        if free < need:
            raise SystemExit(f"{size} articles need ~{need >> 20} MiB; {free >> 20} MiB free")
        started = time.monotonic()
        partial = nquads.with_suffix(".part")
        subprocess.run(
            [sys.executable, str(BENCH / "synth.py"), str(size), "-o", str(partial)],
            check=True, timeout=3600,
        )
        partial.rename(nquads)
        log(f"  synth {size}: {time.monotonic() - started:.1f} s")
    with nquads.open("rb") as data:
        lines = sum(1 for _ in data)
    stores = []
    for role in ("geokg", "peer"):
        store = cache / f"store-{size}-{role}"
        marker = store / ".bench-loaded"
        state = marker.read_text() if marker.exists() else ""
        if state not in (str(lines), f"{lines} optimized"):
            shutil.rmtree(store, ignore_errors=True)
            started = time.monotonic()
            subprocess.run(
                [oxigraph_binary(), "load", "--location", str(store), "--file", str(nquads)],
                check=True, timeout=3600, stdout=subprocess.DEVNULL,
            )
            marker.write_text(str(lines))
            log(f"  load {store.name}: {time.monotonic() - started:.1f} s")
        if marker.read_text() != f"{lines} optimized":
            # oxigraph serve compacts its store in the background, serve-read-only cannot: both
            # stores start compacted, else the peer reads an unoptimised store (2-4x slower)
            started = time.monotonic()
            subprocess.run(
                [oxigraph_binary(), "optimize", "--location", str(store)],
                check=True, timeout=3600, stdout=subprocess.DEVNULL,
            )
            marker.write_text(f"{lines} optimized")
            log(f"  optimize {store.name}: {time.monotonic() - started:.1f} s")
        stores.append(store)
    return stores[0], stores[1], lines


# -- processes -------------------------------------------------------------------------------


def log(message: str) -> None:
    """Progress on stderr (stdout carries the tables)."""
    print(message, file=sys.stderr, flush=True)


@contextlib.contextmanager
def running(
    command: Sequence[str], *, ready: str, log_path: Path, env: dict[str, str] | None = None,
    within: float = 90.0,
) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``command`` in its own process group until ``ready`` answers 200; stop it after.

    Raises:
        RuntimeError: the server exited, answered an error, or did not start in time.
    """
    with log_path.open("wb") as out:
        process = subprocess.Popen(
            list(command), stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        try:
            deadline = time.monotonic() + within
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"{command[0]} exited: {tail(log_path)}")
                status = probe(ready)
                if status == 200:
                    break
                if status is not None and status >= 500:
                    raise RuntimeError(f"{ready} answered {status}: {tail(log_path)}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{command[0]} did not answer within {within:g} s")
                time.sleep(0.2)
            yield process
        finally:
            stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a process started by ``running`` and every process of its group."""
    for sig, wait in ((signal.SIGTERM, 20.0), (signal.SIGKILL, 10.0)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue
        # the group leader is gone; wait for children (gunicorn workers, oxigraph) too
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                os.killpg(process.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)


def tail(path: Path, size: int = 1500) -> str:
    """The end of a log file."""
    data = path.read_bytes()[-size:] if path.exists() else b""
    return data.decode("utf-8", "replace")


def probe(url: str) -> int | None:
    """HTTP status of GET ``url`` with ASK{} as the query, or None if nothing answers."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.netloc, timeout=5)
    try:
        conn.request("GET", f"{parts.path}?query=ASK%7B%7D", headers={"Accept": SELECT_ACCEPT})
        response = conn.getresponse()
        response.read()
        return response.status
    except OSError:
        return None
    finally:
        conn.close()


def child_env(geokg_src: Path | None) -> dict[str, str]:
    """The environment of the geokg processes (another source tree first, if given)."""
    env = dict(os.environ)
    if geokg_src is not None:
        env["PYTHONPATH"] = os.pathsep.join(
            [str(geokg_src), *filter(None, [env.get("PYTHONPATH")])]
        )
    return env


def engine_url_of(process: subprocess.Popen[bytes]) -> str | None:
    """The /query URL of the ``oxigraph serve`` that ``geokg serve`` started, if found.

    ``geokg serve`` picks the engine's port itself; the engine is in the process group this
    script gave geokg serve, and its command line carries ``--bind``.
    """
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getpgid(int(entry.name)) != process.pid:
                continue
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except (OSError, ProcessLookupError):
            continue
        words = [a.decode() for a in argv if a]
        if words and words[0].endswith("oxigraph") and "--bind" in words:
            return f"http://{words[words.index('--bind') + 1]}/query"
    return None


def peer_command(store: Path, port: int) -> list[str]:
    """Oxigraph server, read-only, union default graph, on loopback."""
    return [oxigraph_binary(), "serve-read-only", "--location", str(store),
            "--bind", f"127.0.0.1:{port}", "--union-default-graph"]


# -- latency ---------------------------------------------------------------------------------


class Client:
    """One kept-alive HTTP connection to a SPARQL endpoint."""

    def __init__(self, url: str, timeout: float = 120.0) -> None:
        parts = urllib.parse.urlsplit(url)
        self.netloc, self.path, self.timeout = parts.netloc, parts.path, timeout
        self.conn = http.client.HTTPConnection(self.netloc, timeout=timeout)

    def get(self, query: str, accept: str) -> tuple[int, bytes, float]:
        """GET ``?query=``: (status, body, seconds until the whole body was read)."""
        target = f"{self.path}?{urllib.parse.urlencode({'query': query})}"
        for attempt in (1, 2):
            try:
                started = time.perf_counter()
                self.conn.request("GET", target, headers={"Accept": accept})
                response = self.conn.getresponse()
                body = response.read()
                return response.status, body, time.perf_counter() - started
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.netloc, timeout=self.timeout)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()


def result_size(body: bytes, graph: bool) -> int:
    """Rows of a SPARQL JSON result, or triples of a Turtle graph."""
    if graph:
        return sum(1 for _ in ox.parse(body, format=ox.RdfFormat.TURTLE))
    return len(json.loads(body)["results"]["bindings"])


@dataclass
class Timing:
    """Measured seconds of one query on each server, and what each answered."""

    query: BenchQuery
    seconds: dict[str, list[float]] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)
    nbytes: dict[str, int] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def measure_latency(
    queries: Sequence[BenchQuery], clients: dict[str, Client], *, runs: int, warmup: int,
    budget: float,
) -> list[Timing]:
    """Interleaved rounds over all queries and servers.

    A query stops early once its measured runs took ``budget`` seconds (all servers together).
    """
    timings = [Timing(q, {name: [] for name in clients}) for q in queries]
    spent = {q.name: 0.0 for q in queries}
    names = list(clients)
    for round_no in range(warmup + runs):
        order = names if round_no % 2 == 0 else names[::-1]
        for timing in timings:
            q = timing.query
            if timing.errors or spent[q.name] > budget:
                continue
            for name in order:
                status, body, seconds = clients[name].get(q.text, q.accept)
                if round_no >= warmup:
                    spent[q.name] += seconds
                if status != 200:
                    timing.errors[name] = f"HTTP {status}: {body[:200]!r}"
                    continue
                if round_no == 0:
                    timing.nbytes[name] = len(body)
                    try:
                        timing.sizes[name] = result_size(body, q.graph)
                    except (SyntaxError, ValueError, KeyError) as exc:
                        timing.errors[name] = f"unreadable answer: {exc}"
                if round_no >= warmup:
                    timing.seconds[name].append(seconds)
        log(f"    round {round_no + 1}/{warmup + runs}")
    return timings


def median_ms(values: Sequence[float]) -> float | None:
    """Median in milliseconds, or None without values."""
    return statistics.median(values) * 1000 if values else None


def latency_table(timings: Sequence[Timing], target: float) -> tuple[str, list[dict[str, Any]]]:
    """Markdown table of medians and ratios, and the same rows as data."""
    lines = [
        "| query | geokg ms | Oxigraph ms | geokg/Oxigraph | geokg's engine ms | geokg - engine ms "
        "| n | rows (geokg/Oxigraph) | flag |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    rows = []
    for t in timings:
        g, o = median_ms(t.seconds["geokg"]), median_ms(t.seconds["oxigraph"])
        e = median_ms(t.seconds.get("engine", []))
        added = g - e if g is not None and e is not None else None
        ratio = g / o if g is not None and o else None
        flags = []
        if ratio is not None and ratio > target:
            flags.append(f"> {target:g}x")
        if t.sizes.get("geokg") != t.sizes.get("oxigraph"):
            flags.append("results differ")
        flags += [f"{k}: {v}" for k, v in t.errors.items()]
        n = min(len(v) for v in t.seconds.values())
        size = f"{t.sizes.get('geokg', '-')}/{t.sizes.get('oxigraph', '-')}"
        lines.append(
            f"| {t.query.name} | {fmt(g)} | {fmt(o)} | "
            f"{'-' if ratio is None else f'{ratio:.2f}'} | {fmt(e)} | {fmt(added)} | {n} | {size} "
            f"| {'; '.join(flags)} |"
        )
        rows.append({
            "query": t.query.name, "title": t.query.title, "geokg_ms": g, "oxigraph_ms": o,
            "ratio": ratio, "engine_ms": e, "geokg_minus_engine_ms": added, "runs": n,
            "sizes": t.sizes, "bytes": t.nbytes, "errors": t.errors,
            "geokg_all_ms": [s * 1000 for s in t.seconds["geokg"]],
            "oxigraph_all_ms": [s * 1000 for s in t.seconds["oxigraph"]],
        })
    return "\n".join(lines), rows


def fmt(ms: float | None) -> str:
    """Milliseconds with sensible precision."""
    if ms is None:
        return "-"
    return f"{ms:.2f}" if ms < 10 else f"{ms:.1f}" if ms < 100 else f"{ms:.0f}"


# -- throughput ------------------------------------------------------------------------------


def lua_script(paths: Sequence[str], accept: str) -> str:
    """A wrk script cycling through request paths."""
    quoted = ",\n".join(json.dumps(p) for p in paths)
    return (
        f"local paths = {{\n{quoted}\n}}\n"
        "local i = 0\n"
        f"local headers = {{ [\"Accept\"] = {json.dumps(accept)} }}\n"
        "request = function()\n"
        "  i = i % #paths + 1\n"
        "  return wrk.format(\"GET\", paths[i], headers)\n"
        "end\n"
    )


@dataclass(frozen=True, slots=True)
class WrkResult:
    """What wrk reported."""

    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    bad: int


def _ms(value: str) -> float:
    """A wrk duration (``812.00us``, ``1.20ms``, ``1.5s``) in milliseconds."""
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(base: str, script: Path, *, connections: int, duration: int, threads: int) -> WrkResult:
    """One bounded wrk run; raises if wrk fails."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s",
               "--latency", "-s", str(script), base]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=duration + 60, check=False
    )
    out = done.stdout
    if "Requests/sec" not in out:
        log(f"    wrk failed ({done.returncode}): {done.stderr.strip()[-300:]}")
        return WrkResult(0.0, float("nan"), float("nan"), 0, -1)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    failed = (int(bad.group(1)) if bad else 0) + (
        sum(int(x) for x in errors.groups()) if errors else 0
    )
    return WrkResult(rps, p50, p99, total, failed)


def wrk_targets(
    app: str, engine: str, peer: str, scripts: Path, articles: int, *, engine_direct: bool,
    uncached: str | None = None, cache_mb: float = 64,
) -> dict[str, tuple[str, Path]]:
    """name -> (server base URL, Lua script) of every throughput target.

    ``app`` runs with the answer cache (``cache_mb``); ``uncached``, if given, is the same app
    with ``GEOKG_ANSWER_CACHE=0``.
    """
    fixed = lookup_text(42)
    varied = [lookup_text(n) for n in range(0, articles, max(1, articles // 1000))][:1000]

    def paths(prefix: str, texts: Sequence[str]) -> list[str]:
        return [f"{prefix}?{urllib.parse.urlencode({'query': t})}" for t in texts]

    cache = "answer cache off" if cache_mb == 0 else f"answer cache {cache_mb:g} MB"
    specs = {
        "bare route (same app)": (app, ["/_bench/bare"]),
        f"geokg /sparql lookup, fixed ({cache})": (app, paths("/sparql", [fixed])),
    }
    if uncached:
        specs["geokg /sparql lookup, fixed (answer cache off)"] = (
            uncached, paths("/sparql", [fixed]))
    specs["Oxigraph peer /query, fixed"] = (peer, paths("/query", [fixed]))
    specs[f"geokg /sparql lookup, 1,000 varied ({cache})"] = (app, paths("/sparql", varied))
    if uncached:
        specs["geokg /sparql lookup, 1,000 varied (answer cache off)"] = (
            uncached, paths("/sparql", varied))
    specs["Oxigraph peer /query, 1,000 varied"] = (peer, paths("/query", varied))
    if engine_direct:
        # oxigraph serve --timeout-s keeps one thread per query for the whole limit: loaded
        # directly at thousands of queries/s it runs out of memory maps within seconds and dies
        specs["geokg's engine /query (oxigraph serve --timeout-s), fixed"] = (
            engine, paths("/query", [fixed])
        )
    targets = {}
    for n, (name, (base, target_paths)) in enumerate(specs.items()):
        script = scripts / f"target{n}.lua"
        script.write_text(lua_script(target_paths, SELECT_ACCEPT), encoding="utf-8")
        targets[name] = (base, script)
    return targets


def measure_throughput(
    targets: dict[str, tuple[str, Path]], *, rounds: int, connections: int, duration: int,
    threads: int, warmup: int = 0,
) -> dict[str, list[WrkResult]]:
    """Interleaved wrk rounds over all targets, after one unmeasured ``warmup``-second run each.

    The warm-up fills what every server keeps between requests (connections, the engine's
    caches, geokg's answer cache: each worker misses each of the 1,000 varied lookups once).
    """
    if warmup:
        for name, (base, script) in targets.items():
            result = run_wrk(base, script, connections=connections, duration=warmup,
                             threads=threads)
            log(f"    wrk warm-up {name}: {result.rps:.0f} req/s")
    results: dict[str, list[WrkResult]] = {name: [] for name in targets}
    for round_no in range(rounds):
        for name, (base, script) in targets.items():
            result = run_wrk(
                base, script, connections=connections, duration=duration, threads=threads
            )
            results[name].append(result)
            log(f"    wrk round {round_no + 1}/{rounds} {name}: {result.rps:.0f} req/s"
                + (f" ({result.bad} failed)" if result.bad else ""))
    return results


def throughput_table(results: dict[str, list[WrkResult]]) -> tuple[str, dict[str, Any]]:
    """Markdown table of median req/s and p50, with ratios to the bare route.

    On a shared machine the load moves between rounds, so beside the ratio of medians the
    table gives the median of the per-round ratios (each run against the bare route's run of
    the same round, a minute apart at most) and their range.
    """
    bare_name = next(iter(results))
    bare_runs = [r.rps for r in results[bare_name]]
    bare = statistics.median(bare_runs)
    lines = ["| target | req/s (median) | p50 ms | p99 ms | vs bare (medians) "
             "| vs bare (median of rounds) | per round | failed |",
             "|---|---:|---:|---:|---:|---:|---|---:|"]
    data = {}
    for name, runs in results.items():
        rps = statistics.median(r.rps for r in runs)
        p50 = statistics.median(r.p50_ms for r in runs)
        p99 = statistics.median(r.p99_ms for r in runs)
        bad = sum(r.bad for r in runs)
        ratios = [r.rps / b for r, b in zip(runs, bare_runs, strict=False) if b]
        per_round = statistics.median(ratios) if ratios else float("nan")
        shown = ", ".join(f"{x:.2f}" for x in ratios)
        lines.append(f"| {name} | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {rps / bare:.2f} "
                     f"| {per_round:.2f} | {shown} | {bad} |")
        data[name] = {"rps": rps, "p50_ms": p50, "p99_ms": p99, "vs_bare": rps / bare,
                      "vs_bare_per_round": ratios, "vs_bare_round_median": per_round,
                      "all_rps": [r.rps for r in runs], "failed": bad}
    return "\n".join(lines), data


# -- profile ---------------------------------------------------------------------------------

#: (category, what marks a sampled stack as spent there), most specific first.
CATEGORIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("RemoteStore HTTP client to the engine (http.client)",
     ("http/client.py", "_post (geokg/store.py", "_send (geokg/store.py")),
    ("result parse (pyoxigraph)", ("parse_query_results", "RemoteStore._run")),
    ("re-serialise (pyoxigraph, json)", ("serialize", "solutions_json", "_json_term", "json/")),
    ("query policy (geokg.sparql)", ("geokg/sparql.py",)),
    ("query text prep (prefixes, bindings)", ("_with_prefixes", "bind_values")),
    ("content negotiation", ("negotiation.py",)),
    ("access log (gunicorn glogging, logging)", ("glogging.py", "logging/")),
    ("geokg /sparql view and app hooks", ("geokg/web/",)),
    ("Flask/werkzeug request handling", ("flask/", "werkzeug/")),
    ("gunicorn gthread hand-off (PollableMethodQueue, futures)",
     ("PollableMethodQueue", "concurrent/futures")),
    ("gunicorn HTTP parse, socket I/O, loop", ("gunicorn/", "socket.py", "selectors.py")),
)


def categorise(stack: str) -> str:
    """The category of one collapsed py-spy stack (innermost match wins)."""
    frames = stack.split(";")
    for frame in reversed(frames):
        for name, marks in CATEGORIES:
            if any(mark in frame for mark in marks):
                return name
    return "other"


def profile_summary(raw: Path) -> tuple[str, dict[str, int]]:
    """Share of active samples per category, from py-spy's ``--format raw`` output."""
    counts: Counter[str] = Counter()
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, number = line.rpartition(" ")
        if stack and number.isdigit():
            counts[categorise(stack)] += int(number)
    total = sum(counts.values()) or 1
    lines = ["| where | samples | share |", "|---|---:|---:|"]
    lines += [f"| {k} | {v} | {100 * v / total:.0f} % |" for k, v in counts.most_common()]
    return "\n".join(lines), dict(counts)


def run_profile(
    master_pid: int, base: str, script: Path, out: Path, *, duration: int, connections: int
) -> tuple[str, dict[str, int]]:
    """py-spy the gunicorn workers while wrk loads one target; the category summary.

    Only threads holding the GIL are sampled (``--gil``): the samples are the workers' Python
    CPU time, not threads waiting for the engine's answer or for the GIL.
    """
    spy = BIN / "py-spy"
    if not spy.exists():
        raise SystemExit(f"{spy} is missing: .venv/bin/pip install py-spy")
    command = [str(spy), "record", "--pid", str(master_pid), "--subprocesses", "--rate", "250",
               "--duration", str(duration), "--format", "raw", "--output", str(out),
               "--nonblocking", "--gil"]
    with (out.with_suffix(".log")).open("wb") as spy_log:
        recorder = subprocess.Popen(command, stdout=spy_log, stderr=subprocess.STDOUT)
        try:
            time.sleep(1.0)
            run_wrk(base, script, connections=connections, duration=max(1, duration - 2),
                    threads=1)
            recorder.wait(timeout=duration + 30)
        finally:
            if recorder.poll() is None:
                recorder.terminate()
                recorder.wait(timeout=10)
    return profile_summary(out)


# -- main ------------------------------------------------------------------------------------


def bench_size(args: argparse.Namespace, size: int, work: Path, report: IO[str]) -> dict[str, Any]:
    """All measurements for one size; prints its tables to ``report``."""
    log(f"== {size} articles")
    geokg_store, peer_store, lines = prepare_data(size, args.cache)
    result: dict[str, Any] = {"size": size, "quad_lines": lines, "uptime_before": uptime()}
    env = child_env(args.geokg_src)
    peer_port = free_port()
    peer_url = f"http://127.0.0.1:{peer_port}/query"
    print(f"\n## {size:,} articles ({lines:,} quads), {uptime()}\n", file=report)
    with running(peer_command(peer_store, peer_port), ready=peer_url,
                 log_path=work / f"peer-{size}.log"):
        if args.only in ("all", "latency"):
            port = free_port()
            command = [str(BIN / "geokg"), "serve", "--store", str(geokg_store),
                       "--port", str(port), "--workers", str(args.workers),
                       "--threads", str(args.threads)]
            if args.mode == "engine":
                command.append("--engine")
            url = f"http://127.0.0.1:{port}/sparql"
            # the latency table compares engines: geokg without its answer cache, since
            # Oxigraph server has none (otherwise every round after the first is a cache hit)
            with running(command, ready=url, log_path=work / f"geokg-{size}.log",
                         env={**env, "GEOKG_ANSWER_CACHE": "0"}) as geokg:
                clients = {"geokg": Client(url), "oxigraph": Client(peer_url)}
                engine = engine_url_of(geokg)
                if engine:
                    # the engine alone: what geokg adds on top of it, apart from the peer
                    clients["engine"] = Client(engine)
                try:
                    queries = [load_query(n) for n in args.queries]
                    timings = measure_latency(queries, clients, runs=args.runs,
                                              warmup=args.warmup, budget=args.query_budget)
                finally:
                    for client in clients.values():
                        client.close()
            table, rows = latency_table(timings, args.target_ratio)
            result["latency"] = rows
            print(f"### Latency, median of {args.runs} interleaved runs "
                  f"(geokg serve, {args.mode}, --workers {args.workers} --threads "
                  f"{args.threads}, GEOKG_ANSWER_CACHE=0), {uptime()}\n", file=report)
            print(table + "\n", file=report, flush=True)
        if args.only in ("all", "throughput", "profile"):
            result.update(bench_app_part(args, size, geokg_store, peer_url, work, env, report))
    result["uptime_after"] = uptime()
    return result


def bench_app_part(
    args: argparse.Namespace, size: int, store: Path, peer_url: str, work: Path,
    env: dict[str, str], report: IO[str],
) -> dict[str, Any]:
    """Throughput and profile against bench/bare_app.py (the product's app + a bare route)."""
    result: dict[str, Any] = {}
    peer = Client(peer_url)
    try:
        status, body, _ = peer.get(lookup_text(42), SELECT_ACCEPT)
    finally:
        peer.close()
    if status != 200:
        raise RuntimeError(f"the peer failed the lookup: {status}")
    body_file = work / "bare.json"
    body_file.write_bytes(body)
    engine_file = work / f"engine-{size}.url"
    port = free_port()
    common = [sys.executable, str(BENCH / "bare_app.py"), "--store", str(store),
              "--workers", str(args.workers), "--threads", str(args.threads),
              "--body", str(body_file)]
    if args.no_accesslog:
        common.append("--no-accesslog")
    if args.mode == "read-only":
        common.append("--read-only")
    command = [*common, "--port", str(port), "--engine-url-file", str(engine_file)]
    if args.engine_without_timeout:
        command.append("--engine-without-timeout")
    app = f"http://127.0.0.1:{port}"
    cached_env = {**env, "GEOKG_ANSWER_CACHE": str(args.answer_cache)}
    with running(command, ready=f"{app}/sparql", log_path=work / f"app-{size}.log",
                 env=cached_env) as process, contextlib.ExitStack() as more:
        engine, _, pidfile = engine_file.read_text(encoding="utf-8").strip().partition("\n")
        uncached = None
        if args.only in ("all", "throughput"):
            # the same app with the answer cache off (through the same engine, in engine mode),
            # measured in the same interleaved rounds (Oxigraph server has no answer cache)
            port = free_port()
            uncached = f"http://127.0.0.1:{port}"
            command_off = [*common, "--port", str(port)]
            if args.mode == "engine":
                command_off += ["--engine-url", engine, "--engine-pidfile", pidfile]
            more.enter_context(running(
                command_off, ready=f"{uncached}/sparql", log_path=work / f"app-off-{size}.log",
                env={**env, "GEOKG_ANSWER_CACHE": "0"},
            ))
        targets = wrk_targets(app, engine, peer_url.rsplit("/", 1)[0], work, size,
                              engine_direct=args.engine_direct and args.mode == "engine",
                              uncached=uncached,
                              cache_mb=args.answer_cache)
        if args.only in ("all", "throughput"):
            results = measure_throughput(
                targets, rounds=args.wrk_rounds, connections=args.connections,
                duration=args.duration, threads=args.wrk_threads, warmup=args.wrk_warmup,
            )
            table, data = throughput_table(results)
            result["throughput"] = data
            print(f"### Lookup throughput ({uptime()})\n\n"
                  f"wrk -t{args.wrk_threads} -c{args.connections} "
                  f"-d{args.duration}s, median of {args.wrk_rounds} interleaved rounds after "
                  f"{args.wrk_warmup} s of warm-up each "
                  f"(gunicorn gthread {args.workers}x{args.threads}, {args.mode}"
                  f"{', access log off' if args.no_accesslog else ''}"
                  f"{', engine without --timeout-s' if args.engine_without_timeout else ''})\n",
                  file=report)
            print(table + "\n", file=report, flush=True)
        if args.only in ("all", "profile") and args.profile:
            heavy = load_query(args.profile_query)
            heavy_script = work / "heavy.lua"
            heavy_path = f"/sparql?{urllib.parse.urlencode({'query': heavy.text})}"
            heavy_script.write_text(lua_script([heavy_path], heavy.accept), encoding="utf-8")
            varied_name = next(n for n in targets if "1,000 varied" in n and "geokg" in n)
            runs = {
                "lookup (1,000 varied)": targets[varied_name][1],
                f"{heavy.name}": heavy_script,
            }
            profiles = {}
            for name, script in runs.items():
                slug = re.sub(r"\W+", "_", name)
                raw = work / f"profile-{size}-{slug}.txt"
                table, counts = run_profile(process.pid, app, script, raw,
                                            duration=args.duration, connections=args.connections)
                profiles[name] = counts
                print(f"### Where the workers' Python time goes: {name} "
                      f"(py-spy --gil: samples of the thread holding the GIL)\n", file=report)
                print(table + "\n", file=report, flush=True)
            result["profile"] = profiles
    return result


def source_state(geokg_src: Path | None) -> str:
    """Which geokg code ran: the git commit and a digest of the (possibly edited) source files."""
    src = geokg_src or ROOT / "src"
    digest = hashlib.sha256()
    for path in sorted(src.rglob("*.py")):
        digest.update(path.relative_to(src).as_posix().encode() + b"\0" + path.read_bytes())
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
        capture_output=True, text=True, check=False,
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--", "src"],
        capture_output=True, text=True, check=False,
    ).stdout.strip()
    edited = " + uncommitted src changes" if dirty else ""
    return f"HEAD {head}{edited}, src sha256 {digest.hexdigest()[:12]}"


def uptime() -> str:
    """The load averages, as ``uptime`` prints them."""
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000",
                        help="article counts, comma-separated (default 1000,10000)")
    parser.add_argument("--only", choices=["all", "latency", "throughput", "profile"],
                        default="all")
    parser.add_argument("--queries", default=",".join(query_names()),
                        help="names of bench/queries/*.rq, comma-separated (default: all)")
    parser.add_argument("--runs", type=int, default=15, help="measured rounds per query")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured rounds first")
    parser.add_argument("--query-budget", type=float, default=180.0,
                        help="seconds one query may take in total on both servers, per size")
    parser.add_argument("--target-ratio", type=float, default=1.2)
    parser.add_argument("--mode", choices=["read-only", "engine"], default="read-only",
                        help="geokg serve's mode: in-process read-only (its default without an "
                             "update token) or through its Oxigraph engine (--engine)")
    parser.add_argument("--workers", type=int, default=None,
                        help="gunicorn workers (default: geokg serve's for the mode)")
    parser.add_argument("--threads", type=int, default=None,
                        help="threads per worker (default: geokg serve's for the mode)")
    parser.add_argument("--no-accesslog", action="store_true",
                        help="throughput app without gunicorn's access log (the product logs)")
    parser.add_argument("--engine-without-timeout", action="store_true",
                        help="engine without --timeout-s (a what-if, not the product)")
    parser.add_argument("--answer-cache", type=float, default=64,
                        help="GEOKG_ANSWER_CACHE (MB) of the throughput app; a second app "
                             "with 0 is measured beside it")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--wrk-threads", type=int, default=1)
    parser.add_argument("--wrk-rounds", type=int, default=3)
    parser.add_argument("--wrk-warmup", type=int, default=8,
                        help="seconds of unmeasured wrk load on each target first")
    parser.add_argument("--profile", action="store_true", help="also py-spy the workers")
    parser.add_argument("--engine-direct", action="store_true",
                        help="also load geokg's engine directly (last; it may kill the engine)")
    parser.add_argument("--profile-query", default="two_entity_timeline")
    parser.add_argument("--cache", type=Path, default=BENCH / ".cache")
    parser.add_argument("--geokg-src", type=Path, default=None,
                        help="a geokg source tree (its src/) to run instead of the installed one")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.split(",") if s]
    args.queries = [q for q in args.queries.split(",") if q]
    if args.only == "profile":
        args.profile = True
    # geokg serve's defaults: 2 x cores single-threaded workers read-only, 2 x 4 with the engine
    read_only = args.mode == "read-only"
    args.workers = args.workers or (2 * (os.cpu_count() or 1) if read_only else 2)
    args.threads = args.threads or (1 if read_only else 4)
    if args.runs < 1 or args.warmup < 0 or not 1 <= args.duration <= 60:
        parser.error("--runs >= 1, --warmup >= 0, 1 <= --duration <= 60")
    return args


def _exit_on_signal(signum: int, _frame: object) -> None:
    """Leave through SystemExit (running the ``finally`` blocks)."""
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark for every size and print the tables."""
    args = parse_args(argv)
    # a SIGTERM unwinds like Ctrl-C, so every ``finally`` stops the servers it started
    signal.signal(signal.SIGTERM, _exit_on_signal)
    started = time.monotonic()
    figures: dict[str, Any] = {
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "config": {k: str(v) for k, v in vars(args).items()},
        "cpus": os.cpu_count(),
        "source": source_state(args.geokg_src),
        "sizes": [],
    }
    print(f"# geokg endpoint benchmark ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})")
    print(f"\ncommand: `{figures['command']}`; {os.cpu_count()} CPUs; geokg {figures['source']}")
    # logs, wrk scripts and profiles of the last run stay there for inspection
    work = args.cache / "last-run"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for size in args.sizes:
        figures["sizes"].append(bench_size(args, size, work, sys.stdout))
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    log(f"done in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
