"""Reads the date forms news sites print: 14 Jan 2026, 10.Jan.2026, ISO, RFC 822, "2 hours ago"."""

from __future__ import annotations

import datetime as dt
import email.utils
import re

_MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_SEP = r"[\s./-]+"
_DAY_MONTH_YEAR = re.compile(rf"^(\d{{1,2}}){_SEP}([A-Za-z]{{3,10}})\.?{_SEP}(\d{{4}})$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]{3,10})\.?\s+(\d{1,2}),?\s+(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_NUMERIC = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")


def looks_like_date(line: str) -> bool:
    """Whether a line is shaped like a date on its own (it may still be an impossible one)."""
    s = line.strip()
    if not s or len(s) > 40:
        return False
    return any(p.match(s) for p in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _ISO, _NUMERIC))


def parse_date(text: str) -> dt.date | None:
    """The calendar date a date line names, or None if it is not a real date."""
    s = text.strip()
    try:
        if m := _DAY_MONTH_YEAR.match(s):
            month = _MONTHS.get(m.group(2).lower())
            return dt.date(int(m.group(3)), month, int(m.group(1))) if month else None
        if m := _MONTH_DAY_YEAR.match(s):
            month = _MONTHS.get(m.group(1).lower())
            return dt.date(int(m.group(3)), month, int(m.group(2))) if month else None
        if m := _ISO.match(s):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _NUMERIC.match(s):
            # day.month.year, the European order used by the sites geokg reads
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None
    return None


_RELATIVE = re.compile(
    r"^(?:(an?|one|\d{1,4})\s+(second|minute|hour|day|week)s?\s+ago|just now|today|yesterday)$",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
# a time of day after the date: "18:30", ", 18:30", " 10:30 GMT", "T10:30:00+03:00"
_TIME_TAIL = re.compile(
    r"(?:,?\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?"
    r"\s*(?:Z|UTC|GMT|[A-Z]{2,4}|[+-]\d{2}:?\d{2})?$"
)
_UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 7 * 86400}


def parse_published(text: str, *, now: dt.datetime | None = None) -> dt.date | None:
    """The date a publication stamp names, in every form ``parse_date`` reads and more.

    Also read: ISO date-times with a zone (the date as written, the publisher's calendar day),
    RFC 822 / RFC 2822 (``Wed, 14 Jan 2026 10:30:00 +0000``, used by RSS), a leading weekday,
    a trailing time of day, and relative stamps ("2 hours ago", "yesterday") counted back from
    ``now``, the fetch time (UTC now when not given). None when nothing here names a date.
    """
    s = " ".join(text.split())
    if not s or len(s) > 60:
        return None
    if (day := parse_date(s)) is not None:
        return day
    if m := _RELATIVE.match(s):
        base = now or dt.datetime.now(dt.UTC)
        word = s.lower()
        if word in ("just now", "today"):
            return base.date()
        if word == "yesterday":
            return (base - dt.timedelta(days=1)).date()
        count = 1 if m.group(1).lower() in ("a", "an", "one") else int(m.group(1))
        return (base - dt.timedelta(seconds=count * _UNITS[m.group(2).lower()])).date()
    try:
        stamp = email.utils.parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError):
        stamp = None
    if stamp is not None:
        return stamp.date()
    bare = _TIME_TAIL.sub("", _WEEKDAY.sub("", s)).strip().rstrip(",")
    if bare != s:
        return parse_date(bare)
    return None
