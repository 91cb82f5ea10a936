"""`concise`: one line per outlier location, `path:line:col: severity rule message`,
with the sides it disagrees with cited by location."""

from __future__ import annotations

from factlint.report import location, phrases
from factlint.report.escape import folded, printable

MAX_CITED = 6


def _cite(result, claims, phrase) -> str:
    cites = []
    for c in claims[:MAX_CITED]:
        loc = location(result, c)
        cites.append(f'{printable(loc["path"])}:{loc["line"]}:{loc["column"]} "{printable(folded(loc["text"]))}"')
    more = len(claims) - MAX_CITED
    return "; ".join(cites) + ("; " + phrase("more-cited", count=more) if more > 0 else "")


def lines(result, paint=None):
    """The finding lines, sorted; `paint(kind, text)` colours parts of them (a terminal)."""
    phrase = phrases(result)
    paint = paint or (lambda kind, text: text)
    out = []
    for f in result.findings:
        outliers, others = f.sides[:f.outliers], f.sides[f.outliers:]
        for c in outliers:
            loc = location(result, c)
            text = (paint("path", f'{printable(loc["path"])}:{loc["line"]}:{loc["column"]}:') + " "
                    + paint(f.severity, f.severity) + " " + paint("rule", printable(f.rule))
                    + f" {printable(f.message)}")
            if others:
                text += f" [{printable(phrase('versus'))} {_cite(result, others, phrase)}]"
            out.append(((loc["path"], loc["line"], loc["column"], f.rule), text))
    return [t for _, t in sorted(out)]


def summary_line(result) -> str:
    return phrases(result)("summary", **result.summary)


def render(result, paint=None, quiet: bool = False) -> str:
    body = lines(result, paint)
    # every field is escaped where the line is built: the paint's own escapes must stay
    return "\n".join(body + ([] if quiet else [printable(summary_line(result))])) + "\n"
