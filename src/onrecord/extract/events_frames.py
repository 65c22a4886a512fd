"""Event frames over the spaCy parse: which words make an event, its PLOVER type, kind and status.

A frame is a chain of triggers from the outermost ("decided", "threatened", "will") to the action
it wraps ("commit", "break relations"). The action gives the type; each wrapper composes on it the
way CAMEO codes intentions: a promise of aid is AGREE, a threat of sanctions THREATEN, a refusal
REJECT, a demand REQUEST. Tense and modality of the outermost trigger give the status: past,
ongoing ("is concluding"), planned ("will present", "plans to") or hypothetical ("if", "would").
Reporting verbs are transparent ("Rutte recalled that he visited Kyiv": the event is the visit);
"X said Y must …" is a REQUEST by X of Y.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from onrecord.extract.events_lexicon import COOPERATIVE, HOSTILE, WRAPPERS, Entry, Lexicon
from onrecord.extract.lexicon import CUE_LEMMAS
from onrecord.extract.spans import head_indices, up_the_tree

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
MODAL_AUX = frozenset({"would", "could", "might", "may", "can", "ca", "should"})
OBLIGATION_AUX = frozenset({"must", "should"})
PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re"})
PLANNING_LEMMAS = frozenset({"plan", "intend", "prepare", "prepared", "aim", "willing", "ready"})
CONDITION_MARKS = frozenset({"if", "unless"})
COMPLEMENT_DEPS = ("xcomp", "ccomp")
NOT_EVENT_ADJECTIVES = frozenset({"willing", "ready", "prepared"})
ASPECT_LEMMAS = frozenset({"begin", "start", "continue", "resume", "end", "stop", "go"})
# subjects that make a killing or an attack conventional warfare (CAMEO 19) rather than assault (18)
MILITARY_WORDS = frozenset(
    """army troop soldier force forces military navy tank helicopter jet warplane aircraft drone artillery
    missile rocket shell airstrike mine minefield landmine gunship warship""".split()
)
CONVENTIONAL_LEMMAS = frozenset({"kill", "attack", "wound", "shoot", "bomb", "injure"})
# clause verbs after "must" that ask nothing of their subject ("Ukraine must receive an invitation")
STATIVE_LEMMAS = frozenset(
    {
        "be",
        "have",
        "remain",
        "seem",
        "stay",
        "become",
        "know",
        "understand",
        "feel",
        "receive",
        "get",
        "obtain",
        "gain",
    }
)


@dataclass(frozen=True, kw_only=True)
class Frame:
    """One event found in the parse, before its participants are read."""

    head: Token  # the outermost trigger: its subject is the actor, its tense the status
    core: Token  # the innermost trigger: its objects and prepositions give targets and objects
    chain: tuple[Token, ...]  # every token of the frame, head first
    type: str
    kind: str | None
    status: str
    dobj: str | None  # how the core's direct object is read ("target" | "object" | None)
    asked: Token | None = None  # for requests: who is asked ("demanded that the US …")
    classes: tuple[str, ...] = ()

    @property
    def tokens(self) -> frozenset[int]:
        return frozenset(t.i for t in self.chain)


def find_frames(doc: Doc, lexicon: Lexicon) -> list[Frame]:
    """Every event frame of ``doc``, outermost triggers first within a sentence, in text order."""
    consumed: set[int] = set()
    frames: list[Frame] = []
    depths = _depths(doc)
    questions = _in_question(doc)
    for i in sorted(range(len(doc)), key=lambda i: (depths[i], i)):
        if i in consumed:
            continue
        token = doc[i]
        frame = _frame_at(token, lexicon) or _obligation_frame(token)
        if frame is None:
            continue
        consumed.update(frame.tokens)
        if not _irrealis(frame.head, questions):
            frames.append(frame)
    return sorted(frames, key=lambda f: f.head.i)


# ---- building a frame -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Step:
    tokens: tuple[Token, ...]  # the trigger token and, for a light verb, its event noun
    entry: Entry


def _step(token: Token, lexicon: Lexicon) -> _Step | None:
    """The lexicon entry a token triggers, resolving light verbs through their object noun."""
    if token.pos_ == "VERB" or (token.pos_ == "ADJ" and any(c.dep_ == "xcomp" for c in token.children)):
        entry = lexicon.verb(token)
    elif token.pos_ in ("NOUN", "PROPN"):
        entry = lexicon.noun(token)
        return _Step((token,), entry) if entry is not None and entry.cls != "light" else None
    else:
        return None
    if entry is None:
        return None
    if entry.cls != "light":
        return _Step((token,), entry)
    noun = _light_object(token)
    if noun is None:
        return None
    if noun.pos_ == "VERB":  # "resumed shelling": the gerund is the event
        inner = _step(noun, lexicon)
        return _Step((token, *inner.tokens), inner.entry) if inner is not None else None
    noun_entry = lexicon.noun(noun, frozenset({token.lemma_.lower()}))
    return _Step((token, noun), noun_entry) if noun_entry is not None else None


def _light_object(verb: Token) -> Token | None:
    """The event word of a light verb: "held talks", "a decision was made", "put under investigation",
    "return for talks", "riots are continuing", "resume shelling"."""
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN"):
            return child
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("under", "into", "for", "on")):
        return next((c for c in prep.children if c.dep_ == "pobj"), None)
    if verb.lemma_.lower() in ASPECT_LEMMAS:
        for child in verb.children:
            if child.dep_ == "nsubj" and child.pos_ == "NOUN":
                return child
            if child.dep_ in ("xcomp", "dobj", "ccomp") and child.tag_ == "VBG":
                return child
    return None


def _frame_at(token: Token, lexicon: Lexicon) -> Frame | None:
    if token.pos_ not in ("VERB", "ADJ"):  # event nouns count only under a verb ("held talks")
        return None
    step = _step(token, lexicon)
    if step is None or step.entry.type is None and step.entry.cls not in WRAPPERS:
        return None
    steps = [step]
    asked: Token | None = None
    while steps[-1].entry.cls in WRAPPERS:
        current = steps[-1]
        if current.entry.cls in ("demand", "request", "allow") and asked is None:
            asked = _asked(current)
        inner = _wrapped(current, lexicon)
        if inner is None:
            break
        steps.append(inner)
    chain = tuple(t for s in steps for t in s.tokens)
    core_step = next((s for s in reversed(steps) if s.entry.cls not in WRAPPERS), None)
    if core_step is None and len(steps) == 1 and not _stands_alone(steps[0]):
        return None  # "what Ukrainians want": a wrapper with nothing wrapped
    wrappers = [s.entry for s in steps if s.entry.cls in WRAPPERS]
    type_ = compose(wrappers, core_step.entry if core_step else None)
    kind = _kind(wrappers, core_step.entry if core_step else None, type_)
    head = steps[0].tokens[0]
    if type_ == "ASSAULT" and core_step is not None and _military_subject(head, core_step.tokens[-1]):
        type_ = "FIGHT"
    promised = type_ == "AID"
    type_, status = _modality(head, type_, wrappers)
    if type_ is None:
        return None
    if promised and type_ == "AGREE" and kind is None:
        kind = "commitment"  # "will give Tanzania a grant"
    core = core_step.tokens[-1] if core_step else steps[-1].tokens[-1]
    return Frame(
        head=head,
        core=core,
        chain=chain,
        type=type_,
        kind=kind,
        status=status,
        dobj=core_step.entry.dobj if core_step else steps[-1].entry.dobj,
        asked=asked,
        classes=tuple(e.cls for e in wrappers),
    )


def _stands_alone(step: _Step) -> bool:
    """A wrapper without an action is an event only as a decision or with a thing for object
    ("threatened further action", "demanded a truce", "pledged $1 billion")."""
    if step.entry.cls == "decide":
        return step.entry.kind == "decision"  # "decided" alone is a decision; "help" alone is nothing
    verb = step.tokens[0]
    return any(
        c.dep_ in ("dobj", "xcomp", "ccomp")
        and c.pos_ in ("NOUN", "PROPN", "NUM", "VERB")
        or c.dep_ == "prep"
        and c.lower_ in ("to", "on", "upon", "for", "with")
        for c in verb.children
    )


def _military_subject(head: Token, core: Token) -> bool:
    """ "Israeli tanks killed …", "an army helicopter attacked …": conventional force."""
    if core.lemma_.lower() not in CONVENTIONAL_LEMMAS:
        return False
    token = head
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    while subject is None and token.dep_ in ("advcl", "conj", "xcomp") and token.head.i != token.i:
        token = token.head  # "Israeli jets struck …, killing three civilians"
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    words = {t.lemma_.lower() for t in subject.subtree}
    return bool(words & MILITARY_WORDS)


def _wrapped(step: _Step, lexicon: Lexicon) -> _Step | None:
    """The action a wrapper governs: its clause ("decided to commit"), else an event noun ("rejected
    an offer", "demanded the removal")."""
    for token in reversed(step.tokens):
        for complement in _complements(token):
            inner = _step(complement, lexicon)
            if inner is not None:
                return inner
    verb = step.tokens[0]
    if verb.pos_ == "VERB":
        for child in verb.children:
            if child.dep_ in ("dobj", "nsubjpass") and child.pos_ == "NOUN":
                entry = lexicon.noun(child, frozenset({verb.lemma_.lower()}))
                if entry is not None and entry.cls not in ("light",):
                    return _Step((child,), entry)
    return None


def _complements(token: Token) -> list[Token]:
    """Clauses a trigger takes: "to commit", "that they cancel", "to opening up", "a decision … to"."""
    found = [c for c in token.children if c.dep_ in COMPLEMENT_DEPS]
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("to", "on", "for", "of")):
        found.extend(c for c in prep.children if c.dep_ == "pcomp")
    found.extend(c for c in token.children if c.dep_ in ("acl", "advcl") and _infinitive(c))
    if token.dep_ in ("nsubjpass", "dobj"):  # "a decision was made to commit …"
        found.extend(c for c in token.head.children if c.dep_ in ("advcl", "xcomp") and _infinitive(c))
    return found


def _asked(step: _Step) -> Token | None:
    """Who a demand, request or permission is addressed to: "demanded that Hamas …", "urged the EU
    to …", "called on the Arabs to …", "allowed X to …"."""
    own = {t.i for t in step.tokens}
    for token in step.tokens:
        for child in token.children:
            if child.dep_ in ("ccomp", "acl") and not _infinitive(child):
                subject = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if (
                    subject is not None
                    and subject.pos_ != "PRON"
                    or subject is not None
                    and subject.lower_ in ("they", "he", "she")
                ):
                    return subject
            if child.dep_ in ("ccomp", "xcomp") and _infinitive(child):
                subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
                if subject is not None:
                    return subject
    verb = step.tokens[0]
    controlled = any(c.dep_ in ("xcomp", "ccomp") for c in verb.children)
    for child in verb.children:
        if child.dep_ == "dobj" and child.i not in own and (controlled or child.pos_ == "PROPN"):
            return child
        if child.dep_ == "prep" and child.lower_ == "on" and verb.lemma_.lower() == "call":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _obligation_frame(token: Token) -> Frame | None:
    """ "Russia said that Sudan must return the helicopter": a REQUEST by Russia of Sudan."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in CUE_LEMMAS:
        return None
    for clause in (c for c in token.children if c.dep_ == "ccomp"):
        auxes = {a.lower_ for a in clause.children if a.dep_ == "aux"}
        has_to = any(c.dep_ == "xcomp" for c in clause.children) and clause.lemma_ == "have"
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        stative = clause.lemma_.lower() in STATIVE_LEMMAS or any(c.dep_ == "auxpass" for c in clause.children)
        if (
            (auxes & OBLIGATION_AUX or has_to)
            and not stative
            and subject is not None
            and subject.lower_ not in ("we", "i")
        ):
            _type, status = _modality(token, "REQUEST", [])
            return Frame(
                head=token, core=clause, chain=(token, clause), type="REQUEST", kind=None,
                status=status, dobj=None, asked=subject, classes=("demand",),
            )  # fmt: skip
    return None


# ---- type, kind and status ----------------------------------------------------------------------


def compose(wrappers: list[Entry], core: Entry | None) -> str | None:
    """The PLOVER type of an action inside its wrappers (innermost first)."""
    type_ = core.type if core is not None else None
    for wrapper in reversed(wrappers):
        cls = wrapper.cls
        if cls == "intent":
            type_ = "THREATEN" if type_ in HOSTILE else "REJECT" if type_ == "REJECT" else "AGREE"
        elif cls == "threat":
            type_ = "THREATEN"
        elif cls == "refuse":
            type_ = "REJECT"
        elif cls in ("demand", "request"):
            type_ = "REQUEST"
        elif cls == "decide":  # a decision to give is a promise to give (CAMEO 033)
            type_ = "AGREE" if type_ == "AID" else type_ or wrapper.type
        elif cls == "allow":
            type_ = "CONCEDE"
        elif cls == "prepare":
            type_ = "MOBILIZE" if type_ in HOSTILE else "AGREE"
    return type_


def _kind(wrappers: list[Entry], core: Entry | None, type_: str | None) -> str | None:
    if core is not None and core.kind:
        return core.kind
    if core is not None and core.type == "AID" and type_ == "AGREE":
        return "commitment"
    for wrapper in reversed(wrappers):
        if wrapper.kind:
            return wrapper.kind
    return None


def _modality(head: Token, type_: str | None, wrappers: list[Entry]) -> tuple[str | None, str]:
    """Adjust the type for future, negation and conditions; return it with the status."""
    auxes = _auxiliaries(head)
    negated = any(c.dep_ == "neg" for c in (*head.children, *_copula_children(head)))
    reported_would = "would" in auxes and _reported_in_past(head)  # "said France would not send"
    future = bool(auxes & FUTURE_AUX) or _going_to(head) or reported_would
    modal = bool(auxes & MODAL_AUX) and not reported_would
    unless = any(c.lower_ == "unless" for t in (head, *head.children) for c in t.children if c.dep_ == "mark")
    if type_ is not None and not wrappers and (future or modal):
        # a future protest stays a (planned) protest; other future hostility is a threat (CAMEO 13)
        type_ = "THREATEN" if type_ in HOSTILE - {"PROTEST"} else "AGREE" if type_ in COOPERATIVE else type_
    if negated and type_ is not None:
        if type_ in COOPERATIVE and (future or modal or wrappers):
            type_ = "REJECT"
        elif type_ not in ("REJECT",):
            return None, "past"
    if unless and type_ is not None and type_ not in ("REQUEST",):
        type_ = "THREATEN"
    return type_, _status(head, auxes, future, modal, wrappers)


def _status(head: Token, auxes: set[str], future: bool, modal: bool, wrappers: list[Entry]) -> str:
    if _conditional(head) or modal:
        return "hypothetical"
    if future:
        return "planned"
    if any(w.trigger in PLANNING_LEMMAS for w in wrappers) and head.lemma_.lower() in PLANNING_LEMMAS:
        return "planned"
    if head.tag_ == "VBG" and auxes & PRESENT_BE:
        return "ongoing"
    if head.tag_ in ("VBD", "VBN") or auxes & {"did", "was", "were", "had", "has", "have"}:
        return "past"
    if head.tag_ in ("VBZ", "VBP") and head.lemma_.lower() in ("continue",):
        return "ongoing"
    governor = _governor(head)
    if governor is not None and head.tag_ in ("VB", "VBG") and "to" not in auxes:
        return _status(governor, _auxiliaries(governor), bool(_auxiliaries(governor) & FUTURE_AUX), False, [])
    if head.tag_ == "VB" and governor is not None:  # "tried to hack": the attempt's tense
        return _status(governor, _auxiliaries(governor), bool(_auxiliaries(governor) & FUTURE_AUX), False, [])
    return "past"


def _auxiliaries(token: Token) -> set[str]:
    words = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    if token.pos_ == "ADJ":  # "is willing to": the copula carries tense
        words |= {c.lower_ for c in _copula_children(token) if c.dep_ in ("aux", "auxpass")}
        if token.head != token:
            words.add(token.head.lower_)
    return words


def _copula_children(token: Token) -> list[Token]:
    if token.pos_ == "ADJ" and token.dep_ == "acomp":
        return list(token.head.children)
    return []


def _reported_in_past(head: Token) -> bool:
    """A clause reported by a past-tense verb, where "would" is the future of the past."""
    governor = head.head
    return (
        head.dep_ == "ccomp" and governor.lemma_.lower() in CUE_LEMMAS and governor.tag_ in ("VBD", "VBN")
    ) and not _conditional(head)


def _going_to(head: Token) -> bool:
    governor = head.head
    return head.dep_ == "xcomp" and governor.lemma_ == "go" and governor.tag_ == "VBG"


def _conditional(head: Token) -> bool:
    """Inside "if …", "unless …", or "when …" about the future ("when the government decides")."""
    token = head
    for _ in range(6):
        marks = {c.lower_ for c in token.children if c.dep_ == "mark"}
        if marks & CONDITION_MARKS or ("when" in marks and token.tag_ in ("VBZ", "VBP")):
            return True
        if any(c.dep_ == "advmod" and c.lower_ == "when" for c in token.children) and token.tag_ in (
            "VBZ",
            "VBP",
        ):
            return True
        if token.lemma_.lower() not in CUE_LEMMAS and any(_condition_clause(c) for c in token.children):
            return True  # "the EU was ready to help fund stations if the two sides asked for it"
        if token.head == token:
            return False
        token = token.head
    return False


def _condition_clause(token: Token) -> bool:
    return token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in token.children
    )


def _irrealis(head: Token, questions: list[bool]) -> bool:
    """A trigger that reports no event: a question ("asked whether he agreed"; ``questions`` from
    :func:`_in_question`), a purpose or a noun's complement ("the need to invite", "an invitation to
    join"), or a clause under one of those."""
    if questions[head.i]:
        return True
    if _infinitive(head) and head.dep_ in ("acl", "advcl", "relcl"):
        return True
    if _infinitive(head) and head.dep_ == "xcomp":
        governor = head.head
        if any(c.dep_ == "auxpass" for c in governor.children):
            return True
        if governor.pos_ == "VERB" and governor != head:
            return _irrealis(governor, questions)
    return head.pos_ == "ADJ" and head.lemma_.lower() in NOT_EVENT_ADJECTIVES and not _has_complement(head)


def _has_complement(token: Token) -> bool:
    return any(c.dep_ in COMPLEMENT_DEPS for c in token.children)


def _infinitive(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _governor(token: Token) -> Token | None:
    """The verb a non-finite trigger depends on ("after presenting …, he held", "tried to hack")."""
    current = token
    for _ in range(3):
        if current.dep_ not in ("xcomp", "advcl", "pcomp", "conj", "acl") or current.head == current:
            return None
        current = current.head
        if current.pos_ == "ADP":
            current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return None


MAX_DEPTH = 50  # steps up the tree counted at most (a guard against a malformed parse)


def _in_question(doc: Doc) -> list[bool]:
    """For each token, whether it or a token above it heads a "whether" clause, each token climbed over
    once (a climb from every trigger to its root was quadratic in a long run-on sentence)."""
    asks = [False] * len(doc)
    for token in doc:
        if token.dep_ == "mark" and token.lower_ == "whether":
            asks[token.head.i] = True
    return up_the_tree(head_indices(doc), lambda j, _head: True if asks[j] else None, asks.__getitem__)


def _depths(doc: Doc) -> list[int]:
    """Each token's number of steps up to its root, at most MAX_DEPTH: one walk per token that stops at a
    token already counted, so the whole doc is linear (a walk from every token was quadratic in depth)."""
    heads = head_indices(doc)
    depths: list[int | None] = [None] * len(heads)
    for i in range(len(heads)):
        path: list[int] = []
        j = i
        while depths[j] is None and heads[j] != j and len(path) < MAX_DEPTH:
            path.append(j)
            j = heads[j]
        known = depths[j]
        if known is None and heads[j] != j:  # MAX_DEPTH steps and still climbing: only i is known
            depths[i] = MAX_DEPTH
            continue
        above = known if known is not None else 0
        for steps, k in enumerate(reversed(path), start=1):
            depths[k] = min(MAX_DEPTH, above + steps)
        if not path:
            depths[i] = above
    return [d if d is not None else MAX_DEPTH for d in depths]
