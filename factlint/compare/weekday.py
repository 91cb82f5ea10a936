"""Weekday vs date: "Thứ tư, ngày 14/05/2025" must fall on a Wednesday.

Only dates whose year is written, or inferred from a dateline or front matter, are
checked; a weekday that cannot be tied to a full date is left alone.
"""

from __future__ import annotations

from factlint.compare import Params, Rule, register
from factlint.extract.date import to_date

_NAMES = {1: "Monday", 2: "Tuesday", 3: "Wednesday", 4: "Thursday", 5: "Friday", 6: "Saturday",
          7: "Sunday"}


class WeekdayParams(Params):
    trusted_year_sources: list[str] = ["dateline", "front matter"]  # inferred years trusted here


@register
class WeekdayDate(Rule):
    type = "weekday-date"
    kinds = ("date",)
    Params = WeekdayParams

    def check(self, by_kind):
        for c in self.claims(by_kind):
            wd = c.data.get("weekday")
            if wd is None or c.attribute != "date":
                continue
            if "y" not in c.data:
                src = c.data.get("year_from") or ""
                if not any(src.startswith(s) for s in self.params.trusted_year_sources):
                    continue
            day = to_date(c.value)
            if day is None or day.isoweekday() == wd:
                continue
            yield self.finding(
                message=f"{c.data.get('weekday_text')} is not the weekday of {day:%d/%m/%Y} "
                        f"(a {_NAMES[day.isoweekday()]})",
                subject=f"{c.doc} > weekday", expected=_NAMES[day.isoweekday()],
                values=[c.display], sides=[c], outliers=1,
                why=f"{day.isoformat()} is a {_NAMES[day.isoweekday()]}")
