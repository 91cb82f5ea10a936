"""Text on its way out — file names, messages from rule files, words quoted from articles —
can hold characters that act instead of being read: a newline that starts a GitHub
workflow command (`::error …`), ESC and BEL that drive the terminal, bidirectional
controls that reorder what the reader sees, and the undecodable bytes of a file name
that is not UTF-8. Every renderer and every line on stderr passes its text through here.

    printable(s)      one field of one line: every control character written as an escape
                      (`\\n`, `\\x1b`, `\\u202e`), bytes of a non-UTF-8 name as `\\xe9`
    terminal_safe(s)  a whole text: the same, line breaks kept
    json_safe(s)      serialized JSON: the same characters as \\u escapes (the value is kept)
    folded(s)         words quoted from a file: a line break (and the spaces around it) is
                      one space, as the words read in the paragraph
"""

from __future__ import annotations

import regex

# C0 controls but tab, DEL and C1, the line and paragraph separators, the bidirectional
# marks, embeddings, overrides and isolates, and lone surrogates (undecodable bytes of a
# file name, as os.fsdecode gives them).
_OTHERS = "\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069\\ud800-\\udfff"
_FIELD = regex.compile("[\\x00-\\x08\\x0a-\\x1f" + _OTHERS + "]")
_TEXT = regex.compile("[\\x00-\\x08\\x0b-\\x1f" + _OTHERS + "]")
_JSON = regex.compile("[" + _OTHERS + "]")
_SHORT = {"\n": "\\n", "\r": "\\r"}
_BREAK = regex.compile(r"[ \t]*(?:\r\n?|\n)[ \t]*")


def _escape(m) -> str:
    c = m.group()
    if c in _SHORT:
        return _SHORT[c]
    n = ord(c)
    if 0xDC80 <= n <= 0xDCFF:  # a byte os.fsdecode could not decode
        return f"\\x{n - 0xDC00:02x}"
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}"


def printable(text: str) -> str:
    """One field of one line of output: nothing in it can act on a terminal or a CI log."""
    return _FIELD.sub(_escape, text) if _FIELD.search(text) else text


def terminal_safe(text: str) -> str:
    """A whole text of output: as `printable`, line breaks (LF) kept."""
    return _TEXT.sub(_escape, text) if _TEXT.search(text) else text


def json_safe(serialized: str) -> str:
    """Serialized JSON with the characters that could act written as \\u escapes: JSON
    already escapes C0 controls; the others are legal raw in a string, so this changes
    the bytes, never the values."""
    return _JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", serialized) if _JSON.search(serialized) else serialized


def folded(text: str) -> str:
    """Quoted words with their line breaks folded into spaces."""
    return _BREAK.sub(" ", text) if "\n" in text or "\r" in text else text
