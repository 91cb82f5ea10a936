"""`--fix` and `--diff`: write the fixes that are certain.

Only style findings carry a fix (`Finding.fix`, set by the rule type: the vocabulary's
preferred spelling, a name in the capitals its other mentions use); a conflict of facts
never does, so a fix never changes a fact. Each outlier side's words are replaced by the
fix, in the capitals of the words replaced (a preferred "kỷ niệm" replaces "Kỉ niệm" as
"Kỷ niệm") and in their normalization form (NFD text gets NFD words).

A file is written back only when its bytes can be rebuilt exactly from the decoded text
(UTF-8 with or without a BOM, UTF-16/32 with a BOM): the replaced words change and every
other byte — the BOM, CRLF or CR line ends, NFD text — stays as it was. Files in a legacy
encoding, or with bytes that were replaced when decoding, are left alone with a message.
"""

from __future__ import annotations

import codecs
import difflib
import unicodedata
from dataclasses import dataclass

from factlint.errors import FactlintError

_BOMS = {"utf-8-sig": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
         "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}


@dataclass(frozen=True)
class Edit:
    start: int  # offsets in the decoded text as written (BOM removed)
    end: int
    text: str


def shaped(replacement: str, original: str) -> str:
    """The replacement in the capitals and normalization form of the words it replaces."""
    if original.isupper() and not replacement.isupper():
        replacement = replacement.upper()
    elif original[:1].isupper() and replacement[:1].islower():
        replacement = replacement[:1].upper() + replacement[1:]
    if unicodedata.normalize("NFC", original) != original:
        replacement = unicodedata.normalize("NFD", replacement)
    return replacement


def edits(result) -> dict[str, list[Edit]]:
    """path -> the edits of the fixable findings, in file order, overlaps dropped."""
    out: dict[str, dict[tuple[int, int], Edit]] = {}
    for f in result.findings:
        if f.fix is None:
            continue
        for c in f.sides[:f.outliers]:
            doc = result.documents[c.doc]
            start, end = doc.raw_offset(c.start), doc.raw_offset(c.end)
            original = doc.raw[start:end]
            text = shaped(f.fix, original)
            if text != original:
                out.setdefault(c.doc, {})[(start, end)] = Edit(start, end, text)
    ordered: dict[str, list[Edit]] = {}
    for path, by_span in out.items():
        kept: list[Edit] = []
        for e in sorted(by_span.values(), key=lambda e: (e.start, e.end)):
            if not kept or e.start >= kept[-1].end:
                kept.append(e)
        ordered[path] = kept
    return ordered


def apply(raw: str, file_edits: list[Edit]) -> str:
    out, pos = [], 0
    for e in file_edits:
        out += [raw[pos:e.start], e.text]
        pos = e.end
    out.append(raw[pos:])
    return "".join(out)


def rewrite(path: str, raw: str, file_edits: list[Edit]) -> tuple[bytes, str, str]:
    """(new bytes of the file, old text, new text); FactlintError when the file cannot be
    written back byte for byte or changed since it was read."""
    from factlint.load import decode, read

    src = read(path)
    decoded = decode(src)
    if decoded.raw != raw:
        raise FactlintError(f"{path}: changed while it was checked, not fixed")
    codec = decoded.encoding
    bom = _BOMS.get(codec, b"")
    codec = codec.removesuffix("-sig")
    if not bom and codec != "utf-8":
        raise FactlintError(f"{path}: not fixed: encoded as {codec} (save it as UTF-8 to use --fix)")
    try:
        same = bom + raw.encode(codec) == src.data
    except (UnicodeEncodeError, LookupError):
        same = False
    if not same:
        raise FactlintError(f"{path}: not fixed: its bytes cannot be kept as they are "
                            "(invalid or converted characters)")
    new = apply(raw, file_edits)
    return bom + new.encode(codec), raw, new


def unified_diff(path: str, old: str, new: str) -> str:
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 fromfile=f"a/{path}", tofile=f"b/{path}")
    out = []
    for line in lines:
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def fix_files(result, write: bool, warn) -> tuple[int, int, str]:
    """Apply (write=True) or only compute the fixes. (mentions fixed, files, unified diff)."""
    count = files = 0
    diffs = []
    for path, file_edits in sorted(edits(result).items()):
        try:
            data, old, new = rewrite(path, result.documents[path].raw, file_edits)
        except FactlintError as exc:
            warn(str(exc))
            continue
        count += len(file_edits)
        files += 1
        diffs.append(unified_diff(path, old, new))
        if write:  # in place: the file keeps its owner and mode
            with open(path, "r+b") as fh:
                fh.write(data)
                fh.truncate()
    return count, files, "".join(diffs)
