"""Zones and sentences of a document.

Zones keep page furniture (related-news lists, captions, comment forms, datelines)
apart from the article body, so that furniture never creates a conflict with it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import regex

from factlint.errors import FactlintError
from factlint.normalize.text import Document
from factlint.vocab import REGEX_TIMEOUT

BODY, TITLE, CAPTION, FURNITURE, META = "body", "title", "caption", "furniture", "meta"

# A sentence ends at . ! ? … (optionally closed by quotes/brackets) before white space and
# an upper-case letter, digit or opening quote — but not after a short abbreviation
# (rules/vocab [sentences]) or an initial.
# The white space is on the same line: the text is scanned whole, and a line's last
# sentence ends with the line anyway.
# Possessive quantifiers and "starts a run of marks" keep it linear on lines like "!!!!…".
# The abbreviation test runs only where a full stop was found (a leading look-behind would
# be tried at every character, which made this the slowest regex of the run).
_SENTENCE_END = regex.compile(r"""(?<![.!?…])[.!?…]++["”’»)\]]*+(?=[^\S\n]+["“‘«(\[]?[\p{Lu}\d])""")
# Furniture patterns come from the user's vocabulary: they are tried only on lines a
# caption or dateline could be, and each search runs with a timeout.
FURNITURE_LINE_MAX = 1000


@dataclass(slots=True)
class Block:
    start: int
    end: int
    zone: str


# Constructs that can match differently on a line alone than inside the whole text.
_LINE_SENSITIVE = regex.compile(r"\\[AZzG]|\(\?<?!|\(\?>|[*+?}]\+|\(\?\w*-")


_MULTILINE: dict = {}  # pattern -> the same pattern in MULTILINE mode


class _LinePatterns:
    """Furniture patterns of one kind, each searched (with a timeout) on single lines.

    A search has a fixed cost of a few microseconds, so on a long article most of the
    time went into lines that cannot match. A pattern without negative look-arounds,
    atomic groups, flags turned off or \\A/\\Z/\\G is first searched once over the whole
    text in MULTILINE mode: every match it has on a line alone is then also found there, or
    overlaps one found there, so only the lines those matches touch need the per-line
    search that decides.
    """

    def __init__(self, patterns, what: str, doc: Document):
        self.what = what
        self.doc = doc
        self.patterns = []  # (pattern, set of line starts it may match, or None: every line)
        for p in patterns:
            self.patterns.append((p, self._lines_touched(p, doc.text)))
        # the line starts any pattern may match (None: any line)
        self.lines: set[int] | None = set()
        for _, lines in self.patterns:
            if lines is None:
                self.lines = None
                break
            self.lines |= lines

    @staticmethod
    def _lines_touched(p, text: str) -> set[int] | None:
        if _LINE_SENSITIVE.search(p.pattern):
            return None
        touched: set[int] = set()
        try:
            whole = _MULTILINE.get(p)
            if whole is None:
                whole = _MULTILINE[p] = regex.compile(p.pattern, p.flags | regex.M)
            start = searched = 0  # start of the line of the last match, and how far back we looked
            for m in whole.finditer(text, timeout=REGEX_TIMEOUT):
                nl = text.rfind("\n", searched, m.start())
                start, searched = (nl + 1 if nl >= 0 else start), m.start()
                touched.add(start)
                nl = text.find("\n", m.start(), m.end())  # lines the match runs into
                while nl >= 0:
                    touched.add(nl + 1)
                    nl = text.find("\n", nl + 1, m.end())
        except (TimeoutError, regex.error):  # a long text or a slow pattern: every line
            return None
        return touched

    def match(self, line: str, start: int) -> bool:
        if self.lines is not None and start not in self.lines:
            return False
        for p, lines in self.patterns:
            if lines is not None and start not in lines:
                continue
            try:
                if p.search(line, timeout=REGEX_TIMEOUT):
                    return True
            except TimeoutError:
                ln, _ = self.doc.line_col(start)
                raise FactlintError(
                    f"rules: furniture {self.what} pattern {p.pattern!r} took more than "
                    f"{REGEX_TIMEOUT:g} s on {self.doc.path} line {ln} (catastrophic "
                    "backtracking); simplify the pattern") from None
        return False


def segment(doc: Document, lexicon) -> None:
    """Fill doc.zones (one block per non-empty line) and doc.sentences."""
    text = doc.text
    blocks: list[Block] = []
    in_furniture = False
    seen_text = False
    key = lexicon.folder.key
    marker_starts, markers = lexicon.section_marker_starts, lexicon.section_markers
    meta = _LinePatterns(lexicon.meta_re, "meta", doc)
    caption = _LinePatterns(lexicon.caption_re, "caption", doc)
    marked = iter(doc.layout_zones)  # spans the markup puts in a zone (front matter), in order
    mark = next(marked, None)
    end = -1
    for line in text.split("\n"):
        start = end + 1
        end = start + len(line)
        stripped = line.strip()
        if not stripped:
            continue
        while mark is not None and mark[1] <= start:
            mark = next(marked, None)
        zone = BODY
        if mark is not None and mark[0] < end:
            zone = mark[2]
        elif in_furniture:
            zone = FURNITURE
        elif (len(stripped) <= 60 and key(stripped.split(None, 1)[0].rstrip(":.")) in marker_starts
              and key(stripped.rstrip(":.")) in markers):
            in_furniture = True
            zone = FURNITURE
        elif len(stripped) <= FURNITURE_LINE_MAX and meta.match(line, start):
            zone = META
        elif len(stripped) <= FURNITURE_LINE_MAX and caption.match(line, start):
            zone = CAPTION
        elif not seen_text and len(stripped) < 200 and stripped[-1] not in ".!?:;…\"”":
            zone = TITLE
        if zone != META:
            seen_text = True
        blocks.append(Block(start, end, zone))
    doc.zones = blocks
    doc.sentences = _sentences(text, blocks, lexicon)


def _sentences(text: str, blocks: list[Block], lexicon) -> list[tuple[int, int]]:
    """The sentences of the blocks, which cover every line holding more than white space;
    one scan of the text finds the ends of all of them."""
    sentences: list[tuple[int, int]] = []
    ends = _SENTENCE_END.finditer(text)
    e = next(ends, None)
    for b in blocks:
        start, b_end = b.start, b.end
        while e is not None and e.start() < b_end:
            at = e.start()
            if not (text[at] == "." and lexicon.abbreviation_re.search(text, max(b.start, at - 5), at)):
                sentences.append((start, e.end()))
                start = e.end()
                while start < b_end and text[start].isspace():
                    start += 1
            e = next(ends, None)
        if start < b_end:
            sentences.append((start, b_end))
    return sentences


class Spans:
    """Sorted, non-overlapping (start, end) spans, looked up by position (bisection)."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = spans
        self.starts = [s for s, _ in spans]

    def find(self, pos: int) -> tuple[int, int] | None:
        """The span holding pos, if any."""
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.spans[i][1]:
            return self.spans[i]
        return None
