import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(scope="session")
def rules():
    """The default rules, built once for the whole session."""
    from factlint.config import Settings
    from factlint.pipeline import load_rules

    return load_rules(Settings())


def run_paths(paths, rules, cache_root=None, **job):
    """The pipeline on some paths with the default settings (no cache unless a folder to
    hold .factlint_cache/ is given)."""
    from factlint.config import Settings
    from factlint.pipeline import Job, run

    settings = Settings.model_validate({"paths": [str(p) for p in paths],
                                        "__root": str(cache_root or Path.cwd())})
    return run(settings, Job(cache=cache_root is not None, **job), rules=rules)


@pytest.fixture
def lint(tmp_path, rules):
    """Lint a small corpus given as {name: text} (or a list of texts)."""

    def _lint(docs, with_rules=None):
        if isinstance(docs, (list, tuple)):
            docs = {f"doc{i}.txt": t for i, t in enumerate(docs)}
        folder = tmp_path / "corpus"
        folder.mkdir(exist_ok=True)
        for name, text in docs.items():
            (folder / name).write_text(text, encoding="utf-8")
        return run_paths([folder], with_rules or rules)

    return _lint


@pytest.fixture
def claims_of(rules):
    """The claims of one kind read from a text."""
    from factlint.pipeline import DocumentStages

    stages = DocumentStages(rules)

    def _claims(text: str, kind: str, path: str = "t.txt"):
        return [c for c in stages.extract(stages.normalize(path, text)) if c.kind == kind]

    return _claims


@pytest.fixture
def seeds_copy(tmp_path):
    dest = tmp_path / "seeds"
    shutil.copytree(SEEDS, dest)
    return dest


def run_cli(*args, cwd=None, **kw):
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTLINT")}
    return subprocess.run([sys.executable, "-m", "factlint", *map(str, args)], cwd=cwd or REPO,
                          capture_output=True, text=True, env=env, timeout=300, **kw)


def outliers(result, rule=None):
    """The outlier texts of each finding (of one rule)."""
    return sorted(c.display or c.value for f in result.findings if rule in (None, f.rule)
                  for c in f.sides[:f.outliers])


def make_rules(folders, **settings):
    """Rules from these folders only (settings keys as in [tool.factlint], e.g. select=[…])."""
    from factlint.config import Settings
    from factlint.pipeline import load_rules

    return load_rules(Settings.model_validate(
        {"rules": [str(f) for f in folders], "default-rules": False, **settings}))
