"""Ordinals of events: a noun, the ordinal marker and a number (rules/vocab
[numbers.ordinals]).

    Hội nghị Cấp cao APEC lần thứ 25 · đây là lần thứ ba ông … thăm … · đợt thứ 2

The claim's value is the number; `OrdinalData.what` names what is numbered, so that two
ordinals of one event can be compared: the capitalised name right before the noun
("APEC"), else the event word of the sentence ("chuyến thăm", "vụ cháy"). An ordinal
whose event is not named says too little to be compared.
"""

from __future__ import annotations

from bisect import bisect_left

import regex

from factlint.extract import Extractor
from factlint.lexicon import Phrases, any_of
from factlint.lexicon.numbers import parse_words
from factlint.model import Claim, OrdinalData
from factlint.normalize.structure import Spans

_NAME_BEFORE = regex.compile(r"((?:\p{Lu}[\p{L}\p{M}\d-]*[ \t]+)+)$")


class OrdinalExtractor(Extractor):
    kind = "ordinal"
    needs = ("person",)

    def __init__(self, lexicon):
        super().__init__(lexicon)
        grammar = lexicon.numbers
        self.grammar = grammar
        self.markers = Phrases(grammar.ordinal_marker)
        nouns = any_of(grammar.ordinal_nouns, ignore_case=True)
        self.noun_before = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?P<noun>(?i:{nouns}))[ \t]+$")
        self.number_after = regex.compile(r"[ \t]+(?:(?P<d>\d{1,3})(?![\d\p{L}]|[.,]\d)|(?=\p{L}))")
        v = lexicon.vocab
        self.events = Phrases([*v.events.triggers, *(w for words in v.moments.nouns.values() for w in words)])

    def extract(self, doc, found):
        text = doc.text
        key = self.lexicon.folder.key
        sentence_of = Spans(doc.sentences)
        people = sorted(found.get("person", ()), key=lambda p: p.start)
        starts = [p.start for p in people]
        claims = []
        for m in self.markers.finditer(text):
            before = self.noun_before.search(text, max(0, m.start() - 30), m.start())
            after = self.number_after.match(text, m.end())
            if not before or not after:
                continue
            number, end, notation = self._number(text, after)
            if number is None:
                continue
            start = before.start("noun")
            sentence = sentence_of.find(start)
            what = self._what(text, start, sentence)
            actor = None
            if sentence:
                lo, hi = bisect_left(starts, sentence[0]), bisect_left(starts, sentence[1])
                k = bisect_left(starts, start, lo, hi)
                actor = people[k - 1].subject if k > lo else (people[lo].subject if lo < hi else None)
            noun = key(before.group("noun"))
            claims.append(Claim(
                kind="ordinal", subject=what or noun, attribute=noun, value=str(number), text=text[start:end],
                doc=doc.path, start=start, end=end, zone=doc.zone_at(start), sentence=sentence,
                display=text[start:end], data=OrdinalData(number, noun, notation, what, actor)))
        return claims

    def _number(self, text: str, after) -> tuple[int | None, int, str]:
        if after.group("d"):
            return int(after.group("d")), after.end("d"), "plain"
        m = self.grammar.word_seq.match(text, after.end())
        if not m:
            return None, 0, ""
        words = m.group().split()
        read = parse_words(words, self.grammar)
        if read is None or read[0] != int(read[0]) or read[0] < 1:
            return None, 0, ""
        end = after.end()
        for w in words[:read[2]]:
            end = text.index(w, end) + len(w)
        return int(read[0]), end, "words"

    def _what(self, text: str, start: int, sentence) -> str | None:
        """The name right before the noun ("Hội nghị Cấp cao APEC lần thứ 25"), unless it
        is only the capitalised first word of the sentence; else the sentence's event word."""
        key = self.lexicon.folder.key
        lo = sentence[0] if sentence else max(0, start - 80)
        name = _NAME_BEFORE.search(text, max(lo, start - 80), start)
        if name and (name.start() > lo or len(name.group().split()) > 1):
            words = name.group().split()
            if name.start() == lo:
                words = words[1:]  # the sentence's first word is capitalised anyway
            if words:
                return key(" ".join(words))
        if sentence:
            event = self.events.search(text, *sentence)
            if event:
                return key(event.group())
        return None
