"""Roles of people and the role descriptions that refer to them.

"NATO Secretary General Mark Rutte" gives Rutte the role (Secretary General, NATO); later "The Alliance
Secretary General" or "the NATO secretary general" resolves to him, because the Alliance is NATO in
this article and he is the only person holding that role. "Ukrainian President Volodymyr Zelenskyy"
gives (President, Ukraine), and "the head of state" resolves to him where he is the only head of state.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from onrecord.extract.entities import Cluster, EntityTable, title_form
from onrecord.extract.names import fold
from onrecord.extract.spans import noun_chunks
from onrecord.model import Role

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

TITLE_HEADS = frozenset(
    [
        "president",
        "minister",
        "secretary",
        "secretary-general",
        "chancellor",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "ambassador",
        "senator",
        "governor",
        "mayor",
        "chairman",
        "chairwoman",
        "chair",
        "head",
        "commander",
        "director",
        "ceo",
        "king",
        "queen",
        "speaker",
        "leader",
        "premier",
        "commissioner",
        "envoy",
        "adviser",
        "advisor",
        "representative",
        "chief",
        "prosecutor",
        "judge",
        "general",
        "admiral",
        "candidate",
        "nominee",
        "pope",
        "prince",
        "congressman",
        "congresswoman",
        "lawmaker",
        "manager",
        "founder",
        "president-elect",
        "attorney",
        "emir",
        "sheikh",
        "monarch",
        "chairperson",
        "negotiator",
        "official",
    ]
)
TITLE_MODIFIERS = frozenset(
    [
        "vice",
        "deputy",
        "prime",
        "foreign",
        "defence",
        "defense",
        "interior",
        "finance",
        "economy",
        "justice",
        "health",
        "first",
        "acting",
        "general",
        "state",
        "affairs",
        "executive",
        "national",
        "security",
        "press",
        "chief",
        "senior",
        "top",
        "assistant",
        "special",
        "under",
        "high",
    ]
)
# a description of an office that several titles fill
OFFICE_SYNONYMS = {
    "head of state": frozenset({"president", "king", "queen", "monarch", "emir"}),
    "head of government": frozenset({"prime minister", "premier", "chancellor"}),
}
NOT_TITLES = frozenset({"former", "late", "then", "newly", "elected"})
LOWER_RANKS = frozenset({"vice", "deputy", "assistant", "associate", "under", "lieutenant", "acting"})
FORMER = frozenset({"former", "ex"})
FORMER_TITLE = "Former "  # the prefix of a title held before
# what an apposition's title phrase does not reach into: further appositions and coordinated phrases
APPOSITION_STOPS = frozenset({"appos", "conj", "cc", "punct"})


def assign_roles(doc: Doc, table: EntityTable) -> None:
    """Give each person the roles written before their name or in an apposition."""
    for person in table.people():
        for start, end in list(person.mentions):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            for role in (_title_before(span, table), *_appositions(span, table)):
                if role is not None:
                    table.add_role(person, role)


def find_descriptions(doc: Doc, table: EntityTable) -> None:
    """Add role descriptions qualified by an organization ("the NATO secretary general") as mentions."""
    for start, end in noun_chunks(doc):
        chunk = doc[start:end]
        if chunk[0].lower_ != "the" or any(t.ent_type_ == "PERSON" for t in chunk):
            continue
        cluster = resolve_description(chunk, table, allow_bare=False)
        if cluster is not None:
            table.add_mention(cluster, chunk.start_char, chunk.end_char, name=False)


def resolve_description(
    tokens: Span | Iterable[Token], table: EntityTable, *, allow_bare: bool
) -> Cluster | None:
    """The one person a role description refers to, or None when it is not a description or is ambiguous.

    Without an organization in the description ("the president") it resolves only with ``allow_bare``.
    """
    words = list(tokens)
    title, organization = _title_and_organization(words, table)
    if title is None:
        return None
    if organization is None and not allow_bare and fold(title) not in OFFICE_SYNONYMS:
        return None
    wanted = title_form(title)
    folded = fold(organization) if organization is not None else None
    # only the people filed under a title that can fit are checked, and only until a second one fits
    if wanted in OFFICE_SYNONYMS:
        holders = table.holders(OFFICE_SYNONYMS[wanted])
    else:
        holders = table.holders([wanted], folded)
    # "the former president" is the one introduced as "former President …", "the president" the other one
    former = any(t.lower_ in FORMER for t in words)
    found: list[Cluster] = []
    for person in holders:
        if any(_fits(role, wanted, folded) for role in person.roles) and _held_before(person) == former:
            found.append(person)
            if len(found) > 1:
                return None
    return found[0] if found else None


def _fits(role: Role, wanted: str, organization: str | None) -> bool:
    """Whether ``role`` is the office a description names: ``wanted`` is its `title_form`, ``organization``
    its organization folded."""
    have = title_form(role.title)
    if wanted in OFFICE_SYNONYMS:
        return have in OFFICE_SYNONYMS[wanted] or have.split()[-1] in OFFICE_SYNONYMS[wanted]
    if have != wanted and not have.endswith(" " + wanted):
        return False
    if have != wanted and have[: -len(wanted)].split()[-1] in LOWER_RANKS:  # a vice president is no president
        return False
    return organization is None or role.organization is None or fold(role.organization) == organization


def _title_and_organization(words: list[Token], table: EntityTable) -> tuple[str | None, str | None]:
    """Read "the Alliance Secretary General" as ("Secretary General", "NATO")."""
    text = " ".join(t.lower_ for t in words)
    for office in OFFICE_SYNONYMS:
        if office in text:
            return office, None
    title_words = [t for t in words if _is_title_word(t) and not _in_organization(t, table)]
    if not any(t.lower_ in TITLE_HEADS for t in title_words):
        return None, None
    # the title must be contiguous: "secretary general", "prime minister", "secretary of state"
    first, last = title_words[0].i, title_words[-1].i
    if any(not (_is_title_word(t) or t.lower_ == "of") for t in words if first <= t.i <= last):
        return None, None
    organization = None
    for token in words:
        if token.i < first or token.i > last:
            organization = organization or _organization(token, table)
    title = " ".join(t.text for t in words if first <= t.i <= last)
    return _title_case(title), organization


def _title_before(span: Span, table: EntityTable) -> Role | None:
    """ "NATO Secretary General Mark Rutte" -> Role(Secretary General, NATO); "former President Bill
    Clinton" -> Role(Former President)."""
    doc = span.doc

    def in_sentence(i: int) -> bool:  # the span's sentence (``Span.sent`` walks the whole sentence)
        return i >= 0 and not doc[i + 1].is_sent_start

    i = span.start - 1
    words: list[Token] = []
    while in_sentence(i):
        token = doc[i]
        if not (
            _is_title_word(token) or _in_organization(token, table) or token.lower_ in {"'s", "’s", "of"}
        ):
            break
        words.insert(0, token)
        i -= 1
    former = in_sentence(i) and _former(doc, i)
    while words and words[0].lower_ in {"of", "'s", "’s"}:
        words.pop(0)
    if not words:
        return None
    title, organization = _title_and_organization(words, table)
    return _role(title, organization, former=former) if title else None


def _role(title: str, organization: str | None, *, former: bool) -> Role:
    """A role; a title held before is kept as one ("Former President")."""
    return Role(title=FORMER_TITLE + title if former else title, organization=organization)


def _held_before(person: Cluster) -> bool:
    """Whether the article gives the person a former title."""
    return any(role.title.startswith(FORMER_TITLE) for role in person.roles)


def _former(doc: Doc, i: int) -> bool:
    """Whether the word at ``i``, right before a title, makes it a past one: "former", or the "-" of "ex-"."""
    return doc[i].lower_ in FORMER or (doc[i].text == "-" and i > 0 and doc[i - 1].lower_ == "ex")


def _appositions(span: Span, table: EntityTable) -> list[Role]:
    """ "Mark Rutte, NATO's secretary general," and "NATO's secretary general, Mark Rutte"; "Hillary
    Clinton, the former secretary of state" gives a former title."""
    root = span.root
    phrases = [child for child in root.children if child.dep_ == "appos"]
    if root.dep_ == "appos" and root.head.lower_ in TITLE_HEADS and not _quote_between(root.head, root):
        phrases.append(root.head)  # not across a quotation: '… the president and our military,” Flynn, …'
    roles: list[Role] = []
    for head in phrases:
        words = _phrase(head, span)
        title, organization = _title_and_organization(words, table)
        if title:
            roles.append(_role(title, organization, former=any(t.lower_ in FORMER for t in words)))
    return roles


def _phrase(head: Token, span: Span) -> list[Token]:
    """The words of an apposition headed by ``head``, in order, without the person's own words, its
    punctuation, or the appositions and coordinated phrases hanging from it: "a former party chairman and
    mayoral candidate" gives the chairman's title, and in "A, a spokesman for X, B, a spokesman for Y, …
    said" each item hangs under the one before (reading the whole subtree for every item was
    quadratic)."""
    words, stack = [], [head]
    while stack:
        token = stack.pop()
        if not (span.start <= token.i < span.end):
            words.append(token)
        stack.extend(c for c in token.children if c.dep_ not in APPOSITION_STOPS)
    return sorted(words, key=lambda t: t.i)


def _quote_between(a: Token, b: Token) -> bool:
    """Whether a quote mark stands between two tokens (their apposition is then a misparse)."""
    low, high = sorted((a.i, b.i))
    return any(t.is_quote for t in a.doc[low + 1 : high])


def _is_title_word(token: Token) -> bool:
    """A word of a title: "secretary", "general", "foreign", or a noun compounded with a title
    ("environment minister", "health spokesman")."""
    lower = token.lower_
    if lower in NOT_TITLES:
        return False
    if lower in TITLE_HEADS or lower in TITLE_MODIFIERS:
        return True
    return (
        token.dep_ == "compound"
        and token.pos_ == "NOUN"
        and token.head.lower_ in TITLE_HEADS
        and token.head.i == token.i + 1
    )


def _in_organization(token: Token, table: EntityTable) -> bool:
    return _organization(token, table) is not None


def _organization(token: Token, table: EntityTable) -> str | None:
    if token.is_punct or token.lower_ in {"'s", "’s", "the", "of"}:
        return None
    return table.organization_name(token.idx, token.idx + len(token.text))


def _title_case(title: str) -> str:
    return " ".join(w if w.lower() in {"of", "the"} else w[:1].upper() + w[1:] for w in title.split())
