"""The plain-text reader: seed layout, corpus layout, malformed files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geokg.errors import InputError
from geokg.sources.dates import looks_like_date, parse_date
from geokg.sources.text import load_article, parse_text

DATA = Path(__file__).parent / "data"


def test_seed_layout(seed_path: Path) -> None:
    article = load_article(seed_path)
    assert article.headline.startswith("Pashinyan Visits Russia for Environmental Forum")
    assert article.date == dt.date(2026, 1, 14)
    assert len(article.related) == 10
    assert article.related[0].headline == "“Muslim NATO”: Turkey’s New Strategic Vector"
    assert article.related[0].date == dt.date(2026, 1, 10)
    assert article.related[-1].date == dt.date(2026, 1, 3)
    # the body ends before the "Latest news" block and holds none of it
    assert "Latest news" not in article.body
    assert "Oreshnik" not in article.body
    assert article.body.rstrip().endswith("pragmatic approach.")
    # hard wraps are joined, offsets still count in the file text
    assert article.text[article.body_start :].startswith("Armenian Prime Minister Nikol")
    assert "environmental forum in Siberia." in article.body
    assert len(article.body) == article.body_end - article.body_start


def test_seed_paragraphs_rejoined(seed_path: Path) -> None:
    paragraphs = load_article(seed_path).paragraphs()
    assert len(paragraphs) == 9
    assert paragraphs[0].text.endswith("possible withdrawal from the CSTO.")
    assert "\n" not in "".join(p.text for p in paragraphs)
    assert paragraphs[1].text.startswith("The official agenda of the trip")


def test_corpus_layout_with_manifest_metadata() -> None:
    text = "Talks in Moscow\n\nFirst paragraph.\n\nSecond paragraph\nwrapped.\n"
    meta = {"date": "2017-03-23", "url": "http://en.kremlin.ru/x", "publisher": "Kremlin"}
    article = parse_text(text, "t.txt", meta)
    assert article.date == dt.date(2017, 3, 23)
    assert article.url == "http://en.kremlin.ru/x"
    assert [p.text for p in article.paragraphs()] == [
        "First paragraph.",
        "Second paragraph wrapped.",
    ]


@pytest.mark.parametrize(
    ("name", "message", "line"),
    [
        ("empty.txt", "empty file", None),
        ("binary.txt", "binary file", None),
        ("no_headline.txt", "no headline", 1),
        ("bad_date.txt", "unreadable date '32 Jan 2026'", 5),
        ("no_date.txt", "no article date", None),
    ],
)
def test_malformed_files_name_file_and_line(name: str, message: str, line: int | None) -> None:
    path = DATA / "malformed" / name
    with pytest.raises(InputError) as info:
        load_article(path)
    assert message in info.value.message
    assert str(path) in info.value.message
    assert info.value.line == line


def test_missing_file() -> None:
    with pytest.raises(InputError, match="cannot read"):
        load_article(DATA / "does-not-exist.txt")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 Jan 2026", dt.date(2026, 1, 14)),
        ("10.Jan.2026", dt.date(2026, 1, 10)),
        ("January 14, 2026", dt.date(2026, 1, 14)),
        ("2026-01-14", dt.date(2026, 1, 14)),
        ("2026-01-14T10:00:00Z", dt.date(2026, 1, 14)),
        ("14.01.2026", dt.date(2026, 1, 14)),
        ("31 Feb 2026", None),
        ("14 Foo 2026", None),
    ],
)
def test_dates(text: str, expected: dt.date | None) -> None:
    assert looks_like_date(text)
    assert parse_date(text) == expected


def test_sentences_are_not_dates() -> None:
    assert not looks_like_date("Putin met Pashinyan on 14 Jan 2026 in Moscow.")
