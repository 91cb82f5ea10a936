"""Word-level spelling variants declared in the vocabulary (kỷ niệm / kỉ niệm, Moskva / Moscow).

One claim per occurrence: subject = the variant group, value = the form as written
(case folded), so a corpus that mixes forms can be told which one it mostly uses.
"""

from __future__ import annotations

from factlint.claims import Claim
from factlint.extract import Extractor, register
from factlint.lexicon import Phrases
from factlint.normalize.structure import zone_at


@register
class SpellingExtractor(Extractor):
    kind = "spelling"
    order = 5

    def __init__(self, lexicon):
        super().__init__(lexicon)
        self.group_of: dict[str, tuple[str, str | None]] = {}
        forms = []
        for group in lexicon.vocab.orthography.words:
            gid = " / ".join(group.forms)
            for f in group.forms:
                self.group_of[f.lower()] = (gid, group.preferred)
                forms.append(f)
        self.pattern = Phrases(forms)

    def extract(self, doc, found):
        if not self.pattern:
            return []
        out = []
        for m in self.pattern.finditer(doc.text):
            written = m.group()
            gid, preferred = self.group_of[" ".join(written.split()).lower()]
            out.append(Claim(kind="spelling", subject=gid, attribute="form", value=written.lower(),
                             text=written, doc=doc.path, start=m.start(), end=m.end(),
                             zone=zone_at(doc, m.start()), display=written,
                             data={"preferred": preferred}))
        return out
