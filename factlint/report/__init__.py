"""Stage 6 — render: one module per output format (factlint/report/<format>.py, listed in
factlint/registry.py), each with `render(result) -> str`. `result` is a
factlint.pipeline.Result (documents, claims, findings, summary)."""

from __future__ import annotations


def location(result, claim) -> dict:
    """Where a claim stands in the file as written: 1-based line and column, end exclusive."""
    doc = result.documents[claim.doc]
    start, end = doc.raw_span(claim.start, claim.end)
    line, col = doc.raw_line_col(start)
    end_line, end_col = doc.raw_line_col(end)
    return {"path": claim.doc, "line": line, "column": col, "end_line": end_line,
            "end_column": end_col, "text": doc.raw[start:end], "value": claim.display or claim.value}
