"""Stage 1 — load: find the documents and decode them, keeping the text exactly as written.

Problems with one file (undecodable, binary, unreadable) become `warnings` on the
run and the file is skipped; they never stop the rest of the corpus:

* `discover()` raises FactlintError only for a path named on the command line that
  does not exist, or when nothing at all is left to check (exit 2);
* `read()` raises FactlintError for one file that cannot be read (the pipeline prints
  it and goes on with the next file);
* `decode()` raises FactlintError for a file that is not text (binary); everything it
  could decode with a doubt (legacy encodings, invalid bytes, empty files) comes back
  with `notes`, one line each, printed by the pipeline as `path: note`.

Vietnamese legacy encodings (Windows-1258, TCVN3, VNI) are told apart in encodings.py.
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

import regex

from factlint.encodings import LEGACY_NOTE, guess_legacy, mojibake
from factlint.errors import FactlintError
from factlint.safety import Refused, read_regular

DEFAULT_EXTENSIONS = (".txt", ".md")
MAX_FILE_BYTES = 64 * 1024 * 1024  # larger files are skipped with a message (bounded memory)


@dataclass
class SourceFile:
    path: str  # as shown to the user (relative to the working folder when possible)
    data: bytes


@dataclass
class Decoded:
    path: str
    raw: str  # the text as written, BOM removed, line ends untouched
    encoding: str
    notes: list[str] = field(default_factory=list)


def display_path(p: str | os.PathLike) -> str:
    """A path as shown to the user: relative to the working folder when it is inside it
    (`/`-separated), else as given. String operations only, as `os.path.relpath` would.

    A name that is not UTF-8 is shown with its undecodable bytes as backslash escapes
    (`caf\\xe9.txt`), so every report can be written as UTF-8."""
    shown = _display_path(p)
    return shown if shown.isascii() else _SURROGATE.sub(_byte_escape, shown)


_SURROGATE = regex.compile("[\\udc80-\\udcff]")


def _byte_escape(m) -> str:
    return f"\\x{ord(m.group()) - 0xDC00:02x}"


def _display_path(p: str | os.PathLike) -> str:
    s = os.fsdecode(p)
    try:
        cwd = os.getcwd()
    except OSError:  # the working folder was removed
        return Path(s).as_posix()
    a = os.path.abspath(s)
    prefix = cwd if cwd.endswith(os.sep) else cwd + os.sep
    plain = os.sep == "/" and not a.startswith("//") and not cwd.startswith("//")
    if a == cwd:
        rel = os.curdir
    elif plain and a.startswith(prefix):
        rel = a[len(prefix):]
    elif plain:  # outside the working folder: relpath would start with ".."
        return _as_given(s)
    else:
        try:
            rel = os.path.relpath(a, cwd)
        except ValueError:  # another drive on Windows
            return Path(s).as_posix()
    if rel.startswith(".."):
        return _as_given(s)
    return rel if os.sep == "/" else Path(rel).as_posix()


def _as_given(s: str) -> str:
    """Path(s).as_posix(), without building a Path when s is already in that form."""
    if os.sep == "/" and os.path.normpath(s) == s:
        return s
    return Path(s).as_posix()


def _is_regular(p: str | os.PathLike) -> bool | None:
    """True for a regular file, False for a FIFO/device/socket, None when stat fails
    (broken link, link loop, no permission: read() will say why)."""
    try:
        return stat.S_ISREG(os.stat(p).st_mode)
    except OSError:
        return None


def _realpath(p: str) -> str:
    try:
        return os.path.realpath(p)
    except (OSError, ValueError):
        return p


def discover(paths: list[str], extensions=DEFAULT_EXTENSIONS, warn=None) -> list[str]:
    """Files named directly are always taken; folders are walked for the given extensions.

    Returns the paths to open, sorted by how they are shown (`display_path`). The same
    file reached twice (symbolic links) is read once; symbolic links to folders are
    followed, each folder once (a link loop is reported and skipped); hidden files and
    folders are skipped.
    """
    warn = warn or (lambda msg: None)
    exts = tuple(e.lower() for e in extensions)
    found: dict[str, str] = {}  # real path -> path to open (the first way it was reached)

    def take(fp: str, key: str | None = None) -> None:
        if key is None:  # a link, a named file or an unknown kind: ask the system
            kind = _is_regular(fp)
            if kind is False:
                warn(f"{display_path(fp)}: not a regular file (pipe, device or socket), skipped")
                return
            key = _realpath(fp)  # the same file reached twice (symlinks) is read once
        found.setdefault(key, fp)

    for arg in paths:
        p = Path(arg)
        if not p.exists() and not p.is_symlink():
            raise FactlintError(f"{display_path(arg)}: no such file or folder")
        if p.is_dir():
            before = len(found)
            _walk(os.fspath(arg), exts, take, warn, set())
            if len(found) == before:
                warn(f"{display_path(arg)}: no {' or '.join(exts)} files found")
        else:
            take(os.fspath(arg))
    if not found:
        raise FactlintError(f"no documents to check in {', '.join(display_path(a) for a in paths)} "
                            f"(looking for {', '.join(exts)} files)")
    return [fp for _, fp in sorted((display_path(fp), fp) for fp in found.values())]


def _walk(top: str, exts: tuple[str, ...], take, warn, seen_dirs: set) -> None:
    """Depth first, folders in name order (what os.walk(followlinks=True) would visit),
    with a stack of its own: a tree thousands of folders deep is no deeper for Python."""
    stack = [top]
    while stack:
        root = stack.pop()
        try:
            with os.scandir(root) as it:
                entries = list(it)
        except OSError as exc:
            where = display_path(exc.filename) if exc.filename else root
            warn(f"{where}: cannot read folder ({exc.strerror or exc}), skipped")
            continue
        try:
            st = os.stat(root)
        except OSError as exc:
            warn(f"{display_path(root)}: cannot read folder ({exc.strerror or exc}), skipped")
            continue
        if (st.st_dev, st.st_ino) in seen_dirs:  # a symlink loop: walk each folder once
            warn(f"{display_path(root)}: folder already visited (symlink loop), skipped")
            continue
        seen_dirs.add((st.st_dev, st.st_ino))
        dirs: list[str] = []
        files = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                dirs.append(entry.name)
            else:
                files.append(entry)
        real_root = None
        sep = "" if root.endswith(os.sep) else os.sep
        for entry in sorted(files, key=lambda e: e.name):
            name = entry.name
            if not name.lower().endswith(exts) or name.startswith("."):
                continue
            fp = root + sep + name
            try:
                plain = not entry.is_symlink() and entry.is_file(follow_symlinks=False)
            except OSError:
                plain = False
            if plain:  # a regular file, not a link: its real path is its folder's plus its name
                if real_root is None:
                    real_root = _realpath(root)
                take(fp, real_root.rstrip(os.sep) + os.sep + name)
            else:
                take(fp)
        # the first sub-folder on top of the stack: it is walked next, all of it, before the second
        stack.extend(root + sep + d for d in sorted((d for d in dirs if not d.startswith(".")), reverse=True))


def read(path: str | os.PathLike, max_bytes: int | None = None) -> SourceFile:
    """The bytes of one document (a regular file of at most `max_bytes`, default
    MAX_FILE_BYTES, checked on the open file: it may have been swapped since discovery)."""
    shown = display_path(path)
    try:
        data, _ = read_regular(path, MAX_FILE_BYTES if max_bytes is None else max_bytes)
        return SourceFile(shown, data)
    except Refused as exc:
        raise FactlintError(f"{shown}: {exc}, skipped") from None
    except OSError as exc:
        if os.path.islink(path) and not os.path.exists(path) and exc.errno == 2:
            raise FactlintError(f"{shown}: broken symbolic link, skipped") from None
        raise FactlintError(f"{shown}: cannot read ({exc.strerror or exc}), skipped") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 with no BOM: mostly-ASCII text has a zero in every other byte."""
    if len(data) < 8 or len(data) % 2:
        return None
    half = len(data) // 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"),  # before UTF-16 LE: same first two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF8, "utf-8", None),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
]


def decode(src: SourceFile) -> Decoded:
    """Decode one file; what was assumed or repaired is said in `notes` (one line each).

    Raises FactlintError for a file that is not text; the caller skips it."""
    data = src.data
    notes: list[str] = []
    text: str | None = None
    encoding = "utf-8"
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            encoding = codec + ("-sig" if codec == "utf-8" else "")
            try:
                text = body.decode(codec)
            except UnicodeDecodeError as exc:
                text = body.decode(codec, errors="replace")
                notes.append(f"invalid {label or 'UTF-8'} at byte {exc.start + len(bom)}; "
                             "undecodable bytes replaced with U+FFFD")
            if label:
                notes.append(f"encoded as {label} (byte order mark); decoded")
            break
    if text is None:
        nul = data.find(b"\x00")
        if nul >= 0:
            codec = _utf16_without_bom(data)
            if codec is None:
                raise FactlintError(f"{src.path}: binary file (NUL byte at offset {nul}), skipped")
            encoding = codec
            text = data.decode(codec, errors="replace")
            label = "UTF-16 LE" if codec.endswith("le") else "UTF-16 BE"
            notes.append(f"no byte order mark but looks like {label}; "
                         "decoded — please save the file as UTF-8")
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            replaced = data.decode("utf-8", errors="replace")
            bad = replaced.count("\ufffd") - data.count(b"\xef\xbf\xbd")
            good = len(replaced) - len(replaced.encode("ascii", "ignore")) - bad
            if good > bad:  # UTF-8 with a few broken bytes
                text = replaced
                more = f" (and {bad - 1} more)" if bad > 1 else ""
                notes.append(f"invalid UTF-8 at byte {exc.start}{more}; "
                             "undecodable bytes replaced with U+FFFD")
            else:
                try:
                    text, encoding, note = guess_legacy(data)
                except FactlintError as exc:  # no encoding fits: say so rather than guess
                    raise FactlintError(f"{src.path}: {exc}") from None
                notes.append(note)
    if encoding.startswith("utf"):
        moji = mojibake(text)
        if moji is not None:
            text, name = moji
            encoding = f"{encoding}+{name}"
            notes.append(f"text {LEGACY_NOTE[name]}")
    if not text:
        notes.append("empty file, nothing to check")
    elif not text.strip():
        notes.append("file holds only white space, nothing to check")
    return Decoded(src.path, text, encoding, notes)
