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
    order: ClassVar[int] = 50  # extractors run by order; a kind that reads another runs after it

    def __init__(self, lexicon):
        self.lexicon = lexicon

    def extract(self, doc: Document, found: dict[str, list[Claim]]) -> Iterable[Claim]:
        raise NotImplementedError


def register(cls: type[Extractor]) -> type[Extractor]:
    if cls not in REGISTRY:
        REGISTRY.append(cls)
    return cls


def load_extractors(lexicon) -> list[Extractor]:
    import importlib
    import pkgutil

    import factlint.extract as pkg

    for mod in pkgutil.iter_modules(pkg.__path__):  # importing a module registers its kind
        importlib.import_module(f"factlint.extract.{mod.name}")
    return [cls(lexicon) for cls in sorted(REGISTRY, key=lambda c: (c.order, c.kind))]


def extract_document(doc: Document, extractors: list[Extractor]) -> list[Claim]:
    from factlint.lexicon import forget_lowered

    found: dict[str, list[Claim]] = {}
    for ex in extractors:
        found.setdefault(ex.kind, []).extend(ex.extract(doc, found))
    forget_lowered()
    return [c for claims in found.values() for c in claims]
