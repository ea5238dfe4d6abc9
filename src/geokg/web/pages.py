"""The HTML side of the site: the home page, and the view models of resource pages."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, Flask, render_template, request
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SDO
from rdflib.term import Node

from ..assets import load_query
from ..namespaces import GEOKG, GEOKG_NS, PREFIXES, SEM
from ..store import Term
from . import base_iri, get_store

bp = Blueprint("pages", __name__)

_MAX_DEPTH = 4


@bp.route("/")
def home() -> str:
    """The home page: latest articles and most mentioned entities."""
    store = get_store()
    return render_template(
        "home.html",
        articles=store.select(load_query("recent_articles")),
        entities=store.select(load_query("top_entities")),
    )


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


def geokg_types(graph: Graph, node: Node) -> list[str]:
    """Local names of the geokg classes of a node (``Person``, ``Place``...)."""
    types = graph.objects(node, RDF.type)
    return sorted(local_name(t) for t in types if str(t).startswith(GEOKG_NS))


def _rows(query: str, **bindings: Term) -> list[dict[str, Term]]:
    """Rows of a named SELECT query with variables bound."""
    return get_store().select(load_query(query), bindings)


def _roles(event: Term) -> dict[str, list[dict[str, Term]]]:
    """Actors, targets and places of an event, by role."""
    found: dict[str, list[dict[str, Term]]] = {"actor": [], "target": [], "place": []}
    for row in _rows("event_roles", event=event):
        found.setdefault(str(row["role"]), []).append(row)
    return found


def article_context(graph: Graph, iri: URIRef) -> dict[str, Any]:
    """What the article page shows."""
    publisher = graph.value(iri, SDO.publisher)
    body = graph.value(iri, SDO.articleBody)
    events = _rows("article_events", article=iri)
    related = [(r, label_of(graph, r)) for r in graph.objects(iri, GEOKG.relatedArticle)]
    return {
        "headline": graph.value(iri, SDO.headline),
        "date": graph.value(iri, SDO.datePublished),
        "url": graph.value(iri, SDO.url),
        "publisher": publisher,
        "publisher_label": label_of(graph, publisher) if publisher is not None else None,
        "paragraphs": paragraphs(str(body)) if body is not None else [],
        "entities": _rows("article_entities", article=iri),
        "events": [(e, _roles(e["event"])) for e in events],
        "related": sorted(related, key=lambda r: str(r[1] or r[0])),
    }


def entity_context(graph: Graph, iri: URIRef) -> dict[str, Any]:
    """What the entity page shows."""
    return {
        "label": label_of(graph, iri) or local_name(iri),
        "types": geokg_types(graph, iri),
        "same_as": sorted(graph.objects(iri, OWL.sameAs)),
        "job_titles": sorted({str(j) for j in graph.objects(iri, SDO.jobTitle)}),
        "affiliations": [(a, label_of(graph, a)) for a in graph.objects(iri, GEOKG.affiliatedWith)],
        "stands_for": [(a, label_of(graph, a)) for a in graph.objects(iri, GEOKG.standsFor)],
        "articles": _rows("entity_articles", entity=iri),
        "events": _rows("entity_events", entity=iri),
    }


def event_context(graph: Graph, iri: URIRef) -> dict[str, Any]:
    """What the event page shows."""
    sources = _rows("event_source", event=iri)
    return {
        "type": graph.value(iri, SEM.eventType),
        "mode": graph.value(iri, GEOKG.mode),
        "date": graph.value(iri, SEM.hasTimeStamp),
        "factuality": graph.value(iri, GEOKG.factuality),
        "confidence": graph.value(iri, GEOKG.confidence),
        "roles": _roles(iri),
        "sources": sources,
    }


def page_for(graph: Graph, iri: URIRef) -> tuple[str, Mapping[str, Any]]:
    """The template and context of the HTML page of a described resource."""
    types = set(graph.objects(iri, RDF.type))
    if GEOKG.Article in types:
        return "article.html", article_context(graph, iri)
    if GEOKG.Event in types:
        return "event.html", event_context(graph, iri)
    if types & _ENTITY_CLASSES:
        return "entity.html", entity_context(graph, iri)
    return "resource.html", {"label": label_of(graph, iri)}


_ENTITY_CLASSES: set[Node] = {
    GEOKG.NamedEntity,
    GEOKG.Person,
    GEOKG.Organization,
    GEOKG.Country,
    GEOKG.Place,
    GEOKG.NamedEvent,
    GEOKG.OtherEntity,
}
