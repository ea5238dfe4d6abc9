"""Factuality cues on short sentences, and date resolution against the article date."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from geokg.extract.dates import resolve_date
from geokg.extract.factuality import factuality_of
from geokg.extract.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Any:
    """The spaCy pipeline; load_nlp caches it, so it is loaded once per test session."""
    return load_nlp()


CASES = [
    ("Putin met Erdogan in Sochi.", "met", "asserted"),
    ("Armenia has been strengthening ties with France.", "strengthening", "asserted"),
    ("The German government said Navalny was poisoned.", "poisoned", "asserted"),
    ("Russia condemned the attack.", "condemned", "asserted"),
    ("Informal meetings between the two leaders are not ruled out.", "meetings", "possible"),
    ("Armenia's possible withdrawal from the CSTO worries Moscow.", "withdrawal", "possible"),
    ("The visit may lead to talks with the Kremlin.", "talks", "possible"),
    ("Iran could attack the tankers.", "attack", "possible"),
    ("It is unclear whether Russia is ready to make concessions.", "concessions", "possible"),
    ("Medvedev will take part in the summit.", "part", "future"),
    ("The leaders discussed the summit to be held in Lisbon.", "summit", "future"),
    ("Turkey plans to withdraw its troops.", "withdraw", "future"),
    ("The talks are scheduled for Monday.", "talks", "future"),
    ("Putin is due to visit Chile.", "visit", "future"),
    ("The trip was cut short due to an attack on Chile.", "attack", "asserted"),
    ("Russia is unlikely to offer Armenia security guarantees.", "offer", "negated"),
    ("The visit is unlikely to lead to a warming of relations.", "warming", "negated"),
    ("China did not sign the agreement.", "sign", "negated"),
    ("I strongly believe that we will be able to strengthen ties with Chile.", "strengthen",
     "possible"),
    # coordinated verbs share what governs them both, not each other's own words
    ("I strongly believe that we will be able to strengthen ties and expand cooperation "
     "with Chile.", "expand", "possible"),
    ("Chile did not attack Peru but withdrew its troops.", "withdrew", "asserted"),
    ("I would like to draw your attention to this and reaffirm our position.", "reaffirm",
     "asserted"),
    # "during" dates the clause's act; the clause's modality is not the talks'
    ("During the talks with Chile, Peru will not fail to outline new projects.", "talks",
     "asserted"),
    # what the copula says of an act named as its subject
    ("A new agreement between Peru and Chile is possible.", "agreement", "possible"),
    ("A meeting between the two leaders is unlikely.", "meeting", "negated"),
    ("A meeting between the two leaders is not possible.", "meeting", "negated"),
    ("The meeting between the two leaders was productive.", "meeting", "asserted"),
    # what is said of when the act takes place
    ("Next summer the five countries' meeting will take place in Russia.", "meeting",
     "future"),
    ("They discussed the summit that will take place at the end of May.", "summit", "future"),
    ("The meeting of the two leaders could take place in May.", "meeting", "possible"),
    ("The meeting of the two leaders took place in May.", "meeting", "asserted"),
    ("I expect that the congress will meet in Sochi.", "congress", "future"),
    ("The congress met in Sochi.", "congress", "asserted"),
    ("The ministry denied that it attacked the convoy.", "attacked", "negated"),
    ("The United States won't send more troops.", "send", "negated"),
    # "I would like to thank": the speaker thanks as they speak; a wish to visit is a plan
    ("I would like to thank Lula for his hospitality.", "thank", "asserted"),
    ("We are glad to see you and would like to thank Lula for his help.", "thank", "asserted"),
    ("We would like to express our condolences.", "condolences", "asserted"),
    ("I would like to visit Brazil next year.", "visit", "future"),
    ("His aides alleged that Skripal was poisoned.", "poisoned", "possible"),
    # a prediction is possible; a confident report of the past stays asserted
    ("I am sure that Chile will develop ties with Peru.", "develop", "possible"),
    ("I am sure that the talks will succeed and will develop ties.", "develop", "possible"),
    ("We are certain that Iran attacked the tanker.", "attacked", "asserted"),
    # what a meeting is held ahead of, or prepares, is still to come; what is hoped for is not
    # yet; the chance one has now is the meeting in progress
    ("The talks were held ahead of his participation in the summit.", "participation",
     "future"),
    ("I see our talks as preparation for your visit to Peru.", "visit", "future"),
    ("I hope that Chile will expand trade with Peru.", "expand", "possible"),
    ("I hope that the forum will allow us to enhance ties with Peru.", "enhance", "possible"),
    ("I am glad to have this chance to meet you.", "meet", "asserted"),
    ("I hope to have a chance to meet you.", "meet", "possible"),
    # a decision or instruction to act is a plan; decisions made at a summit leave it done
    ("A decision was also made to sign the roadmap.", "sign", "future"),
    ("I gave instructions to maintain close contact with Peru.", "contact", "future"),
    ("They discussed the decisions adopted at the summit in Lima.", "summit", "asserted"),
    # "considering" as "in view of" doubts nothing; "committed an act" did it
    ("They talked, considering the preparations for the summit to take place in Lima.",
     "summit", "future"),
    ("Chile committed an act of aggression against Peru.", "aggression", "asserted"),
    # a subject that says nobody did it
    ("None of the Moldovan leaders have made an official visit to Russia.", "visit", "negated"),
    ("No Peruvian leader has visited Chile since 2009.", "visited", "negated"),
    ("None of the leaders' aides attended, but the leaders met.", "met", "asserted"),
    # a copula's negation of a rank denies the rank, not the event
    ("This is not our first meeting, and we have achieved a great deal.", "meeting",
     "asserted"),
    ("It was not the only visit by Putin to Chile that year.", "visit", "asserted"),
    ("This is not a meeting but an exchange of letters.", "meeting", "negated"),
    # a clause of time in the present under a future tells an act to come
    ("We will discuss this when Putin visits Chile this autumn.", "visits", "future"),
    ("I will tell you more after Chile signs the treaty.", "signs", "future"),
    ("We discussed this when Putin visited Chile.", "visited", "asserted"),
    ("We always discuss this when Putin visits Chile.", "visits", "asserted"),
    # the speaker's wait told as over: what was awaited is happening now
    ("I looked forward to meeting with you personally during the summit.", "meeting",
     "asserted"),
    ("I look forward to meeting with you in Lima.", "meeting", "future"),
    ("He looked forward to meeting Bachelet in Lima.", "meeting", "future"),
    # a meeting its own words set to come is planned, whatever noun of chance governs it
    ("They discussed the prospects for trade, as well as preparations for the upcoming "
     "summit in Lima.", "summit", "future"),
    ("They discussed the prospects of a summit in Lima.", "summit", "possible"),
    # a purpose clause is as real as what is done for it
    ("We will be closely working to enhance cooperation in Asia.", "enhance", "future"),
    ("Putin came to Lima to discuss trade.", "discuss", "asserted"),
    ("Putin did not come to Lima to discuss trade.", "discuss", "negated"),
    # what an act is told to follow takes the act's tense, not what it agrees
    ("Following our talks, we agreed on a document that the ministers will publish.", "talks",
     "asserted"),
    ("After the talks next week, they will sign the treaty.", "talks", "future"),
    # "not just ... but": what is said beside it is not denied
    ("It is not just a good exhibition, but a remarkable example of joint efforts.", "efforts",
     "asserted"),
    ("Spain did not just sign the treaty with Chile, but also ratified it.", "sign",
     "asserted"),
    ("Spain did not sign the treaty with Chile.", "sign", "negated"),
    # a "not" that ends the text, with nothing after it
    ("Chile will sign the treaty whether Peru likes it or not", "sign", "negated"),
]


@pytest.mark.parametrize(("sentence", "trigger", "expected"), CASES)
def test_factuality_cues(nlp: Any, sentence: str, trigger: str, expected: str) -> None:
    doc = nlp(sentence)
    (tok,) = [t for t in doc if t.text == trigger]
    assert factuality_of(tok) == expected


ARTICLE_DATE = dt.date(2019, 1, 23)  # a Wednesday


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("on Monday", "2019-01-21"),
        ("on Wednesday", "2019-01-16"),
        ("yesterday", "2019-01-22"),
        ("yesterday's", "2019-01-22"),
        ("the day before yesterday", "2019-01-21"),
        ("The previous evening", "2019-01-22"),  # the day before the day reported
        ("last night", "2019-01-22"),
        ("the day before", "2019-01-22"),
        ("on 5 March", "2019-03-05"),  # near future: an announced date
        ("on January 5", "2019-01-05"),
        ("November 27", "2018-11-27"),
        ("this November", "2019-11"),  # "this" month is the coming one, however far
        ("next January", "2020-01"),
        ("next March", "2019-03"),
        ("last October", "2018-10"),
        ("last January", "2018-01"),  # in a January article, the January before
        ("On August 22, 2017", "2017-08-22"),
        ("22 August 2017", "2017-08-22"),
        ("in November 2010", "2010-11"),
        ("in 1998", "1998"),
        ("last year", "2018"),
        ("one year ago", "2018"),
        ("this summer", "2019"),
        ("earlier this month", "2019-01"),
        ("only ten days ago", "2019-01-13"),
        ("3 days ago", "2019-01-20"),
        ("a week ago", "2019-01"),  # the days around it stay in January
        ("about ten days ago", None),
        ("in recent months", None),
        ("some day", None),
    ],
)
def test_resolve_date(expression: str, expected: str | None) -> None:
    assert resolve_date(expression, ARTICLE_DATE) == expected


def test_last_week_only_when_certain() -> None:
    # The week before Thu 2019-01-24 lies wholly in January; before Mon 2020-01-06 it does not.
    assert resolve_date("last week", dt.date(2019, 1, 24)) == "2019-01"
    assert resolve_date("last week", dt.date(2020, 1, 6)) is None
    # Sat 2017-10-07: next week (9-15 October) is in October; this week began on 2 October
    assert resolve_date("to be held next week", dt.date(2017, 10, 7)) == "2017-10"
    assert resolve_date("earlier this week", dt.date(2017, 10, 7)) == "2017-10"
    # Sat 2017-10-28: next week runs into November
    assert resolve_date("next week", dt.date(2017, 10, 28)) is None
    assert resolve_date("this week", dt.date(2017, 11, 1)) is None
    assert resolve_date("next month", dt.date(2017, 12, 20)) == "2018-01"


def test_last_and_next_season_by_the_season_of_the_article_date() -> None:
    # in March, last summer was the year before; in October, the summer just gone
    assert resolve_date("in Baku last summer", dt.date(2017, 3, 28)) == "2016"
    assert resolve_date("last summer", dt.date(2017, 10, 2)) == "2017"
    assert resolve_date("last autumn", dt.date(2017, 10, 2)) == "2016"  # autumn goes on
    assert resolve_date("next spring", dt.date(2017, 1, 10)) == "2017"
    assert resolve_date("next spring", dt.date(2017, 4, 10)) == "2018"
    assert resolve_date("last winter", dt.date(2017, 3, 28)) is None  # which of two years


def test_relative_dates_need_the_article_date() -> None:
    assert resolve_date("yesterday", None) is None
    assert resolve_date("in 2015", None) == "2015"


def test_a_month_said_of_what_will_be_is_its_next_coming() -> None:
    # ARTICLE_DATE is in January: "November 27" told of the past was last year's
    assert resolve_date("November 27", ARTICLE_DATE, ahead=True) == "2019-11-27"
    assert resolve_date("in September", dt.date(2021, 6, 1), ahead=True) == "2021-09"
    assert resolve_date("in May", dt.date(2021, 6, 1), ahead=True) == "2022-05"
    assert resolve_date("in September", dt.date(2021, 6, 1)) == "2020-09"
    # a weekday of what will be: the next one (Saturday 2013-04-06 → Monday 2013-04-08)
    assert resolve_date("on Monday", dt.date(2013, 4, 6), ahead=True) == "2013-04-08"
    assert resolve_date("on Saturday", dt.date(2013, 4, 6), ahead=True) == "2013-04-13"
    assert resolve_date("on Monday", dt.date(2013, 4, 6)) == "2013-04-01"


def test_so_long_ago_is_a_year_when_the_year_is_certain() -> None:
    assert resolve_date("15 years ago", dt.date(2016, 3, 11)) == "2001"
    assert resolve_date("five years ago", dt.date(2016, 3, 11)) == "2011"
    assert resolve_date("thirty years ago", dt.date(2016, 3, 11)) == "1986"
    assert resolve_date("Seventy-five years ago", dt.date(2020, 5, 9)) == "1945"
    assert resolve_date("18 months ago", dt.date(2015, 9, 3)) == "2014"
    assert resolve_date("three months ago", dt.date(2019, 2, 1)) == "2018"
    # a month either way crosses a new year: the year is not certain
    assert resolve_date("two months ago", dt.date(2019, 2, 1)) is None
