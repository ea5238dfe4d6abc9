"""Decide whether an event is asserted, possible, future or negated from cues around its trigger."""

from __future__ import annotations

from typing import Any

from geokg.model import Factuality

# Token = spacy.tokens.Token; spaCy ships no type information, so tokens are typed Any here.
Token = Any

# Dependencies along which a trigger inherits the modality of its governor: "is unlikely to
# offer" (xcomp, acomp), "are not ruled out" (nsubjpass), "lead to a warming" (pobj, prep),
# "willingness to compromise" (acl), "take part" (dobj), "we will be able to strengthen"
# (xcomp, then acomp).
_CLIMB = frozenset({"xcomp", "pobj", "prep", "dobj", "nsubjpass", "acl", "pcomp", "attr", "conj",
                    "acomp"})
_MAX_CLIMB = 5

_NEG_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
# Subjects that say nobody did it ("None of the Moldovan leaders have made a visit").
_NOBODY = frozenset({"none", "nobody", "noone", "neither", "nothing"})
# Subjects of "be to" that plan ("he is to visit"); not "it is a pleasure to meet you".
_PERSONAL = frozenset({"i", "we", "you", "he", "she", "they"})
_NEG_LEMMAS = frozenset({
    "unlikely", "deny", "refuse", "fail", "avoid", "impossible", "unsigned", "prevent",
})
# Modifiers that a copula's negation denies instead of the event: "This is not our first
# meeting" (it is a meeting, and not the first), "not the only visit", "not the last".
_RANK = frozenset({"first", "last", "only", "sole"})
# "not just ... but": what follows "but" is said, not denied.
_NOT_JUST = frozenset({"just", "only", "merely", "simply"})
_POSSIBLE_MODALS = frozenset({"may", "might", "could", "can", "should", "must"})
_POSSIBLE_LEMMAS = frozenset({
    "possible", "potential", "possibly", "perhaps", "maybe", "likely", "alleged", "allegedly",
    "willingness", "ready", "readiness", "possibility", "chance", "attempt", "consider",
    "question", "speculation", "rumour", "rumor", "suspect", "suspected", "prospect", "hope",
    "whether", "if", "unless", "think", "believe", "probably", "claim", "eligible", "entitled",
})
_FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo", "would"})
_FUTURE_LEMMAS = frozenset({
    "plan", "planned", "schedule", "scheduled", "expect", "expected", "intend", "intention",
    "upcoming", "forthcoming", "future", "due", "prepare", "instruct", "order", "promise",
    "pledge", "commit", "next", "decide", "agree", "set", "forward", "await", "decision",
    "instruction", "envisage", "envision",
})
# Governors of what is still to come, when the event is their object ("ahead of the summit",
# "preparations for the visit", "on the eve of the talks"); as a clause's adverb they date
# the clause's own act, which is not future ("Ahead of the summit, Putin met Erdogan").
_BEFORE = frozenset({"ahead", "preparation", "eve"})
# Prepositions that set an act in time beside another ("after the talks they agreed").
_TIME_PREPS = frozenset({"after", "following", "since", "during", "before", "upon"})
# Governors whose own meaning makes the embedded event non-factual, even across a clause
# boundary ("denied that ...", "it is unclear whether ...").
_CLAUSE_NEG = frozenset({"deny", "refute", "dismiss"})
_CLAUSE_POSSIBLE = frozenset({
    "unclear", "uncertain", "doubt", "wonder", "question", "speculate", "suspect", "rumour",
    "rumor", "unknown", "possible", "allege", "claim", "hope",
    "hopes", "hoped", "hoping",  # as written: the lemmatizer reads "hopes" as "hop"
})
# Governors that make a prediction of what they govern ("I am sure that ... will develop").
_CLAUSE_PREDICT = frozenset({
    "sure", "confident", "convinced", "certain", "hopeful", "optimistic", "think", "believe",
})


def governor_chain(trigger: Token) -> list[Token]:
    """The trigger and the governors whose modality it inherits, nearest first."""
    chain = [trigger]
    cur = trigger
    # "The visit may be an attempt": a subject of a copula does not take its modality; only
    # passive subjects ("meetings are not ruled out") and complements climb. Coordinated verbs
    # keep their own modality ("did not attack but withdrew") and share what governs them both
    # ("we will be able to strengthen ties and expand cooperation"); coordinated nouns share it.
    while len(chain) <= _MAX_CLIMB and cur.head.i != cur.i and (
            cur.dep_ in _CLIMB or _purpose(cur)):
        act = cur  # the verb said: "I would like to draw attention and reaffirm" reaffirms
        if cur.dep_ == "conj" and cur.pos_ not in {"NOUN", "PROPN"}:
            while cur.dep_ == "conj" and cur.head.i != cur.i:
                cur = cur.head  # the first of the coordinated verbs, whose words are its own
            if (cur.dep_ not in _CLIMB and not _purpose(cur)) or cur.head.i == cur.i:
                break
        if cur.dep_ == "acomp" and cur.i == trigger.i:
            break  # "is ready to share": the readiness is the act, said as it is
        head = cur.head
        if _performative(head) and {cur.lemma_.lower(), act.lemma_.lower()} & _SPEECH_ACTS:
            break
        chain.append(head)
        cur = head
    if cur.dep_ == "nsubjpass" and cur.head.i != cur.i:
        chain.append(cur.head)
    return chain


# Acts a speaker performs by saying "I would like to ...": thanking, inviting, proposing.
_SPEECH_ACTS = frozenset({
    "thank", "congratulate", "express", "invite", "propose", "welcome", "reaffirm", "praise",
    "confirm", "emphasise", "emphasize", "stress", "note", "convey", "extend", "offer",
    "suggest", "say", "assure", "inform", "join", "begin", "start", "take", "use", "ask",
    "point", "underline", "reiterate", "pass", "greet", "mention", "recall", "remind", "voice",
    "commend", "acknowledge", "apologise", "apologize", "wish", "support",
})


def _performative(tok: Token) -> bool:
    """True for "I would like to" / "we wish to": a speaker performing the act as they speak."""
    if tok.lemma_.lower() not in {"like", "wish", "want"}:
        return False
    owner = tok
    while owner.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in owner.children):
        owner = owner.head  # "We are glad to see you and would like to thank you"
    kids = {(c.lower_, c.dep_) for c in owner.children}
    return bool(kids & {("i", "nsubj"), ("we", "nsubj")})


_OCCASIONS = frozenset({"chance", "opportunity"})
_DEICTIC = frozenset({"this", "the", "another"})


def _present_occasion(tok: Token) -> bool:
    """True for "(I am glad to) have this chance": the occasion is the one now taking place,
    so the act it is a chance for is not merely possible."""
    return (
        tok.lemma_.lower() in _OCCASIONS
        and tok.dep_ == "dobj"
        and tok.head.lemma_.lower() == "have"
        and any(c.dep_ == "det" and c.lower_ in _DEICTIC for c in tok.children)
        and not any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ != "to")
                    for c in tok.head.children)
    )


def _clause_words(gov: Token) -> set[str]:
    """A clause governor's lemma and those of its subject and complement ("it is unclear")."""
    return {gov.lemma_.lower(), gov.lower_} | {c.lemma_.lower() for c in gov.children
                                               if c.dep_ in {"nsubj", "attr", "acomp"}}


def _has_rule_out(tok: Token) -> bool:
    """True for "not ruled out" / "cannot rule out": a double negative that means possible."""
    if tok.lemma_.lower() not in {"rule", "exclude"}:
        return False
    has_neg = any(c.dep_ == "neg" for c in tok.children)
    has_out = tok.lemma_.lower() == "exclude" or any(
        c.lower_ == "out" and c.dep_ in {"prt", "advmod", "prep"} for c in tok.children
    )
    return has_neg and has_out


def _not_just(neg: Token) -> bool:
    """True for a "not" that limits rather than denies ("not just", "not only")."""
    return neg.i + 1 < len(neg.doc) and neg.doc[neg.i + 1].lower_ in _NOT_JUST


def factuality_of(trigger: Token) -> Factuality:
    """Factuality of the event whose trigger token is given, from dependency-parse cues."""
    chain = governor_chain(trigger)
    # "during talks with X, we will not fail to ...": the clause tells when, its modality is
    # not the talks'
    during = next((i for i, t in enumerate(chain)
                   if t.dep_ == "pobj" and t.head.lower_ == "during"), None)
    chain = chain if during is None else chain[:during + 1]
    cues: list[tuple[str, str]] = []  # (lower form or lemma, dependency) of cue tokens
    for i, tok in enumerate(chain):
        if _has_rule_out(tok):
            return "possible"
        if i and _present_occasion(tok):
            continue
        # "due to be held" is planned; "cut short due to an attack" gives a cause.
        causal = (tok.lower_ == "due" and tok.dep_ == "prep") or (
            # "considering the preparations for the summit": in view of, no doubt
            tok.lower_ == "considering" and tok.dep_ in {"prep", "advcl", "pcomp"})
        # "committed an act of aggression" did it; "committed to holding talks" is a promise
        done = tok.lemma_.lower() == "commit" and i > 0 and chain[i - 1].dep_ == "dobj"
        # "a decision to sign", "instructions to maintain contact": what they order is to
        # come; "the decisions made at the summit" say nothing of the summit
        done = done or (tok.lemma_.lower() in {"decision", "instruction"} and not (
            i > 0 and chain[i - 1].dep_ == "acl"
            and to_infinitive(chain[i - 1])))
        # "I looked forward to meeting you": the speaker's wait, told as over, has come true
        awaited = i > 0 and _awaited_until_now(tok)
        # "Following our talks, we agreed on a document": what an act is told to follow or
        # precede is no content of it; only the tense and modals of that act carry over
        timed = i > 1 and chain[i - 1].dep_ == "prep" and chain[i - 1].lower_ in _TIME_PREPS
        words = ([] if causal or done or awaited or timed
                 else [(tok.lemma_.lower(), "self" if i else "trigger")])
        ranked = i > 0 and chain[i - 1].dep_ == "attr" and any(
            c.dep_ == "amod" and c.lower_ in _RANK for c in chain[i - 1].children)
        if tok.dep_ in {"xcomp", "advcl"} and any(
                c.dep_ in {"nsubjpass", "dobj"} and c.lemma_.lower() in {"decision", "instruction"}
                for c in tok.head.children):
            words.append(("decision", "self"))  # "a decision was made to sign", "gave
            # instructions to maintain contact": the parser hangs the act on the verb
        for child in tok.children:
            if ranked and child.dep_ == "neg":
                continue
            if child.dep_ == "neg" and _not_just(child):
                continue  # "It is not just a good exhibition, but an example of joint efforts"
            if child.lower_ == "forward" and awaited:
                continue
            if child.dep_ in {"aux", "auxpass", "neg", "mark", "advmod", "amod", "det", "acomp"}:
                words.append((child.lower_, child.dep_))
                words.append((child.lemma_.lower(), child.dep_))
            elif child.dep_ in {"nsubj", "nsubjpass"} and (
                    child.lower_ in _NOBODY
                    or any(g.dep_ == "det" and g.lower_ == "no" for g in child.children)):
                words.append(("not", "neg"))  # "None of the leaders have visited", "No leader has"
        cues.extend(words)
    if trigger.dep_ == "nsubj" and trigger.head.lemma_ == "be":
        # "A new agreement is possible", "a meeting is unlikely": what is said of the act
        cues += [(c.lemma_.lower(), c.dep_) for c in trigger.head.children
                 if c.dep_ in {"acomp", "neg"}]
    for verb in [trigger.head] * (trigger.dep_ == "nsubj") + [
            c for c in trigger.children if c.dep_ == "relcl"]:
        if verb.lemma_.lower() in _TAKING_PLACE:
            # "the five countries' meeting will take place in Russia", "the summit that will
            # take place at the end of May": when it takes place is when it is
            cues += [(c.lower_, c.dep_) for c in verb.children if c.dep_ in {"aux", "neg"}]
    # A nominal trigger's own modifiers count; its own lemma does not ("readiness" is the event).
    for word, dep in cues:
        if dep == "trigger":
            continue
        if word in _NEG_WORDS and dep in {"neg", "det", "advmod", "self", "prep"}:
            return "negated"
        if word in _NEG_LEMMAS:
            return "negated"
    if any(c.dep_ == "poss" and c.lower_ == "today" for c in trigger.children):
        return "asserted"  # "thankful to you for agreeing to hold today's meeting": the one held
    top = chain[-1]
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head  # "sure that the talks will succeed and will allow ...": one clause
    if top.dep_ in {"ccomp", "advcl", "xcomp"} and top.head.i != top.i:
        gov = top.head
        if gov.lemma_.lower() in _CLAUSE_NEG:
            return "negated"
        # "it is unclear whether ...", "questions remain how much ... is received"; also a
        # clause further down ("I hope that it will allow us to enhance ...")
        outer = gov
        for _ in range(3):
            if _clause_words(outer) & _CLAUSE_POSSIBLE:
                return "possible"
            if outer.dep_ not in {"ccomp", "xcomp"} or outer.head.i == outer.i:
                break
            outer = outer.head
        if _clause_words(gov) & _CLAUSE_PREDICT and any(
            word in _FUTURE_MODALS and dep in {"aux", "auxpass"} for word, dep in cues
        ):
            return "possible"  # a prediction, not yet an event
    # "the prospects ..., as well as preparations for the upcoming G20 summit": a meeting
    # its own words set to come is planned, whatever noun of chance governs it
    upcoming = any(c.dep_ == "amod" and c.lower_ in {"upcoming", "forthcoming"}
                   for c in trigger.children)
    for word, dep in cues:
        if dep == "trigger":
            continue
        if word in _POSSIBLE_MODALS and dep in {"aux", "auxpass"}:
            return "possible"
        if word in _POSSIBLE_LEMMAS and (
                dep in {"amod", "advmod", "mark", "acomp"} or (dep == "self" and not upcoming)):
            return "possible"
    for word, dep in cues:
        if dep == "trigger":
            continue
        if word in _FUTURE_MODALS and dep in {"aux", "auxpass"}:
            return "future"
        if word in _FUTURE_LEMMAS and dep in {"amod", "self", "advmod"}:
            return "future"
        if word in _BEFORE and dep == "self":
            return "future"
    if _is_infinitival_plan(trigger) or due_to_come(trigger) or _when_it_comes(top):
        return "future"
    return "asserted"


def _awaited_until_now(verb: Token) -> bool:
    """The speaker's own wait told in the simple past ("I looked forward to meeting you", "we
    awaited your visit"): what was awaited is happening as they speak."""
    return (verb.tag_ == "VBD" and verb.lemma_.lower() in {"look", "await", "wait"}
            and any(c.dep_ == "nsubj" and c.lower_ in {"i", "we"} for c in verb.children))


# Words that open a clause telling when the act of its governor happens.
_TIME_MARKS = frozenset({"when", "once", "after", "before", "until", "till"})


def _when_it_comes(verb: Token) -> bool:
    """A present-tense clause of time under a future ("the talks will continue when I visit
    China"): English tells the act to come in the present."""
    return (verb.dep_ == "advcl" and verb.tag_ in {"VBP", "VBZ"}
            and any(c.dep_ in {"mark", "advmod"} and c.lower_ in _TIME_MARKS
                    for c in verb.children)
            and any(c.dep_ == "aux" and c.lower_ in _FUTURE_MODALS - {"would"}
                    for c in verb.head.children))


# Verbs whose subject is a meeting unfolding: their tense and mood are the meeting's.
_TAKING_PLACE = frozenset({"take", "begin", "start", "open", "end", "close", "conclude",
                           "meet", "convene"})


def _purpose(verb: Token) -> bool:
    """True for a purpose clause ("we will be working to enhance security and cooperation"):
    what is done for it to happen is as real as the doing."""
    return verb.dep_ == "advcl" and verb.pos_ == "VERB" and to_infinitive(verb)


def to_infinitive(verb: Token) -> bool:
    """True for a verb told as an infinitive with "to" ("a decision to sign", "ready to help")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def due_to_come(trigger: Token) -> bool:
    """True for "Avenatti is to be sentenced in June", "the Vatican is to decide": "be to"
    with a named subject plans it (not "our priorities are to encourage", a goal)."""
    be = trigger.head
    return bool(trigger.dep_ == "xcomp" and be.lower_ in {"is", "are", "'s", "'re"}
                and to_infinitive(trigger)
                and any(c.dep_ == "nsubj" and (c.pos_ == "PROPN" or c.lower_ in _PERSONAL)
                        for c in be.children)
                and not any(c.lower_ == "it" for c in be.children))


def mistagged_noun(tok: Token) -> bool:
    """True for a plural noun the tagger took for a verb ("the CIS and EAEU summits to be
    held"): a verb is never a subject or an object."""
    return tok.tag_ == "VBZ" and tok.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}


def _is_infinitival_plan(trigger: Token) -> bool:
    """True for "X to be held in November": an infinitive modifying a noun announces it."""
    # the parser hangs the infinitive of a noun it took for a verb as that verb's complement
    modifiers = {"acl", "relcl", "xcomp"} if mistagged_noun(trigger) else {"acl", "relcl"}
    for tok in (trigger, *[c for c in trigger.children if c.dep_ in modifiers]):
        if tok.dep_ in modifiers and tok.tag_ == "VBN" and any(
            c.lower_ == "to" and c.dep_ == "aux" for c in tok.children
        ):
            return True
    return False
