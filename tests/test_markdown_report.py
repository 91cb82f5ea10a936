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
    # header, rules, at a glance, documents, evidence, matrix (3 documents)
    assert len(ts) == 6
    for t in ts:  # a stray | would add a cell to some row
        assert len({len(row) for row in t}) == 1, t
    header = dict(row for row in ts[0][1:])
    assert header["Documents"] == "3"
    assert header["Findings"] == "1 (1 error)"
    assert header["Generated"] == "2025-05-14 by factlint 9.9.9"
    # the | in a document's first line is escaped, not a column break
    docs = {row[0]: row for row in ts[3][1:]}
    assert docs["b.txt"][1] == "Tin | ngắn"
    # the evidence: outlier first, the differing words in bold, the value read
    evidence = ts[4]
    assert evidence[0] == ["", "Document", "Line:col", "Sentence", "Value read"]
    assert [row[0] for row in evidence[1:]] == ["outlier", "other side", "other side"]
    assert evidence[1][2] == "2:5" and evidence[1][4] == "Thủ tướng"
    assert "<strong>Thủ tướng</strong> Ilham Aliyev" in html
    assert "<strong>Tổng thống</strong> Ilham Aliyev phát biểu." in html
    # links to the line, relative to the report (the current folder here)
    assert 'href="corpus/b.txt#L2"' in html
    assert 'href="corpus/c%20d.txt#L1"' in html
    # the matrix: documents × values
    matrix = ts[5]
    assert matrix[0] == ["Document", "Thủ tướng", "Tổng thống"]
    assert ["b.txt", "1", "–"] in matrix and ["a.txt", "–", "1"] in matrix
    assert "Suggested value:</strong> Tổng thống" in html
    assert "supported by 2 mentions in 2 documents" in html


def test_no_matrix_with_two_documents_and_links_follow_the_output_folder():
    r = make_result()
    f = r.findings[0]
    f.sides = f.sides[:2]
    r.output = "out/reports/report.md"
    html = to_html(render("markdown", r))
    assert len(tables(html)) == 5
    assert 'href="../../corpus/b.txt#L2"' in html


def test_markup_in_the_text_is_escaped():
    from factlint.report.markdown import _bold_words, differing_words, md_escape

    assert md_escape("a | b *c* _d_ [e](f) <g>\n h") == r"a \| b \*c\* \_d\_ \[e\](f) \<g\> h"
    assert _bold_words("Thủ tướng Ilham", {"Thủ", "tướng"}) == "**Thủ tướng** Ilham"
    assert _bold_words("a|b", set()) == r"**a\|b**"
    # case is ignored unless the texts differ only by case
    assert differing_words(["Tô lâm", "Tô Lâm"]) == [{"lâm"}, {"Lâm"}]
    assert differing_words(["Ngày 13/5", "từ ngày 5-12/5"]) == [{"13"}, {"từ", "12"}]
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
    assert text.index("### 1. Z") < text.index("### 2. Ilham Aliyev")
    assert render("markdown", r) == text


def test_empty_corpus_says_so():
    r = make_result()
    r.findings = []
    html = to_html(render("markdown", r))
    assert "No conflicts found" in html and "0 (none)" in html


# --- docs/seeds-report.md --------------------------------------------------------------

@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory, rules):
    """The report of a copy of the seeds, as `factlint seeds/ -o docs/seeds-report.md` writes it."""
    from conftest import run_paths
    from factlint.registry import renderer

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
    return root, renderer("markdown")(result)


def test_seeds_report_is_up_to_date(seeds_report):
    _, text = seeds_report
    if os.environ.get("REGENERATE_SNAPSHOTS"):
        REPORT.write_text(text, encoding="utf-8")
    committed = REPORT.read_text(encoding="utf-8")
    assert text == committed, (
        "docs/seeds-report.md is out of date; regenerate it with "
        "REGENERATE_SNAPSHOTS=1 python -m pytest tests/test_markdown_report.py")


def test_the_cli_writes_the_same_report(seeds_report, monkeypatch):
    root, text = seeds_report
    (root / "docs").mkdir(exist_ok=True)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    proc = run_cli("seeds/", "--format", "markdown", "-o", "docs/seeds-report.md", cwd=root)
    assert proc.returncode == 1, proc.stderr
    assert (root / "docs" / "seeds-report.md").read_text(encoding="utf-8") == text


def test_seeds_report_reads_well(seeds_report):
    _, text = seeds_report
    html = to_html(text)
    ts = tables(html)
    for t in ts:
        assert len({len(row) for row in t}) == 1
    # every seed conflict the project knows is there, with its line link and bold words
    for word in ("Inham", "Jormat", "Nguyễn", "chính thức"):
        assert f"<strong>{word}</strong>" in html
    assert 'href="../seeds/003_d671c4e71e4553ce.txt#L3"' in html
    assert "Consistency matrix" in text
    assert "**" not in html  # every bold run was understood as bold
    assert text.count("### ") == len(re.findall(r"^\| \d+ ", text, re.M))  # one section per row at a glance


def test_big_corpora_keep_the_report_short(monkeypatch):
    import factlint.report.markdown as md
    from factlint.normalize.text import make_document

    monkeypatch.setattr(md, "MATRIX_ROWS", 2)
    r = make_result()
    r.documents["corpus/z.txt"] = make_document("corpus/z.txt", "Không liên quan.\n")
    ts = tables(to_html(render("markdown", r)))
    docs = [row[0] for row in ts[3][1:]]
    assert docs == ["b.txt"]  # a big corpus: only the documents holding an outlier
    matrix = ts[5]
    assert matrix[1][0] == "b.txt"  # the outlier's document comes first
    assert len(matrix) == 1 + 2 + 1 and matrix[-1] == ["… 1 more document", "–", "1"]

