"""Reads JSON Lines: one article per line, for scrapers and pipelines.

Each line is a JSON object with these fields:

* ``headline`` (required): the article's title.
* ``body`` (required): the text; paragraphs are separated by newlines (blank lines or not).
* ``date`` (required): the publication date, in any form ``dates.parse_published`` reads
  (``2026-01-14``, ``14 Jan 2026``, RFC 822, ISO date-time).
* ``url``, ``publisher``, ``author``, ``language`` (optional): where the article lives, who
  published and who wrote it, its language tag (detected from the body when absent).

``title`` and ``text`` are read as synonyms of ``headline`` and ``body``. Blank lines are
ignored. A line that cannot be read is reported with its line number; the others still count.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from typing import Any

from ..errors import InputError
from ..model import Article
from .article import make_article, split_paragraphs
from .dates import parse_published

FIELDS = ("headline", "body", "date", "url", "publisher", "author", "language")


def _field(row: Mapping[str, Any], name: str, *synonyms: str) -> str | None:
    """A string field (or its synonym); None when absent or empty."""
    for key in (name, *synonyms):
        value = row.get(key)
        if value is not None and not isinstance(value, str):
            raise TypeError(f"field {key!r} must be a string, not {type(value).__name__}")
        if value and value.strip():
            return value
    return None


def parse_line(
    line: str, source: str, number: int, *, now: dt.datetime | None = None
) -> Article:
    """One JSON line as an Article.

    Raises:
        InputError: bad JSON, not an object, a missing or unreadable field (with the line).
    """
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"bad JSON: {exc.msg} (column {exc.colno})", number) from exc
    if not isinstance(row, dict):
        raise InputError(source, "each line must be a JSON object", number)
    try:
        headline = _field(row, "headline", "title")
        body = _field(row, "body", "text")
        date_text = _field(row, "date", "datePublished")
        url, publisher, author, language = (
            _field(row, k) for k in ("url", "publisher", "author", "language")
        )
    except TypeError as exc:
        raise InputError(source, str(exc), number) from exc
    if not (headline and body and date_text):
        missing = [k for k, v in (("headline", headline), ("body", body), ("date", date_text))
                   if not v]
        raise InputError(source, f"missing field(s): {', '.join(missing)}", number)
    date = parse_published(date_text, now=now)
    if date is None:
        raise InputError(source, f"unreadable date {date_text!r}", number)
    return make_article(
        source, headline, split_paragraphs(body), date,
        url=url, publisher=publisher, author=author, language=language, line=number,
    )


def parse_jsonl(
    text: str, source: str, *, now: dt.datetime | None = None
) -> Iterator[Article | InputError]:
    """Every line of a JSON Lines document as an Article, or the InputError that line raised."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield parse_line(line, source, number, now=now)
        except InputError as exc:
            yield exc
