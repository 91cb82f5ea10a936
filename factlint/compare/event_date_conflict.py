"""Type `event-date-conflict`: every source should give the same start and end for one trip.

Claims of kind "event" are grouped by actor, then split into trips: two dated claims
are the same trip when their dates lie within `max_gap_days` of each other and their
hosts (ignoring the home places of [events]) overlap or are unknown. Within a trip
the end (and the start) each source gives are tallied; a value that fewer documents
give than the usual one is reported, with every side cited (the outlier first).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from pydantic import Field

from factlint.compare import Params, Rule, describe, tally
from factlint.model import PartialDate


def day_of(value: PartialDate | None, year: int | None) -> dt.date | None:
    """The calendar day, a missing year taken from `year`."""
    return value.with_year(year).exact() if value else None


def short(value: PartialDate | None) -> str:
    return value.short() if value else "?"


def trips(claims, lexicon, max_gap_days: int):
    """Split one actor's event claims into trips: lists of (claim, start, end)."""
    home = set(lexicon.vocab.events.home_places)
    years = Counter(v.year for c in claims for v in (c.data.start, c.data.end) if v and v.year)
    year = years.most_common(1)[0][0] if years else None
    dated = []
    for c in claims:
        s = day_of(c.data.start, year)
        e = day_of(c.data.end, year)
        if s or e:
            dated.append((c, s or e, e or s, set(c.data.hosts) - home))
    parent = list(range(len(dated)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    gap = dt.timedelta(days=max_gap_days)
    # Claims with the same dates and hosts are always one trip: join them first, then
    # compare the distinct ones in start order, each only with those starting before its
    # end + gap (a corpus repeats one trip's dates many times: no pairwise loop over them).
    distinct: dict[tuple, int] = {}
    for i, (_, s, e, h) in enumerate(dated):
        first = distinct.setdefault((s, e, frozenset(h)), i)
        if first != i:
            parent[find(i)] = find(first)
    reps = sorted(distinct.values(), key=lambda i: dated[i][1])
    for a, i in enumerate(reps):
        _, s1, e1, h1 = dated[i]
        for j in reps[a + 1:]:
            _, s2, e2, h2 = dated[j]
            if s2 - gap > e1:
                break  # the later ones start later still
            if s1 - gap <= e2 and (not h1 or not h2 or h1 & h2):
                parent[find(i)] = find(j)
    groups: dict[int, list] = {}
    for i, item in enumerate(dated):
        groups.setdefault(find(i), []).append(item)
    return list(groups.values()), year


class EventDateParams(Params):
    max_gap_days: int = Field(3, ge=0, le=60)  # dates this close (or overlapping) are one trip
    min_documents: int = Field(2, ge=2)  # a trip is compared when this many documents date it


class EventDateConflict(Rule):
    type = "event-date-conflict"
    kinds = ("event",)
    Params = EventDateParams
    MESSAGES = {
        "end": frozenset({"actor", "outliers", "expected", "documents", "example"}),
        "start": frozenset({"actor", "outliers", "expected", "documents", "example"}),
    }

    def check(self, by_kind):
        by_actor: dict[str, list] = {}
        for c in self.claims(by_kind):
            if c.attribute in ("range", "start", "end"):
                by_actor.setdefault(c.subject, []).append(c)
        for actor, claims in sorted(by_actor.items()):
            groups, _ = trips(claims, self.lexicon, self.params.max_gap_days)
            for group in groups:
                if len({c.doc for c, *_ in group}) < self.params.min_documents:
                    continue
                for attr in ("end", "start"):
                    f = self._conflict(actor, attr, [c for c, *_ in group if getattr(c.data, attr)])
                    if f:
                        yield f

    def _conflict(self, actor, attr, claims):
        counts = tally(claims, value=lambda c: short(getattr(c.data, attr)))
        if len(counts) < 2:
            return None
        ranked = sorted(counts, key=lambda v: (-counts[v][0], -counts[v][1]))
        expected = ranked[0]
        if counts[ranked[1]][0] == counts[expected][0]:
            return None  # no value is given by more documents than another: no outlier
        outliers = [c for c in claims if short(getattr(c.data, attr)) != expected]
        others = [c for c in claims if short(getattr(c.data, attr)) == expected]
        outliers.sort(key=lambda c: (c.doc, c.start))
        others.sort(key=lambda c: (c.doc, c.start))
        name = claims[0].data.actor or actor
        hosts = sorted({h for c in claims for h in c.data.hosts})
        out_vals = list(dict.fromkeys(short(getattr(c.data, attr)) for c in outliers))
        msg = self.message(attr, actor=name, outliers=", ".join(out_vals), expected=expected,
                           documents=counts[expected][0], example=others[0].display)
        support = describe(self.phrase, counts[expected])
        why = {"expected": expected, "support": support, "actor": name,
               "max_gap_days": self.params.max_gap_days}
        return self.finding(
            message=msg, subject=f"the trip of {name}: {'end' if attr == 'end' else 'start'} date",
            about=self.phrase(f"about-trip-{attr}", actor=name), expected=expected,
            values=list(dict.fromkeys(c.display for c in outliers)) + [expected], sides=outliers + others, outliers=len(outliers),
            why=(self.phrase("why-event-date-hosts", hosts=", ".join(hosts), **why) if hosts
                 else self.phrase("why-event-date", **why)),
            support={v: describe(self.phrase, counts[v]) for v in counts})
