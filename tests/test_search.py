"""Entity search and suggestions through Flask's test client, on a hand-made fixture store."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import html5lib
import pytest
from flask.testing import FlaskClient

from geokg.store import Store
from geokg.web import create_app

FIXTURE = Path(__file__).parent / "data" / "dyads" / "pair.trig"
BASE = "http://127.0.0.1:8000/"


@pytest.fixture
def client() -> Iterator[FlaskClient]:
    store = Store()
    store.load(FIXTURE.read_bytes(), "application/trig")
    app = create_app({"STORE": store, "TESTING": True, "BASE": BASE, "UPDATE_TOKEN": ""})
    with app.test_client() as c:
        yield c


def results(client: FlaskClient, query: str) -> list[list[str]]:
    """The rows (name, type, articles) of a results page, checked to be strict HTML5."""
    response = client.get(f"/search?q={query}", headers={"Accept": "text/html"})
    assert response.status_code == 200, response.get_data(as_text=True)
    html5lib.HTMLParser(strict=True).parse(response.data)
    text = response.get_data(as_text=True)
    table = re.search(r'<table class="search-results">.*?<tbody>(.*?)</tbody>', text, re.S)
    if table is None:
        return []
    found = []
    for row in re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S):
        cells = re.findall(r"<td>(.*?)</td>", row, re.S)
        found.append([html.unescape(re.sub(r"<[^>]+>", "", c)) for c in cells])
    return found


def test_prefix_matches_come_before_contains(client: FlaskClient) -> None:
    # "mos": Moscow starts with it; no other name contains it
    assert results(client, "mos") == [["Moscow", "Place", "2"]]
    # "an": no name starts with it; these contain it (Russia through its alias)
    found = results(client, "an")
    assert [r[0] for r in found] == ["France", "Nikol Pashinyan", "Russian Federation", "Yerevan"]
    # "r": Armenia ("Republic of Armenia") and Russia start with it, then the names that
    # only contain it, alphabetically
    assert [r[0] for r in results(client, "r")] == ["Armenia", "Russia", "France", "Yerevan"]
    # the label is shown when it matches, else the alternative label that does
    assert [r[0] for r in results(client, "republic")] == ["Republic of Armenia"]


def test_case_and_spaces_do_not_matter(client: FlaskClient) -> None:
    assert results(client, "  YEREVAN ") == [["Yerevan", "Place", "1"]]
    assert results(client, "nikol%20%20pashinyan") == [["Nikol Pashinyan", "Person", "1"]]


def test_aliases_are_found(client: FlaskClient) -> None:
    assert results(client, "federation") == [["Russian Federation", "Country", "2"]]


def test_results_link_the_entity_pages(client: FlaskClient) -> None:
    text = client.get("/search?q=arm", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert '<a href="/entity/Q399">Armenia</a>' in text
    assert '<form action="/search" method="get" role="search"' in text
    assert 'value="arm"' in text


def test_no_match_says_so(client: FlaskClient) -> None:
    text = client.get("/search?q=atlantis").get_data(as_text=True)
    assert "No entity is named like “atlantis”" in text


def test_markup_in_the_query_is_text(client: FlaskClient) -> None:
    response = client.get("/search?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "<script>alert(1)" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_json_results(client: FlaskClient) -> None:
    response = client.get("/search?q=russ", headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["matches"] == 1
    assert body["results"] == [{
        "iri": BASE + "entity/Q159", "label": "Russia", "type": "Country", "articles": 2,
        "url": "http://localhost/entity/Q159",
    }]


def test_suggestions_follow_opensearch(client: FlaskClient) -> None:
    response = client.get("/search/suggest?q=Ye")
    assert response.status_code == 200
    assert response.mimetype == "application/x-suggestions+json"
    assert "max-age=" in response.headers["Cache-Control"]
    assert json.loads(response.data) == [
        "Ye", ["Yerevan"], ["Place, 1 article"], ["http://localhost/entity/Q1953"],
    ]


def test_suggestions_are_at_most_ten(client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    import geokg.web.search as search

    monkeypatch.setattr(search, "MAX_SUGGESTIONS", 2)
    names = json.loads(client.get("/search/suggest?q=a").data)[1]
    assert names == ["Armenia", "France"]
    assert search.MAX_SUGGESTIONS == 2
    monkeypatch.undo()
    assert len(json.loads(client.get("/search/suggest?q=e").data)[1]) <= 10


def test_paging(client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    import geokg.web.search as search

    monkeypatch.setattr(search, "PAGE_SIZE", 2)
    first = client.get("/search?q=r").get_data(as_text=True)
    second = client.get("/search?q=r&page=2").get_data(as_text=True)
    assert "Armenia" in first and "Russia" in first and "Yerevan" not in first
    assert "France" in second and "Yerevan" in second and "Russia" not in second
    assert 'rel="next" href="/search?q=r&amp;page=2"' in first


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/search", 400, "give the name to search for as ?q="),
        ("/search?q=", 400, "the search text q is empty"),
        ("/search?q=%20%20", 400, "the search text q is empty"),
        ("/search?q=" + "a" * 201, 400, "the search text q has 201 characters; at most 200"),
        ("/search/suggest?q=", 400, "the search text q is empty"),
        ("/search/suggest?q=" + "b" * 300, 400, "at most 200"),
        ("/search?q=r&page=0", 400, "page must be a whole number"),
        ("/search?q=r&page=two", 400, "page must be a whole number"),
        ("/search?q=r&page=9", 404, "past the last page"),
    ],
)
def test_bad_requests_say_what_is_wrong(
    client: FlaskClient, path: str, status: int, message: str
) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)


def test_406(client: FlaskClient) -> None:
    assert client.get("/search?q=a", headers={"Accept": "text/turtle"}).status_code == 406
    response = client.get("/search/suggest?q=a", headers={"Accept": "text/html"})
    assert response.status_code == 406
    assert "application/x-suggestions+json" in response.get_data(as_text=True)
    assert "Accept" in response.headers["Vary"]


def test_results_link_their_json_and_the_ready_query(client: FlaskClient) -> None:
    text = client.get("/search?q=arm", headers={"Accept": "text/html"}).get_data(as_text=True)
    as_json = re.search(r'<a href="([^"]+)">JSON</a>', text)
    assert as_json is not None
    answer = client.get(html.unescape(as_json.group(1)))
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    assert "Armenia" in answer.get_data(as_text=True)
    editor = re.search(r'class="editor-link" href="/sparql#query=([^"]+)"', text)
    assert editor is not None
    query = unquote(html.unescape(editor.group(1)))
    assert 'VALUES (?q) { ("arm") }' in query
    ran = client.post("/sparql", data={"query": query},
                      headers={"Accept": "application/sparql-results+json"})
    assert "http://127.0.0.1:8000/entity/Q399" in ran.get_data(as_text=True)
