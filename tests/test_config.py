"""Project settings: [tool.factlint] / factlint.toml, found upward, flags on top (factlint.config)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from factlint.cli import main
from factlint.config import Settings, find_config, glob_match, load_settings, resolve_settings
from factlint.errors import FactlintError

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
INHAM = "003_d671c4e71e4553ce.txt"  # the seed that misspells a president's name


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A fresh newsroom repo: the seeds under articles/ and a pyproject naming them."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    for k in [k for k in __import__("os").environ if k.startswith("FACTLINT")]:
        monkeypatch.delenv(k)

    def write(body: str, name="pyproject.toml"):
        (tmp_path / name).write_text(body, encoding="utf-8")
        return tmp_path

    write('[tool.factlint]\npaths = ["seeds"]\n')
    return write


def lint(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_fresh_repo_runs_with_no_arguments(project, capsys):
    code, out, err = lint(capsys)
    assert code == 1, err
    assert "Inham Aliyev" in out and f"seeds/{INHAM}:" in out


def test_paths_are_relative_to_the_config_folder(project, capsys, monkeypatch, tmp_path):
    sub = tmp_path / "deep" / "er"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    code, out, err = lint(capsys)
    assert code == 1 and "Inham Aliyev" in out, err


def test_factlint_toml_same_keys_and_takes_precedence(project, capsys):
    project('paths = ["seeds"]\nselect = ["name-case"]\n', name="factlint.toml")
    code, out, _ = lint(capsys, "--fail-on", "warning")
    assert "name-case" in out and "person-name-spelling" not in out
    assert code == 1


def test_pyproject_without_table_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.factlint]\nfail-on = "warning"\n')
    inner = tmp_path / "pkg"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_config(inner) == (tmp_path / "pyproject.toml").resolve()
    assert resolve_settings(start=inner).fail_on == "warning"


@pytest.mark.parametrize("body, needle", [
    ('[tool.factlint]\nbogus = 1\n', "tool.factlint.bogus: unknown key"),
    ('[tool.factlint]\nfail_on = "error"\n', "tool.factlint.fail_on: unknown key"),
    ('[tool.factlint]\nfail-on = "sometimes"\n', "tool.factlint.fail-on"),
    ('[tool.factlint]\nselect = ["Not An Id"]\n', "'Not An Id' is not a rule id"),
    ('[tool.factlint]\npaths = "seeds"\n', "tool.factlint.paths"),
    ('[tool.factlint.per-file-ignores]\n"*.txt" = "visit-level"\n', "per-file-ignores"),
    ('[tool.factlint\n', "invalid TOML"),
])
def test_bad_settings_exit_2_naming_the_key(project, capsys, body, needle):
    project(body)
    code, out, err = lint(capsys)
    assert code == 2 and out == ""
    assert needle in err and "pyproject.toml" in err and "Traceback" not in err


@pytest.mark.parametrize("body, needle", [
    ('[tool.factlint]\npaths = ["seeds"]\nselect = ["no-such-rule"]\n', "select: unknown rule id 'no-such-rule'"),
    ('[tool.factlint]\npaths = ["seeds"]\n[tool.factlint.rule.no-such-rule]\nzones = ["body"]\n',
     "rule.no-such-rule: unknown rule id"),
    ('[tool.factlint]\npaths = ["seeds"]\n[tool.factlint.rule.person-name-spelling]\nzones = 3\n',
     "rule.person-name-spelling.zones"),
    ('[tool.factlint]\npaths = ["seeds"]\n[tool.factlint.rule.person-name-spelling]\nnonsense = 1\n',
     "rule.person-name-spelling.nonsense: unknown key"),
])
def test_rule_ids_and_params_are_validated(project, capsys, body, needle):
    project(body)
    code, _, err = lint(capsys)
    assert code == 2 and needle in err, err


def test_rule_params_are_merged(project, capsys):
    project('[tool.factlint]\npaths = ["seeds"]\n[tool.factlint.rule.person-name-spelling]\nzones = ["title"]\n')
    _, out, _ = lint(capsys)
    assert "person-name-spelling" not in out and "role-holder" in out


def test_flags_override_settings(project, capsys):
    project('[tool.factlint]\npaths = ["seeds"]\nfail-on = "never"\nignore = ["person-name-spelling"]\n')
    code, out, _ = lint(capsys)
    assert code == 0 and "person-name-spelling" not in out and "role-holder" in out
    code, out, _ = lint(capsys, "--fail-on", "error", "--ignore", "role-holder")
    assert code == 1 and "person-name-spelling" in out and "role-holder" not in out
    # a path on the command line replaces `paths`
    code, out, _ = lint(capsys, f"seeds/{INHAM}")
    assert out.count("seeds/") and all(INHAM in line for line in out.splitlines()[:-1] if line.startswith("seeds/"))


def test_include_exclude_and_per_file_ignores(project, capsys):
    project(f'[tool.factlint]\npaths = ["seeds"]\nexclude = ["{INHAM}"]\n')
    _, out, _ = lint(capsys)
    assert "Inham" not in out and "4 documents" in out
    project('[tool.factlint]\npaths = ["seeds"]\ninclude = ["seeds/00[34]_*"]\n')
    _, out, _ = lint(capsys)
    assert "2 documents" in out
    project('[tool.factlint]\npaths = ["seeds"]\n'
            '[tool.factlint.per-file-ignores]\n"003_*.txt" = ["person-name-spelling"]\n')
    _, out, _ = lint(capsys)
    assert "Inham" not in out and "Kassym-Jormat" in out  # other files and rules still checked


def test_show_settings(project, capsys):
    project('[tool.factlint]\npaths = ["seeds"]\nfail-on = "warning"\n'
            '[tool.factlint.rule.name-case]\nzones = ["body"]\n')
    code, out, _ = lint(capsys, "--show-settings", "--select", "name-case")
    assert code == 0
    assert 'paths = ["seeds"]' in out and 'fail-on = "warning"' in out
    assert 'select = ["name-case"]' in out and "[tool.factlint.rule.name-case]" in out
    assert "pyproject.toml" in out


def test_isolated_and_explicit_config(project, capsys, tmp_path):
    code, _, err = lint(capsys, "--isolated")
    assert code == 2 and "no PATH" in err
    other = tmp_path / "other.toml"
    other.write_text('paths = ["seeds"]\nselect = ["role-holder"]\n')
    code, out, _ = lint(capsys, "--config", str(other))
    assert code == 1 and "role-holder" in out and "person-name-spelling" not in out
    code, _, err = lint(capsys, "--config", "missing.toml")
    assert code == 2 and "missing.toml" in err


def test_settings_model_boundaries(tmp_path):
    with pytest.raises(ValidationError):
        Settings.model_validate({"fail_on": "error"})  # only the TOML spelling is accepted
    s = Settings.model_validate({"fail-on": "never", "default-rules": False, "rules": ["r"]})
    assert not s.fails("error") and s.rule_folders() == [Path(s.root) / "r"]
    assert Settings.model_validate({"fail-on": "warning"}).fails("warning")
    assert not Settings.model_validate({"fail-on": "warning"}).fails("info")
    with pytest.raises(FactlintError, match="default-rules = false"):
        Settings.model_validate({"default-rules": False}).rule_folders()
    p = tmp_path / "factlint.toml"
    p.write_text('paths = ["a", "/abs"]\n')
    s = load_settings(p)
    assert s.corpus() == [str(tmp_path.resolve() / "a"), "/abs"]


@pytest.mark.parametrize("glob, path, hit", [
    ("*.md", "a/b/c.md", True),
    ("a/*.md", "a/b/c.md", False),
    ("a/**/*.md", "a/b/c.md", True),
    ("a/**/*.md", "a/c.md", True),
    ("drafts", "x/drafts/y.txt", True),
    ("drafts/", "drafts/y.txt", True),
    ("/drafts", "x/drafts/y.txt", False),
    ("00[34]_*", "seeds/003_x.txt", True),
    ("00[!34]_*", "seeds/003_x.txt", False),
    ("?.txt", "ab.txt", False),
])
def test_glob_match(glob, path, hit):
    assert glob_match(glob, path) is hit


def test_unknown_rule_id_on_the_command_line(project, capsys):
    code, _, err = lint(capsys, "--select", "nope")
    assert code == 2 and "--select: unknown rule id 'nope'" in err
