"""Working text and the map from working offsets back to the original file.

Extractors see NFC text with LF line ends. Every reported location must still be exact
in the file as written (NFD, CRLF, CR-only, BOM), so when the working text differs from
the original we keep, for each working character, the offset of the original character
cluster it came from.

The map is stored sparsely: working offset `w` maps to `w + delta`, and `delta` only
changes where a cluster was rewritten (a line end, a decomposed letter); the map holds one
(offset, delta) pair per change, so a CRLF file costs one pair per line, not 8 bytes per
character. Everything is computed on first use: a Document rebuilt from the cache costs
nothing until a report asks for a location in it.
"""

from __future__ import annotations

import unicodedata
from array import array
from bisect import bisect_left, bisect_right

import regex

_CLUSTER = regex.compile(r"\r\n?|\P{M}\p{M}*|\p{M}+")
_LINE_BREAK = regex.compile(r"\r\n?|\n")
# The places where the working text can differ from the raw text: line ends with CR, a
# character followed by combining marks, stray marks, and single characters NFC rewrites
# (NFC_Quick_Check=No, e.g. U+212B ANGSTROM SIGN). Any other character is a cluster of its
# own that NFC leaves alone (tests/test_normalize.py checks this over all of Unicode), so
# normalizing only these spots gives exactly the cluster-by-cluster result.
_SPOT = regex.compile(r"\r\n?|\P{M}\p{M}+|\p{M}+|\p{NFC_QC=N}")


class _OffsetView:
    """Read-only sequence view of the map, working offset -> raw offset, of length
    len(text) + 1 (the last item is len(raw)); for code that bisects over it."""

    __slots__ = ("_doc",)

    def __init__(self, doc: "Document"):
        self._doc = doc

    def __len__(self) -> int:
        return len(self._doc.text) + 1

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

    __slots__ = ("path", "_raw", "_source", "_text", "_seg_pos", "_seg_delta", "_starts",
                 "_zones", "_zone_ends", "_sentences", "_reference", "_parts", "notes")

    def __init__(self, path: str, raw: str | bytes, text: str | None = None, *, zones=None,
                 sentences=None, reference=None, notes=None):
        self.path = path
        if isinstance(raw, (bytes, bytearray)):  # the file as read: decoded on first use
            self._raw, self._source = None, bytes(raw)
        else:
            self._raw, self._source = raw, None
        self._text = text  # None: not computed yet
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
        if self._text is None:
            self._map()
        return self._text

    def _map(self) -> None:
        raw = self.raw
        if "\r" not in raw and unicodedata.is_normalized("NFC", raw):
            self._text = raw
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
            out = "\n" if cluster[0] == "\r" else normalize("NFC", cluster)
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
        self._text = "".join(chunks)
        self._seg_pos, self._seg_delta = seg_pos, seg_delta

    @property
    def _orig(self):
        """Working offset -> raw offset as a sequence (None when the texts are identical)."""
        if self._text is None:
            self._map()
        return None if self._seg_pos is None else _OffsetView(self)

    def raw_offset(self, pos: int) -> int:
        if self._text is None:
            self._map()
        if self._seg_pos is None:
            return pos
        if pos >= len(self._text):
            return len(self.raw)
        i = bisect_right(self._seg_pos, pos) - 1
        return pos + self._seg_delta[i] if i >= 0 else pos

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
        raw_pos = self.raw_offset(pos)
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
        return self.raw[self.raw_offset(start):self.raw_offset(end)]

    def line_text(self, line: int) -> str:
        """The original line (1-based), without its line end."""
        starts = self._line_starts
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.raw)
        return self.raw[start:end].rstrip("\r\n")


def make_document(path: str, raw: str) -> Document:
    """A Document whose working text and offset map are built now (extraction needs them)."""
    doc = Document(path, raw)
    doc._map()
    return doc


def lazy_document(path: str, raw: str) -> Document:
    """A Document whose working text, map and line starts are built on first use."""
    return Document(path, raw)
