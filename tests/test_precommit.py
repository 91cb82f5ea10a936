"""The pre-commit hooks, run by the real pre-commit in a throw-away git repository, and the
git focus (--staged, --changed-since) they rely on.

The hooks are declared in .pre-commit-hooks.yaml with `language: python`, which makes
pre-commit build a virtualenv and install factlint and its dependencies from PyPI. That is
what users get, but it needs the network and minutes, so the test turns the published
hook definitions into a `repo: local` hook (same id, entry flags, pass_filenames,
require_serial, files, stages) run with `language: system` by the Python under test.
Every other part is real: `pre-commit install`, `git commit` running the installed hook,
pre-commit's own file filtering and stashing. Set FACTLINT_TRY_REPO=1 to also run
`pre-commit try-repo` against this checkout (network, slow).
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")
pytest.importorskip("pre_commit")
if shutil.which("git") is None:
    pytest.skip("git not available", allow_module_level=True)

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
GOOD_A, GOOD_B = "000_cf5f54279f3bea86.txt", "001_470c9a7835538eab.txt"  # spell "Ilham Aliyev"
INHAM = "003_d671c4e71e4553ce.txt"  # misspells him "Inham Aliyev"
OLD_CONFLICT = "004_30a8aa393b8066a4.txt"  # a conflict inside itself (two names for one ambassador)
UNRELATED = "Hà Nội mưa lớn suốt đêm qua, nhiều tuyến phố ngập sâu.\n"


def _env(tmp: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FACTLINT", "GIT_", "PRE_COMMIT"))}
    env.update({
        "HOME": str(tmp / "home"), "PRE_COMMIT_HOME": str(tmp / "pre-commit-cache"),
        "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
        "PYTHONPATH": str(REPO) + os.pathsep + env.get("PYTHONPATH", ""),
    })
    return env


def _local_hooks() -> list[dict]:
    """The published hooks, as `repo: local` hooks run by this Python."""
    hooks = []
    for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text()):
        hook = dict(hook)
        assert hook.pop("language") == "python"
        hook.pop("minimum_pre_commit_version", None)
        cmd, *flags = shlex.split(hook["entry"])
        assert cmd == "factlint"
        hook["entry"] = shlex.join([sys.executable, "-m", "factlint", *flags])
        hook["language"] = "system"
        hooks.append(hook)
    return hooks


@pytest.fixture
def repo(tmp_path):
    work = tmp_path / "newsroom"
    (work / "articles").mkdir(parents=True)
    (tmp_path / "home").mkdir()
    env = _env(tmp_path)

    def sh(*args, check=True):
        proc = subprocess.run(list(args), cwd=work, env=env, capture_output=True, text=True, timeout=300)
        if check and proc.returncode != 0:
            raise AssertionError(f"{args} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        return proc

    sh("git", "init", "-q", "-b", "main")
    (work / "pyproject.toml").write_text('[tool.factlint]\npaths = ["articles"]\n')
    (work / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": _local_hooks()}]}, sort_keys=False))
    for name in (GOOD_A, GOOD_B, OLD_CONFLICT):  # committed with old conflicts
        shutil.copy(SEEDS / name, work / "articles" / name)
    sh("git", "add", ".")
    sh("git", "commit", "-q", "-m", "base")
    sh(sys.executable, "-m", "pre_commit", "install")
    sh.work = work
    return sh


def commit(sh, *files: str):
    """`git commit`, running the installed hook; returns (exit code, everything printed)."""
    sh("git", "add", *files)
    proc = sh("git", "commit", "-m", "add " + " ".join(files), check=False)
    return proc.returncode, proc.stdout + proc.stderr  # git sends hook output to stderr


def finding_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("articles/")]


def focused(repo, *flags) -> list[set[str]]:
    """The files cited by each finding of a focused run (JSON output)."""
    proc = repo(sys.executable, "-m", "factlint", "--format", "json", *flags, check=False)
    assert proc.returncode in (0, 1), proc.stderr
    return [{Path(loc["path"]).name for loc in f["locations"]} for f in json.loads(proc.stdout)["findings"]]


def test_manifest_is_valid_for_pre_commit():
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest",
                           str(REPO / ".pre-commit-hooks.yaml")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert hooks["factlint"]["pass_filenames"] is False and hooks["factlint"]["require_serial"] is True
    assert "--staged" in hooks["factlint"]["entry"]
    assert hooks["factlint-all"]["stages"] == ["manual"]


def test_hook_blocks_a_commit_that_introduces_a_conflict(repo):
    shutil.copy(SEEDS / INHAM, repo.work / "articles" / INHAM)
    code, out = commit(repo, f"articles/{INHAM}")
    assert code != 0, out
    assert "Inham Aliyev" in out and "Failed" in out
    # what the hook saw: every finding has a side in the staged article, and the old
    # conflicts between the committed articles alone are left out
    staged = focused(repo, "--staged")
    everything = focused(repo)
    assert staged and all(INHAM in files for files in staged)
    assert any(INHAM not in files for files in everything)
    assert repo("git", "rev-list", "--count", "HEAD").stdout.strip() == "1"  # nothing committed


def test_hook_passes_a_commit_without_conflicts(repo):
    (repo.work / "articles" / "weather.txt").write_text(UNRELATED, encoding="utf-8")
    code, out = commit(repo, "articles/weather.txt")
    assert code == 0, out
    assert "factlint" in out and "Passed" in out
    assert repo("git", "rev-list", "--count", "HEAD").stdout.strip() == "2"


def test_hook_is_skipped_when_no_article_is_staged(repo):
    (repo.work / "notes.py").write_text("x = 1\n")
    code, out = commit(repo, "notes.py")
    assert code == 0 and "Skipped" in out, out


def test_conflict_between_two_staged_articles_is_caught(repo):
    art = repo.work / "articles"
    (art / "a.txt").write_text("Tổng thống Azerbaijan Ilham Aliyev đón đoàn. Tổng thống Ilham Aliyev phát biểu.\n",
                               encoding="utf-8")
    (art / "b.txt").write_text("Tổng thống Azerbaijan Ilkham Aliyev tiếp đoàn.\n", encoding="utf-8")
    code, out = commit(repo, "articles/a.txt", "articles/b.txt")
    assert code != 0 and "Ilkham Aliyev" in out, out


def test_manual_hook_checks_the_whole_corpus(repo):
    proc = repo(sys.executable, "-m", "pre_commit", "run", "--hook-stage", "manual", "factlint-all", check=False)
    assert proc.returncode != 0 and "Kassym-Jormat" in proc.stdout, proc.stdout


def test_changed_since_uses_the_merge_base(repo):
    repo("git", "checkout", "-q", "-b", "story")
    shutil.copy(SEEDS / INHAM, repo.work / "articles" / INHAM)
    repo("git", "add", ".")
    repo("git", "commit", "-q", "--no-verify", "-m", "inham")
    proc = repo(sys.executable, "-m", "factlint", "--changed-since", "main", check=False)
    assert proc.returncode == 1 and "Inham Aliyev" in proc.stdout
    changed = focused(repo, "--changed-since", "main")
    assert changed and all(INHAM in files for files in changed)
    repo("git", "rm", "-q", "--cached", f"articles/{INHAM}")  # now only in the work tree
    repo("git", "commit", "-q", "--no-verify", "-m", "drop")
    assert focused(repo, "--changed-since", "main") == []
    assert len(focused(repo)) > len(changed)  # the rest is there, just not in focus
    proc = repo(sys.executable, "-m", "factlint", "--changed-since", "HEAD", check=False)
    assert proc.returncode == 0 and "0 errors" in proc.stdout
    proc = repo(sys.executable, "-m", "factlint", "--changed-since", "no-such-ref", check=False)
    assert proc.returncode == 2 and "unknown git revision 'no-such-ref'" in proc.stderr


def test_staged_outside_git_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text(UNRELATED, encoding="utf-8")
    env = _env(tmp_path)
    env["GIT_CEILING_DIRECTORIES"] = str(tmp_path.parent)
    proc = subprocess.run([sys.executable, "-m", "factlint", "--staged", "a.txt"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2 and "git" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.skipif(not os.environ.get("FACTLINT_TRY_REPO"), reason="needs the network: set FACTLINT_TRY_REPO=1")
def test_try_repo_installs_and_runs_the_published_hook(repo):  # pragma: no cover - opt-in
    shutil.copy(SEEDS / INHAM, repo.work / "articles" / INHAM)
    repo("git", "add", f"articles/{INHAM}")
    proc = repo(sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "factlint", check=False)
    assert proc.returncode != 0 and "Inham Aliyev" in proc.stdout, proc.stdout
