"""Comparison keys: two spellings that mean the same thing get the same key.

The key folds case, Unicode form, tone-mark placement (hoà = hòa, thuỷ = thủy), the
orthographic variants listed in the vocabulary (kỉ = kỷ), dash spacing
("Kassym – Jomart" = "Kassym-Jomart") and white space. Reports always quote the
original text; keys are only for grouping.
"""

from __future__ import annotations

import unicodedata

import regex

from factlint.orthography import fold_syllable_tone

_DASH = regex.compile(r"\s*[-‐‑‒–—]\s*")
_SPACE = regex.compile(r"\s+")
_SYLLABLE = regex.compile(r"[\p{L}\p{M}]+")


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
