"""Stage 6 — render: one module per output format (factlint/report/<format>.py, listed in
factlint/registry.py), each with `render(result) -> str`. `result` is a
factlint.pipeline.Result (documents, claims, findings, summary, and `phrase`: the
vocabulary's phrases in the report's language)."""

from __future__ import annotations

from functools import lru_cache


def location(result, claim) -> dict:
    """Where a claim stands in the file as written: 1-based line and column, end exclusive."""
    doc = result.documents[claim.doc]
    line, col = doc.line_col(claim.start)
    end_line, end_col = doc.line_col(claim.end)
    return {"path": claim.doc, "line": line, "column": col, "end_line": end_line,
            "end_column": end_col, "text": doc.raw_slice(claim.start, claim.end),
            "value": claim.display or claim.value}


def phrases(result):
    """The result's phrase book; the default rules' English one when it brings none."""
    return getattr(result, "phrase", None) or _default_phrases()


@lru_cache(maxsize=1)
def _default_phrases():
    from factlint.messages import Phrasebook
    from factlint.ruleset import default_rules_dir, load_ruleset

    return Phrasebook(load_ruleset([default_rules_dir()]).vocabulary.messages)


def severity_counts(phrase, findings) -> str:
    """"5 errors, 3 warnings" (or the phrase for none), most severe first."""
    from factlint.model import SEVERITY_RANK

    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITY_RANK}
    parts = [phrase(f"severity-{s}", count=counts[s])
             for s in sorted(SEVERITY_RANK, key=SEVERITY_RANK.get, reverse=True) if counts[s]]
    return ", ".join(parts) if parts else phrase("no-findings")
