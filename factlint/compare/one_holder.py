"""Type `one-holder`: a role that one person holds at a time (a titled office of one
country, province or ministry) named with two different people in the same days.

Only mentions dated to the day are compared (the document's reference date or the claim's own), and
only when the mention names the country or organisation; past and acting holders
("nguyên Bộ trưởng", "cố Tổng thống") are left out.
"""

from __future__ import annotations

from dataclasses import replace

from factlint.compare import Params, Rule, split_conflict


class HolderParams(Params):
    window_days: int = 30


class OneHolder(Rule):
    type = "one-holder"
    kinds = ("person",)
    Params = HolderParams
    MESSAGES = {"default": frozenset({"role", "outlier", "expected"}),
                "disagree": frozenset({"subject", "values"})}

    @staticmethod
    def _days(by_kind) -> tuple[dict, dict]:
        """Dates to the day: per sentence, and the first one of each document (its news peg)."""
        per_sentence, per_doc = {}, {}
        for d in sorted(by_kind.get("date", ()), key=lambda d: (d.doc, d.start)):
            if d.when and d.when.precision == "day" and d.zone in ("body", "title", "meta"):
                per_sentence.setdefault((d.doc, d.sentence), d.when)
                per_doc.setdefault(d.doc, d.when)
        return per_sentence, per_doc

    def check(self, by_kind):
        lx = self.lexicon
        per_sentence, per_doc = self._days(by_kind)
        roles: dict[tuple, list] = {}
        for c in self.claims(by_kind):
            if c.data.former or c.data.bare or len(c.data.tokens) < 2:
                continue
            day = c.when if c.when and c.when.precision == "day" else (
                per_sentence.get((c.doc, c.sentence)) or per_doc.get(c.doc))
            if day is None or day.anchor() is None:  # a year or a month (or "????-05-05") is not "the same days"
                continue
            c = replace(c, when=day)
            scope = c.data.scope
            for title in c.data.titles:
                if lx.title_unique.get(title) and (scope.org or scope.of):
                    roles.setdefault((title, scope.org, scope.of), []).append(c)
        for (title, org, place), claims in sorted(roles.items(), key=lambda kv: str(kv[0])):
            if len({c.subject for c in claims}) < 2:
                continue
            claims.sort(key=lambda c: (c.when.anchor(), c.doc, c.start))
            # cluster by date: claims more than window_days after the previous one start a new term
            clusters, last = [], None
            for c in claims:
                d = c.when.anchor()
                if last is None or d is None or (d - last).days > self.params.window_days:
                    clusters.append([])
                clusters[-1].append(c)
                last = d
            role = " ".join(x for x in (lx.title_name.get(title, title), org, place) if x)
            for group in clusters:
                names = {c.data.tokens for c in group}
                if len(names) < 2:
                    continue
                if len({n[1:] for n in names}) == 1 and min(map(len, names)) >= 3:
                    continue  # same given names, another family name: role-holder says it better
                yield from split_conflict(
                    self, group, role,
                    lambda o, e, r=role: self.message(role=r, outlier=o, expected=e),
                    value=lambda c: c.subject, shown=lambda c: c.display,
                    weight=lambda c: c.data.scope.count(),
                    why=lambda choice: self.phrase("why-one-holder", choice=choice,
                                                   window_days=self.params.window_days))
