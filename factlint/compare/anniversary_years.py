"""Type `anniversary-years`: anniversary arithmetic: "kỷ niệm 75 năm thiết lập quan hệ ngoại giao" in a 2025 article
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

from factlint.compare import Params, Rule


class AnniversaryParams(Params):
    tolerance_years: int = Field(0, ge=0, le=2)
    min_overlap: float = Field(0.75, gt=0, le=1)  # share of the shorter word list in common
    min_words: int = Field(2, ge=1)
    corpus_min_words: int = Field(4, ge=1)  # a base year of another document must match all words


class AnniversaryYears(Rule):
    type = "anniversary-years"
    kinds = ("anniversary",)
    Params = AnniversaryParams
    MESSAGES = {
        "span": frozenset({"anniversary", "first_year", "last_year", "span_years", "years"}),
        "base": frozenset({"anniversary", "what", "base_year", "reference_year", "actual_years", "years"}),
    }

    def _same(self, wa: frozenset, wb: frozenset) -> bool:
        if min(len(wa), len(wb)) < self.params.min_words:
            return False
        return len(wa & wb) / min(len(wa), len(wb)) >= self.params.min_overlap

    def check(self, by_kind):
        claims = self.claims(by_kind)
        # Base years are grouped by (document, word set) and by word set alone, each group
        # indexed by year: an anniversary looks at the groups about the same thing and at
        # the years that would agree with it, never at every base year (a long document
        # or a big corpus holds thousands).
        groups: dict[tuple, _Bases] = {}
        sets_near: dict[tuple[str, str], set[frozenset]] = {}
        order: dict[int, int] = {}  # id(base) -> place in the corpus, for the sides of a finding
        for b in (c for c in claims if c.attribute == "base"):
            order[id(b)] = len(order)
            ws = frozenset(b.data.words)
            for where in (b.doc, None):
                groups.setdefault((where, ws), _Bases()).add(b)
            for w in ws:
                sets_near.setdefault((b.doc, w), set()).add(ws)
        tol = self.params.tolerance_years
        for a in claims:
            if a.attribute != "years":
                continue
            n = a.data.years
            if a.data.span:
                y1, y2 = a.data.span
                if abs((y2 - y1) - n) > tol:
                    yield self.finding(
                        message=self.message("span", anniversary=a.display, first_year=y1, last_year=y2,
                                             span_years=y2 - y1, years=n),
                        subject=f"{a.subject} > anniversary", expected=str(y2 - y1),
                        values=[a.display, str(y2 - y1)], sides=[a], outliers=1,
                        why=self.phrase("why-anniversary-span", first_year=y1, last_year=y2))
                continue
            ref = a.data.reference_year
            if not ref:
                continue
            words = frozenset(a.data.words)
            near = {ws for w in words for ws in sets_near.get((a.doc, w), ())}
            local = [groups[(a.doc, ws)] for ws in near if self._same(words, ws)]
            corpus = []
            if len(words) >= self.params.corpus_min_words and self._same(words, words) \
                    and (None, words) in groups:
                corpus = [groups[(None, words)]]
            is_local = any(g.any_usable(a, ref) for g in local)
            cands_groups = local if is_local else corpus
            if not any(g.any_usable(a, ref) for g in cands_groups):
                continue
            if any(g.any_usable(a, ref, years=range(ref - n - tol, ref - n + tol + 1))
                   for g in cands_groups):
                continue
            # a finding: now (and only now) list every candidate, in corpus order
            cands = sorted((b for g in cands_groups for b in g.usable(a, ref)), key=lambda b: order[id(b)])
            b = min(cands, key=lambda b: abs((ref - b.data.year) - n))
            yield self.finding(
                message=self.message("base", anniversary=a.display, what=a.data.what, base_year=b.data.year,
                                     reference_year=ref, actual_years=ref - b.data.year, years=n),
                subject=f"{a.subject} > anniversary", expected=str(ref - b.data.year),
                values=[a.display, str(ref - b.data.year)], sides=[a] + cands, outliers=1,
                why=self.phrase("why-anniversary-here" if is_local else "why-anniversary-corpus",
                                reference_year=ref, source=a.data.reference_source, base_year=b.data.year))


class _Bases:
    """Base years about one thing, by year."""

    def __init__(self):
        self.by_year: dict[int, list] = {}

    def add(self, b) -> None:
        self.by_year.setdefault(b.data.year, []).append(b)

    def usable(self, a, ref: int, years=None):
        """Those not after the reference year and not anniversary a's own words."""
        for year in (years if years is not None else list(self.by_year)):
            if year > ref:
                continue
            for b in self.by_year.get(year, ()):
                if not (b.doc == a.doc and b.start < a.end and a.start < b.end):
                    yield b

    def any_usable(self, a, ref: int, years=None) -> bool:
        return next(self.usable(a, ref, years), None) is not None
