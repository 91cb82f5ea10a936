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
    "bridge": {("person-name-spelling", "Nguyễn Văn Thắnh")},  # one minister, one slip
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
    # People (issue 13), each bullet planted once; the namesakes beside them stay silent:
    # two vice-chairmen of one province (a title many hold), "Nguyễn Văn Hùng" of one
    # village and "Nguyễn Văn Hưng" the head of another (two roles).
    "flashflood": {
        ("person-name-spelling", "Hồ Văn Khảm"),  # one letter, the one chairman of the province
        ("person-name-spelling", "Nguyễn Thị Hòa"),  # one diacritic, the same volunteer
        ("role-holder", "Trần Minh Đức"),  # another family name, the same commander (1 source against 1)
        ("role-holder", "Phan Thị Thu Hà"),  # given names swapped, the same director (1 against 1)
        ("person-age", "57"),  # 57 against 58 for one victim in the same days
    },
    # A foreign visit: a one-letter slip in a prime minister's name, a one-word name after
    # the ambassador's title, a name in Vietnamese syllables, and two people named for one
    # office. Silent: "Tiền vệ Jan Nowak" and "Nhà báo Jan Nowal" (two roles).
    "summit": {
        ("person-name-spelling", "Donald Tusc"),
        ("person-name-spelling", "Gerwell"),
        ("person-name-spelling", "Andrzej Duda"),  # beside "Andrzej Đu-đa" (1 source against 1)
        ("one-holder", "Mateusz Morawiecki"),
    },
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


def test_namesakes_of_two_stories_stay_apart(rules):
    """Read together, the flood and the summit give exactly the findings of each: the
    volunteer "Nguyễn Thị Hoa" and the interpreter "Nguyễn Thị Hòa", the victim "Hoàng Văn
    Lợi (58 tuổi)" and the engineer "Hoàng Văn Lợi (35 tuổi)" belong to different stories."""
    result = run_paths([str(FIXTURES / "flashflood"), str(FIXTURES / "summit")], rules)
    errors = {(f.rule, f.values[0]) for f in result.findings if f.severity == "error"}
    assert errors == PLANTED["flashflood"] | PLANTED["summit"]
