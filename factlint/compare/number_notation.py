"""Type `number-notation`: one figure written in two notations. Vietnamese groups thousands
with a point and writes decimals with a comma ("1.500 tỷ", "13,7%"); "1,500 tỷ" beside
"1.500 tỷ" or "1,5 tỷ" in one story reads as a thousand times the other to a reader of
either.

A quantity in the other notation (`notation` "en" in its payload: "1,500", "13.7") is
reported when a quantity of the same unit in the Vietnamese notation in one story
(`Stories`, a document being a story with itself) gives the same figure, or the figure the
other reading of an ambiguous "1,500" would give.
"""

from __future__ import annotations

from factlint.compare import Params, Rule, Stories


class NumberNotation(Rule):
    type = "number-notation"
    kinds = ("quantity",)
    Params = Params
    MESSAGES = {"default": frozenset({"written", "other"})}

    def check(self, by_kind):
        stories = Stories(by_kind)
        by_unit: dict[str, list] = {}
        for c in self.claims(by_kind):
            if c.data.unit and c.data.notation in ("en", "vi"):
                by_unit.setdefault(c.data.unit, []).append(c)
        for _, claims in sorted(by_unit.items()):
            if not any(c.data.notation == "en" for c in claims):
                continue
            for story in stories.split(claims):
                yield from self._story(story)

    def _story(self, claims: list):
        vietnamese = [c for c in claims if c.data.notation == "vi"]
        reported = set()
        for c in sorted(claims, key=lambda c: (c.doc, c.start)):
            if c.data.notation != "en" or c.display in reported:
                continue
            readings = {c.data.figure, c.data.alt_value}
            twins = [v for v in vietnamese if v.data.figure in readings]
            if not twins:
                continue
            reported.add(c.display)
            mine = [x for x in claims if x.display == c.display]
            other = twins[0].display
            yield self.finding(
                message=self.message("default", written=c.display, other=other),
                subject=c.data.unit, expected=other, values=[c.display, other],
                sides=mine + twins, outliers=len(mine),
                why=self.phrase("why-notation", written=c.display, other=other), support={})
