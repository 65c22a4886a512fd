"""Name folding and matching helpers shared by the extractors (pure string functions)."""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_SPACES = re.compile(r"\s+")
_NAME_SPLIT = re.compile(r"[^\w.-]+")


def fold(name: str) -> str:
    """Case-, diacritic- and spacing-insensitive key: "Rütte" -> "rutte", "NATO's" stays "nato's"."""
    return _SPACES.sub(" ", unidecode(name).casefold()).strip()


def strip_possessive(name: str) -> str:
    """ "Ukraine's" -> "Ukraine"."""
    return _POSSESSIVE.sub("", name)


def name_tokens(name: str) -> list[str]:
    """Folded word tokens of a name without possessives or punctuation (a new list each call)."""
    return list(_name_tokens(name))


@lru_cache(maxsize=16384)  # the same names are split again and again while speakers are resolved
def _name_tokens(name: str) -> tuple[str, ...]:
    return tuple(t for t in _NAME_SPLIT.split(fold(strip_possessive(name))) if t and t != ".")
