"""Every rule's own examples run as tests (as LanguageTool's rules do)."""

import pytest

from factlint.ruleset import default_rules_dir, load_ruleset

RULES = load_ruleset([default_rules_dir()]).rules
CASES = [(r, i, ex) for r in RULES for i, ex in enumerate(r.examples, 1)]


def test_every_rule_has_examples_both_ways():
    for r in RULES:
        assert any(ex.expect for ex in r.examples), f"{r.id}: no example that must trigger"
        assert any(not ex.expect for ex in r.examples), f"{r.id}: no example that must stay silent"


@pytest.mark.parametrize("rule,index,example", CASES, ids=[f"{r.id}-{i}" for r, i, _ in CASES])
def test_rule_example(rule, index, example, lint):
    result = lint(example.docs)
    found = sorted({f.values[0] for f in result.findings if f.rule == rule.id})
    assert found == sorted(set(example.expect)), example.note
