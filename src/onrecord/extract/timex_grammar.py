"""The grammar of time expressions: the patterns, in the order they are tried, and their resolvers.

Every rule is tried all over the text; ``timex`` keeps the longest non-overlapping matches that
resolve. Month names are matched with their capital, so "may" and "march" stay verbs.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from functools import lru_cache

from onrecord.extract import timex_words as w
from onrecord.extract.timex_calendar import format_value
from onrecord.extract.timex_dates import (
    clock_value,
    resolve_century,
    resolve_decade,
    resolve_deictic,
    resolve_holiday,
    resolve_month_day,
    resolve_month_only,
    resolve_numeric_date,
    resolve_part_of_day,
    resolve_spelled_year,
    resolve_weekday,
    resolve_year,
    spelled_year,
)
from onrecord.extract.timex_rules import (
    REL,
    VAGUE,
    B,
    Context,
    E,
    Resolved,
    Resolver,
    Rule,
    resolve_ago,
    resolve_anaphoric,
    resolve_bare_units,
    resolve_duration,
    resolve_edge_of_unit,
    resolve_quarter,
    resolve_recent_units,
    resolve_relative_unit,
    resolve_season,
    resolve_set,
    resolve_the_year,
    resolve_unit_end,
    resolve_unit_long,
    resolve_vague,
    resolve_weekend,
    resolve_year_ago_adjective,
)

CLOCK_DAY_AFTER_RE = re.compile(rf"\s*\([^()]{{1,20}}\),?\s+(?:on\s+)?(?P<day>{w.WEEKDAY})\b")


def resolve_clock(m: re.Match[str], ctx: Context) -> Resolved | None:
    clock = clock_value(m["clock"])
    if clock is None:
        return None
    day = ctx.anchor
    named = m["date"]
    if not named and (later := CLOCK_DAY_AFTER_RE.match(m.string, m.end())):
        named = later["day"]  # "10:35 a.m. (0735 GMT) Friday": the day is written apart
    if named:
        inner = resolve_text(named, ctx)
        if inner is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", inner.value[:10]):
            return None
        day = dt.date.fromisoformat(inner.value[:10])
    return Resolved(value=f"{day.isoformat()}T{clock}", type="TIME")


NUM = w.NUMBER


UNIT = w.UNIT


MONTH = w.MONTH_ANY


YEAR = w.YEAR4


def resolve_week_of(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the week of March 6": the ISO week of that day."""
    inner = resolve_text(m["date"], ctx)
    if inner is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", inner.value):
        return None
    return Resolved(value=format_value(dt.date.fromisoformat(inner.value), "week"))


def resolve_that_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "that year", "later that year": the year last written out before it; none, no value."""
    starts, years = _written_years(m.string)
    before = bisect_right(starts, m.start()) - 1
    return Resolved(value=years[before]) if before >= 0 else None


WRITTEN_YEAR = re.compile(rf"(?<![$£€#\d.,/])({YEAR})(?![\d%]|,\d|\.\d)")


@lru_cache(maxsize=4)
def _written_years(text: str) -> tuple[list[int], list[str]]:
    """Where each year written out in ``text`` ends, and the year: found once per article (scanning all
    the text before every "that year" was quadratic)."""
    found = list(WRITTEN_YEAR.finditer(text))
    return [match.end() for match in found], [match.group(1) for match in found]


_DATE_MDY = rf"{MONTH}\s+(?P<day>{w.DAY_NUM})(?:,?\s+(?P<year>{YEAR}|'\d\d))?"


_DATE_DMY = rf"(?:the\s+)?(?P<day>{w.DAY_NUM})\s+(?:of\s+)?{MONTH}(?:,?\s+(?P<year>{YEAR}))?"


_QUARTER_ADJ = r"(?:fiscal|latest|current|comparable|same|year-ago|year-earlier|year\s+ago|prior|previous|recent|most\s+recent|preceding|corresponding|next|this)"


def _rule(
    name: str, pattern: str, resolve: Resolver, type: str = "DATE", *, needs: tuple[str, ...] = ()
) -> Rule:
    """A rule matching ``pattern`` between word edges; ``needs`` lists lowercase words of which
    every match contains one (see :attr:`Rule.needs`)."""
    return Rule(name, re.compile(B + pattern + E), resolve, type, needs)


# Every vague expression ends in one of these words ("right now", "the near future").
VAGUE_NEEDS = tuple(sorted({key.split()[-1] for key in VAGUE}))


def _month_group(pattern: str) -> str:
    return pattern.replace(MONTH, rf"(?P<month>{MONTH})", 1)


RULES: tuple[Rule, ...] = (
    _rule(
        "anaphoric",
        rf"(?i:the)\s+(?P<rel>(?i:following|previous|preceding|prior))\s+(?P<unit>(?i:day|week|month|quarter|year|decade)|{w.WEEKDAY})",
        resolve_anaphoric,
        needs=("following", "previous", "preceding", "prior"),
    ),
    _rule(
        "date_mdy",
        rf"(?:(?P<rel>(?i:last|next|this\s+past|this\s+coming))\s+)?(?P<date>(?:{w.WEEKDAY_ANY},?\s+)?{_month_group(_DATE_MDY)})",
        resolve_month_day,
        needs=w.MONTH_STEMS,
    ),
    _rule(
        "date_dmy",
        rf"(?P<date>(?:{w.WEEKDAY_ANY},?\s+)?{_month_group(_DATE_DMY)})",
        resolve_month_day,
        needs=w.MONTH_STEMS,
    ),
    _rule(
        "date_iso", rf"(?P<y>{YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)", resolve_numeric_date, needs=("-0", "-1")
    ),
    _rule(
        "date_slash",
        r"(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d\d(?:\d\d)?)",
        resolve_numeric_date,
        needs=("/",),
    ),
    _rule(
        "month",
        rf"(?:(?P<rel>{REL})\s+)?(?P<month>{w.MONTH_ANY})(?:(?:,|\s+of)?\s+(?P<year>{YEAR})|\s+(?:of\s+)?(?P<yrrel>(?i:this|last|next))\s+year)?",
        resolve_month_only,
        needs=w.MONTH_STEMS,
    ),
    _rule(
        "year",
        rf"(?:(?i:fiscal(?:\s+year)?|the(?:\s+year)?)\s+)?(?<![$£€#\d.,/])(?P<year>{YEAR})(?:'s)?(?:\s+(?i:period))?(?!\s*%|,\d|\.\d|-\d)",
        resolve_year,
    ),
    _rule(
        "decade",
        r"(?:(?i:the)\s+)?(?P<decade>(?:1[6-9]|20)\d0's|(?:1[6-9]|20)\d0s|'\d0s|\d0s|(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))",
        resolve_decade,
        needs=("0s", "0's", "ties"),
    ),
    _rule(
        "century",
        rf"(?:(?i:the)\s+)?(?:(?P<rel>{REL})|(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|(?i:{w.alternation(w.ORDINALS)})))[\s-]+(?i:century)",
        resolve_century,
        needs=("century",),
    ),
    _rule(
        "weekday",
        rf"(?:(?P<rel>(?i:last|next|this\s+past|this\s+coming|this|coming|past))\s+)?(?P<weekday>{w.WEEKDAY_ANY})(?:'s)?(?:\s+(?P<pod>{w.PART_OF_DAY}))?",
        resolve_weekday,
        needs=w.WEEKDAY_STEMS,
    ),
    _rule(
        "deictic",
        rf"(?:(?i:mid[\s-]?)?(?P<pre>{w.PART_OF_DAY})\s+)?(?P<word>(?i:today|yesterday|tomorrow|tonight))(?:'s)?(?:\s+(?P<pod>{w.PART_OF_DAY}))?",
        resolve_deictic,
        needs=("today", "yesterday", "tomorrow", "tonight"),
    ),
    _rule(
        "mid_part_of_day",
        r"(?i:mid[\s-]?)(?P<pod>(?i:morning|afternoon|evening))",
        resolve_part_of_day,
        "TIME",
        needs=("mid",),
    ),
    _rule(
        "part_of_day",
        rf"(?P<rel>(?i:this|last))\s+(?P<pod>{w.PART_OF_DAY})",
        resolve_part_of_day,
        "TIME",
        needs=("morning", "afternoon", "evening", "night"),
    ),
    _rule(
        "clock",
        rf"(?P<clock>\d{{1,2}}(?::\d\d)?\s*(?i:a\.m\.?|p\.m\.?|am|pm)|(?i:noon|midnight|midday))(?:\s+(?:EST|EDT|CST|CDT|PST|PDT|GMT|UTC|BST|CET))?(?:,?\s+(?:(?i:on)\s+)?(?P<date>{w.WEEKDAY}|(?i:today|yesterday|tomorrow)|{MONTH}\s+{w.DAY_NUM}))?",
        resolve_clock,
        "TIME",
        needs=("am", "pm", "a.m", "p.m", "noon", "midnight", "midday"),
    ),
    _rule(
        "relative_unit",
        rf"(?P<rel>{REL})\s+(?:(?i:fiscal)\s+)?(?P<unit>(?i:week|weekend|month|quarter|year|decade|century|spring|summer|fall|autumn|winter))",
        resolve_relative_unit,
        needs=("week", "month", "quarter", "year", "decade", "century", *w.SEASON_WORDS),
    ),
    _rule(
        "season",
        rf"(?P<season>{w.SEASON})(?:\s+(?:of\s+)?(?P<year>{YEAR}))?",
        resolve_season,
        needs=w.SEASON_WORDS,
    ),
    _rule(
        "ago",
        rf"(?P<num>{NUM})\s+(?P<unit>{UNIT})(?:\s+(?i:or\s+so))?\s+(?P<dir>(?i:ago|earlier|from\s+now|hence|back))",
        resolve_ago,
        needs=("ago", "earlier", "now", "hence", "back"),
    ),
    _rule(
        "duration",
        rf"(?:(?i:the)\s+)?(?:(?i:past|last|next|coming|previous|prior|first|final|following|latest|year-earlier|year-ago|same|entire|whole|full)\s+)?(?P<num>{NUM})(?:\s+|-)(?:(?i:more|additional|further|straight|consecutive|trading|business|working)\s+)?(?P<unit>{UNIT})(?P<half>\s+(?i:and\s+a\s+half))?(?:-(?i:long))?(?!-old)",
        resolve_duration,
        "DURATION",
        needs=w.UNIT_STEMS,
    ),
    _rule(
        "bare_units",
        r"(?P<unit>(?i:years|months|weeks|days|decades|hours|minutes|centuries))(?!\s+(?:of|ago|later|earlier))",
        resolve_bare_units,
        "DURATION",
        needs=("years", "months", "weeks", "days", "decades", "hours", "minutes", "centuries"),
    ),
    _rule(
        "unit_long",
        r"(?P<unit>(?i:years|months|weeks|days|decades|hours|centuries|year|month|week|day|hour))-(?i:long)",
        resolve_unit_long,
        "DURATION",
        needs=("-long",),
    ),
    _rule(
        "quarter",
        rf"(?:(?P<det>(?i:the|this\s+year's|last\s+year's|next\s+year's|its|their|this|last|next))\s+)?(?:(?P<det_year>(?P<yr>{YEAR})(?:'s)?)\s+)?(?P<adj>(?:{_QUARTER_ADJ}[\s-]+)*)(?:(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th|final|last|latter))[\s-]+)?(?:(?i:fiscal)[\s-]+)?(?P<unit>(?i:quarter|period|half))(?P<tail>\s+(?:(?i:of)\s+)?(?:(?P<yr2>{YEAR})|(?i:the\s+year)|(?i:(?:fiscal\s+)?(?P<yrrel>this|last|next)\s+year)|(?i:a\s+year\s+(?:ago|earlier))|(?i:(?P<yrrel2>last)\s+year)))?",
        resolve_quarter,
        needs=("quarter", "period", "half"),
    ),
    _rule(
        "year_ago_adj",
        r"(?i:year-(?:ago|earlier))",
        resolve_year_ago_adjective,
        needs=("year-ago", "year-earlier"),
    ),
    _rule(
        "set",
        rf"(?:(?P<word>(?i:{w.alternation(w.SET_WORDS)}))|(?i:every|each)\s+(?:(?P<num>{NUM}|other)\s+)?(?P<target>{UNIT}|{w.WEEKDAY}s?|{w.MONTH_ANY}|{w.SEASON}))",
        resolve_set,
        "SET",
        needs=(*w.SET_WORDS, "every", "each"),
    ),
    _rule("vague", rf"(?P<word>(?i:{w.alternation(VAGUE)}))", resolve_vague, needs=VAGUE_NEEDS),
    _rule(
        "recent_units",
        r"(?P<rel>(?i:recent|coming|the\s+coming|the\s+next\s+few|the\s+past\s+few|the\s+last\s+few))\s+(?P<unit>(?i:years|months|weeks|days|decades|quarters))",
        resolve_recent_units,
        needs=("recent", "coming", "few"),
    ),
    _rule(
        "edge_of_unit",
        r"(?i:(?:the\s+)?(?P<edge>end|beginning|start|middle|close)\s+of\s+the\s+(?P<unit>year|month|week|quarter|decade|century))",
        resolve_edge_of_unit,
        needs=("end", "beginning", "start", "middle", "close"),
    ),
    _rule(
        "unit_end",
        r"(?P<unit>(?i:year|month|quarter|week))(?:-|\s+|'s\s+)(?P<edge>(?i:end))",
        resolve_unit_end,
        needs=("end",),
    ),
)


_SPELLED_TENS = w.alternation(w.TENS)


_SPELLED_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"


_SPELLED_ONES = "one|two|three|four|five|six|seven|eight|nine"


SPELLED_YEAR = (
    rf"(?i:nineteen[\s-]+(?:(?:{_SPELLED_TENS})(?:[\s-]+(?:{_SPELLED_ONES}))?|{_SPELLED_TEENS}|oh[\s-]+(?:{_SPELLED_ONES}))"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{_SPELLED_ONES}|{_SPELLED_TEENS}))?)"
)


HOLIDAY = r"(?:Christmas(?:\s+(?:Day|Eve))?|New\s+Year's(?:\s+(?:Day|Eve))|Independence\s+Day|Halloween|Valentine's\s+Day|Thanksgiving(?:\s+Day)?|Labor\s+Day|Memorial\s+Day|Election\s+Day)"


def resolve_spelled_month_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "January nineteen ninety-seven", "the winter of nineteen ninety-four" (broadcast transcripts)."""
    year = spelled_year(m["spelled"])
    part = m["part"].lower().rstrip(".")
    if year is None:
        return None
    if part in w.SEASONS:
        return Resolved(value=f"{year}-{w.SEASONS[part]}")
    return Resolved(value=f"{year}-{w.MONTHS[part]:02d}")


RULES = (
    *RULES,
    _rule(
        "weekend",
        r"(?P<rel>(?i:the|this|last|next|this\s+past|this\s+coming))\s+(?i:weekend)",
        resolve_weekend,
        needs=("weekend",),
    ),
    _rule(
        "the_year",
        r"(?:(?P<edge>(?i:earlier|later))\s+(?i:in)\s+)?(?i:the)\s+(?:(?i:full|fiscal|entire|whole)\s+)?(?i:year)(?!\s+(?:(?i:ago|earlier|before|after|later|since|in\s+which)\b|\d))",
        resolve_the_year,
        needs=("year",),
    ),
    _rule(
        "week_of",
        rf"(?i:the\s+week\s+of)\s+(?P<date>{MONTH}\s+{w.DAY_NUM})",
        resolve_week_of,
        needs=("week",),
    ),
    _rule("that_year", r"(?i:that)\s+(?i:year)", resolve_that_year, needs=("year",)),
    _rule(
        "spelled_year",
        rf"(?:(?i:the\s+year)\s+)?(?P<spelled>{SPELLED_YEAR})",
        resolve_spelled_year,
        needs=("nineteen", "thousand"),
    ),
    _rule(
        "spelled_month_year",
        rf"(?:(?i:the)\s+)?(?P<part>{w.MONTH}|{w.SEASON})\s+(?:(?i:of)\s+)?(?P<spelled>{SPELLED_YEAR})",
        resolve_spelled_month_year,
        needs=("nineteen", "thousand"),
    ),
    _rule(
        "holiday",
        rf"(?:(?P<rel>(?i:last|next|this|this\s+past|this\s+coming))\s+)?(?P<holiday>{HOLIDAY})(?:,?\s+(?P<year>{YEAR}))?",
        resolve_holiday,
        needs=(
            "christmas",
            "year's",
            "independence",
            "halloween",
            "valentine's",
            "thanksgiving",
            "labor",
            "memorial",
            "election",
        ),
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
