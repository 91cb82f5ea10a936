"""Text as people write it (issue 15): paragraphs rather than lines, Markdown through a real
parser, invisible and look-alike characters. Each test reads text that lost claims (or
made false ones) before: a name or a visit level split by a line break, a name in bold or
in a link, a soft hyphen inside a name."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli
from factlint.normalize.layout import join_lines, lay_out

ILHAM = "Tổng thống Azerbaijan Ilham Aliyev đón đoàn đại biểu cấp cao Việt Nam tại Baku.\n"


def corpus(tmp_path, docs: dict[str, str]):
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def json_run(tmp_path, *args):
    proc = run_cli("corpus", "--no-cache", "--format", "json", *args, cwd=tmp_path)
    assert proc.returncode in (0, 1) and not proc.stderr, proc.stderr
    return json.loads(proc.stdout)


def claims(tmp_path, *args):
    proc = run_cli("claims", "corpus", "--no-cache", "--format", "jsonl", *args, cwd=tmp_path)
    assert proc.returncode == 0 and not proc.stderr, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def outlier(report, rule="person-name-spelling"):
    [f] = [f for f in report["findings"] if f["rule"] == rule]
    return f


# ---- paragraphs, not lines ---------------------------------------------------------------

WRAPPED = """Chuyến thăm của Tổng Bí thư

Ngày 10/5/2025, Tổng Bí thư Tô Lâm và Phu nhân cùng đoàn đại
biểu cấp cao Việt Nam đã tới Minsk, bắt đầu chuyến thăm cấp
Nhà nước tới Belarus theo lời mời của Tổng thống Belarus
Aleksandr Lukashenko. Cùng ngày, Tổng thống Azerbaijan Inham
Aliyev gửi lời chúc mừng tới đoàn đại biểu.
"""  # textwrap.fill(…, 60): a visit level, a title and a name broken across lines


def test_a_wrapped_paragraph_is_read_as_one(claims_of):
    [level] = claims_of(WRAPPED, "visit")
    assert (level.data.level, level.data.host, level.text) == ("thăm cấp Nhà nước", "Belarus", "thăm cấp Nhà nước tới Belarus")
    people = {c.display: c.data.title_text for c in claims_of(WRAPPED, "person")}
    assert people["Aleksandr Lukashenko"] == "Tổng thống Belarus"  # the title ends the line before
    assert people["Inham Aliyev"] == "Tổng thống Azerbaijan"  # the name is cut by a line end


def test_a_span_over_two_lines_has_its_end_line_and_messages_fold_it(tmp_path):
    corpus(tmp_path, {"a.txt": WRAPPED, "b.txt": ILHAM, "c.txt": ILHAM.replace("Baku", "thủ đô")})
    f = outlier(json_run(tmp_path))
    loc = f["locations"][0]
    assert (loc["line"], loc["column"], loc["end_line"], loc["end_column"]) == (6, 56, 7, 7)
    assert loc["text"] == "Inham\nAliyev"  # the file's own words
    assert f["message"] == "'Inham Aliyev' looks like a misspelling of 'Ilham Aliyev' (the same person)"
    concise = run_cli("corpus", "--no-cache", cwd=tmp_path).stdout
    line = next(x for x in concise.splitlines() if x.startswith("corpus/a.txt:6:56:"))
    assert "'Inham Aliyev' looks like" in line and "\\n" not in line


@pytest.mark.parametrize("text,joined", [
    ("Một câu chưa hết\nvà dòng sau nối tiếp.", "Một câu chưa hết và dòng sau nối tiếp."),  # lower case goes on
    ("Tiêu đề\nNgày 5/5, một câu.", None),  # a headline, then the first sentence
    ("Câu một.\nvà một câu viết thường.", None),  # a sentence ended
    ("Câu một chưa hết\n\nđoạn mới.", None),  # a blank line
    ("Danh sách\n- mục một\n- mục hai", None),  # list items
    ("Đoạn một chưa hết\n    mã thụt lề", None),  # an indented line
])
def test_where_a_paragraph_ends(text, joined):
    assert join_lines(text) == (joined or text)


def test_hard_wrapped_text_joins_at_its_width():
    text = "\n".join(WRAPPED.split("\n")[2:])
    assert join_lines(text) == text.replace("\n", " ", 4)  # one line, but for its end
    assert join_lines(WRAPPED).split("\n")[:2] == ["Chuyến thăm của Tổng Bí thư", ""]
    lines = ["Dòng ngắn một", "Dòng ngắn hai", "Dòng ngắn ba", "Dòng ngắn bốn"]  # short, not wrapped
    assert join_lines("\n".join(lines)) == "\n".join(lines)


# ---- Markdown -------------------------------------------------------------------------------

MD = """---
title: "Tổng thống Inham Aliyev đón Tổng Bí thư Tô Lâm"
date: 2025-05-14
author: Tổng thống Kassym-Jormat Tokayev
---

# Chuyến thăm **Azerbaijan**

Tổng thống Azerbaijan **Inham Aliyev** đón [Tổng Bí thư Tô Lâm](https://example.org/to-lam "Tô Lâm")
tại Baku; `Ilham` là tên đúng.

| Chức vụ | Người |
|---|---|
| Tổng thống Kazakhstan | Tổng thống Kassym-Jomart Tokayev |
"""


def test_markdown_markup_is_unwrapped_and_locations_stay_exact(tmp_path):
    corpus(tmp_path, {"a.md": MD, "b.txt": ILHAM, "c.txt": ILHAM.replace("Baku", "thủ đô")})
    f = outlier(json_run(tmp_path))
    body = next(loc for loc in f["locations"] if loc["line"] == 9)
    assert (body["column"], body["end_column"], body["text"]) == (25, 37, "Inham Aliyev")
    people = {(c["text"], c["zone"]) for c in claims(tmp_path, "--kind", "person", "--all-zones")}
    assert ("Tô Lâm", "body") in people  # inside a link
    assert ("Kassym-Jomart Tokayev", "body") in people  # in a table cell


def test_front_matter_is_headline_reference_date_and_byline(tmp_path, rules):
    from factlint.pipeline import DocumentStages

    doc = DocumentStages(rules).normalize("a.md", MD)
    assert doc.reference.describe() == "front matter (2025-05-14)"
    corpus(tmp_path, {"a.md": MD})
    found = {(c["text"], c["zone"]) for c in claims(tmp_path, "--kind", "person", "--all-zones")}
    assert ("Inham Aliyev", "title") in found
    assert ("Kassym-Jormat Tokayev", "meta") in found  # the author: a byline, never compared
    assert "2025-05-14" not in doc.text and "title:" not in doc.text


def test_code_blocks_and_comments_cannot_flip_a_majority(tmp_path):
    noise = ("```\n" + "Tổng thống Azerbaijan Inham Aliyev.\n" * 5 + "```\n\n"
             "    Tổng thống Azerbaijan Inham Aliyev.\n\n"
             "<!-- Tổng thống Azerbaijan Inham Aliyev. Tổng thống Azerbaijan Inham Aliyev. -->\n")
    corpus(tmp_path, {"a.md": "Tổng thống Azerbaijan Inham Aliyev phát biểu.\n\n" + noise,
                      "b.txt": ILHAM, "c.txt": ILHAM.replace("Baku", "thủ đô")})
    f = outlier(json_run(tmp_path))
    assert f["values"] == ["Inham Aliyev", "Ilham Aliyev"]
    assert [loc["line"] for loc in f["locations"] if loc["path"].endswith("a.md")] == [1]


def test_factlint_directives_still_work_in_markdown(tmp_path):
    line = "Tổng thống Azerbaijan *Inham Aliyev* phát biểu.\n"
    corpus(tmp_path, {"a.md": line, "b.txt": ILHAM, "c.txt": ILHAM.replace("Baku", "thủ đô")})
    assert outlier(json_run(tmp_path))["values"][0] == "Inham Aliyev"  # the name in italics is read
    corpus(tmp_path, {"a.md": "<!-- factlint-disable-next-line person-name-spelling -- as quoted -->\n" + line})
    assert json_run(tmp_path)["findings"] == []  # and the comment is still a directive


def test_markdown_layout_keeps_every_offset():
    out = lay_out(MD, markdown=True)
    assert len(out.text) == len(MD)
    assert [MD[s:e] for s, e, _ in out.zones] == ["Tổng thống Inham Aliyev đón Tổng Bí thư Tô Lâm",
                                                  "Tổng thống Kassym-Jormat Tokayev"]
    lines = out.text.split("\n")
    assert lines[8].startswith("Tổng thống Azerbaijan   Inham Aliyev   đón  Tổng Bí thư Tô Lâm ")
    assert "tại Baku;  Ilham  là tên đúng." in lines[8]  # the paragraph is one line
    assert "  Tổng thống Kazakhstan " in out.text and "\n Tổng thống Kassym-Jomart Tokayev " in out.text


# ---- invisible and look-alike characters ------------------------------------------------------

@pytest.mark.parametrize("invisible", ["\u00ad", "\u200b", "\u200d", "\u2060", "\ufeff"])
def test_an_invisible_character_inside_a_name_does_not_cut_it(tmp_path, invisible):
    corpus(tmp_path, {"a.txt": ILHAM.replace("Aliyev", f"Ali{invisible}yev"),
                      "b.txt": ILHAM.replace("Baku", "thủ đô")})
    assert json_run(tmp_path)["findings"] == []  # no 'Ilham Aliye' against 'Ilham Aliyev'
    [c] = claims(tmp_path, "--kind", "person")[:1]
    assert c["text"] == f"Ilham Ali{invisible}yev" and c["end_column"] == c["column"] + 13


def test_an_invisible_character_after_a_name_is_left_out_of_its_span(tmp_path):
    corpus(tmp_path, {"a.txt": ILHAM.replace("Aliyev", "Aliyev\u00ad")})
    [c] = claims(tmp_path, "--kind", "person")[:1]
    assert c["text"] == "Ilham Aliyev"


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009"])
def test_a_no_break_space_does_not_hide_a_misspelling(tmp_path, space):
    corpus(tmp_path, {"a.txt": ILHAM.replace("Ilham Aliyev", f"Inham{space}Aliyev"),
                      "b.txt": ILHAM, "c.txt": ILHAM.replace("Baku", "thủ đô")})
    f = outlier(json_run(tmp_path))
    assert f["locations"][0]["text"] == f"Inham{space}Aliyev"
    assert f["message"] == "'Inham Aliyev' looks like a misspelling of 'Ilham Aliyev' (the same person)"


def test_a_name_with_a_cyrillic_letter_is_flagged_where_it_differs(tmp_path):
    corpus(tmp_path, {"a.txt": ILHAM.replace("Aliyev", "Ali\u0443ev"), "b.txt": ILHAM})
    report = json_run(tmp_path)
    assert [f["rule"] for f in report["findings"]] == ["mixed-script"]  # not a misspelling
    [f] = report["findings"]
    assert "U+0443 CYRILLIC SMALL LETTER U" in f["message"] and "(letter 10)" in f["message"]
    assert f["expected"] == "Ilham Aliyev"
    assert [loc["path"] for loc in f["locations"]] == ["corpus/a.txt", "corpus/b.txt"]
