"""Type `one-age`: one person has one age at one time. "Nguyễn Văn Hải (52 tuổi)" in one
article and "(53 tuổi)" for him in another article of the same days is a slip of one side.

Mentions are one person when they resolve to one full name (a later "ông Hải (52 tuổi)"
takes the full name of its document) within one document, or within one story
(`Stories`, not counting the name itself) when no role or honorific tells them apart.
Ages are compared only between mentions dated close in time (`window_days`; an undated
mention fits any date). Each side cites the age as written.
"""

from __future__ import annotations

from dataclasses import replace

from factlint.compare import Params, People, Rule, position, split_conflict
from factlint.model import close_in_time


class AgeParams(Params):
    window_days: int = 60  # mentions further apart may give the age of another year


class OneAge(Rule):
    type = "one-age"
    kinds = ("person",)
    Params = AgeParams
    MESSAGES = {"default": frozenset({"name", "outlier", "expected"}),
                "disagree": frozenset({"subject", "values"})}

    def check(self, by_kind):
        people = People.of(self.lexicon, by_kind, self.params.window_days)
        by_subject: dict[str, list] = {}
        for c in self.claims(by_kind):
            d = c.data
            if d.age is None or d.byline or d.age_span is None or len(c.subject.split()) < 2:
                continue
            by_subject.setdefault(c.subject, []).append(c)
        for subject, claims in sorted(by_subject.items()):
            if len({c.data.age for c in claims}) < 2:
                continue
            for group in self._people(claims, people):
                if len({c.data.age for c in group}) < 2:
                    continue
                group.sort(key=position)
                name = max((c.data.full or c.display for c in group), key=len)
                sides = [replace(c, start=c.data.age_span[0], end=c.data.age_span[1],
                                 display=str(c.data.age), value=str(c.data.age)) for c in group]
                yield from split_conflict(
                    self, sides, name, lambda o, e, n=name: self.message(name=n, outlier=o, expected=e),
                    why=lambda choice: self.phrase("why-age", window_days=self.params.window_days,
                                                   choice=choice))

    def _people(self, claims, people) -> list[list]:
        """The claims of one name split into people: joined when in one document, or in
        one story, close in time and with nothing telling them apart."""
        parent = list(range(len(claims)))

        def find(i):
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i, a in enumerate(claims):
            for j in range(i + 1, len(claims)):
                b = claims[j]
                if find(i) != find(j) and close_in_time(a.when, b.when, self.params.window_days) and (
                        a.doc == b.doc or people.same_person_elsewhere(a, b)):
                    parent[find(i)] = find(j)
        groups: dict[int, list] = {}
        for i, c in enumerate(claims):
            groups.setdefault(find(i), []).append(c)
        return list(groups.values())
