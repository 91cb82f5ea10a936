"""`--format markdown`: renders to clean HTML, escapes cells, marks the differing words,
and docs/seeds-report.md stays what the current code produces.

When the seeds report drifts on purpose (a rule or extractor changed), regenerate it:

    REGENERATE_SNAPSHOTS=1 python -m pytest tests/test_markdown_report.py

or, equivalently, from the repository root:

    SOURCE_DATE_EPOCH=1747180800 factlint seeds/ --format markdown -o docs/seeds-report.md
"""

import os
import re
import shutil

import pytest
from markdown_it import MarkdownIt

from conftest import REPO, SEEDS, run_cli
from test_report_formats import make_result, render

REPORT = REPO / "docs" / "seeds-report.md"
FIXED_EPOCH = "1747180800"  # 2025-05-14, the day after the trip in the seeds


def to_html(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(text)


def tables(html: str) -> list[list[list[str]]]:
    """Each table as rows of cells (header row first), tags stripped."""
    out = []
    for t in re.findall(r"<table>(.*?)</table>", html, re.S):
        rows = []
        for row in re.findall(r"<tr>(.*?)</tr>", t, re.S):
            rows.append([re.sub(r"<[^>]+>", "", c).strip()
                         for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)])
        out.append(rows)
    return out


def test_small_report_renders_clean_html():
    r = make_result()
    html = to_html(render("markdown", r))
    ts = tables(html)
    # conflicts of fact, the evidence of the one conflict, the documents
    assert len(ts) == 3
    for t in ts:  # a stray | would add a cell to some row
        assert len({len(row) for row in t}) == 1, t
    assert "3 documents · 3 claims · 1 error" in html
    assert "2025-05-14, factlint 9.9.9" in html
    conflicts, evidence, docs = ts
    assert conflicts[0] == ["#", "About", "Written here", "Suggested", "Rule"]
    assert conflicts[1] == ["1", "Ilham Aliyev", "Thủ tướng — b.txt:2", "Tổng thống", "person-title"]
    # the | in a document's first line is escaped, not a column break
    assert {row[0]: row for row in docs[1:]}["b.txt"][1] == "Tin | ngắn"
    # the evidence: the outlier first, then one row per document and value
    assert evidence[0] == ["", "Document", "Line:col", "Quote", "Value read"]
    assert [row[0] for row in evidence[1:]] == ["✗", "✓", "✓"]
    assert evidence[1][2] == "2:5" and evidence[1][4] == "Thủ tướng"
    assert "<strong>Thủ tướng</strong> Ilham Aliyev" in html
    assert "<strong>Tổng thống</strong> Ilham Aliyev phát biểu." in html
    # links to the line, relative to the report (the current folder here)
    assert 'href="corpus/b.txt#L2"' in html
    assert 'href="corpus/c%20d.txt#L1"' in html
    assert "Suggested: Tổng thống" in html
    assert "supported by 2 mentions in 2 documents" in html


def test_other_sides_in_one_document_share_a_row_and_links_follow_the_output_folder():
    r = make_result()
    f = r.findings[0]
    f.sides = [f.sides[0], f.sides[1], f.sides[1]]
    r.output = "out/reports/report.md"
    html = to_html(render("markdown", r))
    evidence = tables(html)[1]
    assert len(evidence) == 3 and evidence[2][2] == "3:1, 3:1"
    assert 'href="../../corpus/b.txt#L2"' in html


def test_markup_in_the_text_is_escaped():
    from factlint.report.markdown import _bold_words, differing_words, md_escape

    assert md_escape("a | b *c* _d_ [e](f) <g>\n h") == r"a \| b \*c\* \_d\_ \[e\](f) \<g\> h"
    assert _bold_words("Thủ tướng Ilham", {"Thủ", "tướng"}) == "**Thủ tướng** Ilham"
    assert _bold_words("a|b", set()) == r"a\|b"
    # only the words of the values that differ; case is ignored unless the values differ
    # only by case
    assert differing_words(["Tô lâm", "Tô Lâm"], 1, ["Tô lâm"], ["Tô Lâm"]) == [{"lâm"}, {"Lâm"}]
    assert differing_words(["Ngày 13/5", "từ ngày 5-12/5/2025"], 1, ["Ngày 13/5"], ["12/5"]) == [{"13"}, {"12"}]
    assert differing_words(["27/10/2025", "26/10/2025"], 1, ["27/10/2025"], ["26/10/2025"]) == [{"27"}, {"26"}]
    # a weekday slip: only the weekday's differing word, not the date beside it
    assert differing_words(["Thứ năm, ngày 14/05/2025"], 1, ["Thứ năm, ngày 14/05/2025"], ["Thứ tư"],
                           focus="Thứ năm") == [{"năm"}]
    html = to_html("| x |\n|---|\n| " + _bold_words("Tô *lâm*", {"lâm"}) + " |\n")
    assert "<strong>lâm</strong>" in html and "*" in html


def test_findings_are_ordered_by_severity_then_place():
    from factlint.model import Finding

    r = make_result(severity="warning")
    err = make_result().findings[0]
    extra = Finding(rule="a-rule", severity="error", subject="Z", message="zzz", expected=None,
                    values=["x", "y"], sides=list(reversed(err.sides)))
    r.findings.append(extra)
    text = render("markdown", r)
    assert text.index("### 1. Z") < text.index("### 2. Ilham Aliyev")  # errors first
    assert render("markdown", r) == text


def test_empty_corpus_says_so():
    r = make_result()
    r.findings = []
    html = to_html(render("markdown", r))
    assert "No conflicts found" in html and "· none" in html


# --- docs/seeds-report.md --------------------------------------------------------------

@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory):
    """The report of a copy of the seeds, as `factlint seeds/ -o docs/seeds-report.md` writes
    it (in Vietnamese, the default of the markdown format)."""
    from conftest import run_paths
    from factlint.config import Settings
    from factlint.pipeline import load_rules
    from factlint.registry import renderer

    rules = load_rules(Settings(), "vi")
    root = tmp_path_factory.mktemp("report")
    shutil.copytree(SEEDS, root / "seeds")
    cwd = os.getcwd()
    os.chdir(root)
    try:
        result = run_paths(["seeds/"], rules)
    finally:
        os.chdir(cwd)
    result.output = "docs/seeds-report.md"
    result.date = "2025-05-14"
    return root, renderer("markdown")(result), result


def test_seeds_report_is_up_to_date(seeds_report):
    _, text, _ = seeds_report
    if os.environ.get("REGENERATE_SNAPSHOTS"):
        REPORT.write_text(text, encoding="utf-8")
    committed = REPORT.read_text(encoding="utf-8")
    assert text == committed, (
        "docs/seeds-report.md is out of date; regenerate it with "
        "REGENERATE_SNAPSHOTS=1 python -m pytest tests/test_markdown_report.py")


def test_the_cli_writes_the_same_report(seeds_report, monkeypatch):
    root, text, _ = seeds_report
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    proc = run_cli("seeds/", "--format", "markdown", "-o", "docs/seeds-report.md", cwd=root)
    assert proc.returncode == 1, proc.stderr
    assert (root / "docs" / "seeds-report.md").read_text(encoding="utf-8") == text
    # --lang en: the same report in English
    english = run_cli("seeds/", "--format", "markdown", "--lang", "en", cwd=root).stdout
    assert english.startswith("# factlint report: seeds/") and "## Conflicts of fact (5)" in english
    assert "Mâu thuẫn" not in english and "Báo cáo" not in english


def test_seeds_report_reads_well(seeds_report):
    _, text, result = seeds_report
    html = to_html(text)
    ts = tables(html)
    for t in ts:
        assert len({len(row) for row in t}) == 1
    # Vietnamese by default: every conflict the project knows, its line link, bold words
    assert text.startswith("# Báo cáo factlint: seeds/")
    for word in ("Inham", "Jormat", "Nguyễn", "chính thức", "13", "kỉ", "lâm"):
        assert f"<strong>{word}</strong>" in html
    assert "<strong>2025</strong>" not in html  # the year is not what differs
    assert 'href="../seeds/003_d671c4e71e4553ce.txt#L3"' in html
    assert "**" not in html  # every bold run was understood as bold
    # one section per conflict of fact; the style warnings only in their table
    facts, style = ts[0], ts[-2]
    assert text.count("### ") == len(facts) - 1 == 5
    assert [row[-1] for row in style[1:]] == ["spelling-consistency", "spelling-consistency", "name-case"]
    assert "seeds/" not in " ".join(row[1] for row in facts[1:])  # subjects are things, not paths
    # about a third of the 256 lines the report had, every side of every conflict cited
    assert len(text.splitlines()) <= 256 // 3 + 5
    from factlint.report import location

    for f in result.findings:
        style = f.rule in ("spelling-consistency", "name-case")
        for c in f.sides if not style else f.sides[:f.outliers]:
            loc = location(result, c)
            cited = f"{loc['path']}#L{loc['line']})" if style else f"{loc['line']}:{loc['column']}"
            assert cited in text


def test_big_corpora_keep_the_report_short(monkeypatch):
    import factlint.report.markdown as md
    from factlint.normalize.text import make_document

    monkeypatch.setattr(md, "MATRIX_ROWS", 2)
    r = make_result()
    r.documents["corpus/z.txt"] = make_document("corpus/z.txt", "Không liên quan.\n")
    html = to_html(render("markdown", r))
    docs = [row[0] for row in tables(html)[2][1:]]
    assert docs == ["b.txt"]  # a big corpus: only the documents holding an outlier
    assert "1 of 4 documents hold an outlier" in html

