"""The Graph Store HTTP Protocol at /store (and at /graph/<id>) as an HTTP table, test client."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from flask.testing import FlaskClient
from rdflib import Graph, Literal, URIRef

from geokg.store import Store
from geokg.web import create_app

FIXTURE = Path(__file__).parent / "data" / "web" / "sample.trig"
BASE = "http://127.0.0.1:8000/"
TOKEN = "gsp-test-token"  # noqa: S105 - a throwaway token for an in-process test app
WRITE = {"Authorization": f"Bearer {TOKEN}"}
TURTLE = {"Content-Type": "text/turtle; charset=utf-8", **WRITE}
ARTICLE_ID = "pashinyan-arrives-in-moscow-for-talks-3f2a9c1d7e"
PERSON = "http://www.example/gsp/person/1"
DOE = f'<{PERSON}> <http://xmlns.com/foaf/0.1/name> "Doe" .'
JANE = f'<{PERSON}> <http://xmlns.com/foaf/0.1/givenName> "Jane" .'
GRAPH = "/store?graph=" + quote("http://www.example/gsp/g1")


def make_client(**overrides: Any) -> FlaskClient:
    store = Store()
    store.load(FIXTURE.read_bytes(), "application/trig")
    config = {"STORE": store, "TESTING": True, "BASE": BASE, "UPDATE_TOKEN": TOKEN}
    config.update(overrides)
    return create_app(config).test_client()


@pytest.fixture
def client() -> FlaskClient:
    return make_client()


def turtle(response: Any) -> Graph:
    return Graph().parse(data=response.data, format="turtle")


def test_put_get_replace_delete(client: FlaskClient) -> None:
    assert client.get(GRAPH).status_code == 404
    assert client.put(GRAPH, data=DOE, headers=TURTLE).status_code == 201
    response = client.get(GRAPH, headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.mimetype == "text/turtle"
    assert (URIRef(PERSON), None, Literal("Doe")) in turtle(response)
    assert client.put(GRAPH, data=JANE, headers=TURTLE).status_code == 204
    graph = turtle(client.get(GRAPH))
    assert (URIRef(PERSON), None, Literal("Jane")) in graph and len(graph) == 1
    assert client.delete(GRAPH, headers=WRITE).status_code == 204
    assert client.get(GRAPH).status_code == 404
    assert client.delete(GRAPH, headers=WRITE).status_code == 404


def test_post_adds_and_multipart_adds_every_part(client: FlaskClient) -> None:
    assert client.post(GRAPH, data=DOE, headers=TURTLE).status_code == 201
    body = (
        "--b\r\nContent-Disposition: form-data; name=\"a\"; filename=\"a.ttl\"\r\n"
        f"Content-Type: text/turtle\r\n\r\n{JANE}\r\n"
        "--b\r\nContent-Disposition: form-data; name=\"b\"; filename=\"b.nt\"\r\n"
        f"Content-Type: application/n-triples\r\n\r\n<{PERSON}> <urn:p> <urn:o> .\r\n--b--\r\n"
    )
    response = client.post(
        GRAPH, data=body, headers={"Content-Type": "multipart/form-data; boundary=b", **WRITE}
    )
    assert response.status_code == 204, response.get_data(as_text=True)
    assert len(turtle(client.get(GRAPH))) == 3


def test_head_answers_like_get_without_a_body(client: FlaskClient) -> None:
    client.put(GRAPH, data=DOE, headers=TURTLE)
    response = client.head(GRAPH, headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.mimetype == "text/turtle"
    assert response.data == b""
    assert client.head(GRAPH + "x").status_code == 404


def test_default_graph(client: FlaskClient) -> None:
    assert client.get("/store?default").status_code == 200
    assert client.put("/store?default", data=DOE, headers=TURTLE).status_code == 204
    assert len(turtle(client.get("/store?default"))) == 1
    assert client.delete("/store?default", headers=WRITE).status_code == 204
    assert len(turtle(client.get("/store?default"))) == 0


def test_post_to_the_store_creates_a_graph(client: FlaskClient) -> None:
    response = client.post("/store", data=DOE, headers=TURTLE)
    assert response.status_code == 201
    location = response.headers["Location"]
    assert location.startswith(BASE + "store/")
    assert client.get("/store?graph=" + quote(location)).status_code == 200
    assert client.get(location.removeprefix(BASE[:-1])).status_code == 200  # direct


def test_direct_identification_under_store(client: FlaskClient) -> None:
    assert client.put("/store/person/1.ttl", data=DOE, headers=TURTLE).status_code == 201
    indirect = "/store?graph=" + quote(BASE + "store/person/1.ttl")
    assert len(turtle(client.get(indirect))) == 1


def test_article_graph_by_direct_identification(client: FlaskClient) -> None:
    path = f"/graph/{ARTICLE_ID}"
    content = turtle(client.get(path, headers={"Accept": "text/turtle"}))
    article = URIRef(f"{BASE}article/{ARTICLE_ID}")
    assert (article, URIRef("https://schema.org/articleBody"), None) in content
    same = client.get("/store?graph=" + quote(BASE + path[1:]), headers={"Accept": "text/turtle"})
    assert len(turtle(same)) == len(content)
    assert client.get(path + ".nt").mimetype == "application/n-triples"
    page = client.get(path, headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert client.put("/graph/new-one", data=DOE, headers=TURTLE).status_code == 201
    assert len(turtle(client.get("/graph/new-one.ttl"))) == 1
    assert client.delete("/graph/new-one", headers=WRITE).status_code == 204
    assert client.get("/graph/new-one").status_code == 404


def test_graph_reads_are_conditional(client: FlaskClient) -> None:
    path = f"/graph/{ARTICLE_ID}.ttl"
    first = client.get(path)
    assert first.status_code == 200
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert etag.startswith('"')  # strong: a hash of the exact bytes
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(path, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(f"/graph/{ARTICLE_ID}.nt", headers={"If-None-Match": etag}).status_code == 200
    # a graph without provenance (written through the Graph Store) has an ETag only
    client.put(GRAPH, data=DOE, headers=TURTLE)
    plain = client.get(GRAPH, headers={"Accept": "text/turtle"})
    assert "ETag" in plain.headers and "Last-Modified" not in plain.headers
    client.put(GRAPH, data=JANE, headers=TURTLE)
    again = {"Accept": "text/turtle", "If-None-Match": plain.headers["ETag"]}
    changed = client.get(GRAPH, headers=again)
    assert changed.status_code == 200


@pytest.mark.parametrize("accept", ["application/n-triples", "application/ld+json",
                                    "application/rdf+xml"])
def test_get_negotiates(client: FlaskClient, accept: str) -> None:
    client.put(GRAPH, data=DOE, headers=TURTLE)
    response = client.get(GRAPH, headers={"Accept": accept})
    assert response.mimetype == accept
    fmt = {"application/n-triples": "nt", "application/ld+json": "json-ld",
           "application/rdf+xml": "xml"}[accept]
    assert len(Graph().parse(data=response.data, format=fmt)) == 1
    assert client.get(GRAPH, headers={"Accept": "image/png"}).status_code == 406


@pytest.mark.parametrize(
    ("headers", "status", "challenge"),
    [({}, 401, True), ({"Authorization": "Bearer wrong"}, 403, False),
     ({"Authorization": "Basic x"}, 401, True)],
)
def test_writes_need_the_token(headers: dict[str, str], status: int, challenge: bool) -> None:
    client = make_client()
    for method in ("PUT", "POST", "DELETE"):
        response = client.open(GRAPH, method=method, data=DOE,
                               headers={"Content-Type": "text/turtle", **headers})
        assert response.status_code == status, method
        assert ("WWW-Authenticate" in response.headers) == challenge
    assert client.get(GRAPH).status_code == 404  # nothing was written


def test_read_only_store_refuses_writes() -> None:
    client = make_client(UPDATE_TOKEN="")
    response = client.put(GRAPH, data=DOE, headers=TURTLE)
    assert response.status_code == 403
    assert "read-only" in response.get_data(as_text=True)
    assert client.get("/store?default").status_code == 200  # reads stay open


@pytest.mark.parametrize(
    ("method", "path", "headers", "body", "status", "needle"),
    [
        ("PUT", GRAPH, TURTLE, "<a> <b> .", 400, "cannot parse text/turtle"),
        ("PUT", GRAPH, {"Content-Type": "text/plain", **WRITE}, DOE, 415, "text/turtle"),
        ("PUT", GRAPH, {"Content-Type": "application/trig", **WRITE}, DOE, 415, "text/turtle"),
        ("GET", "/store?graph=relative", {}, None, 400, "absolute IRI"),
        ("GET", "/store?default&graph=urn:x", {}, None, 400, "name one graph"),
        ("GET", "/store", {}, None, 400, "?default"),
        ("PATCH", GRAPH, WRITE, None, 405, "not allowed"),
    ],
)
def test_bad_requests(
    client: FlaskClient, method: str, path: str, headers: dict[str, str], body: str | None,
    status: int, needle: str,
) -> None:
    response = client.open(path, method=method, headers={**headers, "Accept": "application/json"},
                           data=body)
    assert response.status_code == status
    error = json.loads(response.data)
    assert error["status"] == status and needle in error["message"]


def test_writes_are_seen_by_sparql(client: FlaskClient) -> None:
    client.put(GRAPH, data=DOE, headers=TURTLE)
    ask = "ASK { GRAPH <http://www.example/gsp/g1> { ?s ?p 'Doe' } }"
    assert json.loads(client.get("/sparql?query=" + quote(ask)).data)["boolean"] is True


def test_a_store_timeout_is_a_503_with_retry_after_on_any_route(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from geokg.errors import QueryTimeout

    client = make_client()
    store = client.application.extensions["geokg.store"]

    def too_slow(*args: object) -> bool:
        raise QueryTimeout("cancelled")

    monkeypatch.setattr(store, "graph_exists", too_slow)
    response = client.get(GRAPH)
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    assert "query_timeout" in response.get_data(as_text=True)
