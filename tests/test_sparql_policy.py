"""The query policy: SERVICE and LOAD reach only allow-listed IRIs, FROM never fetches.

Where the network is the point, a real TCP listener on 127.0.0.1 records every connection: a
refused SERVICE/LOAD and a FROM must leave it untouched, while an allow-listed target (the
control) does reach it. Federation is shown end to end against a local ``oxigraph serve``.
"""

from __future__ import annotations

import json
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from flask.testing import FlaskClient

from geokg import sparql as policy
from geokg.errors import QueryError
from geokg.store import Store
from geokg.web import create_app

from .conftest import free_port

FIXTURE = Path(__file__).parent / "data" / "web" / "sample.trig"
BASE = "http://127.0.0.1:8000/"
TOKEN = "policy-test-token"  # noqa: S105 - a throwaway token for an in-process test app
OXIGRAPH = Path(__file__).parent.parent / ".venv" / "bin" / "oxigraph"


class Listener:
    """A TCP listener on 127.0.0.1 that accepts and closes connections, counting them."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.1)
        self.port = int(self.sock.getsockname()[1])
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        """An HTTP URL on the listener."""
        return f"http://127.0.0.1:{self.port}/sparql"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def quiet_for(self, seconds: float = 0.3) -> bool:
        """Whether no connection arrived, after waiting a little for a late one."""
        time.sleep(seconds)
        return self.connections == 0

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


def make_client(allow: str = "", **overrides: Any) -> FlaskClient:
    store = Store()
    store.load(FIXTURE.read_bytes(), "application/trig")
    config = {
        "STORE": store, "TESTING": True, "BASE": BASE, "UPDATE_TOKEN": TOKEN,
        "SERVICE_ALLOW": allow,
    }
    config.update(overrides)
    return create_app(config).test_client()


def query(client: FlaskClient, text: str) -> Any:
    return client.get("/sparql?query=" + quote(text))


def update(client: FlaskClient, text: str) -> Any:
    return client.post(
        "/sparql", data=text.encode("utf-8"),
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
    )


# -- refused: no connection, a 400 that names the IRI and the setting ------------------------

REFUSED_QUERIES = [
    "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "select * where { service <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <{url}> { ?s ?p ?o } }",
    "PREFIX x: <{prefix}> SELECT * WHERE { SERVICE x:sparql { ?s ?p ?o } }",
    "SELECT * WHERE { # a comment\n SERVICE <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <{url}> { ?s ?p ?x } } }",
    "ASK { { SELECT ?s WHERE { SERVICE <{url}> { ?s ?p ?o } } } }",
]


@pytest.mark.parametrize("template", REFUSED_QUERIES)
def test_refused_service_makes_no_connection(listener: Listener, template: str) -> None:
    client = make_client(allow="https://query.wikidata.org/sparql")
    text = template.replace("{url}", listener.url).replace(
        "{prefix}", listener.url.removesuffix("sparql")
    )
    response = query(client, text)
    message = response.get_data(as_text=True)
    assert response.status_code == 400, message
    assert listener.url in message and "service_allow" in message
    assert listener.quiet_for()


def test_variable_service_is_refused(listener: Listener) -> None:
    client = make_client(allow=listener.url)  # even with the target allow-listed
    response = query(
        client, f"SELECT * WHERE {{ BIND(<{listener.url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}"
    )
    assert response.status_code == 400
    assert "?e (a variable endpoint)" in response.get_data(as_text=True)
    assert listener.quiet_for()


@pytest.mark.parametrize(
    "template",
    [
        "LOAD <{url}>",
        "LOAD SILENT <{url}> INTO GRAPH <urn:g>",
        "load <{url}>",
        "INSERT DATA { <urn:a> <urn:b> <urn:c> } ; LOAD <{url}>",
        "INSERT { ?s ?p ?o } WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    ],
)
def test_refused_load_makes_no_connection(listener: Listener, template: str) -> None:
    client = make_client(allow="https://query.wikidata.org/sparql")
    response = update(client, template.replace("{url}", listener.url))
    message = response.get_data(as_text=True)
    assert response.status_code == 400, message
    assert listener.url in message and "service_allow" in message
    assert listener.quiet_for()


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * FROM <{url}> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <{url}> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "ASK FROM <{url}> FROM NAMED <{url}#n> { ?s ?p ?o }",
    ],
)
def test_from_is_a_local_graph_selection(listener: Listener, template: str) -> None:
    response = query(make_client(), template.replace("{url}", listener.url))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert listener.quiet_for()


def test_default_graph_parameters_do_not_fetch(listener: Listener) -> None:
    client = make_client()
    url = "/sparql?query=" + quote("ASK { ?s ?p ?o }") + "&default-graph-uri=" + quote(
        listener.url) + "&named-graph-uri=" + quote(listener.url)
    assert client.get(url).status_code == 200
    assert listener.quiet_for()


# -- the controls: an allow-listed target is contacted, so the listener does see connections ---


def test_allow_listed_service_is_contacted(listener: Listener) -> None:
    client = make_client(allow=listener.url)
    response = query(client, f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}")
    assert response.status_code == 503  # the listener hangs up: the store reports a failure
    assert listener.connections >= 1


def test_allow_listed_load_is_contacted(listener: Listener) -> None:
    client = make_client(allow=listener.url)
    response = update(client, f"LOAD <{listener.url}>")
    assert response.status_code == 503
    assert listener.connections >= 1


# -- the policy functions ------------------------------------------------------------------


def test_only_texts_that_may_name_service_are_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(policy, "parseQuery", refuse)
    monkeypatch.setattr(policy, "parseUpdate", refuse)
    policy.check_query("SELECT * WHERE { ?s ?p ?o } LIMIT 10", [])
    policy.check_query('SELECT * WHERE { ?s ?p "Service" } # SERVICE <http://x/>', [])
    policy.check_query("SELECT * WHERE { ?s ?p <http://x/service> }", [])
    policy.check_update('INSERT DATA { <urn:a> <urn:b> "download, then LOAD it" }', [])
    with pytest.raises(QueryError, match="parsed"):  # an over-estimate: parsed (and refused)
        policy.check_query("SELECT * WHERE { ?s ex:service ?o }", [])


def test_a_large_insert_data_is_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    # keywords inside strings do not wake the (slow) parser up
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the update was parsed")

    monkeypatch.setattr(policy, "parseQuery", refuse)
    monkeypatch.setattr(policy, "parseUpdate", refuse)
    literal = '"we loaded the service download" '
    triples = "".join(f"<urn:s{n}> <urn:p> {literal}. " for n in range(20000))
    policy.check_update("INSERT DATA { " + triples + "}", [])


@pytest.mark.parametrize(
    "text",
    [
        # rdflib decodes \u0022 everywhere and sees a long string hiding SERVICE; Oxigraph
        # decodes it only inside the string, so it would run the SERVICE clause
        'SELECT * { BIND("\\u0022" AS ?x) SERVICE <{url}> { ?a ?b ?c } } # """ AS ?x) }',
        "SELECT * { ?s ?p ?o FILTER(?o<3)SERVICE<{url}>{} }",
        "SELECT * { SERVICE<{url}>{} }",
        # Oxigraph does not decode escapes outside strings: a syntax error, never a SERVICE
        "SELECT * WHERE { SERV\\u0049CE <{url}> { ?s ?p ?o } }",
    ],
)
def test_parser_differences_cannot_hide_a_service(listener: Listener, text: str) -> None:
    client = make_client(allow="https://query.wikidata.org/sparql")
    response = query(client, text.replace("{url}", listener.url))
    assert response.status_code == 400, response.get_data(as_text=True)
    assert listener.quiet_for()


def test_more_keywords_than_parsed_clauses_is_refused() -> None:
    with pytest.raises(policy.PolicyRefused, match="cannot check every SERVICE"):
        policy._check_count("SERVICE", 0, "SELECT * { SERVICE <http://x/> {} }")
    policy._check_count("SERVICE", 0, "SELECT ?service { ?service ex:service _:service }")


def test_allowed_service_passes_and_prefixes_resolve() -> None:
    allowed = ["https://query.wikidata.org/sparql"]
    policy.check_query("SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> {} }", allowed)
    policy.check_query(
        "PREFIX q: <https://query.wikidata.org/> SELECT * WHERE { SERVICE q:sparql {} }", allowed
    )
    with pytest.raises(policy.PolicyRefused):
        policy.check_query("SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql2> {} }",
                           allowed)
    with pytest.raises(policy.PolicyRefused, match="relative"):
        policy.check_query("SELECT * WHERE { SERVICE <sparql> {} }", allowed)


def test_unparsable_text_that_mentions_service_is_refused() -> None:
    with pytest.raises(QueryError, match="syntax"):
        policy.check_query("SELECT * WHERE { SERVICE <http://x/> { ?s ?p", [])


def test_policy_parses_only_what_mentions_a_keyword(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = policy.parseQuery

    def counting(text: str) -> object:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(policy, "parseQuery", counting)
    allowed = ["https://query.wikidata.org/sparql"]
    policy.check_query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 5", allowed)
    assert calls == []
    federated = "SELECT ?s WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }"
    policy.check_query(federated, allowed)
    assert len(calls) == 1


# -- federation end to end ---------------------------------------------------------------


@pytest.fixture(scope="module")
def wikidata_like() -> Iterator[str]:
    """A local in-memory ``oxigraph serve`` holding a few Wikidata-shaped triples."""
    if not OXIGRAPH.exists():
        pytest.skip("the oxigraph server command is not installed")
    port = free_port()
    proc = subprocess.Popen(
        [str(OXIGRAPH), "serve", "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("oxigraph serve did not start") from None
                time.sleep(0.1)
        data = (
            b"PREFIX wd: <http://www.wikidata.org/entity/>\n"
            b"PREFIX wdt: <http://www.wikidata.org/prop/direct/>\n"
            b"PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            b'INSERT DATA { wd:Q159 rdfs:label "Russia"@en ; wdt:P36 wd:Q649 .\n'
            b'  wd:Q399 rdfs:label "Armenia"@en ; wdt:P36 wd:Q1953 . }'
        )
        request = urllib.request.Request(
            f"{url}/update", data=data, headers={"Content-Type": "application/sparql-update"}
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert answer.status == 204
        yield f"{url}/query"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_federated_query_joins_local_data_with_an_allowed_endpoint(wikidata_like: str) -> None:
    client = make_client(allow=wikidata_like)
    text = (
        "SELECT ?entity ?capital WHERE {\n"
        "  ?entity a geokg:Country ; owl:sameAs ?wd .\n"
        f"  SERVICE <{wikidata_like}> {{\n"
        "    ?wd <http://www.wikidata.org/prop/direct/P36> ?capital }\n"
        "} ORDER BY ?entity"
    )
    response = query(client, text)
    assert response.status_code == 200, response.get_data(as_text=True)
    rows = json.loads(response.data)["results"]["bindings"]
    found = {(r["entity"]["value"], r["capital"]["value"]) for r in rows}
    assert (BASE + "entity/Q159", "http://www.wikidata.org/entity/Q649") in found
    assert (BASE + "entity/Q399", "http://www.wikidata.org/entity/Q1953") in found


def test_federated_query_is_refused_when_not_allow_listed(wikidata_like: str) -> None:
    client = make_client(allow="https://query.wikidata.org/sparql")
    response = query(client, f"SELECT * WHERE {{ SERVICE <{wikidata_like}> {{ ?s ?p ?o }} }}")
    assert response.status_code == 400
    assert wikidata_like in response.get_data(as_text=True)
