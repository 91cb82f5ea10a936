"""Broken rule and vocabulary files: one line naming the file (and rule id or key), exit 2.

Rule files are TOML only: they are parsed, validated with pydantic and never executed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run_cli
from factlint.errors import RuleFileError
from factlint.ruleset import default_rules_dir, load_ruleset
from factlint.vocab import check_user_regex

GOOD = '''id = "my-check"
type = "one-value"
severity = "warning"
description = "A check of our own."
why = "Because it matters."
[message.en]
default = "{subject}: {outlier!r} here, {expected!r} elsewhere"
'''


def _rules(tmp_path: Path, check: str | None = None, vocab: str | None = None, name="my-check") -> Path:
    root = tmp_path / "rules"
    (root / "checks").mkdir(parents=True, exist_ok=True)
    (root / "vocab").mkdir(parents=True, exist_ok=True)
    if check is not None:
        (root / "checks" / f"{name}.toml").write_text(check, encoding="utf-8")
    if vocab is not None:
        (root / "vocab" / "extra.toml").write_text(vocab, encoding="utf-8")
    return root


def _error(tmp_path, **kw) -> str:
    root = _rules(tmp_path, **kw)
    with pytest.raises(RuleFileError) as info:
        load_ruleset([default_rules_dir(), root])
    msg = str(info.value)
    assert "\n" not in msg
    return msg


def test_malformed_toml_gives_line_and_column(tmp_path):
    msg = _error(tmp_path, check='id = "x"\ntype = \nseverity = "error"\n')
    assert msg.startswith(str(tmp_path / "rules" / "checks" / "my-check.toml") + ": invalid TOML at line 2, column 8: ")


def test_unknown_rule_type_lists_known_types(tmp_path):
    msg = _error(tmp_path, check=GOOD.replace('"one-value"', '"one-valeu"'))
    assert "my-check.toml: rule 'my-check': unknown type 'one-valeu' (did you mean 'one-value'?)" in msg
    msg = _error(tmp_path, check=GOOD.replace('"one-value"', '"whatever"'))
    assert "unknown type 'whatever' (known: " in msg and "one-value" in msg


def test_misspelled_key_names_rule_and_suggests(tmp_path):
    msg = _error(tmp_path, check=GOOD.replace("severity", "severty"))
    assert "my-check.toml: rule 'my-check': " in msg
    assert "severty: unknown key (did you mean 'severity'?)" in msg
    assert "severity: missing key" in msg


def test_missing_key(tmp_path):
    msg = _error(tmp_path, check=GOOD.replace('description = "A check of our own."\n', ""))
    assert msg.endswith("my-check.toml: rule 'my-check': description: missing key")


def test_bad_severity_value(tmp_path):
    msg = _error(tmp_path, check=GOOD.replace('"warning"', '"fatal"'))
    assert "rule 'my-check': severity: Input should be 'error', 'warning' or 'info'" in msg


def test_duplicate_rule_id_across_files(tmp_path):
    root = _rules(tmp_path)
    shutil.copy(default_rules_dir() / "checks" / "visit-level.toml", root / "checks" / "copy.toml")
    with pytest.raises(RuleFileError, match=r"copy\.toml: rule 'visit-level' is already defined in .*visit-level\.toml$"):
        load_ruleset([default_rules_dir(), root])


def test_misspelled_vocabulary_key(tmp_path):
    msg = _error(tmp_path, vocab='[[title]]\nname = "Thống đốc"\naliasses = ["Thống Đốc"]\n')
    assert msg.endswith("extra.toml: vocabulary: title.0.aliasses: unknown key (did you mean 'aliases'?)")


def test_furniture_regex_that_does_not_compile(tmp_path):
    msg = _error(tmp_path, vocab="[furniture]\ncaption_patterns = ['^Ảnh (minh họa']\n")
    assert "extra.toml: vocabulary: furniture.caption_patterns: pattern 1 '^Ảnh (minh họa' does not compile: " in msg


def test_furniture_regex_with_catastrophic_backtracking(tmp_path):
    msg = _error(tmp_path, vocab="[furniture]\nmeta_patterns = ['^\\s*date', '^(a|aa)+$']\n")
    assert "extra.toml: vocabulary: furniture.meta_patterns: pattern 2 '^(a|aa)+$' backtracks catastrophically" in msg


def test_regex_checker_accepts_shipped_patterns():
    from factlint.ruleset import load_vocabulary_file

    fur = load_vocabulary_file(default_rules_dir() / "vocab" / "furniture.toml").furniture
    assert fur.caption_patterns and fur.meta_patterns
    for p in fur.caption_patterns + fur.meta_patterns:
        check_user_regex(p, p)
    with pytest.raises(ValueError, match="backtracks"):
        check_user_regex(r"^(\w|\w)+$", "p")


def test_runtime_timeout_names_pattern_and_file(tmp_path, monkeypatch):
    """A pattern the probes miss still cannot hang the run: a timeout, reported as a rule error."""
    import regex

    from factlint.errors import FactlintError
    from factlint.normalize import structure
    from factlint.normalize.text import make_document

    class Lex:
        folder = type("F", (), {"key": staticmethod(str.lower)})()
        section_markers: set = set()
        section_marker_starts: set = set()
        meta_re: list = []
        caption_re = [regex.compile(r"^(x|xx)+y")]

    monkeypatch.setattr(structure, "REGEX_TIMEOUT", 0.05)
    doc = make_document("doc.txt", "Tiêu đề.\n" + "x" * 60 + "\n")
    with pytest.raises(FactlintError, match=r"caption pattern '\^\(x\|xx\)\+y' took more than 0\.05 s on doc\.txt line 2"):
        structure.segment(doc, Lex())


def test_rule_file_is_never_executed(tmp_path):
    """Code-looking values are plain strings: nothing runs, the file just fails validation."""
    marker = tmp_path / "pwned"
    msg = _error(tmp_path, check=GOOD.replace("[message.en]", f'params = {{ x = "__import__(\'os\').system(\'touch {marker}\')" }}\n[message.en]'))
    assert "rule 'my-check' params" in msg
    assert not marker.exists()


def test_cli_exit_2_with_one_line(tmp_path):
    root = _rules(tmp_path, check='id = "x"\ntype = \n')
    proc = run_cli("seeds/", "--rules", root)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and "invalid TOML at line 2, column 8" in proc.stderr


@pytest.mark.parametrize("vocab,hint", [
    ('[numbers.words]\nscale = { "tỷ" = 1e9 }\n', "numbers.words.scale: unknown key (did you mean 'scales'?)"),
    ('[numbers.predicates]\nrunnning = ["chết"]\n', "numbers.predicates.runnning: unknown key (did you mean 'running'?)"),
    ('[dates]\nweekday = { "thứ hai" = 1 }\n', "dates.weekday: unknown key (did you mean 'weekdays'?)"),
    ('[events]\ntrigger = ["chuyến thăm"]\n', "events.trigger: unknown key (did you mean 'triggers'?)"),
    ('[extra.numbers]\nscales = {}\n', "extra: unknown key"),
    ('[people.intro]\nhonorific = ["ông"]\n', "people.intro.honorific: unknown key (did you mean 'honorifics'?)"),
    ('[people]\nparticle = ["de"]\n', "people.particle: unknown key (did you mean 'particles'?)"),
    ('[[place]]\nname = "Huế"\nkind = "town"\n', "place.0.kind"),
])
def test_misspelled_vocabulary_section_key_is_an_error_with_a_hint(tmp_path, vocab, hint):
    """Every vocabulary section is typed: a typo is never a silent fall-back to a default."""
    msg = _error(tmp_path, vocab=vocab)
    assert hint in msg and "extra.toml: vocabulary: " in msg
