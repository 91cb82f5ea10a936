"""Focus: run over the whole corpus, report only findings that touch some files.

A conflict is between documents, so the whole corpus is always read; focus only decides
which findings are shown: those with at least one side in a focus file. The focus files
come from git itself, never from a file list handed over in batches (pre-commit would
split a large commit into batches, and a conflict between two staged articles would be
missed or reported twice):

    --staged              git diff --cached --name-only --diff-filter=ACMR
    --changed-since REF   git diff --name-only --diff-filter=ACMR REF...HEAD
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from factlint.errors import FactlintError


def _git(args: list[str], cwd: str | Path | None = None) -> str:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              encoding="utf-8", errors="surrogateescape")
    except FileNotFoundError:
        raise FactlintError("git not found (needed for --staged / --changed-since)") from None
    if proc.returncode != 0:
        msg = (proc.stderr.strip().splitlines() or ["failed"])[-1]
        raise FactlintError(f"git {' '.join(args[:2])}: {msg}")
    return proc.stdout


def _top(cwd=None) -> Path:
    return Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())


def _names(out: str, top: Path) -> set[str]:
    return {os.path.realpath(top / name) for name in out.split("\0") if name}


def staged_files(cwd: str | Path | None = None) -> set[str]:
    """Absolute real paths of files added, copied, modified or renamed in the index."""
    top = _top(cwd)
    return _names(_git(["diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z"], top), top)


SHALLOW_HINT = ("a CI checkout may be shallow: fetch the whole history (actions/checkout "
                "with fetch-depth: 0, see docs/ci.md)")


def changed_since(ref: str, cwd: str | Path | None = None) -> set[str]:
    """Absolute real paths of files changed on this branch since it left REF (REF...HEAD)."""
    if ref.startswith("-"):
        raise FactlintError(f"--changed-since: {ref!r} is not a git revision")
    top = _top(cwd)
    for rev, problem in ((ref, f"unknown git revision {ref!r}"), ("HEAD", "no commit yet (HEAD)")):
        try:
            _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top)
        except FactlintError:
            raise FactlintError(f"--changed-since: {problem}; {SHALLOW_HINT}") from None
    try:
        _git(["merge-base", ref, "HEAD"], top)
    except FactlintError:
        raise FactlintError(f"--changed-since: {ref!r} and HEAD share no history; {SHALLOW_HINT}") from None
    return _names(_git(["diff", "--name-only", "--diff-filter=ACMR", "-z", f"{ref}...HEAD"], top), top)


def _real(path: str) -> str:
    return os.path.realpath(path)


def touches(finding, focus: set[str]) -> bool:
    return any(_real(c.doc) in focus for c in finding.sides)


def filter_findings(findings: list, focus: set[str]) -> list:
    """Findings with at least one side in a focus file (paths as given by staged_files)."""
    cache: dict[str, bool] = {}

    def hit(doc: str) -> bool:
        if doc not in cache:
            cache[doc] = _real(doc) in focus
        return cache[doc]

    return [f for f in findings if any(hit(c.doc) for c in f.sides)]


def any_in(files, focus: set[str]) -> bool:
    """Whether any corpus file is in focus (when none is, the run can be skipped)."""
    return any(_real(str(p)) in focus for p in files)
