"""The conventions users bring from ruff and ESLint, each run as a user would (subprocess):
comma lists, "did you mean", --help, -o folders, --statistics, --quiet, standard input,
colour on a terminal, per-rule severity, and clear messages for the git focus."""

import re
import os
import pty
import shutil
import subprocess
import sys

import pytest

from conftest import REPO, SEEDS, run_cli

INHAM = "003_d671c4e71e4553ce.txt"


@pytest.fixture
def project(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "factlint.toml").write_text('paths = ["seeds"]\n', encoding="utf-8")
    return tmp_path


def rules_of(stdout: str) -> set[str]:
    return {line.split(": ", 1)[1].split()[1] for line in stdout.splitlines() if ": error " in line
            or ": warning " in line}


def test_select_and_ignore_take_comma_lists(project):
    proc = run_cli("--select", "role-holder,name-case", "--no-cache", cwd=project)
    assert proc.returncode == 1, proc.stderr
    assert rules_of(proc.stdout) == {"role-holder", "name-case"}
    proc = run_cli("--ignore", "spelling-consistency,person-name-spelling", "--ignore", "name-case",
                   "--no-cache", cwd=project)
    assert rules_of(proc.stdout) == {"event-date-conflict", "visit-level", "role-holder"}
    bad = run_cli("--select", "role-holder,role-holdr", cwd=project)
    assert bad.returncode == 2 and "did you mean 'role-holder'" in bad.stderr


def test_did_you_mean_for_config_keys_and_subcommands(project):
    (project / "factlint.toml").write_text('pahts = ["seeds"]\n', encoding="utf-8")
    proc = run_cli(cwd=project)
    assert proc.returncode == 2 and "pahts: unknown key (did you mean 'paths'?)" in proc.stderr
    proc = run_cli("claim", "seeds/", cwd=project)
    assert proc.returncode == 2 and "did you mean 'factlint claims'" in proc.stderr
    assert "Traceback" not in proc.stderr
    # a folder that happens to look like a subcommand is still a path
    (project / "rule").mkdir()
    shutil.copy(SEEDS / INHAM, project / "rule" / INHAM)
    assert run_cli("rule/", "--isolated", "--no-cache", cwd=project).returncode in (0, 1)


def test_help_lists_the_subcommands():
    proc = run_cli("--help")
    assert proc.returncode == 0
    for name in ("claims", "rules", "rule", "check-rules", "clean", "server"):
        assert f"factlint {name} " in proc.stdout
    for flag in ("--lang", "--fix", "--diff", "--statistics", "--quiet", "--stdin-filename"):
        assert flag in proc.stdout


def test_output_creates_its_folders(project):
    proc = run_cli("--format", "json", "-o", "out/deep/report.json", "--no-cache", cwd=project)
    assert proc.returncode == 1, proc.stderr
    assert (project / "out" / "deep" / "report.json").read_text(encoding="utf-8").startswith("{")


def test_statistics_and_quiet(project):
    proc = run_cli("--statistics", "--no-cache", cwd=project)
    assert proc.returncode == 1
    rows = [line.split("\t") for line in proc.stdout.splitlines()]
    assert rows == [["2", "person-name-spelling", "error"],
                    ["2", "spelling-consistency", "warning", "[fixable]"],
                    ["1", "event-date-conflict", "error"], ["1", "name-case", "warning", "[fixable]"],
                    ["1", "role-holder", "error"], ["1", "visit-level", "error"]]
    quiet = run_cli("--quiet", "--no-cache", cwd=project)
    loud = run_cli("--no-cache", cwd=project)
    assert quiet.stdout.splitlines() == loud.stdout.splitlines()[:-1]  # no summary line
    assert re.match(r"5 documents, \d+ claims", loud.stdout.splitlines()[-1])


def test_standard_input_stands_for_a_file(project):
    text = (SEEDS / INHAM).read_text(encoding="utf-8")
    proc = run_cli("-", "--stdin-filename", f"seeds/{INHAM}", "--no-cache", cwd=project,
                   input=text.replace("Inham", "Ilham"))
    assert proc.returncode == 1, proc.stderr
    assert "Inham" not in proc.stdout and "5 documents" in proc.stdout  # the file, as edited
    # a new article read from standard input joins the configured corpus
    proc = run_cli("-", "--stdin-filename", "draft.txt", "--select", "person-name-spelling", "--no-cache",
                   cwd=project, input="Tổng thống Azerbaijan Ilhan Aliyev sẽ tới Hà Nội.\n")
    assert "draft.txt:1:23: error person-name-spelling 'Ilhan Aliyev'" in proc.stdout
    assert "6 documents" in proc.stdout
    assert run_cli("-", cwd=project, input="x").returncode == 2  # - needs --stdin-filename


def _on_a_terminal(args, cwd, env):
    """Run the CLI with its standard output on a pseudo-terminal; what it printed."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "factlint", *args], cwd=cwd, env=env,
                            stdout=slave, stderr=subprocess.PIPE)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=300)
    os.close(master)
    return out.decode("utf-8")


def test_colour_on_a_terminal_unless_no_color(project):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    coloured = _on_a_terminal(["--no-cache"], project, env)
    assert "\x1b[1;31merror\x1b[0m" in coloured and "\x1b[1;33mwarning\x1b[0m" in coloured
    plain = _on_a_terminal(["--no-cache"], project, {**env, "NO_COLOR": "1"})
    assert "\x1b[" not in plain and ": error person-name-spelling" in plain
    piped = run_cli("--no-cache", cwd=project)
    assert "\x1b[" not in piped.stdout


def test_severity_per_rule_in_the_config(project):
    (project / "factlint.toml").write_text(
        'paths = ["seeds"]\n[rule.name-case]\nseverity = "error"\n[rule.role-holder]\nseverity = "info"\n',
        encoding="utf-8")
    proc = run_cli("--no-cache", cwd=project)
    assert ": error name-case 'Tô lâm'" in proc.stdout
    assert ": info role-holder" in proc.stdout
    assert proc.stdout.splitlines()[-1].endswith("5 errors, 2 warnings, 1 infos")
    (project / "factlint.toml").write_text('paths = ["seeds"]\n[rule.name-case]\nseverity = "fatal"\n',
                                           encoding="utf-8")
    bad = run_cli(cwd=project)
    assert bad.returncode == 2 and "rule.name-case.severity: 'fatal'" in bad.stderr


def _git(cwd, *args):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def test_a_bad_changed_since_ref_says_what_to_do(project):
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", ".")
    _git(project, "commit", "-q", "-m", "seeds")
    proc = run_cli("--changed-since", "origin/main", cwd=project)
    assert proc.returncode == 2
    line = proc.stderr.strip()
    assert len(line.splitlines()) == 1 and "usage: git" not in line
    assert "unknown git revision 'origin/main'" in line and "fetch-depth: 0" in line
    assert "fetch-depth: 0" in (REPO / "docs" / "ci.md").read_text(encoding="utf-8")


def test_staged_with_nothing_staged_says_so(project):
    _git(project, "init", "-q", "-b", "main")
    proc = run_cli("--staged", cwd=project)
    assert proc.returncode == 0
    assert "nothing is staged" in proc.stderr and proc.stdout == ""
