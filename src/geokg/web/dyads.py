"""Country-pair (dyad) pages: the events between two countries by direction, category and month."""

from __future__ import annotations

import re
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from flask import Blueprint, Response, current_app, render_template, request
from rdflib import Graph, Literal, URIRef

from ..assets import load_query
from ..errors import GeokgError, NotFound
from ..iri import entity_iri, wikidata_iri
from ..namespaces import PREFIXES
from ..store import Term, bind_values
from . import base_iri, data_version, get_store
from .editor import editor_url
from .negotiation import RDFLIB_FORMATS, SUFFIXES, Offer, negotiate_request, split_suffix

bp = Blueprint("dyads", __name__)

#: A Wikidata item id as it may appear in a dyad URL.
QID = re.compile(r"Q[1-9][0-9]{0,11}")
#: Events shown on one page of the event list.
PAGE_SIZE = 25
#: Formats of a dyad: HTML first (a person's page), then the RDF of its events.
DYAD_OFFERS = (
    Offer("text/html", ("application/xhtml+xml",)),
    Offer("text/turtle"),
    Offer("application/ld+json", ("application/json",)),
    Offer("application/n-triples"),
    Offer("application/rdf+xml"),
)
#: The most events ``queries/dyad_events.rq`` lists each way (its LIMIT).
EVENTS_CAP = 500
#: Months drawn at most in the chart (the newest ones).
CHART_MONTHS = 120
_INDEX_CACHE = "geokg.dyad_index"
_PAIR_CACHE = "geokg.dyad_pairs"
#: Pairs whose rows are kept (the most recently viewed).
PAIR_CACHE_SIZE = 64


class BadDyad(GeokgError):
    """A dyad URL that does not name two different countries by Wikidata Q-id."""

    status = 400


def select(name: str, **bindings: Term) -> list[dict[str, Term]]:
    """Rows of a named query with ``bindings`` written as a VALUES block.

    The VALUES form is what a remote engine receives anyway (``store.bind_values``, terms
    serialised by rdflib); measured on the 10k synthetic store, Oxigraph plans the property
    paths of the dyad queries well from it (0.8 ms) and badly from substituted constants
    (550 ms), so the embedded store gets the same text.
    """
    return get_store().select(bind_values(load_query(name), bindings))


def construct(name: str, **bindings: Term) -> Graph:
    """The graph of a named CONSTRUCT query, bound as in :func:`select`."""
    return get_store().construct(bind_values(load_query(name), bindings))


@dataclass(frozen=True, slots=True)
class Country:
    """One side of a pair: its Q-id, minted IRI and label."""

    qid: str
    iri: URIRef
    label: str

    @property
    def wikidata(self) -> str:
        """Its Wikidata entity IRI."""
        return wikidata_iri(self.qid)


@dataclass(frozen=True, slots=True)
class TypeCount:
    """The events of one PLOVER type, each way."""

    type: URIRef
    stance: str
    forward: int
    backward: int

    @property
    def total(self) -> int:
        """Both ways together."""
        return self.forward + self.backward


@dataclass(frozen=True, slots=True)
class Bar:
    """One month of the chart: cooperation drawn up, conflict down (SVG user units)."""

    month: str
    x: float
    width: float
    coop: int
    conflict: int
    coop_y: float
    coop_h: float
    conflict_h: float


@dataclass(frozen=True, slots=True)
class Chart:
    """The cooperation-versus-conflict chart: bars, size, the zero line and axis labels."""

    bars: tuple[Bar, ...]
    width: float
    height: float
    zero: float
    peak: int
    ticks: tuple[tuple[float, str], ...]
    cut: int


def parse_qid(value: str) -> str:
    """A Q-id from a URL segment; 400 when it is not one."""
    if not QID.fullmatch(value):
        raise BadDyad(f"{value!r} is not a Wikidata item id (Q followed by digits, e.g. Q399)")
    return value


def country(qid: str) -> Country:
    """The country with this Q-id in the store; 404 when the store has no such country."""
    iri = URIRef(entity_iri(base_iri(), qid))
    rows = select("dyad_countries", country=iri)
    if not rows:
        raise NotFound(f"no country with Wikidata id {qid} in this store")
    label = rows[0].get("label")
    return Country(qid, iri, str(label) if label is not None else qid)


def canonical_path(a: str, b: str) -> str:
    """The canonical URL path of a pair: the smaller Q-number first."""
    first, second = sorted((a, b), key=lambda q: int(q[1:]))
    return f"/dyad/{first}/{second}"


def _int(term: Term | None) -> int:
    """An integer literal as int (0 when absent)."""
    return int(term.toPython()) if isinstance(term, Literal) else 0


def type_counts(
    forward: Iterable[Mapping[str, Term]], backward: Iterable[Mapping[str, Term]]
) -> list[TypeCount]:
    """Events per PLOVER type each way, the most frequent first."""
    counts: dict[URIRef, list[int]] = defaultdict(lambda: [0, 0])
    stance: dict[URIRef, str] = {}
    for side, rows in enumerate((forward, backward)):
        for row in rows:
            kind = URIRef(str(row["type"]))
            counts[kind][side] += _int(row.get("events"))
            stance[kind] = str(row.get("stance", ""))
    found = [TypeCount(k, stance[k], f, b) for k, (f, b) in counts.items()]
    return sorted(found, key=lambda c: (-c.total, str(c.type)))


def monthly(rows: Iterable[Mapping[str, Term]]) -> dict[str, Counter[str]]:
    """Events per month (``YYYY-MM``) and stance; undated or year-only events left out."""
    months: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        month = str(row.get("month", ""))
        if re.fullmatch(r"\d{4}-\d{2}", month):
            months[month][str(row.get("stance", ""))] += _int(row.get("events"))
    return months


def month_range(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` inclusive (``YYYY-MM``)."""
    year, month = int(first[:4]), int(first[5:])
    end = (int(last[:4]), int(last[5:]))
    found = []
    while (year, month) <= end:
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def chart(months: Mapping[str, Counter[str]], *, height: float = 160.0) -> Chart | None:
    """The chart geometry for the newest ``CHART_MONTHS`` months (gaps drawn as empty months)."""
    if not months:
        return None
    every = month_range(min(months), max(months))
    cut = max(0, len(every) - CHART_MONTHS)
    shown = every[cut:]
    peak = max(max(c["cooperation"], c["conflict"]) for c in months.values()) or 1
    half = (height - 20) / 2
    step = max(4.0, min(24.0, 720.0 / len(shown)))
    bars = []
    for i, month in enumerate(shown):
        counts = months.get(month, Counter())
        coop_h = half * counts["cooperation"] / peak
        conflict_h = half * counts["conflict"] / peak
        bars.append(
            Bar(month, 40 + i * step, step * 0.8, counts["cooperation"], counts["conflict"],
                10 + half - coop_h, coop_h, conflict_h)
        )
    years = [(b.x, b.month[:4]) for b in bars if b.month.endswith("-01") or b is bars[0]]
    labelled = years[:: max(1, len(years) // 12)]
    return Chart(tuple(bars), 40 + len(shown) * step + 10, height, 10 + half, peak,
                 tuple(labelled), cut)


def merged_events(
    forward: list[dict[str, Term]], backward: list[dict[str, Term]]
) -> list[dict[str, Term | str]]:
    """Both directions' events in one list, newest first, each marked with its direction."""
    seen: dict[str, dict[str, Term | str]] = {}
    for direction, rows in (("forward", forward), ("backward", backward)):
        for row in rows:
            key = str(row["event"])
            if key in seen:
                seen[key]["direction"] = "both"
            else:
                seen[key] = {**row, "direction": direction}
    return sorted(seen.values(), key=lambda r: str(r.get("key", "")), reverse=True)


_Rows = list[dict[str, Term]]


def _pair_rows(first: URIRef, second: URIRef) -> tuple[_Rows, _Rows, _Rows, _Rows]:
    """Monthly counts and events each way, kept while the data version stays the same.

    On the 10k synthetic store the busiest pair (4,355 events) takes seconds to count; an
    analyst's bookmarked pair then answers from here until the data changes.
    """
    version = data_version()
    key = (version, str(first), str(second))
    cache: OrderedDict[tuple[str | None, str, str], tuple[_Rows, _Rows, _Rows, _Rows]]
    cache = current_app.extensions.setdefault(_PAIR_CACHE, OrderedDict())
    if version is not None and key in cache:
        cache.move_to_end(key)
        return cache[key]
    store = get_store()
    runs = [
        bind_values(load_query(name), {"source": source, "target": target})
        for name in ("dyad_by_month", "dyad_events")
        for source, target in ((first, second), (second, first))
    ]
    # independent queries: the engine runs them side by side (pyoxigraph releases the GIL)
    with ThreadPoolExecutor(max_workers=len(runs)) as pool:
        forward, backward, ab, ba = pool.map(store.select, runs)
    rows = (forward, backward, ab, ba)
    if version is not None and version == data_version():
        cache[key] = rows
        while len(cache) > PAIR_CACHE_SIZE:
            cache.popitem(last=False)
    return rows


def _evidence(event: Term | str) -> dict[str, Term]:
    """The article, headline, evidence annotation and sentence of one event."""
    found = select("dyad_event_evidence", event=URIRef(str(event)))
    return {k: v for k, v in found[0].items() if k != "event"} if found else {}


def _page_number() -> int:
    """The ``page`` parameter: a positive integer, 1 when absent."""
    raw = request.args.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= 10_000:
        raise BadDyad(f"page must be a whole number from 1 to 10000, not {raw!r}")
    return int(raw)


@bp.route("/dyad/")
def index() -> Response:
    """The most active country pairs, either way."""
    negotiate_request(DYAD_OFFERS[:1])
    html = render_template(
        "dyad_index.html", pairs=_index_pairs(), query_link=editor_url("dyad_index")
    )
    response = Response(html, mimetype="text/html")
    response.add_etag()
    response.make_conditional(request)
    return response


def _index_pairs() -> list[dict[str, object]]:
    """The most active pairs with labels, kept while the data version stays the same.

    The query scans every event (seconds on a large store); ``data_version`` changes with every
    write made through geokg, and is None when it cannot be trusted (then nothing is kept).
    """
    version = data_version()
    cached = current_app.extensions.get(_INDEX_CACHE)
    if version is not None and cached is not None and cached[0] == version:
        kept: list[dict[str, object]] = cached[1]
        return kept
    labels: dict[str, str] = {}
    pairs: list[dict[str, object]] = []
    for row in select("dyad_index"):
        qids = [str(row[k]).rsplit("/", 1)[-1] for k in ("a", "b")]
        if not all(QID.fullmatch(q) for q in qids):
            continue  # a country without a Wikidata id has no dyad URL
        for key in ("a", "b"):
            iri = str(row[key])
            if iri not in labels:
                found = select("dyad_countries", country=URIRef(iri))
                labels[iri] = str(found[0].get("label", "")) if found else ""
        pairs.append({
            "a": qids[0], "b": qids[1],
            "a_label": labels[str(row["a"])] or qids[0],
            "b_label": labels[str(row["b"])] or qids[1],
            "events": _int(row.get("events")),
            "last": str(row.get("last", "")),
        })
    if version is not None and version == data_version():
        current_app.extensions[_INDEX_CACHE] = (version, pairs)
    return pairs


@bp.route("/dyad/<a>/<b>")
def dyad(a: str, b: str) -> Response:
    """The events between two countries, as a page or as RDF (``.ttl``-like suffixes too)."""
    b, suffix = split_suffix(b)
    qa, qb = parse_qid(a), parse_qid(b)
    if qa == qb:
        raise BadDyad(f"a pair needs two different countries, not {qa} twice")
    offer = negotiate_request(DYAD_OFFERS, suffix=suffix)
    page = _page_number()
    first, second = country(qa), country(qb)
    path = f"/dyad/{qa}/{qb}"
    if offer.media_type == "text/html":
        response = Response(_render(first, second, page, path), mimetype="text/html")
    else:
        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        for source, target in ((first, second), (second, first)):
            graph += construct("dyad_graph", source=source.iri, target=target.iri)
        data = graph.serialize(format=RDFLIB_FORMATS[offer.media_type], encoding="utf-8")
        response = Response(data, content_type=f"{offer.media_type}; charset=utf-8")
    root = request.script_root
    links = [f'<{root}{canonical_path(qa, qb)}>; rel="canonical"']
    links += [
        f'<{root}{path}.{sfx}>; rel="alternate"; type="{media_type}"'
        for media_type, sfx in SUFFIXES.items()
    ]
    response.headers["Link"] = ", ".join(links)
    # the body is the validator: a strong ETag, and 304 for a client that already has it
    response.add_etag()
    response.make_conditional(request)
    return response


def _render(first: Country, second: Country, page: int, path: str) -> str:
    """The HTML page of a pair."""
    forward, backward, ab, ba = _pair_rows(first.iri, second.iri)
    counts = type_counts(forward, backward)
    stances: dict[str, Counter[str]] = {"forward": Counter(), "backward": Counter()}
    for c in counts:
        stances["forward"][c.stance] += c.forward
        stances["backward"][c.stance] += c.backward
    events = merged_events(ab, ba)
    pages = max(1, -(-len(events) // PAGE_SIZE))
    if page > pages:
        raise NotFound(f"page {page} is past the last page ({pages}) of this pair's events")
    shown = [
        {**row, **_evidence(row["event"])}
        for row in events[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    ]
    return render_template(
        "dyad.html",
        a=first,
        b=second,
        path=path,
        canonical=canonical_path(first.qid, second.qid),
        counts=counts,
        stances=stances,
        total=sum(c.total for c in counts),
        chart=chart(monthly([*forward, *backward])),
        events=shown,
        listed=len(events),
        capped=max(len(ab), len(ba)) >= EVENTS_CAP,
        page=page,
        pages=pages,
        query_link=editor_url("dyad_events", source=first.iri, target=second.iri),
        month_query_link=editor_url("dyad_by_month", source=first.iri, target=second.iri),
    )

