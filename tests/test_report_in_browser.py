"""The seeds report as an editor sees it: docs/seeds-report.md rendered to HTML
(markdown-it-py) and opened in a real browser (Debian's chromium, driven by Playwright);
a screenshot is taken and the assertions read the text the browser shows."""

import os
import shutil

import pytest
from markdown_it import MarkdownIt

from conftest import REPO

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>factlint</title>
<style>body{{font-family:sans-serif;max-width:1200px;margin:1em auto}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:2px 6px}}</style>
</head><body>{body}</body></html>"""


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs the chromium package")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    folder = tmp_path_factory.mktemp("browser")
    html = MarkdownIt("commonmark").enable("table").render(
        (REPO / "docs" / "seeds-report.md").read_text(encoding="utf-8"))
    (folder / "report.html").write_text(PAGE.format(body=html), encoding="utf-8")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto((folder / "report.html").as_uri())
            shot = folder / "report.png"
            page.screenshot(path=str(shot), full_page=True)
            yield page, shot
        finally:
            browser.close()


def test_the_conflicts_table_as_rendered(page):
    page, shot = page
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    assert page.locator("h1").inner_text() == "Báo cáo factlint: seeds/"
    table = page.locator("h2:has-text('Mâu thuẫn về sự kiện') + table")
    rows = [[cell.strip() for cell in row.split("\t")] for row in table.inner_text().splitlines()]
    assert rows[0] == ["#", "Về", "Viết ở đây", "Đề xuất", "Quy tắc"]
    body = {row[0]: row for row in rows[1:]}
    assert len(body) == 5
    assert body["1"][1] == "chuyến đi của Tô Lâm: ngày kết thúc" and body["1"][3] == "12/5"
    assert body["2"][2].startswith("thăm chính thức") and body["2"][3] == "thăm cấp Nhà nước"
    assert body["4"][2] == "Inham Aliyev — 003_d671c4e71e4553ce.txt:3" and body["4"][3] == "Ilham Aliyev"
    assert body["5"][1] == "Đại sứ Việt Nam tại Nga" and body["5"][3] == "Đặng Minh Khôi"
    # the style warnings come last, in one table, after every conflict of fact
    headings = page.locator("h2").all_inner_texts()
    assert headings == ["Mâu thuẫn về sự kiện (5)", "Lỗi trình bày (3)", "Các bài"]
    # what the browser shows in bold: only the differing words, never a whole date
    bold = set(page.locator("td strong").all_inner_texts())
    assert {"13", "12", "Inham", "Ilham", "Jormat", "Jomart", "Nguyễn", "Đặng", "kỉ", "lâm"} <= bold
    assert not bold & {"2025", "Ngày", "Từ", "đến"}
