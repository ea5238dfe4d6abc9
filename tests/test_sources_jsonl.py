"""The JSON Lines reader: documented fields, bad lines reported by number, stdin."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from geokg.cli import main
from geokg.errors import InputError
from geokg.model import Article
from geokg.sources.jsonl import parse_jsonl, parse_line

JSONL = Path(__file__).parent / "data" / "jsonl" / "articles.jsonl"


def test_good_lines_become_articles_bad_lines_errors_with_line_numbers() -> None:
    found = list(parse_jsonl(JSONL.read_text(encoding="utf-8"), str(JSONL)))
    assert [type(x).__name__ for x in found] == ["Article", "InputError", "Article", "InputError"]
    first, bad, third, undated = found
    assert isinstance(first, Article) and isinstance(third, Article)
    assert first.headline == "Azerbaijan and Armenia open a border crossing"
    assert first.date == dt.date(2026, 1, 16)
    assert first.url == "https://caucasus-monitor.example/news/border-crossing"
    assert first.publisher == "Caucasus Monitor"
    assert first.source == f"{JSONL}:1"
    assert [p.text for p in first.paragraphs()] == [
        "Azerbaijan and Armenia opened a crossing on their border on Friday.",
        "The crossing is the first since the peace agreement.",
    ]
    assert first.text[first.body_start :] == first.body
    assert third.date == dt.date(2026, 1, 17) and third.publisher is None
    assert isinstance(bad, InputError) and bad.line == 2 and bad.source == str(JSONL)
    assert "bad JSON" in bad.message and f"{JSONL}:2" in bad.message
    assert isinstance(undated, InputError) and undated.line == 5  # blank line 4 is skipped
    assert "missing field(s): date" in undated.message


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[1, 2]", "must be a JSON object"),
        ('{"headline": "h", "body": "b"}', "missing field(s): date"),
        ('{"body": "b", "date": "2026-01-01"}', "missing field(s): headline"),
        ('{"headline": "h", "body": 3, "date": "2026-01-01"}', "field 'body' must be a string"),
        ('{"headline": "h", "body": "b", "date": "soon"}', "unreadable date 'soon'"),
    ],
)
def test_bad_line_messages(line: str, message: str) -> None:
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")) as info:
        parse_line(line, "x.jsonl", 7)
    assert info.value.line == 7


def test_synonyms_and_language() -> None:
    row = {"title": "Treffen in Berlin", "text": "Der Bundeskanzler traf sich am Mittwoch mit "
           "dem Präsidenten der Ukraine in Berlin zu langen Gesprächen.", "date": "2026-01-02"}
    article = parse_line(json.dumps(row), "x.jsonl", 1)
    assert article.headline == "Treffen in Berlin" and article.language == "de"
    declared = parse_line(json.dumps({**row, "language": "EN-us"}), "x.jsonl", 1)
    assert declared.language == "en"


def test_extract_reads_stdin_and_goes_on_after_a_bad_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from geokg import extract
    from geokg.model import Extraction

    monkeypatch.setattr(extract, "extract_article", lambda a: Extraction((), (), "test/none"))
    result = CliRunner().invoke(
        main, ["extract", "-", "--format", "json"], input=JSONL.read_text(encoding="utf-8")
    )
    assert result.exit_code == 1
    printed = [json.loads(line) for line in result.stdout.splitlines()]
    assert [p["article"]["headline"] for p in printed] == [
        "Azerbaijan and Armenia open a border crossing", "Turkey and Armenia resume flights",
    ]
    assert "<stdin>:2: bad JSON" in result.stderr
    assert "<stdin>:5: missing field(s): date" in result.stderr


def test_ingest_reads_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from geokg import extract
    from geokg.model import Extraction

    monkeypatch.setattr(extract, "extract_article", lambda a: Extraction((), (), "test/none"))
    store = str(tmp_path / "store")
    lines = JSONL.read_text(encoding="utf-8")
    first = CliRunner().invoke(main, ["ingest", "--store", store, "-"], input=lines)
    assert first.exit_code == 1  # two lines fail; the two good ones are stored
    assert "2 failed, 2 stored" in first.stderr
    assert "<stdin>:2: bad JSON" in first.stderr
    assert first.stdout.count("stored: -") == 2


def test_relative_date_counts_from_the_file_time(tmp_path: Path) -> None:
    import os

    from geokg.sources.detect import load_path

    path = tmp_path / "a.jsonl"
    path.write_text('{"headline": "h", "body": "Some text.", "date": "3 days ago"}\n')
    stamp = dt.datetime(2026, 1, 14, 12, tzinfo=dt.UTC).timestamp()
    os.utime(path, (stamp, stamp))
    (article,) = load_path(path)
    assert isinstance(article, Article) and article.date == dt.date(2026, 1, 11)


def test_author_is_kept_and_stored() -> None:
    from geokg import build
    from geokg.model import Extraction
    from geokg.namespaces import RDFS, SDO
    from geokg.sources.jsonl import parse_jsonl
    from geokg.validate import validate_graph

    line = ('{"headline": "Talks in Geneva", "body": "Armenia and France held talks.", '
            '"date": "2026-02-01", "author": "Jane  Doe"}')
    article = next(parse_jsonl(line, "a.jsonl"))
    assert not isinstance(article, Exception) and article.author == "Jane Doe"
    _, graph = build.build_graph(article, Extraction((), (), "test/1"))
    assert validate_graph(graph).conforms
    authors = list(graph.objects(None, SDO.author))
    assert [str(graph.value(a, RDFS.label)) for a in authors] == ["Jane Doe"]
    doc = build.to_json(article, Extraction((), (), "test/1"))
    assert doc["article"]["author"] == "Jane Doe"
    assert doc["article"]["text"].startswith("Talks in Geneva\n\nArmenia")
