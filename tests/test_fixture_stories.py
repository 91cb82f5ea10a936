"""Three stories written for these tests (not copied): a storm, a bridge collapse and
another leader's multi-country trip. The default rules, unchanged, catch the conflicts
planted in each and stay silent on everything the articles agree on — including casualty
counts that grow from one day to the next."""

from pathlib import Path

import pytest

from conftest import run_paths

FIXTURES = Path(__file__).parent / "fixtures"

PLANTED = {
    "storm": {("role-holder", "Trần Tường Huy")},
    "bridge": {("person-name-spelling", "Nguyễn Văn Thắnh")},  # one minister, one slip
    "trip": {("visit-level", "thăm làm việc"), ("person-name-spelling", "Ukhnaagiin Khurelsuh")},
}


@pytest.mark.parametrize("story", sorted(PLANTED))
def test_story_conflicts_exactly(story, rules):
    result = run_paths([str(FIXTURES / story)], rules)
    errors = {(f.rule, f.values[0]) for f in result.findings if f.severity == "error"}
    assert errors == PLANTED[story]
    for f in result.findings:
        assert f.sides and all(Path(c.doc).resolve().parent == FIXTURES / story for c in f.sides)
