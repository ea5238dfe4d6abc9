"""RSS/Atom feeds (file and a 127.0.0.1 URL), and the end-to-end ingest of every source kind."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from geokg import pipeline
from geokg.cli import main
from geokg.errors import InputError
from geokg.model import Article
from geokg.sources.feeds import fetch_feed, is_feed_url, parse_feed
from geokg.store import Store

DATA = Path(__file__).parent / "data"
FEEDS = DATA / "feeds"
BASE = "http://127.0.0.1:8000/"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves a folder without logging every request."""

    def log_message(self, format: str, *args: object) -> None:
        """Log nothing."""


@pytest.fixture
def feed_server() -> Iterator[str]:
    """A local HTTP server on 127.0.0.1 serving tests/data/feeds; yields its base URL."""
    handler = functools.partial(_Quiet, directory=str(FEEDS))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_rss_entries_become_articles() -> None:
    found = list(parse_feed((FEEDS / "rss.xml").read_bytes(), "rss.xml"))
    assert all(isinstance(a, Article) for a in found)
    first, second = found
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.headline == "Armenia and France hold talks in Yerevan"
    assert first.date == dt.date(2026, 1, 15)
    assert first.url == "https://caucasus-monitor.example/news/armenia-france-talks"
    assert first.publisher == "Caucasus Monitor" and first.language == "en"
    # the full content wins over the summary; HTML is stripped to paragraphs
    assert [p.text for p in first.paragraphs()] == [
        "The foreign ministers of Armenia and France met in Yerevan on Thursday.",
        "They discussed the supply of defensive equipment and the peace process with Azerbaijan.",
    ]
    assert "<" not in first.text
    assert second.date == dt.date(2026, 1, 14)  # RFC 822 "GMT"
    assert len(second.paragraphs()) == 2  # <br/> splits the summary


def test_atom_entry_without_date_is_reported_the_other_kept() -> None:
    found = list(parse_feed((FEEDS / "atom.atom").read_bytes(), "atom.atom"))
    good, bad = found
    assert isinstance(good, Article) and good.date == dt.date(2026, 1, 16)
    assert good.url == "https://steppe-wire.example/2026/01/water-sharing"
    assert good.publisher == "Steppe Wire"
    assert isinstance(bad, InputError) and "atom.atom#entry2: no article date" in bad.message


def test_not_a_feed_is_an_input_error() -> None:
    with pytest.raises(InputError, match="not a readable feed"):
        list(parse_feed(b"just some words, no XML", "x.xml"))


def test_fetch_feed_local_server_timeout_and_cap(feed_server: str) -> None:
    assert is_feed_url(feed_server + "rss.xml") and not is_feed_url("feeds/rss.xml")
    assert fetch_feed(feed_server + "rss.xml") == (FEEDS / "rss.xml").read_bytes()
    with pytest.raises(InputError, match="larger than 100 bytes"):
        fetch_feed(feed_server + "rss.xml", max_bytes=100)
    with pytest.raises(InputError, match="cannot fetch the feed"):
        fetch_feed(feed_server + "missing.xml")
    with pytest.raises(InputError, match="not an http"):
        fetch_feed("file:///etc/passwd")


def _stored(store: Store) -> set[tuple[str, str, str]]:
    """(headline, date, url) of every article stored with a URL."""
    rows = store.select(
        "SELECT ?h ?d ?u WHERE { GRAPH ?g { ?a a schema:NewsArticle ; schema:headline ?h ; "
        "schema:datePublished ?d ; schema:url ?u } }"
    )
    return {(str(r["h"]), str(r["d"]), str(r["u"])) for r in rows}


@pytest.mark.slow
def test_end_to_end_html_feed_file_feed_url_and_jsonl(tmp_path: Path, feed_server: str) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "page.html").write_bytes((DATA / "html" / "kremlin_63071.html").read_bytes())
    (folder / "news.rss").write_bytes((FEEDS / "rss.xml").read_bytes())
    (folder / "lines.jsonl").write_bytes((DATA / "jsonl" / "articles.jsonl").read_bytes())
    store = Store()

    outcomes = pipeline.ingest_paths([folder], store, base=BASE)
    outcomes += pipeline.ingest_feed(feed_server + "atom.atom", store, base=BASE)
    by_status: dict[str, list[pipeline.Outcome]] = {}
    for o in outcomes:
        by_status.setdefault(o.status, []).append(o)
    assert len(by_status["stored"]) == 6, [o.message for o in outcomes if not o.ok]
    # the broken and the undated JSON lines, and the undated feed entry, fail on their own
    failed = sorted(o.message.split(": ")[0].rsplit("/", 1)[-1] for o in by_status["failed"])
    assert failed == ["atom.atom#entry2", "lines.jsonl:2", "lines.jsonl:5"]
    assert all(o.source.startswith(feed_server) for o in outcomes[-2:])

    stored = _stored(store)
    assert ("Telephone conversation with President of France Emmanuel Macron", "2020-03-26",
            "http://en.kremlin.ru/events/president/news/63071") in stored
    assert ("Armenia and France hold talks in Yerevan", "2026-01-15",
            "https://caucasus-monitor.example/news/armenia-france-talks") in stored
    assert ("Azerbaijan and Armenia open a border crossing", "2026-01-16",
            "https://caucasus-monitor.example/news/border-crossing") in stored
    assert ("Kazakhstan and Uzbekistan agree on water sharing", "2026-01-16",
            "https://steppe-wire.example/2026/01/water-sharing") in stored
    graphs = len(store.named_graphs())
    assert graphs == 6

    # the same feed now served over HTTP holds the same entries: same IRIs, nothing new
    again = pipeline.ingest_paths([folder], store, base=BASE)
    again += pipeline.ingest_feed(feed_server + "rss.xml", store, base=BASE)
    again += pipeline.ingest_feed(feed_server + "atom.atom", store, base=BASE)
    assert not [o for o in again if o.status == "stored"]
    assert sum(o.status == "unchanged" for o in again) == 8
    assert len(store.named_graphs()) == graphs


@pytest.mark.slow
def test_cli_ingest_feed_url_and_extract_html(tmp_path: Path, feed_server: str) -> None:
    runner = CliRunner()
    store = str(tmp_path / "store")
    first = runner.invoke(main, ["ingest", "--store", store, "--feed", feed_server + "rss.xml"])
    assert first.exit_code == 0, first.stderr
    assert first.stdout.count("stored: " + feed_server + "rss.xml") == 2
    second = runner.invoke(main, ["ingest", "--store", store, "--feed", feed_server + "rss.xml"])
    assert second.exit_code == 0 and "2 unchanged" in second.stderr
    nothing = runner.invoke(main, ["ingest", "--store", store])
    assert nothing.exit_code == 2 and "--feed" in nothing.stderr

    page = DATA / "html" / "kremlin_17400.html"
    result = runner.invoke(main, ["extract", str(page), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["article"]["headline"] == "Meeting with Prime Minister of Hungary Viktor Orban"
    assert out["article"]["date"] == "2013-01-31"
    assert out["article"]["url"] == "http://en.kremlin.ru/events/president/news/17400"
    assert out["article"]["publisher"] == "President of Russia"
    # offsets count in the extracted text: "headline, blank line, paragraphs"
    article = pipeline.extract_file(page, {})[0]
    mentions = [m for e in out["entities"] for m in e["mentions"]]
    assert any(m["text"] == "Viktor Orban" for m in mentions)
    assert all(article.text[m["start"] : m["end"]] == m["text"] for m in mentions)


def test_html_in_an_atom_title_becomes_text() -> None:
    feed = (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
            b'<entry><title type="html">Talks &lt;b&gt;resume&lt;/b&gt; in Baku &amp;amp; '
            b'Yerevan</title><link href="https://x.example/a"/>'
            b"<updated>2026-01-02T00:00:00Z</updated><summary>Body text.</summary></entry></feed>")
    (article,) = parse_feed(feed, "t.atom")
    assert isinstance(article, Article)
    assert article.headline == "Talks resume in Baku & Yerevan"
    assert article.date == dt.date(2026, 1, 2)
