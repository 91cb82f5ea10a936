"""Stage 4 — compare: rule types are plug-ins behind one interface.

A rule type (factlint/compare/<type>.py, listed in factlint/registry.py) groups claims by
key — never by pairs of documents — and yields findings. A rule file in rules/checks/
picks a type, a severity, parameters, message templates and examples. Rule types read
only claims (factlint/model.py) and the vocabulary (factlint/lexicon), never an extractor.
Claims from page furniture (captions, related-news lists) are never compared.
"""

from __future__ import annotations

from collections import Counter
from typing import ClassVar, Iterable

from pydantic import BaseModel, ConfigDict

from factlint.messages import Phrasebook, parse, render
from factlint.model import COMPARED_ZONES, SEVERITY_RANK, Claim, Finding


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
                   why=lambda choice: choice) -> list[Finding]:
    """One finding per value that disagrees with the best supported one; or, when no value
    has more documents behind it than another and they come from different documents, one
    finding saying that the sources disagree, with every side and no suggestion (a rule
    of style, DISAGREE false, suggests one anyway).

    `message(outlier_shown, expected_shown)` words the finding; `why(choice)` says why the
    claims were compared, given why the suggested value was chosen."""
    phrase = rule.phrase
    counts = tally(claims, value)
    if rule.DISAGREE and preferred not in counts and _undecided(claims, counts):
        return [_disagreement(rule, claims, subject, value, shown, counts, why)]
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


def _disagreement(rule, claims, subject, value, shown, counts, why) -> Finding:
    forms: dict[str, str] = {}
    for c in claims:
        forms.setdefault(value(c), shown(c))
    first = value(claims[0])
    sides = [c for c in claims if value(c) == first] + [c for c in claims if value(c) != first]
    values = list(dict.fromkeys(forms[value(c)] for c in sides))
    return rule.finding(
        message=rule.message("disagree", subject=subject, values=" / ".join(values)),
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


_STORIES: dict = {}  # the last topic claims asked about, and their Stories


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

    def __new__(cls, by_kind: dict[str, list[Claim]]):
        # the rules of one comparison share one: it reads every document's names
        topics = by_kind.get("topic", ())
        last = _STORIES.get("last")
        if last is not None and last[0] is topics:
            return last[1]
        self = super().__new__(cls)
        _STORIES["last"] = (topics, self)
        return self

    def __init__(self, by_kind: dict[str, list[Claim]]):
        if hasattr(self, "rare"):
            return
        topics = {c.doc: c.data.names for c in by_kind.get("topic", ())}
        df: Counter = Counter(n for names in topics.values() for n in names)
        limit = max(self.RARE_FLOOR, self.RARE_SHARE * len(topics))
        self.rare = {doc: frozenset(n for n in names if df[n] <= limit) for doc, names in topics.items()}

    def together(self, a: str, b: str) -> bool:
        if a == b:
            return True
        ra, rb = self.rare.get(a, frozenset()), self.rare.get(b, frozenset())
        need = min(self.MIN_SHARED, max(2, min(len(ra), len(rb))))
        return len(ra & rb) >= need

    def split(self, claims: list) -> list[list]:
        """Claims split by story: documents linked to each other, directly or through the
        other documents of these claims only."""
        docs = sorted({c.doc for c in claims})
        parent = {d: d for d in docs}

        def find(d):
            while parent[d] != d:
                parent[d] = parent[parent[d]]
                d = parent[d]
            return d

        for i, a in enumerate(docs):
            for b in docs[i + 1:]:
                if find(a) != find(b) and self.together(a, b):
                    parent[find(a)] = find(b)
        groups: dict[str, list] = {}
        for c in claims:
            groups.setdefault(find(c.doc), []).append(c)
        return list(groups.values())
