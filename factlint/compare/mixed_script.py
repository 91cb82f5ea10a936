"""Type `mixed-script`: a name written with letters of two scripts.

"Aliyev" typed with a Cyrillic "а" (U+0430) looks exactly like the Latin name to a reader
and to a reviewer, but it is another string to search engines, indexes and every tool
after the newsroom. Keys fold such letters (normalize/keys.py), so the name is still the
same person for the other rules; this rule says which letter is not what it looks like.
"""

from __future__ import annotations

import unicodedata

from factlint.compare import Rule, position
from factlint.normalize.keys import latin_lookalike, stray_letters


class MixedScript(Rule):
    type = "mixed-script"
    kinds = ("person",)
    MESSAGES = {"default": frozenset({"name", "letter", "position", "codepoint", "letter_name",
                                      "expected"})}

    def check(self, by_kind):
        claims = self.claims(by_kind)
        by_name: dict[str, list] = {}
        for c in claims:
            by_name.setdefault(c.display, []).append(c)
        for name in sorted(by_name):
            stray = stray_letters(name)
            if not stray:
                continue
            index, letter = stray[0]
            expected = latin_lookalike(name)
            outliers = sorted(by_name[name], key=position)
            others = sorted(by_name.get(expected, ()), key=position)
            yield self.finding(
                message=self.message(name=name, letter=letter, position=index + 1,
                                     codepoint=f"U+{ord(letter):04X}",
                                     letter_name=unicodedata.name(letter, "unnamed"), expected=expected),
                subject=expected, expected=expected, values=[name, expected],
                sides=outliers + others, outliers=len(outliers),
                why="the other letters of the word are Latin")
