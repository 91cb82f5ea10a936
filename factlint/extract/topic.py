"""What a document is about: one claim per document listing the names it writes — the
capitalised words inside a sentence and the pairs of them next to each other, from people,
places, venues, organisations ("… Mỹ Joe Biden" gives "mỹ", "joe", "biden", "mỹ joe" and
"joe biden") — case folded. Rules use it to tell
which documents tell one story (compare/__init__.py `Stories`), so that things without a
proper name of their own — a fire, a landing, a toll — are compared only within a story.
"""

from __future__ import annotations

import regex

from factlint.extract import Extractor
from factlint.model import Claim, TopicData

# Capitalised words after a word or a comma-like mark and one space: inside a sentence,
# where a capital means a name (the first word of a sentence says nothing). The look-behind
# comes after the first capital, so it is tried only at capitals.
_NAME = regex.compile(r"\p{Lu}(?<=[\p{L}\p{M}\d,;:()\"“”-] \p{Lu})[\p{L}\p{M}]*+"
                      r"(?: \p{Lu}[\p{L}\p{M}]*+)*+")
MAX_NAMES = 300  # a very long document: enough names to tell its story


class TopicExtractor(Extractor):
    kind = "topic"

    def extract(self, doc, found):
        text = doc.text
        blocks = [(b.start, b.end) for b in doc.zones if b.zone not in ("furniture", "meta")]
        names = _names(text, _joined(text, blocks))
        if len(names) >= MAX_NAMES:  # stop at the block where the limit was reached
            names = _names(text, blocks)
        if not names:
            return []
        return [Claim(kind="topic", subject="", attribute="names", value=str(len(names)), text="",
                      doc=doc.path, start=0, end=0, zone="meta", display="",
                      data=TopicData(tuple(names)))]


def _names(text: str, spans) -> dict[str, None]:
    """The names written in the spans, in order, until there are MAX_NAMES."""
    names: dict[str, None] = {}
    for start, end in spans:
        for run in _NAME.findall(text, start, end):
            # case folded only: cheap, and enough to compare stories
            if " " not in run:  # most runs are one word, with no pair to make
                names[run.casefold()] = None
                continue
            words = run.casefold().split()
            names.update(dict.fromkeys(words))
            names.update(dict.fromkeys(map(" ".join, zip(words, words[1:]))))
        if len(names) >= MAX_NAMES:
            break
    return names


def _joined(text: str, spans) -> list[list[int]]:
    """The spans with those apart by white space holding a line break made one: no name
    runs over a line break, and one search per block costs more than the search itself."""
    out: list[list[int]] = []
    for start, end in spans:
        gap = text[out[-1][1]:start] if out else ""
        if gap.isspace() and "\n" in gap:
            out[-1][1] = end
        else:
            out.append([start, end])
    return out
