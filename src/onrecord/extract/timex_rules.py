"""Rule types, shared helpers and the resolvers of relative expressions, durations, sets and vague ones.

A resolver turns one regex match into a :class:`Resolved` (value, TimeML type, mod) using the
:class:`Context` of the mention: the document creation time (DCT) it is anchored to, the tense of
the clause around it and whether the text speaks of fiscal quarters. Calendar names (dates,
months, weekdays) are resolved in ``timex_dates``; the patterns live in ``timex_grammar``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from onrecord.extract import timex_words as w
from onrecord.extract.timex_calendar import format_value, quarter_of, shift, value_range

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
    # ("year", 1) for "the following year": counted from the time mentioned before it, when there
    # is one ("in 1995 ... the following year" is 1996); ``value`` counts from the DCT instead
    after_mention: tuple[str, int] | None = None


Resolver = Callable[[re.Match[str], Context], Resolved | None]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Resolver
    type: str = "DATE"  # the TimeML type when the value cannot be resolved (no DCT)
    # Lowercase words of which every match of ``pattern`` contains at least one (a required part
    # of the pattern, such as the unit of "two weeks ago"). A text whose lowercase form has none
    # of them cannot match, so ``timex`` skips the rule there without running the regex; most
    # rules find nothing in most articles, and the scan is the costly part of the pass.
    # Empty: the rule is always run.
    needs: tuple[str, ...] = ()


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
        if total != whole and (letter in FRACTION_UNITS or clock and letter == "M"):
            smaller, per = ("S", 60) if clock and letter == "M" else FRACTION_UNITS[letter]
            rest = f"{round((total - whole) * per)}{smaller}"
            if letter in ("H", "D") or (letter == "M" and clock):
                return f"PT{whole}{letter}{rest}" if clock else f"P{whole}{letter}T{rest}"
            return f"P{whole}{letter}{rest}"
        count = str(whole) if total == whole else str(total)
    return f"PT{count}{letter}" if clock else f"P{count}{letter}"


FRACTION_UNITS = {"Y": ("M", 12), "H": ("M", 60), "D": ("H", 24), "W": ("D", 7)}


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


# Read in place around a duration (``pattern.match(text, pos)``): slicing the article before or after every
# match copied it each time, quadratic in an article full of "a year"
AGE_AFTER = re.compile(r"\s+(?:old|of\s+age)\b")
RATE_BEFORE = re.compile(r"(?:\d|\btimes|\bhours|\bdays)\s+$")
RATE_REACH = 40  # characters looked back for the amount a rate follows
# (a number word before it, "$2 million a year", is not read as one: TimeML value F1 0.8219 -> 0.8217)
ECONOMIC_AFTER = re.compile(r"\s+(?:account|accounts|assets|liabilities|liabilit|ratio|level|flow|rate)")
ENDED_AFTER = re.compile(r"\s+(?:that\s+|which\s+)?(?:ended|ending|ends)\b")


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
    if amount is not None and m["half"]:
        amount += 0.5  # "a minute and a half"
    unit = unit_key(m["unit"])
    if unit not in w.UNITS:
        return None
    if unit == "quarter" and (amount == 1 or "-" in m.group(0)):
        return None  # "a quarter of", "three-quarters": fractions, not time
    if unit == "second" and amount == 1:
        return None  # "a second time"
    if AGE_AFTER.match(m.string, m.end()):
        return None  # an age: "52 years old"
    if m["num"].lower() in ("a", "an") and RATE_BEFORE.search(
        m.string, max(0, m.start() - RATE_REACH), m.start()
    ):
        return None  # a rate, "$200 a year", "24 hours a day": the amount carries it
    return Resolved(value=duration_value(amount, unit), type="DURATION")


def resolve_bare_units(m: re.Match[str], ctx: Context) -> Resolved | None:
    if not preceded_by(m, "for|within|in|over|recent|coming|past|the"):
        return None
    word = m["unit"].lower()
    if preceded_by(m, "recent"):
        return None
    return Resolved(value=duration_value(None, unit_key(word)), type="DURATION")


def resolve_unit_long(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "day-long" lasts a day; "decades-long" some decades."""
    word = m["unit"].lower()
    amount = 1 if unit_key(word) == word else None
    return Resolved(value=duration_value(amount, unit_key(word)), type="DURATION")


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
    if key == "current" and ECONOMIC_AFTER.match(m.string, m.end()):
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


def resolve_the_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the year", "the full year", "earlier in the year": the article's year; "the year ended
    March 31" is a twelve-month period ending on that date, a duration."""
    if ENDED_AFTER.match(m.string, m.end()):
        return Resolved(value="P1Y", type="DURATION")
    edge = (m["edge"] or "").lower()
    mod = "START" if edge == "earlier" else "END" if edge == "later" else None
    return Resolved(value=str(ctx.anchor.year), mod=mod)


def resolve_anaphoric(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the following year", "the previous Friday": one unit on from the time last mentioned."""
    step = 1 if m["rel"].lower() == "following" else -1
    word = m["unit"].lower()
    if word in w.WEEKDAYS:
        day = weekday_date(w.WEEKDAYS[word], ctx, step)
        return Resolved(value=day.isoformat(), after_mention=(word, step))
    fallback = relative_unit(word, step, ctx)
    return Resolved(value=fallback.value, after_mention=(word, step))


def shift_from(value: str, unit: str, step: int) -> str | None:
    """The value ``step`` units (or weekdays) away from the start of the TimeML ``value``."""
    if not re.match(r"^\d{4}(?:-(?:\d\d|Q\d|W\d\d))?(?:-\d\d)?$", value):
        return None
    base = value_range(value)[0]
    if base is None:
        return None
    if unit in w.WEEKDAYS:
        back = (base.isoweekday() - w.WEEKDAYS[unit]) % 7 or 7
        ahead = (w.WEEKDAYS[unit] - base.isoweekday()) % 7 or 7
        return (base - dt.timedelta(days=back) if step < 0 else base + dt.timedelta(days=ahead)).isoformat()
    return format_value(shift(base, unit, step), w.UNIT_GRANULARITY[unit])


def resolve_unit_end(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "by year-end", "year's end": the end of the current year; "since year-end" of the last one."""
    step = -1 if preceded_by(m, "since|from") else 0
    if preceded_by(m, "a|an|the|its|their|each|every"):
        return None  # "a year-end bonus": a kind of thing, not a time
    return Resolved(value=relative_unit(unit_key(m["unit"]), step, ctx).value, mod="END")


def resolve_edge_of_unit(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit = unit_key(m["unit"])
    edge = m["edge"].lower()
    mod = "START" if edge in ("beginning", "start") else "MID" if edge == "middle" else "END"
    return Resolved(value=relative_unit(unit, 0, ctx).value, mod=mod)
