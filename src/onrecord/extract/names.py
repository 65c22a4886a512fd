"""Name folding and matching helpers shared by the extractors (pure string functions)."""

from __future__ import annotations

import re

from unidecode import unidecode

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_SPACES = re.compile(r"\s+")


def fold(name: str) -> str:
    """Case-, diacritic- and spacing-insensitive key: "Rütte" -> "rutte", "NATO's" stays "nato's"."""
    return _SPACES.sub(" ", unidecode(name).casefold()).strip()


def strip_possessive(name: str) -> str:
    """ "Ukraine's" -> "Ukraine"."""
    return _POSSESSIVE.sub("", name)


def name_tokens(name: str) -> list[str]:
    """Folded word tokens of a name without possessives or punctuation."""
    return [t for t in re.split(r"[^\w.-]+", fold(strip_possessive(name))) if t and t != "."]
