"""Name slips: how two written forms of what may be one person's name differ.

name_slip(a, b) classifies two full names (or two one-word mentions) that the
comparison stage already suspects belong to one person (same role, same story):

  None            the same spelling, or two different people
  "one-diacritic" one syllable (or foreign word) differs only by its diacritics
  "one-letter"    one Vietnamese syllable differs by one letter, same tone
  "family-name"   only the Vietnamese family name differs
  "middle-name"   only the Vietnamese middle name(s) differ, or two syllables swapped
  "foreign-slip"  one foreign word is one or two edits away (two only for long words)
  "transliteration" a Vietnamese transliteration in syllables of a foreign word
                  (Pu-tin / Putin, Cô-va-len-cô / Kovalenko)
  "romanisation"  one foreign word romanised another way: y for i, a doubled i, accents
                  kept or dropped (Sergei / Sergey, Zelensky / Zelenskiy, Pérez / Perez),
                  a given name in another language (Sergi / Sergio, Hans / Hansi): a house
                  style more often than a slip

What counts as the same spelling (never a slip):
  - case, spacing and the shape of an apostrophe (' or ’);
  - the tone mark on either vowel of a syllable (old and new placement);
  - i and y as a syllable's only vowel after a consonant (ly / li, ky / ki, my / mi).

What an editor would flag, and why the lines are drawn where they are:
  - A Vietnamese given name is the part that tells people apart: a change of vowel
    (with or without the tone) makes another common name, so it is not flagged; a lone
    diacritic, or a lone consonant changed, added or dropped with the same tone, is the
    typical typo and is flagged.
  - A different family name with the same middle and given names is flagged (names of
    three syllables or more): in one story and one role this is almost always a slip.
    Two-syllable names may be a given name alone, so only typo-sized changes count there.
  - A different middle name (or a swapped pair) is flagged for the same reason; a
    missing middle name is not (short forms are normal: the caller sees the shorter
    name as a different length and gets None).
  - Foreign names are compared word by word after folding case: one word may differ by
    one edit (two edits for words of six letters or more in a name of two words or more),
    keeping its first letter; words under four letters are never compared (Li / Lu, Ma /
    Mo are different names). A difference in accents only is "romanisation". A given name that is the start or the end of the other, two
    letters shorter or more (Tony / Antony), is a short form, not a slip.
  - Names with different word counts are short forms or other people: None.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from factlint.orthography import LETTER_D_BAR, TONE_MARKS

__all__ = ["name_slip", "same_spelling", "edit_distance", "sound", "plain", "is_syllable", "TYPOS", "OTHER_NAME", "SLIPS"]

# what the comparison stage does with each kind: a typo of one letter or mark (or of a
# romanisation), and another family or middle name for one person
TYPOS = frozenset(("one-diacritic", "one-letter", "foreign-slip", "transliteration"))
OTHER_NAME = frozenset(("family-name", "middle-name"))
SLIPS = TYPOS | OTHER_NAME | {"romanisation"}

_TONES = TONE_MARKS
_D = LETTER_D_BAR[0]  # d with stroke: a letter of its own, read as d in a syllable's shape
_VOWELS = "aeiouy"
# A syllable whose plain letters are a Vietnamese syllable shape (see persons.py)
_VN_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:ieu|yeu|oai|oay|oeo|uay|uoi|uou|uya|uye|uyu|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue"
    r"|ui|uo|uu|uy|ye|[aeiouy])(?:ch|ng|nh|[cmnpt])?")
# a syllable whose only vowel is y after a consonant: ly, ky, my, thy (i/y spellings)
_LONE_Y = re.compile(r"([^aeiouy]+)y")


def _split(name: str) -> list[str]:
    return unicodedata.normalize("NFC", name).casefold().replace("\u2019", "'").split()


@lru_cache(maxsize=65536)
def _plain(word: str) -> str:
    """All marks removed (d with stroke stays a letter of its own)."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def is_syllable(word: str) -> bool:
    """Whether a plain word (see `plain`) has the shape of a Vietnamese syllable."""
    return bool(_VN_SYLLABLE.fullmatch(word.replace(_D, "d")))


def plain(word: str) -> str:
    """A word folded for finding slips: lowercase, without marks (d with stroke kept)."""
    return _plain(word.casefold())


@lru_cache(maxsize=65536)
def _syllable(word: str) -> tuple[str, str]:
    """(letters without the tone mark, tone mark). Letters keep their other marks
    (circumflex, breve, horn); a lone y after a consonant is read as i."""
    d = unicodedata.normalize("NFD", word)
    tone = "".join(c for c in d if c in _TONES)
    letters = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))
    m = _LONE_Y.fullmatch(letters)
    if m and _plain(m.group(1)).isalpha():
        letters = m.group(1) + "i"
    return letters, tone


def same_spelling(a: str, b: str) -> bool:
    """True when two names are one spelling (case, spacing, tone placement, i/y)."""
    sa, sb = _split(a), _split(b)
    return len(sa) == len(sb) and all(_syllable(x) == _syllable(y) for x, y in zip(sa, sb))


def edit_distance(a: str, b: str, cap: int = 3) -> int:
    """Levenshtein distance (insert, delete, substitute), stopped early past cap."""
    if a == b:
        return 0
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        if min(cur) > cap:
            return cap + 1
        prev = cur
    return prev[-1]


def _is_vietnamese(words: list[str]) -> bool:
    return all(_VN_SYLLABLE.fullmatch(_plain(w).replace(_D, "d")) for w in words)


def _syllable_change(x: str, y: str) -> str | None:
    """How one Vietnamese syllable differs from another: "same", "one-diacritic",
    "one-letter" (one letter with the same tone), or None (more than that)."""
    (lx, tx), (ly, ty) = _syllable(x), _syllable(y)
    if (lx, tx) == (ly, ty):
        return "same"
    if _plain(lx) == _plain(ly):
        return "one-diacritic"
    if tx == ty and edit_distance(lx, ly, 1) == 1 and not _vowel_swap(lx, ly):
        return "one-letter"
    return None


def _vowel_swap(x: str, y: str) -> bool:
    """One vowel replaced by another ("Li" / "Lu"): that makes another common name."""
    if len(x) != len(y):
        return False
    pairs = [(a, b) for a, b in zip(x, y) if a != b]
    return len(pairs) == 1 and all(_plain(c) in _VOWELS for c in pairs[0])


@lru_cache(maxsize=65536)
def name_slip(a: str, b: str) -> str | None:
    """Classify two names of what may be one person (see the module docstring)."""
    sa, sb = _split(a), _split(b)
    if not sa or not sb or len(sa) != len(sb):
        return None
    if same_spelling(a, b):
        return None
    if _is_vietnamese(sa) and _is_vietnamese(sb):
        return _vietnamese_slip(sa, sb)
    return _foreign_slip(sa, sb)


def _vietnamese_slip(sa: list[str], sb: list[str]) -> str | None:
    changes = [_syllable_change(x, y) for x, y in zip(sa, sb)]
    diff = [i for i, c in enumerate(changes) if c != "same"]
    n = len(sa)
    if len(diff) == 1:
        i = diff[0]
        c = changes[i]
        if c == "one-diacritic":
            return c
        if n >= 3 and i == 0:
            return "family-name"          # "Nguyễn Minh Khôi" / "Đặng Minh Khôi"
        if n >= 3 and 0 < i < n - 1:
            return c or "middle-name"     # "Nguyễn Minh Khôi" / "Nguyễn Linh Khôi"
        # a two-syllable name may be family + given or a given name alone ("Lan Hương"):
        # only a typo-sized change is judged there; and the last syllable is the given
        # name, where anything larger than a typo is another person
        return c
    # two syllables swapped with everything else equal: "Lan Hương" / "Hương Lan"
    if len(diff) == 2:
        i, j = diff
        if _syllable(sa[i]) == _syllable(sb[j]) and _syllable(sa[j]) == _syllable(sb[i]):
            return "middle-name"
    return None


def _foreign_slip(sa: list[str], sb: list[str]) -> str | None:
    diff = [(i, x, y) for i, (x, y) in enumerate(zip(sa, sb)) if x != y]
    if len(diff) != 1:
        return None
    i, x, y = diff[0]
    if _plain(x) == _plain(y):
        return "romanisation"             # "Pérez" / "Perez": accents kept or dropped
    px, py = _plain(x), _plain(y)
    if _syllabic(x) != _syllabic(y):
        return "transliteration" if _sounds_alike(x, y) else None   # "Pu-tin" / "Putin"
    if px[:1] != py[:1]:
        return None                       # typos keep the first letter: "Henderson" / "Ederson"
    if _romanised(px) == _romanised(py):
        return "romanisation"             # "Sergei" / "Sergey", "Zelensky" / "Zelenskiy"
    shortest = min(len(px), len(py))
    if shortest < 4:
        return None
    if i == 0 and len(sa) > 1 and _vowel_ending(px, py):
        return "romanisation"             # a given name in another language: "Sergi" / "Sergio"
    if i == 0 and len(sa) > 1 and abs(len(px) - len(py)) >= 2 and (
            px.startswith(py) or py.startswith(px) or px.endswith(py) or py.endswith(px)):
        return None                       # a short given name: "Tony" / "Antony"
    allowed = 2 if shortest >= 6 and len(sa) > 1 else 1  # a one-word name: one edit
    return "foreign-slip" if edit_distance(px, py, allowed) <= allowed else None


def _vowel_ending(x: str, y: str) -> bool:
    """One word is the other with a vowel at the end ("Hans" / "Hansi", "Sergi" / "Sergio")."""
    short, long_ = sorted((x, y), key=len)
    return len(long_) == len(short) + 1 and long_.startswith(short) and long_[-1] in _VOWELS


_I_RUN = re.compile(r"i{2,}")


def _romanised(word: str) -> str:
    """A foreign word with the choices of a romanisation folded: y and i, doubled i."""
    return _I_RUN.sub("i", word.replace("y", "i"))


def _syllabic(word: str) -> bool:
    """A Vietnamese transliteration: syllables joined by hyphens ("Cô-va-len-cô")."""
    parts = word.split("-")
    return len(parts) > 1 and all(_VN_SYLLABLE.fullmatch(_plain(p).replace(_D, "d")) for p in parts)


# sounds a Vietnamese transliteration writes another way (c/k/q, ph/f, x/s, d/z)
_SOUND = [("ph", "f"), ("q", "k"), ("c", "k"), ("x", "s"), ("z", "d"), (_D, "d"), ("w", "u"), ("y", "i"), ("-", "")]


def sound(word: str) -> str:
    """A word with the sounds a Vietnamese transliteration writes another way folded."""
    w = _plain(word.casefold())
    for a, b in _SOUND:
        w = w.replace(a, b)
    return w


def _sounds_alike(x: str, y: str) -> bool:
    fx, fy = sound(x), sound(y)
    return edit_distance(fx, fy, 2) <= max(1, min(len(fx), len(fy)) // 4)
