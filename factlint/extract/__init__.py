"""Stage 3 — extract: claim kinds are plug-ins behind one interface.

Each module factlint/extract/<kind>.py defines one `Extractor` subclass, listed in
factlint/registry.py. An extractor reads one document (its text, zones, sentences and
reference date, settled by the normalize stage) and the claims of the kinds it `needs`;
extractors run in an order that gives every one its needs.
"""

from __future__ import annotations

from typing import ClassVar, Iterable, Mapping

from factlint.model import Claim


class Extractor:
    kind: ClassVar[str]
    needs: ClassVar[tuple[str, ...]] = ()  # claim kinds this extractor reads

    def __init__(self, lexicon):
        self.lexicon = lexicon

    def extract(self, doc, found: Mapping[str, list[Claim]]) -> Iterable[Claim]:
        raise NotImplementedError


def load_extractors(lexicon) -> list[Extractor]:
    """Every registered extractor, each after those whose claims it needs."""
    from factlint.registry import CLAIM_KINDS, extractor_class

    classes = {kind: extractor_class(kind) for kind in CLAIM_KINDS}
    ordered: list[str] = []

    def visit(kind: str, path: tuple[str, ...]) -> None:
        if kind in ordered:
            return
        if kind in path:
            raise RuntimeError(f"extractors need each other: {' -> '.join(path + (kind,))}")
        for need in classes[kind].needs:
            visit(need, path + (kind,))
        ordered.append(kind)

    for kind in CLAIM_KINDS:
        visit(kind, ())
    return [classes[kind](lexicon) for kind in ordered]


def extract_document(doc, extractors: list[Extractor]) -> list[Claim]:
    from factlint.lexicon import forget_lowered

    found: dict[str, list[Claim]] = {}
    for ex in extractors:
        found.setdefault(ex.kind, []).extend(ex.extract(doc, found))
    forget_lowered()
    return [c for claims in found.values() for c in claims]
