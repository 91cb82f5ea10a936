"""Type `event-duration`: duration vs range: "chuyến công du 8 ngày" and "5–12/5" (8 days, both ends counted).

A duration claim belongs to the trip that the claims of its own document date (see
compare/event_date_conflict.py); it is compared with every range given for that trip.
"""

from __future__ import annotations

from pydantic import Field

from factlint.compare import Params, Rule
from factlint.compare.event_date_conflict import day_of, trips


class DurationParams(Params):
    max_gap_days: int = Field(3, ge=0, le=60)
    inclusive: bool = True  # "5–12/5" counts both days: 8 days


class EventDuration(Rule):
    type = "event-duration"
    kinds = ("event",)
    Params = DurationParams
    MESSAGES = {"default": frozenset({"duration", "actor", "days", "range"})}

    def check(self, by_kind):
        by_actor: dict[str, list] = {}
        for c in self.claims(by_kind):
            by_actor.setdefault(c.subject, []).append(c)
        for actor, claims in sorted(by_actor.items()):
            durations = [c for c in claims if c.attribute == "duration"]
            if not durations:
                continue
            groups, year = trips([c for c in claims if c.attribute != "duration"], self.lexicon,
                                 self.params.max_gap_days)
            for group in groups:
                docs = {c.doc for c, *_ in group}
                ranges = [c for c, *_ in group if c.attribute == "range"]
                if not ranges:
                    continue
                for d in durations:
                    if d.doc not in docs:
                        continue
                    wrong = []
                    for r in ranges:
                        s, e = day_of(r.data.start, year), day_of(r.data.end, year)
                        if s and e:
                            days = (e - s).days + (1 if self.params.inclusive else 0)
                            if days != d.data.days:
                                wrong.append((r, days))
                    if wrong and len(wrong) == len(ranges):
                        r, days = wrong[0]
                        yield self.finding(
                            message=self.message(duration=d.display, actor=d.data.actor, days=days,
                                                 range=r.display),
                            subject=f"{actor} > duration", expected=str(days),
                            values=[d.display, str(days)], sides=[d] + [w for w, _ in wrong],
                            outliers=1, why=self.phrase("why-event-duration", range=r.display, days=days))
