"""Which people a "he" or "she" can refer to: the sex the article and a person's first name give them.

Speaker resolution (:mod:`onrecord.extract.statements`) asks :meth:`Genders.fits` before it lets a pronoun
take a person. The article's own word wins: "Mr." before a mention makes the person male, "Mrs.", "Ms."
or "Miss" female (both, or neither, decide nothing). Otherwise the first word of the person's name is
looked up in the shipped first-name table (:mod:`onrecord.train.first_names`); a name the table does not
list, or lists for neither sex, fits every pronoun, so only a clear mismatch blocks.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING

from onrecord.errors import ModelError
from onrecord.extract.names import fold

if TYPE_CHECKING:
    from onrecord.extract.entities import Cluster

FIRST_NAMES_FILE = "first_names.tsv.gz"
PRONOUN_SEX = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f"}
_HONORIFIC = re.compile(r"\b(?:(?P<m>Mr)|(?P<f>Mrs|Ms|Miss))\.?\s+$")


@dataclass(frozen=True)
class FirstNames:
    """Folded first name → "m" or "f". Load the shipped table once at the edge with :meth:`load`."""

    sexes: Mapping[str, str]

    @classmethod
    def load(cls) -> FirstNames:
        data = resources.files("onrecord.data").joinpath(FIRST_NAMES_FILE)
        try:
            text = gzip.decompress(data.read_bytes()).decode("utf-8")
        except (FileNotFoundError, OSError, UnicodeDecodeError) as exc:
            raise ModelError(
                f"onrecord/data/{FIRST_NAMES_FILE} is missing or damaged ({exc}); reinstall onrecord or "
                "rebuild it with `onrecord train first-names --census DIR`"
            ) from exc
        sexes: dict[str, str] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            if not line or line.startswith("#"):
                continue
            name, _, sex = line.partition("\t")
            if sex.strip() not in {"m", "f"}:
                raise ModelError(
                    f"onrecord/data/{FIRST_NAMES_FILE} line {number} is not 'name<TAB>m|f': {line[:60]!r}; "
                    "rebuild it with `onrecord train first-names --census DIR`"
                )
            sexes[name] = sex.strip()
        return cls(sexes)

    def sex(self, first_name: str) -> str | None:
        return self.sexes.get(fold(first_name))

    def sex_of_full_name(self, words: Sequence[str]) -> str | None:
        """The sex of a name's first word, when there is more than one: a lone word is a surname."""
        return self.sex(words[0]) if len(words) > 1 else None


def honorific_sex(text: str, start: int) -> str | None:
    """ "m" after "Mr." and "f" after "Mrs.", "Ms." or "Miss" right before ``start``; else None."""
    honorific = _HONORIFIC.search(text, max(0, start - 6), start)
    if honorific is None:
        return None
    return "m" if honorific["m"] else "f"


@dataclass
class Genders:
    """The sex of each person of one article, worked out once per person."""

    text: str
    names: FirstNames | None
    _known: dict[str, str | None] = field(default_factory=dict)

    def of(self, person: Cluster) -> str | None:
        if person.key not in self._known:
            self._known[person.key] = self._work_out(person)
        return self._known[person.key]

    def fits(self, pronoun: str, person: Cluster) -> bool:
        """Whether ``pronoun`` ("she") may refer to ``person``: no evidence against it."""
        wanted = PRONOUN_SEX.get(pronoun.lower())
        return wanted is None or self.of(person) in (None, wanted)

    def _work_out(self, person: Cluster) -> str | None:
        said = {sex for start, _ in person.mentions if (sex := honorific_sex(self.text, start)) is not None}
        if len(said) == 1:
            return said.pop()
        if said or self.names is None or person.type != "PERSON":
            return None
        return self.names.sex_of_full_name(person.name.split())
