"""A date range that ends before it starts ("12-5/5", "từ 28/5 đến 2/5/2025")."""

from __future__ import annotations

from factlint.compare import Params, Rule, register
from factlint.extract.date import to_date


@register
class RangeOrder(Rule):
    type = "date-range-order"
    kinds = ("date",)
    Params = Params

    def check(self, by_kind):
        for c in self.claims(by_kind):
            if c.attribute != "range":
                continue
            s, e = to_date(c.data.get("start", ""), 2000), to_date(c.data.get("end", ""), 2000)
            if s and e and e < s:
                yield self.finding(
                    message=f"the range {c.display} ends ({e:%d/%m}) before it starts ({s:%d/%m})",
                    subject=f"{c.doc} > range", expected=None, values=[c.display], sides=[c],
                    outliers=1, why="the end of a range cannot come before its start")
