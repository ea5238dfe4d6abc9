"""Finds the ontology, shapes and queries shipped with geokg, in a checkout or in the wheel."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _asset_dir(name: str) -> Path:
    """The folder ``name`` (ontology, shapes, queries) from the wheel or the checkout."""
    for candidate in (_PACKAGE / "_assets" / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"geokg asset folder not found: {name}")


def ontology_dir() -> Path:
    """Folder of the OWL ontology."""
    return _asset_dir("ontology")


def ontology_path() -> Path:
    """The ontology file, ontology/geokg.ttl."""
    return ontology_dir() / "geokg.ttl"


def shapes_dir() -> Path:
    """Folder of the SHACL shapes."""
    return _asset_dir("shapes")


def queries_dir() -> Path:
    """Folder of the named SPARQL queries."""
    return _asset_dir("queries")


def data_path(name: str) -> Path:
    """A data file shipped inside the package (src/geokg/data/)."""
    return _PACKAGE / "data" / name


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query file of queries/: its name, title and one-line description from its header."""

    name: str
    title: str
    description: str
    text: str


_HEADER = re.compile(r"^#\s*(title|description)\s*:\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE)


@cache
def load_query(name: str) -> str:
    """The text of queries/<name>.rq."""
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise ValueError(f"bad query name: {name!r}")
    return (queries_dir() / f"{name}.rq").read_text(encoding="utf-8")


def list_queries() -> list[NamedQuery]:
    """Every query of queries/ with the title and description of its header comment."""
    found = []
    for path in sorted(queries_dir().glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        header = {k.lower(): v for k, v in _HEADER.findall(text)}
        found.append(
            NamedQuery(
                name=path.stem,
                title=header.get("title", path.stem.replace("_", " ")),
                description=header.get("description", ""),
                text=text,
            )
        )
    return found
