"""Word-level spelling variants declared in the vocabulary (kỷ niệm / kỉ niệm, Moskva / Moscow).

One claim per occurrence: subject = the variant group, value = the form as written
(case folded), so a corpus that mixes forms can be told which one it mostly uses.
"""

from __future__ import annotations

from factlint.extract import Extractor
from factlint.lexicon import Phrases
from factlint.model import Claim, SpellingData


class SpellingExtractor(Extractor):
    kind = "spelling"

    def __init__(self, lexicon):
        super().__init__(lexicon)
        self.group_of: dict[str, tuple[str, SpellingData]] = {}
        forms = []
        for group in lexicon.vocab.orthography.words:
            gid = " / ".join(group.forms)
            data = SpellingData(preferred=group.preferred)
            for f in group.forms:
                self.group_of[f.lower()] = (gid, data)
                forms.append(f)
        self.pattern = Phrases(forms)

    def extract(self, doc, found):
        if not self.pattern:
            return []
        when = doc.reference.date if doc.reference else None
        out = []
        for m in self.pattern.finditer(doc.text):
            written = m.group()
            gid, data = self.group_of[" ".join(written.split()).lower()]
            out.append(Claim(kind="spelling", subject=gid, attribute="form", value=written.lower(),
                             text=written, doc=doc.path, start=m.start(), end=m.end(),
                             zone=doc.zone_at(m.start()), display=written, when=when, data=data))
        return out
