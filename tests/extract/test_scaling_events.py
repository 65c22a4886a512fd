"""Event and time lookups that index an article once instead of scanning it for every item: repeated
events, pronoun antecedents and the quarter talk of a time expression's sentence."""

from __future__ import annotations

import datetime as dt

import spacy

from onrecord.extract.entities import Cluster, EntityTable
from onrecord.extract.events_context import Draft, merge_repeats
from onrecord.extract.events_frames import Frame
from onrecord.extract.events_roles import Mention, RoleReader
from onrecord.extract.gazetteer import Gazetteer
from onrecord.extract.timex import find_times
from onrecord.pipeline import Extractor


def draft(actor: Cluster, *objects: str) -> Draft:
    token = spacy.blank("en")("presented")[0]
    frame = Frame(head=token, core=token, chain=(token,), type="CONSULT", kind=None, status="done", dobj=None)
    participants = [Mention(role="actor", start=0, end=1, text="she", cluster=actor)]
    participants += [Mention(role="object", start=0, end=1, text=o, cluster=None) for o in objects]
    return Draft(frame=frame, participants=participants)


def test_a_repeat_joins_the_first_event_with_its_object_even_one_gained_by_a_merge() -> None:
    minister, envoy = Cluster(key="PERSON:m", type="PERSON"), Cluster(key="PERSON:e", type="PERSON")
    plan, deal, both, deal_again = (
        draft(minister, "the plan"),
        draft(minister, "deal"),
        draft(minister, "plan", "deal"),  # joins "the plan" and brings "deal" to it
        draft(minister, "deal"),
    )
    other = draft(envoy, "plan")  # another actor: another event
    assert merge_repeats([plan, deal, both, other, deal_again]) == [plan, deal, other]
    assert plan.merged == [both, deal_again]
    assert deal.merged == []
    assert [m.text for m in plan.role("object")] == ["the plan", "deal"]


def test_a_pronoun_refers_to_the_nearest_entity_of_its_type_whatever_the_table_order() -> None:
    people = range(40)
    text = "\n\n".join(f"Anna Marsh{i:02} joined Vestra{i:02} Bank. He left. It grew." for i in people)
    doc = spacy.blank("en")(text)
    for token in doc:
        token.is_sent_start = token.i == 0 or doc[token.i - 1].text == "."
        token.pos_ = "PRON" if token.lower_ in ("he", "it") else "X"
    table = EntityTable("a", text, Gazetteer.load())
    found: dict[str, Cluster] = {}
    for i in reversed(people):  # entities listed in the table in the reverse of their text order
        for words, type_ in ((f"Anna Marsh{i:02}", "PERSON"), (f"Vestra{i:02} Bank", "ORG")):
            found[words] = table.new_cluster(words, type_)
            start = text.index(words)
            table.add_mention(found[words], start, start + len(words))
    reader = RoleReader(doc, table)
    mentions = [reader.mention(t, "actor") for t in doc if t.pos_ == "PRON"]
    assert [m.cluster.key if m and m.cluster else None for m in mentions] == [
        words for i in people for words in (f"Anna Marsh{i:02}", f"Vestra{i:02} Bank")
    ]


def test_quarter_talk_is_read_from_each_time_expression_s_own_sentence(extractor: Extractor) -> None:
    """One sentence about a quarter among many (two would make the whole article about quarters)."""
    quarterly = "Third-quarter profit rose from $3 million a year ago."
    sentences = ["Exports fell from a year ago."] * 30
    sentences[17] = quarterly
    doc = extractor.nlp(" ".join(sentences))
    values = [t.value for t in find_times(doc, dt.date(1989, 10, 26)) if t.text == "a year ago"]
    assert values == ["1988-Q3" if s is quarterly else "1988" for s in sentences]
