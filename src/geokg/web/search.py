"""Entity search by name or alias: an HTML results page and OpenSearch suggestions as you type."""

from __future__ import annotations

import json
from dataclasses import dataclass

from flask import Blueprint, Response, render_template, request
from rdflib import Literal, URIRef

from ..assets import load_query
from ..errors import GeokgError, NotFound
from ..store import Term, bind_values
from . import get_store
from .editor import editor_url
from .negotiation import Offer, negotiate, negotiate_request
from .pages import href, local_name

bp = Blueprint("search", __name__)

#: The longest search text accepted, in characters.
MAX_QUERY = 200
#: Results on one page of /search.
PAGE_SIZE = 20
#: Suggestions sent at most (OpenSearch suggestions for a search box).
MAX_SUGGESTIONS = 10
#: The most matches ``queries/search_entities.rq`` returns (its LIMIT).
MATCH_CAP = 1000
SEARCH_OFFERS = (Offer("text/html", ("application/xhtml+xml",)), Offer("application/json"))
SUGGEST_OFFERS = (Offer("application/x-suggestions+json", ("application/json",)),)
#: Suggestions change only with the data; browsers and proxies may keep them a few minutes.
SUGGEST_CACHE = "public, max-age=300"


class BadSearch(GeokgError):
    """A search text that is missing, blank or too long, or a bad page number."""

    status = 400


@dataclass(frozen=True, slots=True)
class Hit:
    """One entity found: its IRI, name, class and how many articles mention it."""

    entity: URIRef
    label: str
    prefix: bool
    kind: str
    articles: int


def search_text() -> str:
    """The ``q`` parameter, trimmed; 400 when it is missing, blank or too long."""
    raw = request.args.get("q")
    if raw is None:
        raise BadSearch("give the name to search for as ?q=, e.g. /search?q=armenia")
    text = " ".join(raw.split())
    if not text:
        raise BadSearch("the search text q is empty; type a name or part of one")
    if len(text) > MAX_QUERY:
        raise BadSearch(f"the search text q has {len(text)} characters; at most {MAX_QUERY}")
    return text


def matches(text: str) -> list[dict[str, Term]]:
    """Entities whose name contains ``text`` (any case), names that start with it first.

    Bound as a VALUES block (``store.bind_values``), as a remote engine receives it.
    """
    query = bind_values(load_query("search_entities"), {"q": Literal(text.lower())})
    return get_store().select(query)


def hit(row: dict[str, Term]) -> Hit:
    """A match with its class and number of mentioning articles."""
    entity = URIRef(str(row["entity"]))
    query = bind_values(load_query("search_entity_summary"), {"entity": entity})
    summary = get_store().select(query)
    kind = local_name(summary[0]["class"]) if summary and "class" in summary[0] else ""
    count = summary[0].get("articles") if summary else None
    articles = int(count.toPython()) if isinstance(count, Literal) else 0
    rank = row.get("rank")
    prefix = isinstance(rank, Literal) and int(rank.toPython()) == 0
    return Hit(entity, str(row.get("label", local_name(entity))), prefix, kind, articles)


def absolute_link(entity: URIRef) -> str:
    """The full URL of an entity's page on this server (its IRI when not minted here)."""
    link = href(entity)
    return request.host_url.rstrip("/") + link if link.startswith("/") else link


def _page_number() -> int:
    """The ``page`` parameter: a positive integer, 1 when absent."""
    raw = request.args.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= MATCH_CAP // PAGE_SIZE:
        raise BadSearch(f"page must be a whole number from 1 to {MATCH_CAP // PAGE_SIZE}")
    return int(raw)


@bp.route("/search")
def search() -> Response:
    """Entities by name or alias, as a results page (or JSON), paged."""
    offer = negotiate_request(SEARCH_OFFERS)
    text = search_text()
    page = _page_number()
    found = matches(text)
    pages = max(1, -(-len(found) // PAGE_SIZE))
    if page > pages:
        raise NotFound(f"page {page} is past the last page ({pages}) of the matches of {text!r}")
    hits = [hit(row) for row in found[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]]
    if offer.media_type == "application/json":
        body = {
            "q": text,
            "page": page,
            "pages": pages,
            "matches": len(found),
            "results": [
                {"iri": str(h.entity), "label": h.label, "type": h.kind,
                 "articles": h.articles, "url": absolute_link(h.entity)}
                for h in hits
            ],
        }
        return Response(json.dumps(body, ensure_ascii=False), mimetype="application/json")
    html = render_template(
        "search.html", q=text, hits=hits, page=page, pages=pages, matches=len(found),
        capped=len(found) >= MATCH_CAP,
        editor=editor_url("search_entities", q=Literal(text.lower())),
    )
    return Response(html, mimetype="text/html")


@bp.route("/search/suggest")
def suggest() -> Response:
    """OpenSearch suggestions: ``[q, [names], [descriptions], [urls]]``, at most ten."""
    negotiate(SUGGEST_OFFERS, request.headers.get("Accept"))
    text = search_text()
    hits = [hit(row) for row in matches(text)[:MAX_SUGGESTIONS]]
    body = [
        text,
        [h.label for h in hits],
        [f"{h.kind}, {h.articles} article{'' if h.articles == 1 else 's'}" for h in hits],
        [absolute_link(h.entity) for h in hits],
    ]
    response = Response(
        json.dumps(body, ensure_ascii=False), mimetype="application/x-suggestions+json"
    )
    response.headers["Cache-Control"] = SUGGEST_CACHE
    return response
