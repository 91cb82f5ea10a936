"""Institutions named by a number (extract/institution.py) and the digits of one such
number swapped in one story (compare/number_transposition.py, rule institution-number).
Every text here is written for these tests."""

import pytest

from factlint.compare.number_transposition import swapped

RULE = "institution-number"


@pytest.mark.parametrize("text,names", [
    ("Nạn nhân được đưa tới Bệnh viện Quân y 175 cấp cứu.", [("Bệnh viện Quân y", "175")]),
    ("Chiến sĩ Lữ đoàn Thông tin 80 và Sư đoàn 308 có mặt.",
     [("Lữ đoàn Thông tin", "80"), ("Sư đoàn", "308")]),
    ("Bác sĩ Bệnh viện Trung ương Quân đội 108 cho biết ca mổ thành công.",
     [("Bệnh viện Trung ương Quân đội", "108")]),
    ("BỆNH VIỆN QUÂN Y 121 TIẾP NHẬN BỆNH NHÂN", [("BỆNH VIỆN QUÂN Y", "121")]),
    # a description, a count, a clock time, a year, an address, a document and a phone number
    ("Một bệnh viện 300 giường vừa khánh thành.", []),
    ("Trường THPT Nguyễn Du tuyển 450 học sinh lớp 10.", []),
    ("Bệnh viện Hữu Nghị có 120 bác sĩ.", []),
    ("Bệnh viện Đa khoa Bình Minh lúc 18 giờ đã tiếp nhận ca bệnh.", []),
    ("Nhà máy Đường Sơn La năm 2019 đạt doanh thu kỷ lục.", []),
    ("Nhà máy Thép Hòa Phát 2019 là năm đầu tiên.", []),
    ("Bệnh viện Đa khoa Hồng Phúc 286 Trần Phú mở cửa.", []),
    ("Bệnh viện Tỉnh 268/QĐ-SYT ban hành quy định.", []),
    ("Trạm Y tế 0236 382 268 trực suốt đêm.", []),
])
def test_numbered_names(claims_of, text, names):
    got = [(c.data.name, c.value) for c in claims_of(text, "institution")]
    assert got == names


def test_swapped():
    assert swapped("268", "286") and swapped("175", "715") and swapped("1080", "1008")
    assert not swapped("108", "175")  # not the same digits
    assert not swapped("304", "324")  # one digit away: sibling units
    assert not swapped("268", "862")  # not neighbours
    assert not swapped("268", "268") and not swapped("268", "2680")


STORY = [
    "Sáng 9/8, mưa lũ cuốn trôi cầu treo bản Nậm Cọ. Thượng tá Đinh Công Lực chỉ huy Trung đoàn "
    "Bộ binh 742 tìm kiếm. Hai người bị thương được đưa về Bệnh viện Quân y 354.",
    "Lũ quét ở bản Nậm Cọ: Thượng tá Đinh Công Lực cho biết đã tìm thấy người thứ ba. Người này "
    "được chuyển tới Bệnh viện Quân y 345 trong đêm.",
    "Tại Bệnh viện Quân y 354, các bác sĩ đang điều trị cho những người bị thương ở bản Nậm Cọ; "
    "Thượng tá Đinh Công Lực đến thăm.",
]


def _found(result):
    return [(f.severity, f.values, sorted({s.doc.rsplit("/", 1)[-1] for s in f.sides}))
            for f in result.findings if f.rule == RULE]


def test_swapped_digits_in_one_story_are_a_warning_citing_every_side(lint):
    found = _found(lint(STORY))
    assert found == [("warning", ["Bệnh viện Quân y 345", "Bệnh viện Quân y 354"],
                      ["doc0.txt", "doc1.txt", "doc2.txt"])]


def test_swapped_digits_in_one_document(lint):
    text = ("Bệnh viện Quân y 211 tiếp nhận ba chiến sĩ. Sau đó Bệnh viện Quân y 121 chuyển một người "
            "đi Hà Nội, hai người ở lại Bệnh viện Quân y 211.")
    assert _found(lint([text])) == [("warning", ["Bệnh viện Quân y 121", "Bệnh viện Quân y 211"], ["doc0.txt"])]


@pytest.mark.parametrize("docs", [
    # two roads, and two-digit numbers, are never compared
    ["Xe tải đi Quốc lộ 14 rồi rẽ vào Quốc lộ 41. Quốc lộ 14 bị sạt lở.",
     "Quân đoàn 12 và Quân đoàn 21 cùng diễn tập; Quân đoàn 12 chủ trì."],
    # two hospitals whose numbers are no swap; two sibling units one digit apart
    ["Bệnh viện 108 và Bệnh viện 175 nhận bệnh nhân; Bệnh viện 108 cử thêm bác sĩ.",
     "Sư đoàn 304 và Sư đoàn 324 hành quân. Sư đoàn 304 đi trước, Sư đoàn 304 đóng quân ở đèo."],
    # a document number and a phone number beside the institution's own number
    ["Theo Quyết định 286/QĐ-UBND, Trạm Y tế 268 trực cả đêm; gọi Trạm Y tế 0268 3822 286. Trạm Y tế 268 "
     "có hai bác sĩ."],
    # one mention each: nothing says which is the slip
    ["Thượng tá Đinh Công Lực thăm Bệnh viện Quân y 354 ở bản Nậm Cọ.",
     "Thượng tá Đinh Công Lực thăm Bệnh viện Quân y 345 ở bản Nậm Cọ."],
    # other names before the number are other institutions
    ["Bệnh viện Quân y 268 và Bệnh viện 286 cùng tham gia. Bệnh viện Quân y 268 cử đội cấp cứu."],
])
def test_silent(lint, docs):
    assert _found(lint(docs)) == []


def test_two_stories_are_not_compared(lint):
    docs = ["Ông Hoàng Đức Vượng ở xã Tân Lập được đưa tới Bệnh viện Quân y 354. Bệnh viện Quân y 354 "
            "đã mổ cho ông.",
            "Giải chạy ở Cần Giờ: bà Lý Thị Mến được các bác sĩ Bệnh viện Quân y 345 sơ cứu."]
    assert _found(lint(docs)) == []
