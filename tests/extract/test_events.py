"""Events and commitments: type, kind, participants, place, time, amount and status.

The sample-article expectations come from our own reading of samples/rutte-victory-plan-2024-10-16.txt
(article date 2024-10-16); the short texts are written here, one per event form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from onrecord.errors import ModelError
from onrecord.extract.events_frames import compose
from onrecord.extract.events_lexicon import Entry, Lexicon
from onrecord.model import Article, Event, Extraction
from onrecord.pipeline import Extractor
from onrecord.read import read_paths

SAMPLE = Path(__file__).parents[2] / "samples" / "rutte-victory-plan-2024-10-16.txt"
Extract = Callable[..., Extraction]


def names(extraction: Extraction, event: Event, *roles: str) -> set[str]:
    """Canonical names (or the words, for actors without an entity) of an event's participants."""
    by_id = {e.id: e.name for e in extraction.entities}
    return {by_id.get(p.entity or "", p.text) for p in event.participants if p.role in roles}


def place_name(extraction: Extraction, event: Event) -> str | None:
    by_id = {e.id: e.name for e in extraction.entities}
    return None if event.place is None else by_id.get(event.place.entity or "", event.place.text)


def only(extraction: Extraction, trigger: str) -> Event:
    found = [e for e in extraction.events if e.trigger.text == trigger]
    assert len(found) == 1, [(e.trigger.text, e.type) for e in extraction.events]
    return found[0]


# ---- the sample article --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample(extractor: Extractor) -> Extraction:
    (article,) = list(read_paths([str(SAMPLE)]))
    assert isinstance(article, Article)
    return extractor.extract(article)


def test_sample_visit_to_kyiv_two_weeks_ago(sample: Extraction) -> None:
    visit = only(sample, "visited")
    assert (visit.type, visit.kind, visit.status) == ("CONSULT", "visit", "past")
    assert names(sample, visit, "actor") == {"Mark Rutte"}
    assert place_name(sample, visit) == "Kyiv"
    assert visit.time is not None and visit.time.start and visit.time.end
    middle = visit.time.start + (visit.time.end - visit.time.start) / 2
    assert abs(middle - dt.date(2024, 10, 2)) <= dt.timedelta(days=2)


def test_sample_call_with_zelenskyy_last_week(sample: Extraction) -> None:
    call = only(sample, "spoke")
    assert (call.type, call.kind, call.status) == ("CONSULT", "call", "past")
    assert names(sample, call, "actor") == {"Mark Rutte"}
    assert names(sample, call, "target") == {"Volodymyr Zelenskyy"}
    assert call.time is not None
    assert (call.time.start, call.time.end) == (dt.date(2024, 10, 7), dt.date(2024, 10, 13))


def test_sample_washington_decision_is_dated_by_the_july_summit(sample: Extraction) -> None:
    decision = only(sample, "decided")
    assert (decision.type, decision.kind, decision.status) == ("AGREE", "decision", "past")
    assert names(sample, decision, "actor") == {"NATO"}
    assert names(sample, decision, "target") == {"Ukraine"}  # "… irreversible for Ukraine"
    assert place_name(sample, decision) == "Washington"
    assert decision.time is not None and decision.time.value == "2024-07"


def test_sample_forty_billion_commitment(sample: Extraction) -> None:
    commitment = only(sample, "commit")
    assert (commitment.type, commitment.kind, commitment.status) == ("AGREE", "commitment", "past")
    assert commitment.commitment
    assert names(sample, commitment, "actor") == {"NATO"}  # the summit's organization: the clause names none
    assert names(sample, commitment, "recipient") == {"Ukraine"}
    assert place_name(sample, commitment) == "Washington"
    assert commitment.amount is not None
    assert (commitment.amount.value, commitment.amount.currency) == (40e9, "EUR")
    assert commitment.time is not None and commitment.time.value == "2024-07"
    assert commitment.period is not None
    assert (commitment.period.start, commitment.period.end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_sample_coordination_command_in_wiesbaden(sample: Extraction) -> None:
    command = only(sample, "establish")
    assert (command.kind, command.status) == ("establishment", "past")
    assert names(sample, command, "actor") == {"NATO"}  # "It was also decided …" continues the summit
    assert names(sample, command, "object") == {"NATO-Ukraine Coordination Command"}
    assert place_name(sample, command) == "Wiesbaden"
    assert command.time is not None and command.time.value == "2024-07"
    assert command.commitment


def test_sample_bilateral_agreements_are_ongoing(sample: Extraction) -> None:
    agreements = only(sample, "concluding")
    assert (agreements.type, agreements.kind, agreements.status) == ("AGREE", "agreement", "ongoing")
    assert names(sample, agreements, "actor") == {"Ukraine"}
    assert names(sample, agreements, "target") == {"NATO"}


def test_sample_presentation_in_the_rada_on_16_october(sample: Extraction) -> None:
    presented = only(sample, "presented")
    assert (presented.kind, presented.status) == ("presentation", "past")
    assert names(sample, presented, "actor") == {"Volodymyr Zelenskyy"}
    assert place_name(sample, presented) == "Verkhovna Rada"
    assert presented.time is not None and presented.time.start == dt.date(2024, 10, 16)
    assert names(sample, presented, "object") == {"Victory Plan"}


def test_sample_presentation_to_the_european_council_is_planned(sample: Extraction) -> None:
    planned = only(sample, "present")
    assert (planned.kind, planned.status) == ("presentation", "planned")
    assert names(sample, planned, "actor") == {"Volodymyr Zelenskyy"}  # "the head of state"
    assert names(sample, planned, "target") == {"European Council"}
    assert planned.time is not None and planned.time.value == "FUTURE_REF"


def test_sample_meeting_after_the_presentation(sample: Extraction) -> None:
    meeting = only(sample, "meeting")
    assert (meeting.type, meeting.kind, meeting.status) == ("CONSULT", "meeting", "past")
    assert names(sample, meeting, "actor") == {"Volodymyr Zelenskyy"}
    assert meeting.time is not None and (meeting.time.start, meeting.time.mod) == (
        dt.date(2024, 10, 16),
        "AFTER",
    )


def test_sample_presenting_twice_is_one_event_and_questions_are_not_events(sample: Extraction) -> None:
    triggers = [e.trigger.text for e in sample.events]
    assert "presenting" not in triggers  # "After presenting the Victory Plan …" repeats the presentation
    assert not {"agreed", "invite", "join"} & set(triggers)  # "was asked whether he agreed …"
    read_more = sample.article.related[0].span
    assert all(not read_more.start <= e.trigger.start < read_more.end for e in sample.events)


# ---- one short text per form ---------------------------------------------------------------------

FORMS = [
    # text, trigger, type, kind, status, actor, target-or-recipient names
    ("German Chancellor Olaf Scholz visited Warsaw on Monday.", "visited", "CONSULT", "visit", "past",
     "Olaf Scholz", {"Warsaw"}),
    ("Moldova signed a security agreement with France in Paris on 7 March 2024.", "signed", "AGREE",
     "agreement", "past", "Moldova", {"France"}),
    ("Britain plans to send 100 tanks to Ukraine in March.", "send", "AGREE", "commitment", "planned",
     "United Kingdom", {"Ukraine"}),
    ("Ukraine is negotiating a new loan with the International Monetary Fund.", "negotiating", "CONSULT",
     "meeting", "ongoing", "Ukraine", {"International Monetary Fund"}),
    ("If the talks fail, Hungary would veto the package.", "veto", "REJECT", None, "hypothetical",
     "Hungary", set()),
    ("Russia has threatened to cut gas supplies to Moldova.", "threatened", "THREATEN", None, "past",
     "Russia", {"Moldova"}),
    ("The Kremlin demanded that Kyiv withdraw its troops from Kursk.", "withdraw", "REQUEST", None, "past",
     "Kremlin", {"Kyiv"}),
    ("Police arrested 20 protesters in Belgrade on Saturday.", "arrested", "COERCE", None, "past",
     "Police", {"20 protesters"}),
    ("The United States imposed sanctions on Iran.", "imposed", "SANCTION", None, "past",
     "United States", {"Iran"}),
    ("Protesters blocked roads in Tbilisi on Sunday.", "blocked", "PROTEST", None, "past",
     "Protesters", {"Tbilisi"}),
    ("The government refused to release the prisoners.", "release", "REJECT", None, "past",
     "government", {"prisoners"}),
    ("Israeli jets struck targets in southern Lebanon.", "struck", "FIGHT", None, "past",
     "Israeli", {"Lebanon"}),  # the jets' owner is the actor entity
]  # fmt: skip


@pytest.mark.parametrize(("text", "trigger", "type_", "kind", "status", "actor", "targets"), FORMS)
def test_event_forms(
    extract: Extract,
    text: str,
    trigger: str,
    type_: str,
    kind: str | None,
    status: str,
    actor: str,
    targets: set[str],
) -> None:
    extraction = extract(text)
    event = only(extraction, trigger)
    assert (event.type, event.kind, event.status) == (type_, kind, status)
    assert names(extraction, event, "actor") == {actor}
    assert names(extraction, event, "target", "recipient") == targets


def test_time_is_normalized_against_the_article_date(extract: Extract) -> None:
    extraction = extract("Police arrested 20 protesters in Belgrade on Saturday.", date=dt.date(2024, 10, 16))
    event = only(extraction, "arrested")
    assert event.time is not None and event.time.start == dt.date(2024, 10, 12)
    assert place_name(extraction, event) == "Belgrade"


def test_passive_decision_at_a_summit_takes_its_organization_time_place_and_period(extract: Extract) -> None:
    extraction = extract(
        "At the G7 summit in Hiroshima in May, a decision was made to provide $50 billion to Ukraine "
        "over the course of 2025."
    )
    event = only(extraction, "provide")
    assert (event.type, event.kind, event.status) == ("AGREE", "commitment", "past")
    assert names(extraction, event, "actor") == {"Group of Seven"}
    assert names(extraction, event, "recipient") == {"Ukraine"}
    assert place_name(extraction, event) == "Hiroshima"
    assert event.time is not None and event.time.value == "2024-05"
    assert event.period is not None and event.period.value == "2025"
    assert event.amount is not None and (event.amount.value, event.amount.currency) == (50e9, "USD")
    assert event.commitment


def test_pledge_with_amount_and_period_is_a_commitment(extract: Extract) -> None:
    extraction = extract("The European Union pledged €1.5 billion to Moldova for 2025.")
    event = only(extraction, "pledged")
    assert event.commitment and names(extraction, event, "recipient") == {"Moldova"}
    assert event.amount is not None and event.amount.value == 1.5e9
    assert event.period is not None and (event.period.start, event.period.end) == (
        dt.date(2025, 1, 1),
        dt.date(2025, 12, 31),
    )


def test_pronoun_actor_resolves_to_the_reporting_subject(extract: Extract) -> None:
    extraction = extract("Hungary has said it will support the resolution.")
    event = only(extraction, "support")
    assert (event.type, event.status) == ("AGREE", "planned")  # a promise of support
    assert names(extraction, event, "actor") == {"Hungary"}


def test_negated_future_cooperation_is_a_rejection(extract: Extract) -> None:
    extraction = extract("On Tuesday, Macron said France would not send troops.")
    event = only(extraction, "send")
    assert (event.type, event.status) == ("REJECT", "planned")
    assert names(extraction, event, "actor") == {"France"}


def test_statement_dated_by_a_time_on_its_cue(extract: Extract) -> None:
    extraction = extract(
        "On Tuesday, Macron said France would not send troops. Scholz said Germany agreed with the plan.",
        date=dt.date(2024, 10, 16),
    )
    dates = {s.speaker.name: s.date for s in extraction.statements}
    assert dates["Macron"] == dt.date(2024, 10, 15)
    assert dates["Scholz"] == dt.date(2024, 10, 16)  # undated in the text: the article's date


def test_no_event_without_a_trigger(extract: Extract) -> None:
    assert extract("The weather in Kyiv was mild and the streets were quiet.").events == ()


# ---- lexicon and type composition (no parse needed) ---------------------------------------------


def entry(cls: str, type_: str | None = None) -> Entry:
    return Entry(trigger="x", cls=cls, type=type_)


@pytest.mark.parametrize(
    ("wrappers", "core", "expected"),
    [
        (["intent"], "AID", "AGREE"),  # promised aid
        (["intent"], "FIGHT", "THREATEN"),  # vowed to fight
        (["threat"], "SANCTION", "THREATEN"),
        (["refuse"], "CONSULT", "REJECT"),
        (["demand", "refuse"], "SUPPORT", "REQUEST"),  # demanded that they refuse to recognize
        (["decide"], None, "AGREE"),
        (["decide"], "AID", "AGREE"),  # a decision to give is a promise
        (["decide"], "COOPERATE", "COOPERATE"),
        (["allow"], "PROTEST", "CONCEDE"),
        (["prepare"], "FIGHT", "MOBILIZE"),
    ],
)
def test_compose(wrappers: list[str], core: str | None, expected: str) -> None:
    wrapped = [entry(w, "AGREE" if w == "decide" else None) for w in wrappers]
    assert compose(wrapped, entry("act", core) if core else None) == expected


def test_shipped_lexicon_loads_with_every_class() -> None:
    lexicon = Lexicon.load()
    assert {e.cls for entries in lexicon.verbs.values() for e in entries} >= {
        "act",
        "light",
        "intent",
        "decide",
    }
    assert lexicon.verbs["lift"][0].objects  # the entry needing an object comes first


def test_malformed_lexicon_line_names_the_line_and_the_fix() -> None:
    with pytest.raises(ModelError, match="line 2 of plover_lexicon.tsv is malformed.*class must be one of"):
        Lexicon.parse("visit\tact\tCONSULT\tvisit\t\ttarget\nvisit\tact-ish\tCONSULT\t\t\t\n")
