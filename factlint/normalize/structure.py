"""Zones and sentences of a document.

Zones keep page furniture (related-news lists, captions, comment forms, datelines)
apart from the article body, so that furniture never creates a conflict with it.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from factlint.normalize.text import Document

BODY, TITLE, CAPTION, FURNITURE, META = "body", "title", "caption", "furniture", "meta"
COMPARED_ZONES = (BODY, TITLE)

_LINE = regex.compile(r"[^\n]+")
# A sentence ends at . ! ? … (optionally closed by quotes/brackets) before white space and
# an upper-case letter, digit or opening quote — but not after a short abbreviation.
_SENTENCE_END = regex.compile(
    r"""(?<!\b(?:TP|Tp|tp|TS|ThS|PGS|GS|BS|St|Mr|Mrs|Dr|Ms|Th|v\.v|Q|P|No|tr|[A-ZĐ]))"""
    r"""[.!?…]+["”’»)\]]*(?=\s+["“‘«(\[]?[\p{Lu}\d])"""
)


@dataclass(slots=True)
class Block:
    start: int
    end: int
    zone: str


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
        elif key(stripped.rstrip(":.")) in lexicon.section_markers:
            in_furniture = True
            zone = FURNITURE
        elif any(p.search(line) for p in lexicon.meta_re):
            zone = META
        elif any(p.search(line) for p in lexicon.caption_re):
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
