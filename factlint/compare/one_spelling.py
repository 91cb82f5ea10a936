"""Type `one-spelling`: one spelling per person.

Variants are discovered, not listed. Two names of the same length that differ in one word
by a slip (factlint/names.py: one letter or one diacritic of a Vietnamese syllable, one
or two edits of a foreign word, another romanisation) are one person spelled two ways
when the mentions are one person (`People`: the one holder of a role, or within one
story the same role, the same age, or a foreign name in the same story). Which slips a
rule reports is its `slips` parameter: `person-name-spelling` reports typos,
`role-holder` another family or middle name, so that one slip is one finding.

The spelling more documents give is suggested (then more mentions: "Ilham" three times,
"Inham" twice and "Ilhamm" once in one article suggests "Ilham"); one document against
one other is "the sources disagree".
"""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations
from typing import Literal

from factlint.compare import (FOREIGN_FORMS, SAME_AGE, SAME_DOCUMENT, SAME_ROLE, SAME_STORY, UNIQUE_ROLE, Params,
                              People, Rule, position, split_conflict)
from factlint.model import HONORIFIC
from factlint.names import OTHER_NAME, SLIPS, TYPOS, is_syllable, name_slip, plain, sound


Evidence = Literal["unique-role", "role", "age", "story", "document"]


class SpellingParams(Params):
    # which kinds of slip this rule reports (factlint/names.py); "romanisation" (Sergei /
    # Sergey) is a house style more often than a slip, and is left out by default
    slips: list[Literal[tuple(sorted(SLIPS))]] = sorted(TYPOS)
    window_days: int = 365  # mentions of a unique role further apart may name two holders
    # what may show that two mentions are one person (compare/__init__.py People.evidence);
    # "document" (one article's own slips with a role in common, or in a foreign name) is
    # left out by default: factlint compares documents, a spell-checker reads one
    evidence: list[Evidence] = ["unique-role", "role", "age", "story"]


@lru_cache(maxsize=65536)
def _keys(word: str) -> tuple[str, ...]:
    """Index keys of one word of a name: the word folded (`plain`) with up to one letter
    taken out, two for a long foreign word (two words one or two edits apart share one:
    a symmetric-delete index), and its sound (`sound`, for a transliteration)."""
    w = plain(word)
    out, level = {w}, {w}
    for _ in range(2 if len(w) >= 6 and not is_syllable(w) else 1):
        level = {x[:i] + x[i + 1:] for x in level for i in range(len(x))}
        out |= level
    return (*out, "~" + sound(word))


def slip_pairs(names, lexicon, kinds) -> dict[tuple, str]:
    """(spelling, spelling) -> kind of slip, for the spellings (folded word tuples) one
    slip apart whose kind is in `kinds`. Never every pair of names: a typo is looked for
    among names that share every word but one and whose different words share a form with
    letters taken out (or, for a transliteration, a sound); another family or middle name
    among names with the same given name; a swap among names with the same words."""
    typos, others = bool(kinds - OTHER_NAME), bool(kinds & OTHER_NAME)
    first: dict[tuple, tuple] = {}  # bucket -> its first name; buckets of two names or more:
    shared: dict[tuple, set] = {}

    def put(key, toks):
        seen = first.setdefault(key, toks)
        if seen is not toks:
            shared.setdefault(key, {seen}).add(toks)

    rests: dict[tuple, list] = {}  # (i, the other words) -> names
    for toks in names:
        n = len(toks)
        for i in range(n):
            rest = toks[:i] + toks[i + 1:]
            if typos:
                rests.setdefault((i, rest), []).append(toks)
            if others and n >= 3 and i < n - 1:
                put((i, rest), toks)
        if others and n >= 3:
            put(tuple(sorted(toks)), toks)
    groups = list(shared.values())
    # names sharing every word but one (most share none with another name), whose words
    # that differ share a form with letters taken out, or a sound
    for (i, _), near in rests.items():
        if len(near) > 1:
            by_form: dict[str, list] = {}
            for toks in near:
                for k in _keys(toks[i]):
                    by_form.setdefault(k, []).append(toks)
            groups.extend(g for g in by_form.values() if len(g) > 1)
    surnames = lexicon.surnames
    pairs: dict[tuple, str] = {}
    for group in groups:
        for a, b in combinations(sorted(group), 2):
            if (a, b) in pairs:
                continue
            kind = name_slip(" ".join(a), " ".join(b))
            if kind == "family-name" and not (a[0] in surnames and b[0] in surnames):
                kind = None  # a foreign given name and a family name are not one name
            if kind in kinds:
                pairs[(a, b)] = kind
    return pairs


class OneSpelling(Rule):
    type = "one-spelling"
    kinds = ("person",)
    Params = SpellingParams
    MESSAGES = {"default": frozenset({"outlier", "expected", "role"}),
                "transliteration": frozenset({"outlier", "expected", "role"}),
                "disagree": frozenset({"subject", "values", "role"})}

    def _names(self, by_name: dict, people) -> list:
        """The spellings that may have evidence of one person: a foreign name, or a name
        with a title, a role or an age in some mention (a Vietnamese name needs one)."""
        def telling(c):
            d = c.data
            return d.form in FOREIGN_FORMS or d.age or d.titles or (d.intro or d.appos) and people.role(c)[1]
        return [n for n, cs in by_name.items() if any(telling(c) for c in cs)]

    def subject(self, finding, role: str) -> str:
        """What the finding is about: the person, by the suggested spelling."""
        return finding.expected or " / ".join(finding.values)

    def words(self, outlier: str, expected: str, role: str) -> str:
        slip = name_slip(outlier, expected)
        return self.message("transliteration" if slip == "transliteration" else "default",
                            outlier=outlier, expected=expected, role=role)

    def check(self, by_kind):
        lx = self.lexicon
        people = People.of(lx, by_kind, self.params.window_days)
        memo = ("by-name", self.kinds, *self.params.zones)
        by_name = people.memo.get(memo)
        if by_name is None:  # the same for every rule of this type and its subtypes
            by_name = people.memo[memo] = {}
            for c in people.compared(self.claims(by_kind)):
                by_name.setdefault(c.data.tokens, []).append(c)
        wanted = set(self.params.slips)
        evidence_kinds = set(self.params.evidence)
        # one person's spellings: joined by pairs of mentions with evidence
        parent = {n: n for n in by_name}

        def find(n):
            while parent[n] != n:
                parent[n] = parent[parent[n]]
                n = parent[n]
            return n

        linked: dict[int, object] = {}
        evidence: dict[tuple, str] = {}
        for (a, b), kind in sorted(slip_pairs(self._names(by_name, people), lx, wanted).items()):
            found = None
            for x in by_name[a]:
                for y in by_name[b]:
                    foreign = x.data.form in FOREIGN_FORMS and y.data.form in FOREIGN_FORMS
                    why = people.evidence(x, y, foreign)
                    if why in evidence_kinds:
                        linked[id(x)], linked[id(y)] = x, y
                        found = found if found and _RANK[found] <= _RANK[why] else why
            if found:
                parent[find(a)] = find(b)
                evidence[(a, b)] = found
        # the other mentions of the same spellings in the same stories count as support
        for toks in {c.data.tokens for c in linked.values()}:
            for c in by_name[toks]:
                if id(c) not in linked and any(
                        id(x) in linked and people.same_spelling_same_person(x, c) for x in by_name[toks]):
                    linked[id(c)] = c
        clusters: dict[tuple, list] = {}
        for c in linked.values():
            clusters.setdefault(find(c.data.tokens), []).append(c)
        for root, group in sorted(clusters.items()):
            if len({c.data.tokens for c in group}) < 2:
                continue
            group.sort(key=position)
            why = min((e for (a, b), e in evidence.items() if find(a) == root), key=_RANK.get)
            role = _role_text(group, people) if why in (UNIQUE_ROLE, SAME_ROLE) else ""
            for f in split_conflict(
                    self, group, role, lambda o, e, r=role: self.words(o, e, r),
                    value=lambda c: " ".join(c.data.tokens), shown=lambda c: c.display,
                    why=lambda choice, w=why, r=role: self.phrase(
                        "why-same-person", evidence=self.phrase(f"evidence-{w}", role=r), choice=choice),
                    disagree_fields={"role": role}):
                f.subject = self.subject(f, role)
                yield f


_RANK = {UNIQUE_ROLE: 0, SAME_ROLE: 1, SAME_AGE: 2, SAME_DOCUMENT: 3, SAME_STORY: 4}


def _role_text(claims, people) -> str:
    """The role as the longest title chain writes it ("Đại sứ Việt Nam tại Nga"), else as
    an intro or the start of an apposition writes it."""
    texts = [c.data.title_text for c in claims if c.data.title_text]
    if not texts:
        for c in claims:
            if c.data.intro and c.data.intro_kind not in (None, HONORIFIC):
                texts.append(c.data.intro)
            elif c.data.appos:
                texts.append(" ".join(c.data.appos.split()[:_ROLE_WORDS]))
    return max(texts, key=len, default="")


_ROLE_WORDS = 8  # of an apposition, in a message
