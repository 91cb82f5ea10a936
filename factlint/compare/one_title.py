"""Type `one-title`: one person is not called by two exclusive titles (a president of a
country in one place, its prime minister in another). Titles that share a `group` in the
vocabulary are exclusive, unless one mention gives both ("Tổng Bí thư, Chủ tịch nước").

Each side cites the whole mention, title and name ("Tổng thống Ấn Độ Narendra Modi"), and
reads the title as its value: the title is what disagrees."""

from __future__ import annotations

from dataclasses import replace

from factlint.compare import Params, Rule, split_conflict
from factlint.model import close_in_time


class TitleParams(Params):
    window_days: int = 365


class OneTitle(Rule):
    type = "one-title"
    kinds = ("person",)
    Params = TitleParams
    MESSAGES = {"default": frozenset({"name", "outlier", "expected"}),
                "disagree": frozenset({"subject", "values"})}

    def check(self, by_kind):
        groups = self.lexicon.title_group
        people: dict[str, list] = {}
        for c in self.claims(by_kind):
            if len(c.subject.split()) >= 2:
                people.setdefault(c.subject, []).append(c)
        for subject, claims in sorted(people.items()):
            together = {frozenset(c.data.titles) for c in claims}
            by_group: dict[str, list] = {}
            for c in claims:
                for t in c.data.titles:
                    if groups.get(t):
                        shown = self.lexicon.title_name.get(t, t)
                        by_group.setdefault(groups[t], []).append(
                            (t, replace(c, start=min(c.start, c.data.mention_start), display=shown)))
            for pairs in by_group.values():
                titles = {t for t, _ in pairs}
                if len(titles) < 2 or any(titles <= s for s in together):
                    continue
                tagged = [c for _, c in pairs]
                if not all(close_in_time(a.when, b.when, self.params.window_days) for a in tagged for b in tagged):
                    continue
                title_of = {id(c): t for t, c in pairs}
                name = max((c.display for c in claims), key=len)
                yield from split_conflict(
                    self, tagged, name,
                    lambda o, e, n=name: self.message(name=n, outlier=o, expected=e),
                    value=lambda c: title_of[id(c)], shown=lambda c: c.display)
