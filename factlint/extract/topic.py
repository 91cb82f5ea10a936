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
        names: dict[str, None] = {}
        text = doc.text
        for block in doc.zones:
            if block.zone in ("furniture", "meta"):
                continue
            for run in _NAME.findall(text, block.start, block.end):
                words = run.casefold().split()  # case folded only: cheap, and enough to compare stories
                names.update(dict.fromkeys(words))
                names.update(dict.fromkeys(map(" ".join, zip(words, words[1:]))))
            if len(names) >= MAX_NAMES:
                break
        if not names:
            return []
        return [Claim(kind="topic", subject="", attribute="names", value=str(len(names)), text="",
                      doc=doc.path, start=0, end=0, zone="meta", display="",
                      data=TopicData(tuple(names)))]
