"""Finding files (load.discover) and showing their paths (load.display_path): the fast
scandir walk must find exactly what the os.walk version found, in the same order, with the
same messages, and show every path as os.path.relpath would."""

import os
from pathlib import Path

import pytest

from factlint import load
from factlint.errors import FactlintError


# ---- the reference: the os.walk / Path / realpath-per-file implementation it replaced ----

def _ref_display(p) -> str:
    p = Path(p)
    rel = os.path.relpath(p)
    return Path(rel).as_posix() if not rel.startswith("..") else p.as_posix()


def _ref_discover(paths, extensions=load.DEFAULT_EXTENSIONS, warn=None):
    import stat

    warn = warn or (lambda msg: None)
    exts = tuple(e.lower() for e in extensions)
    found = {}

    def take(fp):
        try:
            kind = stat.S_ISREG(os.stat(fp).st_mode)
        except OSError:
            kind = None
        if kind is False:
            warn(f"{_ref_display(fp)}: not a regular file (pipe, device or socket), skipped")
            return
        try:
            key = os.path.realpath(fp)
        except (OSError, ValueError):
            key = str(fp)
        found.setdefault(key, fp)

    for arg in paths:
        p = Path(arg)
        if not p.exists() and not p.is_symlink():
            raise FactlintError(f"{_ref_display(p)}: no such file or folder")
        if p.is_dir():
            before = len(found)
            seen = set()

            def onerror(exc):
                where = _ref_display(Path(exc.filename)) if exc.filename else arg
                warn(f"{where}: cannot read folder ({exc.strerror or exc}), skipped")

            for root, dirs, files in os.walk(p, followlinks=True, onerror=onerror):
                try:
                    st = os.stat(root)
                except OSError as exc:
                    warn(f"{_ref_display(Path(root))}: cannot read folder ({exc.strerror or exc}), skipped")
                    dirs[:] = []
                    continue
                if (st.st_dev, st.st_ino) in seen:
                    dirs[:] = []
                    warn(f"{_ref_display(Path(root))}: folder already visited (symlink loop), skipped")
                    continue
                seen.add((st.st_dev, st.st_ino))
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(exts) and not name.startswith("."):
                        take(Path(root) / name)
            if len(found) == before:
                warn(f"{_ref_display(p)}: no {' or '.join(exts)} files found")
        else:
            take(p)
    if not found:
        raise FactlintError("no documents")
    return sorted(found.values(), key=_ref_display)


@pytest.fixture
def tree(tmp_path):
    """Nested folders, hidden ones, links to files and folders, a link loop, a dangling
    link, a FIFO, upper-case extensions, names with spaces and Vietnamese letters."""
    root = tmp_path / "corpus"
    (root / "a" / "b").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "z").mkdir()
    for rel in ("one.txt", "Two.TXT", "notes.md", "skip.pdf", ".secret.txt", "a/x.txt",
                "a/b/y.md", ".hidden/h.txt", "z/bài báo số 3.txt", "a/b/c d.txt"):
        (root / rel).write_text("Xin chào\n", encoding="utf-8")
    (root / "link-to-one.txt").symlink_to(root / "one.txt")  # same file twice: read once
    (root / "a" / "back").symlink_to(root, target_is_directory=True)  # a folder loop
    (root / "dangling.txt").symlink_to(root / "missing.txt")
    (root / "loop1.txt").symlink_to(root / "loop2.txt")
    (root / "loop2.txt").symlink_to(root / "loop1.txt")
    (root / "z" / "zz").symlink_to(root / "a" / "b", target_is_directory=True)
    (root / "folder.txt").mkdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "pipe.txt")
    return root


def _both(args, exts=load.DEFAULT_EXTENSIONS):
    got_w, ref_w = [], []
    got = load.discover(args, exts, warn=got_w.append)
    ref = _ref_discover(args, exts, warn=ref_w.append)
    return (got, got_w), (ref, ref_w)


@pytest.mark.parametrize("how", ["relative", "absolute", "dot-slash", "trailing-slash", "outside"])
def test_discover_matches_the_os_walk_version(tree, monkeypatch, how):
    base = tree.parent
    monkeypatch.chdir(base if how != "outside" else tree / "a")
    arg = {"relative": "corpus", "absolute": str(tree), "dot-slash": "./corpus",
           "trailing-slash": "corpus/", "outside": str(tree)}[how]
    (got, got_w), (ref, ref_w) = _both([arg])
    assert [load.display_path(p) for p in got] == [_ref_display(p) for p in ref]
    assert [os.path.realpath(p) for p in got] == [os.path.realpath(p) for p in ref]
    assert got_w == ref_w
    shown = [load.display_path(p) for p in got]
    assert any(s.endswith("bài báo số 3.txt") for s in shown)
    assert not any("/.hidden/" in s or s.endswith(".secret.txt") or s.endswith(".pdf") for s in shown)
    assert all(isinstance(p, str) for p in got)


def test_discover_files_named_directly_and_other_extensions(tree, monkeypatch):
    monkeypatch.chdir(tree)
    args = ["one.txt", "link-to-one.txt", "skip.pdf", "a", "dangling.txt"]
    (got, got_w), (ref, ref_w) = _both(args)
    assert [load.display_path(p) for p in got] == [_ref_display(p) for p in ref]
    assert got_w == ref_w
    (got, got_w), (ref, ref_w) = _both(["."], (".md", ".PDF"))
    assert [load.display_path(p) for p in got] == [_ref_display(p) for p in ref]
    assert got_w == ref_w


def test_discover_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FactlintError, match="^nope: no such file or folder$"):
        load.discover(["nope"])
    (tmp_path / "empty").mkdir()
    warnings = []
    with pytest.raises(FactlintError, match="no documents to check in empty"):
        load.discover(["empty"], warn=warnings.append)
    assert warnings == ["empty: no .txt or .md files found"]


def test_unreadable_folder_is_a_warning(tree, monkeypatch):
    locked = tree / "a" / "b"
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as a user who can read any folder (root)")
        monkeypatch.chdir(tree.parent)
        (got, got_w), (ref, ref_w) = _both(["corpus"])
        assert got_w == ref_w and any("cannot read folder" in w for w in got_w)
        assert [load.display_path(p) for p in got] == [_ref_display(p) for p in ref]
    finally:
        locked.chmod(0o755)


@pytest.mark.parametrize("path", ["a/b.txt", "./a/b.txt", "a//b.txt", "a/./b.txt", "a/../a/b.txt",
                                  "..", "../x/y.txt", ".", "/", "//x/y", "/tmp/../etc/x",
                                  "..a/b.txt", "a/", "é/ư.txt"])
@pytest.mark.parametrize("cwd", ["inside", "root", "deep"])
def test_display_path_is_relpath(tmp_path, monkeypatch, path, cwd):
    deep = tmp_path / "p" / "q"
    deep.mkdir(parents=True)
    monkeypatch.chdir({"inside": tmp_path, "root": "/", "deep": deep}[cwd])
    for p in (path, os.path.abspath(path), Path(path)):
        assert load.display_path(p) == _ref_display(p), p


def test_read_gives_the_bytes_and_the_shown_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    for size in (0, 1, 4095, 4096, 65536, 65537, 300_000):
        p = tmp_path / "d" / f"f{size}.txt"
        data = os.urandom(size)
        p.write_bytes(data)
        src = load.read(str(p))
        assert src.data == data and src.path == f"d/f{size}.txt"
    with pytest.raises(FactlintError, match=r"^d: cannot read \(Is a directory\), skipped$"):
        load.read("d")
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(FactlintError, match="over the"):
        load.read(big, max_bytes=1024)
