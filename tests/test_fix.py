"""--fix and --diff: only style findings whose fix is certain, never a fact; every other
byte of the file as it was (BOM, CRLF, NFD)."""

import codecs
import json
import shutil
import subprocess
import sys
import unicodedata

from conftest import SEEDS, run_cli


def findings(cwd, *args):
    proc = run_cli(".", "--format", "json", "--no-cache", "--isolated", *args, cwd=cwd)
    return json.loads(proc.stdout)["findings"]


def test_fix_on_the_seeds_changes_only_the_style_findings(tmp_path):
    corpus = tmp_path / "seeds"
    shutil.copytree(SEEDS, corpus)
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    errors = [f for f in findings(corpus) if f["severity"] == "error"]
    assert len(errors) == 5

    diff = run_cli(".", "--diff", "--isolated", "--no-cache", cwd=corpus)
    assert diff.returncode == 1, diff.stderr
    removed = [ln for ln in diff.stdout.splitlines() if ln.startswith("-") and not ln.startswith("---")]
    added = [ln for ln in diff.stdout.splitlines() if ln.startswith("+") and not ln.startswith("+++")]
    assert len(removed) == len(added) == 5  # 3 kỉ niệm, 1 Moscow, 1 Tô lâm (on 5 lines)
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before  # --diff writes nothing

    fixed = run_cli(".", "--fix", "--isolated", "--no-cache", cwd=corpus)
    assert fixed.returncode == 1 and "fixed 5 mentions in 3 files" in fixed.stderr
    assert ": warning " not in fixed.stdout and ": error " in fixed.stdout  # the report of what is left
    after = {p.name: p.read_bytes() for p in corpus.iterdir()}
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"000_cf5f54279f3bea86.txt", "002_9e6953dc23a5de19.txt", "003_d671c4e71e4553ce.txt"}
    for name in changed:  # byte for byte, only the replaced words differ
        old, new = before[name].decode(), after[name].decode()
        assert (old.replace("kỉ niệm", "kỷ niệm").replace("Moscow", "Moskva")
                .replace("Tô lâm", "Tô Lâm")) == new
    again = findings(corpus)
    assert [f for f in again if f["severity"] != "error"] == []
    assert [f for f in again if f["severity"] == "error"] == errors  # the facts untouched
    assert run_cli(".", "--diff", "--isolated", "--no-cache", cwd=corpus).returncode == 0


def test_fix_keeps_bom_crlf_and_nfd(tmp_path):
    nfd = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731
    a = codecs.BOM_UTF8 + nfd("Tiêu đề\r\n\r\nLễ Kỉ niệm 80 năm được tổ chức tại Moscow.\r\n"
                              "Dòng cuối không đổi: Moscow là thủ đô.\r\n").encode("utf-8")
    b = "Lễ kỷ niệm lớn ở Moskva. Một lễ kỷ niệm khác ở Moskva.\n".encode("utf-8")
    (tmp_path / "a.txt").write_bytes(a)
    (tmp_path / "b.txt").write_bytes(b)
    diff = subprocess.run([sys.executable, "-m", "factlint", ".", "--diff", "--isolated", "--no-cache"],
                          cwd=tmp_path, capture_output=True, timeout=300)
    assert diff.returncode == 1
    assert nfd("-Lễ Kỉ niệm 80 năm được tổ chức tại Moscow.\r\n").encode() in diff.stdout  # as written
    proc = run_cli(".", "--fix", "--isolated", "--no-cache", cwd=tmp_path)
    assert "fixed 3 mentions in 1 file" in proc.stderr, proc.stderr
    expected = (a.replace(nfd("Kỉ niệm").encode(), nfd("Kỷ niệm").encode())
                .replace(b"Moscow", b"Moskva"))
    assert (tmp_path / "a.txt").read_bytes() == expected
    assert (tmp_path / "b.txt").read_bytes() == b
    assert findings(tmp_path) == []


def test_a_file_that_cannot_be_written_back_exactly_is_left_alone(tmp_path):
    # UTF-16 without a byte order mark is decoded, but would not be rebuilt byte for byte
    (tmp_path / "a.txt").write_bytes("Lễ kỉ niệm 80 năm ở Moskva, thủ đô.\n".encode("utf-16-le"))
    (tmp_path / "b.txt").write_text("Lễ kỷ niệm lớn. Một lễ kỷ niệm khác.\n", encoding="utf-8")
    before = (tmp_path / "a.txt").read_bytes()
    proc = run_cli(".", "--fix", "--isolated", "--no-cache", cwd=tmp_path)
    assert "a.txt: not fixed" in proc.stderr and "Traceback" not in proc.stderr
    assert (tmp_path / "a.txt").read_bytes() == before
