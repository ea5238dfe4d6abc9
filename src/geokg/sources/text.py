"""Reads plain-text articles (the seed's scraped layout and the corpus layout) into Articles.

Layouts understood:

* seed: headline line; hard-wrapped body; a "Latest news" block of related headlines, each
  followed by a date line such as ``10.Jan.2026``; the article's date (``14 Jan 2026``) last.
* corpus: headline line, blank line, paragraphs separated by blank lines; the date comes from a
  trailing date line or from the metadata given by the caller (a ``manifest.jsonl`` entry).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article, RelatedStub
from .dates import looks_like_date, parse_date

MAX_HEADLINE = 400
_LATEST = re.compile(r"^\s*(latest news|related news|related articles)\s*:?\s*", re.IGNORECASE)
# A line ending a sentence (closing quotes/brackets allowed after the stop) ends a paragraph
# when the next line starts like a sentence; any other line break is a hard wrap.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_SENTENCE_START = re.compile(r"^\s*[\"'“‘(\[A-Z0-9]")


def decode(data: bytes, source: str) -> str:
    """Decode article bytes as UTF-8 text, refusing binary or empty input."""
    if not data.strip():
        raise InputError(source, "empty file: no headline or body")
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file: expected UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(source, f"not UTF-8 text (byte {exc.start})", line) from exc
    return text.removeprefix("\ufeff")


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, content) of every line; end excludes the newline."""
    out = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        out.append((pos, pos + len(content), content))
        pos += len(raw)
    return out


def _join_wraps(text: str, start: int, end: int, lines: list[tuple[int, int, str]]) -> str:
    """The body text[start:end] with hard wraps turned into spaces (same length)."""
    chars = list(text[start:end])
    body_lines = [ln for ln in lines if ln[0] >= start and ln[1] <= end]
    for (_, l_end, content), (_, _, nxt) in pairwise(body_lines):
        # a newline between two non-blank lines is a wrap unless a sentence ends and one starts
        if not content.strip() or not nxt.strip():
            continue
        if _SENTENCE_END.search(content) and _SENTENCE_START.match(nxt):
            continue
        for i in range(l_end, min(l_end + 2, end)):
            if text[i] in "\r\n":
                chars[i - start] = " "
    return "".join(chars)


def parse_text(
    text: str, source: str, meta: Mapping[str, Any] | None = None
) -> Article:
    """Parse a decoded plain-text article; ``meta`` may give date, url, publisher, language.

    Raises:
        InputError: no headline, no body, or a date line that cannot be read.
    """
    meta = meta or {}
    lines = _lines(text)
    if not lines or not lines[0][2].strip():
        raise InputError(source, "no headline: the first line is empty", 1)
    headline = lines[0][2]
    if len(headline) > MAX_HEADLINE:
        raise InputError(source, f"no headline: the first line has {len(headline)} characters", 1)
    if looks_like_date(headline):
        raise InputError(source, "no headline: the first line is a date", 1)

    # From the end: blank lines, then the article's date line (optional when meta has a date).
    idx = len(lines) - 1
    while idx > 0 and not lines[idx][2].strip():
        idx -= 1
    date: dt.date | None = None
    last = lines[idx][2]
    if idx > 0 and looks_like_date(last):
        date = parse_date(last)
        if date is None:
            raise InputError(source, f"unreadable date {last.strip()!r}", idx + 1)
        idx -= 1
    body_last = idx

    # A "Latest news" block (its marker may be glued to the first related headline).
    related: list[RelatedStub] = []
    body_end_line = body_last
    for i in range(1, body_last + 1):
        match = _LATEST.match(lines[i][2])
        if match:
            body_end_line = i - 1
            related = _related(lines, i, body_last, match.end(), source)
            break
    body_start = _first_body_start(lines, 1, body_end_line)
    if body_start is None:
        raise InputError(source, "no body text after the headline", 2)
    body_end = lines[body_end_line][1]
    while body_end > body_start and text[body_end - 1].isspace():
        body_end -= 1

    if date is None and meta.get("date"):
        date = parse_date(str(meta["date"]))
        if date is None:
            raise InputError(source, f"unreadable date {meta['date']!r} in the manifest")
    if date is None:
        raise InputError(
            source,
            "no article date: expected a date line at the end (e.g. '14 Jan 2026') "
            "or a 'date' in manifest.jsonl",
        )
    return Article(
        source=source,
        text=text,
        headline=" ".join(headline.split()),
        date=date,
        body_start=body_start,
        body_end=body_end,
        body=_join_wraps(text, body_start, body_end, lines),
        url=_opt(meta.get("url")),
        publisher=_opt(meta.get("publisher")),
        language=str(meta.get("language") or "en"),
        related=tuple(related),
    )


def _opt(value: object) -> str | None:
    """A non-empty string or None."""
    return str(value).strip() or None if value else None


def _first_body_start(lines: list[tuple[int, int, str]], first: int, last: int) -> int | None:
    """Offset of the first non-blank character of lines[first..last], if any."""
    for start, _, content in lines[first : last + 1]:
        if content.strip():
            return start + len(content) - len(content.lstrip())
    return None


def _related(
    lines: list[tuple[int, int, str]], first: int, last: int, skip: int, source: str
) -> list[RelatedStub]:
    """The headline/date pairs of a "Latest news" block spanning lines[first..last]."""
    entries = []
    for i in range(first, last + 1):
        content = lines[i][2][skip:] if i == first else lines[i][2]
        if content.strip():
            entries.append((i, content.strip()))
    stubs = []
    pending: str | None = None
    for i, content in entries:
        if looks_like_date(content):
            day = parse_date(content)
            if day is None:
                raise InputError(source, f"unreadable date {content!r} in the related list", i + 1)
            if pending is not None:
                stubs.append(RelatedStub(pending, day))
                pending = None
        else:
            if pending is not None:
                stubs.append(RelatedStub(pending, None))
            pending = content
    if pending is not None:
        stubs.append(RelatedStub(pending, None))
    return stubs


def load_article(path: Path, meta: Mapping[str, Any] | None = None) -> Article:
    """Read and parse a plain-text article file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror}") from exc
    return parse_text(decode(data, str(path)), str(path), meta)
