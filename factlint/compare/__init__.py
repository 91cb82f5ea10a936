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

from factlint.messages import parse, render
from factlint.model import COMPARED_ZONES, Claim, Finding


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    zones: list[str] = list(COMPARED_ZONES)


class Rule:
    type: ClassVar[str]
    kinds: ClassVar[tuple[str, ...]]  # claim kinds the rule reads
    Params: ClassVar[type[Params]] = Params
    # message key -> the fields its templates may name (rule files give the templates)
    MESSAGES: ClassVar[dict[str, frozenset[str]]] = {}

    def __init__(self, spec, lexicon, lang: str = "en"):
        self.spec = spec
        self.id = spec.id
        self.severity = spec.severity
        self.params = self.Params.model_validate(spec.params)
        self.lexicon = lexicon
        templates = {**spec.message.get("en", {}), **spec.message.get(lang, {})}
        self._templates = {key: parse(t, self.MESSAGES[key]) for key, t in templates.items()}

    def claims(self, by_kind: dict[str, list[Claim]]) -> list[Claim]:
        zones = set(self.params.zones)
        return [c for k in self.kinds for c in by_kind.get(k, ()) if c.zone in zones]

    def check(self, by_kind: dict[str, list[Claim]]) -> Iterable[Finding]:
        raise NotImplementedError

    def message(self, key: str = "default", **fields) -> str:
        """The rule file's template for `key`, filled in."""
        return render(self._templates[key], fields)

    def finding(self, **kw) -> Finding:
        """A finding of this rule, at the rule's severity unless `severity` says otherwise."""
        kw.setdefault("severity", self.severity)
        return Finding(rule=self.id, **kw)


def build_checks(specs, lexicon, lang: str = "en") -> list[Rule]:
    from factlint.registry import rule_class

    return [rule_class(s.type)(s, lexicon, lang) for s in specs]


def compare(claims: list[Claim], rules: list[Rule]) -> list[Finding]:
    by_kind: dict[str, list[Claim]] = {}
    for c in claims:
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


def describe(counts: tuple[int, int]) -> str:
    d, m = counts
    return f"{m} mention{'s' * (m != 1)} in {d} document{'s' * (d != 1)}"


def majority(claims: list[Claim], value=lambda c: c.value, preferred: str | None = None,
             weight=None) -> tuple[str, str]:
    """The value most sources support, and why: the vocabulary's preferred form wins, then
    more documents, then more mentions, then extra weight (e.g. a fully introduced name),
    then the earliest mention."""
    counts = tally(claims, value)
    if preferred is not None and preferred in counts:
        return preferred, "the form the vocabulary prefers"
    first: dict[str, tuple] = {}
    bonus: Counter = Counter()
    for c in claims:
        first.setdefault(value(c), (c.doc, c.start))
        if weight:
            bonus[value(c)] += weight(c)
    best = min(counts, key=lambda v: (-counts[v][0], -counts[v][1], -bonus[v], first[v]))
    ranked = sorted(counts.values(), reverse=True)
    if len(ranked) > 1 and ranked[0] == ranked[1]:
        why = "as many sources support each value; the better introduced, earlier one is suggested"
    else:
        why = f"supported by {describe(counts[best])}"
    return best, why


def split_conflict(rule: Rule, claims: list[Claim], subject: str, message, *, value=lambda c: c.value,
                   shown=lambda c: c.display or c.value, preferred=None, weight=None,
                   why_prefix: str = "") -> list[Finding]:
    """One finding per value that disagrees with the best supported one.

    `message(outlier_shown, expected_shown)` words the finding."""
    best, why = majority(claims, value, preferred, weight)
    counts = tally(claims, value)
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
            why=f"{why_prefix} {why}".strip(),
            support={show[v]: describe(counts[v]), show[best]: describe(counts[best])}))
    return findings


class Stories:
    """Which documents tell one story: those that write rare names in common (three pairs
    of capitalised words each written by few documents of the corpus — in a folder of one
    story, every name of it; in a big corpus, the names of one event, not "Hà Nội" — or two
    when a document writes no more; one shared three-syllable name is not enough). Things without a
    proper name of their own — a fire, a landing, a toll — are compared only within a
    story; a document is always a story with itself."""

    MIN_SHARED = 3
    RARE_SHARE = 0.02  # a name written by more than this share of the documents is common…
    RARE_FLOOR = 10  # …unless so few write it (small corpora: every name is rare)

    def __init__(self, by_kind: dict[str, list[Claim]]):
        topics = {c.doc: set(c.data.names) for c in by_kind.get("topic", ())}
        df: Counter = Counter(n for names in topics.values() for n in names)
        limit = max(self.RARE_FLOOR, self.RARE_SHARE * len(topics))
        rare = {doc: {n for n in names if df[n] <= limit} for doc, names in topics.items()}
        by_name: dict[str, list[str]] = {}
        for doc, names in rare.items():
            for n in names:
                by_name.setdefault(n, []).append(doc)
        self.parent = {doc: doc for doc in topics}
        shared: Counter = Counter()
        for docs in by_name.values():
            for i, a in enumerate(docs):
                for b in docs[i + 1:]:
                    shared[(a, b)] += 1
        for (a, b), n in shared.items():
            if n >= min(self.MIN_SHARED, max(2, min(len(rare[a]), len(rare[b])))):
                self.parent[self._find(a)] = self._find(b)

    def _find(self, doc: str) -> str:
        parent = self.parent
        if doc not in parent:
            return doc
        while parent[doc] != doc:
            parent[doc] = parent[parent[doc]]
            doc = parent[doc]
        return doc

    def story(self, doc: str) -> str:
        return self._find(doc)
