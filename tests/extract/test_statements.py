"""Statements: each quote, cue and speaker pattern on short texts written for the test."""

from __future__ import annotations

import pytest

from onrecord.model import Extraction, Statement


def only(extraction: Extraction) -> Statement:
    assert len(extraction.statements) == 1, [s.content for s in extraction.statements]
    return extraction.statements[0]


def contents(statement: Statement) -> list[str]:
    return [c.text for c in statement.content]


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "content", "kind"),
    [
        (
            '"We will rebuild the bridge by spring," Mayor Elena Marsh said.',
            "Elena Marsh", "said", ['"We will rebuild the bridge by spring,"'], "direct",
        ),
        (
            "“The budget is balanced for the first time,” said Finance Minister Karl Weiss.",
            "Karl Weiss", "said", ["“The budget is balanced for the first time,”"], "direct",
        ),
        (
            "Prime Minister Anna Berg said: “Our answer will be firm and it will be quick.”",
            "Anna Berg", "said", ["“Our answer will be firm and it will be quick.”"], "direct",
        ),
        (
            "Senator Ada Park said that the vote would be delayed until March.",
            "Ada Park", "said", ["that the vote would be delayed until March"], "indirect",
        ),
        (
            "Senator Ada Park recalled that the last vote was held in 2019.",
            "Ada Park", "recalled", ["that the last vote was held in 2019"], "indirect",
        ),
        (
            "According to Senator Ada Park, the vote will be delayed until March.",
            "Ada Park", "According to", ["the vote will be delayed until March"], "indirect",
        ),
        (
            'Senator Ada Park said the delay was "a gift to our opponents and a shame".',
            "Ada Park", "said", ['the delay was "a gift to our opponents and a shame"'], "mixed",
        ),
    ],
)  # fmt: skip
def test_statement_forms(extract, text, speaker, cue, content, kind) -> None:
    statement = only(extract(text))
    assert statement.speaker.name == speaker
    assert statement.speaker.entity is not None
    assert statement.cue is not None and statement.cue.text.rstrip(":") == cue  # "said:" as PolNeAR marks it
    assert contents(statement) == content
    assert statement.kind == kind


def test_split_quote_is_one_statement_with_two_parts(extract) -> None:
    text = '"The money is there," Mayor Elena Marsh said, "and the work starts in September."'
    statement = only(extract(text))
    assert contents(statement) == ['"The money is there,"', '"and the work starts in September."']
    assert statement.kind == "direct"


def test_quotation_ending_a_sentence_is_not_split_from_the_next_sentences_quote(extract) -> None:
    text = (
        "Mayor Elena Marsh says the budget is “the same broken promise the council made last year.” "
        "She adds, “Nobody in the harbour district believes it any more.”"
    )
    statements = extract(text).statements
    assert [contents(s) for s in statements] == [
        ["the budget is “the same broken promise the council made last year.”"],
        ["“Nobody in the harbour district believes it any more.”"],
    ]
    assert [s.cue.text for s in statements if s.cue] == ["says", "adds"]


@pytest.mark.parametrize(
    ("dateline", "speaker"),
    [
        ("NORTHPORT -- ", "Mayor Elena Marsh"),
        ("ATLANTIC CITY — ", "Mayor Elena Marsh"),
        ("", "Mayor Elena Marsh"),
    ],
)
def test_a_dateline_the_parse_runs_into_the_speaker_is_not_part_of_it(extract, dateline, speaker) -> None:
    text = f"{dateline}Mayor Elena Marsh, visiting the site on Monday, said the bridge would reopen in May."
    statement = only(extract(text))
    assert statement.speaker.span is not None and statement.speaker.span.text == speaker
    assert statement.speaker.name == "Elena Marsh"


@pytest.mark.parametrize(
    ("headline", "speaker", "cue", "content"),
    [
        ("Harbor council votes to hold mayor's aide in contempt", "Harbor council", "votes", "to hold mayor's aide in contempt"),
        ("Federal court rules against Northport's bridge tolls", "Federal court", "rules against", "Northport's bridge tolls"),
    ],
)  # fmt: skip
def test_a_headline_verb_the_tagger_reads_as_a_noun_is_a_cue(
    extract, headline, speaker, cue, content
) -> None:
    text = f"{headline}\n\nThe decision came on Monday."
    statement = only(extract(text))
    assert statement.speaker.span is not None and statement.speaker.span.text == speaker
    assert statement.cue is not None and (statement.cue.text, contents(statement)) == (cue, [content])


LONG_ATTRIBUTION = (
    "Mayor Elena Marsh said on Tuesday, after the council had met for six hours in the old town hall."
)


@pytest.mark.parametrize(
    ("first", "content"),
    [
        (f'"The money is there," {LONG_ATTRIBUTION}', '"The money is there,"'),
        ("Mayor Elena Marsh said that the money was there.", "that the money was there"),
    ],
)
def test_quotation_after_the_attributed_sentence_continues_the_statement(extract, first, content) -> None:
    text = f'{first} "The work starts in September and ends before winter."'
    marsh = only(extract(text))
    assert marsh.speaker.name == "Elena Marsh"
    assert contents(marsh) == [content, '"The work starts in September and ends before winter."']


@pytest.mark.parametrize(
    "first",
    ['"The money is there," Mayor Elena Marsh said.', "Mayor Elena Marsh said that the money was there."],
)
def test_quotation_opening_the_next_paragraph_continues_the_statement(extract, first) -> None:
    text = f'{first}\n\n"The work starts in September and ends in May." The council did not vote.'
    marsh = next(s for s in extract(text).statements if s.speaker.name == "Elena Marsh")
    assert contents(marsh)[-1] == '"The work starts in September and ends in May."'


def test_quotation_paragraphs_in_a_row_all_continue_the_statement(extract) -> None:
    text = (
        '"The money is there," Mayor Elena Marsh said.\n\n"The work starts in September and ends in May."'
        '\n\n"Nobody will be left without a crossing during the works."'
    )
    marsh = next(s for s in extract(text).statements if s.speaker.name == "Elena Marsh")
    assert contents(marsh)[1:] == [
        '"The work starts in September and ends in May."',
        '"Nobody will be left without a crossing during the works."',
    ]


@pytest.mark.parametrize(
    "text",
    [
        # the quotation has its own attribution, right after it or further on
        '"The money is there," Mayor Elena Marsh said. "The work starts in September," Karl Weiss added.',
        f'"The money is there," {LONG_ATTRIBUTION} "The work starts in September," Karl Weiss added.',
        # a single quoted word
        f'"The money is there," {LONG_ATTRIBUTION} "Finally."',
        # a paragraph in between that is not a quotation
        '"The money is there," Mayor Elena Marsh said.\n\nThe council met later.\n\n"The work starts in May."',
    ],
)
def test_quotation_that_does_not_continue(extract, text) -> None:
    marsh = next(s for s in extract(text).statements if s.speaker.name == "Elena Marsh")
    assert contents(marsh) == ['"The money is there,"']


def test_cue_set_into_the_reported_clause_reports_both_sides(extract) -> None:
    statement = only(extract("Too often, Mayor Elena Marsh said, the debate over the bridge is about money."))
    assert contents(statement) == ["Too often", "the debate over the bridge is about money"]


def test_multi_paragraph_quote_is_one_content_span(extract) -> None:
    text = (
        'Mayor Elena Marsh spoke after the vote. "For two years we patched the joints and hoped.\n\n'
        '"Now we can finally rebuild the bridge properly," the mayor said.'
    )
    statements = extract(text).statements
    direct = [s for s in statements if s.kind == "direct"]
    assert len(direct) == 1
    assert direct[0].content[0].text.startswith('"For two years')
    assert direct[0].content[0].text.endswith('properly,"')
    assert direct[0].speaker.name == "Elena Marsh"


def test_quotes_written_with_two_apostrophes_are_quotes(extract) -> None:
    """News archives (LexisNexis) write ''…'' for quotation marks."""
    text = (
        "''The money is there,'' Mayor Elena Marsh said, ''and the work starts in September.''\n\n"
        "''For two years we patched the joints.\n\n''Now we rebuild,'' she added."
    )
    found = [(s.kind, s.speaker.name, contents(s)) for s in extract(text).statements]
    assert found == [
        ("direct", "Elena Marsh", ["''The money is there,''", "''and the work starts in September.''"]),
        ("direct", "Elena Marsh", ["''For two years we patched the joints.\n\n''Now we rebuild,''"]),
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Mr. Weiss, I have a deal for you. I think that your plan will cost the city far too much.", None),
        (
            'Karl Weiss spoke on Monday. "I think that the plan will cost the city far too much," he said.',
            "Karl Weiss",
        ),
    ],
)
def test_i_outside_a_quotation_is_the_unnamed_writer(extract, text, speaker) -> None:
    assert [s.speaker.name if s.speaker.entity else None for s in extract(text).statements][-1] == speaker


@pytest.mark.parametrize(
    ("follow_up", "mention"),
    [
        ("He added that the talks would resume in June.", "He"),
        ("The foreign minister added that the talks would resume in June.", "The foreign minister"),
    ],
)
def test_pronoun_and_role_description_resolve_to_the_person(extract, follow_up, mention) -> None:
    text = f"Valdmark's foreign minister, Jonas Petrov, said that both governments wanted a deal. {follow_up}"
    statements = extract(text).statements
    assert len(statements) == 2
    assert statements[1].speaker.span is not None and statements[1].speaker.span.text == mention
    assert statements[1].speaker.name == "Jonas Petrov"
    assert statements[1].speaker.entity == statements[0].speaker.entity


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        (  # a person introduced since the last statement takes over
            "Health Minister Lena Novak said that twelve clinics would open next year. "
            "Opposition spokesman David Kerr arrived late to the session. "
            "He said that the ministry had broken the same promise before.",
            ["Lena Novak", "David Kerr"],
        ),
        (  # "he" names a person, not the organisation that spoke last
            "Spokesman Karl Weiss arrived late to the briefing. "
            "The Health Ministry said on Monday that twelve clinics would open in June. "
            "He said that the money was there.",
            ["Health Ministry", "Karl Weiss"],
        ),
        (  # "she" is not the man who spoke last, but the woman named before him (first names)
            "Mayor Elena Marsh met Senator Karl Weiss on Monday. "
            "Weiss said that the bridge would be rebuilt by spring. "
            "She said that the money was already there.",
            ["Karl Weiss", "Elena Marsh"],
        ),
        (  # no one quotes themselves by name: "he" is not the Weiss inside his own quotation
            "Senator Karl Weiss spoke on Monday. Mayor Tom Hale arrived late. "
            '"Weiss is wrong about the bridge and about the budget," he said.',
            ["Tom Hale"],
        ),
        (  # the article's own "Mr." and "Ms." decide where no first name is given
            "Mr. Varga met Ms. Berg on Monday. "
            "Ms. Berg said that the council would vote in March. "
            "He said that the vote would fail.",
            ["Berg", "Varga"],
        ),
    ],
)
def test_pronoun_resolves_to_the_person_it_names(extract, text: str, speakers: list[str]) -> None:
    assert [s.speaker.name for s in extract(text).statements] == speakers


@pytest.mark.parametrize(
    ("text", "surname", "name"),
    [
        ("Mayor Kerr Putney spoke. Putney said the video was unclear.", "Putney", "Kerr Putney"),
        (
            "Wells Fargo chief John Stumpf spoke on Tuesday. Last week Stumpf appeared to blame workers for the fraud.",
            "Stumpf",
            "John Stumpf",
        ),
        (  # of two people with that surname, the one mentioned most
            "Wells Fargo chief John Stumpf spoke on Tuesday with his wife, Mary Stumpf. John Stumpf left early. "
            "Last week Stumpf appeared to blame workers for the fraud.",
            "Stumpf",
            "John Stumpf",
        ),
    ],
)
def test_a_bare_surname_the_entity_recognizer_missed_is_the_person_of_that_name(
    extract, text, surname, name
) -> None:
    statement = only(extract(text))
    assert (statement.speaker.span.text, statement.speaker.name) == (surname, name)


@pytest.mark.parametrize(
    ("introduction", "description", "speaker"),
    [
        ("Former President Karl Weiss and President Anna Berg", "The former president", "Karl Weiss"),
        ("Former President Karl Weiss and President Anna Berg", "The president", "Anna Berg"),
        ("Karl Weiss, the former president, and President Anna Berg", "The former president", "Karl Weiss"),
    ],
)
def test_the_former_president_is_the_one_introduced_as_former(
    extract, introduction, description, speaker
) -> None:
    text = (
        f"{introduction} opened the museum on Saturday. "
        f"{description} said that the museum would tell an American story."
    )
    assert only(extract(text)).speaker.name == speaker


def test_the_president_is_not_the_vice_president(extract) -> None:
    text = (
        "Vice President Tom Hale and President Anna Berg opened the museum on Saturday. "
        "The president said that the museum would tell an American story."
    )
    assert only(extract(text)).speaker.name == "Anna Berg"


@pytest.mark.parametrize(
    ("text", "antecedent"),
    [
        ("The rise of Donald Trump, who talked about walls, scared her.", "Donald Trump"),
        (
            "Network engineer Paul Combetta, who erased the emails, testified.",
            "Network engineer Paul Combetta",
        ),
        ("It placated nervous Democrats, who have argued for it.", "Democrats"),  # not "nervous"
        ("Stars like Will Smith and Stevie Wonder, who joked about it, came.", None),  # which of them?
        ("He met the man who said it.", "man"),
    ],
)
def test_a_relative_pronoun_speaker_stands_for_the_noun_its_clause_hangs_from(
    extractor, text, antecedent
) -> None:
    from onrecord.extract.statements import _noun_with_compounds, _relative_antecedent

    doc = extractor.nlp(text)
    pronoun = next(t for t in doc if t.lower_ == "who")
    noun = _relative_antecedent(pronoun)
    assert (_noun_with_compounds(noun).text if noun is not None else None) == antecedent


@pytest.mark.parametrize(
    "text",
    [
        # the mayor is named, as a subject, only inside what the minister said
        "Health Minister Lena Novak said on Monday that Mayor Tom Hale never paid for the clinics. "
        "She says that the money was there.",
        # and as the subject of a clause reported in her next statement
        "Health Minister Lena Novak said on Monday that the clinics would open in June. "
        "She says Mayor Tom Hale is wrong about the budget. She added that the money was there.",
    ],
)
def test_pronoun_skips_people_talked_about_since_the_last_statement(extract, text: str) -> None:
    statements = extract(text).statements
    assert len(statements) >= 2
    last = statements[-1]
    assert last.speaker.span is not None and last.speaker.span.text == "She"
    assert {s.speaker.name for s in statements} == {"Lena Novak"}


def test_a_poll_that_opens_its_clause_reports_the_clause(extract) -> None:
    text = (
        "In a new Harbor Institute poll released Thursday, Mayor Elena Marsh leads her rival by four points."
    )
    statement = only(extract(text))
    assert statement.speaker.span is not None
    assert statement.speaker.span.text == "a new Harbor Institute poll released Thursday"
    assert statement.cue is not None and statement.cue.text == "In"
    assert contents(statement) == ["Mayor Elena Marsh leads her rival by four points"]


def test_a_place_that_opens_its_clause_reports_nothing(extract) -> None:
    text = "In the polling station on Main Street, voters waited for an hour."
    assert all(s.cue is None or s.cue.text != "In" for s in extract(text).statements)


@pytest.mark.parametrize(
    "text",
    [
        "It is known that the minister will present the plan next month.",
        'The plan is called "Victory Plan" by its authors.',
        "The minister was asked whether the plan would be presented next month.",
    ],
)
def test_no_statement_without_a_speaker(extract, text) -> None:
    assert extract(text).statements == ()


def test_headline_with_dash_in_read_more_line(extract) -> None:
    text = (
        "NATO Secretary General Mark Rutte spoke in Brussels.\n\n"
        "Read more: If talks start, Kyiv will negotiate from a position of strength - Rütte\n"
    )
    extraction = extract(text)
    assert extraction.article.related[0].kind == "read_more"
    statement = only(extraction)
    assert statement.speaker.name == "Mark Rutte"
    assert contents(statement) == ["If talks start, Kyiv will negotiate from a position of strength"]


def test_quotations_signed_with_a_dash_even_after_no_break_spaces(extract) -> None:
    """Readers' comments: a quoted line signed "― Name", with the no-break spaces scraped pages keep."""
    text = (
        "The debate ended late on Monday night.\n"
        "“The bridge should have been rebuilt years ago, and everyone knows it.”\u00a0―\u00a0Elena Marsh\u00a0\n"
        "“Nobody in this town trusts the council with money any more.” ― Tomas Varga.\n"
    )
    found = [(s.speaker.name, contents(s)) for s in extract(text).statements]
    assert found == [
        ("Elena Marsh", ["“The bridge should have been rebuilt years ago, and everyone knows it.”"]),
        ("Tomas Varga", ["“Nobody in this town trusts the council with money any more.”"]),
    ]


def test_quotation_signed_with_a_four_word_name_and_opened_with_a_closing_mark(extract) -> None:
    text = (
        "The debate ended late on Monday night.\n\n"
        "”Fortunately, the council was honest about the bridge and about the money.” ― Marta L. Ruiz Ortega\n"
    )
    statement = only(extract(text))
    assert statement.speaker.name == "Marta L. Ruiz Ortega"
    assert contents(statement) == [
        "”Fortunately, the council was honest about the bridge and about the money.”"
    ]


def test_transcript_lines_inside_a_quotation_are_each_a_statement(extract) -> None:
    text = (
        "Senator Ada Park spoke to the host, Karl Weiss, on Sunday. A partial transcript follows.\n\n"
        '"WEISS: Will the council vote on the bridge before the winter comes?\n\n'
        '"PARK: The council will vote in March, and the money is already there.\n\n'
        '"WEISS: Thank you for your time this morning, Senator."\n'
    )
    found = [(s.speaker.name, s.cue.text, contents(s)) for s in extract(text).statements]
    assert found == [
        ("Karl Weiss", ":", ["Will the council vote on the bridge before the winter comes?"]),
        ("Ada Park", ":", ["The council will vote in March, and the money is already there."]),
        ("Karl Weiss", ":", ['Thank you for your time this morning, Senator."']),
    ]


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "Readers wrote to us.\n\n“Donald Trump said that he would build a wall and that Mexico would pay "
            "for it. That is a lie.” ― Veronica Cruz",
            "Veronica Cruz",
            "“Donald Trump said that he would build a wall and that Mexico would pay for it. That is a lie.”",
        ),
        (
            "Governor Mike Pence spoke to Chris Wallace on Sunday.\n\n"
            '"PENCE: Well, look, Hillary Clinton said that the economy was growing, and the voters know better.',
            "Mike Pence",
            "Well, look, Hillary Clinton said that the economy was growing, and the voters know better.",
        ),
    ],
)
def test_a_line_in_headline_form_holds_what_is_reported_inside_it(extract, text, speaker, content) -> None:
    """The signer of a quotation, or the speaker of a transcript line, said all of it; the tagger's report
    inside it ("Trump said that …") is nested in it, and PolNeAR does not nest attributions. (What the
    first paragraph reports, "Readers wrote to us", is its own matter.)"""
    line = text.index("\n\n") + 2
    inside = [s for s in extract(text).statements if s.content[0].start >= line]
    assert [(s.speaker.name, contents(s)) for s in inside] == [(speaker, [content])]


def test_a_paragraph_ending_in_a_reporting_verb_and_a_colon_introduces_a_block_quotation(extract) -> None:
    text = (
        "Mayor Elena Marsh spoke on the radio on Monday.\n\nThe mayor\u00a0added:\n\n"
        "It is typical of the council. It knows nothing, and the money was never there.\n\n"
        "Here is the full list of the projects:\n\nThe bridge, the school and the harbour wall."
    )
    statement = only(extract(text))
    assert (statement.speaker.span.text, statement.cue.text, statement.kind) == (
        "The mayor",
        "added",
        "direct",
    )
    assert statement.speaker.name == "Elena Marsh"
    assert contents(statement) == [
        "It is typical of the council. It knows nothing, and the money was never there."
    ]


def test_spans_index_the_article_text(extract) -> None:
    text = 'Rain fell. "We will rebuild," Mayor Elena Marsh said. She added that money was found.'
    extraction = extract(text)
    for statement in extraction.statements:
        for span in (*statement.content, statement.cue, statement.speaker.span):
            assert span is not None and text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    "text",
    [
        'The mayor spoke at length on Monday.\n\n"I think the bridge will be rebuilt by spring and we will pay for it."',
        'Crowds gathered outside the hall. Some carried signs: "We believe the council has lied to us about the budget."',
    ],
)
def test_reporting_clause_inside_a_quotation_is_not_a_statement_of_its_own(extract, text) -> None:
    """ "I think …" inside a quotation belongs to the quote; the rules alone would make "I" its speaker.
    (Who said the quotation is another matter: "Some carried signs:" may be attributed.)"""
    quote = text.index('"')
    inside = [(s.cue.text, s.speaker.name) for s in extract(text).statements if s.cue and s.cue.start > quote]
    assert inside == []


@pytest.mark.parametrize(
    ("text", "cue", "subject"),
    [
        ("Trump went on the show on Thursday, saying that he feels great.", "saying", "Trump"),
        ("Oz has been called a charlatan by fellow physicians.", "called", "fellow physicians"),
        ("Last week Stumpf appeared to blame low-level workers for the fraud.", "blame", "Stumpf"),
        ("After presenting the plan to parliament, Zelenskyy held a meeting.", "presenting", None),
        ("It appeared that the talks had failed.", "appeared", None),
    ],
)
def test_subject_of_a_cue_without_a_source_comes_from_the_parse(extractor, text, cue, subject) -> None:
    from onrecord.extract.statements import _subject_of_cue

    doc = extractor.nlp(text)
    start = text.index(cue)
    found = _subject_of_cue(doc, (start, start + len(cue)))
    assert (text[found[0] : found[1]] if found else None) == subject


@pytest.mark.parametrize(("content", "says"), [("Machado", True), ("him", False), ("“I would,”", True)])
def test_a_learned_content_needs_one_word_that_is_not_a_pronoun(extractor, content, says) -> None:
    from onrecord.extract.statements import Candidate, _says_something

    text = f"Trump attacked {content} on Monday."
    doc = extractor.nlp(text)
    start = text.index(content)
    candidate = Candidate(
        source=(0, 5), cue=(6, 14), content=((start, start + len(content)),), kind="indirect"
    )
    assert _says_something(doc, candidate) is says


def test_report_inside_a_quoted_excerpt_is_a_statement_of_its_own(extract) -> None:
    text = (
        "The nurse disputes the idea that she needed help. Reporter Jane Doe writes:\n\n"
        '"The first time she had seen him, at a rally in June, she was just beginning to understand the crowd. '
        "Her doctors had given her pills in February, during a hard time.\n\n"
        '"Maria thought the whole thing was unfair. She was tired, sure. But certainly not sick.\n\n'
        "“It never crossed my mind that I was losing it,” she said several months after her release, "
        'and the rally was the reason."'
    )
    by_speaker = {s.speaker.name: s for s in extract(text).statements}
    assert by_speaker["Jane Doe"].content[0].text.startswith('"The first time')  # the excerpt stays whole
    inner = by_speaker["Maria"]
    assert inner.speaker.span is not None and inner.speaker.span.text == "she"
    assert contents(inner) == ["“It never crossed my mind that I was losing it,”"]


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        # third-person reporting verbs that the tagger reads as plural nouns
        ("But Trump claims that he should be the exception to the rule.", "Trump", "claims"),
        (
            "Sanders Vows To Eliminate Tax Breaks Used By Real Estate Developers\n\nThe senator spoke in Ohio.",
            "Sanders",
            "Vows",
        ),
    ],
)
def test_reporting_verb_read_as_a_noun_is_still_a_cue(extract, text: str, speaker: str, cue: str) -> None:
    statement = next(s for s in extract(text).statements if s.cue is not None and s.cue.text == cue)
    assert statement.speaker.name == speaker


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "content"),
    [
        (
            "Mayor Tom Hale spoke to reporters on Monday. His claim that the budget was balanced surprised "
            "the council.",
            "Tom Hale",
            "claim",
            "that the budget was balanced",
        ),
        (
            "North Korea's claims about the potency of its nuclear test were met with doubt in Seoul.",
            "North Korea",
            "claims about",
            "the potency of its nuclear test",
        ),
    ],
)
def test_report_owned_by_its_source_is_a_statement(
    extract, text: str, speaker: str, cue: str, content: str
) -> None:
    statement = only(extract(text))
    assert statement.speaker.name == speaker
    assert statement.cue is not None and statement.cue.text == cue
    assert statement.content[0].text.startswith(content)


def test_a_noun_phrase_is_not_a_cue(extract) -> None:
    assert extract("The first point of the plan is a ceasefire.").statements == ()


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Growth in Europe will slow to 1.2 percent next year, the fund said on Tuesday. "
            "The forecast came from the International Monetary Fund.",
            "International Monetary Fund",
        ),
        # two funds: "the fund" could be either
        (
            "The International Monetary Fund and the Northport Pension Fund met on Monday. "
            "Growth in Europe will slow to 1.2 percent next year, the fund said on Tuesday.",
            None,
        ),
    ],
)
def test_the_organization_a_description_names_by_its_head_noun(extract, text, speaker) -> None:
    extraction = extract(text)
    statement = only(extraction)
    assert statement.speaker.span is not None and statement.speaker.span.text == "the fund"
    if speaker is None:
        assert (statement.speaker.entity, statement.speaker.name) == (None, "the fund")
    else:
        entity = next(e for e in extraction.entities if e.id == statement.speaker.entity)
        assert entity.name == statement.speaker.name == speaker
        assert "the fund" in [m.text for m in entity.mentions]


@pytest.mark.parametrize(
    "text",
    [
        "Mayor Elena Marsh said and repeated that the bridge would open in May.",
        '"We will build it by spring," Mayor Elena Marsh said and told reporters.',
    ],
)
def test_two_cues_of_one_content_make_one_statement(extract, text) -> None:
    # a statement's id is a hash of its content: two of one content could not both be stored
    statements = extract(text).statements
    assert len({s.id for s in statements}) == len(statements) == 1
    assert statements[0].speaker.name == "Elena Marsh" and statements[0].cue.text == "said"
