"""A story about another event, written for this test: the default rules, unchanged,
catch the conflicts planted in it and nothing else."""

STORY = {
    "a.txt": (
        "Thủ tướng thăm Nhật Bản\n\n"
        "Từ ngày 2 đến 4/6/2025, Thủ tướng Phạm Minh Chính thăm chính thức Nhật Bản theo lời mời "
        "của Thủ tướng Nhật Bản Ishiba Shigeru. Đại sứ Việt Nam tại Nhật Bản Phạm Quang Hiệu cho "
        "biết chuyến thăm có nhiều hoạt động.\n"
    ),
    "b.txt": (
        "Thủ tướng Phạm Minh Chính thăm chính thức Nhật Bản và hội đàm với Thủ tướng Ishiba "
        "Shigeru. Đại sứ Phạm Quang Hiệu tháp tùng.\n"
    ),
    "c.txt": (
        "Thủ tướng Phạm Minh Chính thăm làm việc Nhật Bản, gặp Thủ tướng Nhật Bản Ishiba Shigeri. "
        "Đại sứ Việt Nam tại Nhật Bản Nguyễn Quang Hiệu đón đoàn.\n"
    ),
}


def test_planted_conflicts_are_found_and_nothing_else(lint):
    result = lint(STORY)
    errors = sorted((f.rule, f.values[0]) for f in result.findings if f.severity == "error")
    assert errors == [
        ("person-name-spelling", "Ishiba Shigeri"),
        ("role-holder", "Nguyễn Quang Hiệu"),
        ("visit-level", "thăm làm việc"),
    ]


def test_agreeing_story_is_silent(lint):
    agreeing = dict(STORY)
    agreeing["c.txt"] = "Thủ tướng Phạm Minh Chính thăm chính thức Nhật Bản.\n"
    assert lint(agreeing).findings == []
