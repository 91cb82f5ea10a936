"""Quantity grammar, qualifiers as intervals, and the quantity-conflict rule."""

import pytest

from factlint.compare.quantity_conflict import conflict
from factlint.extract.quantity import interval, parse_number
from factlint.model import QuantityData


TRIP = "Từ ngày 5-12/5/2025, Tổng Bí thư Tô Lâm có chuyến thăm Kazakhstan. "
PM = "Ngày 5/3/2025, Thủ tướng Phạm Minh Chính kết thúc chuyến thăm Lào. "


def quantities(lint, text):
    return [c for c in lint([text]).claims if c.kind == "quantity"]


@pytest.mark.parametrize("s,x", [("4,1", 4.1), ("1.000", 1000.0), ("27,4", 27.4), ("1.234.567", 1234567.0),
                                 ("1.234,5", 1234.5), ("80", 80.0)])
def test_number_grammar(s, x):
    assert parse_number(s) == x


@pytest.mark.parametrize("text,shown,figure,noun", [
    (TRIP + "Tổng Bí thư Tô Lâm đã có hơn 80 hoạt động.", "hơn 80 hoạt động", [80, 80], "hoạt động"),
    (TRIP + "Tổng Bí thư Tô Lâm chứng kiến ký khoảng 60 thỏa thuận.", "khoảng 60 thỏa thuận", [60, 60], "thỏa thuận"),
    ("Bão Yagi đã làm 1.000 người mất nhà cửa.", "1.000 người mất", [1000, 1000], "người mất"),
    ("Bão Yagi làm 10-15 người bị thương.", "10-15 người bị", [10, 15], "người bị"),
    (TRIP + "Theo Tổng Bí thư Tô Lâm, kim ngạch đạt 4,1 tỷ USD.", "4,1 tỷ USD", [4.1e9, 4.1e9], "(USD)"),
    (TRIP + "Theo Tổng Bí thư Tô Lâm, tổng vốn đăng ký 990 triệu USD.", "990 triệu USD", [9.9e8, 9.9e8], "(USD)"),
    (TRIP + "Theo Tổng Bí thư Tô Lâm, kim ngạch tăng 27,4% so với năm trước.", "27,4%", [27.4, 27.4], "(%)"),
    (TRIP + "Theo Tổng Bí thư Tô Lâm, kim ngạch đạt 5 tỉ USD.", "5 tỉ USD", [5e9, 5e9], "(USD)"),
    ("Bão Yagi làm 3 nghìn ngôi nhà bị hư hỏng.", "3 nghìn ngôi nhà", [3000, 3000], "ngôi nhà"),
])
def test_quantity_forms(lint, text, shown, figure, noun):
    found = quantities(lint, text)
    assert len(found) == 1, [c.text for c in found]
    c = found[0]
    assert c.display == shown and list(c.data.figure) == figure and c.data.noun.endswith(noun)


@pytest.mark.parametrize("text", [
    "Tổng Bí thư Tô Lâm nói Việt Nam đứng thứ 26/147 quốc gia.",
    "Tổng Bí thư Tô Lâm thăm Lào trong 3 ngày.",
    "Tổng Bí thư Tô Lâm ký Công điện số 08 về an toàn thực phẩm.",
    "Năm 2025, Tổng Bí thư Tô Lâm thăm Nga.",
])
def test_not_quantities(lint, text):
    assert quantities(lint, text) == []


def test_quantity_needs_a_topic(lint):
    assert quantities(lint, "Có hơn 80 hoạt động đã diễn ra.") == []
    # a person's figure needs a trip of that person dated in the document
    assert quantities(lint, "Tổng Bí thư Tô Lâm đã có hơn 80 hoạt động.") == []
    assert len(quantities(lint, TRIP + "Tổng Bí thư Tô Lâm đã có hơn 80 hoạt động.")) == 1


def test_person_figures_of_different_trips_are_not_compared(lint):
    other = "Từ ngày 5-8/9/2025, Tổng Bí thư Tô Lâm có chuyến thăm Pháp. "
    result = lint([TRIP + "Tổng Bí thư Tô Lâm đã có hơn 80 hoạt động.",
                   TRIP + "Tổng Bí thư Tô Lâm đã có hơn 80 hoạt động tại 4 nước.",
                   other + "Tổng Bí thư Tô Lâm đã có hơn 30 hoạt động."])
    assert [f for f in result.findings if f.rule == "quantity-conflict"] == []
    result = lint([TRIP + "Tổng Bí thư Tô Lâm đã có hơn 80 hoạt động.",
                   TRIP + "Tổng Bí thư Tô Lâm đã có hơn 80 hoạt động tại 4 nước.",
                   TRIP + "Tổng Bí thư Tô Lâm đã có hơn 30 hoạt động."])
    assert [f.values[0] for f in result.findings if f.rule == "quantity-conflict"] == ["hơn 30 hoạt động"]


def test_topic_is_the_named_event(lint):
    c = quantities(lint, "Ông Nguyễn Văn An cho biết bão Yagi đã làm 200 người chết.")[0]
    assert c.data.topic == "bão yagi"


def test_time_bound_figure_carries_its_date(lint):
    c = quantities(lint, "Tính đến 16/9/2024, bão Yagi đã làm 200 người chết.")[0]
    assert c.data.as_of == "2024-09-16" and c.when.iso() == "2024-09-16"


@pytest.mark.parametrize("kind,low,high", [
    ("above", 80, None), ("at_least", 80, None), ("below", 0, 80), ("at_most", 0, 80),
    ("near", 72, 80), ("about", 72, 88), ("exact", 80, 80),
])
def test_qualifier_intervals(kind, low, high):
    lo, hi = interval(kind, 80, 80, 0.1)
    assert lo == pytest.approx(low) and (hi == pytest.approx(high) if high is not None else hi is None)


@pytest.mark.parametrize("qual", ["hơn", "trên", "khoảng", "gần", "dưới", "gần như", "ít nhất", "tới"])
def test_each_qualifier_is_read(lint, qual):
    c = quantities(lint, f"Bão Yagi đã làm {qual} 80 ngôi nhà bị sập.")[0]
    assert c.data.qualifier == qual and c.display.startswith(qual)


class _C:
    def __init__(self, qual, kind, lo, hi, low, high):
        self.data = QuantityData(qual, kind, (lo, hi), low, high, "", None, "", None)


def q(qual, kind, x, tol=0.1):
    low, high = interval(kind, x, x, tol)
    return _C(qual, kind, x, x, low, high)


@pytest.mark.parametrize("a,b,expected", [
    (q(None, "exact", 27), q("hơn", "above", 20), False),
    (q("hơn", "above", 80), q("hơn", "above", 90), True),
    (q("hơn", "above", 80), q(None, "exact", 85), False),
    (q("hơn", "above", 80), q(None, "exact", 70), True),
    (q("khoảng", "about", 60), q("hơn", "above", 20), False),
    (q("dưới", "below", 50), q(None, "exact", 50), True),
    (q("gần", "near", 200), q(None, "exact", 190), False),
    (q("gần", "near", 200), q(None, "exact", 210), True),
    (q("ít nhất", "at_least", 10), q(None, "exact", 9), True),
])
def test_conflict(a, b, expected):
    assert conflict(a, b) is expected and conflict(b, a) is expected


def test_disaster_counts_at_different_times_do_not_conflict(lint):
    result = lint(["Tính đến 16/9/2024, bão Yagi đã làm 200 người chết.",
                   "Tính đến 16/9/2024, bão Yagi đã làm 200 người chết, nhiều nhà bị sập.",
                   "Tính đến 20/9/2024, bão Yagi đã làm 299 người chết."])
    assert [f for f in result.findings if f.rule == "quantity-conflict"] == []


def test_disaster_counts_same_time_conflict(lint):
    result = lint(["Tính đến 16/9/2024, bão Yagi đã làm 200 người chết.",
                   "Tính đến 16/9/2024, bão Yagi đã làm 200 người chết, nhiều nhà bị sập.",
                   "Tính đến 16/9/2024, bão Yagi đã làm 299 người chết."])
    found = [f for f in result.findings if f.rule == "quantity-conflict"]
    assert len(found) == 1 and found[0].values[0] == "299 người chết" and len(found[0].sides) == 3


def test_economic_report_money_figures(lint):
    docs = [PM + "Thủ tướng Phạm Minh Chính cho biết kim ngạch thương mại song phương năm 2024 đạt 4,1 tỷ USD.",
            PM + "Theo Thủ tướng Phạm Minh Chính, kim ngạch thương mại song phương năm 2024 đạt 4,1 tỷ USD.",
            PM + "Thủ tướng Phạm Minh Chính nêu mục tiêu kim ngạch thương mại song phương đạt 5 tỷ USD vào năm 2030."]
    assert [f for f in lint(docs).findings if f.rule == "quantity-conflict"] == []
    docs[2] = PM + "Thủ tướng Phạm Minh Chính cho biết kim ngạch thương mại song phương năm 2024 đạt 6,1 tỷ USD."
    found = [f for f in lint(docs).findings if f.rule == "quantity-conflict"]
    assert [f.values[0] for f in found] == ["6,1 tỷ USD"]


def test_two_figures_in_one_document_are_two_things(lint):
    result = lint([TRIP + "Tổng Bí thư Tô Lâm chứng kiến ký hơn 20 thỏa thuận với Nga và khoảng 60 thỏa thuận "
                   "với các nước. Tổng Bí thư Tô Lâm đã có hơn 80 hoạt động.",
                   TRIP + "Tổng Bí thư Tô Lâm chứng kiến ký khoảng 10 thỏa thuận."])
    assert [f for f in result.findings if f.rule == "quantity-conflict"] == []


def test_seed_sentences_agree(lint):
    result = lint([
        "Ngày 13/5/2025, Tổng Bí thư Tô Lâm đã kết thúc chuyến thăm Kazakhstan. "
        "Cộng hòa Kazakhstan - quốc gia đầu tiên trong chuyến công du 8 ngày tại 4 quốc gia với hơn 80 "
        "hoạt động của Tổng Bí thư Tô Lâm và Phu nhân.",
        TRIP + "Với hơn 80 hoạt động dày đặc, phong phú trong thời gian 8 ngày tại 4 quốc gia, Tổng Bí thư Tô Lâm "
        "đã có các cuộc hội đàm.",
    ])
    assert [f for f in result.findings if f.rule == "quantity-conflict"] == []
    assert len([c for c in result.claims if c.kind == "quantity" and c.data.noun == "hoạt động"]) == 2


def test_quantity_params_are_validated():
    from pydantic import ValidationError

    from factlint.compare.quantity_conflict import QuantityParams
    with pytest.raises(ValidationError):
        QuantityParams(min_documents=1)
    with pytest.raises(ValidationError):
        QuantityParams(tolerance=0.1)
