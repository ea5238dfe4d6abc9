"""Copy from a w3c/rdf-tests checkout exactly the suite files the runners read.

``python -m tests.w3c.copy_suites /path/to/w3c-rdf-tests`` refreshes ``tests/w3c/suites/``:
the protocol, service description and graph store manifests (with the protocol's data files),
``manifest-sparql11-query.ttl`` with the manifests it includes, and every query, data and result
file of their ``mf:QueryEvaluationTest`` entries (syntax tests' files are left out).
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from rdflib import Graph, URIRef

from .manifest import MF, QT, SUITES, UT, rdf_list

#: The manifests copied whole, with every file they name (relative to ``sparql11/``).
PROTOCOL_MANIFESTS = (
    "protocol/manifest.ttl",
    "service-description/manifest.ttl",
    "graph-store-protocol/manifest.ttl",
    "graph-store-protocol/manifest-direct.ttl",
    "graph-store-protocol/manifest-indirect.ttl",
)
QUERY_MANIFEST = "manifest-sparql11-query.ttl"


def _parse(path: Path) -> Graph:
    return Graph().parse(path, format="turtle", publicID=path.resolve().as_uri())


def _local(source: Path, node: object) -> Path | None:
    """The file of a ``file:`` IRI inside ``source``, else None."""
    text = str(node)
    root = source.resolve().as_uri() + "/"
    return Path(source, text[len(root):]) if text.startswith(root) else None


def needed_files(source: Path) -> list[Path]:
    """Paths, relative to ``source`` (a ``sparql11`` folder), of every file to copy."""
    files: set[Path] = {Path(QUERY_MANIFEST), *(Path(m) for m in PROTOCOL_MANIFESTS)}
    for name in PROTOCOL_MANIFESTS:
        graph = _parse(source / name)
        for obj in graph.objects(None, UT.graph):
            local = _local(source, obj)
            if local is not None:
                files.add(local.relative_to(source))
    top = _parse(source / QUERY_MANIFEST)
    for head in top.objects(None, MF.include):
        for member in rdf_list(top, head):
            manifest = _local(source, member)
            assert manifest is not None, member
            files.add(manifest.relative_to(source))
            graph = _parse(manifest)
            for test in graph.subjects(None, MF.QueryEvaluationTest):
                action = graph.value(test, MF.action)
                refs = [graph.value(test, MF.result)]
                for prop in (QT.query, QT.data, QT.graphData):
                    refs.extend(graph.objects(action, prop))
                for ref in refs:
                    local = _local(source, ref) if isinstance(ref, URIRef) else None
                    if local is not None:
                        files.add(local.relative_to(source))
    return sorted(files)


def copy_suites(checkout: Path, target: Path = SUITES) -> int:
    """Copy the needed files of ``checkout/sparql/sparql11`` to ``target/sparql11``; count them."""
    source = checkout / "sparql" / "sparql11"
    files = needed_files(source)
    if (target / "sparql11").exists():
        shutil.rmtree(target / "sparql11")
    for rel in files:
        (target / "sparql11" / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / rel, target / "sparql11" / rel)
    shutil.copyfile(checkout / "LICENSE.md", target / "LICENSE.md")
    return len(files)


def main() -> None:
    """Command line: copy from the checkout given as argument."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkout", type=Path, help="root of a w3c/rdf-tests checkout")
    args = parser.parse_args()
    print(f"copied {copy_suites(args.checkout)} files to {SUITES}")


if __name__ == "__main__":
    main()
