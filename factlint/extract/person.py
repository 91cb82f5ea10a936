"""Person mentions: a name with its titles and qualifiers.

    Tổng thống Azerbaijan Ilham Aliyev
    Đại sứ Việt Nam tại Nga Đặng Minh Khôi
    Phó Thủ tướng, Bộ trưởng Bộ Ngoại giao Bùi Thanh Sơn
    Đại sứ Bezdetko            (a bare later mention, resolved in the same document)

The subject of a person claim is the folded full name; its PersonData keeps the titles
(canonical keys), what they are titles of (place / organisation), the name tokens and the
lowercase words that follow a one-word name (so "Tô lâm" can be recognised as "Tô Lâm").
"""

from __future__ import annotations

from bisect import bisect_right

import regex

from factlint.extract import Extractor
from factlint.lexicon import Phrases, WordForms, alternation, any_of
from factlint.model import Claim, PersonData, RoleScope

_NAME_TOKEN = r"\p{Lu}[\p{L}\p{M}'’]*(?:(?:-|\s?[–‑-]\s?)\p{Lu}[\p{L}\p{M}'’]*)*"
_NAME_TOKEN_RE = regex.compile(_NAME_TOKEN)
_COMMA = regex.compile(r"\s*,\s*")
_TAIL = regex.compile(r"(?:\s+([\p{Ll}][\p{L}\p{M}]*)){1,3}")


class PersonExtractor(Extractor):
    kind = "person"

    def __init__(self, lexicon):
        super().__init__(lexicon)
        lx = lexicon
        title = alternation(lx.title_forms, ignore_case=True)
        qual = alternation(lx.place_forms + lx.org_forms, ignore_case=True)
        posted = any_of(lx.vocab.names.posted_at)
        tai = rf"(?:{posted})\s+(?:{alternation(lx.place_forms)})"
        one = rf"(?i:{title})(?:\s+(?:(?i:{qual})|{tai}))*"
        # `(?&one)` calls the group instead of repeating it: the vocabulary's long
        # alternations are then compiled once (compiling them was most of a run on a few files)
        self.pattern = regex.compile(
            rf"(?<![\p{{L}}\p{{M}}])(?P<titles>(?P<one>{one})(?:\s*,\s*(?&one))*)"
            rf"\s+(?P<name>{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN}){{0,4}})(?![\p{{L}}\p{{M}}])"
        )
        # a name stops before a word of the vocabulary ("… Nga Sergei Lavrov", "… Quốc hội")
        self.vocab_word = WordForms(lx.place_forms + lx.org_forms + lx.title_forms)
        # the full pattern is only tried where a title stands (found fast, see Phrases)
        self.titles = Phrases(lx.title_forms)
        self.former_re = regex.compile(
            rf"(?<![\p{{L}}\p{{M}}])(?i:{alternation(lx.former, ignore_case=True)})\s+$") if lx.former else None
        self.title_re = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?i:{title})(?![\p{{L}}\p{{M}}])")
        self.qual_re = regex.compile(
            rf"(?<![\p{{L}}\p{{M}}])(?:(?P<tai>(?:{posted})\s+)?(?P<q>(?i:{qual})))(?![\p{{L}}\p{{M}}])")

    def _titles(self, text: str) -> tuple[tuple[str, ...], RoleScope]:
        """Canonical titles and what they are titles of, for a title chain."""
        lx = self.lexicon
        titles = []
        quals: dict[str, str] = {}
        for part in _COMMA.split(text):
            m = self.title_re.match(part)
            if not m:
                continue
            titles.append(lx.title_of.get(lx.folder.key(m.group()), lx.folder.key(m.group())))
            for q in self.qual_re.finditer(part, m.end()):
                form = q.group("q")
                place = lx.place(form)
                if q.group("tai") and place:
                    quals["at"] = place
                elif place:
                    quals.setdefault("of", place)
                else:
                    quals.setdefault("org", lx.org_of.get(lx.folder.key(form), form))
        return tuple(titles), RoleScope(**quals)

    def extract(self, doc, found):
        lx = self.lexicon
        key = lx.folder.key
        claims: list[Claim] = []
        when = doc.reference.date if doc.reference else None
        sentence_starts = [s for s, _ in doc.sentences]
        done = 0
        for first in self.titles.finditer(doc.text):
            if first.start() < done:
                continue
            i = bisect_right(sentence_starts, first.start()) - 1
            if i < 0:
                continue
            s_start, s_end = doc.sentences[i]
            m = self.pattern.match(doc.text, first.start(), s_end)
            name_end = self._name_end(doc.text, m) if m else None
            if name_end:
                done = name_end
                name = doc.text[m.start("name"):name_end]
                tokens = _NAME_TOKEN_RE.findall(name)
                if key(tokens[0]) in lx.name_stopwords:
                    continue
                if len(tokens[0]) > 1 and tokens[0].isupper() and not name.isupper():
                    continue  # an acronym (HĐQT, UEFA) is an organisation, not the start of a name
                titles, scope = self._titles(m.group("titles"))
                if not titles:
                    continue
                data = PersonData(name=name, tokens=tuple(key(t) for t in tokens), titles=titles,
                                  scope=scope, title_text=m.group("titles"), mention_start=m.start())
                if self.former_re and self.former_re.search(doc.text, max(0, m.start() - 12), m.start()):
                    data.former = True
                if len(tokens) == 1:
                    tail = _TAIL.match(doc.text, name_end, s_end)
                    if tail:
                        data.tail = tuple(key(w) for w in tail.captures(1))
                        data.tail_words = tuple(tail.captures(1))
                        data.tail_ends = tuple(e for _, e in tail.spans(1))
                claims.append(Claim(
                    kind="person", subject=key(name), attribute="name", value=key(name),
                    text=doc.text[m.start():name_end], doc=doc.path, start=m.start("name"), end=name_end,
                    zone=doc.zone_at(m.start()), sentence=(s_start, s_end), display=name,
                    when=when, data=data))
        self._resolve(claims)
        return claims

    def _name_end(self, text: str, m) -> int | None:
        """Where the name ends: before its first word that is a word of the vocabulary
        (None when the name would start with one)."""
        end = None
        for token in _NAME_TOKEN_RE.finditer(text, m.start("name"), m.end("name")):
            if self.vocab_word.at(text, token.start()):
                break
            end = token.end()
        return end

    @staticmethod
    def _resolve(claims: list[Claim]) -> None:
        """A bare mention ("Tổng thống Putin") takes the full name it ends with in the same document."""
        full = {}
        for c in claims:
            toks = c.data.tokens
            if len(toks) > 1:
                for k in range(1, len(toks)):
                    full.setdefault(toks[-k:], set()).add(c.subject)
        for c in claims:
            candidates = full.get(c.data.tokens, set()) - {c.subject}
            if len(candidates) == 1:
                c.data.bare = True
                c.subject = next(iter(candidates))
