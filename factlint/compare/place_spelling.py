"""Type `place-spelling`: a country, province, city or landmark written one slip away
from the vocabulary's form ("Quãng Ninh", "Indonesa"). The place claims
(extract/place.py) already say which place and which form; each is reported with the
vocabulary's form as the fix."""

from __future__ import annotations

from factlint.compare import Rule


class PlaceSpelling(Rule):
    type = "place-spelling"
    kinds = ("place",)
    MESSAGES = {"default": frozenset({"outlier", "expected", "kind"})}
    DISAGREE = False  # the vocabulary decides

    def check(self, by_kind):
        groups: dict[tuple, list] = {}
        for c in self.claims(by_kind):
            groups.setdefault((c.subject, c.value), []).append(c)
        for (_, _), claims in sorted(groups.items()):
            first = claims[0]
            expected = first.data.preferred
            f = self.finding(
                message=self.message(outlier=first.display, expected=expected, kind=first.data.place_kind),
                subject=expected, expected=expected, values=[first.display, expected], sides=claims,
                outliers=len(claims), why=self.phrase("why-place", choice=self.phrase("why-preferred")))
            f.fix = expected
            yield f
