"""Type `ordinal-conflict`: one event has one ordinal. "Hội nghị APEC lần thứ 25" and "APEC
lần thứ 26" in one story cannot both be right; nor can "lần thứ hai" and "lần thứ 3" of
one visit.

Ordinals (extract/ordinal.py) are grouped by what they number (the name before them, else
the event word of their sentence) and their noun ("lần", "kỳ"), then by actor (a claim
that names no one joins the only actor named), and compared across the documents of one
story (`Stories`). An ordinal whose event is not named is not compared. A conflict is an
error when every side names the same person, a warning otherwise; the number most
documents give is suggested, and when none has more documents behind it the sources
disagree.
"""

from __future__ import annotations

from factlint.compare import Params, Rule, Stories, describe, split_unsaid, tally
from factlint.ruleset import Severity


class OrdinalParams(Params):
    fuzzy_severity: Severity = "warning"  # no person named on some side


class OrdinalConflict(Rule):
    type = "ordinal-conflict"
    kinds = ("ordinal",)
    Params = OrdinalParams
    MESSAGES = {
        "outlier": frozenset({"what", "outlier", "expected", "documents"}),
        "disagree": frozenset({"what", "values"}),
    }

    def check(self, by_kind):
        stories = Stories.of(by_kind)
        groups: dict[tuple, list] = {}
        for c in self.claims(by_kind):
            if c.data.what:
                groups.setdefault((c.data.what, c.data.noun), []).append(c)
        for _, claims in sorted(groups.items()):
            if len({c.doc for c in claims}) < 2:
                continue
            for by_actor in split_unsaid(claims, lambda c: c.data.actor):
                for story in stories.split(by_actor):
                    finding = self._conflict(story)
                    if finding is not None:
                        yield finding

    def _conflict(self, claims: list):
        claims = _consistent(claims)
        if len({c.doc for c in claims}) < 2 or len({c.data.number for c in claims}) < 2:
            return None
        claims.sort(key=lambda c: (c.doc, c.start))
        counts = tally(claims)
        shown = {c.value: c.display for c in claims}
        ranked = sorted(counts, key=lambda v: (-counts[v][0], -counts[v][1]))
        best = ranked[0]
        named = all(c.data.actor for c in claims)
        severity = self.severity if named else self.at_most(self.params.fuzzy_severity)
        what = claims[0].data.what
        support = {shown[v]: describe(self.phrase, counts[v]) for v in counts}
        if counts[best][0] > counts[ranked[1]][0]:
            outliers = [c for c in claims if c.value != best]
            others = [c for c in claims if c.value == best]
            values = list(dict.fromkeys(c.display for c in outliers))
            return self.finding(
                severity=severity,
                message=self.message("outlier", what=what, outlier=", ".join(values), expected=shown[best],
                                     documents=counts[best][0]),
                subject=what, expected=shown[best], values=values + [shown[best]], sides=outliers + others,
                outliers=len(outliers),
                why=self.phrase("why-ordinal", expected=shown[best],
                                support=describe(self.phrase, counts[best])),
                support=support)
        first = claims[0].value
        side = [c for c in claims if c.value == first]
        others = [c for c in claims if c.value != first]
        values = list(dict.fromkeys(c.display for c in claims))
        return self.finding(
            severity=severity, message=self.message("disagree", what=what, values=" / ".join(values)),
            subject=what, expected=None, values=values, sides=side + others, outliers=len(side),
            why=self.phrase("why-disagree"), support=support)


def _consistent(claims: list) -> list:
    """The claims of the documents that give one ordinal: a document that gives two counts
    two events."""
    numbers: dict[str, set] = {}
    for c in claims:
        numbers.setdefault(c.doc, set()).add(c.data.number)
    return [c for c in claims if len(numbers[c.doc]) == 1]
