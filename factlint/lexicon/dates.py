"""The date grammar, compiled from rules/vocab [dates]: what a date looks like in
Vietnamese text, with no knowledge of claims.

    Ngày 13/5 · 14/05/2025 · 5-12/5/2025 · 5–12/5 · (2-4/4) · từ ngày 5 đến 12/5
    từ 28/4 đến 2/5 · ngày 5 tháng 5 năm 2025 · tháng 5/2025 · năm 1992 · 2025-05-14
    chiều 2/4 · Thứ tư, ngày 14/05/2025 21:40 · 23h50 ngày 3/2 · khoảng 23h30

Not dates: rankings ("thứ 26/147"), document numbers ("08/CĐ-TTg"), addresses
("ngách 29/70"), "24/7", fractions (a bare "D/M" needs a date word before it).

Both the reference step (normalize/reference.py) and the date extractor read the dates of
a document; `scan` remembers its last answer so the text is scanned once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from factlint.lexicon import Phrases, any_of, matches_at
from factlint.vocab import Dates, UserPattern

_NB = r"(?<![\d/.,:\p{L}])"  # no digit, letter or date separator before
_NA = r"(?![\d/]|[.,:]\d|\p{L})"  # nor after
_DASH = r"\s*[-–—]\s*"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_D, _M = r"(?:0?[1-9]|[12]\d|3[01])", r"(?:0?[1-9]|1[0-2])"


def _valid(y, m, d) -> bool:
    try:
        dt.date(y or 2000, m, d)  # 2000 is a leap year: 29/2 without a year is valid
        return True
    except (ValueError, TypeError):
        return False


@dataclass(slots=True)
class DateMatch:
    """One date as written: the numbers read (a year may be missing) and the match."""

    span: str  # which form matched: iso, frto, rg, ntn, tmy, dmy, dm, yr
    attribute: str  # date, range, month, year
    y: int | None
    m: int | None
    d: int | None
    y2: int | None
    m2: int | None
    d2: int | None
    match: object  # the regex match (groups: wd, part, tm1, tm2, ngay, …)
    zone: str


class DateGrammar:
    def __init__(self, v: Dates):
        self.weekdays = {k.lower(): int(n) for k, n in v.weekdays.items()}
        wd = any_of(self.weekdays, ignore_case=True)
        part = any_of(v.parts_of_day, ignore_case=True)
        tq = any_of(v.time_qualifiers, ignore_case=True)
        frm = any_of(v.range_from, ignore_case=True)
        to = any_of(v.range_to, ignore_case=True)
        day, month, year = (any_of([w], ignore_case=True) for w in (v.day_word, v.month_word, v.year_word))
        self.never = set(v.never)
        self.date_words = regex.compile(
            rf"(?:^|[^\p{{L}}])(?i:{any_of(v.date_words, ignore_case=True)}|{part})"
            rf"\s*$|[(\[]\s*$|^\s*$")
        self.not_before = regex.compile(
            rf"(?:^|[^\p{{L}}])(?i:{any_of(v.not_date_before, ignore_case=True)})\s*$")
        self.not_after = UserPattern(v.not_date_after, "dates.not_date_after")
        self.ordinal_before = regex.compile(
            rf"(?:^|[^\p{{L}}])(?i:{any_of(v.ordinal_nouns, ignore_case=True)})\s*$")
        marks = any_of(v.hour_marks)
        minutes = any_of(v.minute_words)
        time = (rf"(?:(?P<hh>[01]?\d|2[0-3])\s*(?::|{marks})\s*(?P<mm>[0-5]\d)?(?:\s*{minutes})?"
                r"(?![\d\p{L}]))")
        rel = any_of(v.relative_days, ignore_case=True)
        # head: weekday / part of day / clock time / a relative day ("tối nay") before the
        # date ("Thứ tư, ngày 14/5", "19g tối 22-5", "hôm nay 10-9"); the day word is optional
        head = (rf"(?:(?P<wd>(?i:{wd}))\s*,?\s*)?(?:(?P<part>(?i:{part}))\s+)?"
                rf"(?:(?P<tm1>{time.replace('hh', 'h1').replace('mm', 'm1')})\s*(?:,\s*)?)?"
                rf"(?:(?P<part2>(?i:{part}))\s+)?(?:(?P<rel>(?i:{rel}))\s*,?\s*)?"
                rf"(?:(?P<ngay>(?i:{any_of(v.day_prefixes, ignore_case=True)}))\s*)?")
        D, M = _D, _M
        body = (
            rf"(?P<iso>{_NB}(?P<iy>{_YEAR})-(?P<im>{M})-(?P<id>{D}){_NA})"
            rf"|(?P<frto>(?i:{frm})\s+(?P<fd>{D})(?:/(?P<fm>{M})(?:/(?P<fy>{_YEAR}))?)?\s+(?i:{to})\s+(?:(?i:{day})\s+)?"
            rf"(?P<td>{D})/(?P<tm>{M})(?:/(?P<ty>{_YEAR}))?{_NA})"
            rf"|(?P<rg>{_NB}(?P<rd1>{D})(?:/(?P<rm1>{M}))?{_DASH}(?P<rd2>{D})/(?P<rm2>{M})(?:/(?P<ry>{_YEAR}))?{_NA})"
            rf"|(?P<ntn>(?i:{day})\s+(?P<nd>{D})\s+(?i:{month})\s+(?P<nm>{M})(?:\s*(?:(?i:{year})\s+|,\s*)(?P<ny>{_YEAR}))?{_NA})"
            rf"|(?P<tmy>(?i:{month})\s+(?P<mm2>{M})(?:\s*/\s*|\s+(?i:{year})\s+)(?P<my>{_YEAR}){_NA})"
            rf"|(?P<dmy>{_NB}(?P<d>{D})[/.-](?P<m>{M})[/.-](?P<y>{_YEAR}){_NA})"
            rf"|(?P<dm>{_NB}(?P<d0>{D})/(?P<m0>{M}){_NA})"
            rf"|(?P<dmx>{_NB}(?P<dx>{D})[.-](?P<mx>{M}){_NA})"
            rf"|(?P<yr>(?<![\p{{L}}])(?i:{year})\s+(?P<yy>{_YEAR})(?![\d/\p{{L}}]|[.,]\d))"
        )
        # only try at the start of a word or number that has a digit close after it (speed)
        firsts = {w.split()[0].lower() for w in [*self.weekdays, *v.parts_of_day, *v.range_from,
                                                  *v.day_prefixes, v.day_word, v.month_word,
                                                  v.year_word] if w}
        starts = any_of(firsts, ignore_case=True)
        self.date_re = regex.compile(
            rf"(?<![\p{{L}}\p{{M}}\d])(?=\d|(?i:{starts})[^\n\d]{{0,40}}\d){head}(?:{body})"
            rf"(?:\s*,?\s*(?:(?i:{tq})\s+)?(?P<tm2>{time.replace('hh', 'h2').replace('mm', 'm2')}))?")
        # a date starts at a digit or at one of these words: the pattern is tried only there;
        # a weekday standing alone ("vào thứ Hai") at a weekday or a word before it. Each
        # word is looked for once: in the words of both, of dates only, of weekdays only.
        date_words = set(Phrases(firsts).firsts)
        weekday_words = set(Phrases([*v.weekday_context, *self.weekdays]).firsts)
        self.word_groups = [Phrases(sorted(words)) for words in (
            date_words & weekday_words, date_words - weekday_words, weekday_words - date_words)]
        # a date that starts with a digit has a separator after its first number: 13/5,
        # 5-12/5, 2025-05-14, 13.5.2025, or an hour mark (23h50 / 21:40 / 9 giờ) before a date
        mark_letters = "".join(sorted({m[0] for m in v.hour_marks if m}))
        self.date_digits = regex.compile(rf"(?<!\d)\d+(?=\s*[-–—/.:{regex.escape(mark_letters)}])")
        self._last: tuple = (None, None, None)  # document, its dates, where a lone weekday may start

    def scan(self, doc) -> list[DateMatch]:
        """Every date of the document, in text order."""
        if self._last[0] is doc:
            return self._last[1]
        text = doc.text
        both, dates_only, weekdays_only = (words.starts(text) for words in self.word_groups)
        candidates = sorted({*(m.start() for m in self.date_digits.finditer(text)), *both, *dates_only})
        out = []
        for m in matches_at(self.date_re, text, candidates):
            p = self._parse(m)
            if p is not None and self._is_date(text, p):
                p.zone = doc.zone_at(m.start(p.span))
                out.append(p)
        self._last = (doc, out, sorted({*both, *weekdays_only}))
        return out

    def weekday_starts(self, doc) -> list[int]:
        """Where a weekday standing alone may start (at a weekday or at a word of
        `weekday_context`), in order."""
        self.scan(doc)
        return self._last[2]

    def forget(self) -> None:
        """Drop the remembered scan (its document is done)."""
        self._last = (None, None, None)

    @staticmethod
    def _parse(m) -> DateMatch | None:
        g = m.group

        def num(name):
            return int(g(name)) if g(name) else None

        if g("iso"):
            return DateMatch("iso", "date", num("iy"), num("im"), num("id"), None, None, None, m, "")
        if g("frto"):
            td, tm, ty = num("td"), num("tm"), num("ty")
            fm = num("fm") or tm
            fy = num("fy") or ty
            return DateMatch("frto", "range", fy, fm, num("fd"), ty, tm, td, m, "")
        if g("rg"):
            tm, ty = num("rm2"), num("ry")
            return DateMatch("rg", "range", ty, num("rm1") or tm, num("rd1"), ty, tm, num("rd2"), m, "")
        if g("ntn"):
            return DateMatch("ntn", "date", num("ny"), num("nm"), num("nd"), None, None, None, m, "")
        if g("tmy"):
            return DateMatch("tmy", "month", num("my"), num("mm2"), None, None, None, None, m, "")
        if g("dmy"):
            return DateMatch("dmy", "date", num("y"), num("m"), num("d"), None, None, None, m, "")
        if g("dm"):
            return DateMatch("dm", "date", None, num("m0"), num("d0"), None, None, None, m, "")
        if g("dmx"):
            return DateMatch("dmx", "date", None, num("mx"), num("dx"), None, None, None, m, "")
        if g("yr"):
            return DateMatch("yr", "year", num("yy"), None, None, None, None, None, m, "")
        return None

    def _is_date(self, text: str, p: DateMatch) -> bool:
        m = p.match
        core = m.group(p.span)
        s, e = m.span(p.span)
        before = text[max(0, s - 30):s]
        # the 30 characters before, within the line (never search back to the start of a
        # long line: on a one-line file that would be quadratic)
        line_start = text.rfind("\n", max(0, s - 30), s) + 1 or max(0, s - 30)
        before_line = text[line_start:s]
        if self.not_after.search(text[e:e + 12]):
            return False
        introduced = m.group("ngay") or m.group("part") or m.group("wd")
        if p.span == "dmx" and not (introduced or m.group("part2") or m.group("rel")):
            return False  # "10-9", "10.9": a date only right after a day word ("ngày 10.9")
        if p.span in ("dm", "rg", "dmy", "dmx"):
            if not introduced and self.not_before.search(before):
                return False
            if core in self.never and not m.group("ngay"):
                return False
        if p.span == "dm" and not (introduced or m.group("tm1")):
            # a bare D/M: a date word (or an opening bracket, or the start of a line) before it
            if not self.date_words.search(before_line):
                return False
        if p.span == "rg" and not introduced and not p.y2:
            if not self.date_words.search(before_line):
                return False
        if not _valid(p.y, p.m, p.d) if p.d else False:
            return False
        if p.d2 and not _valid(p.y2, p.m2, p.d2):
            return False
        return True
