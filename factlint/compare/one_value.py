"""Type `one-value`: one value per (subject, attribute) — e.g. one visit level per
(visitor, host) within one trip."""

from __future__ import annotations

from factlint.compare import Params, Rule, register, split_conflict


class OneValueParams(Params):
    kind: str
    attribute: str | None = None
    message: str = "{subject}: {outlier!r} here, but {expected!r} elsewhere"


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
            if len({c.value for c in claims}) < 2:
                continue
            shown_subject = claims[0].data.get("subject_display", subject)
            yield from split_conflict(
                self, claims, shown_subject,
                lambda o, e, s=shown_subject: self.params.message.format(subject=s, outlier=o, expected=e),
                shown=lambda c: c.data.get("level") or c.display)
