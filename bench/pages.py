"""Times resource pages (HTML and Turtle) on a synthetic store, hub entities included (not a test).

Works on a COPY of the store (an on-disk Oxigraph folder, e.g. bench/.cache/store-10000-geokg
written by bench/endpoint.py), opened in-process, or on a running ``oxigraph serve
--union-default-graph`` through the same RemoteStore the web workers use:

    python bench/pages.py --store bench/.cache/store-10000-geokg --runs 5
    python bench/pages.py --endpoint http://127.0.0.1:7878 --runs 5
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from rdflib import URIRef

from geokg.store import RemoteStore, Store, bind_values
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


def time_pages(store: Store | RemoteStore, runs: int) -> None:
    """Print the median and best time of each page over ``runs`` requests."""
    client = create_app({"STORE": store, "TESTING": True, "BASE": BASE}).test_client()
    count = store.select(
        bind_values(
            "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a <https://schema.org/mentions> ?e }",
            {"e": URIRef(BASE + "entity/Q1000")},
        )
    )
    print(f"hub entity/Q1000 is mentioned in {count[0]['n'] if count else 0} articles")
    print(f"{'page':28} {'median ms':>10} {'best ms':>9} {'bytes':>8}")
    for what, path in PAGES:
        times = []
        size = 0
        for _ in range(runs):
            start = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - start)
            if response.status_code != 200:
                raise SystemExit(f"{path}: {response.status_code}")
            size = len(response.data)
        median, best = 1000 * statistics.median(times), 1000 * min(times)
        print(f"{what:28} {median:10.0f} {best:9.0f} {size:8}")


def main() -> None:
    """Command line: a store folder to copy, or an endpoint; runs per page."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--store", type=Path, help="an on-disk store folder (copied first)")
    where.add_argument("--endpoint", help="an Oxigraph server URL (--union-default-graph)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.endpoint:
        url = args.endpoint.rstrip("/")
        time_pages(RemoteStore(f"{url}/query", f"{url}/update"), args.runs)
        return
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "store"
        shutil.copytree(args.store, copy)  # never open the original: opening may write to it
        time_pages(Store(str(copy)), args.runs)


if __name__ == "__main__":
    main()
