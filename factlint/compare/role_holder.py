"""Type `role-holder`: one holder per role at the same time.

Vietnamese names are compared syllable by syllable (họ / đệm / tên): the same title and
qualifiers with the same given names (đệm + tên) but another family name is a conflict
("Đại sứ Việt Nam tại Nga Đặng Minh Khôi" / "Đại sứ Nguyễn Minh Khôi"). A different
given name is another person and never reported.
"""

from __future__ import annotations

from factlint.compare import Params, Rule, register, split_conflict
from factlint.timewindow import within


class HolderParams(Params):
    window_days: int = 365  # claims further apart in time may be two holders of one role
    min_syllables: int = 3  # họ + đệm + tên: two-syllable names share given names too often


def compatible(a: dict, b: dict) -> bool:
    return all(a[k] == b[k] for k in ("of", "at", "org") if k in a and k in b)


@register
class RoleHolder(Rule):
    type = "role-holder"
    kinds = ("person",)
    Params = HolderParams

    def check(self, by_kind):
        lx = self.lexicon
        groups: dict[tuple, list] = {}
        for c in self.claims(by_kind):
            toks = c.data["tokens"]
            if len(toks) < self.params.min_syllables or c.data.get("bare") or toks[0] not in lx.surnames:
                continue
            for title in c.data["titles"]:
                groups.setdefault((title, tuple(toks[1:])), []).append(c)
        seen = set()
        for (title, given), claims in sorted(groups.items()):
            if len({c.data["tokens"][0] for c in claims}) < 2:
                continue
            linked = [c for c in claims if any(
                d.data["tokens"][0] != c.data["tokens"][0] and compatible(c.data["quals"], d.data["quals"])
                and within(c.when, d.when, self.params.window_days) for d in claims)]
            ids = frozenset(id(c) for c in linked)
            if len(linked) < 2 or ids in seen:
                continue
            seen.add(ids)
            linked.sort(key=lambda c: (c.doc, c.start))
            role = max((c.data["title_text"] for c in linked), key=len)
            yield from split_conflict(
                self, linked, role,
                lambda o, e, r=role: f"{r}: {o!r} and {e!r} share given names but not the family name",
                value=lambda c: " ".join(c.data["tokens"]), shown=lambda c: c.display,
                weight=lambda c: len(c.data["quals"]),
                why_prefix="same title and given names;")
