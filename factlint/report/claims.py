"""`factlint claims`: the claims read, as a table for people or as JSON lines for tools.

JSON lines (`--format jsonl`) give one object per claim, in document order:

    {"kind": "person", "subject": "ilham aliyev", "attribute": "name", "value": "ilham aliyev",
     "text": "Ilham Aliyev", "path": "seeds/003.txt", "line": 3, "column": 85, "end_line": 3,
     "end_column": 97, "zone": "body", "when": "2025-05-14", "payload": {"name": "Ilham Aliyev", …}}

`text` is the file's own words at the span, `when` the date the claim refers to (ISO:
"2025", "2025-05", "2025-05-14", "????-05-14" when the year is unknown) and `payload` the
kind's typed details (factlint/model.py), dates as ISO text.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from factlint.model import COMPARED_ZONES, payload_dict
from factlint.report import location
from factlint.report.escape import json_safe, printable, terminal_safe


class ClaimRecord(BaseModel):
    kind: str
    subject: str
    attribute: str
    value: str
    text: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    zone: str
    when: str | None
    payload: dict[str, Any]


def _claims(result, kinds: set[str], all_zones: bool):
    for c in sorted(result.claims, key=lambda c: (c.doc, c.start)):
        if kinds and c.kind not in kinds:
            continue
        if not all_zones and c.zone not in COMPARED_ZONES:
            continue
        yield c


def render_claims(result, fmt: str, kinds: set[str] = frozenset(), all_zones: bool = False) -> str:
    if fmt == "jsonl":
        lines = []
        for c in _claims(result, kinds, all_zones):
            loc = location(result, c)
            record = ClaimRecord(kind=c.kind, subject=c.subject, attribute=c.attribute, value=c.value,
                                 text=loc["text"], path=loc["path"], line=loc["line"],
                                 column=loc["column"], end_line=loc["end_line"],
                                 end_column=loc["end_column"], zone=c.zone,
                                 when=c.when.iso() if c.when else None, payload=payload_dict(c.data))
            lines.append(json_safe(record.model_dump_json()) + "\n")
        return "".join(lines)
    from tabulate import tabulate

    rows = []
    for c in _claims(result, kinds, all_zones):
        loc = location(result, c)
        rows.append([f'{printable(loc["path"])}:{loc["line"]}:{loc["column"]}', c.kind, printable(c.subject),
                     c.attribute, printable(c.display or c.value), c.when.iso() if c.when else "", c.zone])
    return terminal_safe(tabulate(rows, headers=["location", "kind", "subject", "attribute", "value", "when",
                                                 "zone"]) + "\n")
