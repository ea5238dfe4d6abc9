"""The offline gazetteer: built from the Wikidata-derived kb tables, loaded for alias lookup."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from geokg.errors import GeokgError
from geokg.model import EntityType, Role

GAZETTEER_PATH = Path(__file__).resolve().parent.parent / "data" / "gazetteer.json.gz"
FORMAT = 1

SOURCES: tuple[dict[str, str], ...] = (
    {
        "file": "countries_joined.csv",
        "what": "countries: names, alternative spellings, demonym, capitals (join of the others)",
        "licence": "ODbL 1.0 (inherits mledoze/countries); Q-ids from Wikidata (CC0)",
    },
    {
        "file": "ne_admin0_countries.csv",
        "what": "countries: Natural Earth 10m admin-0 v5.1.1 names",
        "licence": "public domain (Natural Earth)",
    },
    {
        "file": "mledoze_countries.json",
        "what": "countries: common/official names, alternative spellings, English demonyms",
        "licence": "ODbL 1.0 (mledoze/countries)",
    },
    {
        "file": "ne_populated_places_50m.csv",
        "what": "populated places with Q-ids, capitals flagged",
        "licence": "CC0 (Natural Earth)",
    },
    {
        "file": "geografia_leaders_history.csv",
        "what": "heads of state and of government with terms (Wikidata P1308/P1313/P39)",
        "licence": "facts from Wikidata (CC0), via cfmessias/geografia",
    },
    {
        "file": "geografia_leaders_current.csv",
        "what": "current heads of state and of government",
        "licence": "facts from Wikidata (CC0), via cfmessias/geografia",
    },
    {
        "file": "international_orgs.csv",
        "what": "international organisations: names, abbreviations, other names",
        "licence": "CC BY-SA 4.0 (confirmordeny/supraverden)",
    },
)

# Short alternative spellings that are safe as all-capital words in running text; every other
# spelling of three letters or fewer (ISO codes such as "IN", "IT") is left out.
_SAFE_SHORT = frozenset({"US", "USA", "UK", "UAE", "DRC", "DPRK", "PRC", "ROK"})
# Aliases that are also ordinary English words, capitalised at the start of a sentence or inside
# other names ("Island" is Iceland's native name; Male is the capital of the Maldives).
_UNSAFE = frozenset({"Island", "Male", "Orange", "Buffalo", "Natal", "Resolute", "SHARE",
                     "Split", "Nice", "Mobile", "Reading", "Bath", "Independence", "Concord",
                     "Victory", "Liberty", "Union", "Eagle", "Enterprise", "Temple", "Bar"})
# Everyday English names of a country that none of the tables lists (they give "Great Britain"
# and "United Kingdom" but not "Britain"); keyed by ISO 3166 alpha-3, the Q-id comes from the
# tables as for every other name.
_NEWS_NAMES: dict[str, tuple[str, ...]] = {"GBR": ("Britain",)}
# A person's name never starts with a title or an article ("The President", "Queen Tey",
# "President Winthrop" are rows whose name Wikidata lacked); words that make a name a body's.
_TITLE_FIRST = frozenset({"the", "president", "king", "queen", "prince", "princess", "emperor",
                          "empress", "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "general",
                          "chairman", "premier", "prime", "his", "her"})
_BODY_WORDS = frozenset({"junta", "council", "committee", "government", "directorate",
                         "triumvirate", "regency", "republic"})
# A place name shared by two places goes to the larger when it has this many times the people.
_POPULOUS = 10.0
_ROLE_TITLES = {"head_of_state": "Head of State", "head_of_government": "Head of Government"}
# When two records share an alias, the lower rank wins (a country named like its capital, say).
_RANK = {"Country": 0, "Organization": 1, "Capital": 2, "Person": 3, "Place": 4}

_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|\w+|[^\w\s]")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"',
                         "‐": "-", "‑": "-", "–": "-", "—": "-"})


@lru_cache(maxsize=65536)
def norm_word(word: str) -> str:
    """A word as compared: no accents, casefolded, quotes and dots normalised (U.S. = US)."""
    stripped = word.translate(_QUOTES)
    if not stripped.isascii():
        stripped = unicodedata.normalize("NFKD", stripped)
        stripped = "".join(c for c in stripped if not unicodedata.combining(c))
    if len(stripped) > 2 and stripped.endswith(".") and "." in stripped[:-1]:
        stripped = stripped.replace(".", "")
    return stripped.casefold().replace("isation", "ization")


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a text with its offsets, as the gazetteer scans it."""

    start: int
    end: int
    raw: str
    norm: str


# A regnal number ("Louis XIV", "Pius XI", "Chrysostomos II"), written in capitals.
ROMAN_NUMERAL = re.compile(r"[IVXL]+")


def _surname_key(word: str) -> str:
    """A surname as compared across transliterations (Zelensky = Zelenskyy = Zelenskiy,
    Sisi = Sissi, Berdimuhamedov = Berdimuhamedow, Yanukovych = Yanukovytch): final i/y
    alike, final w as v, "tch" as "ch", doubled letters single."""
    key = re.sub(r"(?<=[eo])w$", "v", re.sub(r"[iy]+$", "y", norm_word(word)))
    key = key.replace("tch", "ch")
    return re.sub(r"(.)\1+", r"\1", key)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance of two short words."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def split_words(text: str) -> list[Word]:
    """The words and punctuation marks of ``text`` (standalone dots dropped)."""
    words = []
    for m in _WORD.finditer(text):
        raw = m.group()
        if raw == ".":
            continue
        words.append(Word(m.start(), m.end(), raw, norm_word(raw)))
    return words


def alias_key(alias: str) -> tuple[str, ...]:
    """The lookup key of an alias: its normalised words."""
    return tuple(w.norm for w in split_words(alias))


# German umlauts and their spelling without them ("Schröder", "Schroeder").
_UMLAUT_SPELLING = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
_UMLAUTS = re.compile("[äöüÄÖÜ]")


def _case_ok(form: Sequence[str], raw: Sequence[str]) -> bool:
    """Capitalisation in the text must be at least that of the alias (CSTO, not csto), but for
    a leading "The" ("the Hague")."""
    for i, (a, t) in enumerate(zip(form, raw, strict=True)):
        if i == 0 and a == "The" and t == "the" and len(form) > 1:
            continue  # an article is lower-case inside a sentence: "in the Hague"
        letters = [c for c in a if c.isalpha()]
        if not letters:
            continue
        if len(letters) > 1 and all(c.isupper() for c in letters):
            if not all(c.isupper() for c in t if c.isalpha()):
                return False
        elif letters[0].isupper() and not next((c for c in t if c.isalpha()), "").isupper():
            return False
    return True


@dataclass(frozen=True, slots=True)
class Term:
    """One term of a person in a head-of-state or head-of-government position."""

    role: str
    country: str
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True, slots=True)
class Record:
    """One gazetteer entry: Q-id, canonical label, type and the table it came from."""

    qid: str
    label: str
    type: EntityType
    source: str
    country: str | None = None
    capital_of: str | None = None
    capitals: tuple[str, ...] = ()

    @property
    def territory(self) -> bool:
        """True for a territory of another state ("Puerto Rico", "Hong Kong"): a place of
        the countries table, whose state is ``country``."""
        return self.type == "Place" and self.source == "countries_joined.csv"


@dataclass(frozen=True, slots=True)
class GazMatch:
    """A stretch of text that names a gazetteer record (``demonym`` for adjectival forms)."""

    start: int
    end: int
    qid: str
    demonym: bool = False


@dataclass(frozen=True, slots=True)
class GazetteerStats:
    """What a build wrote: counts per kind, size and digest of the file."""

    countries: int
    places: int
    persons: int
    organizations: int
    aliases: int
    bytes: int
    digest: str


_INITIALS_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "de", "la", "des", "du", "et"})


def initials(label: str) -> str:
    """The initials of a name's words, small words left out ("Shanghai Cooperation
    Organisation" → "SCO", "Asia-Pacific Economic Cooperation" → "APEC")."""
    words = re.findall(r"[^\W\d_][\w'’]*", label)
    return "".join(w[0].upper() for w in words if w.lower() not in _INITIALS_SKIP)


@dataclass
class Gazetteer:
    """Alias index over countries, places, heads of state/government and organisations."""

    records: dict[str, Record]
    digest: str
    sources: tuple[dict[str, str], ...] = ()
    _aliases: dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]] = field(
        default_factory=dict)
    _demonyms: dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]] = field(
        default_factory=dict)
    _terms: dict[str, tuple[Term, ...]] = field(default_factory=dict)
    _surnames: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # surnames by first letter and length, for the near-misses of one
    _surnames_by_shape: dict[tuple[str, int], tuple[str, ...]] = field(default_factory=dict)
    _first_names: frozenset[str] = frozenset()
    _heads: dict[str, int] = field(default_factory=dict)
    _max_len: int = 1
    _initials: dict[str, str] | None = None

    def record(self, qid: str) -> Record | None:
        """The record of a Q-id, if the gazetteer has it."""
        return self.records.get(qid)

    def lookup(self, alias: str) -> Record | None:
        """The best record named by ``alias`` (capitalisation as written), or None."""
        words = split_words(alias)
        key = tuple(w.norm for w in words)
        raw = [w.raw for w in words]
        for form, qid in self._aliases.get(key, ()):
            if _case_ok(form, raw):
                return self.records[qid]
        return None

    def org_of_initials(self, acronym: str) -> Record | None:
        """The one organisation whose name has these initials (three letters or more) and
        whose table row gives no abbreviation ("SCO": Shanghai Cooperation Organisation);
        None when two share them or they are any record's written alias."""
        if len(acronym) < 3:
            return None
        if self._initials is None:
            written = {form[0]: qid for forms in self._aliases.values() for form, qid in forms
                       if len(form) == 1}
            abbreviated = {qid for w, qid in written.items() if w.isupper() and w.isalpha()}
            found: dict[str, set[str]] = defaultdict(set)
            for rec in self.records.values():
                if rec.type == "Organization" and rec.qid not in abbreviated:
                    found[initials(rec.label)].add(rec.qid)
            self._initials = {a: next(iter(q)) for a, q in found.items()
                              if len(q) == 1 and len(a) >= 3 and a not in written}
        qid = self._initials.get(acronym)
        return self.records[qid] if qid else None

    def country_of_demonym(self, word: str) -> str | None:
        """The country Q-id of an English demonym ("Armenian" → Q399), or None."""
        words = split_words(word)
        for form, qid in self._demonyms.get(tuple(w.norm for w in words), ()):
            if _case_ok(form, [w.raw for w in words]):
                return qid
        return None

    def demonym_of(self, qid: str) -> str | None:
        """The English demonym of a country ("Q159" → "Russian"), or None."""
        for forms in self._demonyms.values():
            for form, owner in forms:
                if owner == qid:
                    return " ".join(form)
        return None

    def country_of_capital(self, qid: str) -> str | None:
        """The country whose capital the place ``qid`` is, or None."""
        rec = self.records.get(qid)
        return rec.capital_of if rec else None

    def roles_at(self, qid: str, date: dt.date | None) -> list[Role]:
        """Head-of-state/government roles a person held at ``date`` (current roles if None)."""
        roles: list[Role] = []
        for term in self._terms.get(qid, ()):
            if date is None:
                if term.end is not None:
                    continue
            elif (term.start and term.start > date) or (term.end and term.end <= date):
                continue
            country = self.records.get(term.country)
            of_label = country.label if country else None
            title = _ROLE_TITLES.get(term.role, term.role)
            role = Role(f"{title} of {of_label}" if of_label else title, term.country, of_label)
            if role not in roles:
                roles.append(role)
        return roles

    def persons_by_surname(self, surname: str) -> tuple[str, ...]:
        """Q-ids of persons whose name ends in ``surname``."""
        return self._surnames.get(_surname_key(surname), ())

    def persons_by_near_surname(self, surname: str) -> tuple[str, ...]:
        """Q-ids of persons whose surname is this one misspelt by one letter ("Kurtz" for
        "Kurz"); surnames of five letters or more only."""
        key = _surname_key(surname)
        if len(key) < 5:
            return ()
        shapes = self._surnames_by_shape
        return tuple(q for n in (len(key) - 1, len(key), len(key) + 1)
                     for other in shapes.get((key[0], n), ())
                     if edit_distance(key, other) == 1
                     for q in self._surnames[other])

    def is_first_name(self, word: str) -> bool:
        """Whether ``word`` is the first name of some person in the gazetteer."""
        return norm_word(word) in self._first_names

    def scan(self, text: str, words: Sequence[Word] | None = None) -> list[GazMatch]:
        """Every longest, non-overlapping alias or demonym match in ``text``, left to right.

        ``words`` may pass ``split_words(text)`` when the caller has it already.
        """
        if words is None:
            words = split_words(text)
        out: list[GazMatch] = []
        i = 0
        n = len(words)
        heads = self._heads
        while i < n:
            hit: GazMatch | None = None
            longest = heads.get(words[i].norm, 0)
            for length in range(min(longest, n - i), 0, -1):
                chunk = words[i:i + length]
                key = tuple(w.norm for w in chunk)
                hit = self._match(key, chunk)
                if hit:
                    i += length
                    out.append(hit)
                    break
            if hit is None:
                i += 1
        return out

    def _match(self, key: tuple[str, ...], chunk: Sequence[Word]) -> GazMatch | None:
        """The record or demonym named by exactly these words, if any."""
        raw = [w.raw for w in chunk]
        for form, qid in self._aliases.get(key, ()):
            if _case_ok(form, raw):
                return GazMatch(chunk[0].start, chunk[-1].end, qid)
        for form, qid in self._demonyms.get(key, ()):
            if _case_ok(form, raw):
                return GazMatch(chunk[0].start, chunk[-1].end, qid, demonym=True)
        return None


# ---------------------------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------------------------

def _split_multi(value: str) -> list[str]:
    """Values of a " | "-separated cell."""
    return [v.strip() for v in value.split("|") if v.strip()]


def _latin(text: str) -> bool:
    """True when every letter of ``text`` is Latin (other scripts never match English text)."""
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in text)


def _usable_alias(alias: str) -> bool:
    """Whether an alternative spelling is safe to match in English news."""
    alias = alias.strip()
    if not alias or not _latin(alias) or "," in alias or "(" in alias:
        return False
    letters = [c for c in alias if c.isalpha()]
    if len(letters) <= 3 and alias.replace(".", "") not in _SAFE_SHORT:
        return False
    return alias[0].isupper()


def _ascii_ok(name: str) -> bool:
    """True when a name is plain ASCII (prefers "Turkey" to "Türkiye" as label)."""
    return name.isascii()


def _read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV table."""
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _date(value: str) -> str | None:
    """The ISO date of a Wikidata timestamp cell, or None."""
    value = value.strip()
    return value[:10] if re.match(r"^\d{4}-\d{2}-\d{2}", value) else None


def _countries(kb: Path) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Country records and the ISO3 → Q-id map."""
    joined = _read_csv(kb / "countries_joined.csv")
    ne = {r["WIKIDATAID"]: r for r in _read_csv(kb / "ne_admin0_countries.csv")}
    with (kb / "mledoze_countries.json").open(encoding="utf-8") as f:
        mledoze = {c["cca3"]: c for c in json.load(f)}
    iso3_qid: dict[str, str] = {}
    demonym_owners: dict[str, list[tuple[int, str]]] = defaultdict(list)
    out: list[dict[str, Any]] = []
    states = {r["ADMIN"]: q for q, r in ne.items() if r["ADMIN"] == r["SOVEREIGNT"]}
    for row in joined:
        qid = row["qid"].strip()
        if not qid:
            continue
        iso3_qid[row["iso3"]] = qid
        names = [row["name_common"], row["name_official"], row["ne_name_long"],
                 row["ne_formal_en"], *_split_multi(row["ne_name_alt"])]
        ne_row = ne.get(qid)
        if ne_row:
            names += [ne_row["ADMIN"], ne_row["NAME"], ne_row["NAME_LONG"], ne_row["NAME_EN"],
                      ne_row["FORMAL_EN"], ne_row["NAME_SORT"], ne_row["NAME_CIAWF"]]
        ml = mledoze.get(row["iso3"])
        if ml:
            names += [ml["name"]["common"], ml["name"]["official"]]
        names += _NEWS_NAMES.get(row["iso3"], ())
        aliases = sorted({n.strip() for n in names if n and _latin(n) and "," not in n}
                         | {a for a in _split_multi(row["alt_spellings"]) if _usable_alias(a)})
        label = row["name_common"]
        if not _ascii_ok(label) and _ascii_ok(row["ne_name_long"]) and row["ne_name_long"]:
            label = row["ne_name_long"]
        rank = 0 if row["independent"] == "True" and row["un_member"] == "True" else 1
        demonyms = {row["demonym_en"].strip()} if row["demonym_en"].strip() else set()
        if ml:
            demonyms |= {v for v in ml.get("demonyms", {}).get("eng", {}).values() if v}
        for d in demonyms:
            demonym_owners[d].append((rank, qid))
        rec: dict[str, Any] = {
            "id": qid, "label": label, "type": "Country", "src": "countries_joined.csv",
            "aliases": aliases, "iso3": row["iso3"],
            "capitals": _split_multi(row["capital_qids"]), "demonyms": [],
        }
        if ne_row and (state := _territory_of(ne_row, states)):
            # "Puerto Rico", "Hong Kong", "Greenland": a territory of another state is a place
            # (gold guidelines 4.1: a Country is a sovereign or de-facto state); Palestine,
            # whose unit Natural Earth calls indeterminate, stays a country
            rec.update(type="Place", country=state)
        out.append(rec)
    # Natural Earth units the join lacks: disputed states (Kosovo) as countries, the rest
    # (sovereign base areas, reefs, leased bases) as places.
    known = {c["id"] for c in out}
    for qid, ne_row in sorted(ne.items()):
        if not qid or qid in known:
            continue
        names = [ne_row["ADMIN"], ne_row["NAME"], ne_row["NAME_LONG"], ne_row["FORMAL_EN"],
                 *ne_row["NAME_ALT"].split(",")]
        typ = "Country" if ne_row["TYPE"] in {"Disputed", "Sovereign country", "Country"} else (
            "Place")
        out.append({
            "id": qid, "label": ne_row["ADMIN"], "type": typ,
            "src": "ne_admin0_countries.csv", "aliases": sorted(
                {n.strip() for n in names if n.strip() and "." not in n and _usable_alias(n)}),
            "iso3": "", "capitals": [], "demonyms": [],
        })
    by_qid = {c["id"]: c for c in out}
    for demonym, owners in sorted(demonym_owners.items()):
        best = min(r for r, _ in owners)
        winners = sorted({q for r, q in owners if r == best})
        if len(winners) == 1 and _latin(demonym):
            by_qid[winners[0]]["demonyms"].append(demonym)
    return out, iso3_qid


def _territory_of(ne_row: dict[str, str], states: dict[str, str]) -> str | None:
    """The Q-id of the state a Natural Earth unit is a territory of (a dependency, a special
    administrative region, a self-governing part of a realm), or None for a state."""
    if ne_row["ADMIN"] == ne_row["SOVEREIGNT"] or ne_row["TYPE"] == "Indeterminate":
        return None
    return states.get(ne_row["SOVEREIGNT"])


def _places(kb: Path, iso3_qid: dict[str, str]) -> list[dict[str, Any]]:
    """Populated-place records; capitals carry the country they are capital of."""
    ne_adm = {r["ADM0_A3"]: r["WIKIDATAID"] for r in _read_csv(kb / "ne_admin0_countries.csv")}
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    population: dict[str, float] = {}
    for row in _read_csv(kb / "ne_populated_places_50m.csv"):
        qid = row["wikidataid"].strip()
        if not qid or qid in seen:
            continue
        seen.add(qid)
        country = iso3_qid.get(row["ADM0_A3"]) or ne_adm.get(row["ADM0_A3"]) or None
        names = {row["NAME"], row["NAME_EN"], row["NAMEASCII"], *_split_multi(row["NAMEALT"])}
        aliases = sorted(n.strip() for n in names if n.strip() and _latin(n) and len(n) > 3)
        rec: dict[str, Any] = {"id": qid, "label": row["NAME_EN"] or row["NAME"], "type": "Place",
                               "src": "ne_populated_places_50m.csv", "aliases": aliases,
                               "country": country}
        if row["FEATURECLA"] == "Admin-0 capital" and country:
            rec["capital_of"] = country
            # "Washington, D.C." is "Washington" in the news; only capitals get the short form.
            short = {n.split(",")[0].strip() for n in aliases if "," in n}
            rec["aliases"] = sorted(set(aliases) | {s for s in short if len(s) > 3})
        out.append(rec)
        population[qid] = _population(row["POP_MAX"])
    _prefer_populous(out, population)
    return out


def _population(value: str) -> float:
    """A population cell as a number (0 when empty or unreadable)."""
    try:
        return max(0.0, float(value))
    except ValueError:
        return 0.0


def _prefer_populous(places: list[dict[str, Any]], population: dict[str, float]) -> None:
    """Give a name two places share to the far larger one only (Los Angeles, California, not
    Los Ángeles, Chile): with ``_POPULOUS`` times the people, it is the one the news means.

    A name left to places of comparable size stays with all of them, and so stays ambiguous
    (the index keeps neither).
    """
    owners: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for rec in places:
        for alias in rec["aliases"]:
            owners[alias_key(alias)].append(rec["id"])
    drop: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for key, qids in owners.items():
        if len(set(qids)) < 2:
            continue
        ranked = sorted(set(qids), key=lambda q: (-population.get(q, 0.0), q))
        if population.get(ranked[0], 0.0) >= _POPULOUS * max(population.get(ranked[1], 0.0), 1.0):
            for qid in ranked[1:]:
                drop[qid].add(key)
    for rec in places:
        if rec["id"] in drop:
            rec["aliases"] = [a for a in rec["aliases"] if alias_key(a) not in drop[rec["id"]]]
            # the label too is looked up by name, unless it is one of the names given away
            rec["shadowed"] = sorted(" ".join(key) for key in drop[rec["id"]])


_REGNAL = re.compile(r"^(\w+ [IVX]+) (?:da|do|de|dos|das) \w")
# The tables name popes in Portuguese ("Papa Francisco"); English text says "Pope Francis".
# Papal names, Portuguese to English: a translation of names, no facts.
_PAPAL = re.compile(r"^Papa (.+?)(?: ([IVX]+))?$")
_PAPAL_NAMES = {"Francisco": "Francis", "Bento": "Benedict", "João Paulo": "John Paul",
                "João": "John", "Paulo": "Paul", "Pio": "Pius", "Leão": "Leo"}


def _papal_name(name: str) -> str | None:
    """The English name of a pope the tables name in Portuguese ("Papa Bento XVI" is "Pope
    Benedict XVI"); None for any other name."""
    m = _PAPAL.match(name.strip())
    if m is None or m[1] not in _PAPAL_NAMES:
        return None
    return " ".join(filter(None, ("Pope", _PAPAL_NAMES[m[1]], m[2])))


def _person_name_ok(name: str) -> bool:
    """Whether a leader row's name is a person's name to look for in text.

    Not one that starts with a title or "The", names a body ("Junta militar de Honduras"),
    holds digits or brackets, or is a bare Q-id or URL (rows whose label Wikidata lacked).
    """
    words = split_words(name)
    if not words or any(ch.isdigit() or ch in "()/:" for ch in name):
        return False
    return words[0].norm not in _TITLE_FIRST and not any(w.norm in _BODY_WORDS for w in words)


def _persons(kb: Path, iso3_qid: dict[str, str]) -> list[dict[str, Any]]:
    """Heads of state and government with their terms (open ends closed by a successor).

    A leader of a territory that no table gives a Q-id (Réunion, Guadeloupe, ...) is kept, with
    a name but without that term: a role needs the Q-id of its country.
    """
    rows = []
    for fname in ("geografia_leaders_history.csv", "geografia_leaders_current.csv"):
        for row in _read_csv(kb / fname):
            if row["person_qid"].strip():
                rows.append((fname, row))
    names: dict[str, Counter[str]] = defaultdict(Counter)
    src: dict[str, str] = {}
    terms: dict[str, set[tuple[str, str, str | None, str | None]]] = defaultdict(set)
    seats: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for fname, row in rows:
        qid = row["person_qid"].strip()
        names[qid][row["person"].strip()] += 1
        src.setdefault(qid, fname)
        terms.setdefault(qid, set())
        if row["iso3"] not in iso3_qid:
            continue
        start = _date(row["start"])
        terms[qid].add((row["role"], iso3_qid[row["iso3"]], start, _date(row["end"])))
        if start:
            seats[(row["role"], iso3_qid[row["iso3"]])].append((start, qid))
    # A monarch is named in text by regnal name and number ("King Abdullah II"); the tables
    # add the realm in Portuguese ("Abdullah II da Jordânia"). The bare regnal name is an
    # alias when it names one person only.
    regnal: dict[str, set[str]] = defaultdict(set)
    for qid, counts in names.items():
        for name in counts:
            if m := _REGNAL.match(name.strip()):
                regnal[m[1]].add(qid)
    regnal_of: dict[str, set[str]] = defaultdict(set)  # person → regnal names only they bear
    for name, qids in regnal.items():
        if len(qids) == 1:
            regnal_of[next(iter(qids))].add(name)
    out: list[dict[str, Any]] = []
    for qid in sorted(names):
        label = sorted(names[qid].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        label = _papal_name(label) or label
        closed = set()
        for role, country, start, end in terms[qid]:
            if end is None and start is not None:
                later = [s for s, who in seats[(role, country)] if s > start and who != qid]
                end = min(later) if later else None
            closed.add((role, country, start, end))
        # An open-ended row duplicating a closed one adds nothing once closed by a successor.
        rec: dict[str, Any] = {
            "id": qid, "label": label, "type": "Person", "src": src[qid],
            "aliases": sorted({n for n in names[qid]
                               if _latin(n) and " " in n.strip() and _person_name_ok(n)}
                              | regnal_of[qid]
                              | {p for n in names[qid] if (p := _papal_name(n))}),
            "terms": sorted([list(t) for t in closed], key=lambda t: [str(x) for x in t])}
        if not _person_name_ok(label):
            rec["label_unsafe"] = True  # kept for its terms, never looked for by its label
        out.append(rec)
    return out


def _orgs(kb: Path) -> list[dict[str, Any]]:
    """International organisations with a Q-id; abbreviations shared by two are left out."""
    rows = [r for r in _read_csv(kb / "international_orgs.csv") if r["qid"].strip()]
    abbr_count = Counter(r["abbreviation_en"].strip() for r in rows if r["abbreviation_en"])
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for row in rows:
        qid = row["qid"].strip()
        if qid in seen:
            continue
        seen.add(qid)
        names = {row["name_en"].strip(), *_split_multi(row["other_names_en"])}
        abbr = row["abbreviation_en"].strip()
        if abbr and abbr_count[abbr] == 1 and len(abbr) >= 2 and abbr.isupper():
            names.add(abbr)
        out.append({"id": qid, "label": row["name_en"].strip(), "type": "Organization",
                    "src": "international_orgs.csv",
                    "aliases": sorted(n for n in names if n and _latin(n))})
    return out


def _encode(doc: dict[str, Any]) -> bytes:
    """Deterministic gzip of the JSON document (no timestamp, no file name)."""
    raw = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    return buf.getvalue()


def build_gazetteer(kb_dir: Path, out: Path = GAZETTEER_PATH) -> GazetteerStats:
    """Build the gazetteer file from the kb tables; the same tables give the same bytes.

    Args:
        kb_dir: folder with the kb tables (see ``src/geokg/data/README.md``).
        out: file to write (``gazetteer.json.gz``).

    Returns:
        Counts, size and digest of what was written.

    Raises:
        GeokgError: a table is missing or unreadable.
    """
    try:
        countries, iso3_qid = _countries(kb_dir)
        places = _places(kb_dir, iso3_qid)
        persons = _persons(kb_dir, iso3_qid)
        orgs = _orgs(kb_dir)
    except (OSError, KeyError, ValueError) as exc:
        raise GeokgError(f"cannot build the gazetteer from {kb_dir}: {exc}") from exc
    doc = {
        "format": FORMAT,
        "about": "geokg gazetteer, derived from Wikidata-based tables; see data/README.md",
        "sources": list(SOURCES),
        "countries": countries, "places": places, "persons": persons, "organizations": orgs,
    }
    data = _encode(doc)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    n_alias = sum(len(r["aliases"]) for part in (countries, places, persons, orgs) for r in part)
    n_countries = sum(1 for c in countries if c["type"] == "Country")
    n_places = len(places) + len(countries) - n_countries
    return GazetteerStats(n_countries, n_places, len(persons), len(orgs), n_alias,
                          len(data), hashlib.sha256(data).hexdigest())


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------

def _iter_records(doc: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """All records of a loaded document."""
    for part in ("countries", "organizations", "places", "persons"):
        yield from doc.get(part, ())


def _stan_stem(label: str) -> str | None:
    """The adjective of a "-stan" country's name: "Kazakhstan" → "Kazakh", "Uzbekistan" →
    "Uzbek"; only stems of five letters or more, which are the people's own name."""
    stem = re.sub(r"i?stan$", "", label) if label.endswith("stan") else ""
    return stem if len(stem) >= 5 and " " not in stem else None


def _parse_date(value: str | None) -> dt.date | None:
    """An ISO date or None."""
    return dt.date.fromisoformat(value) if value else None


def _index(entries: Iterable[tuple[str, str, int]],
           ) -> dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]]:
    """Alias key → (form words, Q-id), best rank first, each Q-id once per key."""
    tmp: dict[tuple[str, ...], list[tuple[int, str, tuple[str, ...], str]]] = defaultdict(list)
    unsafe = {alias_key(u) for u in _UNSAFE}
    for alias, qid, rank in entries:
        words = split_words(alias)
        if tuple(w.norm for w in words) in unsafe:
            continue
        if not words:
            continue
        tmp[tuple(w.norm for w in words)].append(
            (rank, alias, tuple(w.raw for w in words), qid))
    out: dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]] = {}
    for key, items in tmp.items():
        items.sort()
        best = items[0][0]
        if len({q for r, _, _, q in items if r == best}) > 1:
            continue  # two different records at the best rank: ambiguous, keep neither
        seen: set[str] = set()
        lst: list[tuple[tuple[str, ...], str]] = []
        for _rank, _alias, form, qid in items:
            if qid not in seen or form not in [f for f, q in lst if q == qid]:
                seen.add(qid)
                lst.append((form, qid))
        if lst:
            out[key] = lst
    return out


def gazetteer_from_bytes(data: bytes) -> Gazetteer:
    """A Gazetteer from the bytes of a gazetteer file."""
    doc = json.loads(gzip.decompress(data))
    if doc.get("format") != FORMAT:
        raise GeokgError(f"gazetteer format {doc.get('format')!r}, expected {FORMAT}")
    records: dict[str, Record] = {}
    entries: list[tuple[str, str, int]] = []
    demonyms: list[tuple[str, str, int]] = []
    terms: dict[str, tuple[Term, ...]] = {}
    surnames: dict[str, list[str]] = defaultdict(list)
    names_taken: set[tuple[str, ...]] = set()
    firsts: set[str] = set()
    for r in _iter_records(doc):
        qid = r["id"]
        if qid in records:  # e.g. Vatican City is a country and a place: the first wins
            continue
        records[qid] = Record(qid, r["label"], r["type"], r["src"], r.get("country"),
                              r.get("capital_of"), tuple(r.get("capitals", ())))
        kind = "Capital" if r.get("capital_of") else r["type"]
        shadowed = {tuple(k.split(" ")) for k in r.get("shadowed", ())}
        names = set(r["aliases"]) if r.get("label_unsafe") else {*r["aliases"], r["label"]}
        for alias in names:
            key = alias_key(alias)
            if key in shadowed:
                continue  # a name left to a far larger place of the same name
            if r["type"] == "Person" and key in names_taken:
                continue
            if r["type"] != "Person":
                names_taken.add(key)
            entries.append((alias, qid, _RANK[kind]))
            if _UMLAUTS.search(alias):  # "Schröder" is written "Schroeder" in English too
                entries.append((_UMLAUTS.sub(lambda m: _UMLAUT_SPELLING[m.group()], alias),
                                qid, _RANK[kind]))
        for d in r.get("demonyms", ()):
            demonyms.append((d, qid, 0))
        if r["type"] == "Country" and (stem := _stan_stem(r["label"])):
            demonyms.append((stem, qid, 1))  # "Kazakh", beside the tables' "Kazakhstani"
        if r["type"] == "Person":
            terms[qid] = tuple(Term(t[0], t[1], _parse_date(t[2]), _parse_date(t[3]))
                               for t in r["terms"])
            for alias in r["aliases"]:
                words = split_words(alias)
                firsts.add(words[0].norm)
                if ROMAN_NUMERAL.fullmatch(words[-1].raw):
                    continue  # "Eric XI": a regnal number is no surname (nor is "Xi" his)
                last = _surname_key(words[-1].raw)
                if qid not in surnames[last]:
                    surnames[last].append(qid)
    aliases = _index(entries)
    gaz = Gazetteer(records=records, digest=hashlib.sha256(data).hexdigest()[:8],
                    sources=tuple(doc.get("sources", ())))
    gaz._aliases = aliases
    gaz._demonyms = _index(demonyms)
    gaz._terms = terms
    gaz._surnames = {k: tuple(v) for k, v in surnames.items()}
    by_shape: dict[tuple[str, int], list[str]] = defaultdict(list)
    for name in gaz._surnames:
        if name:
            by_shape[name[0], len(name)].append(name)
    gaz._surnames_by_shape = {k: tuple(v) for k, v in by_shape.items()}
    gaz._first_names = frozenset(firsts)
    gaz._max_len = max(len(k) for k in [*aliases, *gaz._demonyms])
    # First word of every alias → the longest alias starting with it: most words start none.
    for key in [*aliases, *gaz._demonyms]:
        gaz._heads[key[0]] = max(gaz._heads.get(key[0], 0), len(key))
    return gaz


@lru_cache(maxsize=4)
def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The gazetteer (package data by default), loaded once per path.

    Raises:
        GeokgError: the file is missing or not a gazetteer.
    """
    target = path or GAZETTEER_PATH
    try:
        data = target.read_bytes()
        return gazetteer_from_bytes(data)
    except (OSError, ValueError, KeyError) as exc:
        raise GeokgError(
            f"cannot load the gazetteer {target}: {exc}; rebuild it with "
            "`python -c \"from pathlib import Path; from geokg.extract.kb import "
            "build_gazetteer; build_gazetteer(Path('/work/shared/kb'))\"`") from exc
