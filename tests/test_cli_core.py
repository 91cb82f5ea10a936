"""The CLI's core subcommands, run as a user would (subprocess)."""

from conftest import run_cli


def test_claims_table_shows_what_was_read():
    proc = run_cli("claims", "seeds/004_30a8aa393b8066a4.txt", "--kind", "person")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split()[:3] == ["location", "kind", "subject"]
    assert any("seeds/004_30a8aa393b8066a4.txt:17:144" in ln and "Đặng Minh Khôi" in ln for ln in lines)
    # the caption "Đại sứ Đặng Minh Khôi - Ảnh: TTXVN" is newsroom text: listed and compared
    assert any(":19:" in ln and "caption" in ln for ln in lines)
    # the metadata line that opens the file is not: hidden unless asked for
    assert not any(":1:42" in ln for ln in lines)
    shown = run_cli("claims", "seeds/004_30a8aa393b8066a4.txt", "--kind", "person", "--all-zones")
    assert any(":1:42" in ln and "meta" in ln for ln in shown.stdout.splitlines())


def test_rule_shows_its_examples():
    proc = run_cli("rule", "role-holder")
    assert proc.returncode == 0, proc.stderr
    assert "must report 'Nguyễn Minh Khôi'" in proc.stdout
    assert run_cli("rule", "no-such-rule").returncode == 2


def test_usage_errors_exit_2_without_traceback():
    for args in (["--format", "nope", "seeds/"], ["--fail-on", "sometimes", "seeds/"]):
        proc = run_cli(*args)
        assert proc.returncode == 2
        assert "Traceback" not in proc.stderr and proc.stderr.strip()


def test_invalid_rule_file_names_file_rule_and_key(tmp_path):
    checks = tmp_path / "rules" / "checks"
    checks.mkdir(parents=True)
    (checks / "bad.toml").write_text(
        'id = "my-rule"\ntype = "one-value"\nseverity = "error"\ndescription = "x"\nwhy = "y"\n'
        '[message.en]\ndefault = "{outlier}"\n[params]\nkind = "visit"\nattribut = "level"\n', encoding="utf-8")
    proc = run_cli("seeds/", "--rules", tmp_path / "rules")
    assert proc.returncode == 2
    assert "bad.toml" in proc.stderr and "my-rule" in proc.stderr and "attribut" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_claims_jsonl_one_object_per_claim_with_exact_spans(tmp_path):
    import json

    (tmp_path / "a.txt").write_bytes(
        "Đại sứ Việt Nam tại Nga Đặng Minh Khôi cho biết.\r\nNgày 13/5/2025, hội nghị khai mạc.\r\n"
        .encode("utf-8"))
    proc = run_cli("claims", "--format", "jsonl", "--no-cache", "--isolated", tmp_path / "a.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    keys = {"kind", "subject", "attribute", "value", "text", "path", "line", "column", "end_line",
            "end_column", "zone", "when", "payload"}
    assert rows and all(set(r) == keys for r in rows)
    person = next(r for r in rows if r["kind"] == "person")
    assert (person["text"], person["line"], person["column"], person["end_column"]) == ("Đặng Minh Khôi", 1, 25, 39)
    assert person["payload"]["scope"] == {"of": "Việt Nam", "at": "Nga", "org": None}
    date = next(r for r in rows if r["kind"] == "date")
    assert (date["line"], date["column"], date["when"]) == (2, 1, "2025-05-13")
    assert date["payload"]["start"] == "2025-05-13"
    table = run_cli("claims", "--no-cache", "--isolated", tmp_path / "a.txt", cwd=tmp_path).stdout
    assert table.splitlines()[0].split() == ["location", "kind", "subject", "attribute", "value", "when", "zone"]
