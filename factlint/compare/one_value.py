"""Type `one-value`: one value per (subject, attribute) — e.g. one visit level per
(visitor, host) within one trip.

With `window_days`, claims are first split into episodes: dated claims more than
`window_days` apart belong to different events (two visits years apart may well differ).
Claims whose date is unknown, or known only to the year, join the largest episode.
"""

from __future__ import annotations

from factlint.compare import Params, Rule, register, split_conflict
from factlint.timewindow import parse_when


class OneValueParams(Params):
    kind: str
    attribute: str | None = None
    message: str = "{subject}: {outlier!r} here, but {expected!r} elsewhere"
    window_days: int | None = None


def episodes(claims: list, window_days: int | None) -> list[list]:
    if window_days is None:
        return [claims]
    dated = sorted((c for c in claims if c.when and len(c.when) >= 7 and parse_when(c.when)),
                   key=lambda c: (parse_when(c.when), c.doc, c.start))
    in_dated = {id(c) for c in dated}  # identity: `in` on the list compares every field, O(n^2)
    undated = [c for c in claims if id(c) not in in_dated]
    groups: list[list] = []
    last = None
    for c in dated:
        d = parse_when(c.when)
        if last is None or (d - last).days > window_days:
            groups.append([])
        groups[-1].append(c)
        last = d
    if not groups:
        return [undated]
    max(groups, key=len).extend(undated)
    return groups


@register
class OneValue(Rule):
    type = "one-value"
    Params = OneValueParams

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
                shown_subject = episode[0].data.get("subject_display", subject)
                why = "same subject"
                if self.params.window_days is not None:
                    why += f"; dated claims within {self.params.window_days} days of each other (undated ones joined)"
                yield from split_conflict(
                    self, episode, shown_subject,
                    lambda o, e, s=shown_subject: self.params.message.format(subject=s, outlier=o, expected=e),
                    shown=lambda c: c.data.get("level") or c.display, why_prefix=why + ";")
