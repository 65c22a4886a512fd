"""The grammar of time expressions: each rule is a pattern and a resolver to a TimeML value.

A resolver turns one match into a :class:`Resolved` (value, TimeML type, mod) using the
:class:`Context` of the mention: the document creation time (DCT) it is anchored to, the tense of
the clause around it and whether the sentence speaks of fiscal quarters. Rules are tried all over
the text; ``timex`` keeps the longest non-overlapping matches that resolve.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import dateparser

from onrecord.extract import timex_words as w
from onrecord.extract.timex_calendar import format_value, quarter_of, shift

B = r"(?<![\w'])"  # a match starts at a word start ("mid-" before it is read as a modifier)
E = r"(?!\w|-\w|\.\d)"  # and ends at a word end


class NoAnchor(Exception):
    """A relative expression met a document without a creation date: it has no value."""


@dataclass(frozen=True, kw_only=True)
class Context:
    """What a resolver knows about a mention besides its words."""

    dct: dt.date | None
    tense: str | None = None  # "past" | "present" | "future" of the clause around the mention
    quarterly: bool = False  # the sentence speaks of fiscal quarters ("a year ago" = the year-ago quarter)

    @property
    def anchor(self) -> dt.date:
        if self.dct is None:
            raise NoAnchor
        return self.dct


@dataclass(frozen=True, kw_only=True)
class Resolved:
    value: str
    type: str = "DATE"
    mod: str | None = None


Resolver = Callable[[re.Match[str], Context], Resolved | None]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Resolver
    type: str = "DATE"  # the TimeML type when the value cannot be resolved (no DCT)


# ---------------------------------------------------------------- number, unit and date helpers


def number_value(text: str | None) -> float | None:
    """ "two" -> 2, "twenty-five" -> 25, "1.5" -> 1.5; vague quantities ("several") -> None."""
    if text is None:
        return 1
    words = " ".join(text.lower().replace("-", " ").split())
    if re.fullmatch(r"\d+(\.\d+)?", words):
        return float(words)
    if found := re.fullmatch(r"(\d+)\s*(?:1/2|½)", words):
        return int(found[1]) + 0.5
    if words in w.SMALL_NUMBERS:
        return w.SMALL_NUMBERS[words]
    parts = words.split()
    if parts and parts[0] in w.TENS:
        return w.TENS[parts[0]] + (w.SMALL_NUMBERS.get(parts[1], 0) if len(parts) > 1 else 0)
    return None


def unit_key(text: str) -> str:
    word = text.lower()
    if word == "centuries":
        return "century"
    return word[:-1] if word.endswith("s") and word[:-1] in w.UNITS else word


def duration_value(amount: float | None, unit: str) -> str:
    """TimeML duration: (2, "week") -> P2W, (None, "year") -> PXY, (3, "hour") -> PT3H."""
    _, letter, clock, multiplier = w.UNITS[unit]
    if letter == "WE":
        letter, multiplier = "D", 2 * multiplier
    if amount is None:
        count = "X"
    else:
        total = amount * multiplier
        whole = int(total)
        if total != whole and letter in FRACTION_UNITS:
            smaller, per = FRACTION_UNITS[letter]
            rest = f"{round((total - whole) * per)}{smaller}"
            if letter in ("H", "D") or (letter == "M" and clock):
                return f"PT{whole}{letter}{rest}" if clock else f"P{whole}{letter}T{rest}"
            return f"P{whole}{letter}{rest}"
        count = str(whole) if total == whole else str(total)
    return f"PT{count}{letter}" if clock else f"P{count}{letter}"


FRACTION_UNITS = {"Y": ("M", 12), "H": ("M", 60), "D": ("H", 24), "W": ("D", 7)}


def resolve_month_only(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["month"].lower() not in ("may", "june", "july") and re.fullmatch(r"[A-Z][a-z]{2,3}", m["month"]):
        return None  # "Jan", "Dec" without a period or a day are more often names
    return resolve_month(m, ctx)


def month_number(text: str) -> int:
    return w.MONTHS[text.lower().rstrip(".")]


def month_year(month: int, ctx: Context, day: int = 15) -> int:
    """The year of a month (and day) written without one: the one that puts it nearest the DCT."""
    dct = ctx.anchor
    same_year = dt.date(dct.year, month, min(day, 28))
    if ctx.tense == "future":
        return dct.year if same_year >= dct else dct.year + 1
    best = dct.year
    for year in (dct.year - 1, dct.year + 1):
        candidate = dt.date(year, month, min(day, 28))
        if abs((candidate - dct).days) < abs((dt.date(best, month, min(day, 28)) - dct).days):
            best = year
    if ctx.tense == "past" and (dt.date(best, month, min(day, 28)) - dct).days > 62:
        best -= 1  # said in the past tense: not a date months ahead
    return best


def weekday_date(weekday: int, ctx: Context, step: int = 0) -> dt.date:
    """The day named ``weekday`` (1 = Monday): ``step`` weeks off for last/next, else by tense."""
    dct = ctx.anchor
    if step:
        base = dct + dt.timedelta(days=7 * step)
        return base + dt.timedelta(days=weekday - base.isoweekday())
    back = (dct.isoweekday() - weekday) % 7
    if ctx.tense == "future" and back:
        return dct + dt.timedelta(days=7 - back)
    if ctx.tense == "present" and back > 3:
        return dct + dt.timedelta(days=7 - back)
    return dct - dt.timedelta(days=back)


def preceded_by(m: re.Match[str], words: str) -> bool:
    """Whether the word before the match is one of ``words`` (a regex alternation)."""
    before = m.string[max(0, m.start() - 20) : m.start()]
    return re.search(rf"(?i)\b(?:{words})\s+$", before) is not None


def year_of(text: str) -> int:
    year = int(text.lstrip("'"))
    return year + (1900 if year >= 30 else 2000) if year < 100 else year


STEP_WORDS = {
    "last": -1, "past": -1, "previous": -1, "prior": -1, "preceding": -1, "this past": -1, "latest": -1,
    "next": 1, "coming": 1, "following": 1, "this coming": 1, "upcoming": 1,
    "this": 0, "current": 0, "present": 0, "same": 0,
}  # fmt: skip
REL = r"(?i:this\s+past|this\s+coming|the\s+past|the\s+previous|the\s+prior|the\s+preceding|the\s+coming|the\s+current|the\s+latest|the\s+following|the\s+next|the\s+same|last|next|this|past|coming|current|previous|latest|upcoming)"


def step_of(rel: str | None) -> int:
    if not rel:
        return 0
    key = " ".join(rel.lower().split()).removeprefix("the ")
    return STEP_WORDS.get(key, 0)


def relative_unit(unit: str, step: int, ctx: Context) -> Resolved:
    """ "last week", "next month", "this year": the unit around the DCT moved by ``step``."""
    dct = ctx.anchor
    if unit == "weekend":
        day = dct + dt.timedelta(days=7 * step)
        return Resolved(value=format_value(day, "weekend"))
    return Resolved(value=format_value(shift(dct, unit, step), w.UNIT_GRANULARITY[unit]))


# ---------------------------------------------------------------- resolvers


def parse_with_dateparser(text: str, ctx: Context, *, year_given: bool) -> dt.date | None:
    """Absolute dates ("16 October 2024", "Oct. 3") through dateparser, anchored at the DCT."""
    base = ctx.dct or dt.date(2000, 1, 1)
    prefer = {"past": "past", "future": "future"}.get(ctx.tense or "", "current_period")
    settings = {
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": prefer,
        "REQUIRE_PARTS": ["day", "month"],
        "RETURN_AS_TIMEZONE_AWARE": False,
        "DATE_ORDER": "MDY",
    }
    if not year_given and ctx.dct is None:
        raise NoAnchor
    parsed = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    return parsed.date() if parsed else None


def resolve_month_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["month"].startswith("May") and not m["day"]:
        return None
    text = m["date"][m.start("month") - m.start("date") if m.start("month") < m.start("day") else 0 :]
    text = re.sub(r"(?i)^the\s+|(?<=\d)(?:st|nd|rd|th)\b|\bof\b", "", text)
    day = parse_with_dateparser(text, ctx, year_given=bool(m["year"]))
    if day and not m["year"]:
        day = (
            day.replace(year=month_year(day.month, ctx, day.day)) if (day.month, day.day) != (2, 29) else day
        )
    return Resolved(value=day.isoformat()) if day else None


def resolve_numeric_date(m: re.Match[str], ctx: Context) -> Resolved | None:
    try:
        day = dt.date(year_of(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return Resolved(value=day.isoformat())


def resolve_month(m: re.Match[str], ctx: Context) -> Resolved | None:
    month = month_number(m["month"])
    if m["year"]:
        return Resolved(value=f"{year_of(m['year'])}-{month:02d}")
    if m["yrrel"]:
        return Resolved(value=f"{ctx.anchor.year + step_of(m['yrrel'])}-{month:02d}")
    step = step_of(m["rel"])
    if (
        m["month"] == "May"
        and not m["rel"]
        and not preceded_by(m, "in|since|until|till|by|from|through|of|during|early|late|mid")
    ):
        return None
    dct = ctx.anchor
    if step < 0:
        year = dct.year if month < dct.month else dct.year - 1
    elif step > 0:
        year = dct.year if month > dct.month else dct.year + 1
    elif m["rel"]:
        year = dct.year  # "this September"
    else:
        year = month_year(month, ctx)
    return Resolved(value=f"{year}-{month:02d}")


def resolve_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    return Resolved(value=str(year_of(m["year"])))


def resolve_decade(m: re.Match[str], ctx: Context) -> Resolved | None:
    word = m["decade"].lower()
    if word in w.DECADE_WORDS:
        return Resolved(value=f"19{w.DECADE_WORDS[word]}")
    digits = word.lstrip("'").rstrip("s")
    if len(digits) == 2:
        return Resolved(value=str(year_of(digits))[:3])
    return Resolved(value=digits[:3])


def resolve_century(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["rel"]:
        year = shift(ctx.anchor, "century", step_of(m["rel"])).year
        return Resolved(value=f"{year // 100:02d}")
    number = w.ORDINALS.get(m["ord"].lower()) or int(re.sub(r"\D", "", m["ord"]) or 0)
    return Resolved(value=f"{number - 1:02d}") if number else None


def resolve_weekday(m: re.Match[str], ctx: Context) -> Resolved | None:
    weekday = w.WEEKDAYS[m["weekday"].lower().rstrip(".")]
    rel = (m["rel"] or "").lower()
    step = {"last": -1, "this past": -1, "past": -1, "next": 1}.get(rel, 0)
    if rel in ("coming", "this coming") or (rel == "next" and weekday > ctx.anchor.isoweekday()):
        step = 0  # "this coming Sunday", and "next Friday" said on a Monday: the nearest one ahead
        ctx = Context(dct=ctx.dct, tense="future", quarterly=ctx.quarterly)
    day = weekday_date(weekday, ctx, step)
    if m["pod"]:
        return Resolved(value=f"{day.isoformat()}T{w.PARTS_OF_DAY[m['pod'].lower()]}", type="TIME")
    return Resolved(value=day.isoformat())


DEICTIC_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


def resolve_deictic(m: re.Match[str], ctx: Context) -> Resolved | None:
    word = m["word"].lower()
    day = ctx.anchor + dt.timedelta(days=DEICTIC_DAYS[word])
    pod = m["pod"].lower() if m["pod"] else ("night" if word == "tonight" else None)
    if pod:
        return Resolved(value=f"{day.isoformat()}T{w.PARTS_OF_DAY[pod]}", type="TIME")
    return Resolved(value=day.isoformat())


def resolve_part_of_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    days = -1 if m["rel"].lower() == "last" else 0
    day = ctx.anchor + dt.timedelta(days=days)
    return Resolved(value=f"{day.isoformat()}T{w.PARTS_OF_DAY[m['pod'].lower()]}", type="TIME")


def clock_value(text: str) -> str | None:
    word = text.lower().replace(" ", "")
    if word in ("noon", "midday"):
        return "12:00"
    if word == "midnight":
        return "24:00"
    found = re.match(r"(\d{1,2})(?::(\d\d))?(a|p)?", word)
    if not found:
        return None
    hour, minute = int(found[1]), int(found[2] or 0)
    if found[3] == "p" and hour < 12:
        hour += 12
    if found[3] == "a" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}" if hour <= 24 and minute < 60 else None


def resolve_clock(m: re.Match[str], ctx: Context) -> Resolved | None:
    clock = clock_value(m["clock"])
    if clock is None:
        return None
    day = ctx.anchor
    if m["date"]:
        inner = resolve_text(m["date"], ctx)
        if inner is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", inner.value[:10]):
            return None
        day = dt.date.fromisoformat(inner.value[:10])
    return Resolved(value=f"{day.isoformat()}T{clock}", type="TIME")


def resolve_relative_unit(m: re.Match[str], ctx: Context) -> Resolved | None:
    word = m["unit"].lower()
    if word in w.SEASONS:
        return resolve_season(m, ctx)
    unit = unit_key(word)
    step = step_of(m["rel"])
    if unit == "quarter":
        return Resolved(value=format_value(shift(ctx.anchor, "quarter", step), "quarter"))
    if unit == "year" and m["rel"] and "past" in m["rel"].lower() and ctx.quarterly:
        return Resolved(value="P1Y", type="DURATION")
    return relative_unit(unit, step, ctx)


def resolve_season(m: re.Match[str], ctx: Context) -> Resolved | None:
    season = w.SEASONS[(m["season"] if "season" in m.re.groupindex and m["season"] else m["unit"]).lower()]
    rel = m["rel"] if "rel" in m.re.groupindex else None
    year_text = m["year"] if "year" in m.re.groupindex else None
    if year_text:
        return Resolved(value=f"{year_of(year_text)}-{season}")
    if not rel and not preceded_by(m, "in|during|since|until|by|through|this|last|next|early|late|mid|the"):
        return None
    dct = ctx.anchor
    first_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
    current = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
    dct_season = next((s for s, start in current.items() if start <= dct.month < start + 3), "WI")
    step = step_of(rel)
    year = dct.year
    if step < 0 or (not step and ctx.tense == "past"):
        year = dct.year if first_month < dct.month or season == dct_season and step == 0 else dct.year - 1
        if step < 0 and season == dct_season:
            year = dct.year - 1
    elif step > 0 or ctx.tense == "future":
        year = dct.year if first_month > dct.month else dct.year + 1
    if season == "WI" and dct.month < 3 and step <= 0:
        year -= 1
    return Resolved(value=f"{year}-{season}")


def resolve_ago(m: re.Match[str], ctx: Context) -> Resolved | None:
    amount = number_value(m["num"])
    unit = unit_key(m["unit"])
    direction = m["dir"].lower().split()[0]
    sign = 1 if direction in ("later", "from", "hence", "after") else -1
    if amount is None:
        return Resolved(value="FUTURE_REF" if sign > 0 else "PAST_REF")
    if unit not in w.UNIT_GRANULARITY:
        return Resolved(value=format_value(ctx.anchor, "day"))
    count = int(amount) if float(amount).is_integer() else 0
    if not count:
        return None
    day = shift(ctx.anchor, unit, sign * count)
    granularity = w.UNIT_GRANULARITY[unit]
    if granularity == "year" and ctx.quarterly and count == 1:
        day, granularity = shift(ctx.anchor, "quarter", -5), "quarter"
    if granularity == "decade":
        granularity = "year"
    return Resolved(value=format_value(day, granularity))


def resolve_duration(m: re.Match[str], ctx: Context) -> Resolved | None:
    amount = number_value(m["num"])
    unit = unit_key(m["unit"])
    if unit not in w.UNITS:
        return None
    if unit == "quarter" and (amount == 1 or "-" in m.group(0)):
        return None  # "a quarter of", "three-quarters": fractions, not time
    if unit == "second" and amount == 1:
        return None  # "a second time"
    if re.match(r"\s+(?:old|of\s+age)\b", m.string[m.end() :]):
        return None  # an age: "52 years old"
    if m["num"].lower() in ("a", "an") and re.search(
        r"(?:\d|\btimes|\bhours|\bdays)\s+$", m.string[: m.start()]
    ):
        return None  # a rate, "$2 million a year", "24 hours a day": the amount carries it
    return Resolved(value=duration_value(amount, unit), type="DURATION")


def resolve_bare_units(m: re.Match[str], ctx: Context) -> Resolved | None:
    if not preceded_by(m, "for|within|in|over|recent|coming|past|the"):
        return None
    word = m["unit"].lower()
    if preceded_by(m, "recent"):
        return None
    return Resolved(value=duration_value(None, unit_key(word)), type="DURATION")


ORDINAL_QUARTER = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
                   "final": 4, "last": 4}  # fmt: skip


def quarter_year(m: re.Match[str], ctx: Context) -> int | None:
    """The year a quarter or half phrase names explicitly ("1989's", "of last year"), if any."""
    for name in ("yr", "yr2"):
        if m[name]:
            return year_of(m[name])
    for name in ("yrrel", "yrrel2"):
        if m[name]:
            return ctx.anchor.year + step_of(m[name])
    return None


def resolve_quarter(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit = m["unit"].lower()
    adjs = " ".join((m["adj"] or "").lower().split())
    ordinal = (m["ord"] or "").lower()
    det = " ".join((m["det"] or "").lower().split())
    if not (det or adjs or ordinal or m["det_year"]):
        return None
    year = quarter_year(m, ctx)
    if year is None and det.endswith("year's"):
        year = ctx.anchor.year + step_of(det.split()[0])
    back_a_year = "year-ago" in adjs or "year-earlier" in adjs or "year ago" in (m["tail"] or "")
    if unit == "half":
        half = 1 if ordinal == "first" else 2 if ordinal in ("second", "last", "latter") else None
        if half is None:
            return None
        return Resolved(value=f"{year or ctx.anchor.year}-H{half}")
    if ordinal and ordinal in ORDINAL_QUARTER and not (ordinal == "last" and not m["yr"] and not m["yr2"]):
        number = ORDINAL_QUARTER[ordinal]
        if year is None:
            dct = ctx.anchor
            year = dct.year - (1 if number > quarter_of(dct) and ctx.tense != "future" else 0)
            year -= 1 if back_a_year else 0
        return Resolved(value=f"{year}-Q{number}")
    if unit == "period" and not adjs and not m["det_year"]:
        return None
    if year is not None and not adjs and unit == "period" and not ctx.quarterly:
        return Resolved(value=str(year))
    words = adjs.split()
    if any(word in ("current", "this") for word in words) or (m["det"] or "").lower() == "this":
        step = 0
    elif "next" in words:
        step = 1
    else:
        step = -1  # "the quarter", "the latest quarter", "last quarter": the last one completed
    if back_a_year or any(word in ("comparable", "corresponding", "same") for word in words):
        step -= 4
    day = shift(ctx.anchor, "quarter", step)
    if year is not None:
        day = day.replace(year=year)
    return Resolved(value=format_value(day, "quarter"))


def resolve_year_ago_adjective(m: re.Match[str], ctx: Context) -> Resolved | None:
    if ctx.quarterly:
        return Resolved(value=format_value(shift(ctx.anchor, "quarter", -5), "quarter"))
    return Resolved(value=str(ctx.anchor.year - 1))  # "year-earlier" outside quarterly talk


def resolve_set(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["word"]:
        return Resolved(value=w.SET_WORDS[m["word"].lower()], type="SET")
    target = m["target"]
    lower = target.lower().rstrip("s")
    if lower in w.WEEKDAYS:
        return Resolved(value=f"XXXX-WXX-{w.WEEKDAYS[lower]}", type="SET")
    if lower in w.MONTHS:
        return Resolved(value=f"XXXX-{month_number(lower):02d}", type="SET")
    if lower in w.SEASONS:
        return Resolved(value=f"XXXX-{w.SEASONS[lower]}", type="SET")
    unit = unit_key(target)
    if unit not in w.UNITS:
        return None
    amount = number_value(m["num"]) if m["num"] else 1
    return Resolved(value=duration_value(amount, unit), type="SET")


VAGUE = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PRESENT_REF", "currently": "PRESENT_REF",
    "current": "PRESENT_REF", "at present": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "more recently": "PAST_REF",
    "the past": "PAST_REF", "in the past": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "the distant future": "FUTURE_REF",
    "the short term": "FUTURE_REF",
    "the long term": "FUTURE_REF", "the near term": "FUTURE_REF", "a later date": "FUTURE_REF",
}  # fmt: skip


def resolve_vague(m: re.Match[str], ctx: Context) -> Resolved | None:
    key = " ".join(m["word"].lower().split())
    if key == "current" and re.match(
        r"\s+(?:account|accounts|assets|liabilities|liabilit|ratio|level|flow|rate)", m.string[m.end() :]
    ):
        return None
    return Resolved(value=VAGUE[key])


def resolve_recent_units(m: re.Match[str], ctx: Context) -> Resolved | None:
    word = m["rel"].lower()
    if word == "recent" and unit_key(m["unit"]) in ("year", "decade"):
        return Resolved(value="PAST_REF")
    return Resolved(value=duration_value(None, unit_key(m["unit"])), type="DURATION")


def resolve_weekend(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the weekend": the one just past, unless the clause is in the future tense (or "next")."""
    dct = ctx.anchor
    rel = (m["rel"] or "the").lower()
    step = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel.split()[-1], 0)
    if not step and dct.isoweekday() < 6 and ctx.tense != "future" and rel != "this":
        step = -1
    return Resolved(value=format_value(dct + dt.timedelta(days=7 * step), "weekend"))


def spelled_year(text: str) -> int | None:
    """ "nineteen ninety-six" -> 1996, "two thousand" -> 2000, "two thousand and one" -> 2001."""
    words = text.lower().replace("-", " ").replace(" and ", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = number_value(" ".join(words[2:])) if words[2:] else 0
        return 2000 + int(rest) if rest is not None else None
    if words and words[0] == "nineteen":
        rest = number_value(" ".join(words[1:]))
        return 1900 + int(rest) if rest is not None and rest < 100 else None
    return None


def resolve_spelled_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    year = spelled_year(m["spelled"])
    return Resolved(value=str(year)) if year else None


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The ``nth`` (1-based; -1 = last) ``weekday`` (1 = Monday) of a month."""
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    last = shift(dt.date(year, month, 1), "month", 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "christmas": lambda y: dt.date(y, 12, 25),
    "new year's eve": lambda y: dt.date(y, 12, 31),
    "new year's day": lambda y: dt.date(y, 1, 1),
    "independence day": lambda y: dt.date(y, 7, 4),
    "halloween": lambda y: dt.date(y, 10, 31),
    "valentine's day": lambda y: dt.date(y, 2, 14),
    "thanksgiving": lambda y: nth_weekday(y, 11, 4, 4),
    "labor day": lambda y: nth_weekday(y, 9, 1, 1),
    "memorial day": lambda y: nth_weekday(y, 5, 1, -1),
}


def resolve_holiday(m: re.Match[str], ctx: Context) -> Resolved | None:
    name = " ".join(m["holiday"].lower().split()).removesuffix(" day")
    key = next((k for k in HOLIDAYS if k.removesuffix(" day") == name), None)
    if key is None:
        return None
    if m["year"]:
        return Resolved(value=HOLIDAYS[key](int(m["year"])).isoformat())
    probe = HOLIDAYS[key](ctx.anchor.year)
    step = step_of(m["rel"])
    year = month_year(probe.month, ctx, probe.day) if not step else None
    if step < 0:
        year = ctx.anchor.year - (0 if probe < ctx.anchor else 1)
    elif step > 0:
        year = ctx.anchor.year + (0 if probe > ctx.anchor else 1)
    return Resolved(value=HOLIDAYS[key](year or ctx.anchor.year).isoformat())


def resolve_edge_of_unit(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit = unit_key(m["unit"])
    edge = m["edge"].lower()
    mod = "START" if edge in ("beginning", "start") else "MID" if edge == "middle" else "END"
    return Resolved(value=relative_unit(unit, 0, ctx).value, mod=mod)


# ---------------------------------------------------------------- the grammar

NUM = w.NUMBER
UNIT = w.UNIT
MONTH = w.MONTH_ANY
YEAR = w.YEAR4
_DATE_MDY = rf"{MONTH}\s+(?P<day>{w.DAY_NUM})(?:,?\s+(?P<year>{YEAR}|'\d\d))?"
_DATE_DMY = rf"(?:the\s+)?(?P<day>{w.DAY_NUM})\s+(?:of\s+)?{MONTH}(?:,?\s+(?P<year>{YEAR}))?"
_QUARTER_ADJ = r"(?:fiscal|latest|current|comparable|same|year-ago|year-earlier|year\s+ago|prior|previous|recent|most\s+recent|preceding|corresponding|next|this)"


def _rule(name: str, pattern: str, resolve: Resolver, type: str = "DATE") -> Rule:
    return Rule(name, re.compile(B + pattern + E), resolve, type)


def _month_group(pattern: str) -> str:
    return pattern.replace(MONTH, rf"(?P<month>{MONTH})", 1)


RULES: tuple[Rule, ...] = (
    _rule("date_mdy", rf"(?P<date>(?:{w.WEEKDAY_ANY},?\s+)?{_month_group(_DATE_MDY)})", resolve_month_day),
    _rule("date_dmy", rf"(?P<date>(?:{w.WEEKDAY_ANY},?\s+)?{_month_group(_DATE_DMY)})", resolve_month_day),
    _rule("date_iso", rf"(?P<y>{YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)", resolve_numeric_date),
    _rule("date_slash", r"(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d\d(?:\d\d)?)", resolve_numeric_date),
    _rule(
        "month",
        rf"(?:(?P<rel>{REL})\s+)?(?P<month>{w.MONTH_ANY})(?:(?:,|\s+of)?\s+(?P<year>{YEAR})|\s+(?:of\s+)?(?P<yrrel>(?i:this|last|next))\s+year)?",
        resolve_month_only,
    ),
    _rule(
        "year",
        rf"(?:(?i:fiscal(?:\s+year)?|the)\s+)?(?<![$£€#\d.,/])(?P<year>{YEAR})(?:'s)?(?:\s+(?i:period))?(?!\s*%|,\d|\.\d|-\d)",
        resolve_year,
    ),
    _rule(
        "decade",
        r"(?:(?i:the)\s+)?(?P<decade>(?:1[6-9]|20)\d0's|(?:1[6-9]|20)\d0s|'\d0s|\d0s|(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))",
        resolve_decade,
    ),
    _rule(
        "century",
        rf"(?:(?i:the)\s+)?(?:(?P<rel>{REL})|(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|(?i:{w.alternation(w.ORDINALS)})))[\s-]+(?i:century)",
        resolve_century,
    ),
    _rule(
        "weekday",
        rf"(?:(?P<rel>(?i:last|next|this\s+past|this\s+coming|this|coming|past))\s+)?(?P<weekday>{w.WEEKDAY_ANY})(?:'s)?(?:\s+(?P<pod>{w.PART_OF_DAY}))?",
        resolve_weekday,
    ),
    _rule(
        "deictic",
        rf"(?P<word>(?i:today|yesterday|tomorrow|tonight))(?:'s)?(?:\s+(?P<pod>{w.PART_OF_DAY}))?",
        resolve_deictic,
    ),
    _rule("part_of_day", rf"(?P<rel>(?i:this|last))\s+(?P<pod>{w.PART_OF_DAY})", resolve_part_of_day, "TIME"),
    _rule(
        "clock",
        rf"(?P<clock>\d{{1,2}}(?::\d\d)?\s*(?i:a\.m\.?|p\.m\.?|am|pm)|(?i:noon|midnight|midday))(?:\s+(?:EST|EDT|CST|CDT|PST|PDT|GMT|UTC|BST|CET))?(?:,?\s+(?:(?i:on)\s+)?(?P<date>{w.WEEKDAY}|(?i:today|yesterday|tomorrow)|{MONTH}\s+{w.DAY_NUM}))?",
        resolve_clock,
        "TIME",
    ),
    _rule(
        "relative_unit",
        rf"(?P<rel>{REL})\s+(?:(?i:fiscal)\s+)?(?P<unit>(?i:week|weekend|month|quarter|year|decade|century|spring|summer|fall|autumn|winter))",
        resolve_relative_unit,
    ),
    _rule(
        "season",
        rf"(?P<season>{w.SEASON})(?:\s+(?:of\s+)?(?P<year>{YEAR}))?",
        resolve_season,
    ),
    _rule(
        "ago",
        rf"(?P<num>{NUM})\s+(?P<unit>{UNIT})(?:\s+(?i:or\s+so))?\s+(?P<dir>(?i:ago|earlier|from\s+now|hence|back))",
        resolve_ago,
    ),
    _rule(
        "duration",
        rf"(?:(?i:the)\s+)?(?:(?i:past|last|next|coming|previous|prior|first|final|following|latest|year-earlier|year-ago|same|entire|whole|full)\s+)?(?P<num>{NUM})(?:\s+|-)(?:(?i:more|additional|further|straight|consecutive|trading|business|working)\s+)?(?P<unit>{UNIT})(?:-(?i:long))?(?!-old)",
        resolve_duration,
        "DURATION",
    ),
    _rule(
        "bare_units",
        r"(?P<unit>(?i:years|months|weeks|days|decades|hours|minutes|centuries))(?!\s+(?:of|ago|later|earlier))",
        resolve_bare_units,
        "DURATION",
    ),
    _rule(
        "quarter",
        rf"(?:(?P<det>(?i:the|this\s+year's|last\s+year's|next\s+year's|its|their|this|last|next))\s+)?(?:(?P<det_year>(?P<yr>{YEAR})(?:'s)?)\s+)?(?P<adj>(?:{_QUARTER_ADJ}[\s-]+)*)(?:(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th|final|last|latter))[\s-]+)?(?:(?i:fiscal)[\s-]+)?(?P<unit>(?i:quarter|period|half))(?P<tail>\s+(?:(?i:of)\s+)?(?:(?P<yr2>{YEAR})|(?i:the\s+year)|(?i:(?:fiscal\s+)?(?P<yrrel>this|last|next)\s+year)|(?i:a\s+year\s+(?:ago|earlier))|(?i:(?P<yrrel2>last)\s+year)))?",
        resolve_quarter,
    ),
    _rule("year_ago_adj", r"(?i:year-(?:ago|earlier))", resolve_year_ago_adjective),
    _rule(
        "set",
        rf"(?:(?P<word>(?i:{w.alternation(w.SET_WORDS)}))|(?i:every|each)\s+(?:(?P<num>{NUM}|other)\s+)?(?P<target>{UNIT}|{w.WEEKDAY}s?|{w.MONTH_ANY}|{w.SEASON}))",
        resolve_set,
        "SET",
    ),
    _rule("vague", rf"(?P<word>(?i:{w.alternation(VAGUE)}))", resolve_vague),
    _rule(
        "recent_units",
        r"(?P<rel>(?i:recent|coming|the\s+coming|the\s+next\s+few|the\s+past\s+few|the\s+last\s+few))\s+(?P<unit>(?i:years|months|weeks|days|decades|quarters))",
        resolve_recent_units,
    ),
    _rule(
        "edge_of_unit",
        r"(?i:(?:the\s+)?(?P<edge>end|beginning|start|middle|close)\s+of\s+the\s+(?P<unit>year|month|week|quarter|decade|century))",
        resolve_edge_of_unit,
    ),
)
_SPELLED_TENS = w.alternation(w.TENS)
_SPELLED_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_SPELLED_ONES = "one|two|three|four|five|six|seven|eight|nine"
SPELLED_YEAR = (
    rf"(?i:nineteen[\s-]+(?:(?:{_SPELLED_TENS})(?:[\s-]+(?:{_SPELLED_ONES}))?|{_SPELLED_TEENS}|oh[\s-]+(?:{_SPELLED_ONES}))"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{_SPELLED_ONES}|{_SPELLED_TEENS}))?)"
)
HOLIDAY = r"(?:Christmas(?:\s+(?:Day|Eve))?|New\s+Year's(?:\s+(?:Day|Eve))|Independence\s+Day|Halloween|Valentine's\s+Day|Thanksgiving(?:\s+Day)?|Labor\s+Day|Memorial\s+Day)"
RULES = (
    *RULES,
    _rule(
        "weekend",
        r"(?P<rel>(?i:the|this|last|next|this\s+past|this\s+coming))\s+(?i:weekend)",
        resolve_weekend,
    ),
    _rule("spelled_year", rf"(?:(?i:the\s+year)\s+)?(?P<spelled>{SPELLED_YEAR})", resolve_spelled_year),
    _rule(
        "holiday",
        rf"(?:(?P<rel>(?i:last|next|this|this\s+past|this\s+coming))\s+)?(?P<holiday>{HOLIDAY})(?:,?\s+(?P<year>{YEAR}))?",
        resolve_holiday,
    ),
)
RULES_BY_NAME = {rule.name: rule for rule in RULES}


def resolve_text(text: str, ctx: Context) -> Resolved | None:
    """Resolve ``text`` if one rule matches all of it (used for the date inside "10 p.m. Wednesday")."""
    for rule in RULES:
        found = rule.pattern.fullmatch(text)
        if found:
            result = rule.resolve(found, ctx)
            if result is not None:
                return result
    return None
