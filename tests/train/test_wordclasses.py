"""Building the WordNet word-class table from WordNet's dict files."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from onrecord.errors import InputError
from onrecord.train.wordclasses import word_classes, write_word_classes

LICENCE_LINE = "  1 This software and database is being provided to you, the LICENSEE, by  \n"


def wordnet_folder(root: Path) -> Path:
    """A two-verb, one-noun WordNet in the real file formats."""
    (root / "lexnames").write_text("03\tnoun.Tops\t1\n10\tnoun.communication\t1\n32\tverb.communication\t2\n"
                                   "38\tverb.motion\t2\n")  # fmt: skip
    (root / "index.verb").write_text(
        LICENCE_LINE
        + "back v 2 1 @ 2 0 00000100 00000200  \n"
        + "say v 1 0 1 1 00000300  \n"
        + "speak_up v 1 0 1 0 00000300  \n"
    )
    (root / "data.verb").write_text(
        LICENCE_LINE
        + "00000100 38 v 01 back 0 000 | move backwards  \n"
        + "00000200 32 v 01 back 0 000 | be behind; approve of  \n"
        + "00000300 32 v 01 say 0 000 | express in words  \n"
    )
    (root / "index.noun").write_text(LICENCE_LINE + "statement n 1 0 1 0 00000400  \n")
    (root / "data.noun").write_text(LICENCE_LINE + "00000400 10 n 01 statement 0 000 | a message  \n")
    return root


def test_classes_of_the_most_frequent_senses_in_order(tmp_path: Path) -> None:
    rows = {(lemma, pos): classes for lemma, pos, classes in word_classes(wordnet_folder(tmp_path))}
    assert rows == {
        ("back", "v"): ("motion", "communication"),
        ("say", "v"): ("communication",),
        ("statement", "n"): ("communication",),
    }  # "speak_up" is a phrase: left out


def test_written_table_is_gzipped_tsv_and_rebuilds_byte_identical(tmp_path: Path) -> None:
    folder = wordnet_folder(tmp_path)
    first, second = tmp_path / "a.tsv.gz", tmp_path / "b.tsv.gz"
    assert write_word_classes(folder, first) == 3
    write_word_classes(folder, second)
    assert first.read_bytes() == second.read_bytes()
    lines = gzip.decompress(first.read_bytes()).decode("utf-8").splitlines()
    assert lines[0].startswith("#") and "Princeton" in "".join(lines[:2])
    assert "back\tv\tmotion,communication" in lines


def test_a_folder_without_wordnet_names_the_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"lexnames: missing; --wordnet must be a WordNet 3\.0 dict folder"):
        write_word_classes(tmp_path, tmp_path / "out.tsv.gz")


def test_cli_writes_the_table_and_names_a_missing_folder(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from onrecord.cli.main import _register, app

    _register()
    runner = CliRunner()
    out = tmp_path / "classes.tsv.gz"
    result = runner.invoke(
        app, ["train", "wordclasses", "--wordnet", str(wordnet_folder(tmp_path)), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "wrote 3 lemmas" in result.output and out.is_file()
    missing = runner.invoke(
        app, ["train", "wordclasses", "--wordnet", str(tmp_path / "nowhere"), "--out", str(out)]
    )
    assert missing.exit_code == 2
    assert "nowhere/lexnames: missing" in missing.output


def test_a_line_that_is_not_wordnet_names_the_file_and_line(tmp_path: Path) -> None:
    folder = wordnet_folder(tmp_path)
    index = folder / "index.verb"
    index.write_text(index.read_text() + "tell v 1 0 1 1 99999999  \n")  # a synset data.verb lacks
    with pytest.raises(InputError, match=r"line 5 of .*index\.verb: not a WordNet 3\.0 line \(KeyError"):
        write_word_classes(folder, tmp_path / "out.tsv.gz")
