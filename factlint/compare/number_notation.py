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

from factlint.compare import Params, Rule, Stories, position


class NumberNotation(Rule):
    type = "number-notation"
    kinds = ("quantity",)
    Params = Params
    MESSAGES = {"default": frozenset({"written", "other"})}

    def check(self, by_kind):
        stories = Stories.of(by_kind)
        claims = [c for c in self.claims(by_kind) if c.data.unit and c.data.notation in ("en", "vi")]
        vietnamese: dict[tuple, list] = {}  # (unit, figure) -> the figures written the Vietnamese way
        for c in claims:
            if c.data.notation == "vi":
                vietnamese.setdefault((c.data.unit, c.data.figure), []).append(c)
        other: dict[tuple, list] = {}  # (unit, as written) -> the same figure in the other notation
        for c in claims:
            if c.data.notation == "en":
                other.setdefault((c.data.unit, c.display), []).append(c)
        for (unit, written), mine in sorted(other.items()):
            readings = {mine[0].data.figure, mine[0].data.alt_value}
            twins = [v for r in readings for v in vietnamese.get((unit, r), ())]
            for story in stories.split(mine + twins):
                here = [c for c in story if c.data.notation == "en"]
                there = sorted((c for c in story if c.data.notation == "vi"), key=position)
                if here and there:
                    yield self._finding(sorted(here, key=position), there)

    def _finding(self, mine: list, twins: list):
        written, other = mine[0].display, twins[0].display
        return self.finding(
            message=self.message("default", written=written, other=other),
            subject=mine[0].data.unit, expected=other, values=[written, other],
            sides=mine + twins, outliers=len(mine),
            why=self.phrase("why-notation", written=written, other=other), support={})
