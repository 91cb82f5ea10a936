"""What a document is about: one claim per document listing the names it writes — the
capitalised words inside a sentence and the pairs of them next to each other, from people,
places, venues, organisations ("… Mỹ Joe Biden" gives "mỹ", "joe", "biden", "mỹ joe" and
"joe biden") — folded. Rules use it to tell
which documents tell one story (compare/__init__.py `Stories`), so that things without a
proper name of their own — a fire, a landing, a toll — are compared only within a story.
"""

from __future__ import annotations

import regex

from factlint.extract import Extractor
from factlint.model import Claim, TopicData

_NAME = regex.compile(r"(?<=[\p{L}\p{M}\d,;:()\"“”-][ \t]+)\p{Lu}[\p{L}\p{M}]*(?:[ \t]+\p{Lu}[\p{L}\p{M}]*)*")
_WORD = regex.compile(r"[\p{L}\p{M}]+")
MAX_NAMES = 300  # a very long document: enough names to tell its story


class TopicExtractor(Extractor):
    kind = "topic"

    def extract(self, doc, found):
        key = self.lexicon.folder.key
        names: dict[str, None] = {}
        for m in _NAME.finditer(doc.text):
            if doc.zone_at(m.start()) in ("furniture", "meta"):
                continue
            words = _WORD.findall(key(m.group()))
            for word in words:
                names.setdefault(word)
            for pair in zip(words, words[1:]):
                names.setdefault(" ".join(pair))
            if len(names) >= MAX_NAMES:
                break
        if not names:
            return []
        return [Claim(kind="topic", subject="", attribute="names", value=str(len(names)), text="",
                      doc=doc.path, start=0, end=0, zone="meta", display="",
                      data=TopicData(tuple(names)))]
