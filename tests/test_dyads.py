"""The country-pair (dyad) pages through Flask's test client, on a hand-made fixture store."""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import html5lib
import pytest
from flask.testing import FlaskClient
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from geokg.namespaces import GEOKG, PLOVER
from geokg.store import Store
from geokg.web import create_app
from geokg.web.dyads import chart, month_range, monthly

FIXTURE = Path(__file__).parent / "data" / "dyads" / "pair.trig"
BASE = "http://127.0.0.1:8000/"
PAIR = "/dyad/Q399/Q159"  # Armenia, Russia
VISIT = BASE + "event/pashinyan-visits-moscow-1a2b3c4d5e/1"  # Pashinyan (of Armenia) -> Russia
ACCUSE = BASE + "event/moscow-warns-yerevan-6f7a8b9c0d/1"  # Moscow -> Yerevan (capitals)
SANCTION = BASE + "event/moscow-warns-yerevan-6f7a8b9c0d/2"  # Russia -> Armenia
FRANCE = BASE + "event/armenia-and-france-sign-deal-2c3d4e5f6a/1"  # Armenia -> France


@pytest.fixture
def client() -> Iterator[FlaskClient]:
    store = Store()
    store.load(FIXTURE.read_bytes(), "application/trig")
    app = create_app({"STORE": store, "TESTING": True, "BASE": BASE, "UPDATE_TOKEN": ""})
    with app.test_client() as c:
        yield c


def page(client: FlaskClient, path: str) -> str:
    """The HTML of a page, checked to be 200 and strict HTML5."""
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/html"
    html5lib.HTMLParser(strict=True).parse(response.data)
    return response.get_data(as_text=True)


def rows(text: str, table_class: str) -> list[list[str]]:
    """The cells (tags stripped, entities decoded) of each body row of a table."""
    table = re.search(rf'<table class="{table_class}">(.*?)</table>', text, re.S)
    assert table is not None, f"no table.{table_class}"
    body = table.group(1).split("<tbody>", 1)[1]
    found = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        found.append([html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
    return found


def test_pair_counts_each_way_through_people_and_capitals(client: FlaskClient) -> None:
    text = page(client, PAIR)
    assert "<h1>Armenia – Russia</h1>" in text
    # Armenia -> Russia: Pashinyan's visit (affiliated); Russia -> Armenia: Moscow accusing
    # Yerevan (both capitals standing for their countries) and Russia's sanction
    assert rows(text, "stance") == [
        ["Armenia → Russia", "1", "0"],
        ["Russia → Armenia", "0", "2"],
    ]
    assert rows(text, "types") == [
        ["ACCUSE", "conflict", "0", "1", "1"],
        ["CONSULT", "cooperation", "1", "0", "1"],
        ["SANCTION", "conflict", "0", "1", "1"],
    ]
    events = rows(text, "events")
    assert [e[0] for e in events] == ["2026-03", "2026-02-03", "2026-01-14"]  # newest first
    assert [e[1] for e in events] == ["Russia → Armenia", "Russia → Armenia", "Armenia → Russia"]
    assert events[2][2] == "CONSULT visit"
    assert events[0][3] == "possible"
    assert "Armenian Prime Minister Nikol Pashinyan met Russian officials" in events[2][4]
    # Armenia's deal with France is no part of this pair
    assert "defence deal" not in text


def test_event_rows_link_event_evidence_and_article(client: FlaskClient) -> None:
    text = page(client, PAIR)
    assert 'href="/event/pashinyan-visits-moscow-1a2b3c4d5e/1"' in text
    assert 'href="/annotation/pashinyan-visits-moscow-1a2b3c4d5e/e1"' in text
    assert 'href="/article/pashinyan-visits-moscow-1a2b3c4d5e"' in text


def test_headline_with_script_is_text(client: FlaskClient) -> None:
    text = page(client, PAIR)
    assert "<script>alert" not in text
    assert "Moscow &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; warns Yerevan" in text


def test_chart_is_inline_svg_with_a_bar_per_month(client: FlaskClient) -> None:
    text = page(client, PAIR)
    svg = re.search(r"<svg .*?</svg>", text, re.S)
    assert svg is not None
    titles = re.findall(r"<rect [^>]*><title>([^<]+)</title>", svg.group(0))
    assert titles == ["2026-01: 1 cooperation", "2026-02: 1 conflict", "2026-03: 1 conflict"]
    assert "<script" not in svg.group(0)


def test_both_orders_answer_with_one_canonical(client: FlaskClient) -> None:
    forward = client.get(PAIR, headers={"Accept": "text/html"})
    backward = client.get("/dyad/Q159/Q399", headers={"Accept": "text/html"})
    assert forward.status_code == backward.status_code == 200
    for response in (forward, backward):
        assert '</dyad/Q159/Q399>; rel="canonical"' in response.headers["Link"]
        assert '<link rel="canonical" href="/dyad/Q159/Q399">' in response.get_data(as_text=True)
    assert "<h1>Russia – Armenia</h1>" in backward.get_data(as_text=True)
    assert rows(backward.get_data(as_text=True), "stance")[0] == ["Russia → Armenia", "0", "2"]


@pytest.mark.parametrize(
    ("path", "accept", "media_type", "rdflib_format"),
    [
        (PAIR, "text/turtle", "text/turtle", "turtle"),
        (PAIR, "application/ld+json", "application/ld+json", "json-ld"),
        (PAIR, "application/n-triples", "application/n-triples", "nt"),
        (PAIR, "application/rdf+xml", "application/rdf+xml", "xml"),
        (PAIR + ".ttl", "text/html", "text/turtle", "turtle"),
        (PAIR + ".jsonld", None, "application/ld+json", "json-ld"),
        (PAIR + "?format=nt", "text/html", "application/n-triples", "nt"),
    ],
)
def test_rdf_formats_hold_the_pairs_events(
    client: FlaskClient, path: str, accept: str | None, media_type: str, rdflib_format: str
) -> None:
    response = client.get(path, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert "Accept" in response.headers["Vary"]
    graph = Graph().parse(data=response.data, format=rdflib_format)
    events = set(graph.subjects(RDF.type, GEOKG.Event))
    assert events == {URIRef(VISIT), URIRef(ACCUSE), URIRef(SANCTION)}
    assert (URIRef(SANCTION), URIRef(str(GEOKG) + "factuality"), None) in graph
    assert (URIRef(VISIT), None, PLOVER.CONSULT) in graph


def test_html_is_the_default_and_links_every_format(client: FlaskClient) -> None:
    response = client.get(PAIR)
    assert response.mimetype == "text/html"
    links = response.headers["Link"]
    for suffix in ("ttl", "jsonld", "nt", "rdf"):
        assert f"<{PAIR}.{suffix}>; rel=\"alternate\"" in links
        assert f'href="{PAIR}.{suffix}"' in response.get_data(as_text=True)


def test_query_editor_link_holds_the_ready_query(client: FlaskClient) -> None:
    text = page(client, PAIR)
    link = re.search(r'<a href="(/sparql#query=[^"]+)">open in the query editor</a>', text)
    assert link is not None
    query = unquote(html.unescape(link.group(1)).split("#query=", 1)[1])
    assert f"<{BASE}entity/Q399>" in query and f"<{BASE}entity/Q159>" in query
    assert query.lstrip().startswith("# title: Country pair: events")
    # the ready query runs on the endpoint and finds the visit
    answer = client.post("/sparql", data={"query": query},
                         headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200
    assert VISIT in answer.get_data(as_text=True)


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/dyad/Q399/Q142999", 404, "no country with Wikidata id Q142999"),
        ("/dyad/Q7035479/Q159", 404, "no country with Wikidata id Q7035479"),  # a person
        ("/dyad/armenia/Q159", 400, "'armenia' is not a Wikidata item id"),
        ("/dyad/Q399/Q0159", 400, "'Q0159' is not a Wikidata item id"),
        ("/dyad/Q399/Q399", 400, "two different countries"),
        ("/dyad/Q399/Q159?page=0", 400, "page must be a whole number"),
        ("/dyad/Q399/Q159?page=x", 400, "page must be a whole number"),
        ("/dyad/Q399/Q159?page=2", 404, "past the last page"),
        ("/dyad/Q399/Q159?format=bogus", 400, "unknown format 'bogus'"),
        ("/dyad/Q399/Q159?format=csv", 406, "offered: text/html, text/turtle"),
    ],
)
def test_bad_requests_say_what_is_wrong(
    client: FlaskClient, path: str, status: int, message: str
) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)


def test_406_when_nothing_fits(client: FlaskClient) -> None:
    response = client.get(PAIR, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "text/turtle" in response.get_data(as_text=True)
    assert client.get("/dyad/", headers={"Accept": "text/turtle"}).status_code == 406


def test_404_in_the_asked_format(client: FlaskClient) -> None:
    response = client.get("/dyad/Q399/Q142999", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.get_json()["status"] == 404


def test_index_lists_pairs_either_way(client: FlaskClient) -> None:
    text = page(client, "/dyad/")
    assert rows(text, "dyads") == [
        ["Russia – Armenia", "3", "2026-03"],
        ["France – Armenia", "1", "2025-11-20"],
    ]
    assert 'href="/dyad/Q159/Q399"' in text
    assert "open this list in the query editor" in text.lower()


def test_paging_splits_the_event_list() -> None:
    store = Store()
    store.load(FIXTURE.read_bytes(), "application/trig")
    app = create_app({"STORE": store, "TESTING": True, "BASE": BASE, "UPDATE_TOKEN": ""})
    import geokg.web.dyads as dyads

    size, dyads.PAGE_SIZE = dyads.PAGE_SIZE, 2
    try:
        with app.test_client() as c:
            first, second = page(c, PAIR), page(c, PAIR + "?page=2")
    finally:
        dyads.PAGE_SIZE = size
    assert [e[0] for e in rows(first, "events")] == ["2026-03", "2026-02-03"]
    assert [e[0] for e in rows(second, "events")] == ["2026-01-14"]
    assert f'rel="next" href="{PAIR}?page=2"' in first
    assert f'rel="prev" href="{PAIR}?page=1"' in second


def test_month_helpers() -> None:
    assert month_range("2025-11", "2026-02") == ["2025-11", "2025-12", "2026-01", "2026-02"]
    from rdflib import Literal

    counted = monthly([
        {"month": Literal("2026-01"), "stance": Literal("conflict"), "events": Literal(2)},
        {"month": Literal("2026"), "stance": Literal("conflict"), "events": Literal(5)},
        {"month": Literal(""), "stance": Literal("cooperation"), "events": Literal(1)},
    ])
    assert counted == {"2026-01": {"conflict": 2}}
    drawn = chart({"2025-01": counted["2026-01"], "2026-01": counted["2026-01"]})
    assert drawn is not None
    assert len(drawn.bars) == 13  # the empty months between are drawn too
    assert chart({}) is None


def test_a_write_through_the_app_shows_at_once() -> None:
    store = Store()
    store.load(FIXTURE.read_bytes(), "application/trig")
    token = secrets.token_urlsafe(16)
    app = create_app({"STORE": store, "TESTING": True, "BASE": BASE, "UPDATE_TOKEN": token})
    update = f"""PREFIX geokg: <https://w3id.org/geokg/ns#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX plover: <https://w3id.org/geokg/plover/>
INSERT DATA {{ GRAPH <{BASE}graph/extra> {{
  <{BASE}event/extra/1> a geokg:Event ; sem:eventType plover:AID ;
    sem:hasActor <{BASE}entity/Q159> ; geokg:hasTarget <{BASE}entity/Q399> .
}} }}"""
    with app.test_client() as c:
        before = rows(page(c, PAIR), "stance")
        assert page(c, "/dyad/")  # the index is computed (and kept) before the write
        answer = c.post("/sparql", data={"update": update},
                        headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 204, answer.get_data(as_text=True)
        after = rows(page(c, PAIR), "stance")
        index = rows(page(c, "/dyad/"), "dyads")
    assert before[1] == ["Russia → Armenia", "0", "2"]
    assert after[1] == ["Russia → Armenia", "1", "2"]
    assert index[0][:2] == ["Russia – Armenia", "4"]


@pytest.mark.parametrize("path", [PAIR, PAIR + ".ttl", "/dyad/"])
def test_conditional_get_answers_304(client: FlaskClient, path: str) -> None:
    first = client.get(path, headers={"Accept": "text/html"})
    etag = first.headers["ETag"]
    again = client.get(path, headers={"Accept": "text/html", "If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    other = client.get(path, headers={"Accept": "text/html", "If-None-Match": '"other"'})
    assert other.status_code == 200
