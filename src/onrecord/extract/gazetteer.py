"""Shipped gazetteer of countries, capitals, demonyms and international bodies.

spaCy's small English model tags "Kyiv" as a PERSON and splits "Censor.NET"; the gazetteer fixes such
mistakes and gives canonical names and aliases ("the Alliance" = NATO where NATO is named). It is loaded
once at the edge (`Gazetteer.load()`) and passed to the extractors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources

from onrecord.extract.names import fold


@dataclass(frozen=True, kw_only=True)
class GazetteerEntry:
    canonical: str
    type: str  # GPE | ORG
    aliases: tuple[str, ...] = ()
    generic_aliases: tuple[str, ...] = ()  # resolve only when the canonical actor is named in the article
    demonyms: tuple[str, ...] = ()
    country: str | None = None  # for capitals: the country they are the capital of


@dataclass(frozen=True)
class Gazetteer:
    entries: tuple[GazetteerEntry, ...]
    _by_name: dict[str, GazetteerEntry] = field(init=False, repr=False, compare=False)
    _by_generic: dict[str, GazetteerEntry] = field(init=False, repr=False, compare=False)
    _by_demonym: dict[str, GazetteerEntry] = field(init=False, repr=False, compare=False)
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_name: dict[str, GazetteerEntry] = {}
        by_generic: dict[str, GazetteerEntry] = {}
        by_demonym: dict[str, GazetteerEntry] = {}
        for entry in self.entries:
            for name in (entry.canonical, *entry.aliases):
                by_name.setdefault(fold(name), entry)
            for name in entry.generic_aliases:
                by_generic.setdefault(fold(name), entry)
            for name in entry.demonyms:
                by_demonym.setdefault(fold(name), entry)
        names = sorted({n for e in self.entries for n in (e.canonical, *e.aliases)}, key=len, reverse=True)
        alternatives = "|".join(re.escape(n) for n in names)
        object.__setattr__(self, "_by_name", by_name)
        object.__setattr__(self, "_by_generic", by_generic)
        object.__setattr__(self, "_by_demonym", by_demonym)
        object.__setattr__(self, "pattern", re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w]|\.\w)"))

    @classmethod
    def load(cls) -> Gazetteer:
        """Read the gazetteer shipped in ``onrecord/data/gazetteer.tsv``."""
        text = resources.files("onrecord.data").joinpath("gazetteer.tsv").read_text(encoding="utf-8")
        return cls(tuple(_parse(text)))

    def lookup(self, name: str) -> GazetteerEntry | None:
        """The entry a name or alias refers to ("Kyiv", "NATO", "U.S."), ignoring case and diacritics."""
        return self._by_name.get(fold(_strip_article(name)))

    def lookup_generic(self, name: str) -> GazetteerEntry | None:
        """The entry a generic alias ("the Alliance") may refer to, if its canonical actor is named."""
        return self._by_generic.get(fold(_strip_article(name)))

    def country_of_demonym(self, word: str) -> GazetteerEntry | None:
        """The country an adjective of nationality refers to ("Ukrainian" -> Ukraine)."""
        return self._by_demonym.get(fold(word))


def _strip_article(name: str) -> str:
    return re.sub(r"^(?:the|The|THE)\s+", "", name.strip())


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _parse(text: str) -> list[GazetteerEntry]:
    entries: list[GazetteerEntry] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, canonical, aliases, demonyms, capitals = (line.split("\t") + ["", "", "", ""])[:5]
        names = _split(aliases)
        entries.append(
            GazetteerEntry(
                canonical=canonical,
                type=kind,
                aliases=tuple(n for n in names if not n.startswith("~")),
                generic_aliases=tuple(n[1:] for n in names if n.startswith("~")),
                demonyms=_split(demonyms),
            )
        )
        capital_names = _split(capitals)
        if capital_names:
            entries.append(
                GazetteerEntry(
                    canonical=capital_names[0], type="GPE", aliases=capital_names[1:], country=canonical
                )
            )
    return entries
