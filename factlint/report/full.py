"""`--format full`: the concise line of each finding, then the source line of every side
with the span underlined — `^` under the outlier, `-` under the other sides (like ruff's
full output).

Long lines (news paragraphs) are cut to a window around the span, marked with `…`.
Underlines are placed by display width, so combining marks (NFD files) take no column and
wide characters take two.
"""

from __future__ import annotations

import unicodedata

from factlint.report import location, phrases, severity_counts
from factlint.report.markdown import evidence_rows

CONTEXT = 50  # display columns kept on each side of the span


def _width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def width(text: str) -> int:
    return sum(_width(ch) for ch in text)


def _clip_left(text: str, limit: int) -> tuple[str, bool]:
    """The last `limit` display columns of text."""
    if width(text) <= limit:
        return text, False
    out, w = [], 0
    for ch in reversed(text):
        w += _width(ch)
        if w > limit:
            break
        out.append(ch)
    return "".join(reversed(out)), True


def _clip_right(text: str, limit: int) -> tuple[str, bool]:
    if width(text) <= limit:
        return text, False
    out, w = [], 0
    for ch in text:
        w += _width(ch)
        if w > limit:
            break
        out.append(ch)
    return "".join(out), True


def snippet(line_text: str, col: int, end_col: int | None) -> tuple[str, int, int]:
    """(shown line, display column where the span starts (0-based), display width of the span).

    `col`/`end_col` are 1-based character columns; end_col None means "to the end of the line".
    """
    line_text = line_text.replace("\t", " ")
    start = col - 1
    end = len(line_text) if end_col is None else min(end_col - 1, len(line_text))
    before, cut_l = _clip_left(line_text[:start], CONTEXT)
    span = line_text[start:end]
    after, cut_r = _clip_right(line_text[end:], CONTEXT)
    if cut_l:
        before = before.lstrip()
    if cut_r:
        after = after.rstrip()
    lead = "… " if cut_l else ""
    shown = lead + before + span + after + (" …" if cut_r else "")
    return shown, width(lead + before), max(1, width(span))


def concise_line(result, f) -> str:
    loc = location(result, f.sides[0])
    return f"{loc['path']}:{loc['line']}:{loc['column']}: {f.severity} {f.rule} {f.message}"


def _side_block(result, claim, mark: str, label: str, gutter: int) -> list[str]:
    loc = location(result, claim)
    doc = result.documents[claim.doc]
    multi = loc["end_line"] != loc["line"]
    shown, offset, span_w = snippet(doc.line_text(loc["line"]), loc["column"],
                                    None if multi else loc["end_column"])
    pad = " " * gutter
    return [
        f"{pad}--> {loc['path']}:{loc['line']}:{loc['column']}",
        f"{pad} |",
        f"{str(loc['line']).rjust(gutter)} | {shown}",
        f"{pad} | {' ' * offset}{mark * span_w} {label}",
    ]


def render_finding(result, f) -> list[str]:
    phrase = phrases(result)
    out = [concise_line(result, f)]
    gutter = max(len(str(location(result, c)["line"])) for c in f.sides) + 1
    shown, left_out = evidence_rows(f)
    for i in shown:
        c = f.sides[i]
        value = c.display or c.value
        if i < f.outliers:
            out += _side_block(result, c, "^", f"{value} ({phrase('outlier')})", gutter)
        else:
            out += _side_block(result, c, "-", str(value), gutter)
    pad = " " * gutter
    out.append(f"{pad} |")
    if left_out:
        out.append(f"{pad} = {phrase('more-mentions', count=left_out)}")
    if f.expected:
        out.append(f"{pad} = {phrase('expected', value=f.expected)}")
    if f.why:
        out.append(f"{pad} = {phrase('why', reason=f.why)}")
    for value, support in f.support.items():
        out.append(f"{pad} = {value}: {support}")
    return out


def render(result) -> str:
    findings = sorted(result.findings, key=lambda f: f.sort_key())  # the order of concise
    out: list[str] = []
    for f in findings:
        out += render_finding(result, f)
        out.append("")
    phrase = phrases(result)
    out.append(phrase("found", count=len(findings), counts=severity_counts(phrase, findings),
                      documents=len(result.documents)))
    return "\n".join(out) + "\n"
