"""Writes a synthetic news knowledge graph in geokg's exact RDF shape, as N-Quads (for benchmarks).

Articles mention entities drawn from a Zipf-like pool (a few hubs, a long tail), report events
between them with PLOVER types, dates spread over eleven years, one named graph per article, as
ARCHITECTURE.md describes. Deterministic for a given seed.

    python bench/synth.py 10000 -o /tmp/kg-10k.nq
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

BASE = "http://127.0.0.1:8000/"
G = "https://w3id.org/geokg/ns#"
SDO = "https://schema.org/"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
OWL_SAME = "http://www.w3.org/2002/07/owl#sameAs"
XSD = "http://www.w3.org/2001/XMLSchema#"
PLOVER = "https://w3id.org/geokg/plover/"
FACT = "https://w3id.org/geokg/factuality/"
TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
FACTS = ["asserted"] * 6 + ["possible", "future", "negated"]
KINDS = [("Country", SDO + "Country"), ("Person", SDO + "Person"),
         ("Organization", SDO + "Organization"), ("Place", SDO + "Place")]
WORDS = [
    "talks", "visit", "sanctions", "summit", "border", "security", "trade", "energy", "pipeline",
    "ceasefire", "treaty", "election", "minister", "president", "forum", "crisis", "aid",
    "troops", "agreement", "cooperation",
]
Entity = tuple[str, str, str, str]


def _lit(value: str, datatype: str | None = None) -> str:
    """An N-Triples literal."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"' + (f"^^<{datatype}>" if datatype else "")


def entity_pool(size: int) -> list[Entity]:
    """(key, label, kind, schema class) of ``size`` synthetic entities; the first are countries."""
    pool = []
    for i in range(size):
        kind, cls = KINDS[0] if i < max(20, size // 20) else KINDS[1 + i % 3]
        pool.append((f"Q{1000 + i}", f"{kind} {i}", kind, cls))
    return pool


def article_quads(n: int, rng: random.Random, pool: list[Entity]) -> Iterator[str]:
    """The N-Quads lines of synthetic article number ``n``."""
    local = f"synthetic-article-{n}"
    graph = f"<{BASE}graph/{local}>"
    art = f"<{BASE}article/{local}>"
    day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(11 * 365))
    words = rng.sample(WORDS, 4)
    headline = f"{pool[n % 20][1]} and {words[0]} {words[1]} {words[2]} {n}"
    body = " ".join(rng.choice(WORDS) for _ in range(60))

    def q(s: str, p: str, o: str) -> str:
        return f"{s} <{p}> {o} {graph} .\n"

    yield q(art, RDF_TYPE, f"<{G}Article>")
    yield q(art, RDF_TYPE, f"<{SDO}NewsArticle>")
    yield q(art, SDO + "headline", _lit(headline))
    yield q(art, SDO + "datePublished", _lit(day.isoformat(), XSD + "date"))
    yield q(art, SDO + "articleBody", _lit(body))
    yield q(art, G + "bodyOffset", _lit(str(len(headline) + 2), XSD + "integer"))
    # Zipf-like choice: low indexes (hubs) are drawn far more often
    chosen = {min(int(rng.paretovariate(1.1)) - 1, len(pool) - 1) for _ in range(6)}
    mentioned = [pool[i] for i in sorted(chosen)]
    for key, label, kind, cls in mentioned:
        ent = f"<{BASE}entity/{key}>"
        yield q(art, SDO + "mentions", ent)
        yield q(ent, RDF_TYPE, f"<{G}{kind}>")
        yield q(ent, RDF_TYPE, f"<{cls}>")
        yield q(ent, RDFS_LABEL, _lit(label))
        yield q(ent, OWL_SAME, f"<http://www.wikidata.org/entity/{key}>")
        start = rng.randrange(0, 300)
        ann = f"<{BASE}annotation/{local}/m{start}-{start + 6}>"
        yield q(ann, RDF_TYPE, f"<{G}Mention>")
        yield q(ann, OA + "hasBody", ent)
        yield q(ann, OA + "hasTarget", f"_:t{n}x{start}")
        yield q(f"_:t{n}x{start}", OA + "hasSource", art)
    for e in range(1, 3):
        if len(mentioned) < 2:
            break
        actor, target = rng.sample(mentioned, 2)
        ev = f"<{BASE}event/{local}/{e}>"
        yield q(ev, RDF_TYPE, f"<{G}Event>")
        yield q(ev, SEM + "eventType", f"<{PLOVER}{rng.choice(TYPES)}>")
        yield q(ev, G + "mode", _lit(rng.choice(WORDS)))
        yield q(ev, SEM + "hasActor", f"<{BASE}entity/{actor[0]}>")
        yield q(ev, G + "hasTarget", f"<{BASE}entity/{target[0]}>")
        yield q(ev, SEM + "hasTimeStamp", _lit(day.isoformat(), XSD + "date"))
        yield q(ev, G + "factuality", f"<{FACT}{rng.choice(FACTS)}>")
        yield q(ev, PROV + "wasGeneratedBy", f"<{BASE}activity/{local}>")
    yield q(graph, PROV + "wasGeneratedBy", f"<{BASE}activity/{local}>")


def write(count: int, out: TextIO, *, seed: int = 7) -> None:
    """Write ``count`` synthetic articles as N-Quads to ``out``."""
    rng = random.Random(seed)
    pool = entity_pool(max(200, count // 5))
    for n in range(count):
        out.writelines(article_quads(n, rng, pool))


def main() -> None:
    """Command line: article count and output file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("-o", "--output", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.output:
        with args.output.open("w", encoding="utf-8") as out:
            write(args.count, out, seed=args.seed)
    else:
        write(args.count, sys.stdout, seed=args.seed)


if __name__ == "__main__":
    main()
