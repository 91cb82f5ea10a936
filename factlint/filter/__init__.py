"""Stage 5 — filter: what is reported of the findings the rules made.

In order: suppressions written in the documents and per-file ignores (suppress.py), the
rules the settings switch off, the baseline of accepted findings (baseline.py), and the
focus on staged or changed files (focus.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factlint.model import Finding


@dataclass
class Filtered:
    findings: list[Finding]
    notices: list[str] = field(default_factory=list)  # lines for stderr (what the baseline hid)
    baseline_written: int | None = None  # findings recorded by --write-baseline


def filter_findings(findings: list[Finding], documents: dict, settings, known_rules: set[str],
                    active_rules: set[str], *, baseline: str | None = None,
                    write_baseline: str | None = None, focus: set[str] | None = None,
                    phrase=None) -> Filtered:
    from factlint.filter import suppress
    from factlint.ruleset import PSEUDO_RULES

    findings = suppress.apply_suppressions(
        findings, documents, file_ignores=settings.ignored_rules_for,
        active_rules=active_rules, known_rules=known_rules | set(PSEUDO_RULES), phrase=phrase)
    findings = [f for f in findings if settings.rule_enabled(f.rule)]
    if write_baseline:
        from factlint.filter import baseline as baseline_file

        return Filtered([], baseline_written=baseline_file.write(write_baseline, findings))
    notices: list[str] = []
    if baseline:
        from factlint.filter import baseline as baseline_file

        kept = baseline_file.apply(findings, baseline_file.read(baseline))
        notices = kept.messages(baseline)
        findings = kept.findings
    if focus is not None:
        from factlint.filter.focus import filter_findings as in_focus

        findings = in_focus(findings, focus)
    return Filtered(findings, notices)
