"""Sentences never run across a line break: a component before the parser that starts a sentence there.

en_core_web_sm's parser decides sentence boundaries itself, and it often runs a headline into the first
line of the body ("Obama Says Museum Will Tell of 'Delight.'⏎⏎WASHINGTON -- President Obama … said …"
parses "Says" as a clause of "said", which then has no subject) or a paragraph into the next. News text
marks its paragraphs with line breaks, and no sentence goes on past one, so the token after a whitespace
token holding a line break starts a sentence (unless the break only wraps a line: see
:func:`start_sentences_at_line_breaks`). spaCy's parser keeps boundaries set before it runs, so the
parse of each paragraph no longer reaches into its neighbours. Nothing else is set: inside a paragraph
the parser still decides.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from thinc.types import Ints2d

NAME = "paragraph_breaks"  # the component's name in the pipeline


def start_sentences_at_line_breaks(doc: Doc) -> Doc:
    """Mark the first token after every paragraph break as a sentence start.

    A blank line always breaks. A single line break does unless it only wraps a sentence: a lowercase
    letter or a comma before it, or a lowercase letter after it ("Trump regularly⏎incites⏎political
    violence", as hard-wrapped text and some pages have it)."""
    from spacy.attrs import IS_SPACE, SENT_START

    spaces = doc.to_array([IS_SPACE])
    # one column: 1 a start, -1 none, 0 not known (the parser decides)
    starts = doc.to_array([SENT_START]).reshape(-1, 1)  # uint64, as from_array wants it (-1 wrapped)
    marked = False
    for i in spaces.nonzero()[0].tolist():
        space = doc[i].text
        if i + 1 >= len(doc) or spaces[i + 1] or "\n" not in space:
            continue
        if space.count("\n") == 1 and wraps_line(doc[i - 1].text if i else "", doc[i + 1].text):
            continue
        starts[i + 1, 0] = 1
        marked = True
    if marked:  # all at once: setting Token.is_sent_start one by one scans the whole Doc each time
        doc.from_array([SENT_START], cast("Ints2d", starts))
    return doc


def wraps_line(before: str, after: str) -> bool:
    """Whether a single line break between ``before`` and ``after`` only wraps a sentence: a lowercase
    letter or a comma before it, or a lowercase letter after it."""
    return before[-1:].islower() or before[-1:] == "," or after[:1].islower()


def use_paragraph_breaks(nlp: Language) -> bool:
    """Add the component right before the parser (once); False if the pipeline has no parser."""
    from spacy.language import Language

    if NAME in nlp.pipe_names:
        return True
    if "parser" not in nlp.pipe_names:
        return False
    if not Language.has_factory(NAME):
        Language.component(NAME, func=start_sentences_at_line_breaks)
    nlp.add_pipe(NAME, before="parser")
    return True
