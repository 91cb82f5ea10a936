"""Layout: the working text as paragraphs, not lines, and Markdown as the words it shows.

Runs on the NFC/LF working text (text.py) and changes it only by substituting one
character for another, so the map back to the file as written stays as it is and every
location stays exact:

* plain text: a line break inside a paragraph becomes a space. A paragraph ends at a blank
  line and at a line that ends a sentence; a line that does not end one is joined with the
  next when that line continues it: it starts with a lower-case letter, or the text is
  hard-wrapped (most lines end near one width) and its first word would not have fitted
  on the line before.
* Markdown, read by markdown-it-py: extraction sees the text of headings, paragraphs, list
  items and table cells, each on a line of its own, with emphasis, links, images and inline
  code unwrapped (their markup becomes spaces, entities their character). Code blocks,
  HTML comments, link definitions and front matter become blank; the tags of other HTML
  blocks too. Front matter's `title` stays as the headline and its `author` as a byline
  (`Layout.zones`); its `date` is read by normalize/reference.py.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

import regex

MARKDOWN_SUFFIXES = (".md", ".markdown")
MIN_WRAP, MAX_WRAP = 30, 120  # a hard-wrapped text is wrapped at a width between these
MIN_WRAPPED_LINES = 3  # lines inside paragraphs needed to tell a width
# A Markdown paragraph longer than this keeps its inline markup as written: markdown-it's
# inline parser is quadratic on some inputs ("*a *a *a …"), so work per paragraph is bounded.
MAX_INLINE = 10_000
WRAP_SLACK = 15  # most lines of a wrapped paragraph end this close to the width, or closer


@dataclass(slots=True)
class Layout:
    text: str  # as long as the text it was made from
    zones: list[tuple[int, int, str]] = field(default_factory=list)  # spans the markup puts in a zone


def lay_out(text: str, markdown: bool = False) -> Layout:
    if markdown:
        return _markdown(text)
    return Layout(join_lines(text))


def is_markdown(path: str) -> bool:
    return path.lower().endswith(MARKDOWN_SUFFIXES)


# ---- plain text: paragraphs ---------------------------------------------------------------

_SENTENCE_END = frozenset(".!?…")
_CLOSING = frozenset("\"'”’»)]")
_ITEM = regex.compile(r"(?:[-*•+–—]|\d{1,3}[.)])\s")  # a list item or a line of dialogue
_NOT_NEWLINE = regex.compile(r"[^\n]")


def _line_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end of its text without trailing blanks) of every line."""
    bounds = []
    start = 0
    for line in text.split("\n"):
        bounds.append((start, start + len(line.rstrip(" \t"))))
        start += len(line) + 1
    return bounds


def wrap_width(lengths: list[int]) -> int | None:
    """The width a text is hard-wrapped at, or None. `lengths`: the lengths of the lines
    that have text and are followed by a line with text (the lines inside paragraphs)."""
    if len(lengths) < MIN_WRAPPED_LINES:
        return None
    ordered = sorted(lengths)
    width = ordered[-(-(len(ordered) - 1) * 9 // 10)]  # a long URL alone does not set the width
    if not MIN_WRAP <= width <= MAX_WRAP:
        return None
    full = sum(1 for n in lengths if n >= width - WRAP_SLACK)
    return width if 2 * full >= len(lengths) else None


def _ends_sentence(text: str, start: int, end: int) -> bool:
    i = end - 1
    while i > start and text[i] in _CLOSING:
        i -= 1
    return text[i] in _SENTENCE_END


def join_lines(text: str) -> str:
    """The text with each line break inside a paragraph replaced by a space."""
    if "\n" not in text:
        return text
    bounds = _line_bounds(text)
    inner = [e - s for (s, e), (ns, ne) in zip(bounds, bounds[1:]) if e > s and ne > ns]
    width = wrap_width(inner)
    joins = []
    for (s, e), (ns, ne) in zip(bounds, bounds[1:]):
        if e == s or ne == ns or _ends_sentence(text, s, e):
            continue
        first = text[ns]
        if first in " \t" or _ITEM.match(text, ns, ne):
            continue  # an indented line, a list item: a new paragraph or a block of its own
        if first.islower() or (width is not None and (e - s) + 1 + _first_word(text, ns, ne) > width):
            joins.append(ns - 1)
    if not joins:
        return text
    pieces, last = [], 0
    for p in joins:
        pieces.append(text[last:p])
        pieces.append(" ")
        last = p + 1
    pieces.append(text[last:])
    return "".join(pieces)


def _first_word(text: str, start: int, end: int) -> int:
    space = text.find(" ", start, end)
    return (space if space >= 0 else end) - start


# ---- Markdown ---------------------------------------------------------------------------------

_FRONT_MATTER_OPEN = regex.compile(r"---[ \t]*\n")
_FRONT_MATTER_CLOSE = regex.compile(r"^(?:---|\.\.\.)[ \t]*$", regex.M)
_FRONT_MATTER_KEY = regex.compile(r"(?i)(title|author|authors|byline)[ \t]*:[ \t]*")
_FRONT_MATTER_ITEM = regex.compile(r"[ \t]+-[ \t]+")
_HTML_TAG = regex.compile(r"<[^<>]*>")
_FRONT_MATTER_ZONES = {"title": "title", "author": "meta", "authors": "meta", "byline": "meta"}


def _blank(s: str) -> str:
    """Spaces for every character but line ends."""
    return _NOT_NEWLINE.sub(" ", s)


def _front_matter(text: str) -> tuple[int, list[tuple[int, int, str]]]:
    """(where front matter ends, the spans of its title and author values with their zone).
    Values are read from `key: value` lines only (and `- value` items under an author key):
    front matter is YAML, but these keys are always written so."""
    m = _FRONT_MATTER_OPEN.match(text)
    if not m:
        return 0, []
    close = _FRONT_MATTER_CLOSE.search(text, m.end())
    if not close:
        return 0, []
    spans = []
    zone = None  # of the key whose list items follow
    for s, e in _line_bounds(text[:close.start()]):
        if s < m.end():
            continue
        key = _FRONT_MATTER_KEY.match(text, s, e)
        item = None if key else _FRONT_MATTER_ITEM.match(text, s, e)
        if key:
            zone = _FRONT_MATTER_ZONES[key.group(1).lower()]
            vs = key.end()
        elif item and zone == "meta":
            vs = item.end()
        else:
            zone = None
            continue
        ve = e
        if ve - vs >= 2 and text[vs] in "\"'" and text[ve - 1] == text[vs]:
            vs, ve = vs + 1, ve - 1
        if ve > vs:
            spans.append((vs, ve, zone))
    end = close.end() + 1 if close.end() < len(text) else close.end()
    return end, spans


class _Recorder:
    """What the inline rules of markdown-it consumed as markup, per inline token, in
    offsets of the token's content (markdown-it gives inline tokens no source positions)."""

    def __init__(self):
        self.depth = 0  # nested parses (an image's alt text) are not recorded
        self.calls: list[tuple[str, list, list]] = []  # (content, markup spans, substitutions)
        self.markup: list[tuple[int, int]] = []
        self.subs: list[tuple[int, int, str]] = []


_RECORDER = "factlint-layout"
_AT = "factlint-at"
_DELIMITER_RULES = ("emphasis", "strikethrough")
_MARKUP_RULES = (*_DELIMITER_RULES, "link", "image", "backticks", "autolink", "html_inline", "escape",
                 "entity")
_PARSER: list = []


def _parser():
    """markdown-it (CommonMark with tables and strikethrough), its inline rules wrapped to
    record the markup they consume."""
    if _PARSER:
        return _PARSER[0]
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    ruler = md.inline.ruler
    for rule in list(ruler.__rules__):
        if rule.name in _MARKUP_RULES:
            ruler.at(rule.name, _recording(rule.name, rule.fn))
    emphasis = next(r for r in md.inline.ruler2.__rules__ if r.name == "emphasis")
    md.inline.ruler2.at("emphasis", _after_pairs(emphasis.fn))
    parse = md.inline.parse

    def recording_parse(src, md_, env, tokens):
        rec = env.get(_RECORDER)
        if rec is None:
            return parse(src, md_, env, tokens)
        if rec.depth == 0 and len(src) > MAX_INLINE:  # kept as written (see MAX_INLINE)
            rec.calls.append((src, [], []))
            return tokens
        rec.depth += 1
        if rec.depth == 1:
            rec.markup, rec.subs = [], []
        try:
            return parse(src, md_, env, tokens)
        finally:
            rec.depth -= 1
            if rec.depth == 0:
                rec.calls.append((src, rec.markup, rec.subs))

    md.inline.parse = recording_parse
    _PARSER.append(md)
    return md


def _recording(name: str, fn):
    delimiters = name in _DELIMITER_RULES

    def rule(state, silent):
        start, count = state.pos, len(state.tokens)
        flushed = delimiters and bool(state.pending)  # a pending text token is pushed first
        ok = fn(state, silent)
        rec = state.env.get(_RECORDER)
        if not ok or silent or rec is None or rec.depth != 1:
            return ok
        end, src = state.pos, state.src
        if delimiters:  # one token per run of markers; decided by _after_pairs
            at = start
            for tok in state.tokens[count + flushed:]:
                tok.meta[_AT] = (at, at + len(tok.content))
                at += len(tok.content)
        elif name in ("link", "image"):
            label = state.md.helpers.parseLinkLabel(state, start + (name == "image"), name == "link")
            if label > start:
                rec.markup += [(start, start + 1 + (name == "image")), (label, end)]
        elif name == "backticks":
            n = 0
            while start + n < end and src[start + n] == "`":
                n += 1
            rec.markup += [(start, start + n), (end - n, end)]
        elif name == "autolink":
            rec.markup += [(start, start + 1), (end - 1, end)]
        elif name == "html_inline":
            rec.markup.append((start, end))
        elif name == "escape" and src[start] == "\\":
            tok = state.tokens[-1] if len(state.tokens) > count else None
            if tok is None or tok.type == "hardbreak" or tok.content != src[start:end]:
                rec.markup.append((start, start + 1))  # the backslash
        elif name == "entity" and len(state.tokens) > count:
            char = state.tokens[-1].content
            rec.subs.append((start, end, " " if char.isspace() or len(char) != 1 else char))
        return ok

    return rule


def _after_pairs(fn):
    """Emphasis post-processing, then: the delimiter tokens it matched (now *_open/*_close,
    or emptied for the first marker of a double one) are markup; the others stay text."""
    def rule(state):
        fn(state)
        rec = state.env.get(_RECORDER)
        if rec is None or rec.depth != 1:
            return
        for tok in state.tokens:
            at = tok.meta.get(_AT)
            if at is not None and (tok.type != "text" or not tok.content):
                rec.markup.append(at)

    return rule


def _markdown(text: str) -> Layout:
    end, zones = _front_matter(text)
    src = _blank(text[:end]) + text[end:] if end else text
    rec = _Recorder()
    tokens = _parser().parse(src, {_RECORDER: rec})
    starts = [0] + [m.end() for m in regex.finditer(r"\n", text)]
    kept: list[tuple[int, int]] = [(s, e) for s, e, _ in zones]
    edits: list[tuple[int, int, str]] = []
    calls = iter(rec.calls)
    previous = None
    row_line, row_cursor = -1, 0
    for tok in tokens:
        if tok.type == "inline":
            content, markup, subs = next(calls)
            if content != tok.content:  # not the parse recorded for it: keep its markup
                markup, subs = [], []
            cell = previous is not None and previous.type in ("th_open", "td_open")
            if cell and tok.map[0] != row_line:
                row_line, row_cursor = tok.map[0], starts[tok.map[0]]
            lines = _place(text, starts, tok, row_cursor if cell else None)
            if lines is None and cell:  # markdown-it took the backslash out of "\|"
                lines = _place_cell_as_written(text, tok, row_cursor, _line_end(text, starts, row_line))
                markup, subs = [], []  # its offsets are not the text's: kept as written
            if lines is None:
                _keep_as_written(text, starts, tok, kept, cell)
            elif lines:
                _keep_inline(text, lines, markup, subs, kept, edits)
                if cell:
                    row_cursor = lines[-1][1] + lines[-1][2]
                    bar = text.find("|", row_cursor, _line_end(text, starts, row_line))
                    if bar >= 0:  # the next cell starts a line of its own
                        kept.append((bar, bar + 1))
                        edits.append((bar, bar + 1, "\n"))
                        row_cursor = bar + 1
        elif tok.type == "html_block" and tok.map and not tok.content.lstrip().startswith("<!--"):
            s, e = starts[tok.map[0]], _line_end(text, starts, tok.map[1] - 1)
            kept.append((s, e))
            edits += [(m.start(), m.end(), _blank(m.group())) for m in _HTML_TAG.finditer(text, s, e)]
        previous = tok
    return Layout(_assemble(text, kept, edits), zones)


def _line_end(text: str, starts: list[int], line: int) -> int:
    return starts[line + 1] - 1 if line + 1 < len(starts) else len(text)


def _place(text: str, starts: list[int], tok, cursor: int | None):
    """Where each line of an inline token's content stands in the text: a list of
    (offset in the content, offset in the text, length), or None when a line cannot be
    found as written (a tab markdown-it expanded, an escaped pipe it removed)."""
    out = []
    offset = 0
    first = tok.map[0]
    lines = tok.content.split("\n")
    if len(lines) > tok.map[1] - first:
        return None
    for i, line in enumerate(lines):
        ln = first + i
        s, e = starts[ln] if cursor is None else cursor, _line_end(text, starts, ln)
        trimmed = e
        while trimmed > s and text[trimmed - 1] in " \t":
            trimmed -= 1
        if not line:
            at = -1
        elif text.endswith(line, s, e):
            at = e - len(line)
        elif text.endswith(line, s, trimmed):
            at = trimmed - len(line)
        else:
            at = text.find(line, s, e)
        if at < 0:
            return None if line else []
        out.append((offset, at, len(line)))
        offset += len(line) + 1
    return out


def _place_cell_as_written(text: str, tok, cursor: int, end: int):
    """A table cell whose text had escaped bars: found with them, as one line."""
    written = tok.content.replace("|", "\\|")
    at = text.find(written, cursor, end)
    return None if at < 0 or not written else [(0, at, len(written))]


def _keep_as_written(text: str, starts: list[int], tok, kept: list, cell: bool) -> None:
    """An inline token whose lines could not be placed: its lines are kept as they are
    (a table cell: only the text between its bars)."""
    if cell:
        return
    s, e = starts[tok.map[0]], _line_end(text, starts, tok.map[1] - 1)
    if not kept or kept[-1][1] <= s:
        kept.append((s, e))


def _keep_inline(text: str, lines, markup, subs, kept: list, edits: list) -> None:
    """Keep the content of an inline token; its line breaks (and the markers that start its
    lines) become spaces, its markup too, its entities their character."""
    content_starts = [c for c, _, _ in lines]

    def at(c: int) -> int:  # content offset -> text offset
        i = bisect_right(content_starts, c) - 1
        cs, ts, n = lines[i]
        return ts + min(c - cs, n)

    kept.append((lines[0][1], lines[-1][1] + lines[-1][2]))
    for (_, ts, n), (_, next_ts, _) in zip(lines, lines[1:]):
        edits.append((ts + n, next_ts, " " * (next_ts - ts - n)))
    for a, b in markup:
        if b > a:
            s, e = at(a), at(b - 1) + 1
            edits.append((s, e, " " * (e - s)))
    for a, b, char in subs:
        s, e = at(a), at(b - 1) + 1
        edits.append((s, e, (char + " " * (e - s))[:e - s]))


def _assemble(text: str, kept: list[tuple[int, int]], edits: list[tuple[int, int, str]]) -> str:
    """The text with what lies outside `kept` blanked (line ends kept) and `edits` (each
    inside a kept span, as long as what it replaces) applied; overlapping edits blank
    their union."""
    kept.sort()
    edits.sort()
    merged: list[tuple[int, int, str]] = []
    for s, e, rep in edits:
        if merged and s < merged[-1][1]:
            ps, pe, _ = merged.pop()
            s, e = ps, max(pe, e)
            rep = " " * (e - s)
        merged.append((s, e, rep))
    pieces: list[str] = []
    pos = 0
    i = 0
    for ks, ke in kept:
        if ks < pos:  # overlaps the previous span: take what is new
            ks = pos
        if ks >= ke:
            continue
        pieces.append(_blank(text[pos:ks]))
        pos = ks
        while i < len(merged) and merged[i][0] < ke:
            s, e, rep = merged[i]
            if s >= pos:
                pieces.append(text[pos:s])
                pieces.append(rep)
                pos = e
            i += 1
        if pos < ke:
            pieces.append(text[pos:ke])
            pos = ke
    pieces.append(_blank(text[pos:]))
    out = "".join(pieces)
    assert len(out) == len(text), "layout must keep every offset"
    return out
