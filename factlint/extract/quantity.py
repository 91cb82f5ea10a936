"""Quantities: a number with its qualifier, scale, unit, counted noun and topic.

    hơn 80 hoạt động · khoảng 60 thỏa thuận · 4,1 tỷ USD · 27,4% · 1.000 người · 10-15 người

Numbers are written the Vietnamese way (decimal comma, thousands dot). A qualifier
becomes an interval (`QuantityData.low`, `.high`; None is unbounded). The subject is
"<topic> > <noun>": the topic is a named event of the sentence ("bão Yagi"), else the
person named in the sentence (no topic, no claim); for a
unit ("USD", "%") the noun is the unit plus the words before the number ("kim ngạch
thương mại song phương"). `as_of` is a date written in the sentence, if any: figures of
different dates are never compared. The words live in rules/vocab/units.toml.
"""

from __future__ import annotations

from bisect import bisect_left

import regex

from factlint.extract import Extractor
from factlint.lexicon import Phrases, alternation, any_of
from factlint.model import Claim, QuantityData
from factlint.normalize.structure import Spans

_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_WORD = regex.compile(r"[\p{L}\p{M}]+|%")


def parse_number(s: str) -> float:
    return float(s.replace(".", "").replace(",", "."))


def interval(kind: str, lo: float, hi: float, tol: float) -> tuple[float | None, float | None]:
    if kind == "above":
        return (hi, None)
    if kind == "at_least":
        return (lo, None)
    if kind == "below":
        return (0.0, lo)
    if kind == "at_most":
        return (0.0, hi)
    if kind == "near":
        return (lo * (1 - tol), hi)
    if kind == "about":
        return (lo * (1 - tol), hi * (1 + tol))
    return (lo, hi)


def fmt(x: float) -> str:
    x = round(x, 6)
    return str(int(x)) if x == int(x) else f"{x:.6f}".rstrip("0")


class QuantityExtractor(Extractor):
    kind = "quantity"
    needs = ("person", "date", "anniversary", "event")

    def __init__(self, lexicon):
        super().__init__(lexicon)
        v = lexicon.vocab.units
        self.scales = {k.lower(): float(x) for k, x in v.scales.items()}
        self.quals = {k.lower(): q for k, q in v.qualifiers.items()}
        self.tol = v.tolerance
        self.single = {lexicon.folder.key(w) for w in v.single_word_nouns}
        self.qualifies = {lexicon.folder.key(w) for w in v.noun_qualifiers}
        self.not_nouns = {lexicon.folder.key(w) for w in v.not_nouns}
        q = any_of(self.quals, ignore_case=True)
        sc = any_of(self.scales, ignore_case=True)
        un = any_of(v.units)
        nb = any_of(v.not_before, ignore_case=True)
        self.not_before = regex.compile(rf"(?:^|[^\p{{L}}\p{{M}}])(?i:{nb})\s*$")
        self.re = regex.compile(
            rf"(?:(?<![\p{{L}}\p{{M}}])(?P<q>(?i:{q}))\s+)?"
            rf"(?<![\d/.,:\p{{L}}\p{{M}}-])(?P<n1>{_NUM})(?:\s*[-–]\s*(?P<n2>{_NUM}))?"
            rf"(?![\d/]|[.,:]\d)"
            rf"(?:\s*(?P<scale>(?i:{sc}))(?![\p{{L}}\p{{M}}]))?"
            rf"(?:\s*(?P<unit>(?:{un}))(?![\p{{L}}\p{{M}}\d]))?")
        ev = alternation(v.event_nouns, ignore_case=True)
        numbered = any_of(v.event_numbers)  # "bão số 3 (Yagi)"
        self.event_re = regex.compile(
            rf"(?<![\p{{L}}\p{{M}}])(?i:{ev})\s+(?:(?:{numbered})\s+\d+\s*\(\s*)?\p{{Lu}}[\p{{L}}\p{{M}}\d-]*"
        ) if ev else None
        self.event_nouns = Phrases(v.event_nouns)
        w = r"([\p{Ll}][\p{L}\p{M}]*)"
        self.noun_re = regex.compile(rf"[ \t]+{w}(?:[ \t]+{w})?")

    def extract(self, doc, found):
        key = self.lexicon.folder.key
        text = doc.text
        taken = Spans(_merged([(c.start, c.end) for c in found.get("date", [])]
                              + [(c.start, c.end) for c in found.get("anniversary", [])
                                 if c.attribute == "years"]))
        people: dict[tuple, list[Claim]] = {}
        for p in found.get("person", []):
            if p.sentence:
                people.setdefault(p.sentence, []).append(p)
        people_starts = {s: [p.start for p in ppl] for s, ppl in people.items()}
        dates: dict[tuple, list[Claim]] = {}
        for d in found.get("date", []):
            if d.sentence and d.attribute in ("date", "range", "month", "year"):
                dates.setdefault(d.sentence, []).append(d)
        windows: dict[str, tuple] = {}  # actor -> (first day, last day) of the events dated here
        for e in found.get("event", []):
            days = [d for d in (e.data.start, e.data.end) if d]
            if days:
                w = windows.get(e.subject, ())
                windows[e.subject] = (min([*w, *days], key=_iso), max([*w, *days], key=_iso))
        claims: list[Claim] = []
        events = self.event_nouns.first_in_each(text, doc.sentences, self.event_re)
        for s, event in zip(doc.sentences, events):
            s_event = key(event.group()) if event else None
            if s_event is None and s not in people:
                continue  # no topic named in the sentence: nothing to claim (and faster)
            for m in self.re.finditer(text, s[0], s[1]):
                n0 = m.start("n1")
                if taken.find(n0):
                    continue
                if self.not_before.search(text[max(s[0], n0 - 15):n0]) and not m.group("q"):
                    continue
                unit = m.group("unit")
                nm = self.noun_re.match(text, m.end(), s[1])
                words = [w for w in (nm.group(1), nm.group(2)) if w] if nm else []
                if unit:
                    before = [key(w) for w in _WORD.findall(text[max(s[0], m.start() - 50):m.start()])]
                    before = [w for w in before if w not in self.not_nouns and w not in self.quals][-4:]
                    if not before:
                        continue
                    noun = f"{' '.join(before)} ({unit})"
                else:
                    if not words:
                        continue
                    first = key(words[0])
                    if first in self.not_nouns or first in self.scales or first in self.quals:
                        continue
                    if (first in self.single and not (len(words) > 1 and key(words[1]) in self.qualifies))\
                            or len(words) == 1:
                        noun = first
                    else:
                        noun = f"{first} {key(words[1])}"
                # the topic must be named in the sentence itself: a named event, else a person
                topic = s_event
                if topic is None:
                    ppl = people.get(s, [])  # in text order
                    k = bisect_left(people_starts[s], m.start()) if ppl else 0
                    actor = ppl[k - 1] if k else (ppl[0] if ppl else None)
                    topic = actor.subject if actor else None
                if topic is None:
                    continue
                window = None
                if not s_event:  # a person's figure belongs to a trip this document dates
                    window = windows.get(topic)
                    if window is None:
                        continue
                lo = parse_number(m.group("n1"))
                hi = parse_number(m.group("n2")) if m.group("n2") else lo
                scale = self.scales.get((m.group("scale") or "").lower(), 1.0)
                lo, hi = round(lo * scale, 6), round(hi * scale, 6)
                if hi < lo:
                    continue
                qual = (m.group("q") or "").lower()
                qkind = self.quals.get(qual, "exact")
                low, high = interval(qkind, lo, hi, self.tol)
                when = as_of = None
                sd = dates.get(s, [])
                if sd:
                    nearest = min(sd, key=lambda d: abs(d.start - m.start()))
                    when, as_of = nearest.when, nearest.value
                end = m.end()
                shown = text[m.start():end]
                if not unit and nm:
                    shown = text[m.start():nm.end(2) if noun.count(" ") else nm.end(1)]
                value = (f"{qual} " if qual else "") + fmt(lo) + (f"-{fmt(hi)}" if hi != lo else "")
                claims.append(Claim(
                    kind="quantity", subject=f"{topic} > {noun}", attribute="count", value=value,
                    text=shown, doc=doc.path, start=m.start(), end=m.start() + len(shown),
                    zone=doc.zone_at(m.start()), sentence=s, display=shown, when=when,
                    data=QuantityData(qual or None, qkind, (lo, hi), low, high, noun, unit, topic,
                                      m.group("scale"), as_of, window)))
        return claims


def _iso(date) -> str:
    return date.iso()


def _merged(spans) -> list[tuple[int, int]]:
    """The union of [start, end) spans as sorted, disjoint spans."""
    out: list[list[int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]

