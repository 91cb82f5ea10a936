"""The number grammar (lexicon/numbers.py), the quantity and ordinal extractors, and
qualifiers as intervals. The sentences are data in quantity_cases.toml."""

from __future__ import annotations

import math
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

CASES = tomllib.loads((Path(__file__).parent / "quantity_cases.toml").read_text(encoding="utf-8"))
# Payload fields under the names the cases use.
FIELDS = {"value": "figure", "value_max": "figure_max", "value2": "second"}


@pytest.fixture(scope="module")
def grammar(rules):
    return rules.lexicon.numbers


def close(a, b) -> bool:
    if a is None or b is None:
        return a is b
    if math.isinf(a) or math.isinf(b):
        return a == b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


# ------------------------------------------------------------------------ numbers
@pytest.mark.parametrize("case", CASES["number"], ids=lambda c: c["text"])
def test_parse_number(case, grammar):
    n = grammar.parse(case["text"])
    assert n is not None, case["text"]
    assert close(n.value, case["value"])
    for key in ("notation", "step", "alt_value"):
        if key in case:
            got = getattr(n, key)
            assert (got == case[key]) if isinstance(case[key], str) else close(got, case[key]), (key, got)


@pytest.mark.parametrize("case", CASES["not_number"], ids=lambda c: c["text"])
def test_not_one_number(case, grammar):
    assert grammar.parse(case["text"]) is None


@given(st.integers(min_value=0, max_value=10**13))
def test_vietnamese_grouping_round_trips(rules, n):
    written = f"{n:,}".replace(",", ".")  # 1234567 written "1.234.567": the dot groups thousands
    p = rules.lexicon.numbers.parse(written)
    assert p is not None and p.value == n
    assert p.notation == ("vi" if n >= 1000 else "plain")


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=99))
def test_vietnamese_decimal_comma(rules, whole, frac):
    p = rules.lexicon.numbers.parse(f"{whole},{frac:02d}")
    assert p is not None and close(p.value, whole + frac / 100) and p.notation == "vi"
    assert close(p.step, 0.01)


# -------------------------------------------------------------------- quantities
@pytest.mark.parametrize("case", CASES["quantity"], ids=lambda c: c["name"])
def test_quantities(case, claims_of):
    got = claims_of(case["text"], "quantity")
    assert len(got) == len(case["expect"]), [c.text for c in got]
    for c, exp in zip(got, case["expect"]):
        if "text" in exp:
            assert c.text == exp["text"]
        if "starts" in exp:
            assert c.text.startswith(exp["starts"]), c.text
        assert case["text"][c.start:c.end] == c.text
        for key, want in exp.items():
            if key in ("text", "starts"):
                continue
            have = getattr(c.data, FIELDS.get(key, key))
            if key == "qualifier" and want == "":
                assert have is None, (key, have)
            elif isinstance(want, str):
                assert have == want, (key, have, c.text)
            else:
                assert close(have, want), (key, have, c.text)


@pytest.mark.parametrize("case", CASES["none"], ids=lambda c: c["why"])
def test_not_a_quantity(case, claims_of):
    assert [c.text for c in claims_of(case["text"], "quantity")] == []


@pytest.mark.parametrize("case", CASES["ordinal"], ids=lambda c: c["text"])
def test_event_ordinals(case, claims_of):
    ordinals = claims_of(case["text"], "ordinal")
    assert [c.text for c in ordinals] == case["expect"]
    assert [c.data.number for c in ordinals] == case["values"]
    if "what" in case:
        assert [c.data.what or "" for c in ordinals] == case["what"]
    assert claims_of(case["text"], "quantity") == []


def test_claim_carries_meaning(claims_of):
    """Value interval, unit, predicate, as-of day and time, actor and place."""
    text = ("Tính đến 17 giờ ngày 3/9/2024, lũ quét ở tỉnh Lào Cai đã làm hơn 30 người chết. "
            "Bị cáo Lê Văn Khải nhận 5 tỷ đồng.")
    toll, money = claims_of(text, "quantity")
    d = toll.data
    assert (d.low, d.high, d.low_open, d.high_open) == (30, 40, True, True)
    assert (d.unit, d.predicate, d.qualifier, d.kind) == ("người", "chết", "hơn", "count")
    assert d.as_of == "Tính đến 17 giờ ngày 3/9/2024"
    assert d.as_of_date.iso() == "2024-09-03" and d.as_of_time == "17:00" and toll.when == d.as_of_date
    assert d.place == "Lào Cai" and d.actor is None
    m = money.data
    assert (m.unit, m.kind, m.predicate, m.figure, m.step) == ("đồng", "money", "nhận", 5e9, 1e9)
    assert m.actor == "lê văn khải"


def test_as_of_named_from_the_reference_date(claims_of):
    text = "---\ndate: 2024-09-05\n---\nTính đến nay, lũ quét đã làm 19 người chết."
    (c,) = claims_of(text, "quantity")
    assert c.data.as_of_date.iso() == "2024-09-05"


def test_another_notation_keeps_the_other_reading(claims_of):
    (c,) = claims_of("Dự án cần 1,500 tỷ đồng.", "quantity")
    assert (c.data.figure, c.data.alt_value, c.data.notation) == (1.5e12, 1.5e9, "en")


def test_correction_word_is_read(claims_of):
    (c,) = claims_of("Cơ quan chức năng đính chính: vụ cháy làm 11 người chết.", "quantity")
    assert c.data.corrected


# -------------------------------------------------------------------- intervals
@pytest.mark.parametrize("case", CASES["interval"], ids=lambda c: f"{c.get('qualifier', '')} {c['number']}")
def test_interval(case, grammar):
    lo, hi, lo_open, hi_open = grammar.interval(case["number"], case.get("qualifier"),
                                                discrete=case.get("discrete", False))
    want = case["expect"]
    assert close(lo, want[0]) and close(hi, want[1]) and (lo_open, hi_open) == (want[2], want[3])


@pytest.mark.parametrize("case", CASES["agree"], ids=lambda c: f"{' '.join(c['a'])} ~ {' '.join(c['b'])}")
def test_overlap(case, grammar):
    from factlint.lexicon.numbers import overlap

    a = grammar.interval(case["a"][1], case["a"][0] or None)
    b = grammar.interval(case["b"][1], case["b"][0] or None)
    assert overlap(a, b) == case["overlap"]
    assert overlap(b, a) == case["overlap"]


@given(st.integers(min_value=1, max_value=10**9), st.sampled_from(
    ["exact", "above", "near", "about", "at_least", "at_most", "below", "average"]))
def test_interval_holds_the_figure_or_borders_it(rules, n, meaning):
    from factlint.lexicon.numbers import overlap

    lo, hi, lo_open, hi_open = rules.lexicon.numbers.interval(str(n), meaning)
    assert lo <= n <= hi
    # "hơn x", "gần x" and "dưới x" exclude x itself, the others hold it
    assert overlap((lo, hi, lo_open, hi_open), (n, n, False, False)) == (meaning not in ("above", "near", "below"))


# ------------------------------------------------------------------- robustness
def _pieces():
    from factlint.config import Settings
    from factlint.pipeline import load_rules

    v = load_rules(Settings()).lexicon.numbers
    words = sorted({*v.digits, *v.scales, *v.hundred, *v.ten, *v.tens, *v.half, *v.qualifiers, *v.emphasis,
                    *v.unit_written.values(), *sorted(v.stop)[:40], *v.not_before, *v.classifiers,
                    *v.single_nouns})
    return st.one_of(st.sampled_from(words),
                     st.from_regex(r"\d{1,4}([.,/:-]\d{1,3}){0,2}", fullmatch=True),
                     st.sampled_from([" ", "  ", ", ", ". ", "\n", "(", ")", "%", "-", "/", "\"", "x"]))


@settings(max_examples=200, deadline=None)
@given(st.lists(_pieces(), max_size=40))
def test_any_text_reads_without_error(rules, pieces):
    from factlint.pipeline import DocumentStages

    stages = DocumentStages(rules)
    text = " ".join(pieces)
    last = -1
    claims = stages.extract(stages.normalize("t.txt", text))
    for c in (c for c in claims if c.kind == "quantity"):
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start:c.end] == c.text
        assert "\n" not in c.text  # a span never crosses a line
        assert c.start >= last  # in order, never overlapping
        last = c.end
        lo, hi, _, _ = c.data.interval()
        assert lo <= hi


# ------------------------------------------------------------------- comparison
def _figures(lint, docs, rule="quantity-conflict"):
    return sorted((f.severity, tuple(f.values)) for f in lint(docs).findings if f.rule == rule)


def test_qualifiers_by_rounding_conflict_or_agree(lint):
    """The issue's cases: "hơn 30" and "hơn 40 hoạt động" cannot both be true, nor "1,2 tỷ USD"
    and "gần 2 tỷ USD" for one year's figure; "khoảng 200" and "213" can."""
    trip = "Chủ tịch nước Lương Cường thăm Mông Cổ và Nhật Bản. "
    assert _figures(lint, [trip + "Chủ tịch nước Lương Cường đã có hơn 30 hoạt động.",
                           trip + "Chủ tịch nước Lương Cường đã có hơn 40 hoạt động."]) == [
        ("warning", ("hơn 30 hoạt động", "hơn 40 hoạt động"))]
    trade = "Theo Tổng cục Hải quan Mông Cổ, năm 2024, kim ngạch thương mại song phương đạt {}."
    assert _figures(lint, [trade.format("1,2 tỷ USD"), trade.format("gần 2 tỷ USD")]) == [
        ("warning", ("1,2 tỷ USD", "gần 2 tỷ USD"))]
    other_year = trade.replace("2024", "2023")
    assert _figures(lint, [other_year.format("1,2 tỷ USD"), trade.format("gần 2 tỷ USD")]) == []
    ship = "Tàu Hải Âu của Công ty Vận tải biển Phương Nam chở {} hành khách rời cảng Cát Lái."
    assert _figures(lint, [ship.format("khoảng 200"), ship.format("213")]) == []


def test_the_same_as_of_time_is_sharp_and_running_tolls_are_not_conflicts(lint):
    toll = "Tính đến {} ngày 3/9/2024, lũ quét ở xã Phúc Lâm, huyện Kim Bôi đã làm {} người chết."
    assert _figures(lint, [toll.format("17 giờ", 12), toll.format("17 giờ", 15)]) == [
        ("error", ("12 người", "15 người"))]
    assert _figures(lint, [toll.format("8 giờ", 12), toll.format("17 giờ", 15)]) == []
    later = toll.replace("3/9", "5/9")
    assert _figures(lint, [toll.format("17 giờ", 15), later.format("17 giờ", 12)]) == [
        ("warning", ("12 người", "15 người"))]
    fixed = later.replace("đã làm", "sau khi rà soát lại, con số đính chính là")
    assert _figures(lint, [toll.format("17 giờ", 15), fixed.format("17 giờ", 12)]) == []


def test_a_plan_is_not_compared_with_a_report(lint):
    report = "Ngày 12/9/2024, huyện Văn Chấn, tỉnh Yên Bái đã xây 25 căn nhà tái định cư cho người dân."
    plan = "Ngày 12/9/2024, huyện Văn Chấn, tỉnh Yên Bái dự kiến xây 40 căn nhà tái định cư cho người dân."
    assert _figures(lint, [report, report.replace("25", "40")]) != []
    assert _figures(lint, [report, plan]) == []


# ------------------------------------------------------- charges, groups and whose figure
def test_several_charges_name_none_of_them(claims_of):
    for text in ("Cơ quan điều tra khởi tố 9 bị can về các tội “Đưa hối lộ” và “Nhận hối lộ”.",
                 "Cơ quan điều tra khởi tố 9 bị can về tội “Đưa hối lộ”, “Nhận hối lộ”.",
                 "Cơ quan điều tra khởi tố 9 bị can về tội giết người và cướp tài sản."):
        (c,) = claims_of(text, "quantity")
        assert (c.text, c.data.predicate, c.data.charge) == ("9 bị can", "khởi tố", None), text


def test_a_clause_that_goes_on_or_lists_figures_takes_no_earlier_predicate(claims_of):
    (c,) = claims_of("Phiên giao dịch có nhiều mã giảm giá, 31 mã đứng yên.", "quantity")
    assert c.data.predicate is None
    area, people = claims_of("Xã Tân Mỹ có 33 km2 diện tích tự nhiên, 9.200 người.", "quantity")
    assert people.text == "9.200 người" and people.data.predicate is None


def test_a_person_named_as_whose_relation_is_not_the_actor(claims_of):
    for whose in ("lái xe của Thứ trưởng Bộ Xây dựng", "lái xe của ông"):
        text = f"Theo cáo trạng, Phạm Văn Tùng, {whose} Ngô Quang Vinh, nhận 3 tỷ đồng của nhà thầu."
        (c,) = claims_of(text, "quantity")
        assert c.data.actor == "phạm văn tùng", whose
    text = "Đứng đầu là Lê Hữu Toàn – trợ lý Thứ trưởng Bộ Công Thương Trịnh Văn Sáng, với 81 lần nhận hối lộ."
    (c,) = claims_of(text, "quantity")
    assert (c.data.actor, c.data.predicate) == ("lê hữu toàn", "nhận hối lộ")
    # a couple is the person and a relation; "tuyên bố" is no "bố"
    (c,) = claims_of("Vợ chồng ông Đỗ Minh Châu có 3 người con đang đi học.", "quantity")
    assert c.data.actor == "đỗ minh châu"
    (c,) = claims_of("Tuyên bố của Bộ trưởng Hồ Đức Lâm nêu rõ 5 điểm cần làm ngay.", "quantity")
    assert c.data.actor == "hồ đức lâm"


CASE = ("Kết luận điều tra vụ án tại Công ty Cổ phần Cảng biển Hòa Lạc và Tổng công ty Vận tải "
        "Sông Lam được Cơ quan Cảnh sát điều tra Bộ Công an ban hành. ")


def test_counts_of_people_facing_one_charge_are_compared(lint):
    """"Cùng 15 bị can khác" is a group of 16: it supports 16 against 15."""
    a = CASE + "Trong số 15 bị can bị đề nghị truy tố về tội “Tham ô tài sản” có 6 người là cán bộ."
    b = CASE + "Theo kết luận, có 16 bị can phạm tội “Tham ô tài sản”."
    c = CASE + "Ông Nguyễn Văn Hòa cùng 15 bị can khác bị đề nghị truy tố về tội Tham ô tài sản."
    assert _figures(lint, [b, c]) == []
    # another charge, another count; another stage, another count
    other = b.replace("Tham ô tài sản", "Lợi dụng chức vụ, quyền hạn trong khi thi hành công vụ")
    assert _figures(lint, [a, other]) == []
    earlier = CASE + "Cơ quan điều tra đã khởi tố 19 bị can về tội “Tham ô tài sản”."
    assert _figures(lint, [a, earlier]) == []
    # (three documents last: the corpus folder keeps the files of earlier calls)
    findings = [f for f in lint([a, b, c]).findings if f.rule == "quantity-conflict"]
    assert [(f.severity, f.values) for f in findings] == [("warning", ["15 bị can", "16 bị can"])]


def test_one_persons_count_of_times_is_compared_across_an_apposition(lint):
    a = CASE + ("Đứng đầu về số tiền nhận hối lộ là Lê Hữu Toàn – trợ lý Thứ trưởng Bộ Công Thương "
                "Trịnh Văn Sáng, với 12 tỷ đồng qua 81 lần nhận hối lộ.")
    b = CASE + ("Lê Hữu Toàn, cựu trợ lý Thứ trưởng, người nhận hối lộ nhiều nhất trong vụ án, lên tới "
                "83 lần, với tổng cộng 12 tỷ đồng.")
    assert _figures(lint, [a, b]) == [("error", ("81 lần", "83 lần"))]
