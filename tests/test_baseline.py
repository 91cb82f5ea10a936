"""Baseline: record today's findings without line numbers, hide exactly those (factlint.baseline)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from factlint.cli import main
from factlint.errors import FactlintError
from factlint.filter import baseline
from factlint.model import Claim, Finding

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
INHAM = "003_d671c4e71e4553ce.txt"


def fnd(rule, subject, values, line=1):
    sides = [Claim(kind="person", subject=subject, attribute="name", value=v, text=v, doc=f"d{line}.txt",
                   start=line * 10, end=line * 10 + len(v)) for v in values]
    return Finding(rule=rule, severity="error", message="m", subject=subject, expected=None,
                   values=list(values), sides=sides)


def test_key_ignores_order_positions_and_paths():
    a = fnd("r", "s", ["x", "y"], line=1)
    b = fnd("r", "s", ["y", "x"], line=99)
    assert baseline.key(a) == baseline.key(b)
    assert baseline.key(a) != baseline.key(fnd("r", "s", ["x", "z"]))
    assert baseline.key(a) != baseline.key(fnd("r", "t", ["x", "y"]))
    assert baseline.key(a) != baseline.key(fnd("q", "s", ["x", "y"]))


def test_apply_counts_hidden_new_and_stale(tmp_path):
    path = tmp_path / "b.json"
    old = [fnd("r", "s", ["x", "y"]), fnd("r", "s", ["x", "y"], line=2), fnd("r", "gone", ["a", "b"])]
    assert baseline.write(path, old) == 3
    data = json.loads(path.read_text())
    assert {"rule": "r", "subject": "s", "values": ["x", "y"], "count": 2} in data["findings"]
    assert all("line" not in json.dumps(e) for e in data["findings"])
    now = [fnd("r", "s", ["y", "x"], line=7), fnd("r", "s", ["x", "y"], line=8), fnd("r", "s", ["x", "y"], line=9),
           fnd("r", "new", ["a", "b"])]
    out = baseline.apply(now, baseline.read(path))
    assert out.hidden == 2
    assert [baseline.key(f) for f in out.findings] == [("r", "s", ("x", "y")), ("r", "new", ("a", "b"))]
    assert [(e.subject, e.count) for e in out.stale] == [("gone", 1)]
    assert "2 findings hidden" in out.messages(str(path))[0]
    assert "no longer occurs" in out.messages(str(path))[1]


@pytest.mark.parametrize("text, needle", [
    ("not json", "invalid JSON"),
    ('{"format": "factlint-baseline", "version": 1, "findings": [{"rule": "r"}]}', "findings.0.subject"),
    ('{"format": "factlint-baseline", "version": 1, "findings": [], "extra": 1}', "extra: unknown key"),
    ('{"format": "factlint-baseline", "version": 1, "findings": '
     '[{"rule": "r", "subject": "s", "values": ["x"], "count": 0}]}', "count"),
    ('{"format": "factlint-baseline", "version": 1, "findings": '
     '[{"rule": "r", "subject": "s", "values": []}]}', "values"),
    ('{"format": "something-else", "version": 1, "findings": []}', "not a factlint-baseline"),
    ('{"format": "factlint-baseline", "version": 2, "findings": []}', "version 1"),
])
def test_bad_baseline_files(tmp_path, text, needle):
    p = tmp_path / "b.json"
    p.write_text(text)
    with pytest.raises(FactlintError, match=needle):
        baseline.read(p)


def test_missing_baseline_is_a_usage_error(tmp_path):
    with pytest.raises(FactlintError, match="not found"):
        baseline.read(tmp_path / "nope.json")


@pytest.fixture
def project(tmp_path, monkeypatch):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "pyproject.toml").write_text('[tool.factlint]\npaths = ["seeds"]\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_baseline_survives_inserting_lines_above_a_finding(project, capsys):
    assert main([]) == 1
    before = capsys.readouterr().out
    line_before = next(l for l in before.splitlines() if "Inham" in l and l.startswith(f"seeds/{INHAM}"))
    assert main(["--write-baseline", "fl.json"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "wrote" in err
    recorded = json.loads((project / "fl.json").read_text())["findings"]
    assert recorded and all(set(e) == {"rule", "subject", "values", "count"} for e in recorded)

    doc = project / "seeds" / INHAM
    doc.write_text("Dòng chèn thêm.\n\nMột dòng nữa.\n\n" + doc.read_text(encoding="utf-8"), encoding="utf-8")
    assert main([]) == 1  # the finding is still there, four lines lower …
    moved = next(l for l in capsys.readouterr().out.splitlines() if "Inham" in l and l.startswith(f"seeds/{INHAM}"))
    assert moved.split(":")[1] == str(int(line_before.split(":")[1]) + 4)
    assert main(["--baseline", "fl.json"]) == 0  # … and the baseline still hides it
    out, err = capsys.readouterr()
    assert "Inham" not in out and "0 errors" in out
    n = sum(e["count"] for e in recorded)
    assert f"{n} findings hidden by baseline fl.json" in err and "no longer occurs" not in err


def test_baseline_reports_new_findings_and_stale_entries(project, capsys):
    assert main(["--write-baseline", "fl.json"]) == 0
    capsys.readouterr()
    (project / "seeds" / "new.txt").write_text(
        "Tổng thống Azerbaijan Ilkham Aliyev tiếp đoàn. Tổng thống Ilham Aliyev phát biểu.\n", encoding="utf-8")
    doc = project / "seeds" / INHAM
    doc.write_text(doc.read_text(encoding="utf-8").replace("Inham", "Ilham"), encoding="utf-8")
    assert main(["--baseline", "fl.json"]) == 1
    out, err = capsys.readouterr()
    assert "Ilkham Aliyev" in out and "Inham" not in out
    assert "baseline entry no longer occurs" in err and "Inham Aliyev" in err
