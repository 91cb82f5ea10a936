"""Baseline: accept the findings a corpus has today, report only new ones.

`--write-baseline FILE` records every current finding as (rule, subject, set of values) —
never a path, line or column, so editing an article (inserting lines above a finding,
renaming nothing) does not bring an accepted finding back. `--baseline FILE` hides
findings whose key is recorded (as many times as recorded), says on stderr how many were
hidden, and lists the recorded entries that no longer occur so the baseline can shrink.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from factlint.errors import FactlintError
from factlint.model import Finding
from factlint.safety import read_bytes

FORMAT = "factlint-baseline"
VERSION = 1
BASELINE_BYTES = 64 * 2**20

Key = tuple[str, str, tuple[str, ...]]


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rule: str
    subject: str
    values: list[str] = Field(min_length=1)
    count: int = Field(1, ge=1)

    def key(self) -> Key:
        return (self.rule, self.subject, tuple(sorted(set(self.values))))


class BaselineFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    format: str = FORMAT
    version: int = VERSION
    findings: list[Entry] = []


def key(f: Finding) -> Key:
    return (f.rule, f.subject, tuple(sorted(set(f.values))))


def build(findings: list[Finding]) -> BaselineFile:
    counts = Counter(key(f) for f in findings)
    return BaselineFile(findings=[Entry(rule=r, subject=s, values=list(v), count=n)
                                  for (r, s, v), n in sorted(counts.items())])


def write(path: str | Path, findings: list[Finding]) -> int:
    """Write the baseline; returns the number of findings recorded."""
    data = build(findings).model_dump()
    try:
        Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise FactlintError(f"{path}: cannot write baseline ({exc.strerror or exc})") from None
    return len(findings)


def read(path: str | Path) -> BaselineFile:
    try:
        data = json.loads(read_bytes(path, BASELINE_BYTES).decode("utf-8"))
    except FileNotFoundError:
        raise FactlintError(f"{path}: baseline file not found") from None
    except OSError as exc:
        raise FactlintError(f"{path}: cannot read baseline ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise FactlintError(f"{path}: not a baseline (not UTF-8, byte {exc.start})") from None
    except RecursionError:  # json recurses once per level of nesting
        raise FactlintError(f"{path}: not a baseline (JSON nested too deeply)") from None
    except json.JSONDecodeError as exc:
        raise FactlintError(f"{path}: not a baseline (invalid JSON: {exc.msg}, line {exc.lineno})") from None
    try:
        base = BaselineFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        msg = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
        raise FactlintError(f"{path}: not a baseline ({loc}: {msg})") from None
    if base.format != FORMAT or base.version != VERSION:
        raise FactlintError(f"{path}: not a {FORMAT} version {VERSION} file")
    return base


@dataclass
class Filtered:
    findings: list[Finding]  # what is still reported
    hidden: int = 0
    stale: list[Entry] = field(default_factory=list)  # recorded, no longer occurring (count = missing)

    def messages(self, path: str) -> list[str]:
        lines = [f"{self.hidden} finding{'s' * (self.hidden != 1)} hidden by baseline {path}"]
        for e in self.stale:
            times = f" ({e.count}×)" if e.count > 1 else ""
            lines.append(f"baseline entry no longer occurs{times}: {e.rule} "
                         f"{e.subject!r}: {' / '.join(e.values)}")
        return lines


def apply(findings: list[Finding], base: BaselineFile) -> Filtered:
    remaining = Counter()
    for e in base.findings:
        remaining[e.key()] += e.count
    kept: list[Finding] = []
    hidden = 0
    for f in findings:
        k = key(f)
        if remaining[k] > 0:
            remaining[k] -= 1
            hidden += 1
        else:
            kept.append(f)
    stale = [Entry(rule=r, subject=s, values=list(v), count=n)
             for (r, s, v), n in sorted(remaining.items()) if n > 0]
    return Filtered(kept, hidden, stale)
