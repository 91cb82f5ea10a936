"""Anniversary arithmetic: "kỷ niệm 75 năm thiết lập quan hệ ngoại giao" in a 2025 article
needs a base year 1950 for the same thing.

An anniversary is checked against the base years written about the same thing (most
content words shared): those of its own document when there are any, else those of the
whole corpus. It is reported only when a base year exists and none of them gives the
stated number of years from the document's reference year (or from the span written
next to it: "(3/2/1930 – 3/2/2026)"). Anniversaries without a reference year or a base
year are left alone.
"""

from __future__ import annotations

from pydantic import Field

from factlint.compare import Params, Rule, register


class AnniversaryParams(Params):
    tolerance_years: int = Field(0, ge=0, le=2)
    min_overlap: float = Field(0.75, gt=0, le=1)  # share of the shorter word list in common
    min_words: int = Field(2, ge=1)
    corpus_min_words: int = Field(4, ge=1)  # a base year of another document must match all words


@register
class AnniversaryYears(Rule):
    type = "anniversary-years"
    kinds = ("anniversary",)
    Params = AnniversaryParams

    def _same(self, a, b) -> bool:
        wa, wb = set(a.data["words"]), set(b.data["words"])
        if min(len(wa), len(wb)) < self.params.min_words:
            return False
        return len(wa & wb) / min(len(wa), len(wb)) >= self.params.min_overlap

    def check(self, by_kind):
        claims = self.claims(by_kind)
        bases = [c for c in claims if c.attribute == "base"]
        tol = self.params.tolerance_years
        for a in claims:
            if a.attribute != "years":
                continue
            n = a.data["years"]
            if "span" in a.data:
                y1, y2 = a.data["span"]
                if abs((y2 - y1) - n) > tol:
                    yield self.finding(
                        message=f"{a.display}: {y1}–{y2} is {y2 - y1} years, not {n}",
                        subject=f"{a.subject} > anniversary", expected=str(y2 - y1),
                        values=[a.display, str(y2 - y1)], sides=[a], outliers=1,
                        why=f"the span written next to it is {y1}–{y2}")
                continue
            ref = a.data.get("ref_year")
            if not ref:
                continue
            same = [b for b in bases if b.data["year"] <= ref and self._same(a, b)
                    and not (b.doc == a.doc and b.start < a.end and a.start < b.end)]
            local = [b for b in same if b.doc == a.doc]
            corpus = [b for b in same if set(b.data["words"]) == set(a.data["words"])
                      and len(set(a.data["words"])) >= self.params.corpus_min_words]
            cands = local or corpus
            if not cands:
                continue
            if any(abs((ref - b.data["year"]) - n) <= tol for b in cands):
                continue
            b = min(cands, key=lambda b: abs((ref - b.data["year"]) - n))
            yield self.finding(
                message=f"{a.display} {a.data['what']}: from {b.data['year']} to {ref} is "
                        f"{ref - b.data['year']} years, not {n}",
                subject=f"{a.subject} > anniversary", expected=str(ref - b.data["year"]),
                values=[a.display, str(ref - b.data["year"])], sides=[a] + cands, outliers=1,
                why=f"reference year {ref} ({a.data.get('ref_from')}); base year "
                    f"{b.data['year']} {'in the same document' if local else 'elsewhere in the corpus'}")
