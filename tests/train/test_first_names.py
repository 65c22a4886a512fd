"""Building the first-name table from the Census first-name files."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from onrecord.errors import InputError
from onrecord.extract.gender import FirstNames
from onrecord.train.first_names import first_names, write_first_names


def census_folder(root: Path) -> Path:
    """Census-format files: NAME, percent, cumulative percent, rank."""
    (root / "dist.male.first").write_text(
        "JAMES          3.318  3.318      1\nCHRIS          0.197  3.515      2\nRENE           0.010  3.525      3\n"
    )
    (root / "dist.female.first").write_text(
        "MARY           2.629  2.629      1\nCHRIS          0.024  2.653      2\nJAMES          0.005  2.658      3\n"
        "RENÉE          0.100  2.758      4\n"
    )
    return root


def test_a_name_counts_for_one_sex_only_when_ten_times_as_frequent_there(tmp_path: Path) -> None:
    # JAMES 3.318 vs 0.005: male; CHRIS 0.197 vs 0.024 (8x): neither; RENÉE folds to "renee", RENE stays
    assert first_names(census_folder(tmp_path)) == [
        ("james", "m"),
        ("mary", "f"),
        ("rene", "m"),
        ("renee", "f"),
    ]


def test_the_written_table_reads_back_and_rebuilds_byte_identical(tmp_path: Path) -> None:
    out = tmp_path / "names.tsv.gz"
    assert write_first_names(census_folder(tmp_path), out) == 4
    first = out.read_bytes()
    write_first_names(census_folder(tmp_path), out)
    assert out.read_bytes() == first
    text = gzip.decompress(first).decode()
    rows = dict(line.split("\t") for line in text.splitlines() if not line.startswith("#"))
    assert FirstNames(rows).sex("Mary") == "f" and FirstNames(rows).sex("Chris") is None


def test_a_bad_line_or_a_missing_file_names_the_file(tmp_path: Path) -> None:
    folder = census_folder(tmp_path)
    (folder / "dist.male.first").write_text("JAMES          3.318  3.318      1\nJOHN  lots\n")
    with pytest.raises(InputError, match=r"line 2 of .*dist\.male\.first: not a Census name line"):
        first_names(folder)
    with pytest.raises(InputError, match=r"nowhere/dist\.male\.first: missing; --census must be"):
        first_names(tmp_path / "nowhere")


def test_cli_writes_the_table(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from onrecord.cli.main import _register, app

    _register()
    out = tmp_path / "names.tsv.gz"
    result = CliRunner().invoke(
        app, ["train", "first-names", "--census", str(census_folder(tmp_path)), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "wrote 4 first names" in result.output and out.is_file()


def test_the_shipped_table_knows_common_names() -> None:
    names = FirstNames.load()
    assert (names.sex("Donald"), names.sex("HILLARY"), names.sex("Chris")) == ("m", "f", None)
