"""Bad input never stops the run: each problem is one line on stderr naming the file,
no traceback, and the seed findings are still reported.

The matrix runs the real CLI (`python -m factlint`) in a temporary folder holding the bad
file next to copies of the seeds. Unit tests of load.decode() come first.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import unicodedata
from pathlib import Path

import pytest

from conftest import SEEDS, run_cli
from factlint import encodings, load
from factlint.errors import FactlintError
from factlint.encodings import from_tcvn3, from_vni
from factlint.load import SourceFile, decode, discover, read

SEED3 = SEEDS / "003_d671c4e71e4553ce.txt"  # holds "Inham Aliyev"
TEXT = SEED3.read_text(encoding="utf-8")
PARA = next(line for line in TEXT.splitlines() if len(line) > 200)  # one Vietnamese paragraph

# --- encoders for the legacy encodings (the inverse of what load.py decodes) -------------

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONE_MARKS))
        tone = "".join(c for c in d if c in _TONE_MARKS)
        out.append((base + tone).encode("cp1258", errors="replace"))
    return b"".join(out)


def to_tcvn3(text: str) -> bytes:
    inv = {v: k for k, v in encodings._TCVN3.items()}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in inv:
            out.append(inv[ch].encode("latin-1"))
        elif ch.lower() in inv:  # upper case with tone marks: TCVN3 writes the lower-case byte
            out.append(inv[ch.lower()].encode("latin-1"))
        else:
            out.append(ch.encode("cp1252", errors="replace"))
    return b"".join(out)


def to_vni(text: str) -> bytes:
    tone_of = {v: k for k, v in encodings._VNI_TONE.items()}
    shape_of = {v: k for k, v in encodings._VNI_SHAPE.items()}
    alone_of = {v: k for k, v in encodings._VNI_ALONE.items()}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in alone_of:
            out.append(alone_of[ch])
            continue
        d = unicodedata.normalize("NFD", ch)
        if len(d) == 1:
            out.append(ch)
            continue
        base, marks = d[0], d[1:]
        upper = base.isupper()
        if "\u031b" in marks:  # horn: ơ ư are letters of their own in VNI
            base = alone_of[unicodedata.normalize("NFC", base + "\u031b")]
            marks = marks.replace("\u031b", "")
        shape = "".join(m for m in marks if m in "\u0302\u0306")
        tone = "".join(m for m in marks if m in _TONE_MARKS)
        mod = shape_of[shape + tone] if shape else tone_of.get(tone, "")
        out.append(base + (mod.upper() if upper else mod))
    return "".join(out).encode("cp1252", errors="replace")


def _dec(data: bytes) -> load.Decoded:
    return decode(SourceFile("x.txt", data))


# --- decode: unit tests --------------------------------------------------------------------

def test_utf8_plain_has_no_notes():
    d = _dec(TEXT.encode())
    assert (d.raw, d.encoding, d.notes) == (TEXT, "utf-8", [])


def test_utf8_bom_removed_silently():
    d = _dec(b"\xef\xbb\xbf" + TEXT.encode())
    assert d.raw == TEXT and d.notes == [] and d.encoding == "utf-8-sig"


@pytest.mark.parametrize("codec,label", [("utf-16-le", "UTF-16 LE"), ("utf-16-be", "UTF-16 BE")])
def test_utf16_with_bom(codec, label):
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    d = _dec(bom + TEXT.encode(codec))
    assert d.raw == TEXT
    assert d.notes == [f"encoded as {label} (byte order mark); decoded"]


def test_utf16_without_bom_is_recognised_not_called_binary():
    d = _dec(TEXT.encode("utf-16-le"))
    assert d.raw == TEXT and "UTF-16 LE" in d.notes[0]


def test_binary_is_skipped_with_offset():
    with pytest.raises(FactlintError, match=r"^x\.txt: binary file \(NUL byte at offset 8\), skipped$"):
        _dec(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_windows_1258_decoded_to_nfc_with_note():
    d = _dec(to_cp1258(TEXT))
    assert d.raw == unicodedata.normalize("NFC", TEXT)
    assert d.encoding == "windows-1258"
    assert d.notes == ["not UTF-8; decoded as Windows-1258 (assumed) and normalized to NFC"]


def test_tcvn3_bytes_detected_and_converted():
    d = _dec(to_tcvn3(PARA))
    assert d.encoding == "tcvn3" and "TCVN3" in d.notes[0]
    assert d.raw.lower() == PARA.lower()  # TCVN3 has no upper-case letters with tone marks


def test_vni_bytes_detected_and_converted():
    d = _dec(to_vni(PARA))
    assert d.encoding == "vni" and "VNI" in d.notes[0]
    assert d.raw == unicodedata.normalize("NFC", PARA)


def test_tcvn3_mojibake_saved_as_utf8_is_detected():
    mojibake = to_tcvn3(PARA).decode("cp1252", errors="replace")  # what a UTF-8 editor shows
    assert "ViÖt" in mojibake or "®" in mojibake
    d = _dec(mojibake.encode("utf-8"))
    assert d.encoding == "utf-8+tcvn3" and "TCVN3" in d.notes[0]
    assert d.raw.lower() == PARA.lower()


def test_vni_mojibake_saved_as_utf8_is_detected():
    mojibake = to_vni(PARA).decode("cp1252")
    d = _dec(mojibake.encode("utf-8"))
    assert d.encoding == "utf-8+vni" and "VNI" in d.notes[0]
    assert d.raw == unicodedata.normalize("NFC", PARA)


def test_converters_leave_real_vietnamese_alone():
    """Real Unicode Vietnamese is never mistaken for mojibake (all five seeds)."""
    for p in SEEDS.glob("*.txt"):
        assert encodings.mojibake(p.read_text(encoding="utf-8")) is None, p.name
    assert from_tcvn3("abc") == "abc" and from_vni("abc") == "abc"


def test_invalid_utf8_in_the_middle_warns_with_offset():
    data = TEXT.encode()
    cut = data.index(b" ", 1000)
    d = _dec(data[:cut] + b"\xff\xfe" + data[cut:])
    assert d.encoding == "utf-8"
    assert d.notes == [f"invalid UTF-8 at byte {cut} (and 1 more); undecodable bytes replaced with U+FFFD"]
    assert d.raw.replace("\ufffd", "") == TEXT


@pytest.mark.parametrize("data,note", [(b"", "empty file, nothing to check"),
                                       (b" \r\n\t\n", "file holds only white space, nothing to check")])
def test_empty_and_blank(data, note):
    assert _dec(data).notes == [note]


def test_nfd_and_line_ends_kept_as_written():
    for raw in (unicodedata.normalize("NFD", TEXT), TEXT.replace("\n", "\r\n"), TEXT.replace("\n", "\r")):
        d = _dec(raw.encode())
        assert d.raw == raw and d.notes == []


def test_read_size_limit_and_errors(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(b"x" * 100)
    with pytest.raises(FactlintError, match="over the 0 MB limit, skipped"):
        read(f, max_bytes=10)
    with pytest.raises(FactlintError, match="cannot read"):
        read(tmp_path / "missing.txt")


def test_discover_messages(tmp_path):
    warnings: list[str] = []
    (tmp_path / "empty").mkdir()
    with pytest.raises(FactlintError, match="no documents to check"):
        discover([str(tmp_path / "empty")], warn=warnings.append)
    assert warnings == [f"{load.display_path(tmp_path / 'empty')}: no .txt or .md files found"]
    with pytest.raises(FactlintError, match="nope: no such file or folder"):
        discover([str(tmp_path / "nope")])


def test_sentence_regex_is_linear_on_runs_of_marks():
    """Was quadratic: 200,000 '!' took minutes. Now a run is one candidate."""
    from factlint.normalize.structure import _SENTENCE_END

    assert len(list(_SENTENCE_END.finditer("!" * 200_000 + " X"))) == 1
    assert not list(_SENTENCE_END.finditer("." * 200_000))
    assert [m.group() for m in _SENTENCE_END.finditer("Một. Hai!! “Ba”. Bốn")] == [".", "!!", "."]


# --- the CLI matrix ----------------------------------------------------------------------

def _corpus(tmp_path: Path) -> Path:
    dest = tmp_path / "corpus"
    shutil.copytree(SEEDS, dest)
    return dest


def _run(tmp_path, *args):
    proc = run_cli(*(args or ("corpus",)), "--format", "json", cwd=tmp_path)
    assert "Traceback" not in proc.stderr, proc.stderr
    for line in proc.stderr.splitlines():
        assert line.startswith("factlint: "), line
    return proc


def _texts(proc) -> set[str]:
    report = json.loads(proc.stdout)
    return {loc["text"] for f in report["findings"] for loc in f["locations"]}


def _seed_findings_still_there(proc):
    assert proc.returncode == 1, proc.stderr
    assert "Inham Aliyev" in _texts(proc)


def _make_fifo(p: Path):
    os.mkfifo(p)


CASES = {
    # name: (file name, bytes or callable(path), expected stderr fragment or None)
    "binary": ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "corpus/image.txt: binary file (NUL byte at offset 8), skipped"),
    "utf8-bom": ("bom.txt", b"\xef\xbb\xbf" + PARA.encode(), None),
    "utf16le-bom": ("u16le.txt", b"\xff\xfe" + PARA.encode("utf-16-le"), "corpus/u16le.txt: encoded as UTF-16 LE (byte order mark); decoded"),
    "utf16be-bom": ("u16be.txt", b"\xfe\xff" + PARA.encode("utf-16-be"), "corpus/u16be.txt: encoded as UTF-16 BE (byte order mark); decoded"),
    "windows-1258": ("cp1258.txt", to_cp1258(PARA), "corpus/cp1258.txt: not UTF-8; decoded as Windows-1258 (assumed) and normalized to NFC"),
    "tcvn3": ("abc.txt", to_tcvn3(PARA), "corpus/abc.txt: not UTF-8; looks like TCVN3 (ABC)"),
    "vni": ("vni.txt", to_vni(PARA), "corpus/vni.txt: not UTF-8; looks like VNI"),
    "tcvn3-mojibake": ("moji.txt", to_tcvn3(PARA).decode("cp1252", errors="replace").encode(), "corpus/moji.txt: text looks like TCVN3 (ABC)"),
    "invalid-utf8": ("broken.txt", PARA.encode()[:40] + b"\xc3\x28" + PARA.encode()[40:], "corpus/broken.txt: invalid UTF-8 at byte 40;"),
    "empty": ("empty.txt", b"", "corpus/empty.txt: empty file, nothing to check"),
    "blank": ("blank.txt", b"  \n\n\t \r\n", "corpus/blank.txt: file holds only white space, nothing to check"),
    "nfd": ("nfd.txt", unicodedata.normalize("NFD", PARA).encode(), None),
    "crlf": ("crlf.txt", PARA.replace(". ", ".\r\n").encode(), None),
    "cr-only": ("cr.txt", PARA.replace(". ", ".\r").encode(), None),
    "long-line": ("long.txt", (PARA + " ") .encode() * (1_000_000 // len(PARA.encode())), None),
    "fifo": ("pipe.txt", _make_fifo, "corpus/pipe.txt: not a regular file (pipe, device or socket), skipped"),
    "broken-symlink": ("dangling.txt", lambda p: p.symlink_to(p.parent / "missing-target.txt"), "corpus/dangling.txt: broken symbolic link, skipped"),
    "symlink-file-loop": ("loop-a.txt", lambda p: (p.symlink_to(p.parent / "loop-b.txt"), (p.parent / "loop-b.txt").symlink_to(p)), "corpus/loop-a.txt: cannot read (Too many levels of symbolic links), skipped"),
    "symlink-folder-loop": ("sub", lambda p: (p.mkdir(), (p / "back").symlink_to(p.parent, target_is_directory=True)), "folder already visited (symlink loop), skipped"),
    "empty-subfolder": ("nothing-here", lambda p: p.mkdir(), None),
    "folder-named-txt": ("folder.txt", lambda p: p.mkdir(), None),
    "vietnamese-name-with-spaces": ("bài báo số 3.txt", PARA.encode(), None),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file_next_to_seeds(tmp_path, case):
    name, content, message = CASES[case]
    corpus = _corpus(tmp_path)
    target = corpus / name
    if callable(content):
        content(target)
    else:
        target.write_bytes(content)
    proc = _run(tmp_path)
    _seed_findings_still_there(proc)
    if message is None:
        assert proc.stderr == "", proc.stderr
    else:
        lines = [line for line in proc.stderr.splitlines() if message in line]
        assert len(lines) == 1, proc.stderr


def _run_as_unprivileged(tmp_path, locked: Path):
    """Run the CLI on tmp_path/corpus where `locked` (mode 000) must be unreadable. As root,
    the CLI runs without the capabilities that let root read any file (setpriv); the test
    is skipped only where they cannot be dropped."""
    import subprocess
    import sys

    prefix: list[str] = []
    if os.access(locked, os.R_OK):
        prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"]
        probe = subprocess.run([*prefix, sys.executable, "-c", f"open({str(locked)!r}).read()"],
                               capture_output=True, text=True) if shutil.which("setpriv") else None
        if probe is None or "PermissionError" not in probe.stderr:
            pytest.skip("root reads anything here and cannot drop that right (setpriv)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTLINT")}
    proc = subprocess.run([*prefix, sys.executable, "-m", "factlint", "corpus", "--format", "json"],
                          cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr
    _seed_findings_still_there(proc)
    return proc.stderr.splitlines()


def test_unreadable_file(tmp_path):
    f = _corpus(tmp_path) / "secret.txt"
    f.write_text(PARA, encoding="utf-8")
    f.chmod(0)
    try:
        lines = _run_as_unprivileged(tmp_path, f)
        assert lines == ["factlint: corpus/secret.txt: cannot read (Permission denied), skipped"], lines
    finally:
        f.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_unreadable_folder(tmp_path):
    locked = _corpus(tmp_path) / "private"
    locked.mkdir()
    (locked / "a.txt").write_text(PARA, encoding="utf-8")
    locked.chmod(0)
    try:
        lines = _run_as_unprivileged(tmp_path, locked)
        assert len(lines) == 1 and "corpus/private" in lines[0] and "cannot read folder" in lines[0], lines
    finally:
        locked.chmod(0o755)


def test_decoded_legacy_file_takes_part_in_the_comparison(tmp_path):
    """A Windows-1258 copy of seed 003 is linted like the original: its 'Inham Aliyev' is found."""
    corpus = _corpus(tmp_path)
    (corpus / "003_d671c4e71e4553ce.txt").unlink()
    (corpus / "legacy.txt").write_bytes(to_cp1258(TEXT))
    proc = _run(tmp_path)
    report = json.loads(proc.stdout)
    assert any(f["locations"][0]["text"] == "Inham Aliyev" and f["locations"][0]["path"] == "corpus/legacy.txt"
               for f in report["findings"])


def test_vietnamese_file_name_is_reported_as_written(tmp_path):
    corpus = _corpus(tmp_path)
    (corpus / "003_d671c4e71e4553ce.txt").rename(corpus / "bài báo số 3.txt")
    proc = _run(tmp_path)
    report = json.loads(proc.stdout)
    paths = {f["locations"][0]["path"] for f in report["findings"] if f["locations"][0]["text"] == "Inham Aliyev"}
    assert paths == {"corpus/bài báo số 3.txt"}


def test_missing_path_is_exit_2(tmp_path):
    _corpus(tmp_path)
    proc = _run(tmp_path, "corpus", "no-such-folder")
    assert proc.returncode == 2
    assert proc.stderr == "factlint: no-such-folder: no such file or folder\n"


def test_folder_without_documents_is_exit_2(tmp_path):
    (tmp_path / "empty").mkdir()
    proc = _run(tmp_path, "empty")
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[-1] == "factlint: no documents to check in empty (looking for .txt, .md files)"


def test_clean_corpus_is_exit_0(tmp_path):
    (tmp_path / "one").mkdir()
    shutil.copy(SEED3, tmp_path / "one")
    proc = _run(tmp_path, "one")
    assert proc.returncode == 0, proc.stdout
