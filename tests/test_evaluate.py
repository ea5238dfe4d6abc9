"""geokg eval: format detection, the scoring rules of each gold format, the command's contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from geokg.cli import main
from geokg.evaluate import (
    EvalReport,
    GoldError,
    detect_format,
    read_gold,
    score_country_tags,
    score_elevant,
    score_events_record,
)
from geokg.model import Entity, Event, Extraction, Mention, Span

EVAL = Path(__file__).parent / "data" / "eval"
EV = Span(0, 1, "x")


def _ent(key: str, label: str, typ: str = "Country", qid: str | None = None,
         forms: tuple[str, ...] = (), **kw: str) -> Entity:
    mentions = tuple(Mention(i, i + len(f), f) for i, f in enumerate(forms or (label,)))
    return Entity(key, label, typ, qid, mentions, **kw)  # type: ignore[arg-type]


def _event(typ: str, actors: tuple[str, ...], targets: tuple[str, ...] = (),
           fact: str = "asserted", place: str | None = None) -> Event:
    return Event(typ, "m", actors, targets, place, None, fact, EV)  # type: ignore[arg-type]


def test_formats_are_told_apart_by_content() -> None:
    assert detect_format([{"file": "a.txt", "entities": [], "events": []}]) == "events"
    assert detect_format([{"text": "t", "labels": []}]) == "elevant"
    assert detect_format([{"file": "a.txt", "countries": []}]) == "country_tags"
    with pytest.raises(GoldError):
        detect_format([{"something": 1}])
    for name, fmt in (("events.jsonl", "events"), ("entity_links.jsonl", "elevant"),
                      ("country_tags.jsonl", "country_tags")):
        assert read_gold(EVAL / name)[0] == fmt


def test_entities_by_qid_then_label_optional_ignored_metonym_credited() -> None:
    record = {"file": "a.txt", "entities": [
        {"label": "Russia", "type": "Country", "qid": "Q159", "mentions": ["Russia"]},
        {"label": "Sergei Lavrov", "type": "Person", "qid": None, "mentions": ["Lavrov"]},
        {"label": "Moscow", "type": "Place", "qid": "Q649", "mentions": ["Moscow"],
         "metonym_for": {"label": "Russia", "qid": "Q159"}},
        {"label": "Twitter", "type": "Organization", "qid": None, "mentions": ["Twitter"],
         "optional": True},
        {"label": "Siberia", "type": "Place", "qid": None, "mentions": ["Siberia"]},
    ], "events": []}
    preds = (
        _ent("Q159", "Russian Federation", qid="Q159", forms=("Russia", "Moscow")),
        _ent("person/sergei-lavrov", "Sergei  Lavrov", "Person"),
        _ent("organization/twitter", "Twitter", "Organization"),
        _ent("Q30", "United States", qid="Q30"),
    )
    report = EvalReport("events", "g")
    detail = score_events_record(record, Extraction(preds, (), "t"), report)
    s = report.scores["entities"]
    # Russia by Q-id, Lavrov by label, Moscow credited through Russia's "Moscow" mention only
    # if a second prediction is left for it: one prediction matches one gold entity.
    assert (s.tp, s.fp, s.fn) == (2, 1, 2)
    assert detail["missed_entities"] == ["Moscow", "Siberia"]
    assert detail["spurious_entities"] == ["United States (Q30)"]
    assert report.accuracies["entity type"].correct == 2


def test_a_metonym_is_credited_to_a_separate_referent_prediction() -> None:
    record = {"file": "a.txt", "events": [], "entities": [
        {"label": "Moscow", "type": "Place", "qid": "Q649", "mentions": ["Moscow"],
         "metonym_for": {"label": "Russia", "qid": "Q159"}}]}
    preds = (_ent("Q159", "Russia", qid="Q159", forms=("Moscow",)),)
    report = EvalReport("events", "g")
    score_events_record(record, Extraction(preds, (), "t"), report)
    assert report.scores["entities"].tp == 1


def test_events_union_for_symmetric_types_direction_otherwise() -> None:
    record = {"file": "a.txt", "entities": [
        {"label": "Vladimir Putin", "type": "Person", "qid": "Q7747", "mentions": []},
        {"label": "Barack Obama", "type": "Person", "qid": "Q76", "mentions": []},
        {"label": "Syria", "type": "Country", "qid": "Q858", "mentions": []},
    ], "events": [
        {"id": "e1", "type": "CONSULT", "actors": ["Vladimir Putin", "Barack Obama"],
         "targets": [], "factuality": "asserted", "date": None},
        {"id": "e2", "type": "ACCUSE", "actors": ["Barack Obama"], "targets": ["Syria"],
         "factuality": "asserted", "date": None},
        {"id": "e3", "type": "AID", "actors": ["Vladimir Putin"], "targets": ["Syria"],
         "factuality": "future", "date": "2015-09"},
    ]}
    ents = (_ent("Q7747", "Vladimir Putin", "Person", "Q7747"),
            _ent("Q76", "Barack Obama", "Person", "Q76"),
            _ent("Q858", "Syria", qid="Q858"))
    events = (
        _event("CONSULT", ("Q7747",), ("Q76",)),  # directed reading of a joint event: matches
        _event("ACCUSE", ("Q858",), ("Q76",)),  # reversed direction: no match
        _event("AID", ("Q7747",), ("Q858",), fact="possible"),  # matched, wrong factuality
    )
    report = EvalReport("events", "g")
    detail = score_events_record(record, Extraction(ents, events, "t"), report)
    s = report.scores["events"]
    assert (s.tp, s.fp, s.fn) == (2, 1, 1)
    assert detail["missed_events"][0].startswith("e2 ACCUSE")
    fact = report.accuracies["factuality"]
    assert (fact.correct, fact.total) == (1, 2)
    assert detail["factuality_errors"] == ["e3: future vs possible"]
    assert detail["date_errors"] == ["e3: 2015-09 vs None"]  # each wrong date, named


@pytest.mark.parametrize("second_gold_actors, day_actors", [
    # the meeting to come is told first in the system's list, the day's meeting second
    (["Vladimir Putin", "Barack Obama"], ("Q7747", "Q76")),
    # the meeting to come names both leaders, as the day's meeting in the gold does: it is
    # still the gold's second event, told in the same sentence (own sentence before overlap)
    (["Vladimir Putin"], ("Q7747",)),
])
def test_an_event_pairs_with_the_gold_event_of_its_own_sentence(
        second_gold_actors: list[str], day_actors: tuple[str, ...]) -> None:
    record = {"file": "a.txt", "entities": [
        {"label": "Vladimir Putin", "type": "Person", "qid": "Q7747", "mentions": []},
        {"label": "Barack Obama", "type": "Person", "qid": "Q76", "mentions": []},
    ], "events": [
        {"id": "e1", "type": "CONSULT", "actors": ["Vladimir Putin", "Barack Obama"],
         "targets": [], "factuality": "asserted", "date": None, "evidence_offsets": [0, 40]},
        {"id": "e2", "type": "CONSULT", "actors": second_gold_actors,
         "targets": [], "factuality": "future", "date": None, "evidence_offsets": [41, 80]},
    ]}
    ents = (_ent("Q7747", "Vladimir Putin", "Person", "Q7747"),
            _ent("Q76", "Barack Obama", "Person", "Q76"))
    events = (
        Event("CONSULT", "m", ("Q7747", "Q76"), (), None, None, "future", Span(45, 70, "x")),
        Event("CONSULT", "m", day_actors, (), None, None, "asserted", Span(2, 30, "x")),
    )
    report = EvalReport("events", "g")
    detail = score_events_record(record, Extraction(ents, events, "t"), report)
    fact = report.accuracies["factuality"]
    assert (fact.correct, fact.total) == (2, 2)
    assert detail["factuality_errors"] == []


def test_events_pair_as_many_as_can_pair_one_to_one() -> None:
    record = {"file": "a.txt", "entities": [
        {"label": "Vladimir Putin", "type": "Person", "qid": "Q7747", "mentions": []},
        {"label": "Hassan Rouhani", "type": "Person", "qid": "Q348144", "mentions": []},
        {"label": "Turkey", "type": "Country", "qid": "Q43", "mentions": []},
    ], "events": [
        {"id": "e1", "type": "CONSULT", "actors": ["Vladimir Putin"],
         "targets": ["Hassan Rouhani", "Turkey"], "factuality": "asserted", "date": None},
        {"id": "e2", "type": "CONSULT", "actors": ["Vladimir Putin"],
         "targets": ["Hassan Rouhani"], "factuality": "asserted", "date": None},
    ]}
    ents = (_ent("Q7747", "Vladimir Putin", "Person", "Q7747"),
            _ent("Q348144", "Hassan Rohani", "Person", "Q348144"),
            _ent("Q43", "Turkey", qid="Q43"))
    # the second prediction shares two participants with each gold event, the first one
    # (Turkey) with the first gold event only: each gold event still gets one
    events = (_event("CONSULT", (), ("Q43",)), _event("CONSULT", ("Q7747",), ("Q348144",)))
    report = EvalReport("events", "g")
    detail = score_events_record(record, Extraction(ents, events, "t"), report)
    s = report.scores["events"]
    assert (s.tp, s.fp, s.fn) == (2, 0, 0)
    assert detail["missed_events"] == detail["spurious_events"] == []


def test_elevant_mentions_scored_per_type_unscored_labels_ignored() -> None:
    record = json.loads((EVAL / "entity_links.jsonl").read_text(encoding="utf-8"))
    text = record["text"]

    def at(form: str, n: int = 0) -> Mention:
        i = -1
        for _ in range(n + 1):
            i = text.index(form, i + 1)
        return Mention(i, i + len(form), form)

    ents = (
        Entity("Q7747", "Vladimir Putin", "Person", "Q7747", (at("Vladimir Putin"),)),
        Entity("Q76", "Barack Obama", "Person", "Q76", (at("Barack Obama", 1),)),
        # "Russia" right, "American" sits on an Unknown label: ignored, not a false positive
        Entity("Q159", "Russia", "Country", "Q159", (at("Russia"),)),
        Entity("Q30", "United States", "Country", "Q30", (at("American"),)),
        # wrong link on a gold span: a false positive and a false negative
        Entity("Q5", "Wrong", "Country", "Q5", (at("United States of America"),)),
    )
    report = EvalReport("elevant", "g")
    score_elevant(record, Extraction(ents, (), "t"), report)
    person, loc, org = (report.scores[f"link {t}"] for t in ("person", "location", "organisation"))
    assert (person.tp, person.fp, person.fn) == (2, 0, 0)
    assert (loc.tp, loc.fp, loc.fn) == (1, 1, 1)
    assert (org.tp, org.fp, org.fn) == (1, 1, 1)  # countries are typed organisation too


def test_country_tags_recall_counts_stands_for_event_places_and_labels() -> None:
    record = {"file": "a.txt", "countries": [
        {"label": "Armenia", "qid": "Q399"}, {"label": "Kazakhstan", "qid": "Q232"},
        {"label": "Abkhazia", "qid": None}, {"label": "China", "qid": "Q148"}]}
    ents = (
        _ent("Q1953", "Yerevan", "Place", "Q1953", stands_for="Q399"),
        _ent("Q1520", "Astana", "Place", "Q1520", country="Q232"),
        _ent("place/abkhazia", "Abkhazia", "Place"),
        _ent("Q7747", "Vladimir Putin", "Person", "Q7747"),
    )
    events = (_event("CONSULT", ("Q7747",), place="Q1520"),)
    report = EvalReport("country_tags", "g")
    detail = score_country_tags(record, Extraction(ents, events, "t"), report)
    s = report.scores["country tags"]
    assert (s.tp, s.fn) == (2, 1)
    assert report.scores["country tags without Q-id (by label)"].tp == 1
    assert detail["missed"] == ["Q148"]


def test_unreadable_or_unknown_gold_exits_2(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(main, ["eval", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 2 and "cannot read" in missing.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"file": "a.txt", "entities": [}\n', encoding="utf-8")
    assert runner.invoke(main, ["eval", str(bad), "--input", str(tmp_path)]).exit_code == 2
    odd = tmp_path / "odd.jsonl"
    odd.write_text('{"x": 1}\n', encoding="utf-8")
    result = runner.invoke(main, ["eval", str(odd), "--input", str(tmp_path)])
    assert result.exit_code == 2 and "unknown gold format" in result.output


@pytest.mark.slow
@pytest.mark.parametrize("name", ["events.jsonl", "entity_links.jsonl", "country_tags.jsonl"])
def test_eval_command_scores_each_format(name: str, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["eval", str(EVAL / name), "--input",
                                       str(EVAL / "articles"), "--json", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["missing"] == []
    if name == "events.jsonl":
        assert report["scores"]["entities"]["f1"] > 0.6
        assert report["scores"]["events"]["tp"] >= 1
        assert "factuality" in result.output
    elif name == "entity_links.jsonl":
        assert report["scores"]["link person"]["tp"] == 2
    else:
        assert report["scores"]["country tags"]["tp"] == 1  # the US
        assert report["scores"]["country tags without Q-id (by label)"]["fn"] == 1  # Abkhazia


def test_elevant_errors_are_counted_by_kind() -> None:
    record = json.loads((EVAL / "entity_links.jsonl").read_text(encoding="utf-8"))
    text = record["text"]
    start = text.index("Russia")
    moscow = text.index("Vladimir Putin")
    ents = (
        Entity("Q5", "Wrong", "Country", "Q5", (Mention(start, start + 6, "Russia"),)),
        # a span no gold label covers
        Entity("Q1", "Spurious", "Place", "Q1", (Mention(moscow, moscow + 8, "Vladimir"),)),
    )
    report = EvalReport("elevant", "g")
    # Putin's Q-id is "known", Obama's and the United States' are not
    detail = score_elevant(record, Extraction(ents, (), "t"), report,
                           known=lambda qid: qid == "Q7747")
    kinds = report.error_kinds
    assert kinds["wrong link"] == 1 and kinds["spurious link"] == 1
    assert kinds["missed mention"] >= 1 and kinds["not in KB"] >= 1
    assert any(e.endswith("(wrong link)") for e in detail["errors"])
    assert "errors by kind: " in report.table()
