"""Tells which reader an input needs (plain text, HTML, feed, JSON Lines) and runs it.

The file name's extension decides when it is a known one; a ``.txt`` file or an unknown
extension is sniffed: a doctype or ``<html>`` near the start is a page, ``<rss>``/``<feed>`` a
feed, a ``{`` first a JSON Lines file, anything else plain text. Plain text and HTML hold one
article; feeds and JSON Lines hold many.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

from ..errors import InputError
from ..model import Article
from .feeds import looks_like_feed, parse_feed
from .html import decode_html, looks_like_html, parse_html
from .jsonl import parse_jsonl
from .language import resolve_language
from .text import decode, parse_text

Kind = Literal["text", "html", "feed", "jsonl"]
SUFFIXES: dict[str, Kind] = {
    ".txt": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
}
MANY: tuple[Kind, ...] = ("feed", "jsonl")
STDIN = "-"


def sniff(data: bytes) -> Kind:
    """The kind of a document judged from its first bytes."""
    head = data[:4096].decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if looks_like_html(head):
        return "html"
    if head.startswith("<") and looks_like_feed(head):
        return "feed"
    if head.startswith("{"):
        return "jsonl"
    return "text"


def kind_of(name: str, data: bytes | None = None) -> Kind:
    """The kind of a file: by a known extension, else (and for ``.txt``) by sniffing ``data``."""
    kind = SUFFIXES.get(Path(name).suffix.lower())
    if kind not in (None, "text") or data is None:
        return kind or "text"
    return sniff(data)


def read_input(path: Path) -> bytes:
    """The bytes of a file, or of standard input for ``-``."""
    import sys

    if str(path) == STDIN:
        return sys.stdin.buffer.read()
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror}") from exc


def _with_language(article: Article, meta: Mapping[str, Any]) -> Article:
    """A plain-text article whose language was not declared gets the detected one."""
    if meta.get("language"):
        return article
    language = resolve_language(None, article.body)
    return article if language == article.language else dataclasses.replace(
        article, language=language
    )


def load_articles(
    data: bytes,
    source: str,
    meta: Mapping[str, Any] | None = None,
    *,
    kind: Kind | None = None,
    now: dt.datetime | None = None,
) -> Iterator[Article | InputError]:
    """Every article in a document: one for text and HTML, one per entry or line otherwise.

    An entry or line that cannot be read comes out as its InputError, and the rest go on.

    Raises:
        InputError: the whole document cannot be read (empty, binary, not a feed).
    """
    meta = meta or {}
    kind = kind or kind_of(source, data)
    if kind == "text":
        yield _with_language(parse_text(decode(data, source), source, meta), meta)
    elif kind == "html":
        if not data.strip():
            raise InputError(source, "empty file: no page")
        yield parse_html(decode_html(data), source, meta, now=now)
    elif kind == "feed":
        yield from parse_feed(data, source, meta, now=now)
    else:
        yield from parse_jsonl(decode(data, source), source, now=now)


def load_path(path: Path, meta: Mapping[str, Any] | None = None) -> list[Article | InputError]:
    """Every article in a file (or standard input for ``-``), as ``load_articles`` gives them.

    A saved file's modification time stands for its fetch time, which relative dates ("2 hours
    ago") count back from; standard input is read now.
    """
    if str(path) == STDIN:
        return list(load_articles(read_input(path), "<stdin>", meta))
    data = read_input(path)
    try:
        fetched: dt.datetime | None = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    except OSError:
        fetched = None
    return list(load_articles(data, str(path), meta, now=fetched))


def load_one(path: Path, meta: Mapping[str, Any] | None = None) -> Article:
    """The one article of a plain-text or HTML file.

    Raises:
        InputError: unreadable, or a feed or JSON Lines file that does not hold one article.
    """
    found = load_path(path, meta)
    if len(found) != 1:
        raise InputError(str(path), f"holds {len(found)} articles; expected one")
    if isinstance(found[0], InputError):
        raise found[0]
    return found[0]
