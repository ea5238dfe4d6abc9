"""Resolve date expressions in news text to ISO dates, only when the resolution is certain."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

# Patterns are tried in order: the most specific (full dates) first, so "August 22, 2017" is not
# read as the bare month "August".
_ORD = r"(?:st|nd|rd|th)?"
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}}){_ORD}\s+({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}}){_ORD},?\s+(\d{{4}})\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\b", re.I)
_MONTH_DAY = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", re.I)
_MONTH_YEAR = re.compile(rf"\b({_MONTH_RE})\.?\s+(?:of\s+)?(\d{{4}})\b", re.I)
_MONTH = re.compile(rf"\b({_MONTH_RE})\b", re.I)
_THIS_MONTH = re.compile(rf"\b(this|next|last)\s+({_MONTH_RE})\b", re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.I)


# First and last month of the seasons of the northern hemisphere (the publishers' own).
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}


def _day(year: int, month: int, day: int) -> str | None:
    """An ISO day, or None when the numbers do not make a calendar date."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_year(month: int, ref: dt.date | None, ahead: bool = False) -> int | None:
    """The year of a month named without one: the article year, or the year before when the
    month would otherwise lie more than about two months after the article date; said of
    what will be (``ahead``), the month's next coming."""
    if ref is None:
        return None
    if ahead:
        return ref.year + (month < ref.month)
    # A month far ahead of the article date was most likely last year's ("November 27" in a
    # January article); near-future months are kept in the article year (announced events).
    if month - ref.month > 2:
        return ref.year - 1
    return ref.year


_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# Counts in words, one to ninety-nine ("seventy", "seventy-five").
_COUNTS = {word: n for n, word in enumerate(_UNITS, start=1)} | {
    word: 20 + 10 * n for n, word in enumerate(_TENS)} | {
    f"{ten}-{unit}": 20 + 10 * n + u for n, ten in enumerate(_TENS)
    for u, unit in enumerate(_UNITS[:9], start=1)}
_COUNT_WORDS = "|".join(sorted(_COUNTS, key=len, reverse=True))  # longest first
_AGO = re.compile(r"\b(\d{1,3}|" + _COUNT_WORDS + r")\s+(years?|months?)\s+ago\b")
# Days and weeks ago ("ten days ago", "a week ago").
_DAYS_AGO = re.compile(r"\b(\d{1,2}|a|" + _COUNT_WORDS + r")\s+(days?|weeks?)\s+ago\b")
# Words that make a time ago approximate ("over 500 years ago", "almost two years ago").
HEDGES = frozenset({"over", "almost", "nearly", "about", "around", "roughly", "some", "than"})
_HEDGED = re.compile(r"\b(?:" + "|".join(sorted(HEDGES)) + r")\s+$")


def count_of(word: str) -> int | None:
    """The number a numeral or a count in words says ("70", "seventy", "Seventy-five")."""
    low = word.lower()
    if low.isdigit():
        return int(low)
    return _COUNTS.get(low)


def _months_back(ref: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` before ``ref``'s."""
    total = ref.year * 12 + ref.month - 1 - months
    return dt.date(total // 12, total % 12 + 1, 1)


def resolve_date(expression: str, article_date: dt.date | None,
                 ahead: bool = False) -> str | None:
    """ISO date ("YYYY-MM-DD", "YYYY-MM" or "YYYY") of a date expression, or None if uncertain.

    Args:
        expression: the words of the expression, e.g. "on Monday", "August 22, 2017", "in 1998".
        article_date: the article's publication date; relative expressions need it.
        ahead: the expression dates what will be ("we will meet in September"): a month
            or a weekday named alone is its next coming.

    Returns:
        The most precise certain ISO date, or None when the expression cannot be resolved.
    """
    text = " ".join(expression.split())
    low = text.lower()
    ref = article_date

    if m := _ISO.search(text):
        return _day(int(m[1]), int(m[2]), int(m[3]))
    if m := _DAY_MONTH_YEAR.search(text):
        return _day(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    if m := _MONTH_DAY_YEAR.search(text):
        return _day(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
    if m := _MONTH_YEAR.search(text):
        return f"{int(m[2]):04d}-{_MONTHS[m[1].lower()]:02d}"

    if ref is not None:
        if re.search(r"\bday before yesterday\b", low):
            return (ref - dt.timedelta(days=2)).isoformat()
        if re.search(r"\b(yesterday|last night|(the )?(previous|preceding) (day|evening|night)"
                     r"|the (day|evening|night) before)\b", low):
            # "The previous evening, the Russian leader held brief contacts ...": the day
            # before the day reported
            return (ref - dt.timedelta(days=1)).isoformat()
        if re.search(r"\b(today|tonight|this morning|this evening)\b", low):
            return ref.isoformat()
        if re.search(r"\b(tomorrow)\b", low):
            return (ref + dt.timedelta(days=1)).isoformat()
        if re.search(r"\b(last|previous|past) year\b|\b(one|a) year ago\b", low):
            return f"{ref.year - 1:04d}"
        if (m := _AGO.search(low)) and not _HEDGED.search(low[:m.start()]):
            # "15 years ago"; not "over 500 years ago", "almost two years ago"
            n = count_of(m[1]) or 0
            if m[2].startswith("year"):
                return f"{ref.year - n:04d}"
            # "18 months ago": the year, when a month either way stays in it
            years = {_months_back(ref, k).year for k in (n - 1, n, n + 1)}
            return f"{years.pop():04d}" if len(years) == 1 else None
        if (m := _DAYS_AGO.search(low)) and not _HEDGED.search(low[:m.start()]):
            # "only ten days ago": that day; "a week ago", said loosely: its month when the
            # days around it stay in one month
            n = 1 if m[1] == "a" else count_of(m[1]) or 0
            if m[2].startswith("day"):
                return (ref - dt.timedelta(days=n)).isoformat()
            months = {(ref - dt.timedelta(days=7 * n + k)).strftime("%Y-%m")
                      for k in (-3, 0, 3)}
            return months.pop() if len(months) == 1 else None
        if re.search(r"\bthis (year|summer|winter|spring|autumn|fall)\b", low):
            return f"{ref.year:04d}"
        if m := re.search(r"\b(last|next) (summer|spring|autumn|fall)\b", low):
            # "the last time we met was in Baku last summer", said in March 2017: 2016; in
            # October, the summer just gone. (Winter straddles two years: left unresolved.)
            first, last = _SEASONS[m[2]]
            if m[1] == "last":
                return f"{ref.year - (ref.month <= last):04d}"
            return f"{ref.year + (ref.month >= first):04d}"
        if re.search(r"\bnext year\b", low):
            return f"{ref.year + 1:04d}"
        if re.search(r"\b(this|earlier (in )?th(is|e)) month\b", low):
            return f"{ref.year:04d}-{ref.month:02d}"
        if re.search(r"\blast month\b", low):
            prev = ref.replace(day=1) - dt.timedelta(days=1)
            return f"{prev.year:04d}-{prev.month:02d}"
        if re.search(r"\bnext month\b", low):
            nxt = ref.replace(day=28) + dt.timedelta(days=4)
            return f"{nxt.year:04d}-{nxt.month:02d}"
        if m := re.search(r"\b(last|this|next) week\b", low):
            # Only certain when the whole Monday-Sunday week lies in one month.
            shift = {"last": -7, "this": 0, "next": 7}[m[1]]
            monday = ref - dt.timedelta(days=ref.weekday() - shift)
            sunday = monday + dt.timedelta(days=6)
            if monday.month == sunday.month:
                return f"{monday.year:04d}-{monday.month:02d}"
            return None

    if m := _DAY_MONTH.search(text):
        month, day = _MONTHS[m[2].lower()], int(m[1])
        year = _month_year(month, ref, ahead)
        return _day(year, month, day) if year else None
    if m := _MONTH_DAY.search(text):
        month, day = _MONTHS[m[1].lower()], int(m[2])
        year = _month_year(month, ref, ahead)
        return _day(year, month, day) if year else None
    if m := _YEAR.search(text):
        return m[1]
    if (m := _WEEKDAY.search(text)) and ref is not None:
        # Weekday names in news refer to the most recent such day before the article date;
        # of what will be ("the visit begins on Monday"), to the next one after it.
        day = _WEEKDAYS.index(m[1].lower())
        if ahead:
            return (ref + dt.timedelta(days=(day - ref.weekday()) % 7 or 7)).isoformat()
        back = (ref.weekday() - day) % 7 or 7
        return (ref - dt.timedelta(days=back)).isoformat()
    if (m := _THIS_MONTH.search(text)) and ref is not None:
        # "this November" in a May article is the coming one; "next March" the one after;
        # "last October" in a September article the one of the year before
        month, which = _MONTHS[m[2].lower()], m[1].lower()
        year = ref.year + (which == "next" and month <= ref.month) - (
            which == "last" and month >= ref.month)
        return f"{year:04d}-{month:02d}"
    if (m := _MONTH.search(text)) and ref is not None:
        # "May" is also a modal verb; only accept it capitalised.
        if m[1].lower() == "may" and m[1] != "May":
            return None
        month = _MONTHS[m[1].lower()]
        year = _month_year(month, ref, ahead)
        return f"{year:04d}-{month:02d}" if year else None
    return None
