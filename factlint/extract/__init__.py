"""Stage 3 — extract: claim kinds are plug-ins behind one interface.

Each extractor module defines a subclass of `Extractor` and registers it with
`@register`. Extractors run in registration order on one document at a time; a later
kind may read the claims of an earlier one (a visit needs the people of its sentence).
"""

from __future__ import annotations

from typing import ClassVar, Iterable

from factlint.claims import Claim
from factlint.normalize.text import Document

REGISTRY: list[type["Extractor"]] = []


class Extractor:
    kind: ClassVar[str]

    def __init__(self, lexicon):
        self.lexicon = lexicon

    def extract(self, doc: Document, found: dict[str, list[Claim]]) -> Iterable[Claim]:
        raise NotImplementedError


def register(cls: type[Extractor]) -> type[Extractor]:
    REGISTRY.append(cls)
    return cls


def load_extractors(lexicon) -> list[Extractor]:
    # importing the modules registers them, in this order
    from factlint.extract import person, visit, spelling  # noqa: F401

    return [cls(lexicon) for cls in REGISTRY]


def extract_document(doc: Document, extractors: list[Extractor]) -> list[Claim]:
    found: dict[str, list[Claim]] = {}
    for ex in extractors:
        found.setdefault(ex.kind, []).extend(ex.extract(doc, found))
    return [c for claims in found.values() for c in claims]
