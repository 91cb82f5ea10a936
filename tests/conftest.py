import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(scope="session")
def context():
    from factlint.pipeline import build_context
    from factlint.ruleset import default_rules_dir

    return build_context([default_rules_dir()])


@pytest.fixture
def lint(tmp_path, context):
    """Lint a small corpus given as {name: text} (or a list of texts)."""
    from factlint.pipeline import run

    def _lint(docs, ctx=None):
        if isinstance(docs, (list, tuple)):
            docs = {f"doc{i}.txt": t for i, t in enumerate(docs)}
        folder = tmp_path / "corpus"
        folder.mkdir(exist_ok=True)
        for name, text in docs.items():
            (folder / name).write_text(text, encoding="utf-8")
        return run([str(folder)], ctx or context)

    return _lint


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
