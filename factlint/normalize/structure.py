"""Zones and sentences of a document.

Zones keep page furniture (related-news lists, captions, comment forms, datelines)
apart from the article body, so that furniture never creates a conflict with it.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from factlint.errors import FactlintError
from factlint.normalize.text import Document
from factlint.ruleset import REGEX_TIMEOUT

BODY, TITLE, CAPTION, FURNITURE, META = "body", "title", "caption", "furniture", "meta"
COMPARED_ZONES = (BODY, TITLE)

_LINE = regex.compile(r"[^\n]+")
# A sentence ends at . ! ? … (optionally closed by quotes/brackets) before white space and
# an upper-case letter, digit or opening quote — but not after a short abbreviation.
# Possessive quantifiers and "starts a run of marks" keep it linear on lines like "!!!!…".
# The abbreviation test runs only where a full stop was found (a leading look-behind would
# be tried at every character, which made this the slowest regex of the run).
_SENTENCE_END = regex.compile(r"""(?<![.!?…])[.!?…]++["”’»)\]]*+(?=\s+["“‘«(\[]?[\p{Lu}\d])""")
_ABBREVIATION = regex.compile(
    r"""(?<![\p{L}\p{M}])(?:TP|Tp|tp|TS|ThS|PGS|GS|BS|St|Mr|Mrs|Dr|Ms|Th|v\.v|No|tr|\p{Lu})$""")
# Furniture patterns come from the user's vocabulary: they are tried only on lines a
# caption or dateline could be, and each search runs with a timeout.
FURNITURE_LINE_MAX = 1000


@dataclass(slots=True)
class Block:
    start: int
    end: int
    zone: str


def _matches(patterns, line: str, doc: Document, pos: int, what: str) -> bool:
    for p in patterns:
        try:
            if p.search(line, timeout=REGEX_TIMEOUT):
                return True
        except TimeoutError:
            ln, _ = doc.line_col(pos)
            raise FactlintError(f"rules: furniture {what} pattern {p.pattern!r} took more than "
                                f"{REGEX_TIMEOUT:g} s on {doc.path} line {ln} (catastrophic "
                                "backtracking); simplify the pattern") from None
    return False


def segment(doc: Document, lexicon) -> None:
    """Fill doc.zones (one block per non-empty line) and doc.sentences."""
    text = doc.text
    blocks: list[Block] = []
    in_furniture = False
    seen_text = False
    key = lexicon.folder.key
    for m in _LINE.finditer(text):
        line = m.group()
        stripped = line.strip()
        if not stripped:
            continue
        zone = BODY
        if in_furniture:
            zone = FURNITURE
        elif len(stripped) <= 60 and key(stripped.rstrip(":.")) in lexicon.section_markers:
            in_furniture = True
            zone = FURNITURE
        elif len(stripped) <= FURNITURE_LINE_MAX and _matches(lexicon.meta_re, line, doc, m.start(), "meta"):
            zone = META
        elif len(stripped) <= FURNITURE_LINE_MAX and _matches(lexicon.caption_re, line, doc, m.start(), "caption"):
            zone = CAPTION
        elif not seen_text and len(stripped) < 200 and stripped[-1] not in ".!?:;…\"”":
            zone = TITLE
        if zone != META:
            seen_text = True
        blocks.append(Block(m.start(), m.end(), zone))
    doc.zones = blocks
    sentences: list[tuple[int, int]] = []
    for b in blocks:
        start = b.start
        for e in _SENTENCE_END.finditer(text, b.start, b.end):
            if text[e.start()] == "." and _ABBREVIATION.search(text, max(b.start, e.start() - 5), e.start()):
                continue
            sentences.append((start, e.end()))
            start = e.end()
            while start < b.end and text[start].isspace():
                start += 1
        if start < b.end:
            sentences.append((start, b.end))
    doc.sentences = sentences


def zone_at(doc: Document, pos: int) -> str:
    lo, hi = 0, len(doc.zones)
    while lo < hi:
        mid = (lo + hi) // 2
        if doc.zones[mid].end <= pos:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(doc.zones) and doc.zones[lo].start <= pos:
        return doc.zones[lo].zone
    return BODY
