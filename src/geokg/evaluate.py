"""Scores extraction against gold files: entities, events, factuality, entity links, country tags.

Three gold formats are read, detected from the content of the file's first record:

* ``events`` — one article per line with ``entities`` and ``events`` (the geokg gold format,
  annotation guidelines section 7). Entities match on Q-id when both sides have one, else on
  the canonical label; ``optional`` gold entities are neither rewarded nor penalised; a gold
  metonym (``metonym_for``) is also credited to a predicted entity of its referent that has
  the metonym's surface form among its mentions (guidelines section 6). Events match on type and
  an overlapping participant: the union of actors and targets for CONSULT, AGREE and COOPERATE,
  actors with actors or targets with targets otherwise. Pairs are made greedily: an event told
  in the gold event's own sentence first (a meeting to come pairs with the gold's meeting to
  come, not with the day's meeting that shares more names), then most shared participants.
  Factuality and dates are scored over matched events.
* ``elevant`` — mention spans with Q-ids (the ELEVANT benchmark format): mention-level link
  P/R/F1 per type (person Q215627, organisation Q43229, location Q27096213), span widened to word
  boundaries; labels without a Q-id (Unknown, QUANTITY, DATETIME), coreference and optional
  labels are not scored, and predictions on them are ignored.
* ``country_tags`` — the countries a publisher tagged an article with: recall of the tagged
  Q-ids among the Q-ids and ``stands_for`` of the extracted entities and the countries of the
  places where extracted events happen; tags without a Q-id (de facto states, but mostly
  Russian regions the article need not name) are matched by label and scored apart.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .errors import GeokgError, InputError
from .model import Article, Entity, Event, Extraction

__all__ = [
    "Accuracy",
    "EvalReport",
    "GoldError",
    "Score",
    "detect_format",
    "evaluate",
    "read_gold",
    "score_country_tags",
    "score_elevant",
    "score_events_record",
]

GoldFormat = Literal["events", "elevant", "country_tags"]
Extractor = Callable[[Article], Extraction]
ArticleLoader = Callable[[Path, Mapping[str, Any] | None], Article]

#: Event types whose participants are compared as one set (guidelines section 5.3).
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
#: ELEVANT's type classes: person, organisation, geographic entity.
ELEVANT_TYPES: dict[str, str] = {
    "person": "Q215627",
    "organisation": "Q43229",
    "location": "Q27096213",
}
_OUR_ELEVANT_TYPE = {
    "Person": "person", "Organization": "organisation", "Country": "location", "Place": "location",
}
_QID = re.compile(r"Q[1-9]\d*")
_TITLE_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})\b")


class GoldError(GeokgError):
    """A gold file that cannot be read or whose format is not recognised (exit code 2)."""

    exit_code = 2


@dataclass
class Score:
    """True positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        """Add another score's counts to this one."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        """tp / (tp + fp), 0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn), 0 when there is no gold."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        """Counts and rounded rates as a JSON object."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass
class Accuracy:
    """Correct out of total."""

    correct: int = 0
    total: int = 0

    def add(self, other: Accuracy) -> None:
        """Add another accuracy's counts to this one."""
        self.correct += other.correct
        self.total += other.total

    @property
    def value(self) -> float:
        """correct / total, 0 when empty."""
        return self.correct / self.total if self.total else 0.0

    def to_json(self) -> dict[str, Any]:
        """Counts and the rounded rate as a JSON object."""
        return {"correct": self.correct, "total": self.total, "accuracy": round(self.value, 4)}


@dataclass
class EvalReport:
    """What one gold file measured: scores by name, per-article details, files not found."""

    format: GoldFormat
    gold: str
    scores: dict[str, Score] = field(default_factory=dict)
    accuracies: dict[str, Accuracy] = field(default_factory=dict)
    articles: list[dict[str, Any]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    #: link errors by kind (not in KB, missed mention, wrong link, spurious link, other type)
    error_kinds: dict[str, int] = field(default_factory=dict)

    def score(self, name: str) -> Score:
        """The named score, created empty on first use."""
        return self.scores.setdefault(name, Score())

    def accuracy(self, name: str) -> Accuracy:
        """The named accuracy, created empty on first use."""
        return self.accuracies.setdefault(name, Accuracy())

    def to_json(self) -> dict[str, Any]:
        """The whole report as a JSON object."""
        return {
            "format": self.format, "gold": self.gold,
            "scores": {k: v.to_json() for k, v in self.scores.items()},
            "accuracies": {k: v.to_json() for k, v in self.accuracies.items()},
            "missing": self.missing, "error_kinds": self.error_kinds,
            "articles": self.articles,
        }

    def count_error(self, kind: str) -> None:
        """Count one error of the given kind."""
        self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1

    def table(self) -> str:
        """A plain-text table of the scores and accuracies."""
        rows = [["metric", "P", "R", "F1", "tp", "fp", "fn"]]
        for name, s in self.scores.items():
            rows.append([name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
                         str(s.tp), str(s.fp), str(s.fn)])
        for name, a in self.accuracies.items():
            rows.append([name, "", "", f"{a.value:.3f}", f"{a.correct}/{a.total}", "", ""])
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        lines = [f"{self.format}: {self.gold}"]
        for n, row in enumerate(rows):
            lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                                   for i, (c, w) in enumerate(zip(row, widths, strict=True))))
            if n == 0:
                lines.append("  ".join("-" * w for w in widths))
        if self.error_kinds:
            kinds = sorted(self.error_kinds.items(), key=lambda kv: (-kv[1], kv[0]))
            lines.append("errors by kind: " + ", ".join(f"{k} {n}" for k, n in kinds))
        if self.missing:
            shown = ", ".join(self.missing[:5]) + (", ..." if len(self.missing) > 5 else "")
            lines.append(f"input files not found: {len(self.missing)} ({shown})")
        return "\n".join(lines)


# --- reading -----------------------------------------------------------------------------------


def read_gold(path: Path) -> tuple[GoldFormat, list[dict[str, Any]]]:
    """The records of a JSON-lines gold file and their detected format.

    Raises:
        GoldError: the file cannot be read, a line is not a JSON object, or the format is unknown.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read gold file: {exc}") from exc
    records: list[dict[str, Any]] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}:{n}: bad JSON: {exc.msg}") from exc
        if not isinstance(row, dict):
            raise GoldError(f"{path}:{n}: each line must be a JSON object")
        records.append(row)
    if not records:
        raise GoldError(f"{path}: no gold records")
    try:
        return detect_format(records), records
    except GoldError as exc:
        raise GoldError(f"{path}: {exc.message}") from exc


def detect_format(records: Sequence[Mapping[str, Any]]) -> GoldFormat:
    """The gold format of some records, told apart by the fields they carry.

    Raises:
        GoldError: the records fit no known format.
    """
    first = records[0]
    if isinstance(first.get("labels"), list) and isinstance(first.get("text"), str):
        return "elevant"
    if "file" in first and isinstance(first.get("entities"), list):
        return "events"
    if "file" in first and isinstance(first.get("countries"), list):
        return "country_tags"
    raise GoldError("unknown gold format (expected events, ELEVANT benchmark or country tags)")


def norm_label(text: str) -> str:
    """A label compared loosely: accents, case, punctuation and spacing ignored."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^\w]+", " ", text.casefold())
    return " ".join(text.split())


def find_seed(gold_path: Path, input_dir: Path) -> Path | None:
    """Where the seed article (``seed.txt`` in the gold) is, if it can be found."""
    for candidate in (input_dir / "seed.txt", gold_path.parent / "seed.txt"):
        if candidate.is_file():
            return candidate
    for folder in (input_dir.parent / "seed", gold_path.parent.parent.parent / "seed"):
        if folder.is_dir():
            texts = sorted(folder.glob("*.txt"))
            if len(texts) == 1:
                return texts[0]
    return None


# --- entities and events of the geokg gold format -------------------------------------------------


@dataclass(frozen=True)
class _Ref:
    """How an entity is matched: its Q-id and its normalised label."""

    qid: str | None
    label: str

    def same(self, other: _Ref) -> bool:
        """Same Q-id when both have one, else same label."""
        if self.qid and other.qid:
            return self.qid == other.qid
        return self.label == other.label


def _pred_ref(entity: Entity) -> _Ref:
    """The matching handle of a predicted entity."""
    return _Ref(entity.wikidata, norm_label(entity.label))


def _gold_ref(gold: Mapping[str, Any]) -> _Ref:
    """The matching handle of a gold entity."""
    return _Ref(gold.get("qid") or None, norm_label(str(gold["label"])))


def _forms(gold: Mapping[str, Any]) -> set[str]:
    """A gold entity's surface forms, whitespace-normalised."""
    return {" ".join(str(m).split()) for m in gold.get("mentions", ())}


def _pred_forms(entity: Entity) -> set[str]:
    """A predicted entity's surface forms, whitespace-normalised."""
    return {" ".join(m.text.split()) for m in entity.mentions}


def _entity_match(gold: Mapping[str, Any], pred: Entity, *, lenient: bool) -> bool:
    """Whether a predicted entity is this gold entity (metonyms credited via their referent)."""
    if _gold_ref(gold).same(_pred_ref(pred)):
        return True
    if lenient and not gold.get("qid") and _forms(gold) & _pred_forms(pred):
        return True
    meto = gold.get("metonym_for")
    if isinstance(meto, Mapping) and meto.get("label"):
        referent = _Ref(meto.get("qid") or None, norm_label(str(meto["label"])))
        return referent.same(_pred_ref(pred)) and bool(_forms(gold) & _pred_forms(pred))
    return False


def _match_entities(
    golds: Sequence[Mapping[str, Any]], preds: Sequence[Entity], *, lenient: bool
) -> tuple[dict[int, int], set[int]]:
    """One-to-one gold→prediction matches, and the predictions matching an optional gold."""
    matched: dict[int, int] = {}
    taken: set[int] = set()
    ignored: set[int] = set()
    # Exact reference matches first, so a metonym credit never steals the referent's match.
    for strict_pass in (True, False):
        for gi, g in enumerate(golds):
            if gi in matched or g.get("optional"):
                continue
            for pi, p in enumerate(preds):
                if pi in taken:
                    continue
                ok = (_gold_ref(g).same(_pred_ref(p)) if strict_pass
                      else _entity_match(g, p, lenient=lenient))
                if ok:
                    matched[gi] = pi
                    taken.add(pi)
                    break
    for g in golds:
        if g.get("optional"):
            for pi, p in enumerate(preds):
                if pi not in taken and _entity_match(g, p, lenient=lenient):
                    ignored.add(pi)
    return matched, ignored


def _participants(labels: Iterable[str], gold_by_label: Mapping[str, Mapping[str, Any]],
                  *, roll_up: bool) -> set[_Ref]:
    """Gold event participants as matching handles (optionally rolled up to their country)."""
    out: set[_Ref] = set()
    for label in labels:
        ent = gold_by_label.get(norm_label(label))
        if ent is None:
            out.add(_Ref(None, norm_label(label)))
            continue
        if roll_up and ent.get("country") and ent.get("type") != "Country":
            country = gold_by_label.get(norm_label(str(ent["country"])))
            if country is not None:
                ent = country
            else:
                out.add(_Ref(None, norm_label(str(ent["country"]))))
                continue
        out.add(_gold_ref(ent))
    return out


def _pred_participants(keys: Iterable[str], by_key: Mapping[str, Entity],
                       *, roll_up: bool) -> set[_Ref]:
    """Predicted event participants as matching handles (optionally rolled up)."""
    out: set[_Ref] = set()
    for key in keys:
        ent = by_key.get(key)
        if ent is None:
            out.add(_Ref(key if _QID.fullmatch(key) else None, norm_label(key.split("/")[-1])))
            continue
        if roll_up and ent.country and ent.type != "Country":
            code = ent.country
            country = by_key.get(code)
            if country is not None:
                ent = country
            else:
                out.add(_Ref(code if _QID.fullmatch(code) else None,
                             norm_label(code.split("/")[-1])))
                continue
        out.add(_pred_ref(ent))
    return out


def _overlap(a: set[_Ref], b: set[_Ref]) -> int:
    """How many handles of ``a`` have a same handle in ``b``."""
    return sum(1 for x in a if any(x.same(y) for y in b))


def _event_overlap(gold: Mapping[str, Any], pred_actors: set[_Ref], pred_targets: set[_Ref],
                   gold_actors: set[_Ref], gold_targets: set[_Ref]) -> int:
    """Number of shared participants of a gold and a predicted event of the same type (0: none)."""
    if gold["type"] in SYMMETRIC_TYPES:
        return _overlap(gold_actors | gold_targets, pred_actors | pred_targets)
    return _overlap(gold_actors, pred_actors) + _overlap(gold_targets, pred_targets)


def _date_agrees(gold: str | None, pred: str | None) -> tuple[bool, bool]:
    """(exact, same month) agreement of two ISO dates of any granularity."""
    if not gold or not pred:
        return gold == pred, gold == pred
    return gold == pred, gold[:7] == pred[:7]


def _same_sentence(gold: Mapping[str, Any], pred: Event) -> bool:
    """Whether a predicted event's evidence overlaps the gold event's evidence offsets."""
    offsets = gold.get("evidence_offsets")
    if not (isinstance(offsets, list) and len(offsets) == 2):
        return False
    start, end = offsets
    return bool(pred.evidence.start < end and start < pred.evidence.end)


def _one_to_one(candidates: Iterable[tuple[int, int, int, int]]) -> list[tuple[int, int]]:
    """The largest one-to-one pairing of gold and predicted events among the candidate pairs
    (preference, preference, gold, predicted): the most preferred pairs first, then each gold
    left alone takes a predicted event from a gold that can do without it (an augmenting path),
    so that no gold event stays unmatched while a matching event is there for it."""
    ranked = sorted(candidates)
    options: dict[int, list[int]] = {}
    for _, _, gi, pi in ranked:
        options.setdefault(gi, []).append(pi)
    owner: dict[int, int] = {}  # predicted event -> gold event
    for _, _, gi, pi in ranked:
        if pi not in owner and gi not in owner.values():
            owner[pi] = gi

    def augment(gi: int, seen: set[int]) -> bool:
        for pi in options[gi]:
            if pi in seen:
                continue
            seen.add(pi)
            if pi not in owner or augment(owner[pi], seen):
                owner[pi] = gi
                return True
        return False

    for gi in options:
        if gi not in owner.values():
            augment(gi, set())
    return sorted((gi, pi) for pi, gi in owner.items())


def score_events_record(
    record: Mapping[str, Any], extraction: Extraction, report: EvalReport
) -> dict[str, Any]:
    """Score one article of the geokg gold format into ``report``; the article's details."""
    golds = [g for g in record.get("entities", ()) if isinstance(g, Mapping)]
    preds = list(extraction.entities)
    detail: dict[str, Any] = {"file": record.get("file")}
    for lenient in (False, True):
        name = "entities (lenient)" if lenient else "entities"
        matched, ignored = _match_entities(golds, preds, lenient=lenient)
        counted = [g for g in golds if not g.get("optional")]
        s = Score(tp=len(matched), fn=len(counted) - len(matched),
                  fp=len(preds) - len(matched) - len(ignored))
        report.score(name).add(s)
        if not lenient:
            typed = Accuracy(sum(1 for gi, pi in matched.items()
                                 if golds[gi].get("type") == preds[pi].type), len(matched))
            report.accuracy("entity type").add(typed)
            detail["entities"] = s.to_json()
            detail["missed_entities"] = [str(g["label"]) for gi, g in enumerate(golds)
                                         if gi not in matched and not g.get("optional")]
            detail["spurious_entities"] = [
                f"{p.label} ({p.wikidata or p.type})" for pi, p in enumerate(preds)
                if pi not in matched.values() and pi not in ignored]
            detail["mistyped_entities"] = [
                f"{golds[gi]['label']}: {golds[gi].get('type')} vs {preds[pi].type}"
                for gi, pi in matched.items() if golds[gi].get("type") != preds[pi].type]
    gold_by_label = {norm_label(str(g["label"])): g for g in golds}
    by_key = {e.key: e for e in preds}
    gold_events = [e for e in record.get("events", ()) if isinstance(e, Mapping)]
    pred_events = list(extraction.events)
    for roll_up in (False, True):
        name = "events (rolled up)" if roll_up else "events"
        candidates: list[tuple[int, int, int, int]] = []
        for gi, g in enumerate(gold_events):
            ga = _participants(g.get("actors", ()), gold_by_label, roll_up=roll_up)
            gt = _participants(g.get("targets", ()), gold_by_label, roll_up=roll_up)
            for pi, p in enumerate(pred_events):
                if p.type != g.get("type"):
                    continue
                pa = _pred_participants(p.actors, by_key, roll_up=roll_up)
                pt = _pred_participants(p.targets, by_key, roll_up=roll_up)
                n = _event_overlap(g, pa, pt, ga, gt)
                if n:
                    # the event told in the gold's own sentence first, then the larger overlap
                    candidates.append((-_same_sentence(g, p), -n, gi, pi))
        pairs = _one_to_one(candidates)
        taken = {pi for _, pi in pairs}
        s = Score(tp=len(pairs), fp=len(pred_events) - len(pairs),
                  fn=len(gold_events) - len(pairs))
        report.score(name).add(s)
        if roll_up:
            continue
        fact = Accuracy()
        exact = Accuracy()
        month = Accuracy()
        date_errors: list[str] = []
        for gi, pi in pairs:
            g, p = gold_events[gi], pred_events[pi]
            fact.total += 1
            fact.correct += int(g.get("factuality") == p.factuality)
            same_day, same_month = _date_agrees(g.get("date"), p.date)
            exact.total += 1
            month.total += 1
            exact.correct += int(same_day)
            month.correct += int(same_month)
            if not same_day:
                date_errors.append(f"{g.get('id')}: {g.get('date')} vs {p.date}")
        report.accuracy("factuality").add(fact)
        report.accuracy("event date (exact)").add(exact)
        report.accuracy("event date (month)").add(month)
        detail["events"] = s.to_json()
        paired = dict(pairs)
        detail["missed_events"] = [
            f"{g.get('id')} {g.get('type')} {g.get('actors')}->{g.get('targets')}"
            for gi, g in enumerate(gold_events) if gi not in paired]
        detail["spurious_events"] = [
            f"{p.type} {list(p.actors)}->{list(p.targets)}: {p.evidence.text[:80]}"
            for pi, p in enumerate(pred_events) if pi not in taken]
        detail["factuality_errors"] = [
            f"{gold_events[gi].get('id')}: {gold_events[gi].get('factuality')} vs "
            f"{pred_events[pi].factuality}"
            for gi, pi in pairs if gold_events[gi].get("factuality") != pred_events[pi].factuality]
        detail["date_errors"] = date_errors
    return detail


# --- ELEVANT mention-level linking -------------------------------------------------------------


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """A span widened to whole words (ELEVANT's span comparison)."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def _elevant_article(record: Mapping[str, Any]) -> Article:
    """An Article over a benchmark text: headline its first line, the whole text its body."""
    text = str(record["text"])
    headline = text.split("\n", 1)[0].strip() or "untitled"
    date: dt.date | None = None
    m = _TITLE_DATE.match(str(record.get("title", "")))
    if m:
        try:
            date = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            date = None
    return Article(source=str(record.get("id", "elevant")), text=text, headline=headline,
                   date=date, body_start=0, body_end=len(text), body=text)


def score_elevant(record: Mapping[str, Any], extraction: Extraction, report: EvalReport,
                  known: Callable[[str], bool] | None = None) -> dict[str, Any]:
    """Score one benchmark article's linked mentions per type into ``report``.

    With ``known`` (is this Q-id in the knowledge base?), also count the scored gold mentions
    whose Q-id the linker could produce at all: the ceiling of its recall.
    """
    text = str(record["text"])
    lo, hi = record.get("evaluation_span") or (0, len(text))
    gold: dict[tuple[int, int], tuple[str, set[str]]] = {}
    unscored: list[tuple[int, int]] = []
    for label in record.get("labels", ()):
        s, e = label["span"]
        if not (lo <= s and e <= hi):
            continue
        span = _widen(text, s, e)
        qid = str(label.get("entity_id", ""))
        if not _QID.fullmatch(qid) or label.get("coref") or label.get("optional"):
            unscored.append(span)
            continue
        classes = set(str(label.get("type", "")).split("|"))
        types = {t for t, q in ELEVANT_TYPES.items() if q in classes}
        gold[span] = (qid, types)
    preds: dict[tuple[int, int], tuple[str, str]] = {}
    for ent in extraction.entities:
        if not ent.wikidata or ent.type not in _OUR_ELEVANT_TYPE:
            continue
        for m in ent.mentions:
            if lo <= m.start and m.end <= hi:
                preds[_widen(text, m.start, m.end)] = (ent.wikidata, _OUR_ELEVANT_TYPE[ent.type])
    errors: list[str] = []
    for span, (qid, ours) in preds.items():
        if span in gold:
            gqid, types = gold[span]
            for t in types:
                report.score(f"link {t}").add(Score(tp=1) if qid == gqid else Score(fp=1, fn=1))
            if types:
                report.score("link all").add(Score(tp=1) if qid == gqid else Score(fp=1, fn=1))
            if qid != gqid:
                report.count_error("wrong link")
                errors.append(f"{text[span[0]:span[1]]}: {qid} vs {gqid} (wrong link)")
            elif types and ours not in types:
                # right Q-id, scored as right; our type differs (a city acting as a body)
                report.count_error("other type")
        elif any(s < span[1] and span[0] < e for s, e in unscored):
            continue
        else:
            report.score(f"link {ours}").add(Score(fp=1))
            report.score("link all").add(Score(fp=1))
            report.count_error("spurious link")
            errors.append(f"{text[span[0]:span[1]]}: {qid} not in gold (spurious link)")
    if known is not None:
        scored = [q for q, types in gold.values() if types]
        report.accuracy("gold links with a Q-id in the KB").add(
            Accuracy(sum(1 for q in scored if known(q)), len(scored)))
    for span, (gqid, types) in gold.items():
        if span not in preds:
            for t in types:
                report.score(f"link {t}").add(Score(fn=1))
            if types:
                report.score("link all").add(Score(fn=1))
                kind = "not in KB" if known is not None and not known(gqid) else (
                    "missed mention")
                report.count_error(kind)
                errors.append(f"{text[span[0]:span[1]]}: missed {gqid} ({kind})")
    return {"id": record.get("id"), "errors": errors}


# --- country tags ------------------------------------------------------------------------------


def score_country_tags(record: Mapping[str, Any], extraction: Extraction,
                       report: EvalReport) -> dict[str, Any]:
    """Recall of an article's tagged countries among what extraction says the article is about.

    That is the extracted entities' Q-ids, what they stand for (metonymy), and the country of
    each place where an extracted event happens ("met in Astana"); a tag without a Q-id
    (Abkhazia, Krasnodar Territory) is looked for among the extracted labels, scored apart.
    """
    found = {e.wikidata for e in extraction.entities if e.wikidata}
    found |= {e.stands_for for e in extraction.entities if e.stands_for}
    places = {ev.place for ev in extraction.events if ev.place}
    found |= {e.country for e in extraction.entities
              if e.key in places and e.type == "Place" and e.country}
    labels = {norm_label(e.label) for e in extraction.entities}
    missed: list[str] = []
    by_qid, by_label = Score(), Score()
    for tag in record.get("countries", ()):
        qid = tag.get("qid")
        hit = qid in found if qid else norm_label(str(tag.get("label", ""))) in labels
        (by_qid if qid else by_label).add(Score(tp=1) if hit else Score(fn=1))
        if not hit:
            missed.append(str(qid or tag.get("label")))
    report.score("country tags").add(by_qid)
    report.score("country tags without Q-id (by label)").add(by_label)
    return {"file": record.get("file"), "missed": missed}


# --- running -----------------------------------------------------------------------------------


def _default_extractor(article: Article) -> Extraction:
    """geokg's own extraction (spaCy loads on first use)."""
    from .extract import extract_article

    return extract_article(article)


def _in_gazetteer(qid: str) -> bool:
    """Whether geokg's gazetteer has a record for this Q-id."""
    from .extract.kb import load_gazetteer

    return load_gazetteer().record(qid) is not None


def _default_loader(path: Path, meta: Mapping[str, Any] | None) -> Article:
    """Read an article file in any layout geokg understands."""
    from .sources.text import load_article

    return load_article(path, meta)


def evaluate(
    gold_path: Path,
    input_dir: Path | None = None,
    *,
    seed: Path | None = None,
    extractor: Extractor | None = None,
    loader: ArticleLoader | None = None,
) -> EvalReport:
    """Score geokg's extraction against one gold file.

    Args:
        gold_path: a JSON-lines gold file (events, ELEVANT benchmark or country-tag format).
        input_dir: the folder holding the articles the gold records name (not needed for the
            ELEVANT format, whose records carry their text); its ``manifest.jsonl`` gives dates.
        seed: the seed article, named ``seed.txt`` in the gold; searched for when not given.
        extractor: what produces an Extraction from an Article (default: geokg's extractor).
        loader: what reads an article file (default: the plain-text sources).

    Returns:
        The report; gold records whose input file is missing are listed in ``missing``.

    Raises:
        GoldError: the gold file cannot be read or its format is unknown.
    """
    from .pipeline import read_manifest

    fmt, records = read_gold(gold_path)
    extract = extractor or _default_extractor
    load = loader or _default_loader
    report = EvalReport(format=fmt, gold=str(gold_path))
    if fmt == "elevant":
        known = _in_gazetteer if extractor is None else None
        for record in records:
            article = _elevant_article(record)
            report.articles.append(score_elevant(record, extract(article), report, known))
        return report
    if input_dir is None:
        raise GoldError(f"{gold_path}: --input DIR is needed to find the articles")
    manifest = read_manifest(input_dir) if input_dir.is_dir() else {}
    for record in records:
        name = str(record["file"])
        path = input_dir / name
        if not path.is_file() and name == "seed.txt":
            path = seed or find_seed(gold_path, input_dir) or path
        if not path.is_file():
            report.missing.append(name)
            continue
        meta = dict(manifest.get(name, {}))
        if not meta.get("date") and record.get("date"):
            meta["date"] = record["date"]
        try:
            article = load(path, meta)
        except InputError as exc:
            report.missing.append(f"{name} ({exc.message})")
            continue
        extraction = extract(article)
        if fmt == "events":
            report.articles.append(score_events_record(record, extraction, report))
        else:
            report.articles.append(score_country_tags(record, extraction, report))
    return report
