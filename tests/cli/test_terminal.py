"""Article text printed on a terminal: control characters become visible, one for one."""

from __future__ import annotations

from onrecord.cli.terminal import printable


def test_control_characters_become_one_visible_character_each() -> None:
    text = "\x1b[31mRed\x1b[0m\x00 a\tb\nc\x7f\x85"
    shown = printable(text)
    assert shown == "\u241b[31mRed\u241b[0m\u2400 a\tb\nc\u2421\ufffd"
    assert len(shown) == len(text)  # marks placed by offset stay on their words
