"""`json`: the stable machine-readable output (schema in the README, version 1)."""

from __future__ import annotations

from pydantic import BaseModel

from factlint.report import location


class Location(BaseModel):
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    value: str


class FindingOut(BaseModel):
    rule: str
    severity: str
    message: str
    subject: str
    expected: str | None
    values: list[str]
    locations: list[Location]


class Summary(BaseModel):
    documents: int
    claims: int
    errors: int
    warnings: int
    infos: int


class Report(BaseModel):
    version: int = 1
    summary: Summary
    findings: list[FindingOut]


def build(result) -> Report:
    findings = [
        FindingOut(rule=f.rule, severity=f.severity, message=f.message, subject=f.subject,
                   expected=f.expected, values=f.values,
                   locations=[Location(**location(result, c)) for c in f.sides])
        for f in result.findings
    ]
    return Report(summary=Summary(**result.summary), findings=findings)


def render(result) -> str:
    return build(result).model_dump_json(indent=2) + "\n"
