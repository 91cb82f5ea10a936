"""Type `quantity-conflict`: two sources give figures for the same count of the same topic that
cannot both be true.

Claims are grouped by subject ("<topic> > <noun>") and by the date of their sentence
(figures of different dates are never compared). Two claims conflict when their intervals do not meet, or
when the same qualifier states different figures ("hơn 80" / "hơn 90"); "27" and "hơn
20" agree. Precision first: a document that gives two different figures for one subject
is left out of it (two figures for one noun in one article are usually two things), and
only claims of different documents are compared.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from factlint.compare import Params, Rule, describe, position, tally
from factlint.compare.event_date_conflict import day_of


def conflict(a, b) -> bool:
    a, b = a.data, b.data
    if a.qualifier and a.qualifier == b.qualifier and a.figure != b.figure:
        return True
    if a.high is not None and b.low is not None and a.high < b.low:
        return True
    if b.high is not None and a.low is not None and b.high < a.low:
        return True
    if a.bound == "below" and b.low is not None and a.high is not None and b.low >= a.high:
        return True
    if b.bound == "below" and a.low is not None and b.high is not None and a.low >= b.high:
        return True
    return False


class QuantityParams(Params):
    min_documents: int = Field(2, ge=2)
    max_values: int = Field(3, ge=2)  # more distinct figures than this: not one quantity
    max_gap_days: int = Field(3, ge=0, le=60)  # a person's figures: trips this close are one


class QuantityConflict(Rule):
    type = "quantity-conflict"
    kinds = ("quantity",)
    Params = QuantityParams
    MESSAGES = {
        "default": frozenset({"noun", "topic", "outliers", "expected", "documents"}),
        "dated": frozenset({"noun", "topic", "outliers", "expected", "documents", "as_of"}),
    }

    def _by_trip(self, claims):
        """A person's figures are compared only within one trip (dated in each document)."""
        if all(not c.data.window for c in claims):
            yield claims
            return
        year = next((v.year for c in claims for v in c.data.window or () if v.year), None)
        spans = []
        for c in claims:
            if not c.data.window:
                continue
            s = day_of(c.data.window[0], year)
            e = day_of(c.data.window[1], year)
            if s and e:
                spans.append((s, e, c))
        spans.sort(key=lambda x: x[0])
        gap = dt.timedelta(days=self.params.max_gap_days)
        group, end = [], None
        for s, e, c in spans:
            if group and s - gap > end:
                yield group
                group, end = [], None
            group.append(c)
            end = e if end is None else max(end, e)
        if group:
            yield group

    def check(self, by_kind):
        groups: dict[tuple, list] = {}
        for c in self.claims(by_kind):
            groups.setdefault((c.subject, c.data.as_of), []).append(c)
        groups = {(*k, i): part for k, claims in groups.items()
                  for i, part in enumerate(self._by_trip(claims))}
        for (subject, when, _), claims in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1] or "", kv[0][2])):
            per_doc: dict[str, set] = {}
            for c in claims:
                per_doc.setdefault(c.doc, set()).add(c.value)
            claims = [c for c in claims if len(per_doc[c.doc]) == 1]
            if len({c.doc for c in claims}) < self.params.min_documents:
                continue
            counts = tally(claims)
            if len(counts) > self.params.max_values:
                continue
            ranked = sorted(counts, key=lambda v: (-counts[v][0], -counts[v][1], v))
            expected = ranked[0]
            ref = next(c for c in claims if c.value == expected)
            outliers = [c for c in claims if c.value != expected and conflict(c, ref)]
            if not outliers:
                continue
            if any(counts[c.value][0] >= counts[expected][0] for c in outliers):
                continue  # no figure is given by more documents than the other: no outlier
            others = [c for c in claims if c.value == expected]
            outliers.sort(key=position)
            others.sort(key=position)
            topic, noun = subject.split(" > ", 1)
            yield self.finding(
                message=self.message("dated" if when else "default", noun=noun, topic=topic,
                                     outliers=", ".join(dict.fromkeys(c.display for c in outliers)),
                                     expected=ref.display, documents=counts[expected][0], as_of=when),
                subject=subject, expected=ref.display,
                values=list(dict.fromkeys(c.display for c in outliers)) + [ref.display],
                sides=outliers + others, outliers=len(outliers),
                why=self.phrase("why-quantity", expected=ref.display,
                                support=describe(self.phrase, counts[expected])),
                support={v: describe(self.phrase, counts[v]) for v in counts})
