"""Anniversary arithmetic: the number of years vs the base year and the reference date."""

import pytest

from factlint.compare.anniversary_years import AnniversaryParams

from conftest import make_rules, run_paths

DATELINE = "Thời sự - Thứ tư, ngày 14/05/2025 21:40 GMT+7\n\n"


def fired(result, rule="anniversary-years"):
    return [f for f in result.findings if f.rule == rule]


def test_claims(lint):
    result = lint([DATELINE + "Việt Nam và Liên Xô thiết lập quan hệ ngoại giao năm 1950. "
                   "Năm nay, Việt - Nga sẽ kỷ niệm 75 năm thiết lập quan hệ ngoại giao."])
    ann = {c.attribute: c for c in result.claims if c.kind == "anniversary"}
    assert ann["base"].value == "1950" and ann["years"].value == "75"
    assert ann["years"].data.reference_year == 2025 and ann["years"].data.reference_source == "dateline"
    assert ann["years"].subject == ann["base"].subject == "thiết lập quan hệ ngoại giao"
    assert ann["years"].display == "kỷ niệm 75 năm"


@pytest.mark.parametrize("years,fires", [(75, False), (74, True), (76, True), (80, True)])
def test_anniversary_vs_base_year_same_document(lint, years, fires):
    result = lint([DATELINE + "Việt Nam và Liên Xô thiết lập quan hệ ngoại giao năm 1950. "
                   f"Năm nay, Việt - Nga sẽ kỷ niệm {years} năm thiết lập quan hệ ngoại giao."])
    assert bool(fired(result)) is fires


@pytest.mark.parametrize("years,fires", [(33, False), (32, True)])
def test_sau_n_nam_ke_tu_khi(lint, years, fires):
    result = lint([DATELINE + "Thiết lập quan hệ ngoại giao từ năm 1992, quan hệ hai nước gắn bó từ lâu. "
                   f"Đây là chuyến thăm đầu tiên sau {years} năm kể từ khi hai nước thiết lập quan hệ "
                   "ngoại giao."])
    assert bool(fired(result)) is fires


def test_base_year_from_another_document(lint):
    docs = ["Việt Nam và Liên Xô thiết lập quan hệ ngoại giao năm 1950.",
            " date 2025-04\nNăm nay hai nước kỷ niệm 70 năm thiết lập quan hệ ngoại giao."]
    found = fired(lint(docs))
    assert [f.values[0] for f in found] == ["kỷ niệm 70 năm"]
    assert found[0].sides[1].value == "1950"
    docs[1] = docs[1].replace("70 năm", "75 năm")
    assert fired(lint(docs)) == []


def test_any_matching_base_year_is_enough(lint):
    """Relations with two countries: 1950 and 1992 — 33 years matches one of them."""
    result = lint([DATELINE + "Việt Nam và Liên Xô thiết lập quan hệ ngoại giao năm 1950. "
                   "Hai nước thiết lập quan hệ ngoại giao năm 1992. "
                   "Đây là chuyến thăm sau 33 năm kể từ khi hai nước thiết lập quan hệ ngoại giao."])
    assert fired(result) == []


@pytest.mark.parametrize("years,fires", [(96, False), (95, True)])
def test_span_written_next_to_it(lint, years, fires):
    result = lint([f"Nhân dịp kỷ niệm {years} năm Ngày thành lập Đảng Cộng sản Việt Nam "
                   "(3/2/1930 – 3/2/2026), đoàn đã thăm hỏi các gia đình chính sách."])
    assert bool(fired(result)) is fires


def test_no_base_year_or_no_reference_is_silent(lint):
    assert fired(lint([DATELINE + "Dịp kỷ niệm 135 năm Ngày sinh của Người, hai nước khánh thành "
                       "phòng lưu niệm."])) == []
    assert fired(lint(["Hai nước thiết lập quan hệ ngoại giao năm 1950. "
                       "Hai nước kỷ niệm 70 năm thiết lập quan hệ ngoại giao."])) == []


def test_unrelated_base_year_is_not_used(lint):
    result = lint([DATELINE + "Công ty được thành lập vào năm 2013. "
                   "Chương trình kỷ niệm 19 năm ngày Gia đình Việt Nam đã diễn ra."])
    assert fired(result) == []


def test_future_year_is_not_a_base(lint):
    result = lint([DATELINE + "Hướng tới kỷ niệm 100 năm thành lập nước và tầm nhìn đến năm 2045, "
                   "kinh tế tiếp tục phát triển."])
    assert fired(result) == []


def test_seed_anniversaries_are_consistent(seeds_copy, rules):
    result = run_paths([seeds_copy], rules)
    assert fired(result) == []
    years = {c.value for c in result.claims if c.kind == "anniversary" and c.attribute == "years"}
    assert {"75", "33", "80", "50", "135", "96"} <= years


def test_params_boundaries():
    from pydantic import ValidationError

    assert AnniversaryParams(tolerance_years=2).tolerance_years == 2
    for bad in ({"tolerance_years": 3}, {"tolerance_years": -1}, {"min_overlap": 1.5},
                {"min_words": 0}, {"unknown": 1}):
        with pytest.raises(ValidationError):
            AnniversaryParams(**bad)


def test_tolerance_param(lint, tmp_path):
    """A rule folder overriding the tolerance lets 74 years pass."""
    import shutil

    from factlint.ruleset import default_rules_dir

    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    path = rules / "checks" / "anniversary-years.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("tolerance_years = 0", "tolerance_years = 1"),
                    encoding="utf-8")
    ctx = make_rules([rules], select=["anniversary-years"])
    result = lint([DATELINE + "Việt Nam và Liên Xô thiết lập quan hệ ngoại giao năm 1950. "
                   "Năm nay hai nước kỷ niệm 74 năm thiết lập quan hệ ngoại giao."], ctx)
    assert fired(result) == []
