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

    def _usable(self, a, b, ref: int) -> bool:
        """A base year about the same thing as anniversary a, not after its reference year
        and not the anniversary's own words."""
        return (b.data["year"] <= ref and self._same(a, b)
                and not (b.doc == a.doc and b.start < a.end and a.start < b.end))

    def check(self, by_kind):
        claims = self.claims(by_kind)
        # base years indexed by document and word, and by their exact word set: an
        # anniversary is only ever compared with those (no loop over the whole corpus)
        by_doc_word: dict[tuple[str, str], list[int]] = {}
        by_words: dict[frozenset, list[int]] = {}
        bases = [c for c in claims if c.attribute == "base"]
        for i, b in enumerate(bases):
            for w in set(b.data["words"]):
                by_doc_word.setdefault((b.doc, w), []).append(i)
            by_words.setdefault(frozenset(b.data["words"]), []).append(i)
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
            words = set(a.data["words"])
            near = sorted({i for w in words for i in by_doc_word.get((a.doc, w), ())})
            local = [b for b in (bases[i] for i in near) if self._usable(a, b, ref)]
            corpus = []
            if len(words) >= self.params.corpus_min_words:
                corpus = [b for b in (bases[i] for i in by_words.get(frozenset(words), ()))
                          if self._usable(a, b, ref)]
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
