"""The claim: one fact read from one place in one document.

A plain dataclass because extraction makes many of them; `ClaimModel` is the pydantic
form used where claims leave the program (JSON, the cache).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from pydantic import BaseModel


@dataclass(slots=True)
class Claim:
    kind: str  # person, visit, date, quantity, event, spelling, …
    subject: str  # key of what the claim is about ("ilham aliyev", "tô lâm > belarus")
    attribute: str  # which property of the subject ("name", "level", "end", …)
    value: str  # normalized value: what is compared
    text: str  # the words as written (working text)
    doc: str  # document path
    start: int  # span in the working text of the document
    end: int
    zone: str = "body"
    sentence: tuple[int, int] | None = None
    display: str = ""  # the value as written, for messages
    when: str | None = None  # ISO date (or YYYY-MM / YYYY) the claim refers to
    data: dict[str, Any] = field(default_factory=dict)  # kind-specific details

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "Claim":
        d = dict(d)
        if d.get("sentence") is not None:
            d["sentence"] = tuple(d["sentence"])
        return cls(**d)


class ClaimModel(BaseModel):
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
    when: str | None = None
    data: dict[str, Any] = {}
