"""Moments: a step of an event at a time of day (the words live in rules/vocab
moments.toml and [dates]; the time grammar is lexicon/times.py).

    Vào lúc 16 giờ hôm nay 10-9, chuyên cơ … đã hạ cánh      landing at 15:50–16:10 on 10/9
    Sáng 11/9, … Chủ tịch nước Võ Văn Thưởng đã tiếp …         reception, morning of 11/9
    Phút 84', Nhâm Mạnh Dũng … ghi bàn thắng mở tỷ số 1-0       goal, minute 84

A sentence that names a step and a time makes one moment per step, with the time nearest
to it; a step with a date and no time makes a moment of that day ("Ngày 4/4, … ban hành
kết luận điều tra"). The place is what the sentence names after a locative ("tại …"). The day is the date of the sentence, else a relative day ("chiều nay"), else the
day of the last date written before ("21h30 cùng ngày"). The actor is the person named
nearest before the step (else after it); the event is the event noun of the sentence
("vụ cháy"). Plans ("dự kiến", "sẽ") are marked, and never compared.

A minute of a match times only a step of a match (`[moments] match_steps`: a goal, a
penalty, a red card, a substitution; "Phút 52, … khống chế bóng" is no fire brought under
control). A step that changes the score (`score_steps`) takes the scoreline written
nearest to it ("mở tỷ số 1-0", "nâng tỷ số lên 2 - 1"; not a date "22-5"); the match's
day is the moment's day, else the day the document last dated before it.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import timedelta

import regex

from factlint.extract import Extractor
from factlint.lexicon import Phrases, any_of
from factlint.lexicon.times import TimeGrammar, TimeMatch, minutes_text
from factlint.model import Claim, MomentData, PartialDate
from factlint.normalize.structure import Spans


_SEMICOLON = regex.compile(";")


class MomentExtractor(Extractor):
    kind = "moment"
    needs = ("person", "date")

    def __init__(self, lexicon):
        super().__init__(lexicon)
        v = lexicon.vocab.moments
        key = lexicon.folder.key
        self.times = TimeGrammar(lexicon.vocab.dates)
        self.step_of = {key(w): step for step, words in v.steps.items() for w in words}
        self.steps = Phrases([w for words in v.steps.values() for w in words])
        self.step_patterns = [(step, regex.compile(p)) for step, ps in v.step_patterns.items() for p in ps]
        self.event_of = {key(w): event for event, words in v.nouns.items() for w in words}
        self.events = Phrases([w for words in v.nouns.values() for w in words])
        self.planned = Phrases(lexicon.vocab.events.planned_words)
        self.titles = Phrases(lexicon.title_forms)
        self.parts = {k.lower(): (lo * 60, hi * 60) for k, (lo, hi) in lexicon.vocab.dates.parts_of_day.items()}
        self.same_day = Phrases(lexicon.vocab.dates.same_day)
        self.match_steps = set(v.match_steps)
        self.score_steps = set(v.score_steps)
        # a scoreline: two small numbers with a mark between, not a date ("22-5-2022", "3/4-5")
        self.score_re = regex.compile(
            rf"(?<![\d\p{{L}}./-])(?P<a>\d{{1,2}})\s?(?:{any_of(v.score_marks)})\s?(?P<b>\d{{1,2}})"
            rf"(?![\d\p{{L}}]|[./-]\d)")
        self.place_re = regex.compile(
            rf"(?<![\p{{L}}\p{{M}}])(?:{any_of(v.locatives)})\s+[^,.;:()\n]*?(?P<place>\p{{Lu}}[^,.;:()\n]{{0,60}})")

    def _steps(self, text: str, start: int, end: int) -> list[tuple[str, int, int]]:
        key = self.lexicon.folder.key
        out = [(self.step_of[key(m.group())], m.start(), m.end()) for m in self.steps.finditer(text, start, end)]
        for step, pattern in self.step_patterns:
            out += [(step, m.start(), m.end()) for m in pattern.finditer(text, start, end)]
        return sorted(out, key=lambda s: s[1])

    def _timed_sentences(self, doc, dates) -> list[tuple[int, int]]:
        """The sentences where a time may stand (steps are looked for only there: steps are
        common words, times are not)."""
        sentence_of = Spans(doc.sentences)
        positions = self.times.candidates(doc.text, sentence_of)
        positions += [d.start for d in dates]
        return sorted({s for s in map(sentence_of.find, positions) if s is not None})

    def extract(self, doc, found):
        if not self.steps and not self.step_patterns:
            return []
        text = doc.text
        ref = doc.reference.date if doc.reference else None
        dates = sorted((d for d in found.get("date", ()) if d.attribute == "date" and d.when
                        and d.when.precision == "day"), key=lambda d: d.start)
        date_starts = [d.start for d in dates]
        cast = None  # the people of the document: read once a sentence holds a moment (few do)
        key = self.lexicon.folder.key
        claims: list[Claim] = []
        for s_start, s_end in self._timed_sentences(doc, dates):
            steps = self._steps(text, s_start, s_end)
            if not steps:
                continue
            times = self.times.scan(text, s_start, s_end)
            in_sentence = dates[bisect_right(date_starts, s_start - 1):bisect_right(date_starts, s_end - 1)]
            times += self._parts_of_dates(in_sentence, times)
            if not times:  # a date and no time: the moment is the day itself
                times = [TimeMatch(d.start, d.end, "day", 0, 0) for d in in_sentence]
            if not times:
                continue
            if cast is None:
                cast = _cast(text, found)
            semicolons, people, person_starts, holders = cast
            earlier = dates[:bisect_right(date_starts, s_start - 1)]
            planned = self.planned.search(text, s_start, s_end) is not None
            event_match = self.events.search(text, s_start, s_end)
            event = self.event_of.get(key(event_match.group())) if event_match else None
            place = self._place(text, s_start, s_end)
            scores = None  # the scorelines of the sentence: read once a step of a match makes one
            timed = set()  # (step, time): two words of one step at one time are one moment
            for step, a, b in steps:
                # a minute of a match times only a step of a match
                fit = times if step in self.match_steps else [t for t in times if t.kind != "minute"]
                if not fit:
                    continue
                t = min(fit, key=lambda t: min(abs(t.start - a), abs(t.end - b)))
                if (step, t.start) in timed:
                    continue
                timed.add((step, t.start))
                score = None
                if step in self.score_steps:
                    if scores is None:
                        scores = self._scores(text, s_start, s_end, found)
                    score = _nearest(scores, a, b)
                day = self._day(t, in_sentence, earlier, ref, text, s_start, s_end)
                actor = self._actor(semicolons, people, person_starts, s_start, s_end, a) or \
                    self._title_holder(text, s_start, s_end, a, holders)
                shown = text[t.start:t.end]
                if t.kind == "day":
                    value = day.iso() if day else ""
                elif t.kind == "minute":
                    value = f"{(t.low + t.high) / 2:g}"
                else:
                    value = f"{minutes_text(t.low)}-{minutes_text(t.high)}"
                claims.append(Claim(
                    kind="moment", subject=step, attribute=t.kind, value=value,
                    text=shown, doc=doc.path, start=t.start, end=t.end, zone=doc.zone_at(t.start),
                    sentence=(s_start, s_end), display=shown.strip(), when=day,
                    data=MomentData(step, text[a:b], t.kind, t.low, t.high, day, event, actor, planned,
                                    place, score, _match_day(t, day, earlier))))
        return claims

    def _scores(self, text: str, start: int, end: int, found) -> list[tuple[int, int, str]]:
        """The scorelines written in text[start:end] ("1-0", "2 - 1"), each as (start, end,
        the higher number first): a scoreline read from either side is one."""
        dates = [(d.start, d.end) for d in found.get("date", ()) if d.start < end and d.end > start]
        out = []
        for m in self.score_re.finditer(text, start, end):
            if any(a < m.end() and m.start() < b for a, b in dates):
                continue
            hi, lo = sorted((int(m.group("a")), int(m.group("b"))), reverse=True)
            out.append((m.start(), m.end(), f"{hi}-{lo}"))
        return out

    def _place(self, text: str, start: int, end: int) -> str | None:
        """What the sentence names after its first locative, from the first capital to the
        last capitalised word or number ("khu nhà điều hành thủy điện Rào Trăng 3 xảy ra …"
        -> "rào trăng 3"), folded."""
        m = self.place_re.search(text, start, end)
        if not m:
            return None
        words = m.group("place").split()
        while words and not (words[-1][:1].isupper() or words[-1][:1].isdigit()):
            words.pop()
        return self.lexicon.folder.key(" ".join(words)) if words else None

    def _parts_of_dates(self, dates, times: list[TimeMatch]) -> list[TimeMatch]:
        """A part of the day written with a date ("Sáng 11/9") is a time of that day, unless
        a clock time of the sentence says more."""
        out = []
        for d in dates:
            part = d.data.part
            if part and part in self.parts and not any(t.kind == "clock" for t in times):
                lo, hi = self.parts[part]
                out.append(TimeMatch(d.start, d.start + len(part), "part", lo, hi))
        return out

    def _day(self, t: TimeMatch, in_sentence, earlier, ref, text, s_start, s_end) -> PartialDate | None:
        if in_sentence:
            return min(in_sentence, key=lambda d: abs(d.start - t.start)).when
        if t.relative is not None and ref is not None and ref.exact():
            day = ref.exact() + timedelta(days=t.relative)
            return PartialDate(day.year, day.month, day.day)
        if earlier and self.same_day.search(text, s_start, s_end) is not None:
            return earlier[-1].when
        return None

    def _title_holder(self, text: str, s_start: int, s_end: int, at: int, holders) -> str | None:
        """A sentence that names nobody but a title ("chuyên cơ chở Tổng thống đã hạ cánh")
        is about the one person of the document who holds it."""
        lx = self.lexicon
        for m in self.titles.finditer(text, s_start, s_end):
            who = holders.get(lx.title_of.get(lx.folder.key(m.group()), ""), ())
            if len(who) == 1:
                return next(iter(who))
        return None

    @staticmethod
    def _actor(semicolons, people, starts, s_start, s_end, at) -> str | None:
        """The person named nearest before the step in its clause, else the first after it
        (a semicolon ends a clause: "… ca bệnh X được ghi nhận; một người tử vong lúc 20h")."""
        lo, hi = bisect_right(starts, s_start - 1), bisect_right(starts, s_end - 1)
        k = bisect_right(semicolons, at)
        clause_start = semicolons[k - 1] if k else -1
        clause_end = semicolons[k] if k < len(semicolons) else s_end
        before = [p for p in people[lo:hi] if clause_start < p.start and p.end <= at]
        if before:
            return before[-1].subject
        after = [p for p in people[lo:hi] if p.end > at and p.start < clause_end]
        return after[0].subject if after else None


def _match_day(t: TimeMatch, day: PartialDate | None, earlier) -> PartialDate | None:
    """The day of the match a minute is of: its own day, else the day the document last
    dated before it ("Tối 12/3, … Phút 52, … ghi bàn")."""
    if t.kind != "minute":
        return None
    return day or (earlier[-1].when if earlier else None)


SCORE_REACH = 60  # characters: a scoreline further from its step is another fact of the sentence


def _nearest(scores, a: int, b: int) -> str | None:
    """The scoreline nearest to the step at text[a:b], if one stands within reach."""
    near = [(max(s - b, a - e, 0), score) for s, e, score in scores]
    near = [n for n in near if n[0] <= SCORE_REACH]
    return min(near)[1] if near else None


def _cast(text: str, found):
    """The semicolons of the text, its people in text order and where they start, and who
    holds each title in it."""
    people = sorted(found.get("person", ()), key=lambda p: p.start)
    holders: dict[str, set[str]] = {}
    for p in people:
        for title in p.data.titles:
            holders.setdefault(title, set()).add(p.subject)
    return [m.start() for m in _SEMICOLON.finditer(text)], people, [p.start for p in people], holders
