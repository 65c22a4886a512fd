"""Finding quoted stretches, whatever marks the text uses."""

from __future__ import annotations

import pytest

from onrecord.extract.quotes import find_quotes


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('He said "one" and "two".', ['"one"', '"two"']),
        ("A “quote with “inner” marks” here.", ["“quote with “inner” marks”"]),
        ('A “quote with "inner" marks” here.', ['“quote with "inner" marks”']),
        ("“First paragraph.\n\n“Second one.” After.", ["“First paragraph.\n\n“Second one.”"]),
        ("“Never closed.\n\nNext paragraph.", []),
        # news archives (LexisNexis) write two apostrophes
        ("He said, ''We will win,'' and left. ''Soon,'' he added.", ["''We will win,''", "''Soon,''"]),
        ("''One paragraph.\n\n''And the next.''", ["''One paragraph.\n\n''And the next.''"]),
        # sloppy typography: a paragraph opened with a closing mark, a curly quote closed with a straight one
        ("”Fortunately, he is honest.” ― Ana Ruiz\n", ["”Fortunately, he is honest.”"]),
        ('Dean said. “He ought to pull that back."\n\nNext.', ['“He ought to pull that back."']),
        ("He said ”no” twice.", []),  # a closing mark inside a line opens nothing
        # hard-wrapped lines: a line break that only wraps a sentence does not end the quotation
        ("He said “we will\nrebuild it,” and left.", ["“we will\nrebuild it,”"]),
        ('She said "the plan works,\nmostly" today.', ['"the plan works,\nmostly"']),
        ("“Never closed.\nNext line.", []),  # a full stop and a capital: not a wrap
        # a straight-quoted excerpt that never closes loses none of the curly quotations inside it
        (
            '"Kevin was snoring.\n\n“Here he is, babe,” she said.\n\n"Trump walked in, chanting “U-S-A!”\n\nThen:',
            ["“Here he is, babe,”", "“U-S-A!”"],
        ),
        ('An excerpt: "It was “rigged,” he said."\n\nNext.', ['"It was “rigged,” he said."']),
    ],
)
def test_quoted_stretches(text: str, quoted: list[str]) -> None:
    assert [text[q.start : q.end] for q in find_quotes(text)] == quoted
