"""Type `weekday-date`: a weekday written with a date must be the weekday of that date
("Thứ tư, ngày 14/05/2025" must fall on a Wednesday).

Only dates whose year is written, or inferred from a dateline or front matter, are
checked; a weekday that cannot be tied to a full date is left alone. The weekday names of
messages come from the vocabulary ([dates] weekday_names); the suggested weekday is
written the way the text writes weekdays ([dates] weekdays: "Thứ tư" for "Thứ năm",
"thứ 4" for "thứ 5"), whatever the language of the messages.
"""

from __future__ import annotations

from factlint.compare import Params, Rule


class WeekdayParams(Params):
    trusted_year_sources: list[str] = ["dateline", "front matter"]  # inferred years trusted here


class WeekdayDate(Rule):
    type = "weekday-date"
    kinds = ("date",)
    Params = WeekdayParams
    MESSAGES = {"default": frozenset({"written", "date", "weekday", "suggested"})}

    def __init__(self, spec, lexicon, lang: str = "en"):
        super().__init__(spec, lexicon, lang)
        names = lexicon.vocab.dates.weekday_names
        self.names = names.get(lang) or names.get("en") or [str(n) for n in range(1, 8)]
        self.forms: dict[int, list[str]] = {}  # ISO weekday -> the vocabulary's ways to write it
        for form, number in lexicon.vocab.dates.weekdays.items():
            self.forms.setdefault(number, []).append(form)

    def as_written(self, written: str, weekday: int) -> str:
        """The weekday in the style of `written`: digits for digits, words for words, and
        the same capitals."""
        forms = self.forms.get(weekday) or [self.names[weekday - 1]]
        digits = any(ch.isdigit() for ch in written)
        form = next((f for f in forms if any(ch.isdigit() for ch in f) == digits), forms[0])
        if written.isupper():
            return form.upper()
        capital = [w[:1].isupper() for w in written.split()]
        return " ".join(w[:1].upper() + w[1:] if i < len(capital) and capital[i] else w
                        for i, w in enumerate(form.split()))

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
            written = c.data.weekday_text or ""
            suggested = self.as_written(written, day.isoweekday())
            yield self.finding(
                message=self.message(written=written, date=f"{day:%d/%m/%Y}", weekday=name,
                                     suggested=suggested),
                subject=f"{day:%d/%m/%Y}", expected=suggested, focus=written or None,
                values=[c.display], sides=[c], outliers=1,
                why=self.phrase("why-weekday", date=day.isoformat(), weekday=name))
