"""Type `event-time`: one step of one event happens at one time. "lúc 16 giờ … hạ cánh"
and "15h42' … hạ cánh" for the same landing cannot both be right.

Moments (extract/moment.py) are grouped by step, then by event, actor and day: a moment
that leaves one of those unsaid joins the group when only one group could be meant. A
moment that names neither its event nor its actor ("… tử vong lúc 17h"), a minute of a
match that names nobody (every match has goals) or that no date ties to one match (a
player plays many), says too little to be compared. Plans are never compared; documents are compared only within one story
(`Stories`). Times are
intervals as the writer means them (lexicon/times.py): two moments conflict when their
intervals do not meet ("khoảng 21h" and "20h45" agree, "20h15" and "21h" do not).

The time most documents give is suggested; when no time has more documents behind it
than another, the finding says the sources disagree and suggests nothing.
"""

from __future__ import annotations

from factlint.compare import Params, Rule, Stories, describe, tally
from factlint.lexicon.times import minutes_text


class EventTimeParams(Params):
    pass


def _overlap(a, b) -> bool:
    return a.data.low <= b.data.high and b.data.low <= a.data.high


def _split(claims: list, attribute) -> list[list]:
    """Claims split by an attribute that may be unsaid (None): a claim that does not say
    it joins the only group that does, else it is left out."""
    groups: dict = {}
    unsaid = []
    for c in claims:
        value = attribute(c)
        (unsaid if value is None else groups.setdefault(value, [])).append(c)
    if not groups:
        return [unsaid]
    if len(groups) == 1:
        next(iter(groups.values())).extend(unsaid)
    return list(groups.values())


class EventTime(Rule):
    type = "event-time"
    kinds = ("moment",)
    Params = EventTimeParams
    MESSAGES = {
        "outlier": frozenset({"step", "outlier", "expected", "documents"}),
        "disagree": frozenset({"step", "values"}),
    }

    def check(self, by_kind):
        stories = Stories.of(by_kind)
        by_step: dict[tuple, list] = {}
        for c in self.claims(by_kind):
            if c.data.planned or c.data.time == "minute" and not c.when:
                continue  # a minute of a match is compared only for a dated match (a player plays many)
            if c.data.actor or (c.data.event and c.data.time != "minute"):
                by_step.setdefault((c.subject, c.data.time == "minute"), []).append(c)
        for (step, _), claims in sorted(by_step.items()):
            for by_event in _split(claims, lambda c: c.data.event):
                for by_actor in _split(by_event, lambda c: c.data.actor):
                    for by_day in _split(by_actor, lambda c: c.when.iso() if c.when else None):
                        for group in stories.split(by_day):
                            finding = self._conflict(group)
                            if finding is not None:
                                yield finding

    def _conflict(self, claims: list):
        if len(claims) < 2 or all(_overlap(a, b) for a in claims for b in claims):
            return None
        claims = sorted(claims, key=lambda c: (c.doc, c.start))
        # a time is supported by the documents whose times meet it
        support = {id(c): {d.doc for d in claims if _overlap(c, d)} for c in claims}
        mentions = {id(c): sum(_overlap(c, d) for d in claims) for c in claims}
        best = min(claims, key=lambda c: (-len(support[id(c)]), -mentions[id(c)], c.data.high - c.data.low))
        outliers = [c for c in claims if not _overlap(c, best)]
        step = claims[0].data.step_text.strip()
        counts = tally(claims, value=lambda c: c.display)
        if len(support[id(best)]) > max(len(support[id(c)]) for c in outliers):
            others = [c for c in claims if _overlap(c, best)]
            values = list(dict.fromkeys(c.display for c in outliers))
            n = len(support[id(best)])
            return self.finding(
                message=self.message("outlier", step=step, outlier=", ".join(values),
                                     expected=best.display, documents=n),
                subject=f"{step} ({_span(best)})", expected=best.display,
                values=values + [best.display], sides=outliers + others, outliers=len(outliers),
                why=self.phrase("why-event-time", documents=n, expected=best.display),
                support={v: describe(self.phrase, counts[v]) for v in counts})
        # no time has more documents behind it: the sources disagree, nothing is suggested
        first = claims[0]
        outliers = [c for c in claims if _overlap(c, first)]
        others = [c for c in claims if not _overlap(c, first)]
        values = list(dict.fromkeys(c.display for c in claims))
        return self.finding(
            message=self.message("disagree", step=step, values=" / ".join(values)),
            subject=step, expected=None, values=values, sides=outliers + others,
            outliers=len(outliers), why=self.phrase("why-disagree"),
            support={v: describe(self.phrase, counts[v]) for v in counts})


def _span(c) -> str:
    if c.data.time == "minute":
        return f"{c.data.low:g}'"
    return f"{minutes_text(c.data.low)}–{minutes_text(c.data.high)}"
