"""Type `quantity-conflict`: figures for the same count or amount of one story that cannot
both be true.

Quantities (extract/quantity.py) are compared across the documents of one story
(`Stories`) when they count the same thing: the same unit or counted noun ("phòng" joins
"phòng hát" when it starts no other noun of the group), the same predicate (what happened
to them: "chết", "chở", "nhận"; without one, the word the figure follows: "có 60 người"),
the same person and place when the sentences name them (a claim that leaves one unsaid
joins the only group that says it), the same "per" unit. A count of people facing a charge
("20 bị can … về tội “Nhận hối lộ”") counts those charged with it: the charge is what it
counts, its stage ("truy tố", "khởi tố") is told apart like a person, and it names one case
of the story (no day split); "A cùng 20 bị can khác" is a group of at least 21. Not compared: plans ("dự kiến"),
figures that say too little (an amount, a percentage, a measure, an age, a price of no
one named and, for a price or a rate, of no period), and figures of other periods. The
whole of an "out of" count ("5/30 phòng": 30 rooms) is a figure too. When no person is
named, one event is told by the documents writing days close to each other
(`day_window`): daily reports of one market or one epidemic are many events. A document
giving two figures that cannot both be true for one group counts two things: it is left
out of that group.

Figures are intervals as the writer means them (lexicon/numbers.py): "hơn 30" is (30, 40),
so "hơn 30" and "hơn 40 hoạt động" conflict while "khoảng 200" and "213" agree.

Time. A running figure (a toll: `running` in [numbers.predicates]) grows as a story
unfolds: it is compared only with figures of the same time — its as-of phrase ("tính đến
17 giờ ngày 3/9"), else the day its document is dated — and a later report with a lower
figure and no correction word ("đính chính") is a warning (`lower_later_severity`).
Figures with as-of phrases of different days are never compared.

Severity. A conflict is an error when its subject is sharp — a count or an amount
(`sharp_kinds`) for which every side gives the same predicate, noun and person and names
who or when (a person, an as-of time) — and a warning (`fuzzy_severity`) otherwise. The figure most documents give is suggested; when no figure
has more documents behind it than another ("1 against 1", "2 against 2") the finding says
the sources disagree, cites every side and suggests nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from pydantic import Field

from factlint.compare import Params, Rule, Stories, describe, position, split_unsaid, tally
from factlint.lexicon.numbers import overlap
from factlint.model import COMPARED_ZONES
from factlint.ruleset import Severity


class QuantityParams(Params):
    kinds: list[str] = ["count", "money", "percent", "measure"]  # what is compared
    # what may be an error: a measure or a rate ("850 mét", "20%") of one person's words is
    # as often of two things (the depth of a wreck, the depth of a dive) as a slip
    sharp_kinds: list[str] = ["count", "money"]
    fuzzy_severity: Severity = "warning"  # a subject one side leaves unsaid
    lower_later_severity: Severity = "warning"  # a later report with a lower toll
    max_values: int = 4  # more distinct figures than this in one group: not one quantity
    day_window: int = Field(3, ge=0, le=60)  # figures naming no one: documents must write days this close


def _meet(a, b) -> bool:
    return overlap(a.data.interval(), b.data.interval())


def _time(c, running: bool):
    """When a figure stands: its as-of day and clock time; for a running figure without
    one, the day its document is dated (None: unknown)."""
    d = c.data
    if d.as_of_date is not None:
        return d.as_of_date.iso(), d.as_of_time
    if running and c.when is not None and c.when.precision == "day":
        return c.when.iso(), None
    return None


class QuantityConflict(Rule):
    type = "quantity-conflict"
    kinds = ("quantity",)
    Params = QuantityParams
    MESSAGES = {
        "outlier": frozenset({"quantity", "outlier", "expected", "documents"}),
        "outlier-dated": frozenset({"quantity", "outlier", "expected", "documents", "as_of"}),
        "disagree": frozenset({"quantity", "values"}),
        "disagree-dated": frozenset({"quantity", "values", "as_of"}),
        "lower": frozenset({"quantity", "later", "later_time", "earlier", "earlier_time"}),
    }

    def __init__(self, spec, lexicon, lang: str = "en"):
        super().__init__(spec, lexicon, lang)
        grammar = lexicon.numbers
        self.running = grammar.running
        self.broader = grammar.broader
        self.generic_units = grammar.measured_units
        self.attributes = grammar.attributes

    def check(self, by_kind):
        stories = Stories.of(by_kind)
        self.days = _days(by_kind.get("date", ()))
        kinds = set(self.params.kinds)
        groups: dict[tuple, list] = {}
        for c in self.claims(by_kind):
            d = c.data
            if d.kind not in kinds or d.unit is None or d.planned:
                continue  # a plan is not a report
            if d.actor is None and self._says_too_little(d):
                continue
            if d.others:  # "A cùng 20 bị can khác": a group of at least 21
                d = replace(d, low=d.low + 1, high=None, low_open=False, high_open=False)
                c = replace(c, data=d, display=f"{c.display} (≥{_fmt(d.low)})")
            # a charge says what a count of people is of ("về tội “Nhận hối lộ”"); without a
            # predicate, the word a figure follows does ("có 60 người")
            what = d.charge or d.predicate
            predicate = self.broader.get(what, what) or (None, d.head)
            key = (d.unit.split()[0], d.per, predicate)
            groups.setdefault(key, []).append(c)
            if d.out_of is not None:  # "5/30 phòng": also 30 rooms in all
                whole = replace(d, figure=d.out_of, low=d.out_of, high=d.out_of, low_open=False,
                                high_open=False, predicate=None, out_of=None)
                groups.setdefault(key[:2] + ((None, d.head),), []).append(replace(c, data=whole))
        for (_, _, predicate), claims in sorted(groups.items(), key=lambda kv: _order(kv[0])):
            if len({c.doc for c in claims}) < 2:
                continue
            running = predicate in self.running
            # a figure of a period ("kim ngạch năm 2024"): another period, another figure
            periods = split_unsaid(claims, _period) if predicate in self.attributes else [claims]
            # the stage of a charged count ("truy tố", "khởi tố") tells it apart when both sides say it
            for by_stage in (part for by_period in periods for part in split_unsaid(by_period, _stage)):
                # a stage that grows as a case unfolds ("khởi tố") runs like a toll
                run = running or any(_stage(c) in self.running for c in by_stage)
                for by_noun in _by_noun(by_stage):
                    for by_actor in split_unsaid(by_noun, lambda c: c.data.actor):
                        for by_place in split_unsaid(by_actor, lambda c: c.data.place):
                            for story in stories.split(by_place):
                                # no one named: one event by the days its documents write (a
                                # charge names one case of the story)
                                named = any(c.data.actor or c.data.charge for c in story)
                                undated = isinstance(predicate, str)  # with a predicate, no day is a day
                                for group in [story] if named else self._same_days(story, undated):
                                    yield from self._group(group, run)

    def _says_too_little(self, d) -> bool:
        """A figure of no one named that does not say what it is: "5 tỷ đồng", "20%",
        "42 tuổi", "giá 1.800 USD" of no period."""
        if d.kind in ("age", "measure") or (d.predicate in self.attributes and d.period is None):
            return True
        return d.predicate is None and d.charge is None and (d.head is None or d.unit in self.generic_units)

    def _same_days(self, claims: list, undated: bool) -> list[list]:
        """Claims split by the days their documents write: figures that name no one are of
        one event only when their documents write days within `day_window` of each other
        (daily reports of one market or one epidemic tell many events), or, with
        `undated`, neither writes one."""
        docs = sorted({c.doc for c in claims})
        parent = {d: d for d in docs}

        def find(d):
            while parent[d] != d:
                parent[d] = parent[parent[d]]
                d = parent[d]
            return d

        window = self.params.day_window
        for i, a in enumerate(docs):
            for b in docs[i + 1:]:
                if find(a) != find(b) and _near(self.days.get(a, ()), self.days.get(b, ()), window, undated):
                    parent[find(a)] = find(b)
        groups: dict[str, list] = {}
        for c in claims:
            groups.setdefault(find(c.doc), []).append(c)
        return list(groups.values())

    def _group(self, claims: list, running: bool):
        claims = _consistent(claims)
        if len({c.doc for c in claims}) < 2:
            return
        by_time: dict = {}
        untimed = []
        for c in claims:
            t = _time(c, running)
            (untimed if t is None else by_time.setdefault(t, [])).append(c)
        if running:
            # a running toll: only figures of one time are compared
            for t, group in sorted(by_time.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
                finding = self._conflict(group, sharp_time=all(c.data.as_of_date for c in group))
                if finding:
                    yield finding
            yield from self._lower_later(by_time)
            return
        if len(by_time) > 1:
            return  # figures as of different days are different figures
        sharp_time = not untimed or not by_time  # all as of one day, or none says when
        finding = self._conflict(claims, sharp_time=sharp_time)
        if finding:
            yield finding

    def _conflict(self, claims: list, sharp_time: bool):
        if len({c.doc for c in claims}) < 2 or all(_meet(a, b) for a in claims for b in claims):
            return None
        if len({c.value for c in claims}) > self.params.max_values:
            return None
        claims = sorted(claims, key=position)
        # a figure is supported by the documents whose figures meet it
        support = {id(c): {d.doc for d in claims if _meet(c, d)} for c in claims}
        mentions = {id(c): sum(_meet(c, d) for d in claims) for c in claims}
        best = min(claims, key=lambda c: (-len(support[id(c)]), -mentions[id(c)], _width(c)))
        outliers = [c for c in claims if not _meet(c, best)]
        if not outliers:
            return None  # one figure meets every other ("khoảng 50" beside 45 and 55)
        sharp = sharp_time and claims[0].data.kind in self.params.sharp_kinds and _sharp(claims)
        severity = self.severity if sharp else self.at_most(self.params.fuzzy_severity)
        quantity = _describe(best)
        as_of = _as_of(claims)
        counts = tally(claims, value=lambda c: c.display)
        n = len(support[id(best)])
        if n > max(len(support[id(c)]) for c in outliers):
            values = list(dict.fromkeys(c.display for c in outliers))
            others = [c for c in claims if _meet(c, best)]
            return self.finding(
                severity=severity,
                message=self.message("outlier-dated" if as_of else "outlier", quantity=quantity,
                                     outlier=", ".join(values), expected=best.display, documents=n,
                                     as_of=as_of),
                subject=quantity, expected=best.display, values=values + [best.display],
                sides=outliers + others, outliers=len(outliers),
                why=self.phrase("why-quantity", expected=best.display,
                                support=describe(self.phrase, counts[best.display])),
                support={v: describe(self.phrase, counts[v]) for v in counts})
        # no figure has more documents behind it: the sources disagree, nothing is suggested
        first = claims[0]
        side = [c for c in claims if _meet(c, first)]
        others = [c for c in claims if not _meet(c, first)]
        values = list(dict.fromkeys(c.display for c in claims))
        return self.finding(
            severity=severity,
            message=self.message("disagree-dated" if as_of else "disagree", quantity=quantity,
                                 values=" / ".join(values), as_of=as_of),
            subject=quantity, expected=None, values=values, sides=side + others, outliers=len(side),
            why=self.phrase("why-disagree"), support={v: describe(self.phrase, counts[v]) for v in counts})

    def _lower_later(self, by_time: dict):
        """A running toll reported lower at a later time, with no correction word."""
        times = sorted(by_time)
        for i, t in enumerate(times):
            for later in times[i + 1:]:
                if later[0] == t[0] and (later[1] is None or t[1] is None):
                    continue  # one day, one side without its hour: no order
                drops = [c for c in by_time[later] if not c.data.corrected and all(
                    _below(c, e) for e in by_time[t])]
                if not drops:
                    continue
                earlier = by_time[t]
                c, e = drops[0], earlier[0]
                yield self.finding(
                    severity=self.at_most(self.params.lower_later_severity),
                    message=self.message("lower", quantity=_describe(c), later=c.display,
                                         later_time=_when(later), earlier=e.display, earlier_time=_when(t)),
                    subject=_describe(c), expected=None,
                    values=list(dict.fromkeys(x.display for x in drops + earlier)),
                    sides=drops + earlier, outliers=len(drops),
                    why=self.phrase("why-quantity-lower"), support={})
                return


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _stage(c) -> str | None:
    """The stage of a charged count ("truy tố" in "truy tố 20 bị can về tội …")."""
    return c.data.predicate if c.data.charge else None


def _period(c) -> str | None:
    return c.data.period.iso() if c.data.period else None


def _by_noun(claims: list) -> list[list]:
    """Claims split by unit or counted noun; a noun that starts a longer one of the group
    ("phòng" in "phòng hát") joins it when it starts only one."""
    groups: dict[str, list] = {}
    for c in claims:
        groups.setdefault(c.data.unit, []).append(c)
    for short in sorted(groups, key=len):
        longer = [u for u in groups if u.startswith(short + " ")]
        if len(longer) == 1:
            groups[longer[0]].extend(groups.pop(short))
    return list(groups.values())


def _days(dates) -> dict[str, list[int]]:
    """The days each document writes (day and month; a missing year read as one year), as
    sorted day numbers."""
    out: dict[str, set[int]] = {}
    for d in dates:
        day = d.when
        if d.zone in COMPARED_ZONES and day is not None and day.precision == "day":
            try:
                out.setdefault(d.doc, set()).add(dt.date(2000, day.month, day.day).toordinal())
            except ValueError:
                continue
    return {doc: sorted(days) for doc, days in out.items()}


def _near(a: list[int], b: list[int], window: int, undated: bool) -> bool:
    """Whether two sorted lists of day numbers hold days within `window` of each other
    (around the turn of the year, days are far apart: a missing year is read as one year);
    with `undated`, two documents that write no day are not told apart."""
    if not a or not b:
        return undated and not a and not b
    i = j = 0
    while i < len(a) and j < len(b):
        if abs(a[i] - b[j]) <= window:
            return True
        if a[i] < b[j]:
            i += 1
        else:
            j += 1
    return False


def _below(a, b) -> bool:
    """a lies wholly below b."""
    lo_a, hi_a, _, hi_open = a.data.interval()
    lo_b = b.data.interval()[0]
    return hi_a < lo_b or (hi_a == lo_b and (hi_open or b.data.low_open))


def _consistent(claims: list) -> list:
    """The claims of the documents whose figures for the group all meet each other: a
    document with two figures that cannot both be true counts two things."""
    by_doc: dict[str, list] = {}
    for c in claims:
        by_doc.setdefault(c.doc, []).append(c)
    return [c for cs in by_doc.values() if all(_meet(a, b) for a in cs for b in cs) for c in cs]


def _sharp(claims: list) -> bool:
    """Every side says the same predicate, noun and actor, and names who or when (a person,
    an as-of day: "giá 1.800 USD" of two documents may be two days' prices); a place one
    side leaves unsaid is the place the others name."""
    first = claims[0].data
    if first.predicate is None or (first.actor is None and first.as_of_date is None):
        return False
    said = (first.predicate, first.unit, first.actor, first.as_of_date, first.as_of_time)
    return all((c.data.predicate, c.data.unit, c.data.actor, c.data.as_of_date, c.data.as_of_time) == said
               for c in claims)


def _width(c) -> float:
    lo, hi, _, _ = c.data.interval()
    return hi - lo


def _describe(c) -> str:
    """What a figure counts, for messages: "người (chết) · Lê Văn Khải · Hà Giang"."""
    d = c.data
    what = ", ".join(x for x in (d.predicate, d.charge) if x)
    parts = [d.unit + (f" ({what})" if what else "")]
    if d.actor:
        parts.append(d.actor.title())
    if d.place:
        parts.append(d.place)
    return " · ".join(parts)


def _when(t) -> str:
    day, time = t
    return f"{day} {time}" if time else day


def _as_of(claims: list) -> str:
    """The time every side gives, or ""."""
    times = {_time(c, False) for c in claims}
    return _when(times.pop()) if len(times) == 1 and None not in times else ""


def _order(key: tuple):
    return tuple("" if k is None else str(k) for k in key)
