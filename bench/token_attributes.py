"""Does onrecord's memoized token-attribute component give what spaCy's attribute_ruler + lemmatizer give?

Parses every ``*.txt`` of a folder with the stock pipeline and with the pipeline ``Extractor.load`` uses
(``use_token_attributes``), compares every token's tag, dep, head, pos, morph, lemma and entity (and
``Doc.to_json``), twice for the second (new keys, then from the memo), and prints CPU seconds of each pass.

    .venv/bin/python bench/token_attributes.py ../shared/data/polnear/dev/text
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, SENT_START, TAG
from spacy.tokens import Doc

from onrecord.nlp import load_pipeline, use_token_attributes
from onrecord.nlp.token_attributes import NAME, TokenAttributes
from onrecord.pipeline import ExtractOptions

ATTRS = [ORTH, TAG, DEP, HEAD, POS, MORPH, LEMMA, ENT_IOB, ENT_TYPE, SENT_START]


def same(expected: Doc, got: Doc) -> bool:
    return bool(
        (expected.to_array(ATTRS) == got.to_array(ATTRS)).all()
        and [(t.pos_, str(t.morph), t.lemma_) for t in expected]
        == [(t.pos_, str(t.morph), t.lemma_) for t in got]
        and expected.to_json() == got.to_json()
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path, help="a folder of .txt articles")
    args = parser.parse_args(argv)
    paths = sorted(args.folder.glob("*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in paths]
    batch_size = ExtractOptions().batch_size
    stock, fast = load_pipeline(), load_pipeline()
    if not use_token_attributes(fast):
        sys.exit("this pipeline's attribute_ruler/lemmatizer cannot be memoized; nothing to compare")
    passes: dict[str, list[Doc]] = {}
    for name, nlp in (("stock", stock), ("memoized, new keys", fast), ("memoized, from the memo", fast)):
        start = time.process_time()
        passes[name] = list(nlp.pipe(texts, batch_size=batch_size))
        print(f"{name:24s} {time.process_time() - start:6.2f} s CPU (whole pipeline {nlp.pipe_names})")
    differing = [
        path.name
        for name in ("memoized, new keys", "memoized, from the memo")
        for path, expected, got in zip(paths, passes["stock"], passes[name], strict=True)
        if not same(expected, got)
    ]
    component = fast.get_pipe(NAME)
    assert isinstance(component, TokenAttributes)
    tokens = sum(len(doc) for doc in passes["stock"])
    print(
        f"{len(paths)} texts, {tokens:,} tokens, {len(component.memo):,} memo keys; differing: {differing or 'none'}"
    )
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
