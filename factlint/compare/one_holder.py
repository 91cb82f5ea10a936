"""Type `one-holder`: a role that one person holds at a time (a unique title of
titles.toml with the country, province or organisation it is of) named with two different
people in the same days.

Only mentions dated to the day are compared (the document's reference date or the claim's
own), and only when the mention names what the title is of (`unique_role`); past and
acting holders ("nguyên Bộ trưởng", "cố Tổng thống") are left out. Two names of one
person are not two holders: a slip ("Thắng" / "Thắnh", reported by the name rules), or a
short form ("Joe Biden" / "Joseph R. Biden": the same family name and initial).
"""

from __future__ import annotations

from dataclasses import replace

from factlint.compare import Params, Rule, position, split_conflict, unique_role
from factlint.names import name_slip


class HolderParams(Params):
    window_days: int = 30


def one_name(a: tuple[str, ...], b: tuple[str, ...], surnames) -> bool:
    """Whether two names (folded words) may be one person's: a slip of one word, a middle
    name left out, or for a foreign name the same last name and first initial."""
    if a == b or name_slip(" ".join(a), " ".join(b)):
        return True
    short, long_ = sorted((a, b), key=len)
    if short[0] in surnames or long_[0] in surnames:
        return short[0] == long_[0] and short[-1] == long_[-1] and set(short) <= set(long_)
    return short[-1] == long_[-1] and short[0][:1] == long_[0][:1]


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
        for d in sorted(by_kind.get("date", ()), key=position):
            if d.when and d.when.precision == "day" and d.zone in ("body", "title", "meta"):
                per_sentence.setdefault((d.doc, d.sentence), d.when)
                per_doc.setdefault(d.doc, d.when)
        return per_sentence, per_doc

    def check(self, by_kind):
        lx = self.lexicon
        per_sentence, per_doc = self._days(by_kind)
        roles: dict[tuple, list] = {}
        for c in self.claims(by_kind):
            d = c.data
            if not d.titles or d.former or d.byline or len(d.tokens) < 2:
                continue
            held = [r for r in (unique_role(lx, title, d.scope) for title in d.titles) if r]
            if not held:
                continue
            day = c.when if c.when and c.when.precision == "day" else (
                per_sentence.get((c.doc, c.sentence)) or per_doc.get(c.doc))
            if day is None or day.anchor() is None:  # a year or a month (or "????-05-05") is not "the same days"
                continue
            c = replace(c, when=day)
            for role in held:
                roles.setdefault(role, []).append(c)
        for role_key, claims in sorted(roles.items(), key=lambda kv: str(kv[0])):
            if len({c.subject for c in claims}) < 2:
                continue
            claims.sort(key=lambda c: (c.when.anchor(), position(c)))
            # cluster by date: claims more than window_days after the previous one start a new term
            clusters, last = [], None
            for c in claims:
                d = c.when.anchor()
                if last is None or d is None or (d - last).days > self.params.window_days:
                    clusters.append([])
                clusters[-1].append(c)
                last = d
            title = role_key[0]
            role = " ".join(x for x in (lx.title_name.get(title, title), *role_key[1:]) if x)
            for group in clusters:
                person = self._people(group)
                if len(set(person.values())) < 2:
                    continue
                yield from split_conflict(
                    self, group, role,
                    lambda o, e, r=role: self.message(role=r, outlier=o, expected=e),
                    value=lambda c: person[c.subject], shown=lambda c: c.display,
                    weight=lambda c: c.data.scope.count(),
                    why=lambda choice: self.phrase("why-one-holder", choice=choice,
                                                   window_days=self.params.window_days))

    def _people(self, claims) -> dict[str, str]:
        """Subject -> the person it is (the first subject of names that may be one)."""
        names = {c.subject: c.data.tokens for c in claims}
        person: dict[str, str] = {}
        for s in sorted(names, key=lambda s: (-len(names[s]), s)):
            person[s] = next((p for p in dict.fromkeys(person.values())
                              if one_name(names[s], names[p], self.lexicon.surnames)), s)
        return person
