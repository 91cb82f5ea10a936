"""Comparison keys: two spellings that mean the same thing get the same key.

The key folds case, Unicode form, tone-mark placement (hoà = hòa, thuỷ = thủy), the
orthographic variants listed in the vocabulary (kỉ = kỷ), dash spacing
("Kassym – Jomart" = "Kassym-Jomart") and white space. Reports always quote the
original text; keys are only for grouping.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng
_VOWELS = set("aeiouyăâêôơư")
_MARKED = set("ăâêôơư")  # vowels that carry their own diacritic and attract the tone
_DASH = regex.compile(r"\s*[-‐‑‒–—]\s*")
_SPACE = regex.compile(r"\s+")
_SYLLABLE = regex.compile(r"[\p{L}\p{M}]+")


@lru_cache(maxsize=65536)
def fold_syllable_tone(syllable: str) -> str:
    """Place the tone mark of one lowercase syllable in the classic position (hòa, thủy, khỏe).

    This is the form underthesea's normalizer produces; tests check the two agree on the
    syllables of a real corpus.
    """
    decomposed = unicodedata.normalize("NFD", syllable)
    tone = next((c for c in decomposed if c in _TONES), None)
    if tone is None:
        return syllable
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    start = 0
    if bare.startswith("qu") and len(bare) > 2:
        start = 2
    elif bare.startswith("gi") and len(bare) > 2 and bare[2] in _VOWELS:
        start = 2
    while start < len(bare) and bare[start] not in _VOWELS:
        start += 1
    end = start
    while end < len(bare) and bare[end] in _VOWELS:
        end += 1
    if start == end:  # not a Vietnamese syllable shape: leave it alone
        return syllable
    nucleus = range(start, end)
    marked = [i for i in nucleus if bare[i] in _MARKED]
    if marked:
        target = marked[-1]
    elif end - start == 1:
        target = start
    elif end < len(bare):  # closed syllable: tone on the last vowel (hoàng, toán)
        target = end - 1
    else:  # open syllable: tone on the second to last vowel (hòa, thủy, mía)
        target = end - 2
    placed = bare[: target + 1] + tone + bare[target + 1:]
    return unicodedata.normalize("NFC", placed)


class Folder:
    """Builds keys. `variants` maps a syllable to its preferred spelling (kỉ -> kỷ)."""

    def __init__(self, variants: dict[str, str] | None = None):
        self.variants = {fold_syllable_tone(k.lower()): fold_syllable_tone(v.lower())
                         for k, v in (variants or {}).items()}
        self._cache: dict[str, str] = {}

    def syllable(self, s: str) -> str:
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
