"""Type `event-time`: one step of one event happens at one time. "lúc 16 giờ … hạ cánh"
and "15h42' … hạ cánh" for the same landing cannot both be right.

Moments (extract/moment.py) are grouped by step, then by event, actor and day: a moment
that leaves one of those unsaid joins the group when only one group could be meant. A
moment that names neither its event nor its actor ("… tử vong lúc 17h") says too little
to be compared. Plans are never compared; documents are compared only within one story
(`Stories`). Times are intervals as the writer means them (lexicon/times.py): two moments
conflict when their intervals do not meet ("khoảng 21h" and "20h45" agree, "20h15" and
"21h" do not).

A minute of a match ("Phút thứ 81 … mở tỷ số 1-0" / "Phút 84', … mở tỷ số 1-0") is a time
on the match's own clock, compared only between documents of one event (`same_event`)
and of one match day where they give one, and only between moments of one step that name
the same player or the same scoreline, the other not contradicting it (every match has
goals: two players, or 1-0 and 2-0, are two goals). A document that gives one player's
step two minutes tells two of them, and is left alone. Such a conflict is an error when
every side names the player and its sentence the day, a warning (`fuzzy_severity`)
otherwise.

The time most documents give is suggested; when no time has more documents behind it
than another, the finding says the sources disagree and suggests nothing.

Events a story has once (`[moments] once`: a fire, a landslide, an investigation) take
some steps once (`once_steps`: the outbreak, the conclusion's issue): such a step at one
place on two different days conflicts
("Ngày 4/4 … ban hành kết luận điều tra" / "kết luận ban hành ngày 3/4").
"""

from __future__ import annotations

from factlint.compare import Params, Rule, Stories, describe, position, split_conflict, split_unsaid, tally
from factlint.ruleset import Severity
from factlint.lexicon.times import minutes_text


class EventTimeParams(Params):
    fuzzy_severity: Severity = "warning"  # a match minute whose sentence gives no day, or no player


def _overlap(a, b) -> bool:
    return a.data.low <= b.data.high and b.data.low <= a.data.high


class EventTime(Rule):
    type = "event-time"
    kinds = ("moment",)
    Params = EventTimeParams
    MESSAGES = {
        "outlier": frozenset({"step", "outlier", "expected", "documents"}),
        "date": frozenset({"subject", "outlier", "expected"}),
        "disagree": frozenset({"subject", "values"}),
    }

    def check(self, by_kind):
        stories = Stories.of(by_kind)
        once = set(self.lexicon.vocab.moments.once)
        once_steps = set(self.lexicon.vocab.moments.once_steps)
        by_step: dict[str, list] = {}
        minutes: dict[str, list] = {}
        for c in self.claims(by_kind):
            if c.data.planned:
                continue
            if c.data.time == "minute":
                if c.data.actor or c.data.score:
                    minutes.setdefault(c.subject, []).append(c)
            elif c.data.actor or c.data.event:
                by_step.setdefault(c.subject, []).append(c)
        for step, claims in sorted(minutes.items()):
            yield from self._minutes(claims, stories)
        for step, claims in sorted(by_step.items()):
            for by_event in split_unsaid(claims, lambda c: c.data.event):
                actor_of = _people((c.data.actor for c in by_event), self.lexicon.surnames)
                for by_actor in split_unsaid(by_event, lambda c: actor_of.get(c.data.actor)):
                    for story in stories.split(by_actor):
                        if story[0].data.event in once and step in once_steps:  # one day, at one place
                            for by_place in _split_places(story):
                                yield from self._days(by_place)
                        # a day is its day and month: a year left unsaid does not make another day
                        for by_day in split_unsaid(story, lambda c: c.when.short() if c.when and c.when.day else None):
                            finding = self._conflict([c for c in by_day if c.data.time != "day"])
                            if finding is not None:
                                yield finding

    def _minutes(self, claims: list, stories: Stories):
        """Minutes of one step of a match: compared between documents of one event (a dated
        match: of one day), and only when they name the same player or the same scoreline
        (neither contradicting the other). A document that gives the step two minutes that
        do not meet tells two of them (two goals of one player), and leaves it alone."""
        actor_of = _people((c.data.actor for c in claims), self.lexicon.surnames)
        seen: set[frozenset] = set()
        for story in stories.split(claims, strict=True):
            same = []
            for by_actor in _groups([c for c in story if c.data.actor], lambda c: actor_of[c.data.actor]):
                same += split_unsaid(by_actor, lambda c: c.data.score)
            for by_score in _groups([c for c in story if c.data.score], lambda c: c.data.score):
                same += split_unsaid(by_score, lambda c: actor_of.get(c.data.actor))
            for one in same:
                for group in split_unsaid(one, _match_day):
                    ids = frozenset(id(c) for c in group)
                    if ids in seen or len({c.doc for c in group}) < 2 or _twice_in_one_document(group):
                        continue
                    seen.add(ids)
                    # the rule's own severity for a player's step on a day its sentence says
                    sharp = all(c.when and c.when.day and c.data.actor for c in group)
                    finding = self._conflict(group, severity=self.severity if sharp
                                             else self.at_most(self.params.fuzzy_severity))
                    if finding is not None:
                        yield finding

    def _days(self, claims: list):
        """One event a story has once, on two days."""
        dated = [c for c in claims if c.when and c.when.precision == "day"]
        if len({c.when for c in dated}) < 2:
            return
        dated.sort(key=position)
        step = dated[0].data.step_text.strip()
        yield from split_conflict(
            self, dated, step, lambda o, e: self.message("date", subject=step, outlier=o, expected=e),
            value=lambda c: c.when.iso(), shown=lambda c: c.when.short())

    def _conflict(self, claims: list, **kw):
        # the times that cannot meet another one (a vague "chiều tối" meeting both sides
        # of a conflict does not hide it)
        conflicting = [c for c in claims if any(not _overlap(c, d) for d in claims)]
        if not conflicting:
            return None
        claims = sorted(claims, key=position)
        # a time is supported by the documents whose times meet it
        support = {id(c): {d.doc for d in claims if _overlap(c, d)} for c in claims}
        mentions = {id(c): sum(_overlap(c, d) for d in claims) for c in claims}
        best = min(conflicting, key=lambda c: (-len(support[id(c)]), -mentions[id(c)], c.data.high - c.data.low,
                                               c.doc, c.start))
        outliers = [c for c in conflicting if not _overlap(c, best)]
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
                support={v: describe(self.phrase, counts[v]) for v in counts}, **kw)
        # no time has more documents behind it: the sources disagree, nothing is suggested
        conflicting.sort(key=position)
        first = conflicting[0]
        outliers = [c for c in conflicting if _overlap(c, first)]
        others = [c for c in conflicting if not _overlap(c, first)]
        values = list(dict.fromkeys(c.display for c in outliers + others))
        return self.finding(
            message=self.message("disagree", subject=step, values=" / ".join(values)),
            subject=step, expected=None, values=values, sides=outliers + others,
            outliers=len(outliers), why=self.phrase("why-disagree"),
            support={v: describe(self.phrase, counts[v]) for v in counts}, **kw)


def _match_day(c) -> str | None:
    day = c.data.match_day
    return day.short() if day and day.day else None


def _groups(claims: list, key) -> list[list]:
    """Claims grouped by a key every one of them says."""
    out: dict = {}
    for c in claims:
        out.setdefault(key(c), []).append(c)
    return list(out.values())


def _twice_in_one_document(claims: list) -> bool:
    by_doc: dict[str, list] = {}
    for c in claims:
        by_doc.setdefault(c.doc, []).append(c)
    return any(not _overlap(a, b) for same in by_doc.values() for a in same for b in same)


def _people(actors, surnames) -> dict[str, str]:
    """Each actor key -> one key for the person: a name of two words or more that ends
    another names the same person in a story ("mạnh dũng" / "nhâm mạnh dũng"), and so does
    a foreign name with the same surname and the same first initial ("joe biden" /
    "joseph r. biden"; a Vietnamese name, family name first, ends with the given name)."""
    names = sorted({a for a in actors if a}, key=lambda a: -len(a.split()))
    same: dict[str, str] = {}
    for a in names:
        words = a.split()
        longer = [b for b in same if len(words) >= 2 and (
            b.split()[-len(words):] == words or _short_form(words, b.split(), surnames))]
        heads = {same[b] for b in longer}
        same[a] = heads.pop() if len(heads) == 1 else a
    return same


def _short_form(words: list[str], longer: list[str], surnames) -> bool:
    return (words[-1] == longer[-1] and words[0][:1] == longer[0][:1]
            and words[0] not in surnames and longer[0] not in surnames)


def _split_places(claims: list) -> list[list]:
    """Claims split by place, one place written inside another counting as the same
    ("Rào Trăng 3" / "Thủy điện Rào Trăng 3"); a claim with no place joins the only group."""
    places = sorted({c.data.place for c in claims if c.data.place}, key=len)
    same: dict[str, str] = {}
    for i, p in enumerate(places):
        same[p] = next((same[q] for q in places[:i] if q in p), p)
    return split_unsaid(claims, lambda c: same[c.data.place] if c.data.place else None)


def _span(c) -> str:
    if c.data.time == "minute":
        return f"{(c.data.low + c.data.high) / 2:g}'"
    return f"{minutes_text(c.data.low)}–{minutes_text(c.data.high)}"
