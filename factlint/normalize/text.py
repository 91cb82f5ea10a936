"""Working text and the map from working offsets back to the original file.

Extractors see NFC text with LF line ends. Every reported location must still be exact
in the file as written (NFD, CRLF, CR-only, BOM), so when the working text differs from
the original we keep, for each working character, the offset of the original character
cluster it came from.
"""

from __future__ import annotations

import unicodedata
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field

import regex

_CLUSTER = regex.compile(r"\r\n?|\P{M}\p{M}*|\p{M}+")
_LINE_BREAK = regex.compile(r"\r\n?|\n")


@dataclass
class Document:
    path: str
    raw: str  # original text (BOM removed)
    text: str  # working text: NFC, LF
    _orig: array | None = None  # working offset -> raw offset; None when identical
    _line_starts: list[int] = field(default_factory=list)
    zones: list = field(default_factory=list)  # list[Block], filled by structure.segment
    sentences: list = field(default_factory=list)  # list[tuple[int,int]]
    reference: object = None  # reference date info, filled by the date extractor
    notes: list[str] = field(default_factory=list)

    def raw_offset(self, pos: int) -> int:
        if self._orig is None:
            return pos
        if pos >= len(self._orig):
            return len(self.raw)
        return self._orig[pos]

    def line_col(self, pos: int) -> tuple[int, int]:
        """1-based line and 1-based column (in characters of the file as written)."""
        raw_pos = self.raw_offset(pos)
        line = bisect_right(self._line_starts, raw_pos)
        return line, raw_pos - self._line_starts[line - 1] + 1

    def raw_slice(self, start: int, end: int) -> str:
        return self.raw[self.raw_offset(start):self.raw_offset(end)]

    def line_text(self, line: int) -> str:
        """The original line (1-based), without its line end."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.raw)
        return self.raw[start:end].rstrip("\r\n")


def make_document(path: str, raw: str) -> Document:
    line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(raw)]
    if "\r" not in raw and unicodedata.is_normalized("NFC", raw):
        return Document(path, raw, raw, None, line_starts)
    pieces: list[str] = []
    orig = array("q")
    for m in _CLUSTER.finditer(raw):
        cluster = m.group()
        out = "\n" if cluster[0] == "\r" else unicodedata.normalize("NFC", cluster)
        pieces.append(out)
        orig.extend([m.start()] * len(out))
    text = "".join(pieces)
    orig.append(len(raw))
    return Document(path, raw, text, orig, line_starts)
