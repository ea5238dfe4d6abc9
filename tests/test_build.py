"""The builder: an Article and a hand-made Extraction become a graph that the shapes accept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic

from geokg import build, iri
from geokg.model import Article, Entity, Event, Extraction, Mention, Role, Span
from geokg.namespaces import FACT, GEOKG, OA, OWL, PLOVER, RDF, SDO, SEM, XSD
from geokg.sources.text import load_article
from geokg.validate import validate_graph

BASE = "http://example.org/kg/"


def _mention(text: str, surface: str, after: int = 0) -> Mention:
    start = text.index(surface, after)
    return Mention(start, start + len(surface), surface, 0.9)


@pytest.fixture
def article_and_extraction(seed_path: Path) -> tuple[Article, Extraction]:
    article = load_article(seed_path)
    text, body = article.text, article.body_start
    sentence_end = text.index("Siberia.", body) + len("Siberia.")
    pashinyan = Entity(
        "Q7035479", "Nikol Pashinyan", "Person", "Q7035479",
        (_mention(text, "Nikol Pashinyan", body), _mention(text, "Pashinyan", sentence_end)),
        country="Q399", roles=(Role("Prime Minister", "Q399", "Armenia"),),
    )
    russia = Entity("Q159", "Russia", "Country", "Q159", (_mention(text, "Russia", body),))
    armenia = Entity("Q399", "Armenia", "Country", "Q399", (_mention(text, "Armenian", body),))
    yerevan = Entity(
        "Q1953", "Yerevan", "Place", "Q1953", (_mention(text, "Yerevan", body),),
        stands_for="Q399",
    )
    # a newline inside the mention: the body has a space there, the file a line break
    forum = Entity(
        "namedevent/environmental-forum", "environmental forum", "NamedEvent", None,
        (_mention(text, "environmental\nforum", body),),
    )
    siberia = Entity("place/siberia", "Siberia", "Place", None, (_mention(text, "Siberia", body),))
    visit = Event(
        "CONSULT", "visit", ("Q7035479",), ("Q159",), "place/siberia", "2026-01-14", "asserted",
        Span(body, sentence_end, text[body:sentence_end]),
    )
    guarantees = Event(
        "AGREE", "offer security guarantees", ("Q159",), ("Q399",), None, "2026-01", "negated",
        Span(body, sentence_end, text[body:sentence_end]), confidence=0.5,
    )
    extraction = Extraction(
        (pashinyan, russia, armenia, yerevan, forum, siberia), (visit, guarantees), "test/1"
    )
    return article, extraction


def test_graph_conforms_and_says_what_it_should(
    article_and_extraction: tuple[Article, Extraction],
) -> None:
    article, extraction = article_and_extraction
    generated = dt.datetime(2026, 1, 15, tzinfo=dt.UTC)
    graph_name, g = build.build_graph(article, extraction, base=BASE, generated=generated)
    report = validate_graph(g)
    assert report.conforms, report.text

    local = build.article_local_id(article)
    art = URIRef(iri.article_iri(BASE, local))
    assert graph_name == iri.graph_iri(BASE, local)
    assert (art, SDO.datePublished, Literal("2026-01-14", datatype=XSD.date)) in g
    person = URIRef(BASE + "entity/Q7035479")
    assert (person, RDF.type, GEOKG.Person) in g
    assert (person, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q7035479")) in g
    assert (person, SDO.jobTitle, Literal("Prime Minister of Armenia")) in g
    assert (person, GEOKG.affiliatedWith, URIRef(BASE + "entity/Q399")) in g
    assert (URIRef(BASE + "entity/Q1953"), GEOKG.standsFor, URIRef(BASE + "entity/Q399")) in g
    event = URIRef(iri.event_iri(BASE, local, 1))
    assert (event, SEM.eventType, PLOVER.CONSULT) in g
    assert (event, GEOKG.factuality, FACT.asserted) in g
    assert (URIRef(iri.event_iri(BASE, local, 2)), SEM.hasTimeStamp,
            Literal("2026-01", datatype=XSD.gYearMonth)) in g
    assert len(set(g.subjects(GEOKG.relatedArticle, None))) == 1
    assert len(list(g.objects(art, GEOKG.relatedArticle))) == 10
    # selectors count in the body; the quoted text is the body's (wraps are spaces there)
    exacts = {str(o) for o in g.objects(None, OA.exact)}
    assert "environmental forum" in exacts


def test_json_contract_offsets_count_in_the_file(
    article_and_extraction: tuple[Article, Extraction],
) -> None:
    article, extraction = article_and_extraction
    doc = build.to_json(article, extraction, base=BASE)
    assert set(doc) >= {"article", "entities", "events", "related"}
    assert doc["article"]["date"] == "2026-01-14"
    for entity in doc["entities"]:
        for m in entity["mentions"]:
            assert article.text[m["start"] : m["end"]] == m["text"]
    forum = next(e for e in doc["entities"] if e["type"] == "NamedEvent")
    assert forum["mentions"][0]["text"] == "environmental\nforum"
    yerevan = next(e for e in doc["entities"] if e["label"] == "Yerevan")
    assert yerevan["stands_for"] == "Q399"
    visit = doc["events"][0]
    assert visit["actors"] == [BASE + "entity/Q7035479"]
    assert visit["evidence"]["start"] == article.body_start
    assert doc["related"][0] == {"headline": "“Muslim NATO”: Turkey’s New Strategic Vector",
                                 "date": "2026-01-10"}


def test_same_article_same_iris(
    article_and_extraction: tuple[Article, Extraction],
) -> None:
    article, extraction = article_and_extraction
    when = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    name1, g1 = build.build_graph(article, extraction, base=BASE, generated=when)
    name2, g2 = build.build_graph(article, extraction, base=BASE, generated=when)
    assert name1 == name2
    assert isomorphic(g1, g2)
