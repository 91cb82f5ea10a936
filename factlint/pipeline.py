"""The pipeline, stage by stage: load → normalize → extract → compare → report."""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass, field
from pathlib import Path

from factlint import __version__
from factlint.claims import Claim
from factlint.compare import Finding, build_rules, compare
from factlint.errors import FactlintError
from factlint.extract import extract_document, load_extractors
from factlint.lexicon import Lexicon
from factlint.load import DEFAULT_EXTENSIONS, decode, discover, read
from factlint.normalize.structure import segment
from factlint.normalize.text import Document, make_document
from factlint.ruleset import SEVERITY_RANK, load_ruleset


GC_WORK_CHARS = 1_000_000  # extraction of more text than this runs with the cyclic GC on


@dataclass
class Context:
    """Everything built once per run from the rule folders."""

    ruleset: object
    lexicon: Lexicon
    rules: list
    _extractors: list | None = None

    @property
    def extractors(self) -> list:
        # built on first use: a fully cached run never compiles the extractors' large patterns
        if self._extractors is None:
            self._extractors = load_extractors(self.lexicon)
        return self._extractors


def build_context(rule_folders: list[Path], select=None, ignore=None) -> Context:
    ruleset = load_ruleset(rule_folders)
    lexicon = Lexicon(ruleset.vocabulary)
    specs = [s for s in ruleset.rules
             if (not select or s.id in select) and not (ignore and s.id in ignore)]
    return Context(ruleset, lexicon, build_rules(specs, lexicon))


def prepare(path: str, raw: str, lexicon: Lexicon) -> Document:
    """normalize: working text, offset map, zones and sentences."""
    doc = make_document(path, raw)
    segment(doc, lexicon)
    return doc


def process(path: str, raw: str, ctx: Context) -> tuple[Document, list[Claim]]:
    """The per-document unit of work: normalize and extract one decoded file."""
    doc = prepare(path, raw, ctx.lexicon)
    return doc, extract_document(doc, ctx.extractors)


@dataclass
class Result:
    documents: dict[str, Document]
    claims: list[Claim]
    findings: list[Finding]
    rules: list
    version: str = __version__
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def summary(self) -> dict:
        count = {s: sum(1 for f in self.findings if f.severity == s) for s in ("error", "warning", "info")}
        return {"documents": len(self.documents), "claims": len(self.claims),
                "errors": count["error"], "warnings": count["warning"], "infos": count["info"]}

    def failing(self, fail_on: str) -> bool:
        return any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on] for f in self.findings)


def run(paths: list[str], ctx: Context, extensions=DEFAULT_EXTENSIONS, *,
        cache_dir: str | None = None, jobs: int | None = None,
        discovered: bool = False) -> Result:
    """`cache_dir`: folder holding .factlint_cache/ (None: no cache); `jobs`: worker
    processes for large corpora (None: FACTLINT_JOBS or the CPUs; see parallel.py);
    `discovered`: `paths` are the files themselves, as `load.discover` returned them."""
    from factlint import cache as cache_mod
    from factlint.parallel import Progress, extract_corpus

    warnings: list[str] = []
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    files = paths if discovered else discover(paths, extensions, warn=warnings.append)
    cache = None
    if cache_dir is not None:
        cache = cache_mod.Cache(cache_mod.cache_root(cache_dir),
                                cache_mod.fingerprint(ctx.ruleset.vocabulary))
    # Per file, in corpus order: (Document, claims) when the cache had it (the file is not
    # even decoded: its Document decodes the bytes if a report ever needs the text), else
    # the index of the file in `todo`, the decoded files to extract.
    slots: list = []
    todo: list[tuple[str, str, str]] = []
    todo_notes: list[tuple[str, ...]] = []
    digest = cache_mod.digest
    t_cache = 0.0
    total_bytes = 0
    # Reading cache entries back makes many small objects and no reference cycles: the
    # cyclic garbage collector, which would scan them over and over, is paused meanwhile.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for f in files:
            try:
                src = read(f)
            except FactlintError as exc:  # one bad file never stops the corpus
                warnings.append(str(exc))
                continue
            key = digest(src.data)
            total_bytes += len(src.data)
            if cache is not None:
                t1 = time.perf_counter()
                entry = cache.get(key)
                if entry is not None:
                    try:
                        slots.append(cache_mod.restore(entry, src.path, src.data))
                    except (KeyError, TypeError, ValueError):  # a malformed entry: recompute
                        cache.bad(key)
                    else:
                        notes = cache_mod.entry_notes(entry)
                        if notes:
                            warnings.extend(f"{src.path}: {note}" for note in notes)
                        t_cache += time.perf_counter() - t1
                        continue
                t_cache += time.perf_counter() - t1
            try:
                dec = decode(src)
            except FactlintError as exc:
                warnings.append(str(exc))
                continue
            warnings.extend(f"{dec.path}: {note}" for note in dec.notes)
            slots.append(len(todo))
            todo.append((dec.path, dec.raw, key))
            todo_notes.append(tuple(dec.notes))
    finally:
        if gc_was_enabled:
            gc.enable()
    src = dec = None  # noqa: F841 — the last file's bytes (up to 64 MB) are not needed any more
    timings["load"] = time.perf_counter() - t0 - t_cache
    timings["cache"] = t_cache

    t0 = time.perf_counter()
    progress = Progress(len(slots), total_bytes)
    progress.advance(len(slots) - len(todo), 0)
    if not gc_was_enabled and sum(len(raw) for _, raw, _ in todo) > GC_WORK_CHARS:
        gc.enable()  # much extraction (here or in forked workers): collect its garbage cycles
    try:
        done = extract_corpus(todo, ctx, cache=cache, jobs=jobs, progress=progress,
                              timings=timings, lookup=False, notes=todo_notes)
    finally:
        if not gc_was_enabled:
            gc.disable()
    documents: dict[str, Document] = {}
    claims: list[Claim] = []
    for slot in slots:
        doc, doc_claims = done[slot] if isinstance(slot, int) else slot
        documents[doc.path] = doc
        claims.extend(doc_claims)
    if cache is not None:
        cache.flush()
        timings["cache-hits"] = cache.hits
    timings["extract-wall"] = time.perf_counter() - t0 + t_cache

    t0 = time.perf_counter()
    gc.disable()  # comparison also makes many small objects (groups, tallies) and no cycles
    try:
        findings = compare(claims, ctx.rules)
    finally:
        if gc_was_enabled:
            gc.enable()
    timings["compare"] = time.perf_counter() - t0
    return Result(documents, claims, findings, [r.spec for r in ctx.rules], warnings=warnings,
                  timings=timings)
