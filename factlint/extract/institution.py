"""Institutions and units named by a number: "Bệnh viện Quân y 175", "Sư đoàn 308",
"Lữ đoàn Thông tin 80" (rules/vocab [institutions] types).

A name is one of the vocabulary's head words, capitalised ("Bệnh viện"; a lower-case
"bệnh viện 300 giường" is a description, not a name), then up to six capitalised words,
each of which may carry one lower-case syllable ("Quân y", "Đa khoa", "TWQĐ"), then the
number. The head words are found with the lexicon's find-first-word pass; the rest is one
anchored match at each of them.

The number is not read when it is no name: after a function word of the number grammar
([numbers.nouns] stop: "Trường X có 17 thành viên", "Bệnh viện X lúc 18 giờ"), a figure
the quantity pass read with a unit or a counted noun the grammar knows ("Trường X tuyển
890 học sinh", "… trong 180 phút"; a count of any other word is the quantity pass's guess,
"Bệnh viện 108 đưa …", and does not count), a figure with a decimal, a fraction or a
document number ("268,5", "268/QĐ"), a phone number in groups ("0234 382 …"), an address
("286 Thụy Khuê": a capitalised word right after the number; a headline in capitals is no
address) or a year ("năm 1995").

One claim per name: subject = the name before the number (folded), value = the number's
digits as written, so rules can compare the numbers one name is written with.
"""

from __future__ import annotations

from bisect import bisect_right

import regex

from factlint.extract import Extractor
from factlint.lexicon import Phrases
from factlint.model import Claim, InstitutionData
from factlint.normalize.structure import Spans

MAX_WORDS = 6  # capitalised words between the head and the number
_TAIL = regex.compile(
    rf"(?P<words>(?:[ \t]+\p{{Lu}}[\p{{L}}\p{{M}}]*(?:[ \t]+\p{{Ll}}[\p{{L}}\p{{M}}]*)?){{0,{MAX_WORDS}}}?)"
    r"[ \t]+(?P<n>\d{1,4})(?![\p{L}\p{M}\d]|[.,:-]\d|/\S|[ \t]*[-/]?[ \t]*\d|[ \t]+\p{Lu}\p{M}*\p{Ll})")
_YEARS = range(1000, 2100)  # a four-digit number in this range is read as a year


class InstitutionExtractor(Extractor):
    kind = "institution"
    needs = ("quantity",)  # a number the quantity pass read as a count names nothing

    def __init__(self, lexicon):
        super().__init__(lexicon)
        self.heads = Phrases(lexicon.vocab.institutions.types)
        grammar = lexicon.numbers
        self.function_words = grammar.stop
        self.counted_nouns = grammar.strict_nouns | set(grammar.single_nouns)

    def extract(self, doc, found):
        if not self.heads:
            return []
        text = doc.text
        key = self.lexicon.folder.key
        counted = sorted((c.start, c.end) for c in found.get("quantity", ())
                         if c.data.kind != "count" or c.data.unit in self.counted_nouns)
        count_starts = [s for s, _ in counted]
        sentence_of = Spans(doc.sentences)
        when = doc.reference.date if doc.reference else None
        out = []
        for m in self.heads.finditer(text):
            if not text[m.start()].isupper():
                continue
            tail = _TAIL.match(text, m.end())
            if tail is None:
                continue
            digits = tail.group("n")
            n0 = tail.start("n")
            if len(digits) == 4 and int(digits) in _YEARS:
                continue
            words = tail.group("words").split()
            if words and words[-1].islower() and key(words[-1]) in self.function_words:
                continue
            i = bisect_right(count_starts, n0) - 1
            if i >= 0 and n0 < counted[i][1]:
                continue
            start, end = m.start(), tail.end()
            name = " ".join(text[start:tail.end("words")].split())
            written = f"{name} {digits}"
            out.append(Claim(kind="institution", subject=key(name), attribute="number", value=digits,
                             text=text[start:end], doc=doc.path, start=start, end=end, zone=doc.zone_at(start),
                             sentence=sentence_of.find(start), display=written, when=when,
                             data=InstitutionData(name=name, number=digits, head=key(m.group()))))
        return out
