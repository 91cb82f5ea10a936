"""Events: a trip or a meeting of one actor, with its dates.

    Ngày 13/5, Tổng Bí thư Tô Lâm … đã kết thúc … chuyến thăm …      -> end 2025-05-13
    Từ ngày 5 đến 12/5, Tổng Bí thư Tô Lâm … sẽ thực hiện chuyến thăm  -> range (planned)
    chuyến công du 8 ngày … của Tổng Bí thư Tô Lâm                      -> duration 8

An event claim needs a trigger word (rules/vocab/dates.toml [events]) and a named
person in the same sentence: the actor is the nearest person named before the trigger,
else the first one after it. The subject is the actor's key; EventData keeps the actor's
name, the hosts named in the sentence (places of the vocabulary) and whether the dates
are planned ("sẽ", "dự kiến"). Which trip it is (the date window) is decided when
claims are compared (compare/event_dates.py), because one actor makes many trips.
"""

from __future__ import annotations

import regex

from factlint.extract import Extractor
from factlint.lexicon import Phrases
from factlint.model import Claim, EventData
from factlint.vocab import UserPattern


class EventExtractor(Extractor):
    kind = "event"
    needs = ("person", "date")

    def __init__(self, lexicon):
        super().__init__(lexicon)
        v = lexicon.vocab.events
        self.trigger_re = Phrases(v.triggers)
        self.end_re = Phrases(v.end_words)
        self.start_re = Phrases(v.start_words)
        self.planned_re = Phrases(v.planned_words)
        self.duration_re = [UserPattern(p, "events.duration_patterns", regex.I) for p in v.duration_patterns]
        self.place_re = Phrases(lexicon.place_forms)

    def extract(self, doc, found):
        if not self.trigger_re:
            return []
        lx = self.lexicon
        people: dict[tuple, list[Claim]] = {}
        for p in found.get("person", []):
            if p.sentence:
                people.setdefault(p.sentence, []).append(p)
        dates: dict[tuple, list[Claim]] = {}
        for d in found.get("date", []):
            if d.sentence and d.attribute in ("date", "range"):
                dates.setdefault(d.sentence, []).append(d)
        text = doc.text
        claims: list[Claim] = []
        sentences = [s for s in doc.sentences if s in people]  # an event's actor is named in its sentence
        triggers = self.trigger_re.first_in_each(text, sentences)
        end_words = self.end_re.first_in_each(text, sentences)
        for s, trig, ends in zip(sentences, triggers, end_words):
            durations = [m for r in self.duration_re for m in r.finditer(text, s[0], s[1])]
            if not (trig or durations):
                continue
            anchor = trig or ends or durations[0]
            actor = self._actor(people[s], anchor.start())
            hosts = tuple(sorted({lx.place(h.group()) for h in self.place_re.finditer(text, s[0], s[1])}
                                 if self.place_re else set()))
            planned = bool(self.planned_re and self.planned_re.search(text, s[0], s[1]))
            actor_name = actor.data.name if actor.data else actor.display
            trigger = (trig or anchor).group()
            starts = self.start_re.search(text, s[0], s[1]) if self.start_re else None
            for d in dates.get(s, []):
                if d.attribute == "range":
                    attr, first, last = "range", d.data.start, d.data.end
                elif ends and not starts:
                    attr, first, last = "end", None, d.when
                elif starts and not ends:
                    attr, first, last = "start", d.when, None
                else:
                    continue  # a date of the sentence that is neither the start nor the end
                if not trig and not ends:
                    continue
                claims.append(Claim(
                    kind="event", subject=actor.subject, attribute=attr, value=d.value, text=d.text,
                    doc=doc.path, start=d.start, end=d.end, zone=d.zone, sentence=s,
                    display=d.display, when=d.when,
                    data=EventData(actor_name, hosts, planned, trigger, first, last, d.data.year_from)))
            for m in durations:
                n = int(m.group("n"))
                claims.append(Claim(
                    kind="event", subject=actor.subject, attribute="duration", value=str(n),
                    text=m.group(), doc=doc.path, start=m.start(), end=m.end(),
                    zone=doc.zone_at(m.start()), sentence=s, display=m.group(),
                    when=None, data=EventData(actor_name, hosts, planned, trigger, days=n)))
        # a duration belongs to the trip whose dates the same document gives
        dated: dict[str, Claim] = {}
        for c in claims:
            if c.attribute != "duration":
                dated.setdefault(c.subject, c)
        for c in claims:
            if c.attribute == "duration":
                if c.subject in dated:
                    c.when = dated[c.subject].when
                elif doc.reference:
                    c.when = doc.reference.date
        return claims

    @staticmethod
    def _actor(persons: list[Claim], pos: int) -> Claim:
        """`persons` is not empty: one stands before pos or after it."""
        before = [p for p in persons if p.start < pos]
        if before:
            return before[-1]
        return next(p for p in persons if p.start >= pos)
