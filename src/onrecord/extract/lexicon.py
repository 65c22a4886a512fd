"""Words that signal attribution: reporting verbs and phrases ("said", "recalled", "according to")."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

# Lemmas of verbs that report speech, writing or a stated belief and take the reported content as a
# clause ("X said that …") or a quote ("…," X said).
CUE_LEMMAS = frozenset(
    [
        "say",
        "add",
        "recall",
        "note",
        "stress",
        "state",
        "tell",
        "claim",
        "argue",
        "announce",
        "explain",
        "emphasize",
        "emphasise",
        "warn",
        "insist",
        "believe",
        "think",
        "report",
        "confirm",
        "deny",
        "suggest",
        "acknowledge",
        "admit",
        "reveal",
        "write",
        "declare",
        "assert",
        "maintain",
        "predict",
        "promise",
        "vow",
        "hope",
        "fear",
        "estimate",
        "indicate",
        "remark",
        "reply",
        "respond",
        "answer",
        "contend",
        "allege",
        "observe",
        "complain",
        "concede",
        "agree",
        "disclose",
        "testify",
        "tweet",
        "post",
        "quip",
        "joke",
        "ask",
        "continue",
        "conclude",
        "underline",
        "underscore",
        "reiterate",
        "assure",
        "point",
        "mention",
        "suspect",
        "expect",
        "feel",
        "know",
        "say",
        "argue",
        "charge",
        "counter",
        "acknowledge",
    ]
)
# verbs whose subject is rarely the source of a statement when used without a clause
CLAUSE_ONLY_LEMMAS = frozenset(
    {"know", "feel", "expect", "hope", "fear", "think", "believe", "continue", "point"}
)


def is_cue_verb(token: Token) -> bool:
    """A reporting verb ("said", "has recalled", "told"), by lemma and part of speech."""
    return token.lemma_.lower() in CUE_LEMMAS and token.pos_ in {"VERB", "AUX"}
