"""The /sparql query editor: YASGUI with the example queries, or the plain form without it."""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import html5lib
import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape
from rdflib.plugins.sparql import prepareQuery

from geokg import assets
from geokg.assets import NamedQuery, list_queries
from geokg.store import Store
from geokg.web import create_app, editor

from .conftest import ROOT

FIXTURE = Path(__file__).parent / "data" / "web" / "sample.trig"
BASE = "http://127.0.0.1:8000/"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
VENDOR = Path(editor.__file__).parent / "static" / editor.VENDOR_DIR
INSTALLED = (VENDOR / editor.SCRIPT).is_file() and (VENDOR / editor.STYLESHEET).is_file()
NOT_INSTALLED = "YASGUI is not installed: run tools/fetch_editor_assets.sh"
WIKIDATA = "https://query.wikidata.org/sparql"
ACCEPT = {
    "solutions": "text/csv",
    "boolean": "application/sparql-results+json",
    "graph": "application/n-triples",
}
XHTML = "{http://www.w3.org/1999/xhtml}"

#: The analyst examples and a value each must return on the sample data ("" = may be empty).
ANALYST_EXAMPLES = {
    "country_events_by_month": "pashinyan-arrives-in-moscow-for-talks-3f2a9c1d7e/1",
    "entity_co_mentions": "Moscow",
    "two_entity_timeline": "Nikol Pashinyan arrived in Moscow",
    "event_types_by_month": "2026-01,https://w3id.org/geokg/plover/CONSULT,1",
    "headline_search": "Armenia weighs",
    "entity_mentions_evidence": "Nikol Pashinyan arrived in Moscow",
    "country_dyads": "Armenia,http://127.0.0.1:8000/entity/Q159,Russia",
    "hedged_events": "",  # every event of the sample is asserted
    "wikidata_country_facts": "AM,Yerevan",  # from the stand-in for Wikidata below
}


def make_app(store: Store, **overrides: Any) -> Flask:
    """The app over ``store``, with the editor blueprint whether or not create_app wires it."""
    config = {"STORE": store, "TESTING": True, "BASE": BASE, "UPDATE_TOKEN": ""}
    config.update(overrides)
    app = create_app(config)
    if editor.bp.name not in app.blueprints:
        app.register_blueprint(editor.bp)
    return app


@pytest.fixture
def store() -> Store:
    store = Store()
    store.load(FIXTURE.read_bytes(), "application/trig")
    return store


@pytest.fixture
def client(store: Store) -> Iterator[FlaskClient]:
    with make_app(store).test_client() as c:
        yield c


@pytest.fixture
def bare_client(store: Store, tmp_path: Path) -> Iterator[FlaskClient]:
    """A client of an app whose static folder has no vendored YASGUI (a wheel without it)."""
    app = make_app(store)
    app.static_folder = str(tmp_path)
    with app.test_client() as c:
        yield c


def page(client: FlaskClient) -> str:
    response = client.get("/sparql", headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def parse(text: str) -> Any:
    """The page as an element tree; raises on any HTML5 parse error."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parse(text)


def json_block(text: str, element_id: str) -> Any:
    """The JSON of ``<script type="application/json" id=element_id>`` in the page."""
    for script in parse(text).iter(f"{XHTML}script"):
        if script.get("id") == element_id:
            assert script.get("type") == "application/json"
            return json.loads(script.text or "")
    raise AssertionError(f"no script #{element_id}")


def asset_urls(text: str) -> list[str]:
    """The stylesheet and script URLs the page loads."""
    tree = parse(text)
    urls = [e.get("href") for e in tree.iter(f"{XHTML}link") if e.get("rel") == "stylesheet"]
    urls += [e.get("src") for e in tree.iter(f"{XHTML}script") if e.get("src")]
    return urls


# -- the page ------------------------------------------------------------------------------------


def test_page_lists_every_query_by_title(client: FlaskClient) -> None:
    text = page(client)
    queries = list_queries()
    assert len(queries) >= len(ANALYST_EXAMPLES)
    for query in queries:
        assert f">{escape(query.title)}</option>" in text, query.name
        assert f"<dd>{escape(query.description)}</dd>" in text, query.name
        assert f'data-example="{query.name}"' in text


def test_examples_block_holds_every_query_text(client: FlaskClient) -> None:
    examples = json_block(page(client), "sparql-examples")
    assert examples == [
        {"name": q.name, "title": q.title, "description": q.description, "text": q.text}
        for q in list_queries()
    ]


def test_examples_json_route(client: FlaskClient) -> None:
    response = client.get("/sparql/examples.json")
    assert response.mimetype == "application/json"
    assert [e["name"] for e in response.get_json()] == [q.name for q in list_queries()]


def test_prefixes_block_lists_the_predeclared_prefixes(client: FlaskClient) -> None:
    from geokg.namespaces import PREFIXES

    assert json_block(page(client), "sparql-prefixes") == PREFIXES


def test_hostile_title_cannot_break_out(
    client: FlaskClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    title = "</script><script>alert(1)</script> <!-- \u2028 & -->"
    description = "'\"><img src=x onerror=alert(2)> </SCRIPT >"
    query = f"# title: {title}\n# description: {description}\nASK {{ }}\n"
    (tmp_path / "hostile.rq").write_text(query, encoding="utf-8")
    monkeypatch.setattr(assets, "queries_dir", lambda: tmp_path)
    text = page(client)
    assert "<script>alert" not in text
    assert "<img" not in text
    assert "</SCRIPT" not in text.upper().replace("</SCRIPT>", "")
    [example] = json_block(text, "sparql-examples")  # also a strict HTML5 parse
    assert example == {"name": "hostile", "title": title, "description": description,
                       "text": query}


@pytest.mark.parametrize("mode", ["installed", "fallback"])
def test_page_is_strict_html5(client: FlaskClient, bare_client: FlaskClient, mode: str) -> None:
    if mode == "installed" and not INSTALLED:
        pytest.skip(NOT_INSTALLED)
    parse(page(client if mode == "installed" else bare_client))


def test_page_has_no_inline_handlers_or_scripts(client: FlaskClient) -> None:
    tree = parse(page(client))
    for element in tree.iter():
        assert not any(name.lower().startswith("on") for name in element.attrib), element.tag
        if element.tag == f"{XHTML}script" and not element.get("src"):
            assert element.get("type") == "application/json"  # data, never code


# -- installed editor ----------------------------------------------------------------------------


@pytest.mark.skipif(not INSTALLED, reason=NOT_INSTALLED)
def test_installed_editor_assets_exist_and_are_served(client: FlaskClient) -> None:
    text = page(client)
    urls = asset_urls(text)
    vendored = [u for u in urls if f"/static/{editor.VENDOR_DIR}/" in u]
    assert len(vendored) == 2, urls
    expected = {".js": "text/javascript", ".css": "text/css"}
    for url in urls:
        path = url.split("?")[0]
        if path.startswith(f"/static/{editor.VENDOR_DIR}/"):
            assert (VENDOR / path.rsplit("/", 1)[1]).is_file()
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.mimetype == expected[Path(path).suffix], url
        response.close()
    assert 'id="yasgui"' in text and 'data-endpoint="/sparql"' in text
    assert "editor-missing" not in text
    assert "<textarea" in text  # kept for when a script fails; editor.js hides it


@pytest.mark.skipif(not INSTALLED, reason=NOT_INSTALLED)
def test_installed_editor_matches_the_pinned_version() -> None:
    script = (ROOT / "tools" / "fetch_editor_assets.sh").read_text(encoding="utf-8")
    package = json.loads((VENDOR / "package.json").read_text(encoding="utf-8"))
    assert package["name"] == "@zazuko/yasgui"
    assert f'VERSION="{package["version"]}"' in script
    stamp = (VENDOR / ".installed").read_text(encoding="utf-8").strip()
    assert stamp.startswith(f"@zazuko/yasgui@{package['version']} sha512-")
    assert stamp.split()[1] in script


# -- fallback ------------------------------------------------------------------------------------


def test_fallback_form_without_vendored_assets(bare_client: FlaskClient) -> None:
    text = page(bare_client)
    assert editor.VENDOR_DIR not in text
    assert 'id="yasgui"' not in text
    assert 'id="editor-missing"' in text and "fetch_editor_assets.sh" in text
    assert asset_urls(text) == ["/static/style.css", "/static/search.js", "/static/editor.js"]
    tree = parse(text)
    [form] = [f for f in tree.iter(f"{XHTML}form") if f.get("id") == "sparql-form"]
    assert form.get("action") == "/sparql" and form.get("method") == "get"
    fields = {e.get("name"): e for e in form.iter() if e.get("name")}
    assert set(fields) == {"query", "format"}
    # submitting the form as it stands runs its query
    response = bare_client.get(
        "/sparql", query_string={"query": fields["query"].text, "format": "csv"}
    )
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "Pashinyan arrives in Moscow for talks" in response.get_data(as_text=True)


def test_template_renders_without_the_editor_blueprint(store: Store) -> None:
    """Until (or unless) the blueprint is wired, the page is the plain form with the examples."""
    app = make_app(store)
    with app.test_request_context("/sparql"):
        # render the template without the app's context processors: no editor globals
        text = app.jinja_env.get_template("sparql.html").render(queries=list_queries())
    parse(text)
    assert "<textarea" in text and 'id="editor-missing"' in text
    assert editor.VENDOR_DIR not in text
    assert len(json_block(text, "sparql-examples")) == len(list_queries())


def test_static_editor_script_is_served(client: FlaskClient) -> None:
    response = client.get("/static/editor.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    source = response.get_data(as_text=True)
    for hook in ("sparql-examples", "sparql-prefixes", "example", "sparql-form", "yasgui"):
        assert f'"{hook}"' in source
    response.close()


# -- the example queries -------------------------------------------------------------------------


QUERIES = list_queries()


def test_analyst_examples_are_there() -> None:
    names = {q.name for q in QUERIES}
    assert set(ANALYST_EXAMPLES) <= names
    for query in QUERIES:
        lines = query.text.splitlines()
        assert lines[0].startswith("# title: "), query.name
        assert lines[1].startswith("# description: "), query.name


@pytest.mark.parametrize("name", sorted(ANALYST_EXAMPLES))
def test_analyst_example_parses_with_its_own_prefixes(name: str) -> None:
    """Each analyst example declares its prefixes, so it runs on any endpoint."""
    prepareQuery(assets.load_query(name))  # no initNs: an undeclared prefix fails


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_example_parses(query: NamedQuery) -> None:
    from geokg.namespaces import PREFIXES

    prepareQuery(query.text, initNs=PREFIXES)


class _StandInWikidata(BaseHTTPRequestHandler):
    """Answers any SPARQL request with one fixed solution, as Wikidata might for Armenia."""

    ANSWER = json.dumps({
        "head": {"vars": ["wikidata", "iso", "capitalName", "population"]},
        "results": {"bindings": [{
            "wikidata": {"type": "uri", "value": "http://www.wikidata.org/entity/Q399"},
            "iso": {"type": "literal", "value": "AM"},
            "capitalName": {"type": "literal", "value": "Yerevan", "xml:lang": "en"},
        }]},
    }).encode()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(self.ANSWER)))
        self.end_headers()
        self.wfile.write(self.ANSWER)

    do_GET = do_POST

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output quiet."""


@pytest.fixture(scope="module")
def stand_in_wikidata() -> Iterator[str]:
    """The URL of a local SPARQL endpoint standing in for Wikidata (tests stay offline)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _StandInWikidata)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_example_runs_on_the_sample_data(
    store: Store, stand_in_wikidata: str, query: NamedQuery
) -> None:
    text = query.text.replace(f"<{WIKIDATA}>", f"<{stand_in_wikidata}>")
    kind, media_type, body = store.query_serialized(text, ACCEPT, base_iri=BASE)
    assert media_type == ACCEPT[kind]
    needle = ANALYST_EXAMPLES.get(query.name)
    if needle:
        rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
        assert len(rows) > 1, query.name
        assert needle in body.decode("utf-8"), body.decode("utf-8")


def test_federated_example_through_the_endpoint(store: Store, stand_in_wikidata: str) -> None:
    """Sent as YASGUI sends it, the federated example passes the SERVICE policy and runs."""
    text = assets.load_query("wikidata_country_facts")
    assert f"SERVICE <{WIKIDATA}>" in text
    app = make_app(store, SERVICE_ALLOW=stand_in_wikidata)
    response = app.test_client().post(
        "/sparql",
        data={"query": text.replace(WIKIDATA, stand_in_wikidata)},
        headers={"Accept": "application/sparql-results+json,*/*;q=0.9"},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    rows = response.get_json()["results"]["bindings"]
    armenia = [r for r in rows if r["label"]["value"] == "Armenia"]
    assert armenia and armenia[0]["iso"]["value"] == "AM"

