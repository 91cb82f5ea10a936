"""Stage 1 — load: find the documents and decode them, keeping the text exactly as written.

Problems with one file (undecodable, binary, unreadable) become `warnings` on the
run and the file is skipped; they never stop the rest of the corpus.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from factlint.errors import FactlintError

DEFAULT_EXTENSIONS = (".txt", ".md")


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


def display_path(p: Path) -> str:
    try:
        rel = os.path.relpath(p)
    except ValueError:  # another drive on Windows
        return p.as_posix()
    return Path(rel).as_posix() if not rel.startswith("..") else p.as_posix()


def discover(paths: list[str], extensions=DEFAULT_EXTENSIONS, warn=None) -> list[Path]:
    """Files named directly are always taken; folders are walked for the given extensions."""
    found: dict[str, Path] = {}
    for arg in paths:
        p = Path(arg)
        if not p.exists() and not p.is_symlink():
            raise FactlintError(f"{arg}: no such file or folder")
        if p.is_dir():
            seen_dirs: set[tuple[int, int]] = set()
            for root, dirs, files in os.walk(p, followlinks=True):
                st = os.stat(root)
                if (st.st_dev, st.st_ino) in seen_dirs:  # a symlink loop: walk each folder once
                    dirs[:] = []
                    if warn:
                        warn(f"{display_path(Path(root))}: folder already visited (symlink loop), skipped")
                    continue
                seen_dirs.add((st.st_dev, st.st_ino))
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(tuple(extensions)) and not name.startswith("."):
                        fp = Path(root) / name
                        found.setdefault(str(fp), fp)
        else:
            found.setdefault(str(p), p)
    return sorted(found.values(), key=lambda q: display_path(q))


def read(path: Path) -> SourceFile:
    try:
        return SourceFile(display_path(path), path.read_bytes())
    except OSError as exc:
        raise FactlintError(f"{display_path(path)}: cannot read ({exc.strerror or exc})") from None


def decode(src: SourceFile) -> Decoded:
    """UTF-8 (with or without BOM) is the norm; anything else is reported by the caller."""
    data = src.data
    if data.startswith(b"\xef\xbb\xbf"):
        return Decoded(src.path, data[3:].decode("utf-8", errors="replace"), "utf-8-sig")
    try:
        return Decoded(src.path, data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        return Decoded(
            src.path, text, "utf-8",
            [f"invalid UTF-8 at byte {exc.start}; undecodable bytes replaced with U+FFFD"],
        )
