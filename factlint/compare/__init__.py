"""Stage 4 — compare: rule types are plug-ins behind one interface.

A rule type (factlint/compare/<type>.py, listed in factlint/registry.py) groups claims by
key — never by pairs of documents — and yields findings. A rule file in rules/checks/
picks a type, a severity, parameters, message templates and examples. Rule types read
only claims (factlint/model.py) and the vocabulary (factlint/lexicon), never an extractor.
Claims from page furniture (captions, related-news lists) are never compared.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import ClassVar, Iterable

from pydantic import BaseModel, ConfigDict

from factlint.messages import Phrasebook, parse, render
from factlint.model import (COMPARED_ZONES, HONORIFIC, OFFICE, ROLE, SEVERITY_RANK, Claim, Finding, RoleScope,
                            close_in_time)


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    zones: list[str] = list(COMPARED_ZONES)


class Rule:
    type: ClassVar[str]
    kinds: ClassVar[tuple[str, ...]]  # claim kinds the rule reads
    Params: ClassVar[type[Params]] = Params
    # message key -> the fields its templates may name (rule files give the templates)
    MESSAGES: ClassVar[dict[str, frozenset[str]]] = {}
    # Whether two values that as many documents give are reported as "the sources
    # disagree" with no suggestion (facts), rather than by suggesting one (style).
    DISAGREE: ClassVar[bool] = True

    def __init__(self, spec, lexicon, lang: str = "en"):
        self.spec = spec
        self.id = spec.id
        self.severity = spec.severity
        self.params = self.Params.model_validate(spec.params)
        self.lexicon = lexicon
        templates = {**spec.message.get("en", {}), **spec.message.get(lang, {})}
        self._templates = {key: parse(t, self.MESSAGES[key]) for key, t in templates.items()}
        self.phrase = Phrasebook(lexicon.vocab.messages, lang)  # the vocabulary's shared phrases

    def claims(self, by_kind: dict[str, list[Claim]]) -> list[Claim]:
        zones = set(self.params.zones)
        return [c for k in self.kinds for c in by_kind.get(k, ()) if c.zone in zones]

    def check(self, by_kind: dict[str, list[Claim]]) -> Iterable[Finding]:
        raise NotImplementedError

    def message(self, key: str = "default", **fields) -> str:
        """The rule file's template for `key`, filled in."""
        return render(self._templates[key], fields)

    def at_most(self, severity: str) -> str:
        """`severity`, but never above the rule's own (a project that lowers a rule lowers
        all its findings)."""
        return min(severity, self.severity, key=SEVERITY_RANK.__getitem__)

    def finding(self, **kw) -> Finding:
        """A finding of this rule, at the rule's severity unless `severity` says otherwise."""
        kw.setdefault("severity", self.severity)
        return Finding(rule=self.id, **kw)


_ORDER: dict[str, int] = {}  # document -> its rank in the corpus (set by compare)


def position(c: Claim) -> tuple[int, str, int]:
    """Where a claim stands in the corpus, for every "first one wins" decision: the rank of
    its document, then its offset. Documents are ranked in the order the pipeline reads
    them (by path relative to the settings' root), never by the path shown (relative to
    the working folder), so a tie is broken the same way from any folder."""
    return (_ORDER.get(c.doc, len(_ORDER)), c.doc, c.start)


def build_checks(specs, lexicon, lang: str = "en") -> list[Rule]:
    from factlint.registry import rule_class

    return [rule_class(s.type)(s, lexicon, lang) for s in specs]


def compare(claims: list[Claim], rules: list[Rule]) -> list[Finding]:
    """Every rule over the claims, given in corpus order (see `position`)."""
    _ORDER.clear()
    by_kind: dict[str, list[Claim]] = {}
    for c in claims:
        _ORDER.setdefault(c.doc, len(_ORDER))
        by_kind.setdefault(c.kind, []).append(c)
    findings = [f for rule in rules for f in rule.check(by_kind)]
    return sorted(findings, key=Finding.sort_key)


def tally(claims: list[Claim], value=lambda c: c.value) -> dict[str, tuple[int, int]]:
    """value -> (documents, mentions)."""
    docs: dict[str, set] = {}
    mentions: Counter = Counter()
    for c in claims:
        v = value(c)
        docs.setdefault(v, set()).add(c.doc)
        mentions[v] += 1
    return {v: (len(docs[v]), mentions[v]) for v in mentions}


def describe(phrase: Phrasebook, counts: tuple[int, int]) -> str:
    """How much supports a value: "4 mentions in 3 documents"."""
    documents, mentions = counts
    return phrase("support", mentions=mentions, documents=documents)


def majority(phrase: Phrasebook, claims: list[Claim], value=lambda c: c.value,
             preferred: str | None = None, weight=None) -> tuple[str, str]:
    """The value most sources support, and why: the vocabulary's preferred form wins, then
    more documents, then more mentions, then extra weight (e.g. a fully introduced name),
    then the earliest mention."""
    counts = tally(claims, value)
    if preferred is not None and preferred in counts:
        return preferred, phrase("why-preferred")
    first: dict[str, tuple] = {}
    bonus: Counter = Counter()
    for c in claims:
        first.setdefault(value(c), position(c))
        if weight:
            bonus[value(c)] += weight(c)
    best = min(counts, key=lambda v: (-counts[v][0], -counts[v][1], -bonus[v], first[v]))
    ranked = sorted(counts.values(), reverse=True)
    if len(ranked) > 1 and ranked[0] == ranked[1]:
        why = phrase("why-tie")
    else:
        why = phrase("why-supported", support=describe(phrase, counts[best]))
    return best, why


def split_conflict(rule: Rule, claims: list[Claim], subject: str, message, *, value=lambda c: c.value,
                   shown=lambda c: c.display or c.value, preferred=None, weight=None,
                   why=lambda choice: choice, disagree_fields: dict | None = None) -> list[Finding]:
    """One finding per value that disagrees with the best supported one; or, when no value
    has more documents behind it than another and they come from different documents, one
    finding saying that the sources disagree, with every side and no suggestion (a rule
    of style, DISAGREE false, suggests one anyway).

    `message(outlier_shown, expected_shown)` words the finding; `why(choice)` says why the
    claims were compared, given why the suggested value was chosen; `disagree_fields` are
    the rule's own fields of its "disagree" message."""
    phrase = rule.phrase
    counts = tally(claims, value)
    if rule.DISAGREE and preferred not in counts and _undecided(claims, counts):
        return [_disagreement(rule, claims, subject, value, shown, counts, why, disagree_fields or {})]
    best, choice = majority(phrase, claims, value, preferred, weight)
    forms: dict[str, Counter] = {}
    for c in claims:
        forms.setdefault(value(c), Counter())[shown(c)] += 1
    # the most used way of writing each value, whatever order the files came in
    show = {v: min(f, key=lambda form: (-f[form], form)) for v, f in forms.items()}
    others = [c for c in claims if value(c) == best]
    findings = []
    for v in sorted(counts, key=lambda v: (-counts[v][0], v)):
        if v == best:
            continue
        outl = [c for c in claims if value(c) == v]
        findings.append(rule.finding(
            message=message(show[v], show[best]), subject=subject, expected=show[best],
            values=[show[v], show[best]], sides=outl + others, outliers=len(outl),
            why=why(choice),
            support={show[v]: describe(phrase, counts[v]), show[best]: describe(phrase, counts[best])}))
    return findings


def _undecided(claims, counts) -> bool:
    """The two best supported values are given by as many documents, not all one."""
    ranked = sorted(counts.values(), reverse=True)
    if len(ranked) < 2 or ranked[0][0] != ranked[1][0]:
        return False
    return len({c.doc for c in claims}) > 1


def _disagreement(rule, claims, subject, value, shown, counts, why, fields) -> Finding:
    forms: dict[str, str] = {}
    for c in claims:
        forms.setdefault(value(c), shown(c))
    first = value(claims[0])
    sides = [c for c in claims if value(c) == first] + [c for c in claims if value(c) != first]
    values = list(dict.fromkeys(forms[value(c)] for c in sides))
    return rule.finding(
        message=rule.message("disagree", subject=subject, values=" / ".join(values), **fields),
        subject=subject, expected=None, values=values, sides=sides,
        outliers=sum(value(c) == first for c in claims), why=why(rule.phrase("why-disagree")),
        support={forms[v]: describe(rule.phrase, counts[v]) for v in counts})


def split_unsaid(claims: list, attribute) -> list[list]:
    """Claims split by an attribute that may be unsaid (None): a claim that does not say
    it joins the only group that does, else it is left out."""
    groups: dict = {}
    unsaid = []
    for c in claims:
        value = attribute(c)
        (unsaid if value is None else groups.setdefault(value, [])).append(c)
    if not groups:
        return [unsaid]
    if len(groups) == 1:
        next(iter(groups.values())).extend(unsaid)
    return list(groups.values())


_MEMO: dict = {}  # what several rules of one run build from the same claims (Stories.of, People.of)


class Stories:
    """Which documents tell one story: two documents do when they write rare names in
    common (three names each written by few documents of the corpus — in a folder of one
    story, every name of it; in a big corpus, the names of one event, not "Hà Nội" — or two
    when a document writes no more). The relation is asked of pairs, never closed over a
    corpus: a chain of weak links would make one story of a whole news archive. Things
    without a proper name of their own — a fire, a landing, a toll — are compared only
    within a story; a document is always a story with itself."""

    MIN_SHARED = 3
    RARE_SHARE = 0.01  # a name written by more than this share of the documents is common…
    RARE_FLOOR = 10  # …unless so few write it (small corpora: every name is rare)
    EVENT_SHARE = 0.25

    def __init__(self, by_kind: dict[str, list[Claim]]):
        topics = {c.doc: c.data.names for c in by_kind.get("topic", ())}
        df: Counter = Counter(n for names in topics.values() for n in names)
        limit = max(self.RARE_FLOOR, self.RARE_SHARE * len(topics))
        self.rare = {doc: frozenset(n for n in names if df[n] <= limit) for doc, names in topics.items()}

    @classmethod
    def of(cls, by_kind) -> Stories:
        """The stories of these claims, built once for all the rules of a run."""
        topics = by_kind.get("topic", ())
        if _MEMO.get("stories-of") is not topics:
            _MEMO["stories-of"], _MEMO["stories"] = topics, cls(by_kind)
        return _MEMO["stories"]

    def together(self, a: str, b: str, ignore: frozenset = frozenset()) -> bool:
        """Whether documents a and b tell one story; names in `ignore` (those of the very
        claims being compared) do not count."""
        if a == b:
            return True
        ra, rb = self.rare.get(a, frozenset()), self.rare.get(b, frozenset())
        need = min(self.MIN_SHARED, max(2, min(len(ra), len(rb))))
        return len((ra & rb) - ignore) >= need

    def same_event(self, a: str, b: str, ignore: frozenset = frozenset()) -> bool:
        """A stricter `together`: the documents share a good part (EVENT_SHARE) of the rare
        names of the shorter one, not only a few (the roster of one club is not one match)."""
        if a == b:
            return True
        ra, rb = self.rare.get(a, frozenset()) - ignore, self.rare.get(b, frozenset()) - ignore
        return len(ra & rb) >= max(self.MIN_SHARED, self.EVENT_SHARE * min(len(ra), len(rb)))

    def split(self, claims: list, strict: bool = False) -> list[list]:
        """Claims split by story: documents linked to each other, directly or through the
        other documents of these claims only (`strict`: linked as one event, `same_event`)."""
        linked = self.same_event if strict else self.together
        docs = sorted({c.doc for c in claims})
        parent = {d: d for d in docs}

        def find(d):
            while parent[d] != d:
                parent[d] = parent[parent[d]]
                d = parent[d]
            return d

        for i, a in enumerate(docs):
            for b in docs[i + 1:]:
                if find(a) != find(b) and linked(a, b):
                    parent[find(a)] = find(b)
        groups: dict[str, list] = {}
        for c in claims:
            groups.setdefault(find(c.doc), []).append(c)
        return list(groups.values())


# ---- people: which person claims are one person ------------------------------------------

# evidence that two mentions are one person (People.evidence)
UNIQUE_ROLE, SAME_ROLE, SAME_AGE, SAME_DOCUMENT, SAME_STORY = "unique-role", "role", "age", "document", "story"
FOREIGN_FORMS = frozenset(("foreign", "east_asian", "mononym"))
_AGE_GAP = 3  # years: ages further apart are two people, not a slip


def unique_role(lexicon, title: str, scope, home: str | None = None) -> tuple | None:
    """The key of a role one person holds at a time (a unique title of titles.toml, with
    the qualifiers its `unique_scope` asks for, else with a country or an organisation),
    or None. `home`: the country a title without qualifiers is of (a Vietnamese name
    with "Thủ tướng" is the Prime Minister of Việt Nam)."""
    if not lexicon.title_unique.get(title):
        return None
    if home and title in lexicon.title_home and not (scope.of or scope.org or scope.at):
        scope = replace(scope, of=home)
    needs = lexicon.title_unique_scope.get(title)
    if needs:
        if not all(getattr(scope, q) for q in needs):
            return None
        return (title, *(getattr(scope, q) for q in needs))
    if not (scope.org or scope.of):
        return None
    return (title, scope.org, scope.of)


class People:
    """Which person claims that write a name in different ways are one person, and why.

    Two mentions are one person when nothing tells them apart (a man and a woman, two
    different roles, ages years apart) and something ties them together: the one role a
    person holds at a time (a unique title of titles.toml with its country or organisation,
    in the same days), or — within one story (`Stories`) — the same role or title, the same
    age, or, for a foreign name, the story itself (one article rarely has two foreigners
    whose names are one letter apart). A Vietnamese name with nothing but a story in common
    is not enough: lists of people with near names are common ("Nguyễn Văn Hùng, Nguyễn
    Văn Hưng")."""

    @classmethod
    def of(cls, lexicon, by_kind, window_days: int = 365) -> People:
        """The people of these claims, built once per run and window."""
        persons = by_kind.get("person", ())
        key = (id(lexicon), window_days)
        if _MEMO.get("people-of") is not persons:
            _MEMO["people-of"], _MEMO["people"] = persons, {}
        got = _MEMO["people"].get(key)
        if got is None:
            got = _MEMO["people"][key] = cls(lexicon, by_kind, window_days)
        return got

    def __init__(self, lexicon, by_kind, window_days: int = 365):
        self.lexicon = lexicon
        self.stories = Stories.of(by_kind)
        self.window_days = window_days
        key = lexicon.folder.key
        people = lexicon.vocab.people.intro
        self.former = {key(w) for w in lexicon.former}
        self.gender_of = {**{key(w): "m" for w in people.male}, **{key(w): "f" for w in people.female}}
        self._roles: dict[int, tuple] = {}
        self._said: dict[tuple, tuple] = {}
        self.memo: dict = {}  # what the rules of one run build from these people
        self._own: dict[int, frozenset] = {}
        homes = lexicon.vocab.events.home_places
        self.home = lexicon.place(homes[0]) or homes[0] if homes else None

    def compared(self, claims) -> list:
        """Person claims whose name can be compared (never a byline): a name of two words
        or more written out (not a later mention resolved to a full name), or one foreign
        word with a role before it ("Đại sứ Kovalenko")."""
        out = []
        for c in claims:
            d = c.data
            if d.byline:
                continue
            if len(d.tokens) >= 2 and not d.bare or \
                    d.form in ("mononym", "surname_only") and d.intro_kind in (ROLE, OFFICE):
                out.append(c)  # a one-word name counts as written, also when it resolved
        return out

    def role(self, c) -> tuple:
        """(titles with their scope, the role as folded words, gender) of a mention."""
        got = self._roles.get(id(c))
        if got is None:
            d = c.data
            said = (d.titles, d.intro, d.intro_kind, d.appos)  # many mentions say the same
            got = self._roles[id(c)] = self._said.get(said)
            if got is not None:
                return got
            key = self.lexicon.folder.key
            words: tuple[str, ...] = ()
            gender = None
            for text, kind in ((d.intro, d.intro_kind), (d.appos, ROLE)):
                if not text:
                    continue
                if kind == HONORIFIC:
                    gender = self.gender_of.get(key(text))
                    continue
                if not words:
                    ws = key(text).split()
                    while ws and ws[0] in self.former:
                        ws = ws[1:]
                    words = tuple(ws)
            got = self._roles[id(c)] = self._said[said] = (frozenset(d.titles), words, gender)
        return got

    def _same_role(self, a, b) -> bool | None:
        """True: one role; False: two different roles; None: nothing to tell."""
        ta, wa, _ = self.role(a)
        tb, wb, _ = self.role(b)
        if ta and tb:
            return bool(ta & tb) and a.data.scope.compatible(b.data.scope)
        if wa and wb:
            short, long_ = sorted((wa, wb), key=len)
            return long_[:len(short)] == short
        return None

    def same_person_elsewhere(self, a, b) -> bool:
        """Whether two mentions of one name in two documents are one person: one story
        (their own names and roles not counted), nothing telling them apart."""
        if self._same_role(a, b) is False:
            return False
        ga, gb = self.role(a)[2], self.role(b)[2]
        if ga and gb and ga != gb:
            return False
        return self.stories.together(a.doc, b.doc, self._own_words(a) | self._own_words(b))

    def same_spelling_same_person(self, a, b) -> bool:
        """Whether two mentions of one spelling are one person: in one story, or the one
        holder of a role, with no role, gender or age telling them apart."""
        if self._same_role(a, b) is False:
            return False
        ga, gb = self.role(a)[2], self.role(b)[2]
        if ga and gb and ga != gb:
            return False
        return self.stories.together(a.doc, b.doc) or bool(self.unique_roles(a) & self.unique_roles(b))

    def _own_words(self, c) -> frozenset:
        """The topic names a mention's own name and role make (words and pairs of them)."""
        d = c.data
        got = self._own.get(id(c))
        if got is None:
            words = list(d.tokens) + list(self.role(c)[1]) + self.lexicon.folder.key(d.title_text).split()
            got = self._own[id(c)] = frozenset(words) | frozenset(" ".join(p) for p in zip(words, words[1:]))
        return got

    def _one_holder(self, a, b) -> bool:
        """Whether a and b hold one unique role; within one document a title without its
        qualifiers takes those of the other mention ("Đại sứ Việt Nam tại Nga X" … "Đại
        sứ Y")."""
        if a.doc == b.doc and not (a.data.former or b.data.former) and a.data.scope.compatible(b.data.scope):
            scope = RoleScope(*(x or y for x, y in ((a.data.scope.of, b.data.scope.of),
                                                    (a.data.scope.at, b.data.scope.at),
                                                    (a.data.scope.org, b.data.scope.org))))
            home = self.home if a.data.tokens[0] in self.lexicon.surnames else None
            return any(unique_role(self.lexicon, t, scope, home) for t in set(a.data.titles) & set(b.data.titles))
        return bool(self.unique_roles(a) & self.unique_roles(b))

    def unique_roles(self, c) -> set:
        d = c.data
        if d.former:
            return set()
        home = self.home if d.tokens[0] in self.lexicon.surnames else None
        return {r for t in d.titles if (r := unique_role(self.lexicon, t, d.scope, home))}

    def evidence(self, a, b, foreign: bool) -> str | None:
        """Why mentions a and b, whose names are one slip apart, are one person, or None:
        UNIQUE_ROLE (the one holder of a role at the time), SAME_DOCUMENT (one document, and the same role or age, or a foreign
        name), or across documents of one story SAME_ROLE, SAME_AGE, SAME_STORY (a
        foreign name of two words or more). Their own names and roles do not make two
        documents one story."""
        ga, gb = self.role(a)[2], self.role(b)[2]
        if ga and gb and ga != gb:
            return None
        if a.data.age and b.data.age and abs(a.data.age - b.data.age) >= _AGE_GAP:
            return None
        same_role = self._same_role(a, b)
        if same_role is False:
            return None
        one_doc = a.doc == b.doc
        if self._one_holder(a, b) and close_in_time(a.when, b.when, self.window_days):
            return UNIQUE_ROLE
        if not one_doc and not self.stories.together(a.doc, b.doc, self._own_words(a) | self._own_words(b)):
            return None
        if same_role:
            why = SAME_ROLE
        elif a.data.age and a.data.age == b.data.age:
            why = SAME_AGE
        elif foreign and len(a.data.tokens) >= 2 and (one_doc or self.stories.same_event(
                a.doc, b.doc, self._own_words(a) | self._own_words(b))):
            why = SAME_STORY
        else:
            return None
        return SAME_DOCUMENT if one_doc else why
