"""Reads the date forms news sites print: 14 Jan 2026, 10.Jan.2026, January 14, 2026, ISO."""

from __future__ import annotations

import datetime as dt
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
