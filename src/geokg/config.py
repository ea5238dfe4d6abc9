"""Every setting geokg reads, with its default, environment variable and help, in one list."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: ``name`` is read from the environment as ``GEOKG_<NAME>``."""

    name: str
    default: Any
    help: str

    @property
    def env(self) -> str:
        """The environment variable that sets it."""
        return "GEOKG_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("store", "./geokg-data", "Folder of the embedded Oxigraph store."),
    Setting("base", "http://127.0.0.1:8000/", "Base IRI of minted IRIs (articles, entities, ...)."),
    Setting("update_token", "", "Bearer token that enables SPARQL Update; empty = read-only."),
    Setting("query_timeout", 30.0, "Seconds a SPARQL query may run before it is stopped."),
    Setting("max_results", 10000, "Most result rows a SELECT returns before it is cut."),
    Setting("max_body", 1_000_000, "Largest request body accepted, in bytes."),
    Setting(
        "answer_cache",
        64,
        "Megabytes of complete query answers each web worker keeps, keyed by the request and "
        "the data version (every write makes them unreachable); 0 = no cache.",
    ),
    Setting(
        "service_allow",
        "https://query.wikidata.org/sparql",
        "Space-separated SPARQL endpoints that SERVICE may reach; nothing else is contacted.",
    ),
    Setting(
        "wikidata_endpoint",
        "https://query.wikidata.org/sparql",
        "The Wikidata SPARQL endpoint `geokg enrich` fetches facts from.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str, environ: dict[str, str] | None = None) -> Any:
    """The value of a setting: the environment if set there, else its default, as its type."""
    setting = _BY_NAME[name]
    env = os.environ if environ is None else environ
    raw = env.get(setting.env)
    if raw is None or raw == "":
        return setting.default
    kind = type(setting.default)
    try:
        return kind(raw)
    except ValueError as exc:
        raise ValueError(f"{setting.env}={raw!r}: expected {kind.__name__}") from exc


def defaults() -> dict[str, Any]:
    """Every setting's value from the environment or its default."""
    return {s.name: get(s.name) for s in SETTINGS}
