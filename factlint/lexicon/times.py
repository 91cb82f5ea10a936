"""The grammar of times of day, compiled from rules/vocab [dates]: clock times, parts of
the day and minutes of a match, each read as an interval of minutes, as a writer means it.

    16 giờ · 15h42' · khoảng 17h20 · Đúng 12 giờ 30 · 0h5 · 8h tối · 19g · chiều nay · phút 83 · phút 90+3

A time written to the hour stands for ten minutes either side of it, one written to the
minute for that minute; "khoảng" widens a time to a quarter of an hour either side, "đúng"
narrows it to the minute, "gần" means up to half an hour before. A match minute ("phút 83",
"Phút 84'", "phút 90+3") stands for half a minute either side of it: minutes are counted
two ways, so "phút 83" and "phút 84" agree. A part of the day covers
the hours the vocabulary gives it. Not times: lengths of time ("1 giờ đồng hồ", "trong 2
giờ").
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from factlint.lexicon import Phrases, any_of
from factlint.vocab import Dates

TO_THE_HOUR = 10  # minutes either side of a time written to the hour
ABOUT = 15  # "khoảng": minutes either side
BEFORE = 30  # "gần 22h": up to this many minutes before
AFTER = 60  # "khoảng hơn 18h": up to this many minutes after
# A match minute is counted two ways: a goal at 83:20 is "phút 83" (minutes played) and
# "phút 84" (the minute under way). Half a minute either side makes two minutes next to
# each other meet, and two minutes further apart not.
MATCH_MINUTE = 0.5


@dataclass(slots=True)
class TimeMatch:
    start: int
    end: int
    kind: str  # "clock", "part" (of the day) or "minute" (of a match)
    low: float  # minutes after the midnight of its day (a match minute: half a minute before it)
    high: float
    relative: int | None = None  # days from the reference date ("tối nay" 0, "sáng mai" 1)


class TimeGrammar:
    def __init__(self, v: Dates):
        self.parts = {k.lower(): (lo * 60, hi * 60) for k, (lo, hi) in v.parts_of_day.items()}
        self.qualifiers = {k.lower(): b for k, b in v.time_qualifiers.items()}
        self.relative = {k.lower(): n for k, n in v.relative_days.items()}
        parts = any_of(self.parts, ignore_case=True)
        quals = any_of(self.qualifiers, ignore_case=True)
        rel = any_of(self.relative, ignore_case=True)
        marks = any_of(v.hour_marks)
        minutes = any_of(v.minute_words)
        self.clock_re = regex.compile(
            rf"(?<![\d\p{{L}}])(?:(?P<q>(?i:{quals}))\s+)?(?P<h>[01]?\d|2[0-4])\s*"
            rf"(?::(?P<m>[0-5]\d)|(?P<mark>{marks})\s*(?P<m2>[0-5]?\d)?)['’]?(?:\s*{minutes})?"
            rf"(?![\d\p{{L}}])(?:\s*(?P<part>(?i:{parts}))(?![\p{{L}}]))?"
            rf"(?:\s+(?P<rel>(?i:{rel}))(?![\p{{L}}]))?")
        self.part_re = regex.compile(
            rf"(?<![\p{{L}}])(?P<part>(?i:{parts}))\s+(?P<rel>(?i:{rel}))(?![\p{{L}}])")
        # not "5 phút 30 giây" (a length of time, a number before the minute word)
        self.minute_re = regex.compile(
            rf"(?<![\p{{L}}\d])(?<!\d )(?i:{any_of(v.match_minute_words, ignore_case=True)})\s+(?P<n>\d{{1,3}})"
            rf"(?:\s*(?:{any_of(v.added_time_marks)})\s*(?P<added>\d{{1,2}}))?"
            rf"(?:\s*(?:{any_of(v.match_minute_marks)}))?(?![\d\p{{L}}])")
        # where a time may stand: a number before an hour mark, a match-minute word, a part of
        # the day with a relative day ("chiều nay"); the full patterns run only in their sentences
        self.clock_digits = regex.compile(rf"(?<!\d)\d{{1,2}}\s*(?::\d|{marks})")
        self.time_words = Phrases([*v.match_minute_words,
                                   *(f"{p} {r}" for p in self.parts for r in self.relative)])
        self.duration_after = regex.compile(rf"^\s*(?i:{any_of(v.duration_after, ignore_case=True)})(?![\p{{L}}])")
        self.duration_before = regex.compile(
            rf"(?:^|[^\p{{L}}])(?i:{any_of(v.duration_before, ignore_case=True)})\s+$")

    def candidates(self, text: str, sentence_of) -> list[int]:
        """Positions where a time may stand, in order: every sentence (`sentence_of`, a Spans)
        in which `scan` finds a time holds one."""
        words = []
        for p in self.time_words.starts(text):
            s = sentence_of.find(p)
            # a first word alone ("sáng" of "sáng kiến") is no time: the patterns say, in the
            # sentence as `scan` reads it
            if s and (self.part_re.match(text, p, s[1]) or self.minute_re.match(text, p, s[1])):
                words.append(p)
        return sorted({*(m.start() for m in self.clock_digits.finditer(text)), *words})

    def scan(self, text: str, start: int, end: int) -> list[TimeMatch]:
        """The times of day and match minutes written in text[start:end], in text order."""
        out = []
        taken = []
        for m in self.clock_re.finditer(text, start, end):
            t = self._clock(text, m)
            if t is not None:
                out.append(t)
                taken.append((m.start(), m.end()))
        for m in self.part_re.finditer(text, start, end):
            if any(a <= m.start() < b for a, b in taken):
                continue
            lo, hi = self.parts[m.group("part").lower()]
            out.append(TimeMatch(m.start(), m.end(), "part", lo, hi, self.relative[m.group("rel").lower()]))
        for m in self.minute_re.finditer(text, start, end):
            n = float(m.group("n")) + float(m.group("added") or 0)
            out.append(TimeMatch(m.start(), m.end(), "minute", n - MATCH_MINUTE, n + MATCH_MINUTE))
        return sorted(out, key=lambda t: t.start)

    def _clock(self, text: str, m) -> TimeMatch | None:
        minutes_written = m.group("m") or m.group("m2")
        if not minutes_written:
            if self.duration_after.match(text, m.end()) or \
                    self.duration_before.search(text[max(0, m.start() - 14):m.start()]):
                return None  # "1 giờ đồng hồ", "trong 2 giờ": a length of time
        h = int(m.group("h"))
        part = (m.group("part") or "").lower()
        if part:
            lo, hi = self.parts[part]
            if not lo <= h * 60 <= hi and lo <= (h + 12) * 60 <= hi:
                h += 12  # "8h tối" is 20:00
        t = h * 60 + int(minutes_written or 0)
        bound = self.qualifiers.get((m.group("q") or "").lower(), "at")
        if bound == "exact":
            low = high = t
        elif bound == "about":
            low, high = t - ABOUT, t + ABOUT
        elif bound == "before":
            low, high = t - BEFORE, t
        elif bound == "after":
            low, high = t, t + AFTER
        elif minutes_written:
            low = high = t
        else:
            low, high = t - TO_THE_HOUR, t + TO_THE_HOUR
        rel = m.group("rel")
        return TimeMatch(m.start(), m.end(), "clock", low, high,
                         self.relative[rel.lower()] if rel else None)


def minutes_text(minutes: float) -> str:
    """540 -> "9:00" (a time of the next day keeps counting: 1470 -> "24:30")."""
    m = int(round(minutes))
    return f"{m // 60}:{m % 60:02d}"
