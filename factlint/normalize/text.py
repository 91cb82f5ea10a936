"""Working text and the map from working offsets back to the original file.

Extractors see NFC text with LF line ends, without the characters that are there only to
be invisible (soft hyphen, zero-width spaces and joiners, word joiner, bidirectional
marks: a soft hyphen inside a name must not cut it short), with every kind of space as a
plain space (an NBSP between the parts of a name), and laid out as paragraphs
(normalize/layout.py: a line break inside a paragraph is a space; Markdown markup is
blank). Every reported location must still be exact in the file as written (NFD, CRLF,
CR-only, BOM), so when the working text differs from the original we keep, for each
working character, the offset of the original character cluster it came from. Layout
substitutes one character for one, so it needs no map of its own.

The map is stored sparsely: working offset `w` maps to `w + delta`, and `delta` only
changes where a cluster was rewritten (a line end, a decomposed letter); the map holds one
(offset, delta) pair per change, so a CRLF file costs one pair per line, not 8 bytes per
character. Everything is computed on first use: a Document rebuilt from the cache costs
nothing until a report asks for a location in it.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right

import regex

_CLUSTER = regex.compile(r"\r\n?|\P{M}\p{M}*|\p{M}+")
_LINE_BREAK = regex.compile(r"\r\n?|\n")
# Dropped from the working text: soft hyphen, zero-width space, non-joiner and joiner, word
# joiner and the invisible operators, zero-width no-break space (a BOM inside the text),
# Mongolian vowel separator, and the bidirectional marks, embeddings and isolates.
INVISIBLE = "\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
# Spaces other than U+0020 (NBSP, narrow NBSP, en/em/thin… spaces, ideographic space)
# become U+0020.
OTHER_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_INVISIBLE = regex.compile(f"[{INVISIBLE}]")
_INVISIBLE_OR_SPACE = regex.compile(f"[{INVISIBLE}{OTHER_SPACES}]")
# The same class for a search over a whole file: `re` scans for a plain set of characters
# several times faster than `regex` does.
_ANY_INVISIBLE_OR_SPACE = re.compile(f"[{INVISIBLE}{OTHER_SPACES}]")
# The places where the working text can differ from the raw text: line ends with CR,
# invisible characters and other spaces, a character followed by combining marks, stray
# marks, and single characters NFC rewrites (NFC_Quick_Check=No, e.g. U+212B ANGSTROM SIGN).
# Any other character is a cluster of its own that NFC leaves alone
# (tests/test_normalize.py checks this over all of Unicode), so normalizing only these
# spots gives exactly the cluster-by-cluster result.
_SPOT = regex.compile(f"\\r\\n?|[{INVISIBLE}]+|[{OTHER_SPACES}]|\\P{{M}}\\p{{M}}+|\\p{{M}}+|\\p{{NFC_QC=N}}")


class _OffsetView:
    """Read-only sequence view of the map, working offset -> raw offset, of length
    len(text) + 1 (the last item is len(raw)); for code that bisects over it."""

    __slots__ = ("_doc",)

    def __init__(self, doc: "Document"):
        self._doc = doc

    def __len__(self) -> int:
        return self._doc._length + 1

    def __getitem__(self, i: int) -> int:
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(i)
        return self._doc.raw_offset(i)


class Document:
    """One decoded file: `raw` (as written, BOM removed) and `text` (NFC, LF), with
    zones, sentences and the reference date filled by the later stages."""

    __slots__ = ("path", "_raw", "_source", "_text", "_base", "_length", "_seg_pos", "_seg_delta",
                 "_starts", "_zones", "_zone_ends", "_sentences", "_reference", "_parts", "notes",
                 "_layout_zones")

    def __init__(self, path: str, raw: str | bytes, text: str | None = None, *, zones=None,
                 sentences=None, reference=None, notes=None):
        self.path = path
        if isinstance(raw, (bytes, bytearray)):  # the file as read: decoded on first use
            self._raw, self._source = None, bytes(raw)
        else:
            self._raw, self._source = raw, None
        self._text = text  # None: not computed yet
        self._base: str | None = None  # the mapped text before layout, until it is laid out
        self._length: int | None = None if text is None else len(text)  # None: no map yet
        self._layout_zones: list | None = None if text is None else []  # zones layout decides
        self._seg_pos = None  # working offsets where delta changes (None: identity map)
        self._seg_delta = None
        self._starts: list[int] | None = None  # raw offsets of line starts, on first use
        self._zones = [] if zones is None else zones  # list[Block], filled by structure.segment
        self._zone_ends: list[int] | None = None  # the blocks' ends, for zone_at
        self._sentences = [] if sentences is None else sentences  # list[tuple[int, int]]
        self._parts = None  # callable returning (zones, sentences, reference), for a cached document
        self._reference = reference  # model.Reference, settled by normalize/reference.py
        self.notes = [] if notes is None else notes

    def __getstate__(self):
        if self._parts is not None:
            self._unpack()
        self.raw  # noqa: B018 — decode now: the state holds the text, not the bytes
        return {name: getattr(self, name) for name in self.__slots__}

    def __setstate__(self, state) -> None:
        for name, value in state.items():
            setattr(self, name, value)

    def __repr__(self) -> str:
        return f"Document(path={self.path!r})"

    @property
    def raw(self) -> str:
        """The text as written (BOM removed, line ends untouched)."""
        if self._raw is None:
            from factlint.load import SourceFile, decode

            self._raw = decode(SourceFile(self.path, self._source)).raw
            self._source = None
        return self._raw

    # ---- zones and sentences (lazy for a document read back from the cache) ---------------

    def set_lazy_parts(self, unpack) -> None:
        """`unpack()` returns (zones, sentences, reference); it is called on first use of any."""
        self._parts = unpack

    def _unpack(self) -> None:
        unpack, self._parts = self._parts, None
        self._zones, self._sentences, self._reference = unpack()

    @property
    def reference(self):
        if self._parts is not None:
            self._unpack()
        return self._reference

    @reference.setter
    def reference(self, value) -> None:
        if self._parts is not None:
            self._unpack()
        self._reference = value

    @property
    def zones(self) -> list:
        if self._parts is not None:
            self._unpack()
        return self._zones

    @zones.setter
    def zones(self, value: list) -> None:
        if self._parts is not None:
            self._unpack()
        self._zones = value
        self._zone_ends = None

    @property
    def sentences(self) -> list:
        if self._parts is not None:
            self._unpack()
        return self._sentences

    @sentences.setter
    def sentences(self, value: list) -> None:
        if self._parts is not None:
            self._unpack()
        self._sentences = value

    # ---- working text and map (lazy) ----------------------------------------------------

    @property
    def text(self) -> str:
        """The working text: mapped (NFC, LF, invisible characters dropped, spaces plain)
        and laid out as paragraphs (normalize/layout.py)."""
        if self._text is None:
            self._lay_out()
        return self._text

    @property
    def layout_zones(self) -> list[tuple[int, int, str]]:
        """Spans of the working text whose zone the markup decides (front matter)."""
        if self._layout_zones is None:
            self._lay_out()
        return self._layout_zones

    def _lay_out(self) -> None:
        from factlint.normalize.layout import is_markdown, lay_out

        if self._length is None:
            self._map()
        laid = lay_out(self._base, is_markdown(self.path))
        self._text, self._layout_zones, self._base = laid.text, laid.zones, None

    def _map(self) -> None:
        raw = self.raw
        self._length = len(raw)
        if "\r" not in raw and not _ANY_INVISIBLE_OR_SPACE.search(raw) and unicodedata.is_normalized("NFC", raw):
            self._base = raw
            return
        code = "i" if len(raw) < 2**31 - 1 else "q"
        seg_pos, seg_delta = array(code), array(code)
        chunks: list[str] = []  # pieces joined every few thousand: bounded memory on big files
        pieces: list[str] = []
        normalize = unicodedata.normalize
        last = w = delta = 0
        for m in _SPOT.finditer(raw):
            s, e = m.span()
            if s > last:
                pieces.append(raw[last:s])
                w += s - last
            cluster = m.group()
            c = cluster[0]
            if c == "\r":
                out = "\n"
            elif _INVISIBLE_OR_SPACE.match(c):
                out = "" if _INVISIBLE.match(c) else " "
            else:
                out = normalize("NFC", cluster)
            for k in range(1, len(out)):  # every character of the output maps to the cluster
                d = s - w - k  # start (the first one already does: the text before kept delta)
                if d != delta:
                    seg_pos.append(w + k)
                    seg_delta.append(d)
                    delta = d
            pieces.append(out)
            w += len(out)
            last = e
            d = e - w
            if d != delta:
                seg_pos.append(w)
                seg_delta.append(d)
                delta = d
            if len(pieces) > 8192:
                chunks.append("".join(pieces))
                pieces.clear()
        pieces.append(raw[last:])
        chunks.append("".join(pieces))
        self._base = "".join(chunks)
        self._length = len(self._base)
        self._seg_pos, self._seg_delta = seg_pos, seg_delta

    @property
    def _orig(self):
        """Working offset -> raw offset as a sequence (None when the texts are identical)."""
        if self._length is None:
            self._map()
        return None if self._seg_pos is None else _OffsetView(self)

    def raw_offset(self, pos: int) -> int:
        if self._length is None:
            self._map()
        if self._seg_pos is None:
            return pos
        if pos >= self._length:
            return len(self.raw)
        i = bisect_right(self._seg_pos, pos) - 1
        return pos + self._seg_delta[i] if i >= 0 else pos

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw offsets of a working span, without the invisible characters that the
        working text dropped right after its last character."""
        rs, re = self.raw_offset(start), self.raw_offset(end)
        if end > start and self._seg_pos is not None:
            floor = self.raw_offset(end - 1) + 1
            raw = self.raw
            while re > floor and _INVISIBLE.match(raw, re - 1):
                re -= 1
        return rs, re

    def working_offset(self, raw_pos: int) -> int:
        """The first working offset whose raw offset is >= raw_pos (inverse of raw_offset)."""
        view = self._orig
        return raw_pos if view is None else bisect_left(view, raw_pos)

    # ---- lines ------------------------------------------------------------------------

    @property
    def _line_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in _LINE_BREAK.finditer(self.raw)]
        return self._starts

    def line_col(self, pos: int) -> tuple[int, int]:
        """1-based line and 1-based column (in characters of the file as written)."""
        return self.raw_line_col(self.raw_offset(pos))

    def raw_line_col(self, raw_pos: int) -> tuple[int, int]:
        starts = self._line_starts
        line = bisect_right(starts, raw_pos)
        return line, raw_pos - starts[line - 1] + 1

    def zone_at(self, pos: int) -> str:
        """The zone of the block holding pos ("body" outside every block)."""
        zones = self.zones
        ends = self._zone_ends
        if ends is None or len(ends) != len(zones):
            ends = self._zone_ends = [b.end for b in zones]
        i = bisect_right(ends, pos)
        if i < len(zones) and zones[i].start <= pos:
            return zones[i].zone
        return "body"

    def raw_slice(self, start: int, end: int) -> str:
        rs, re = self.raw_span(start, end)
        return self.raw[rs:re]

    def line_text(self, line: int) -> str:
        """The original line (1-based), without its line end."""
        starts = self._line_starts
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.raw)
        return self.raw[start:end].rstrip("\r\n")


def make_document(path: str, raw: str) -> Document:
    """A Document whose working text and offset map are built now (extraction needs them)."""
    doc = Document(path, raw)
    doc._lay_out()
    return doc


def lazy_document(path: str, raw: str) -> Document:
    """A Document whose working text, map and line starts are built on first use."""
    return Document(path, raw)
