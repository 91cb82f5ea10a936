"""Properties: extraction never raises on any text, and findings do not depend on file
order, NFC vs NFD, CRLF vs LF, or the folder the run starts from; two runs give the same
bytes; a run writes nothing but its cache and its -o file, and opens no socket."""

from __future__ import annotations

import json
import os
import shutil
import sys
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEEDS, run_cli
from factlint.errors import FactlintError
from factlint.load import SourceFile, decode

SEED_FILES = sorted(SEEDS.glob("*.txt"))
SEED_TEXT = [p.read_text(encoding="utf-8") for p in SEED_FILES]
WORDS = sorted({w for t in SEED_TEXT for w in t.split()})

# Text that looks like news (seed words, numbers, dates, titles) mixed with anything at all.
news_like = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(["\n", "\r\n", "\r", ". ", ", ", " – ", "\u0301", "\ufeff"]),
              st.from_regex(r"\d{1,2}/\d{1,2}(/\d{4})?", fullmatch=True), st.text(max_size=8)),
    max_size=80).map(" ".join)
any_text = st.one_of(st.text(max_size=400), news_like)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_text)
def test_extractors_never_raise_on_arbitrary_unicode(rules, text):
    from factlint.pipeline import DocumentStages

    stages = DocumentStages(rules)
    doc = stages.normalize("doc.txt", text)
    claims = stages.extract(doc)
    for c in claims:
        assert 0 <= c.start <= c.end <= len(doc.text)
        line, col = doc.line_col(c.start)
        assert line >= 1 and col >= 1


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=600) | news_like.map(lambda t: t.encode("utf-8")))
def test_decode_never_raises_anything_but_a_skip(data):
    try:
        d = decode(SourceFile("x.txt", data))
    except FactlintError as exc:  # a skip: not text, or no encoding fits it (never a guess)
        assert str(exc).startswith(("x.txt: binary file", "x.txt: not UTF-8, and neither"))
        return
    assert isinstance(d.raw, str)
    assert all("\n" not in n for n in d.notes)


def _signature(result, name_of, fold_values=False) -> list:
    """Findings without anything that depends on file names or byte positions."""
    out = []
    for f in result.findings:
        sides = sorted((name_of(c.doc), result.documents[c.doc].line_col(c.start)[0], unicodedata.normalize("NFC", c.text))
                       for c in f.sides)
        values = tuple(v.casefold() if fold_values else v for v in f.values)
        out.append((f.rule, f.severity, f.subject, values, tuple(sides)))
    return sorted(out)


def _lint_folder(folder: Path, rules):
    from conftest import run_paths

    return run_paths([str(folder)], rules)


def _check_order(tmp_path_factory, rules, order, fold_values):
    base = _signature(_lint_folder(SEEDS, rules), lambda p: Path(p).name, fold_values)
    folder = tmp_path_factory.mktemp("order")
    names = {}
    for i, src in zip(order, SEED_FILES):
        name = f"{i:02d}_{src.stem[-4:]}.txt"  # the seeds sort in another order
        shutil.copy(src, folder / name)
        names[name] = src.name
    assert _signature(_lint_folder(folder, rules), lambda p: names[Path(p).name], fold_values) == base


@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
@given(order=st.permutations(range(len(SEED_FILES))))
def test_findings_do_not_depend_on_file_order(tmp_path_factory, rules, order):
    """Same findings, same sides, same values up to letter case."""
    _check_order(tmp_path_factory, rules, order, fold_values=True)


def test_shown_values_do_not_depend_on_file_order(tmp_path_factory, rules):
    _check_order(tmp_path_factory, rules, [1, 2, 3, 0, 4], fold_values=False)


def test_findings_do_not_depend_on_normalization_or_line_ends(tmp_path, rules):
    base = _signature(_lint_folder(SEEDS, rules), lambda p: Path(p).name)
    for variant, change in {"nfd": lambda t: unicodedata.normalize("NFD", t),
                            "crlf": lambda t: t.replace("\n", "\r\n"),
                            "cr": lambda t: t.replace("\n", "\r"),
                            "bom": lambda t: "\ufeff" + t}.items():
        folder = tmp_path / variant
        folder.mkdir()
        for src, text in zip(SEED_FILES, SEED_TEXT):
            (folder / src.name).write_bytes(change(text).encode("utf-8"))
        assert _signature(_lint_folder(folder, rules), lambda p: Path(p).name) == base, variant


def _json_findings(stdout: str) -> list:
    return sorted(json.dumps([f["rule"], f["message"], [(Path(loc["path"]).name, loc["line"], loc["column"], loc["text"])
                                                       for loc in f["locations"]]], ensure_ascii=False)
                  for f in json.loads(stdout)["findings"])


def test_same_output_from_any_starting_folder_and_twice(tmp_path):
    corpus = tmp_path / "work" / "corpus"
    shutil.copytree(SEEDS, corpus)
    runs = [run_cli("corpus", "--format", "json", "--no-cache", cwd=tmp_path / "work"),
            run_cli("corpus", "--format", "json", "--no-cache", cwd=tmp_path / "work"),
            run_cli(".", "--format", "json", "--no-cache", cwd=corpus),
            run_cli(str(corpus), "--format", "json", "--no-cache", cwd=tmp_path)]
    for proc in runs:
        assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert runs[0].stdout == runs[1].stdout  # byte-identical
    assert len({tuple(_json_findings(p.stdout)) for p in runs}) == 1


_NO_NETWORK = '''
import socket
def _refuse(*a, **k):
    open(%r, "a").write("network\\n")
    raise OSError("network disabled in this test")
socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
'''


def _tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


def test_writes_only_cache_and_output_and_opens_no_socket(tmp_path):
    work = tmp_path / "work"
    shutil.copytree(SEEDS, work / "corpus")
    home = tmp_path / "home"
    home.mkdir()
    site = tmp_path / "site"
    site.mkdir()
    log = tmp_path / "network.log"
    (site / "sitecustomize.py").write_text(_NO_NETWORK % str(log), encoding="utf-8")
    before = _tree(tmp_path)
    env_extra = {"HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache"),
                 "PYTHONPATH": os.pathsep.join([str(site), *sys.path])}
    old = {k: os.environ.get(k) for k in env_extra}
    os.environ.update(env_extra)
    try:
        proc = run_cli("corpus", "--format", "json", "-o", "report.json", cwd=work)
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    assert proc.returncode == 1, proc.stderr
    new = _tree(tmp_path) - before
    assert "work/report.json" in new
    unexpected = {p for p in new if p != "work/report.json" and not p.startswith("work/.factlint_cache")}
    assert not unexpected, unexpected
    assert not log.exists()  # no socket was opened
