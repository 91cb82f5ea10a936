"""Releases for pre-commit: the `rev:` the docs tell users to pin is a real tag of this
repository, made at the version factlint says it is, and the hook ids the docs name are
the ones .pre-commit-hooks.yaml publishes."""

import re
import shutil
import subprocess

import pytest

from conftest import REPO
from factlint import __version__

yaml = pytest.importorskip("yaml")
DOCS = [REPO / "README.md", REPO / "docs" / "configuration.md"]


def snippets():
    """The pre-commit configurations the docs show (YAML blocks naming this repository)."""
    out = []
    for doc in DOCS:
        for block in re.findall(r"```yaml\n(.*?)```", doc.read_text(encoding="utf-8"), re.S):
            data = yaml.safe_load(block)
            if isinstance(data, dict) and "repos" in data:
                out += [(doc.name, repo) for repo in data["repos"] if repo["repo"].endswith("/factlint")]
    return out


def git(*args):
    return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True)


def test_docs_pin_the_current_version_and_publish_ids():
    found = snippets()
    assert {name for name, _ in found} == {doc.name for doc in DOCS}
    published = [hook["id"] for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())]
    for name, repo in found:
        assert repo["rev"] == f"v{__version__}", name
        ids = [hook["id"] for hook in repo["hooks"]]
        assert ids and set(ids) <= set(published), (name, ids, published)
    assert {hook["id"] for _, repo in found for hook in repo["hooks"]} == set(published)


@pytest.mark.skipif(shutil.which("git") is None or not (REPO / ".git").exists(),
                    reason="not a git checkout")
def test_the_pinned_rev_is_a_tag_made_at_that_version():
    tag = f"v{__version__}"
    if not git("tag", "--list").stdout.strip():
        pytest.skip("this clone carries no tags (fetch them: git fetch --tags)")
    assert git("rev-parse", "--verify", "--quiet", f"refs/tags/{tag}").returncode == 0, \
        f"no tag {tag}: tag the release commit (git tag -a {tag})"
    tagged = git("show", f"{tag}:factlint/__init__.py").stdout
    assert f'__version__ = "{__version__}"' in tagged
    assert git("show", f"{tag}:.pre-commit-hooks.yaml").returncode == 0
