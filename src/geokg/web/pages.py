"""The HTML side of the site: the home page, and the view models of resource pages."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, Flask, render_template, request
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SDO
from rdflib.term import Node

from ..assets import load_query
from ..errors import GeokgError, NotFound
from ..namespaces import GEOKG, GEOKG_NS, PREFIXES, PROV, SEM
from ..store import Term, bind_values
from . import base_iri, get_store
from .editor import editor_url

bp = Blueprint("pages", __name__)

_MAX_DEPTH = 4
#: Articles per page of an entity's article list, and how many pages a page list reaches.
PAGE_SIZE = 20
MAX_LISTED_ARTICLES = 1000
#: Co-actors shown on an entity page (more are checked for country pairs).
SHOWN_COACTORS = 10
#: Country pairs listed on an entity page (from the 50 entities sharing most events).
SHOWN_DYADS = 10


@bp.route("/")
def home() -> str:
    """The home page: latest articles and most mentioned entities."""
    store = get_store()
    return render_template(
        "home.html",
        articles=store.select(load_query("recent_articles")),
        entities=store.select(load_query("top_entities")),
        articles_editor=editor_url("recent_articles"),
        entities_editor=editor_url("top_entities"),
    )


def run(query: str, **bindings: Term) -> list[dict[str, Term]]:
    """Rows of a named SELECT query, its variables bound through the store's VALUES block.

    A VALUES block joins first in both backends; pyoxigraph's substitutions were measured
    slower on large stores for several page queries (the bound term is not pushed down).
    """
    return get_store().select(bind_values(load_query(query), bindings))


def href(term: Node | str) -> str:
    """The link to a resource: a local path for minted IRIs, the IRI for web IRIs, else ""."""
    iri = str(term)
    base = base_iri()
    if iri.startswith(base):
        return request.script_root + "/" + iri[len(base) :]
    # Data decides these links: only web schemes become links (no javascript: or data:).
    if iri.startswith(("http://", "https://")):
        return iri
    return ""


def curie(term: Node | str) -> str:
    """A compact form of an IRI: ``prefix:local``, or the path of a minted IRI."""
    iri = str(term)
    if iri.startswith(base_iri()):
        return iri[len(base_iri()) :]
    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            best = prefix
    if best:
        local = iri[len(PREFIXES[best]) :]
        if re.fullmatch(r"[A-Za-z0-9_\-]*", local):
            return f"{best}:{local}"
    return iri


def local_name(term: Node | str) -> str:
    """The last segment of an IRI (``CONSULT`` for plover:CONSULT)."""
    return re.split(r"[/#]", str(term).rstrip("/#"))[-1]


def paragraphs(text: str) -> list[str]:
    """A body text split into its paragraphs at line breaks."""
    return [p.strip() for p in re.split(r"\n\s*", text) if p.strip()]


def register_template_helpers(app: Flask) -> None:
    """Make the link and naming helpers available to every template."""
    app.jinja_env.globals.update(href=href, curie=curie, local_name=local_name)
    app.jinja_env.tests["iri"] = lambda v: isinstance(v, URIRef)
    app.jinja_env.tests["bnode"] = lambda v: isinstance(v, BNode)
    app.jinja_env.tests["literal"] = lambda v: isinstance(v, Literal)


@dataclass(frozen=True, slots=True)
class Statement:
    """One predicate/object row of a description table; blank node objects are nested."""

    predicate: URIRef
    object: Node
    label: str | None = None
    nested: tuple[Statement, ...] = field(default=())


def statements(graph: Graph, subject: Node, depth: int = 0) -> tuple[Statement, ...]:
    """The rows describing ``subject`` in ``graph``, sorted, with blank nodes unfolded."""
    rows = []
    for p, o in sorted(graph.predicate_objects(subject), key=lambda po: (str(po[0]), str(po[1]))):
        nested: tuple[Statement, ...] = ()
        if isinstance(o, BNode) and depth < _MAX_DEPTH:
            nested = statements(graph, o, depth + 1)
        rows.append(Statement(URIRef(str(p)), o, label_of(graph, o), nested))
    return tuple(rows)


def label_of(graph: Graph, node: Node) -> str | None:
    """The label or headline of a node in ``graph``, if any."""
    if not isinstance(node, URIRef):
        return None
    for predicate in (RDFS.label, SDO.headline):
        value = graph.value(node, predicate)
        if value is not None:
            return str(value)
    return None


class Labels:
    """Names of linked resources: from a description first, else one small query each."""

    def __init__(self, graph: Graph | None = None) -> None:
        self._known: dict[Node, tuple[str | None, URIRef]] = {}
        self._graph = graph

    def lookup(self, node: Node, *, article: bool = False) -> tuple[str | None, URIRef]:
        """The label (or headline) of ``node`` and the property it came from.

        ``article`` asks for the headline first (one query instead of two for an article).
        """
        if node in self._known:
            return self._known[node]
        found: tuple[str | None, URIRef] = (None, RDFS.label)
        queries = [("page_label", RDFS.label), ("page_headline", SDO.headline)]
        if article:
            queries.reverse()
        if self._graph is not None and (value := label_of(self._graph, node)) is not None:
            in_label = self._graph.value(node, RDFS.label) is not None
            found = (value, RDFS.label if in_label else SDO.headline)
        elif isinstance(node, URIRef):
            # one row each (LIMIT 1): a hub's label repeats in every article graph
            for query, predicate in queries:
                rows = run(query, node=node)
                if rows:
                    found = (str(rows[0]["label"]), predicate)
                    break
        self._known[node] = found
        return found

    def __call__(self, node: Node, *, article: bool = False) -> str:
        """The name to show for ``node``: its label, else the last segment of its IRI."""
        return self.lookup(node, article=article)[0] or local_name(node)


def geokg_types(graph: Graph, node: Node) -> list[str]:
    """Local names of the geokg classes of a node (``Person``, ``Place``...)."""
    types = graph.objects(node, RDF.type)
    return sorted(local_name(t) for t in types if str(t).startswith(GEOKG_NS))


def qid_of(node: Node) -> str | None:
    """The Wikidata Q-id of a minted entity IRI (``{base}entity/Q399``), else None."""
    prefix = base_iri() + "entity/"
    rest = str(node)[len(prefix) :] if str(node).startswith(prefix) else ""
    return rest if re.fullmatch(r"Q[1-9][0-9]*", rest) else None


# -- article text with its mentions and evidence ----------------------------------------------


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of article text: plain, a mention linked to its entity, inside evidence or not."""

    text: str
    entity: URIRef | None = None
    events: tuple[URIRef, ...] = ()


@dataclass(frozen=True, slots=True)
class Span:
    """An annotated span of an article body: a mention of an entity or an event's evidence."""

    start: int
    end: int
    body: URIRef
    evidence: bool


def spans_of(article: URIRef, length: int) -> list[Span]:
    """The mentions and evidence spans of an article, checked to lie inside its body."""
    spans = []
    for row in run("page_article_spans", article=article):
        start, end, body = row.get("start"), row.get("end"), row.get("body")
        if not (isinstance(start, Literal) and isinstance(end, Literal)):
            continue
        if not isinstance(body, URIRef):
            continue
        try:
            s, e = int(start.toPython()), int(end.toPython())
        except (TypeError, ValueError):
            continue
        if 0 <= s < e <= length:
            spans.append(Span(s, e, body, row.get("kind") == GEOKG.Evidence))
    return sorted(spans, key=lambda sp: (sp.start, -sp.end))


def pieces(text: str, offset: int, spans: list[Span]) -> list[Piece]:
    """Cut ``text`` (starting at ``offset`` in the body) at every span boundary.

    Each piece knows the one mention it belongs to (the first one if mentions overlap) and the
    events whose evidence covers it; the template builds the markup from escaped pieces.
    """
    end_of_text = offset + len(text)
    inside = [sp for sp in spans if sp.start < end_of_text and sp.end > offset]
    cuts = {offset, end_of_text}
    for sp in inside:
        cuts.update((max(sp.start, offset), min(sp.end, end_of_text)))
    bounds = sorted(cuts)
    out = []
    for a, b in itertools.pairwise(bounds):
        covering = [sp for sp in inside if sp.start <= a and b <= sp.end]
        mention = next((sp.body for sp in covering if not sp.evidence), None)
        events = tuple(sp.body for sp in covering if sp.evidence)
        out.append(Piece(text[a - offset : b - offset], mention, events))
    return out


@dataclass(frozen=True, slots=True)
class Run:
    """Consecutive pieces under the same evidence spans (one ``<mark>`` on the page, or none)."""

    events: tuple[URIRef, ...]
    pieces: tuple[Piece, ...]


def runs(cut: list[Piece]) -> list[Run]:
    """Group consecutive pieces that lie in the same evidence sentences."""
    out: list[Run] = []
    for piece in cut:
        if out and out[-1].events == piece.events:
            out[-1] = Run(piece.events, (*out[-1].pieces, piece))
        else:
            out.append(Run(piece.events, (piece,)))
    return out


def marked_paragraphs(body: str, spans: list[Span]) -> list[tuple[int, int, list[Run]]]:
    """The paragraphs of a body (start, end, runs), cut where mentions and evidence begin."""
    out = []
    for match in re.finditer(r"[^\n]+", body):
        raw = match.group()
        start = match.start() + (len(raw) - len(raw.lstrip()))
        end = match.end() - (len(raw) - len(raw.rstrip()))
        if start < end:
            out.append((start, end, runs(pieces(body[start:end], start, spans))))
    return out


# -- events -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventView:
    """What a list of events shows of one event."""

    iri: URIRef
    type: Term | None
    mode: Term | None
    date: Term | None
    factuality: Term | None
    roles: Mapping[str, list[tuple[URIRef, str]]]
    evidence: str | None = None


def event_view(event: URIRef, labels: Labels, evidence: str | None = None) -> EventView:
    """Type, mode, date, factuality and participants of one event (two small queries)."""
    summary = next(iter(run("page_event_summary", event=event)), {})
    roles: dict[str, list[tuple[URIRef, str]]] = {"actor": [], "target": [], "place": []}
    for row in run("page_event_roles", event=event):
        entity = row["entity"]
        if isinstance(entity, URIRef):
            roles.setdefault(str(row["role"]), []).append((entity, labels(entity)))
    return EventView(
        event,
        summary.get("type"),
        summary.get("mode"),
        summary.get("date"),
        summary.get("factuality"),
        roles,
        evidence,
    )


def _event_number(event: Node) -> tuple[int, str]:
    """The sort key of an event IRI: its number in the article (``.../event/ID/10``)."""
    last = local_name(event)
    return (int(last), "") if last.isdigit() else (0, str(event))


# -- schema.org for search engines ------------------------------------------------------------

_SCHEMA_CONTEXT = {
    "@vocab": str(SDO),
    "sameAs": {"@type": "@id"},
    "url": {"@type": "@id"},
}
_SCHEMA_TYPES = {
    "Person": "Person",
    "Organization": "Organization",
    "Country": "Country",
    "Place": "Place",
    "NamedEvent": "Event",
}


def _ref(node: Node, name: str | None) -> dict[str, str]:
    """A schema.org node reference with its name."""
    found = {"@id": str(node)}
    if name:
        found["name"] = name
    return found


# -- the three page kinds ---------------------------------------------------------------------


def article_context(graph: Graph, iri: URIRef, labels: Labels) -> dict[str, Any]:
    """What the article page shows."""
    publisher = graph.value(iri, SDO.publisher)
    author = graph.value(iri, SDO.author)
    body = graph.value(iri, SDO.articleBody)
    headline = graph.value(iri, SDO.headline)
    date = graph.value(iri, SDO.datePublished)
    url = graph.value(iri, SDO.url)
    text = str(body) if body is not None else ""
    spans = spans_of(iri, len(text)) if text else []
    evidence = {sp.body: text[sp.start : sp.end] for sp in spans if sp.evidence}
    events = sorted(
        {
            r["event"]
            for r in run("page_article_events", article=iri)
            if isinstance(r["event"], URIRef)
        },
        key=_event_number,
    )
    mentioned = sorted(
        ((e, labels(e)) for e in graph.objects(iri, SDO.mentions) if isinstance(e, URIRef)),
        key=lambda pair: pair[1].lower(),
    )
    related = sorted(
        ((r, labels(r, article=True)) for r in graph.objects(iri, GEOKG.relatedArticle)),
        key=lambda pair: pair[1],
    )
    schema: dict[str, Any] = {"@context": _SCHEMA_CONTEXT, "@type": "NewsArticle", "@id": str(iri)}
    if headline is not None:
        schema["headline"] = str(headline)
    if date is not None:
        schema["datePublished"] = str(date)
    if url is not None:
        schema["url"] = str(url)
    if publisher is not None:
        schema["publisher"] = {**_ref(publisher, labels(publisher)), "@type": "Organization"}
    if author is not None:
        schema["author"] = _ref(author, labels(author))
    if mentioned:
        schema["mentions"] = [_ref(e, name) for e, name in mentioned]
    return {
        "headline": headline,
        "date": date,
        "url": url,
        "publisher": publisher,
        "publisher_label": labels(publisher) if publisher is not None else None,
        "author": author,
        "author_label": labels(author) if author is not None else None,
        "paragraphs": [p for _, _, p in marked_paragraphs(text, spans)],
        "labels": labels,
        "entities": mentioned,
        "events": [event_view(e, labels, evidence.get(e)) for e in events],
        "related": related,
        "schema": schema,
        "editor": editor_url("page_describe", resource=iri),
    }


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a timeline chart."""

    x: float
    y: float
    width: float
    height: float
    period: str
    events: int


@dataclass(frozen=True, slots=True)
class Timeline:
    """A bar chart of events per month (per year over long spans), drawn as inline SVG."""

    bars: tuple[Bar, ...]
    width: int
    height: int
    first: str
    last: str
    peak: int
    total: int
    undated: int


def timeline(
    rows: list[dict[str, Term]], *, width: int = 640, height: int = 120
) -> Timeline | None:
    """The chart of an entity's events per month; None when no event has a month."""
    per_month: dict[str, int] = {}
    year_only = 0
    for row in rows:
        month, count = str(row.get("month", "")), int(str(row.get("events", "0")))
        if re.fullmatch(r"\d{4}-\d{2}", month):
            per_month[month] = per_month.get(month, 0) + count
        else:
            year_only += count
    if not per_month:
        return None
    first, last = min(per_month), max(per_month)
    y0, m0 = int(first[:4]), int(first[5:])
    y1, m1 = int(last[:4]), int(last[5:])
    span = (y1 - y0) * 12 + (m1 - m0) + 1
    periods: list[str]
    counts: dict[str, int]
    if span > 120:  # more than ten years: one bar a year
        counts = {}
        for month, count in per_month.items():
            counts[month[:4]] = counts.get(month[:4], 0) + count
        periods = [str(y) for y in range(y0, y1 + 1)]
    else:
        counts = per_month
        periods = [
            f"{y0 + (m0 - 1 + i) // 12:04d}-{(m0 - 1 + i) % 12 + 1:02d}" for i in range(span)
        ]
    peak = max(counts.values())
    step = width / len(periods)
    bars = []
    for i, period in enumerate(periods):
        n = counts.get(period, 0)
        h = round(n / peak * (height - 4), 1) if peak else 0.0
        bars.append(
            Bar(round(i * step, 2), round(height - h, 1), round(max(step - 1, 1), 2), h, period, n)
        )
    return Timeline(
        tuple(bars),
        width,
        height,
        periods[0],
        periods[-1],
        peak,
        sum(per_month.values()),
        year_only,
    )


class BadPage(GeokgError):
    """A ``?page=`` that is not a page number."""

    status = 400


_WIKIDATA_ITEM = re.compile(r"http://www\.wikidata\.org/entity/(Q[1-9][0-9]*)")
#: Wikidata facts an entity page shows (stored by ``geokg enrich``), in this order.
WIKIDATA_FACTS = {
    "http://schema.org/description": "description",
    "http://www.wikidata.org/prop/direct/P297": "ISO code",
    "http://www.wikidata.org/prop/direct/P1082": "population",
    "http://www.wikidata.org/prop/direct/P36": "capital",
    "http://www.wikidata.org/prop/direct/P17": "country",
    "http://www.wikidata.org/prop/direct/P625": "coordinates",
    "http://www.wikidata.org/prop/direct/P856": "official website",
}


def wikidata_facts(items: list[URIRef], labels: Labels) -> list[tuple[str, Term]]:
    """The enrichment facts of the Wikidata items an entity is ``owl:sameAs``, named.

    An item value (a capital, a country) becomes the local entity when this store has one.
    """
    found: list[tuple[str, Term]] = []
    for item in items[:3]:
        for row in run("page_same_as_facts", item=item):
            name = WIKIDATA_FACTS.get(str(row["property"]))
            value = row["value"]
            if isinstance(value, Literal) and value.language not in (None, "en"):
                continue
            if isinstance(value, URIRef) and (q := _WIKIDATA_ITEM.fullmatch(str(value))):
                local = URIRef(base_iri() + "entity/" + q.group(1))
                if labels.lookup(local)[0] is not None:
                    value = local
            if name and (name, value) not in found:
                found.append((name, value))
    order = list(WIKIDATA_FACTS.values())
    return sorted(found, key=lambda pair: order.index(pair[0]))


def page_number() -> int:
    """The ``?page=`` of the request (1 when absent).

    Raises:
        BadPage: the page is not a whole number of at least 1.
    """
    raw = request.args.get("page")
    if raw is None or raw == "":
        return 1
    if not re.fullmatch(r"[0-9]{1,6}", raw) or int(raw) < 1:
        raise BadPage(f"page must be a whole number from 1, not {raw!r}")
    return int(raw)


def entity_context(graph: Graph, iri: URIRef, labels: Labels) -> dict[str, Any]:
    """What the entity page shows; every list is bounded, so hubs render as fast as others."""
    page = page_number()
    store = get_store()
    names = (
        "page_entity_count",
        "page_entity_articles",
        "page_entity_timeline",
        "page_entity_coactors",
    )
    # independent queries: the engine runs them side by side (pyoxigraph releases the GIL)
    with ThreadPoolExecutor(max_workers=len(names)) as pool:
        futures = {
            n: pool.submit(store.select, bind_values(load_query(n), {"entity": iri})) for n in names
        }
        results = {n: f.result() for n, f in futures.items()}
    count_rows = results["page_entity_count"]
    total = int(str(count_rows[0]["articles"])) if count_rows else 0
    listed = list({row["article"]: row for row in results["page_entity_articles"]}.values())
    reachable = min(len(listed), MAX_LISTED_ARTICLES)
    pages = max(1, -(-reachable // PAGE_SIZE))
    if page > pages:
        raise NotFound(
            f"page {page} is past the last page ({pages}) of articles mentioning <{iri}>"
        )
    shown = listed[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    articles = [(r["article"], labels(r["article"], article=True), r.get("date")) for r in shown]

    types = geokg_types(graph, iri)
    own: list[str] = []
    if "Country" in types and (q := qid_of(iri)):
        own.append(q)
    for link in (GEOKG.affiliatedWith, GEOKG.standsFor):
        own.extend(q for o in graph.objects(iri, link) if (q := qid_of(o)) and q not in own)
    sharing = [
        (r["other"], int(str(r["articles"])))
        for r in results["page_entity_coactors"]
        if isinstance(r.get("other"), URIRef)
    ]
    dyads: list[tuple[str, str, str, str, int]] = []
    for other, shared in sharing if own else ():
        if len(dyads) >= SHOWN_DYADS:
            break
        other_qid = qid_of(other)
        if other_qid and other_qid not in own and run("page_is_country", node=other):
            dyads.extend(
                (q, labels(URIRef(base_iri() + "entity/" + q)), other_qid, labels(other), shared)
                for q in own
            )
    coactors = [(other, labels(other), shared) for other, shared in sharing[:SHOWN_COACTORS]]

    same_as = sorted(graph.objects(iri, OWL.sameAs), key=str)
    label = labels(iri)
    facts = wikidata_facts([s for s in same_as if isinstance(s, URIRef)], labels)
    description = (
        graph.value(iri, SDO.description)
        or graph.value(iri, RDFS.comment)
        or next((v for p, v in facts if p == "description"), None)
    )
    job_titles = sorted({str(j) for j in graph.objects(iri, SDO.jobTitle)})
    affiliations = [(a, labels(a)) for a in graph.objects(iri, GEOKG.affiliatedWith)]
    schema: dict[str, Any] = {
        "@context": _SCHEMA_CONTEXT,
        "@type": next((_SCHEMA_TYPES[t] for t in types if t in _SCHEMA_TYPES), "Thing"),
        "@id": str(iri),
        "name": label,
    }
    if same_as:
        schema["sameAs"] = [str(s) for s in same_as]
    if description is not None:
        schema["description"] = str(description)
    if job_titles and schema["@type"] == "Person":
        schema["jobTitle"] = job_titles
    if affiliations and schema["@type"] == "Person":
        schema["affiliation"] = [_ref(a, name) for a, name in affiliations]
    # the events of the shown articles in which the entity takes part: one small query per
    # article, instead of sorting every event of a hub
    events = {
        article: [row for row in run("page_entity_article_events", article=article, entity=iri)]
        for article, _, _ in articles
    }
    return {
        "label": label,
        "types": types,
        "same_as": same_as,
        "description": description,
        "facts": [(name, value) for name, value in facts if name != "description"],
        "labels": labels,
        "job_titles": job_titles,
        "affiliations": affiliations,
        "stands_for": [(a, labels(a)) for a in graph.objects(iri, GEOKG.standsFor)],
        "articles": articles,
        "article_count": total,
        "page": page,
        "pages": pages,
        "more_articles": total > reachable,
        "timeline": timeline(results["page_entity_timeline"]),
        "coactors": coactors,
        "dyads": dyads,
        "events": events,
        "schema": schema,
        "editor": editor_url("page_describe", resource=iri),
        "articles_editor": editor_url("page_entity_articles", entity=iri),
    }


def event_context(graph: Graph, iri: URIRef, labels: Labels) -> dict[str, Any]:
    """What the event page shows: its summary, participants and the evidence in context."""
    roles: dict[str, list[tuple[URIRef, str]]] = {}
    for name, prop in (
        ("actor", SEM.hasActor),
        ("target", GEOKG.hasTarget),
        ("place", SEM.hasPlace),
    ):
        found = [(e, labels(e)) for e in graph.objects(iri, prop) if isinstance(e, URIRef)]
        roles[name] = sorted(found, key=lambda pair: pair[1])
    source = next(iter(run("page_event_evidence", event=iri)), {})
    article = source.get("article")
    context: list[Run] = []
    sentence = None
    headline = None
    if isinstance(article, URIRef):
        headline = labels(article, article=True)
        text_rows = run("page_article_text", article=article)
        text = str(text_rows[0]["body"]) if text_rows else ""
        start, end = source.get("start"), source.get("end")
        if text and isinstance(start, Literal) and isinstance(end, Literal):
            s, e = int(start.toPython()), int(end.toPython())
            if 0 <= s < e <= len(text):
                sentence = text[s:e]
                spans = [
                    sp for sp in spans_of(article, len(text)) if not sp.evidence or sp.body == iri
                ]
                for p_start, p_end, p in marked_paragraphs(text, spans):
                    if p_start <= s < p_end:
                        context = p
                        break
    type_ = graph.value(iri, SEM.eventType)
    mode = graph.value(iri, GEOKG.mode)
    date = graph.value(iri, SEM.hasTimeStamp)
    place = roles["place"]
    name = local_name(type_) if type_ is not None else "Event"
    schema: dict[str, Any] = {
        "@context": _SCHEMA_CONTEXT,
        "@type": "Event",
        "@id": str(iri),
        "name": f"{name} ({mode})" if mode is not None else name,
    }
    if date is not None:
        schema["startDate"] = str(date)
    if place:
        schema["location"] = {**_ref(*place[0]), "@type": "Place"}
    if roles["actor"]:
        schema["actor"] = [_ref(e, n) for e, n in roles["actor"]]
    if roles["target"]:
        schema["about"] = [_ref(e, n) for e, n in roles["target"]]
    if isinstance(article, URIRef):
        schema["subjectOf"] = {**_ref(article, headline), "@type": "NewsArticle"}
    return {
        "type": type_,
        "mode": mode,
        "date": date,
        "factuality": graph.value(iri, GEOKG.factuality),
        "confidence": graph.value(iri, GEOKG.confidence),
        "roles": roles,
        "article": article,
        "headline": headline,
        "sentence": sentence,
        "context": context,
        "labels": labels,
        "generated_by": graph.value(iri, PROV.wasGeneratedBy),
        "schema": schema,
        "editor": editor_url("page_describe", resource=iri),
    }


def resource_context(graph: Graph, iri: URIRef, labels: Labels) -> dict[str, Any]:
    """What the page of any other resource (annotation, graph, activity, agent) shows."""
    label = label_of(graph, iri)
    return {
        "label": label,
        "is_graph": str(iri).startswith(base_iri() + "graph/"),
        "schema": {
            "@context": _SCHEMA_CONTEXT,
            "@type": "WebPage",
            "about": _ref(iri, label),
        },
        "editor": editor_url("page_describe", resource=iri),
    }


def page_for(graph: Graph, iri: URIRef, labels: Labels) -> tuple[str, Mapping[str, Any]]:
    """The template and context of the HTML page of a described resource."""
    types = set(graph.objects(iri, RDF.type))
    if GEOKG.Article in types:
        return "article.html", article_context(graph, iri, labels)
    if GEOKG.Event in types:
        return "event.html", event_context(graph, iri, labels)
    if types & _ENTITY_CLASSES:
        return "entity.html", entity_context(graph, iri, labels)
    return "resource.html", resource_context(graph, iri, labels)


_ENTITY_CLASSES: set[Node] = {
    GEOKG.NamedEntity,
    GEOKG.Person,
    GEOKG.Organization,
    GEOKG.Country,
    GEOKG.Place,
    GEOKG.NamedEvent,
    GEOKG.OtherEntity,
}
