"""Times resource pages (HTML and Turtle) on a synthetic store, hub entities included (not a test).

Works on a COPY of the store (an on-disk Oxigraph folder, e.g. bench/.cache/store-10000-geokg
written by bench/endpoint.py), opened in-process, or on a running ``oxigraph serve
--union-default-graph`` through the same RemoteStore the web workers use:

    python bench/pages.py --store bench/.cache/store-10000-geokg --runs 5
    python bench/pages.py --endpoint http://127.0.0.1:7878 --served-folder COPY --runs 5
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from flask.testing import FlaskClient
from rdflib import URIRef

from geokg.store import DataVersion, RemoteStore, Store, bind_values
from geokg.web import create_app

BASE = "http://127.0.0.1:8000/"
#: (what, path) of the pages timed; bench/synth.py's entity Q1000 is the largest hub.
PAGES = (
    ("hub entity HTML, page 1", "/entity/Q1000.html"),
    ("hub entity HTML, page 50", "/entity/Q1000.html?page=50"),
    ("hub entity Turtle", "/entity/Q1000.ttl"),
    ("hub entity JSON-LD", "/entity/Q1000.jsonld"),
    ("second hub HTML", "/entity/Q1001.html"),
    ("small entity HTML", "/entity/Q1100.html"),
    ("article HTML", "/article/synthetic-article-770.html"),
    ("article Turtle", "/article/synthetic-article-770.ttl"),
    ("event HTML", "/event/synthetic-article-770/1.html"),
    ("event Turtle", "/event/synthetic-article-770/1.ttl"),
)


def _time(client: FlaskClient, path: str, runs: int) -> tuple[list[float], int]:
    """Seconds of ``runs`` GETs of ``path`` and the size of the answer."""
    times = []
    size = 0
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise SystemExit(f"{path}: {response.status_code}")
        size = len(response.data)
    return times, size


def time_pages(store: Store | RemoteStore, runs: int) -> None:
    """Print each page's time rendered (median of ``runs``) and served again from the cache."""
    config = {"STORE": store, "TESTING": True, "BASE": BASE}
    rendering = create_app({**config, "ANSWER_CACHE": 0}).test_client()
    caching = create_app(config).test_client()
    count = store.select(
        bind_values(
            "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a <https://schema.org/mentions> ?e }",
            {"e": URIRef(BASE + "entity/Q1000")},
        )
    )
    print(f"hub entity/Q1000 is mentioned in {count[0]['n'] if count else 0} articles")
    print(f"{'page':28} {'rendered ms':>12} {'best ms':>8} {'again ms':>9} {'bytes':>7}")
    for what, path in PAGES:
        times, size = _time(rendering, path, runs)
        _time(caching, path, 1)
        again, _ = _time(caching, path, runs)
        median, best = 1000 * statistics.median(times), 1000 * min(times)
        print(
            f"{what:28} {median:12.0f} {best:8.0f} {1000 * statistics.median(again):9.1f} {size:7}"
        )


def main() -> None:
    """Command line: a store folder to copy, or an endpoint; runs per page."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--store", type=Path, help="an on-disk store folder (copied first)")
    where.add_argument("--endpoint", help="an Oxigraph server URL (--union-default-graph)")
    parser.add_argument(
        "--served-folder", type=Path, help="with --endpoint: the folder the server holds"
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.endpoint:
        url = args.endpoint.rstrip("/")
        # the data version lets pages be kept, as under geokg serve; unknown without the folder
        versions = DataVersion(args.served_folder) if args.served_folder else None
        time_pages(RemoteStore(f"{url}/query", f"{url}/update", versions=versions), args.runs)
        return
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "store"
        shutil.copytree(args.store, copy)  # never open the original: opening may write to it
        time_pages(Store(str(copy)), args.runs)


if __name__ == "__main__":
    main()
