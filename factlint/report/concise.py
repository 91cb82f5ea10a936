"""`concise`: one line per outlier location, `path:line:col: severity rule message`,
with the sides it disagrees with cited by location."""

from __future__ import annotations

from factlint.report import location
from factlint.report.escape import folded, printable, terminal_safe

MAX_CITED = 6


def _cite(result, claims) -> str:
    cites = []
    for c in claims[:MAX_CITED]:
        loc = location(result, c)
        cites.append(f'{printable(loc["path"])}:{loc["line"]}:{loc["column"]} "{printable(folded(loc["text"]))}"')
    more = len(claims) - MAX_CITED
    return "; ".join(cites) + (f"; +{more} more" if more > 0 else "")


def lines(result):
    out = []
    for f in result.findings:
        outliers, others = f.sides[:f.outliers], f.sides[f.outliers:]
        for c in outliers:
            loc = location(result, c)
            text = f'{printable(loc["path"])}:{loc["line"]}:{loc["column"]}: {f.severity} {f.rule} {printable(f.message)}'
            if others:
                text += f" [vs {_cite(result, others)}]"
            out.append(((loc["path"], loc["line"], loc["column"], f.rule), text))
    return [t for _, t in sorted(out)]


def render(result) -> str:
    body = lines(result)
    s = result.summary
    tail = (f"{s['documents']} documents, {s['claims']} claims: {s['errors']} errors, "
            f"{s['warnings']} warnings, {s['infos']} infos")
    return terminal_safe("\n".join(body + [tail]) + "\n")
