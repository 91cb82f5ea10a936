"""Dates, date ranges, weekdays, parts of day and clock times (the grammar is
lexicon/dates.py, its words rules/vocab [dates]).

A claim's `value` is ISO: "2025-05-13", "2025-05", "1992", or "2025-05-05/2025-05-12"
for a range; a missing year is taken from the document's reference date and
`DateData.year_from` says how ("unknown" when there is none: the year is written "????").
"Thứ tư," opening a list item is the ordinal, not Wednesday.
"""

from __future__ import annotations

import regex

from factlint.extract import Extractor
from factlint.lexicon import any_of, matches_at
from factlint.model import Claim, DateData, PartialDate
from factlint.normalize.structure import Spans


class DateExtractor(Extractor):
    kind = "date"

    def __init__(self, lexicon):
        super().__init__(lexicon)
        v = lexicon.vocab.dates
        self.grammar = lexicon.dates
        self.weekdays = self.grammar.weekdays
        self.unambiguous = {w.lower() for w in v.unambiguous_weekdays}
        wd = any_of(self.weekdays, ignore_case=True)
        ctx = any_of(v.weekday_context, ignore_case=True)
        self.bare_wd = regex.compile(
            rf"(?<![\p{{L}}])(?:(?P<ctx>(?i:{ctx}))\s+)?(?P<wd>(?i:{wd}))(?![\p{{L}}\d])")

    def extract(self, doc, found):
        ref = doc.reference
        sent_of = Spans(doc.sentences)
        dates = self.grammar.scan(doc)
        starts = self.grammar.weekday_starts(doc)
        self.grammar.forget()
        claims = [self._claim(doc, p, ref, sent_of) for p in dates]
        claims.extend(self._bare_weekdays(doc, starts, [p.match.span() for p in dates], ref, sent_of))
        return claims

    def _claim(self, doc, p, ref, sent_of) -> Claim:
        m = p.match
        y, y2 = p.y, p.y2
        year_from = None
        if p.attribute in ("date", "range") and (y is None or (p.d2 and y2 is None)):
            if ref and ref.date.year:
                ry = ref.date.year
                if y is None:
                    y = ry
                    # a date well after the reference month belongs to the previous year
                    if ref.date.month and p.m - ref.date.month > 6:
                        y = ry - 1
                if p.d2 and y2 is None:
                    y2 = y + (1 if p.m2 < p.m else 0)
                year_from = ref.describe()
            else:
                year_from = "unknown"
        elif p.d2 and y2 is None:
            y2 = y
        if p.d2 and y is None and y2:
            y = y2 - (1 if p.m2 < p.m else 0)
        start = PartialDate(y, p.m, p.d)
        end = PartialDate(y2, p.m2, p.d2) if p.d2 else None
        value = f"{start.iso()}/{end.iso()}" if p.attribute == "range" else start.iso()
        data = DateData(start=start, end=end, year_written=p.y is not None, year_from=year_from)
        begin, finish = m.span()
        if m.group("wd") and self.grammar.ordinal_before.search(doc.text[max(0, begin - 20):begin]):
            # "tháng thứ 6, ngày 13/4": an ordinal, not a weekday
            begin = next(m.start(g) for g in ("part", "tm1", "part2", "rel", "ngay", p.span) if m.group(g))
        elif m.group("wd"):
            data.weekday = self.weekdays[m.group("wd").lower()]
            data.weekday_text = m.group("wd")
        part = m.group("part") or m.group("part2")
        if part:
            data.part = part.lower()
        for t in ("tm1", "tm2"):
            if m.group(t):
                n = t[-1]
                data.time = f"{int(m.group(f'h{n}')):02d}:{int(m.group(f'm{n}') or 0):02d}"
        text = doc.text[begin:finish]
        return Claim(
            kind="date", subject="date", attribute=p.attribute, value=value, text=text,
            doc=doc.path, start=begin, end=finish, zone=p.zone, sentence=sent_of.find(begin),
            display=text.strip(), when=start, data=data)

    def _bare_weekdays(self, doc, starts, taken, ref, sent_of):
        """"Chủ nhật", "vào thứ Hai": a weekday without a date; `starts` holds every
        position where one may start."""
        out = []
        taken = Spans(taken)  # the dates' spans: in order, not overlapping
        for m in matches_at(self.bare_wd, doc.text, starts):
            if taken.find(m.start("wd")):
                continue
            wd = m.group("wd").lower()
            if wd not in self.unambiguous and not m.group("ctx"):
                continue  # "Thứ tư, …" opening a list item is the ordinal
            out.append(Claim(
                kind="date", subject="date", attribute="weekday", value=str(self.weekdays[wd]),
                text=m.group(), doc=doc.path, start=m.start("wd"), end=m.end("wd"),
                zone=doc.zone_at(m.start("wd")), sentence=sent_of.find(m.start("wd")),
                display=m.group("wd"), when=ref.date if ref else None,
                data=DateData(weekday=self.weekdays[wd], weekday_text=m.group("wd"))))
        return out
