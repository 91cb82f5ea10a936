"""Type `one-spelling`: one spelling per person.

Variants are discovered, not listed: two names of the same length that differ in one
token by a small edit ("Inham"/"Ilham", "Jormat"/"Jomart"), used with a common title,
are one person spelled two ways. Vietnamese names (starting with a family name from the
vocabulary) are left to `role-holder`: there a one-syllable difference is another person.
"""

from __future__ import annotations

from factlint.compare import Params, Rule, split_conflict


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


class SpellingParams(Params):
    min_token_length: int = 4  # shorter tokens differ too easily (Kim Jong-un / Kim Jong-il are two people)
    max_edits_short: int = 1  # for tokens up to 5 letters
    max_edits_long: int = 2  # for longer tokens


class OneSpelling(Rule):
    type = "one-spelling"
    kinds = ("person",)
    Params = SpellingParams
    MESSAGES = {"default": frozenset({"outlier", "expected"}),
                "disagree": frozenset({"subject", "values"})}

    def check(self, by_kind):
        lx = self.lexicon
        by_name: dict[tuple, list] = {}
        for c in self.claims(by_kind):
            toks = c.data.tokens
            if len(toks) < 2 or c.data.bare or toks[0] in lx.surnames:
                continue
            by_name.setdefault(toks, []).append(c)
        parent = {n: n for n in by_name}

        def find(n):
            while parent[n] != n:
                parent[n] = parent[parent[n]]
                n = parent[n]
            return n

        buckets: dict[tuple, list] = {}
        for toks in by_name:
            for i in range(len(toks)):
                buckets.setdefault((len(toks), i, toks[:i] + toks[i + 1:]), []).append(toks)
        titles = {n: {t for c in cs for t in c.data.titles} for n, cs in by_name.items()}
        for (_, i, _), names in buckets.items():
            for a_idx, a in enumerate(names):
                for b in names[a_idx + 1:]:
                    if self._variant(a[i], b[i]) and titles[a] & titles[b]:
                        parent[find(a)] = find(b)
        clusters: dict[tuple, list] = {}
        for n, cs in by_name.items():
            clusters.setdefault(find(n), []).extend(cs)
        for claims in clusters.values():
            if len({c.data.tokens for c in claims}) < 2:
                continue
            claims.sort(key=lambda c: (c.doc, c.start))
            for f in split_conflict(
                    self, claims, "", lambda o, e: self.message(outlier=o, expected=e),
                    value=lambda c: " ".join(c.data.tokens), shown=lambda c: c.display,
                    why=lambda choice: self.phrase("why-one-spelling", choice=choice)):
                f.subject = f.expected or " / ".join(f.values)
                yield f

    def _variant(self, x: str, y: str) -> bool:
        p = self.params
        if min(len(x), len(y)) < p.min_token_length:
            return False
        limit = p.max_edits_short if max(len(x), len(y)) <= 5 else p.max_edits_long
        return 0 < edit_distance(x, y) <= limit
