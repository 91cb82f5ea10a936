"""Type `one-form`: one spelling of a word across the corpus (kỷ niệm / kỉ niệm,
Moskva / Moscow). The vocabulary's preferred form is suggested, else the majority.

When the vocabulary prefers a form, the fix is certain: `--fix` writes that form (in the
capitals of the words it replaces)."""

from __future__ import annotations

from factlint.compare import Rule, split_conflict


class OneForm(Rule):
    type = "one-form"
    kinds = ("spelling",)
    MESSAGES = {"default": frozenset({"outlier", "expected"})}
    DISAGREE = False  # a style: the vocabulary or the majority picks the spelling

    def check(self, by_kind):
        groups: dict[str, list] = {}
        for c in self.claims(by_kind):
            groups.setdefault(c.subject, []).append(c)
        for subject, claims in sorted(groups.items()):
            if len({c.value for c in claims}) < 2:
                continue
            preferred = claims[0].data.preferred
            key = preferred.lower() if preferred else None
            for f in split_conflict(self, claims, subject, lambda o, e: self.message(outlier=o, expected=e),
                                    preferred=key):
                if key is not None and any(c.value == key for c in claims):
                    f.fix = preferred
                yield f
