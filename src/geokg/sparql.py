"""Query policy, the one place that reads user SPARQL: what may reach the network; dataset rewrites.

Oxigraph runs ``SERVICE`` calls and ``LOAD`` fetches itself, so a public endpoint must fence them
(server-side request forgery): only IRIs in the ``service_allow`` setting may be contacted.
``FROM``/``FROM NAMED`` are local graph selections in Oxigraph (it never dereferences them), so
they are allowed; ``tests/test_sparql_policy.py`` proves all three claims with loopback listeners.

The policy must read the text as Oxigraph does. Oxigraph decodes ``\\uXXXX`` escapes only inside
strings and IRIs (rdflib decodes them everywhere first, SPARQL 1.1 §19.2), so escapes are
replaced by a plain character before rdflib sees the text: otherwise ``"\\u0022"`` opens a long
string for rdflib that hides a SERVICE clause Oxigraph runs. The text is parsed only when a
fenced keyword occurs outside strings, IRIs and comments (so a large INSERT DATA whose literals
say "download" costs nothing); it must parse, and rdflib must find as many SERVICE (LOAD)
clauses as the keyword occurs, else the request is refused: a parser difference can only refuse.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pyparsing import ParseResults
from rdflib import URIRef
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node

from .errors import QueryError
from .namespaces import PREFIXES

#: The setting (and its environment variable) that lists reachable endpoints.
ALLOW_SETTING = "service_allow (GEOKG_SERVICE_ALLOW)"

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# An absolute IRI as the protocol parameters must give (RFC 3987 scheme, no IRIREF-forbidden char).
_ABSOLUTE_IRI = re.compile(r'[A-Za-z][A-Za-z0-9+.\-]*:[^<>"{}|^`\\\x00-\x20]*')


class PolicyRefused(QueryError):
    """A query or update that would contact a host not on the allow-list."""

    status = 400


def _as_oxigraph_reads(text: str) -> str:
    """The text with code point escapes made inert: Oxigraph decodes them in strings/IRIs only."""
    return _CODEPOINT.sub("_", text)


def _code(text: str) -> str:
    """The text outside strings, IRIs and comments, token by token (space-separated)."""
    return " ".join(t.text for t in _tokens(text) if t.kind in ("word", "other"))


def may_mention(text: str, *keywords: str) -> bool:
    """Whether a keyword may occur outside strings, IRIs and comments (a safe over-estimate)."""
    code = _code(_as_oxigraph_reads(text)).lower()
    return any(k in code for k in keywords)


def _keyword_count(text: str, keyword: str) -> int:
    """How often ``keyword`` stands alone (not in a name, variable or tag) in the code of text."""
    pattern = rf"(?<![\w:.\-?$@]){keyword}(?![\w:.\-])"
    return len(re.findall(pattern, _code(text), flags=re.IGNORECASE))


def check_query(query: str, service_allow: Sequence[str]) -> None:
    """Refuse a query whose SERVICE clauses reach an endpoint not in ``service_allow``.

    Raises:
        PolicyRefused: a SERVICE endpoint is a variable or is not allow-listed.
        QueryError: the query mentions SERVICE but cannot be parsed to check it.
    """
    text = _as_oxigraph_reads(query)
    if not may_mention(text, "service"):
        return
    try:
        tree = parseQuery(text)
    except Exception as exc:  # pyparsing raises its own exception types for any syntax error
        raise QueryError(f"SPARQL syntax error: {exc}") from exc
    prefixes = _prefixes(tree[0], dict(PREFIXES))
    patterns = list(_find(tree, "ServiceGraphPattern"))
    _check_count("SERVICE", len(patterns), text)
    for pattern in patterns:
        _check_target("SERVICE", pattern["term"], prefixes, service_allow)


def check_update(update: str, service_allow: Sequence[str]) -> None:
    """Refuse an update whose LOAD sources or SERVICE clauses are not in ``service_allow``.

    Raises:
        PolicyRefused: a LOAD source or SERVICE endpoint is not allow-listed.
        QueryError: the update mentions LOAD or SERVICE but cannot be parsed to check it.
    """
    text = _as_oxigraph_reads(update)
    if not may_mention(text, "service", "load"):
        return
    tree = _parse_update(text)
    operations = _requests(tree)
    _check_count("LOAD", sum(op.name == "Load" for op in operations), text)
    _check_count("SERVICE", len(list(_find(operations, "ServiceGraphPattern"))), text)
    prefixes = dict(PREFIXES)
    for prologue, operation in zip(tree["prologue"], operations, strict=False):
        prefixes = _prefixes(prologue, prefixes)
        if operation.name == "Load":
            _check_target("LOAD", operation["iri"], prefixes, service_allow)
        for pattern in _find(operation, "ServiceGraphPattern"):
            _check_target("SERVICE", pattern["term"], prefixes, service_allow)


def _check_count(keyword: str, parsed: int, text: str) -> None:
    """Refuse when rdflib found fewer clauses than the keyword occurs: the parsers disagree."""
    if parsed < _keyword_count(text, keyword):
        raise PolicyRefused(
            f"cannot check every {keyword} clause of this request (the policy parser reads it "
            "differently): rewrite it without escapes or unusual strings"
        )


def _parse_update(update: str) -> CompValue:
    """The rdflib parse tree of an update; QueryError if it does not parse."""
    try:
        return parseUpdate(update)
    except Exception as exc:  # pyparsing raises its own exception types for any syntax error
        raise QueryError(f"SPARQL update syntax error: {exc}") from exc


def _requests(tree: CompValue) -> list[CompValue]:
    """The operations of a parsed update (none for an empty update)."""
    return list(tree["request"]) if "request" in tree else []


def _check_target(
    keyword: str, term: Node | CompValue, prefixes: dict[str, str], allowed: Sequence[str]
) -> None:
    """Raise PolicyRefused unless ``term`` resolves to an allow-listed IRI."""
    target = _iri(term, prefixes)
    if target is not None and target in allowed:
        return
    shown = f"<{target}>" if target is not None else _shown(term)
    listed = ", ".join(allowed) or "none"
    verb = "fetch" if keyword == "LOAD" else "query"
    raise PolicyRefused(
        f"{keyword} {shown} is refused: this endpoint may only {verb} the IRIs listed in the "
        f"setting {ALLOW_SETTING}; allowed now: {listed}"
    )


def _shown(term: Node | CompValue) -> str:
    """How a SERVICE/LOAD term is named in a message."""
    if isinstance(term, CompValue) and term.name == "pname":
        return f"{term.get('prefix') or ''}:{term.get('localname') or ''}"
    if isinstance(term, URIRef):
        return f"<{term}> (a relative IRI)"
    return f"{term.n3() if hasattr(term, 'n3') else term} (a variable endpoint)"


def _prefixes(prologue: object, known: dict[str, str]) -> dict[str, str]:
    """``known`` extended with the PREFIX declarations of a prologue."""
    found = dict(known)
    for decl in prologue if isinstance(prologue, list | ParseResults) else ():
        if isinstance(decl, CompValue) and decl.name == "PrefixDecl":
            found[str(decl.get("prefix") or "")] = str(decl["iri"])
    return found


def _find(node: object, name: str) -> Iterator[CompValue]:
    """Every ``name`` node in a parse tree."""
    if isinstance(node, CompValue):
        if node.name == name:
            yield node
        for value in node.values():
            yield from _find(value, name)
    elif isinstance(node, list | tuple | ParseResults):
        for value in node:
            yield from _find(value, name)


def _iri(term: Node | CompValue, prefixes: dict[str, str]) -> str | None:
    """The absolute IRI a term names, or None (a variable, an unknown prefix, a relative IRI)."""
    if isinstance(term, URIRef):
        return str(term) if _ABSOLUTE_IRI.fullmatch(str(term)) else None
    if isinstance(term, CompValue) and term.name == "pname":
        namespace = prefixes.get(str(term.get("prefix") or ""))
        if namespace is None:
            return None
        iri = namespace + str(term.get("localname") or "")
        return iri if _ABSOLUTE_IRI.fullmatch(iri) else None
    return None


# -- the protocol's update dataset (SPARQL 1.1 Protocol §2.2.3) ----------------------------------

_TOKEN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                 |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<open>\{)
    | (?P<close>\})
    | (?P<semicolon>;)
    | (?P<word>[^\s{}();,<>"'\#]+)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class _Token:
    """A lexical token of SPARQL text at brace depth ``depth``."""

    kind: str
    text: str
    start: int
    end: int
    depth: int


def _tokens(text: str) -> list[_Token]:
    """The tokens of SPARQL text that matter to find top-level keywords (strings, IRIs, braces)."""
    tokens, depth = [], 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind in ("space", "comment"):
            continue
        if kind == "close":
            depth -= 1
        tokens.append(_Token(kind, match.group(), match.start(), match.end(), depth))
        if kind == "open":
            depth += 1
    return tokens


def _operations(tokens: list[_Token]) -> Iterator[list[_Token]]:
    """The top-level tokens of each operation of an update, prologue declarations left out."""
    current: list[_Token] = []
    for token in tokens:
        if token.depth == 0 and token.kind == "semicolon":
            yield current
            current = []
        else:
            current.append(token)
    yield current


def _keywords(operation: list[_Token]) -> list[_Token]:
    """The top-level words and opening braces of an operation after its PREFIX/BASE lines."""
    words = [t for t in operation if t.depth == 0 and t.kind in ("word", "iri", "open")]
    index = 0
    while index < len(words):
        head = words[index].text.upper()
        if head == "PREFIX":
            index += 3
        elif head == "BASE":
            index += 2
        else:
            break
    return [w for w in words[index:] if w.kind in ("word", "open")]


def is_absolute_iri(value: str) -> bool:
    """Whether a string is an absolute IRI (a scheme, and no character an IRIREF forbids)."""
    return bool(_ABSOLUTE_IRI.fullmatch(value))


def protocol_iri(value: str, parameter: str) -> str:
    """A protocol parameter's graph IRI as SPARQL text, after checking that it is absolute.

    Raises:
        QueryError: the value is not an absolute IRI.
    """
    if not _ABSOLUTE_IRI.fullmatch(value):
        raise QueryError(f"{parameter}={value!r} is not an absolute IRI")
    return URIRef(value).n3()


def with_using(update: str, using_graphs: Sequence[str], using_named_graphs: Sequence[str]) -> str:
    """The update with the protocol's ``using-graph-uri``/``using-named-graph-uri`` applied.

    SPARQL 1.1 Protocol §2.2.3: the parameters act as USING / USING NAMED clauses of every
    operation that has a WHERE clause; ``DELETE WHERE { P }`` becomes the equivalent
    ``DELETE { P } USING ... WHERE { P }``. An update that names its own dataset is refused.

    Raises:
        QueryError: the update does not parse, already has USING/WITH, or a value is not an IRI.
    """
    clauses = [f"USING {protocol_iri(g, 'using-graph-uri')}" for g in using_graphs]
    clauses += [
        f"USING NAMED {protocol_iri(g, 'using-named-graph-uri')}" for g in using_named_graphs
    ]
    if not clauses:
        return update
    tree = _parse_update(update)
    expected = [op.name for op in _requests(tree) if op.name in ("Modify", "DeleteWhere")]
    for op in _requests(tree):
        if op.name == "Modify" and ("withClause" in op or "using" in op):
            raise QueryError(
                "the update names its dataset with USING or WITH and the request also has "
                "using-graph-uri/using-named-graph-uri parameters: send one or the other "
                "(SPARQL 1.1 Protocol §2.2.3)"
            )
    using = " " + " ".join(clauses) + " "
    edits: list[tuple[int, int, str]] = []
    found: list[str] = []
    for operation in _operations(_tokens(update)):
        words = _keywords(operation)
        heads = [w.text.upper() for w in words[:2]]
        if not heads or heads[0] not in ("DELETE", "INSERT", "WITH") or heads[1:] == ["DATA"]:
            continue
        if heads == ["DELETE", "WHERE"]:
            found.append("DeleteWhere")
            edits.append(_delete_where_edit(update, operation, words[0], using))
            continue
        found.append("Modify")
        where = next(w for w in words if w.text.upper() == "WHERE")
        edits.append((where.start, where.start, using))
    if found != expected:
        raise QueryError("cannot apply using-graph-uri/using-named-graph-uri to this update")
    for start, end, text in sorted(edits, reverse=True):
        update = update[:start] + text + update[end:]
    return update


def _delete_where_edit(
    update: str, operation: list[_Token], delete: _Token, using: str
) -> tuple[int, int, str]:
    """The edit that turns ``DELETE WHERE { P }`` into ``DELETE { P } USING ... WHERE { P }``."""
    opening = next(t for t in operation if t.kind == "open" and t.depth == 0)
    closing = next(t for t in operation if t.kind == "close" and t.depth == 0)
    block = update[opening.start : closing.end]
    return delete.start, closing.end, f"DELETE {block}{using}WHERE {block}"
