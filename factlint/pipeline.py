"""The pipeline, in one function: load → normalize → extract → compare → filter → render.

    run(settings, job, render)   `factlint PATH…`
    read_claims(settings, job)   `factlint claims`: the stages up to extract
    lint_texts(texts, rules)     a few texts in memory (rule examples, editors)

Each stage is one call into its own package:

    load       factlint/load.py        find the files, read and decode them
    normalize  factlint/normalize/     working text, zones, sentences, reference date
    extract    factlint/extract/       claims, one plug-in per claim kind
    compare    factlint/compare/       findings, one plug-in per rule type
    filter     factlint/filter/        suppressions, baseline, focus
    render     factlint/report/        one module per output format

What passes between them is typed in factlint/model.py. How the per-document stages run
(content-hash cache, worker processes, garbage-collector pauses) is factlint/executor.py's
business; rule files are read and validated once per run (factlint/ruleset.py).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from factlint import __version__
from factlint.filter import filter_findings
from factlint.load import DEFAULT_EXTENSIONS
from factlint.model import Claim, Finding


@dataclass
class Job:
    """What one run is asked for beyond the project settings (the command line)."""

    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    lang: str = "en"  # language of the messages
    cache: bool = True  # read and write .factlint_cache/ in the settings' root
    jobs: int | None = None  # worker processes (None: FACTLINT_JOBS or the CPUs)
    staged: bool = False  # report only findings with a side in a file staged in git
    changed_since: str | None = None  # … in a file changed in REF...HEAD
    baseline: str | None = None  # hide the findings recorded in this file
    write_baseline: str | None = None  # record the findings in this file instead
    output: str | None = None  # where the report goes (markdown links are relative to it)
    # texts that stand for files (standard input, an editor's unsaved buffer): path -> the
    # text as written; a path outside the corpus joins it
    overrides: dict[str, str] = field(default_factory=dict)


@dataclass
class Rules:
    """Everything built once per run from the rule folders."""

    ruleset: object  # ruleset.Ruleset: the rule specs and the merged vocabulary
    lexicon: object  # lexicon.Lexicon: the vocabulary compiled
    checks: list  # the compare-stage rule objects that run
    known: set[str]  # ids of every rule of the folders, running or not
    phrase: object = None  # messages.Phrasebook: the vocabulary's phrases in the run's language
    fingerprint: str = ""  # what the findings depend on besides the claims
    _extractors: list | None = None

    @property
    def extractors(self) -> list:
        # built on first use: a fully cached run never compiles the extractors' patterns
        if self._extractors is None:
            from factlint.extract import load_extractors

            self._extractors = load_extractors(self.lexicon)
        return self._extractors


def load_rules(settings, lang: str = "en", cache_root: Path | None = None) -> Rules:
    """The rules of the settings' folders, configured by select/ignore/[rule.<id>]."""
    from factlint.compare import build_checks
    from factlint.lexicon import Lexicon
    from factlint.messages import Phrasebook
    from factlint.ruleset import configure, load_ruleset

    ruleset = load_ruleset(settings.rule_folders(), cache_root)
    lexicon = Lexicon(ruleset.vocabulary)
    specs = configure(ruleset, settings.selection())
    fingerprint = hashlib.sha256(json.dumps(
        [ruleset.key, lang, [s.model_dump(exclude={"source", "examples"}) for s in specs]],
        sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:24]
    return Rules(ruleset, lexicon, build_checks(specs, lexicon, lang), {s.id for s in ruleset.rules},
                 Phrasebook(ruleset.vocabulary.messages, lang), fingerprint)


class DocumentStages:
    """The per-document stages, which the executor runs on every file it cannot take from
    the cache: normalize (with the reference date), then extract."""

    def __init__(self, rules: Rules):
        self.rules = rules

    def prepare(self) -> None:
        """Build what every document needs, once (before worker processes fork)."""
        self.rules.extractors  # noqa: B018
        self.rules.lexicon.dates  # noqa: B018

    def normalize(self, path: str, raw: str):
        from factlint.normalize.reference import settle_reference
        from factlint.normalize.structure import segment
        from factlint.normalize.text import make_document

        lexicon = self.rules.lexicon
        doc = make_document(path, raw)
        segment(doc, lexicon)
        doc.reference = settle_reference(doc, lexicon.dates)
        return doc

    def extract(self, doc) -> list[Claim]:
        from factlint.extract import extract_document

        return extract_document(doc, self.rules.extractors)


@dataclass
class Result:
    documents: dict
    claims: list[Claim]
    findings: list[Finding]
    rules: list  # the specs of the rules that ran
    version: str = __version__
    warnings: list[str] = field(default_factory=list)  # one line per file with a problem
    notices: list[str] = field(default_factory=list)  # what the baseline hid
    timings: dict[str, float] = field(default_factory=dict)
    phrase: object = None  # messages.Phrasebook: the report's words, in its language
    output: str | None = None
    baseline_written: int | None = None
    text: str | None = None  # the rendered report

    @property
    def summary(self) -> dict:
        count = {s: sum(1 for f in self.findings if f.severity == s) for s in ("error", "warning", "info")}
        return {"documents": len(self.documents), "claims": len(self.claims),
                "errors": count["error"], "warnings": count["warning"], "infos": count["info"]}


def run(settings, job: Job, render: Callable[[Result], str] | None = None,
        rules: Rules | None = None) -> Result:
    """The whole run. `rules` may be given when they were built before (tests, editors)."""
    rules = rules or load_rules(settings, job.lang, _cache_root(settings, job))
    warnings: list[str] = []
    files = find_documents(settings, job, warnings.append)                     # load
    focus = focus_files(job)
    if focus is not None and not _any_in([*files, *job.overrides], focus):
        files = []  # no finding could touch the focus: nothing to read
    with make_executor(settings, job, rules, warnings) as executor:
        documents, claims = read_documents(executor, files, rules, job.overrides)  # load, normalize, extract
        findings = executor.call("compare", compare_claims, claims, rules, remember=True)  # compare
    kept = filter_findings(findings, documents, settings, rules.known,          # filter
                           {r.id for r in rules.checks}, baseline=job.baseline,
                           write_baseline=job.write_baseline, focus=focus, phrase=rules.phrase)
    result = Result(documents, claims, kept.findings, _specs(rules), warnings=warnings,
                    notices=kept.notices, timings=executor.timings, phrase=rules.phrase,
                    output=job.output, baseline_written=kept.baseline_written)
    if render is not None and kept.baseline_written is None:
        result.text = executor.call("report", render, result)                   # render
    return result


def read_claims(settings, job: Job, paths: list[str], rules: Rules | None = None) -> Result:
    """The documents and their claims, for `factlint claims` (no comparison)."""
    from factlint.load import discover

    rules = rules or load_rules(settings, job.lang, _cache_root(settings, job))
    warnings: list[str] = []
    files = discover(paths, job.extensions, warn=warnings.append)
    with make_executor(settings, job, rules, warnings) as executor:
        documents, claims = executor.run(files, DocumentStages(rules))
    return Result(documents, claims, [], _specs(rules), warnings=warnings, timings=executor.timings)


def lint_texts(texts: list[str], rules: Rules, names: list[str] | None = None) -> Result:
    """Texts in memory, each a document (`doc1.txt`, … unless named), compared with each
    other; no cache, no suppression, no baseline."""
    stages = DocumentStages(rules)
    documents, claims = {}, []
    for i, text in enumerate(texts):
        doc = stages.normalize(names[i] if names else f"doc{i + 1}.txt", text)
        documents[doc.path] = doc
        claims.extend(stages.extract(doc))
    return Result(documents, claims, compare_claims(claims, rules), _specs(rules), phrase=rules.phrase)


# ---- the stages' calls -----------------------------------------------------------------------

def find_documents(settings, job: Job, warn) -> list[str]:
    """load: the corpus files the settings want."""
    from factlint.errors import FactlintError
    from factlint.load import discover

    paths = settings.corpus()
    if not paths:
        raise FactlintError("usage: no PATH given and no `paths` in [tool.factlint] (try: factlint seeds/)")
    return [f for f in discover(paths, job.extensions, warn=warn) if settings.wants(f)]


def make_executor(settings, job: Job, rules: Rules, warnings: list[str]):
    """The executor of this run, with the cache of the settings' root unless --no-cache."""
    from factlint.executor import Executor

    cache = None
    root = _cache_root(settings, job)
    if root is not None:
        from factlint.cache import Cache, fingerprint

        cache = Cache(root, fingerprint(rules.ruleset.vocabulary))
    return Executor(cache=cache, jobs=job.jobs, warn=warnings.append)


def read_documents(executor, files: list[str], rules: Rules, overrides: dict[str, str] | None = None):
    """load → normalize → extract, per document (cached, maybe in worker processes); the
    texts of `overrides` (standard input, an editor's unsaved buffer) stand for their files
    and join the corpus when outside it. Only a corpus read from its files may have its
    findings stored for the next run."""
    stages = DocumentStages(rules)
    if not overrides:
        return executor.run(files, stages, memo=rules.fingerprint)
    given = {_real(path): (path, text) for path, text in overrides.items()}
    documents, claims = executor.run([f for f in files if _real(f) not in given], stages)
    by_doc: dict[str, list[Claim]] = {}
    for c in claims:
        by_doc.setdefault(c.doc, []).append(c)
    in_corpus = {_real(f): f for f in files}
    for real, (path, text) in given.items():
        doc = stages.normalize(in_corpus.get(real, path), text)  # the corpus's name for it
        documents[doc.path] = doc
        by_doc[doc.path] = stages.extract(doc)
        if real not in in_corpus:
            files = [*files, path]
    order = {_real(f): i for i, f in enumerate(files)}
    paths = sorted(documents, key=lambda p: order.get(_real(p), len(order)))
    return {p: documents[p] for p in paths}, [c for p in paths for c in by_doc.get(p, ())]


def _real(path: str) -> str:
    import os

    return os.path.realpath(path)


def compare_claims(claims: list[Claim], rules: Rules) -> list[Finding]:
    """compare: every rule over every claim."""
    from factlint.compare import compare

    return compare(claims, rules.checks)


def focus_files(job: Job) -> set[str] | None:
    """filter: the files findings must touch (from git), or None for no focus."""
    if not (job.staged or job.changed_since):
        return None
    from factlint.filter import focus

    return focus.staged_files() if job.staged else focus.changed_since(job.changed_since)


def _any_in(files, focus) -> bool:
    from factlint.filter.focus import any_in

    return any_in(files, focus)


def _cache_root(settings, job: Job) -> Path | None:
    """The cache folder (.factlint_cache/ in the settings' root), or None: no cache."""
    from factlint.cache import CACHE_DIR

    return Path(settings.root) / CACHE_DIR if job.cache else None


def _specs(rules: Rules) -> list:
    return [r.spec for r in rules.checks]
