"""Builds an Article from parts read out of a structured source (HTML, feed entry, JSON line).

The text is laid out like the corpus layout: the headline line, a blank line, then the
paragraphs separated by blank lines. Every offset extraction reports counts in that text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from ..errors import InputError
from ..model import Article, RelatedStub
from .language import resolve_language

_SPACE = re.compile(r"[ \t\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def clean_paragraphs(paragraphs: Iterable[str]) -> list[str]:
    """Paragraphs with runs of spaces collapsed and inner line breaks turned into spaces."""
    out = []
    for para in paragraphs:
        flat = _SPACE.sub(" ", " ".join(para.split("\n"))).strip()
        if flat:
            out.append(flat)
    return out


def split_paragraphs(body: str) -> list[str]:
    """Paragraphs of a plain body: blank lines separate them; a single newline does too."""
    return clean_paragraphs(body.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def make_article(
    source: str,
    headline: str,
    paragraphs: Iterable[str],
    date: dt.date | None,
    *,
    url: str | None = None,
    publisher: str | None = None,
    author: str | None = None,
    language: str | None = None,
    related: Iterable[RelatedStub] = (),
    line: int | None = None,
) -> Article:
    """An Article whose text is "headline, blank line, paragraphs"; language detected if unset.

    Raises:
        InputError: no headline, no body text or no date.
    """
    title = " ".join(headline.split())
    if not title:
        raise InputError(source, "no headline", line)
    paras = clean_paragraphs(paragraphs)
    if not paras:
        raise InputError(source, "no body text", line)
    if date is None:
        raise InputError(source, "no article date", line)
    body = "\n\n".join(paras)
    text = f"{title}\n\n{body}"
    start = len(title) + 2
    return Article(
        source=f"{source}:{line}" if line is not None else source,
        text=text,
        headline=title,
        date=date,
        body_start=start,
        body_end=len(text),
        body=body,
        url=(url or "").strip() or None,
        publisher=" ".join((publisher or "").split()) or None,
        author=" ".join((author or "").split()) or None,
        language=resolve_language(language, body),
        related=tuple(related),
    )
