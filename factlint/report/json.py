"""`json`: the stable machine-readable output (schema in the README, version 1).

A finding lists at most MAX_LOCATIONS of its sides (the outliers first, then the sides
they disagree with) and counts the rest in `omitted_locations`: a variant written once
against a name written 4,000 times is one short finding, not 4,000 locations, so the
output grows with the number of findings, not with findings x mentions."""

from __future__ import annotations

from pydantic import BaseModel

from factlint.report import location
from factlint.report.escape import json_safe


class Location(BaseModel):
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    value: str


MAX_LOCATIONS = 50  # sides listed per finding
MAX_OUTLIER_LOCATIONS = 25  # of which outliers at most (the other sides fill the rest)


class FindingOut(BaseModel):
    rule: str
    severity: str
    message: str
    subject: str
    expected: str | None
    values: list[str]
    locations: list[Location]
    omitted_locations: int = 0  # sides not listed


def listed_sides(f, limit: int = MAX_LOCATIONS, outliers: int = MAX_OUTLIER_LOCATIONS) -> list:
    """The sides a report lists: up to `outliers` outliers, then other sides up to `limit`."""
    first = f.sides[:min(f.outliers, outliers)]
    return first + f.sides[f.outliers:f.outliers + limit - len(first)]


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
    findings = []
    for f in result.findings:
        sides = listed_sides(f)
        findings.append(FindingOut(rule=f.rule, severity=f.severity, message=f.message,
                                   subject=f.subject, expected=f.expected, values=f.values,
                                   locations=[Location(**location(result, c)) for c in sides],
                                   omitted_locations=len(f.sides) - len(sides)))
    return Report(summary=Summary(**result.summary), findings=findings)


def render(result) -> str:
    return json_safe(build(result).model_dump_json(indent=2)) + "\n"
