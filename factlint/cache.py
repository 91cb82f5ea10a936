"""Cache of per-document extraction results, keyed by content, never by mtime.

An entry is the output of the per-document unit (`pipeline.process`): the claims, the
zones and sentences of the document and the reference date, nothing else. The key is the
SHA-256 of the file bytes; entries live in a pack per *fingerprint*, the hash of the
factlint version, the source of the load/normalize/extract code and the vocabulary in
use, so a new version, an edited extractor or an edited vocabulary file never reads stale
entries.

Layout (in the working folder, or the config root)::

    .factlint_cache/
        CACHEDIR.TAG           # backup tools skip the folder
        .gitignore             # "*": never committed
        <fingerprint>.pack     # all entries of one fingerprint, read once per run

A pack is MAGIC, the SHA-256 of the payload, then the payload: a `marshal` dump (plain
data only: no code runs when it is read) of (write count, {sha256: entry bytes},
{sha256: write count when last used}), each entry itself a marshal dump of plain tuples. A pack is read whole once per run, but an entry is decoded
only when its document is looked up. A pack that is missing, foreign, truncated or damaged
is a miss for every document; it is rewritten at the end of the run.

Entries hold no path: a file copied under another name hits the same entry, and its
claims get the new path when read. The pack is written once per run, only when something
new was computed, atomically (temporary file + os.replace): two runs at once or a run
killed half-way never leave a broken pack (the last writer wins; entries the other run
added to the pack since this one read it are kept), and the temporary file of a killed
run is removed by the next run that uses the cache. An entry that none of the last
KEEP_RUNS writing runs used (an old version of an edited file) is dropped, so a run on a
sub-folder does not evict the rest of the corpus; packs of other fingerprints not written
for STALE_DAYS are removed. A cache folder that is a symbolic link is never used: stale
files are deleted in the cache folder, never in a folder elsewhere. Comparison always runs over the whole corpus: only the
per-document work is cached.

Measured on the vi-news corpus (2,654 files, 14,000 claims, garbage collector paused):
decoding all entries takes 0.154 s from JSON dicts, 0.041 s from pickle, 0.040 s from
marshal of plain tuples with zones and sentences as packed integer arrays. marshal is as
fast as pickle and cannot run code; the checksum keeps damaged files away from it. A warm
run reads the pack (4.5 MB) in about 15 ms and restores all documents in about 50 ms.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import zlib
from array import array
from itertools import chain
from pathlib import Path

from factlint.model import Claim, PartialDate, Reference, payload_from_row, payload_row, when_from_iso
from factlint.normalize.text import Document
from factlint.safety import read_regular

CACHE_DIR = ".factlint_cache"
FORMAT = 4  # bump when the entry layout changes
MAGIC = b"factlint-cache-pack-4\n"
MARSHAL_VERSION = 4
KEEP_RUNS = 30  # an entry no writing run has used for this many writes is dropped
MAX_PACK_BYTES = 2**30  # a larger pack is not read (and is rewritten)
TEMP_PREFIX, TEMP_SUFFIX = ".tmp-", ".part"  # a write in progress (atomic_write)
TEMPORARY_AGE = 60.0  # seconds after which such a file is taken for a killed write's
STALE_DAYS = 14  # other fingerprints' packs (older code or vocabulary) untouched this long go
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by factlint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)

# Code whose output is cached: a change to any of these files changes the fingerprint.
_CODE_PACKAGES = ("normalize", "extract", "lexicon")
_CODE_FILES = ("model.py", "vocab.py", "orthography.py", "encodings.py", "load.py", "pipeline.py",
               "cache.py")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def code_fingerprint() -> str:
    """Hash of the factlint version and of the source of the code that makes entries."""
    import factlint

    root = Path(factlint.__file__).resolve().parent
    h = hashlib.sha256(f"factlint {factlint.__version__} format {FORMAT} "
                       f"python {sys.version_info[:2]}\n".encode())
    files = [root / name for name in _CODE_FILES]
    files += _library_versions()
    for pkg in _CODE_PACKAGES:
        files += sorted((root / pkg).glob("*.py"))
    for f in files:
        try:
            h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
        except OSError:  # a frozen or zipped install: the version alone decides
            continue
    return h.hexdigest()


def _library_versions() -> list[Path]:
    """The files that say the version of the libraries whose output is cached (markdown-it
    lays out Markdown documents), found without importing them (a warm run does not)."""
    from importlib.util import find_spec

    spec = find_spec("markdown_it")
    return [Path(spec.origin)] if spec and spec.origin else []


def fingerprint(vocabulary) -> str:
    """Fingerprint of one run: the code plus the vocabulary (what extraction reads).

    `vocabulary` is the loaded `ruleset.Vocabulary` (or any str/bytes standing for it).
    Rule checks (rules/checks) are not part of it: they only act at the compare stage,
    which always runs over the whole corpus; nor are the vocabulary's message phrases
    (rewording a message must not re-extract the corpus).
    """
    if isinstance(vocabulary, bytes):
        vocab = vocabulary
    elif isinstance(vocabulary, str):
        vocab = vocabulary.encode()
    else:
        vocab = vocabulary.model_dump_json(exclude={"messages"}).encode()
    h = hashlib.sha256(code_fingerprint().encode() + b"\0" + vocab)
    return h.hexdigest()[:24]


def cache_root(base: str | os.PathLike | None = None) -> Path:
    return Path(base if base is not None else os.getcwd()) / CACHE_DIR


def unsafe_root(root: Path) -> str | None:
    """Why the cache folder must not be used, or None. A symbolic link is refused: factlint
    deletes stale files in its cache folder, and must never do so in a folder elsewhere."""
    if root.is_symlink():
        from factlint.load import display_path

        return (f"{display_path(root)}: the cache folder is a symbolic link; cache not used "
                "(remove the link)")
    return None


def remove_temporaries(root: Path, age: float = TEMPORARY_AGE) -> None:
    """Remove the temporary files of writes that were killed half-way (a write that is
    still going on is younger than `age` seconds and is left alone)."""
    import time

    try:
        names = os.listdir(root)
    except OSError:
        return
    limit = time.time() - age
    for name in names:
        if name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX):
            try:
                if os.lstat(root / name).st_mtime < limit:
                    os.unlink(root / name)
            except OSError:
                continue


class Cache:
    """Entries for one fingerprint. `get` returns None on any miss or unreadable entry;
    `put` keeps an entry in memory and `flush` writes the pack (once, at the end)."""

    def __init__(self, root: str | os.PathLike, fingerprint: str):
        self.root = Path(root)
        self.fingerprint = fingerprint
        self.path = self.root / f"{fingerprint}.pack"
        self.hits = 0
        self.misses = 0
        self.writes = 0  # entries added this run
        self.errors = 0
        self._entries: dict[str, bytes] | None = None  # the pack as read
        self._last: dict[str, int] = {}  # key -> write count when an entry was last used
        self._gen = 0  # writes of the pack so far
        self._stat = None  # (mtime_ns, size) of the pack as read
        self._used: set[str] = set()
        self._new: dict[str, bytes] = {}

    # ---- reading ------------------------------------------------------------------------

    def _load(self) -> dict[str, bytes]:
        if self._entries is None:
            pack, self._stat = _read_pack_full(self.path)
            if pack is None:
                self.errors += 1
                pack = (0, {}, {})
            self._gen, self._entries, self._last = pack
        return self._entries

    def get_bytes(self, key: str) -> bytes | None:
        data = self._new.get(key)
        if data is None:
            data = self._load().get(key)
        if data is None:
            self.misses += 1
            return None
        self.hits += 1
        self._used.add(key)
        return data

    def peek(self, key: str) -> bytes | None:
        """An entry or a stored corpus result, not counted as a document hit or miss."""
        data = self._new.get(key)
        if data is None:
            data = self._load().get(key)
        if data is not None:
            self._used.add(key)
        return data

    def get(self, key: str):
        """The decoded entry for a content key, or None (a miss)."""
        data = self.get_bytes(key)
        if data is None:
            return None
        try:
            return load_entry(data)
        except ValueError:
            self.bad(key)
            return None

    def bad(self, key: str) -> None:
        """An entry that could not be used after all: counted as a miss, dropped from the pack."""
        self.hits -= 1
        self.misses += 1
        self.errors += 1
        self._used.discard(key)
        self._new.pop(key, None)
        if self._entries is not None and self._entries.pop(key, None) is not None:
            self._dirty = True

    # ---- writing ------------------------------------------------------------------------

    _dirty = False

    def put(self, key: str, entry) -> bool:
        """Keep an entry (bytes from `make_entry`, or the tuple itself) for `flush`.
        False when it cannot be stored."""
        if not isinstance(entry, (bytes, bytearray)):
            try:
                entry = marshal.dumps(entry, MARSHAL_VERSION)
            except ValueError:
                return False
        self._new[key] = bytes(entry)
        self._used.add(key)
        self.writes += 1
        return True

    def flush(self) -> bool:
        """Write the pack when this run added or dropped entries. False (and no exception)
        when the cache cannot be written."""
        remove_temporaries(self.root)
        if not self._new and not self._dirty:
            return True
        old = self._load()
        last, gen = dict(self._last), self._gen
        try:
            st = os.stat(self.path)
            now = (st.st_mtime_ns, st.st_size)
        except OSError:
            now = None
        if now is not None and now != self._stat:  # another run wrote the pack meanwhile
            theirs, _ = _read_pack_full(self.path)
            if theirs:
                their_gen, their_entries, their_last = theirs
                old = {**their_entries, **old}
                for k, g in their_last.items():
                    last[k] = max(last.get(k, g), g)
                gen = max(gen, their_gen)
        gen += 1
        for k in self._used:
            last[k] = gen
        entries = {k: v for k, v in old.items()
                   if k not in self._new and last.get(k, gen) > gen - KEEP_RUNS}
        entries.update(self._new)
        last = {k: last.get(k, gen) for k in entries}
        try:
            prepare_root(self.root)
            payload = marshal.dumps((gen, entries, last), MARSHAL_VERSION)
            atomic_write(self.path, MAGIC + hashlib.sha256(payload).digest() + payload)
        except OSError:
            self.errors += 1
            return False
        self._entries, self._last, self._gen = entries, last, gen
        self._new, self._dirty = {}, False
        self._drop_stale()
        try:
            st = os.stat(self.path)
            self._stat = (st.st_mtime_ns, st.st_size)
        except OSError:
            self._stat = None
        return True

    def _drop_stale(self) -> None:
        """Remove packs of other fingerprints not written for STALE_DAYS, and the folders of
        the one-file-per-entry layout of factlint 0.1 (<fingerprint>/<ab>/<sha256>.json)."""
        import time

        limit = time.time() - STALE_DAYS * 86400
        try:
            names = os.listdir(self.root)
        except OSError:
            return
        for name in names:
            p = self.root / name
            try:
                if name.endswith(".pack") and name != self.path.name:
                    if os.stat(p).st_mtime < limit:
                        os.unlink(p)
                elif len(name) == 24 and all(c in "0123456789abcdef" for c in name) and p.is_dir():
                    import shutil

                    shutil.rmtree(p)
            except OSError:
                continue


def _read_pack(path: Path) -> tuple[dict[str, bytes] | None, tuple | None]:
    """({key: entry bytes}, (mtime_ns, size)); ({}, None) when there is no pack,
    (None, stat) when the file is not a pack of ours or is damaged."""
    pack, stamp = _read_pack_full(path)
    return (None if pack is None else pack[1]), stamp


def _read_pack_full(path: Path) -> tuple[tuple[int, dict, dict] | None, tuple | None]:
    """((write count, {key: entry bytes}, {key: last used}), (mtime_ns, size)); an empty
    pack and None when there is no file; (None, stat) when it is not ours or is damaged."""
    try:
        data, st = read_regular(path, MAX_PACK_BYTES)
    except FileNotFoundError:
        return (0, {}, {}), None
    except OSError:  # unreadable, not a regular file, too large: a miss, rewritten
        return None, None
    stamp = (st.st_mtime_ns, st.st_size)
    n = len(MAGIC)
    if not data.startswith(MAGIC) or hashlib.sha256(data[n + 32:]).digest() != data[n:n + 32]:
        return None, stamp  # foreign or damaged: never decoded
    try:
        pack = marshal.loads(data[n + 32:])
        gen, entries, last = pack
    except (ValueError, EOFError, TypeError):
        return None, stamp
    if (type(gen) is not int or type(entries) is not dict or type(last) is not dict
            or not all(type(k) is str and type(v) is bytes for k, v in entries.items())
            or not all(type(k) is str and type(v) is int for k, v in last.items())):
        return None, stamp
    return (gen, entries, last), stamp


def prepare_root(root: Path) -> None:
    """Make the cache folder, tagged for backup tools and ignored by git."""
    root.mkdir(parents=True, exist_ok=True)
    for name, text in (("CACHEDIR.TAG", CACHEDIR_TAG), (".gitignore", "*\n")):
        p = root / name
        if not p.exists():
            atomic_write(p, text.encode())


def atomic_write(path: Path, data: bytes) -> None:
    import tempfile  # only when writing: a warm run imports nothing for it

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# ---- entries <-> (Document, claims) ---------------------------------------------------
#
# An entry is marshal.dumps of a tuple:
#   (FORMAT, reference, zone bounds, zone names, sentence bounds, notes, claims)
# reference: (ISO date, source) or None;
# zone bounds, sentence bounds: array("q") bytes of start, end pairs;
# notes: what decoding the file said (load.decode), so a hit needs no decoding;
# claims: marshal.dumps of one tuple per claim, the Claim fields in order without `doc`,
# the date as ISO text and the payload as a tuple of plain values (model.payload_row).
# Claims are a blob of their own so that a run whose findings come from the cache
# (a corpus result, below) never decodes them.

def _claim_row(c) -> tuple:
    return (c.kind, c.subject, c.attribute, c.value, c.text, c.start, c.end, c.zone, c.sentence,
            c.display, c.when.iso() if c.when else None, payload_row(c.data))


def _claim(r, path: str) -> Claim:
    return Claim(r[0], r[1], r[2], r[3], r[4], path, r[5], r[6], r[7], r[8], r[9],
                 when_from_iso(r[10]), payload_from_row(r[0], r[11]))


def make_entry(doc, claims, notes=()) -> bytes | None:
    """What is stored for one document (bytes): claims without their path, zones,
    sentences, the reference date and the decoding notes.

    None when something does not survive a marshal round trip (an object of a class of
    its own in a payload): such a document is simply not cached, so cached runs never differ.
    """
    rows = tuple(_claim_row(c) for c in claims)
    zones = doc.zones
    bounds = array("q", chain.from_iterable((b.start, b.end) for b in zones))
    sentences = array("q", chain.from_iterable(doc.sentences))
    ref = doc.reference
    reference = (ref.date.iso(), ref.source) if ref else None
    if not all(_plain(r) for r in rows):
        return None
    try:
        entry = (FORMAT, reference, bounds.tobytes(), tuple(b.zone for b in zones),
                 sentences.tobytes(), tuple(str(n) for n in notes), marshal.dumps(rows, MARSHAL_VERSION))
        return marshal.dumps(entry, MARSHAL_VERSION)
    except ValueError:
        return None


_SCALARS = (str, int, bool, type(None), bytes)


def _plain(x) -> bool:
    """Whether marshal gives back exactly this value: builtin types only (no subclass, no
    bytearray, which marshal would turn into bytes) and no NaN (not equal to itself)."""
    t = type(x)
    if t in _SCALARS:
        return True
    if t is float:
        return x == x
    if t is tuple or t is list:
        for v in x:  # scalars inline: a claim row is mostly scalars
            tv = type(v)
            if tv in _SCALARS or (tv is float and v == v):
                continue
            if tv is float or not _plain(v):
                return False
        return True
    if t is dict:
        return all(_plain(k) and _plain(v) for k, v in x.items())
    if t is set or t is frozenset:
        return all(_plain(v) for v in x)
    return False


def load_entry(data: bytes) -> tuple:
    """The entry tuple; ValueError when the bytes are not an entry of this format."""
    try:
        entry = marshal.loads(data)
    except (EOFError, TypeError) as exc:
        raise ValueError(f"not an entry: {exc}") from None
    if (not isinstance(entry, tuple) or len(entry) != 7 or entry[0] != FORMAT
            or type(entry[2]) is not bytes or type(entry[4]) is not bytes or type(entry[6]) is not bytes
            or len(entry[2]) != 16 * len(entry[3]) or len(entry[4]) % 16):
        raise ValueError("not an entry")
    return entry


def _unpacker(reference, bounds: bytes, names: tuple, sentences: bytes):
    def unpack():
        from factlint.normalize.structure import Block

        z = array("q")
        z.frombytes(bounds)
        s = array("q")
        s.frombytes(sentences)
        it = iter(s)
        return ([Block(z[2 * i], z[2 * i + 1], name) for i, name in enumerate(names)],
                list(zip(it, it)),
                Reference(PartialDate.parse(reference[0]), reference[1]) if reference else None)
    return unpack


def entry_notes(entry: tuple) -> tuple[str, ...]:
    """The decoding notes kept in an entry (see load.decode)."""
    return entry[5]


def restore_document(entry: tuple, path: str, raw: str | bytes) -> Document:
    """The Document of an entry and the file's decoded text, or its bytes as read (then
    decoded only if the text is ever needed). Lazy: its working text and offset map are
    built on first use (a report needs them only for the documents it cites); zones,
    sentences and the reference date come from the entry on first use, so segmentation
    is not run again."""
    _, reference, bounds, names, sentences, _notes, _claims = entry
    doc = Document(path, raw)
    doc.set_lazy_parts(_unpacker(reference, bounds, names, sentences))
    return doc


def lazy_document(data: bytes, path: str, raw: bytes) -> Document:
    """The Document of an entry not decoded yet: nothing is decoded unless a report asks
    for its zones, sentences or reference date (a run whose findings came from the cache
    touches only the documents it cites)."""
    doc = Document(path, raw)

    def unpack():
        try:
            entry = load_entry(data)
        except ValueError:
            from factlint.errors import FactlintError

            raise FactlintError(f"{path}: its cache entry is damaged; run `factlint clean`") from None
        _, reference, bounds, names, sentences, _notes, _claims = entry
        return _unpacker(reference, bounds, names, sentences)()

    doc.set_lazy_parts(unpack)
    return doc


def entry_claims(entry: tuple, path: str) -> list[Claim]:
    """The claims of an entry, under the path the file has now. ValueError when they do
    not decode (a damaged entry)."""
    try:
        return [_claim(r, path) for r in marshal.loads(entry[6])]
    except (EOFError, TypeError, KeyError, IndexError) as exc:
        raise ValueError(f"not an entry: {exc}") from None


def restore(entry, path: str, raw: str | bytes):
    """(Document, claims) from an entry (tuple or bytes). Raises ValueError for an entry
    that does not fit."""
    if type(entry) is not tuple:
        entry = load_entry(entry)
    return restore_document(entry, path, raw), entry_claims(entry, path)


# ---- corpus results: the findings of a corpus read entirely from the cache -----------------
#
# When every document of a run comes from the cache, its claims are those of a previous
# run, and so are its findings if the rules and the compare code are the same. A result is
# stored under a key of all of that; a warm run then decodes neither the documents' claims
# nor compares them again. marshal.dumps of (RESULT_FORMAT, claim count, findings, notes):
# each finding a tuple of its fields with its sides as claim rows plus their path; notes,
# the decoding notes of every document in corpus order (a warm run then decodes no entry).

RESULT_FORMAT = 1
_COMPARE_CODE = ("compare",)


def result_key(fingerprint: str, memo: str, documents: list[tuple[str, bytes]]) -> str:
    """The key of the findings of these documents ((path, the bytes of its entry), in
    corpus order) under extraction fingerprint `fingerprint` and `memo` (the rules that
    compared them). Keyed by the entries themselves: an entry that changed in any way
    (even damaged) never meets a result computed from another."""
    h = hashlib.sha256(f"result {RESULT_FORMAT} {fingerprint} {memo} {_compare_code()}\0".encode())
    for path, entry in documents:
        h.update(f"{path}\0{zlib.crc32(entry)}\0{len(entry)}\0".encode("utf-8", "surrogateescape"))
    return "result:" + h.hexdigest()


def _compare_code() -> str:
    global _COMPARE_DIGEST
    if _COMPARE_DIGEST is None:
        import factlint

        root = Path(factlint.__file__).resolve().parent
        h = hashlib.sha256()
        files = [root / "model.py", root / "messages.py"]
        for pkg in _COMPARE_CODE:
            files += sorted((root / pkg).glob("*.py"))
        for f in files:
            try:
                h.update(f.name.encode() + b"\0" + f.read_bytes())
            except OSError:
                continue
        _COMPARE_DIGEST = h.hexdigest()[:24]
    return _COMPARE_DIGEST


_COMPARE_DIGEST: str | None = None


def make_result(findings, claim_count: int, notes: list[tuple[str, ...]]) -> bytes | None:
    rows = tuple((f.rule, f.severity, f.message, f.subject, f.expected, tuple(f.values),
                  tuple((c.doc, *_claim_row(c)) for c in f.sides), f.outliers, f.why,
                  tuple(f.support.items())) for f in findings)
    notes = tuple(tuple(str(n) for n in ns) for ns in notes)
    if not _plain(rows):
        return None
    try:
        return marshal.dumps((RESULT_FORMAT, claim_count, rows, notes), MARSHAL_VERSION)
    except ValueError:
        return None


def load_result(data: bytes):
    """(claim count, findings, notes) of a stored result; ValueError when it does not fit."""
    from factlint.model import Finding

    try:
        version, count, rows, notes = marshal.loads(data)
        if version != RESULT_FORMAT or type(count) is not int or type(notes) is not tuple:
            raise ValueError("not a result")
        findings = [Finding(rule=r[0], severity=r[1], message=r[2], subject=r[3], expected=r[4],
                            values=list(r[5]), sides=[_claim(side[1:], side[0]) for side in r[6]],
                            outliers=r[7], why=r[8], support=dict(r[9])) for r in rows]
    except (EOFError, TypeError, KeyError, IndexError, ValueError) as exc:
        raise ValueError(f"not a result: {exc}") from None
    return count, findings, notes


def clean(base: str | os.PathLike | None = None) -> bool:
    """Remove the cache folder. True when there was one. Refuses a folder it did not make."""
    root = cache_root(base)
    if unsafe_root(root):
        from factlint.errors import FactlintError

        raise FactlintError(f"{root}: the cache folder is a symbolic link; not removed")
    if not root.exists():
        return False
    if not (root / "CACHEDIR.TAG").is_file():
        from factlint.errors import FactlintError

        raise FactlintError(f"{root}: not a factlint cache (no CACHEDIR.TAG); not removed")
    import shutil

    shutil.rmtree(root)
    return True
