"""The HTML reader: real saved pages, metadata precedence, sidebars, languages, date forms."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from geokg.errors import InputError
from geokg.sources.dates import parse_published
from geokg.sources.detect import kind_of, load_one, sniff
from geokg.sources.html import decode_html, parse_html, read_metadata
from geokg.sources.language import detect_language, normalize_language, resolve_language

HTML = Path(__file__).parent / "data" / "html"
EXPECTED = [json.loads(line) for line in (HTML / "expected.jsonl").read_text().splitlines()]
NOW = dt.datetime(2026, 1, 14, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("case", EXPECTED, ids=[c["file"] for c in EXPECTED])
def test_real_page_headline_date_url_first_paragraph(case: dict[str, str]) -> None:
    article = load_one(HTML / case["file"])
    assert article.headline == case["headline"]
    assert article.date == dt.date.fromisoformat(case["date"])
    assert article.url == case["url"]  # absolute og:url wins over the saved relative canonical
    assert article.paragraphs()[0].text == case["first_paragraph"]
    assert article.publisher == "President of Russia"
    assert article.language == "en"
    # the text is "headline, blank line, paragraphs": offsets count in it
    assert article.text.startswith(case["headline"] + "\n\n" + case["first_paragraph"])
    assert article.text[article.body_start : article.body_end] == article.body
    for span in article.paragraphs():
        assert article.text[span.start : span.end] == span.text
    # no navigation or footer text in the body
    for chrome in ("Contact website team", "Creative Commons", "Press Esc to close"):
        assert chrome not in article.body


def test_see_also_box_is_a_related_stub_not_body() -> None:
    article = load_one(HTML / "kremlin_53016.html")
    assert [(r.headline, r.date) for r in article.related] == [
        ("Visit to Kazakhstan, Russia-Kazakhstan Interregional Cooperation Forum",
         dt.date(2016, 10, 4)),
    ]
    assert "See also" not in article.body
    assert len(article.paragraphs()) == 23


def test_sidebar_nav_comments_dropped_and_metadata_from_the_page() -> None:
    html = (HTML / "latest_news.html").read_text(encoding="utf-8")
    article = parse_html(html, "latest_news.html", now=NOW)
    assert article.headline == "Pashinyan visits Russia for environmental forum"
    assert article.date == dt.date(2026, 1, 14)  # JSON-LD datePublished, the day as written
    assert article.url == "https://caucasus-monitor.example/news/pashinyan-forum"
    assert article.publisher == "Caucasus Monitor"  # og:site_name before JSON-LD publisher
    assert article.language == "en"  # <html lang="en-GB">
    assert [p.text[:30] for p in article.paragraphs()] == [
        "Armenian Prime Minister Nikol ",
        "The official agenda of the tri",
        "Observers in Yerevan said the ",
    ]
    for noise in ("Latest news", "Oreshnik", "Subscribe", "Privacy", "Home", "Anna Petrosyan"):
        assert noise not in article.text
    assert [(r.headline, r.date) for r in article.related] == [
        ("“Muslim NATO”: Turkey’s New Strategic Vector", dt.date(2026, 1, 10)),
        ("Oreshnik missile system deployed in Belarus", dt.date(2026, 1, 9)),
        ("Azerbaijan and Georgia sign a new gas transit deal", dt.date(2026, 1, 12)),
    ]


def test_read_metadata_author_and_precedence() -> None:
    from geokg.sources import html as html_module

    tree = html_module._tree((HTML / "latest_news.html").read_text(encoding="utf-8"), "t")
    meta = read_metadata(tree)
    assert meta.author == "Anna Petrosyan"
    assert meta.date_text == "2026-01-14T09:30:00+04:00"
    assert meta.language == "en-GB"
    assert meta.description == "Armenia's prime minister travelled to Siberia."


def test_meta_only_page_and_relative_canonical() -> None:
    page = """<!doctype html><html><head><title>Talks in Baku - Example News</title>
    <link rel="canonical" href="/world/talks-in-baku">
    <meta name="pubdate" content="Fri, 16 Jan 2026 08:00:00 GMT">
    <meta name="application-name" content="Example News"></head>
    <body><div id="content"><h1>Talks in Baku</h1>
    <p>Officials from Azerbaijan and Armenia met in Baku for a new round of border talks
    on Friday, the foreign ministry said in a statement.</p>
    <p>The delegations agreed to meet again next month in Yerevan.</p></div></body></html>"""
    article = parse_html(page, "p.html", {"url": "https://news.example/world/"})
    assert article.headline == "Talks in Baku"
    assert article.date == dt.date(2026, 1, 16)
    assert article.url == "https://news.example/world/talks-in-baku"
    assert article.publisher == "Example News"
    assert article.paragraphs()[1].text.startswith("The delegations agreed to meet again")


def test_undeclared_non_english_page_is_detected() -> None:
    article = load_one(HTML / "non_english.html")
    assert article.language == "fr"
    assert article.date == dt.date(2026, 1, 14)
    assert article.url == "https://nouvelles.example/armenie-russie"


def test_non_english_article_is_skipped_by_extraction() -> None:
    from geokg.pipeline import extract_file

    article, extraction = extract_file(HTML / "non_english.html", {})
    assert article.language == "fr"
    assert extraction.skipped == "language fr"
    assert extraction.entities == () and extraction.events == ()


def test_page_without_date_uses_manifest_or_fails() -> None:
    page = "<html><body><h1>A headline</h1><p>" + "Some words of text. " * 20 + "</p></body></html>"
    with pytest.raises(InputError, match="no article date"):
        parse_html(page, "nodate.html")
    assert parse_html(page, "nodate.html", {"date": "2026-01-02"}).date == dt.date(2026, 1, 2)


def test_unreadable_page_date_is_reported() -> None:
    page = ('<html><head><meta property="article:published_time" content="sometime soon">'
            "</head><body><h1>A headline</h1><p>" + "Words. " * 40 + "</p></body></html>")
    with pytest.raises(InputError, match="unreadable publication date 'sometime soon'"):
        parse_html(page, "bad.html")


def test_empty_page_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_bytes(b"  \n")
    with pytest.raises(InputError, match="empty"):
        load_one(tmp_path / "empty.html")


def test_html_sniffed_in_a_txt_file_and_by_content(tmp_path: Path) -> None:
    page = (HTML / "kremlin_63071.html").read_bytes()
    (tmp_path / "saved.txt").write_bytes(page)
    assert kind_of("saved.txt", page) == "html"
    assert kind_of("page.html") == "html"
    assert kind_of("feed.rss") == "feed" and kind_of("x.ndjson") == "jsonl"
    assert sniff(b"\xef\xbb\xbf  <!DOCTYPE html><html>") == "html"
    assert sniff(b'<?xml version="1.0"?>\n<rss version="2.0">') == "feed"
    assert sniff(b'{"headline": "x"}\n') == "jsonl"
    assert sniff(b"Title line\n\nBody.\n") == "text"
    assert load_one(tmp_path / "saved.txt").headline.startswith("Telephone conversation")


def test_decode_html_charsets() -> None:
    assert decode_html("<meta charset='windows-1251'>Привет".encode("cp1251")).endswith("Привет")
    assert decode_html("caf\u00e9".encode("cp1252")) == "caf\u00e9"
    assert decode_html(b"\xef\xbb\xbf<html>") == "<html>"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10.Jan.2026", dt.date(2026, 1, 10)),
        ("14 Jan 2026", dt.date(2026, 1, 14)),
        ("January 31, 2013, 18:30", dt.date(2013, 1, 31)),
        ("Thursday, January 31, 2013", dt.date(2013, 1, 31)),
        ("2026-01-14", dt.date(2026, 1, 14)),
        ("2026-01-14T23:30:00-05:00", dt.date(2026, 1, 14)),
        ("2026-01-14 10:30", dt.date(2026, 1, 14)),
        ("Wed, 14 Jan 2026 10:30:00 +0000", dt.date(2026, 1, 14)),
        ("Wed, 14 Jan 2026 10:30:00 GMT", dt.date(2026, 1, 14)),
        ("14 January 2026 10:30 GMT", dt.date(2026, 1, 14)),
        ("2 hours ago", dt.date(2026, 1, 14)),
        ("13 hours ago", dt.date(2026, 1, 13)),
        ("3 days ago", dt.date(2026, 1, 11)),
        ("a week ago", dt.date(2026, 1, 7)),
        ("yesterday", dt.date(2026, 1, 13)),
        ("today", dt.date(2026, 1, 14)),
        ("32 Jan 2026", None),
        ("next Tuesday", None),
        ("", None),
    ],
)
def test_parse_published_forms(text: str, expected: dt.date | None) -> None:
    assert parse_published(text, now=NOW) == expected


def test_language_helpers() -> None:
    assert normalize_language("en-GB") == "en"
    assert normalize_language("fr_FR") == "fr"
    assert normalize_language("not a tag") is None
    assert detect_language("Too short.") is None
    assert detect_language(
        "Der Bundeskanzler traf sich am Mittwoch mit dem Präsidenten der Ukraine in Berlin."
    ) == "de"
    assert resolve_language("ru", "An English body that says otherwise.") == "ru"
    assert resolve_language(None, "short") == "en"


def test_first_readable_date_stamp_wins() -> None:
    page = ('<html><head><meta property="article:published_time" content="sometime soon">'
            '</head><body><article><h1>A headline</h1><time datetime="2026-01-05">5 Jan</time>'
            "<p>" + "Words. " * 40 + "</p></article></body></html>")
    assert parse_html(page, "two.html").date == dt.date(2026, 1, 5)
