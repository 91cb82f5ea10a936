"""`factlint rules` (a table of every rule) and `factlint rule ID` (one rule with its examples).

Plain functions returning text, so the CLI only loads the ruleset and prints.
"""

from __future__ import annotations

import difflib
import json
import textwrap

from tabulate import tabulate

from factlint.errors import FactlintError

DESCRIPTION_WIDTH = 70


def rules_table(specs, fmt: str = "text") -> str:
    """One row per rule, sorted by id: id, type, severity, description."""
    specs = sorted(specs, key=lambda s: s.id)
    if fmt == "json":
        return json.dumps([{"id": s.id, "type": s.type, "severity": s.severity,
                            "description": s.description, "examples": len(s.examples),
                            "source": s.source} for s in specs], ensure_ascii=False, indent=2) + "\n"
    if not specs:
        return "no rules loaded\n"
    rows = [[s.id, s.type, s.severity, s.description.strip()] for s in specs]
    table = tabulate(rows, headers=["id", "type", "severity", "description"],
                     maxcolwidths=[None, None, None, DESCRIPTION_WIDTH], disable_numparse=True)
    return table + f"\n\n{len(specs)} rules; `factlint rule ID` shows one with its examples.\n"


def find_rule(specs, rule_id: str):
    for s in specs:
        if s.id == rule_id:
            return s
    close = difflib.get_close_matches(rule_id, [s.id for s in specs], n=3, cutoff=0.5)
    hint = f" (did you mean {', '.join(close)}?)" if close else " (see factlint rules)"
    raise FactlintError(f"no rule {rule_id!r}{hint}")


def _indent(text: str, prefix: str) -> str:
    return "\n".join((prefix + line).rstrip() for line in text.strip("\n").split("\n"))


def rule_detail(spec) -> str:
    """One rule: header, description, parameters, and every example with its verdict."""
    out = [f"{spec.id}  ({spec.type}, {spec.severity})", ""]
    out += textwrap.wrap(spec.description.strip(), 88) or [""]
    out.append("")
    if spec.source:
        out.append(f"file: {spec.source}")
    if spec.params:
        out.append("params:")
        for key in sorted(spec.params):
            out.append(f"  {key} = {json.dumps(spec.params[key], ensure_ascii=False)}")
    if not spec.examples:
        out.append("")
        out.append("no examples")
    for i, ex in enumerate(spec.examples, 1):
        if ex.expect:
            verdict = "must report " + ", ".join(repr(v) for v in ex.expect)
        else:
            verdict = "must stay silent"
        out.append("")
        out.append(f"example {i}: {verdict}" + (f" — {ex.note}" if ex.note else ""))
        for j, doc in enumerate(ex.docs, 1):
            out.append(f"  doc {j}:")
            out.append(_indent(doc, "    │ "))
    return "\n".join(out) + "\n"
