"""Who took part in an event, and where: participants, places and occasions read off the parse.

The actor is the subject of the frame's outermost trigger (or the agent of a passive; a subject-less
infinitive or conjunct borrows its governor's subject). Targets and recipients come from the innermost
trigger: a direct object that names an actor ("visited Kyiv"), a dative ("gave Tanzania a grant"),
"to/with/against/on/from X", or the owner of the thing acted on ("rejected a US offer"). A direct
object that is a thing ("a Coordination Command", "the Victory Plan") is the event's object. Every
mention is linked to a canonical entity through the entity table; pronouns and role descriptions
("the head of state") are resolved like speakers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from onrecord.extract.entities import Cluster, EntityTable
from onrecord.extract.events_frames import Frame
from onrecord.extract.roles import TITLE_HEADS, resolve_description
from onrecord.extract.spans import sentence_start_back

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "MEDIA"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
PEOPLE_NOUNS = frozenset(
    """government authority army force troop soldier police official officer leader minister president
    rebel militant guerrilla fighter militia insurgent protester demonstrator student worker farmer
    refugee civilian citizen people resident villager detainee prisoner hostage diplomat ambassador
    envoy delegation negotiator inspector monitor observer peacekeeper journalist lawmaker parliament
    court party member ally partner neighbor neighbour country state nation regime administration
    ministry council committee commission agency group faction opposition side community population
    candidate leadership union organization organisation alliance coalition bloc junta cabinet
    counterpart colleague palestinian israeli kurd settler national alien landowner youth child woman man victim""".split()
)
PARTITIVES = frozenset(
    """group number thousand hundred dozen score ten million some many most all part majority contingent
    batch patch wave team""".split()
)
TARGET_PREPS = frozenset(
    {
        "to",
        "with",
        "against",
        "on",
        "upon",
        "from",
        "into",
        "toward",
        "towards",
        "between",
        "at",
        "for",
        "over",
    }
)
RECIPIENT_PREPS = frozenset({"to", "for"})
PLACE_PREPS = frozenset({"in", "at", "near", "inside", "outside"})
PLACE_NOUNS = frozenset(
    {
        "city",
        "town",
        "village",
        "capital",
        "region",
        "province",
        "district",
        "area",
        "state",
        "county",
        "port",
    }
)
OCCASION_NOUNS = frozenset(
    {
        "summit",
        "meeting",
        "conference",
        "session",
        "forum",
        "congress",
        "gathering",
        "ministerial",
        "talks",
        "convention",
        "assembly",
    }
)
FUTURE_WORDS = frozenset({"next", "upcoming", "coming", "forthcoming", "future"})
GIVING_TYPES = frozenset({"AID", "AGREE", "COOPERATE", "SUPPORT"})
# types whose target may be the owner of the thing acted on ("rejected a US offer")
OWNER_TARGET_TYPES = frozenset(
    """SUPPORT CONCEDE RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST SANCTION COERCE ASSAULT FIGHT
    INVESTIGATE""".split()
)
# types whose target is the place acted on when no actor is named ("imposed a curfew in Cizre")
PLACE_TARGET_TYPES = frozenset(
    "CONCEDE RETREAT REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT FIGHT".split()
)
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})
THING_PRONOUNS = frozenset({"it", "its"})
GROUP_PRONOUNS = frozenset({"they", "them", "their"})
PRONOUN_REACH = 3  # sentences back a pronoun may find its antecedent


@dataclass(frozen=True)
class Mention:
    """A participant, place or owner as written, and the entity it resolves to."""

    role: str  # actor | target | recipient | object | place | owner
    start: int  # the words as written (a pronoun stays a pronoun)
    end: int
    text: str  # the words naming it: the antecedent's words for a pronoun
    cluster: Cluster | None


@dataclass(frozen=True)
class Occasion:
    """A meeting an event happened at: "the NATO leaders' summit in Washington in July"."""

    token: Token
    owner: Mention | None
    place: Mention | None
    future: bool


class RoleReader:
    """Reads participants and places of frames against one article's entity table."""

    def __init__(self, doc: Doc, table: EntityTable) -> None:
        self.doc = doc
        self.table = table
        self.text = table.text  # the Doc rebuilds its text from the tokens at every access

    # ---- participants ---------------------------------------------------------------------------

    def participants(self, frame: Frame) -> list[Mention]:
        actor = self.actor_token(frame)
        if actor is not None and actor.i in frame.tokens:  # "Palestinian riots … are continuing"
            actor = next(iter(self._owners([actor])), None)
        found = [self.mention(t, "actor") for t in _conjuncts(actor)]
        actor_ids = {t.i for t in _conjuncts(actor)}
        actors = {id(m.cluster) for m in found if m is not None and m.cluster is not None}
        targets = [(r, t) for r, t in self._targets(frame) if t.i not in actor_ids]
        for role, token in _dedupe(targets):
            for t in _conjuncts(token):
                mention = self.mention(t, role) if t.i not in actor_ids else None
                if mention is not None and id(mention.cluster) in actors and role != "object":
                    if t.pos_ == "PROPN":
                        continue  # the actor named again is not its own target
                    mention = replace(mention, cluster=None)  # "met the president": another president
                found.append(mention)
        return [m for m in found if m is not None]

    def actor_token(self, frame: Frame) -> Token | None:
        """The subject of a trigger, the agent of a passive, or the subject it borrows."""
        token = frame.head
        for _ in range(5):
            agent = _agent(token)
            if agent is not None:
                return agent
            passive = _passive_subject(token)
            if passive is not None:  # "Vietnam is committed to …"; "a decision was made": none
                intent = token.i == frame.head.i and frame.classes[:1] == ("intent",)
                return passive if intent and passive.lower_ != "it" else None
            subject = _subject(token)
            if subject is not None:
                return subject
            if token.dep_ not in ("xcomp", "conj", "advcl", "pcomp", "acomp", "ccomp") or token.head == token:
                return None
            token = token.head
            if token.pos_ == "ADP":
                token = token.head
        return None

    def _targets(self, frame: Frame) -> list[tuple[str, Token]]:
        if frame.asked is not None:  # a request's target is the one asked
            return [("target", frame.asked)]
        core = frame.core
        giving = frame.type in GIVING_TYPES or frame.kind == "commitment"
        targets: list[tuple[str, Token]] = []
        passive = _passive_subject(frame.head)
        objects = [c for c in core.children if c.dep_ in ("dobj", "attr") and c.i not in frame.tokens]
        if passive is not None and passive.i not in frame.tokens and passive.lower_ != "it":
            objects.insert(0, passive)  # "three civilians were killed", "a camp was attacked"
        for child in core.children:
            if child.dep_ == "dative" and child.pos_ != "ADP":
                targets.append(("recipient" if giving else "target", child))
        for obj in objects:
            if frame.dobj != "object" and self.actor_like(obj):
                targets.append(("target", obj))
            else:
                targets.append(("object", obj))
        for host in _prep_hosts(frame, objects):
            for prep in (c for c in host.children if c.dep_ in ("prep", "dative")):
                if _target_prep(prep, host):
                    role = "recipient" if giving and prep.lower_ in RECIPIENT_PREPS else "target"
                    targets.extend((role, t) for t in self._prep_targets(prep, nested=True))
        if not _has_target(targets) and frame.type in OWNER_TARGET_TYPES:
            targets.extend(
                ("target", t) for t in self._owners([o for r, o in targets if r == "object"] or [core])
            )
        if not _has_target(targets) and frame.classes and frame.core.i == frame.head.i:
            targets.extend(("target", t) for t in self._clause_targets(frame.core))
        if not _has_target(targets) and frame.type == "PROTEST":
            targets.extend(("target", t) for t in self._purpose_targets(frame.head))
        return targets

    def _prep_targets(self, prep: Token, *, nested: bool) -> list[Token]:
        """Actors a preposition introduces: "to Ukraine", "against Israeli policies" (the policies'
        owner), "into the computers of South Korean officers" (one level down)."""
        found = []
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            if self.actor_like(pobj):
                if not self._is_place_only(pobj, prep):
                    found.append(pobj)
                continue
            if prep.lower_ == "at" or pobj.lemma_.lower() in OCCASION_NOUNS:
                continue  # "at the summit": where, not whom
            owners = self._owners([pobj])
            if owners:
                found.extend(owners)
            elif nested:
                for inner in (c for c in pobj.children if c.dep_ == "prep" and _target_prep(c, pobj)):
                    found.extend(self._prep_targets(inner, nested=False))
        return found

    def _clause_targets(self, wrapper: Token) -> list[Token]:
        """ "decided to make the path to membership irreversible for Ukraine": the beneficiary."""
        for clause in (c for c in wrapper.children if c.dep_ in ("xcomp", "ccomp")):
            for word in ("for", "to", "with"):
                for token in clause.subtree:
                    if token.dep_ == "prep" and token.lower_ == word:
                        found = [t for t in self._prep_targets(token, nested=False) if t.pos_ != "PRON"]
                        if found:
                            return found
        return []

    def _purpose_targets(self, head: Token) -> list[Token]:
        """Whom a protest is against: "… to demand the resignation of President X"."""
        for clause in (c for c in head.children if c.dep_ in ("advcl", "xcomp", "acl")):
            for token in clause.subtree:
                if token.dep_ == "prep" and token.lower_ in ("of", "by", "from", "against"):
                    found = self._prep_targets(token, nested=False)
                    if found:
                        return found
        return []

    def _owners(self, things: list[Token]) -> list[Token]:
        """ "rejected a US offer", "praised Haiti's efforts", "expelled two Russian diplomats"."""
        found = []
        for thing in things:
            for child in thing.children:
                if child.dep_ in ("poss", "compound", "amod", "nmod") and self._names_actor(child):
                    found.append(child)
        return found

    def _is_place_only(self, pobj: Token, prep: Token) -> bool:
        """ "return to Geneva", "arrived at Kabul": a city reached is a place, not a target."""
        return prep.lower_ in ("at",) and self._entity_type(pobj) in PLACE_TYPES

    # ---- places and occasions -------------------------------------------------------------------

    def place(self, frame: Frame) -> Mention | None:
        hosts = [*frame.chain, *[c for c in frame.core.children if c.dep_ in ("dobj", "nsubjpass")]]
        subject = self.actor_token(frame)
        if subject is not None:
            hosts.append(subject)  # "NATO in Washington has decided"
        for host in hosts:
            for prep in (c for c in host.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    place = self.place_token(pobj)
                    if place is not None:
                        return self.mention(place, "place")
        if frame.kind == "visit":
            for obj in (c for c in frame.core.children if c.dep_ == "dobj"):
                if self._entity_type(obj) in PLACE_TYPES:
                    return self.mention(obj, "place")
        return None

    def place_token(self, token: Token) -> Token | None:
        """The named place in "Wiesbaden", "the German city of Wiesbaden", "the Verkhovna Rada"."""
        if token.lemma_.lower() in OCCASION_NOUNS:
            return None
        kind = self._entity_type(token)
        if kind in PLACE_TYPES or (kind == "ORG" and token.pos_ == "PROPN"):
            return token
        for prep in (c for c in token.children if c.dep_ == "prep"):
            if prep.lower_ == "of" and token.lemma_.lower() in PLACE_NOUNS or prep.lower_ in ("in", "near"):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    if self._entity_type(pobj) in PLACE_TYPES:
                        return pobj  # "the city of Wiesbaden", "a jail in northern Israel"
        return None

    def occasion(self, frame: Frame) -> Occasion | None:
        """A meeting the event took place at ("at the NATO leaders' summit …")."""
        for host in frame.chain:
            for prep in (c for c in host.children if c.dep_ == "prep" and c.lower_ in ("at", "during", "on")):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    if pobj.lemma_.lower() in OCCASION_NOUNS:
                        return self.occasion_at(pobj)
        return None

    def occasion_at(self, noun: Token) -> Occasion:
        owner = None
        for token in noun.subtree:
            if token.i >= noun.i and not _of_phrase(noun, token):
                continue
            if self._entity_type(token) in ("ORG", "GPE"):
                owner = self.mention(token, "owner")
                break
        place = None
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                named = self.place_token(pobj)
                if named is not None and place is None:
                    place = self.mention(named, "place")
        future = any(c.lower_ in FUTURE_WORDS for c in noun.children if c.dep_ == "amod")
        return Occasion(token=noun, owner=owner, place=place, future=future)

    # ---- mentions -------------------------------------------------------------------------------

    def mention(self, token: Token | None, role: str) -> Mention | None:
        if token is None:
            return None
        start, end = _extent(token)
        text = self.text[start:end]
        if token.pos_ == "PRON":
            antecedent = self._antecedent(token)
            if antecedent is None:
                return None
            words, cluster = antecedent
            return Mention(
                role=role, start=token.idx, end=token.idx + len(token), text=words, cluster=cluster
            )
        return Mention(
            role=role, start=start, end=end, text=text, cluster=self._cluster(token, start, end, role)
        )

    def _cluster(self, token: Token, start: int, end: int, role: str) -> Cluster | None:
        """The entity a phrase names: its head word's, a role description's ("the head of state"), or,
        for an actor or target, its owner's ("Israeli jets", "the Ivory Coast's Supreme Court")."""
        cluster = self.table.at(token.idx, token.idx + len(token))
        if cluster is not None:
            return cluster
        words = self.doc.char_span(start, end, alignment_mode="expand")
        if words is not None and any(t.lower_ in TITLE_HEADS or t.lower_ == "head" for t in words):
            described = resolve_description(words, self.table, allow_bare=True)
            if described is not None:
                self.table.add_mention(described, start, end, name=False)
                return described
        if role in ("object", "place"):
            return None  # "a NATO-Ukraine Coordination Command" is not NATO
        for child in token.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                owner = self.table.at(child.idx, child.idx + len(child))
                if owner is not None and owner.type in ACTOR_TYPES:
                    return owner
        return None

    def _antecedent(self, pronoun: Token) -> tuple[str, Cluster | None] | None:
        """A pronoun's referent: the subject of the clause that reports it ("Hungary said it will …"),
        else the nearest earlier entity of a fitting type."""
        lower = pronoun.lower_
        clause = pronoun.head
        if pronoun.dep_ in ("nsubj", "nsubjpass", "poss") and clause.dep_ in (
            "ccomp",
            "xcomp",
            "conj",
            "advcl",
        ):
            governor = clause.head
            subject = _subject(governor) or _agent(governor)
            if subject is not None and subject.pos_ != "PRON" and self._fits(lower, subject):
                start, end = _extent(subject)
                return self.text[start:end], self._cluster(subject, start, end, "actor")
        reach = sentence_start_back(self.doc, pronoun, PRONOUN_REACH)
        # read back from the pronoun (not every mention of every entity: quadratic in a long article)
        cluster = self.table.last_mentioned(
            reach, pronoun.idx, lambda _s, _e, c: self._fits_cluster(lower, c)
        )
        return (cluster.name, cluster) if cluster is not None else None

    def _fits(self, pronoun: str, token: Token) -> bool:
        kind = self._entity_type(token)
        if pronoun in PERSON_PRONOUNS:
            return kind == "PERSON" or (kind is None and token.lemma_.lower() in TITLE_HEADS)
        if pronoun in THING_PRONOUNS:
            return kind != "PERSON"
        return True

    @staticmethod
    def _fits_cluster(pronoun: str, cluster: Cluster) -> bool:
        if pronoun in PERSON_PRONOUNS:
            return cluster.type == "PERSON"
        if pronoun in THING_PRONOUNS:
            return cluster.type in ("ORG", "GPE", "MEDIA")
        if pronoun in GROUP_PRONOUNS:
            return cluster.type in ("ORG", "GPE", "NORP")
        return False

    def actor_like(self, token: Token) -> bool:
        """Whether a noun phrase names an actor (an entity, a people word, a personal pronoun)."""
        if token.pos_ == "PRON":
            return token.lower_ not in ("it", "this", "that", "which", "what", "nothing", "something")
        if self._names_actor(token):
            return True
        inner = _partitive_member(token)
        return inner is not None and self._names_actor(inner)

    def _names_actor(self, token: Token) -> bool:
        return self._entity_type(token) in ACTOR_TYPES or token.lemma_.lower() in PEOPLE_NOUNS

    def _entity_type(self, token: Token) -> str | None:
        cluster = self.table.at(token.idx, token.idx + len(token))
        if cluster is not None:
            return cluster.type
        return token.ent_type_ or None


# ---- parse helpers --------------------------------------------------------------------------------


def _subject(token: Token) -> Token | None:
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "csubj")), None)
    if subject is None and token.pos_ == "ADJ" and token.dep_ == "acomp":  # "it is willing to …"
        subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ in ("there", "who", "which", "that"):
        if subject.lower_ in ("who", "which", "that") and token.dep_ == "relcl":
            return token.head
        return None
    return subject


def _agent(token: Token) -> Token | None:
    for agent in (c for c in token.children if c.dep_ == "agent"):
        return next((c for c in agent.children if c.dep_ == "pobj"), None)
    return None


def _passive_subject(token: Token) -> Token | None:
    return next((c for c in token.children if c.dep_ == "nsubjpass"), None)


def _prep_hosts(frame: Frame, objects: list[Token]) -> list[Token]:
    """Tokens whose prepositions may carry targets: the core, the head, the objects and the things an
    object is a part of ("part of a military aid program for Bosnia")."""
    hosts = [frame.core, *objects]
    for obj in objects:
        for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"):
            hosts.extend(
                c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() not in PEOPLE_NOUNS
            )
    hosts.extend(t for t in frame.chain if t not in hosts)
    return hosts


def _target_prep(prep: Token, host: Token) -> bool:
    """Prepositions that introduce a target; "of" and "by" only after an event or thing noun
    ("the invasion of South Lebanon", "a ban by General Aoun")."""
    word = prep.lower_
    if word in TARGET_PREPS:
        return True
    return word in ("of", "by") and host.pos_ == "NOUN" and host.lemma_.lower() not in PEOPLE_NOUNS


def _has_target(targets: list[tuple[str, Token]]) -> bool:
    return any(role in ("target", "recipient") for role, _ in targets)


def _conjuncts(token: Token | None) -> list[Token]:
    if token is None:
        return []
    inner = _partitive_member(token)
    base = inner if inner is not None else token
    return [base, *[c for c in base.conjuncts if c.i > base.i]]


def _partitive_member(token: Token) -> Token | None:
    """ "A group of Moroccan diplomats" -> diplomats."""
    if token.lemma_.lower() not in PARTITIVES:
        return None
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def _extent(token: Token) -> tuple[int, int]:
    """Character extent of a noun phrase without its conjuncts, clauses and trailing prepositions,
    keeping an "of" phrase ("the president of Armenia")."""
    left = token
    for child in token.lefts:
        if child.dep_ in ("cc", "conj", "punct", "prep", "advmod", "mark"):
            continue
        left = min(left, child.left_edge, key=lambda t: t.i)
        break
    while left.i < token.i and (
        left.pos_ in ("DET", "PUNCT", "CCONJ") or left.is_space or left.lower_ in ("'s", "’s")
    ):
        left = token.doc[left.i + 1]
    right = token
    for child in token.rights:
        of_phrase = (
            child.dep_ == "prep" and child.lower_ == "of" and token.pos_ == "NOUN" and right.i == token.i
        )
        if child.dep_ in ("compound", "flat", "nummod") or of_phrase:
            right = child.right_edge
        else:
            break
    return left.idx, right.idx + len(right)


def _of_phrase(noun: Token, token: Token) -> bool:
    return token.head.dep_ == "prep" and token.head.lower_ == "of" and token.head.head == noun


def _dedupe(targets: list[tuple[str, Token]]) -> list[tuple[str, Token]]:
    seen: set[int] = set()
    kept = []
    for role, token in targets:
        if token.i not in seen:
            seen.add(token.i)
            kept.append((role, token))
    return kept
