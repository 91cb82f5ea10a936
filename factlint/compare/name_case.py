"""Type `name-case`: a known name written with a lowercase syllable ("Tô lâm" for "Tô Lâm").

Headlines in Title Case or capitals are not flagged: only a syllable that starts with a
lowercase letter where the name's other mentions capitalise it. The fix is certain: the
name as its other mentions write it."""

from __future__ import annotations

from dataclasses import replace

from factlint.compare import Rule, split_conflict


def has_lower_syllable(name: str) -> bool:
    return any(w[:1].islower() for w in name.split())


class NameCase(Rule):
    type = "name-case"
    kinds = ("person",)
    MESSAGES = {"default": frozenset({"outlier", "expected"})}
    DISAGREE = False  # a style: the vocabulary or the majority picks the spelling

    def check(self, by_kind):
        claims = self.claims(by_kind)
        full = {c.subject for c in claims if len(c.data.tokens) >= 2 and not c.data.bare}
        groups: dict[str, list] = {}
        for c in claims:
            if c.subject in full and not c.data.bare and not c.display.isupper():
                groups.setdefault(c.subject, []).append(c)
            elif len(c.data.tokens) == 1 and c.data.tail:
                tail = c.data.tail
                for n in range(len(tail), 0, -1):
                    k = " ".join(c.data.tokens + tail[:n])
                    if k in full:  # "Tô" followed by "lâm" is the known "Tô Lâm"
                        shown = " ".join([c.display, *c.data.tail_words[:n]])
                        groups.setdefault(k, []).append(
                            replace(c, subject=k, end=c.data.tail_ends[n - 1], display=shown))
                        break
        for subject, cs in sorted(groups.items()):
            if not any(has_lower_syllable(c.display) for c in cs):
                continue
            for f in split_conflict(
                    self, cs, subject,
                    lambda o, e: self.message(outlier=o, expected=e),
                    value=lambda c: c.display):
                if has_lower_syllable(f.values[0]):
                    f.subject = f.expected
                    if f.values[0].casefold() == f.expected.casefold():
                        f.fix = f.expected
                    yield f
