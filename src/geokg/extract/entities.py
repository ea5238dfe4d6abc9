"""Entities of one article: spaCy NER and gazetteer matches merged, linked, typed and coreferred."""

from __future__ import annotations

import bisect
import datetime as dt
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any, Protocol, cast

from spacy.tokens import Doc, Span

from geokg.assets import data_path
from geokg.extract.kb import (
    ROMAN_NUMERAL,
    Gazetteer,
    GazMatch,
    Record,
    Word,
    edit_distance,
    initials,
    norm_word,
    split_words,
)
from geokg.extract.nlp import tag_sentence
from geokg.iri import entity_key
from geokg.model import Article, Entity, EntityType, Mention, Role


class Resolver(Protocol):
    """What links a name the gazetteer does not know: a Q-id, or None to keep it local.

    The offline gazetteer answers first; a resolver sits behind it for the names it leaves
    unlinked (an online, cached Wikidata lookup, say). It is asked once per distinct name and
    type in an article; a None answer keeps the local IRI, type and label.
    """

    def resolve(self, label: str, type_: EntityType, article: Article) -> str | None:
        """The Wikidata Q-id of the entity named ``label`` of type ``type_``, or None."""
        ...


# "al-", "el-" before an Arabic surname (Al-Sisi); the surname alone is compared.
_ARABIC_ARTICLES = frozenset({"al", "el"})
# What follows a portfolio's name in an office ("... and Bridges Minister", " Secretary").
_PORTFOLIO_BEFORE = re.compile(r"(?: and (?:[A-Z][\w'’-]* )+)? ?(?:Minister|Secretary)\b")
# Titles of monarchs known by their first name ("King Salman", "Emir Tamim", "Sultan Qaboos").
_MONARCHS = frozenset({"king", "queen", "emir", "sultan"})
# Confidence of a mention by the evidence behind it.
CONF_AGREE = 0.95  # gazetteer and model name the same span
CONF_GAZ = 0.85  # gazetteer only
CONF_COREF = 0.8  # a short form joined to a full name of the same article
CONF_DEMONYM = 0.75  # an adjectival demonym read as a mention of the country
CONF_MODEL = 0.7  # model only, not linked
CONF_PATTERN = 0.6  # a descriptive event name found by pattern

_MODEL_TYPES: dict[str, EntityType] = {
    "PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place",
    "EVENT": "NamedEvent",
}
# Model labels whose span is a fixed name: names embedded in it are not mentions of their own.
_FIXED = frozenset({"ORG", "FAC", "WORK_OF_ART", "LAW", "PRODUCT"})
# Words that make "the Syrian Government", "the Government of Russia" a mention of the country.
_GOV_WORDS = frozenset({"government", "authorities", "side", "administration", "cabinet",
                        "republic", "leadership", "of", "the", "'s", "s", "'"})
# Titles of members of legislatures and councils, which only a person bears.
_LEGISLATORS = frozenset({"senator", "congressman", "congresswoman", "assemblyman",
                          "assemblywoman", "assemblymember", "councilman", "councilwoman",
                          "councillor", "councilor"})
_TITLE_WORDS = frozenset({
    "mr", "mrs", "ms", "dr", "president", "prime", "minister", "premier", "chancellor", "king",
    "queen", "prince", "emir", "sheikh", "general", "gen", "secretary", "foreign", "defence",
    "defense", "deputy", "vice", "senator", "speaker", "pope", "spokesman", "spokeswoman",
    "spokesperson", "chairman", "state", "of", "the", "us", "former", "acting", "ambassador",
    "envoy", "leader", "head", "crown", "supreme", "governor", "mayor", "sultan", "-",
    "extraordinary", "plenipotentiary", "cardinal", "archbishop", "bishop", "rabbi", "imam",
    "ayatollah", "majesty", "highness", "excellency", "detective", "inspector", "sergeant",
    "constable", "superintendent", "commissioner", "captain", "colonel", "lieutenant",
    "admiral", "marshal",
}) | _LEGISLATORS
_OFFICES = (("prime minister", "Prime Minister"), ("president", "President"),
            ("chancellor", "Chancellor"), ("premier", "Premier"), ("king", "King"),
            ("emir", "Emir"), ("queen", "Queen"))
# A capital or seat of power used like this stands for its country.
_ACTOR_NEXT = frozenset({
    "said", "says", "say", "will", "would", "could", "may",
    "might", "must", "should", "can", "wants", "want", "wanted", "insists", "insisted", "hopes",
    "hoped", "accused", "accuses", "announced", "announces", "rejected", "rejects", "denied",
    "denies", "warned", "warns", "demanded", "demands", "agreed", "agrees", "sees", "saw",
    "believes", "considers", "responded", "claims", "claimed", "stated", "called", "calls",
    "refused", "refuses", "urged", "urges", "plans", "planned", "decided", "seeks", "sought",
    "officials", "representatives", "spokesman", "spokeswoman", "spokesperson", "leadership",
    "authorities", "government", "regime", "administration", "sources", "insiders", "aides",
    "continues", "tried", "tries", "backed", "backs", "supports",
    "supported", "expects", "expected", "welcomed", "welcomes", "condemned", "condemns",
})
_LITERAL_PREV = frozenset({"in", "at", "to", "into", "near", "from", "outside", "inside",
                           "around", "visit", "visits", "visited", "via", "toward", "towards",
                           "across", "through", "of", "arrived", "reached"})
_ACTOR_PREV = frozenset({"between", "with", "against", "for", "by", "and"})
# Seats of power named by the country they stand for (the country's Q-id comes from the gazetteer).
_SEATS = {"Kremlin": "Russia", "White House": "United States", "Élysée Palace": "France",
          "Elysee Palace": "France", "Downing Street": "United Kingdom"}
_SEAT_LABELS = {"Kremlin": "Moscow Kremlin", "Elysee Palace": "Élysée Palace"}
_SEAT_RE = re.compile(r"\b(?:" + "|".join(re.escape(s) for s in _SEATS) + r")\b")
_EVENT_WORDS = r"(?:civil war|war|conflict|crisis|revolution|uprising)"
_CAP = r"[A-Z][\w’'\-]*"
_EVENT_IN = re.compile(rf"\b(?:[Tt]he\s+)({_EVENT_WORDS}\s+in\s+(?:the\s+)?{_CAP}(?:\s+{_CAP})*)")
_EVENT_ADJ = re.compile(rf"\b(?:[Tt]he\s+)((?:{_CAP}\s+)+{_EVENT_WORDS})\b")
_SUMMIT = re.compile(rf"\b((?:{_CAP}[\s\-–])*{_CAP}\s+[Ss]ummit)\b")
# "the G8 and G20 summits", "the SCO and CSTO summits": two clubs' summits told together.
_SUMMIT_PAIR = re.compile(r"\b([A-Z][A-Z0-9]+) and ([A-Z][A-Z0-9]+) [Ss]ummits\b")
# A negotiating format named after where it began ("the Normandy format", "the Astana format").
# Its members as a number ("the Normandy Four") name it too, once the article calls it a format.
_FORMAT = re.compile(rf"\b((?:{_CAP}\s+)*{_CAP})\s+([Ff]ormat|Four)\b")
_OUTBREAK = r"(?:pandemic|outbreak|epidemic)"
# "the 2020 United States presidential election", "the 2019 UK general election".
_ELECTION = re.compile(r"\b(?P<year>(?:19|20)\d\d)\s+(?P<who>(?:[A-Z][\w.]*\s+){1,3}?)"
                       r"(?P<kind>(?i:presidential|parliamentary|general|legislative))\s+"
                       r"(?i:elections?)\b")
# A club of states named by its number of members ("G7", "G20", "G77").
_CLUB_CODE = re.compile(r"\bG\d{1,2}\b(?![-–]\w)")
_PHRASE_BREAK = re.compile(r"[.;:!?\n]")
_ABBREVIATED = frozenset({"mr", "mrs", "ms", "dr", "gen", "st", "prof"})  # "Dr." goes on
_HONORIFICS = frozenset({"mr", "mrs", "ms", "madame", "monsieur"})
# Titles only a person bears, before the name ("Assemblywoman Selena Torres", read as a body).
_PERSON_TITLES = _HONORIFICS | _LEGISLATORS
_MIDDLE_INITIAL = re.compile(r"(\S+) [A-Z]\. (\S+)")
_ROLE_ENDINGS = frozenset({"advisor", "adviser", "secretary", "minister", "spokesman",
                           "spokeswoman", "spokesperson", "ambassador", "envoy", "chairman",
                           "chancellor", "nuncio", "commandant", "bishop", "representative",
                           "president", "governor", "commissioner", "patriarch", "prosecutor",
                           "rapporteur", "emeritus"})
_SUBNATIONAL = re.compile(r"\b(?:state|provincial|regional|county|city|municipal|local)"
                          r"(?:['’]s)?\s+$", re.IGNORECASE)
_NOT_CLUBS = frozenset({"this", "that", "the", "next", "last", "our", "every", "each", "its",
                        "their", "upcoming", "previous", "first", "second", "a", "an"})
# A legislature named by a bare word ("the Senate", "Congress has", "Senate Minority Whip",
# "State Duma Speaker", which the model often leaves untagged);
# _bare_body rules out a longer name ("House Intelligence Committee", "White House").
_BODY_WORD = re.compile(r"\b(?:House of (?:Representatives|Commons|Lords)|Congress|Senate"
                        r"|Parliament|House|State Duma|Federation Council)\b")
_BODY_TITLES = frozenset({"minority", "majority", "speaker", "democrats", "republicans"})
_LEAD = re.compile(r"^(?:the|The)\s+")
_TRAIL = re.compile(r"(?:\s*['’]s?|[\s.,;:!?\"“”)(\]\[-]+)$")
_ABBR_END = re.compile(r"(?:\b[^\W\d_]\.){2,}$")
# Heads that make a name an organisation, a place, or a document (documents are not entities).
_ORG_WORDS = frozenset({
    "organization", "organisation", "council", "committee", "ministry", "agency", "party",
    "union", "bank", "fund", "group", "format", "forces", "army", "navy", "front", "movement",
    "company", "corporation", "service", "directorate", "department", "office", "commission",
    "assembly", "parliament", "court", "institute", "university", "news", "tv", "association",
    "alliance", "coalition", "league", "brigade", "guard", "police", "duma", "senate", "congress",
    "centre", "center", "foundation", "society", "academy", "school", "hospital", "clinic",
    "embassy", "consulate", "corps", "troops", "board", "bureau", "authority", "administration",
})
_PLACE_WORDS = frozenset({
    "church", "cathedral", "mosque", "monastery", "airport", "palace", "square", "base",
    "pipeline", "bridge", "province", "region", "oblast", "district", "city", "village", "town",
    "island", "islands", "sea", "gulf", "strait", "river", "valley", "mountains", "desert",
    "museum", "memorial", "cemetery", "stadium", "theatre", "theater", "gallery", "cosmodrome",
    "masjid", "hagia", "haghia", "temple", "shrine", "basilica", "synagogue", "abbey",
    "county", "governorate", "prefecture", "residence", "lake", "peninsula", "canal",
    "heights", "plateau", "territory", "krai",
})
# Words of a church's denomination: "the Russian Orthodox Church" is a body, not a building.
_DENOMINATIONS = frozenset({
    "orthodox", "catholic", "apostolic", "evangelical", "lutheran", "anglican", "protestant",
    "coptic", "maronite", "methodist", "baptist", "presbyterian", "episcopal", "reformed",
    "pentecostal", "adventist", "mormon", "unification", "greek", "syriac", "assyrian",
})
_DOC_WORDS = frozenset({
    "treaty", "charter", "convention", "agreement", "accord", "accords", "package", "measures",
    "resolution", "law", "act", "programme", "program", "plan", "protocol", "declaration",
    "memorandum", "initiative", "doctrine", "concept", "strategy", "decision", "statement",
    "communique", "communiqué", "roadmap", "decree", "order",
})
# The start of a state award's name up to a name inside it ("the Order of the Sun", "the
# Order for Services to the Fatherland", "the Medal of Pushkin"): what follows names the award.
_AWARD_BEFORE = re.compile(r"\b(?:Order|Medal|Cross)\s+(?:of|for)\s+"
                           r"(?:(?:of|for|to|the|and|[A-Z][\w'’.-]*)\s+)*$")
# People named by the place they come from ("a Cheltenham man", "Oxford residents").
_RESIDENTS = frozenset({"man", "men", "woman", "women", "resident", "residents", "native",
                        "natives", "teenager", "teenagers", "boy", "girl", "couple"})
_CURRENCIES = frozenset({
    "dollar", "dollars", "rouble", "roubles", "ruble", "rubles", "yuan", "renminbi", "yen",
    "euro", "euros", "rupee", "rupees", "peso", "pesos", "reais", "franc", "francs", "lira",
    "dinar", "dinars", "rial", "rials", "riyal", "riyals", "hryvnia", "hryvnias", "tenge",
    "shekel", "shekels",
})
_STATE_WORDS = frozenset({"union", "republic", "kingdom", "empire", "emirate", "sultanate"})
# Capitalised words the model takes for names on their own: generic heads, times of day.
_GENERIC = frozenset({
    "state", "centre", "center", "society", "council", "committee", "ministry", "government",
    "agency", "union", "party", "army", "office", "organisation", "organization", "president",
    "presidents", "transportation", "am", "pm", "utc", "gmt", "bst", "cet", "cest", "est",
    "edt", "pst", "pdt", "msk", "parliament",
    "cabinet", "court", "senate", "congress", "kingdom", "republic", "federation", "house",
    "chamber", "assembly", "administration", "embassy", "nation", "majesty", "highness",
    "excellency", "forum", "emir", "prince", "princess", "king", "queen", "chairperson",
    "chairman", "apostle", "emperor", "sultan", "sheikh", "pope", "patriarch", "railways",
    "fatherland", "motherland", "homeland",
    "defence", "defense", "interior", "commission",
})
_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august",
                     "september", "october", "november", "december", "monday", "tuesday",
                     "wednesday", "thursday", "friday", "saturday", "sunday"})
# Generic heads that belong to a place's name: the capitalised one, and two-word sites.
_PLACE_HEADS = {"province": "Province", "oblast": "Oblast", "governorate": "Governorate"}
_SITE_HEADS = frozenset({("oil", "field"), ("gas", "field"), ("air", "base")})
_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "around", "across"})
# Endings of profession nouns written before a name ("Immunologist", "Economist",
# "Physician"); a name of three words or more starting so starts after it.
_PROFESSION_ENDINGS = ("ologist", "onomist", "ician", "ographer", "ntist", "alist")
_COMPASS = frozenset({"north", "south", "east", "west", "central", "northern", "southern",
                      "eastern", "western", "new", "upper", "lower"})
# Conventional English names of macro-regions the model finds as bare words.
_MACRO = {"West": "Western world", "East": "Eastern world"}
# Lowercase particles inside personal and Arabic names ("al-Nusra", "bin Salman", "van Dyck").
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "van", "von", "de", "der", "den",
                        "del", "della", "dela", "di", "da", "das", "dos", "du", "la", "le", "ter",
                        "the", "y"})


@dataclass
class _Cand:
    """A mention candidate in body offsets, before entities are formed."""

    start: int
    end: int
    type: EntityType
    qid: str | None
    conf: float
    label: str
    demonym: bool = False
    metonym: bool = False
    surname_only: bool = False
    country: str | None = None
    title: str = ""
    agree: bool = False
    extra: dict[str, str] = field(default_factory=dict)


class _Ctx:
    """The words of the body, for looking at a mention's neighbours."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.words: list[Word] = split_words(body)
        self.starts = [w.start for w in self.words]

    @cached_property
    def counts(self) -> Counter[str]:
        """How often each word form occurs in the body, as written."""
        return Counter(w.raw for w in self.words)

    def money_after(self, end: int) -> bool:
        """Whether a currency word follows ``end`` ("US dollars": money, not the state)."""
        nxt = self.next(end)
        return nxt is not None and nxt.norm in _CURRENCIES

    def in_award(self, start: int) -> bool:
        """Whether a name at ``start`` is part of a state award's ("the Order of the Sun")."""
        return _AWARD_BEFORE.search(self.body, max(start - 80, 0), start) is not None

    def index_at(self, offset: int) -> int:
        """Index of the first word starting at or after ``offset``."""
        return bisect.bisect_left(self.starts, offset)

    def prev(self, start: int, k: int = 1) -> Word | None:
        """The k-th word before offset ``start``."""
        i = self.index_at(start) - k
        return self.words[i] if i >= 0 else None

    def next(self, end: int, k: int = 1) -> Word | None:
        """The k-th word at or after offset ``end``."""
        i = self.index_at(end) + k - 1
        return self.words[i] if i < len(self.words) else None


def _trim(body: str, start: int, end: int) -> tuple[int, int]:
    """Span without a leading "the", a trailing possessive or punctuation."""
    text = body[start:end]
    m = _LEAD.match(text)
    if m:
        start += m.end()
    while True:
        text = body[start:end]
        m = _TRAIL.search(text)
        if not m or m.start() == 0 or _ABBR_END.search(text):
            break
        end = start + m.start()
    return start, end


def _tail_word(word: Word, before: Word) -> bool:
    """A lowercase word or a mark that can end a model's person span but not a name."""
    loose = word.raw[:1].islower() or not word.raw[:1].isalnum()
    return loose and word.norm not in _PARTICLES and before.end < word.start


def _tidy(body: str, ctx: _Ctx, start: int, end: int, model_label: str) -> tuple[int, int]:
    """A model span without the lowercase words the model swept in around a name.

    Leading ones go ("this Supreme State Council", "last Military World Games"; name particles
    such as "al-", "bin", "van" stay); a person's name ends before a number or a lowercase tail
    ("Khalkin Gol next year", "Humberto 785 miles"). "anti-", "pro-", "non-" words are no names.
    """
    while 0 < end < len(body) and body[end - 1] == "." and body[end].isalnum():
        end += 1  # "ANAS S.p." + "A": a name ends where its word does
    bracket = body.find("(", start, end)
    if bracket > start and ")" not in body[bracket:end]:
        start, end = _trim(body, start, bracket)  # "World Health Organization (WHO"
    words = ctx.words[ctx.index_at(start):ctx.index_at(end)]
    if len(words) >= 2 and words[0].raw in {"anti", "pro", "non"} and words[1].raw == "-":
        return start, start
    k = 0
    while k < len(words) - 1 and words[k].raw[:1].islower() and words[k].norm not in _PARTICLES:
        k += 1
    words = words[k:]
    if not words:
        return start, start
    start = words[0].start
    if model_label == "PERSON":
        cut = next((i for i, w in enumerate(words) if i and words[i - 1].end < w.start
                    and any(ch.isdigit() for ch in w.raw)), len(words))
        while cut > 1 and _tail_word(words[cut - 1], words[cut - 2]):
            cut -= 1
        if cut < len(words):
            start, end = _trim(body, start, words[cut - 1].end)
        named = [w for w in words[:cut] if w.raw[:1].isalpha()]
        if (any(ch.isdigit() for w in words[:cut] for ch in w.raw)
                or (len(named) == 1 and len(named[0].raw) == 1)):
            return start, start  # "An-124", "COVID-19", "A. millepora": no person's name
    elif len(words) >= 2 and words[-1].raw in _LINK_WORDS:
        # "OSCE Special Monitoring Mission to" + "Ukraine": the name goes on through the
        # capitalised words after its last preposition; "Center for Biological Diversity and"
        # with none after it ends before the dangling word.
        i = ctx.index_at(end)
        more: list[Word] = []
        while (i < len(ctx.words) and ctx.words[i].raw[:1].isupper() and len(more) < 4
               and body[(more[-1].end if more else words[-1].end):ctx.words[i].start] == " "):
            more.append(ctx.words[i])
            i += 1
        goes_on = more and words[-1].raw in {"of", "to", "for", "on"}
        end = more[-1].end if goes_on else words[-2].end  # "Forces near" ends before "near"
    elif (len(words) >= 3 and words[-2].raw == "of" and words[-1].norm in _COMPASS
          and (nxt := ctx.next(end)) is not None and body[end:nxt.start] == " "
          and nxt.raw[:1].isupper() and nxt.raw[1:].islower()):
        end = nxt.end  # "the Republic of South" + "Ossetia": no name ends in a direction
    if (model_label != "PERSON" and (nxt := ctx.next(end)) is not None
            and body[end:nxt.start] == " " and nxt.raw[:1].isupper()
            and nxt.norm in _GATHERINGS):
        end = nxt.end  # "Russian Labour Protection" + "Week" (tagged a date): one event's name
    if model_label in {"ORG", "EVENT", "FAC"} and len(words) >= 2:
        start = _paired_start(body, ctx, start)
    return start, end


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)|[Ff]irst|[Ss]econd|[Tt]hird")


def _paired_start(body: str, ctx: _Ctx, start: int) -> int:
    """Where a body's or gathering's name starts when the model began it after a hyphen:
    "9th Russia-" + "Kyrgyzstan Inter-Regional Conference" is one name, with its side and its
    number."""
    side = ctx.prev(start)
    if (side is None or side.raw != "-" or side.end != start or (pair := ctx.prev(start, 2))
            is None or pair.end != side.start or not pair.raw[:1].isupper()):
        return start
    number = ctx.prev(start, 3)
    if number is not None and _ORDINAL.fullmatch(number.raw) and body[number.end:pair.start] == " ":
        return number.start
    return pair.start


@dataclass(frozen=True)
class _Span:
    """A model name span in body offsets, with the model's label."""

    start: int
    end: int
    label: str


# Nouns of a role held in a body: "director of Amnesty International Jo Tam" names a person
# after the body's name.
_ROLE_NOUNS = frozenset({
    "director", "speaker", "president", "head", "chairman", "chairwoman", "chair", "chief",
    "secretary", "spokesman", "spokeswoman", "spokesperson", "minister", "ambassador", "leader",
    "member", "founder", "editor", "commander", "governor", "representative", "envoy", "deputy",
    "coordinator", "adviser", "advisor", "official", "researcher", "analyst", "correspondent",
    "ceo", "executive", "manager", "chancellor", "premier", "general", "lawyer", "mayor",
    "lieutenant", "colonel", "admiral", "marshal", "captain", "commissioner", "senator",
    "aide", "assistant", "cardinal", "archbishop", "bishop", "patriarch", "metropolitan",
    "imam", "rabbi", "ayatollah", "sheikh",
})
# Words that are no part of a person's name: heads of bodies, places, documents, events.
_NOT_NAME = _ORG_WORDS | _PLACE_WORDS | _GENERIC | _DOC_WORDS | _TITLE_WORDS | frozenset({
    "chamber", "forum", "prize", "storm", "railway", "war", "affairs", "cooperation", "avenue",
    "street", "road", "rights", "nations", "order", "summit", "conference", "games", "cup",
    "international", "national", "federal", "foreign", "economic", "news", "media", "times",
    "post", "press", "daily", "channel", "radio", "networks", "network", "airlines", "airways",
})


# Sites named after a place ("Prague Castle", "Vnukovo Airport").
_NAMED_SITES = frozenset({"castle", "cathedral", "church", "mosque", "monastery", "airport",
                          "palace", "square", "bridge", "stadium", "fortress", "river",
                          "valley", "canal"})
# Waters named "<water> of <place>" ("the Gulf of Mexico", "the Sea of Japan"): places of their
# own, no mention of the state they are named after.
_WATERS_OF = frozenset({"gulf", "sea", "bay", "strait", "straits"})
# Last words of a medium's or company's name after a place ("Abu Dhabi Media", "Kyiv Post").
_MEDIA_HEADS = frozenset({"media", "tv", "television", "radio", "times", "post", "herald",
                          "tribune", "gazette", "airlines", "airways"})
# Lowercase nouns in apposition before an organisation's name ("state news firm Saba").
_ORG_NOUNS = frozenset({"agency", "firm", "broadcaster", "newspaper", "company", "network",
                        "channel", "outlet", "publisher", "carrier", "airline", "militia"})
# Nouns whose "of" or "to" a place's name follows ("the population of Donbass").
_AREA_NOUNS = frozenset({
    "population", "residents", "inhabitants", "territory", "territories", "region", "regions",
    "outskirts", "status", "annexation", "reintegration", "occupation", "province", "city",
    "capital", "villages", "towns", "parts", "north", "south", "east", "west", "centre",
    "town", "village", "island", "municipality", "district", "area", "site",
})
# Words of going somewhere, which "to" after them makes a place of ("returning to Palmyra").
_MOVING = frozenset({"return", "returns", "returned", "returning", "travel", "travels",
                     "travelled", "traveled", "travelling", "traveling", "go", "goes", "went",
                     "going", "come", "comes", "came", "coming", "fly", "flies", "flew", "flying",
                     "move", "moved", "moving", "fled", "flee", "fleeing", "back", "way"})
_STORM_WORDS = frozenset({"typhoon", "hurricane", "cyclone", "storm", "tropical"})
# Last words of the names of gatherings held at a time ("Eastern Economic Forum").
_GATHERINGS = frozenset({"forum", "week", "festival", "championships",
                         "games", "olympics", "expo", "exhibition"})
# Names of bodies as often as of gatherings ("Congress"): a gathering when told as held.
_CONVENED = frozenset({"congress", "conference"})
_HELD_AFTER = re.compile(r"(?:\s+on\s+(?:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*(?=\s+held))?"
                         r",?\s+(?:(?:which|that)\s+(?:was|is|will\s+be)\s+)?(?:held|convened"
                         r"|to\s+be\s+held|took\s+place|will\s+(?:be\s+held|meet|take\s+place)"
                         r"|in\s+[A-Z]|on\s+[A-Z][a-z]+\s+\d)")
_HOLDING_BEFORE = re.compile(r"\b(?:hold|holds|holding|held|convene|convening|convened|host"
                             r"|hosts|hosted|hosting)\s+(?:the\s+)?$")
_STORM_RANK = {"hurricane": 2, "typhoon": 2, "cyclone": 2}  # over "Tropical Storm"
# Diseases, viruses and commodities the model takes for bodies: things, not entities (gold
# guidelines 4.1, "products/things").
_MODEL_NUMBER = re.compile(r"[A-Z][A-Za-z]{0,3}-\d{1,4}[A-Z]{0,2}")
_THINGS = frozenset({"covid-19", "covid", "coronavirus", "sars-cov-2", "sars", "mers", "ebola",
                     "hiv", "aids", "lng", "lpg"})
# Platforms and wikis: organisations, never persons or places (the model often says person).
_PLATFORMS = frozenset({"Twitter", "Facebook", "Instagram", "YouTube", "Telegram", "WhatsApp",
                        "WeChat", "Weibo", "TikTok", "VKontakte", "Wikinews", "Wikipedia"})
# Lowercase words a name can run on after, or dangle at the end of a cut span.
_LINK_WORDS = frozenset({"of", "to", "for", "on", "in", "and", "near"})
# Lowercase nouns that only a person's name follows ("opposition candidate Ana Tsapka"), and
# those whose "of" only a person's name follows ("wife of Ana Tsapka").
_PERSON_NOUNS = frozenset({
    "candidate", "activist", "journalist", "blogger", "lawyer", "husband", "wife", "son",
    "daughter", "brother", "sister", "spokesman", "spokeswoman", "spokesperson", "opponent",
    "dissident", "businessman", "businesswoman", "politician", "novelist", "writer", "widow",
    "colleague", "rival", "challenger", "defendant", "actress", "actor", "singer", "musician",
    "rapper", "comedian", "athlete", "footballer", "author", "poet", "artist", "filmmaker",
    "photographer", "economist", "scientist", "professor", "student", "priest", "reporter",
    "presenter", "billionaire", "entrepreneur", "banker", "lobbyist", "model",
})
_KIN_NOUNS = frozenset({
    "wife", "husband", "son", "daughter", "brother", "sister", "mother", "father", "widow",
    "widower", "nephew", "niece", "cousin", "uncle", "aunt", "grandson", "granddaughter",
    "spouse", "lawyer", "aide", "bodyguard", "assistant",
})


def _units(words: Sequence[Word]) -> list[list[Word]]:
    """Words joined into units where nothing separates them ("Man-kei", "Al-Qaeda")."""
    out: list[list[Word]] = []
    for w in words:
        if out and out[-1][-1].end == w.start:
            out[-1].append(w)
        else:
            out.append([w])
    return out


def _units_text(units: Sequence[Sequence[Word]]) -> str:
    """Units as written, one space apart."""
    return " ".join("".join(w.raw for w in u) for u in units)


def _name_unit(unit: Sequence[Word]) -> bool:
    """A unit of a person's name: a name particle ("bin", "al-") or a capitalised word of
    letters ("Man-kei", "O'Brien"), not an acronym, a numeral or punctuation ("II", "NPR:")."""
    raw = "".join(w.raw for w in unit)
    if len(unit) == 1 and unit[0].norm in _PARTICLES:
        return True
    return (raw[:1].isupper() and any(c.islower() for c in raw)
            and all(c.isalpha() or c in "-'’." for c in raw)
            and not any(w.norm in _NOT_NAME for w in unit if w.raw[:1].isalpha()))


def _mend_body_names(spans: list[_Span], ctx: _Ctx, gaz: Gazetteer) -> list[_Span]:
    """Names of bodies and persons the model cut short or in two, mended.

    A demonym it left out of the body's name right after it is joined to it: "the Russian
    Direct Investment Fund" read as ORG "Direct Investment Fund" alone is one name, as the
    model reads "the Russian Geographical Society" elsewhere (the organisation's name holds a
    body's head word and follows the demonym after one space). So are two of its ORG names
    joined by "for the", "of" or "on" after a body's head word ("UN Office" + "Coordination of
    Humanitarian Affairs"). Two persons' names one space apart are one person's long name.
    """
    joined = []
    dropped: set[int] = set()
    for span in spans:
        word = ctx.prev(span.start)
        inner = ctx.words[ctx.index_at(span.start):ctx.index_at(span.end)]
        if (span.label == "ORG" and word is not None and any(w.norm in _ORG_WORDS for w in inner)
                and ctx.body[word.end:span.start] == " " and word.raw[:1].isupper()
                and gaz.country_of_demonym(word.raw) is not None):
            dropped.add(word.start)
            span = _Span(word.start, span.end, "ORG")
        joined.append(span)
    kept = [sp for sp in joined if not (sp.label == "NORP" and sp.start in dropped)]
    # "UN Office" + "for the" + "Coordination of Humanitarian Affairs": a body's name the
    # model cut in two at its preposition
    merged: list[_Span] = []
    for span in sorted(kept, key=lambda sp: sp.start):
        prev = merged[-1] if merged else None
        last = ctx.prev(prev.end) if prev is not None else None
        if (prev is not None and last is not None and prev.label == span.label == "ORG"
                and last.norm in _ORG_WORDS
                and re.fullmatch(r" (?:for|of|on) (?:the )?", ctx.body[prev.end:span.start])
                and gaz.lookup(ctx.body[span.start:span.end]) is None):  # not "of" a state
            merged[-1] = _Span(prev.start, span.end, "ORG")
            continue
        if (prev is not None and prev.label == span.label == "PERSON"
                and ctx.body[prev.end:span.start] == " "
                and not any(gaz.lookup(ctx.body[sp.start:sp.end]) for sp in (prev, span))
                and all(_name_unit(u) for u in _units(
                    ctx.words[ctx.index_at(prev.start):ctx.index_at(span.end)]))):
            # "Abd Rabbuh" + "Mansour Hadi": one long name the model read as two persons
            # (not "Abu Dhabi", a place it took for one, + "Mohammed bin Zayed")
            merged[-1] = _Span(prev.start, span.end, "PERSON")
            continue
        merged.append(span)
    return merged


def _split_span(ctx: _Ctx, gaz: Gazetteer, span: _Span, persons: frozenset[str],
                places: frozenset[str] = frozenset()) -> list[_Span]:
    """A model span that runs two names together, as the names.

    A body's span followed by a person ("NPR Hamza bin Laden", "Speaker of the Grand National
    Assembly of Turkey Mustafa Sentop") splits where the rest is a person's name the model
    finds elsewhere in the article (``persons``), or, after a role noun and "of", a known
    first name and a surname; "Associates of Navalny" (plural noun, "of", a person) is the
    person; "Omsk in Siberia" (a known place "in" a name) is two places, and so is a building
    "in" a known place ("the Great Hall of the People in Beijing"). A person's span
    splits after "of" where the rest is a person found elsewhere (``_split_person``).
    """
    listed = _listed_names(ctx.body, span)
    if len(listed) > 1:
        return [part for one in listed
                for part in _split_span(ctx, gaz, one, persons, places)]
    words = ctx.words[ctx.index_at(span.start):ctx.index_at(span.end)]
    units = _units(words)
    if len(units) < 2:
        return [span]

    if (len(units) >= 3 and len(units[1]) == 1 and units[1][0].raw == "of"
            and len(units[0]) == 1 and units[0][0].raw[:1].isupper()
            and units[0][0].norm.endswith("s") and units[0][0].norm not in _NOT_NAME
            and len(units) <= 5 and all(_name_unit(u) for u in units[2:])
            and (span.label == "PERSON" or _units_text(units[2:]) in persons)):
        return [_Span(units[2][0].start, span.end, "PERSON")]  # "Associates of Navalny"
    if span.label == "PERSON":
        return _split_person(ctx, span, units, persons, places)
    ins = [i for i, u in enumerate(units) if len(u) == 1 and u[0].raw in {"in", "near"}]
    if len(ins) == 1 and 1 <= ins[0] <= 2 and len(units) - ins[0] - 1 in {1, 2}:
        left, right = units[:ins[0]], units[ins[0] + 1:]
        place = gaz.lookup(_units_text(left))
        if (place is not None and place.type in {"Place", "Country"}
                and all(u[0].raw[:1].isupper() and u[-1].norm not in _NOT_NAME for u in right)):
            return [_Span(left[0][0].start, left[-1][-1].end, "GPE"),
                    _Span(right[0][0].start, right[-1][-1].end, "GPE")]
        return [span]
    if span.label == "FAC" and len(ins) >= 1 and len(units) - ins[-1] - 1 in {1, 2}:
        left, right = units[:ins[-1]], units[ins[-1] + 1:]
        place = gaz.lookup(_units_text(right))
        if place is not None and place.type in {"Place", "Country"}:
            # "the Great Hall of the People in Beijing": a building, and the city it is in
            return [_Span(span.start, left[-1][-1].end, "FAC"),
                    _Span(right[0][0].start, right[-1][-1].end, "GPE")]
    prev = ctx.prev(span.start)
    k = 1
    if prev is not None and prev.norm == "the":
        prev, k = ctx.prev(span.start, 2), 2
    before = ctx.prev(span.start, k + 1)
    role_of = (prev is not None and prev.norm in {"of", "at", "from"} and before is not None
               and before.norm in _ROLE_NOUNS)
    for cut in range(1, len(units) - 1):
        head, tail = units[:cut], units[cut:]
        if (len(tail) > 4 or not all(_name_unit(u) for u in tail)
                or tail[0][0].norm in _PARTICLES or not head[-1][-1].raw[:1].isupper()
                or (len(head) == 1 and gaz.is_first_name(head[0][0].raw))):
            continue
        titled = len(head) >= 2 and len(head[-1]) == 1 and head[-1][0].norm in _ROLE_NOUNS
        rec = gaz.lookup(_units_text(head))
        known = len(head) >= 2 or (rec is not None and rec.type in {"Country", "Organization"})
        first = len(tail) == 2 and gaz.is_first_name(tail[0][0].raw)
        # "Federation Council Speaker Valentina Matviyenko": after a body and a role noun, two
        # or three name words are the holder, a first name known or not
        holder = titled and len(head) >= 3 and len(tail) in {2, 3} and len(tail[0]) == 1
        # "Director of the Federal Service for Military-Technical Cooperation Dmitry
        # Shugayev", "President of Armenia Serzh Sargsyan": after "role of" a body's name
        # ended by a word no name has, or a known name, two name words that name nothing
        # known are the holder
        # ("President of the Republic of South Ossetia Anatoly Bibilov": a de facto state or
        # a region the package data knows is a known name too)
        holder = holder or (role_of and len(tail) == 2 and all(len(u) == 1 for u in tail)
                            and (head[-1][-1].norm in _NOT_NAME or rec is not None
                                 or bool(_de_facto_states(_units_text(head))))
                            and gaz.lookup(_units_text(tail)) is None)
        if _units_text(tail) in persons or (first and known and (role_of or titled)) or holder:
            person = _Span(tail[0][0].start, span.end, "PERSON")
            if titled:
                while len(head) >= 2 and len(head[-1]) == 1 and head[-1][0].norm in _ROLE_NOUNS:
                    head = head[:-1]  # "Federation Council Speaker": the title is the person's
                if len(head) == 1 and gaz.lookup(_units_text(head)) is None:
                    return [person]  # "Presidential Spokesperson Harry Roque"
            return [_Span(span.start, head[-1][-1].end, span.label), person]
    return [span]


def _listed_names(body: str, span: _Span) -> list[_Span]:
    """The names of a list the model read as one name ("Gazprom, Rosneft", "Auckland, New
    Zealand"): split at each comma before a capital, unless the name's own words are a list
    ("United Nations Educational, Scientific and Cultural Organization", "Deirdre, Wyatt &
    Zach"), it ends with where or what it is ("Embassy of the United States, London",
    "Hungarian National Asset Management, Inc") or it is a gloss in brackets."""
    text = body[span.start:span.end]
    if (span.label not in {"ORG", "PERSON"} or not re.search(r", [A-Z]", text)
            or body[span.start - 1:span.start] == "("):
        return [span]  # "an NBC (Nuclear, Bacteriological, Chemical) regiment": one gloss
    tail = text.rsplit(", ", 1)[1]
    if (re.search(r"\band\b|&", tail) or re.match(r"(?:Embassy|Consulate)\b", text)
            or re.fullmatch(r"(?:Inc|Ltd|LLC|Co|Corp)\.?", tail)):
        return [span]
    parts, start = [], span.start
    for comma in re.finditer(r", (?=[A-Z])", text):
        parts.append(_Span(start, span.start + comma.start(), span.label))
        start = span.start + comma.end()
    return [*parts, _Span(start, span.end, span.label)]


def _split_person(ctx: _Ctx, span: _Span, units: Sequence[Sequence[Word]],
                  persons: frozenset[str], places: frozenset[str]) -> list[_Span]:
    """A person's span that took in the place of a title before it, as the place and the
    person: "Prime Minister of Bavaria Horst Seehofer" where "Horst Seehofer" is a person the
    model finds elsewhere in the article, after a role noun or a place it finds elsewhere
    ("federal state of Bavaria Horst Seehofer")."""
    prev, before = ctx.prev(span.start), ctx.prev(span.start, 2)
    if prev is None or prev.norm != "of" or before is None:
        return [span]
    for cut in range(1, len(units) - 1):
        tail = units[cut:]
        if _units_text(tail) in persons and (before.norm in _ROLE_NOUNS
                                            or _units_text(units[:cut]) in places):
            return [_Span(span.start, units[cut - 1][-1].end, "GPE"),
                    _Span(tail[0][0].start, span.end, "PERSON")]
    return [span]


_VOWELS = frozenset("aeiouy")
_SAME_PARTICLE = {"el": "al", "ibn": "bin", "ben": "bin"}


# "Defence Ministry", "the Russian Culture Ministry", "Ministry of Foreign Affairs of Russia".
_MINISTRY_AFTER = re.compile(r"^(?P<portfolio>(?:[A-Z][\w'-]*\s+)*?(?:[A-Z][\w'-]*))\s+Ministry$")
_MINISTRY_BEFORE = re.compile(
    r"^Ministry\s+(?:of|for)\s+(?:the\s+)?(?P<portfolio>.+?)(?:\s+of\s+(?:the\s+)?(?P<of>.+))?$")
# Portfolios named by one adjective: "Foreign Ministry" is the Ministry of Foreign Affairs.
_PORTFOLIO_NOUNS = {"Foreign": "Foreign Affairs", "Interior": "Interior Affairs",
                    "Internal": "Internal Affairs", "Home": "Home Affairs"}


def _name_national_bodies(cands: list[_Cand], ctx: _Ctx, gaz: Gazetteer,
                          publisher: str | None) -> None:
    """Name the unlinked bodies of a state by their state, in place (``_national_name``).

    A ministry's name alone does not say whose it is ("the Defence Ministry"), so unlinked,
    the ministries of two countries would be one entity across articles. Its country is the
    one its name or the word before it gives ("Russian", "of Russia", "US"); else the country
    the publisher names ("President of Russia website": a government speaks of "our Defence
    Ministry"); else the country the article mentions most, when one does. Without any the
    name stays as it is. A word for a party's members ("the Republicans") is that party in an
    article that names its state, and no name in one that does not. A bare service ("the Navy")
    is the one of that name the article named with its state before ("the U.S. Navy").
    """
    home = next((m.qid for m in gaz.scan(publisher or "")
                 if (r := gaz.record(m.qid)) is not None and r.type == "Country"), None)
    home = home or _most_mentioned_country(cands, gaz)
    agencies, members = _national_bodies()["agencies"], _national_bodies()["members"]
    mentioned = _named_states(cands, gaz) | {c.country for c in cands}
    services = _national_bodies()["services"]
    told: dict[str, tuple[str, str]] = {}  # a service named with its state, by its bare name
    # bare services last, after the services named with their state
    for c in sorted(cands, key=lambda c: c.label in services):
        if c.type in {"Organization", "Place"} and not c.qid and c.label in agencies:
            # "the FBI", "the FSB", "at the CIA": one state's agency
            c.type, (c.label, c.country) = "Organization", agencies[c.label]
        elif c.type == "Organization" and not c.qid and c.label in members:
            # "the Republicans" in a story that names the United States: the party
            party, state = members[c.label]
            if state in mentioned:
                c.label, c.country = party, state
        elif (c.type == "Organization" and not c.qid and c.label == "Security Council"
              and _the_uns(c, ctx) and (un := gaz.lookup(_UNSC)) is not None):
            c.qid, c.label = un.qid, un.label
        elif c.type == "Organization" and not c.qid:
            # "the Navy" after "the U.S. Navy" is that navy, whatever the home state
            named = told.get(c.label) or _national_name(c, ctx, gaz, home)
            if named is not None:
                service = next((w for w in services if c.label.endswith(" " + w)), None)
                if service is not None:
                    told.setdefault(service, named)
                c.label, c.country = named
    # a party member's word where the party's state goes unnamed is no name
    cands[:] = [c for c in cands if c.qid or c.label not in members]


def _the_uns(c: _Cand, ctx: _Ctx) -> bool:
    """True for a bare "Security Council" the words around it make the UN's: "the UN and its
    Security Council", "a permanent member of the Security Council", "to veto a Security
    Council resolution"."""
    lead_in = ctx.body[max(0, c.start - 60):c.start]
    return bool(re.search(r"\b(?:UN|U\.N\.|United Nations)\b", lead_in)
                or re.search(r"\ba\s+(?:non-)?permanent\s+member\s+of\s+the\s+$", lead_in)
                or re.match(r"\s+resolutions?\b", ctx.body[c.end:c.end + 15]))


def _national_name(c: _Cand, ctx: _Ctx, gaz: Gazetteer,
                   home: str | None) -> tuple[str, str] | None:
    """The name and country of a state's body: "Ministry of Defence (Russia)", "Russian Armed
    Forces", "Embassy of the United States, London", "United States Senate"; or None."""
    words = c.label.split()
    country = c.country
    us = _US_BODY.match(c.label)
    if us is not None:
        country, words = country or _US, us.group(1).split()  # "US Senate", "U.S. Air Force"
    while words and (named := _country_word(gaz, words[0])) is not None:
        country = country or named
        words = words[1:]  # "Russian Culture Ministry"
    label = " ".join(words)
    for of_state in re.finditer(r" of (?:the )?", label):
        # "the State Council of China", "the Council of State of Cuba"
        rec = gaz.lookup(label[of_state.end():])
        if rec is not None and rec.type == "Country" and (
                body := _national_bodies()["bodies"].get(rec.qid, {}).get(
                    label[:of_state.start()])):
            return body, rec.qid
    country = country or _country_after(ctx, gaz, c.end) or _country_before(ctx, gaz, c.start)
    if label == "Embassy":
        rec = gaz.record(country or "")
        place = re.match(r"\s+in\s+([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)",
                         ctx.body[c.end:c.end + 40])
        city = gaz.lookup(place.group(1)) if place else None
        if rec is None or rec.type != "Country" or city is None or city.type != "Place":
            return None
        return f"Embassy of {_the(rec.label)}, {city.label}", rec.qid  # Wikipedia's way
    rec = gaz.record(country or home or "")
    if rec is None or rec.type != "Country":
        return None
    if country is None and _subnational(ctx.body, c.start):
        return None  # "the state's Supreme Court" is no nation's
    known = _national_bodies()
    lead_in = ctx.body[max(0, c.start - 60):c.start]
    if label == "Security Council" and (_the_uns(c, ctx) or re.search(r"\bnational\s+$",
                                                                        lead_in)):
        return None
    bodies = known["bodies"].get(rec.qid, {})
    body = bodies.get(label) or next(
        (name for word, name in bodies.items() if word.lower() == label.lower()), None)
    if body is not None:
        return body, rec.qid  # "Congress", "the Senate", "Parliament", "the Democratic party"
    dept = re.fullmatch(r"(.+) Department|Department of (.+)", label)
    if dept and (dept.group(1) or dept.group(2)) in known["departments"].get(rec.qid, ()):
        # "the State Department", "the Department of Justice"
        return f"{rec.label} Department of {dept.group(1) or dept.group(2)}", rec.qid
    if label in known["services"]:
        # "the Navy", "the Coast Guard" of Indonesia: "Indonesian Navy", Wikipedia's way
        adjective = known["adjectives"].get(rec.qid) or gaz.demonym_of(rec.qid)
        return (f"{adjective} {label}", rec.qid) if adjective else None
    after, before = _MINISTRY_AFTER.match(label), _MINISTRY_BEFORE.match(label)
    if after is not None:
        portfolio = _PORTFOLIO_NOUNS.get(after["portfolio"], after["portfolio"])
    elif before is not None:
        portfolio = before["portfolio"]
        if before["of"]:
            rec_of = gaz.lookup(before["of"])
            if rec_of is None or rec_of.type != "Country":
                return None  # "Ministry of Emergencies of Crimea": not a country's
            rec = gaz.record(country or rec_of.qid) or rec_of
    elif us is not None and words[-1] != "Party":  # "US Green Party" is no state's body
        return f"United States {label}", _US
    else:
        return None
    if (len([w for w in portfolio.split() if w not in {"and", "of", "for"}]) > 3
            or any(ch in portfolio for ch in "()")):
        return None  # "Ministry of Foreign Affairs Sun Linjiang": a name runs on
    return f"Ministry of {portfolio} ({rec.label})", rec.qid


_US = "Q30"
# The name the KB gives the Security Council a bare "Security Council" may be ("the UN's").
_UNSC = "United Nations Security Council"
_US_BODY = re.compile(r"^(?:US|U\.S\.|USA|United States)\s+"
                      r"([A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|the|and))*)$")


_REPUBLIC_OF = re.compile(r"Republic of ((?:[A-Z][\w’'-]+)(?: [A-Z][\w’'-]+)?)")
# Endings of Slavic, Armenian and Georgian surnames ("Bibilov", "Tibilova", "Shevchenko",
# "Sargsyan", "Saakashvili"): the second of two name words ending so makes a person.
_SURNAME_ENDINGS = ("ov", "ova", "ev", "eva", "yov", "sky", "skiy", "skaya", "enko", "yan",
                    "shvili", "dze", "vich")
# The kind of medium a name is given after ("the German newspaper Handelsblatt", "the
# readers of Handelsblatt"; not "a daily Aspirin").
_MEDIA_BEFORE = re.compile(
    r"\b(?:newspaper|(?<!\ba )daily|magazine|weekly|broadcaster|news agency|readers of)\s+$",
    re.I)
# One word written in a company's case: inner capitals not after a name prefix ("SpaceX",
# "JetBlue"; not "McCain", "DiCaprio", "LeBron"), or all capitals ("ALDI").
_COMPANY_CASE = re.compile(r"(?!Mc|Mac|O'|O’|Di|De|Le|La|Van|Von)[A-Z][a-z]+[A-Z]\w*|[A-Z]{3,}")
# What precedes a word that opens a sentence (a closing quote may follow the stop).
_SENTENCE_OPENS = re.compile(r"(?:^|[.!?:]['\"”’]?)\s*$")


def _repeat_names(cands: list[_Cand], body: str) -> None:
    """Add the occurrences the model missed of a name it found elsewhere in the article.

    "Bill Gerstenmaier spoke of the collaboration between his agency and SpaceX": the model
    tagged "SpaceX" in another sentence only. Each whole-word occurrence of a found name,
    written exactly so and outside every candidate, is a mention of the same entity.
    """
    names: dict[str, _Cand] = {}
    for c in cands:
        text = body[c.start:c.end]
        if c.type in {"Person", "Organization", "Place"} and not c.demonym and text[:1].isupper():
            names.setdefault(text, c)
    taken = [(c.start, c.end) for c in cands]
    for text, c in names.items():
        # One capitalised word is a name only where case tells: not a word the article also
        # writes in lower case ("the Order" and "order"), nor at a sentence's start ("G7" is
        # a name there too).
        one_word = " " not in text and text[1:].islower()
        if one_word and re.search(rf"(?<![\w-]){re.escape(text.lower())}(?![\w-])", body):
            continue
        for m in re.finditer(rf"(?<![\w-]){re.escape(text)}(?![\w-])", body):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if one_word and _SENTENCE_OPENS.search(body[max(0, m.start() - 4):m.start()]):
                continue
            rep = _Cand(m.start(), m.end(), c.type, c.qid, CONF_COREF, c.label,
                        country=c.country)
            cands.append(rep)
            taken.append((rep.start, rep.end))


def _join_acronyms(cands: list[_Cand], body: str, gaz: Gazetteer) -> None:
    """An acronym of a name the article spells out names the same thing, in place ("the SCO"
    after "the Shanghai Cooperation Organisation"; "CAR [Central African Republic]"; "ECJ"
    after "European Court of Justice", linked as the Court of Justice of the European Union);
    an organisation's acronym the article never spells out is the one organisation of the
    gazetteer with those initials and no abbreviation of its own ("SCO")."""
    spelt: dict[str, dict[tuple[str, str], _Cand]] = defaultdict(dict)
    for c in cands:
        if c.type in {"Organization", "Country", "Place"}:
            for name in {c.label, body[c.start:c.end]}:
                if len(name.split()) >= 2:
                    spelt[initials(name)][(c.qid or c.label, c.type)] = c
    for c in cands:
        owners = spelt.get(c.label, {})
        if (2 <= len(c.label) <= 8 and c.label.isupper() and c.label.isalpha() and not c.qid
                and len(owners) == 1):
            _adopt(c, next(iter(owners.values())))
        elif (c.type == "Organization" and not c.qid and not owners and c.label.isupper()
              and c.label.isalpha() and (rec := gaz.org_of_initials(c.label)) is not None):
            # "the SCO", the article never spelling it out: the one organisation of the
            # tables with those initials
            c.qid, c.label, c.country = rec.qid, rec.label, None


def _subnational(body: str, start: int) -> bool:
    """True when a body's name at ``start`` follows "the state's", "provincial", "county" and
    the like: a body of a part of a state, not the nation's."""
    return _SUBNATIONAL.search(body[max(0, start - 16):start]) is not None


def _join_short_forms(cands: list[_Cand], body: str, gaz: Gazetteer) -> None:
    """A body named by part of a name the article gave it before is that body ("the Court of
    Justice", "the European Court" after "the European Court of Justice"), and so is another
    name in brackets right after it ("Supreme Court of Justice (Oberster Gerichtshof)")."""
    orgs = [c for c in cands if c.type == "Organization"]
    aliases: dict[str, _Cand] = {}
    for c in sorted(cands, key=lambda c: c.start):
        if c.qid or c.type == "Country":
            continue
        before = [o for o in orgs if o.end <= c.start]
        bracketed = next((o for o in before if re.fullmatch(r"\s*[(\[]\s*", body[o.end:c.start])),
                         aliases.get(c.label))
        if bracketed is not None:
            aliases[c.label] = bracketed
            _adopt(c, bracketed)
            continue
        if (c.type != "Organization" or len(c.label.split()) < 2
                or _subnational(body, c.start)
                or re.search(r"['’]s\s+$", body[max(0, c.start - 4):c.start])):
            continue  # "the state's Supreme Court", "Ohio's Supreme Court": another body
        owners = {(o.qid or o.label): o for o in before
                  for name in {o.label, body[o.start:o.end]}
                  if _short_form(c.label, name, gaz)}
        if len(owners) == 1:
            _adopt(c, next(iter(owners.values())))


def _join_place_short_forms(cands: list[_Cand], gaz: Gazetteer) -> None:
    """A town the tables know, in a state the article never names, that is the first word of
    a site named before it is that site: "at Blenheim" after "Blenheim Palace in Oxfordshire"
    is the palace, not Blenheim in New Zealand; "Victoria" after "Victoria Park" in a story of
    Hong Kong is the park, not the capital of the Seychelles."""
    states = {c.qid for c in cands if c.type == "Country" and c.qid}
    states |= {c.country for c in cands if c.country}
    for c in cands:
        rec = gaz.record(c.qid) if c.qid and c.type == "Place" and " " not in c.label else None
        if rec is None or rec.country is None or rec.country in states:
            continue
        site = next((o for o in cands if o.end <= c.start and not o.qid
                     and o.type in {"Place", "Organization"}
                     and o.label.split()[0] == c.label and len(o.label.split()) > 1), None)
        if site is not None:
            _adopt(c, site)


def _name_towns_by_state(cands: list[_Cand], body: str) -> None:
    """A town no table knows, named with its US state ("Dayton, Ohio", "Chippewa Falls,
    Wisconsin"), goes by the two together, as Wikipedia names it; so do its bare mentions."""
    states = _us_states()
    renamed: dict[str, str] = {}
    for c in cands:
        if c.type != "Place" or c.qid or c.demonym or states.fullmatch(c.label):
            continue
        if (state := states.match(body, c.end + 2)) and body[c.end:c.end + 2] == ", ":
            renamed.setdefault(c.label, f"{c.label}, {state.group()}")
    for c in cands:
        if c.type == "Place" and not c.qid and c.label in renamed:
            c.label = renamed[c.label]


@cache
def _us_states() -> re.Pattern[str]:
    """The names of the states of the United States (data/regions.json), longest first."""
    data = json.loads(data_path("regions.json").read_text(encoding="utf-8"))
    return _names_pattern(data["us_states"])


def _short_form(part: str, name: str, gaz: Gazetteer) -> bool:
    """Whether ``part`` is a short form of the body's ``name``: its head without the state or
    club in front ("Security Council" of "United Nations Security Council", "Democratic
    Party" of "United States Democratic Party", not of "Christian Democratic Party"), or its
    start before "of" ("Supreme State Council" of "Supreme State Council of the Union State");
    not "Lion Air" of "Lion Air Flight 610"."""
    words, whole = part.lower().split(), name.split()
    low = [w.lower() for w in whole]
    n = len(words)
    if n >= len(low):
        return False
    if low[:n] == words:
        return low[n] in {"of", "for"}
    if low[-n:] == words:
        front = " ".join(whole[:-n])
        return bool(re.fullmatch(r"(?:[A-Z]\.?){2,6}", front) or gaz.lookup(front) is not None
                    or gaz.country_of_demonym(front) is not None)
    return False


def _adopt(c: _Cand, full: _Cand) -> None:
    """Make a mention name what ``full`` names."""
    c.type, c.qid, c.label, c.country = full.type, full.qid, full.label, full.country


def _the(country: str) -> str:
    """A country's name as it follows "of": "the United States", "the Netherlands", "Russia"."""
    plural = country.endswith("s") and not country.endswith("ss")
    if plural or country.split()[0] in {"United", "Republic", "Democratic", "Central", "Czech"}:
        return "the " + country
    return country


def _spelt_words(body: str, c: _Cand) -> tuple[str, ...]:
    """A candidate's words as the body spells them, hyphens read as spaces."""
    return tuple(body[c.start:c.end].replace("-", " ").split())


def _country_before(ctx: _Ctx, gaz: Gazetteer, start: int) -> str | None:
    """The country the word before a name gives ("the Turkish Defence Ministry",
    "Kyrgyzstan's Healthcare Ministry"), if any."""
    prev = ctx.prev(start)
    apostrophe = ctx.prev(start, 2)
    if prev is not None and prev.raw == "s" and apostrophe is not None and apostrophe.raw in {
            "'", "’"}:
        prev = ctx.prev(start, 3)  # the possessive
    return _country_word(gaz, prev.raw) if prev is not None else None


def _country_after(ctx: _Ctx, gaz: Gazetteer, end: int) -> str | None:
    """The country an "of" right after a name gives ("the Council of State" + "of the Republic
    of Cuba", where the model ends the body's name before the state's), if any."""
    after = re.match(r" of (?:the )?([A-Z][\w'’-]*(?: (?:of )?[A-Z][\w'’-]*){0,3})",
                     ctx.body[end:end + 60])
    if after is None:
        return None
    rec = gaz.lookup(after[1])
    return rec.qid if rec is not None and rec.type == "Country" else None


def _named_states(cands: Sequence[_Cand], gaz: Gazetteer) -> set[str]:
    """The Q-ids of the states an article names, and of the territories ("Puerto Rico"),
    whose leaders the tables list as a state's."""
    return {c.qid for c in cands if c.qid and (c.type == "Country" or (
        c.type == "Place" and (rec := gaz.record(c.qid)) is not None and rec.territory))}


def _most_mentioned_country(cands: Sequence[_Cand], gaz: Gazetteer) -> str | None:
    """The country or territory with the most mentions (its metonyms included), if one
    leads alone ("the Senate" in a story of Puerto Rico is no United States body)."""
    states = _named_states(cands, gaz)
    counts: Counter[str] = Counter()
    for c in cands:
        if c.qid in states:
            counts[c.qid] += 1
        elif "stands_for" in c.extra:
            counts[c.extra["stands_for"]] += 1
    ranked = counts.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def _country_word(gaz: Gazetteer, word: str) -> str | None:
    """The Q-id of the country a capitalised word names or is the demonym of, if any."""
    if not word[:1].isupper():
        return None
    rec = gaz.lookup(word)
    if rec is not None and rec.type == "Country":
        return rec.qid
    return gaz.country_of_demonym(word)


def _spelling_words(label: str) -> list[str]:
    """The words of a name as spelt, apostrophes dropped and particles made one ("el" = "al")."""
    text = norm_word(label).replace("'", "").replace("-", " ")
    return [_SAME_PARTICLE.get(w, w) for w in text.split()]


# Generational suffixes after a surname ("Edward J. DeBartolo Jr.", "Sr", "Jnr").
_GENERATIONS = frozenset({"jr", "sr", "jnr", "snr"})

# Capitalised words before a surname that are no first name ("Sir", "Comrade", "Dear").
_NOT_FIRST = frozenset({"sir", "lord", "lady", "dame", "madam", "comrade", "dear", "herr",
                        "frau", "senor", "señor", "signor", "colleague", "colleagues", "mister",
                        "justice", "judge", "attorney", "professor", "prof", "doctor",
                        "father", "brother", "sister", "saint", "reverend", "rev", "officer",
                        "sergeant", "detective", "agent", "coach", "uncle", "aunt"})


def _missed_full_names(cands: list[_Cand], ctx: _Ctx, gaz: Gazetteer,
                       doc: Doc) -> list[_Cand]:
    """The candidates with the full names the model missed, found by a surname it tagged alone.

    "Mr Ryder" is a person, so "... Labour Organization Guy Ryder" ends in his full name: a
    capitalised word right before the surname, outside every candidate, that is no title,
    stop word, month, demonym or gazetteer name, and is a known first name or follows a role
    noun, a demonym or another name ("Director-General of the ILO Guy Ryder", "spokesperson
    Barend Leyts").
    The surname's own candidate there gives way to the full name.
    """
    surnames = {c.label for c in cands if c.type == "Person" and not c.qid
                and len(ws := split_words(c.label)) == 1 and ws[0].raw[1:].islower()}
    body = ctx.body
    found: dict[int, _Cand] = {}  # by end offset
    for surname in sorted(surnames):
        for m in re.finditer(rf"(?<![\w-])([A-Z][a-z]+) {re.escape(surname)}(?![\w-])", body):
            first, norm = m[1], norm_word(m[1])
            if (any(c.start < m.end(1) and m.start(1) < c.end for c in cands)
                    or any(c.start < m.end() and m.end(1) < c.end
                           and (c.type != "Person" or c.label != surname) for c in cands)
                    or norm in _NOT_NAME or norm in _NOT_FIRST or norm in _HONORIFICS
                    or norm in _MONTHS or norm in _ROLE_NOUNS or norm in _PARTICLES
                    or norm in _COMPASS or doc.vocab[first.lower()].is_stop
                    or gaz.lookup(first) is not None or gaz.country_of_demonym(first)):
                continue
            prev = ctx.prev(m.start())
            after_name = prev is not None and prev.end == m.start() - 1 and (
                prev.norm in _ROLE_NOUNS or gaz.country_of_demonym(prev.raw) is not None
                or any(c.end == prev.end and c.type != "Person" for c in cands))
            if not (after_name or gaz.is_first_name(first)):
                continue
            found[m.end()] = _Cand(m.start(), m.end(), "Person", None, CONF_MODEL,
                                   f"{first} {surname}")
    if not found:
        return cands
    kept = [c for c in cands if not (c.end in found and c.start > found[c.end].start)]
    return sorted([*kept, *found.values()], key=lambda c: (c.start, -c.end))


def _persons_first_named(gaz: Gazetteer, first: str) -> list[str]:
    """Q-ids of the tables' persons whose name's first word is ``first`` (normalised)."""
    return [q for q, rec in gaz.records.items() if rec.type == "Person"
            and (ws := split_words(rec.label)) and ws[0].norm == first]


def _same_first_name(tables: str, text: str, *, whole: bool) -> bool:
    """Whether a first name in the text agrees with the tables': by its initial, or whole."""
    return tables == text if whole else tables[:1] == text[:1]


def _same_spelling(a: str, b: str) -> bool:
    """Whether two names are spellings of one ("Usama bin Ladin", "Osama bin Laden";
    "al-Qa'ida", "Al-Qaeda"): word by word the same consonants, a vowel or a like one first,
    at most two letters more or fewer, and not a name and its feminine ("Jan", "Jana")."""
    wa, wb = _spelling_words(a), _spelling_words(b)
    if len(wa) != len(wb) or wa == wb:
        return False
    for x, y in zip(wa, wb, strict=True):
        if x == y:
            continue
        if (min(len(x), len(y)) < 4 or abs(len(x) - len(y)) > 2 or x + "a" == y or y + "a" == x
                or (x[0] != y[0] and not (x[0] in _VOWELS and y[0] in _VOWELS))):
            return False
        cx = re.sub(r"(.)\1+", r"\1", "".join(ch for ch in x if ch not in _VOWELS))
        cy = re.sub(r"(.)\1+", r"\1", "".join(ch for ch in y if ch not in _VOWELS))
        if cx != cy or not cx or edit_distance(x, y) > 2:
            return False
    return True


def _bare_name(label: str) -> tuple[str, ...]:
    """A name without its middle initials ("John R. Bolton" is "John Bolton"); a name of
    fewer than two words is kept whole."""
    words = label.split()
    bare = [w for i, w in enumerate(words)
            if not (0 < i < len(words) - 1 and re.fullmatch(r"[A-Z]\.?", w))]
    return tuple(bare if len(bare) >= 2 else words)


def _clean_label(text: str) -> str:
    """A readable label from a surface form."""
    text = " ".join(text.split())
    text = _LEAD.sub("", text)
    if not _ABBR_END.search(text):
        text = _TRAIL.sub("", text)
    return text.strip().replace("Organisation", "Organization")


def _is_metonymic(ctx: _Ctx, start: int, end: int, seat: bool) -> bool:
    """Whether a capital or seat of power is used as an actor or possessor here."""
    nxt = ctx.next(end)
    prev = ctx.prev(start)
    if prev and prev.norm == "the":
        prev = ctx.prev(start, 2)
    if nxt and nxt.norm == "'" and ctx.next(end, 2) and ctx.next(end, 2).norm == "s":  # type: ignore[union-attr]
        return True
    if nxt and nxt.norm in {"'s", "s"} and nxt.start == end:
        return True
    if prev and prev.norm in _LITERAL_PREV:
        return False
    if nxt and nxt.norm in _ACTOR_NEXT:
        return True
    if prev and prev.norm in _ACTOR_PREV:
        return True
    # "For Yerevan, it is ..." opens a clause with the capital as the party concerned.
    return seat


def _adjectival(ctx: _Ctx, end: int) -> bool:
    """A demonym followed by a word (a noun, a title, a coordinated demonym) is adjectival."""
    nxt = ctx.next(end)
    if nxt is None:
        return False
    if nxt.norm in {"-", "and", "or", ","}:
        return True
    return nxt.raw[0].isalpha()


def _title_before(ctx: _Ctx, start: int, gaz_spans: dict[int, _Cand]) -> tuple[str | None, str]:
    """Country and title words in the phrase right before a person's name.

    The state an envoy is posted to is not the envoy's: "Ambassador of the Russian Federation
    to the Republic of Kazakhstan Alexei Borodavkin" is Russia's, "Ambassador to Kazakhstan
    John Smith" of no state told; "a message to Kazakhstan President Tokayev" stays his."""
    i = ctx.index_at(start) - 1
    words: list[str] = []
    country: str | None = None
    posting: str | None = None
    edge = start  # where the phrase read so far begins
    while i >= 0 and len(words) < 8:
        w = ctx.words[i]
        if _PHRASE_BREAK.search(ctx.body[w.end:edge]) and w.norm not in _ABBREVIATED:
            break  # "... a visit to India.\n\nVladimir Putin": India titles nobody
        cand = gaz_spans.get(w.end)
        if cand is not None and cand.type == "Country" and cand.qid:
            i = ctx.index_at(cand.start) - 1
            edge = cand.start
            to = i - 1 if i > 0 and ctx.words[i].norm == "the" else i
            if not words and posting is None and to > 0 and ctx.words[to].norm == "to":
                posting = cand.qid  # an envoy's posting, if a title comes before "to"
                edge = ctx.words[to].start
                i = to - 1
            else:
                country = country or cand.qid
            words.append("<country>")
            continue
        if w.norm not in _TITLE_WORDS and not (w.raw[:1].isupper() and w.norm in {
                "minister", "president"}):
            break
        words.append(w.norm)
        edge = w.start
        i -= 1
    if posting is not None and not {"ambassador", "envoy"} & set(words):
        country = country or posting  # "to Kazakhstan President Tokayev": no envoy's posting
    return country, " ".join(reversed(words))


def _office(title_words: str) -> str | None:
    """The office named in a title phrase ("prime minister" → "Prime Minister")."""
    for needle, office in _OFFICES:
        if needle in title_words:
            if needle == "president" and ("vice" in title_words or "deputy" in title_words):
                return None
            if "foreign" in title_words or "defence" in title_words or "deputy" in title_words:
                return None
            return office
    return None


def _told_as_held(body: str, start: int, end: int) -> bool:
    """True for a name told as a gathering held ("the X Congress in Sochi", "the X Conference
    held on January 19", "hosted the X Congress")."""
    return bool(_HELD_AFTER.match(body, end)
                or _HOLDING_BEFORE.search(body, max(start - 30, 0), start))


def _retype(ctx: _Ctx, gaz: Gazetteer, label: str, typ: EntityType, model_label: str,
            s: int, e: int) -> tuple[EntityType, str] | None:
    """Type and label of a model-only name, or None when it is not an entity we annotate."""
    words = [w.norm for w in split_words(label) if w.raw[:1].isalnum()]
    if not words:
        return None
    prev, prev2, nxt = ctx.prev(s), ctx.prev(s, 2), ctx.next(e)
    if _CLUB_CODE.fullmatch(label):
        return "Organization", label  # "the G7 presidency", read as a place
    if len(words) > 1 and words[-1] == "no":
        words = words[:-1]  # "Federal Law No. 5-FZ": the document's number cut off
    head = words[:words.index("on")][-1:] if "on" in words[1:] else words[-1:]
    if typ != "Person" and any(w in _DOC_WORDS or w.removesuffix("s") in _DOC_WORDS
                               for w in {words[-1], *head}):
        # "the Minsk Agreements", "the Helsinki Accords", "the Framework Decision on
        # Disengagement of Forces": documents
        return None
    if words[-1] in _CURRENCIES or ctx.money_after(e):
        return None  # "Russian rubles", "US dollars": money
    if ctx.in_award(s) or (len(words) > 2 and words[0] in {"order", "medal"}
                           and words[1] in {"of", "for"}):
        return None  # "the Order of the Sun", "the Order of St Andrew": a state award
    if len(words) == 1 and ctx.body[s - 1:s] == "(" and ctx.body[e:e + 2] == ".)":
        return None  # "(Laughs.)", "(Applause.)": a transcript's stage direction
    if len(words) == 1 and label.endswith("s") and gaz.country_of_demonym(label[:-1]):
        return None  # "the Kazakhs", "all Cypriots": a people, not a place, person or body
    if label.lower() in _THINGS or (_MODEL_NUMBER.fullmatch(label) and label[0] != "G"):
        return None  # "S-400", "Kh-101", "MiG-29": weapons and aircraft, not the G-20
    if (len(words) == 1 and words[0] in _GENERIC) or all(w in _TITLE_WORDS for w in words):
        return None  # "Extraordinary" of "Ambassador Extraordinary and Plenipotentiary"
    if (len(words) == 1 and label[1:].islower()
            and ctx.counts[label.lower()] >= ctx.counts[label]):
        # "Tragic events are ...", "Hydrogen and helium ...": a word the text writes in
        # lower case as often, capitalised at a sentence start or in a title, is no name
        return None
    cut = next((i for i, w in enumerate(words) if i and w in {"of", "for", "on", "to"}),
               len(words))
    if (typ in {"Organization", "Person"} and len(words) >= 2
            and words[cut - 1].removesuffix("s") in _ROLE_ENDINGS):
        # "National Security Advisor", "Federal Chancellor of Germany", "Coast Guard
        # Commandant", "Special Presidential Representative for ...": an office, no body
        return None
    if len(words) >= 3 and words[0].removesuffix("s") in _TITLE_WORDS and all(
            w.removesuffix("s") in _TITLE_WORDS | _GENERIC | {"and", "affair"} for w in words
    ) and not any(w in _ORG_WORDS for w in words):
        return None  # "Heads of Government", "Ministers of Foreign Affairs": offices, no body
    # A portfolio ("Secretary of State", "Minister of Transportation", "Commerce Secretary")
    # is a role, not a body.
    if prev and prev2 and prev.norm in {"of", "for"} and prev2.norm in {"secretary", "minister"}:
        return None
    if (typ == "Organization" and len(words) == 1 and nxt is not None
            and nxt.norm in {"secretary", "minister"} and ctx.body[e:nxt.start] == " "):
        return None
    of_a_title = prev is not None and (prev.norm == "of" or (
        prev.norm == "the" and prev2 is not None and prev2.norm == "of"))
    if ((typ == "Organization" or (typ == "Person" and len(words) == 1)) and not of_a_title
            and _PORTFOLIO_BEFORE.match(ctx.body, e)):
        # "Road Transport and Bridges Minister Obaidul Quader": the portfolio of an office;
        # not "Chairman of the Ministers' Council and Defence Minister", a body
        return None
    if label in _PLATFORMS:
        return "Organization", label
    if typ == "Organization" and words[-1] == "day" and len(words) >= 2:
        return "NamedEvent", label  # "International Women's Day", "Independence Day"
    if typ in {"Organization", "Place"} and words[-1] in _GATHERINGS and len(words) >= 2:
        return "NamedEvent", label  # "Russian Energy Week", "Eastern Economic Forum"
    if (typ in {"Organization", "Place"} and len(words) >= 2 and _CONVENED & {words[-1], *head}
            and _told_as_held(ctx.body, s, e)):
        # "the Syrian National Dialogue Congress in Sochi", "the Berlin Conference held on
        # January 19": a gathering; "the Indian National Congress", a party, is never held
        return "NamedEvent", label
    if words[0] in _STORM_WORDS and len(words) >= 2:
        return "NamedEvent", label  # "Typhoon Haiyan", "Tropical Storm Humberto"
    if typ == "NamedEvent" and not any(w.raw[:1].isupper() and w.norm not in _MONTHS
                                       for w in split_words(label)):
        return None  # "between September 19 and 21", "midnight March 5": a date
    if typ == "Place" and model_label in {"GPE", "LOC"} and words[-1] in _STATE_WORDS:
        return "Country", label
    if typ == "Place" and label in _MACRO:
        return "Place", _MACRO[label]
    if typ == "Place" and re.fullmatch(r"[A-Z]{3,}", label):
        return "Organization", label  # "BRICS", "ISIL": an acronym no table knows names a body
    if typ in {"Person", "Place"} and any(w in _ORG_WORDS for w in words):
        return "Organization", label
    if (typ == "Person" and len(words) == 1 and prev and prev.norm == "the"
            and words[0].endswith("s")):
        return "Place", label  # "the Azores", "the Canaries": islands, no one's name
    if (typ in {"Person", "Organization"} and len(words) <= 2 and prev and prev2
            and prev.norm in {"of", "to"} and prev2.raw in _AREA_NOUNS
            and not any(w in _ORG_WORDS for w in words)):
        return "Place", label  # "the population of Donbass", "special status to Donbass"
    on = prev2 if prev and prev.norm == "the" else prev
    if (typ == "Organization" and on is not None and on.raw == "on"
            and re.search(r"(?:ment|tion|sion|ance|ence|ing|ity|sis|tus)$", words[0])
            and not any(w in _ORG_WORDS for w in words)):
        # the topic of a document or meeting, a nominalisation: "Agreement ... on the
        # Development of Military-Technical Cooperation", "talks on Countering Terrorism"
        return None
    if typ in {"Person", "Place"} and prev and prev.raw in _ORG_NOUNS:
        return "Organization", label  # "state news firm Saba", "broadcaster Rudaw"
    if words[-1] == "church" and any(w in _DENOMINATIONS for w in words):
        return "Organization", label  # "the Russian Orthodox Church": the body, not a building
    if typ in {"Person", "Organization"}:
        # a body's head comes before "of": "Church of the Nativity" is a place, "Sheriff of
        # Milwaukee County" is not
        head = words[:words.index("of")] if typ == "Organization" and "of" in words else words
        if any(w in _PLACE_WORDS for w in head) and not (
                typ == "Organization" and words[-1] in _ORG_WORDS):
            return "Place", label  # not "City University Student Union"
        after = ctx.next(e, 2)
        if nxt and (nxt.norm in _PLACE_WORDS or (
                nxt.norm in {"training", "firing", "test", "testing", "proving"}
                and after is not None and after.norm in {"range", "ground", "site"})):
            return "Place", label  # "Tsugol training range"
        if (nxt and nxt.raw in _RESIDENTS and not any(w in _ORG_WORDS for w in words)
                and not (after and after.norm in {"'s", "’s", "s"})):
            return "Place", label  # "a 36-year-old Cheltenham man", "Kranjska Gora residents"
        if typ == "Organization" and not any(w in _ORG_WORDS for w in words):
            if prev and prev.norm in _LOCATIVE:
                return "Place", label
            raw = split_words(label)
            if (2 <= len(words) <= 3 and label.istitle()
                    and not (words[0] in _ARABIC_ARTICLES and raw[1].raw == "-")
                    and not any(w in _NOT_NAME for w in words)):
                # "Al-Qaeda" is no "Al Gore": a first name joined by a hyphen is an article.
                if gaz.is_first_name(words[0]):
                    return "Person", label
                # "wife of Ana Tsapka", "candidate Ana Tsapka", "Ana Tsapka, who ...":
                # only a person is named so.
                after = ctx.next(e, 2)
                if ((prev and prev.raw in _PERSON_NOUNS)
                        or (prev and prev.norm == "of" and prev2 and prev2.raw in _KIN_NOUNS)
                        or (nxt and nxt.raw == "," and after and after.norm == "who")):
                    return "Person", label
                if (len(raw) == 2 and raw[1].norm.endswith(_SURNAME_ENDINGS)
                        and not (nxt and nxt.raw == "," and after and after.norm == "which")):
                    return "Person", label  # "Anatoly Bibilov": a Slavic or Armenian surname
        if typ == "Person" and prev and ((prev.norm in _LOCATIVE and len(words) == 1)
                                         or prev.norm == "in"):
            return "Place", label
        if (typ == "Person" and len(words) == 1 and prev and prev2
                and prev.norm in {"to", "into"} and prev2.norm in _MOVING):
            return "Place", label  # "the civilians returning to Palmyra": one goes to a place
    return typ, label


@cache
def _national_bodies() -> dict[str, Any]:
    """Per state, conventional names of national bodies named by a bare word ("bodies":
    "Congress", "Supreme Court") and the portfolios of its executive departments."""
    data: dict[str, Any] = json.loads(
        data_path("national_bodies.json").read_text(encoding="utf-8"))
    return data


@cache
def _group_names() -> dict[str, Any]:
    """Conventional names of armed and political movements known by others ("ISIS",
    "Jabhat al-Nusra") and of news media ("the Washington Post"; package data)."""
    data: dict[str, Any] = json.loads(data_path("group_names.json").read_text(encoding="utf-8"))
    return data


def _de_facto_states(body: str, section: str = "states") -> list[tuple[int, int, str]]:
    """Spans of the names of de facto states data/de_facto_states.json knows (or, with
    ``section="former"``, of states of the past), with their conventional name."""
    names, pattern = _names_in("de_facto_states.json", section)
    return [(m.start(), m.end(), names[m.group()]) for m in pattern.finditer(body)]


def _regions(body: str) -> list[tuple[int, int, str]]:
    """Spans of the names of regions and disputed territories data/regions.json knows, with
    their conventional name."""
    names, pattern = _names_in("regions.json", "regions")
    found = []
    for m in pattern.finditer(body):
        zone = next((z for z in _zones() if body.startswith(" " + z, m.end())), None)
        if zone:  # "the Idlib de-escalation zone": a place of its own
            found.append((m.start(), m.end() + 1 + len(zone), f"{names[m.group()]} {zone}"))
        else:
            found.append((m.start(), m.end(), names[m.group()]))
    return found


@cache
def _zones() -> tuple[str, ...]:
    """Words after a region's name that name a zone in it (data/regions.json)."""
    data = json.loads(data_path("regions.json").read_text(encoding="utf-8"))
    return tuple(data["zones"])


@cache
def _names_in(file: str, section: str) -> tuple[dict[str, str], re.Pattern[str]]:
    """Each name of a section of a package data file of names no table lists -> its
    conventional name, and the pattern of those names (longest first)."""
    data = json.loads(data_path(file).read_text(encoding="utf-8"))
    names = {alias: label for label, aliases in data[section].items() for alias in aliases}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return names, re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


@cache
def _named_events() -> dict[str, Any]:
    """Conventional names of described wars and crises, other names of named events, and
    numbered summits (package data)."""
    data: dict[str, Any] = json.loads(data_path("named_events.json").read_text(encoding="utf-8"))
    return data


def _ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, ..., 11th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _event_label(pattern: str, label: str, after: str, cands: Sequence[_Cand], start: int,
                 gaz: Gazetteer, date: dt.date | None) -> str:
    """The conventional name of a described event ("the war in Syria" → "Syrian civil war").

    Wars and crises named by their country take the name of the conflict going on there at the
    article's date (data/named_events.json); a club's summit takes its year and city ("NATO
    summit in Lisbon" → "2010 NATO Lisbon summit"; "the CSTO summit" → "2017 CSTO summit"),
    its number for the G7/G8 and BRICS, or its month ("December EU-Russia summit" → "EU–Russia
    summit (December 2010)").
    """
    data = _named_events()
    if date is None:
        return label
    words = label.split()
    if pattern == _SUMMIT.pattern:
        if any(w.isdigit() for w in words):
            return label
        month = words[0].capitalize() if words[0].lower() in _MONTHS else None
        club = " ".join(words[1:-1] if month else words[:-1])
        club = re.sub(r"(?<=[A-Za-z])-(?=[A-Z])", "–", club)
        base = data["ordinal_summits"].get(club)
        if base is not None:
            return f"{_ordinal(date.year - base)} {club} summit"
        if month:
            return f"{club} summit ({month} {date.year})"
        if "–" in club:
            return f"{date.year} {club} Summit"  # "the first Russia-Africa summit"
        hosts = data["hosted_summits"].get(club)
        if hosts:
            return _hosted_summit(club, hosts, after, date)
        for host_club, rows in data["hosted_summits"].items():
            # "the Hamburg summit", in 2017: the G20's held there that year
            if any(r["city"] == club and int(r["end"][:4]) == date.year for r in rows):
                return f"{date.year} {host_club} {club} summit"
        city = re.match(r"\s+in\s+([A-Z][\w\-]+(?:\s[A-Z][\w\-]+)?)", after)
        rec = gaz.lookup(city.group(1)) if city else None
        if city and rec is not None and rec.type == "Place":
            # "the G20 summit in St Petersburg" → "2013 G20 Saint Petersburg summit"
            where = re.sub(r"^St\.? ", "Saint ", city.group(1))
            return f"{date.year} {club} {where} summit"
        known = gaz.lookup(club)
        if re.fullmatch(r"[A-Z][A-Z0-9]+", club) or (known is not None
                                                    and known.type == "Organization"):
            return f"{date.year} {club} summit"  # "the CSTO summit" → "2017 CSTO summit"
        return label
    if pattern == _EVENT_IN.pattern:
        kind, _, where = label.partition(" in ")
        # "the war in eastern Ukraine", "the conflict in the Syrian Arab Republic"
        rec = gaz.lookup(re.sub(r"^(?:the\s+)?(?:(?:eastern|western|northern|southern)\s+)?",
                                "", where, flags=re.I))
        country = rec.qid if rec is not None and rec.type == "Country" else None
    else:
        dem = next((c for c in cands if c.demonym and c.start == start), None)
        country = dem.qid if dem is not None else None
        kind = " ".join(words[1:])
    if country is None or kind.lower() not in data["kinds"]:
        return label
    day = date.isoformat()
    for row in data["conflicts"]:
        if row["country"] == country and row["from"] <= day and (row["to"] or "9") >= day:
            return str(row["label"])
    return label


# "in September 2013", "in 2013": the year a summit mention gives.
_IN_YEAR = re.compile(r"\s+in\s+(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\s+)?(\d{4})\b")
# "in Canada", "in St Petersburg", "in the Chinese city of Hangzhou": where it gives.
_IN_PLACE = re.compile(r"\s+in\s+(?:the\s+)?(?:[A-Z][a-z]+\s+city\s+of\s+)?"
                       r"([A-Z][\w\-]+(?:\s[A-Z][\w\-]+)?)")


def _hosted_summit(club: str, hosts: Sequence[Mapping[str, str]], after: str,
                   date: dt.date) -> str:
    """The conventional name of a club's summit with its host city (data/named_events.json):
    of the year the mention gives, else the article's; in the country or city it names (in
    that year, else the one nearest the article date), else the year's nearest the article
    date ("the G20 summit in Canada", 2010: "2010 G20 Toronto summit")."""
    year = _IN_YEAR.match(after)
    place = _IN_PLACE.match(after) if year is None else None
    where = re.sub(r"^St\.? ", "Saint ", place.group(1)) if place else None
    wanted = int(year.group(1)) if year else date.year
    rows = [r for r in hosts if int(r["end"][:4]) == wanted]
    if where is not None:
        # the summit held there, that year or the nearest ("the G20 summit in Buenos Aires",
        # told in 2019, is the 2018 one)
        named = [r for r in hosts if where in (r["city"], r["country"])]
        rows = [r for r in named if r in rows] or named or rows
    if not rows:
        return f"{wanted} {club} summit"
    row = min(rows, key=lambda r: abs((dt.date.fromisoformat(r["end"]) - date).days))
    return f"{row['end'][:4]} {club} {row['city']} summit"


def _bare_body(ctx: _Ctx, start: int, end: int, word: str) -> bool:
    """True when a legislature's word at start..end stands alone, not inside a longer name:
    no capitalised word just before it (but "The"), none just after it but a title ("Senate
    Minority Whip"), no "of" and a name after it; "House" only as "the House"."""
    prev, nxt, nxt2 = ctx.prev(start), ctx.next(end), ctx.next(end, 2)
    if prev is not None and prev.raw[:1].isupper() and prev.norm != "the" and not re.search(
            r"[.!?:;\"“”(]", ctx.body[prev.end:start]):
        return False
    if word == "House" and (prev is None or prev.norm != "the"):
        return False
    if nxt is not None and ctx.body[end:nxt.start] == " " and nxt.raw[:1].isupper():
        return nxt.norm in _BODY_TITLES
    return not (nxt is not None and nxt.norm == "of" and nxt2 is not None
                and nxt2.raw[:1].isupper())


def _outbreaks(body: str, date: dt.date | None) -> list[tuple[int, int, str]]:
    """Spans naming an epidemic by its disease ("the coronavirus pandemic"), and a later "the
    pandemic", with the epidemic's conventional name (data/named_events.json)."""
    found: list[tuple[int, int, str]] = []
    for since, label, named in _outbreak_names():
        if date is None or date.isoformat() < since:
            continue
        spans = [m.span() for m in named.finditer(body)]
        if spans:
            spans += [m.span() for m in re.finditer(rf"(?<=\b[Tt]he ){_OUTBREAK}\b", body)
                      if not any(s <= m.start() < e for s, e in spans)]
        found += [(s, e, label) for s, e in spans]
    return found


def _titled_names(ctx: _Ctx) -> list[tuple[int, int]]:
    """Spans of two name words right after a capitalised role noun and before a comma, a
    full stop, "and", a bracket, a colon or a lower-case word ("Presidential Aide Yury
    Ushakov, ...", "Cardinal Pietro Parolin at his residence"): the holder's name."""
    found = []
    words = ctx.words
    for i in range(1, len(words) - 3):
        role, first, last, after = words[i], words[i + 1], words[i + 2], words[i + 3]
        if (role.norm in _ROLE_NOUNS and role.raw[:1].isupper()
                and all(_name_unit([w]) and w.raw[1:].islower() for w in (first, last))
                and first.start == role.end + 1 and last.start == first.end + 1
                and (after.raw in {",", ".", ";", ":", "("} or after.raw.islower())):
            found.append((first.start, last.end))
    return found


def _known_events(body: str) -> list[tuple[int, int, str]]:
    """Spans of the names data/named_events.json knows as named events ("Brexit", "the
    Second World War"), with their conventional name."""
    data = _named_events()
    return [(m.start(), m.end(), data["names"].get(m.group(), m.group()))
            for m in _known_event_names().finditer(body)]


@cache
def _known_event_names() -> re.Pattern[str]:
    """The pattern of the names of data/named_events.json's 'events' and 'names'."""
    data = _named_events()
    return _names_pattern({*data.get("events", ()), *data["names"]})


def _names_pattern(names: Iterable[str]) -> re.Pattern[str]:
    """A pattern of any of these names as whole words, the longest tried first."""
    ordered = sorted(set(names), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in ordered) + r")(?![\w-])")


_CIRCUITS = ("First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh"
             r"|1st|2nd|3rd|[4-9]th|1[01]th|D\.C\.|District of Columbia|Federal")
_CIRCUIT_NAMES = {"1st": "First", "2nd": "Second", "3rd": "Third", "4th": "Fourth",
                  "5th": "Fifth", "6th": "Sixth", "7th": "Seventh", "8th": "Eighth",
                  "9th": "Ninth", "10th": "Tenth", "11th": "Eleventh",
                  "D.C.": "District of Columbia"}


@cache
def _us_court_names() -> re.Pattern[str]:
    """Names of the federal courts of the United States: a district court, by its district of
    a state, and a court of appeals, by its circuit, the long way or the short."""
    states = _us_states().pattern
    court = r"(?:(?:United States|U\.S\.|US|[Ff]ederal) )?"
    return re.compile(
        rf"(?:{court}District Court for the )?(?P<side>Northern|Southern|Eastern|Western"
        rf"|Middle|Central) District of (?P<state>{states})"
        rf"|{court}(?:Court of Appeals|Circuit Court) for the (?P<circuit>{_CIRCUITS}) Circuit\b"
        rf"|(?P<short>{_CIRCUITS}) Circuit(?: Court of Appeals| Court| Appeals Court)?\b")


def _us_courts(body: str) -> list[tuple[int, int, str]]:
    """Spans naming a federal court of the United States, with its conventional name: "the
    Southern District of New York" is the "United States District Court for the Southern
    District of New York", "the Second Circuit Court of Appeals" the "United States Court of
    Appeals for the Second Circuit" (the state named inside is no mention of its own)."""
    found = []
    for m in _us_court_names().finditer(body):
        if m.group("side"):
            label = (f"United States District Court for the {m.group('side')} District of "
                     f"{m.group('state')}")
        else:
            circuit = m.group("circuit") or m.group("short")
            label = ("United States Court of Appeals for the "
                     f"{_CIRCUIT_NAMES.get(circuit, circuit)} Circuit")
        found.append((m.start(), m.end(), label))
    return found


def _known_groups(body: str) -> list[tuple[int, int, str]]:
    """Spans of the long names data/group_names.json knows ("the Islamic State of Iraq and
    the Levant", which the model cuts in two), with the group's conventional name."""
    groups = _group_names()["names"]
    return [(m.start(), m.end(), groups[m.group()]) for m in _long_group_names().finditer(body)]


@cache
def _long_group_names() -> re.Pattern[str]:
    """The pattern of the group names of three words or more (short ones need the model)."""
    return _names_pattern(n for n in _group_names()["names"] if len(n.split()) > 2)


def _elections(body: str, gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """Spans naming a national election by year and country, with its conventional name:
    "2019 UK general election" (or "General Election") is the "2019 United Kingdom general
    election"; a demonym stays ("2018 Russian presidential election")."""
    found = []
    for m in _ELECTION.finditer(body):
        who = m.group("who").strip()
        rec = gaz.lookup(who)
        if rec is not None and rec.type == "Country":
            who = rec.label
        elif gaz.country_of_demonym(who) is None:
            continue
        kind = m.group("kind").lower()  # "the 2020 US Presidential Election"
        found.append((m.start(), m.end(), f"{m.group('year')} {who} {kind} election"))
    return found


@cache
def _outbreak_names() -> list[tuple[str, str, re.Pattern[str]]]:
    """Per epidemic of data/named_events.json: from when, its name, and the pattern of the
    phrases that name it by its disease."""
    names = []
    for row in _named_events().get("outbreaks", ()):
        disease = "|".join(re.escape(d) for d in sorted(row["diseases"], key=len, reverse=True))
        names.append((str(row["from"]), str(row["label"]), re.compile(
            rf"\b(?:(?:{disease})\s+{_OUTBREAK}|{_OUTBREAK}\s+of\s+(?:the\s+|a\s+)?"
            rf"(?:new\s+)?(?:{disease}))\b", re.IGNORECASE)))
    return names


def _one_name_per_summit(summits: Sequence[_Cand]) -> None:
    """Give "the BRICS Summit" the name a later "BRICS summit in Xiamen" has ("2017 BRICS
    Xiamen summit"): one club's summit in one article is one meeting."""
    for c in summits:
        club = re.fullmatch(r"(?:\d{4} )?(.+) [Ss]ummit", c.label)
        if club is None:
            continue
        dated = rf"\d{{4}} {re.escape(club.group(1))} .+ summit"
        names = {o.label for o in summits if re.fullmatch(dated, o.label)}
        if len(names) == 1:
            c.label = names.pop()


_YEAR_BEFORE = re.compile(r"\b((?:19|20)\d\d)\s+$")
_YEAR_FIRST = re.compile(r"(?:19|20)\d\d ")


def _name_editions(cands: Sequence[_Cand], body: str, date: dt.date | None) -> None:
    """Name a championship by its edition ("the 2017 World Judo Championships"; one named
    without a year is the edition the text dates elsewhere, else that of the article's year):
    the series is no event of the article."""
    series = [c for c in cands if c.type == "NamedEvent" and not c.qid
              and c.label.split()[-1] in {"Championships", "Championship"}
              and not _YEAR_FIRST.match(c.label)]  # "2019 World Championships" is one already
    years = {c.label: m.group(1) for c in series
             if (m := _YEAR_BEFORE.search(body[max(0, c.start - 6):c.start]))}
    for c in series:
        year = years.get(c.label) or (str(date.year) if date else None)
        if year is not None:
            c.label = f"{year} {c.label}"


# "9th Russia-Kyrgyzstan Inter-Regional Conference": two sides joined at a name's start.
_PAIR = re.compile(rf"^((?:(?:{_ORDINAL.pattern}) )?)([A-Z][a-z]+)-([A-Z][a-z]+)(?= )")


def _dash_pairs(cands: Sequence[_Cand], gaz: Gazetteer) -> None:
    """Join two states that name a body or gathering with an en dash, as its conventional name
    does ("Russia–Kyrgyzstan", "Russian–Austrian")."""
    def state(word: str) -> bool:
        rec = gaz.lookup(word)
        return (rec is not None and rec.type == "Country") or bool(gaz.country_of_demonym(word))
    for c in cands:
        m = _PAIR.match(c.label)
        if (c.type in {"Organization", "NamedEvent"} and not c.qid and m
                and state(m.group(2)) and state(m.group(3))):
            c.label = f"{m.group(1)}{m.group(2)}–{m.group(3)}{c.label[m.end():]}"


# Tags no name is made of: a word in capitals tagged so is shouted ("it ABSTAINS from
# adjudicating", "GET THROUGH THIS TOGETHER"), not an acronym. Verbs, adverbs, function words.
_SHOUTED_TAGS = re.compile(r"VB[DGNPZ]?|MD|RB[RS]?|IN|PRP\$?|DT|CC|TO|RP|W(?:DT|P|RB)")


def _shouted(span: Span, gaz: Gazetteer) -> bool:
    """True for a model's name made of words in capitals, one of them tagged a verb, adverb
    or function word in its sentence: emphasis the model took for an acronym. A name the
    gazetteer knows ("US", "BRICS") is taken as it is, untagged."""
    if not all(t.is_upper and t.is_alpha for t in span) or gaz.lookup(span.text) is not None:
        return False
    tags = tag_sentence(span.sent)
    return any(_SHOUTED_TAGS.fullmatch(tags[t.i - span.sent.start]) for t in span)


_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "to", "at"})


def _known_in_capitals(gaz: Gazetteer, text: str) -> Record | None:
    """The state or body a name of several words is, capitalised as the gazetteer spells it
    ("European union", "Russian federation"), or None (also for a name already capitalised)."""
    words = text.split()
    if len(words) < 2 or not words[0][:1].isupper():
        return None
    capitalised = " ".join(w if w in _SMALL_WORDS or w[:1].isupper() else w[:1].upper() + w[1:]
                           for w in words)
    rec = gaz.lookup(capitalised) if capitalised != text else None
    return rec if rec is not None and rec.type in {"Country", "Organization"} else None


def find_entities(doc: Doc, article: Article, gazetteer: Gazetteer,
                  resolver: Resolver | None = None) -> tuple[Entity, ...]:
    """The entities of ``article`` found in ``doc`` (parsed from ``article.body``).

    Args:
        doc: the spaCy Doc of ``article.body``.
        article: the article; mention offsets count in ``article.text``.
        gazetteer: the loaded gazetteer.
        resolver: asked for the names the gazetteer leaves unlinked (none: they stay local).

    Returns:
        Entities in order of first mention, each with its mentions, link, type and roles.
    """
    body = article.body
    ctx = _Ctx(body)
    gaz = gazetteer
    # "US dollars", "Chinese yuan": a currency, no mention of its state
    # names inside a state award's name ("the Order of Alexander Nevsky") name the award
    matches: list[GazMatch] = [m for m in gaz.scan(body, ctx.words)
                               if not ctx.money_after(m.end) and not ctx.in_award(m.start)]
    cands: list[_Cand] = []

    def rec_cand(m: GazMatch, conf: float) -> _Cand | None:
        rec = gaz.record(m.qid)
        if rec is None:
            return None
        if m.demonym:
            return _Cand(m.start, m.end, "Country", rec.qid, CONF_DEMONYM, rec.label,
                         demonym=True)
        return _Cand(m.start, m.end, rec.type, rec.qid, conf, rec.label)

    used: set[int] = set()
    model_ents = [e for e in doc.ents if (e.label_ in _MODEL_TYPES or e.label_ in _FIXED
                                          or e.label_ == "NORP") and not _shouted(e, gaz)]
    # Spans owned by a fixed name (an organisation, building, law): embedded names are not
    # mentions (gold guidelines 4.2), unless the name is a government reference.
    person_forms = frozenset(" ".join(ent.text.split()) for ent in model_ents
                             if ent.label_ == "PERSON")
    place_forms = frozenset(" ".join(ent.text.split()) for ent in model_ents
                            if ent.label_ in {"GPE", "LOC"})
    spans: list[_Span] = []
    for ent in model_ents:
        s, e = _tidy(body, ctx, *_trim(body, ent.start_char, ent.end_char), ent.label_)
        if e > s:
            spans.extend(_split_span(ctx, gaz, _Span(s, e, ent.label_), person_forms,
                                     place_forms))
    spans = _mend_body_names(spans, ctx, gaz)
    for span in spans:
        s, e = span.start, span.end
        inside = [i for i, m in enumerate(matches) if m.start < e and m.end > s]
        if any(matches[i].start <= s and e <= matches[i].end
               and matches[i].end - matches[i].start > e - s and not matches[i].demonym
               for i in inside):
            continue  # "United Nations Educational", a piece of a longer known name
        exact = [i for i in inside if matches[i].start == s and matches[i].end == e]
        if exact:
            i = exact[0]
            c = rec_cand(matches[i], CONF_AGREE)
            used.add(i)
            if c is not None:
                c.agree = True
                if c.demonym and not _adjectival(ctx, c.end):
                    continue
                cands.append(c)
            continue
        fixed = span.label in _FIXED
        if inside and span.label == "NORP":
            extra = [w for w in ctx.words[ctx.index_at(s):ctx.index_at(e)]
                     if not any(matches[i].start <= w.start < matches[i].end for i in inside)]
            fixed = bool(extra) and all(w.raw[:1].isupper() for w in extra)
        if inside and span.label in {"GPE", "LOC", "FAC"} and len(inside) == 1:
            # "Northern Ireland" is not Ireland: capitalised words before the name make another.
            m0 = matches[inside[0]]
            lead = ctx.words[ctx.index_at(s):ctx.index_at(m0.start)]
            if (m0.start > s and m0.end == e and not m0.demonym and lead
                    and all(w.raw[:1].isupper() and w.norm not in _TITLE_WORDS for w in lead)):
                used.add(inside[0])
                cands.append(_Cand(s, e, "Place", None, CONF_MODEL, _clean_label(body[s:e])))
                continue
        if inside and fixed:
            rest = [w for w in ctx.words[ctx.index_at(s):ctx.index_at(e)]
                    if not any(m.start <= w.start < m.end for m in (matches[i] for i in inside))]
            countries = [i for i in inside if matches[i].demonym
                         or (gaz.record(matches[i].qid) is not None
                         and gaz.record(matches[i].qid).type == "Country")]  # type: ignore[union-attr]
            if countries and all(w.norm in _GOV_WORDS or (w.norm == "and" and len(countries) > 1)
                                 for w in rest):
                # "the Russian Government"; "Kazakh and Belarusian (railways)": the states
                for i in inside:
                    used.add(i)
                    c = rec_cand(matches[i], CONF_GAZ)
                    if c is not None:
                        c.demonym = False
                        c.conf = CONF_GAZ
                        cands.append(c)
                continue
            if any(gaz.record(matches[i].qid) and gaz.record(matches[i].qid).type == "Person"  # type: ignore[union-attr]
                   for i in inside):
                continue  # a person's name inside: the gazetteer match stands
            country = next((matches[i].qid for i in countries), None)
            for i in inside:
                used.add(i)
            typed = _retype(ctx, gaz, _clean_label(body[s:e]),
                            _MODEL_TYPES.get(span.label, "Organization"), span.label, s, e)
            if typed is not None and span.label in {*_MODEL_TYPES, "NORP"}:
                cands.append(_Cand(s, e, typed[0], None, CONF_MODEL, typed[1],
                                   country=country))
            continue
        if inside and span.label == "PERSON" and all(
                not matches[i].demonym and (rec := gaz.record(matches[i].qid)) is not None
                and rec.type == "Place" for i in inside):
            # "Nancy Pelosi" is a person, not Nancy in France.
            used.update(inside)
            typed = _retype(ctx, gaz, _clean_label(body[s:e]), "Person", span.label, s, e)
            if typed is not None:
                cands.append(_Cand(s, e, typed[0], None, CONF_MODEL, typed[1]))
            continue
        if inside and span.label == "PERSON":
            # "Russia Vladimir Putin" read as one name: keep the gazetteer names and the
            # capitalised remainder after the last of them as the person.
            last_end = max(matches[i].end for i in inside)
            if any(matches[i].end > e for i in inside):
                continue
            i_last = max(inside, key=lambda i: matches[i].end)
            rec = gaz.record(matches[i_last].qid)
            rest = ctx.words[ctx.index_at(last_end):ctx.index_at(e)]
            if (rec is not None and rec.type == "Person" and not matches[i_last].demonym
                    and 1 <= len(rest) <= 2 and all(w.raw[:1].isupper() for w in rest)
                    and body[last_end:last_end + 1] == " "):
                # "Miguel Diaz-Canel Bermudez": a second surname after a known person's name
                # is that person's, not another's
                used.add(i_last)
                c = _Cand(matches[i_last].start, e, "Person", rec.qid, CONF_GAZ, rec.label)
                cands.append(c)
                continue
            if last_end < e:
                ps, pe = _trim(body, last_end, e)
                ps = len(body[:ps]) + (len(body[ps:pe]) - len(body[ps:pe].lstrip()))
                if pe > ps and body[ps:pe][:1].isupper():
                    cands.append(_Cand(ps, pe, "Person", None, CONF_MODEL,
                                       _clean_label(body[ps:pe])))
            continue
        if inside:
            continue  # gazetteer names inside or across a GPE/LOC/NORP/EVENT span win
        if span.label == "NORP" and body[s:e] in _national_bodies()["members"]:
            # "the Republicans", "Democratic members": the party (``_name_national_bodies``)
            cands.append(_Cand(s, e, "Organization", None, CONF_MODEL, body[s:e]))
            continue
        if span.label == "NORP" or span.label in _FIXED - {"ORG", "FAC"}:
            continue
        text = body[s:e]
        if not any(c.isupper() for c in text):
            continue
        if (capitalised := _known_in_capitals(gaz, text)) is not None:
            # "the European union": the European Union, written with a small letter
            cands.append(_Cand(s, e, capitalised.type, capitalised.qid, CONF_MODEL,
                               capitalised.label))
            continue
        typ = _MODEL_TYPES[span.label]
        lead_word = ctx.words[ctx.index_at(s)] if ctx.index_at(s) < len(ctx.words) else None
        titled_name = _units(ctx.words[ctx.index_at(s) + 1:ctx.index_at(e)])
        if lead_word is not None and e > lead_word.end and (
                lead_word.norm.rstrip(".") in _HONORIFICS
                or (lead_word.norm in _PERSON_TITLES and len(titled_name) >= 2
                    and all(_name_unit(u) for u in titled_name))):
            # "Mr el-Sisi" read as a place: only a person is Mr; "Assemblywoman Selena
            # Torres" read as a body (not "the Senator Hotel")
            typ = "Person"
        elif (before := ctx.prev(s)) is not None and before.norm.rstrip(".") in _HONORIFICS:
            typ = "Person"  # "Mr Infantino", the title left out of the span read as a place
        if typ == "Person":
            # Drop titles the model kept ("Mr Putin", "President Assad").
            ws = ctx.words[ctx.index_at(s):ctx.index_at(e)]
            k = 0
            while k < len(ws) - 1 and (ws[k].norm.rstrip(".") in _TITLE_WORDS or (
                    len(ws) - k >= 3 and ws[k].norm.endswith(_PROFESSION_ENDINGS))):
                k += 1  # "Immunologist Kristian Andersen", "Economist ..."
            s = ws[k].start if ws else s
        typed = _retype(ctx, gaz, _clean_label(body[s:e]), typ, span.label, s, e)
        if typed is None or not typed[1]:
            continue
        cands.append(_Cand(s, e, typed[0], None, CONF_MODEL, typed[1]))

    model_spans = [(c.start, c.end) for c in cands]
    for i, m in enumerate(matches):
        if i in used or any(s < m.end and m.start < e for s, e in model_spans):
            continue
        c = rec_cand(m, CONF_GAZ)
        if c is None:
            continue
        if c.demonym and not _adjectival(ctx, c.end):
            continue
        nxt = ctx.next(c.end)
        if (c.type == "Place" and not gaz.country_of_capital(m.qid) and nxt is not None
                and nxt.raw[:1].isupper() and nxt.start == c.end + 1):
            continue  # "Nancy Pelosi", "Victoria Nuland": a first name, not the city
        if c.type == "Organization" and body[c.end:c.end + 1] == "+":
            # "OPEC+" is a wider body than OPEC
            c = _Cand(c.start, c.end + 1, "Organization", None, CONF_MODEL,
                      body[c.start:c.end + 1])
        cands.append(c)

    # Names inside a fixed name the model left untagged are no mentions of their own (gold
    # guidelines 4.2): "UN Security Council Resolution 2510", "Paris Agreement" name a document;
    # "Abu Dhabi Media", "Qatar Airways" an organisation, which they become.
    kept: list[_Cand] = []
    for c in cands:
        after = [w for w in ctx.words[ctx.index_at(c.end):ctx.index_at(c.end) + 3]]
        run: list[Word] = []
        for w in after:
            if body[(run[-1].end if run else c.end):w.start] != " " or not w.raw[:1].isupper():
                break
            run.append(w)
        if run and c.type != "Country" and not c.demonym and run[0].norm in _DOC_WORDS:
            continue
        nxt, before = ctx.next(c.end), ctx.prev(c.start)
        if (c.type == "Place" and not c.demonym and nxt is not None and before is not None
                and before.norm == "the" and body[c.end:nxt.start] == " "
                and nxt.raw.islower() and nxt.norm.removesuffix("s") in _DOC_WORDS):
            continue  # "the Minsk agreements", "the Paris accords": a document's name
        if (run and c.type in {"Place", "Country"} and not c.demonym and not c.metonym
                and run[0].norm in _NAMED_SITES):
            # "Prague Castle", "Vnukovo Airport", "the Jordan River": a site named after the
            # place is a place
            kept.append(_Cand(c.start, run[0].end, "Place", None, CONF_MODEL,
                              _clean_label(body[c.start:run[0].end])))
            continue
        water = ctx.prev(c.start, 2)
        if (c.type in {"Place", "Country"} and not c.demonym and before is not None
                and before.norm == "of" and water is not None and water.norm in _WATERS_OF
                and water.raw[:1].isupper()):
            # "the Gulf of Mexico", "the Sea of Japan": a water named after the place
            kept.append(_Cand(water.start, c.end, "Place", None, CONF_MODEL,
                              _clean_label(body[water.start:c.end])))
            continue
        heads = [i for i, w in enumerate(run[:2]) if w.norm in _MEDIA_HEADS]
        if heads and c.type in {"Place", "Country"} and not c.demonym and not c.metonym:
            end = run[heads[0]].end
            kept.append(_Cand(c.start, end, "Organization", None, CONF_MODEL,
                              _clean_label(body[c.start:end])))
            continue
        kept.append(c)
    cands = kept
    # "told The Jakarta Post", "reported to The Guardian": a capital "The" inside a sentence
    # belongs to the name.
    for c in cands:
        the, before = ctx.prev(c.start), ctx.prev(c.start, 2)
        if (c.type == "Organization" and not c.qid and the is not None and the.raw == "The"
                and before is not None and (before.raw[:1].islower() or before.raw == ",")
                and body[before.end:the.start] == " " and body[the.end:c.start] == " "):
            c.start, c.label = the.start, "The " + c.label
    named_the = {c.label[4:]: c.label for c in cands if c.label.startswith("The ") and not c.qid}
    for c in cands:
        if c.type == "Organization" and not c.qid and c.label in named_the:
            c.label = named_the[c.label]  # "the Guardian" elsewhere is the same paper

    # "Maidan Wardak province", "the Khurais oil field": an unlinked name and its generic
    # head make the place's conventional name ("Maidan Wardak Province", "Khurais oil field").
    widened: dict[str, str] = {}
    for c in cands:
        if c.qid or c.type not in {"Place", "Organization", "Person"}:
            continue
        n1, n2 = ctx.next(c.end), ctx.next(c.end, 2)
        if n1 is None or n1.raw != n1.norm or n1.start > c.end + 1:
            continue
        short = c.label
        if n1.norm in _PLACE_HEADS:
            c.end, c.label, c.type = n1.end, f"{c.label} {_PLACE_HEADS[n1.norm]}", "Place"
        elif n2 is not None and (n1.norm, n2.norm) in _SITE_HEADS and n2.start == n1.end + 1:
            c.end, c.label, c.type = n2.end, f"{c.label} {n1.norm} {n2.norm}", "Place"
        else:
            continue
        widened[short] = c.label
    for c in cands:  # the same name without its head, elsewhere in the article
        if not c.qid and c.label in widened:
            c.label, c.type = widened[c.label], "Place"

    # Seats of power and descriptive event names.
    for sm in _SEAT_RE.finditer(body):
        if any(c.start <= sm.start() < c.end for c in cands if c.qid):
            continue
        cands = [c for c in cands if not (c.start < sm.end() and sm.start() < c.end)]
        seat_country = gaz.lookup(_SEATS[sm.group()])
        c = _Cand(sm.start(), sm.end(), "Place", None, CONF_GAZ,
                  _SEAT_LABELS.get(sm.group(), sm.group()))
        if seat_country is not None and _is_metonymic(ctx, sm.start(), sm.end(), seat=True):
            c.metonym = True
            c.extra["stands_for"] = seat_country.qid
        cands.append(c)
    summits: list[_Cand] = []
    for rx in (_EVENT_IN, _EVENT_ADJ, _SUMMIT):
        for em in rx.finditer(body):
            s, e = em.start(1), em.end(1)
            if any(c.type == "NamedEvent" and c.start < e and s < c.end for c in cands):
                continue
            if rx is _EVENT_ADJ and not any(c.demonym and c.start == s for c in cands):
                continue
            if rx is _SUMMIT:
                # "The G20 Summit" at a sentence start: "The" is no part of the club;
                # "This summit" names none
                det = re.match(r"(?:(?:" + "|".join(_NOT_CLUBS) + r")\s+)+", em.group(1),
                               re.IGNORECASE)
                s += det.end() if det else 0
                if len(body[s:e].split()) < 2:
                    continue
            where = s + em.group(1).find(" in ") + 4
            if rx is _EVENT_IN and not any(c.type in {"Country", "Place"} and where <= c.start
                                           and c.end <= e for c in cands):
                continue  # "the crisis in the Euro": no place, no event named by it
            cands = [c for c in cands if not (c.type != "Country" and c.start < e and s < c.end
                                              and not c.qid)]
            label = _event_label(rx.pattern, _clean_label(body[s:e]), body[e:e + 60], cands,
                                 s, gaz, article.date)
            cands.append(_Cand(s, e, "NamedEvent", None, CONF_PATTERN, label))
            if rx is _SUMMIT:
                summits.append(cands[-1])
            # "G20 Summit", "SCO summit": a club named by a code before "summit" is a mention.
            code = split_words(body[s:e])
            if (rx is _SUMMIT and len(code) == 2 and re.fullmatch(r"[A-Z][A-Z0-9]+", code[0].raw)
                    and not any(c.start < s + code[0].end and s < c.end
                                for c in cands if c.type != "NamedEvent")):
                cands.append(_Cand(s, s + code[0].end, "Organization", None, CONF_PATTERN,
                                   code[0].raw))

    for pm in _SUMMIT_PAIR.finditer(body):
        # "the upcoming G8 and G20 summits": two summits, each named by its club, and the clubs
        s, e = pm.span()
        if any(c.type == "NamedEvent" and c.start < e and s < c.end for c in cands):
            continue
        for club in (pm.group(1), pm.group(2)):
            label = _event_label(_SUMMIT.pattern, f"{club} summit", body[e:e + 60], cands, s,
                                 gaz, article.date)
            cands.append(_Cand(s, e, "NamedEvent", None, CONF_PATTERN, label))
        for g in (1, 2):
            if not any(c.start < pm.end(g) and pm.start(g) < c.end and c.type != "NamedEvent"
                       for c in cands):
                cands.append(_Cand(pm.start(g), pm.end(g), "Organization", None, CONF_PATTERN,
                                   pm.group(g)))
    _one_name_per_summit(summits)
    for gm in _CLUB_CODE.finditer(body):
        # "the G7 presidency", "expelled from the G8": a club of states, whatever the model
        # reads it as (a place, or nothing)
        s, e = gm.span()
        if not any(c.start < e and s < c.end for c in cands):
            cands.append(_Cand(s, e, "Organization", None, CONF_PATTERN, gm.group()))
    for bm in _BODY_WORD.finditer(body):
        s, e = bm.span()
        if _bare_body(ctx, s, e, bm.group()) and not any(c.start < e and s < c.end
                                                         for c in cands):
            cands.append(_Cand(s, e, "Organization", None, CONF_PATTERN, bm.group()))
    for s, e, label in _outbreaks(body, article.date) + _known_events(body):
        cands = [c for c in cands if not (c.start < e and s < c.end)]
        cands.append(_Cand(s, e, "NamedEvent", None, CONF_PATTERN, label))
    for s, e, label in _known_groups(body) + _us_courts(body):
        cands = [c for c in cands if not (c.start < e and s < c.end)]
        cands.append(_Cand(s, e, "Organization", None, CONF_PATTERN, label))
    for s, e, label in _de_facto_states(body):
        # "the Pridnestrovian Moldavian Republic" is Transnistria, a state (the model reads
        # such names as places, persons or nationalities)
        cands = [c for c in cands if not (c.start < e and s < c.end)]
        cands.append(_Cand(s, e, "Country", None, CONF_PATTERN, label))
    listed: list[tuple[list[tuple[int, int, str]], EntityType]] = [
        (_de_facto_states(body, "former"), "Country"), (_regions(body), "Place")]
    for names_at, kind in listed:
        # "Soviet soldiers", "the Nazis": the Soviet Union, Nazi Germany; "Donbass", "Crimea",
        # "the West Bank": places (the model reads some as persons or organisations); neither
        # inside a longer name ("the Soviet Army", "the Nazi Party", "the Crimea Bridge")
        for s, e, label in names_at:
            if not any(c.start <= s and e <= c.end and c.end - c.start > e - s for c in cands):
                cands = [c for c in cands if not (c.start < e and s < c.end)]
                cands.append(_Cand(s, e, kind, None, CONF_PATTERN, label))
    for s, e, label in _elections(body, gaz):
        # the country stays a mention of its own: "the 2020 United States presidential
        # election" also names the United States
        cands = [c for c in cands if not (c.start < e and s < c.end and c.type != "Country")]
        cands.append(_Cand(s, e, "NamedEvent", None, CONF_PATTERN, label))
    for s, e in _titled_names(ctx):
        within = [c for c in cands if c.start < e and s < c.end]
        if all(c.type == "Person" and not c.qid and s <= c.start and c.end <= e
               and c.end - c.start < e - s for c in within):
            # "Presidential Aide Yury Ushakov": the model found no one, or the surname only
            cands = [c for c in cands if c not in within]
            cands.append(_Cand(s, e, "Person", None, CONF_PATTERN, body[s:e]))
    formats = [(fm.end(1) - len(name), fm.end(), name, fm.group(2))
               for fm in _FORMAT.finditer(body) if (name := _LEAD.sub("", fm.group(1)))]
    named = {name for *_, name, kind in formats if kind != "Four"}
    for s, e, name, _ in formats:
        if name not in named:
            continue
        parts = [gaz.lookup(part) for part in re.split(r"[-–]", name)]
        if name.lower() in _GENERIC or any(
            rec is not None and rec.type in {"Country", "Organization"} for rec in parts
        ) or any(
            (c.type != "Organization" and c.start <= s and e <= c.end)
            or (c.type == "Organization" and c.start < e and s < c.end and c.qid) for c in cands
        ):
            continue  # "the China format", "the BRICS format", "Russia-India-China format"
        cands = [c for c in cands if not (c.start < e and s < c.end)]
        cands.append(_Cand(s, e, "Organization", None, CONF_PATTERN, f"{name} Format"))

    # Metonymy of capitals.
    for c in cands:
        if c.type == "Place" and c.qid and not c.demonym:
            country = gaz.country_of_capital(c.qid)
            if country and _is_metonymic(ctx, c.start, c.end, seat=False):
                c.metonym = True
                c.extra["stands_for"] = country

    cands.sort(key=lambda c: (c.start, -c.end))
    by_end = {c.end: c for c in cands if c.type == "Country" and c.qid}
    # "between Kiev and Donbass": a one-word "person" joined by "and"/"or" to a city is a place.
    places_by_end = {c.end: c for c in cands if c.type == "Place" and c.qid}
    for c in cands:
        conj = ctx.prev(c.start)
        if (c.type == "Person" and not c.qid and len(split_words(c.label)) == 1
                and conj is not None and conj.norm in {"and", "or"}
                and body[conj.end:c.start] == " " and conj.start - 1 in places_by_end):
            c.type = "Place"

    # "Humberto" after "Tropical Storm Humberto" is the storm, and so is "Hurricane Humberto"
    # once it is upgraded: one storm, named by the strongest category the article gives it.
    named_storms: dict[str, list[tuple[int, _Cand]]] = defaultdict(list)
    for c in cands:
        storm_name = split_words(c.label)
        if c.type == "NamedEvent" and storm_name[0].norm in _STORM_WORDS:
            named_storms[storm_name[-1].raw].append((_STORM_RANK.get(storm_name[0].norm, 0), c))
    storms = {name: max(ranked, key=lambda rc: rc[0])[1]
              for name, ranked in named_storms.items()}
    for name, ranked in named_storms.items():
        for _, c in ranked:
            c.label = storms[name].label
    for c in cands:
        if not c.qid and c.type in {"Person", "Organization"} and c.label in storms:
            c.type, c.label = "NamedEvent", storms[c.label].label

    # One name spelt two ways in one article ("Usama bin Ladin" after "Osama bin Laden"): the
    # first spelling names both; the type is then the one most of the mentions get.
    spelt: list[str] = []
    for c in cands:
        if c.qid or c.type not in {"Person", "Organization"} or c.label in spelt:
            continue
        first = next((f for f in spelt if _same_spelling(f, c.label)
                      or _bare_name(f) == _bare_name(c.label)), None)
        if first is None:
            spelt.append(c.label)
        else:
            c.label = first

    cands = _missed_full_names(cands, ctx, gaz, doc)
    # Persons: title phrase before the name, coreference of short forms, surname linking.
    # "Alexei Navalny" typed ORG while "Navalny" alone is a PERSON: the full name is a person.
    single = {body[c.start:c.end] for c in cands if c.type == "Person" and not c.qid
              and len(split_words(body[c.start:c.end])) == 1}
    # unless most of its mentions read as a place ("returning to Palmyra", "at Palmyra")
    read: Counter[tuple[str, str]] = Counter(
        (body[c.start:c.end], c.type) for c in cands if not c.qid)
    single = {w for w in single if read[(w, "Place")] <= read[(w, "Person")]}
    for c in cands:
        ws = split_words(c.label)
        if (c.type == "Organization" and not c.qid and 2 <= len(ws) <= 3
                and ws[-1].raw in single and not any(w.norm in _ORG_WORDS for w in ws)):
            c.type = "Person"
    for c in cands:
        if not c.qid and c.type != "Person" and body[c.start:c.end] in single:
            c.type, c.label = "Person", _clean_label(body[c.start:c.end])
    persons = [c for c in cands if c.type == "Person"]
    for c in persons:
        # "Dmitry Medvedev" is the tables' "Dmitri Medvedev": one person of that surname
        # whose full name is this one spelt otherwise
        if not c.qid and len(ws := split_words(c.label)) >= 2:
            spelt_so = [rec for q in gaz.persons_by_surname(ws[-1].raw)
                        if (rec := gaz.record(q)) is not None
                        and _same_spelling(rec.label, c.label)]
            if len(spelt_so) == 1:
                c.qid, c.label = spelt_so[0].qid, spelt_so[0].label
    for c in persons:
        country, title = _title_before(ctx, c.start, by_end)
        c.country = country
        c.title = title
    full: dict[str, list[_Cand]] = defaultdict(list)
    for c in persons:
        ws = split_words(c.label)
        if len(ws) >= 3 and (ws[-1].norm in _GENERATIONS or ROMAN_NUMERAL.fullmatch(ws[-1].raw)):
            ws = ws[:-1]  # "Edward J. DeBartolo Jr.": "DeBartolo" is its surname
        # The surname is a capitalised word of its own ("el-Sissi" too), not "in" of "Jae-in".
        tail = len(ws) >= 3 and ws[-2].raw == "-" and ws[-3].norm not in _ARABIC_ARTICLES
        bare = len(ws) == 3 and ws[0].norm in _ARABIC_ARTICLES  # "al-Eryani" is no full name
        if len(ws) >= 2 and ws[-1].raw[:1].isupper() and not tail and not bare:
            full[ws[-1].norm].append(c)
    clusters: dict[str, str] = {}  # surname → label of the full-name candidate it joins
    for surname, group in full.items():
        labels = {g.label if not g.qid else g.qid for g in group}
        if len(labels) == 1:
            clusters[surname] = next(iter(labels))
    firsts = {surname: group[0] for surname, group in full.items() if surname in clusters}
    # A full name the gazetteer spells otherwise ("Abdel-Fattah el-Sissi"): the one leader in
    # office with that surname and initial. Linked before its short forms join it.
    named_states = _named_states(cands, gaz)
    for c in persons:
        if c.qid or article.date is None:
            continue
        ws = split_words(c.label)
        if len(ws) == 1 and c.title and set(c.title.split()) & _MONARCHS:
            # "His Majesty King Salman", "Emir Tamim": the one monarch in office, of a state
            # the article names, whose name starts with this one
            monarchs = {q for q in _persons_first_named(gaz, ws[0].norm)
                        if any(r.of_key in named_states for r in gaz.roles_at(q, article.date))}
            if len(monarchs) == 1 and (rec := gaz.record(monarchs.pop())) is not None:
                c.qid, c.label = rec.qid, rec.label
            continue
        if len(ws) < 2:
            continue
        if ROMAN_NUMERAL.fullmatch(ws[-1].raw):
            continue  # "Chrysostomos II": a numeral is no surname
        hits = [q for q in gaz.persons_by_surname(ws[-1].raw) if gaz.roles_at(q, article.date)]
        if not hits and len(ws) >= 3 and ws[-2].raw[:1].isupper():
            # "Ricardo Rosselló Nevares": a second surname after the one the tables know, of
            # a leader of a state the article names (not "John Paul Stevens")
            hits = [q for q in gaz.persons_by_surname(ws[-2].raw)
                    if any(r.of_key in named_states for r in gaz.roles_at(q, article.date))]
        misspelt = not hits and len(ws) == 2
        if misspelt:  # a surname misspelt by a letter ("Sebastian Kurtz")
            hits = [q for q in gaz.persons_by_near_surname(ws[-1].raw)
                    if gaz.roles_at(q, article.date)]
        if len(hits) > 1 or misspelt:
            # one of several namesakes ("Serzh" for the tables' "Serj" Sargsyan, in office
            # with Tigran Sargsyan), or a misspelt surname: a leader of a state the article
            # names (a table's term may lack its end), the first name agreeing by its
            # initial, or whole for a misspelt surname
            hits = [q for q in hits if any(r.of_key in named_states
                                           for r in gaz.roles_at(q, article.date))]
        records = [rec for q in hits if (rec := gaz.record(q)) is not None
                   and _same_first_name(split_words(rec.label)[0].norm, ws[0].norm,
                                        whole=misspelt)]
        if len(records) == 1:
            c.qid, c.label = records[0].qid, records[0].label
    # A compound surname alone ("Sassou Nguesso" after "Denis Sassou-Nguesso", "Chan-ocha"
    # after "Prayut Chan-ocha"): the one longer name that ends with these words.
    spelt_as = [(c, _spelt_words(body, c)) for c in persons]
    for c, words in spelt_as:
        if len(words) < 2:
            continue
        longer = {(h.qid or h.label): h for h, hw in spelt_as
                  if len(hw) > len(words)
                  and hw[-len(words):] == words and hw[0][:1].isupper() and not any(
                      w.lower() in _NOT_NAME or gaz.lookup(w) is not None
                      for w in hw[:-len(words)])}  # not "Armenia Serzh Sargsyan"
        if len(longer) == 1 and c.label != (head := next(iter(longer.values()))).label:
            c.qid, c.label, c.conf, c.surname_only = head.qid, head.label, CONF_COREF, True
    # Short forms the model missed ("Pashinyan" tagged NORP or nothing): the surname as
    # written in the full name, as a whole word, outside every other candidate.
    for head in firsts.values():
        surname = split_words(body[head.start:head.end])[-1].raw
        for sm in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", body):
            if any(c.start < sm.end() and sm.start() < c.end for c in cands):
                continue
            cands.append(_Cand(sm.start(), sm.end(), "Person", head.qid, CONF_COREF, head.label,
                               surname_only=True))
    for c in cands:
        ws = split_words(body[c.start:c.end])
        if len(ws) == 3 and ws[0].norm in _ARABIC_ARTICLES and ws[1].raw == "-":
            ws = ws[2:]  # "el-Sisi", "Al-Sisi": the surname after the article
        if c.qid or len(ws) != 1 or c.type == "Country":
            continue
        full_head = firsts.get(ws[0].norm)
        if full_head is None and (c.type in {"Person", "Organization"} or (
                c.type == "Place" and gaz.lookup(ws[0].raw) is None
                and gaz.is_first_name(ws[0].raw))):
            # the surname spelt otherwise ("Saree" for "Yahya Sarea"), or the one full name
            # of the article with this first name ("Hamza" for "Hamza bin Laden"; "Shinzo",
            # an unknown place to the model, for "Shinzo Abe")
            like = {h.label: h for k, h in firsts.items() if _same_spelling(k, ws[0].norm)}
            given = {p.label: p for p in persons  # as labelled or written ("Shinzō Abe")
                     for pw in (split_words(p.label), split_words(body[p.start:p.end]))
                     if len(pw) >= 2 and pw[0].raw == ws[0].raw
                     and pw[1].start > pw[0].end and ws[0].raw[1:].islower()}
            if len(like) == 1 and not given:
                full_head = next(iter(like.values()))
            elif len(given) == 1 and not like and ws[0].norm not in _PARTICLES:
                full_head = next(iter(given.values()))
        if full_head is None and c.type in {"Person", "Organization"} and ws[0].raw[1:].islower():
            # the first of two surnames ("Vázquez" after "Wanda Vázquez Garced"), before the
            # tables' namesakes are looked at
            middle = {p.label: p for p in persons if len(pw := split_words(p.label)) >= 3
                      and any(w.norm == ws[0].norm for w in pw[1:-1])}
            if len(middle) == 1:
                full_head = next(iter(middle.values()))
        if full_head is not None and full_head is not c:
            head = full_head
            c.type, c.qid, c.label = "Person", head.qid, head.label
            c.conf = CONF_COREF
            c.surname_only = True
            continue
        # The model types a lone surname ORG as often as PERSON ("Trump", "Sisi"): the one
        # head of state or government in office at the article's date with that surname.
        # An acronym is no surname ("CAR" is not Pero Car), nor is a word before a capitalised
        # one ("the Federal Chancellor").
        nxt = ctx.next(c.end)
        if (c.type in {"Person", "Organization"} and article.date is not None
                and not (len(ws[0].raw) > 1 and ws[0].raw.isupper())
                and not (nxt is not None and nxt.start == c.end + 1 and nxt.raw[:1].isupper())):
            hits = [q for q in gaz.persons_by_surname(ws[0].raw)
                    if gaz.roles_at(q, article.date)]
            if len(hits) == 1:
                rec = gaz.record(hits[0])
                if rec is not None:
                    c.type, c.qid, c.label, c.conf = "Person", rec.qid, rec.label, CONF_COREF

    for c in cands:
        if c.type == "Organization" and not c.qid and (
                un := re.match(r"(?:UN|U\.N\.) (?=[A-Z])", c.label)) is not None:
            # "UN Food and Agriculture Organization": the body the tables know under either
            # name, else named in full ("United Nations Economic Commission for Europe")
            body_name = c.label[un.end():]
            known = [r for name in (f"United Nations {body_name}", body_name)
                     if (r := gaz.lookup(name)) is not None and r.type == "Organization"]
            c.label = known[0].label if known else f"United Nations {body_name}"
            c.qid = known[0].qid if known else None
        if c.type == "Place" and not c.qid and c.label == "America" and (
                usa := gaz.lookup("United States of America")) is not None:
            # "America" alone is the United States ("Latin America" is a name of its own)
            c.type, c.qid, c.label = usa.type, usa.qid, usa.label
        if c.type in {"Place", "Country"} and not c.qid and (
                republic := _REPUBLIC_OF.fullmatch(c.label)):
            c.label = republic[1]  # "Republic of Abkhazia": a state no table knows, by its name
        if c.type == "Person" and not c.qid and _COMPANY_CASE.fullmatch(c.label):
            c.type = "Organization"  # "SpaceX", "UpGuard", "ALDI": no person is written so
    # "the newspaper Handelsblatt", "the readers of X": a publication, wherever it is named
    publications = {c.label for c in cands if c.type == "Person" and not c.qid
                    and _MEDIA_BEFORE.search(body[max(0, c.start - 30):c.start])}
    for c in cands:
        if c.label in publications and not c.qid:
            c.type = "Organization"
    _repeat_names(cands, body)
    _join_acronyms(cands, body, gaz)
    _join_short_forms(cands, body, gaz)
    _join_place_short_forms(cands, gaz)
    _name_towns_by_state(cands, body)
    _name_national_bodies(cands, ctx, gaz, article.publisher)
    _name_editions(cands, body, article.date)
    _dash_pairs(cands, gaz)
    names = _named_events()["names"]
    groups = _group_names()["names"]
    media = _group_names()["media"]
    for c in cands:
        if c.type == "NamedEvent" and not c.qid and c.label in names:
            c.label = names[c.label]  # "the Second World War" is World War II
        elif c.type in {"Organization", "Person"} and not c.qid and c.label in groups:
            c.type, c.label = "Organization", groups[c.label]  # "ISIS" is the Islamic State
        elif c.type in {"Organization", "Person"} and not c.qid and c.label in media:
            c.type, c.label = "Organization", media[c.label]  # "the Washington Post"
    return _assemble(cands, article, gaz, resolver)


def _assemble(cands: Sequence[_Cand], article: Article, gaz: Gazetteer,
              resolver: Resolver | None = None) -> tuple[Entity, ...]:
    """Group candidates into entities with mentions in ``article.text`` offsets."""
    off = article.body_start
    # "Houthi" (modifier) and "Houthis": one group, named in the plural, an organisation.
    plural = {c.label for c in cands if not c.qid and c.label.endswith("s")}
    for c in cands:
        if not c.qid and c.label + "s" in plural and c.type in {"Organization", "Person"}:
            c.label, c.type = c.label + "s", "Organization"
    for c in cands:
        if not c.qid and c.label in plural and c.type == "Person" and any(
                d.label == c.label and d.type == "Organization" for d in cands):
            c.type = "Organization"
    # "John R. Bolton" and "John Bolton" in one article: the name without the initial
    spelt = {article.text[c.start + off:c.end + off] for c in cands if c.type == "Person"}
    for c in cands:
        initial = _MIDDLE_INITIAL.fullmatch(c.label) if c.type == "Person" and not c.qid else None
        if initial and f"{initial[1]} {initial[2]}" in spelt:
            c.label = f"{initial[1]} {initial[2]}"
    # A congress or conference told once as held is a gathering in every mention.
    held = {c.label.casefold() for c in cands if c.type == "NamedEvent" and not c.qid
            and _CONVENED & {w.norm for w in split_words(c.label)}}
    for c in cands:
        if not c.qid and c.label.casefold() in held:
            c.type = "NamedEvent"
    # One unlinked name, one type: the reading most of its mentions get ("at Abqaiq" and
    # "Abqaiq was the target" are the same place).
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for c in cands:
        if not c.qid:
            votes[c.label.casefold()][c.type] += 1
    for c in cands:
        vote = votes[c.label.casefold()]
        if not c.qid and len(vote) > 1:
            # a tie between a person and a body goes to the person when no word says body
            ranked = sorted(vote.items(), key=lambda kv: (-kv[1], kv[0] != "Person"))
            if ranked[0][0] == "Person" and any(
                    w.norm in _NOT_NAME for w in split_words(c.label) if w.raw[:1].isalpha()):
                ranked = [kv for kv in ranked if kv[0] != "Person"] or ranked
            c.type = cast(EntityType, ranked[0][0])
    if resolver is not None:
        answers: dict[tuple[str, EntityType], str | None] = {}
        for c in cands:
            if not c.qid and c.type != "Other":
                if (c.label, c.type) not in answers:
                    answers[(c.label, c.type)] = resolver.resolve(c.label, c.type, article)
                c.qid = answers[(c.label, c.type)]
    groups: dict[str, list[_Cand]] = {}
    order: list[str] = []
    for c in cands:
        key = entity_key(c.label, c.type, c.qid)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(c)
    # the states and territories named ("Chief Executive of Hong Kong" is Hong Kong's)
    mentioned = _named_states(cands, gaz)
    mentioned |= {c.extra["stands_for"] for c in cands if "stands_for" in c.extra}
    out: list[Entity] = []
    for key in order:
        group = groups[key]
        head = group[0]
        seen: dict[tuple[int, int], Mention] = {}
        for c in group:
            s, e = c.start + off, c.end + off
            prev = seen.get((s, e))
            if prev is None or prev.confidence < c.conf:
                seen[(s, e)] = Mention(s, e, article.text[s:e], round(c.conf, 2))
        mentions = tuple(sorted(seen.values(), key=lambda m: m.start))
        stands_for = next((c.extra["stands_for"] for c in group if "stands_for" in c.extra), None)
        country = next((c.country for c in group if c.country), None)
        roles: tuple[Role, ...] = ()
        typ = head.type
        if typ == "Person" and head.qid:
            kb_roles = gaz.roles_at(head.qid, article.date)
            titles = [c.title for c in group if c.title]
            named: list[Role] = []
            for r in kb_roles:
                office = next((o for t in titles if (o := _office(t))), None)
                if office and r.of_label and (country is None or country == r.of_key):
                    named.append(Role(f"{office} of {r.of_label}", r.of_key, r.of_label))
                else:
                    named.append(r)
            roles = tuple(dict.fromkeys(named))
            # A role's country is the person's only when the article speaks of that country
            # (Macron's row in the table is co-prince of Andorra).
            owners = {r.of_key for r in kb_roles if r.of_key and r.of_key in mentioned}
            if country is None and len(owners) == 1:
                country = owners.pop()
        if typ == "Country":
            country = None
        label = head.label
        out.append(Entity(
            key=key, label=label, type=typ, wikidata=head.qid, mentions=mentions,
            stands_for=stands_for, country=country, roles=roles,
            confidence=max(m.confidence for m in mentions),
        ))
    return tuple(out)
