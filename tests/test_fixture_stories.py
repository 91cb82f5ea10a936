"""Stories written for these tests (not copied): a storm, a bridge collapse, another
leader's multi-country trip, a flash flood, a bus crash and a bribery trial. The default
rules, unchanged, catch the conflicts planted in each and stay silent on everything the
articles agree on — including casualty counts that grow from one day to the next."""

from pathlib import Path

import pytest

from conftest import run_paths

FIXTURES = Path(__file__).parent / "fixtures"

PLANTED = {
    "storm": {("role-holder", "Trần Tường Huy")},
    "bridge": {("one-holder", "Nguyễn Văn Thắnh")},
    "trip": {("visit-level", "thăm làm việc"), ("person-name-spelling", "Ukhnaagiin Khurelsuh")},
    # a flash flood: the missing at one as-of time; tolls at other times, a corrected
    # toll, rounding ("hơn 200" / "khoảng 210"), a plan and one number of two things agree
    "flood": {("quantity-conflict", "19 người")},
    # a bus crash: people aboard by the driver's account ("khoảng 40" agrees with 42); a
    # toll that grows from 5 to 6 over two days is no conflict
    "bus": {("quantity-conflict", "24 hành khách")},
    # a bribery trial: the amount and the count of one defendant; another defendant's
    # amount and the total of all ("hơn 3 tỷ") are other figures
    "trial": {("quantity-conflict", "2,3 tỷ đồng"), ("quantity-conflict", "7 lần")},
}
# Warnings of the rules on numbers: a toll reported lower later without a correction, an
# ordinal of one hearing given twice (one source each), one amount in two notations.
NUMBER_RULES = {"quantity-conflict", "ordinal-conflict", "number-notation"}
NUMBER_WARNINGS = {
    "flood": {("quantity-conflict", "18 người")},
    "trial": {("ordinal-conflict", "lần thứ hai"), ("number-notation", "1,500 triệu đồng")},
}


@pytest.mark.parametrize("story", sorted(PLANTED))
def test_story_conflicts_exactly(story, rules):
    result = run_paths([str(FIXTURES / story)], rules)
    errors = {(f.rule, f.values[0]) for f in result.findings if f.severity == "error"}
    assert errors == PLANTED[story]
    warnings = {(f.rule, f.values[0]) for f in result.findings if f.severity == "warning" and f.rule in NUMBER_RULES}
    assert warnings == NUMBER_WARNINGS.get(story, set())
    for f in result.findings:
        assert f.sides and all(Path(c.doc).resolve().parent == FIXTURES / story for c in f.sides)
