"""Dates, date ranges, weekdays, parts of day and clock times.

    Ngày 13/5 · 14/05/2025 · 5-12/5/2025 · 5–12/5 · (2-4/4) · từ ngày 5 đến 12/5
    từ 28/4 đến 2/5 · ngày 5 tháng 5 năm 2025 · tháng 5/2025 · năm 1992 · 2025-05-14
    chiều 2/4 · Thứ tư, ngày 14/05/2025 21:40 · 23h50 ngày 3/2 · khoảng 23h30

A claim's `value` is ISO: "2025-05-13", "2025-05", "1992", or "2025-05-05/2025-05-12"
for a range; a missing year is inferred from the document's reference date (front
matter, dateline, metadata line, else the dates written in full in the text) and
`data["year_from"]` says how. A year that cannot be inferred is written "????".

Not dates: rankings ("thứ 26/147"), document numbers ("08/CĐ-TTg"), addresses
("ngách 29/70"), "24/7", fractions (a bare "D/M" needs a date word before it), and
"Thứ tư," opening a list item (the ordinal, not Wednesday). The words live in
rules/vocab/dates.toml under [extra.dates].
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import regex

from factlint.claims import Claim
from factlint.extract import Extractor, register
from factlint.lexicon import Phrases, alternation, matches_at
from factlint.normalize.structure import Spans, zone_at

_NB = r"(?<![\d/.,:\p{L}])"  # no digit, letter or date separator before
_NA = r"(?![\d/]|[.,:]\d|\p{L})"  # nor after
_DASH = r"\s*[-–—]\s*"
_YEAR = r"(?:1[89]\d\d|20\d\d)"


def _valid(y, m, d) -> bool:
    try:
        dt.date(y or 2000, m, d)  # 2000 is a leap year: 29/2 without a year is valid
        return True
    except (ValueError, TypeError):
        return False


def iso(y, m=None, d=None) -> str:
    ys = f"{y:04d}" if y else "????"
    if m is None:
        return ys
    if d is None:
        return f"{ys}-{m:02d}"
    return f"{ys}-{m:02d}-{d:02d}"


def parse_iso(value: str):
    """(year|None, month|None, day|None) of an ISO value written by this module."""
    parts = value.split("-")
    y = None if parts[0] == "????" else int(parts[0])
    m = int(parts[1]) if len(parts) > 1 else None
    d = int(parts[2]) if len(parts) > 2 else None
    return y, m, d


def to_date(value: str, year: int | None = None) -> dt.date | None:
    y, m, d = parse_iso(value)
    y = y or year
    if not (y and m and d):
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


@register
class DateExtractor(Extractor):
    kind = "date"
    order = 15

    def __init__(self, lexicon):
        super().__init__(lexicon)
        v = lexicon.vocab.extra.get("dates", {})
        self.weekdays = {k.lower(): int(n) for k, n in v.get("weekdays", {}).items()}
        self.unambiguous = {w.lower() for w in v.get("unambiguous_weekdays", [])}
        wd = alternation(self.weekdays, ignore_case=True)
        part = alternation(v.get("parts_of_day", []), ignore_case=True)
        tq = alternation(v.get("time_qualifiers", []), ignore_case=True)
        frm = alternation(v.get("range_from", ["từ"]), ignore_case=True)
        to = alternation(v.get("range_to", ["đến"]), ignore_case=True)
        self.never = set(v.get("never", []))
        self.date_words = regex.compile(
            rf"(?:^|[^\p{{L}}])(?i:{alternation(v.get('date_words', ['ngày']), ignore_case=True)}|{part or 'ngày'})"
            rf"\s*$|[(\[]\s*$|^\s*$")
        nb = alternation(v.get("not_date_before", []), ignore_case=True) or r"(?!)"
        self.not_before = regex.compile(rf"(?:^|[^\p{{L}}])(?i:{nb})\s*$")
        self.not_after = regex.compile(v.get("not_date_after", r"^(?!)"))
        on = alternation(v.get("ordinal_nouns", []), ignore_case=True) or r"(?!)"
        self.ordinal_before = regex.compile(rf"(?:^|[^\p{{L}}])(?i:{on})\s*$")
        time = (r"(?:(?P<hh>[01]?\d|2[0-3])\s*(?::|h|giờ)\s*(?P<mm>[0-5]\d)?(?:\s*phút)?"
                r"(?![\d\p{L}]))")
        self.time_re = regex.compile(rf"(?:(?P<tq>(?i:{tq}))\s+)?{time}")
        # head: weekday / part of day before the date; "ngày" optional
        head = (rf"(?:(?P<wd>(?i:{wd}))\s*,?\s*)?(?:(?P<part>(?i:{part}))\s+)?"
                rf"(?:(?P<tm1>{time.replace('hh', 'h1').replace('mm', 'm1')})\s*(?:,\s*)?)?"
                r"(?:(?P<ngay>(?i:ngày|hôm))\s*)?")
        D, M = r"(?:0?[1-9]|[12]\d|3[01])", r"(?:0?[1-9]|1[0-2])"
        body = (
            rf"(?P<iso>{_NB}(?P<iy>{_YEAR})-(?P<im>{M})-(?P<id>{D}){_NA})"
            rf"|(?P<frto>(?i:{frm})\s+(?P<fd>{D})(?:/(?P<fm>{M})(?:/(?P<fy>{_YEAR}))?)?\s+(?i:{to})\s+(?:(?i:ngày)\s+)?"
            rf"(?P<td>{D})/(?P<tm>{M})(?:/(?P<ty>{_YEAR}))?{_NA})"
            rf"|(?P<rg>{_NB}(?P<rd1>{D})(?:/(?P<rm1>{M}))?{_DASH}(?P<rd2>{D})/(?P<rm2>{M})(?:/(?P<ry>{_YEAR}))?{_NA})"
            rf"|(?P<ntn>(?i:ngày)\s+(?P<nd>{D})\s+(?i:tháng)\s+(?P<nm>{M})(?:\s*(?:(?i:năm)\s+|,\s*)(?P<ny>{_YEAR}))?{_NA})"
            rf"|(?P<tmy>(?i:tháng)\s+(?P<mm2>{M})(?:\s*/\s*|\s+(?i:năm)\s+)(?P<my>{_YEAR}){_NA})"
            rf"|(?P<dmy>{_NB}(?P<d>{D})[/.-](?P<m>{M})[/.-](?P<y>{_YEAR}){_NA})"
            rf"|(?P<dm>{_NB}(?P<d0>{D})/(?P<m0>{M}){_NA})"
            rf"|(?P<yr>(?<![\p{{L}}])(?i:năm)\s+(?P<yy>{_YEAR})(?![\d/\p{{L}}]|[.,]\d))"
        )
        # only try at the start of a word or number that has a digit close after it (speed)
        firsts = {w.split()[0].lower() for w in [*self.weekdays, *v.get("parts_of_day", []),
                                                  *v.get("range_from", []), "ngày", "hôm", "tháng", "năm"]}
        starts = alternation(firsts, ignore_case=True)
        self.date_re = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d])(?=\d|(?i:{starts})[^\n\d]{{0,40}}\d){head}(?:{body})(?:\s*,?\s*(?:(?i:{tq})\s+)?(?P<tm2>{time.replace('hh', 'h2').replace('mm', 'm2')}))?")
        # a date starts at a digit or at one of these words: the pattern is tried only there
        self.date_starts = Phrases(firsts)
        weekday_context = v.get("weekday_context", [])
        ctx = alternation(weekday_context, ignore_case=True) or r"(?!)"
        self.bare_wd = regex.compile(
            rf"(?<![\p{{L}}])(?:(?P<ctx>(?i:{ctx}))\s+)?(?P<wd>(?i:{wd}))(?![\p{{L}}\d])")
        self.bare_wd_starts = Phrases([*weekday_context, *self.weekdays])

    # ------------------------------------------------------------------ parsing
    def _parse(self, m) -> dict | None:
        g = m.group
        if g("iso"):
            return {"y": int(g("iy")), "m": int(g("im")), "d": int(g("id")), "attr": "date", "span": "iso"}
        if g("frto"):
            td, tm = int(g("td")), int(g("tm"))
            ty = int(g("ty")) if g("ty") else None
            fm = int(g("fm")) if g("fm") else tm
            fy = int(g("fy")) if g("fy") else ty
            return {"y": fy, "m": fm, "d": int(g("fd")), "y2": ty, "m2": tm, "d2": td, "attr": "range",
                    "span": "frto"}
        if g("rg"):
            tm = int(g("rm2"))
            ty = int(g("ry")) if g("ry") else None
            fm = int(g("rm1")) if g("rm1") else tm
            return {"y": ty, "m": fm, "d": int(g("rd1")), "y2": ty, "m2": tm, "d2": int(g("rd2")),
                    "attr": "range", "span": "rg"}
        if g("ntn"):
            return {"y": int(g("ny")) if g("ny") else None, "m": int(g("nm")), "d": int(g("nd")),
                    "attr": "date", "span": "ntn"}
        if g("tmy"):
            return {"y": int(g("my")), "m": int(g("mm2")), "d": None, "attr": "month", "span": "tmy"}
        if g("dmy"):
            return {"y": int(g("y")), "m": int(g("m")), "d": int(g("d")), "attr": "date", "span": "dmy"}
        if g("dm"):
            return {"y": None, "m": int(g("m0")), "d": int(g("d0")), "attr": "date", "span": "dm"}
        if g("yr"):
            return {"y": int(g("yy")), "m": None, "d": None, "attr": "year", "span": "yr"}
        return None

    def _is_date(self, text: str, m, p: dict) -> bool:
        core = m.group(p["span"])
        s, e = m.span(p["span"])
        before = text[max(0, s - 30):s]
        # the 30 characters before, within the line (never search back to the start of a
        # long line: on a one-line file that would be quadratic)
        line_start = text.rfind("\n", max(0, s - 30), s) + 1 or max(0, s - 30)
        before_line = text[line_start:s]
        if self.not_after.search(text[e:e + 12]):
            return False
        if p["span"] in ("dm", "rg", "dmy"):
            if not m.group("ngay") and not m.group("part") and not m.group("wd") \
                    and self.not_before.search(before):
                return False
            if core in self.never and not m.group("ngay"):
                return False
        if p["span"] == "dm" and not (m.group("ngay") or m.group("part") or m.group("wd") or m.group("tm1")):
            # a bare D/M: a date word (or an opening bracket, or the start of a line) before it
            if not self.date_words.search(before_line):
                return False
        if p["span"] == "rg" and not (m.group("ngay") or m.group("part") or m.group("wd")) and not p.get("y2"):
            if not self.date_words.search(before_line):
                return False
        if not _valid(p.get("y"), p["m"], p["d"]) if p["d"] else False:
            return False
        if p.get("d2") and not _valid(p.get("y2"), p["m2"], p["d2"]):
            return False
        return True

    # ---------------------------------------------------------------- reference
    def _reference(self, doc, parsed) -> dict | None:
        text = doc.text
        fm = _FRONT_MATTER.match(text)
        if fm:
            dm = _FRONT_MATTER_DATE.search(fm.group(1))
            if dm:
                y, mo = int(dm.group(1)), int(dm.group(2))
                d = int(dm.group(3)) if dm.group(3) else None
                return {"value": iso(y, mo, d), "year": y, "month": mo, "from": "front matter"}
        for p, m, zone in parsed:  # dateline: a full date in a metadata line
            if zone == "meta" and p["y"] and p["attr"] in ("date", "month"):
                return {"value": iso(p["y"], p["m"], p["d"]), "year": p["y"], "month": p["m"],
                        "from": "dateline"}
        mm = _METADATA_DATE.search(text)
        if mm:
            y = int(mm.group(1))
            mo = int(mm.group(2)) if mm.group(2) else None
            d = int(mm.group(3)) if mm.group(3) else None
            return {"value": iso(y, mo, d), "year": y, "month": mo, "from": "metadata line"}
        full = Counter()
        for p, m, zone in parsed:
            if zone in ("body", "title") and p["attr"] in ("date", "range", "month") and p["y"]:
                full[p.get("y2") or p["y"]] += 1
        if full:
            y = max(full, key=lambda k: (full[k], k))
            return {"value": iso(y), "year": y, "month": None, "from": "dates in the text"}
        return None

    # ------------------------------------------------------------------ extract
    def _date_candidates(self, text: str) -> list[int]:
        digits = [m.start() for m in _DATE_DIGITS.finditer(text)]
        return sorted({*digits, *self.date_starts.starts(text)})

    def extract(self, doc, found):
        text = doc.text
        parsed = []
        taken: list[tuple[int, int]] = []
        for m in matches_at(self.date_re, text, self._date_candidates(text)):
            p = self._parse(m)
            if p is None or not self._is_date(text, m, p):
                continue
            parsed.append((p, m, zone_at(doc, m.start(p["span"]))))
            taken.append(m.span())
        ref = self._reference(doc, parsed)
        doc.reference = ref
        claims: list[Claim] = []
        sent_of = Spans(doc.sentences)
        for p, m, zone in parsed:
            claims.append(self._claim(doc, p, m, zone, ref, sent_of))
        claims.extend(self._bare_weekdays(doc, taken, ref, sent_of))
        # claims of earlier kinds without a date of their own refer to the reference date
        if ref:
            for kind_claims in found.values():
                for c in kind_claims:
                    if c.doc == doc.path and c.when is None:
                        c.when = ref["value"]
        return claims

    def _claim(self, doc, p, m, zone, ref, sent_of) -> Claim:
        data = {k: p.get(k) for k in ("y", "m", "d", "y2", "m2", "d2") if p.get(k) is not None}
        y, y2 = p.get("y"), p.get("y2")
        if p["attr"] in ("date", "range") and (y is None or (p.get("d2") and y2 is None)):
            if ref and ref.get("year"):
                ry = ref["year"]
                if y is None:
                    y = ry
                    # a date well after the reference month belongs to the previous year
                    if ref.get("month") and p["m"] - ref["month"] > 6:
                        y = ry - 1
                if p.get("d2") and y2 is None:
                    y2 = y + (1 if p["m2"] < p["m"] else 0)
                data["year_from"] = f"{ref['from']} ({ref['value']})"
            else:
                data["year_from"] = "unknown"
        elif p.get("d2") and y2 is None:
            y2 = y
        if p.get("d2") and y is None and y2:
            y = y2 - (1 if p["m2"] < p["m"] else 0)
        if p["attr"] == "range":
            value = f"{iso(y, p['m'], p['d'])}/{iso(y2, p['m2'], p['d2'])}"
        else:
            value = iso(y, p["m"], p["d"])
        if p.get("d2") and p["m"] and p.get("m2"):
            data["start"] = iso(y, p["m"], p["d"])
            data["end"] = iso(y2, p["m2"], p["d2"])
        start, end = m.span()
        if m.group("wd") and self.ordinal_before.search(doc.text[max(0, start - 20):start]):
            # "tháng thứ 6, ngày 13/4": an ordinal, not a weekday
            start = next(m.start(g) for g in ("part", "tm1", "ngay", p["span"]) if m.group(g))
        elif m.group("wd"):
            data["weekday"] = self.weekdays[m.group("wd").lower()]
            data["weekday_text"] = m.group("wd")
        if m.group("part"):
            data["part"] = m.group("part").lower()
        for t in ("tm1", "tm2"):
            if m.group(t):
                n = t[-1]
                hh = int(m.group(f"h{n}"))
                mm = int(m.group(f"m{n}") or 0)
                data["time"] = f"{hh:02d}:{mm:02d}"
        claim_text = text_span = doc.text[start:end]
        return Claim(
            kind="date", subject="date", attribute=p["attr"], value=value, text=claim_text,
            doc=doc.path, start=start, end=end, zone=zone, sentence=sent_of.find(start),
            display=text_span.strip(), when=value.split("/")[0], data=data)

    def _bare_weekdays(self, doc, taken, ref, sent_of):
        """"Chủ nhật", "vào thứ Hai": a weekday without a date."""
        out = []
        taken = Spans(taken)  # the dates' spans: in order, not overlapping
        for m in matches_at(self.bare_wd, doc.text, self.bare_wd_starts.starts(doc.text)):
            if taken.find(m.start("wd")):
                continue
            wd = m.group("wd").lower()
            if wd not in self.unambiguous and not m.group("ctx"):
                continue  # "Thứ tư, …" opening a list item is the ordinal
            out.append(Claim(
                kind="date", subject="date", attribute="weekday", value=str(self.weekdays[wd]),
                text=m.group(), doc=doc.path, start=m.start("wd"), end=m.end("wd"),
                zone=zone_at(doc, m.start("wd")), sentence=sent_of.find(m.start("wd")),
                display=m.group("wd"), when=ref["value"] if ref else None,
                data={"weekday": self.weekdays[wd], "weekday_text": m.group("wd")}))
        return out


_FRONT_MATTER = regex.compile(r"\ufeff?---\s*\n(.*?)\n---\s*\n", regex.S)
_FRONT_MATTER_DATE = regex.compile(r"(?m)^date\s*:\s*[\"']?(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")
_METADATA_DATE = regex.compile(r"(?m)^\s*date\s+(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
# A date that starts with a digit has a separator after its first number: 13/5, 5-12/5,
# 2025-05-14, 13.5.2025, 23h50 / 21:40 / 9 giờ before a date.
_DATE_DIGITS = regex.compile(r"(?<!\d)\d+(?=\s*[-–—/.:hg])")
