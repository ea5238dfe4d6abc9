"""Reads a saved news web page into an Article: the main text and the page's own metadata.

The main text is what trafilatura keeps of the page (navigation, sidebars, comments and
footers dropped). The metadata comes from the page itself, most explicit first: schema.org
JSON-LD, then ``<meta>`` (Open Graph, Twitter, Dublin Core, microdata ``itemprop``), then the
visible page (``<h1>``, ``<time>``, ``<html lang>``). A "Latest news" style box becomes related
article stubs, never body text. This module is the only importer of trafilatura and lxml.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import json
import re
from collections.abc import Iterator, Mapping
from copy import deepcopy
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlparse

import lxml.html
import trafilatura
from lxml import etree

from ..errors import InputError
from ..model import Article, RelatedStub
from .article import make_article
from .dates import parse_published

ARTICLE_TYPES = frozenset({
    "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting",
    "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "Report",
    "LiveBlogPosting", "ScholarlyArticle",
})
_RELATED_HEADING = re.compile(
    r"^\s*(?:(?:latest|related|recent|more|top|popular|trending|other)\s+"
    r"(?:news|articles|stories|headlines|posts|reads|content|on this topic)"
    r"|latest|related|most read|most popular|see also|read also|also read|recommended)"
    r"\s*:?\s*$",
    re.IGNORECASE,
)
_TITLE_SEPARATORS = (" | ", " • ", " - ", " – ", " — ", " :: ", " « ", " » ")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_DATE_META = (
    "article:published_time", "datepublished", "og:published_time", "published_time",
    "pubdate", "publishdate", "publish_date", "date", "dc.date", "dc.date.issued",
    "dcterms.date", "dcterms.issued", "dcterms.created", "sailthru.date", "parsely-pub-date",
    "citation_publication_date", "article.published",
)


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What a page says about itself; any field may be unknown."""

    headline: str | None
    date: dt.date | None
    date_text: str | None
    author: str | None
    publisher: str | None
    url: str | None
    language: str | None
    description: str | None


def decode_html(data: bytes) -> str:
    """Decode page bytes: a byte-order mark or a declared charset, else UTF-8, else cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def looks_like_html(head: str) -> bool:
    """Whether the start of a document is HTML (a doctype or an ``<html>`` tag near the start)."""
    start = head[:2048].lstrip("\ufeff \t\r\n").lower()
    return start.startswith("<!doctype html") or "<html" in start[:1024]


def _tree(html: str, source: str) -> Any:
    """The parsed page, or an InputError when nothing can be parsed."""
    try:
        # lxml refuses str input that declares an encoding; the text is already decoded
        return lxml.html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*>", "", html))
    except (etree.ParserError, ValueError) as exc:
        raise InputError(source, f"not an HTML page: {exc}") from exc


def _text(node: Any) -> str:
    """The visible text of an element, spaces collapsed."""
    return " ".join("".join(node.itertext()).split())


def _json_ld(tree: Any) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object in the page (top level, lists and ``@graph`` members)."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except json.JSONDecodeError:
            continue  # broken JSON-LD is common; the other metadata still counts
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])


def _ld_article(tree: Any) -> dict[str, Any]:
    """The JSON-LD object that describes the article, if the page has one."""
    for item in _json_ld(tree):
        kinds = item.get("@type")
        names = {kinds} if isinstance(kinds, str) else set(kinds or [])
        if names & ARTICLE_TYPES:
            return item
    return {}


def _ld_name(value: Any) -> str | None:
    """A name from a JSON-LD value: a string, an object with a name, or the first of a list."""
    if isinstance(value, list):
        names = [n for n in (_ld_name(v) for v in value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        value = value.get("name")
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _ld_url(value: Any) -> str | None:
    """A URL from a JSON-LD value: a string or an object with ``@id`` or ``url``."""
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return value.strip() or None if isinstance(value, str) else None


def _metas(tree: Any) -> dict[str, str]:
    """``<meta>`` contents by lower-cased name, property, itemprop or http-equiv (first wins)."""
    found: dict[str, str] = {}
    for meta in tree.xpath("//meta[@content]"):
        content = " ".join(meta.get("content", "").split())
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (meta.get(attr) or "").strip().lower()
            if key:
                found.setdefault(key, content)
    return found


def _first(*values: str | None) -> str | None:
    """The first value that is a non-empty string."""
    for value in values:
        if value and value.strip():
            return " ".join(value.split())
    return None


def _strip_site(title: str, site: str | None) -> str:
    """A ``<title>`` without the site name tacked on ("Headline | Site")."""
    for sep in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(sep)
        if found and head and (site is None or tail.strip().lower() == site.lower()):
            return head.strip()
    return title


def _absolute(candidates: list[str | None], base: str | None) -> str | None:
    """The first absolute http(s) URL among candidates, else the first resolved against base."""
    for url in candidates:
        if url and urlparse(url).scheme in ("http", "https") and urlparse(url).netloc:
            return url
    if base:
        for url in candidates:
            if url:
                return urljoin(base, url)
    return None


def _page_dates(tree: Any, ld: Mapping[str, Any], metas: Mapping[str, str]) -> Iterator[str]:
    """The publication stamps the page states, most explicit first."""
    if isinstance(ld.get("datePublished"), str):
        yield str(ld["datePublished"])
    for key in _DATE_META:
        if key in metas:
            yield metas[key]
    for path in (
        '//*[contains(@itemtype, "Article")]//*[@itemprop="datePublished"]',
        '//*[@itemprop="datePublished"]',
        "//article//time[@datetime]",
        '//time[contains(@class, "publish")]',
    ):
        for node in tree.xpath(path):
            stamp = node.get("datetime") or node.get("content") or _text(node)
            if stamp:
                yield str(stamp)


def read_metadata(
    tree: Any, *, base_url: str | None = None, now: dt.datetime | None = None
) -> PageMeta:
    """What the page says about itself: headline, date, author, publisher, URL, language."""
    ld = _ld_article(tree)
    metas = _metas(tree)
    publisher = _first(
        metas.get("og:site_name"), _ld_name(ld.get("publisher")),
        metas.get("application-name"), metas.get("publisher"),
    )
    h1 = tree.xpath("//h1")
    titles = tree.xpath("//title")
    headline = _first(
        ld.get("headline") if isinstance(ld.get("headline"), str) else None,
        metas.get("og:title"), metas.get("twitter:title"), metas.get("headline"),
        _text(h1[0]) if h1 else None,
        _strip_site(_text(titles[0]), publisher) if titles else None,
    )
    if headline and publisher:
        headline = _strip_site(headline, publisher)
    canonical = tree.xpath('//link[translate(@rel, "CANONICAL", "canonical")="canonical"]/@href')
    url = _absolute(
        [canonical[0] if canonical else None, metas.get("og:url"), metas.get("twitter:url"),
         _ld_url(ld.get("url")), _ld_url(ld.get("mainEntityOfPage"))],
        base_url,
    )
    root_lang = tree.getroottree().getroot().get("lang") or tree.getroottree().getroot().get(
        "{http://www.w3.org/XML/1998/namespace}lang"
    )
    language = _first(
        root_lang, metas.get("content-language"), metas.get("inlanguage"),
        ld.get("inLanguage") if isinstance(ld.get("inLanguage"), str) else None,
        metas.get("language"), metas.get("dc.language"),
        (metas.get("og:locale") or "").replace("_", "-") or None,
    )
    # the first stamp that reads as a date; the first stamp at all is kept for error messages
    stamps = list(_page_dates(tree, ld, metas))
    dated = [(s, d) for s in stamps if (d := parse_published(s, now=now)) is not None][:1]
    date_text, date = dated[0] if dated else (stamps[0] if stamps else None, None)
    author = _first(
        _ld_name(ld.get("author")), metas.get("author"), metas.get("article:author"),
        metas.get("dc.creator"), metas.get("parsely-author"),
    )
    description = _first(
        metas.get("og:description"), metas.get("description"), metas.get("twitter:description"),
        ld.get("description") if isinstance(ld.get("description"), str) else None,
    )
    return PageMeta(
        headline=headline,
        date=date,
        date_text=date_text,
        author=author,
        publisher=publisher,
        url=url,
        language=language,
        description=description,
    )


def _link_density(node: Any) -> float:
    """The share of an element's text that is link text."""
    total = len(_text(node))
    linked = sum(len(_text(a)) for a in node.xpath(".//a[@href]"))
    return linked / total if total else 0.0


def _related_boxes(tree: Any) -> list[Any]:
    """Containers introduced by a "Latest news" style heading: mostly links, near the heading."""
    boxes: list[Any] = []
    for heading in tree.xpath("//h2|//h3|//h4|//h5|//h6|//header|//strong|//b|//p|//div|//span"):
        if len(heading) > 3 or not _RELATED_HEADING.match(_text(heading)):
            continue
        box = heading
        # climb a few levels to the smallest ancestor holding links besides the heading's own
        for _ in range(4):
            if box.getparent() is None or len(box.xpath(".//a[@href]")) > len(
                heading.xpath(".//a[@href]")
            ):
                break
            box = box.getparent()
        if (
            box.tag not in ("body", "html")
            and len(box.xpath(".//a[@href]")) > len(heading.xpath(".//a[@href]"))
            and _link_density(box) >= 0.5
            and not any(b is box for b in boxes)
        ):
            boxes.append(box)
    return boxes


def _stubs(box: Any, now: dt.datetime | None) -> list[RelatedStub]:
    """Headline/date pairs from a related box: each link's text, and the date beside it."""
    stubs = []
    for link in box.xpath(".//a[@href]"):
        headline = _text(link)
        if len(headline) < 12 or _RELATED_HEADING.match(headline):
            continue  # "more", "all news" and the like are not headlines
        item = link
        while item.getparent() is not None and item.getparent() is not box and len(
            item.getparent().xpath(".//a[@href]")
        ) == 1:
            item = item.getparent()
        day = None
        for node in item.xpath(".//time"):
            day = parse_published(node.get("datetime") or _text(node), now=now)
            if day:
                break
        if day is None:
            for piece in item.itertext():
                day = parse_published(piece, now=now) if piece.strip() else None
                if day:
                    break
        stubs.append(RelatedStub(headline, day))
    return stubs


def _visible_texts(tree: Any) -> Iterator[str]:
    """Text of every block in the page body, for finding a lead shown outside the main text."""
    for node in tree.xpath("//body//p|//body//div[not(*)]|//body//h2"):
        yield _text(node)


def parse_html(
    html: str,
    source: str,
    meta: Mapping[str, Any] | None = None,
    *,
    now: dt.datetime | None = None,
) -> Article:
    """Read a decoded web page; ``meta`` (date, url, publisher, language) fills in gaps.

    ``now`` is the fetch time that relative dates ("2 hours ago") count back from.

    Raises:
        InputError: not a page, or no headline, main text or date could be found.
    """
    meta = meta or {}
    tree = _tree(html, source)
    page = read_metadata(tree, base_url=_first(meta.get("url")), now=now)
    related: list[RelatedStub] = []
    for box in _related_boxes(tree):
        related.extend(_stubs(box, now))
        box.drop_tree()  # the box's links and text are not the article
    # A lead (standfirst) printed above the body and repeated as the page description is part
    # of the article, though extractors often keep only the body below it.
    lead = page.description
    if lead and not any(t == lead for t in _visible_texts(tree)):
        lead = None
    paragraphs: list[str] = []
    for precise in (True, False):  # a page too sparse for the precise mode gets a second try
        main = trafilatura.extract(
            deepcopy(tree), output_format="txt", include_comments=False, include_tables=False,
            include_images=False, favor_precision=precise, favor_recall=not precise,
            deduplicate=False,
        ) or ""
        paragraphs = [p for p in main.split("\n") if p.strip()]
        if paragraphs:
            break
    if lead and not any(lead[:60] in p for p in paragraphs[:3]):
        paragraphs.insert(0, lead)
    headline = page.headline
    if paragraphs and headline and " ".join(paragraphs[0].split()) == headline:
        paragraphs = paragraphs[1:]
    date = page.date
    if date is None and meta.get("date"):
        date = parse_published(str(meta["date"]), now=now)
    if date is None and page.date_text:
        raise InputError(source, f"unreadable publication date {page.date_text!r}")
    if not headline:
        raise InputError(source, "no headline: no og:title, JSON-LD headline, <h1> or <title>")
    if not paragraphs:
        raise InputError(source, "no main text found in the page")
    if date is None:
        raise InputError(
            source, "no article date: the page states none (JSON-LD, <meta>, <time>) and the "
            "manifest gives none",
        )
    return make_article(
        source, headline, paragraphs, date,
        url=page.url or _first(meta.get("url")),
        publisher=page.publisher or _first(meta.get("publisher")),
        author=page.author or _first(meta.get("author")),
        language=page.language or _first(meta.get("language")),
        related=related,
    )


def fragment_paragraphs(fragment: str) -> list[str]:
    """The paragraphs of an HTML fragment (a feed entry's summary or content) as plain text."""
    if "<" not in fragment:
        return [html_lib.unescape(fragment)]
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return [re.sub(r"<[^>]+>", " ", fragment)]
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr")
    for node in root.iter(*blocks):
        node.tail = "\n" + (node.tail or "")
        if node.text is not None or len(node):
            node.text = "\n" + (node.text or "")
    for node in root.iter("script", "style"):
        node.drop_tree()
    return [line for line in "".join(root.itertext()).split("\n") if line.strip()]
