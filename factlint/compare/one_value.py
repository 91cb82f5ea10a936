"""Type `one-value`: one value per (subject, attribute) — e.g. one visit level per
(visitor, host) within one trip.

With `window_days`, claims are first split into episodes: dated claims more than
`window_days` apart belong to different events (two visits years apart may well differ).
Claims whose date is unknown, or known only to the year, join the largest episode.
"""

from __future__ import annotations

from factlint.compare import Params, Rule, split_conflict


class OneValueParams(Params):
    kind: str
    attribute: str | None = None
    window_days: int | None = None


def episodes(claims: list, window_days: int | None) -> list[list]:
    if window_days is None:
        return [claims]
    dated = sorted((c for c in claims if c.when and c.when.precision != "year" and c.when.anchor()),
                   key=lambda c: (c.when.anchor(), c.doc, c.start))
    in_dated = {id(c) for c in dated}  # identity: `in` on the list compares every field, O(n^2)
    undated = [c for c in claims if id(c) not in in_dated]
    groups: list[list] = []
    last = None
    for c in dated:
        d = c.when.anchor()
        if last is None or (d - last).days > window_days:
            groups.append([])
        groups[-1].append(c)
        last = d
    # a claim known only to its year joins the largest episode of that year, else makes one
    # of its own (visits in different years are different visits); undated ones join the
    # largest episode
    by_year: dict[int, list] = {}
    for c in undated:
        year = c.when.year if c.when and c.when.precision == "year" else None
        fits = [g for g in groups if year is None or g[0].when.year == year]
        if fits:
            max(fits, key=len).append(c)
        else:
            by_year.setdefault(year, []).append(c)
    groups += [g for _, g in sorted(by_year.items(), key=lambda kv: kv[0] or 0)]
    return groups or [undated]


class OneValue(Rule):
    type = "one-value"
    Params = OneValueParams
    MESSAGES = {"default": frozenset({"subject", "outlier", "expected"}),
                "disagree": frozenset({"subject", "values"})}

    @property
    def kinds(self):
        return (self.params.kind,)

    def check(self, by_kind):
        groups: dict[tuple[str, str], list] = {}
        for c in self.claims(by_kind):
            if self.params.attribute is None or c.attribute == self.params.attribute:
                groups.setdefault((c.subject, c.attribute), []).append(c)
        for (subject, _), claims in sorted(groups.items()):
            for episode in episodes(claims, self.params.window_days):
                if len({c.value for c in episode}) < 2:
                    continue
                episode.sort(key=lambda c: (c.doc, c.start))
                shown_subject = getattr(episode[0].data, "subject_display", "") or subject
                yield from split_conflict(
                    self, episode, shown_subject,
                    lambda o, e, s=shown_subject: self.message(subject=s, outlier=o, expected=e),
                    shown=lambda c: getattr(c.data, "level", "") or c.display, why=self._why)

    def _why(self, choice: str) -> str:
        if self.params.window_days is None:
            return self.phrase("why-one-value", choice=choice)
        return self.phrase("why-one-value-window", choice=choice, window_days=self.params.window_days)
