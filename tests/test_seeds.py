"""The fixture of record: the five seed articles and their real conflicts."""

import json

from conftest import SEEDS, run_cli

CORE_ERRORS = {
    ("person-name-spelling", "Inham Aliyev"),
    ("person-name-spelling", "Kassym-Jormat Tokayev"),
    ("role-holder", "Nguyễn Minh Khôi"),
    ("visit-level", "thăm chính thức"),
}
DATE_ERRORS = {("event-date-conflict", "Ngày 13/5")}


def _json(*args, cwd=None):
    proc = run_cli(*args, "--format", "json", cwd=cwd)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return json.loads(proc.stdout)


def test_seed_errors_exactly():
    report = _json("seeds/")
    errors = {(f["rule"], f["locations"][0]["text"]) for f in report["findings"] if f["severity"] == "error"}
    assert CORE_ERRORS <= errors
    extra = {e for e in errors - CORE_ERRORS if e[0] not in {r for r, _ in DATE_ERRORS}}
    assert not extra, f"unexpected errors: {extra}"


def test_seed_locations_are_exact():
    report = _json("seeds/")
    by_outlier = {f["locations"][0]["text"]: f for f in report["findings"]}
    inham = by_outlier["Inham Aliyev"]
    assert inham["locations"][0] == {
        "path": "seeds/003_d671c4e71e4553ce.txt", "line": 3, "column": 85, "end_line": 3,
        "end_column": 97, "text": "Inham Aliyev", "value": "Inham Aliyev"}
    assert inham["expected"] == "Ilham Aliyev"
    sides = {(loc["path"], loc["text"]) for loc in inham["locations"]}
    assert ("seeds/001_470c9a7835538eab.txt", "Ilham Aliyev") in sides
    # every location quotes exactly what the file says there
    for f in report["findings"]:
        for loc in f["locations"]:
            lines = (SEEDS.parent / loc["path"]).read_text(encoding="utf-8").split("\n")
            assert loc["line"] == loc["end_line"]
            assert lines[loc["line"] - 1][loc["column"] - 1:loc["end_column"] - 1] == loc["text"]


def test_ambassador_within_one_article():
    report = _json("seeds/")
    f = next(f for f in report["findings"] if f["rule"] == "role-holder")
    assert {loc["path"] for loc in f["locations"]} == {"seeds/004_30a8aa393b8066a4.txt"}
    assert f["expected"] == "Đặng Minh Khôi"


def test_style_warnings():
    report = _json("seeds/")
    warnings = {(f["rule"], f["locations"][0]["text"]) for f in report["findings"] if f["severity"] == "warning"}
    assert ("name-case", "Tô lâm") in warnings
    assert ("spelling-consistency", "kỉ niệm") in warnings


def test_related_news_makes_no_conflict():
    report = _json("seeds/")
    for f in report["findings"]:
        for loc in f["locations"]:
            if loc["path"].startswith("seeds/002"):
                assert loc["line"] < 67, f"furniture cited: {f['rule']} {loc}"


def test_concise_output_and_exit_codes():
    proc = run_cli("seeds/")
    assert proc.returncode == 1
    assert "seeds/003_d671c4e71e4553ce.txt:3:85: error person-name-spelling" in proc.stdout
    assert run_cli("seeds/", "--select", "name-case").returncode == 0
    assert run_cli("seeds/", "--select", "name-case", "--fail-on", "warning").returncode == 1
    missing = run_cli("no-such-folder/")
    assert missing.returncode == 2 and "no-such-folder" in missing.stderr


def test_default_rules_found_from_another_folder(tmp_path):
    proc = run_cli(SEEDS, "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["summary"]["documents"] == 5
