"""Type `role-holder`: one holder per role at the same time.

Vietnamese names are compared syllable by syllable (họ / đệm / tên): the same title and
qualifiers with the same given names (đệm + tên) but another family name is a conflict
("Đại sứ Việt Nam tại Nga Đặng Minh Khôi" / "Đại sứ Nguyễn Minh Khôi"). A different
given name is another person and never reported.
"""

from __future__ import annotations

from factlint.compare import Params, Rule, split_conflict
from factlint.model import close_in_time


class HolderParams(Params):
    window_days: int = 365  # claims further apart in time may be two holders of one role
    min_syllables: int = 3  # họ + đệm + tên: two-syllable names share given names too often


class RoleHolder(Rule):
    type = "role-holder"
    kinds = ("person",)
    Params = HolderParams
    MESSAGES = {"default": frozenset({"role", "outlier", "expected"}),
                "disagree": frozenset({"subject", "values"})}

    def check(self, by_kind):
        lx = self.lexicon
        groups: dict[tuple, list] = {}
        for c in self.claims(by_kind):
            toks = c.data.tokens
            if len(toks) < self.params.min_syllables or c.data.bare or toks[0] not in lx.surnames:
                continue
            for title in c.data.titles:
                groups.setdefault((title, toks[1:]), []).append(c)
        seen = set()
        for (title, given), claims in sorted(groups.items()):
            if len({c.data.tokens[0] for c in claims}) < 2:
                continue
            linked = [c for c in claims if any(
                d.data.tokens[0] != c.data.tokens[0] and c.data.scope.compatible(d.data.scope)
                and close_in_time(c.when, d.when, self.params.window_days) for d in claims)]
            ids = frozenset(id(c) for c in linked)
            if len(linked) < 2 or ids in seen:
                continue
            seen.add(ids)
            linked.sort(key=lambda c: (c.doc, c.start))
            role = max((c.data.title_text for c in linked), key=len)
            yield from split_conflict(
                self, linked, role, lambda o, e, r=role: self.message(role=r, outlier=o, expected=e),
                value=lambda c: " ".join(c.data.tokens), shown=lambda c: c.display,
                weight=lambda c: c.data.scope.count(),
                why=lambda choice: self.phrase("why-role-holder", choice=choice))
