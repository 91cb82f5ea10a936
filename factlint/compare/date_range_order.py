"""Type `date-range-order`: a date range that ends before it starts ("12-5/5",
"từ 28/5 đến 2/5/2025")."""

from __future__ import annotations

from factlint.compare import Rule


class DateRangeOrder(Rule):
    type = "date-range-order"
    kinds = ("date",)
    MESSAGES = {"default": frozenset({"range", "start", "end"})}

    def check(self, by_kind):
        for c in self.claims(by_kind):
            if c.attribute != "range" or c.data.start is None or c.data.end is None:
                continue
            # a missing year is read as a leap year: 29/2 stays a day
            s, e = c.data.start.with_year(2000).exact(), c.data.end.with_year(2000).exact()
            if s and e and e < s:
                yield self.finding(
                    message=self.message(range=c.display, start=f"{s:%d/%m}", end=f"{e:%d/%m}"),
                    subject=c.display, expected=None, values=[c.display], sides=[c],
                    outliers=1, why=self.phrase("why-range-order"))
