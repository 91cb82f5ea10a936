"""Type `number-transposition`: one institution written with two numbers whose digits are
swapped ("Bệnh viện Quân y 268" three times, "Bệnh viện Quân y 286" once).

Institutions named by a number (extract/institution.py) are grouped by their name before
the number and by the digits of the number in any order; within one story (`Stories`),
a number written less often (by fewer documents, then fewer mentions) that is the better
attested number with two neighbouring digits swapped is reported, citing every side.
Numbers are compared only from `min_digits` digits on: "Quốc lộ 14" and "Quốc lộ 41", or
"Quân đoàn 12" and "Quân đoàn 21", may well be two things of one story.

Only a swap of two neighbouring digits, not any other number one digit away: sibling
units and hospitals do differ by one digit ("Sư đoàn 304" and "Sư đoàn 308", "Bệnh viện
103" and "Bệnh viện 108" are named together), while a swap is the slip of a hand or of a
memory. Two numbers as well attested as each other are left alone: nothing says which is
the slip, and two institutions are as likely. A warning: the engine cannot be certain.
"""

from __future__ import annotations

from factlint.compare import Params, Rule, Stories, split_conflict, tally


class TranspositionParams(Params):
    min_digits: int = 3  # shorter numbers are not compared


def swapped(a: str, b: str) -> bool:
    """Whether b is a with two neighbouring (different) digits swapped."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


class NumberTransposition(Rule):
    type = "number-transposition"
    kinds = ("institution",)
    Params = TranspositionParams
    MESSAGES = {"default": frozenset({"outlier", "expected"})}
    DISAGREE = False  # exact ties are left alone (above); otherwise the better attested number is suggested

    def check(self, by_kind):
        groups: dict[tuple, list] = {}
        for c in self.claims(by_kind):
            if len(c.value) >= self.params.min_digits:
                groups.setdefault((c.subject, "".join(sorted(c.value))), []).append(c)
        stories = None
        for (subject, _), claims in sorted(groups.items()):
            if len({c.value for c in claims}) < 2:
                continue
            stories = stories or Stories.of(by_kind)
            for story in stories.split(claims):
                yield from self._story(story)

    def _story(self, claims):
        counts = tally(claims)
        if len(counts) < 2:
            return
        ranked = sorted(counts, key=lambda v: (-counts[v][0], -counts[v][1], v))
        best = ranked[0]
        if counts[ranked[1]] == counts[best]:
            return  # as well attested: which one is the slip?
        slips = {v for v in ranked[1:] if swapped(best, v)}
        if not slips:
            return
        compared = [c for c in claims if c.value == best or c.value in slips]
        name = next(c.data.name for c in compared if c.value == best)
        yield from split_conflict(
            self, compared, f"{name} {best}", lambda o, e: self.message(outlier=o, expected=e),
            why=lambda choice: self.phrase("why-transposed", choice=choice))
