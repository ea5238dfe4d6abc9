"""HTTP behaviour of the web app as a table, through Flask's test client and a fixture store."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import html5lib
import pytest
from flask import Flask
from flask.testing import FlaskClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDFS

from geokg.store import Store
from geokg.web import create_app

FIXTURE = Path(__file__).parent / "data" / "web" / "sample.trig"
BASE = "http://127.0.0.1:8000/"
TOKEN = secrets.token_urlsafe(16)
ARTICLE_ID = "pashinyan-arrives-in-moscow-for-talks-3f2a9c1d7e"
ARTICLE = f"/article/{ARTICLE_ID}"
SCRIPT_ARTICLE = "/article/armenia-weighs-options-5b8e0d4c21"
STUB = "/article/gas-talks-stall-a1b2c3d4e5"
PASHINYAN = "/entity/Q7035479"
EVENT = f"/event/{ARTICLE_ID}/1"
MENTION = f"/annotation/{ARTICLE_ID}/m0-15"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
WD = "http://www.wikidata.org/entity/"

SELECT = "SELECT ?entity ?label WHERE { ?entity rdfs:label ?label } ORDER BY ?label LIMIT 3"
ASK = "ASK { ?s owl:sameAs wd:Q7035479 }"
CONSTRUCT = "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a geokg:Country ; rdfs:label ?l }"
DESCRIBE = "DESCRIBE <entity/Q159>"  # relative: resolved against the configured base


def q(query: str) -> str:
    """A /sparql URL carrying ``query``."""
    return "/sparql?query=" + quote(query)


def load_fixture(store: Store) -> Store:
    """The store with the hand-written sample data loaded."""
    store.load(FIXTURE.read_bytes(), "application/trig")
    return store


@pytest.fixture
def store() -> Store:
    return load_fixture(Store())


def make_app(store: Store, **overrides: Any) -> Flask:
    config = {"STORE": store, "TESTING": True, "BASE": BASE, "UPDATE_TOKEN": ""}
    config.update(overrides)
    return create_app(config)


@pytest.fixture
def client(store: Store) -> Iterator[FlaskClient]:
    with make_app(store).test_client() as c:
        yield c


@dataclass(frozen=True)
class Case:
    """One request and what must come back."""

    id: str
    path: str
    status: int
    content_type: str | None = None
    accept: str | None = None
    method: str = "GET"
    headers: dict[str, str] = field(default_factory=dict)
    body: str | dict[str, str] | None = None
    contains: tuple[str, ...] = ()
    lacks: tuple[str, ...] = ()


CASES = [
    # home
    Case("home", "/", 200, "text/html", contains=("Nikol Pashinyan", "Latest articles")),
    # resource pages: Accept, q-values, wildcards
    Case("no-accept", PASHINYAN, 200, "text/turtle", contains=("owl:sameAs wd:Q7035479",)),
    Case("any", PASHINYAN, 200, "text/turtle", accept="*/*"),
    Case("turtle", PASHINYAN, 200, "text/turtle", accept="text/turtle"),
    Case("html", PASHINYAN, 200, "text/html", accept="text/html"),
    Case("browser", PASHINYAN, 200, "text/html", accept=BROWSER),
    Case("jsonld", PASHINYAN, 200, "application/ld+json", accept="application/ld+json"),
    Case("json", PASHINYAN, 200, "application/ld+json", accept="application/json"),
    Case("ntriples", PASHINYAN, 200, "application/n-triples", accept="application/n-triples"),
    Case("rdfxml", PASHINYAN, 200, "application/rdf+xml", accept="application/rdf+xml"),
    Case(
        "q-values",
        PASHINYAN,
        200,
        "application/ld+json",
        accept="text/turtle;q=0.5, application/ld+json;q=0.9, text/html;q=0.1",
    ),
    Case("type-wildcard", PASHINYAN, 200, "text/turtle", accept="text/*;q=0.9, text/html;q=0.1"),
    Case("q-zero", PASHINYAN, 200, "text/html", accept="text/turtle;q=0, text/*"),
    Case(
        "406-resource",
        PASHINYAN,
        406,
        "text/plain",
        accept="image/png",
        contains=("text/turtle", "application/ld+json", "text/html"),
    ),
    # suffix beats format= beats Accept
    Case("suffix-ttl", PASHINYAN + ".ttl", 200, "text/turtle", accept="text/html"),
    Case("suffix-jsonld", PASHINYAN + ".jsonld", 200, "application/ld+json"),
    Case("suffix-nt", PASHINYAN + ".nt", 200, "application/n-triples"),
    Case("suffix-rdf", PASHINYAN + ".rdf", 200, "application/rdf+xml"),
    Case("suffix-html", PASHINYAN + ".html", 200, "text/html"),
    Case("suffix-over-format", PASHINYAN + ".nt?format=ttl", 200, "application/n-triples"),
    Case("format", PASHINYAN + "?format=jsonld", 200, "application/ld+json", accept="text/turtle"),
    Case(
        "format-unknown",
        PASHINYAN + "?format=bogus",
        400,
        "text/plain",
        contains=("unknown format 'bogus'",),
    ),
    Case("format-not-offered", PASHINYAN + "?format=csv", 406, "text/plain"),
    # every minted path answers
    Case("article", ARTICLE, 200, "text/turtle", contains=("schema:articleBody",)),
    Case("event", EVENT + ".ttl", 200, "text/turtle", contains=("plover:CONSULT",)),
    Case(
        "annotation",
        MENTION + ".ttl",
        200,
        "text/turtle",
        contains=('oa:exact "Nikol Pashinyan"', "oa:TextPositionSelector"),
    ),
    Case("activity", f"/activity/{ARTICLE_ID}", 200, "text/turtle", contains=("prov:used",)),
    Case("graph", f"/graph/{ARTICLE_ID}", 200, "text/turtle", contains=("prov:wasGeneratedBy",)),
    Case("agent", "/agent/geokg-0.1.0", 200, "text/turtle", contains=("prov:SoftwareAgent",)),
    Case(
        "unlinked-entity",
        "/entity/organization/example-news",
        200,
        "text/turtle",
        contains=("Example News",),
    ),
    # unknown resources: 404 in the format asked for (tests/test_pages.py checks each parses)
    Case("404", "/entity/Q1", 404, "text/turtle", contains=("entity/Q1",)),
    Case("404-html", "/entity/Q1", 404, "text/html", accept=BROWSER),
    Case("404-json", "/entity/Q1", 404, "application/ld+json", accept="application/ld+json"),
    Case("404-suffix", "/entity/Q1.ttl", 404, "text/turtle"),
    Case("404-route", "/nowhere", 404, "text/plain"),
    Case("404-not-an-iri", "/entity/a%3Eb%20c", 404, "text/turtle"),
    Case("405-resource", PASHINYAN, 405, "text/plain", method="DELETE"),
    # SPARQL: results formats
    Case(
        "select-json",
        q(SELECT),
        200,
        "application/sparql-results+json",
        contains=('"vars"', "Armenia"),
    ),
    Case(
        "select-json-alias",
        q(SELECT),
        200,
        "application/sparql-results+json",
        accept="application/json",
    ),
    Case(
        "select-xml",
        q(SELECT),
        200,
        "application/sparql-results+xml",
        accept="application/sparql-results+xml",
        contains=("<sparql",),
    ),
    Case("select-csv", q(SELECT), 200, "text/csv", accept="text/csv", contains=("entity,label",)),
    Case(
        "select-tsv",
        q(SELECT),
        200,
        "text/tab-separated-values",
        accept="text/tab-separated-values",
        contains=("?entity\t?label",),
    ),
    Case(
        "select-format",
        q(SELECT) + "&format=xml",
        200,
        "application/sparql-results+xml",
        accept="application/json",
    ),
    # a browser's "application/xml;q=0.9" beats its "*/*;q=0.8"
    Case("select-browser", q(SELECT), 200, "application/sparql-results+xml", accept=BROWSER),
    Case("ask", q(ASK), 200, "application/sparql-results+json", contains=('"boolean":true',)),
    Case("construct", q(CONSTRUCT), 200, "text/turtle", contains=('"Russia"',)),
    Case(
        "construct-jsonld", q(CONSTRUCT), 200, "application/ld+json", accept="application/ld+json"
    ),
    Case("construct-format-json", q(CONSTRUCT) + "&format=json", 200, "application/ld+json"),
    Case("construct-format-xml", q(CONSTRUCT) + "&format=xml", 200, "application/rdf+xml"),
    Case(
        "construct-nt", q(CONSTRUCT), 200, "application/n-triples", accept="application/n-triples"
    ),
    Case("describe", q(DESCRIBE), 200, "text/turtle", contains=("entity/Q159",)),
    Case(
        "406-select",
        q(SELECT),
        406,
        "text/plain",
        accept="text/turtle",
        contains=("application/sparql-results+json", "text/csv"),
    ),
    Case(
        "406-construct",
        q(CONSTRUCT),
        406,
        "application/json",  # the error as JSON
        accept="application/sparql-results+json",
        contains=("text/turtle",),
    ),
    Case("406-any", q(SELECT), 406, "text/plain", accept="image/png"),
    Case("format-unknown-sparql", q(SELECT) + "&format=pdf", 400, "text/plain"),
    # SPARQL: protocol
    Case(
        "post-form",
        "/sparql",
        200,
        "application/sparql-results+json",
        method="POST",
        body={"query": SELECT},
    ),
    Case(
        "post-direct",
        "/sparql",
        200,
        "application/sparql-results+json",
        method="POST",
        headers={"Content-Type": "application/sparql-query"},
        body=SELECT,
    ),
    Case(
        "post-direct-charset",
        "/sparql",
        200,
        "application/sparql-results+json",
        method="POST",
        headers={"Content-Type": "application/sparql-query; charset=utf-8"},
        body=ASK,
    ),
    Case(
        "415",
        "/sparql",
        415,
        "text/plain",
        method="POST",
        headers={"Content-Type": "text/plain"},
        body=SELECT,
        contains=("application/sparql-query",),
    ),
    Case("405", "/sparql", 405, "text/plain", method="PUT"),
    Case(
        "400-syntax",
        q("SELECT ?x WHERE { ?x"),
        400,
        "text/plain",
        contains=("SPARQL syntax error",),
    ),
    Case("400-empty", q("  "), 400, "text/plain", contains=("empty",)),
    Case("400-form-empty", "/sparql", 400, "text/plain", method="POST", body={"x": "1"}),
    Case(
        "400-json-shape",
        q("SELECT"),
        400,
        "application/json",
        accept="application/json",
        contains=('"status":400', '"title":"Bad Request"', '"message":"SPARQL syntax error'),
    ),
    Case(
        "service-fenced",
        q("SELECT * { SERVICE <http://127.0.0.1:1/s> { ?s ?p ?o } }"),
        400,
        "text/plain",
        contains=("<http://127.0.0.1:1/s> is refused", "service_allow"),
    ),
    Case("service-variable", q("SELECT * { SERVICE ?x { ?s ?p ?o } }"), 400, "text/plain"),
    Case(
        "service-escaped",
        q("SELECT * { SERV\\u0049CE <http://127.0.0.1:1/s> { ?s ?p ?o } }"),
        400,
        "text/plain",
    ),
    Case(
        "service-in-string",
        q('SELECT ("service" AS ?x) {}'),
        200,
        "application/sparql-results+json",
    ),
    # SPARQL Update is off without a token
    Case(
        "update-form-403",
        "/sparql",
        403,
        "text/plain",
        method="POST",
        body={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"},
        contains=("read-only",),
    ),
    Case(
        "update-direct-403",
        "/sparql",
        403,
        "text/plain",
        method="POST",
        headers={"Content-Type": "application/sparql-update"},
        body="INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    ),
    Case("update-get-403", "/sparql?update=" + quote("CLEAR ALL"), 403, "text/plain"),
    # service description and query page
    Case("sd", "/sparql", 200, "text/turtle", contains=("sd:Service", "sd:UnionDefaultGraph")),
    Case("sd-jsonld", "/sparql", 200, "application/ld+json", accept="application/ld+json"),
    Case(
        "query-page",
        "/sparql",
        200,
        "text/html",
        accept=BROWSER,
        contains=("<textarea", "Describe a resource", "Latest articles"),
    ),
    # escaping
    Case(
        "escape-home",
        "/",
        200,
        "text/html",
        contains=("&lt;script&gt;alert(1)&lt;/script&gt;",),
        lacks=("<script>alert",),
    ),
    Case(
        "escape-article",
        SCRIPT_ARTICLE,
        200,
        "text/html",
        accept="text/html",
        contains=("&lt;script&gt;alert(1)&lt;/script&gt;",),
        lacks=("<script>alert",),
    ),
    Case(
        "escape-related",
        ARTICLE,
        200,
        "text/html",
        accept="text/html",
        contains=("Armenia weighs &lt;script&gt;",),
        lacks=("<script>alert",),
    ),
]


def send(client: FlaskClient, case: Case) -> Any:
    headers = dict(case.headers)
    if case.accept is not None:
        headers["Accept"] = case.accept
    return client.open(case.path, method=case.method, headers=headers, data=case.body)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_http_behaviour(client: FlaskClient, case: Case) -> None:
    response = send(client, case)
    text = response.get_data(as_text=True)
    assert response.status_code == case.status, text
    if case.content_type is not None:
        assert response.mimetype == case.content_type
    for needle in case.contains:
        assert needle in text
    for needle in case.lacks:
        assert needle not in text
    assert "Accept" in response.vary
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_405_names_the_allowed_methods(client: FlaskClient) -> None:
    response = client.put("/sparql")
    assert response.status_code == 405
    assert {"GET", "POST"} <= set(response.headers["Allow"].replace(" ", "").split(","))


def test_resource_links_its_alternates(client: FlaskClient) -> None:
    link = client.get(PASHINYAN).headers["Link"]
    assert '</entity/Q7035479.ttl>; rel="alternate"; type="text/turtle"' in link
    assert '</entity/Q7035479.jsonld>; rel="alternate"; type="application/ld+json"' in link


@pytest.mark.parametrize(
    ("suffix", "rdflib_format"),
    [(".ttl", "turtle"), (".jsonld", "json-ld"), (".nt", "nt"), (".rdf", "xml")],
)
def test_description_parses_in_every_format(
    client: FlaskClient, suffix: str, rdflib_format: str
) -> None:
    graph = Graph().parse(data=client.get(PASHINYAN + suffix).data, format=rdflib_format)
    me = URIRef(BASE + "entity/Q7035479")
    assert (me, OWL.sameAs, URIRef(WD + "Q7035479")) in graph
    assert (me, RDFS.label, Literal("Nikol Pashinyan")) in graph
    # the labels of the IRIs it links to come along
    assert (URIRef(BASE + "entity/Q399"), RDFS.label, Literal("Armenia")) in graph


def test_description_follows_blank_nodes(client: FlaskClient) -> None:
    graph = Graph().parse(data=client.get(MENTION + ".ttl").data, format="turtle")
    exact = URIRef("http://www.w3.org/ns/oa#exact")
    assert Literal("Nikol Pashinyan") in set(graph.objects(None, exact))


def test_base_iri_comes_from_config_not_host(store: Store) -> None:
    client = make_app(store, BASE="https://kg.example.org/data").test_client()
    assert client.get(PASHINYAN).status_code == 404  # the IRIs in the store use another base
    other = make_app(Store(), BASE="https://kg.example.org/data")
    other_store = other.extensions["geokg.store"]
    other_store.update(
        "INSERT DATA { GRAPH <urn:g> { <https://kg.example.org/data/entity/Q1> "
        "<http://www.w3.org/2000/01/rdf-schema#label> 'Universe' } }"
    )
    response = other.test_client().get("/entity/Q1", headers={"Host": "elsewhere.test"})
    assert response.status_code == 200
    assert "<https://kg.example.org/data/entity/Q1>" in response.get_data(as_text=True)


def test_html_pages_link_turtle_and_wikidata(client: FlaskClient) -> None:
    text = client.get(PASHINYAN, headers={"Accept": "text/html"}).get_data(as_text=True)
    assert 'href="/entity/Q7035479.ttl"' in text
    assert f'href="{WD}Q7035479"' in text
    assert "Prime Minister of Armenia" in text
    assert f'href="{ARTICLE}"' in text


def test_article_page_shows_body_entities_events(client: FlaskClient) -> None:
    text = client.get(ARTICLE + ".html").get_data(as_text=True)
    assert (
        '<p><a class="mention" href="/entity/Q1953" title="Yerevan">Yerevan</a> hopes the visit'
        ' will ease tensions with <a class="mention" href="/entity/Q159" title="Russia">Russia</a>'
        ", officials said.</p>"
    ) in text
    assert 'href="/entity/Q649">Moscow</a>' in text
    assert "CONSULT" in text and "visit" in text and "asserted" in text
    assert "Example News" in text
    assert 'href="https://news.example.org/2026/01/14/pashinyan-moscow"' in text


def test_event_page_shows_roles_and_source(client: FlaskClient) -> None:
    text = client.get(EVENT + ".html").get_data(as_text=True)
    assert 'href="/entity/Q7035479">Nikol Pashinyan</a>' in text
    assert 'href="/entity/Q159">Russia</a>' in text
    assert 'href="/entity/Q649">Moscow</a>' in text
    assert "</a> on Wednesday for talks with Russian officials.</mark>" in text
    assert f'href="{ARTICLE}"' in text


PAGES = [
    "/",
    "/sparql",
    ARTICLE,
    SCRIPT_ARTICLE,
    STUB,
    PASHINYAN,
    "/entity/Q1953",
    EVENT,
    MENTION,
    f"/activity/{ARTICLE_ID}",
    f"/graph/{ARTICLE_ID}",
    "/agent/geokg-0.1.0",
    "/entity/Q1",  # the HTML error page
]


@pytest.mark.parametrize("path", PAGES)
def test_html_is_valid_html5(client: FlaskClient, path: str) -> None:
    response = client.get(path, headers={"Accept": BROWSER})
    assert response.mimetype == "text/html"
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(response.data)  # raises ParseError on any error


def test_update_with_token(store: Store) -> None:
    client = make_app(store, UPDATE_TOKEN=TOKEN).test_client()
    update = "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }"
    ask = q("ASK { <urn:a> <urn:b> <urn:c> }")
    for headers, status in (
        ({}, 401),
        ({"Authorization": "Bearer wrong"}, 403),
        ({"Authorization": f"Basic {TOKEN}"}, 401),
    ):
        response = client.post("/sparql", data={"update": update}, headers=headers)
        assert response.status_code == status, headers
        if status == 401:
            assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert json.loads(client.get(ask).data)["boolean"] is False
    response = client.post(
        "/sparql",
        data=update,
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 204
    assert json.loads(client.get(ask).data)["boolean"] is True
    response = client.get(
        "/sparql?update=" + quote(update), headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 400  # updates only by POST
    response = client.post(
        "/sparql", data={"update": "INSERT NOTHING"}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 400
    assert "syntax" in response.get_data(as_text=True)


def test_service_description(client: FlaskClient) -> None:
    graph = Graph().parse(data=client.get("/sparql").data, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    # the endpoint as the client reached it (the test client's host), not the base IRI
    assert (None, URIRef(sd + "endpoint"), URIRef("http://localhost/sparql")) in graph
    assert (None, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in graph


def test_named_graph_parameters(client: FlaskClient) -> None:
    graph = BASE + "graph/armenia-weighs-options-5b8e0d4c21"
    url = q("SELECT (COUNT(*) AS ?n) WHERE { ?s schema:headline ?h }")
    everything = json.loads(client.get(url).data)["results"]["bindings"][0]["n"]["value"]
    one = json.loads(client.get(url + "&default-graph-uri=" + quote(graph)).data)
    assert int(one["results"]["bindings"][0]["n"]["value"]) < int(everything)


def test_body_too_large(store: Store) -> None:
    client = make_app(store, MAX_BODY=64).test_client()
    response = client.post(
        "/sparql",
        data="SELECT * WHERE { ?s ?p ?o } " + "#" * 200,
        headers={"Content-Type": "application/sparql-query"},
    )
    assert response.status_code == 413


def test_server_faults_do_not_leak(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(store, "select", boom)
    response = make_app(store).test_client().get("/")
    assert response.status_code == 500
    assert "secret" not in response.get_data(as_text=True)


def test_store_path_opens_an_on_disk_store(tmp_path: Path) -> None:
    app = create_app({"STORE": str(tmp_path / "store"), "TESTING": True})
    assert isinstance(app.extensions["geokg.store"], Store)
    assert app.config["MAX_CONTENT_LENGTH"] == app.config["MAX_BODY"]
    assert app.test_client().get("/").status_code == 200


def test_links_from_data_are_web_links_only(store: Store) -> None:
    store.update(
        "INSERT DATA { GRAPH <urn:evil> { <http://127.0.0.1:8000/article/armenia-weighs-options-"
        "5b8e0d4c21> <https://schema.org/url> <javascript:alert(1)> } }"
    )
    text = make_app(store).test_client().get(SCRIPT_ARTICLE + ".html").get_data(as_text=True)
    assert "javascript:alert(1)" in text  # shown as text in the statements table
    assert 'href="javascript:' not in text


def test_cors_preflight(client: FlaskClient) -> None:
    response = client.options(
        "/sparql",
        headers={"Origin": "https://app.example", "Access-Control-Request-Method": "POST"},
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in response.headers["Access-Control-Allow-Headers"]


def test_query_files_document_themselves() -> None:
    from geokg.assets import list_queries

    queries = {nq.name: nq for nq in list_queries()}
    assert {"describe_resource", "recent_articles", "top_entities", "entity_articles"} <= set(
        queries
    )
    for nq in queries.values():
        assert "# title:" in nq.text and nq.description, nq.name


def test_serve_refuses_several_workers() -> None:
    from geokg.web.server import serve

    with pytest.raises(ValueError, match="one process"):
        serve({}, workers=2)


# -- protocol exactness (SPARQL 1.1 Protocol §2.1-2.2) -------------------------------------

WRITE = {"Authorization": f"Bearer {TOKEN}"}
UPDATE_BODY = {"Content-Type": "application/sparql-update", **WRITE}


@pytest.fixture
def writer(store: Store) -> FlaskClient:
    return make_app(store, UPDATE_TOKEN=TOKEN).test_client()


@pytest.mark.parametrize(
    ("method", "path", "headers", "body", "needle"),
    [
        ("GET", q(ASK) + "&query=" + quote(ASK), {}, None, "2 query parameters"),
        ("POST", "/sparql", {}, {"query": [ASK, ASK]}, "2 query parameters"),
        ("POST", "/sparql", WRITE, {"update": ["CLEAR ALL", "CLEAR ALL"]}, "2 update parameters"),
        ("POST", "/sparql", WRITE, {"query": ASK, "update": "CLEAR ALL"}, "not both"),
        ("GET", q(ASK) + "&update=" + quote("CLEAR ALL"), WRITE, None, "not both"),
        ("POST", "/sparql?query=" + quote(ASK), {"Content-Type": "application/sparql-query"},
         ASK, "not query="),
        ("GET", q(ASK) + "&using-graph-uri=urn:g", {}, None, "does not apply to a query"),
        ("POST", "/sparql?default-graph-uri=urn:g", UPDATE_BODY, "CLEAR ALL",
         "does not apply to an update"),
        ("POST", "/sparql?using-named-graph-uri=urn:g", UPDATE_BODY,
         "WITH <urn:x> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "USING or WITH"),
        ("POST", "/sparql?using-graph-uri=urn:g", UPDATE_BODY,
         "DELETE { ?s ?p ?o } USING <urn:y> WHERE { ?s ?p ?o }", "USING or WITH"),
        ("POST", "/sparql?using-graph-uri=not%20an%20iri", UPDATE_BODY,
         "DELETE WHERE { ?s ?p ?o }", "not an absolute IRI"),
    ],
)
def test_protocol_refusals(
    writer: FlaskClient, method: str, path: str, headers: dict[str, str], body: Any, needle: str
) -> None:
    response = writer.open(path, method=method, headers=headers, data=body)
    text = response.get_data(as_text=True)
    assert response.status_code == 400, text
    assert needle in text


def _ask(client: FlaskClient, query: str) -> bool:
    return bool(json.loads(client.get(q(query)).data)["boolean"])


def test_using_graph_uri_sets_the_update_dataset(writer: FlaskClient) -> None:
    setup = (
        "INSERT DATA { GRAPH <urn:d1> { <urn:a> a <urn:Doc> }"
        " GRAPH <urn:d2> { <urn:b> a <urn:Doc> } GRAPH <urn:d3> { <urn:c> a <urn:Doc> } }"
    )
    assert writer.post("/sparql", data=setup, headers=UPDATE_BODY).status_code == 204
    update = (
        "INSERT { GRAPH <urn:out> { ?s <urn:in> ?in } } WHERE {"
        " { GRAPH ?g { ?s a <urn:Doc> } BIND(?g AS ?in) }"
        " UNION { ?s a <urn:Doc> BIND('d' AS ?in) } }"
    )
    response = writer.post(
        "/sparql?using-graph-uri=urn:d1&using-named-graph-uri=urn:d2", data=update,
        headers=UPDATE_BODY,
    )
    assert response.status_code == 204, response.get_data(as_text=True)
    assert _ask(
        writer, "ASK { GRAPH <urn:out> { <urn:a> <urn:in> 'd' . <urn:b> <urn:in> <urn:d2> } }"
    )
    assert not _ask(writer, "ASK { GRAPH <urn:out> { <urn:c> ?p ?o } }")
    assert not _ask(writer, "ASK { GRAPH <urn:out> { <urn:a> <urn:in> <urn:d1> } }")


def test_using_graph_uri_in_a_form_and_with_delete_where(writer: FlaskClient) -> None:
    setup = (
        "INSERT DATA { GRAPH <urn:d1> { <urn:a> <urn:p> 1 } GRAPH <urn:d2> { <urn:a> <urn:p> 1 } }"
    )
    assert writer.post("/sparql", data=setup, headers=UPDATE_BODY).status_code == 204
    # DELETE WHERE reads the protocol dataset (urn:d1); it deletes from the default graph only,
    # so nothing named is removed, but the rewrite must still run and answer 204
    form = {"update": "DELETE WHERE { <urn:a> <urn:p> ?o }", "using-graph-uri": "urn:d1"}
    assert writer.post("/sparql", data=form, headers=WRITE).status_code == 204
    move = {
        "update": "DELETE { GRAPH <urn:d2> { ?s ?p ?o } } WHERE { ?s ?p ?o }",
        "using-graph-uri": "urn:d1",
    }
    assert writer.post("/sparql", data=move, headers=WRITE).status_code == 204
    assert not _ask(writer, "ASK { GRAPH <urn:d2> { ?s ?p ?o } }")
    assert _ask(writer, "ASK { GRAPH <urn:d1> { <urn:a> <urn:p> 1 } }")


def test_with_using_rewrites_only_top_level_where() -> None:
    from geokg.sparql import with_using

    update = (
        "PREFIX where: <urn:w#>\n# WHERE in a comment\n"
        "INSERT { ?s where:x 'WHERE {' } WHERE { ?s ?p ?o FILTER(?o < 3) } ;\n"
        "INSERT DATA { <urn:a> <urn:b> 'WHERE' } ;\n"
        "DELETE WHERE { GRAPH <urn:g> { ?s ?p ?o } }"
    )
    rewritten = with_using(update, ["urn:d"], ["urn:n"])
    assert rewritten.count("USING <urn:d> USING NAMED <urn:n>") == 2
    assert "}  USING <urn:d> USING NAMED <urn:n> WHERE { ?s ?p ?o FILTER" in rewritten
    assert "DELETE { GRAPH <urn:g> { ?s ?p ?o } } USING" in rewritten
    Store().update(rewritten)  # still valid SPARQL


# -- limits ------------------------------------------------------------------------------

LABELS = "SELECT ?entity ?label WHERE { ?entity rdfs:label ?label } ORDER BY ?label ?entity"


@pytest.mark.parametrize(
    ("accept", "rows_of"),
    [
        ("application/sparql-results+json",
         lambda b: len(json.loads(b)["results"]["bindings"])),
        ("application/sparql-results+xml", lambda b: b.count(b"<result>")),
        ("text/csv", lambda b: len(b.strip().splitlines()) - 1),
        ("text/tab-separated-values", lambda b: len(b.strip().splitlines()) - 1),
    ],
)
def test_results_are_cut_with_a_signal(store: Store, accept: str, rows_of: Any) -> None:
    client = make_app(store, MAX_RESULTS=2).test_client()
    response = client.get(q(LABELS), headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["Geokg-Results-Truncated"] == "2"
    assert rows_of(response.data) == 2
    if accept.endswith("json"):
        assert json.loads(response.data)["head"]["link"] == ["http://localhost/sparql#max_results"]
    if accept.endswith("xml"):
        assert b'<link href="http://localhost/sparql#max_results"/></head>' in response.data
    uncut = make_app(store, MAX_RESULTS=1000).test_client().get(q(LABELS),
                                                                  headers={"Accept": accept})
    assert "Geokg-Results-Truncated" not in uncut.headers
    assert rows_of(uncut.data) > 2


def test_cut_results_keep_terms_exact(store: Store) -> None:
    query = (
        "SELECT ?x ?y ?z WHERE { VALUES (?x ?y ?z) { (<urn:a> 'b'@en 1) (<urn:c> UNDEF "
        "'2026-01-01'^^xsd:date) ('x' 'y' 'z') } }"
    )
    native = json.loads(make_app(store, MAX_RESULTS=0).test_client().get(q(query)).data)
    cut = json.loads(make_app(store, MAX_RESULTS=2).test_client().get(q(query)).data)
    assert cut["results"]["bindings"] == native["results"]["bindings"][:2]
    assert cut["head"]["vars"] == native["head"]["vars"]


def test_ask_and_construct_are_not_cut(store: Store) -> None:
    client = make_app(store, MAX_RESULTS=1).test_client()
    assert "Geokg-Results-Truncated" not in client.get(q(ASK)).headers
    assert "Geokg-Results-Truncated" not in client.get(q(CONSTRUCT)).headers


@pytest.mark.parametrize(
    ("path", "headers", "body"),
    [
        ("/sparql", {"Content-Type": "application/sparql-query"}, "ASK {}" + " " * 100),
        ("/sparql", {}, {"query": "ASK {}" + " " * 100}),
        ("/store?default", {"Content-Type": "text/turtle", **WRITE}, "#" * 100),
    ],
)
def test_bodies_over_the_cap_get_413(store: Store, path: str, headers: Any, body: Any) -> None:
    client = make_app(store, MAX_BODY=64, UPDATE_TOKEN=TOKEN).test_client()
    response = client.open(path, method="PUT" if "store" in path else "POST", headers=headers,
                           data=body)
    assert response.status_code == 413
    assert "64 bytes" in response.get_data(as_text=True)


def test_long_query_strings_get_414(store: Store) -> None:
    client = make_app(store, MAX_BODY=64).test_client()
    response = client.get(q("ASK { ?s ?p ?o }" + " " * 100))
    assert response.status_code == 414
    assert "POST" in response.get_data(as_text=True)


def test_query_timeout_is_a_503_with_retry_after(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from geokg.errors import QueryTimeout

    def too_slow(*args: object, **kwargs: object) -> None:
        raise QueryTimeout("cancelled")

    monkeypatch.setattr(store, "query_answer", too_slow)
    response = make_app(store, QUERY_TIMEOUT=7.5).test_client().get(q(SELECT))
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    assert "time limit of 7.5 s" in response.get_data(as_text=True)


# -- never a 500 for a client mistake ------------------------------------------------------

FUZZ = [
    ("GET", "/sparql?query=%FF%FE", {}, None),
    ("GET", "/sparql?query=" + quote("SELECT * { SERVICE <"), {}, None),
    ("GET", "/sparql?query=" + quote("SELECT * { SERVICE"), {}, None),
    ("GET", "/sparql?default-graph-uri=" + quote("<bad iri>") + "&query=" + quote(ASK), {}, None),
    ("POST", "/sparql", {"Content-Type": "application/sparql-query"}, b"\xff\xfe"),
    ("POST", "/sparql", {"Content-Type": "application/sparql-update", **WRITE}, b"\xff"),
    ("POST", "/sparql", {"Content-Type": "application/sparql-update", **WRITE}, b"LOAD"),
    ("POST", "/sparql", {"Content-Type": "application/sparql-update", **WRITE}, b"LOAD <"),
    ("POST", "/sparql?using-graph-uri=urn:x", {"Content-Type": "application/sparql-update",
                                               **WRITE}, b"INSERT {"),
    ("POST", "/sparql", {"Content-Type": "multipart/form-data; boundary=x"}, b"--x--"),
    ("POST", "/sparql", {"Content-Type": "application/x-www-form-urlencoded"}, b"query=%ZZ"),
    ("PUT", "/store?graph=urn:g", {"Content-Type": "text/turtle", **WRITE}, b"<a> <b"),
    ("PUT", "/store?graph=urn:g", {"Content-Type": "application/rdf+xml", **WRITE}, b"<x"),
    ("PUT", "/store?graph=urn:g", {"Content-Type": "application/ld+json", **WRITE}, b"{"),
    ("PUT", "/store?graph=urn:g", WRITE, b"<urn:a> <urn:b> <urn:c> ."),
    ("POST", "/store?graph=urn:g", {"Content-Type": "multipart/form-data; boundary=b", **WRITE},
     b"--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f\"\r\n\r\nx\r\n--b--\r\n"),
    ("GET", "/store?graph=", {}, None),
    ("GET", "/store?graph=" + quote("http://x/ y"), {}, None),
    ("DELETE", "/store", WRITE, None),
    ("GET", "/store?graph=urn:g&format=nope", {}, None),
    ("GET", "/store?graph=" + quote("http://[x"), {}, None),
    ("PUT", "/store?graph=" + quote("urn:a%zz"), {"Content-Type": "text/turtle", **WRITE}, b""),
    ("DELETE", "/store?graph=" + quote("http://[x"), WRITE, None),
    ("GET", "/store/a%20b", {}, None),
    ("PUT", "/store/a%20b", {"Content-Type": "text/turtle", **WRITE}, b""),
    ("GET", "/graph/a%20b", {"Accept": "text/turtle"}, None),
    ("GET", "/.well-known/void?format=csv", {}, None),
    ("GET", "/dumps/other.gz", {}, None),
]


@pytest.mark.parametrize(("method", "path", "headers", "body"), FUZZ)
def test_malformed_requests_get_a_4xx_in_the_error_shape(
    store: Store, method: str, path: str, headers: dict[str, str], body: bytes | None
) -> None:
    client = make_app(store, UPDATE_TOKEN=TOKEN).test_client()
    response = client.open(path, method=method, headers={**headers, "Accept": "application/json"},
                           data=body)
    assert 400 <= response.status_code < 500, response.get_data(as_text=True)
    error = response.get_json()
    assert set(error) == {"status", "title", "message"} and error["status"] == response.status_code
