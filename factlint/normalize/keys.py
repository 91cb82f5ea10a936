"""Comparison keys: two spellings that mean the same thing get the same key.

The key folds case, Unicode form, tone-mark placement (hoà = hòa, thuỷ = thủy), the
orthographic variants listed in the vocabulary (kỉ = kỷ), dash spacing
("Kassym – Jomart" = "Kassym-Jomart"), white space, and look-alike letters of another
script inside a Latin word ("Aliyev" with a Cyrillic "а" is "aliyev": the same person, a
`mixed-script` finding rather than a misspelling). Reports always quote the original
text; keys are only for grouping.
"""

from __future__ import annotations

import unicodedata

import regex

from factlint.orthography import fold_syllable_tone

_DASH = regex.compile(r"\s*[-‐‑‒–—]\s*")
_FOREIGN = regex.compile(r"[\p{Cyrillic}\p{Greek}]")
_LATIN = regex.compile(r"\p{Latin}")
_WORD = regex.compile(r"[\p{L}\p{M}]+")
# Cyrillic and Greek letters drawn like Latin ones
LOOKALIKE_LETTERS = "АВЕКМНОРСТУХЅІЈаеорсухѕіјԁԛԝӏΑΒΕΖΗΙΚΜΝΟΡΤΥΧαικνορτυχ"
_LOOKALIKES = str.maketrans(LOOKALIKE_LETTERS, "ABEKMHOPCTYXSIJaeopcyxsijdqwlABEZHIKMNOPTYXaikvoptux")


def mixes_scripts(word: str) -> bool:
    """Whether a word holds Latin letters and Cyrillic or Greek ones."""
    return not word.isascii() and bool(_FOREIGN.search(word)) and bool(_LATIN.search(word))


def stray_letters(text: str) -> list[tuple[int, str]]:
    """The Cyrillic and Greek letters inside words that are otherwise Latin: (index, letter)."""
    out = []
    for m in _WORD.finditer(text):
        if mixes_scripts(m.group()):
            out += [(m.start() + i, c) for i, c in enumerate(m.group()) if _FOREIGN.match(c)]
    return out


def latin_lookalike(text: str) -> str:
    """`text` with the look-alike letters of mixed words written in Latin."""
    return _WORD.sub(lambda m: m.group().translate(_LOOKALIKES) if mixes_scripts(m.group()) else m.group(),
                     text)
_SPACE = regex.compile(r"\s+")
_SYLLABLE = regex.compile(r"[\p{L}\p{M}]+")


class Folder:
    """Builds keys. `variants` maps a syllable to its preferred spelling (kỉ -> kỷ)."""

    def __init__(self, variants: dict[str, str] | None = None):
        self.variants = {fold_syllable_tone(k.lower()): fold_syllable_tone(v.lower())
                         for k, v in (variants or {}).items()}
        self._cache: dict[str, str] = {}

    def syllable(self, s: str) -> str:
        if mixes_scripts(s):
            s = s.translate(_LOOKALIKES)
        s = fold_syllable_tone(s.lower())
        return self.variants.get(s, s)

    def key(self, text: str) -> str:
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        s = unicodedata.normalize("NFC", text)
        s = _DASH.sub("-", s)
        s = _SPACE.sub(" ", s).strip()
        out = _SYLLABLE.sub(lambda m: self.syllable(m.group()), s)
        if len(self._cache) < 200_000:
            self._cache[text] = out
        return out
