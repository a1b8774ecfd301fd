"""Numbers, amounts of money, counts and dates as journalists write them, in French and English.

Dates are read relative to the article's own date: "en décembre", "l'an dernier", "fin 2026",
"d'ici 2028", "last September", "earlier this month".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

MONTHS = {
    "janvier": 1,
    "février": 2,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "decembre": 12,
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
SCALES = {
    "mille": 10**3,
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "millions": 10**6,
    "m": 10**6,
    "mn": 10**6,
    "md": 10**9,
    "mds": 10**9,
    "mrd": 10**9,
    "milliard": 10**9,
    "milliards": 10**9,
    "billion": 10**9,
    "billions": 10**9,
    "bn": 10**9,
    "b": 10**9,
    "trillion": 10**12,
    "trillions": 10**12,
    "billiard": 10**15,
}
CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "€": "EUR",
    "eur": "EUR",
    "livre": "GBP",
    "livres": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "£": "GBP",
    "gbp": "GBP",
    "yuan": "CNY",
    "yen": "JPY",
}

NUM = r"\d{1,3}(?:[  \u202f]\d{3})+(?:[.,]\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"
SCALE = r"milliards?|millions?|mille|billions?|trillions?|thousand|bn|mds?|mrds?|mn|[mbk](?![a-z])"
CUR = r"\$|€|£|US\$|USD|EUR"
CUR_AFTER = r"(?:\s+(?:de\s+|d['’]\s*)?(?P<cur>dollars?|euros?|livres?|pounds?|yuan|yen|USD|EUR))"
AMOUNT = re.compile(
    rf"(?P<pre>{CUR})?\s?(?P<num>{NUM})\s?(?P<scale>{SCALE})?(?![\w])(?:{CUR_AFTER})?(?P<post>\s?[$€£])?",
    re.I,
)


@dataclass
class Amount:
    """A number found in text, with its span; a range has low and high."""

    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    currency: str | None
    start: int
    end: int
    upto: bool = False
    approx: bool = False

    def text_value(self) -> str:
        """The value as the review file writes it: ``72000000000`` or ``115000000000-1350...``."""
        if self.value is not None:
            return _plain(self.value)
        if self.low is not None and self.high is not None:
            return f"{_plain(self.low)}-{_plain(self.high)}"
        return _plain(self.high if self.high is not None else self.low)


def _plain(number: Decimal | None) -> str:
    if number is None:
        return ""
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def parse_number(text: str) -> Decimal | None:
    """``1 500`` ``1,500`` ``1.500``? ``3,3`` ``14.3`` -> Decimal; None if not a number."""
    t = text.strip().replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}( \d{3})+([.,]\d+)?", t):
        t = t.replace(" ", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", t):
        t = t.replace(",", "")
    elif re.fullmatch(r"\d+,\d+", t):
        t = t.replace(",", ".")
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


def find_amounts(text: str) -> list[Amount]:
    """Every number in ``text`` with its scale and currency: "72 milliards de dollars"."""
    found: list[Amount] = []
    for m in AMOUNT.finditer(text):
        number = parse_number(m.group("num"))
        if number is None:
            continue
        scale = (m.group("scale") or "").lower()
        if scale in ("m", "b", "k") and not (m.group("pre") or m.group("post")):
            scale = ""  # "5 m" without a currency is metres, not millions
        if scale:
            number *= SCALES[scale]
        currency = None
        for part in (m.group("pre"), m.group("cur"), m.group("post")):
            if part:
                currency = CURRENCY_WORDS.get(part.strip().lower(), currency)
        after = text[m.end() : m.end() + 3]
        if after.lstrip().startswith("%"):
            continue
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        found.append(Amount(number, None, None, currency, start, m.end()))
    _merge_ranges(text, found)
    return [a for a in found if a.start >= 0]


def _merge_ranges(text: str, found: list[Amount]) -> None:
    """ "entre 115 et 135 milliards", "between $115 and $135 billion", "jusqu'à", "up to"."""
    i = 0
    while i < len(found) - 1:
        a, b = found[i], found[i + 1]
        gap = text[a.end : b.start].strip().lower()
        before = text[max(0, a.start - 12) : a.start].lower()
        if gap in ("et", "and", "à", "to", "-", "–") and re.search(
            r"(entre|between|de|from)\s*$", before
        ):
            scale = b.value / _unscaled(text, b) if _unscaled(text, b) else 1
            low = (
                a.value * scale if a.value is not None and a.value < 1000 and scale > 1 else a.value
            )
            found[i] = Amount(None, low, b.value, b.currency or a.currency, a.start, b.end)
            del found[i + 1]
        i += 1
    for amount in found:
        before = text[max(0, amount.start - 14) : amount.start].lower()
        if re.search(r"(jusqu['’]\s?à|up to|as much as|au plus)\s*$", before):
            amount.upto = True
            amount.high, amount.value = amount.value, None
        if re.search(
            r"(environ|près de|quelque|about|around|roughly|nearly|almost|some)\s*$", before
        ):
            amount.approx = True


def _unscaled(text: str, amount: Amount) -> Decimal | None:
    m = AMOUNT.match(text, amount.start) or AMOUNT.search(text, amount.start)
    return parse_number(m.group("num")) if m else None


# --- dates -------------------------------------------------------------------------------

MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_PATTERNS = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")),
    (
        "day_month_year",
        re.compile(rf"\b(\d{{1,2}})(?:er)?\s+({MONTH_WORDS})\s+(\d{{4}})\b", re.I),
    ),
    ("month_day_year", re.compile(rf"\b({MONTH_WORDS})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I)),
    ("month_year", re.compile(rf"\b({MONTH_WORDS})\.?\s+(?:de\s+l['’]an\s+)?(\d{{4}})\b", re.I)),
    (
        "by_year",
        re.compile(
            r"\b(?:d['’]ici(?:\s+(?:à\s+)?(?:la\s+)?fin)?|by(?:\s+the\s+end\s+of)?)\s+(\d{4})\b",
            re.I,
        ),
    ),
    ("end_year", re.compile(r"\b(?:fin|end of|late)\s+(\d{4})\b", re.I)),
    ("year", re.compile(r"\b(?:en|in|depuis|since|dès|de|of|au|à)\s+((?:19|20)\d{2})\b", re.I)),
    (
        "month",
        re.compile(
            r"\b(?:en|in|au mois de|début|fin|mi-|early|late|last|this|on|ce|le)\s+"
            rf"({MONTH_WORDS})\b(?!\s+\d)",
            re.I,
        ),
    ),
    (
        "last_year",
        re.compile(
            r"\b(l['’]an (?:dernier|passé)|l['’]année dernière|last year|a year ago"
            r"|il y a un an)\b",
            re.I,
        ),
    ),
    ("this_year", re.compile(r"\b(cette année|this year|en cours d['’]année)\b", re.I)),
    ("next_year", re.compile(r"\b(l['’]an prochain|l['’]année prochaine|next year)\b", re.I)),
    (
        "this_month",
        re.compile(r"\b(ce mois-ci|this month|earlier this month|plus tôt ce mois)\b", re.I),
    ),
    ("yesterday", re.compile(r"\b(hier|yesterday)\b", re.I)),
    ("bare_year", re.compile(r"\b((?:19|20)\d{2})\b")),
]


@dataclass
class When:
    """A date read from text: ISO value, kind (point, by), span."""

    value: str
    kind: str
    start: int
    end: int


def find_dates(text: str, article_date: str | None) -> list[When]:
    """Dates in ``text``; relative ones need ``article_date`` (ISO) and are skipped without."""
    year = int(article_date[:4]) if article_date else None
    month = int(article_date[5:7]) if article_date and len(article_date) >= 7 else None
    found: list[When] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            value = _date_value(kind, m, year, month, article_date)
            if value is None:
                continue
            found.append(When(value, "by" if kind == "by_year" else "point", m.start(), m.end()))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda w: w.start)


def _date_value(kind, m, year, month, article_date) -> str | None:
    g = m.groups()
    if kind == "iso":
        return "-".join(x for x in g if x)
    if kind == "day_month_year":
        return f"{g[2]}-{MONTHS[g[1].lower()]:02d}-{int(g[0]):02d}"
    if kind == "month_day_year":
        return f"{g[2]}-{MONTHS[g[0].lower()]:02d}-{int(g[1]):02d}"
    if kind == "month_year":
        return f"{g[1]}-{MONTHS[g[0].lower()]:02d}"
    if kind in ("by_year", "end_year", "year", "bare_year"):
        return g[0]
    if year is None:
        return None
    if kind == "month":
        number = MONTHS[g[0].lower()]
        if number == 5 and g[0] == "may":
            return None  # the modal verb "may", not the month
        past = "last" in m.group(0).lower()
        y = year - 1 if (month and number > month) or (past and month and number >= month) else year
        return f"{y}-{number:02d}"
    if kind == "last_year":
        return str(year - 1)
    if kind == "this_year":
        return str(year)
    if kind == "next_year":
        return str(year + 1)
    if kind == "this_month":
        return f"{year}-{month:02d}" if month else None
    if kind == "yesterday" and article_date and len(article_date) == 10:
        from datetime import date, timedelta

        day = date.fromisoformat(article_date) - timedelta(days=1)
        return day.isoformat()
    return None
