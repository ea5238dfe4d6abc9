"""The geokg command end to end on the seed: ingest, idempotence, query, extract, errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from geokg import cli

from .conftest import DATA, SEED, run_geokg

PREFIX_WD = "http://www.wikidata.org/entity/"


def _select(store: Path, query: str) -> list[dict[str, str]]:
    """Rows of a SELECT run through ``geokg query --format json``, values as strings."""
    result = run_geokg("query", "--store", str(store), "--format", "json", query, check=0)
    doc = json.loads(result.stdout)
    return [{k: v["value"] for k, v in row.items()} for row in doc["results"]["bindings"]]


def test_seed_entities_linked_and_typed(seed_store: Path) -> None:
    rows = _select(
        seed_store,
        "SELECT ?label ?qid ?type WHERE { ?e rdfs:label ?label ; owl:sameAs ?qid ; a ?type }",
    )
    by_qid: dict[str, set[str]] = {}
    for row in rows:
        by_qid.setdefault(row["qid"].removeprefix(PREFIX_WD), set()).add(row["type"])
    geokg = "https://w3id.org/geokg/ns#"
    expected = {
        "Q7035479": "Person", "Q399": "Country", "Q159": "Country", "Q142": "Country",
        "Q30": "Country", "Q212": "Country", "Q458": "Organization", "Q318693": "Organization",
        "Q1953": "Place", "Q649": "Place",
    }
    for qid, cls in expected.items():
        assert geokg + cls in by_qid.get(qid, set()), f"{qid} not a {cls}: {by_qid.get(qid)}"
    for city in ("Q1953", "Q649"):
        assert geokg + "Person" not in by_qid[city]
        assert "https://schema.org/Person" not in by_qid[city]


def test_seed_article_date_and_related_stubs(seed_store: Path) -> None:
    rows = _select(
        seed_store,
        """SELECT ?a ?date (COUNT(DISTINCT ?r) AS ?related) WHERE {
             ?a a geokg:Article ; schema:datePublished ?date ; schema:articleBody ?body .
             OPTIONAL { ?a geokg:relatedArticle ?r }
           } GROUP BY ?a ?date""",
    )
    assert len(rows) == 1
    assert rows[0]["date"] == "2026-01-14"
    assert rows[0]["related"] == "10"


def test_seed_visit_event(seed_store: Path) -> None:
    rows = _select(
        seed_store,
        """SELECT ?e ?date ?fact ?text WHERE {
             ?e sem:eventType plover:CONSULT ; geokg:mode ?mode ;
                sem:hasActor/owl:sameAs wd:Q7035479 ; geokg:hasTarget/owl:sameAs wd:Q159 ;
                geokg:factuality ?fact ; geokg:evidence ?ev .
             OPTIONAL { ?e sem:hasTimeStamp ?date }
             ?ev oa:hasTarget/oa:hasSelector/oa:exact ?text .
             FILTER(CONTAINS(LCASE(?mode), "visit"))
           }""",
    )
    assert rows, "no CONSULT visit by Pashinyan to Russia"
    assert any(r.get("date") == "2026-01-14" for r in rows)
    assert any("arrived in Russia" in r["text"] for r in rows)
    assert all(r["fact"].endswith("/asserted") for r in rows if "arrived" in r["text"])


def test_ingest_again_changes_nothing(seed_store: Path, tmp_path: Path) -> None:
    before = run_geokg("dump", "--store", str(seed_store), check=0).stdout
    result = run_geokg("ingest", "--store", str(seed_store), str(SEED), check=0)
    assert "unchanged" in result.stdout
    after = run_geokg("dump", "--store", str(seed_store), check=0).stdout
    assert sorted(before.splitlines()) == sorted(after.splitlines())
    assert len(before.splitlines()) > 200


def test_dump_to_a_file_writes_the_dataset_whole(seed_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "dump.nq"
    out.write_text("old\n", encoding="utf-8")
    run_geokg("dump", "--store", str(seed_store), "-o", str(out), check=0)
    streamed = run_geokg("dump", "--store", str(seed_store), check=0).stdout
    assert out.read_text(encoding="utf-8") == streamed
    assert [p.name for p in tmp_path.iterdir()] == ["dump.nq"]  # no temporary file left


@pytest.mark.parametrize("command", [["dump", "--store", "unused", "-o"],
                                     ["eval", str(SEED), "--json"]])
def test_output_into_a_missing_folder_is_refused_first(command: list[str], tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "out"
    result = run_geokg(*command, str(target), check=2)
    assert f"folder {target.parent} does not exist" in result.stderr
    assert not (tmp_path / "no-such-folder").exists() and not Path("unused").exists()


def test_a_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), cli._replacing(out) as handle:
        handle.write(b"half")
        raise RuntimeError("interrupted")
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_malformed_files_fail_alone(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    shutil.copytree(DATA / "malformed", batch)
    shutil.copy(SEED, batch / "seed.txt")
    store = tmp_path / "store"
    result = run_geokg("ingest", "--store", str(store), str(batch), check=1)
    for name, why in [
        ("empty.txt", "empty file"),
        ("binary.txt", "binary file"),
        ("no_headline.txt", "no headline"),
        ("bad_date.txt", "unreadable date"),
        ("no_date.txt", "no article date"),
    ]:
        lines = [ln for ln in result.stderr.splitlines() if name in ln]
        assert lines and why in lines[0], result.stderr
    assert "stored:" in result.stdout and "seed.txt" in result.stdout
    rows = _select(store, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a schema:articleBody ?b }")
    assert rows[0]["n"] == "1"


def test_ingest_jobs_same_report_as_one_process(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    shutil.copytree(DATA / "malformed", batch)
    shutil.copy(SEED, batch / "seed.txt")
    (batch / "talks.txt").write_text(
        "Talks in Yerevan\n\nArmenia and France held talks.\n\n1 Feb 2026\n", encoding="utf-8")
    one = run_geokg("ingest", "--jobs", "1", "--store", str(tmp_path / "one"), str(batch),
                    check=1)
    two = run_geokg("ingest", "--jobs", "2", "--store", str(tmp_path / "two"), str(batch),
                    check=1)
    assert (two.stdout, two.stderr) == (one.stdout, one.stderr)
    assert [ln.split(" -> ")[0] for ln in two.stdout.splitlines()] == [
        f"stored: {batch / 'seed.txt'}", f"stored: {batch / 'talks.txt'}"]
    assert "7 input(s): 5 failed, 2 stored" in two.stderr
    again = run_geokg("ingest", "-j", "2", "--store", str(tmp_path / "two"), str(batch), check=1)
    assert again.stdout == one.stdout.replace("stored: ", "unchanged: ")
    assert "7 input(s): 5 failed, 2 unchanged" in again.stderr


def test_ingest_jobs_must_be_positive(tmp_path: Path) -> None:
    result = run_geokg("ingest", "--jobs", "0", "--store", str(tmp_path / "s"), str(SEED),
                       check=2)
    assert "--jobs" in result.stderr and "0" in result.stderr
    assert not (tmp_path / "s").exists()


def test_extract_json_contract() -> None:
    result = run_geokg("extract", str(SEED), "--format", "json", check=0)
    doc = json.loads(result.stdout)
    assert doc["article"]["date"] == "2026-01-14"
    assert len(doc["related"]) == 10
    text = SEED.read_text(encoding="utf-8")
    for entity in doc["entities"]:
        assert entity["type"] in {
            "Person", "Organization", "Country", "Place", "NamedEvent", "Other"
        }
        for m in entity["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    for event in doc["events"]:
        ev = event["evidence"]
        assert text[ev["start"] : ev["end"]] == ev["text"]
        assert event["factuality"] in {"asserted", "possible", "future", "negated"}
        assert event["actors"] or event["targets"]


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_extract_rdf_formats(fmt: str) -> None:
    from rdflib import Graph

    result = run_geokg("extract", str(SEED), "--format", fmt, check=0)
    rdflib_format = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt]
    graph = Graph().parse(data=result.stdout, format=rdflib_format)
    assert len(graph) > 200


def test_extract_malformed_exit_code() -> None:
    result = run_geokg("extract", str(DATA / "malformed" / "bad_date.txt"), "--format", "json")
    assert result.returncode == 1
    assert "bad_date.txt:5: unreadable date" in result.stderr


def test_query_errors_are_reported(seed_store: Path) -> None:
    result = run_geokg("query", "--store", str(seed_store), "SELECT WHERE {")
    assert result.returncode == 1
    assert "SPARQL syntax error" in result.stderr


def test_query_table(seed_store: Path) -> None:
    result = run_geokg(
        "query", "--store", str(seed_store),
        "SELECT ?label WHERE { ?e owl:sameAs wd:Q7035479 ; rdfs:label ?label }", check=0,
    )
    assert "Nikol Pashinyan" in result.stdout
    assert "(1 row)" in result.stdout
