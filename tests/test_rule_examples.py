"""Every rule's own examples run as tests (as LanguageTool's rules do), and a rule author
can run them too: `factlint check-rules DIR`."""

import shutil

import pytest

from conftest import run_cli
from factlint.ruleset import default_rules_dir, load_ruleset
from factlint.rulesinfo import run_example

RULES = load_ruleset([default_rules_dir()]).rules
CASES = [(r, i) for r in RULES for i in range(1, len(r.examples) + 1)]


def test_every_rule_explains_itself():
    for r in RULES:
        assert r.why.strip() and r.description.strip(), r.id
        assert any(ex.expect for ex in r.examples), f"{r.id}: no example that must trigger"
        assert any(not ex.expect for ex in r.examples), f"{r.id}: no example that must stay silent"
        assert all(ex.messages for ex in r.examples if ex.expect), f"{r.id}: an example without its message"


@pytest.mark.parametrize("rule,index", CASES, ids=[f"{r.id}-{i}" for r, i in CASES])
def test_rule_example(rule, index, rules):
    run = run_example(rule, index, rules)
    assert not run.problems, run.problems


def _own_rules(tmp_path, message="{outlier!r} looks like a misspelling of {expected!r} (the same person)"):
    folder = tmp_path / "newsroom"
    (folder / "checks").mkdir(parents=True)
    src = (default_rules_dir() / "checks" / "person-name-spelling.toml").read_text(encoding="utf-8")
    src = src.replace('id = "person-name-spelling"', 'id = "our-names"')
    src = src.replace('default = "{outlier!r} looks like a misspelling of {expected!r} (the same person)"',
                      f'default = "{message}"')
    (folder / "checks" / "our-names.toml").write_text(src, encoding="utf-8")
    return folder


def test_check_rules_passes_and_names_each_example(tmp_path):
    proc = run_cli("check-rules", _own_rules(tmp_path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ok   our-names example 1" in proc.stdout
    n = (default_rules_dir() / "checks" / "person-name-spelling.toml").read_text(encoding="utf-8").count("[[examples]]")
    assert proc.stdout.strip().endswith(f"{n} of {n} examples of 1 rules passed")


def test_check_rules_fails_on_a_wrong_message_and_names_it(tmp_path):
    proc = run_cli("check-rules", _own_rules(tmp_path, message="{outlier!r} is misspelt"))
    assert proc.returncode == 1
    assert "FAIL our-names example 1 (a one-letter slip in a president's name)" in proc.stdout
    assert "got:      'Inham Aliyev' is misspelt" in proc.stdout
    src = (default_rules_dir() / "checks" / "person-name-spelling.toml").read_text(encoding="utf-8")
    examples = src.split("[[examples]]")[1:]
    n, wrong = len(examples), sum("' looks like a misspelling of '" in e for e in examples)
    assert proc.stdout.strip().endswith(f"{n - wrong} of {n} examples of 1 rules passed; {wrong} failed")


def test_check_rules_fails_on_a_wrong_verdict(tmp_path):
    folder = _own_rules(tmp_path)
    path = folder / "checks" / "our-names.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('expect = ["Inham Aliyev"]', 'expect = []'),
                    encoding="utf-8")
    proc = run_cli("check-rules", folder)
    assert proc.returncode == 1
    assert "reports ['Inham Aliyev'], expected nothing" in proc.stdout


def test_check_rules_usage_errors(tmp_path):
    assert run_cli("check-rules", tmp_path / "missing").returncode == 2
    (tmp_path / "empty" / "checks").mkdir(parents=True)
    proc = run_cli("check-rules", tmp_path / "empty")
    assert proc.returncode == 2 and "no rule files" in proc.stderr


def test_rule_shows_why_messages_and_examples():
    proc = run_cli("rule", "person-name-spelling")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for part in ("What it does", "Why it matters", "en.default = ", "fields of default: expected, outlier",
                 "message: 'Inham Aliyev' looks like a misspelling of 'Ilham Aliyev' (the same person)"):
        assert part in out, part


def test_rules_in_a_checkout_take_effect_without_reinstalling(tmp_path):
    """--rules on a copy of rules/ (what a checkout's pyproject does): an edit is read at once."""
    copy = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), copy)
    target = copy / "checks" / "person-name-spelling.toml"
    target.write_text(target.read_text(encoding="utf-8").replace(
        "looks like a misspelling of", "is a slip for"), encoding="utf-8")
    proc = run_cli("seeds/", "--isolated", "--no-default-rules", "--rules", copy, "--no-cache")
    assert "'Inham Aliyev' is a slip for 'Ilham Aliyev'" in proc.stdout
