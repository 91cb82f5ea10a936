"""Type `weekday-date`: a weekday written with a date must be the weekday of that date
("Thứ tư, ngày 14/05/2025" must fall on a Wednesday).

Only dates whose year is written, or inferred from a dateline or front matter, are
checked; a weekday that cannot be tied to a full date is left alone. The weekday names of
messages come from the vocabulary ([dates] weekday_names).
"""

from __future__ import annotations

from factlint.compare import Params, Rule


class WeekdayParams(Params):
    trusted_year_sources: list[str] = ["dateline", "front matter"]  # inferred years trusted here


class WeekdayDate(Rule):
    type = "weekday-date"
    kinds = ("date",)
    Params = WeekdayParams
    MESSAGES = {"default": frozenset({"written", "date", "weekday"})}

    def __init__(self, spec, lexicon, lang: str = "en"):
        super().__init__(spec, lexicon, lang)
        names = lexicon.vocab.dates.weekday_names
        self.names = names.get(lang) or names.get("en") or [str(n) for n in range(1, 8)]

    def check(self, by_kind):
        for c in self.claims(by_kind):
            wd = c.data.weekday
            if wd is None or c.attribute != "date":
                continue
            if not c.data.year_written:
                src = c.data.year_from or ""
                if not any(src.startswith(s) for s in self.params.trusted_year_sources):
                    continue
            day = c.data.start.exact()
            if day is None or day.isoweekday() == wd:
                continue
            name = self.names[day.isoweekday() - 1]
            yield self.finding(
                message=self.message(written=c.data.weekday_text, date=f"{day:%d/%m/%Y}", weekday=name),
                subject=f"{c.doc} > weekday", expected=name,
                values=[c.display], sides=[c], outliers=1,
                why=f"{day.isoformat()} is a {name}")
