"""The Document offset map (normalize/text.py): built lazily and stored sparsely, it must
give exactly what the cluster-by-cluster map with one offset per character gave — for NFD,
CRLF, CR-only, stray combining marks and characters NFC rewrites on their own."""

import pickle
import sys
import unicodedata
from array import array
from bisect import bisect_left, bisect_right

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.normalize.text import Document, lazy_document, make_document

# ---- the reference: one raw offset per working character, cluster by cluster ----------

_INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_CLUSTER = regex.compile(f"\\r\\n?|[{_INVISIBLE}{_SPACES}]|\\P{{M}}\\p{{M}}*|\\p{{M}}+")
_LINE_BREAK = regex.compile(r"\r\n?|\n")


class _Ref:
    """Cluster by cluster: CR(LF) is LF, an invisible character is dropped, another space is
    a space, any other cluster is its NFC; then the lines of a paragraph are joined."""

    def __init__(self, raw):
        from factlint.normalize.layout import join_lines

        self.raw = raw
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(raw)]
        if "\r" not in raw and unicodedata.is_normalized("NFC", raw) and not any(
                c in _INVISIBLE or c in _SPACES for c in raw):
            self.text, self.orig = join_lines(raw), None
            return
        pieces, orig = [], []
        for m in _CLUSTER.finditer(raw):
            c = m.group()
            if c[0] == "\r":
                out = "\n"
            elif c in _INVISIBLE:
                out = ""
            elif c in _SPACES:
                out = " "
            else:
                out = unicodedata.normalize("NFC", c)
            pieces.append(out)
            orig.extend([m.start()] * len(out))
        self.text = join_lines("".join(pieces))
        self.orig = orig + [len(raw)]

    def raw_end(self, start, end):
        """The raw end of a working span: invisible characters after its last one left out."""
        r = self.raw_offset(end)
        if end > start and self.orig is not None:
            floor = self.raw_offset(end - 1) + 1
            while r > floor and self.raw[r - 1] in _INVISIBLE:
                r -= 1
        return r

    def raw_offset(self, pos):
        if self.orig is None:
            return pos
        return len(self.raw) if pos >= len(self.orig) else self.orig[pos]

    def line_col(self, pos):
        r = self.raw_offset(pos)
        line = bisect_right(self.starts, r)
        return line, r - self.starts[line - 1] + 1

    def line_text(self, line):
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.raw)
        return self.raw[start:end].rstrip("\r\n")


def _check(raw):
    for doc in (make_document("x.txt", raw), lazy_document("x.txt", raw)):
        assert doc.raw == raw
        _same_as_reference(doc, raw)
    from factlint.load import SourceFile, decode

    data = raw.encode("utf-8")  # a Document from the bytes: decoded (BOM removed) on first use
    _same_as_reference(Document("x.txt", data), decode(SourceFile("x.txt", data)).raw)


def _same_as_reference(doc, raw):
    ref = _Ref(raw)
    if True:
        assert doc.text == ref.text
        assert (doc._orig is None) == (ref.orig is None)
        n = len(ref.text)
        for p in range(n + 2):
            assert doc.raw_offset(p) == ref.raw_offset(p)
            assert doc.line_col(p) == ref.line_col(p)
        for p in range(0, n + 1, max(1, n // 7)):
            for q in range(p, n + 1, max(1, n // 5)):
                assert doc.raw_slice(p, q) == raw[ref.raw_offset(p):ref.raw_end(p, q)]
        for line in range(1, len(ref.starts) + 1):
            assert doc.line_text(line) == ref.line_text(line)
        if ref.orig is not None:
            assert list(doc._orig) == ref.orig
            for r in range(len(raw) + 2):
                assert doc.working_offset(r) == bisect_left(ref.orig, r)
        else:
            assert doc.working_offset(3) == 3


_PIECES = ["a", "b", "x y", ".", "\n", "\r", "\r\n", "\u0301", "\u0300", "\u0323", "\u0302",
           "a\u0306\u0301", "e\u0302\u0301", "ệ", "Ệ", "đ", "\u212b", "\u2126", "\u0344",
           "\u0340", "\u1100", "\u1161", "\u0f73", "\u0958", "\U0001d15e", "\ufeff", "\t", "\u00a0",
           "\u00ad", "\u200b", "\u200d", "\u2009", "\u202e", "\u3000"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25), st.booleans())
def test_sparse_lazy_map_equals_the_per_character_map(pieces, nfd):
    raw = "".join(pieces)
    _check(unicodedata.normalize("NFD", raw) if nfd else raw)


@pytest.mark.parametrize("raw", [
    "", "\r", "\r\n", "\n", "\u0301", "a\u0301", "\r\u0301", "\n\u0301", "\u212b\u0301",
    unicodedata.normalize("NFD", "Tổng thống Inham Aliyev.\r\nDòng hai: Inham Aliyev\r"),
    "Dòng một\rDòng hai\rDòng ba",
])
def test_edge_cases(raw):
    _check(raw)


def test_spots_cover_every_character_nfc_changes():
    """The map normalizes only marks, CRs and NFC_Quick_Check=No characters; every other
    character must be left alone by NFC when it stands alone (checked over all of Unicode
    with this Python's unicodedata and the installed regex)."""
    spot = regex.compile(r"\p{M}|\p{NFC_QC=N}|\r")
    changed = [hex(cp) for cp in range(sys.maxunicode + 1)
               if not 0xD800 <= cp <= 0xDFFF and not spot.match(chr(cp))
               and unicodedata.normalize("NFC", chr(cp)) != chr(cp)]
    assert changed == []


def test_map_is_compact_and_lazy():
    raw = "Dòng số một có chữ.\r\n" * 20_000
    doc = lazy_document("x.txt", raw)
    assert doc._text is None and doc._starts is None  # nothing built yet
    assert doc.line_col(doc.text.index("chữ", 100)) == (6, 16)
    assert doc._seg_pos.itemsize == 4 and len(doc._seg_pos) <= 20_000  # one change per line
    nfd = lazy_document("y.txt", unicodedata.normalize("NFD", "Tiếng Việt " * 1000))
    assert len(nfd._orig) == len(nfd.text) + 1
    assert len(nfd._seg_pos) < len(nfd.text)  # fewer pairs than characters


def test_zones_and_sentences_unpack_on_first_use():
    calls = []

    def unpack():
        calls.append(1)
        return ["z"], [(0, 1)], None

    doc = Document("x.txt", "Xin chào")
    doc.set_lazy_parts(unpack)
    assert calls == []
    assert doc.sentences == [(0, 1)] and doc.zones == ["z"] and calls == [1]
    doc2 = Document("x.txt", "Xin chào")
    doc2.set_lazy_parts(unpack)
    doc2.zones = ["new"]  # setting one keeps the other
    assert doc2.zones == ["new"] and doc2.sentences == [(0, 1)]


def test_document_from_bytes_decodes_like_load_and_pickles():
    from factlint.load import SourceFile, decode

    text = unicodedata.normalize("NFD", "Hà Nội, ngày 14/5.\r\nÔng Inham Aliyev.")
    for data in (text.encode("utf-8"), b"\xef\xbb\xbf" + text.encode("utf-8"),
                 b"\xff\xfe" + text.encode("utf-16-le"),
                 unicodedata.normalize("NFC", text).encode("cp1258", errors="replace")):
        doc = Document("a.txt", data)
        assert doc._raw is None
        assert doc.raw == decode(SourceFile("a.txt", data)).raw
        back = pickle.loads(pickle.dumps(doc))
        assert back.raw == doc.raw and back.text == doc.text
        assert back.line_col(len(doc.text)) == doc.line_col(len(doc.text))
    doc = Document("a.txt", b"x")
    doc.set_lazy_parts(lambda: ([], [(0, 1)], None))
    assert pickle.loads(pickle.dumps(doc)).sentences == [(0, 1)]
    assert isinstance(array("i").itemsize, int)
