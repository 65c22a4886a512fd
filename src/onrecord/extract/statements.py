"""Attributed statements: direct, indirect and mixed quotes, "according to X", headline attributions.

Candidates come from four rule families, each over the spaCy parse:
- direct quotes with their attributing clause (:mod:`onrecord.extract.quotes`);
- reporting verbs with a clausal complement: "X said that …", "X added that …", "…, he said.";
- "According to X, …";
- headline attributions: a line "… – Rütte" or a title "Name: …".
Speakers are then resolved in text order: names through the entity table, role descriptions through
their roles ("The Alliance Secretary General"), pronouns to the previous speaker or the nearest person.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, NamedTuple, Protocol

from onrecord.extract.entities import Cluster, EntityTable, skip_leading_titles
from onrecord.extract.gender import FirstNames, Genders
from onrecord.extract.lexicon import CLAUSE_ONLY_LEMMAS, CUE_LEMMAS, is_cue_verb
from onrecord.extract.names import name_tokens, strip_possessive
from onrecord.extract.quotes import DirectQuote, Quote, attribute_quotes, find_quotes
from onrecord.extract.roles import resolve_description
from onrecord.extract.spans import CharMask, SpanIndex, sentence_start_back
from onrecord.ids import content_id
from onrecord.model import Article, RelatedItem, Span, Speaker, Statement, StatementKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as DocSpan

EXTRACTOR = "statements.v1"
# "it" is left out: after an organization spoke it is as often the report, the letter or the law it wrote
PRONOUNS = frozenset({"he", "she", "they", "him", "her", "his", "their", "i", "we"})
GROUP_PRONOUNS = frozenset({"they", "their", "we"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
NO_SOURCE = frozenset({"it", "there", "this", "that", "what", "which"})
RELATIVES = frozenset({"who", "which", "that"})
SPEAKER_TYPES = frozenset({"PERSON", "ORG", "MEDIA", "GPE", "NORP"})  # entities that can say something
NOT_PEOPLE = frozenset({"ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "LAW"})
MIN_CONTENT_TOKENS = 3
FINDING_NOUNS = frozenset({"poll", "survey", "study"})  # "In a new poll, …" reports what follows
METADATA_RELATIONS = frozenset({"reported_by", "with_reference_to", "dateline"})
MIN_TOPIC_TOKENS = 1  # a learned attribution's content needs a word that is not a pronoun
SUBJECT_REACH = 3  # verbs climbed from a cue to find its subject
# the words that end the head of an organization name ("Commission on Presidential Debates")
NAME_PREPOSITIONS = frozenset({"of", "on", "for", "in", "at", "to", "by"})
PRONOUN_REACH_SENTENCES = 4  # how far back a pronoun may find its person
_SPACE = r"[^\S\n]"  # spaces and tabs, and the no-break spaces scraped pages are full of
# "The governor added:" ending a paragraph, then the paragraph it introduces
BLOCK_INTRO = re.compile(rf"(?m)^(?P<intro>[^\n]{{1,300}}):{_SPACE}*\n\s*(?P<block>[^\s\"“”'][^\n]*[^\s])")
MIN_CONTINUED_WORDS = 2  # a quotation that continues the statement before it (see _continued)
# Between a statement and the quotation that continues it: the rest of the statement's sentence
# ("… said as she moved through the city."), no quote mark, no line break, and the sentence's end.
CONTINUATION_GAP = re.compile(rf"[^\n\"“”]{{0,200}}?[.?!]{_SPACE}+|{_SPACE}+")
# … or the rest of the statement's sentence, which ends its paragraph, when the quotation opens the next
# (nothing at all when the statement already ends its paragraph: a quotation paragraph it took before)
NEXT_PARAGRAPH_GAP = re.compile(rf"(?:[^\n\"“”]{{0,200}}?[.?!])?{_SPACE}*\n\s*")
_WORD = rf"[A-Z](?:[\w’'-]|\.(?={_SPACE}*\w))+"  # "Pat", "J.", "O’Neil"; a final full stop is not part of it
_NAME = rf"(?P<name>{_WORD}(?:{_SPACE}+{_WORD}){{0,3}})"  # up to four words: "Julie A. Diaz Martinez"
# "content - Name" (a hyphen needs spaces around it; dashes need none) at the end of a line. The content
# ends in a non-space so that a run of spaces splits only one way (no quadratic backtracking on long lines).
HEADLINE_DASH = re.compile(
    rf"(?P<content>\S.{{14,}}?\S){_SPACE}*(?P<dash>(?<={_SPACE})-(?={_SPACE})|[–—―]){_SPACE}*{_NAME}{_SPACE}*\.?{_SPACE}*"
)
# "WASHINGTON -- ", "ATLANTIC CITY — ", "BRUSSELS (Reuters) - " opening a paragraph
DATELINE = re.compile(rf"[A-Z][A-Z.,'’ ]{{1,40}}(?:\([^)\n]{{1,30}}\))?{_SPACE}+(?:--|[—–-]){_SPACE}+")
# "Pat Caddell: …", and transcript lines inside a quotation: '"PENCE: Well, …'
TITLE_COLON = re.compile(rf"[\"“]?{_NAME}(?P<colon>:){_SPACE}+(?P<content>\S.{{10,}})")


class Learned(Protocol):
    """An attribution predicted by a trained tagger (:class:`onrecord.extract.attribution.PredictedAttribution`)."""

    @property
    def source(self) -> Span | None: ...
    @property
    def cue(self) -> Span | None: ...
    @property
    def content(self) -> tuple[Span, ...]: ...


@dataclass(frozen=True)
class Candidate:
    """A statement before its speaker is resolved. Offsets are characters into the article text."""

    source: tuple[int, int] | None
    cue: tuple[int, int] | None
    content: tuple[tuple[int, int], ...]
    kind: StatementKind

    @property
    def position(self) -> int:
        return min(p[0] for p in (self.cue, self.source, *self.content) if p is not None)

    @property
    def end(self) -> int:
        return max(p[1] for p in (self.cue, self.source, *self.content) if p is not None)


def find_statements(
    doc: Doc,
    article: Article,
    table: EntityTable,
    related: tuple[RelatedItem, ...] = (),
    learned: Sequence[Learned] = (),
    first_names: FirstNames | None = None,
) -> list[Statement]:
    """Every attributed statement in ``doc`` with its speaker resolved to a canonical entity.

    ``learned`` are the attributions a trained tagger predicted; ``first_names`` keeps a "she" from
    resolving to a man (:mod:`onrecord.extract.gender`). Split and multi-paragraph quotes the
    rules attribute and lines in headline form come first, then every tagger attribution they do not
    overlap, then the rule statements whose content nothing chosen so far covers; a quotation that
    follows an attributed sentence goes on with it (docs/attribution-rules.md)."""
    in_related = SpanIndex((r.span.start, r.span.end, r) for r in related)
    text = article.text  # the Doc rebuilds its text from the tokens at every access
    quotes = find_quotes(text)
    directs = attribute_quotes(doc, quotes, text)
    candidates = [_from_direct(d) for d in directs]
    quoted = SpanIndex((q.start, q.end, q) for q in quotes)
    candidates = _merge(candidates, [_mark_mixed(c, quoted) for c in _indirect(doc, directs, text)])
    candidates = [c for c in candidates if not in_related.overlaps(c.position, c.position + 1)]
    lines = _headlines(doc, text, table, related)  # a transcript's quoted "PENCE: …" lines are not nested
    trained = _trained(doc, article, quoted, learned)
    # Split and multi-paragraph quotes attributed by rule stay whole; elsewhere the trained tagger is more
    # precise than the rules where both fire, and the rules fill in the rest.
    whole = [c for c in candidates if c.kind == "direct" and _spans_parts(text, c)]
    # "… – Rütte", a signed quotation, a transcript line, a block quotation: what the tagger finds inside
    # them is nested in them
    whole += lines + _block_quotes(doc, text, quoted)
    in_whole_content = SpanIndex((s, e, w) for w in whole for s, e in w.content)
    chosen = whole + [
        c
        for c in trained
        if all(
            _reported_in_excerpt(text, c, w)
            for s, e in c.content
            for *_, w in in_whole_content.overlapping(s, e)
        )
    ]
    in_whole = {id(c) for c in whole}
    extra = [c for c in candidates if id(c) not in in_whole and not _nested(c, quoted)]
    extra += [c for c in lines if id(c) not in in_whole]
    candidates = chosen + _unclaimed(chosen, extra)
    candidates.sort(key=lambda c: c.position)
    candidates = [_without_dateline(text, c) for c in candidates]
    taken = _candidate_spans(candidates)
    candidates = _continued(text, [_around_parenthetical(doc, text, c, taken) for c in candidates], quotes)
    # two cues of one content ("Marsh said and repeated that …") make one statement: its id is that content
    firsts: dict[tuple[tuple[int, int], ...], Candidate] = {}
    candidates = [firsts.setdefault(c.content, c) for c in candidates if c.content not in firsts]
    return _resolve(doc, article, table, candidates, Genders(text, first_names), quoted)


# -- candidates -----------------------------------------------------------------------------------
def _from_direct(direct: DirectQuote) -> Candidate:
    cue = direct.attribution.cue
    source = direct.attribution.source
    return Candidate(
        source=(source.start_char, source.end_char) if source is not None else None,
        cue=_cue_offsets(cue),
        content=tuple((q.start, q.end) for q in direct.parts),
        kind="direct",
    )


def _indirect(doc: Doc, directs: list[DirectQuote], text: str) -> list[Candidate]:
    used_cues = {d.attribution.cue.i for d in directs}
    found: list[Candidate] = []
    for token in doc:
        if token.lower_ == "according":
            candidate = _according_to(token, text)
        elif token.lower_ == "in":
            candidate = _in_findings(token, text)
        elif is_cue_verb(token) and token.i not in used_cues:
            candidate = _reporting_clause(token, text)
        else:
            candidate = None
        if candidate is not None:
            found.append(candidate)
    return found


def _reporting_clause(cue: Token, text: str) -> Candidate | None:
    """ "X said (that) …" with a clausal complement, or "…, X said." as a parenthetical."""
    source = _source_of(cue)
    if source is None:
        return None
    # a clause after the cue is its content; one before it only when none follows ("…, he said")
    clauses = sorted(
        (c for c in cue.children if c.dep_ == "ccomp"), key=lambda c: (c.i < cue.i, abs(c.i - cue.i))
    )
    if clauses:
        content = _clip([_subtree_offsets(clauses[0])], _clause_bounds(text, cue.idx))
    elif cue.dep_ == "parataxis" and cue.lemma_.lower() not in CLAUSE_ONLY_LEMMAS:
        content = _clause_without(cue.head, cue, text)
    else:
        return None
    if _token_count(cue.doc, content) < MIN_CONTENT_TOKENS:
        return None
    return Candidate(source=source, cue=_cue_offsets(cue), content=tuple(content), kind="indirect")


def _according_to(according: Token, text: str) -> Candidate | None:
    """ "According to X, …" / "…, according to X." """
    to = next((c for c in according.children if c.lower_ == "to"), None)
    if to is None and according.i + 1 < len(according.doc) and according.nbor().lower_ == "to":
        to = according.nbor()
    if to is None:
        return None
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    source = _subtree_offsets(objects[0])
    clause = according.head if according.dep_ == "prep" else according.sent.root
    content = _clause_without(clause, according, text)
    content = [c for c in content if _token_count(according.doc, [c]) >= MIN_CONTENT_TOKENS]
    if not content:
        return None
    cue = (according.idx, to.idx + len(to))
    return Candidate(source=source, cue=cue, content=tuple(content), kind="indirect")


def _in_findings(in_: Token, text: str) -> Candidate | None:
    """ "In a new Fox News poll released Thursday, Trump leads by 4 points": a poll, survey or study
    that opens its clause reports the clause, as PolNeAR annotates it."""
    head = in_.head
    if in_.dep_ != "prep" or head.pos_ not in {"VERB", "AUX"} or head.i < in_.i:
        return None
    finding = next((c for c in in_.children if c.dep_ == "pobj"), None)
    if finding is None or finding.lemma_.lower() not in FINDING_NOUNS:
        return None
    content = _clause_without(head, in_, text)
    if _token_count(in_.doc, content) < MIN_CONTENT_TOKENS:
        return None
    cue = (in_.idx, in_.idx + len(in_))
    return Candidate(source=_subtree_offsets(finding), cue=cue, content=tuple(content), kind="indirect")


def _headlines(doc: Doc, text: str, table: EntityTable, related: tuple[RelatedItem, ...]) -> list[Candidate]:
    """Lines attributed in headline form: "… – Rütte", "“…” ― Sonya Herridge", "Pat Caddell: …", and
    transcript lines ('"PENCE: Well, …').

    A "Read more:" line is read from after its label. A quotation signed with a full name the entity
    recognizer missed ("“…” ― Steve Quinlan") makes that name a person."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    starts = [s for s, _ in lines]
    for item in related:  # a related item is read from where it starts in its line, past its label
        k = bisect_right(starts, item.span.start) - 1
        if k >= 0 and item.span.start < lines[k][1]:
            lines[k] = (item.span.start, item.span.end)
            starts[k] = item.span.start
    found = []
    for start, end in lines:
        dash = HEADLINE_DASH.fullmatch(text, start, end)
        colon = TITLE_COLON.fullmatch(text, start, end)
        match, cue_group = (dash, "dash") if dash else (colon, "colon")
        if match is None:
            continue
        content = (match.start("content"), match.end("content"))
        quoted = text[content[0]] in '“”"' and text[content[1] - 1] in '”"'  # ”…” as sloppy pages open it
        name = (match.start("name"), match.end("name"))
        if not _headline_speaker(table, *name) and not (
            dash and quoted and _signed_by_person(doc, table, name)
        ):
            continue
        found.append(
            Candidate(
                source=name,
                cue=(match.start(cue_group), match.end(cue_group)),
                content=(content,),
                kind="direct" if quoted else "indirect",
            )
        )
    return found


def _block_quotes(doc: Doc, text: str, quotes: SpanIndex[Quote]) -> list[Candidate]:
    """A paragraph that ends in a reporting verb and a colon ("The governor added:") introduces the next
    paragraph as the speaker's words, as web pages set a block quotation without quote marks."""
    found = []
    for match in BLOCK_INTRO.finditer(text):
        block = (match.start("block"), match.end("block"))
        if quotes.overlaps(block[0], block[0] + 1):
            continue  # a quotation in marks: the quote rules read it
        words = doc.char_span(match.start("intro"), match.end("intro"), alignment_mode="contract")
        cue = next((t for t in reversed(words or ()) if is_cue_verb(t)), None)
        if words is None or cue is None or cue.i < words.end - 3:  # "Limbaugh added on Monday:"
            continue
        source = _source_of(cue)
        if source is not None:
            found.append(Candidate(source=source, cue=_cue_offsets(cue), content=(block,), kind="direct"))
    return found


def _headline_speaker(table: EntityTable, start: int, end: int) -> bool:
    """A person, or an organization named exactly there (not the tail of a longer name)."""
    cluster = _named_speaker(table, start, end)
    if cluster is None:
        return False
    return cluster.type == "PERSON" or any(s == start and e == end for s, e in cluster.mentions)


def _signed_by_person(doc: Doc, table: EntityTable, name: tuple[int, int]) -> bool:
    words = doc.char_span(*name)
    return words is not None and _unlisted_person(table, words) is not None


def _trained(
    doc: Doc, article: Article, quoted: SpanIndex[Quote], learned: Sequence[Learned]
) -> list[Candidate]:
    """The tagger's attributions that have a source (the tagger's, else the cue verb's subject in the parse),
    a cue and content, outside provenance lines."""
    # "This was reported by X with reference to Y" says where the article comes from, not what X said
    provenance = tuple(
        (c.span.start, c.span.end) for c in article.cited_sources if c.relation in METADATA_RELATIONS
    )
    candidates = (_from_learned(p, article.text, quoted) for p in learned if p.content)
    candidates = (c if c.source else replace(c, source=_subject_of_cue(doc, c.cue)) for c in candidates)
    return [
        c
        for c in candidates
        if c.source
        and _says_something(doc, c)
        and _has_cue(doc, c)
        and not _overlaps(tuple(p for p in (c.source, c.cue) if p), provenance)
    ]


def _from_learned(predicted: Learned, text: str, quotes: SpanIndex[Quote]) -> Candidate:
    content = _join_fragments(text, [(c.start, c.end) for c in predicted.content])
    source = predicted.source
    quoted = [quotes.containing(s, e) for s, e in content]
    candidate = Candidate(
        source=(source.start, source.end) if source else None,
        cue=(predicted.cue.start, predicted.cue.end) if predicted.cue else None,
        content=content,
        kind="direct" if all(quoted) else "indirect",
    )
    return candidate if all(quoted) else _mark_mixed(candidate, quotes)


def _says_something(doc: Doc, candidate: Candidate) -> bool:
    """A statement's content is more than a pronoun ("This was reported by …" has no content of its own).

    Topics count, as in PolNeAR: "X called for tax cuts", "X has commented on the plan"."""
    words = [t for s, e in candidate.content for t in doc.char_span(s, e, alignment_mode="expand") or ()]
    return sum(not (t.is_punct or t.pos_ == "PRON") for t in words) >= MIN_TOPIC_TOKENS


def _has_cue(doc: Doc, candidate: Candidate) -> bool:
    """The cue is a verb ("said", "has commented on"), a reporting phrase ("according to"), a mark
    (":", "―"), a reporting word tagged as a noun after its source (:func:`_reporting_noun`), or a noun
    right between a noun source it does not belong to and its content (a headline verb: "House panel
    votes to …"); not a noun phrase the tagger mistook ("The first point of …")."""
    if candidate.cue is None:
        return False
    words = doc.char_span(*candidate.cue, alignment_mode="expand") or ()
    if any(t.pos_ in {"VERB", "AUX"} or t.is_punct or t.lower_ == "according" for t in words):
        return True
    if candidate.source is None or candidate.source[1] > candidate.cue[0]:
        return False
    source = doc.char_span(*candidate.source, alignment_mode="expand")
    if source is None:
        return False
    if any(_reporting_noun(token, source) for token in words):
        return True
    # a verb misread as a noun between its subject and its object: "House panel votes to hold …",
    # "Black Lawmakers Rip Donald Trump …" (headlines in title case)
    # (not "his speech on …", "Trump's decision to …": a noun the source owns is a noun)
    first = candidate.content[0][0] if candidate.content else -1
    word, head = next(iter(words), None), source[-1]
    return (
        word is not None
        and word.i == source.end  # right after the source
        and first >= candidate.cue[1]
        and word.pos_ in {"NOUN", "PROPN"}
        and head.pos_ in {"NOUN", "PROPN"}
        and head.dep_ != "poss"
    )


def _reporting_noun(token: Token, source: DocSpan) -> bool:
    """A reporting word spaCy tagged as a noun, after its source: a third-person verb it misread
    ("Trump claims that …", "Sanders Vows To …" in a headline), or a report the source owns ("his claim
    that …", "North Korea's claims about …")."""
    if token.pos_ not in {"NOUN", "PROPN"}:
        return False
    owned = source.root.dep_ == "poss" and source.root.head == token
    if owned:
        return token.pos_ == "NOUN" and token.lemma_.lower() in CUE_LEMMAS
    word = token.lower_
    return word.endswith("s") and word[:-1] in CUE_LEMMAS


def _reported_in_excerpt(text: str, inner: Candidate, quote: Candidate) -> bool:
    """A report that lies wholly inside one paragraph of a quotation running over several paragraphs (an
    excerpt: 'Jane Doe writes: "… “It never crossed my mind,” she said …"') is a statement of its own."""
    if inner.source is None or inner.cue is None:
        return False
    start, end = inner.position, inner.end
    return "\n" not in text[start:end] and any(
        s <= start and end <= e and "\n" in text[s:e] for s, e in quote.content
    )


def _spans_parts(text: str, candidate: Candidate) -> bool:
    """A quote in several parts ("A," he said, "B.") or over several paragraphs."""
    return len(candidate.content) > 1 or any("\n" in text[s:e] for s, e in candidate.content)


def _join_fragments(text: str, spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Content fragments with only punctuation between them are one span ('… alert(1' ')>,' '"')."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if joined and not any(ch.isalnum() for ch in text[joined[-1][1] : start]):
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return tuple(joined)


def _unclaimed(found: list[Candidate], extra: list[Candidate]) -> list[Candidate]:
    """The extra candidates whose content no found candidate (nor an earlier extra one) covers."""
    claimed = CharMask(max((e for c in (*found, *extra) for _, e in c.content), default=0))
    for candidate in found:
        for start, end in candidate.content:
            claimed.take(start, end)
    kept: list[Candidate] = []
    for candidate in extra:
        if all(claimed.free(start, end) for start, end in candidate.content):
            kept.append(candidate)
            for start, end in candidate.content:
                claimed.take(start, end)
    return kept


def _without_dateline(text: str, candidate: Candidate) -> Candidate:
    """A source that opens its paragraph with the dateline the parse ran into it ("WASHINGTON -- President
    Obama, …, said") starts after the dateline."""
    if candidate.source is None:
        return candidate
    start, end = candidate.source
    if start and text[start - 1] != "\n":
        return candidate
    match = DATELINE.match(text, start, end)
    if match is None or match.end() >= end:
        return candidate
    return replace(candidate, source=(match.end(), end))


def _continued(text: str, candidates: list[Candidate], quotes: list[Quote]) -> list[Candidate]:
    """A quotation right after an attributed sentence, with no attribution of its own, goes on with that
    statement: in '"A," Smith said as she left. "B."' Smith said A and B, one statement with two content
    parts (as PolNeAR annotates it). So does a quotation that opens the paragraph after the one the
    attributed sentence ends, as news style leaves a speaker's next paragraph unattributed. One sweep over
    both, in text order."""
    result = sorted(candidates, key=lambda c: c.position)
    latest: int | None = None  # the candidate that ends last among those starting before the quote ends
    i = 0
    for quote in sorted(quotes, key=lambda q: q.start):
        while i < len(result) and result[i].position < quote.end:
            if latest is None or result[i].end > result[latest].end:
                latest = i
            i += 1
        if latest is None or result[latest].end > quote.start or quote.words(text) < MIN_CONTINUED_WORDS:
            continue  # nothing before it, or a statement claims it, or a word in quotes
        if CONTINUATION_GAP.fullmatch(text, result[latest].end, quote.start) or NEXT_PARAGRAPH_GAP.fullmatch(
            text, result[latest].end, quote.start
        ):
            candidate = result[latest]
            result[latest] = replace(candidate, content=(*candidate.content, (quote.start, quote.end)))
    return result


def _candidate_spans(candidates: list[Candidate]) -> SpanIndex[Candidate]:
    """Every source, cue and content span of the candidates."""
    return SpanIndex((*p, c) for c in candidates for p in (c.source, c.cue, *c.content) if p is not None)


def _around_parenthetical(
    doc: Doc, text: str, candidate: Candidate, taken: SpanIndex[Candidate]
) -> Candidate:
    """A cue set into the clause it reports ("Too often, Mr. Clarke said, the debate is …": the parse makes
    it a parataxis of that clause) reports the words on both sides of it, whichever side was found."""
    words = doc.char_span(*candidate.cue, alignment_mode="expand") if candidate.cue else None
    if not words or words.root.dep_ != "parataxis":
        return candidate
    cue, head = words.root, words.root.head
    start, end = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
    if not all(start <= s and e <= end for s, e in candidate.content):
        return candidate  # its content is not that clause
    parts = _clause_without(head, cue, text)
    extra = [(s, e) for s, e in parts if any(ch.isalnum() for ch in text[s:e]) and not taken.overlaps(s, e)]
    if not extra:
        return candidate
    return replace(candidate, content=tuple(sorted((*candidate.content, *extra))))


def _nested(candidate: Candidate, quotes: SpanIndex[Quote]) -> bool:
    """A reporting clause inside someone's quotation ("I think …" in a quote) is part of that quote."""
    cue = candidate.cue
    return cue is not None and any(qs < cue[0] and cue[1] < qe for qs, qe, _ in quotes.overlapping(*cue))


def _mark_mixed(candidate: Candidate, quotes: SpanIndex[Quote]) -> Candidate:
    """An indirect statement that quotes some of the speaker's words verbatim is mixed."""
    inside = any(s <= qs and qe <= e for s, e in candidate.content for qs, qe, _ in quotes.overlapping(s, e))
    return replace(candidate, kind="mixed") if inside else candidate


def _merge(directs: list[Candidate], indirects: list[Candidate]) -> list[Candidate]:
    """An indirect clause that contains a direct quote is one mixed statement; a clause that only
    repeats an attributed quote is dropped."""
    order = {id(d): k for k, d in enumerate(directs)}
    spans = SpanIndex((s, e, d) for d in directs for s, e in d.content)
    dropped: set[int] = set()
    added: list[Candidate] = []
    for candidate in indirects:
        found = {id(d): d for s, e in candidate.content for *_, d in spans.overlapping(s, e)}
        overlapping = sorted(found.values(), key=lambda d: order[id(d)])
        if not overlapping:
            added.append(candidate)
            continue
        covered = sum(e - s for s, e in candidate.content)
        quoted = sum(e - s for d in overlapping for s, e in d.content)
        if covered > quoted * 1.3:
            dropped.update(id(d) for d in overlapping)
            added.append(replace(candidate, kind="mixed"))
    return [d for d in directs if id(d) not in dropped] + added


# -- speakers -------------------------------------------------------------------------------------
def _resolve(
    doc: Doc,
    article: Article,
    table: EntityTable,
    candidates: list[Candidate],
    genders: Genders,
    quotes: SpanIndex[Quote],
) -> list[Statement]:
    statements: list[Statement] = []
    previous: Previous | None = None
    headed = _organizations_by_head(table)
    for candidate in candidates:
        cluster = _speaker_entity(doc, table, candidate, previous, genders, quotes, headed)
        if cluster is not None:
            previous = Previous(cluster, candidate.position, candidate.end)
        statements.append(_statement(article.text, article, table, candidate, cluster))
    return statements


class Previous(NamedTuple):
    """The last statement whose speaker was resolved: who, and where it starts and ends in the text."""

    speaker: Cluster
    start: int
    end: int


def _speaker_entity(
    doc: Doc,
    table: EntityTable,
    candidate: Candidate,
    previous: Previous | None,
    genders: Genders,
    quotes: SpanIndex[Quote],
    headed: dict[str, list[Cluster]],
) -> Cluster | None:
    if candidate.source is None:
        return None
    start, end = candidate.source
    words = doc.char_span(start, end, alignment_mode="expand")
    if words is None:
        return None
    if len(words) == 1 and words[0].lower_ in FIRST_PERSON and not quotes.overlaps(start, start + 1):
        return None  # "I" outside any quotation is the writer, whom the article does not name
    if len(words) == 1 and words[0].lower_ in PRONOUNS:
        quoted = list(candidate.content) if candidate.kind == "direct" else []  # no one quotes themselves
        return _antecedent(doc, table, words[0], previous, genders, quoted)
    if len(words) == 1 and words[0].lower_ in RELATIVES:  # "Yellen, who said …"
        stand_in = _relative_stand_in(table, words[0])
        if stand_in is None:
            return None
        words, start, end = stand_in
    # a bare name NER missed here ("Trump charges that …") is the person of that name in the article
    name_like = all(t.pos_ == "PROPN" for t in words) or (len(words) == 1 and words[0].is_title)
    named = _named_speaker(table, start, end) if name_like else table.at(start, end)
    if named is not None:
        return named
    described = resolve_description(words, table, allow_bare=True) or _organization_described(words, headed)
    if described is not None:
        table.add_mention(described, start, end, name=False)
        return described
    return _unlisted_person(table, words)


def _organizations_by_head(table: EntityTable) -> dict[str, list[Cluster]]:
    """The organizations of the article by the head noun of their name, the noun a description uses
    ("the fund" for the International Monetary Fund, "the commission" for the Commission on Presidential
    Debates, "the union" for the Eastfield Dockers' Union); names of one word ("Bank") are left out."""
    headed: dict[str, list[Cluster]] = {}
    for cluster in table.clusters:
        words = cluster.name.split()
        if cluster.type not in {"ORG", "MEDIA"} or len(words) < 2 or not cluster.mentions:
            continue
        cut = next((i for i, w in enumerate(words) if w.lower() in NAME_PREPOSITIONS), len(words))
        if cut > 0:
            headed.setdefault(strip_possessive(words[cut - 1]).lower(), []).append(cluster)
    return headed


def _organization_described(words: DocSpan, headed: dict[str, list[Cluster]]) -> Cluster | None:
    """The organization a two-word description names by its head noun ("the fund said", "their union
    said"), when the article names exactly one so (two funds make "the fund" ambiguous)."""
    if len(words) != 2 or words[0].lower_ not in {"the", "its", "their"} or words[1].pos_ != "NOUN":
        return None
    found = headed.get(words[1].lower_, [])
    return found[0] if len(found) == 1 else None


def _relative_stand_in(table: EntityTable, pronoun: Token) -> tuple[DocSpan, int, int] | None:
    """The words a relative pronoun stands for, and the character offsets of their noun: a name must cover
    the noun itself ("a California investor, who" is no statement of California's) and may not be a place
    ("Democrats on Capitol Hill, who", where the parse hangs the clause on "Hill"); a role description may
    take the noun's compounds ("the Ohio governor, who")."""
    antecedent = _relative_antecedent(pronoun)
    if antecedent is None:
        return None
    start, end = antecedent.idx, antecedent.idx + len(antecedent)
    named = table.at(start, end)
    if named is not None and named.type not in SPEAKER_TYPES:
        return None
    return _noun_with_compounds(antecedent), start, end


def _relative_antecedent(pronoun: Token) -> Token | None:
    """The noun a relative pronoun subject stands for: "Yellen" in "Yellen, who said …"; None after a
    list ("Will Smith and Stevie Wonder, who joked"), where the parse cannot tell whom it means."""
    clause = pronoun.head
    if pronoun.dep_ not in {"nsubj", "nsubjpass"} or clause.dep_ != "relcl" or clause.head.i == clause.i:
        return None
    noun = clause.head
    if noun.dep_ == "conj" or any(c.dep_ == "conj" for c in noun.children):
        return None
    return noun


def _noun_with_compounds(noun: Token) -> DocSpan:
    """The noun and the compound words right before it ("Paul Combetta", "Press Secretary Josh Earnest"),
    not its determiners, adjectives or prepositional phrases ("nervous Democrats on Capitol Hill")."""
    start = noun.i
    while start > 0 and noun.doc[start - 1].dep_ == "compound" and noun.doc[start - 1].head.i >= start:
        start -= 1
    return noun.doc[start : noun.i + 1]


def _unlisted_person(table: EntityTable, words: DocSpan) -> Cluster | None:
    """A speaker written as a proper name that NER missed ("Mayor Elena Marsh") becomes a person."""
    names = [t for t in words if t.pos_ == "PROPN" and t.is_title and t.ent_type_ not in NOT_PEOPLE]
    if not 2 <= len(names) <= 4 or names[-1].i - names[0].i != len(names) - 1 or names[-1] != words.root:
        return None
    end = names[-1].idx + len(names[-1])
    start = skip_leading_titles(table.text, names[0].idx, end)
    if len(table.text[start:end].split()) < 2:
        return None
    cluster = table.new_cluster("PERSON:" + " ".join(name_tokens(table.text[start:end])), "PERSON")
    table.add_mention(cluster, start, end)
    return cluster


def _antecedent(
    doc: Doc,
    table: EntityTable,
    pronoun: Token,
    previous: Previous | None,
    genders: Genders,
    quoted: list[tuple[int, int]],
) -> Cluster | None:
    """The previous speaker if recent, else the nearest person mentioned before the pronoun outside
    ``quoted`` (the statement's own quotation); either only if nothing says the pronoun cannot refer to
    them ("she" and a man)."""
    reach = sentence_start_back(doc, pronoun, PRONOUN_REACH_SENTENCES)
    recent = previous is not None and previous.start >= reach

    def fits(person: Cluster) -> bool:
        return genders.fits(pronoun.lower_, person)

    if pronoun.lower_ in GROUP_PRONOUNS:  # only an organization that spoke last
        return (
            previous.speaker
            if previous is not None and recent and previous.speaker.type != "PERSON"
            else None
        )
    if previous is not None and recent:
        # A person introduced as a subject since the previous statement ended takes over ("Kerr welcomed …
        # He said"); one its content talks about does not ("Clinton says Trump never paid … She says …").
        since = _latest_person(doc, table, (previous.end, pronoun.idx), fits, quoted, subjects_only=True)
        if since is not None or (previous.speaker.type == "PERSON" and fits(previous.speaker)):
            return since or previous.speaker
        # "he", "she", "his" name a person, not the organisation that spoke last (nor a woman, a man)
    return _latest_person(doc, table, (reach, pronoun.idx), fits, quoted, subjects_only=False)


def _latest_person(
    doc: Doc,
    table: EntityTable,
    where: tuple[int, int],
    fits: Callable[[Cluster], bool],
    skip: list[tuple[int, int]],
    *,
    subjects_only: bool,
) -> Cluster | None:
    """The person mentioned last in ``where`` (character offsets), outside ``skip``, whom ``fits`` allows;
    of two mentioned at the same place, the one listed first in the table.

    The mentions are read back from the end of ``where`` (:meth:`EntityTable.last_mentioned`), so each
    pronoun costs the few sentences it looks back over, not every person of the article."""

    def accept(mention_start: int, mention_end: int, person: Cluster) -> bool:
        if person.type != "PERSON" or _inside(mention_start, skip) or not fits(person):
            return False
        if not subjects_only:
            return True
        words = doc.char_span(mention_start, mention_end, alignment_mode="expand")
        return words is not None and _main_clause_subject(words.root)

    return table.last_mentioned(*where, accept)


def _main_clause_subject(token: Token) -> bool:
    """The subject of a sentence's main verb, of a verb conjoined to it ("Kerr arrived and welcomed …") or
    of an adverbial clause ("until Trump reached …"), not of a clause reported inside it ("She says
    Trump represents …")."""
    if token.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    verb = token.head
    for _ in range(SUBJECT_REACH + 1):
        if verb.dep_ == "ROOT":
            return True
        if verb.dep_ not in {"conj", "advcl"}:
            return False
        verb = verb.head
    return False


def _statement(
    text: str, article: Article, table: EntityTable, candidate: Candidate, cluster: Cluster | None
) -> Statement:
    source = _span(text, candidate.source) if candidate.source else None
    content = tuple(_span(text, c) for c in candidate.content)
    return Statement(
        id=content_id("s", article.id, [(c.start, c.end) for c in content]),
        speaker=Speaker(
            entity=None,  # filled with the entity id once the entity table is frozen
            name=cluster.name if cluster is not None else (source.text if source else None),
            span=source,
        ),
        cue=_span(text, candidate.cue) if candidate.cue else None,
        content=content,
        kind=candidate.kind,
        date=article.date,
    )


def link_speakers(statements: list[Statement], table: EntityTable, ids: dict[int, str]) -> list[Statement]:
    """Set each speaker's entity id from the frozen entity table."""
    linked = []
    by_name: dict[str, Cluster] = {}
    for c in reversed(table.clusters):  # the first cluster of a name wins, as a scan would find it
        if c.names or c.gazetteer is not None:  # one without either has no name yet
            by_name[c.name] = c
    for statement in statements:
        span = statement.speaker.span
        cluster = table.at(span.start, span.end) if span is not None else None
        if cluster is None and span is not None and statement.speaker.name:
            cluster = by_name.get(statement.speaker.name)
        entity = ids.get(id(cluster)) if cluster is not None else None
        speaker = statement.speaker.model_copy(update={"entity": entity})
        linked.append(statement.model_copy(update={"speaker": speaker}))
    return linked


def _named_speaker(table: EntityTable, start: int, end: int) -> Cluster | None:
    """The entity a bare name refers to; a person's surname variant ("Rütte") becomes a mention."""
    cluster = table.at(start, end)
    if cluster is None:
        cluster = table.person_named(table.text[start:end])
        if cluster is not None:
            table.add_mention(cluster, start, end)
    return cluster


# -- small helpers --------------------------------------------------------------------------------
def _source_of(cue: Token) -> tuple[int, int] | None:
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subject is None and cue.dep_ in {"conj", "advcl"}:
        # "Rutte recalled … and added that …" / "Trump tweeted on Sunday, saying that …"
        subject = next((c for c in cue.head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ in NO_SOURCE and cue.dep_ != "relcl":
        return None
    if subject.lower_ in {"who", "that"} and cue.dep_ == "relcl":
        head = cue.head
        return (head.left_edge.idx, head.idx + len(head))
    if subject.lower_ in NO_SOURCE:
        return None
    return _subtree_offsets(subject)


def _subject_of_cue(doc: Doc, cue: tuple[int, int] | None) -> tuple[int, int] | None:
    """The subject of a cue the tagger found without a source: the cue verb's own subject, or that of
    the verb it hangs from ("… appeared to blame", "Trump tweeted, calling for …")."""
    words = doc.char_span(*cue, alignment_mode="expand") if cue else None
    verbs = [t for t in words or () if t.pos_ in {"VERB", "AUX"}]
    if not verbs:
        return None
    token = min(verbs, key=lambda t: sum(1 for _ in t.ancestors))  # the verb highest in the tree
    for _ in range(SUBJECT_REACH):
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        if subject is None and agent is not None:  # "has been called a charlatan by fellow physicians"
            subject = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if subject is not None:
            if subject.lower_ in NO_SOURCE or subject.lower_ in {"who", "that"}:
                return None
            return _subtree_offsets(subject)
        if token.dep_ not in {"xcomp", "advcl", "conj", "ccomp"} or token.head.i == token.i:
            return None
        token = token.head
    return None


def _cue_offsets(cue: Token) -> tuple[int, int]:
    parts = [cue] + [c for c in cue.children if c.dep_ == "prt"]
    return (min(t.idx for t in parts), max(t.idx + len(t) for t in parts))


def _subtree_ids(token: Token) -> set[int]:
    return {t.i for t in token.subtree}


def _subtree_offsets(token: Token) -> tuple[int, int]:
    left, right = token.left_edge, token.right_edge
    while right.i > left.i and (right.is_space or right.is_punct and right.text not in '”"’)'):
        right = right.doc[right.i - 1]
    return (left.idx, right.idx + len(right))


def _minus(head: Token, cut: Token) -> list[tuple[int, int]]:
    """The subtree of ``head`` without the subtree of ``cut`` (a parenthetical "he said")."""
    cut_ids = _subtree_ids(cut)
    tokens = [t for t in head.subtree if t.i not in cut_ids]
    spans: list[list[Token]] = []
    for token in tokens:
        if spans and token.i == spans[-1][-1].i + 1:
            spans[-1].append(token)
        else:
            spans.append([token])
    return [_trim_punct(s) for s in spans if _trim_punct(s)[1] > _trim_punct(s)[0]]


def _clause_without(head: Token, cut: Token, text: str) -> list[tuple[int, int]]:
    """The clause of ``head`` without the subtree of ``cut`` (its cue or attribution), inside the
    ;-delimited clause of the paragraph around ``cut``."""
    return _clip(_minus(head, cut), _clause_bounds(text, cut.idx, semicolons=True))


def _trim_punct(tokens: list[Token]) -> tuple[int, int]:
    words = [t for t in tokens]
    while words and words[0].is_punct and words[0].text not in '“"‘(':
        words.pop(0)
    while words and words[-1].is_punct and words[-1].text not in '”"’)':
        words.pop()
    if not words:
        return (0, 0)
    return (words[0].idx, words[-1].idx + len(words[-1]))


def _clause_bounds(text: str, position: int, *, semicolons: bool = False) -> tuple[int, int]:
    """The paragraph (and, with ``semicolons``, the ;-delimited clause) around ``position``: a reported
    clause never runs across a paragraph break into a headline or the next paragraph."""
    breaks = "\n;" if semicolons else "\n"
    start = max(text.rfind(ch, 0, position) for ch in breaks) + 1
    ends = [i for i in (text.find(ch, position) for ch in breaks) if i != -1]
    return start, min(ends, default=len(text))


def _clip(spans: list[tuple[int, int]], bounds: tuple[int, int]) -> list[tuple[int, int]]:
    clipped = [(max(s, bounds[0]), min(e, bounds[1])) for s, e in spans]
    return [(s, e) for s, e in clipped if e > s]


def _token_count(doc: Doc, spans: list[tuple[int, int]]) -> int:
    return sum(len(doc.char_span(s, e, alignment_mode="expand") or ()) for s, e in spans)


def _span(text: str, offsets: tuple[int, int]) -> Span:
    return Span(start=offsets[0], end=offsets[1], text=text[offsets[0] : offsets[1]])


def _overlaps(a: tuple[tuple[int, int], ...], b: tuple[tuple[int, int], ...]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _inside(position: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in ranges)
