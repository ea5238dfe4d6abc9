"""Find PLOVER events in a parsed article: triggers from a lexicon, participants from the parse."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from geokg.assets import data_path
from geokg.extract.dates import HEDGES, count_of, resolve_date
from geokg.extract.factuality import (
    due_to_come,
    factuality_of,
    governor_chain,
    mistagged_noun,
    to_infinitive,
)
from geokg.model import PLOVER_TYPES, Article, Entity, EntityType, Event, Span

# spaCy ships no type information: its Doc, Token and Span objects are typed Any here.
Doc = Any
Token = Any

LEXICON_FILE = "plover_lexicon.json"
_PARTICIPANT_TYPES = frozenset({"Person", "Organization", "Country"})
# Dependents through which a participant phrase names its entities ("the leaders of Russia,
# France and Germany", "the German government", "the spokesperson for the German government").
_PHRASE_DEPS = frozenset({"compound", "amod", "poss", "nmod", "appos", "conj", "npadvmod"})
_PHRASE_PREPS = frozenset({"of", "for", "including"})
# Those taking part in a meeting, named by it ("participants in the SCO summit").
_ATTENDEES = frozenset({"participant", "guest", "attendee", "delegate"})
# Groups sent by a state, named with "from" it ("a delegation from Japan visited ...").
_SENT_GROUPS = frozenset({"delegation", "representative", "official", "team", "expert",
                          "specialist", "diplomat", "investor", "businessman", "troop",
                          "observer", "envoy", "mission"})
# Plural bodies a state has, named with "in" it ("security agencies in Armenia and Russia").
_BODIES_IN = frozenset({"agency", "authority", "service", "official", "ministry", "partner",
                        "friend", "colleague"})
_SUBJECTS = frozenset({"nsubj", "csubj"})
# What one writes or sends, whose content is its author's act ("a letter requesting ...").
_WRITINGS = frozenset({"letter", "message", "statement", "note", "telegram", "appeal", "tweet",
                       "declaration", "communique", "communiqué"})
_PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
_OBJECTS = frozenset({"dobj", "dative", "iobj"})
# Nouns for the people in a room ("welcome the members of your delegation").
_PEOPLE_NOUNS = frozenset({"member", "delegation", "guest", "colleague", "friend",
                           "participant", "delegate"})
# Objects that are the actor's own stance ("reaffirmed Russia's readiness/commitment").
_STANCES = frozenset({"readiness", "commitment", "intention", "intent", "willingness",
                      "determination", "resolve", "desire"})
# Governors through which a verb trigger finds its subject ("Russia is unlikely to offer",
# "Saudi Arabia started supporting", "agreed and signed").
_SUBJECT_CLIMB = frozenset({"xcomp", "acomp", "conj", "advcl", "ccomp"})
# Verbs of handing something over, whose "to" names the receiver ("send equipment to Russia").
_TRANSFERS = frozenset({"send", "supply", "deliver", "provide", "give", "transfer", "ship",
                        "grant"})
# Verbs of passing a message on, whose "to" names the receiver ("convey my greetings to").
_PASSING_ON = frozenset({"convey", "send", "pass", "extend", "deliver", "transmit"})
# Nouns of a chance taken to act ("use this opportunity to thank"): the taker acts.
_OCCASIONS = frozenset({"opportunity", "occasion", "chance", "honour", "honor", "privilege"})
# Verbs that carry the participants of their nominal object ("held talks with", "had a telephone
# conversation", "issued a joint statement", "expressed support", "stressed the need").
_LIGHT_VERBS = frozenset({
    "have", "hold", "take", "make", "issue", "express", "voice", "conduct", "carry", "launch",
    "give", "reach", "come", "continue", "start", "begin", "resume", "announce", "impose",
    "stage", "provide", "extend", "pay", "speak", "stress", "underline", "underscore",
    "emphasise", "emphasize", "reiterate", "confirm", "offer", "deliver", "sign", "adopt",
    "introduce", "lift", "declare", "agree", "exchange", "receive", "accept", "mount", "order",
    "send", "convey", "orchestrate", "mastermind", "perpetrate", "plan", "attempt", "note",
    "point", "highlight", "file", "bring", "raise", "attend", "participate", "reaffirm", "fire",
    "commit", "chair", "convene", "preside", "show",
})
_LIGHT_PREPS = frozenset({"in", "of", "to", "for", "about", "on", "via"})
# Nouns that carry an act named after "of" ("a message of condolence", "words of support",
# "an act of aggression").
_CARRIER_NOUNS = frozenset({"message", "letter", "word", "expression", "telegram", "note", "act"})
# Carriers that are sent: what they are reported to say, they said the day they were sent.
_MESSAGE_NOUNS = frozenset({"message", "letter", "telegram", "note"})
# Commitments that "the importance of" carries ("stressed the importance of adherence to the
# agreements" commits to them; "the importance of yesterday's deal" is no new deal).
_COMMITMENTS = frozenset({"reaffirm commitment", "commit"})
# Light verbs whose subject is the owner of the act ("X expressed his condolences"), unlike
# those whose subject receives it ("accepted our invitation").
_EXPRESSING = frozenset({
    "express", "voice", "convey", "extend", "send", "offer", "pay", "reiterate", "confirm",
})
# Participles that name who did an act ("an attack conducted by X", "ascribed to X").
_ATTRIBUTION = frozenset({
    "conduct", "carry", "ascribe", "attribute", "claim", "launch", "stage", "propose", "put",
    "submit", "advance", "initiate", "sponsor", "orchestrate", "make", "provide", "give",
    "render", "extend", "deliver", "undertake", "take", "pursue", "exert", "reach",
    "conclude", "adopt", "achieve", "sign", "broker",
})
# Participles that lead from a thing to its owner ("facilities belonging to Saudi Aramco").
_OWNERSHIP = frozenset({"belong", "own", "operate", "run"})
# Prepositions after which even a literal place is a counterpart ("pivot toward the West").
_DIRECTED_PREPS = frozenset({"toward", "towards", "with", "against"})
# Dependencies from an act up to the commitment or request whose content it is.
_CONTENT_DEPS = frozenset({"xcomp", "dobj", "pobj", "prep", "pcomp", "acl"})
# Words that tell an act as wished, needed or intended, not done.
_WISHING = frozenset({"need", "important", "importance", "necessary", "essential", "want",
                      "wish", "hope", "intend", "intention", "plan", "aim", "seek", "desire",
                      "honour", "honor", "determined"})
# Verbs of overseeing a signing others do.
_OVERSEEING = frozenset({"preside", "attend", "witness"})
# Verbs of asking outright: what they ask for is not the asker's own commitment.
_DEMANDS = frozenset({"call", "urge", "demand", "appeal", "ask", "request", "insist"})
# Keeping an accord, and the accords kept ("preserving this agreement").
_KEEPING = frozenset({"implement", "implementation", "preserve", "preservation", "fulfil",
                      "fulfill", "fulfilment", "comply", "compliance", "observe", "observance",
                      "uphold", "adhere"})
_ACCORDS = frozenset({"agreement", "treaty", "accord", "memorandum", "deal", "arrangement",
                      "protocol"})
# Furthering the ties between the speakers ("important to further develop interaction").
_FURTHERING = frozenset({"develop", "strengthen", "expand", "deepen", "enhance", "boost",
                         "maintain"})
# Nouns of a relation between states ("the importance of developing trade and ties"; defined
# twice before, the second hid "contact" from the first's users).
_TIES = frozenset({"cooperation", "relation", "relations", "interaction", "tie", "ties",
                   "relationship", "partnership", "contact", "contacts", "trade"})
# Verbs of ties that grow, foretold by a confident speaker ("relations will continue to develop").
_GROWING = frozenset({"develop", "grow", "strengthen", "expand", "deepen", "progress",
                      "flourish", "improve", "proceed", "prosper"})
# Nouns of joint work between states, an act whatever their modifiers ("interest in cooperation
# with the EEC").
_JOINT_WORK = frozenset({"cooperation", "interaction", "partnership"})
# Nouns of furthering something ("the development of cooperation").
_FURTHERING_NOUNS = frozenset({"development", "expansion", "strengthening", "deepening",
                               "promotion", "enhancement", "intensification", "advancement",
                               "growth"})
# Words by which a step is said to be needed ("it is important to resume the dialogue").
_NEEDED = frozenset({"important", "necessary", "essential", "vital", "crucial", "imperative",
                     "urgent", "needed"})
# Dependencies a place may hang on below its trigger (purpose clauses, objects, prepositions).
_PLACE_PATH = frozenset({"xcomp", "advcl", "dobj", "prep", "pobj", "appos"})
_SCHEDULING = frozenset({"hold", "schedule", "plan", "set", "due", "expect", "take"})
_TEMPORAL_WORDS = frozenset({
    "yesterday", "today", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "evening", "night",
})
_ANYONE = frozenset({"anybody", "anyone", "nobody", "everybody", "everyone", "somebody",
                     "someone"})
# Quantifiers of a part of many acts ("some of the attacks", "all of his proposals").
_SOME = frozenset({"some", "most", "all", "few", "any", "none"})
_AGGREGATE_WORDS = frozenset({
    "several", "numerous", "many", "multiple", "regular", "frequent", "repeated", "twice",
    "repeatedly", "regularly", "often", "frequently", "annual", "various", "always",
    "traditionally", "constantly", "continually", "usually", "habitually",
})
_TITLES = frozenset({
    "president", "chancellor", "minister", "premier", "secretary", "king", "queen", "emir",
    "prince", "government", "administration", "chairman", "chairwoman", "chair", "envoy",
    "ambassador", "spokesman", "spokeswoman", "spokesperson", "governor", "mayor", "general",
    "leader",
})
# Kinds of area, whose examples are places, not parties.
_AREA_WORDS = frozenset({"area", "region", "place", "city", "town", "village", "district",
                         "part", "province", "zone"})
# People around a named one who act on their own ("associates of Navalny", "his lawyers");
# not "our Iranian colleagues", "our friends from Armenia", who are those states.
_ENTOURAGE = frozenset({"associate", "supporter", "ally", "relative", "follower", "lawyer",
                        "critic", "opponent", "rival"})
# People of a state who act as its public, not as the state ("Chinese citizens criticized ...").
_PUBLIC = frozenset({"citizen", "resident", "people", "protester", "demonstrator", "activist",
                     "user", "voter", "worker", "netizen", "inhabitant"})
# Unnamed state forces whose acts, in a place of a state the article names, are that state's.
_FORCES = frozenset({"authority", "authorities", "police", "policeman", "officer"})
# Words that make an organisation a police force.
_POLICE = frozenset({"police", "gendarmerie", "militia", "carabinieri"})
# Words of the names of armed forces ("Russian Aerospace Forces", "Syrian Arab Army").
_MILITARY = frozenset({"army", "forces", "force", "navy", "military", "troops"})
# Modes of the acts only a state's police, prosecutors and courts perform on its own ground.
_STATE_FORCE_MODES = frozenset({"arrest", "detain", "charge", "convict", "sentence", "imprison",
                                 "seize property"})
# Nouns whose possessor is the side that acts through them ("her government").
_GOVERNMENTS = frozenset({"government", "administration", "cabinet", "country", "state"})
# Titles of heads of state or government: one holder per country at a time.
_LEADER_TITLES = frozenset({
    "president", "chancellor", "premier", "king", "queen", "emir", "leader",
})
# Nouns for the meeting itself, whose acts are its parties' ("the talks focused on").
_MEETING_NOUNS = frozenset({"conversation", "talk", "talks", "meeting", "discussion", "call"})
# Meeting nouns whose plural is many meetings ("talks" and "negotiations" are one).
_SINGLE_MEETINGS = frozenset({"meeting", "visit", "call", "conversation", "summit"})
_SPEAKER_PRONOUNS = frozenset({"i", "me", "my"})
# Meetings "our" names, said to the other side, as both sides' ("our talks today").
_OUR_MEETING = frozenset({"talk", "talks", "meeting", "negotiation", "conversation"})
# "you" in a transcript turn is the person the speaker answers or is answered by.
_ADDRESSEE_PRONOUNS = frozenset({"you", "your"})
_ALL = frozenset({"all", "each", "both"})  # "all of you", "you all": everyone in the room
_PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "himself", "herself"})
_THEY = frozenset({"they", "them", "their"})
_GROUP_PRONOUNS = _THEY | {"we", "our", "us"}
# Modes of ties kept up rather than held once ("contacts", "dialogue"): what "we will continue"
# commits to.
_STANDING_TIES = frozenset({"contacts", "dialogue"})
# Per act, the pronouns of both sides of a meeting that name their states ("we are restoring
# our ties", "our companies are ready to ..."); a "we" that meets or agrees is the leaders ("we
# have agreed to ...", as the held-out annotators read it), and so are "they" who agree ("they
# reaffirmed their commitment"), though cooperating "they" are states.
_STATEWISE = {"COOPERATE": _GROUP_PRONOUNS, "AGREE": frozenset({"our"})}
# Who signs for both sides of a meeting: their states ("we signed the Treaty", "the two sides
# signed a protocol"), as the annotators read seven of nine such signings.
_SIGNERS = frozenset({"we", "our", "us", "side"})
# Plural heads that, with no entity in them, refer back to the parties of the current meeting
# ("the two leaders", "both sides", "the Presidents", "the parties").
_GROUP_NOUNS = frozenset({"leader", "side", "party", "president", "head", "participant"})
# Plural heads that refer back to the states of the current meeting ("the two countries").
_STATE_NOUNS = frozenset({"country", "state", "nation"})
# Officials of one state: "your Ministers" are the addressee's state's, one or many ("your
# delegation" is the addressee's own, at the meeting).
_SERVANTS = frozenset({"minister", "ministry", "official", "representative", "diplomat",
                       "envoy"})
# Singular nouns an "our" makes one state's, the speaker's ("our country", "our government").
_ONE_STATES_OWN = _STATE_NOUNS | _GOVERNMENTS | _SERVANTS | {"parliament", "delegation"}
# Kinds of organisation a definite noun refers back to ("the court", "the embassy").
_ORG_KINDS = frozenset({"court", "embassy", "ministry", "committee", "commission", "company",
                        "agency", "council", "department", "parliament", "bank", "university"})
# The public a government addresses at home ("urged residents to evacuate").
_PUBLIC = frozenset({"resident", "citizen", "people", "public", "population", "voter",
                     "local", "inhabitant", "motorist", "traveller", "traveler"})
# Prepositions of what a concern is about, and the conduct whose owner it is aimed at
# ("concern over the position of the British side", "about the US decision to ...").
_TOPICAL = frozenset({"over", "about", "at", "regarding"})
_CONDUCT = frozenset({"position", "decision", "action", "policy", "move", "plan", "statement",
                      "step", "behaviour", "behavior", "activity", "approach", "stance",
                      "attitude", "conduct", "intention", "measure", "deployment", "attempt",
                      "refusal", "announcement", "rhetoric", "practice"})
# Stances taken on what someone said ("support what X said"), and verbs of saying.
_STANCE_TYPES = frozenset({"SUPPORT", "REJECT", "ACCUSE"})
_SAYING = frozenset({"say", "propose", "suggest", "state", "note", "mention", "tell"})
# Acts of one side that bind it alone (decisions, pledges, proposals, stated intent).
_PLEDGES = frozenset({"decide", "commit", "propose", "express intent", "express readiness",
                      "offer"})
# Prepositional objects that give an act's setting, not a party ("against the backdrop of").
_SETTINGS = frozenset({"backdrop", "background"})
_RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})
# Acts whose performer an allegation accuses ("claimed X attacked", "alleged Y threatened").
_HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "SANCTION", "MOBILIZE", "REJECT"})
# Decisions whose content is a meeting reported as a future event of its own ("agreed to
# continue contacts": AGREE and a future CONSULT).
_DECIDING = frozenset({"agree", "decide", "agreement", "decision", "readiness", "intention",
                       "intent", "willingness"})
# Documents whose title, capitalised, names a topic, not an act told ("the Agreement on
# technical assistance", "the Treaty on Good-Neighbourliness and Cooperation").
_TITLED_DOCUMENTS = frozenset({"agreement", "treaty", "protocol", "memorandum", "convention",
                               "declaration", "accord", "programme", "program", "law",
                               "concept", "strategy", "charter"})
# Documents whose "of" or "on" names what they provide for, not an act told ("a protocol of
# consultations for 2013 and 2014", "a programme of exchanges"; not "plans to withdraw").
_PLANS = frozenset({"plan", "protocol", "programme", "program", "memorandum", "roadmap",
                    "schedule", "timetable"})
# Words of thanks whose "for" names what the one thanked did for the thankers.
_THANKS = frozenset({"thank", "thanks", "grateful", "thankful", "gratitude", "appreciation",
                     "appreciate"})
# Words of thanks proper, whose "for" names what is thanked for ("thank you for the invitation").
_GRATITUDE = _THANKS - {"appreciation", "appreciate"}
# Acts a readiness to act can be an offer of ("ready to hold talks", "prepared to help").
_COOPERATIVE = frozenset({"AGREE", "CONSULT", "COOPERATE", "SUPPORT", "AID"})
# Acts a meeting report tells in the agentless passive, meaning its parties ("it was agreed").
_SAID_AT_MEETINGS = frozenset({"AGREE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT"})
# Auxiliaries of a passive, which a sentence needs to tell an act with no agent ("it was agreed").
_PASSIVE_AUX = frozenset({"was", "were", "is", "are", "been", "be"})
# Verbs whose agentless passive states an act said at a meeting ("an assessment was given").
_STATING = frozenset({"give", "reach", "express", "voice", "note", "make", "achieve", "confirm",
                      "reaffirm", "stress", "emphasise", "emphasize", "underline", "highlight",
                      "underscore", "issue",
                      "adopt", "publish", "release"})
# Verbs by which messages arrive from their senders ("condolences have come from ...").
_ARRIVING = frozenset({"come", "pour", "arrive"})
# Verbs by which a body reports its own acts ("the police said they had arrested").
_REPORTING = frozenset({"say", "state", "announce", "report", "confirm", "claim", "tell",
                        "add", "explain", "insist"})
# Adjectives of an act both parties of the meeting reported share ("the mutual commitment").
_MUTUAL = frozenset({"mutual", "shared", "reciprocal"})
# Acts whose parties may all be actors, each the other's counterpart ("A and B agreed").
_JOINT_ACTS = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# Words by which an article looks past one state's borders ("foreign citizens", "an
# international forum"): one that uses none and names one state tells of its home affairs.
_ABROAD = re.compile(r"\b(?:international|foreign|abroad|overseas|bilateral|diplomat\w*"
                     r"|embass(?:y|ies)|ambassadors?|global|world)\b", re.IGNORECASE)
# Words naming a state's own organs ("District Court", "the Senate"), which serve that state.
_ORGANS = frozenset({"court", "senate", "congress", "parliament", "ministry", "department",
                     "police", "government", "legislature", "assembly", "cabinet"})
# Offices whose holder, named right after ("Governor Kay Ivey", "District Attorney Cyrus
# Vance", "Senate minority leader Chuck Schumer"), serves the state of a story of home affairs.
_OFFICE_RE = re.compile(
    r"\b(?:governor|judge|attorney|senator|representative|congressman|congresswoman|mayor|"
    r"president|minister|secretary|leader|speaker|prosecutor|sheriff|commissioner|chairman|"
    r"chairwoman|chair|justice|lawmaker|legislator)\s*,?\s*$", re.IGNORECASE)
# Acts of force and protest, which a story of home affairs still reports (arrests, riots).
_FORCE = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"})
# Cue words of a call that call only in the impersonal ("it is important to").
_IMPORTANT = frozenset({"important", "essential"})
# Steps whose importance, stressed, calls for them ("the importance of coordinated steps").
_STEPS = frozenset({"step", "measure", "effort", "action", "settlement", "implementation",
                    "investigation", "dialogue", "solution", "compliance", "observance",
                    "resumption", "continuation", "cessation", "restraint", "organisation",
                    "organization", "adherence"})
# Acts a speaker performs by saying them, each sentence its own act in a transcript.
_SPEECH_ACTS = frozenset({"SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
# Acts done by saying or deciding them: their dates are often their content's.
_SAID_ACTS = _SPEECH_ACTS | {"AGREE"}
# Acts the day's news may report first, done that day unless told otherwise ("launched the Year
# of Russia in Kyrgyzstan during a ceremony", "granted a pardon"); not hostile acts, which may
# be days old when reported.
_HEADLINE_ACTS = _SAID_ACTS | {"COOPERATE", "CONCEDE"}
# Acts each told once: two signings by the same parties are two documents.
_DISTINCT_ACTS = frozenset({"sign agreement", "ratify agreement"})
# Acts that, told in two sentences, are two acts: "they agreed to A. They also agreed to B.",
# "we intend to develop our relations ... We are planning to expand cooperation", "they
# approved a package of documents. They also approved a resolution on ...".
_TOLD_APART = _DISTINCT_ACTS | {"agree", "call for", "express intent", "commit", "approve"}


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon entry: what a trigger word means and how its prepositions map to roles."""

    lemma: str
    pos: frozenset[str]
    type: str
    mode: str
    needs: frozenset[str] = frozenset()
    veto: frozenset[str] = frozenset()
    roles: tuple[tuple[str, str], ...] = ()
    needs_target: bool = False
    veto_head: frozenset[str] = frozenset()
    light: bool = False
    confidence: float = 0.7
    content_target: bool = False
    needs_clause: bool = False
    object_topic: bool = False
    asserted_only: bool = False
    clause_target: bool = False
    courtesy_on_person: bool = False
    possessor_target: bool = False
    passive_actor: bool = False
    target_types: frozenset[str] = frozenset()
    actor_types: frozenset[str] = frozenset()
    assessment: bool = False
    clause_types: frozenset[str] = frozenset()
    named_only: bool = False
    ties_foretold: bool = False

    def role_of(self, prep: str, lexicon: Lexicon) -> str:
        """The role ("actor", "target", "joint", "place", "none") of a preposition's object."""
        own = dict(self.roles)
        by_type = lexicon.type_roles.get(self.type, {})
        return own.get(prep, by_type.get(prep, lexicon.default_roles.get(prep, "none")))


@dataclass(frozen=True)
class Lexicon:
    """The trigger lexicon: entries by lemma and the default roles of prepositions."""

    by_lemma: dict[str, tuple[Trigger, ...]]
    default_roles: dict[str, str]
    type_roles: dict[str, dict[str, str]]


@cache
@cache
def _sides() -> frozenset[str]:
    """Regions that stand for a side with no state of its own (data/regions.json)."""
    data = json.loads(data_path("regions.json").read_text(encoding="utf-8"))
    return frozenset(data["sides"])


def load_lexicon(name: str = LEXICON_FILE) -> Lexicon:
    """Load the trigger lexicon shipped in geokg/data (cached)."""
    raw = json.loads(data_path(name).read_text(encoding="utf-8"))
    by_lemma: dict[str, list[Trigger]] = {}
    for item in raw["triggers"]:
        if item["type"] not in PLOVER_TYPES:
            raise ValueError(f"{name}: unknown PLOVER type {item['type']!r}")
        trig = Trigger(
            lemma=item["lemma"],
            pos=frozenset(item["pos"]),
            type=item["type"],
            mode=item["mode"],
            needs=frozenset(item.get("needs", ())),
            veto=frozenset(item.get("veto", ())),
            roles=tuple(sorted(item.get("roles", {}).items())),
            needs_target=bool(item.get("needs_target", False)),
            veto_head=frozenset(item.get("veto_head", ())),
            light=bool(item.get("light", False)),
            confidence=float(item.get("confidence", 0.7)),
            content_target=bool(item.get("content_target", False)),
            needs_clause=bool(item.get("needs_clause", False)),
            object_topic=bool(item.get("object_topic", False)),
            asserted_only=bool(item.get("asserted_only", False)),
            clause_target=bool(item.get("clause_target", False)),
            courtesy_on_person=bool(item.get("courtesy_on_person", False)),
            possessor_target=bool(item.get("possessor_target", False)),
            ties_foretold=bool(item.get("ties_foretold", False)),
            passive_actor=bool(item.get("passive_actor", False)),
            target_types=frozenset(item.get("target_types", ())),
            actor_types=frozenset(item.get("actor_types", ())),
            assessment=bool(item.get("assessment", False)),
            clause_types=frozenset(item.get("clause_types", ())),
            named_only=bool(item.get("named_only", False)),
        )
        by_lemma.setdefault(trig.lemma, []).append(trig)
    return Lexicon(
        {k: tuple(v) for k, v in by_lemma.items()},
        dict(raw["default_roles"]),
        {t: dict(r) for t, r in raw.get("type_roles", {}).items()},
    )


@dataclass
class _EntityIndex:
    """Which entity each token of the doc belongs to, with metonyms resolved."""

    token_key: dict[int, str]
    raw_key: dict[int, str]
    types: dict[str, EntityType]
    metonym: set[int]
    persons: list[tuple[int, str, bool]]
    # Transcript turns: (first token of a "Name: ..." paragraph, the person named or None).
    turns: list[tuple[int, str | None]] = field(default_factory=list)
    # A message quoted after "The message reads:": (its first token, sender, addressee).
    message: tuple[int, str, str | None] | None = None
    # The one person a turn opens by hailing ("Mr Premier, friends, colleagues,"), by turn.
    hailed: dict[int, str] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Doc, article: Article, entities: Sequence[Entity]) -> _EntityIndex:
        """Map tokens to entity keys; capitals and seats of power stand for their country."""
        keys = {e.key for e in entities}
        types = {e.key: e.type for e in entities}
        token_key: dict[int, str] = {}
        raw_key: dict[int, str] = {}
        metonym: set[int] = set()
        persons: list[tuple[int, str, bool]] = []
        text_len = len(doc.text)  # Doc.text joins every token: once, not per mention
        # the longest mentions first: a name inside another keeps its tokens, whatever the
        # order of the entities ("G20" inside "G20 summit")
        mentions = sorted(((ent, m) for ent in entities for m in ent.mentions),
                          key=lambda pair: pair[1].start - pair[1].end)
        for ent, m in mentions:
            resolved = ent.stands_for if ent.stands_for in keys else None
            start, end = m.start - article.body_start, m.end - article.body_start
            if start < 0 or end > text_len:
                continue  # a headline mention: not part of the body
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                token_key[tok.i] = resolved or ent.key
                raw_key[tok.i] = ent.key
                if resolved:
                    metonym.add(tok.i)
            if ent.type == "Person":
                # "One senator, Eduardo Bhatia, said he ...": a subject's apposition too;
                # "President of Ukraine Volodymyr Zelenskyy said": the title's holder
                is_subject = any(_heads_subject(t) for t in span)
                persons.append((span.start, ent.key, is_subject))
        persons.sort()
        turns = _turns(doc, entities, article)
        return cls(token_key, raw_key, types, metonym, persons, turns, _message(doc, persons),
                   _hailed(doc, turns, token_key, types, persons))

    def _turn_at(self, i: int) -> int:
        """Index in ``turns`` of the transcript turn holding token i; -1 before any turn."""
        return bisect.bisect_right(self.turns, i, key=lambda turn: turn[0]) - 1

    def speaker_at(self, i: int) -> str | None:
        """The speaker whose transcript turn holds token i, the sender of the message it is
        quoted from, else the latest person before it (the latest subject first)."""
        at = self._turn_at(i)
        if at >= 0:
            return self.turns[at][1]
        if self.message is not None and self.in_message(i):
            return self.message[1]
        return self.last_person_before(i)

    def addressee_at(self, i: int, *, hailed: bool = False) -> str | None:
        """The person "you" at token i addresses: the speaker of the nearest other turn.

        An answer to an unnamed questioner addresses nobody known; a question addresses who
        answers it; outside a transcript "you" is left alone. In a speech nobody answers,
        ``hailed`` asks for the one person it opened by hailing: right for whom the speaker
        thanks or congratulates, while "your work" may be the whole room's.
        """
        at = self._turn_at(i)
        if at < 0:
            # "you" in a quoted message: whom it was sent to
            return self.message[2] if self.message is not None and self.in_message(i) else None
        speaker = self.turns[at][1]
        before = (s for _, s in reversed(self.turns[:at]) if s is None or s != speaker)
        after = (s for _, s in self.turns[at + 1:] if s is None or s != speaker)
        for other in (before, after) if speaker is not None else (after,):
            found = next(other, speaker)
            if found != speaker:
                return found
        # nobody answers: the one person the speaker hailed ("Mr Premier, friends,")
        return self.hailed.get(at) if hailed else None

    def in_turn(self, i: int) -> bool:
        """True when token i is inside a transcript turn (someone's own words)."""
        return self._turn_at(i) >= 0

    def in_message(self, i: int) -> bool:
        """True when token i is inside the message the article quotes ("The message reads:")."""
        return self.message is not None and i >= self.message[0]

    def last_person_before(self, i: int, *, subject_first: bool = True,
                           exclude: AbstractSet[str] = frozenset(),
                           since: int = 0) -> str | None:
        """The person a pronoun at token i refers to: the latest subject, else the latest one
        (never one of ``exclude``: "Putin sent Castro a message, thanking him"), named at or
        after token ``since``."""
        last = subject = None
        for pos, key, is_subject in self.persons:
            if pos >= i:
                break
            if key in exclude or pos < since:
                continue
            last = key
            if is_subject:
                subject = key
        return (subject or last) if subject_first else last


# A transcript turn: a paragraph opening with the speaker's name (and title), perhaps a note
# on the language ("(retranslated)"), and a colon; the words follow it or start the next
# paragraph. Name particles may be lower case ("Abdel Fattah el-Sisi", "Ursula von der Leyen").
_TURN = re.compile(r"^(?:(?:[A-Z][\w.'’-]*|[a-z]{1,3}-[A-Z][\w.'’-]*|of|the|and|for|to|de|da|del"
                   r"|der|di|du|al|el|bin|ibn|von|van)[ \t]+){0,16}?"
                   r"(?:[A-Z]|[a-z]{1,3}-[A-Z])[\w.'’-]*(?:[ \t]+\([^()\n]{1,60}\))?:(?:[ \t]|$)",
                   re.MULTILINE)


def _heads_subject(tok: Token) -> bool:
    """True when a name's token is a clause's subject, or the name of one: in its
    apposition, or after the title that is ("President of Ukraine Volodymyr Zelenskyy")."""
    for _ in range(4):
        if tok.dep_ in {"nsubj", "nsubjpass"}:
            return True
        if tok.dep_ not in {"appos", "compound", "pobj", "prep"} or tok.head.i == tok.i:
            return False
        if tok.dep_ == "prep" and tok.lower_ != "of":
            return False
        tok = tok.head
    return False


# The opening of a speech: comma-separated forms of address, one of them perhaps a person's
# ("Mr Premier, friends, colleagues,"; "President Xi, friends,"; "Mr Babich, you head ...").
_HAIL_PERSON = re.compile(r"(?:(?:Dear|Esteemed) )?(?:Mr|Mrs|Ms|Madam|Madame|President"
                          r"|Prime Minister|Chancellor|Premier"
                          r"|Your (?:Majesty|Highness|Excellency))\.?"
                          r"(?: [A-Z][\w'’-]*){0,4}")
_HAIL_GROUP = re.compile(r"(?:(?:good|dear|esteemed|my) )?(?:afternoon|morning|evening|friends"
                         r"|colleagues|ladies and gentlemen|gentlemen|ladies|comrades|everyone)",
                         re.IGNORECASE)
_DIGNITARIES = re.compile(r"\b(?:heads|leaders|presidents|ministers|members|delegations?"
                          r"|delegates|participants|representatives|ambassadors|excellencies)\b",
                          re.IGNORECASE)
_HONORIFICS = frozenset({"Dear", "Esteemed", "Mr", "Mrs", "Ms", "Madam", "Madame", "Your"})
# Titles a form of address may hold instead of a name ("Mr Federal President").
_HAIL_TITLES = frozenset({"President", "Premier", "Minister", "Prime", "Federal", "Chancellor",
                          "Vice", "Secretary", "General", "Ambassador", "Chairman", "Chair",
                          "Speaker", "Governor", "Mayor", "Majesty", "Highness", "Excellency"})


def _hailed(doc: Doc, turns: Sequence[tuple[int, str | None]], token_key: Mapping[int, str],
            types: Mapping[str, EntityType], persons: Sequence[tuple[int, str, bool]]
            ) -> dict[int, str]:
    """The person each turn opens by hailing, when it hails exactly one and no company of
    dignitaries: named ("Mr Nazarbayev,"), or by title alone ("Mr Premier,"), then the first
    person other than the speaker whom the text names before the transcript."""
    hailed: dict[int, str] = {}
    for at, (start, speaker) in enumerate(turns):
        label = _TURN.match(doc.text, doc[start].idx) if speaker else None
        if label is None:
            continue
        rest = doc.text[label.end():]
        line = rest.lstrip(" \t\n")
        offset = label.end() + len(rest) - len(line)
        line = line.split("\n", 1)[0]
        people: list[tuple[int, int]] = []
        pos = 0
        while (comma := line.find(",", pos)) >= 0:
            item = line[pos:comma].strip()
            if _HAIL_PERSON.fullmatch(item):
                people.append((offset + pos, offset + comma))
            elif not _HAIL_GROUP.fullmatch(item):
                if _DIGNITARIES.search(item):
                    people.clear()  # "Mr President Xi Jinping, heads of state,": a forum
                break
            pos = comma + 1
        if len(people) != 1:
            continue
        span = doc.char_span(*people[0], alignment_mode="expand")
        if span is None:
            continue
        named = {token_key[t.i] for t in span if types.get(token_key.get(t.i, "")) == "Person"}
        if named:
            person = next(iter(named)) if len(named) == 1 else None
        elif all(t.text in _HAIL_TITLES or t.text in _HONORIFICS or not t.is_title
                 for t in span):
            person = next((key for p, key, _ in persons if p < turns[0][0] and key != speaker),
                          None)
        else:
            person = None
        if person is not None and person != speaker:
            hailed[at] = person
    return hailed


# "The message reads, in part:", "The telegram of condolences says:": a quoted message follows.
_MESSAGE_INTRO = re.compile(r"^(?:The|His|Her) (?:message|telegram|letter)\b[^\n:]{0,40}? "
                            r"(?:reads|says|read|said)\b[^\n:]{0,20}:[ \t]*$", re.MULTILINE)


def _message(doc: Doc, persons: Sequence[tuple[int, str, bool]]
             ) -> tuple[int, str, str | None] | None:
    """The message an article quotes after "The message reads:", with its sender (the first
    person named, the subject of "sent a message to") and its addressee (the next person
    named before the quote, if any)."""
    intro = _MESSAGE_INTRO.search(doc.text)
    if intro is None:
        return None
    span = doc.char_span(intro.end(), len(doc.text), alignment_mode="expand")
    if span is None:
        return None
    named = list(dict.fromkeys(key for pos, key, _ in persons if pos < span.start))
    if not named:
        return None
    return span.start, named[0], named[1] if len(named) > 1 else None


def _turns(doc: Doc, entities: Sequence[Entity], article: Article) -> list[tuple[int, str | None]]:
    """The transcript turns of the body ("Vladimir Putin: ..."), as (first token, speaker).

    The speaker is the person named in the label ("President of Russia Vladimir Putin:");
    a label naming no person ("Question:") is a turn of someone unknown.
    """
    spans = [(m.start - article.body_start, m.end - article.body_start, e.key)
             for e in entities if e.type == "Person" for m in e.mentions]
    turns: list[tuple[int, str | None]] = []
    for label in _TURN.finditer(doc.text):
        tok = doc.char_span(label.start(), label.end(), alignment_mode="expand")
        if tok is None:
            continue
        speaker = next((key for s, e, key in spans if label.start() <= s and e < label.end()),
                       None)
        turns.append((tok.start, speaker))
    return turns


@dataclass
class _Found:
    """Participants collected for one trigger."""

    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    from_context: bool = False
    directed: set[str] = field(default_factory=set)
    intent: bool = False  # a hope for what "we" will do: AGREE (intent), not REQUEST

    def add(self, role: str, keys: Iterable[str]) -> None:
        """Add keys to a role, keeping order and skipping repeats."""
        bucket = {"actor": self.actors, "joint": self.actors, "target": self.targets,
                  "place": self.places}.get(role)
        if bucket is None:
            return
        for key in keys:
            if key not in bucket:
                bucket.append(key)


class _Extractor:
    """Walks one doc and collects events; holds the discourse context between sentences."""

    def __init__(self, doc: Doc, article: Article, entities: Sequence[Entity],
                 place_states: Mapping[str, str]) -> None:
        self.doc = doc
        self.place_states = place_states
        self.article = article
        self.index = _EntityIndex.build(doc, article, entities)
        self.lexicon = load_lexicon()
        self.group: tuple[str, ...] = ()  # parties of the latest meeting, for "they"
        self.by_message = False  # the group is a message's sender and addressee, not "we"
        # the one international organisation whose summit the article reports, when no
        # meeting has two parties: who signs and agrees where the text names nobody
        self.summit: tuple[str, ...] = ()
        # a body of leaders a sentence names ("the leaders of the Normandy format countries"),
        # for "they" and "the leaders" when no meeting has parties
        self.body: tuple[str, ...] = ()
        self.country = {e.key: e.country for e in entities if e.country}
        # the head of state whose website publishes the article ("President of Russia
        # website"): who a bare "the President" is
        heads = [e.key for e in entities if e.type == "Person" and any(
            r.of_label and f"President of {r.of_label}" in (article.publisher or "")
            for r in e.roles)]
        self.publisher_head = heads[0] if len(heads) == 1 else None
        # regions that stand for a side with no state of its own ("between Kiev and Donbass")
        self.sides = {e.key for e in entities if e.type == "Place" and e.label in _sides()}
        self.labels = {e.key: e.label for e in entities}
        self.roles = {e.key: e.roles for e in entities if e.roles}
        self.linked = {e.key for e in entities if e.wikidata}
        # the one state an article names: whose police a story of one country tells of
        states = [e.key for e in entities if e.type == "Country"]
        self.sole_state: tuple[str, ...] = tuple(states) if len(states) == 1 else ()
        self.historical = False  # the current trigger's date lies in an earlier year
        # the current trigger's clause tells a time long past it cannot pin ("over 500 years
        # ago"): not the day of the meeting reported
        self.vaguely_past = False
        self._dates: dict[int, list[Any]] = {}  # per sentence start, its DATE/TIME names
        # the current trigger's pronouns of both sides that name their states (_STATEWISE)
        self.statewise: frozenset[str] = frozenset()
        # "the court", "the embassy": the one organisation of the article of that kind
        kinds: dict[str, set[str]] = defaultdict(set)
        for e in entities:
            words = {w.lower() for w in e.label.split()} & _ORG_KINDS
            if e.type == "Organization" and len(words) == 1:
                kinds[words.pop()].add(e.key)
        self.org_of_kind = {kind: next(iter(keys)) for kind, keys in kinds.items()
                            if len(keys) == 1}

    def note_body(self, sent: Any) -> None:
        """Note a sentence subject that names a body of leaders ("The leaders of the Normandy
        format countries reaffirm ..."), for a later "they" or "the leaders"."""
        if self.body:
            return
        for tok in sent:
            if (tok.dep_ in _SUBJECTS and tok.tag_ == "NNS"
                    and tok.lemma_.lower() in _GROUP_NOUNS):
                keys = self.phrase_entities(tok)
                if keys:
                    self.body = tuple(keys)
                    return

    # --- participants -------------------------------------------------------------------------

    def international(self, keys: Sequence[str]) -> bool:
        """Whether ``keys`` is one known organisation of no one state (the SCO, the CSTO)."""
        return (len(keys) == 1 and self.index.types.get(keys[0]) == "Organization"
                and keys[0] in self.linked and not self.country.get(keys[0]))

    def group_states(self) -> list[str]:
        """The states the parties of the current meeting act for (a party itself when its
        state is not an entity of the article)."""
        return self.states_of(self.group)

    def _two_states(self, keys: Sequence[str]) -> bool:
        """True when ``keys`` are, or serve, exactly two countries (talks of two states)."""
        states = self.states_of(keys)
        return len(states) == 2 and all(self.index.types.get(k) == "Country" for k in states)

    def states_of(self, keys: Sequence[str]) -> list[str]:
        """Each key as the state it acts for, when that state is an entity of the article."""
        types, states = self.index.types, self.country
        return list(dict.fromkeys(states[k] if states.get(k) in types else k for k in keys))

    def own_ties(self, event: Event, noters: Sequence[str]) -> bool:
        """True when the states an act of cooperation is between are those of who note its
        importance (the parties of the meeting when no one is named): "the parties noted the
        importance of further coordination of Russia's and Turkey's efforts"."""
        noters = tuple(noters) or self.group
        own = {self.country.get(k, k) for k in noters} | set(noters)
        return bool(event.actors) and set(event.actors) <= own

    def wishers(self, wish: Token) -> tuple[str, ...]:
        """The persons named as subject of the verb that tells a wish ("Mr Putin and Mr
        el-Sisi expressed their desire"), or none."""
        verb = wish.head if wish.pos_ == "NOUN" and wish.dep_ == "dobj" else wish
        keys = [k for c in verb.children if c.dep_ == "nsubj"
                for k in self.phrase_entities(c)]
        return tuple(k for k in dict.fromkeys(keys) if self.index.types.get(k) == "Person")

    def _enclosing_owner(self, pronoun: Token) -> list[str]:
        """The named owner of a noun phrase that encloses a possessive pronoun ("the Ukrainian
        side's actions, including their decision"): what the pronoun refers back to."""
        cur = pronoun.head
        for _ in range(4):
            if cur.head.i == cur.i:
                return []
            cur = cur.head
            for c in cur.children:
                if c.dep_ == "poss" and c.pos_ != "PRON" and c.i < pronoun.i:
                    return self.phrase_entities(c, 1)
        return []

    def _our_meeting(self, our: Token) -> list[str]:
        """Both sides of a transcript of two, for "our" meeting said as the subject before any
        meeting is known ("our talks today were held in a business-like atmosphere")."""
        meeting, idx = our.head, self.index
        if (self.group or our.dep_ != "poss" or not idx.in_turn(our.i)
                or meeting.lemma_.lower() not in _OUR_MEETING
                or meeting.dep_ not in {"nsubj", "nsubjpass"}
                or any(c.dep_ == "prep" and c.lower_ == "with" for c in meeting.children)):
            return []
        pair = [k for k in (idx.speaker_at(our.i), idx.addressee_at(our.i)) if k]
        # the speaker's and the addressee's, in a transcript of these two alone
        return pair if len(set(pair)) == 2 and {s for _, s in idx.turns if s} == set(pair) else []

    def _reporter(self, pronoun: Token) -> list[str]:
        """Who reports the clause a possessive pronoun is in, when the pronoun is theirs ("X
        acknowledged their government had shot down ...": X's government)."""
        owned, cur = pronoun.head, pronoun.head.head
        if owned.dep_ not in _SUBJECTS or cur.dep_ != "ccomp" or any(
                c.dep_ in _SUBJECTS and c.pos_ == "PRON" for c in cur.head.children):
            return []  # only the subject of the reported clause: "their government had"
        return [k for c in cur.head.children if c.dep_ in _SUBJECTS
                for k in self.phrase_entities(c, 1)]

    def _public_state(self, pronoun: Token) -> list[str]:
        """The state whose public is the subject of a possessive's clause ("Chinese citizens
        have criticized their government": China's)."""
        verb = next((t for t in pronoun.ancestors if t.pos_ in {"VERB", "AUX"}), None)
        if verb is None:
            return []
        key = self.index.token_key
        return [key[a.i] for s in verb.children if s.dep_ == "nsubj"
                and s.lemma_.lower() in _PUBLIC and s.tag_ == "NNS"
                for a in s.children if a.dep_ == "amod" and a.i in key
                and self.index.types.get(key[a.i]) == "Country"]

    def _previous_subject(self, pronoun: Token) -> str | None:
        """The person a subject pronoun opening its clause refers to when the sentence before,
        in the same paragraph, has that person as its main subject ("The President of Russia
        arrived ... He has met with Xi Jinping"; "Rod Blagojevich was jailed after he tried to
        sell Barack Obama's seat ... He was sentenced"), or None."""
        sent = pronoun.sent
        if pronoun.dep_ not in _SUBJECTS | _PASSIVE_SUBJECTS or sent.start == 0:
            return None
        doc = pronoun.doc
        prev = doc[sent.start - 1].sent
        if "\n" in doc.text[prev.end_char:sent.start_char]:
            return None  # another paragraph
        subjects = [c for c in prev.root.children if c.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS]
        if len(subjects) != 1 or subjects[0].pos_ == "PRON":
            return None
        keys = self.phrase_entities(subjects[0], 1)
        return keys[0] if len(keys) == 1 and self.index.types.get(keys[0]) == "Person" else None

    def _convened_by(self, meeting: Token) -> bool:
        """True for a meeting of a named organisation ("a meeting of the SCO Heads of State
        Council"): who attends it sits at it."""
        return any(self.index.types.get(k) == "Organization"
                   for p in meeting.children if p.dep_ == "prep" and p.lower_ == "of"
                   for o in p.children if o.dep_ == "pobj" for k in self.phrase_entities(o))

    def phrase_entities(self, head: Token, depth: int = 0) -> list[str]:
        """Entity keys a noun phrase names: the head's entity, or those inside the phrase."""
        idx = self.index
        if head.i in idx.token_key:
            holder = _holder_after(head, idx)
            if holder is not None and idx.types.get(idx.token_key[head.i]) in {
                    "Country", "Organization"}:
                return [holder]
            keys = [idx.token_key[head.i]]
            # "Russian-Chinese", "Russia-Turkey": the first of a hyphened pair hangs on the
            # second
            doc = head.doc
            keys[:0] = [idx.token_key[c.i] for c in head.children
                        if c.dep_ in {"amod", "compound"} and c.i in idx.token_key
                        and c.i + 2 == head.i and doc[c.i + 1].text in {"-", "–"}]
            # Coordinated names with titles ("Chancellor ... Angela Merkel, President ...
            # Emmanuel Macron and ...") hang their conjuncts anywhere in the phrase.
            for tok in head.subtree:
                if tok.i != head.i and tok.dep_ == "conj" and (
                    tok.head.i == head.i or tok.head.dep_ != "conj"
                ):
                    keys += self.phrase_entities(tok, depth + 1)
                elif tok.dep_ == "appos" and tok.head.i == head.i and tok.i in idx.token_key:
                    # "France, the U.S., and the EU" is often parsed as an apposition.
                    keys += self.phrase_entities(tok, depth + 1)
                elif (tok.dep_ == "appos" and tok.head.i == head.i
                      and tok.lemma_.lower() in _TITLES):
                    # so is the next titled name of a list ("..., Prime Minister of Norway
                    # Erna Solberg, ..."); not the title of the one named ("Pedro Sanchez,
                    # Prime Minister of Spain"), which names no one else
                    keys += [k for k in self.phrase_entities(tok, depth + 1)
                             if idx.types.get(k) == "Person"]
            return list(dict.fromkeys(keys))
        lower = head.lower_
        if head.pos_ == "PRON":
            if lower in {"his", "her"} and head.dep_ == "poss":
                # "my gratitude to Mr Putin for his kind invitation": Putin's; "After his
                # arrest on Friday, Tarrant stayed ...": Tarrant's
                owner = self._thanked_person(head.head) or self._subject_ahead(head)
                if owner is not None:
                    return [owner]
            if lower in _PERSON_PRONOUNS and (depth == 0 or (
                    head.dep_ == "poss" and head.head.lemma_.lower() in _GOVERNMENTS)):
                # "he", and "her government": the person meant (not "his associates"), first
                # in its own sentence ("which I discussed with Mr Lavrov when he visited")
                person = (idx.last_person_before(head.i, since=head.sent.start)
                          or self._previous_subject(head) or idx.last_person_before(head.i))
                return [person] if person else []
            if lower in _SPEAKER_PRONOUNS and (depth == 0 or (
                    head.dep_ == "conj" and lower in {"i", "me"})):
                # "I" in a transcript is the speaker of the turn; in a quote the person
                # named just before it; also when named with another ("President Xi and I
                # have always supported closer contacts").
                person = idx.speaker_at(head.i)
                if depth and person == idx.token_key.get(head.head.i):
                    return []  # "Pedro Sanchez and I", quoted: not the one named before "I"
                return [person] if person else []
            if lower in _ADDRESSEE_PRONOUNS and (depth == 0 or head.dep_ in {"poss", "conj"}):
                # "thank you", "your position": whom the speaker of the turn addresses, also
                # named with others ("Mr President, you and I agreed", the parser taking the
                # address for the subject); "all of you" is the room
                if (head.dep_ == "pobj" and head.head.head.lower_ in _ALL) or any(
                        c.lower_ in _ALL for c in head.children):
                    return []
                person = idx.addressee_at(head.i, hailed=head.dep_ in {"dobj", "dative"})
                # "you and I agreed": the addressee and the speaker
                others = [k for c in head.children if c.dep_ == "conj"
                          for k in self.phrase_entities(c, depth + 1)]
                return list(dict.fromkeys(([person] if person else []) + others))
            if (
                lower in _RELATIVE_PRONOUNS
                and head.head.dep_ == "relcl"
                and head.head.head.i in idx.token_key
            ):
                # "Babaryka, who was arrested": the relative pronoun is the name it hangs on.
                return self.phrase_entities(head.head.head, depth)
            if lower in {"their", "its"} and head.dep_ == "poss":
                owners = (self._enclosing_owner(head) or self._reporter(head)
                          or self._public_state(head))
                if owners:
                    # "Ukraine's actions, including their decision to ban ...";
                    # "representatives from Iran acknowledged their government had ..."
                    return owners
            if (lower == "they" and head.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS and not depth
                    and head.head.dep_ == "conj"):
                # "business leaders on both sides will meet, and they are expected to sign":
                # the subject of the clause "they" is coordinated with
                earlier = [k for c in head.head.head.children
                           if c.dep_ in _SUBJECTS and c.tag_ == "NNS"
                           for k in self.phrase_entities(c, depth + 1)]
                if earlier:
                    return earlier
            if lower == "they" and head.dep_ in _SUBJECTS and not depth:
                body = self._reporting_body(head)
                if body is not None:
                    return [body]  # "Thames Valley Police said they had arrested a man"
            if lower == "our" and not depth and (pair := self._our_meeting(head)):
                return pair
            if lower in _GROUP_PRONOUNS:
                exclusive = lower in {"we", "us"} and not depth and (
                    (_says_you(head.head, head) and idx.addressee_at(head.i) is not None)
                    or (head.dep_ in _SUBJECTS and idx.speaker_at(head.i) is not None
                        and self._names_a_party(head.head))
                    or (lower == "us" and idx.speaker_at(head.i) is not None
                        and self._party_does_it(head)))
                # the "we" of a message is its sender's, not the sender's and addressee's
                group = () if self.by_message and lower in {"we", "our", "us"} else self.group
                if not exclusive and (group or lower not in {"we", "our", "us"} or depth):
                    # Cooperation is between states: "we are restoring our trade ties", said
                    # by one leader to another, is Russia's and Turkey's.
                    if lower in self.statewise:
                        return self.states_of(group)
                    return list(group or (self.body if lower in _THEY else ()))
                # Outside a meeting report "we" in a quote is the speaker, the author of what
                # it proposes, hopes or is ready for (gold guidelines 5.3; the annotators give
                # such acts to the speaker two times in three); so is a "we" beside the "you"
                # it is said to ("we appreciate your position"). What "we" do between states
                # ("we have strengthened our ties", "we signed") is the speaker's state's.
                person = idx.speaker_at(head.i)
                if person is None:
                    return []
                state = self.country.get(person)
                return [state if state in idx.types and lower in self.statewise else person]
            return []
        keys = []
        if (head.lemma_.lower() in _ENTOURAGE and head.tag_ == "NNS"
                and head.dep_ in {"nsubj", "nsubjpass"}
                and not any(c.dep_ == "appos" for c in head.children)):
            # "Associates of Navalny alleged ...": unnamed people act, not Navalny
            return []
        if head.lemma_.lower() in _PUBLIC and head.tag_ == "NNS" and head.dep_ == "nsubj":
            # "Chinese citizens have criticized their government": the public acts, not the
            # state its demonym names
            return []
        if depth < 4:
            for child in head.children:
                if child.dep_ in _PHRASE_DEPS or (
                    child.dep_ == "prep" and child.lower_ in _PHRASE_PREPS
                ) or (
                    # "musicians such as Billy Idol and Cat Stevens": those named; not
                    # "residents of areas such as Jefferson Parish"
                    child.dep_ == "prep" and child.lower_ == "as"
                    and any(c.lower_ == "such" for c in child.children)
                    and head.lemma_.lower() not in _AREA_WORDS
                ) or (child.dep_ == "pobj" and head.dep_ == "prep") or (
                    # "a business delegation from Japan", "experts from Russia": whose they are
                    child.dep_ == "prep" and child.lower_ == "from"
                    and head.lemma_.lower() in _SENT_GROUPS
                ) or (
                    # "support for efforts by Venezuela", "the proclamation by Trump": the
                    # author of the thing acted on
                    child.dep_ == "prep" and child.lower_ == "by" and head.pos_ == "NOUN"
                ) or (
                    # "sent greetings to participants in the League of Arab States' summit":
                    # those taking part in a meeting stand for whose meeting it is
                    child.dep_ == "prep" and child.lower_ in {"in", "at", "of"}
                    and head.lemma_.lower() in _ATTENDEES and head.tag_ == "NNS"
                    and head.dep_ not in _SUBJECTS
                ):
                    keys += self.phrase_entities(child, depth + 1)
                elif (child.dep_ == "prep" and child.lower_ == "in" and head.tag_ == "NNS"
                      and head.lemma_.lower() in _BODIES_IN):
                    # "the heads of security agencies in Armenia and Russia": those states'
                    keys += [k for k in self.phrase_entities(child, depth + 1)
                             if idx.types.get(k) == "Country"]
                elif child.dep_ == "acl" and child.lemma_.lower() in _OWNERSHIP:
                    for sub in child.children:
                        if sub.dep_ == "prep":
                            keys += self.phrase_entities(sub, depth + 1)
                elif child.dep_ == "acl" and child.lemma_.lower() in _ATTRIBUTION:
                    # "the initiatives proposed by Canada" are Canada's.
                    for sub in child.children:
                        if sub.dep_ == "agent":
                            keys += [k for obj in sub.children if obj.dep_ == "pobj"
                                     for k in self.phrase_entities(obj, depth + 1)]
        if not keys and head.tag_ == "NNS" and (self.group or self.body):
            if head.lemma_.lower() in _GROUP_NOUNS and any(
                    c.dep_ == "compound" and c.pos_ == "NOUN"
                    and c.lemma_.lower() not in _MEETING_NOUNS | _SINGLE_MEETINGS
                    for c in head.children):
                # "business leaders on both sides": people of both states, not the leaders
                # of the meeting (but "the meeting participants" are its parties)
                keys = self.group_states() if _of_both_sides(head) else []
            elif head.lemma_.lower() in _GROUP_NOUNS:
                keys = (self.group_states() if head.lemma_.lower() in self.statewise
                        else list(self.group or self.body))
            elif head.lemma_.lower() in _STATE_NOUNS and any(
                c.lower_ in {"two", "both", "three", "the", "our"} for c in head.children
            ):
                # "the two countries": the states the parties of the meeting act for.
                keys = self.group_states()
        if (not keys and self.publisher_head and head.lower_ == "president"
                and [c.lower_ for c in head.children] == ["the"]):
            keys = [self.publisher_head]  # "The President met with ...", on kremlin.ru: Putin
        if head.lemma_.lower() in _TITLES or any(
                c.dep_ == "compound" and c.lemma_.lower() in _TITLES for c in head.children):
            # A title phrase names its holder: "the government of Abdrabbuh Mansur Hadi" is
            # Hadi; "President of the United States of America Barack Obama" is Obama even
            # when the parser splits the name off the title, or the end of the title off the
            # phrase ("Ambassador Extraordinary and Plenipotentiary of the Russian Federation
            # | to the Republic of Kazakhstan Alexei Borodavkin").
            persons = [k for k in keys if idx.types.get(k) == "Person"]
            if not persons and (holder := _holder_after(head, idx)) is not None:
                persons = [holder]
            nxt = head.right_edge.i + 1
            if nxt < len(head.doc) and head.doc[nxt].text in {"[", "("}:
                nxt += 1  # "the Federal Chancellor [Angela Merkel]": the editor's gloss
            nxt = _past_title_end(head.doc, nxt, idx)
            if not persons and nxt < len(head.doc) and nxt in idx.token_key:
                key = idx.token_key[nxt]
                persons = [key] if idx.types.get(key) == "Person" else []
            prime = head.lemma_.lower() == "minister" and any(
                c.dep_ == "compound" and c.lower_ == "prime" for c in head.children)
            plain = all(c.i in idx.token_key or (prime and c.lower_ == "prime")
                        for c in head.children if c.dep_ in {"amod", "compound"})
            if (
                not persons and (head.lemma_.lower() in _LEADER_TITLES or prime) and keys
                and plain and not self.historical
            ):
                # "the President of Russia" in an article naming one Russian: that person;
                # "the leaders of Russia and Palestine" likewise, when each is named. Not a
                # "former" or "vice" president, nor the holder at a date of the past.
                holders = [[k for k, c in self.country.items()
                            if c == state and idx.types.get(k) == "Person"] for state in keys]
                if all(len(h) == 1 and self._may_hold(h[0]) and not (
                        prime and h[0] in self.linked and not any(
                            r.title.startswith("Head of Government")
                            for r in self.roles[h[0]])) for h in holders):
                    # "the Spanish Prime Minister": its head of government (not its king)
                    persons = [h[0] for h in holders]
            keys = persons or keys
        lemma = head.lemma_.lower()
        if head.tag_ == "NNPS" and lemma.endswith("s"):
            lemma = lemma[:-1]  # "your Ministers": the model keeps a capitalised plural
        if head.tag_ in {"NN", "NNP"} and lemma in _ONE_STATES_OWN and (
                own := self._speakers_state(head)):
            # "our country", "our Foreign Minister", said in a turn or a message: one state's,
            # the speaker's ("Patriarch Kirill visited our country", said by Uzbekistan's);
            # "our ministers" are both sides'
            keys = [own]
        elif (lemma in _SERVANTS or (head.tag_ == "NN" and lemma in _STATE_NOUNS)) and any(
                c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children):
            # "an attack on your country", "my country", "many of your Ministers have visited",
            # "our foreign ministers met": the states of the persons meant
            keys = [state if (state := self.country.get(k)) in idx.types else k for k in keys]
        if not keys and head.lower_ in self.org_of_kind and (
                (head.tag_ == "NN" and [c.lower_ for c in head.children] == ["the"])
                or (head.dep_ == "compound" and head.is_title and not list(head.children))):
            # "the embassy declined the request", "the Council members discussed"
            keys = [self.org_of_kind[head.lower_]]
        if (
            not keys
            and head.lemma_.lower() in _MEETING_NOUNS
            and head.dep_ in _SUBJECTS
            and any(c.lower_ == "the" for c in head.children)
        ):
            # "The conversation touched on Syria, emphasising ...": by its parties.
            keys = list(self.group)
        return list(dict.fromkeys(keys))

    def commitment(self, event: Event, tok: Token) -> Event:
        """An act told as one "we" will keep on with, as the commitment to it: by the speaker
        of a turn or quoted message to the others it names, else by the act's parties."""
        actors, targets = event.actors, event.targets
        speaker = self.turn_speaker(tok)
        if speaker is not None:
            own = {speaker, self.country.get(speaker)}
            actors = (speaker,)
            # "we will continue close coordination with our Indian partners": those it names,
            # else the other parties of "our ties"
            targets = tuple(k for k in dict.fromkeys(event.targets or event.actors)
                            if k not in own)
        return replace(event, type="AGREE", mode="express intent", actors=actors,
                       targets=targets, factuality="asserted", date=None)

    def _speakers_state(self, noun: Token) -> str | None:
        """The state of who says "our" before a singular noun ("Patriarch Kirill visited our
        country", said by Uzbekistan's president), in a transcript turn or a quoted message."""
        own = next((c for c in noun.children if c.dep_ == "poss" and c.lower_ == "our"), None)
        person = self.turn_speaker(own) if own is not None else None
        state = self.country.get(person) if person else None
        return state if state in self.index.types else None

    def senders(self, noun: Token) -> list[str]:
        """Who the messages a noun is the content of came from: "Statements of condemnation
        have come from OIC head Yousef Al-Othaimeen, Pope Francis, and a spokesperson for
        Rodrigo Duterte" (the persons named after "from"; the bodies when none is named)."""
        messages = noun.head.head
        if not (noun.dep_ == "pobj" and noun.head.lower_ == "of"
                and messages.dep_ in _SUBJECTS and messages.head.lemma_.lower() in _ARRIVING):
            return []
        source = next((c for c in messages.head.children
                       if c.dep_ == "prep" and c.lower_ == "from"), None)
        if source is None:
            return []
        keys = [k for t in noun.doc[source.i:source.sent.end]
                if (k := self.index.token_key.get(t.i))]
        types = self.index.types
        persons = [k for k in dict.fromkeys(keys) if types.get(k) == "Person"]
        return persons or [k for k in dict.fromkeys(keys)
                           if types.get(k) in {"Organization", "Country"}]

    def _reporting_body(self, pronoun: Token) -> str | None:
        """The organisation or state whose report a clause's "they" is the subject of:
        "Thames Valley Police said they had arrested a second man" (a body speaks of
        itself as "they")."""
        clause = pronoun.head
        verb = clause.head
        if clause.dep_ != "ccomp" or verb.lemma_.lower() not in _REPORTING:
            return None
        for subject in verb.children:
            if subject.dep_ in _SUBJECTS and (key := self.index.token_key.get(subject.i)):
                return key if self.index.types.get(key) in {"Organization", "Country"} else None
        return None

    def _subject_ahead(self, pronoun: Token) -> str | None:
        """The person a "his" or "her" before its sentence's subject refers to: that subject,
        when it names one ("After his arrest on Friday, Brenton Tarrant stayed ..."); for an
        act other than a meeting, whose report the meeting's own sentence gives."""
        act = self.match(pronoun.head)
        if act is None or act.type == "CONSULT":
            return None  # "during his visit to Hungary, Putin met ...": told by the meeting
        root = pronoun.sent.root
        subjects = [c for c in root.children if c.dep_ in _SUBJECTS]
        if not subjects or pronoun.i > subjects[0].i or pronoun.head.i == subjects[0].i:
            return None
        key = self.index.token_key.get(subjects[0].i)
        return key if key and self.index.types.get(key) == "Person" else None

    def _thanked_person(self, noun: Token) -> str | None:
        """The person thanked for ``noun`` ("thanked Putin for", "my gratitude to Putin for")."""
        if noun.dep_ != "pobj" or noun.head.lower_ != "for":
            return None
        gov = noun.head.head
        if not ({gov.lemma_.lower()} | {c.lemma_.lower() for c in gov.children
                                         if c.dep_ == "dobj"}) & _THANKS:
            return None
        objs = [c for c in gov.children if c.dep_ == "dobj"] + [
            o for c in gov.children if c.dep_ in {"dative", "prep"} and c.lower_ == "to"
            for o in c.children if o.dep_ == "pobj"]
        return next((k for o in objs if (k := self.index.token_key.get(o.i))
                     and self.index.types.get(k) == "Person"), None)

    def _may_hold(self, person: str) -> bool:
        """Whether a person may be "the President/King/... of" their state: one the knowledge
        base knows (by its tables of leaders) only while heading a state or government at the
        article's date; one it does not know, by default. ("The King of Saudi Arabia" is not
        the Deputy Crown Prince who became Prime Minister years later.)"""
        return person not in self.linked or person in self.roles

    def _thanked_for_your(self, noun: Token, found: _Found) -> bool:
        """For the addressee's act a speaker thanks them for ("thank you for your assistance"):
        it went to the speaker's side, made its target; True if so."""
        speaker = self.turn_speaker(noun)
        if speaker is None or not _thanked_for(noun, _THANKS):
            return False
        state = self.country.get(speaker)
        found.add("target", [state if state in self.index.types else speaker])
        return True

    def _party_does_it(self, us: Token) -> bool:
        """Whether "us" is the object of what a party of the meeting, or its state, does:
        "we hope that Russia will support us", said by Russia's guest, is the guest's side."""
        verb = us.head.head if us.dep_ == "pobj" else us.head
        if us.dep_ not in {"dobj", "dative", "pobj"} or verb.pos_ not in {"VERB", "AUX"}:
            return False
        speaker = self.index.speaker_at(us.i)
        others = {*self.group, *self.group_states()} - {speaker, self.country.get(speaker or "")}
        key = self.index.token_key
        return any(t.i in key and key[t.i] in others
                   for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree)

    def _names_a_party(self, verb: Token) -> bool:
        """Whether the verb's object is a party of the meeting or its state: "we" who "thank
        Russia" at a meeting with Russia's president are the other side."""
        parties = {*self.group, *self.group_states()}
        key = self.index.token_key
        for obj in (c for c in verb.children if c.dep_ in {"dobj", "dative"}):
            # also whose it is: "we welcome the plans of the New Development Bank"; to whom
            # it goes: "we owe all of that to great Russia", said by Russia's guest
            owners = [obj, *(c for c in obj.children if c.dep_ == "poss"),
                      *(o for p in (*obj.children, *verb.children)
                        if p.dep_ == "prep" and p.lower_ in {"of", "to"}
                        for g in p.children if g.dep_ == "pobj"
                        for o in (g, *(q for r in g.children if r.dep_ == "prep"
                                       and r.lower_ == "of" for q in r.children)))]
            if any(o.i in key and key[o.i] in parties for o in owners):
                return True
        return False

    def _prep_objects(self, tok: Token, trig: Trigger, found: _Found,
                      authored: bool = False) -> None:
        """Assign the objects of the prepositions under tok to roles; ``authored``: tok is the
        object of the act, whose "by" names its author, not the actor ("criticised the
        decision by Argentina")."""
        for child in tok.children:
            if authored and child.lower_ in {"by", "of"}:
                continue  # the object's own "of" is part of what it names ("the Republic of X")
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found.add("actor", self.phrase_entities(obj))
            elif child.dep_ == "prep" or (child.dep_ == "dative" and child.pos_ == "ADP"):
                role = trig.role_of(child.lower_, self.lexicon)
                for obj in child.children:
                    if obj.dep_ != "pobj" or obj.lemma_.lower() in _SETTINGS:
                        continue  # "against the backdrop of X's case": the setting, no party
                    if (role == "target" and trig.type == "ACCUSE" and child.lower_ in _TOPICAL
                            and obj.lemma_.lower() not in _CONDUCT):
                        continue  # "concern over the death of Soleimani": not his doing
                    if (role == "place" and obj.i not in self.index.token_key
                            and (act := self.match(obj)) is not None and act.type != "CONSULT"):
                        continue  # "arrived at the invitation of ...": an act, not a place
                    before = tok.doc[child.i - 1]
                    if (role == "place" and child.lower_ == "in" and before.dep_ == "dobj"
                            and before.head.i == tok.i and before.tag_ == "NNS"
                            and before.lemma_.lower() in _BODIES_IN):
                        # "assisting our partners in South Ossetia", the "in" hung on the
                        # verb: the partners are that state
                        found.add("target", [k for k in self.phrase_entities(obj)
                                             if self.index.types.get(k) == "Country"])
                        continue
                    if role == "place" and obj.i in self.index.raw_key:
                        # "talks in Moscow": where it happened is the city, not what it
                        # stands for elsewhere in the article.
                        found.add("place", [self.index.raw_key[obj.i]])
                        continue
                    keys = self.phrase_entities(obj)
                    found.add(role, keys)
                    if role == "target" and child.lower_ in _DIRECTED_PREPS:
                        found.directed.update(keys)
                    # "exchange of detained persons between Kiev and Donbass"
                    for sub in obj.children:
                        if sub.dep_ == "prep" and sub.lower_ in {"between", "among"}:
                            for pobj in sub.children:
                                if pobj.dep_ == "pobj":
                                    found.add("joint", self.phrase_entities(pobj))

    def _subject_of(self, verb: Token) -> tuple[list[str], list[str]]:
        """(actors, passive targets) of a verb, climbing to the governor that has the subject."""
        if verb.dep_ in {"acl", "xcomp"} and verb.head.pos_ == "NOUN":
            # "Russia's decision to ...", "the US decision to recognise ...": the owner acts
            owners = [c for c in verb.head.children if c.dep_ == "poss" or (
                c.dep_ in {"compound", "amod"} and c.i in self.index.token_key)]
            if owners:
                return [k for o in owners for k in self.phrase_entities(o)], []
        if (verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ == "dobj"
                and verb.head.lemma_.lower() in _WRITINGS):
            # "Pompeo sent a letter requesting the new rules": who sent the letter asks
            authors = [k for c in verb.head.head.children if c.dep_ in _SUBJECTS
                       for k in self.phrase_entities(c)]
            if authors:
                return authors, []
        cur = verb
        shared = False  # the subject is a coordinated verb's
        passive_verb = any(c.dep_ == "auxpass" for c in verb.children)
        # "Quirin wept when convicted", "Tarrant appeared in court, charged with murder": a
        # bare participle with no object, passive though it has no auxiliary
        reduced = verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(
            c.dep_ in {"aux", "auxpass", "dobj"} or (c.dep_ == "conj" and any(
                g.dep_ == "dobj" for g in c.children)) for c in verb.children)
        # "As agreed, we will ...": the clause's subject did it
        said_so = any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
        for _ in range(4):
            subj = [c for c in cur.children if c.dep_ in _SUBJECTS]
            passive = [c for c in cur.children if c.dep_ in _PASSIVE_SUBJECTS]
            if subj or passive:
                actors = [k for s in subj for k in self.phrase_entities(s)]
                targets = [k for s in passive for k in self.phrase_entities(s)]
                if cur.i != verb.i and (reduced or (passive_verb and (
                        shared or verb.dep_ in {"xcomp", "pcomp"}))) and not said_so:
                    # "who was piloting ... and was attacked", "Avenatti is to be sentenced",
                    # "served eight years before being granted clemency": the subject the act
                    # climbs to undergoes it
                    return [], actors + targets
                if (not subj and verb.dep_ == "xcomp" and cur.i == verb.head.i
                        and not passive_verb):
                    # "they are expected to sign", "Mr Abe was invited to attend": the one
                    # expected or invited does the act
                    return targets, []
                return actors, targets
            if cur.dep_ == "pcomp" and cur.head.dep_ == "prep":
                # "took part in opening the centre": the gerund's subject is the verb's; "thank
                # you for inviting me", "accused Kiev of shelling": the object's.
                objs = [c for c in cur.head.head.children if c.dep_ == "dobj"]
                doers = [k for o in objs for k in self.phrase_entities(o)]
                if not doers and _thanks_for(cur.head, _THANKS):
                    # "I am thankful to you for agreeing to hold the meeting": who is thanked
                    words = (cur.head.head, *(c for c in cur.head.head.children
                                              if c.dep_ == "acomp"))
                    doers = [k for w in words for p in w.children
                             if p.dep_ == "prep" and p.lower_ == "to"
                             for o in p.children if o.dep_ == "pobj"
                             for k in self.phrase_entities(o)]
                if doers and cur.head.lower_ in {"for", "of"}:
                    return doers, []
                cur = cur.head.head
                continue
            if (cur.dep_ in {"acl", "xcomp", "relcl"} and cur.head.lemma_.lower() in _OCCASIONS
                    and cur.head.dep_ in {"dobj", "pobj"}):
                # "I would like to use this opportunity to congratulate you", "I have the
                # honour to thank you": who uses it; "thank you for the opportunity to meet":
                # who is thanked for it
                cur = cur.head.head
                if cur.dep_ == "prep":
                    cur = cur.head
                continue
            if cur.dep_ not in _SUBJECT_CLIMB or cur.head.i == cur.i:
                break
            if cur.dep_ == "xcomp" and cur.head.pos_ == "NOUN":
                break
            shared = shared or cur.dep_ == "conj"
            if cur.dep_ == "xcomp":
                # Object control: "instructed Lavrov and Kerry to continue contacts" -> the
                # performers are the object, not the instigator.
                objs = [c for c in cur.head.children if c.dep_ in {"dobj"}
                        and c.lemma_.lower() not in _OCCASIONS]  # "use this opportunity to"
                if objs:
                    return [k for o in objs for k in self.phrase_entities(o)], []
            cur = cur.head
        return [], []

    def verb_participants(self, verb: Token, trig: Trigger, found: _Found) -> None:
        """Participants of a verbal trigger: subject, objects, prepositional objects."""
        actors, passive = self._subject_of(verb)
        if not actors and not passive and verb.dep_ == "ROOT" and verb.tag_ == "VBP":
            # "Thank you for the invitation": the unsaid first person, the turn's speaker
            speaker = self.index.speaker_at(verb.i)
            actors = [speaker] if speaker else []
        if trig.passive_actor:  # "Spain is committed to ...": Spain commits itself
            actors, passive = actors + passive, []
        found.add("actor", actors)
        if not trig.object_topic:  # "Syria was discussed": the topic, not a party
            found.add("target", passive)
        for child in verb.children:
            if child.dep_ in _PASSIVE_SUBJECTS:
                # "A treaty between A and B was signed", "an agreement on cooperation in science
                # between A and B was signed": the parties are named in the subject.
                for prep in child.subtree:
                    if prep.dep_ == "prep" and prep.lower_ in {"between", "among"}:
                        for obj in prep.children:
                            if obj.dep_ == "pobj":
                                found.add("joint", self.phrase_entities(obj))
            elif child.dep_ == "ccomp" and trig.content_target:
                # "claimed the rebels attacked": the accused is who performs the hostile act.
                found.add("target", self._hostile_performers(child))
            if child.dep_ in _OBJECTS and trig.object_topic:
                # "discussed economic matters with Prime Minister Medvedev": the parser hangs
                # the partner on the topic; one discusses matters with a person (but "the
                # situation with Nagorno-Karabakh" is the topic)
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ == "with":
                        found.add("target", [k for obj in prep.children if obj.dep_ == "pobj"
                                             for k in self.phrase_entities(obj)
                                             if self.index.types.get(k) == "Person"])
            if child.dep_ in _OBJECTS and not trig.object_topic:
                # "reaffirmed Russia's readiness": whose stance it is stands with the actor
                # (but "support your intentions" supports the intending side)
                own = trig.type == "AGREE" and child.lemma_.lower() in _STANCES
                role = "actor" if own else "target"
                keys = self._object_entities(child, actors)
                if not keys and trig.type == "SUPPORT" and self.match(child) is not None:
                    # "we welcome this dialogue between the Holy See and the Church", "the
                    # agreement ... as agreed by the Contact Group": the act's parties (not
                    # the speakers' own states: "praised the cooperation between our states")
                    speakers = set(actors) | set(self.states_of(actors))
                    found.add("target", [k for k in self._parties_of_act(child)
                                         if k not in speakers])
                    continue
                if not keys and trig.type == "SUPPORT" and self.index.in_turn(child.i):
                    # "we support the main agenda you have set for this summit": yours
                    keys = [k for rel in child.children if _yours(rel)
                            for k in [self.index.addressee_at(rel.i)] if k]
                found.add(role, keys)
                self._prep_objects(child, trig, found, authored=True)
            elif child.dep_ in {"xcomp", "ccomp"} and trig.type in {"REQUEST", "AGREE"}:
                if child.dep_ == "xcomp" and (trig.needs_clause or trig.mode == "offer"):
                    found.add("target", self._clause_partners(child))
                # "urged Iran to cooperate", "invited Obama to come": the addressee; "we hope
                # that we will meet" asks nothing of anyone.
                for sub in child.children:
                    if sub.dep_ not in _SUBJECTS:
                        continue
                    if sub.lower_ == "it" and child.lemma_ == "be":
                        # "stressed how important it is for the United States to fulfil its
                        # promises": whom the clause after "for" asks to act
                        found.add("target", [
                            k for act in child.children if act.dep_ in {"advcl", "xcomp"}
                            and any(m.dep_ == "mark" and m.lower_ == "for" for m in act.children)
                            for who in act.children if who.dep_ in _SUBJECTS
                            for k in self.phrase_entities(who)])
                        continue
                    if trig.mode == "express hope" and _first_person(sub):
                        # "I hope that our countries will advance our relations": an intent
                        # the speaker states to whom they address, not a request
                        found.intent = True
                    else:
                        found.add("target", self.phrase_entities(sub))
            elif (child.dep_ == "ccomp" and trig.type in _STANCE_TYPES
                    and child.lemma_.lower() in _SAYING
                    and any(c.lower_ == "what" for c in child.children)):
                # "I fully support what Mr Yanukovych just said": the sayer
                found.add("target", [k for c in child.children if c.dep_ in _SUBJECTS
                                     for k in self.phrase_entities(c)])
        self._prep_objects(verb, trig, found)

    def _object_entities(self, obj: Token, subjects: Sequence[str]) -> list[str]:
        """Entity keys an object names; "him" or "her" is not its own verb's subject ("Putin
        sent a message to Castro, thanking him": Castro)."""
        keys = self.phrase_entities(obj)
        if obj.lower_ in {"him", "her"} and set(keys) & set(subjects):
            other = self.index.last_person_before(obj.i, exclude=set(subjects))
            keys = [other] if other else []
        return keys

    def _parties_of_act(self, act: Token) -> list[str]:
        """Who an act noun names as its parties ("between A and B", "by C", "agreed by D")."""
        keys: list[str] = []
        for tok in act.subtree:
            if tok.dep_ == "pobj" and (tok.head.dep_ == "agent" or (
                    tok.head.dep_ == "prep" and tok.head.lower_ in {"between", "among", "by"})):
                keys += self.phrase_entities(tok)
        return keys

    def _clause_partners(self, clause: Token) -> list[str]:
        """Whom a readiness or intent is towards: the partner of the act it is to do ("ready to
        share its research with Argentina", "intends to develop relations with Peru", "ready
        to help Syria")."""
        partners: list[str] = []
        if clause.lemma_.lower() in {"help", "assist"}:
            # "to help the Congo to counter the virus": the parser makes the one helped the
            # subject of what it is helped to do
            partners += [k for c in clause.children if c.dep_ in {"ccomp", "xcomp"}
                         for s in c.children if s.dep_ in _SUBJECTS
                         for k in self.phrase_entities(s)]
        # "ready to invest more and to cooperate with Russia": whom each act it is ready for
        # is with (what a second act is done to may be the parties' own: "and to promote the
        # development of Russia and China")
        acts = [c for c in clause.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        for sub in (clause, *acts, *(c for c in clause.children if c.dep_ in _OBJECTS)):
            if sub is not clause and sub not in acts:
                partners += self.phrase_entities(sub)
            for prep in sub.children:
                if prep.dep_ == "prep" and (prep.lower_ == "with" or (
                        prep.lower_ == "to" and sub not in acts and _TRANSFERS & {
                            sub.lemma_.lower(), sub.head.lemma_.lower()})):
                    # "... with Argentina", "offered to send medical equipment to Russia",
                    # "readiness to provide aid to Russia" (the "to" hung on what is given)
                    partners += [k for obj in prep.children if obj.dep_ == "pobj"
                                 for k in self.phrase_entities(obj)]
        return partners

    def turn_speaker(self, tok: Token) -> str | None:
        """The speaker of the transcript turn, or the sender of the quoted message, a token is
        in; None elsewhere."""
        idx = self.index
        return idx.speaker_at(tok.i) if idx.in_turn(tok.i) or idx.in_message(tok.i) else None

    def _praise_of_subject(self, noun: Token, found: _Found) -> None:
        """"Iran is a good neighbour and a reliable partner for Russia", said in a turn: the
        speaker's praise of the copula's subject (not of the speaker's own state); "Arnel dela
        Vega said the Abu Sayyaf Group are the suspected perpetrators": the sayer's blame."""
        cop = noun.head if noun.dep_ == "attr" else None
        while cop is not None and cop.dep_ == "conj" and cop.pos_ == "NOUN":
            cop = cop.head.head if cop.head.dep_ == "attr" else None
        speaker = self.turn_speaker(noun)
        if (cop is not None and cop.dep_ == "ccomp"
                and cop.head.lemma_.lower() in _SAYING):
            sayers = [k for c in cop.head.children if c.dep_ in _SUBJECTS
                      for k in self.phrase_entities(c)]
            speaker = sayers[0] if len(sayers) == 1 else speaker
        if cop is None or cop.lemma_.lower() not in {"be", "remain"} or speaker is None:
            return
        praised = [k for c in cop.children if c.dep_ in _SUBJECTS
                   for k in self.phrase_entities(c)]
        if self.country.get(speaker) not in praised:  # "Kazakhstan will always be ...": a vow
            found.add("actor", [speaker])
            found.add("target", praised)

    def _thanks_to(self, noun: Token, found: _Found) -> bool:
        """Whom thanks go "to" when the parser hangs the "to" on the verb ("express my
        gratitude to you"); True when a bare "thanks to" has settled the participants:
        "achieved thanks to your efforts" credits the addressee only as a speaker's words (in
        a narrative it names a cause)."""
        nxt = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
        if nxt is not None and nxt.lower_ == "to" and nxt.head != noun:
            for obj in nxt.children:
                if obj.dep_ == "pobj":
                    found.add("target", self.phrase_entities(obj))
        if noun.lower_ != "thanks" or (noun.dep_ == "dobj"
                                       and noun.head.lemma_.lower() in _LIGHT_VERBS):
            return False  # "express thanks to", "gratitude": the light verb's subject thanks
        speaker = self.turn_speaker(noun)
        own = self.country.get(speaker or "")
        found.targets[:] = [k for k in found.targets if speaker and k != own]
        if speaker is not None:
            found.add("actor", [speaker])
        return speaker is None

    def _hostile_performers(self, clause: Token) -> list[str]:
        """Performers of the hostile acts a reported clause states ("the rebels attacked")."""
        keys: list[str] = []
        for tok in clause.subtree:
            trig = self.match(tok) if tok.pos_ == "VERB" else None
            if trig is not None and trig.type in _HOSTILE_TYPES:
                keys += self._subject_of(tok)[0]
        return keys

    def noun_participants(self, noun: Token, trig: Trigger, found: _Found) -> None:
        """Participants of a nominal trigger: possessor, modifiers, prepositional objects."""
        idx = self.index
        if trig.assessment:
            self._praise_of_subject(noun, found)
            return
        senders = self.senders(noun)
        if senders:
            found.add("actor", senders)  # "Statements of condemnation have come from A, B"
            return
        if trig.type == "CONSULT" and _hosted(noun):
            # "Russia hosted the G20 summit", "will be hosted by our country": the host is
            # the meeting's target (its actor stays the club that meets)
            host = noun.head
            hosts = [k for a in host.children if a.dep_ == "agent"
                     for o in a.children if o.dep_ == "pobj"
                     for k in self.phrase_entities(o)] or self._subject_of(host)[0]
            speaker = self.index.speaker_at(noun.i) if self.index.in_turn(noun.i) else None
            if speaker is not None and len(hosts) > 1:
                # "we are preparing to host the summit", "will be hosted by our country",
                # said in a turn: one state hosts, the speaker's
                hosts = self.states_of([speaker])
            found.add("target", hosts)
        if (noun.lemma_.lower() == "invitation" and noun.dep_ == "pobj"
                and noun.head.lower_ in {"at", "on"}):
            # "Mr Seehofer is in Moscow on a working visit at the invitation of Mayor Sergei
            # Sobyanin": the mayor invited him, whoever the clause is about
            for of in noun.children:
                if of.dep_ == "prep" and of.lower_ == "of":
                    found.add("actor", [k for o in of.children if o.dep_ == "pobj"
                                        for k in self.phrase_entities(o)])
                elif of.dep_ == "poss":
                    found.add("actor", self.phrase_entities(of))  # "at Mr Putin's invitation"
            gov = noun.head.head
            while gov.pos_ not in {"VERB", "AUX"} and gov.head.i != gov.i:
                gov = gov.head
            found.add("target", [k for k in self._subject_of(gov)[0] if k not in found.actors])
            return
        if (noun.lemma_.lower() == "invitation" and noun.dep_ == "dobj"
                and noun.head.lemma_.lower() == "accept"):
            # "grateful to you for accepting the invitation": who accepts it was invited, by
            # whom it names ("the invitation of President Xi", "Mr Putin's", "from Trump"; in
            # a turn, "our" is the speaker's, "your" the addressee's)
            idx = self.index
            for c in noun.children:
                if c.dep_ == "poss" and c.lower_ in {"my", "our"} and idx.in_turn(c.i):
                    found.add("actor", [k for k in [idx.speaker_at(c.i)] if k])
                elif c.dep_ == "poss" and c.lower_ == "your" and idx.in_turn(c.i):
                    found.add("actor", [k for k in [idx.addressee_at(c.i, hailed=True)] if k])
                elif c.dep_ == "poss" and c.pos_ != "PRON":
                    found.add("actor", self.phrase_entities(c))
                elif c.dep_ == "prep" and c.lower_ in {"of", "from"}:
                    found.add("actor", [k for o in c.children if o.dep_ == "pobj"
                                        for k in self.phrase_entities(o)])
            if not found.actors and _thanked_act(noun.head) and idx.in_turn(noun.i):
                # "we are grateful to you for accepting the invitation": the thanker's
                found.add("actor", [k for k in [idx.speaker_at(noun.i)] if k])
            found.add("target", [k for k in self._subject_of(noun.head)[0]
                                 if k not in found.actors])
            return
        if trig.type == "AGREE" and _made_earlier(noun):
            # "the agreements we made during your visit": who made them
            for made in noun.children:
                if made.dep_ == "relcl" and made.lemma_.lower() in _MAKING:
                    found.add("actor", self._subject_of(made)[0])
        if trig.type == "AGREE" and noun.lemma_.lower() in _STANCES:
            # "Russia's readiness to help the Republic of the Congo": whom the act it is
            # ready for is towards, as for "ready to help"; not the holders' own states
            # ("their readiness to continue Russian-French consultations")
            holders = [k for c in noun.children if c.dep_ == "poss"
                       for k in self.phrase_entities(c)]
            if noun.dep_ == "dobj":
                holders += self._subject_of(noun.head)[0]
            own = set(holders) | {self.country.get(k) for k in holders}
            for clause in noun.children:
                if clause.dep_ == "acl" and to_infinitive(clause):
                    found.add("target", [k for k in self._clause_partners(clause)
                                         if k not in own])
        if noun.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS:
            # "Talks between A and B were held in Deauville": the place is on the verb.
            for child in noun.head.children:
                if child.dep_ == "prep" and self.lexicon.default_roles.get(child.lower_) == "place":
                    for obj in child.children:
                        if obj.dep_ == "pobj" and obj.i in idx.raw_key:
                            found.add("place", [idx.raw_key[obj.i]])
        # "Turkey's leader expressed his condolences": the light verb's subject, not a guess
        # at whom "his" refers to.
        light_owner = noun.dep_ == "dobj" and noun.head.lemma_.lower() in _EXPRESSING and any(
            c.dep_ in _SUBJECTS for c in noun.head.children
        )
        # "Khashoggi's killing": the possessor undergoes the act, unless an "of" names who
        # does ("Russia's poisoning of Skripal")
        owner = "target" if trig.possessor_target and not any(
            c.dep_ == "prep" and c.lower_ == "of" for c in noun.children) else "actor"
        for clause in noun.children if trig.type in _HOSTILE_TYPES else ():
            if (clause.dep_ == "relcl" and (told := self.match(clause))
                    and told.type == trig.type):
                # "the strike delivered by X, in which ISIS leaders were killed", "the air
                # strike which killed Soleimani": its targets
                found.add("target", [k for c in clause.children
                                     if c.dep_ in _PASSIVE_SUBJECTS or c.dep_ == "dobj"
                                     for k in self.phrase_entities(c)])
        if (trig.type == "COOPERATE" and _thanked_for(noun)
                and not any(c.dep_ == "poss" for c in noun.children)):
            # "thanking him for the long-term cooperation": the cooperation was theirs
            thank = noun.head.head
            thankers = self._subject_of(thank)[0]
            found.add("joint", [k for obj in thank.children if obj.dep_ == "dobj"
                                for k in self._object_entities(obj, thankers)])
            found.add("joint", thankers)
        for child in noun.children:
            if child.dep_ == "poss" and child.lower_ in {"its", "their"} and _thanked_for(noun):
                # "thanked Russia for its timely aid": whose aid is whom the thanks go to
                thank = noun.head.head
                found.add(owner, [k for o in thank.children if o.dep_ == "dobj"
                                  for k in self.phrase_entities(o)])
                # ... and the thanking side received it: the state its speaker acts for
                thankers, _ = self._subject_of(thank)
                found.add("target", [st if (st := self.country.get(k)) in self.index.types
                                     else k for k in thankers])
            elif child.dep_ == "poss":
                if not (light_owner and child.pos_ == "PRON"):
                    found.add(owner, self.phrase_entities(child))
                if child.lower_ == "your":
                    self._thanked_for_your(noun, found)
            elif (child.dep_ == "acl" and child.tag_ == "VBN" and trig.type == "AID"
                  and _thanked_for(noun, _THANKS)):
                # "Maduro expressed gratitude for the assistance rendered by Russia": the
                # thanking side received it
                thank = noun.head.head
                verb = thank.head if thank.pos_ == "NOUN" else thank
                found.add("target", [k for k in self.states_of(self._subject_of(verb)[0])
                                     if k not in found.actors])
            elif child.dep_ == "relcl":
                # "grateful for the support that you have given us", "we thank Russia for
                # the aid it has provided": the act of whom the speaker thanks
                doer = next((c for c in child.children if c.dep_ in _SUBJECTS), None)
                if (doer is not None and doer.lower_ in {"you", "it", "they"}
                        and self._thanked_for_your(noun, found)):
                    thanked = [doer] if doer.lower_ == "you" else [
                        o for o in noun.head.head.children if o.dep_ == "dobj"]
                    found.add(owner, [k for t in thanked for k in self.phrase_entities(t)])
            elif child.dep_ in {"amod", "compound", "nmod"}:
                for tok in child.subtree:
                    key = idx.token_key.get(tok.i)
                    if key is None:
                        continue
                    if idx.types.get(key) == "Place" and tok.i not in idx.metonym:
                        found.add("place", [key])
                    else:
                        found.add("actor", [key])
        self._prep_objects(noun, trig, found)
        if trig.mode == "thank" and self._thanks_to(noun, found):
            return
        if trig.clause_target:
            # "expressed hope that Ukraine will refrain": whom the hope addresses.
            for clause in noun.children:
                if clause.dep_ in {"acl", "ccomp"} and any(
                    c.dep_ == "mark" and c.lower_ == "that" for c in clause.children
                ):
                    found.add("target", [k for sub in clause.children if sub.dep_ in _SUBJECTS
                                         for k in self.phrase_entities(sub)])
        if trig.type == "AGREE" and self.group:
            for reach in _reaching(noun):
                for obj in (o for sub in reach.children if sub.dep_ == "prep"
                            and sub.lower_ in {"at", "during"}
                            for o in sub.children if o.dep_ == "pobj"):
                    met = self.match(obj)
                    if met is None or met.type != "CONSULT" or self._parties_of_act(obj):
                        continue
                    # "the agreements reached at the Normandy format summit": the format's;
                    # "at the summit in Ankara", said in a report of two leaders' talks: their
                    # summit, their states' agreements
                    named = [idx.token_key[c.i] for c in obj.children
                             if c.dep_ in {"compound", "amod"} and c.i in idx.token_key
                             and idx.types.get(idx.token_key[c.i]) == "Organization"]
                    found.add("actor", named or self.group_states())
        for child in noun.children:
            if child.dep_ == "acl" and child.lemma_.lower() in {"target", "aim"}:
                # "missiles targeting US troops", "strikes aimed at militants": what is hit
                for sub in child.children:
                    if sub.dep_ == "dobj":
                        found.add("target", self.phrase_entities(sub))
                    elif sub.dep_ == "prep" and sub.lower_ == "at":
                        found.add("target", [k for o in sub.children if o.dep_ == "pobj"
                                             for k in self.phrase_entities(o)])
            if child.dep_ == "acl" and child.lemma_.lower() in _ATTRIBUTION:
                for sub in child.children:
                    if sub.dep_ == "agent" or (sub.dep_ == "prep" and sub.lower_ == "to"):
                        for obj in sub.children:
                            if obj.dep_ == "pobj":
                                found.add("actor", self.phrase_entities(obj))
                    elif trig.type == "AGREE" and sub.dep_ == "prep" and sub.lower_ in {
                            "at", "during"}:
                        # "the agreements reached at the meeting between the leaders of A, B
                        # and C": the meeting's parties
                        for obj in sub.children:
                            if (obj.dep_ == "pobj" and (met := self.match(obj)) is not None
                                    and met.type == "CONSULT"):
                                found.add("actor", self._parties_of_act(obj))
        if (trig.type in {"AID", "SUPPORT"} and noun.dep_ == "pobj" and noun.head.lower_ == "with"
                and noun.head.head.pos_ in {"VERB", "AUX"}):
            # "with the assistance provided by Russia, South Ossetia has changed": whom it helped;
            # in the passive, its agent ("liberated by the Syrian army with support from ...")
            verb = noun.head.head
            helped = [k for a in verb.children if a.dep_ == "agent" and found.actors
                      for o in a.children if o.dep_ == "pobj" for k in self.phrase_entities(o)]
            helped = helped or self._subject_of(verb)[0]
            found.add("target", [k for k in helped if k not in found.actors])
        if found.actors and noun.dep_ == "dobj" and noun.head.lemma_.lower() in _PASSING_ON:
            # "please convey my best wishes to Mr Khamenei": whom the passing on is to
            found.add("target", [k for p in noun.head.children
                                 if p.dep_ == "prep" and p.lower_ == "to"
                                 for o in p.children if o.dep_ == "pobj"
                                 for k in self.phrase_entities(o) if k not in found.actors])
        if found.actors:
            return
        if noun.dep_ == "conj":
            # "Yerevan's pivot ..., criticism of ...": a coordinated act shares the possessor.
            for child in noun.head.children:
                if child.dep_ == "poss":
                    found.add("actor", self.phrase_entities(child))
                    found.from_context = True
            if found.actors:
                return
        if (trig.mode == "congratulate" and self.index.in_turn(noun.i)
                and (noun.dep_ == "ROOT" or (noun.i > 0 and noun.doc[noun.i - 1].text == ":"))
                and any(c.dep_ == "prep" and c.lower_ in {"on", "to"} for c in noun.children)):
            # "Congratulations on the opening of the Year of Russia", said alone: the speaker
            # congratulates the one addressed, unless it names whom ("to the Kyrgyz people")
            found.add("actor", [k for k in [self.turn_speaker(noun)] if k])
            if not found.targets:
                found.add("target", [k for k in [self.index.addressee_at(noun.i, hailed=True)]
                                     if k and k not in found.actors])
            return
        # A light verb carries the subject: "held talks with", "had a conversation with",
        # "took part in", "expressed their support for".
        gov = noun.head
        if noun.dep_ == "pobj" and gov.lower_ == "of" and (
            gov.head.lemma_.lower() in _CARRIER_NOUNS
            or (gov.head.lemma_.lower() == "importance" and trig.mode in _COMMITMENTS)
        ):
            # "sent a message of condolence to X", "expressions of sympathy came from X":
            # the carrier stands in the sentence for the act.
            noun = gov.head
            self._prep_objects(noun, trig, found)
            gov = noun.head
            if noun.dep_ == "nsubj" and gov.lemma_.lower() == "come":
                self._prep_objects(gov, trig, found)
                return
        if noun.dep_ == "pobj" and gov.dep_ == "prep" and (
                gov.lower_ in _LIGHT_PREPS
                or (gov.lower_ == "over" and gov.head.lemma_.lower() == "preside")
                or (gov.lower_ == "with" and gov.head.lemma_.lower() in {"begin", "start"})):
            # "presided over the signing", "began the day with a working breakfast": the
            # subject's act
            gov = gov.head
        elif _second_object(noun):
            gov = gov.head  # "granted Angela Ronae Stanton a full pardon": the granting
        elif noun.dep_ not in {"dobj", "nsubjpass"} or (
                gov.lemma_.lower() == "attend"
                and (noun.dep_ == "nsubjpass" or trig.type != "AGREE")
                and not (trig.type == "CONSULT" and self._convened_by(noun))):
            # "attended the signing" is signing; "attended the meeting" lists who was at the
            # meeting the article reports, not a meeting of their own, and those attending a
            # rally are not named by who reported them; but "attended a meeting of the SCO
            # Council" names whose meeting it was, and the subject sat at it
            gov = None
        if (gov is not None and gov.pos_ == "NOUN" and noun.dep_ == "pobj"
                and noun.head.lower_ == "in"):
            # "actions by the Russian Aerospace Forces in support of the Syrian Army", "a
            # statement by Peru in support of Chile": the author of what it is said of
            found.add("actor", [k for c in gov.children if c.dep_ == "prep" and c.lower_ == "by"
                                for o in c.children if o.dep_ == "pobj"
                                for k in self.phrase_entities(o)])
        light = gov is not None and gov.lemma_.lower() in _LIGHT_VERBS
        if (
            gov is not None
            and gov.pos_ in {"VERB", "AUX"}
            # or the verb the trigger needs ("forged a partnership", "pursuing projects")
            and (light or gov.lemma_.lower() in trig.needs)
        ):
            # unless the noun names its own author ("passed on greetings from X", "let me
            # convey to you greetings from Xi Jinping": the messenger only brings them)
            authored = any(c.dep_ == "prep" and trig.role_of(c.lower_, self.lexicon) == "actor"
                           and (c.lower_ != "by" or not light)
                           and any(self.phrase_entities(o) for o in c.children
                                   if o.dep_ == "pobj")  # not "from here"
                           for c in (*noun.children, *gov.children))
            if not authored:
                found.add("actor", self._subject_of(gov)[0])
            if light or not authored:
                self._prep_objects(gov, trig, found)
            if gov.lemma_.lower() in _TRANSFERS:
                # "sent Kassym-Jomart Tokayev a message of greetings": the receiver; "she was
                # granted clemency": who received it
                found.add("target", [k for c in gov.children
                                     if c.dep_ == "dative" and c.pos_ in {"PROPN", "NOUN"}
                                     for k in self.phrase_entities(c)
                                     if k not in found.actors])
                recipients = self._subject_of(gov)[1]
                if recipients:
                    found.add("target", recipients)
                    found.add("actor", [k for c in gov.children if c.dep_ in {"prep", "agent"}
                                        and c.lower_ == "by" for o in c.children
                                        if o.dep_ == "pobj" for k in self.phrase_entities(o)])
        if not (found.actors or found.targets) and trig.type == "COOPERATE":
            # "a warming of relations: trust between Yerevan and Moscow ...": the parties of
            # the relationship are named once in the sentence, after "between".
            for tok in noun.sent:
                if tok.lower_ == "between" and tok.dep_ == "prep":
                    for obj in tok.children:
                        if obj.dep_ == "pobj":
                            found.add("joint", self.phrase_entities(obj))
                    found.from_context = True
                    break

    # --- one trigger --------------------------------------------------------------------------

    def match(self, tok: Token) -> Trigger | None:
        """The first lexicon entry that fits this token, or None."""
        entries = self.lexicon.by_lemma.get(tok.lemma_.lower()) or self.lexicon.by_lemma.get(
            tok.lower_
        )
        if not entries and tok.pos_ == "VERB":
            # the lemmatizer's slips ("hopes" → "hop"): a verb form of one lexicon verb
            lemmas = _form_lemmas().get(tok.lower_, ())
            entries = self.lexicon.by_lemma.get(lemmas[0]) if len(lemmas) == 1 else None
        named = tok.i in self.index.token_key
        if not entries or (named and not self._named_meeting(tok)):
            return None  # words inside a name ("Normandy Four summit") are not triggers
        if tok.dep_ == "amod" or (_aggregate(tok) and not (
                any(t.mode in _STANDING_TIES for t in entries) and (
                    _we_keep_on(tok) or _held_important(tok)))):
            # "alleged hush money", "three telephone conversations"; but "we will continue
            # regular contacts" commits to them
            return None
        # A verb's cue words are its complements, never its subject: "strengthen ties" is an
        # act, "relations are developing" a state.
        deps = [c for c in tok.children if c.dep_ not in _SUBJECTS | _PASSIVE_SUBJECTS]
        near = {c.lemma_.lower() for c in deps} | {c.lower_ for c in deps}
        # what is adopted or established in the passive is its subject ("documents ... have
        # been adopted", "ties between Russia and San Marino were established"): a cue of
        # agreements and ties (not a veto: "the need for ... was reaffirmed" reaffirms it)
        done_to = {c.lemma_.lower() for c in tok.children
                   if c.dep_ == "nsubjpass" and tok.pos_ == "VERB"}
        near |= {g.lemma_.lower() for c in deps for g in c.children}
        left = tok.i if tok.pos_ in {"VERB", "AUX"} else max(tok.i - 2, 0)
        near |= {t.lemma_.lower() for t in tok.doc[left : tok.i + 3]}
        first = tok  # "expressed my respect and gratitude": the first conjunct's place
        while first.dep_ == "conj" and first.head.pos_ == "NOUN":
            first = first.head
        if tok.pos_ == "NOUN" and first.dep_ == "dobj":
            near.add(first.head.lemma_.lower())  # "confirmed their mutual intent"
        elif tok.pos_ == "NOUN" and first.dep_ == "pobj" and first.head.dep_ == "prep":
            near.add(first.head.head.lemma_.lower())  # "fell under Houthi control"
        elif (verb := _passive_verb(tok)) is not None:
            near.add(verb.lemma_.lower())  # "the need for X was stressed", "stressed was the"
        # A capitalised common noun outside any name is still that noun ("adopted a Joint
        # Statement of the Presidents").
        pos = "NOUN" if tok.pos_ == "PROPN" or mistagged_noun(tok) else tok.pos_
        for trig in entries:
            if pos not in trig.pos or (trig.named_only and not named):
                continue
            if trig.needs and not trig.needs & (
                    near | (done_to if trig.type in {"AGREE", "COOPERATE"} else set())):
                continue
            if (trig.mode == "call for" and trig.needs and trig.needs & near <= _IMPORTANT
                    and not _impersonal(tok)):
                continue  # "said it is important to act" calls; "said it was important" not
            vetoed = trig.veto & near
            if vetoed and vetoed - self._named_words(tok):
                continue  # not a word of a name ("the Development of Parliamentarism Forum")
            if _kept_to(tok, trig) and not self._own_parties(tok):
                # "implemented the agreement", "compliance with the agreement"; but "implement
                # the Russia-Turkey agreements" tells that those two agreed
                continue
            if trig.needs_clause and not self._readiness(tok, trig.clause_types):
                continue
            if trig.mode == "cross years" and not any(
                    c.dep_ == "dobj" and c.lemma_.lower() in trig.needs for c in tok.children):
                continue  # "launched the Year of Russia in Kyrgyzstan", not "... this year"
            if trig.ties_foretold and not self._ties_foretold(tok):
                continue
            return trig
        return None

    def _named_words(self, tok: Token) -> set[str]:
        """The lemmas of the capitalised words of longer names in a token's sentence ("the
        Development of Parliamentarism International Forum"; not "God", nor "epidemic")."""
        key = self.index.token_key
        return {t.lemma_.lower() for t in tok.sent if t.i in key and t.text[:1].isupper()
                and key[t.i] in (key.get(t.i - 1), key.get(t.i + 1))}

    def _named_meeting(self, noun: Token) -> bool:
        """True for a named summit of an organisation, or a named congress or conference of
        a state, told as a meeting of its own ("after the SCO summit", "the CIS and EAEU
        summits to be held next week", "the outcome of the Syrian National Dialogue
        Congress"); not one that only frames another act ("met on the sidelines of the G20
        summit", "will take part in the CSTO summit"), which the annotators leave as that
        act's setting."""
        idx = self.index
        if (noun.lower_ not in _MEETING_NAME_FORMS
                or idx.types.get(idx.token_key[noun.i]) != "NamedEvent"):
            return False
        # a summit's club; a congress's state too ("Syrian": the country the name is of),
        # not a summit's ("the Russia-Turkey-Iran summit" is of three)
        state = noun.lower_ not in _SUMMIT_FORMS and self.country.get(idx.token_key[noun.i])
        if state not in idx.types and not any(
                idx.types.get(idx.token_key.get(c.i, "")) == "Organization"
                for c in noun.children if c.dep_ in {"compound", "nmod", "amod"}):
            return False
        return not _frames_act(noun)

    def _own_parties(self, noun: Token) -> bool:
        """True when a noun's modifiers name two parties or more ("the Russian-Turkish
        agreements", "the US-China deal"): an act of theirs, whoever the sentence is about."""
        idx = self.index
        keys = {idx.token_key[t.i] for c in noun.children if c.dep_ in {"amod", "compound", "nmod"}
                for t in c.subtree if t.i in idx.token_key}
        return len({k for k in keys if idx.types.get(k) in {"Country", "Organization"}}) > 1

    def _readiness(self, tok: Token, types: frozenset[str] = frozenset()) -> bool:
        """True for "ready to share": an infinitive complement that is not itself an act of
        another kind ("ready to make concessions" is a possible concession, not an offer);
        with ``types``, one that is an act of those types ("intend to develop our relations",
        not "intend to thank you"). "Interested in developing our relations", "interested in
        closer cooperation", "showing interest in cooperation with the EEC": the act after
        "in" is the complement."""
        joint = [g for c in tok.children if tok.pos_ in {"ADJ", "NOUN"} and c.dep_ == "prep"
                 and c.lower_ == "in" for g in c.children
                 if g.dep_ == "pobj" and (g.lemma_.lower() in _JOINT_WORK or _furthers_work(g))]
        if joint and not types - {"COOPERATE"}:
            return True  # "interest in cooperation with the EEC": cooperation, however plain
        clauses = [c for c in tok.children if c.dep_ == "xcomp"] + [
            g for c in tok.children if tok.pos_ in {"ADJ", "NOUN"} and c.dep_ == "prep"
            and c.lower_ == "in" for g in c.children
            if g.dep_ == "pcomp" or (g.dep_ == "pobj" and self.match(g) is not None)]
        # "in building and strengthening this cooperation": each coordinated act too
        clauses += [c for clause in clauses for c in clause.children
                    if c.dep_ == "conj" and c.pos_ == clause.pos_]
        found: set[str] = set()
        for clause in clauses:
            for sub in (clause, *(c for c in clause.children if c.dep_ == "dobj")):
                trig = self.match(sub)
                if trig is not None and trig.type not in _COOPERATIVE:
                    return False
                if trig is not None:
                    found.add(trig.type)
        return bool(clauses) and (not types or bool(found & types))

    def _ties_foretold(self, tok: Token) -> bool:
        """True for a confidence that the parties' own ties will grow ("sure that our
        bilateral relations will continue to develop", "confident that Russian-Azerbaijani
        relations will develop"), told by no act of its own."""
        for clause in tok.children:
            if clause.dep_ not in {"ccomp", "acl"} or not any(
                    c.dep_ == "aux" and c.lower_ in _WILL for c in clause.children):
                continue
            grows = [clause, *(c for c in clause.children if c.dep_ == "xcomp")]
            subjects = [c for c in clause.children if c.dep_ in _SUBJECTS]
            if (any(s.lemma_.lower() in _TIES and self._own_ties_phrase(s) for s in subjects)
                    and any(g.lemma_.lower() in _GROWING for g in grows)
                    and all(self.match(g) is None for g in grows)):
                return True
        return False

    def _own_ties_phrase(self, ties: Token) -> bool:
        """Whether a ties noun is the speaker's side's and its partner's ("our relations",
        "bilateral ties", "Russian-Azerbaijani relations"), not third parties'."""
        words = {c.lower_ for c in ties.children if c.dep_ in {"poss", "amod", "compound"}}
        named = [k for t in ties.subtree if (k := self.index.token_key.get(t.i))]
        parties = {*self.group, *self.group_states()}
        return bool(words & {"our", "their", "bilateral"}) or (bool(named) and set(
            self.states_of(named)) <= parties)

    def _guest_of_visit(self, visit: Token, hosts: Sequence[str]) -> str | None:
        """Who makes a visit a transcript turn names by its host alone ("preparations for
        the October visit to France", said by France's president): the one addressed."""
        if not (hosts and self.index.in_turn(visit.i)):
            return None
        verb = next((t for t in visit.ancestors if t.pos_ in {"VERB", "AUX"}), None)
        if verb is not None and any(c.dep_ in _SUBJECTS and c.pos_ != "PRON"
                                    for c in verb.children):
            return None  # "Mr Netanyahu was recently on a visit in Russia": told of another
        speaker = self.index.speaker_at(visit.i)
        addressee = self.index.addressee_at(visit.i)
        if not (speaker and addressee):
            return None
        home = self.country.get(speaker)
        if home is None or any(h not in (home, speaker) for h in hosts):
            return None
        return addressee if self.country.get(addressee) not in (home, None) else None

    def event_at(self, tok: Token, trig: Trigger, sent: Any) -> Event | None:
        """The event a trigger token expresses, or None without an entity participant."""
        if trig.light and any(
            obj.dep_ == "pobj" and (obj.tag_ == "VBG" or self.match(obj) is not None)
            for prep in tok.children
            if prep.dep_ == "prep"
            for obj in prep.children
        ):
            return None
        if self._embedded(tok, trig):
            return None
        if _opinion(tok):
            if not _sides_with(tok):
                return None  # "I agree that ...": a view, not an agreement
            # "I completely agree with him": the speaker endorses what he said
            trig = replace(trig, type="SUPPORT", mode="endorse")
        if (trig.type in _HOSTILE_TYPES and tok.dep_ == "relcl"
                and (head := self.match(tok.head)) and head.type == trig.type):
            return None  # "the strike ..., in which ISIS leaders were killed": that strike
        if trig.mode == "call on" and any(c.dep_ in {"oprd", "dobj"} for c in tok.children):
            # "called the subpoena a political attack on Mexico": a name given; "the AP called
            # the election for Biden": a result declared, not a call for anything
            return None
        if trig.mode == "call for" and tok.pos_ == "VERB" and any(
                c.dep_ in {"aux", "auxpass"} and c.lower_ in {"should", "must"}
                for c in tok.children):
            return None  # "I must note that ...": the speaker's aside, not a call
        if tok.lemma_.lower() == "importance" and not _called_for(tok, self.match):
            return None  # "stressed the importance of the agreement": that act, no call
        if (tok.dep_ == "pobj" and tok.head.lower_ == "of"
                and tok.head.head.lemma_.lower() == "importance"
                and _called_for(tok.head.head, self.match)):
            return None  # "the importance of strict adherence to": a call for it, told so
        if any(c.dep_ in _OBJECTS and c.lower_ in _ANYONE for c in tok.children):
            return None  # "I never threaten anybody": nobody in particular, no event
        if trig.courtesy_on_person and any(
            c.dep_ in _OBJECTS | _PASSIVE_SUBJECTS and (
                (c.pos_ == "PRON" and c.lower_ != "it")
                or c.lemma_.lower() in _PEOPLE_NOUNS
                or self.index.types.get(self.index.token_key.get(c.i, "")) == "Person")
            for c in tok.children
        ):
            # "welcome you", "I was welcomed", "we welcome the members of your delegation":
            # a courtesy to persons
            return None
        date = self._date_for(tok, sent)
        self.historical = bool(
            date and self.article.date and int(date[:4]) < self.article.date.year
        )
        self.statewise = (_SIGNERS if trig.mode == "sign agreement"
                          else _STATEWISE.get(trig.type, frozenset()))
        found = _Found()
        if tok.pos_ in {"VERB", "AUX", "ADJ"} and not mistagged_noun(tok):
            self.verb_participants(tok, trig, found)
        else:
            self.noun_participants(tok, trig, found)
        types = self.index.types
        places = [k for k in found.places if types.get(k) in {"Place", "Country"}]
        actors = [k for k in found.actors
                  if types.get(k) in _PARTICIPANT_TYPES or k in self.sides]
        # Places are participants only as metonyms (resolved already), as sides of their own
        # ("Donbass") or as the counterpart of a directed act ("pivot toward the West");
        # literal places are where it happened.
        targets = [
            k for k in found.targets
            if types.get(k) in _PARTICIPANT_TYPES or (k in self.sides and k not in places)
            or (types.get(k) == "Place" and k in found.directed and k not in places)
        ]
        targets = [k for k in targets if k not in actors]
        if trig.mode == "endorse":
            # "I agree with him": with a person the article names, else no one known
            targets = [k for k in targets if types.get(k) == "Person"]
            if not targets:
                return None
        if not actors and trig.named_only and (
                state := self.country.get(self.index.token_key.get(tok.i, ""))) in types:
            actors = [state]  # "the Syrian National Dialogue Congress": Syria's
        if trig.type == "SUPPORT" and len(actors) == 1:
            # "we are grateful to you for the support of Tarnavia", said by its president:
            # thanks go to the other side, never to the speaker's own state
            targets = [k for k in targets if k != self.country.get(actors[0])]
        if found.intent:
            addressee = self.index.addressee_at(tok.i)
            others = [k for k in self.group if k not in actors]
            targets = [addressee] if addressee and addressee not in actors else others
            # told once however often hoped, unlike a stated intent ("we intend to ...")
            trig = replace(trig, type="AGREE", mode="express hope")
        elif trig.mode == "express hope" and tok.pos_ != "NOUN":
            # "I hope that your visit will give a boost to our relations", "hopes that X will
            # open its market": no request; what is hoped for is the event, told as possible
            # (a formal "expressed hope that Spain will lower its tariffs" still asks it)
            return None
        if trig.mode == "visit" and actors and not targets:
            # "Ms Mogherini visited Moscow", "arrived in Beijing": the host is the state the
            # place lies in, unless it is the visitor's own
            host = next((h for k in [*places, *found.targets]
                         if (h := self.place_states.get(k)) in types), None)
            if host is not None and all(host not in (k, self.country.get(k)) for k in actors):
                targets = [host]
        if (trig.mode == "visit" and not actors and tok.pos_ == "NOUN"
                and (guest := self._guest_of_visit(tok, targets))):
            actors = [guest]
        if trig.mode == "visit" and tok.pos_ == "VERB" and any(
                c.dep_ == "dobj" and c.pos_ == "NOUN" and c.ent_type_ not in {"DATE", "TIME"}
                and c.lemma_.lower() not in _STATE_NOUNS | _GROUP_NOUNS
                and not any(t.i in self.index.token_key for t in c.subtree)
                for c in tok.children):
            return None  # "to visit their family graves", "visited the museum": a site
        if trig.needs_target and not targets:
            return None  # "he hoped that he would come": nobody else is addressed
        if trig.type in {"REQUEST", "THREATEN"} and not targets and any(
                c.dep_ in _OBJECTS and c.lemma_.lower() in _PUBLIC for c in tok.children):
            # "the Prime Minister urged residents to evacuate", "tried to warn people about
            # the outbreak": advice to the public, not a demand or a threat to a party
            return None
        if (trig.mode in _PLEDGES and not targets and len(actors) == 1
                and types.get(actors[0]) == "Person" and actors[0] not in self.linked
                and not self.country.get(actors[0])):
            # "Mitch McConnell committed to proceeding with a trial": a pledge by someone of no
            # known state, to nobody, is no agreement between parties
            return None

        if trig.target_types and not any(types.get(k) in trig.target_types for k in targets):
            return None  # "left the EU" is a withdrawal, "left Moscow" a journey
        if trig.actor_types and any(types.get(k) not in trig.actor_types for k in actors):
            return None  # a state joins the WTO; a person joining a party is a career step
        if not actors and not targets and (meeting := _followed_meeting(tok, self.match)):
            # "held talks followed by signing a package of agreements": by who held the talks
            actors = self._subject_of(meeting.head)[0] if meeting.dep_ == "dobj" else []
            found.from_context = bool(actors)
        parties = self.group or self.summit
        if not actors and not targets and parties and _unattributed_passive(tok, trig):
            # "Documents were signed during the visit": by the states of the meeting; "...
            # were also signed at the summit": by the organisation that met; what "has been
            # adopted" at a summit, by the organisation (not two leaders met on its sidelines)
            adopted = trig.mode == "approve" and self.summit
            actors = self.states_of(self.summit if adopted else parties)
            found.from_context = True
        elif (not actors and parties and trig.type in _SAID_AT_MEETINGS and _agentless(tok)
              and not self.historical and not self.index.in_turn(tok.i)):
            # "It was agreed to improve coordination", "a positive assessment was given of
            # X": said at the meeting being reported, by its parties
            actors = [k for k in parties if k not in targets]
            found.from_context = True
        elif (not actors and not targets and parties and trig.type == "CONSULT"
              and _decided_by_nobody(tok) and not self.historical
              and not self.index.in_turn(tok.i)):
            # "It was agreed to continue contacts", "Agreement was reached to hold
            # consultations": a meeting to come, decided by the parties of the one reported
            actors = list(parties)
            found.from_context = True
        elif (not actors and not targets and parties and tok.pos_ == "NOUN"
              and any(c.dep_ == "amod" and c.lower_ in _MUTUAL for c in tok.children)
              and not self.index.in_turn(tok.i)):
            # "An emphasis was made on the mutual commitment to joint work": the meeting's
            # parties, each to the other
            actors = list(parties)
            found.from_context = True
        elif (not actors and not targets and parties and tok.pos_ == "NOUN"
              and trig.type == "COOPERATE"
              and any(c.dep_ == "amod" and c.lower_ == "joint" for c in tok.children)
              and (not self.index.in_turn(tok.i) or self._two_states(parties))):
            # "the parties gave a positive assessment of joint efforts within the Astana
            # process": the states of the meeting's parties work together; so in a speech at
            # talks of two states ("Major joint projects are underway")
            actors = self.states_of(parties)
            found.from_context = True
        elif (not actors and not targets and trig.mode == "establish diplomatic relations"
              and len(states := self.states_of(self.group)) == 2):
            # "Last year we marked the 30th anniversary of diplomatic relations", said at talks
            # of two states: theirs
            actors = states
            found.from_context = True
        if not actors and trig.mode in _STATE_FORCE_MODES and (
                self._unnamed_force(tok) or (tok.pos_ == "VERB" and _agentless(tok))):
            # "Authorities arrested twelve people in Tamil Nadu, India", "a suspect was
            # arrested in Kerala, India": the state's own act; where the sentence names no
            # place, the one state the article names
            where = places + self._place_below(tok)
            named = any(self.index.types.get(self.index.raw_key.get(t.i, "")) == "Place"
                        for t in sent)
            states = self.states_of(where) if where or named else list(self.sole_state)
            actors = [k for k in states if types.get(k) == "Country"][:1]
            # "a spokesperson for the Indonesian National Police confirmed that two suspects
            # were arrested": the force the sentence names, the most specific actor
            forces = [k for t in sent if (k := self.index.raw_key.get(t.i))
                      and types.get(k) == "Organization"
                      and _POLICE & set(self.labels[k].lower().split())]
            actors = forces[:1] or actors
        if not actors and not targets:
            return None
        if (trig.type == "SUPPORT" and trig.mode == "support" and actors
                and all(types.get(k) == "Organization"
                        and _MILITARY & set(self.labels[k].lower().split()) for k in actors)):
            # "actions by the Russian Aerospace Forces in support of the Syrian Arab Army":
            # armed forces support with arms
            trig = replace(trig, type="AID", mode="military support")
        if trig.mode == "call for" and not targets and self._own_ties(tok, actors):
            # "the two presidents stressed the importance of promoting further cooperation
            # between the agencies of the two countries": a commitment to their own ties
            targets = [k for k in self.group if k not in actors] if len(actors) == 1 else []
            trig = replace(trig, type="AGREE", mode="express commitment")
        if trig.type == "COOPERATE" and not actors and len(targets) > 1:
            # "developing our bilateral relations", "options for expanding our cooperation":
            # ties are the work of the states they join, together
            actors, targets = targets, []
        if trig.mode == "express confidence":
            # "we are sure that our relations will continue to develop", said in a turn: the
            # speaker's, towards the other party; told of both leaders, theirs together
            speaker = self.index.speaker_at(tok.i) if self.index.in_turn(tok.i) else None
            if speaker is not None:
                actors = [speaker]
            targets = [k for k in self.group if k != speaker] if speaker is not None else []
        if trig.type == "CONSULT" and any(
            obj.lemma_.lower() == "level" for c in tok.children if c.lower_ == "at"
            for obj in c.children
        ):
            # "contacts at various levels" are between the states, not their leaders.
            actors, targets = self.states_of(actors + targets), []
        if not places:
            places = self._place_below(tok)
        place = next((k for k in places if k not in actors and k not in targets), None)
        start = sent.start_char + self.article.body_start
        end = sent.end_char + self.article.body_start
        text = self.article.text[start:end]
        stripped = text.rstrip()
        lead = len(text) - len(text.lstrip())
        evidence = Span(start + lead, start + len(stripped), stripped[lead:])
        t_start = tok.idx + self.article.body_start
        t_end = t_start + len(tok.text)
        trigger = Span(t_start, t_end, self.article.text[t_start:t_end])
        # "X are the suspected perpetrators": the blame is said, whatever it suspects
        factuality = factuality_of(tok.head if trig.assessment and tok.dep_ == "attr" else tok)
        if _kept_to(tok, trig):
            factuality = "asserted"  # "in order to implement the Russia-Turkey agreements": made
        elif trig.type == "CONSULT" and factuality == "asserted" and _decided_by_nobody(tok):
            factuality = "future"  # "agreement was reached to continue contacts"
        if (factuality == "asserted" and trig.type not in _SAID_ACTS and date and len(date) > 4
                and _after(date, self.article.date)):
            # "tomorrow's summit", "talks in November" in a May article; not an act done by
            # saying it, whose date is its content's ("invited Putin to come in September"),
            # nor a year alone, often the time of what was spoken for ("... ties in 2020")
            factuality = "future"
        elif (factuality == "asserted" and date and _past_clause(tok)
              and _after(date, self.article.date)):
            # told as done, an act cannot be later than the telling: the date is what it was
            # about ("we also touched on the cross-years of culture in 2019", said in 2018;
            # "spoke in favour of developing relations in 2020", said on December 31)
            date = None
        if (factuality == "asserted" and trig.type in {"CONCEDE", "RETREAT"}
                and tok.dep_ == "dobj" and tok.head.lemma_.lower() == "announce"):
            factuality = "future"  # "announced his resignation", "... a full withdrawal"
        if trig.asserted_only and factuality != "asserted":
            return None
        if factuality == "future" and date and self.article.date and (
            int(date[:4]) < self.article.date.year
        ):
            return None  # "decided to hold talks in 1998": a plan of the past, not an event
        confidence = trig.confidence + (0.1 if actors and targets else 0.0)
        confidence -= 0.15 if found.from_context else 0.0
        return Event(
            type=trig.type,
            mode=trig.mode,
            actors=tuple(actors),
            targets=tuple(targets),
            place=place,
            date=date,
            factuality=factuality,
            evidence=evidence,
            trigger=trigger,
            confidence=round(max(0.05, min(confidence, 0.95)), 2),
        )

    def _own_ties(self, call: Token, actors: list[str]) -> bool:
        """Whether a call ("stressed the need/importance of ...") by parties of the meeting is
        for their own cooperation: it names ties or cooperation and no one else."""
        parties = {*self.group, *self.group_states()}
        if not actors or not set(actors) <= parties:
            return False
        content = [t for t in call.subtree if t.i != call.i and t.dep_ not in _SUBJECTS]
        named = {k for t in content if (k := self.index.token_key.get(t.i))}
        if any(t.dep_ == "agent" or (t.dep_ == "prep" and t.lower_ == "by") for t in content):
            return False  # "coordinated steps by the international community": others' acts
        ties = any(t.lemma_.lower() in _TIES or (
            (m := self.match(t)) is not None and m.type == "COOPERATE") for t in content)
        return ties and named <= parties | set(self.states_of(actors))

    def invitation_thanked_for(self, thank: Token, event: Event) -> Event | None:
        """The invitation a speaker thanks for ("thank you for the invitation", "for accepting
        our invitation"): an earlier act of the one thanked, towards the one thanking."""
        if event.mode != "thank" or not event.actors:
            return None
        invitation = next((t for t in thank.subtree if t.lemma_.lower() == "invitation"
                           and any(a.lower_ == "for" and a.dep_ == "prep" and a.head.i == thank.i
                                   for a in t.ancestors)), None)
        addressee = self.index.addressee_at(thank.i, hailed=True)
        thanked = list(event.targets) or ([addressee] if addressee else [])
        if invitation is None or not thanked:
            return None
        start = invitation.idx + self.article.body_start
        trigger = Span(start, start + len(invitation.text),
                       self.article.text[start:start + len(invitation.text)])
        inviters = tuple(thanked)
        invited = tuple(k for k in event.actors if k not in thanked)
        named = [k for t in invitation.children if t.dep_ == "poss" and t.tag_ != "PRP$"
                 for k in self.phrase_entities(t)]
        if named:  # "for accepting President Xi Jinping's invitation"
            inviters = tuple(named)
            invited = tuple(k for k in thanked if k not in named)
        elif _own_invitation(invitation):
            inviters, invited = invited, inviters  # "thank you for accepting our invitation"
        return replace(event, type="AGREE", mode="invitation", actors=inviters,
                       targets=invited, date=None, factuality="asserted", trigger=trigger)

    def meeting_done_during(self, tok: Token, event: Event) -> Event | None:
        """The meeting an act was done during, named only by its kind ("During the telephone
        conversation, Vladimir Putin extended his greetings to Tokayev"): a meeting of the
        act's parties; not one with parties of its own ("during his visit to India")."""
        if event.type == "CONSULT" or not (event.actors and event.targets):
            return None
        verb = next((t for t in (tok, *tok.ancestors) if t.pos_ in {"VERB", "AUX"}), None)
        if verb is None:
            return None
        for noun in (o for p in verb.children if p.dep_ == "prep" and p.lower_ == "during"
                     for o in p.children if o.dep_ == "pobj"):
            met = self.match(noun)
            if (met is None or met.type != "CONSULT"
                    or any(t.i in self.index.token_key for t in noun.subtree)):
                continue
            start = noun.idx + self.article.body_start
            trigger = Span(start, start + len(noun.text),
                           self.article.text[start:start + len(noun.text)])
            return replace(event, type="CONSULT", mode=met.mode, trigger=trigger)
        return None

    def _unnamed_force(self, tok: Token) -> bool:
        """True for an act whose performer is the unnamed authorities or police ("Authorities
        arrested ...", "twelve people were detained by police")."""
        performers = [c for c in tok.children if c.dep_ in _SUBJECTS] + [
            obj for c in tok.children if c.dep_ == "agent"
            for obj in c.children if obj.dep_ == "pobj"]
        return any(p.lemma_.lower() in _FORCES and p.i not in self.index.token_key
                   and not any(c.i in self.index.token_key for c in p.children
                               if c.dep_ in {"amod", "compound", "poss"})
                   for p in performers)

    def _place_below(self, trigger: Token) -> list[str]:
        """Places in locative phrases under a trigger ("arrived ... to attend a forum in
        Siberia", "a meeting during the G8 summit in Northern Ireland"); most specific first.

        Only the trigger's own clause counts: not a relative clause ("the Package adopted in
        Minsk") and, for a noun, not what it is about ("criticism of peacekeepers in X").
        """
        found: list[tuple[int, str]] = []
        for tok in trigger.subtree:
            if tok.dep_ != "pobj" or tok.head.lower_ not in {"in", "at"}:
                continue
            key = self.index.raw_key.get(tok.i)
            if not key or self.index.types.get(key) not in {"Place", "Country"}:
                continue
            path, cur = [], tok
            while cur.i != trigger.i:
                path.append(cur)
                cur = cur.head
            about = trigger.pos_ != "VERB" and path[-1].lower_ == "of"
            if not about and all(p.dep_ in _PLACE_PATH for p in path):
                found.append((-len(path), key))
                # "in Tamil Nadu, India": the state the place is in, less specific
                found += [(-len(path) + 1, self.index.raw_key[c.i]) for c in tok.children
                          if c.dep_ == "appos" and c.i in self.index.raw_key
                          and self.index.types.get(self.index.raw_key[c.i]) == "Country"]
        return [k for _, k in sorted(found)]

    def _embedded(self, tok: Token, trig: Trigger) -> bool:
        """True for the content of a commitment or request ("undertook to continue providing
        assistance", "encouraging Iran to cooperate"): that act is not reported as an event;
        but ties "we" hold important are committed to ("important for us to keep a dialogue")."""
        if (trig.type == "COOPERATE" or trig.mode in _STANDING_TIES) and _held_important(tok):
            return False
        cur = tok
        while cur.dep_ == "conj" and cur.head.i != cur.i and (cur.pos_ == "NOUN" or (
                cur.pos_ == "VERB" and not any(c.dep_ in _SUBJECTS for c in cur.children))):
            # "resume the truce and the intra-Libyan dialogue": as the truce; "readiness to
            # foster and enhance our relations": as fostering
            cur = cur.head
        if (cur.dep_ == "pobj" and cur.head.lower_ in {"of", "on"}
                and cur.head.head.pos_ == "NOUN" and cur.head.head.lemma_.lower() in _PLANS):
            return True  # "a plan of political consultations": what a document provides for
        for _ in range(5):
            if (cur.dep_ in {"xcomp", "advcl"} and cur.head.lemma_ == "be"
                    and not (trig.type == "AGREE" and tok.pos_ == "NOUN")
                    and any(c.dep_ == "acomp" and c.lemma_.lower() in _NEEDED
                            for c in cur.head.children)):
                # "it was important ... to resume the dialogue": called for; not "... to
                # implement the agreements", which were made
                return True
            # "invitation for Obama to come ... on a visit": a clause under a noun is its content.
            noun_clause = cur.dep_ == "advcl" and cur.head.pos_ == "NOUN"
            if cur.dep_ not in _CONTENT_DEPS and not noun_clause:
                return False
            if cur.dep_ == "prep" and cur.lower_ == "during":
                return False  # "signed during your visit": when, not what, was signed
            if cur.head.i == cur.i:
                return False
            below, cur = cur, cur.head
            if (cur.lemma_.lower() in _TITLED_DOCUMENTS and cur.text[:1].isupper()
                    and not cur.is_sent_start and below.lower_ in {"on", "about"}):
                # "the Agreement on technical assistance to ...": a title's topic; not "the
                # Programme of Action signed by the two presidents"
                return True
            if cur.pos_ not in {"VERB", "NOUN", "ADJ"}:
                continue
            if cur.lemma_.lower() == "importance":
                # "the importance of the deal": the deal is told; "the importance of resuming
                # the dialogue": called for, not told
                return _called_for(cur, self.match)
            gov = self.match(cur)
            if gov is not None:
                if trig.type == "CONSULT" and cur.lemma_.lower() in _DECIDING:
                    return False
                return gov.type in {"AGREE", "REQUEST"}
        return False

    def _dates_in(self, sent: Any) -> list[Any]:
        """The model's DATE and TIME names in a sentence (looked up once per sentence)."""
        found = self._dates.get(sent.start)
        if found is None:
            found = self._dates[sent.start] = [ent for ent in sent.ents
                                               if ent.label_ in {"DATE", "TIME"}]
        return found

    def _date_for(self, tok: Token, sent: Any) -> str | None:
        """The date stated for this trigger's clause, resolved against the article date."""
        self.vaguely_past = False
        if (years := _anniversary(tok)) is not None:
            if not years[0]:
                self.vaguely_past = True  # "over twenty years have passed since the signing"
                return None
            return self._years_before(years[0], years[1], sent)
        chain = governor_chain(tok)
        # The clause: the trigger, its governors, its infinitive complement ("decided to hold
        # talks in 1998") and participles that schedule it ("the Council to be held in
        # November"); not the content of what was said ("in favour of developing ... in 2020").
        clause = {t.i for t in chain}
        # "we will meet in September": the coming September
        ahead = due_to_come(tok) or any(
            c.dep_ == "aux" and c.lower_ in _WILL for t in chain for c in t.children) or any(
            c.dep_ == "amod" and c.lower_ in {"next", "upcoming", "forthcoming"}
            for c in tok.children) or any(  # "the next meeting, during the summit in July"
            c.dep_ == "relcl" and any(a.dep_ == "aux" and a.lower_ in _WILL for a in c.children)
            for c in tok.children  # "the summit that will take place at the end of May"
        ) or factuality_of(tok) == "future"  # "looking forward to meeting you in June"
        # "invited Putin to come in September": the coming one (not "On Monday, he joined the
        # calls asking the US to waive ...", whose Monday is the joining's)
        to_come = {t.i for c in tok.children if c.dep_ == "xcomp" and to_infinitive(c)
                   for t in c.subtree}
        if tok.dep_ == "relcl" and tok.head.lemma_.lower() in {"time", "day", "occasion"}:
            # "the last time they met was on December 20"; "Mr President, the last time we met
            # was in Baku last summer", the time parsed as the address's apposition
            time = tok.head
            clause.add(time.head.i)
            while time.dep_ == "appos" and time.head.i != time.i:
                time = time.head
                clause.add(time.head.i)
        if tok.dep_ in {"acl", "relcl"} and tok.head.dep_ == "attr":
            clause.add(tok.head.head.i)  # "in 1949 our country was the first to recognise"
        first = tok
        while first.dep_ == "conj" and first.pos_ == "VERB" and first.head.pos_ == "VERB":
            first = first.head
        if first.i != tok.i and not ahead:
            # "who was piloting a Su-25 on February 3 and was attacked by militants": the
            # date of the first of coordinated past verbs, when the later tells none
            clause.add(first.i)
        if tok.dep_ == "advcl" and tok.tag_ == "VBG":
            clause.add(tok.head.i)  # "On Thursday she addressed reporters, calling on ..."
        if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in _UNFOLDING:
            # "my visit begins on Monday": when the act takes place; said in the present of
            # a day to come, the coming one
            clause.add(tok.head.i)
            ahead = ahead or tok.head.tag_ in {"VBZ", "VBP"}
        for t in chain:
            clause.update(
                c.i for c in t.children
                if (c.dep_ in {"advcl", "acl", "relcl"} and c.lemma_.lower() in _SCHEDULING)
                or (c.dep_ == "xcomp" and t.i == tok.i)
            )
            # "signed during your visit to Russia in October 2018": the visit's date
            clause.update(g.i for c in t.children if c.dep_ == "prep" and c.lower_ == "during"
                          for g in c.children if g.dep_ == "pobj")
            if t.dep_ == "relcl" and any(
                    p.dep_ == "prep" and p.lower_ in {"during", "at"}
                    and any(w.lower_ == "which" for w in p.children) for p in t.children):
                # "the summit that took place in Paris on December 9, during which the parties
                # agreed": the date of the meeting the act was done at
                meeting = t.head
                clause.add(meeting.i)
                clause.update(c.i for c in meeting.children
                              if c.dep_ in {"acl", "relcl"} and c.i != t.i)
        best: str | None = None
        best_rank = len(chain)
        near = {t.i: n for n, t in enumerate(chain)}
        for i in _where_reached(tok):
            # "the agreements reached at the Normandy format summit held in Paris on December
            # 9, 2019", "the agreements reached at the summit ... on September 27": when the
            # act's own meeting was, before any date of its governors
            clause.add(i)
            near[i] = 0
        for ent in self._dates_in(sent):
            head = ent.root.head
            while head.lower_ in _DAY_PARTS and head.head.i != head.i:
                head = head.head  # "On Monday evening": Monday dates the evening's clause
            if (head.dep_ == "prep" and head.lower_ in _SPANS
                    and head.head.lemma_.lower() not in _SCHEDULING):
                continue  # "a protocol of consultations for 2013 and 2014": what it covers
            if (head.dep_ == "prep" and head.lower_ == "on" and len(ent) == 1
                    and head.head.lemma_.lower() in {"agree", "decide", "settle"}
                    and len(resolve_date(ent.text, self.article.date) or "") == 7):
                continue  # "We agreed on October": the month agreed on, not of the agreeing
            if head.dep_ == "prep" and head.i not in clause:
                head = head.head
            if _dates_anniversary(tok, ent):
                continue
            if (ahead and head.i != tok.i and head.tag_ == "VBD" and ent.end <= tok.i
                    and ent.root.i not in to_come):
                # "On March 5 they agreed to hold talks": the date of the agreeing, told before
                # the act still to come
                continue
            if head.i in clause:
                before = ent.doc[ent.start - 1].lower_ if ent.start else ""
                if before in HEDGES and ent.text.lower().endswith("ago"):
                    # "over 500 years ago": the model leaves the hedge out of the date
                    self.vaguely_past = True
                    continue
                iso = resolve_date(ent.text, self.article.date, ahead or ent.root.i in to_come)
                # the date on the nearest governor ("implementing the 2015 Minsk Package and
                # the agreements reached at the summit in Paris on December 9, 2019": the
                # summit's, not the Package's); among those, the first date told, made more
                # precise by a later one it contains ("50 years ago, in June 1968")
                rank = near.get(head.i, len(chain))
                if iso and (best is None or rank < best_rank or (
                        rank == best_rank and iso.startswith(best) and len(iso) > len(best))):
                    best, best_rank = iso, rank
        if best:
            return best
        # The model does not always tag "yesterday's" or "on Monday" as a DATE entity.
        for t in chain:
            for child in t.children:
                words = {child.lower_} | {g.lower_ for g in child.children}
                if words & _TEMPORAL_WORDS and child.dep_ in {"prep", "npadvmod", "poss", "nmod"}:
                    iso = resolve_date(
                        "".join(x.text_with_ws for x in child.subtree), self.article.date, ahead
                    )
                    if iso:
                        return iso
        return None

    def _years_before(self, years: int, marked: Token, sent: Any) -> str | None:
        """The year (and month, when the anniversary's is told) of an act ``years`` before
        the anniversary that ``marked`` (its verb) celebrates: the article's year unless a
        date of that verb says otherwise ("July marks the 25th anniversary of ...")."""
        when = None
        for ent in self._dates_in(sent):
            if ent.root.head.i == marked.i and ent.root.dep_ in {"npadvmod", "nsubj"}:
                when = resolve_date(ent.text, self.article.date)
        if when is None and self.article.date is not None:
            when = str(self.article.date.year)
        if when is None or not when[:4].isdigit():
            return None
        year = f"{int(when[:4]) - years:04d}"
        for ent in self._dates_in(sent):
            # "the 100th anniversary of diplomatic relations (established on June 3, 1920)"
            told = resolve_date(ent.text, self.article.date)
            if told and told.startswith(year) and len(told) > 4:
                return told
        return year + when[4:7]


_WILL = frozenset({"will", "shall", "'ll"})
_DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night"})
# Prepositions of a period an act covers or lasts, not when it happens ("a programme for 2020",
# "a truce until Monday", "no visit since 2009"); "scheduled for May" is when.
_SPANS = frozenset({"for", "until", "till", "through", "throughout", "since"})
# Verbs of which an act is the subject when they say when it happens ("the visit begins on").
_UNFOLDING = frozenset({"begin", "start", "open", "end", "close", "conclude", "take", "run"})
# Words that put a meeting told in the past tense in the present ("we met today").
_NOW = frozenset({"today", "now", "tonight", "currently"})
# Words that place a meeting told in the past tense before the one reported.
_BEFORE_NOW = frozenset({"ago", "last", "recently", "previously", "previous", "earlier",
                         "already", "before", "once", "yesterday"})
# Modifiers of a meeting noun that place it before the one reported ("our first meeting"; "this
# is our first meeting" is the one reported, told with a present copula).
_EARLIER = frozenset({"first", "last", "previous", "past", "earlier", "former"})
# Words in a sentence that tell a visit as one made before ("your recent visit", "the visit
# ... last autumn"); not "your first visit" nor "already", which may be the one going on.
_MADE_BEFORE = ((_BEFORE_NOW - {"already", "before", "once"}) | (_EARLIER - {"first"})
                | {"recent", "latest"})
# Meetings face to face: a guest's visit to the host's country is the talks held there.
_IN_PERSON = frozenset({"visit", "meeting", "talks", "take part", "host visit"})
# Meetings in which a visit to the host's state is told again ("visited India ... held talks").
_MET = frozenset({"meeting", "talks", "discussion"})
# Named gatherings of a state ("the Syrian National Dialogue Congress"), not of its leaders.
_CONGRESSES = frozenset({"congress", "conference"})
# Nouns of sides talking with each other ("bilateral consultations").
_TALKS = frozenset({"consultation", "talk", "talks", "contact", "meeting", "dialogue",
                    "negotiation", "summit"})


def _own_invitation(invitation: Token) -> bool:
    """Whether a thanked-for invitation is the thanker's own: accepted by the one thanked
    ("for accepting the invitation") or told as the speaker's ("our invitation")."""
    return (invitation.head.lemma_.lower() == "accept"
            or any(t.dep_ == "poss" and t.lower_ in {"our", "my"} for t in invitation.children))


def _states_where(ev: Event, seat: Mapping[str, str]) -> set[str]:
    """The state a meeting is held in (``seat``: the state of each place and country); a
    visit is in the state it goes to."""
    where = {seat[ev.place]} if ev.place is not None and ev.place in seat else set()
    if ev.mode == "visit":
        where |= {seat[k] for k in ev.targets if k in seat}
    return where


def _elsewhere(a: Event, b: Event, seat: Mapping[str, str]) -> bool:
    """Whether a visit goes to another state than the one a meeting is held in (the place of
    a discussion may be its topic: "discussed the situation in Syria")."""
    if "visit" not in {a.mode, b.mode} or not {a.mode, b.mode} <= {"visit", "meeting", "talks"}:
        return False
    at, bt = _states_where(a, seat), _states_where(b, seat)
    return bool(at and bt and not at & bt)


def _away(tok: Token, event: Event, day_where: AbstractSet[str], seat: Mapping[str, str],
          token_key: Mapping[int, str]) -> bool:
    """An act told at the day's meeting that happened in another state: a visit there ("your
    visit to Russia", said at talks in China), or what was done during one ("the agreements
    we made during your visit to Russia")."""
    if not day_where:
        return False
    if tok.lemma_.lower() == "visit" and (where := _states_where(event, seat)):
        return not where & day_where  # not "arrived here from Syria": where it came from
    heads = {tok.i} | {c.i for c in tok.children if c.dep_ == "relcl"} | {
        g.i for g in governor_chain(tok)}
    for prep in tok.sent:
        if prep.dep_ != "prep" or prep.lower_ != "during" or prep.head.i not in heads:
            continue
        for trip in (c for c in prep.children if c.lemma_.lower() in {"visit", "trip"}):
            where = {seat[k] for w in trip.subtree
                     if (k := token_key.get(w.i)) is not None and k in seat}
            if where and not where & day_where:
                return True
    return False


# Modes that tell one act by different words: the invitation thanked for ("thank you for
# accepting the invitation") is the one appreciated later ("I appreciate your invitation").
_MODE_KIN = {"invitation": "invite"}


def _kin(mode: str) -> str:
    """The mode an act is compared by when merging: one name for the same act's modes."""
    return _MODE_KIN.get(mode, mode)


def _merge(events: list[Event], country: dict[str, str], persons: set[str],
           spoken: AbstractSet[int] = frozenset(),
           recalled: AbstractSet[int] = frozenset(),
           again: AbstractSet[int] = frozenset(),
           seat: Mapping[str, str] | None = None, today: str | None = None) -> list[Event]:
    """One real-world event, one Event: drop repeats and mentions already covered by an event.

    Speech acts said in a transcript (``spoken``: their trigger offsets) are each an act of
    their own: thanking for the reception and for the support are two thanks, unless said
    ``again`` (trigger offsets of "thank you again", "once again my congratulations"). So is
    an earlier meeting a turn recalls, or an act told as done earlier (``recalled``), from the
    day's, and a meeting in another state than the one ``seat`` (the state of each place and
    country) puts it in ("your visit to Russia" told at talks in China). A signing of an
    earlier date than ``today`` told twice with its date ("which we signed during your visit in
    October 2018", "which we signed last October") is one signing.
    """
    seat = seat or {}

    def recalls(ev: Event) -> bool:
        return ev.trigger is not None and ev.trigger.start in recalled

    kept: list[Event] = []

    def rolled(keys: set[str]) -> set[str]:
        return {country.get(k, k) for k in keys}

    for ev in events:
        parts = set(ev.actors) | set(ev.targets)
        duplicate = False
        for i, old in enumerate(kept):
            if (old.type != ev.type or (old.date and ev.date and not _same_time(old.date, ev.date))
                    or recalls(old) != recalls(ev)
                    # a state's congress is another meeting than its leader's talks
                    or (old.mode in _CONGRESSES) != (ev.mode in _CONGRESSES)):
                continue
            old_parts = set(old.actors) | set(old.targets)
            if (
                ev.type == "CONSULT"
                and old.factuality == ev.factuality
                and not _elsewhere(old, ev, seat)
                and (
                    parts <= old_parts
                    or (not parts & persons and rolled(parts) <= rolled(old_parts) | old_parts)
                    or (parts & old_parts and not (parts - old_parts) & persons
                        and rolled(parts) <= rolled(old_parts)
                        and {old.mode, ev.mode} <= _IN_PERSON)
                    # "The President and I have just had talks": one side of the day's talks
                    or (len(parts) == 1 and old.date is not None and old.date == ev.date
                        and rolled(parts) <= rolled(old_parts)
                        and {old.mode, ev.mode} <= _IN_PERSON)
                )
            ):
                # A later "the talks", "the meeting of the leaders of A and B" is the same
                # meeting, often named by country instead of by person; so is the guest's
                # visit to the host's country ("... with X, who has arrived in Russia"). An
                # earlier meeting recalled first without its date ("you and I met just
                # recently") takes its month or day from the later telling ("during your
                # visit to Russia on July 3-4 we had talks in Moscow"); a year alone may be
                # another meeting's.
                if recalls(old) and old.date is None and ev.date and len(ev.date) >= 7:
                    kept[i] = replace(old, date=ev.date, place=old.place or ev.place)
                duplicate = True
                break
            if (ev.type == "CONSULT" and old.factuality == ev.factuality and old.date
                    and old.date == ev.date and len(old_parts) == 1 and len(parts) > 1
                    and not any(k in persons or k in country for k in parts)
                    and all(k in parts or (k in persons and country.get(k) in parts)
                            for k in old_parts)):
                # "Putin took part in the trilateral meeting", then "the Presidents of Russia,
                # Iran and Turkey discussed ...": the same meeting, now told with all its
                # sides (states: not a meeting with persons, which may be another one)
                known = rolled(old_parts)
                kept[i] = replace(
                    old,
                    actors=old.actors + tuple(k for k in ev.actors
                                              if country.get(k, k) not in known),
                    targets=old.targets + tuple(k for k in ev.targets
                                                if country.get(k, k) not in known))
                duplicate = True
                break
            if (ev.type == "CONSULT" and not ev.actors and ev.date is None and old.date
                    and old.actors and old.factuality == ev.factuality == "asserted"
                    and rolled(parts) <= rolled(old_parts)):
                # "Speech at the meeting with President of Iran Hassan Rouhani and ...": the
                # day's meeting, told by whom it was with; they stand in for their states
                named = {country[k]: k for k in parts if k in country}
                kept[i] = replace(old, actors=tuple(named.get(k, k) for k in old.actors),
                                  targets=tuple(named.get(k, k) for k in old.targets))
                duplicate = True
                break
            same_sentence = old.evidence == ev.evidence
            if (ev.trigger is not None and ev.trigger.start in again and old.mode == ev.mode
                    and set(old.actors) == set(ev.actors) and set(ev.targets) <= set(old.targets)):
                duplicate = True  # "Thank you again for the invitation": the thanks said before
                break
            if (ev.mode == old.mode == "sign agreement" and ev.date == old.date
                    and ev.date not in (None, today) and rolled(parts) == rolled(old_parts)):
                duplicate = True  # the same earlier signing, recalled again
                break
            if ev.mode in _TOLD_APART and not same_sentence:
                continue
            if (not same_sentence and ev.type in _SPEECH_ACTS and ev.trigger and old.trigger
                    and {ev.trigger.start, old.trigger.start} <= spoken):
                continue
            if (
                old.mode == ev.mode
                and {old.factuality, ev.factuality} == {"asserted", "possible"}
                and parts == old_parts
            ):
                # "X was poisoned" and later "his associates alleged X was poisoned": one act.
                if ev.factuality == "asserted":
                    kept[i] = replace(ev, date=_finer(ev.date, old.date))
                duplicate = True
                break
            if old.actors and ev.actors and not set(old.actors) & set(ev.actors):
                continue  # the act returned ("thank you" in each turn): two acts
            if ((_kin(old.mode) == _kin(ev.mode) and old.factuality == ev.factuality)
                    or same_sentence):
                if parts <= old_parts:
                    duplicate = True
                    break
                retold = (ev.type == "SUPPORT" or ev.mode == "summit") and (
                    set(old.actors) == set(ev.actors) and not old.targets)
                if old_parts < parts and (same_sentence or retold):
                    # the fuller reading of the same act in the same sentence, or the act
                    # told again with whom it went to ("accept my condolences" ... "thank
                    # you for your condolences"; "the upcoming G20 summit" ... "we are
                    # preparing to host the G20 summit")
                    kept[i] = replace(ev, date=_finer(ev.date, old.date))
                    duplicate = True
                    break
            if (
                old.mode == ev.mode
                and old.factuality == ev.factuality
                and parts & old_parts
                and not (old.actors and ev.actors)
            ):
                # The same act told twice, once with its performer: keep one, with both sides.
                base, other = (ev, old) if ev.actors else (old, ev)
                actors = tuple(dict.fromkeys(base.actors + other.actors))
                targets = tuple(
                    k for k in dict.fromkeys(base.targets + other.targets) if k not in actors
                )
                kept[i] = replace(
                    base, actors=actors, targets=targets, date=_finer(base.date, other.date),
                    place=base.place or other.place,
                )
                duplicate = True
                break
        if not duplicate:
            kept.append(ev)
    return kept


def find_events(doc: Doc, article: Article, entities: Sequence[Entity],
                place_states: Mapping[str, str] | None = None) -> tuple[Event, ...]:
    """PLOVER events of an article from its parsed body and its entities.

    Args:
        doc: spaCy ``Doc`` of ``article.body``.
        article: the article; evidence and trigger spans are offsets into ``article.text``.
        entities: the article's entities, mentions in ``article.text`` coordinates.
        place_states: the country each place lies in, the host of a visit there when the
            article names it.

    Returns:
        The events in text order, one per real-world event, each with at least one entity of
        the article as actor or target.
    """
    ex = _Extractor(doc, article, entities, place_states or {})
    found: list[Event] = []
    spoken: set[int] = set()  # trigger offsets of acts said in transcript turns
    recalled: set[int] = set()  # trigger offsets of earlier meetings a turn recalls
    invitations: set[int] = set()  # trigger offsets of invitations thanked for
    again: set[int] = set()  # trigger offsets of speech acts said again ("thank you again")
    thanked: set[tuple[tuple[str, ...], str]] = set()  # (who thanks, for what)
    earlier: set[int] = set()  # trigger offsets of visits told as past ("your recent visit")
    seat = {**ex.place_states, **{e.key: e.key for e in entities if e.type == "Country"}}
    day_where: set[str] = set()  # the state the day's meeting is held in, when told
    headline_done = False
    meeting_report = False
    message_report = False  # the day's news is a message sent: its quoted words keep their tense
    listing = False  # the sentence before opened, or went on with, a list ("the signing of:")
    for s_no, sent in enumerate(doc.sents):
        # "An agreement between Rosneft and ENI on ...;": a verbless item of that list
        item = listing and sent.root.pos_ in {"NOUN", "PROPN"}
        listing = meeting_report and (sent.text.rstrip().endswith(":") or item)
        if _question(sent):
            continue  # "Are you ready to resume talks?" asks; it reports nothing
        ex.note_body(sent)
        for tok in sent:
            trig = ex.match(tok)
            if trig is None:
                continue
            event = ex.event_at(tok, trig, sent)
            if event is None:
                continue
            if event.type == "COOPERATE" and _credited(tok):
                continue  # "his personal contribution to strengthening the partnership"
            wish = _wished(tok) if event.type == "COOPERATE" else None
            wishers = ex.wishers(wish) if wish is not None else ()
            if wish is not None and wish.lemma_.lower() == "importance" and not ex.own_ties(
                    event, wishers):
                wish = None  # "noted the importance of coordination between Spain and Chile"
            if wish is not None:
                said = ex.match(wish)
                if said is not None and said.type == "AGREE":
                    continue  # "expressed their desire to advance cooperation": that AGREE's
                # "we need to deepen our cooperation", "an honour ... to further strengthen the
                # ties": intent to cooperate told, no cooperation done; by the persons who
                # tell it when named ("Mr Putin and Mr el-Sisi expressed their desire to ...")
                # as the wish is told: "does not need to deepen" negates it; "looking forward
                # to" makes what it looks to future, not the looking
                told = factuality_of(wish)
                if _we_must(wish):
                    # the modal is the proposal's, said as it is: made, unless "should not";
                    # by who says "we must" (gold guidelines 5.3: the author of a proposal)
                    told = "negated" if told == "negated" else "asserted"
                    speaker = ex.turn_speaker(wish)
                    wishers = (speaker,) if speaker else wishers
                event = replace(event, type="AGREE", mode="express intent",
                                actors=wishers or event.actors,
                                factuality="asserted" if told == "future" else told,
                                # "next year we plan to suggest an update": the time of the
                                # cooperation wished, not of the telling
                                date=None if _after(event.date, article.date) else event.date)
            elif (event.type == "COOPERATE" or trig.mode in _STANDING_TIES) and (
                    _we_keep_on(tok) or _held_important(tok)):
                # "We will continue pursuing our contacts": a commitment told, not contacts
                # foretold (gold guidelines 5.2: expressions of commitment are AGREE); in a
                # turn, the speaker's to the other parties
                event = ex.commitment(event, tok)
            if trig.mode == "host visit" and _hosts_meeting(tok, ex.match):
                continue  # "Russia hosted the G20 summit": the summit, hosted by Russia
            if event.type == "COOPERATE" and _a_topic(tok):
                continue  # "discussed prospects for developing cooperation": talked about
            if event.type == "CONSULT" and _invited(tok):
                continue  # "invited Macron to visit Russia": the invitation's, no visit yet
            if event.type == "CONSULT" and _repeated(tok):
                continue  # "who met Hugo Chavez on a number of occasions": many meetings, no one
            if (event.type == "CONSULT" and _attendance_list(tok)
                    and any(f.type == "CONSULT" for f in found)):
                continue  # "Taking part in the meeting were ...": who attended the one reported
            if event.trigger is not None and (
                    (event.type == "CONSULT" and ex.index.in_turn(tok.i)
                     and _recalled_meeting(tok, sent))
                    or (event.type != "CONSULT" and event.date is None and event.actors
                        and _told_as_earlier(tok))):
                recalled.add(event.trigger.start)
            if not headline_done:
                headline_done = True
                # The article's first reported act, in its opening sentences, is the day's news:
                # it happened on the article date unless the text says otherwise.
                if (
                    s_no < 2
                    and (event.type == "CONSULT"
                         or (event.type in _HEADLINE_ACTS and _past_clause(tok)
                             and not _reported_clause(tok)))
                    and event.factuality == "asserted"
                    and event.date is None
                    and not ex.vaguely_past
                    and article.date is not None
                ):
                    # "Vladimir Putin sent a message of condolence to ...", "met with ...";
                    # not "Turkish jets bombed ...", which may be days old
                    event = replace(event, date=article.date.isoformat())
                    # what a meeting, or a message, is reported to have said, it said that day
                    meeting_report = event.type == "CONSULT" or any(
                        t.lemma_.lower() in _MESSAGE_NOUNS for t in sent) or (
                        event.type in _SAID_ACTS and tok.head.lemma_.lower() == "send")
                    message_report = meeting_report and event.type != "CONSULT"
                    if event.type == "CONSULT":
                        day_where = _states_where(event, seat)
            elif (
                meeting_report
                and event.date is None
                and not ex.vaguely_past
                # "We have significantly strengthened our ties", in the message quoted: done
                # over the years, not the day it was sent
                and not (message_report and ex.index.in_message(tok.i))
                # nor what a transcript turn tells as done ("our countries have strengthened
                # their cooperation"); what the speaker agrees, proposes or thanks for is said
                # that day
                and not (event.type not in _SAID_ACTS | {"CONSULT"}
                         and (ex.index.in_turn(tok.i) or _talked_about(tok)))
                and event.factuality == "asserted"
                and article.date is not None
                and (_past_clause(tok) or item)
                and (event.trigger is None or event.trigger.start not in recalled)
                and not _away(tok, event, day_where, seat, ex.index.token_key)
            ):
                # Acts reported in the past tense in a meeting report, or listed after such a
                # report ("witnessed the signing of:"), happened at the meeting.
                event = replace(event, date=article.date.isoformat())
            elif (
                event.type in _SAID_ACTS
                and event.date is None
                and event.factuality == "asserted"
                and article.date is not None
                and (ex.index.in_turn(tok.i) or ex.index.in_message(tok.i))
                and not _past_clause(tok)
                # "the agreements we made during your visit": made then, not said now; nor
                # what the speaker thanks for ("thank you for agreeing to co-chair")
                and not _made_earlier(tok) and not _thanked_act(tok)
            ):
                # "Thank you for ...", "we are grateful ...": done by saying it, in the turn
                # of the meeting the transcript is of, on its date; so in the message the
                # article quotes, sent that day
                event = replace(event, date=article.date.isoformat())
            if event.trigger is not None and ex.index.in_turn(tok.i):
                spoken.add(event.trigger.start)
                chain = {t.i for t in governor_chain(tok)}
                matter = _thanks_matter(tok) if event.type == "SUPPORT" else None
                if (any(t.lower_ == "again" and t.head.i in chain for t in sent)
                        or (matter and (event.actors, matter) in thanked)):
                    again.add(event.trigger.start)
                if matter:
                    thanked.add((event.actors, matter))
            if (event.mode == "visit" and event.trigger is not None
                    and (_past_clause(tok) or any(t.lower_ in _MADE_BEFORE for t in sent))):
                earlier.add(event.trigger.start)
            parties = tuple(dict.fromkeys(event.actors + event.targets))
            # a summit hosted ("Russia hosted the G20 summit in 2013") is a club's meeting,
            # whose host is no party of the one the article reports
            if not ex.group and event.factuality == "asserted" and not _hosted(tok) and (
                    event.type == "CONSULT" or (message_report and s_no < 2
                                                and len(event.actors) == len(event.targets) == 1)):
                # "they", "the two leaders" later on: the parties of the article's meeting, or
                # of the message it reports ("sent a message of greetings to ...": "the two
                # countries" are the sender's and the addressee's)
                ex.group = parties if len(parties) > 1 else ()
                ex.by_message = event.type != "CONSULT"
                if not ex.group and not ex.summit and ex.international(parties):
                    ex.summit = parties  # "The SCO leaders discussed ..."
            if event.trigger is not None and event.trigger.start in invitations:
                continue  # told already, as the invitation thanked for
            if event.mode == "sign agreement" and (
                    _overseen(tok) or _witnessed(tok, ex.index.token_key)):
                # "the two heads of state presided over the signing of the Protocol", "in the
                # presence of presidents Putin and Erdogan, the energy ministers of the two
                # countries signed": the states they lead signed it, not they
                event = replace(event, actors=tuple(dict.fromkeys(
                    ex.country.get(k, k) for k in event.actors)))
            if (event.type == "REQUEST" and len(event.actors) > 1 and not event.targets
                    and (commitment := _own_commitment(tok))):
                # "The parties stressed the importance of preserving this agreement": its
                # parties reaffirm it, they ask nobody
                event = replace(event, type="AGREE", mode=commitment)
            if len(event.actors) > 1 and ex.senders(tok):
                # each sender's statement is an act of its own
                found += [replace(event, actors=(k,)) for k in event.actors]
                continue
            meeting = ex.meeting_done_during(tok, event)
            if meeting is not None:
                found.append(meeting)  # before the act, as told: the day's meeting first
            found += _per_counterpart(event, tok, ex.index.types)
            invitation = ex.invitation_thanked_for(tok, event)
            if invitation is not None and invitation.trigger is not None:
                found.append(invitation)
                invitations.add(invitation.trigger.start)
    country = {e.key: e.country for e in entities if e.country and e.type != "Country"}
    persons = {e.key for e in entities if e.type == "Person"}
    # the state each party serves, by its role where the article does not name that state
    serves = {e.key: e.country or next((r.of_key for r in e.roles if r.of_key), None)
              for e in entities if e.type != "Country"}
    home = _home_state(article, entities)
    organs = _home_organs(article, entities) if home is not None else set()
    bodies = {e.key for e in entities if e.type == "Organization" and e.country}
    found = [ev for ev in found
             if not _internal(ev, serves) and not _domestic(ev, home, organs, serves, persons)
             and not _own_business(ev, bodies)]
    today = article.date.isoformat() if article.date is not None else None
    merged = _merge(found, country, persons, spoken, recalled, again, seat, today)
    return tuple(_absorb_visits(merged, serves, earlier, seat))


def _same_time(a: str, b: str) -> bool:
    """True for two ISO dates that may name the same day ("2017" and "2017-03-28": "our first
    foreign visit this year" is the visit of the day reported)."""
    return a.startswith(b) or b.startswith(a)


def _finer(a: str | None, b: str | None) -> str | None:
    """The more precise of two dates of one act (the first when both are as precise)."""
    if a and b and len(b) > len(a) and b.startswith(a):
        return b
    return a or b


def _absorb_visits(events: list[Event], serves: Mapping[str, str | None],
                   earlier: AbstractSet[int], seat: Mapping[str, str]) -> list[Event]:
    """Drop a visit to a state when the same day's meeting or talks of the visitor with a
    person of that state are told too: one real-world event ("made an official visit to
    India" and "held talks with Prime Minister Singh"). A visit of no date, told in the
    present of the visitor of a dated meeting, is that meeting's visit ("This is my first
    official visit", "your visit will give a boost"); not one still to come, nor one told in
    the past (``earlier``: trigger offsets of "your recent visit", "when I visited")."""
    def hosted(visit: Event) -> bool:
        guests = set(visit.actors)
        states = {k for k in visit.targets if k not in serves}
        for ev in events:
            if (ev is visit or ev.type != "CONSULT" or ev.mode not in _MET
                    or _elsewhere(ev, visit, seat)):
                continue
            parties = set(ev.actors + ev.targets)
            parties |= {state for k in parties if (state := serves.get(k))}
            if visit.date is not None:
                same = ev.date == visit.date and ev.factuality == visit.factuality
            else:
                same = (ev.date is not None and ev.factuality == "asserted"
                        and visit.factuality != "future" and visit.trigger is not None
                        and visit.trigger.start not in earlier)
            if (same and guests & parties
                    and (not states or any(serves.get(k) in states for k in parties))
                    and (states or visit.date is None)):
                return True
        return False

    return [ev for ev in events if not (
        ev.type == "CONSULT" and ev.mode == "visit" and ev.actors
        and (ev.targets or ev.date is None)
        and all(k not in serves for k in ev.targets) and hosted(ev))]


def _internal(event: Event, serves: Mapping[str, str | None]) -> bool:
    """True for an act between officials and bodies of one state and nobody else ("Putin
    met with permanent members of the Security Council"): no international event. ``serves``
    maps each party to the state it serves."""
    if not (event.actors and event.targets) and event.type not in _JOINT_ACTS:
        return False  # "the meeting participants expressed concern about ...": at someone else
    parties = set(event.actors) | set(event.targets)
    states = {serves.get(k) for k in parties}
    return len(parties) > 1 and len(states) == 1 and None not in states


def _own_business(event: Event, bodies: AbstractSet[str]) -> bool:
    """True for a meeting held of one body of one state (``bodies``) and nobody else ("This is
    the year's first meeting of the Commission for Military Technical Cooperation with Foreign
    States"); one to come may be a joint one the model took for a body ("Yekaterinburg will
    host the 9th Russia-Kyrgyzstan Inter-Regional Conference") and stays."""
    parties = set(event.actors) | set(event.targets)
    return (event.type == "CONSULT" and event.factuality == "asserted" and len(parties) == 1
            and parties <= bodies)


def _home_state(article: Article, entities: Sequence[Entity]) -> str | None:
    """The one state an article tells of when it names no other, no international
    organisation and nothing abroad (a US court case, a governor's bill); else None."""
    states = {e.key for e in entities if e.type == "Country"}
    states |= {e.country for e in entities if e.country}
    if len(states) != 1 or _ABROAD.search(article.body):
        return None
    if any(e.type == "Organization" and e.wikidata and not e.country for e in entities):
        return None  # an international organisation, or a company of no one state
    return states.pop()


def _home_organs(article: Article, entities: Sequence[Entity]) -> set[str]:
    """The organs ("District Court", "the Senate") and the office holders of no known state
    ("Governor Kay Ivey") of an article: in a story of home affairs, the home state's."""
    organs = {e.key for e in entities if e.type == "Organization" and not e.wikidata
              and {w.lower() for w in e.label.split()} & _ORGANS}
    organs |= {e.key for e in entities if e.type == "Person" and not e.country and any(
        _OFFICE_RE.search(article.text, max(m.start - 40, 0), m.start) for m in e.mentions)}
    return organs


def _domestic(event: Event, home: str | None, organs: AbstractSet[str],
              serves: Mapping[str, str | None], persons: AbstractSet[str] = frozenset()) -> bool:
    """True for a political act in a story of the ``home`` state's own affairs whose every
    party is that state, one of its ``organs`` or one of its officials ("Trump asked the
    District Court", "Biden warned ..."), or, acting towards nobody, a person of no other
    known state ("Clinton resigned to become Secretary of State"): no international event.
    Acts of force and protest stay (arrests, riots), and so do acts on private persons ("Trump
    sued his lawyer"). A resignation is an office left at home in any story ("Theresa May is
    to step down"), unless it is towards another state."""
    if event.mode == "resign":
        own = {serves.get(k) for k in event.actors}
        # a state (no entry in ``serves``) other than the resigner's, or a body of one
        foreign = [k for k in event.targets if k in persons
                   or (k not in own if k not in serves else serves[k] not in own | {None})]
        return not foreign
    if home is None or event.type in _FORCE:
        return False
    parties = set(event.actors) | set(event.targets)
    return bool(parties) and all(
        k == home or k in organs or serves.get(k) == home
        or (not event.targets and k in persons and serves.get(k) is None) for k in parties)


# Irregular forms of lexicon verbs; regular inflections are generated (trigger_forms).
_IRREGULAR = {
    "meet": ("met",), "take": ("took", "taken"), "send": ("sent",), "shoot": ("shot",),
    "strike": ("struck", "stricken"), "withdraw": ("withdrew", "withdrawn"),
    "undertake": ("undertook", "undertaken"), "deal": ("dealt",), "hold": ("held",),
    "give": ("gave", "given"), "make": ("made",), "speak": ("spoke", "spoken"),
    "seek": ("sought",), "begin": ("began", "begun"), "come": ("came",), "say": ("said",),
    "pay": ("paid",), "bring": ("brought",), "build": ("built",),
}
_PRONOUN_FORMS = (_PERSON_PRONOUNS | _SPEAKER_PRONOUNS | _ADDRESSEE_PRONOUNS | _GROUP_PRONOUNS) | {
    "leaders", "sides", "parties", "presidents", "heads", "participants", "countries", "states",
    "nations",
}
# Pronouns that can only refer to a person named before them (phrase_entities).
_ONE_PERSON_FORMS = _PERSON_PRONOUNS | _SPEAKER_PRONOUNS | _ADDRESSEE_PRONOUNS


def _inflections(lemma: str) -> set[str]:
    """A generous set of the forms a lexicon lemma can take in text."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "d", lemma + "ed", lemma + "ing",
             *_IRREGULAR.get(lemma, ())}
    if lemma.endswith("e"):
        forms.add(lemma[:-1] + "ing")
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


@cache
def trigger_forms() -> frozenset[str]:
    """Every lower-case word form that may be a trigger of the lexicon (a superset)."""
    return frozenset(_form_lemmas())


def _plurals(lemma: str) -> set[str]:
    """The forms a noun lemma can take in text: itself and its plurals."""
    forms = {lemma, lemma + "s", lemma + "es"}
    if lemma.endswith("y"):
        forms.add(lemma[:-1] + "ies")
    if lemma.endswith("f"):
        forms.add(lemma[:-1] + "ves")
    if lemma.endswith("man"):
        forms.add(lemma[:-3] + "men")
    return forms


@cache
def _form_lemmas() -> dict[str, tuple[str, ...]]:
    """Each word form that may be a trigger, and the lexicon lemmas it may be a form of.

    A lemma whose entries are all nouns takes only noun forms: a token tagged as a noun keeps
    its form as lemma or loses a plural ending, so "talked" or "dealing" is never "talk" or
    "deal" the noun.
    """
    lemmas: dict[str, list[str]] = {}
    for lemma, entries in load_lexicon().by_lemma.items():
        nominal = all(trig.pos <= {"NOUN", "PROPN"} for trig in entries)
        for form in (_plurals if nominal else _inflections)(lemma.lower()):
            lemmas.setdefault(form, []).append(lemma)
    return {form: tuple(found) for form, found in lemmas.items()}


@cache
def _cue_forms() -> dict[str, frozenset[str] | None]:
    """Per lexicon lemma, the word forms of which one must be near it for any of its entries to
    fit (the forms of their ``needs``); None when an entry needs nothing."""
    cues: dict[str, frozenset[str] | None] = {}
    for lemma, entries in load_lexicon().by_lemma.items():
        if any(not trig.needs for trig in entries):
            cues[lemma] = None
        else:
            cues[lemma] = frozenset(
                form for trig in entries for cue in trig.needs for form in _inflections(cue)
            )
    return cues


def _covered(starts: Sequence[int], reach: Sequence[int], lo: int, hi: int) -> bool:
    """True when characters lo..hi overlap a span of the sorted ``starts`` (``reach``: the
    furthest end of the spans up to each one)."""
    i = bisect.bisect_left(starts, hi)
    return i > 0 and reach[i - 1] > lo


def sentences_to_parse(doc: Doc, article: Article, entities: Sequence[Entity]) -> list[Any]:
    """The sentences of a names-only Doc that may hold an event and so need a parse.

    A sentence qualifies when it does not ask (a question reports no event) and it has a
    possible trigger and a possible participant. A possible
    trigger is a word form of a lexicon lemma outside any name ("Normandy Four summit" is a
    name, not a meeting) whose entries either need no cue word or find one of their cue words
    (``needs``) in the sentence or the two words either side of it, where ``match`` looks. A
    possible participant is a mention of a person, organisation or country (or of a place that
    stands for one), or a pronoun or group noun after such a mention, which it may refer to.
    """
    form_lemmas, cue_forms, lexicon = _form_lemmas(), _cue_forms(), load_lexicon()
    body, end = article.body_start, len(doc.text)
    spans = sorted((m.start - body, m.end - body) for e in entities for m in e.mentions)
    starts = [lo for lo, _ in spans]
    reach = list(itertools.accumulate((hi for _, hi in spans), max))
    # mentions in the body only: the parse (and so coreference) sees no headline
    parts = sorted(m.start - body for e in entities if e.type in _PARTICIPANT_TYPES
                   or e.stands_for for m in e.mentions if m.start >= body)
    first_person = min((m.start - body for e in entities if e.type == "Person"
                        for m in e.mentions if m.start >= body), default=end)
    first_part = parts[0] if parts else end
    # named meetings with a party inside ("SCO summit", "Syrian National Dialogue Congress")
    sides = [m.start - body for e in entities if e.type in {"Organization", "Country"}
             for m in e.mentions]
    meetings = [(m.start - body, m.end - body) for e in entities if e.type == "NamedEvent"
                for m in e.mentions if e.country or any(m.start <= k + body < m.end for k in sides)]
    chosen = []
    for sent in doc.sents:
        lo, hi = sent.start_char, sent.end_char
        if _question(sent):
            continue
        # a club's named summit is a meeting too ("after the SCO summit")
        triggers = [t for t in sent if t.lower_ in form_lemmas
                    and (not _covered(starts, reach, t.idx, t.idx + len(t))
                         or (t.lower_ in _MEETING_NAME_FORMS
                             and any(lo <= t.idx < hi for lo, hi in meetings)))]
        if not triggers:
            continue
        at = bisect.bisect_left(parts, lo)
        # "Documents were signed" names nobody, the states of the meeting before it sign; "it
        # was agreed to ..." is said by the parties of the meeting
        passive = any(t.lower_ in _PASSIVE_AUX for t in sent)
        # "Major joint projects are underway": the parties of the talks reported, unnamed
        named = (at < len(parts) and parts[at] < hi) or (lo > first_part and any(
            trig.mode in _DISTINCT_ACTS or (passive and trig.type in _SAID_AT_MEETINGS)
            or (trig.type == "COOPERATE" and any(w.lower_ == "joint" for w in sent))
            for t in triggers for lemma in form_lemmas[t.lower_]
            for trig in lexicon.by_lemma.get(lemma, ())))
        if not named and not any(
            t.lower_ in _PRONOUN_FORMS
            and t.idx > (first_person if t.lower_ in _ONE_PERSON_FORMS else first_part)
            for t in sent
        ):
            continue
        window = {t.lower_ for t in doc[max(sent.start - 2, 0):min(sent.end + 2, len(doc))]}
        if any(
            (cues := cue_forms[lemma]) is None or not cues.isdisjoint(window)
            for t in triggers for lemma in form_lemmas[t.lower_]
        ):
            chosen.append(sent)
    return chosen


# Dependencies into another clause or an aside: a "you" there is no party of the act
# ("as you know, we...", "Your Majesty, we met").
_ASIDE_DEPS = frozenset({"ccomp", "advcl", "conj", "parataxis", "relcl", "npadvmod", "intj",
                         "dep", "punct", "mark", "cc"})


def _says_you(verb: Token, subject: Token) -> bool:
    """True when the clause of verb has "you" or "your" in it outside its subject and asides:
    "we" said to "you" excludes them ("we support your aspiration", "we are glad to see you");
    not when it only dates the act ("the treaty we signed during your visit": both signed)."""
    todo = [c for c in verb.children if c.i != subject.i and c.dep_ not in _ASIDE_DEPS
            and not (c.dep_ == "prep" and c.lower_ == "during")]
    while todo:
        tok = todo.pop()
        if tok.lower_ in _ADDRESSEE_PRONOUNS:
            return True
        # "we support the agenda you have set": the object is yours
        todo += [c for c in tok.children if c.dep_ not in _ASIDE_DEPS
                 or (tok.dep_ in _OBJECTS and _yours(c))]
    return False


def _yours(clause: Token) -> bool:
    """True for a relative clause whose subject is "you" alone ("the agenda you have set"; not
    "the agreements you and I reached")."""
    return clause.dep_ == "relcl" and any(
        c.dep_ == "nsubj" and c.lower_ == "you" and not any(x.dep_ == "conj" for x in c.children)
        for c in clause.children)


def _after(date: str | None, day: dt.date | None) -> bool:
    """True when the period an ISO date ("2019", "2019-11", "2019-11-05") names begins after
    the given day."""
    if not date or day is None:
        return False
    year, month, dom = [*(int(p) for p in date.split("-")), 1, 1][:3]
    return dt.date(year, month, dom) > day


def _first_person(tok: Token) -> bool:
    """True for "we", "I", "us" and what "our"/"my" owns ("our countries")."""
    return tok.lower_ in {"we", "i", "us"} or any(
        c.dep_ == "poss" and c.lower_ in {"our", "my"} for c in tok.children)


def _kept_to(tok: Token, trig: Trigger) -> bool:
    """True for an act governed by one of its trigger's vetoing heads ("implemented the
    agreement", "compliance with the agreement"): an act made before, now kept or broken;
    unless its making is told too ("the implementation of the agreements we made during your
    visit", "... the agreements reached during the talks in May 2019")."""
    if _made_earlier(tok):
        return False
    return tok.head.lemma_.lower() in trig.veto_head or (
        tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in trig.veto_head)


# Verbs that tell an agreement made ("the agreements reached at the summit").
_MAKING = frozenset({"reach", "make", "conclude", "achieve"})


def _made_earlier(noun: Token) -> bool:
    """An agreement told as made at another time or place ("the agreements we made during
    your visit", "our agreement reached in Dushanbe", "reached at the talks in June"); not one
    to be reached ("the agreements we will reach"), nor "the agreements we have reached",
    which a statement after talks tells of those talks, nor a commitment "to make" an effort."""
    return noun.pos_ == "NOUN" and any(
        c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in _MAKING and c.tag_ in {"VBD", "VBN"}
        and not any(a.dep_ == "aux" and a.lower_ in {"to", *_WILL} for a in c.children)
        and any((p.dep_ == "prep" and p.lower_ in _WHEN_OR_WHERE)
                or (p.dep_ in {"npadvmod", "advmod"} and p.lower_ not in {"already", "now"})
                for p in c.children)
        for c in noun.children)


# Prepositions that place an act in time or space ("during your visit", "in Dushanbe").
_WHEN_OR_WHERE = frozenset({"during", "at", "in", "on", "after", "before"})


def _opinion(tok: Token) -> bool:
    """True for "agree" in the present that agrees to no act: "I fully agree with you", "we
    agree that the world is disquieting" (not "we agreed to meet", "they agree to resume");
    and for one whose only complement is what the agreeing side said ("the governor agreed,
    saying only this group was capable of the bombing")."""
    if tok.lemma_.lower() != "agree":
        return False
    deps = {c.dep_ for c in tok.children} - {"nsubj", "punct", "advmod", "aux", "cc"}
    if deps == {"advcl"} and any(c.dep_ == "advcl" and c.lemma_.lower() in _SAYING
                                  and c.tag_ == "VBG" for c in tok.children):
        return True
    return (tok.tag_ in {"VBP", "VB", "VBZ"}
            and not any(c.dep_ == "xcomp" or c.lower_ in {"on", "upon"} for c in tok.children))


def _sides_with(agree: Token) -> bool:
    """True for "agree" with a person ("I fully agree with you", "with Mr Putin"), not with
    a view or a plan ("agree with the assessment")."""
    return any(o.dep_ == "pobj" and (o.lower_ in {"you", "him", "her"} or o.pos_ == "PROPN")
               for p in agree.children if p.dep_ == "prep" and p.lower_ == "with"
               for o in p.children)


def _impersonal(tok: Token) -> bool:
    """True for "it is important to ...", "it was essential that ..." under a trigger."""
    return any(t.lower_ == "it" and t.dep_ in {"nsubj", "expl"} and any(
        c.dep_ == "acomp" and c.lemma_.lower() in _IMPORTANT for c in t.head.children)
        for t in tok.subtree)


def _called_for(importance: Token, match: Callable[[Token], Trigger | None]) -> bool:
    """True for "stressed the importance of" a step to take ("of preventing escalation", "of
    coordinated steps"), not of an act told for itself ("of the agreement reached", "of
    continuing cooperation") nor of a thing ("of this anniversary", "of Palmyra's liberation")."""
    objects = [obj for prep in importance.children if prep.lower_ == "of"
               for obj in prep.children if obj.dep_ in {"pobj", "pcomp"}]
    return bool(objects) and all(
        obj.lemma_.lower() in _STEPS or (match(obj) is None and obj.tag_ == "VBG")
        for obj in objects)


def _thanked_for(noun: Token, words: frozenset[str] = frozenset({"thank"})) -> bool:
    """True for the act thanks are given for: "thanked Russia for its aid" (with ``words``,
    also "grateful for", "the gratitude of ... for your assistance")."""
    return noun.dep_ == "pobj" and _thanks_for(noun.head, words)


def _thanked_act(tok: Token) -> bool:
    """The act a speaker thanks for, told by a gerund ("thank you for agreeing to co-chair the
    summit", "grateful to you for coming"): done before the thanks."""
    return tok.dep_ == "pcomp" and tok.tag_ == "VBG" and _thanks_for(tok.head, _THANKS)


def _thanks_for(prep: Token, words: frozenset[str]) -> bool:
    """Whether a "for" tells what thanks (``words``) are given for."""
    if prep.lower_ != "for":
        return False
    gov = prep.head
    # "we are grateful to you for ...": the parser may hang the "for" on the copula
    return gov.lemma_.lower() in words or (gov.lemma_.lower() == "be" and any(
        c.dep_ == "acomp" and c.lemma_.lower() in words for c in gov.children))


def _question(sent: Any) -> bool:
    """True for a sentence that asks ("Have you decided whom to vote for?")."""
    return bool(sent.text.rstrip().rstrip("\"”’'»)").endswith("?"))


def _agentless(tok: Token) -> bool:
    """True for an act in the passive that names no agent ("it was agreed", "a schedule was
    coordinated", "an assessment was given")."""
    verb = _passive_verb(tok) if tok.pos_ == "NOUN" else tok
    if verb is None or (tok.pos_ == "NOUN" and verb.lemma_.lower() not in _STATING):
        return False
    return (
        verb.pos_ in {"VERB", "AUX"}
        and any(c.dep_ == "auxpass" for c in verb.children)
        and not any(c.dep_ == "agent" for c in verb.children)
    )


def _passive_verb(noun: Token) -> Token | None:
    """The passive verb a noun is the subject of ("the importance of X was stressed"), also
    when told after it ("Also highlighted was the importance of X"), or None."""
    if noun.pos_ != "NOUN":
        return None
    if noun.dep_ in _PASSIVE_SUBJECTS:
        return noun.head
    if noun.dep_ == "attr" and noun.head.dep_ == "auxpass":
        return noun.head.head
    return None


def _decided_by_nobody(tok: Token) -> bool:
    """True for what a passive naming no one decides ("it was agreed to continue contacts",
    "agreement was reached to hold consultations")."""
    cur = tok
    for _ in range(4):
        if cur.dep_ not in {"dobj", "xcomp", "advcl"} or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.pos_ == "VERB" and _agentless(cur) and (cur.lemma_.lower() in _DECIDING or (
                cur.lemma_.lower() in _STATING and any(
                    c.dep_ in _PASSIVE_SUBJECTS and c.lemma_.lower() in _DECIDING
                    for c in cur.children))):
            return True
    return False


def _unattributed_passive(tok: Token, trig: Trigger) -> bool:
    """True for a signing or adoption in the passive that names no signatory ("a treaty was
    signed", "documents countering the spread of counterfeit products have been adopted")."""
    return (trig.mode in _DISTINCT_ACTS | {"approve"} and tok.pos_ == "VERB"
            and _agentless(tok))


def _date_number(text: str) -> bool:
    """True for a numeral that names a date, not a count ("9/11 attacks", "the 2014 war")."""
    return "/" in text or (len(text) == 4 and text.isdigit() and 1800 < int(text) < 2100)


def _holder_after(head: Token, idx: _EntityIndex) -> str | None:
    """The person whose name ends a title phrase the parser hangs on ``head`` through "of"
    and "to" ("Ambassador ... of the Russian Federation to the Republic of Kazakhstan Alexei
    Borodavkin", where "Borodavkin" is the object of "of Kazakhstan")."""
    last = head.doc[head.right_edge.i]
    while last.is_punct and last.i > head.i:
        last = head.doc[last.i - 1]  # "... Alexei Borodavkin: Thank you"
    key = idx.token_key.get(last.i)
    if key is None or idx.types.get(key) != "Person" or key == idx.token_key.get(head.i):
        return None
    tok = last
    while tok.i != head.i:
        if tok.dep_ not in {"pobj", "prep"} or (tok.dep_ == "prep" and tok.lower_ not in {
                "of", "to"}) or tok.head.i == tok.i:
            return None
        tok = tok.head
    return key


def _past_title_end(doc: Doc, i: int, idx: _EntityIndex) -> int:
    """Where a name may stand after the rest of a title from ``i`` ("to the Republic of
    Kazakhstan"): past "to"/"of" and the names of states and bodies that follow it."""
    if i >= len(doc) or doc[i].lower_ not in {"to", "of"}:
        return i
    j = i
    while j < len(doc) and j - i < 10 and (
            doc[j].lower_ in {"to", "of", "the", "and"}
            or (j in idx.token_key and idx.types.get(idx.token_key[j]) != "Person")
            or (doc[j].pos_ == "PROPN" and j not in idx.token_key)):
        j += 1
    return j if j < len(doc) and j in idx.token_key else i


def _per_counterpart(event: Event, tok: Token, types: Mapping[str, EntityType]) -> list[Event]:
    """Meetings told in the plural with several counterparts ("had meetings with Erdogan and
    Juncker", "held brief contacts with Rutte, Gentiloni and Solberg") are one meeting each;
    "talks with A and B" stay one. So are the summits of several clubs ("the CIS and EAEU
    summits"): one each."""
    plural = tok.tag_ == "NNS" or mistagged_noun(tok)
    if (event.type == "CONSULT" and plural and event.actors
            and tok.lemma_.lower() in _SINGLE_MEETINGS | {"contact"} and len(event.targets) > 1):
        return [replace(event, targets=(k,)) for k in event.targets]
    if (event.type == "CONSULT" and plural and tok.lemma_.lower() == "summit"
            and len(event.actors) > 1 and not event.targets
            and all(types.get(k) == "Organization" for k in event.actors)):
        return [replace(event, actors=(k,)) for k in event.actors]
    return [event]


def _furthers_work(noun: Token) -> bool:
    """True for a noun that furthers joint work ("the development of trade and economic
    cooperation", "the expansion of our partnership")."""
    if noun.lemma_.lower() not in _FURTHERING_NOUNS:
        return False
    return any(w.lemma_.lower() in _JOINT_WORK for p in noun.children
               if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"
               for w in (o, *o.conjuncts))


def _wished(tok: Token) -> Token | None:
    """The word that tells an act as wished, needed or intended ("we need to deepen our
    cooperation": "need"; "it is very important to develop our ties": "is"), or None for an
    act told as done."""
    cur = tok
    if _we_must(tok):
        return tok  # "we should expand our trade ties"
    for _ in range(4):
        if cur.dep_ not in {"xcomp", "advcl", "acl", "conj", "pcomp", "pobj", "prep"}:
            return None
        if cur.dep_ == "conj" and cur.head.pos_ != cur.pos_:
            return None
        cur = cur.head
        if _tells_wish(cur):
            return cur
    return None


def _tells_wish(word: Token) -> bool:
    """True for a word that tells what it governs as wished, needed or intended: "need",
    "hope"; "it is a great honour ... to further strengthen the ties"; "Russia is looking
    forward to stepping up those ties"; "what is most important for us is to deepen"."""
    if word.lemma_.lower() in _WISHING or _we_must(word):
        return True
    if word.lemma_ == "look":
        return any(c.lower_ == "forward" for c in word.children)
    if word.lemma_ != "be":
        return False
    return any(c.dep_ in {"attr", "acomp"} and c.lemma_.lower() in _WISHING
               for c in word.children) or any(
        c.dep_ == "csubj" and _tells_wish(c) for c in word.children)


def _we_keep_on(tok: Token) -> bool:
    """True for an act "we" will continue or keep on with ("We will continue pursuing our
    contacts", "we will keep strengthening our ties"): said as a commitment."""
    cur = tok.head if tok.dep_ == "dobj" else tok
    for _ in range(3):
        if cur.lemma_.lower() in {"continue", "keep"} and cur.pos_ == "VERB":
            return (any(c.dep_ == "aux" and c.lower_ in {"will", "shall", "'ll"}
                        for c in cur.children)
                    and any(c.dep_ == "nsubj" and c.lower_ == "we" for c in cur.children))
        if cur.dep_ not in {"xcomp", "dobj"} or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _held_important(tok: Token) -> bool:
    """True for ties a side says it holds important ("we attach great importance to
    expanding cooperation with Saudi Arabia", "cooperation between Russia and Saudi Arabia
    is essential", "it is important for us to maintain a regular dialogue with you"): a
    commitment to them (gold guidelines 5.2), not ties reported; not "it is important to
    intensify efforts", which calls on others."""
    cur = tok.head if tok.dep_ == "dobj" else tok
    while cur.dep_ == "conj":
        cur = cur.head
    if cur.dep_ in {"pcomp", "pobj"} and cur.head.lower_ == "to":
        # "attach importance to": the parser hangs the "to" on the noun or on the verb
        weighed = cur.head.head
        verb = weighed.head if weighed.lemma_.lower() == "importance" else weighed
        return verb.lemma_.lower() == "attach" and any(
            c.dep_ == "dobj" and c.lemma_.lower() == "importance" for c in verb.children)
    if cur.dep_ == "nsubj" or (cur.dep_ in {"advcl", "xcomp", "ccomp"} and any(
            c.dep_ == "nsubj" and c.lower_ == "us" for c in cur.children)):
        return cur.head.lemma_.lower() == "be" and any(
            c.dep_ == "acomp" and c.lower_ in _IMPORTANT for c in cur.head.children)
    return False


def _we_must(verb: Token) -> bool:
    """True for a verb a speaker says "we" must or should do ("we must move forward with
    strengthening our relations"): a proposal of the speaker's, not an act done (gold
    guidelines 5.2: proposals of cooperation are AGREE)."""
    return (any(c.dep_ == "aux" and c.lower_ in {"must", "should"} for c in verb.children)
            and any(c.dep_ == "nsubj" and c.lower_ == "we" for c in verb.children))


def _overseen(signing: Token) -> bool:
    """True for a signing its subjects oversee ("presided over the signing", "attended the
    signing"), not one they do ("signed", "the signing by Miller and Seele" names its own)."""
    verb = signing.head.head if signing.dep_ == "pobj" else signing.head
    return (signing.lemma_.lower() == "signing" and verb.lemma_.lower() in _OVERSEEING
            and not any(c.dep_ == "prep" and c.lower_ == "by" for c in signing.children))


def _witnessed(signed: Token, named: Mapping[int, str]) -> bool:
    """True for a signing done "in the presence of" those the sentence names, by signers it
    does not name ("in the presence of presidents Putin and Erdogan, the energy ministers
    signed"); not "Rosneft and Qatar Foundation signed in the presence of the leaders"."""
    if signed.lemma_.lower() != "sign" or signed.pos_ != "VERB":
        return False
    presence = next((o for c in signed.children if c.dep_ == "prep" and c.lower_ == "in"
                     for o in c.children
                     if o.dep_ == "pobj" and o.lemma_.lower() == "presence"), None)
    if presence is None:
        return False
    # the parser may take the names after "presence of" for the subject, the signers in
    # apposition: names before the phrase sign, names after it look on
    signers = [t for c in signed.children if c.dep_ in {"nsubj", "nsubjpass"}
               for t in c.subtree]
    return not any(t.i in named and t.i < presence.i for t in signers)


_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                  "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "fifteenth": 15,
                  "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
                  "sixtieth": 60, "seventieth": 70, "eightieth": 80, "hundredth": 100}


def _anniversary(tok: Token) -> tuple[int, Token] | None:
    """How many years before its anniversary an act took place (0 when the count is hedged),
    and the verb that marks the anniversary, when the act is what an anniversary is of ("the
    25th anniversary of the signing of the Treaty", "the 20th anniversary since signing the
    Treaty", "this year marks seventy years since the establishment of relations"); else None."""
    prep = tok.head
    if tok.dep_ not in {"pobj", "pcomp"} or prep.lower_ not in {"of", "since"}:
        return None
    if prep.head.lemma_.lower() in {"establishment", "signing"} and prep.head.dep_ == "pobj":
        prep = prep.head.head  # "the 30th anniversary of the establishment of relations"
    day = prep.head
    if day.lemma_.lower() != "anniversary" and prep.lower_ == "since":
        # the parser hangs "since" on the verb: "marked the 20th anniversary since signing",
        # "timed to coincide with the 50th anniversary since the establishment"; "marks
        # seventy years since", "fifteen years have passed since"
        verb = prep.head
        for c in verb.children:
            if c.dep_ == "dobj" and c.lemma_.lower() == "anniversary":
                day = c
            elif c.dep_ == "prep":
                day = next((o for o in c.children if o.dep_ == "pobj"
                            and o.lemma_.lower() == "anniversary"), day)
            elif c.dep_ in {"dobj", "nsubj"} and c.lemma_.lower() == "year":
                years = _years_counted(c)
                if years is not None:
                    return years, verb
    if day.lemma_.lower() != "anniversary":
        return None
    words = day.doc[day.left_edge.i:day.i].text.lower()
    number = re.search(r"\b(\d{1,3})\s*(?:st|nd|rd|th)\b", words)
    years = int(number.group(1)) if number else next(
        (_ORDINAL_WORDS[w] for w in words.split() if w in _ORDINAL_WORDS), 0)
    marked = day.head.head if day.dep_ == "pobj" else day.head
    return (years, marked) if years else None


def _years_counted(years: Token) -> int | None:
    """The number of "seventy years", "25 years"; 0 when hedged ("over 20 years"); None
    when no number is told."""
    for c in years.children:
        if c.dep_ == "nummod":
            words = list(c.subtree)
            if any(w.lower_ in HEDGES or w.dep_ == "advmod" for w in words):
                return 0
            return count_of("".join(w.text for w in words))
    return None


def _own_commitment(tok: Token) -> str | None:
    """The commitment a stress of joint speakers makes ("stressed the importance of preserving
    this agreement": "reaffirm commitment"; "stressed that it was important to further develop
    interaction", "reaffirmed the need for bilateral consultations": "express intent"); None
    for a demand ("called for") or a need of others
    ("the need for the parties to implement")."""
    if tok.lemma_.lower() in _DEMANDS:
        return None
    words = list(tok.subtree)
    if any(_bilateral(t) and t.lemma_.lower() in _TALKS for t in words):
        return "express intent"  # "reaffirmed the need for bilateral consultations"
    if any(t.lower_ == "for" for t in words):
        return None
    for t in words:
        lemma = t.lemma_.lower()
        if lemma in _KEEPING and any(o.lemma_.lower() in _ACCORDS
                                     for o in t.subtree if o.dep_ in {"dobj", "pobj"}):
            return "reaffirm commitment"
        if lemma in _FURTHERING and any(o.lemma_.lower() in _TIES
                                        for o in t.children if o.dep_ == "dobj"):
            return "express intent"
    return None


def _attendance_list(tok: Token) -> bool:
    """True inside "Taking part in the meeting were A, B and C", "Attending the talks were
    ...": who attended a meeting the article has named, not another meeting."""
    verb = tok
    if tok.dep_ in {"pobj", "dobj"}:
        verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "in" else tok.head
    # the participle opens the sentence ("Taking part ...", "Also taking part ...")
    opens = all(t.dep_ == "advmod" for t in verb.doc[verb.sent.start:verb.i])
    if verb.tag_ != "VBG" or verb.dep_ != "ROOT" or not opens:
        return False
    if verb.lemma_.lower() == "take":
        if not any(c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children):
            return False
        meetings = [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "in"
                    for o in p.children if o.dep_ == "pobj"]
    elif verb.lemma_.lower() == "attend":
        meetings = [o for o in verb.children if o.dep_ == "dobj"]
    else:
        return False
    return any(any(c.dep_ == "det" and c.lower_ == "the" for c in m.children) for m in meetings)


def _followed_meeting(tok: Token, match: Callable[[Token], Trigger | None]) -> Token | None:
    """The meeting an act is told to follow ("talks followed by signing a package of
    agreements": "talks"), or None."""
    if tok.dep_ not in {"pcomp", "pobj"} or tok.head.dep_ != "agent":
        return None
    acl = tok.head.head
    if acl.dep_ != "acl" or acl.lemma_.lower() != "follow":
        return None
    met = match(acl.head)
    return acl.head if met is not None and met.type == "CONSULT" else None


def _bilateral(noun: Token) -> bool:
    """True for a noun told as between the two sides alone ("bilateral consultations")."""
    return any(c.dep_ == "amod" and c.lower_ == "bilateral" for c in noun.children)


def _thanks_matter(tok: Token) -> str | None:
    """What a thanks is for ("thank you for the invitation": "invitation"), as a lemma."""
    if tok.lemma_.lower() not in _GRATITUDE:
        return None
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "for":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            # not "the invitation to talk to ...", "the invitation and the welcome": more
            if obj is not None and obj.pos_ == "NOUN" and not any(
                    c.dep_ in {"acl", "relcl", "prep", "conj"} for c in obj.children) and not any(
                    c.dep_ == "conj" for c in child.children):
                return str(obj.lemma_).lower()
    return None


def _aggregate(tok: Token) -> bool:
    """True for repeated or habitual acts ("three telephone conversations", "met twice",
    "numerous contacts", "many of his suggestions"), which are not single events."""
    if (tok.tag_ == "NNS" and tok.dep_ == "pobj" and tok.head.lower_ == "of"
            and tok.head.head.lower_ in _AGGREGATE_WORDS | _SOME):
        return True
    if tok.tag_ == "NNS" and tok.lemma_.lower() in _SINGLE_MEETINGS and any(
            c.dep_ == "poss" or (c.dep_ == "amod" and c.lower_ in _EARLIER)
            for c in tok.children):
        # "our meetings", "their phone calls", "the previous summits": many meetings, not one
        return True
    for child in tok.children:
        low = child.lower_
        if child.dep_ == "nummod" and low not in {"one", "1", "first"} and not _date_number(low):
            return True
        if child.dep_ == "amod" and low in _AGGREGATE_WORDS:
            return True
        if child.dep_ in {"advmod", "npadvmod"} and (
            low in _AGGREGATE_WORDS or (child.lemma_.lower() == "time" and child.tag_ == "NNS")
        ):
            return True  # "met several times"; not "criticized the move, this time ..."
        if child.dep_ == "prep" and low == "since" and re.search(
                r"\b(?:\d\d)?\d0['’]?s\b", "".join(t.text_with_ws for t in child.subtree)):
            return True  # "has supported Egypt since the 50's": a long practice
    return False


# Verbs and nouns of talking about or judging something ("praised joint efforts", "gave a
# positive assessment of joint efforts", "discussed expanding cooperation").
_TALKING_ABOUT = frozenset({"praise", "assessment", "assess", "note", "discuss", "discussion",
                            "mention", "welcome", "commend", "review", "appreciate",
                            "importance", "exchange"})


def _talked_about(tok: Token) -> bool:
    """True for an act a report tells as what its parties talked about or judged ("the parties
    gave a positive assessment of joint efforts within the Astana process"): its time is not
    the talking's."""
    return any(t.lemma_.lower() in _TALKING_ABOUT for t in governor_chain(tok)[1:])


# Nouns of what talks consider ("discussed ways to deepen the partnership", "prospects for
# developing cooperation", "measures to strengthen"), and the verbs that talk about them.
_TOPIC_NOUNS = frozenset({"way", "prospect", "possibility", "opportunity", "measure", "step",
                          "option", "avenue"})
_TALKING_VERBS = frozenset({"discuss", "consider", "review", "explore", "examine", "address",
                            "debate"})


def _a_topic(tok: Token) -> bool:
    """True for an act told as a topic of talks, not as done ("discussed prospects for
    developing cooperation", "On the agenda were ways to further deepen the partnership",
    "The agenda includes measures to strengthen ..."): the ways or prospects an act is of
    are what was discussed, or what the agenda holds (gold guidelines 5.1: the talking is
    the event)."""
    cur = tok
    for _ in range(3):
        if (cur.dep_ not in {"acl", "relcl", "xcomp", "pcomp", "pobj", "prep"}
                or cur.head.i == cur.i):
            return False
        cur = cur.head
        if cur.lemma_.lower() in _TOPIC_NOUNS:
            break
    else:
        return False
    gov = cur.head
    if cur.dep_ in {"dobj", "nsubjpass"} and gov.lemma_.lower() in _TALKING_VERBS:
        return True
    return (cur.dep_ in {"nsubj", "dobj", "attr"} and gov.lemma_.lower() in {"be", "include",
                                                                           "cover"}
            and any(t.lemma_.lower() == "agenda" for c in gov.children if c.i != cur.i
                    for t in c.subtree))


def _of_both_sides(noun: Token) -> bool:
    """True for a group said to be of both sides ("business leaders on both sides", "experts
    from the two countries")."""
    return any(p.dep_ == "prep" and p.lower_ in {"on", "from", "of"}
               and any(o.dep_ == "pobj" and o.lemma_.lower() in {"side", "country", "state"}
                       and any(d.lower_ in {"both", "two"} for d in o.children)
                       for o in p.children)
               for p in noun.children)


def _reported_clause(tok: Token) -> bool:
    """True inside a clause someone says or believes ("said Navalny was poisoned"): its
    time is not the telling's."""
    return any(t.dep_ in {"ccomp", "advcl"} for t in (tok, *tok.ancestors))


_OFTEN = frozenset({"repeatedly", "regularly", "frequently", "often", "routinely", "always"})
_MANY = frozenset({"many", "several", "numerous", "multiple", "countless"})


def _second_object(noun: Token) -> bool:
    """True for the second object of a verb of handing over that the parser hangs on the
    first as its apposition ("Trump granted Angela Ronae Stanton a full pardon")."""
    first = noun.head
    return (noun.dep_ == "appos" and first.dep_ in {"dative", "dobj"} and first.pos_ == "PROPN"
            and first.head.lemma_.lower() in _TRANSFERS
            and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children))


def _invited(tok: Token) -> bool:
    """True for a meeting an invitation is to ("invited Macron to visit Russia", "reaffirmed
    the invitation to Emmanuel Macron to make a full-scale visit", "the invitation for Obama
    to come"): told by the invitation, an AGREE, and no event of its own (as the annotators
    read it); not a visit made "at the invitation of" someone."""
    cur = tok
    for _ in range(4):
        if cur.dep_ not in _INVITED_PATH or cur.head.i == cur.i:
            return False
        child, cur = cur, cur.head
        if cur.lemma_.lower() in {"invite", "invitation"}:
            return child.dep_ in {"xcomp", "acl", "advcl", "ccomp"}
        if child.dep_ in {"advcl", "xcomp"} and to_infinitive(child) and any(
                c.dep_ == "dobj" and c.lemma_.lower() == "invitation" for c in cur.children):
            return True  # the parser hangs the infinitive on the verb of the invitation
    return False


# Dependencies from a meeting up to the invitation whose content it is.
_INVITED_PATH = frozenset({"dobj", "xcomp", "advcl", "acl", "pobj", "prep", "pcomp", "ccomp"})


def _credited(tok: Token) -> bool:
    """True for ties told as what someone's contribution went to ("thanked Raul Castro for his
    great personal contribution to strengthening the strategic partnership"): a merit credited,
    an evaluation, not cooperation done (gold guidelines 5.1: no evaluations)."""
    cur = tok
    for _ in range(4):
        if cur.dep_ not in {"pcomp", "pobj", "prep", "compound"} or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lemma_.lower() == "contribution":
            return True
    return False


def _repeated(tok: Token) -> bool:
    """A meeting told as many ("met him on numerous occasions", "have met many times",
    "repeatedly held talks"): an aggregate, no one event (gold guidelines: no aggregates)."""
    verb = tok.head if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and (
        tok.head.lemma_.lower() in _LIGHT_VERBS) else tok  # "held talks", not "recall"
    if (verb.dep_ == "advcl" and any(c.lower_ in {"when", "whenever"} for c in verb.children)
            and any(c.dep_ == "advmod" and c.lower_ in _OFTEN for c in verb.head.children)):
        return True  # "We are always glad when you visit Kyrgyzstan": every visit
    for c in verb.children:
        if c.dep_ == "nsubj" and (c.lemma_.lower() in {"number", "thousand", "million"}
                                  or any(d.dep_ == "nummod" and _crowd(d, c) for d in c.children)):
            # "a record number of Russians visited Turkey", "about 220,000 Russians visited
            # India", "70 delegations from Russia have visited Uzbekistan": many visits
            return True
        if c.dep_ == "advmod" and c.lower_ in _OFTEN:
            return True
        if c.dep_ == "npadvmod" and c.lemma_.lower() == "time" and c.tag_ == "NNS" and any(
                d.lower_ in _MANY or (d.like_num and d.lower_ not in {"1", "one"})
                for d in c.children):
            return True  # "many times", "three times"
        if c.dep_ == "prep" and c.lower_ == "on" and any(
                o.lemma_.lower() == "occasion" and o.tag_ == "NNS" for o in c.subtree):
            return True  # "on numerous occasions", "on a number of occasions"
    return False


def _hosted(noun: Token) -> bool:
    """True for what a "host" verb hosts ("hosted the G20 summit", "the next meeting ... will
    be hosted by our country")."""
    return noun.dep_ in {"dobj", "nsubjpass"} and noun.head.lemma_.lower() == "host"


def _hosts_meeting(host: Token, match: Callable[[Token], Trigger | None]) -> bool:
    """True for a "host" verb whose object is a meeting told as one ("hosted the G20 summit")."""
    return any(_hosted(c) and (met := match(c)) is not None and met.type == "CONSULT"
               for c in host.children)


def _crowd(num: Token, counted: Token) -> bool:
    """True for a count of people no one meeting has ("220,000", "thousands", "two
    million"), or of delegations or visitors that make many visits ("70 delegations")."""
    digits = num.text.replace(",", "")
    if digits.isdigit() and counted.lemma_.lower() in _VISITORS:
        return int(digits) >= 3
    return (digits.isdigit() and int(digits) >= 1000) or num.lower_ in {
        "hundreds", "thousands", "millions", "thousand", "million"}


# Those who visit in groups, each a visit of its own ("70 delegations have visited").
_VISITORS = frozenset({"delegation", "tourist", "visitor", "citizen", "businessman",
                       "entrepreneur", "student", "official", "group"})


def _where_reached(noun: Token) -> list[int]:
    """The participle that tells where an agreement noun was reached, and the meeting it was
    reached at with the participle that holds that meeting ("the agreements reached at the
    summit held in Paris"): the tokens a date of the agreement hangs on."""
    reached = _reaching(noun)
    found = [r.i for r in reached]
    for meeting in (o for r in reached for p in r.children
                    if p.dep_ == "prep" and p.lower_ in {"at", "during"}
                    for o in p.children if o.dep_ == "pobj"):
        found.append(meeting.i)
        found += [c.i for c in meeting.children
                  if c.dep_ == "acl" and c.lemma_.lower() in {"hold", "take"}]
    return found


def _reaching(noun: Token) -> list[Token]:
    """The participle that tells where an agreement noun was reached ("the agreements reached
    at the summit"), also when the parser makes the noun its subject ("noting that the
    agreements reached at the summit ... were being implemented")."""
    reached = [c for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() == "reach"]
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() == "reach" and not any(
            c.dep_ == "dobj" for c in noun.head.children):
        reached.append(noun.head)
    return reached


def _told_as_earlier(tok: Token) -> bool:
    """An act the text places, undated, before the one reported ("Earlier the Russian President
    sent Kassym-Jomart Tokayev a message of greetings", after greetings in a call): another act.
    (A visit "earlier" that day is part of the day's trip: not asked for meetings.)"""
    chain = {t.i for t in governor_chain(tok)}
    return any(t.dep_ == "advmod" and t.lower_ in {"earlier", "previously"}
               and not list(t.children) and not t.ent_type_  # not "earlier this week"
               # the parser may hang an opening "Earlier" on the subject
               and (t.head.i in chain or t.i == t.sent.start)
               for t in tok.sent)


def _recalled_meeting(tok: Token, sent: Any) -> bool:
    """A meeting a transcript turn recalls in the past tense and places earlier ("we have
    recently met at the forum", "the meeting we had in China years ago"). Statements after
    talks tell the talks just held in the past tense too ("we discussed ..."), so a time
    before them must be said, and not "today"."""
    words = {t.lower_ for t in sent}
    if words & _NOW:
        return False
    current = tok.dep_ in {"attr", "nsubj"} and tok.head.lemma_ == "be" and tok.head.tag_ in {
        "VBZ", "VBP"}  # "this is our first meeting", "my first visit is to Moscow"
    if tok.pos_ == "NOUN" and not current and (
            tok.head.lemma_.lower() in {"recall", "remember"}
            or any(c.dep_ == "amod" and c.lower_ in _EARLIER for c in tok.children)):
        return True  # "I often recall our first meeting", "at our previous meetings"
    verb = next((t for t in tok.ancestors if t.pos_ in {"VERB", "AUX"}), None)
    if verb is not None and verb.dep_ == "relcl" and _past_clause(tok):
        return True  # "the agreements we made during your visit to Russia": before them
    if not (words & _BEFORE_NOW or any(e.label_ == "DATE" for e in sent.ents)):
        return False
    clause = next((c for c in tok.children if c.dep_ == "relcl"), tok)
    return _past_clause(clause)


def _past_clause(tok: Token) -> bool:
    """True when the trigger's clause is in the simple past or present perfect."""
    verb = tok
    for _ in range(3):
        if verb.pos_ in {"VERB", "AUX"}:
            break
        verb = verb.head
    if verb.tag_ == "VBG" and verb.dep_ in {"advcl", "conj", "xcomp"}:
        verb = verb.head
    if verb.tag_ == "VBD":
        return True
    if verb.tag_ == "VBN" and verb.dep_ == "ROOT" and not any(
            c.dep_ in {"aux", "auxpass"} for c in verb.children):
        # "The two presidents discussed ...", tagged as a participle: a finite past all the
        # same, with its own subject and no auxiliary
        return any(c.dep_ == "nsubj" for c in verb.children)
    return verb.tag_ == "VBN" and any(
        (c.lemma_ == "have" and c.dep_ == "aux") or (c.lower_ in {"was", "were"})
        for c in verb.children
    )


_SUMMIT_FORMS = frozenset({"summit", "summits"})
_MEETING_NAME_FORMS = _SUMMIT_FORMS | _CONGRESSES
_FRAMING_PREPS = frozenset({"during", "at", "in", "within", "before"})
_FRAMING_NOUNS = frozenset({"sideline", "sidelines", "margin", "margins", "framework", "ahead",
                            "eve", "course"})


def _dates_anniversary(tok: Token, ent: Any) -> bool:
    """True for a date in brackets after the act an anniversary is of, which it dates
    ("exchanged congratulations on the 25th anniversary of the establishment of relations
    (March 20, 1992)": the establishment's, not the exchange's)."""
    if ent.start < 2 or ent.doc[ent.start - 1].text != "(":
        return False
    word = ent.doc[ent.start - 2]
    while word.i > tok.i and word.head.i != word.i:
        if word.lower_ in {"anniversary", "anniversaries"}:
            return True
        word = word.head
    return False


def _frames_act(noun: Token) -> bool:
    """True for a meeting noun that tells where or when another act happened ("on the sidelines
    of the summit", "during the summit", "attended the summit", "took part in it")."""
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() == "attend":
        return True
    if noun.dep_ != "pobj":
        return False
    prep = noun.head
    return prep.lower_ in _FRAMING_PREPS or (
        prep.lower_ == "of" and prep.head.lower_ in _FRAMING_NOUNS)
