"""Person and visit extractors on real seed sentences and on sentences about other events."""

import pytest

from factlint.model import RoleScope


@pytest.fixture
def claims(claims_of):
    return claims_of


@pytest.mark.parametrize("text,name,titles,quals", [
    ("Tổng Bí thư Tô Lâm và Tổng thống Azerbaijan Ilham Aliyev gặp nhau.", "Ilham Aliyev",
     ["tổng thống"], {"of": "Azerbaijan"}),
    ("Đại sứ Việt Nam tại Nga Đặng Minh Khôi nhấn mạnh.", "Đặng Minh Khôi", ["đại sứ"],
     {"of": "Việt Nam", "at": "Nga"}),
    ("Theo Phó Thủ tướng, Bộ trưởng Bộ Ngoại giao Bùi Thanh Sơn, chuyến thăm là dịp đặc biệt.",
     "Bùi Thanh Sơn", ["phó thủ tướng", "bộ trưởng"], {"org": "Bộ Ngoại giao"}),
    ("Thứ trưởng Ngoại giao Lê Thị Thu Hằng: Nhận lời mời.", "Lê Thị Thu Hằng", ["thứ trưởng"],
     {"org": "Bộ Ngoại giao"}),
    ("Tổng thống Kazakhstan Kassym – Jomart Tokayev đón đoàn.", "Kassym – Jomart Tokayev",
     ["tổng thống"], {"of": "Kazakhstan"}),
    # other events, other officials
    ("Thủ tướng Nhật Bản Ishiba Shigeru hội đàm với Thủ tướng Phạm Minh Chính.", "Ishiba Shigeru",
     ["thủ tướng"], {"of": "Nhật Bản"}),
    ("Chủ tịch UBND tỉnh Quảng Ninh Cao Tường Huy chỉ đạo ứng phó bão.", "Cao Tường Huy",
     ["chủ tịch ubnd"], {"of": "Quảng Ninh"}),
])
def test_person_mentions(claims, text, name, titles, quals):
    found = claims(text, "person")
    c = found[-1] if name == "Ilham Aliyev" else found[0]
    assert (c.display, list(c.data.titles), c.data.scope) == (name, titles, RoleScope(**quals))
    assert text[c.start:c.end] == name


def test_bare_mention_resolves_within_the_document(claims):
    text = ("Tổng Bí thư tiếp Đại sứ Liên bang Nga tại Việt Nam Gennady Bezdetko.\n\n"
            "Đại sứ Bezdetko khẳng định quan hệ tốt đẹp.")
    found = claims(text, "person")
    assert [c.subject for c in found] == ["gennady bezdetko", "gennady bezdetko"]


@pytest.mark.parametrize("text", [
    "Tổng thống Kazakhstan.",  # a title without a name
    "Chủ tịch HĐQT ABBank phát biểu.",  # an acronym is not a name
    "Tổng Bí thư Đảng Cộng sản Việt Nam sau 33 năm.",  # a qualifier is not a name
])
def test_not_people(claims, text):
    assert claims(text, "person") == []


def test_visit_levels_through_a_list(claims):
    text = ("Ngày 13/5, Tổng Bí thư Tô Lâm đã kết thúc chuyến thăm cấp Nhà nước tới Kazakhstan, "
            "Azerbaijan, dự Lễ kỷ niệm Ngày Chiến thắng và thăm chính thức Liên bang Nga, thăm cấp "
            "Nhà nước tới Belarus.")
    got = {(c.data.host, c.data.level, c.data.visitor) for c in claims(text, "visit")}
    assert got == {("Kazakhstan", "thăm cấp Nhà nước", "tô lâm"),
                   ("Azerbaijan", "thăm cấp Nhà nước", "tô lâm"),
                   ("Nga", "thăm chính thức", "tô lâm"),
                   ("Belarus", "thăm cấp Nhà nước", "tô lâm")}


def test_visitor_after_cua_and_other_visitors(claims):
    text = "Xin cho biết ý nghĩa chuyến thăm chính thức Nhật Bản của Thủ tướng Phạm Minh Chính?"
    assert [c.data.visitor for c in claims(text, "visit")] == ["phạm minh chính"]
    text = "Phó Thủ tướng, Bộ trưởng Ngoại giao Bùi Thanh Sơn thăm chính thức Liên bang Nga (2-4/4)."
    (c,) = claims(text, "visit")
    assert (c.data.visitor, c.data.host) == ("bùi thanh sơn", "Nga")


def test_the_visitor_is_not_the_one_who_invited(claims):
    text = ("Tổng thống Joe Biden, theo lời mời của Tổng Bí thư Nguyễn Phú Trọng, thăm cấp Nhà nước "
            "Việt Nam từ ngày 10 đến 11/9/2023.")
    assert [c.data.visitor for c in claims(text, "visit")] == ["joe biden"]
    text = ("Chủ tịch nước Lương Cường thăm cấp Nhà nước Mông Cổ theo lời mời của Tổng thống Mông Cổ "
            "Ukhnaagiin Khurelsukh.")
    assert [c.data.visitor for c in claims(text, "visit")] == ["lương cường"]


def test_a_visit_of_someone_else_in_another_year(claims):
    text = ("Thời sự - Thứ tư, ngày 14/05/2025 21:40 GMT+7\n\nTổng Bí thư Tô Lâm nhắc lại chuyến thăm "
            "chính thức Nga của cố Tổng Bí thư Nguyễn Phú Trọng năm 2022.")
    (c,) = claims(text, "visit")
    assert (c.data.visitor, c.when.iso()) == ("nguyễn phú trọng", "2022")


def test_visits_in_different_years_are_different_visits(lint):
    docs = ["Thời sự - Thứ tư, ngày 14/05/2025 21:40 GMT+7\n\nThủ tướng Phạm Minh Chính thăm chính thức "
            "Nhật Bản. Năm 2022, chuyến thăm làm việc Nhật Bản của Thủ tướng Phạm Minh Chính năm 2022 "
            "để lại nhiều dấu ấn.",
            "Thời sự - Thứ năm, ngày 15/05/2025 21:40 GMT+7\n\nThủ tướng Phạm Minh Chính thăm chính thức Nhật Bản."]
    assert [f for f in lint(docs).findings if f.rule == "visit-level"] == []
