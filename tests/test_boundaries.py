"""Each heavy library has one door: only its owning module (or package) imports it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parent.parent / "src" / "geokg"

# library -> the module file or package folder (relative to src/geokg) allowed to import it
DOORS = {
    "pyoxigraph": ("store.py",),
    "pyshacl": ("validate.py",),
    "spacy": ("extract",),
    "flask": ("web",),
    "werkzeug": ("web",),
    "gunicorn": ("web",),
    "SPARQLWrapper": ("wikidata.py",),
    "click": ("cli.py",),
    "trafilatura": ("sources/html.py",),
    "lxml": ("sources/html.py",),
    "feedparser": ("sources/feeds.py",),
    "langdetect": ("sources/language.py",),
    "pylode": ("web/ontology.py",),
}


def _imports(path: Path) -> set[str]:
    """Top-level names of the modules a file imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("library", sorted(DOORS))
def test_library_has_one_door(library: str) -> None:
    allowed = DOORS[library]
    offenders = []
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC)
        if library in _imports(path) and not any(
            str(rel) == door or rel.parts[0] == door for door in allowed
        ):
            offenders.append(str(rel))
    assert offenders == [], f"{library} imported outside {allowed}: {offenders}"


def test_every_module_states_its_job() -> None:
    missing = [
        str(p.relative_to(SRC))
        for p in SRC.rglob("*.py")
        if not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))
    ]
    assert missing == []
