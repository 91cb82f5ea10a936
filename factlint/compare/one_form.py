"""Type `one-form`: one spelling of a word across the corpus (kỷ niệm / kỉ niệm,
Moskva / Moscow). The vocabulary's preferred form is suggested, else the majority."""

from __future__ import annotations

from factlint.compare import Rule, register, split_conflict


@register
class OneForm(Rule):
    type = "one-form"
    kinds = ("spelling",)

    def check(self, by_kind):
        groups: dict[str, list] = {}
        for c in self.claims(by_kind):
            groups.setdefault(c.subject, []).append(c)
        for subject, claims in sorted(groups.items()):
            if len({c.value for c in claims}) < 2:
                continue
            preferred = claims[0].data.get("preferred")
            yield from split_conflict(
                self, claims, subject,
                lambda o, e: f"{o!r} and {e!r} are both used; choose one spelling",
                preferred=preferred.lower() if preferred else None)
