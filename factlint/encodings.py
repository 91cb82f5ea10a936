"""Vietnamese legacy encodings, recognised by what they decode to: Windows-1258 and the
two 8-bit font encodings TCVN3 (ABC) and VNI, which were never registered as codecs and
decode "without error" as Latin-1 mojibake (`ViÖt Nam`, `Vieät Nam`). The candidate whose
words look most like Vietnamese syllables wins.

Machinery, not vocabulary: the byte tables of two encodings and the letter classes that
tell Vietnamese from mojibake, so Vietnamese letters are written here.
"""

from __future__ import annotations

import unicodedata

import regex

SAMPLE_CHARS = 200_000  # encoding guesses look at the start of a file only


# TCVN3 (ABC, TCVN 5712:1993 VN3): one byte per lower-case precomposed letter; upper-case
# letters with tone marks need a second font and are written as the lower-case byte.
_TCVN3 = dict(zip(
    "\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9\xaa\xab\xac\xad\xae"
    "\xb5\xb6\xb7\xb8\xb9\xbb\xbc\xbd\xbe\xc6\xc7\xc8\xc9\xca\xcb"
    "\xcc\xce\xcf\xd0\xd1\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xdc\xdd\xde"
    "\xdf\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xeb\xec\xed\xee"
    "\xef\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe",
    "ĂÂÊÔƠƯĐăâêôơưđ"
    "àảãáạằẳẵắặầẩẫấậ"
    "èẻẽéẹềểễếệìỉĩíị"
    "òỏõóọồổỗốộờởỡớợ"
    "ùủũúụừửữứựỳỷỹýỵ",
))
_TCVN3_TABLE = str.maketrans(_TCVN3)

# VNI: a base letter followed by one Windows-1252 character per diacritic group.
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE = "\u0302", "\u0306"
_VNI_TONE = {"ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
_VNI_SHAPE = {"â": _CIRC, "á": _CIRC + _ACUTE, "à": _CIRC + _GRAVE, "å": _CIRC + _HOOK,
              "ã": _CIRC + _TILDE, "ä": _CIRC + _DOT, "ê": _BREVE, "é": _BREVE + _ACUTE,
              "è": _BREVE + _GRAVE, "ú": _BREVE + _HOOK, "ü": _BREVE + _TILDE, "ë": _BREVE + _DOT}
_VNI_ALONE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}
for _table in (_VNI_TONE, _VNI_SHAPE, _VNI_ALONE):
    _table.update({k.upper(): v.upper() for k, v in list(_table.items())})
_VNI_RE = regex.compile(
    "(?:[aeoAEO][{s}]|[aeiouyAEIOUYôÔöÖ][{t}]|[{a}])".format(
        s="".join(_VNI_SHAPE), t="".join(_VNI_TONE), a="".join(_VNI_ALONE)))


def _vni_sub(m) -> str:
    s = m.group()
    if len(s) == 1:
        return _VNI_ALONE[s]
    base = _VNI_ALONE.get(s[0], s[0])
    return base + (_VNI_SHAPE.get(s[1]) or _VNI_TONE[s[1]])


def from_tcvn3(text: str) -> str:
    """TCVN3 bytes read as Latin-1/Windows-1252 -> Unicode (NFC)."""
    return text.translate(_TCVN3_TABLE)


def from_vni(text: str) -> str:
    """VNI bytes read as Windows-1252 -> Unicode (NFC)."""
    return unicodedata.normalize("NFC", _VNI_RE.sub(_vni_sub, text))


# A token is plausible Vietnamese when, decomposed and lower-cased, it is one syllable: an
# onset, one to three vowels (with their marks) and a coda, at most one tone and one
# circumflex/breve. Loose rules ("Latin letters with Vietnamese marks") let Latin-1 text
# converted as TCVN3 pass for Vietnamese ("prộsident"); syllable structure does not.
_TOKEN = regex.compile(r"[^\s!-/:-@\[-`{-~“”‘’«»–—…•]+")
_VI_SYLLABLE = regex.compile(
    "^(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?"
    "(?:[aeiouy][\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b]*){1,3}"
    "(?:ng|nh|ch|[cmnpt])?$")
_TONES = regex.compile("[\u0300\u0301\u0303\u0309\u0323]")
_SHAPES = regex.compile("[\u0302\u0306]")
# Western European letters: ASCII and the accented ones of Latin-1 and Windows-1252.
_WESTERN = regex.compile("^[a-zA-ZÀ-ÖØ-öø-ÿŒœŠšŽžŸƒ]+$")
MIN_TOKENS = 5  # non-ASCII words needed before any guess is trusted
VI_SHARE = 0.6  # of the non-ASCII words that must be Vietnamese syllables (Western text
#                 read as TCVN3, VNI or Windows-1258: at most a third, the lone "à", "è")
WESTERN_SHARE = 0.8  # …or Western European words


def _plausible_syllable(tok: str) -> bool:
    d = unicodedata.normalize("NFD", tok).lower()
    return bool(_VI_SYLLABLE.match(d)) and len(_TONES.findall(d)) <= 1 and len(_SHAPES.findall(d)) <= 1


def _western_word(tok: str) -> bool:
    """A word of a Western European language: Latin letters, most of them unaccented
    (Cyrillic or Greek read as Windows-1252 is all accented letters: "Ïðåçèäåíò")."""
    accented = sum(not c.isascii() for c in tok)
    return bool(_WESTERN.match(tok)) and accented <= max(1, len(tok) // 2)


def _non_ascii_tokens(text: str) -> list[str]:
    return [tok for tok in _TOKEN.findall(text[:SAMPLE_CHARS]) if not tok.isascii()]


def vietnamese_score(text: str) -> int:
    """(plausible - implausible) among the tokens that hold a non-ASCII character."""
    return sum(1 if _plausible_syllable(tok) else -1 for tok in _non_ascii_tokens(text))


def _shares(text: str) -> tuple[int, float, float]:
    """(non-ASCII tokens, share that are Vietnamese syllables, share that are Western words)."""
    toks = _non_ascii_tokens(text)
    if not toks:
        return 0, 0.0, 0.0
    vi = sum(_plausible_syllable(t) for t in toks)
    western = sum(_western_word(t) for t in toks)
    return len(toks), vi / len(toks), western / len(toks)


def _latin(data: bytes) -> str:
    """Bytes as Windows-1252 characters (Latin-1 for the five bytes 1252 leaves undefined)."""
    return data.decode("latin-1").translate(_CP1252_C1)


_CP1252_C1 = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0)
              if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}

LEGACY_NOTE = {
    "tcvn3": "looks like TCVN3 (ABC), a legacy Vietnamese font encoding; converted to Unicode "
             "— please save the file as UTF-8",
    "vni": "looks like VNI, a legacy Vietnamese font encoding; converted to Unicode "
           "— please save the file as UTF-8",
}


_REAL_VIETNAMESE = regex.compile("[ăđơưĂĐƠƯ\u1ea0-\u1ef9]")
_LATIN1_HIGH = regex.compile("[\xa0-\xff]")


def mojibake(text: str) -> tuple[str, str] | None:
    """Text that decoded fine but is TCVN3/VNI shown as Latin-1: (converted text, name).
    Never for text that reads as Western European as it is (café, Müller)."""
    sample = text[:SAMPLE_CHARS]
    if _REAL_VIETNAMESE.search(sample) or not _LATIN1_HIGH.search(sample):
        return None  # real Vietnamese letters (ơ ư đ ạ ế …) or nothing a legacy font would show
    base = vietnamese_score(sample)
    best = None
    for name, conv in (("tcvn3", from_tcvn3), ("vni", from_vni)):
        converted = conv(sample)
        score = vietnamese_score(converted)
        if (score >= MIN_TOKENS and _shares(converted)[1] >= VI_SHARE and score > 2 * max(base, 0) + 2
                and (best is None or score > best[0])):
            best = (score, name, conv)
    if best is None:
        return None
    return best[2](text), best[1]


def guess_legacy(data: bytes) -> tuple[str, str, str]:
    """Not UTF-8: (text, encoding, note) for the likeliest 8-bit encoding: a Vietnamese one
    (Windows-1258, TCVN3, VNI) when the text reads as Vietnamese syllables, else Windows-1252
    when it reads as Western European words (or holds too few non-ASCII words to tell).
    Raises FactlintError when it is neither: a wrong guess would change the words the
    rules compare, which is worse than no answer."""
    sample = data[:SAMPLE_CHARS]
    latin = _latin(sample)
    cands = {
        "windows-1258": unicodedata.normalize("NFC", sample.decode("cp1258", errors="replace")),
        "tcvn3": from_tcvn3(latin),
        "vni": from_vni(latin),
    }
    scores = {k: vietnamese_score(v) for k, v in cands.items()}
    enc = max(scores, key=lambda k: (scores[k], k == "windows-1258"))
    count, vi, _ = _shares(cands[enc])
    if scores[enc] >= MIN_TOKENS and vi >= VI_SHARE:
        if enc == "windows-1258":
            text = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
            return text, enc, "not UTF-8; decoded as Windows-1258 (assumed) and normalized to NFC"
        conv = from_tcvn3 if enc == "tcvn3" else from_vni
        return conv(_latin(data)), enc, f"not UTF-8; {LEGACY_NOTE[enc]}"
    if _shares(latin)[2] >= WESTERN_SHARE or count < MIN_TOKENS:
        return (_latin(data), "windows-1252",
                "not UTF-8 and not Vietnamese; decoded as Windows-1252 (Western European, assumed)")
    from factlint.errors import FactlintError

    raise FactlintError("not UTF-8, and neither a Vietnamese encoding (Windows-1258, TCVN3, VNI) "
                        "nor Windows-1252 fits its text; skipped — please save the file as UTF-8")
