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

Vietnamese legacy encodings are recognised by what they decode to: Windows-1258 and
the two 8-bit font encodings TCVN3 (ABC) and VNI, which were never registered as
codecs and decode "without error" as Latin-1 mojibake (`ViÖt Nam`, `Vieät Nam`).
The candidate whose words look most like Vietnamese syllables wins.
"""

from __future__ import annotations

import codecs
import os
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import regex

from factlint.errors import FactlintError

DEFAULT_EXTENSIONS = (".txt", ".md")
MAX_FILE_BYTES = 64 * 1024 * 1024  # larger files are skipped with a message (bounded memory)
_SAMPLE_CHARS = 200_000  # encoding guesses look at the start of a file only


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
    (`/`-separated), else as given. String operations only, as `os.path.relpath` would."""
    s = os.fspath(p)
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


def _walk(root: str, exts: tuple[str, ...], take, warn, seen_dirs: set) -> None:
    """Depth first, folders in name order (what os.walk(followlinks=True) would visit)."""
    try:
        with os.scandir(root) as it:
            entries = list(it)
    except OSError as exc:
        where = display_path(exc.filename) if exc.filename else root
        warn(f"{where}: cannot read folder ({exc.strerror or exc}), skipped")
        return
    try:
        st = os.stat(root)
    except OSError as exc:
        warn(f"{display_path(root)}: cannot read folder ({exc.strerror or exc}), skipped")
        return
    if (st.st_dev, st.st_ino) in seen_dirs:  # a symlink loop: walk each folder once
        warn(f"{display_path(root)}: folder already visited (symlink loop), skipped")
        return
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
    for d in sorted(d for d in dirs if not d.startswith(".")):
        _walk(root + sep + d, exts, take, warn, seen_dirs)


def read(path: str | os.PathLike, max_bytes: int = MAX_FILE_BYTES) -> SourceFile:
    shown = display_path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
        try:
            size = os.fstat(fd).st_size
            if size > max_bytes:
                raise FactlintError(f"{shown}: file is {size / 2**20:.1f} MB, over the "
                                    f"{max_bytes / 2**20:.0f} MB limit, skipped")
            # os.read is much cheaper than a buffered file object for small files; asking
            # one byte more than the size finds the end in one call (a growing file: more)
            data = os.read(fd, size + 1)
            if len(data) > size or (size and len(data) < size):
                chunks = [data]
                while chunk := os.read(fd, 1 << 20):
                    chunks.append(chunk)
                data = b"".join(chunks)
        finally:
            os.close(fd)
        return SourceFile(shown, data)
    except OSError as exc:
        if os.path.islink(path) and not os.path.exists(path) and exc.errno == 2:
            raise FactlintError(f"{shown}: broken symbolic link, skipped") from None
        raise FactlintError(f"{shown}: cannot read ({exc.strerror or exc}), skipped") from None


# --- Vietnamese legacy encodings ---------------------------------------------------------

# TCVN3 (ABC, TCVN 5712:1993 VN3): one byte per lower-case precomposed letter; upper-case
# letters with tone marks need a second font and are written as the lower-case byte.
_TCVN3 = dict(zip(
    "\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9\xaa\xab\xac\xad\xae"
    "\xb5\xb6\xb7\xb8\xb9\xbb\xbc\xbd\xbe\xc6\xc7\xc8\xc9\xca\xcb"
    "\xcc\xce\xcf\xd0\xd1\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xdc\xdd\xde"
    "\xdf\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xeb\xec\xed\xee"
    "\xef\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe",
    "ĂÂÊÔƠƯĐăâêôơưđ"
    "àảãáạằẳẵắặầẩẫấậ"
    "èẻẽéẹềểễếệìỉĩíị"
    "òỏõóọồổỗốộờởỡớợ"
    "ùủũúụừửữứựỳỷỹýỵ",
))
_TCVN3_TABLE = str.maketrans(_TCVN3)

# VNI: a base letter followed by one Windows-1252 character per diacritic group.
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE = "\u0302", "\u0306"
_VNI_TONE = {"ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
_VNI_SHAPE = {"â": _CIRC, "á": _CIRC + _ACUTE, "à": _CIRC + _GRAVE, "å": _CIRC + _HOOK,
              "ã": _CIRC + _TILDE, "ä": _CIRC + _DOT, "ê": _BREVE, "é": _BREVE + _ACUTE,
              "è": _BREVE + _GRAVE, "ú": _BREVE + _HOOK, "ü": _BREVE + _TILDE, "ë": _BREVE + _DOT}
_VNI_ALONE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}
for _table in (_VNI_TONE, _VNI_SHAPE, _VNI_ALONE):
    _table.update({k.upper(): v.upper() for k, v in list(_table.items())})
_VNI_RE = regex.compile(
    "(?:[aeoAEO][{s}]|[aeiouyAEIOUYôÔöÖ][{t}]|[{a}])".format(
        s="".join(_VNI_SHAPE), t="".join(_VNI_TONE), a="".join(_VNI_ALONE)))


def _vni_sub(m) -> str:
    s = m.group()
    if len(s) == 1:
        return _VNI_ALONE[s]
    base = _VNI_ALONE.get(s[0], s[0])
    return base + (_VNI_SHAPE.get(s[1]) or _VNI_TONE[s[1]])


def from_tcvn3(text: str) -> str:
    """TCVN3 bytes read as Latin-1/Windows-1252 -> Unicode (NFC)."""
    return text.translate(_TCVN3_TABLE)


def from_vni(text: str) -> str:
    """VNI bytes read as Windows-1252 -> Unicode (NFC)."""
    return unicodedata.normalize("NFC", _VNI_RE.sub(_vni_sub, text))


# A token is plausible Vietnamese when, decomposed and lower-cased, it is Latin letters
# with Vietnamese marks only: at most one tone, at most one circumflex/breve.
_TOKEN = regex.compile(r"[^\s!-/:-@\[-`{-~“”‘’«»–—…•]+")
_VI_TOKEN = regex.compile(r"^[a-zđ][a-zđ\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b]*$")
_TONES = regex.compile("[\u0300\u0301\u0303\u0309\u0323]")
_SHAPES = regex.compile("[\u0302\u0306]")


def vietnamese_score(text: str) -> int:
    """(plausible - implausible) among the tokens that hold a non-ASCII character."""
    score = 0
    for tok in _TOKEN.findall(text[:_SAMPLE_CHARS]):
        if tok.isascii():
            continue
        d = unicodedata.normalize("NFD", tok).lower()
        ok = bool(_VI_TOKEN.match(d)) and len(_TONES.findall(d)) <= 1 and len(_SHAPES.findall(d)) <= 1
        score += 1 if ok else -1
    return score


def _latin(data: bytes) -> str:
    """Bytes as Windows-1252 characters (Latin-1 for the five bytes 1252 leaves undefined)."""
    return data.decode("latin-1").translate(_CP1252_C1)


_CP1252_C1 = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0)
              if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}

_LEGACY_NOTE = {
    "tcvn3": "looks like TCVN3 (ABC), a legacy Vietnamese font encoding; converted to Unicode "
             "— please save the file as UTF-8",
    "vni": "looks like VNI, a legacy Vietnamese font encoding; converted to Unicode "
           "— please save the file as UTF-8",
}


_REAL_VIETNAMESE = regex.compile("[ăđơưĂĐƠƯ\u1ea0-\u1ef9]")
_LATIN1_HIGH = regex.compile("[\xa0-\xff]")


def _mojibake(text: str) -> tuple[str, str] | None:
    """Text that decoded fine but is TCVN3/VNI shown as Latin-1: (converted text, name)."""
    sample = text[:_SAMPLE_CHARS]
    if _REAL_VIETNAMESE.search(sample) or not _LATIN1_HIGH.search(sample):
        return None  # real Vietnamese letters (ơ ư đ ạ ế …) or nothing a legacy font would show
    base = vietnamese_score(sample)
    best = None
    for name, conv in (("tcvn3", from_tcvn3), ("vni", from_vni)):
        score = vietnamese_score(conv(sample))
        if score >= 5 and score > 2 * max(base, 0) + 2 and (best is None or score > best[0]):
            best = (score, name, conv)
    if best is None:
        return None
    return best[2](text), best[1]


def _guess_legacy(data: bytes) -> tuple[str, str, str]:
    """Not UTF-8: (text, encoding, note) for the likeliest Vietnamese 8-bit encoding."""
    sample = data[:_SAMPLE_CHARS]
    latin = _latin(sample)
    cands = {
        "windows-1258": unicodedata.normalize("NFC", sample.decode("cp1258", errors="replace")),
        "tcvn3": from_tcvn3(latin),
        "vni": from_vni(latin),
    }
    scores = {k: vietnamese_score(v) for k, v in cands.items()}
    enc = max(scores, key=lambda k: (scores[k], k == "windows-1258"))
    if enc == "windows-1258":
        text = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
        note = "not UTF-8; decoded as Windows-1258 (assumed) and normalized to NFC"
        if scores[enc] <= 0:
            note = "not UTF-8 and no Vietnamese encoding recognised; decoded as Windows-1258 (assumed)"
        return text, enc, note
    conv = from_tcvn3 if enc == "tcvn3" else from_vni
    return conv(_latin(data)), enc, f"not UTF-8; {_LEGACY_NOTE[enc]}"


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
                text, encoding, note = _guess_legacy(data)
                notes.append(note)
    if encoding.startswith("utf"):
        moji = _mojibake(text)
        if moji is not None:
            text, name = moji
            encoding = f"{encoding}+{name}"
            notes.append(f"text {_LEGACY_NOTE[name]}")
    if not text:
        notes.append("empty file, nothing to check")
    elif not text.strip():
        notes.append("file holds only white space, nothing to check")
    return Decoded(src.path, text, encoding, notes)
