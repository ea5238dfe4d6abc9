"""The gazetteer: reproducible build from the kb tables, alias lookup, roles at a date."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from geokg.extract.kb import (
    GAZETTEER_PATH,
    _persons,
    _prefer_populous,
    build_gazetteer,
    gazetteer_from_bytes,
    load_gazetteer,
)
from geokg.model import Role

# ../shared beside the checkout (as on the developers' machines and in CI)
KB = Path(__file__).resolve().parents[2] / "shared" / "kb"


@pytest.mark.skipif(not KB.is_dir(), reason=f"the kb tables ({KB}) are not here")
def test_build_reproduces_committed_file(tmp_path: Path) -> None:
    out = tmp_path / "gazetteer.json.gz"
    stats = build_gazetteer(KB, out)
    assert out.read_bytes() == GAZETTEER_PATH.read_bytes()
    assert stats.bytes < 2_000_000
    assert stats.countries > 190 and stats.persons > 1000 and stats.organizations > 400


@pytest.mark.skipif(not KB.is_dir(), reason=f"the kb tables ({KB}) are not here")
@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("geografia_leaders_history.csv", "person_qid"),
        ("geografia_leaders_current.csv", "person_qid"),
        ("ne_populated_places_50m.csv", "wikidataid"),
        ("international_orgs.csv", "qid"),
        ("countries_joined.csv", "qid"),
    ],
)
def test_every_entity_of_the_kb_tables_is_in_the_gazetteer(table: str, column: str) -> None:
    with (KB / table).open(encoding="utf-8", newline="") as f:
        qids = {row[column].strip() for row in csv.DictReader(f) if row[column].strip()}
    gaz = load_gazetteer()
    assert qids
    assert sorted(q for q in qids if gaz.record(q) is None) == []


def _place(qid: str, *aliases: str) -> dict[str, Any]:
    """A place record as the build writes it."""
    return {"id": qid, "label": aliases[0], "type": "Place", "src": "test",
            "aliases": list(aliases), "country": None}


def test_a_shared_place_name_goes_to_the_far_larger_place() -> None:
    big, small = _place("Q1", "Springfield"), _place("Q2", "Springfield", "Springfield Town")
    _prefer_populous([big, small], {"Q1": 200_000.0, "Q2": 5_000.0})
    assert big["aliases"] == ["Springfield"]
    assert small["aliases"] == ["Springfield Town"] and small["shadowed"] == ["springfield"]
    data = gzip.compress(json.dumps({
        "format": 1, "countries": [], "organizations": [], "persons": [],
        "places": [big, small]}).encode())
    gaz = gazetteer_from_bytes(data)
    assert gaz.lookup("Springfield").qid == "Q1"  # type: ignore[union-attr]
    assert gaz.lookup("Springfield Town").qid == "Q2"  # type: ignore[union-attr]


def test_a_place_name_shared_by_places_of_like_size_stays_ambiguous() -> None:
    one, two = _place("Q1", "Springfield"), _place("Q2", "Springfield")
    _prefer_populous([one, two], {"Q1": 60_000.0, "Q2": 20_000.0})
    assert one["aliases"] == two["aliases"] == ["Springfield"]
    assert "shadowed" not in one and "shadowed" not in two


def test_committed_file_is_small() -> None:
    assert GAZETTEER_PATH.stat().st_size < 2_000_000


@pytest.mark.parametrize(
    ("alias", "qid", "type_"),
    [
        ("U.S.", "Q30", "Country"),
        ("US", "Q30", "Country"),
        ("United States", "Q30", "Country"),
        ("United States of America", "Q30", "Country"),
        ("CSTO", "Q318693", "Organization"),
        ("Collective Security Treaty Organisation", "Q318693", "Organization"),
        ("EU", "Q458", "Organization"),
        ("Yerevan", "Q1953", "Place"),
        ("Moscow", "Q649", "Place"),
        ("Armenia", "Q399", "Country"),
        ("Georgia", "Q230", "Country"),
        ("UK", "Q145", "Country"),
        ("Britain", "Q145", "Country"),
        ("Los Angeles", "Q65", "Place"),  # not Los Ángeles, Chile (Q16910): far smaller
        # a territory of another state is a place; a de-facto state is a country
        ("Puerto Rico", "Q1183", "Place"),
        ("Hong Kong", "Q8646", "Place"),
        ("Palestine", "Q23792", "Country"),
        ("Kosovo", "Q1246", "Country"),
        ("Nikol Pashinyan", "Q7035479", "Person"),
        # the tables name popes in Portuguese ("Papa Francisco", "Papa Bento XVI")
        ("Pope Francis", "Q450675", "Person"),
        ("Pope Benedict XVI", "Q2494", "Person"),
    ],
)
def test_alias_lookup(alias: str, qid: str, type_: str) -> None:
    rec = load_gazetteer().lookup(alias)
    assert rec is not None
    assert (rec.qid, rec.type) == (qid, type_)


def test_a_territory_belongs_to_its_state() -> None:
    gaz = load_gazetteer()
    assert [gaz.lookup(n).country for n in ("Puerto Rico", "Greenland")] == [  # type: ignore[union-attr]
        "Q30", "Q35"]


def test_labels_are_canonical_english() -> None:
    gaz = load_gazetteer()
    assert gaz.lookup("U.S.").label == "United States"  # type: ignore[union-attr]
    assert gaz.lookup("EU").label == "European Union"  # type: ignore[union-attr]
    assert gaz.lookup("CSTO").label == "Collective Security Treaty Organization"  # type: ignore[union-attr]
    assert gaz.lookup("Türkiye").label == "Turkey"  # type: ignore[union-attr]
    assert gaz.lookup("Papa Francisco").label == "Pope Francis"  # type: ignore[union-attr]


def test_a_name_with_umlauts_is_found_spelt_without_them() -> None:
    gaz = load_gazetteer()
    assert gaz.lookup("Gerhard Schroeder").qid == "Q2530"  # type: ignore[union-attr]
    assert gaz.lookup("Gerhard Schroeder").label == "Gerhard Schröder"  # type: ignore[union-attr]


def test_capitalisation_is_required_for_short_aliases() -> None:
    gaz = load_gazetteer()
    assert gaz.lookup("us") is None
    assert gaz.lookup("Us") is None
    assert gaz.lookup("csto") is None
    assert gaz.lookup("IN") is None  # ISO codes are not aliases
    # a name's leading article is lower-case inside a sentence ("in the Hague"); the rest
    # of the name keeps its capitals
    assert gaz.lookup("the Hague").qid == "Q36600"  # type: ignore[union-attr]
    assert gaz.lookup("the hague") is None


def test_demonyms_and_capitals() -> None:
    gaz = load_gazetteer()
    assert gaz.country_of_demonym("Armenian") == "Q399"
    assert gaz.country_of_demonym("Russian") == "Q159"
    assert gaz.country_of_demonym("armenian") is None
    assert gaz.country_of_demonym("Congolese") is None  # two countries: ambiguous
    # a "-stan" country's stem is its adjective too; short stems are no demonyms
    assert gaz.country_of_demonym("Kazakh") == gaz.country_of_demonym("Kazakhstani") == "Q232"
    assert gaz.country_of_demonym("Uzbek") == "Q265"
    assert gaz.country_of_demonym("Paki") is None and gaz.demonym_of("Q159") == "Russian"
    assert gaz.country_of_capital("Q1953") == "Q399"
    assert gaz.country_of_capital("Q649") == "Q159"


def test_roles_at_a_date() -> None:
    gaz = load_gazetteer()
    assert gaz.roles_at("Q7035479", dt.date(2026, 1, 14)) == [
        Role("Head of Government of Armenia", "Q399", "Armenia")]
    assert gaz.roles_at("Q7035479", dt.date(2010, 1, 1)) == []
    # Putin was head of government in 2010 and head of state from 2012.
    assert gaz.roles_at("Q7747", dt.date(2010, 10, 19)) == [
        Role("Head of Government of Russia", "Q159", "Russia")]
    assert gaz.roles_at("Q7747", dt.date(2013, 3, 1)) == [
        Role("Head of State of Russia", "Q159", "Russia")]


def test_records_name_their_source() -> None:
    gaz = load_gazetteer()
    assert gaz.record("Q399").source == "countries_joined.csv"  # type: ignore[union-attr]
    assert gaz.record("Q1953").source == "ne_populated_places_50m.csv"  # type: ignore[union-attr]
    assert gaz.record("Q318693").source == "international_orgs.csv"  # type: ignore[union-attr]
    assert gaz.record("Q7035479").source.startswith("geografia_leaders")  # type: ignore[union-attr]
    assert {s["file"] for s in gaz.sources} >= {"countries_joined.csv", "international_orgs.csv"}
    assert len(gaz.digest) == 8


def test_surnames_compare_across_transliterations() -> None:
    gaz = load_gazetteer()
    sisi = gaz.persons_by_surname("Sisi")
    assert sisi and gaz.persons_by_surname("Sissi") == sisi
    assert gaz.persons_by_surname("Zelenskyy") == gaz.persons_by_surname("Zelensky")
    # German/Polish-style -ow and -ew spell the Russian -ov and -ev
    assert gaz.persons_by_surname("Berdimuhamedov") == gaz.persons_by_surname("Berdimuhamedow")
    assert gaz.persons_by_surname("Berdimuhamedov")
    # the Portuguese "tch" of the leaders table is the English "ch"
    assert "Q1459658" in gaz.persons_by_surname("Yanukovych")
    # one letter off: found only when asked for (and never for a short surname)
    assert "Q2262885" not in gaz.persons_by_surname("Kurtz")
    assert "Q2262885" in gaz.persons_by_near_surname("Kurtz")
    assert "Q348144" in gaz.persons_by_near_surname("Rouhani")
    assert not gaz.persons_by_near_surname("Putn")


def test_a_leader_row_named_by_a_title_is_never_looked_for(tmp_path: Path) -> None:
    header = "iso3,country,role,person,person_qid,start,end,party,end_cause\n"
    rows = ("XYZ,Xland,head_of_state,The President,Q90001,2001-01-01T00:00:00Z,,,\n"
            "XYZ,Xland,head_of_state,Queen Ada,Q90002,1901-01-01T00:00:00Z,,,\n"
            "XYZ,Xland,head_of_government,Junta militar de Xland,Q90003,1950-01-01T00:00:00Z,,,\n"
            "XYZ,Xland,head_of_government,Ada Lovejoy,Q90004,1990-01-01T00:00:00Z,,,\n")
    (tmp_path / "geografia_leaders_history.csv").write_text(header + rows, encoding="utf-8")
    (tmp_path / "geografia_leaders_current.csv").write_text(header, encoding="utf-8")
    persons = _persons(tmp_path, {"XYZ": "Q90000"})
    data = gzip.compress(json.dumps({
        "format": 1, "countries": [], "organizations": [], "places": [],
        "persons": persons}).encode())
    gaz = gazetteer_from_bytes(data)
    assert gaz.lookup("The President") is None
    assert gaz.lookup("Queen Ada") is None
    assert gaz.lookup("Junta militar de Xland") is None
    assert gaz.lookup("Ada Lovejoy").qid == "Q90004"  # type: ignore[union-attr]
    assert gaz.record("Q90001") is not None  # kept, with its terms, for its Q-id
    assert gaz.persons_by_surname("President") == ()


def test_the_committed_gazetteer_knows_no_title_as_a_person() -> None:
    gaz = load_gazetteer()
    for phrase in ("The President", "President", "the President"):
        rec = gaz.lookup(phrase)
        assert rec is None or rec.type != "Person"


def test_a_monarch_is_found_by_regnal_name_when_it_names_one(tmp_path: Path) -> None:
    header = "iso3,country,role,person,person_qid,start,end,party,end_cause\n"
    rows = ("XYZ,Xland,head_of_state,Abdu II da Xlândia,Q90001,1999-01-01T00:00:00Z,,,\n"
            "XYZ,Xland,head_of_state,Carlos I da Xlândia,Q90002,1901-01-01T00:00:00Z,,,\n"
            "YYZ,Yland,head_of_state,Carlos I de Ylândia,Q90003,1801-01-01T00:00:00Z,,,\n")
    (tmp_path / "geografia_leaders_history.csv").write_text(header + rows, encoding="utf-8")
    (tmp_path / "geografia_leaders_current.csv").write_text(header, encoding="utf-8")
    persons = _persons(tmp_path, {"XYZ": "Q90000", "YYZ": "Q90010"})
    data = gzip.compress(json.dumps({
        "format": 1, "countries": [], "organizations": [], "places": [],
        "persons": persons}).encode())
    gaz = gazetteer_from_bytes(data)
    assert gaz.lookup("Abdu II").qid == "Q90001"  # type: ignore[union-attr]
    assert gaz.lookup("Carlos I") is None  # two kings of that name
    assert load_gazetteer().lookup("Abdullah II").qid == "Q57464"  # type: ignore[union-attr]


def test_initials_name_an_organisation_only_when_no_other_shares_them() -> None:
    gaz = load_gazetteer()
    assert gaz.org_of_initials("SCO").qid == "Q485207"  # type: ignore[union-attr]
    assert gaz.org_of_initials("UN") is None  # too short to guess from
    assert gaz.org_of_initials("NATO") is None  # a written alias: the lookup's business
