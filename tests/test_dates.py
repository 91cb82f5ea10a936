"""Date grammar, reference dates, events and the date checks."""

import pytest

from factlint.model import PartialDate

from conftest import run_paths

DATELINE = "Ban Thời sự-Thứ tư, ngày 14/05/2025 21:40 GMT+7\n\n"


def dates(lint, text, kind="date"):
    result = lint([text])
    return [c for c in result.claims if c.kind == kind]


def one(lint, text):
    found = dates(lint, text)
    assert len(found) == 1, [(c.text, c.value) for c in found]
    return found[0]


@pytest.mark.parametrize("text,written,value", [
    ("Hội nghị diễn ra ngày 14/05/2025 tại Hà Nội.", "ngày 14/05/2025", "2025-05-14"),
    ("Hội nghị diễn ra ngày 2025-05-14 tại Hà Nội.", "ngày 2025-05-14", "2025-05-14"),
    ("Hội nghị diễn ra ngày 5 tháng 5 năm 2025 tại Hà Nội.", "ngày 5 tháng 5 năm 2025", "2025-05-05"),
    ("Số liệu tháng 5/2025 cho thấy tăng trưởng.", "tháng 5/2025", "2025-05"),
    ("Hai nước thiết lập quan hệ từ năm 1992 đến nay.", "năm 1992", "1992"),
    ("Hội chợ diễn ra 5-12/5/2025 tại Hà Nội.", "5-12/5/2025", "2025-05-05/2025-05-12"),
    ("Hội chợ diễn ra từ ngày 5 đến 12/5/2025 tại Hà Nội.", "từ ngày 5 đến 12/5/2025",
     "2025-05-05/2025-05-12"),
    ("Hội chợ diễn ra từ 28/4 đến 2/5/2025 tại Hà Nội.", "từ 28/4 đến 2/5/2025",
     "2025-04-28/2025-05-02"),
])
def test_date_forms(lint, text, written, value):
    c = one(lint, text)
    assert c.text.strip() == written and c.value == value


def test_span_is_exact_in_working_text(lint):
    text = "Ngày 13/5/2025, đoàn đã về nước."
    result = lint([text])
    doc = next(iter(result.documents.values()))
    c = next(c for c in result.claims if c.kind == "date")
    assert doc.text[c.start:c.end] == c.text == "Ngày 13/5/2025"
    assert doc.line_col(c.start) == (1, 1)


def test_dateline_gives_reference_weekday_and_time(lint):
    result = lint([DATELINE + "Ngày 13/5, đoàn đã về nước."])
    doc = next(iter(result.documents.values()))
    assert doc.reference.date.iso() == "2025-05-14" and doc.reference.source == "dateline"
    line = next(c for c in result.claims if c.kind == "date" and c.zone == "meta")
    assert line.data.weekday == 3 and line.data.time == "21:40"
    body = next(c for c in result.claims if c.kind == "date" and c.zone == "body")
    assert body.value == "2025-05-13" and body.data.year_from.startswith("dateline")


def test_front_matter_and_metadata_reference(lint):
    result = lint({"a.md": "---\ntitle: x\ndate: 2024-09-16\n---\nNgày 10/9, bão đổ bộ.",
                   "b.txt": " date 2025-04 Vào chiều 2/4, hai bên hội đàm."})
    refs = {p.split("/")[-1]: d.reference for p, d in result.documents.items()}
    assert refs["a.md"].date.iso() == "2024-09-16" and refs["a.md"].source == "front matter"
    assert refs["b.txt"].date.iso() == "2025-04" and refs["b.txt"].source == "metadata line"
    by_doc = {c.doc.split("/")[-1]: c for c in result.claims if c.kind == "date"}
    assert by_doc["a.md"].value == "2024-09-10"
    assert by_doc["b.txt"].value == "2025-04-02" and by_doc["b.txt"].data.part == "chiều"


def test_year_from_dates_in_text_and_unknown(lint):
    result = lint({"a.txt": "Từ ngày 5-12/5/2025, đoàn thăm Lào. Sáng 6/5, đoàn hội đàm.",
                   "b.txt": "Sáng 6/5, đoàn hội đàm."})
    by_doc = {}
    for c in result.claims:
        if c.kind == "date":
            by_doc.setdefault(c.doc.split("/")[-1], []).append(c)
    assert by_doc["a.txt"][1].value == "2025-05-06"
    assert by_doc["b.txt"][0].value == "????-05-06" and by_doc["b.txt"][0].data.year_from == "unknown"


@pytest.mark.parametrize("text,written", [
    ("Chiều 2/4, hai bên hội đàm.", "Chiều 2/4"),
    ("Sáng 4/2, đoàn đến thăm.", "Sáng 4/2"),
    ("Tối 3/2, đoàn nhập cảnh về nước.", "Tối 3/2"),
    ("Nhân dịp này (2-4/4), Bộ trưởng thăm Nga.", "2-4/4"),
    ("Vụ việc xảy ra lúc 23h50 ngày 3/2/2025 tại Hà Nội.", "23h50 ngày 3/2/2025"),
    ("Vụ việc xảy ra ngày 3/2/2025, khoảng 23h30 tại Hà Nội.", "ngày 3/2/2025, khoảng 23h30"),
])
def test_parts_of_day_and_times(lint, text, written):
    c = one(lint, text)
    assert c.text == written


def test_clock_time_attached(lint):
    c = one(lint, "Vụ việc xảy ra lúc 10 giờ 30 ngày 3/2/2025.")
    assert c.data.time == "10:30" and c.value == "2025-02-03"


@pytest.mark.parametrize("text", [
    "Việt Nam đứng thứ 26/147 quốc gia có vốn đầu tư.",
    "Thủ tướng ký Công điện số 08/CĐ-TTg về an toàn thực phẩm.",
    "Nghị định số 46/2026/NĐ-CP quy định chi tiết.",
    "Cửa hàng mở cửa 24/7 cho khách.",
    "Nhà ở ngách 29/70 phố Khương Trung.",
    "Gia đình sống tại số 12/3 phố Huế.",
    "Khoảng 1/3 dân số đã tiêm vaccine.",
    "Đội nhà thắng với tỷ số 2-1 trước đối thủ.",
])
def test_not_dates(lint, text):
    assert [c.text for c in dates(lint, text) if c.attribute != "year"] == []


def test_ordinal_is_not_a_weekday(lint):
    found = dates(lint, "Thứ tư, trên bình diện đa phương, hai nước hợp tác chặt chẽ.")
    assert found == []
    c = one(lint, "Sau khi dùng thuốc đến tháng thứ 6, ngày 13/4/2015, anh đi xét nghiệm.")
    assert c.data.weekday is None and c.text == "ngày 13/4/2015"


def test_bare_sunday(lint):
    found = dates(lint, "Cuộc thi diễn ra vào Chủ nhật tới tại sân vận động.")
    assert [(c.attribute, c.value) for c in found] == [("weekday", "7")]


def test_partial_dates():
    assert PartialDate(2025, 5, 3).iso() == "2025-05-03" and PartialDate(None, 5, 3).iso() == "????-05-03"
    assert PartialDate(1992).iso() == "1992" and PartialDate.parse("2025-05").precision == "month"
    assert PartialDate.parse("????-05-03") == PartialDate(None, 5, 3)
    assert PartialDate.parse("????-05-03").with_year(2025).exact().isoformat() == "2025-05-03"
    assert PartialDate.parse("2025-02-30").exact() is None
    # one partial date, one reading of "the same days": a year stands for its middle
    assert PartialDate(2025).exact() is None and PartialDate(2025).anchor().isoformat() == "2025-07-01"
    assert PartialDate(2025, 5).anchor().isoformat() == "2025-05-01"
    assert PartialDate(None, 5, 3).anchor() is None


# ------------------------------------------------------------------------- events
def events(result):
    return sorted((c.subject, c.attribute, c.value) for c in result.claims if c.kind == "event")


def test_event_claims_from_seed_sentences(lint):
    result = lint({
        "a.txt": DATELINE + "Ngày 13/5, Tổng Bí thư Tô Lâm và Phu nhân cùng đoàn đại biểu cấp cao Việt Nam "
                 "đã kết thúc tốt đẹp chuyến thăm cấp Nhà nước tới Kazakhstan, Azerbaijan.",
        "b.txt": "Từ ngày 5 đến 12/5, Tổng Bí thư Tô Lâm cùng Phu nhân sẽ thực hiện chuyến thăm cấp "
                 "Nhà nước tới Kazakhstan, Azerbaijan.",
        "c.txt": "Cộng hòa Kazakhstan - quốc gia đầu tiên trong chuyến công du 8 ngày tại 4 quốc gia "
                 "của Tổng Bí thư Tô Lâm.",
    })
    assert events(result) == [("tô lâm", "duration", "8"), ("tô lâm", "end", "2025-05-13"),
                              ("tô lâm", "range", "????-05-05/????-05-12")]
    planned = next(c for c in result.claims if c.kind == "event" and c.attribute == "range")
    assert planned.data.planned is True and "Kazakhstan" in planned.data.hosts


def test_event_without_person_is_not_extracted(lint):
    result = lint(["Ngày 13/5, đoàn đã kết thúc chuyến thăm Kazakhstan."])
    assert events(result) == []


def test_seeds_event_conflict_is_one_finding(seeds_copy, rules):
    result = run_paths([seeds_copy], rules)
    mine = {"event-date-conflict", "event-duration", "weekday-date", "date-range-order",
            "anniversary-years", "quantity-conflict"}
    found = [f for f in result.findings if f.rule in mine]
    assert len(found) == 1, [f.message for f in found]
    f = found[0]
    assert f.rule == "event-date-conflict" and f.severity == "error"
    assert f.sides[0].display == "Ngày 13/5" and f.sides[0].doc.endswith("000_cf5f54279f3bea86.txt")
    assert f.outliers == 1
    assert sorted(c.doc.split("/")[-1][:3] for c in f.sides[1:]) == ["001", "002", "002", "003"]
    assert f.values[0] == "Ngày 13/5" and f.expected == "12/5"


def test_other_trip_of_same_actor_is_a_separate_event(lint):
    result = lint([
        "Ngày 13/5, Tổng Bí thư Tô Lâm đã kết thúc chuyến thăm tới Kazakhstan.",
        "Từ ngày 5 đến 12/5, Tổng Bí thư Tô Lâm sẽ thực hiện chuyến thăm tới Kazakhstan.",
        "Tổng Bí thư Tô Lâm thăm cấp Nhà nước tới Lào ngày 5/2/2026.",
        "Tổng Bí thư Tô Lâm có chuyến thăm cấp Nhà nước tới Lào từ ngày 5-6/2/2026.",
    ])
    assert [f for f in result.findings if f.rule == "event-date-conflict"] == []


# ---------------------------------------------------------------- weekday checks
@pytest.mark.parametrize("text,fires", [
    ("Hà Nội, Thứ tư, ngày 14/05/2025, hội nghị khai mạc.", False),
    ("Hà Nội, Thứ năm, ngày 14/05/2025, hội nghị khai mạc.", True),
    ("Hà Nội, Chủ nhật, ngày 18/05/2025, hội nghị khai mạc.", False),
    ("Hà Nội, Chủ nhật, 17/5/2025, hội nghị khai mạc.", True),
])
def test_weekday_check(lint, text, fires):
    result = lint([text])
    assert bool([f for f in result.findings if f.rule == "weekday-date"]) is fires


def test_weekday_with_uncertain_year_is_not_checked(lint):
    result = lint(["Hội nghị khai mạc vào Thứ năm, ngày 14/5 tại Hà Nội."])
    assert [f for f in result.findings if f.rule == "weekday-date"] == []


@pytest.mark.parametrize("text,fires", [
    ("Hội chợ diễn ra từ ngày 12-5/5/2025.", True),
    ("Hội chợ diễn ra từ ngày 5-12/5/2025.", False),
    ("Hội chợ diễn ra từ 28/12/2024 đến 2/1/2025.", False),
    ("Hội chợ diễn ra từ 28/12/2025 đến 2/1/2025.", True),
])
def test_range_order(lint, text, fires):
    result = lint([text])
    assert bool([f for f in result.findings if f.rule == "date-range-order"]) is fires


@pytest.mark.parametrize("days,fires", [(8, False), (7, True), (9, True)])
def test_duration_vs_range(lint, days, fires):
    result = lint([f"Tổng Bí thư Tô Lâm có chuyến thăm tới Kazakhstan từ ngày 5-12/5/2025. "
                   f"Chuyến công du {days} ngày của Tổng Bí thư Tô Lâm đã thành công."])
    assert bool([f for f in result.findings if f.rule == "event-duration"]) is fires


def test_rule_params_are_validated():
    from pydantic import ValidationError

    from factlint.compare.anniversary_years import AnniversaryParams
    from factlint.compare.event_date_conflict import EventDateParams
    with pytest.raises(ValidationError):
        EventDateParams(max_gap_days=-1)
    with pytest.raises(ValidationError):
        EventDateParams(min_documents=1)
    with pytest.raises(ValidationError):
        EventDateParams(gap=3)
    with pytest.raises(ValidationError):
        AnniversaryParams(min_overlap=0)
    assert EventDateParams(max_gap_days=0).max_gap_days == 0


def test_ordinal_day_is_not_a_weekday(lint):
    assert dates(lint, "Đây là ngày thứ 4 liên tiếp số ca mắc giảm.") == []
    found = dates(lint, "Trận đấu diễn ra vào thứ Bảy tuần này.")
    assert [(c.attribute, c.value) for c in found] == [("weekday", "6")]


@pytest.mark.parametrize("text,written,value", [
    ("Chuyến thăm diễn ra 5–12/5/2025 tại Nga.", "5–12/5/2025", "2025-05-05/2025-05-12"),
    ("Hội nghị khai mạc ngày 5 tháng 5, 2025 tại Hà Nội.", "ngày 5 tháng 5, 2025", "2025-05-05"),
    ("Số liệu tháng 5 năm 2025 cho thấy tăng trưởng.", "tháng 5 năm 2025", "2025-05"),
])
def test_more_date_forms(lint, text, written, value):
    c = one(lint, text)
    assert c.text == written and c.value == value


def test_seed_non_trip_dates(seeds_copy, rules):
    result = run_paths([seeds_copy], rules)
    texts = {c.text for c in result.claims if c.kind == "date"}
    assert not any("26/147" in t for t in texts)
    assert not any(t.endswith("2/9") for t in texts)  # "Quốc khánh 2/9": no date word before it
    trip = {(c.subject, c.text) for c in result.claims if c.kind == "event"}
    assert ("bùi thanh sơn", "2-4/4") in trip
    assert not any("1930" in t or "2026" in t or "2/9" in t for _, t in trip)
    ref = {p.split("/")[-1][:3]: d.reference for p, d in result.documents.items()}
    assert ref["000"].source == "dateline" and ref["004"].source == "metadata line"
    assert ref["001"] is None
