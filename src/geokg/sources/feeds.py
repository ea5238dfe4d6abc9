"""Reads RSS and Atom feeds: every entry becomes an Article (title, link, date, text).

The entry's text is its full content when the feed carries it, else its summary, with the
HTML turned into paragraphs of plain text. The entry's date is its published date, else its
updated date. Fetching a feed URL uses the standard library with a timeout and a size cap.
This module is the only importer of feedparser.
"""

from __future__ import annotations

import datetime as dt
import urllib.request
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.error import URLError
from urllib.parse import urlparse

import feedparser

from ..errors import InputError
from ..model import Article
from .article import make_article
from .dates import parse_published
from .html import fragment_paragraphs

FETCH_TIMEOUT = 20.0
MAX_FEED_BYTES = 20 * 1024 * 1024
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")


def is_feed_url(value: str) -> bool:
    """Whether a command-line value names a feed over HTTP(S) rather than a file."""
    parsed = urlparse(value)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def fetch_feed(
    url: str, *, timeout: float = FETCH_TIMEOUT, max_bytes: int = MAX_FEED_BYTES
) -> bytes:
    """The bytes of the feed at an http(s) URL, read with a time limit and a size cap.

    Raises:
        InputError: not an http(s) URL, the request failed, or the feed is too large.
    """
    if not is_feed_url(url):
        raise InputError(url, "not an http(s) URL")
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url, headers={"User-Agent": "geokg", "Accept": ", ".join((*_FEED_TYPES, "*/*;q=0.5"))}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            data: bytes = response.read(max_bytes + 1)
    except (URLError, OSError, ValueError) as exc:
        raise InputError(url, f"cannot fetch the feed: {getattr(exc, 'reason', exc)}") from exc
    if len(data) > max_bytes:
        raise InputError(url, f"feed larger than {max_bytes} bytes")
    return data


def looks_like_feed(head: str) -> bool:
    """Whether the start of a document is an RSS, RDF or Atom feed."""
    start = head[:2048].lower()
    return any(tag in start for tag in ("<rss", "<feed", "<rdf:rdf"))


def _entry_date(entry: Mapping[str, Any], now: dt.datetime | None) -> dt.date | None:
    """The entry's published (else updated) date, as the feed wrote it."""
    for key in ("published", "updated", "created", "dc_date"):
        raw = entry.get(key)
        if isinstance(raw, str) and raw.strip():
            day = parse_published(raw, now=now)
            if day is not None:
                return day
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _entry_text(entry: Mapping[str, Any]) -> list[str]:
    """The entry's full content when present, else its summary, as plain-text paragraphs."""
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if value.strip():
            return fragment_paragraphs(value)
    summary = entry.get("summary") or entry.get("description") or ""
    return fragment_paragraphs(summary) if summary.strip() else []


def parse_feed(
    data: bytes, source: str, meta: Mapping[str, Any] | None = None,
    *, now: dt.datetime | None = None,
) -> Iterator[Article | InputError]:
    """Each entry of a feed as an Article, or an InputError naming the entry that cannot be read.

    Raises:
        InputError: the document is not a feed at all.
    """
    meta = meta or {}
    parsed = feedparser.parse(data)
    if not parsed.entries and (parsed.bozo or not parsed.version):
        reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "")() or (
            "no RSS or Atom entries"
        )
        raise InputError(source, f"not a readable feed: {reason}")
    channel = parsed.feed
    publisher = meta.get("publisher") or channel.get("title")
    language = channel.get("language") or meta.get("language")
    for n, entry in enumerate(parsed.entries, start=1):
        where = f"{source}#entry{n}"
        try:
            yield make_article(
                where,
                " ".join(fragment_paragraphs(entry.get("title") or "")),
                _entry_text(entry),
                _entry_date(entry, now),
                url=entry.get("link"),
                publisher=publisher,
                author=entry.get("author"),
                language=entry.get("language") or language,
            )
        except InputError as exc:
            yield exc
