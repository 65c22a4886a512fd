"""Canonical entities within one article: people, organizations, places and plans.

Mentions come from spaCy's named entities, corrected and completed by the shipped gazetteer and a
pattern for named plans ("Victory Plan"). Mentions of the same real-world actor are clustered into
one entity: "Mark Rutte" = "Rutte" = "Rütte"; "the Alliance" = NATO when NATO is named. Roles come
from titles before a name and from appositions; role descriptions ("The Alliance Secretary General")
resolve to the person holding that role (see :mod:`onrecord.extract.roles`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from onrecord.extract.gazetteer import Gazetteer, GazetteerEntry
from onrecord.extract.gender import FirstNames, honorific_sex
from onrecord.extract.names import fold, name_tokens, strip_possessive
from onrecord.extract.spans import CharMask, SpanIndex
from onrecord.ids import content_id
from onrecord.model import Entity, Role, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW"})
# Words start only where a word can ("U.S.", not its "S."; "'Victory", not the "s" of "Ukraine's") and are
# taken whole (possessive *+): a search from every letter of "A.A.A…" was quadratic in its length.
PLAN_PATTERN = re.compile(
    r"(?:(?<![\w.-])(?<!\w[’'])[A-Z](?:[\w’'-]|\.(?=\w))*+[ \t]+){1,4}(?:Plan|Formula|Initiative|Doctrine|Strategy|Programme|Program|Accords?|Pact)\b"
)
_LEADING_DETERMINER = re.compile(r"^(?:the|The|THE|a|A|an|An)\s+")
_TRAILING_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
SURNAME_SIMILARITY = 88  # rapidfuzz ratio at which two surnames are spelling variants (Zelensky/Zelenskyy)
SURNAME_SCAN = 200  # distinct surnames compared in Python; past that, rapidfuzz's process.extract
MAX_NAME_FORMS = 50  # full names with one first and last word compared before none is joined (hostile text)


@dataclass
class Cluster:
    """A canonical entity being built: its mentions, names and roles."""

    key: str
    type: str
    gazetteer: GazetteerEntry | None = None
    names: Counter[str] = field(default_factory=Counter)  # grown through `add_name`, which keeps `name` right
    mentions: list[tuple[int, int]] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    # `name`, kept between calls: it is read for every speaker and lookup, and a max over the names each time
    # was quadratic for a person named thousands of times
    _name: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def name(self) -> str:
        if self.gazetteer is not None:
            return self.gazetteer.canonical
        if self._name is None:
            # the fullest form (most words), then the most frequent, then the first seen
            self._name = max(self.names, key=self._rank)
        return self._name

    def _rank(self, name: str) -> tuple[int, int]:
        return len(name.split()), self.names[name]

    def add_name(self, name: str) -> None:
        """Count one more mention written ``name``; the kept `name` changes only if this one now ranks higher."""
        self.names[name] += 1
        if self._name is not None and name != self._name:
            rank, best = self._rank(name), self._rank(self._name)
            if rank > best:
                self._name = name
            elif rank == best:  # a tie goes to the form seen first: let `name` take the max again
                self._name = None

    def add_role(self, role: Role) -> None:
        """Add a role, or give a known title its organization; `EntityTable.add_role` also files the person."""
        for i, known in enumerate(self.roles):
            if fold(known.title) == fold(role.title):
                if known.organization is None and role.organization is not None:
                    self.roles[i] = role
                return
        self.roles.append(role)


@dataclass(frozen=True)
class RawMention:
    start: int
    end: int
    type: str
    gazetteer: GazetteerEntry | None = None
    generic: bool = False


class EntityTable:
    """The entities of one article while extractors add mentions; `freeze()` yields the records."""

    def __init__(self, article_id: str, text: str, gazetteer: Gazetteer) -> None:
        self.article_id = article_id
        self.text = text
        self.gazetteer = gazetteer
        self.clusters: list[Cluster] = []
        self._by_char: dict[int, tuple[Cluster, int, int]] = {}  # the first mention over each character
        self._mentions: set[tuple[int, int, int]] = set()  # (id(cluster), start, end)
        # every mention in text order, for `mentions_between`: (start, end, id(cluster)), and the clusters by id
        self._in_order: list[tuple[int, int, int]] = []
        self._by_id: dict[int, Cluster] = {}
        self._by_entry: dict[
            int, Cluster
        ] = {}  # id(gazetteer entry) -> its first cluster, for `by_gazetteer`
        # people under each tail of their name's words, for `person_named`. Kept up to date person by person
        # (those renamed since the last lookup wait in ``_renamed``): rebuilding it over every person after
        # each new mention was quadratic when every speaker is looked up by name.
        self._by_suffix: dict[tuple[str, ...], dict[int, Cluster]] = {}
        self._filed_as: dict[int, tuple[str, ...]] = {}  # id(person) -> the name words it is filed under
        self._surnames: dict[str, None] = {}  # the one-word tails there, in a dict to drop one at a time
        self._renamed: dict[int, Cluster] = {}
        # people under each ending of their role titles, alone and with the role's organization, for `holders`
        self._titled: dict[str, dict[int, Cluster]] = defaultdict(dict)
        self._titled_at: dict[tuple[str, str | None], dict[int, Cluster]] = defaultdict(dict)

    # -- building -------------------------------------------------------------------------------
    def add_mention(self, cluster: Cluster, start: int, end: int, *, name: bool = True) -> None:
        if (id(cluster), start, end) in self._mentions:
            return
        self._mentions.add((id(cluster), start, end))
        cluster.mentions.append((start, end))
        insort(self._in_order, (start, end, id(cluster)))
        self._by_id[id(cluster)] = cluster
        if name:
            cluster.add_name(self.text[start:end])
            if cluster.type == "PERSON":
                self._renamed[id(cluster)] = cluster
        for i in range(start, end):
            self._by_char.setdefault(i, (cluster, start, end))

    def merge(self, source: Cluster, target: Cluster) -> None:
        """Move every mention of ``source`` to ``target``."""
        for start, end in source.mentions:
            self._mentions.discard((id(source), start, end))
            del self._in_order[bisect_left(self._in_order, (start, end, id(source)))]
            for i in range(start, end):
                if (found := self._by_char.get(i)) is not None and found[0] is source:
                    del self._by_char[i]
        moved, source.mentions = source.mentions, []
        for start, end in moved:
            self.add_mention(target, start, end)

    def new_cluster(self, key: str, type_: str, gazetteer: GazetteerEntry | None = None) -> Cluster:
        cluster = Cluster(key=key, type=type_, gazetteer=gazetteer)
        self.clusters.append(cluster)
        if gazetteer is not None:
            self._by_entry.setdefault(id(gazetteer), cluster)
        if type_ == "PERSON":
            self._renamed[id(cluster)] = cluster
        return cluster

    def add_role(self, person: Cluster, role: Role) -> None:
        """Give ``person`` a role, and file them for `holders` under every ending of its title."""
        person.add_role(role)
        organization = fold(role.organization) if role.organization is not None else None
        for ending in _endings(title_form(role.title)):
            self._titled[ending].setdefault(id(person), person)
            self._titled_at[ending, organization].setdefault(id(person), person)

    # -- lookup ---------------------------------------------------------------------------------
    def at(self, start: int, end: int) -> Cluster | None:
        """The entity with a mention inside [start, end), preferring people, then the longest mention."""
        found = {(id(m[0]), m[1]): m for i in range(start, end) if (m := self._by_char.get(i)) is not None}
        if not found:
            return None
        return max(found.values(), key=lambda f: (f[0].type == "PERSON", f[2] - f[1], -f[1]))[0]

    def mentions_between(self, start: int, end: int) -> Iterator[tuple[int, int, Cluster]]:
        """The mentions that start in [start, end), the last first: (start, end, cluster). Found by
        bisection, so a look back over a few sentences costs those sentences, not the whole article."""
        k = bisect_left(self._in_order, (end,)) - 1
        while k >= 0 and self._in_order[k][0] >= start:
            mention_start, mention_end, key = self._in_order[k]
            yield mention_start, mention_end, self._by_id[key]
            k -= 1

    def last_mentioned(
        self, start: int, end: int, accept: Callable[[int, int, Cluster], bool]
    ) -> Cluster | None:
        """The entity of the last mention starting in [start, end) that ``accept(start, end, cluster)`` takes;
        of several entities mentioned at that same place, the one listed first in the table."""
        found: list[Cluster] = []
        at = -1
        for mention_start, mention_end, cluster in self.mentions_between(start, end):
            if found and mention_start < at:
                break
            if accept(mention_start, mention_end, cluster):
                found.append(cluster)
                at = mention_start
        return min(found, key=self.clusters.index) if len(found) > 1 else next(iter(found), None)

    def people(self) -> list[Cluster]:
        return [c for c in self.clusters if c.type == "PERSON"]

    def person_named(self, name: str) -> Cluster | None:
        """The person whose name or surname this is, allowing spelling variants ("Rütte"); of several
        ("Trump": Donald and Melania Trump), the one mentioned most, unless two tie."""
        tokens = tuple(name_tokens(name))
        if not tokens:
            return None
        self._file_renamed()
        found = dict(self._by_suffix.get(tokens, {}))
        if len(tokens) == 1:  # a surname: its spelling variants too
            for surname in _variants(tokens[0], list(self._surnames)):
                found.update(self._by_suffix[(surname,)])
        return self._most_mentioned(list(found.values()))

    def _file_renamed(self) -> None:
        """File the people named or renamed since the last lookup under each tail of their name's words
        ("trump", "donald trump"), instead of the tails of their former name. The order people are filed in
        does not matter: `_most_mentioned` chooses by number of mentions and gives up on a tie."""
        for person in self._renamed.values():
            words = tuple(name_tokens(person.name)) if person.names or person.gazetteer else ()
            old = self._filed_as.get(id(person), ())
            if words == old:
                continue
            for k in range(1, len(old) + 1):
                filed = self._by_suffix[old[-k:]]
                del filed[id(person)]
                if not filed:
                    del self._by_suffix[old[-k:]]
                    if k == 1:
                        del self._surnames[old[-1]]
            for k in range(1, len(words) + 1):
                self._by_suffix.setdefault(words[-k:], {})[id(person)] = person
            if words:
                self._surnames[words[-1]] = None
            self._filed_as[id(person)] = words
        self._renamed.clear()

    @staticmethod
    def _most_mentioned(found: list[Cluster]) -> Cluster | None:
        if len(found) > 1:
            found.sort(key=lambda p: len(p.mentions), reverse=True)
            if len(found[0].mentions) == len(found[1].mentions):
                return None
        return found[0] if found else None

    def holders(self, endings: Iterable[str], organization: str | None = None) -> Iterator[Cluster]:
        """Each person once whose role title (`title_form`) is one of ``endings``, ends in one after a space,
        or has one as its last word; with ``organization`` (folded), only roles of it or of none. Roles that
        do not fit otherwise may come too: the caller checks each."""
        seen: set[int] = set()
        for ending in endings:
            if organization is None:
                groups = [self._titled.get(ending, {})]
            else:
                groups = [
                    self._titled_at.get((ending, organization), {}),
                    self._titled_at.get((ending, None), {}),
                ]
            for group in groups:
                for person in group.values():
                    if id(person) not in seen:
                        seen.add(id(person))
                        yield person

    def by_gazetteer(self, entry: GazetteerEntry) -> Cluster | None:
        """The first cluster of a gazetteer entry (looked up for every generic alias and title word)."""
        return self._by_entry.get(id(entry))

    def organization_name(self, start: int, end: int) -> str | None:
        """Canonical name of the organization or country a stretch of text names ("Ukrainian" -> Ukraine)."""
        words = self.text[start:end]
        cluster = self.at(start, end)
        if cluster is not None and cluster.type in {"ORG", "GPE", "MEDIA"}:
            return cluster.name
        country = self.gazetteer.country_of_demonym(strip_possessive(words))
        if country is not None:
            return country.canonical
        entry = self.gazetteer.lookup(strip_possessive(words)) or self._generic(strip_possessive(words))
        return entry.canonical if entry else None

    def _generic(self, words: str) -> GazetteerEntry | None:
        entry = self.gazetteer.lookup_generic(words)
        return entry if entry is not None and self.by_gazetteer(entry) is not None else None

    # -- output ---------------------------------------------------------------------------------
    def freeze(self) -> tuple[tuple[Entity, ...], dict[int, str]]:
        """Entity records in order of first mention, and a map from id(cluster) to entity id.

        Two clusters of one type and name (which no rule merged: a person the speaker rules created
        beside one NER found) are one entity, as their id is a hash of type and name."""
        ordered = sorted((c for c in self.clusters if c.mentions), key=lambda c: min(c.mentions))
        same_id: dict[str, list[Cluster]] = {}
        ids: dict[int, str] = {}
        for cluster in ordered:
            entity_id = content_id("e", self.article_id, cluster.type, cluster.name)
            ids[id(cluster)] = entity_id
            same_id.setdefault(entity_id, []).append(cluster)
        return tuple(self._entity(entity_id, group) for entity_id, group in same_id.items()), ids

    def _entity(self, entity_id: str, clusters: list[Cluster]) -> Entity:
        first = clusters[0]
        mentions = sorted({m for c in clusters for m in c.mentions})
        roles = list(dict.fromkeys(r for c in clusters for r in c.roles))
        return Entity(
            id=entity_id,
            name=first.name,
            type="ORG" if first.type == "MEDIA" else first.type,
            aliases=tuple(sorted({n for c in clusters for n in c.names if n != first.name})),
            roles=tuple(roles),
            mentions=tuple(Span(start=s, end=e, text=self.text[s:e]) for s, e in mentions),
        )


def find_entities(
    doc: Doc,
    article_id: str,
    gazetteer: Gazetteer,
    first_names: FirstNames | None = None,
    outlets: tuple[tuple[int, int], ...] = (),
) -> EntityTable:
    """Collect, correct and cluster the named mentions of ``doc``. ``first_names`` keeps "Mrs. Clinton"
    from joining Bill Clinton when Hillary Clinton is named too; a name inside one of the ``outlets``
    spans (provenance's "reported by Harbour Courier") is a news organization whatever NER called it."""
    table = EntityTable(article_id, doc.text, gazetteer)
    raw = _raw_mentions(doc, table.text, gazetteer, outlets)
    _cluster_named(table, [m for m in raw if m.type != "PERSON" and not m.generic])
    _cluster_people(table, [m for m in raw if m.type == "PERSON"], first_names)
    for mention in raw:  # generic aliases last: they need their canonical actor to be named
        if mention.generic and mention.gazetteer is not None:
            cluster = table.by_gazetteer(mention.gazetteer)
            if cluster is not None:
                table.add_mention(cluster, mention.start, mention.end, name=False)
            else:
                _cluster_named(table, [RawMention(mention.start, mention.end, "ORG")])
    return table


def _raw_mentions(
    doc: Doc, text: str, gazetteer: Gazetteer, outlets: tuple[tuple[int, int], ...] = ()
) -> list[RawMention]:
    taken: list[RawMention] = []
    used = CharMask(len(text))  # the characters of ``taken``, filled once the plans are in
    in_outlet = SpanIndex((start, end, None) for start, end in outlets)

    def take(mention: RawMention) -> None:
        taken.append(mention)
        used.take(mention.start, mention.end)

    for match in gazetteer.pattern.finditer(text):
        entry = gazetteer.lookup(match.group())
        if entry is not None:
            taken.append(RawMention(match.start(), match.end(), entry.type, entry))
    plans = []  # named plans win over the gazetteer names inside them ("the Marshall Plan")
    for match in PLAN_PATTERN.finditer(text):
        start, end = _trim(text, match.start(), match.end())
        start = _skip_leading_names(text, start, end, gazetteer)
        if end - start > 4:
            plans.append(RawMention(start, end, "PLAN"))
            used.take(start, end)
    taken = [m for m in taken if used.free(m.start, m.end)] + plans
    for mention in taken:
        used.take(mention.start, mention.end)
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        start, end = _trim(text, ent.start_char, ent.end_char)
        if end <= start or not used.free(start, end) or not any(ch.isupper() for ch in text[start:end]):
            continue
        if ent.label_ == "PERSON":
            start = skip_leading_titles(text, start, end)
        words = text[start:end]
        entry = gazetteer.lookup(words)
        if entry is not None:
            take(RawMention(start, end, entry.type, entry))
        elif (generic := gazetteer.lookup_generic(words)) is not None:
            take(RawMention(start, end, generic.type, generic, generic=True))
        elif in_outlet.containing(start, end):
            take(RawMention(start, end, "MEDIA"))
        else:
            take(RawMention(start, end, ent.label_))
    taken.extend(_generic_aliases(text, gazetteer, used.free))
    return sorted(taken, key=lambda m: m.start)


def _generic_aliases(text: str, gazetteer: Gazetteer, free: Callable[[int, int], bool]) -> list[RawMention]:
    """Capitalized generic aliases spaCy missed ("the Alliance" inside a role description)."""
    found = []
    for entry in gazetteer.entries:
        for alias in entry.generic_aliases:
            for match in re.finditer(rf"\b{re.escape(alias)}\b", text):
                if free(match.start(), match.end()):
                    found.append(RawMention(match.start(), match.end(), entry.type, entry, generic=True))
    return found


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article, a trailing possessive, and quote marks and whitespace (a line break or no-break
    space NER took in) at either end from a mention."""
    words = text[start:end]
    lead = _LEADING_DETERMINER.match(words)
    if lead:
        start += lead.end()
    words = text[start:end]
    tail = _TRAILING_POSSESSIVE.search(words)
    if tail:
        end -= len(tail.group())
    while end > start and (text[end - 1] in "\"“”'’,." or text[end - 1].isspace()):
        end -= 1
    while start < end and (text[start] in "\"“”'‘" or text[start].isspace()):
        start += 1
    return start, end


HONORIFICS = frozenset(
    """mr mrs ms miss dr prof sir dame lord lady mayor councillor councilor senator sen rep governor gov
    president minister secretary chancellor general gen col colonel captain capt judge justice ambassador
    commissioner chairman chairwoman director professor rev father sister brother king queen prince
    princess pope sheikh emir speaker premier""".split()
)


def skip_leading_titles(text: str, start: int, end: int) -> int:
    """ "Councillor Ruth Evans" -> "Ruth Evans": an honorific or title is not part of the name."""
    while True:
        match = re.match(r"([A-Za-z]+)\.?\s+(?=[A-Z])", text[start:end])
        if not match or match.group(1).lower() not in HONORIFICS:
            return start
        start += match.end()


def _skip_leading_names(text: str, start: int, end: int, gazetteer: Gazetteer) -> int:
    """ "Ukraine's Victory Plan" -> "Victory Plan": a country or body before a plan is its owner."""
    while True:
        match = re.match(r"([\w.-]+)(?:'s|’s)?\s+", text[start:end])
        if not match or not (
            gazetteer.lookup(match.group(1)) or gazetteer.country_of_demonym(match.group(1))
        ):
            return start
        start += match.end()


def _cluster_named(table: EntityTable, mentions: list[RawMention]) -> None:
    by_key: dict[str, Cluster] = {c.key: c for c in table.clusters}
    for mention in mentions:
        words = table.text[mention.start : mention.end]
        if mention.gazetteer is not None:
            key = "gaz:" + fold(mention.gazetteer.canonical)
        else:
            key = f"{mention.type}:" + " ".join(name_tokens(words))
        cluster = by_key.get(key)
        if cluster is None:
            cluster = by_key[key] = table.new_cluster(key, mention.type, mention.gazetteer)
        table.add_mention(cluster, mention.start, mention.end)


def _cluster_people(table: EntityTable, mentions: list[RawMention], first_names: FirstNames | None) -> None:
    """Full names first; a lone surname joins the earlier person with that surname mentioned most so far,
    then the one mentioned last ("Cruz said" after "his wife, Heidi Cruz" is still Ted Cruz), of the sex
    its "Mr."/"Mrs."/"Ms." gives where the first names tell."""
    full = [m for m in mentions if len(name_tokens(table.text[m.start : m.end])) > 1]
    in_full = {id(m) for m in full}
    single = [m for m in mentions if id(m) not in in_full]
    people: list[tuple[list[str], Cluster]] = []  # every distinct name and its person
    named: dict[tuple[str, ...], Cluster] = {}
    by_ends: dict[tuple[str, str], list[tuple[list[str], Cluster]]] = defaultdict(list)  # first and last word
    for mention in full:
        tokens = name_tokens(table.text[mention.start : mention.end])
        cluster = named.get(tuple(tokens))
        if cluster is None:
            cluster = _fuller_form_of(by_ends[tokens[0], tokens[-1]], tokens) or table.new_cluster(
                "PERSON:" + " ".join(tokens), "PERSON"
            )
            named[tuple(tokens)] = cluster
            people.append((tokens, cluster))
            by_ends[tokens[0], tokens[-1]].append((tokens, cluster))
        table.add_mention(cluster, mention.start, mention.end)
    # every name under its last word, with the order it came in
    by_surname: dict[str, list[tuple[int, list[str], Cluster]]] = defaultdict(list)
    for order, (tokens, cluster) in enumerate(people):
        by_surname[tokens[-1]].append((order, tokens, cluster))
    starts = _MentionStarts()
    for mention in single:
        token = name_tokens(table.text[mention.start : mention.end])
        if not token:
            continue
        sex = honorific_sex(table.text, mention.start)
        fits = [
            (t, c)
            for t, c in _with_surname(by_surname, token[0])
            if sex is None or _first_name_sex(t, first_names) in (None, sex)
        ]
        cluster = _surname_owner(starts, fits, mention.start)
        if cluster is None:
            cluster = table.new_cluster("PERSON:" + token[0], "PERSON")
            by_surname[token[-1]].append((len(people), token, cluster))
            people.append((token, cluster))
        table.add_mention(cluster, mention.start, mention.end)


def _with_surname(
    by_surname: dict[str, list[tuple[int, list[str], Cluster]]], surname: str
) -> list[tuple[list[str], Cluster]]:
    """The names so far whose last word is ``surname`` or a spelling variant of it, in the order they came."""
    entries = [entry for key in _variants(surname, list(by_surname)) for entry in by_surname[key]]
    return [(tokens, cluster) for _, tokens, cluster in sorted(entries, key=lambda entry: entry[0])]


def _variants(word: str, words: list[str]) -> list[str]:
    """``words`` that are ``word`` or a spelling variant of it (Zelensky, Zelenskyy), in their order."""
    if len(words) <= SURNAME_SCAN:
        return [w for w in words if w == word or fuzz.ratio(w, word) >= SURNAME_SIMILARITY]
    found = process.extract(word, words, scorer=fuzz.ratio, score_cutoff=SURNAME_SIMILARITY, limit=None)
    return [words[index] for _, _, index in sorted(found, key=lambda f: f[2])]  # thousands: compared in C


def _fuller_form_of(people: list[tuple[list[str], Cluster]], tokens: list[str]) -> Cluster | None:
    """The one person whose every name so far is this one with or without middle names or initials
    ("Donald J. Trump" and "Donald Trump"; not "George H. W. Bush" and "George W. Bush"). ``people`` are
    the names so far with this one's first and last word; past MAX_NAME_FORMS of them none is chosen."""
    if len(people) > MAX_NAME_FORMS:
        return None
    found = {id(c): c for t, c in people if _same_name_but_middle(t, tokens)}
    for other_tokens, cluster in people:
        if id(cluster) in found and not _same_name_but_middle(other_tokens, tokens):
            del found[id(cluster)]
    return next(iter(found.values())) if len(found) == 1 else None


def _same_name_but_middle(a: list[str], b: list[str]) -> bool:
    """Same first and last word; middle names missing from one, or the same, or an initial of the other's."""
    if len(a) < 2 or len(b) < 2 or a[0] != b[0] or a[-1] != b[-1]:
        return False
    middle_a, middle_b = a[1:-1], b[1:-1]
    if not middle_a or not middle_b:
        return True
    return len(middle_a) == len(middle_b) and all(
        _same_or_initial(x, y) for x, y in zip(middle_a, middle_b, strict=True)
    )


def _same_or_initial(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) == 2 and short.endswith(".") and long[0] == short[0] and not long.endswith(".")


def _first_name_sex(tokens: list[str], first_names: FirstNames | None) -> str | None:
    return first_names.sex_of_full_name(tokens) if first_names is not None else None


class _MentionStarts:
    """The starts of each person's mentions in order, caught up with the mentions added since the last look:
    counting every mention of a person again for each lone surname was quadratic when one person is named
    thousands of times."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[int, list[int]]] = {}  # id(person) -> (mentions taken in, their starts)

    def of(self, person: Cluster) -> list[int]:
        taken, starts = self._known.get(id(person), (0, []))
        for start, _ in person.mentions[taken:]:
            insort(starts, start)
        self._known[id(person)] = (len(person.mentions), starts)
        return starts


def _surname_owner(
    starts: _MentionStarts, people: list[tuple[list[str], Cluster]], position: int
) -> Cluster | None:
    """Of ``people`` (names with the lone surname's last word, from `_with_surname`), whom the surname at
    ``position`` stands for."""
    candidates = [(c, starts.of(c)) for _, c in people]
    if not candidates:
        return None
    # (person, mentions before the surname, the last of them)
    before = [(c, n, s[n - 1]) for c, s in candidates if (n := bisect_left(s, position))]
    if before:  # the person with that surname mentioned most so far, then the most recently mentioned
        return max(before, key=lambda b: (b[1], b[2]))[0]
    return min(candidates, key=lambda cs: cs[1][0])[0]


def title_form(title: str) -> str:
    """A role title as descriptions are matched against it: folded, hyphens as spaces ("secretary general")."""
    return fold(title).replace("-", " ")


def _endings(form: str) -> set[str]:
    """The title form itself, what follows each of its spaces, and its last word."""
    endings = {form, *(form[i + 1 :] for i, char in enumerate(form) if char == " ")}
    words = form.split()
    return endings | {words[-1]} if words else endings


def relabel_person_names(table: EntityTable) -> None:
    """A non-person mention whose text is a known person's surname is that person ("Zelenskyy" GPE)."""
    owners: dict[str, Cluster] = {}  # surname -> the first person with it
    for person in (c for c in table.clusters if c.type == "PERSON" and len(c.name.split()) > 1):
        owners.setdefault(name_tokens(person.name)[-1], person)
    for cluster in [c for c in table.clusters if c.type in {"GPE", "ORG", "NORP"} and c.gazetteer is None]:
        tokens = name_tokens(cluster.name)
        if len(tokens) != 1:
            continue
        owner = owners.get(tokens[0])
        if owner is not None:
            table.merge(cluster, owner)
