"""What rule authors read and run: `factlint rules` (a table of every rule), `factlint rule
ID` (one rule explained, as ruff's rule docs are: what it does, why it matters, examples
with the messages they produce) and `factlint check-rules DIR` (every example run).
"""

from __future__ import annotations

import difflib
import json
import textwrap
from dataclasses import dataclass, replace
from pathlib import Path

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


def _wrapped(text: str) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), 88) or [""]


def rule_detail(spec) -> str:
    """One rule: what it does, why it matters, its messages and parameters, and every
    example with its verdict and the messages it must produce."""
    from factlint.registry import rule_class

    out = [f"{spec.id}  ({spec.type}, {spec.severity})", "", "What it does"]
    out += ["  " + line for line in _wrapped(spec.description)]
    out += ["", "Why it matters"]
    out += ["  " + line for line in _wrapped(spec.why)]
    out.append("")
    if spec.source:
        out.append(f"file: {spec.source}")
    fields = rule_class(spec.type).MESSAGES
    out.append("messages:")
    for lang in sorted(spec.message):
        for key, template in spec.message[lang].items():
            out.append(f"  {lang}.{key} = {json.dumps(template, ensure_ascii=False)}")
    for key in sorted(fields):
        out.append(f"  fields of {key}: {', '.join(sorted(fields[key]))}")
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
        for message in ex.messages:
            out.append(f"  message: {message}")
    return "\n".join(out) + "\n"


# ---- running the examples -------------------------------------------------------------------

@dataclass
class ExampleRun:
    rule: str
    index: int
    note: str | None
    problems: list[str]  # empty: the example passed


def run_example(spec, index: int, rules) -> ExampleRun:
    """Lint the example's documents with this one rule; compare what it reports with what
    the example expects (the outlier values, and the messages when given)."""
    from factlint.compare import build_checks
    from factlint.pipeline import lint_texts

    example = spec.examples[index - 1]
    only = replace(rules, checks=build_checks([spec], rules.lexicon))
    result = lint_texts(example.docs, only, names=[f"doc{i}.txt" for i in range(len(example.docs))])
    found = [f for f in result.findings if f.rule == spec.id]
    problems = []
    got = sorted({f.values[0] for f in found})
    if got != sorted(set(example.expect)):
        problems.append(f"reports {got or 'nothing'}, expected {sorted(set(example.expect)) or 'nothing'}")
    if example.messages:
        messages = sorted({f.message for f in found})
        if messages != sorted(set(example.messages)):
            problems.append("messages differ:\n" + "\n".join(
                [f"      got:      {m}" for m in messages] + [f"      expected: {m}" for m in example.messages]))
    return ExampleRun(spec.id, index, example.note, problems)


def check_examples(settings, folder: Path) -> tuple[str, bool]:
    """Run every example of the rules whose files are in `folder`. The report, and whether
    any example failed."""
    from factlint.pipeline import load_rules

    rules = load_rules(settings)
    checks_dir = (folder / "checks").resolve()
    own = [s for s in rules.ruleset.rules if Path(s.source).resolve().parent == checks_dir]
    if not own:
        raise FactlintError(f"{folder}: no rule files in {folder / 'checks'}")
    lines, failed, total = [], 0, 0
    for spec in own:
        for i in range(1, len(spec.examples) + 1):
            run = run_example(spec, i, rules)
            total += 1
            note = f" ({run.note})" if run.note else ""
            if run.problems:
                failed += 1
                lines.append(f"FAIL {spec.id} example {i}{note}")
                lines += [f"    {p}" for p in run.problems]
            else:
                lines.append(f"ok   {spec.id} example {i}{note}")
        if not spec.examples:
            lines.append(f"warn {spec.id}: no examples")
    lines.append(f"{total - failed} of {total} examples of {len(own)} rules passed"
                 + (f"; {failed} failed" if failed else ""))
    return "\n".join(lines) + "\n", failed > 0
