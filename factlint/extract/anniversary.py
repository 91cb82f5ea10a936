"""Anniversaries and the base years they count from.

    kỷ niệm 75 năm thiết lập quan hệ ngoại giao          -> anniversary, years 75
    sau 33 năm kể từ khi hai nước thiết lập quan hệ ngoại giao
    thiết lập quan hệ ngoại giao năm 1950                 -> base, year 1950
    kỷ niệm 96 năm Ngày thành lập Đảng (3/2/1930 – 3/2/2026)  -> anniversary with its own span

`AnniversaryData.words` keeps the content words of what is celebrated (the first few after the
number for an anniversary, the last few before the year for a base year), so that the
rule can match an anniversary with the base years written about the same thing. The
patterns live in rules/vocab/dates.toml [events].
"""

from __future__ import annotations

from bisect import bisect_right

import regex

from factlint.extract import Extractor
from factlint.lexicon import Phrases, any_of
from factlint.model import AnniversaryData, Claim, PartialDate
from factlint.vocab import UserPattern

_WORD = regex.compile(r"[\p{L}\p{M}]+")
_SPAN = regex.compile(r"[^()]{0,80}?\(\s*(?:[\d/.]*?/)?(?P<y1>1[89]\d\d|20\d\d)\s*[-–—]\s*"
                      r"(?:[\d/.]*?/)?(?P<y2>1[89]\d\d|20\d\d)\s*\)")
WINDOW = 6
COUNTERPART_WINDOW = 160  # characters either side of an anniversary where its counterparts are named


class AnniversaryExtractor(Extractor):
    kind = "anniversary"

    def __init__(self, lexicon):
        super().__init__(lexicon)
        v = lexicon.vocab.events
        self.ann_re = [UserPattern(p, "events.anniversary_patterns") for p in v.anniversary_patterns]
        self.base_re = (UserPattern(v.base_year_pattern, "events.base_year_pattern")
                        if v.base_year_pattern else None)
        self.stop = {lexicon.folder.key(w) for w in v.stopwords}
        home = set(v.home_places)
        self.countries = Phrases([f for p in lexicon.vocab.place if p.kind == "country" and p.name not in home
                                  for f in (p.name, *p.aliases)])
        self.future_re = regex.compile(
            rf"(?:^|[^\p{{L}}\p{{M}}])(?i:{any_of(v.future_words, ignore_case=True)})\s+$")
        year = any_of([lexicon.vocab.dates.year_word], ignore_case=True)
        # "năm 1950" (a base year) and "75 năm" (a number of years)
        self.year_re = regex.compile(rf"(?i:{year})\s+(?:1[89]\d\d|20\d\d)(?!\d)")
        self.years_end = 1 + len(lexicon.vocab.dates.year_word)  # " năm" after the number
        self.years_re = regex.compile(rf"\d\s+{any_of([lexicon.vocab.dates.year_word])}(?![\p{{L}}\p{{M}}])")

    def words(self, text: str, last: bool = False) -> list[str]:
        """The first (or the last) WINDOW content words of text, folded (only those are folded)."""
        key = self.lexicon.folder.key
        written = _WORD.findall(text)
        out: list[str] = []
        for x in reversed(written) if last else written:
            w = key(x)
            if w not in self.stop:
                out.append(w)
                if len(out) == WINDOW:
                    break
        return out[::-1] if last else out

    def _counterparts(self, text: str, sentence, at: int) -> tuple[str, ...]:
        """The countries named near it in its sentence, besides the home country: "75 năm
        quan hệ ngoại giao" with Russia is not the same anniversary as with Kazakhstan."""
        if not self.countries:
            return ()
        lo, hi = max(sentence[0], at - COUNTERPART_WINDOW), min(sentence[1], at + COUNTERPART_WINDOW)
        return tuple(sorted({self.lexicon.place(m.group()) for m in self.countries.finditer(text, lo, hi)}))

    def extract(self, doc, found):
        text = doc.text
        ref = doc.reference
        ref_year = ref.date.year if ref else None
        claims: list[Claim] = []
        seen: set[int] = set()
        # sentences holding "<number> năm" (anniversaries) and "năm <year>" (base years),
        # found in one pass over the text each
        with_years = _sentences_with(self.years_re, doc)
        with_base_years = _sentences_with(self.year_re, doc) if self.base_re is not None else set()
        for s in doc.sentences:
            if s not in with_years and s not in with_base_years:
                continue
            for r in (self.ann_re if s in with_years else ()):
                for m in r.finditer(text, s[0], s[1]):
                    if m.start() in seen:
                        continue
                    seen.add(m.start())
                    n = int(m.group("n"))
                    words = self.words(m.group("what"))
                    if not words:
                        continue
                    data = AnniversaryData(what=m.group("what").strip(), words=tuple(words), years=n,
                                           reference_year=ref_year,
                                           reference_source=ref.source if ref else None,
                                           counterparts=self._counterparts(text, s, m.start()),
                                           future=bool(self.future_re.search(
                                               text, max(s[0], m.start() - 20), m.start())))
                    span = _SPAN.match(text, m.end("n"), s[1])
                    if span:
                        data.span = (int(span.group("y1")), int(span.group("y2")))
                    claims.append(Claim(
                        kind="anniversary", subject=" ".join(words), attribute="years", value=str(n),
                        text=m.group(), doc=doc.path, start=m.start(), end=m.end("n") + self.years_end,
                        zone=doc.zone_at(m.start()), sentence=s,
                        display=text[m.start():m.end("n") + self.years_end], when=ref.date if ref else None,
                        data=data))
            if s not in with_base_years:
                continue
            # look back from each year only (fast): the clause before "năm 1950"
            matches = []
            for y in self.year_re.finditer(text, s[0], s[1]):
                if y.start() <= (matches[-1].end() if matches else -1):
                    continue
                m = self.base_re.search(text, max(s[0], y.start() - 100), y.end())
                if m and m.end() == y.end():
                    matches.append(m)
            for m in matches:
                words = self.words(m.group("what"), last=True)
                if not words:
                    continue
                y = int(m.group("y"))
                start = m.start("what")
                if m.end("what") - start > 48:  # quote only the words before the year
                    cut = text.find(" ", m.end("what") - 48, m.end("what"))
                    start = cut + 1 if cut >= 0 else start
                while text[start].isspace():
                    start += 1
                claims.append(Claim(
                    kind="anniversary", subject=" ".join(words), attribute="base", value=str(y),
                    text=text[start:m.end()], doc=doc.path, start=start, end=m.end(),
                    zone=doc.zone_at(start), sentence=s, display=text[start:m.end()],
                    when=PartialDate(y), data=AnniversaryData(what=m.group("what").strip(),
                                                             words=tuple(words), year=y)))
        return claims


def _sentences_with(pattern, doc) -> set[tuple[int, int]]:
    """The sentences in which `pattern` matches (a match may not run past the sentence)."""
    sentences = doc.sentences
    starts = [a for a, _ in sentences]
    out = set()
    for m in pattern.finditer(doc.text):
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and m.end() <= sentences[i][1]:
            out.add(sentences[i])
    return out
