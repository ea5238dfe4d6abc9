"""Resource pages for people and machines: negotiation, validators, 404/406, HTML5, hub paging."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any
from urllib.parse import unquote

import html5lib
import pytest
from flask.testing import FlaskClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, PROV, RDF, RDFS, SDO

from geokg.store import Store

from .test_web import (
    ARTICLE,
    ARTICLE_ID,
    BASE,
    BROWSER,
    EVENT,
    MENTION,
    PASHINYAN,
    SCRIPT_ARTICLE,
    load_fixture,
    make_app,
)

#: One resource of every minted kind in tests/data/web/sample.trig.
RESOURCES = {
    "article": ARTICLE,
    "entity": PASHINYAN,
    "event": EVENT,
    "annotation": MENTION,
    "activity": f"/activity/{ARTICLE_ID}",
    "graph": f"/graph/{ARTICLE_ID}",
    "agent": "/agent/geokg-0.1.0",
}
UNKNOWN = {
    "article": "/article/no-such-article-0000000000",
    "entity": "/entity/Q1",
    "event": f"/event/{ARTICLE_ID}/99",
    "annotation": f"/annotation/{ARTICLE_ID}/m1-2",
    "activity": "/activity/nothing",
    "graph": "/graph/nothing",
    "agent": "/agent/nobody",
}
#: media type -> (path suffix, rdflib parser; None for HTML)
FORMATS: dict[str, tuple[str, str | None]] = {
    "text/turtle": ("ttl", "turtle"),
    "application/ld+json": ("jsonld", "json-ld"),
    "application/n-triples": ("nt", "nt"),
    "application/rdf+xml": ("rdf", "xml"),
    "text/html": ("html", None),
}
# RDF requests for an article graph's IRI get the graph itself (Graph Store Protocol, direct
# identification: web/graph_store.py); its HTML page is a resource page like the others.
KIND_FORMATS = [(k, m) for k in RESOURCES for m in FORMATS if k != "graph" or m == "text/html"]
IDS = [f"{k}-{FORMATS[m][0]}" for k, m in KIND_FORMATS]


@pytest.fixture
def client() -> Iterator[FlaskClient]:
    with make_app(load_fixture(Store())).test_client() as c:
        yield c


def parse_html(data: bytes) -> None:
    """Parse as HTML5; html5lib's strict mode raises on the first parse error."""
    html5lib.HTMLParser(strict=True).parse(data)


def embedded_jsonld(text: str) -> Graph:
    """The schema.org JSON-LD embedded in an HTML page, parsed by rdflib (no remote context)."""
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    assert len(found) == 1
    return Graph().parse(data=found[0], format="json-ld")


@pytest.mark.parametrize(("kind", "media_type"), KIND_FORMATS, ids=IDS)
def test_every_kind_in_every_format(client: FlaskClient, kind: str, media_type: str) -> None:
    suffix, parser = FORMATS[media_type]
    path = RESOURCES[kind]
    by_accept = client.get(path, headers={"Accept": media_type})
    by_suffix = client.get(f"{path}.{suffix}", headers={"Accept": "image/png"})
    for response in (by_accept, by_suffix):
        assert response.status_code == 200, response.get_data(as_text=True)
        assert response.mimetype == media_type
        assert "Accept" in response.vary
        assert response.headers["Content-Location"] == f"{path}.{suffix}"
        assert f'<{path}.ttl>; rel="alternate"; type="text/turtle"' in response.headers["Link"]
        assert response.headers["ETag"].startswith('"')  # strong
    assert by_accept.data == by_suffix.data
    iri = URIRef(BASE + path.lstrip("/"))
    if parser is None:
        parse_html(by_accept.data)
        text = by_accept.get_data(as_text=True)
        assert f'href="{path}.ttl"' in text
        assert 'href="/sparql#query=' in text
        assert embedded_jsonld(text)  # not empty
    else:
        graph = Graph().parse(data=by_accept.data, format=parser)
        assert (iri, None, None) in graph
        document = URIRef(f"{iri}.{suffix}")
        assert (document, FOAF.primaryTopic, iri) in graph
        assert (document, PROV.wasDerivedFrom, URIRef(f"{BASE}graph/{ARTICLE_ID}")) in graph


@pytest.mark.parametrize(("kind", "media_type"), KIND_FORMATS, ids=IDS)
def test_unknown_is_404_in_the_format_asked(
    client: FlaskClient, kind: str, media_type: str
) -> None:
    suffix, parser = FORMATS[media_type]
    for response in (
        client.get(UNKNOWN[kind], headers={"Accept": media_type}),
        client.get(f"{UNKNOWN[kind]}.{suffix}"),
    ):
        assert response.status_code == 404
        assert response.mimetype == media_type
        assert "Accept" in response.vary
        if parser is None:
            parse_html(response.data)
            assert "404" in response.get_data(as_text=True)
        else:
            assert len(Graph().parse(data=response.data, format=parser)) == 0


@pytest.mark.parametrize("kind", RESOURCES)
def test_nothing_acceptable_is_406_with_the_offers(client: FlaskClient, kind: str) -> None:
    response = client.get(RESOURCES[kind], headers={"Accept": "image/png, text/csv;q=0.5"})
    assert response.status_code == 406
    assert "Accept" in response.vary
    text = response.get_data(as_text=True)
    for media_type in FORMATS:
        assert media_type in text


@pytest.mark.parametrize(("kind", "media_type"), KIND_FORMATS, ids=IDS)
def test_conditional_get(client: FlaskClient, kind: str, media_type: str) -> None:
    path = RESOURCES[kind]
    first = client.get(path, headers={"Accept": media_type})
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    same = client.get(path, headers={"Accept": media_type, "If-None-Match": etag})
    assert same.status_code == 304 and same.data == b""
    assert same.headers["ETag"] == etag and "Accept" in same.vary
    assert (
        client.get(path, headers={"Accept": media_type, "If-Modified-Since": modified}).status_code
        == 304
    )
    before = format_datetime(parsedate_to_datetime(modified) - dt.timedelta(seconds=1), usegmt=True)
    assert (
        client.get(path, headers={"Accept": media_type, "If-Modified-Since": before}).status_code
        == 200
    )
    # If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2)
    stale = {"Accept": media_type, "If-None-Match": '"other"', "If-Modified-Since": modified}
    assert client.get(path, headers=stale).status_code == 200


def test_etag_differs_by_format_and_last_modified_is_the_extraction_time(
    client: FlaskClient,
) -> None:
    tags = {client.get(PASHINYAN, headers={"Accept": m}).headers["ETag"] for m in FORMATS}
    assert len(tags) == len(FORMATS)
    # Pashinyan is stated only in the article graph extracted at 2026-01-15T08:00:00Z
    assert client.get(PASHINYAN).headers["Last-Modified"] == "Thu, 15 Jan 2026 08:00:00 GMT"
    # the second article's activity only in its own graph (extracted 2026-01-11)
    activity = client.get("/activity/armenia-weighs-options-5b8e0d4c21")
    assert activity.headers["Last-Modified"] == "Sun, 11 Jan 2026 08:00:00 GMT"
    # Armenia is in both graphs: the later time
    assert client.get("/entity/Q399").headers["Last-Modified"] == "Thu, 15 Jan 2026 08:00:00 GMT"


def test_head_answers_like_get_without_a_body(client: FlaskClient) -> None:
    response = client.head(PASHINYAN + ".ttl")
    assert response.status_code == 200 and response.data == b""
    assert response.headers["ETag"] == client.get(PASHINYAN + ".ttl").headers["ETag"]


def test_description_has_each_statement_once_and_the_labels_it_links_to(
    client: FlaskClient,
) -> None:
    # Armenia is described in both article graphs; each statement comes once
    armenia = URIRef(BASE + "entity/Q399")
    lines = client.get("/entity/Q399.nt").get_data(as_text=True).splitlines()
    label_lines = [line for line in lines if line.startswith(f"<{armenia}> <{RDFS.label}>")]
    assert label_lines == [f'<{armenia}> <{RDFS.label}> "Armenia" .']
    assert len(lines) == len(set(lines))
    graph = Graph().parse(data=client.get(ARTICLE + ".ttl").data, format="turtle")
    # labels and headlines of the linked resources come along
    assert (URIRef(BASE + "entity/Q649"), RDFS.label, Literal("Moscow")) in graph
    related = URIRef(BASE + SCRIPT_ARTICLE.lstrip("/"))
    assert (
        related,
        SDO.headline,
        Literal("Armenia weighs <script>alert(1)</script> options"),
    ) in graph
    # but not their own descriptions
    assert (URIRef(BASE + "entity/Q649"), RDF.type, None) not in graph


def test_annotation_description_follows_its_blank_nodes(client: FlaskClient) -> None:
    graph = Graph().parse(data=client.get(MENTION + ".ttl").data, format="turtle")
    oa = "http://www.w3.org/ns/oa#"
    assert set(graph.objects(None, URIRef(oa + "exact"))) == {Literal("Nikol Pashinyan")}
    assert set(graph.objects(None, URIRef(oa + "start"))) == {Literal(0)}


@pytest.mark.parametrize(
    "path",
    [
        *RESOURCES.values(),
        SCRIPT_ARTICLE,
        "/article/gas-talks-stall-a1b2c3d4e5",
        "/entity/Q1953",
        "/entity/Q399",
        "/entity/organization/example-news",
        UNKNOWN["entity"],
    ],
)
def test_pages_are_valid_html5(client: FlaskClient, path: str) -> None:
    response = client.get(path, headers={"Accept": BROWSER})
    assert response.mimetype == "text/html"
    parse_html(response.data)


def test_pages_embed_schema_org(client: FlaskClient) -> None:
    schema = "https://schema.org/"
    entity = embedded_jsonld(client.get(PASHINYAN + ".html").get_data(as_text=True))
    me = URIRef(BASE + "entity/Q7035479")
    assert (me, RDF.type, URIRef(schema + "Person")) in entity
    assert (me, URIRef(schema + "name"), Literal("Nikol Pashinyan")) in entity
    assert (
        me,
        URIRef(schema + "sameAs"),
        URIRef("http://www.wikidata.org/entity/Q7035479"),
    ) in entity
    article = embedded_jsonld(client.get(ARTICLE + ".html").get_data(as_text=True))
    art = URIRef(BASE + ARTICLE.lstrip("/"))
    assert (art, RDF.type, URIRef(schema + "NewsArticle")) in article
    assert (
        art,
        URIRef(schema + "headline"),
        Literal("Pashinyan arrives in Moscow for talks"),
    ) in article
    assert (art, URIRef(schema + "mentions"), me) in article
    event = embedded_jsonld(client.get(EVENT + ".html").get_data(as_text=True))
    ev = URIRef(BASE + EVENT.lstrip("/"))
    assert (ev, RDF.type, URIRef(schema + "Event")) in event
    assert (ev, URIRef(schema + "startDate"), Literal("2026-01-14")) in event


def test_script_in_a_headline_stays_text(client: FlaskClient) -> None:
    text = client.get(SCRIPT_ARTICLE + ".html").get_data(as_text=True)
    assert "<script>alert" not in text
    assert "<h1>Armenia weighs &lt;script&gt;alert(1)&lt;/script&gt; options</h1>" in text
    # in the JSON-LD block too: escaped so that it cannot close the script element
    inline = re.sub(r'<script [^>]*src="[^"]*"[^>]*></script>', "", text)
    assert inline.count("</script>") == 1
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in text
    headline = URIRef("https://schema.org/headline")
    assert Literal("Armenia weighs <script>alert(1)</script> options") in set(
        embedded_jsonld(text).objects(None, headline)
    )


def test_article_text_links_every_mention_and_marks_evidence(client: FlaskClient) -> None:
    text = client.get(ARTICLE + ".html").get_data(as_text=True)
    body = text[text.index('<div class="article-text">') : text.index("</div>")]
    links = re.findall(r'<a class="mention" href="([^"]+)"[^>]*>([^<]+)</a>', body)
    assert links == [
        ("/entity/Q7035479", "Nikol Pashinyan"),
        ("/entity/Q649", "Moscow"),
        ("/entity/Q1953", "Yerevan"),
        ("/entity/Q159", "Russia"),
    ]
    marked = re.findall(r'<mark class="evidence"[^>]*>(.*?)</mark>', body, re.S)
    assert len(marked) == 1
    assert re.sub(r"<[^>]+>", "", marked[0]) == (
        "Nikol Pashinyan arrived in Moscow on Wednesday for talks with Russian officials."
    )
    assert "Example News" in text and "2026-01-14" in text
    assert 'href="https://news.example.org/2026/01/14/pashinyan-moscow"' in text
    assert f'href="{SCRIPT_ARTICLE}"' in text  # related article


def test_event_page_shows_its_evidence_in_context(client: FlaskClient) -> None:
    text = client.get(EVENT + ".html").get_data(as_text=True)
    quote = text[text.index("<blockquote") : text.index("</blockquote>")]
    assert '<mark class="evidence current"' in quote
    assert '<a class="mention" href="/entity/Q649" title="Moscow">Moscow</a>' in quote
    for shown in ("CONSULT", "visit", "asserted", "2026-01-14", 'href="/entity/Q7035479"'):
        assert shown in text
    assert f'href="{ARTICLE}"' in text


def test_entity_page_shows_roles_timeline_coactors_and_country_pairs(client: FlaskClient) -> None:
    text = client.get(PASHINYAN + ".html").get_data(as_text=True)
    assert "Prime Minister of Armenia" in text
    assert 'href="http://www.wikidata.org/entity/Q7035479"' in text
    assert "<svg" in text and "<title>2026-01: 1 event</title>" in text
    coactors = text[text.index('<table class="coactors">') :]
    assert '<a href="/entity/Q159">Russia</a></td><td>1</td>' in coactors
    assert 'href="/dyad/Q399/Q159"' in text  # Armenia (his country) and Russia
    assert f'href="{ARTICLE}"' in text
    # under each listed article, the events of that article he takes part in
    assert f'<a href="{EVENT}">CONSULT (visit)</a> · actor · 2026-01-14 · asserted' in text


def test_editor_link_opens_the_query_behind_the_page(client: FlaskClient) -> None:
    text = client.get(PASHINYAN + ".html").get_data(as_text=True)
    link = re.search(r'class="editor-link" href="([^"]+)"', text)
    assert link is not None
    # the editor page, with the query in the fragment (YASGUI fills its editor from #query=)
    page, _, fragment = link.group(1).replace("&amp;", "&").partition("#query=")
    assert page == "/sparql"
    query = unquote(fragment)
    assert "<http://127.0.0.1:8000/entity/Q7035479>" in query
    answer = client.post(page, data={"query": query}, headers={"Accept": "application/json"})
    assert answer.status_code == 200
    values = {b["o"]["value"] for b in answer.get_json()["results"]["bindings"]}
    assert "Nikol Pashinyan" in values


# -- a hub: one entity mentioned in many articles ----------------------------------------------

HUB_ARTICLES = 55
HUB = "/entity/Q30"


def hub_trig(count: int) -> str:
    """``count`` small article graphs that all mention the United States, one a day."""
    parts = [
        "@prefix geokg: <https://w3id.org/geokg/ns#> .",
        "@prefix schema: <https://schema.org/> .",
        "@prefix prov: <http://www.w3.org/ns/prov#> .",
        "@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
        "@prefix plover: <https://w3id.org/geokg/plover/> .",
        f"@base <{BASE}> .",
    ]
    start = dt.date(2025, 1, 1)
    for n in range(count):
        day = (start + dt.timedelta(days=n)).isoformat()
        parts.append(
            f"""<graph/hub-{n}> {{
  <graph/hub-{n}> prov:wasGeneratedBy <activity/hub-{n}> .
  <activity/hub-{n}> prov:used <article/hub-{n}> ;
      prov:endedAtTime "{day}T12:00:00Z"^^xsd:dateTime .
  <article/hub-{n}> a geokg:Article, schema:NewsArticle ; schema:headline "Hub story {n}" ;
      schema:datePublished "{day}"^^xsd:date ; schema:mentions <entity/Q30>, <entity/Q148> .
  <entity/Q30> a geokg:Country, schema:Country ; rdfs:label "United States" .
  <entity/Q148> a geokg:Country, schema:Country ; rdfs:label "China" .
  <event/hub-{n}/1> a geokg:Event ; sem:eventType plover:CONSULT ; sem:hasActor <entity/Q30> ;
      geokg:hasTarget <entity/Q148> ; sem:hasTimeStamp "{day}"^^xsd:date ;
      prov:wasGeneratedBy <activity/hub-{n}> .
}}"""
        )
    return "\n".join(parts)


@pytest.fixture(scope="module")
def hub_client() -> Iterator[FlaskClient]:
    store = Store()
    store.load(hub_trig(HUB_ARTICLES).encode(), "application/trig")
    with make_app(store).test_client() as c:
        yield c


@pytest.fixture
def hub_store_client() -> Iterator[tuple[Store, FlaskClient]]:
    store = Store()
    store.load(hub_trig(HUB_ARTICLES).encode(), "application/trig")
    with make_app(store).test_client() as c:
        yield store, c


def test_hub_articles_are_paged_newest_first(hub_client: FlaskClient) -> None:
    first = hub_client.get(HUB + ".html").get_data(as_text=True)
    headlines = re.findall(r">Hub story (\d+)</a>", first)
    assert headlines == [str(n) for n in range(HUB_ARTICLES - 1, HUB_ARTICLES - 21, -1)]
    assert "55 articles, newest first; page 1 of 3" in first
    assert 'rel="next" href="?page=2#articles"' in first
    last = hub_client.get(HUB + ".html?page=3").get_data(as_text=True)
    assert re.findall(r">Hub story (\d+)</a>", last) == [str(n) for n in range(14, -1, -1)]
    parse_html(last.encode())
    assert "2025-02" in first and "<svg" in first  # the timeline spans the months
    assert 'href="/dyad/Q30/Q148"' in first
    assert first.count("</a> · actor · ") == 20  # the events of the 20 shown articles


@pytest.mark.parametrize(("page", "status"), [("4", 404), ("0", 400), ("x", 400), ("-1", 400)])
def test_hub_pages_out_of_range(hub_client: FlaskClient, page: str, status: int) -> None:
    response = hub_client.get(f"{HUB}.html?page={page}")
    assert response.status_code == status
    assert "page" in response.get_data(as_text=True)


def test_hub_description_stays_bounded(hub_client: FlaskClient) -> None:
    graph = Graph().parse(data=hub_client.get(HUB + ".ttl").data, format="turtle")
    hub = URIRef(BASE + "entity/Q30")
    document = URIRef(f"{hub}.ttl")
    # its own statements once each, not one copy per article graph
    assert set(graph.predicate_objects(hub)) == {
        (RDF.type, URIRef("https://w3id.org/geokg/ns#Country")),
        (RDF.type, URIRef("https://schema.org/Country")),
        (RDFS.label, Literal("United States")),
    }
    derived = set(graph.objects(document, PROV.wasDerivedFrom))
    assert len(derived) == 50  # the rest is one query away
    see_also = str(graph.value(document, RDFS.seeAlso))
    assert "/sparql?query=" in see_also
    assert not list(graph.subjects(SDO.mentions, hub))
    # a hub's Last-Modified is the latest extraction in the store
    last = f"{(dt.date(2025, 1, 1) + dt.timedelta(days=HUB_ARTICLES - 1)):%d %b %Y}"
    assert last in hub_client.get(HUB + ".ttl").headers["Last-Modified"]


def test_search_form_in_every_page(client: FlaskClient) -> None:
    text = client.get(ARTICLE + ".html").get_data(as_text=True)
    assert '<form class="search" action="/search" method="get" role="search">' in text
    assert re.search(r'<input[^>]* name="q"', text)


def test_json_ld_error_body_is_the_error_shape(client: FlaskClient) -> None:
    body = json.loads(client.get("/entity/Q1.jsonld").data)
    assert body["status"] == 404 and "entity/Q1" in body["message"]


WIKIDATA_FACTS = """
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix sdo: <http://schema.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<http://127.0.0.1:8000/graph/wikidata> {
  wd:Q399 sdo:description "sovereign state in the South Caucasus"@en, "pays du Caucase"@fr ;
    wdt:P297 "AM" ; wdt:P36 wd:Q1953 ; wdt:P1082 "2777970"^^xsd:decimal ;
    wdt:P856 <https://www.gov.am/> .
}
"""


def test_entity_page_shows_what_enrichment_stored(client: FlaskClient) -> None:
    store = client.application.extensions["geokg.store"]
    store.load(WIKIDATA_FACTS.encode(), "application/trig")
    text = client.get("/entity/Q399.html").get_data(as_text=True)
    assert '<p class="description">sovereign state in the South Caucasus</p>' in text
    assert "pays du Caucase" not in text
    assert "<dt>Iso code</dt><dd>AM</dd>" in text
    assert '<dt>Capital</dt><dd><a href="/entity/Q1953">Yerevan</a></dd>' in text
    assert "<dt>Population</dt><dd>2777970</dd>" in text
    assert '<a href="https://www.gov.am/">https://www.gov.am/</a>' in text
    schema = embedded_jsonld(text)
    description = URIRef("https://schema.org/description")
    assert set(schema.objects(None, description)) == {
        Literal("sovereign state in the South Caucasus")
    }
    parse_html(text.encode())


def test_a_rendered_page_is_kept_until_the_data_changes(
    hub_store_client: tuple[Store, FlaskClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, client = hub_store_client
    first = client.get(HUB + ".html")
    calls: list[str] = []
    original = Store.select

    def counted(self: Store, query: str, bindings: Any = None) -> Any:
        calls.append(query)
        return original(self, query, bindings)

    monkeypatch.setattr(Store, "select", counted)
    again = client.get(HUB + ".html")
    assert again.data == first.data and calls == []  # served from this worker's cache
    assert client.get(HUB + ".html?page=2").status_code == 200 and calls  # another page: rendered
    store.update(
        "INSERT DATA { GRAPH <urn:g:new> { <urn:a:new> <https://schema.org/mentions> "
        f"<{BASE}entity/Q30> ; <https://schema.org/headline> 'Fresh story' ; "
        "<https://schema.org/datePublished> "
        "'2030-01-01'^^<http://www.w3.org/2001/XMLSchema#date> } }"
    )
    after = client.get(HUB + ".html").get_data(as_text=True)
    assert "Fresh story" in after and f"{HUB_ARTICLES + 1} articles" in after
    assert (
        client.get(HUB + ".html", headers={"If-None-Match": first.headers["ETag"]}).status_code
        == 200
    )


def test_no_page_cache_when_answer_cache_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    store = load_fixture(Store())
    client = make_app(store, ANSWER_CACHE=0).test_client()
    first = client.get(PASHINYAN + ".ttl")
    calls: list[str] = []
    original = Store.select

    def counted(self: Store, query: str, bindings: Any = None) -> Any:
        calls.append(query)
        return original(self, query, bindings)

    monkeypatch.setattr(Store, "select", counted)
    assert client.get(PASHINYAN + ".ttl").data == first.data and calls
