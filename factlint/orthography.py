"""Language tables of Vietnamese orthography: tone marks, vowel classes and where a tone
mark goes. Machinery, not vocabulary: these are facts of the writing system that every
Vietnamese text shares, so they are the one place in the engine where Vietnamese letters
are written (words of the language live in rules/vocab)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

GRAVE, ACUTE, TILDE, HOOK_ABOVE, DOT_BELOW = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
CIRCUMFLEX, BREVE, HORN = "\u0302", "\u0306", "\u031b"
TONE_MARKS = frozenset((GRAVE, ACUTE, TILDE, HOOK_ABOVE, DOT_BELOW))  # huyền sắc ngã hỏi nặng
SHAPE_MARKS = frozenset((CIRCUMFLEX, BREVE, HORN))  # circumflex (â ê ô), breve (ă), horn (ơ ư)
VOWELS = frozenset("aeiouyăâêôơư")
MARKED_VOWELS = frozenset("ăâêôơư")  # carry their own diacritic and attract the tone mark
LETTER_D_BAR = "đĐ"
TONED_CAPITAL = "Ả"  # a capital with a tone mark and a hook, for probing user patterns
TONED_SYLLABLE = "Ảnh"


def has_vietnamese_letter(text: str) -> bool:
    """Whether text holds a letter only Vietnamese writing uses: ă â đ ê ô ơ ư or any
    letter with a tone mark, precomposed or combining."""
    decomposed = unicodedata.normalize("NFD", text)
    return any(c in TONE_MARKS or c in SHAPE_MARKS or c in LETTER_D_BAR for c in decomposed)


@lru_cache(maxsize=65536)
def fold_syllable_tone(syllable: str) -> str:
    """Place the tone mark of one lowercase syllable in the classic position (hòa, thủy, khỏe).

    This is the form underthesea's normalizer produces; tests check the two agree on the
    syllables of a real corpus.
    """
    decomposed = unicodedata.normalize("NFD", syllable)
    tone = next((c for c in decomposed if c in TONE_MARKS), None)
    if tone is None:
        return syllable
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    start = 0
    if bare.startswith("qu") and len(bare) > 2:
        start = 2
    elif bare.startswith("gi") and len(bare) > 2 and bare[2] in VOWELS:
        start = 2
    while start < len(bare) and bare[start] not in VOWELS:
        start += 1
    end = start
    while end < len(bare) and bare[end] in VOWELS:
        end += 1
    if start == end:  # not a Vietnamese syllable shape: leave it alone
        return syllable
    nucleus = range(start, end)
    marked = [i for i in nucleus if bare[i] in MARKED_VOWELS]
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
