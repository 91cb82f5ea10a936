"""Stage 5 — report: one renderer module per output format, behind one interface.

A renderer is a function `render(result) -> str` registered under its format name.
`result` is a `factlint.pipeline.Result` (documents, claims, findings, summary).
"""

from __future__ import annotations

from typing import Callable

RENDERERS: dict[str, Callable] = {}


def register(name: str):
    def deco(fn):
        RENDERERS[name] = fn
        return fn
    return deco


def load_renderers() -> dict[str, Callable]:
    import importlib
    import pkgutil

    import factlint.report as pkg

    for mod in pkgutil.iter_modules(pkg.__path__):
        importlib.import_module(f"factlint.report.{mod.name}")
    return RENDERERS


def location(result, claim) -> dict:
    """Where a claim stands in the file as written: 1-based line and column, end exclusive."""
    doc = result.documents[claim.doc]
    line, col = doc.line_col(claim.start)
    end_line, end_col = doc.line_col(claim.end)
    return {"path": claim.doc, "line": line, "column": col, "end_line": end_line,
            "end_column": end_col, "text": doc.raw_slice(claim.start, claim.end),
            "value": claim.display or claim.value}
