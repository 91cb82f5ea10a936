"""Type `anniversary-consistency`: one anniversary, one number of years. "kỷ niệm 70 năm"
and "kỷ niệm 75 năm" of the same relationship in the same year cannot both be right.

Anniversaries are the same when they celebrate the same thing (the same content words),
with the same counterparts (the countries their sentences name besides the home country;
an anniversary of a relationship — `relationship_words` — that names no counterpart is
never compared), in the same reference year, within one story. An anniversary still to
come ("hướng tới kỷ niệm 100 năm") is not this year's.
"""

from __future__ import annotations

from factlint.compare import Rule, Stories, position, split_conflict


class AnniversaryConsistency(Rule):
    type = "anniversary-consistency"
    kinds = ("anniversary",)
    MESSAGES = {"default": frozenset({"subject", "outlier", "expected"}),
                "disagree": frozenset({"subject", "values"})}

    def check(self, by_kind):
        key = self.lexicon.folder.key
        relationship = [key(w) for w in self.lexicon.vocab.events.relationship_words]
        stories = Stories.of(by_kind)
        groups: dict[tuple, list] = {}
        for c in self.claims(by_kind):
            if c.attribute != "years" or not c.data.reference_year or c.data.future:
                continue
            what = " ".join(c.data.words)
            if not c.data.counterparts and any(w in what for w in relationship):
                continue
            groups.setdefault((what, c.data.counterparts, c.data.reference_year), []).append(c)
        for (what, counterparts, _), same in sorted(groups.items()):
            for claims in stories.split(same):
                yield from self._conflict(claims, counterparts)

    def _conflict(self, claims: list, counterparts):
        if len({c.value for c in claims}) > 1:
            claims.sort(key=position)
            subject = claims[0].data.what
            if counterparts:
                subject = f"{subject} ({', '.join(counterparts)})"
            yield from split_conflict(
                self, claims, subject,
                lambda o, e, s=subject: self.message(subject=s, outlier=o, expected=e),
                shown=lambda c: c.display,
                why=lambda choice: self.phrase("why-anniversary-consistency", choice=choice))
