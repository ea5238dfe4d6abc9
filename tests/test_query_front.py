"""``QueryFront`` answers plain GET queries exactly as the Flask view would, and nothing else."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.test import EnvironBuilder

from geokg.store import Store
from geokg.web import create_app
from geokg.web.sparql import QueryFront

DATA = b"""
<urn:a> <urn:p> "one" <urn:g1> .
<urn:a> <urn:p> "two" <urn:g1> .
<urn:b> <urn:p> "three" <urn:g2> .
<urn:b> <urn:q> <urn:a> <urn:g2> .
"""
SELECT = "SELECT ?s ?o WHERE { ?s <urn:p> ?o } ORDER BY ?o"
ASK = "ASK { <urn:a> <urn:p> ?o }"
CONSTRUCT = "CONSTRUCT { ?s <urn:r> ?o } WHERE { ?s <urn:p> ?o }"

Reply = tuple[str, list[tuple[str, str]], bytes]


class Counted:
    """The WSGI app behind the front, counting the requests that reach it."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.calls = 0

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        """Pass the request on and count it."""
        self.calls += 1
        result: Iterable[bytes] = self.app(environ, start_response)
        return result


def _app(tmp_path: Path, **config: object) -> tuple[Flask, QueryFront, Counted]:
    """An app over a small store; the front, and the Flask app behind it (counted)."""
    store = Store(tmp_path / "store")
    store.load(DATA, "application/n-quads")
    app = create_app({"STORE": store, "QUERY_WATCHDOG": False, **config})
    front = app.wsgi_app
    assert isinstance(front, QueryFront)
    behind = Counted(front.wsgi_app)
    front.wsgi_app = behind
    return app, front, behind


def _call(wsgi: Any, environ: dict[str, Any]) -> Reply:
    """Status, headers and body of one WSGI call."""
    sent: list[tuple[str, list[tuple[str, str]]]] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        sent.append((status, list(headers)))

    result = wsgi(environ, start_response)
    body = b"".join(result)
    close = getattr(result, "close", None)
    if close is not None:
        close()
    return sent[-1][0], sent[-1][1], body


def _environ(query_string: str | dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """A GET /sparql environ."""
    environ: dict[str, Any] = EnvironBuilder(
        path="/sparql", query_string=query_string, **kwargs
    ).get_environ()
    return environ


PLAIN = [
    pytest.param({"query": SELECT}, {}, id="select-default"),
    pytest.param({"query": SELECT}, {"Accept": "application/sparql-results+xml"}, id="select-xml"),
    pytest.param({"query": SELECT}, {"Accept": "text/csv"}, id="select-csv"),
    pytest.param({"query": SELECT}, {"Accept": "text/tab-separated-values;q=0.9, */*;q=0.1"},
                 id="select-tsv-q"),
    pytest.param({"query": SELECT, "format": "xml"}, {"Accept": "text/csv"}, id="format-over"),
    pytest.param({"query": ASK}, {"Accept": "application/json"}, id="ask"),
    pytest.param({"query": CONSTRUCT}, {}, id="construct-turtle"),
    pytest.param({"query": CONSTRUCT}, {"Accept": "application/n-triples"}, id="construct-nt"),
    pytest.param({"query": CONSTRUCT, "format": "json"}, {}, id="construct-format-json"),
    pytest.param({"query": SELECT, "default-graph-uri": "urn:g2"}, {}, id="default-graph"),
    pytest.param({"query": "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                  "named-graph-uri": ["urn:g1", "urn:g2"]}, {}, id="named-graphs"),
    pytest.param({"query": SELECT, "x-client": "1"}, {}, id="unknown-parameter"),
    pytest.param({"query": "SELECT ?s WHERE { ?s rdfs:label ?o ; schema:name ?n }"}, {},
                 id="predeclared-prefixes"),
    pytest.param("query=SELECT+%3Fs+WHERE+%7B+%3Fs+%3Curn%3Ap%3E+%22%C3%A9%22+%7D", {},
                 id="utf8-percent-encoded"),
]


@pytest.mark.parametrize("cache", [0, 8], ids=["cache-off", "cache-on"])
@pytest.mark.parametrize(("query_string", "headers"), PLAIN)
def test_front_answers_as_flask_would(
    tmp_path: Path, cache: int, query_string: Any, headers: dict[str, str]
) -> None:
    app, front, behind = _app(tmp_path, ANSWER_CACHE=cache)
    answered = _call(front, _environ(query_string, headers=headers))
    assert behind.calls == 0  # the front answered it alone
    with app.app_context():
        expected = _call(behind.app, _environ(query_string, headers=headers))
    assert answered[0] == expected[0] == "200 OK"
    assert sorted(answered[1]) == sorted(expected[1])
    assert answered[2] == expected[2]
    if cache:  # the same request again: replayed, still without Flask
        assert _call(front, _environ(query_string, headers=headers)) == answered
        assert behind.calls == 0


def test_a_cut_result_names_the_endpoint_as_flask_does(tmp_path: Path) -> None:
    _, front, behind = _app(tmp_path, ANSWER_CACHE=0, MAX_RESULTS=1)
    environ = _environ({"query": SELECT}, base_url="https://example.org:8443/kg/")
    answered = _call(front, environ)
    assert behind.calls == 0
    expected = _call(behind.app, _environ({"query": SELECT}, base_url="https://example.org:8443/kg/"))
    assert sorted(answered[1]) == sorted(expected[1])
    assert ("Geokg-Results-Truncated", "1") in answered[1]
    assert answered[2] == expected[2]
    assert b"https://example.org:8443/kg/sparql#max_results" in answered[2]
    # a cut answer has no validator: it belongs to no one version
    assert not any(name == "ETag" for name, _ in answered[1])


REFUSED = [
    pytest.param({"query": "SELECT * WHERE { ?s ?p }"}, {}, "400", id="syntax-error"),
    pytest.param({"query": "   "}, {}, "400", id="empty-query"),
    pytest.param({"query": [SELECT, ASK]}, {}, "400", id="two-queries"),
    pytest.param({"query": SELECT, "update": "CLEAR ALL"}, {}, "400", id="query-and-update"),
    pytest.param({"update": "CLEAR ALL"}, {}, "403", id="update-by-get"),
    pytest.param({"query": SELECT, "using-graph-uri": "urn:g1"}, {}, "400", id="using-on-query"),
    pytest.param({"query": SELECT}, {"Accept": "image/png"}, "406", id="not-acceptable"),
    pytest.param({"query": CONSTRUCT}, {"Accept": "text/csv"}, "406", id="graph-as-csv"),
    pytest.param({"query": SELECT, "format": "pdf"}, {}, "400", id="unknown-format"),
    pytest.param({"query": SELECT, "format": ["json", "xml"]}, {}, "200", id="two-formats"),
    pytest.param(
        {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"},
        {}, "400", id="service-not-allowed",
    ),
    pytest.param({}, {"Accept": "text/turtle"}, "200", id="service-description"),
]


@pytest.mark.parametrize(("query_string", "headers", "status"), REFUSED)
def test_anything_else_is_left_to_flask(
    tmp_path: Path, query_string: Any, headers: dict[str, str], status: str
) -> None:
    _, front, behind = _app(tmp_path, ANSWER_CACHE=8)
    answered = _call(front, _environ(query_string, headers=headers))
    assert behind.calls == 1
    assert answered[0].startswith(status), answered


def test_if_none_match_and_bodies_go_to_flask(tmp_path: Path) -> None:
    _, front, behind = _app(tmp_path, ANSWER_CACHE=0)
    first = _call(front, _environ({"query": SELECT}))
    etag = dict(first[1])["ETag"]
    again = _call(front, _environ({"query": SELECT}, headers={"If-None-Match": etag}))
    assert again[0].startswith("304")
    assert behind.calls == 1
    with_body = _environ({"query": SELECT}, data=b"x", content_type="text/plain")
    assert _call(front, with_body)[0].startswith("200")
    assert behind.calls == 2


def test_a_query_string_over_the_size_limit_is_left_to_flask(tmp_path: Path) -> None:
    _, front, behind = _app(tmp_path, ANSWER_CACHE=0, MAX_BODY=200)
    answered = _call(front, _environ({"query": SELECT + " " * 300}))
    assert behind.calls == 1
    assert answered[0].startswith("414")
