"""Cache of per-document extraction results, keyed by content, never by mtime.

An entry is the output of the per-document unit (`pipeline.process`): the claims, the
zones and sentences of the document and nothing else. The key is the SHA-256 of the file
bytes; entries live under a *fingerprint* folder, the hash of the factlint version, the
source of the normalize/extract code and the vocabulary in use, so a new version, an
edited extractor or an edited vocabulary file never reads stale entries.

Layout (in the working folder, or the config root)::

    .factlint_cache/
        CACHEDIR.TAG           # backup tools skip the folder
        .gitignore             # "*": never committed
        <fingerprint>/<ab>/<sha256>.json

Entries hold no path: a file copied under another name hits the same entry, and its
claims get the new path when read. Writes are atomic (temporary file + os.replace), so
two runs at once or a run killed half-way never leave a broken entry; an entry that
cannot be read is treated as a miss. Comparison always runs over the whole corpus: only
the per-document work is cached.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

CACHE_DIR = ".factlint_cache"
FORMAT = 1  # bump when the entry layout changes
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by factlint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)

# Code whose output is cached: a change to any of these files changes the fingerprint.
_CODE_PACKAGES = ("normalize", "extract")
_CODE_FILES = ("claims.py", "lexicon.py", "pipeline.py", "cache.py")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def code_fingerprint() -> str:
    """Hash of the factlint version and of the source of the code that makes entries."""
    import factlint

    root = Path(factlint.__file__).resolve().parent
    h = hashlib.sha256(f"factlint {factlint.__version__} format {FORMAT}\n".encode())
    files = [root / name for name in _CODE_FILES]
    for pkg in _CODE_PACKAGES:
        files += sorted((root / pkg).glob("*.py"))
    for f in files:
        try:
            h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
        except OSError:  # a frozen or zipped install: the version alone decides
            continue
    return h.hexdigest()


def fingerprint(vocabulary) -> str:
    """Fingerprint of one run: the code plus the vocabulary (what extraction reads).

    `vocabulary` is the loaded `ruleset.Vocabulary` (or any str/bytes standing for it).
    Rule checks (rules/checks) are not part of it: they only act at the compare stage,
    which always runs over the whole corpus.
    """
    if isinstance(vocabulary, bytes):
        vocab = vocabulary
    elif isinstance(vocabulary, str):
        vocab = vocabulary.encode()
    else:
        vocab = vocabulary.model_dump_json().encode()
    h = hashlib.sha256(code_fingerprint().encode() + b"\0" + vocab)
    return h.hexdigest()[:24]


def cache_root(base: str | os.PathLike | None = None) -> Path:
    return Path(base if base is not None else os.getcwd()) / CACHE_DIR


class Cache:
    """Entries for one fingerprint. `get` returns None on any miss or unreadable entry."""

    def __init__(self, root: str | os.PathLike, fingerprint: str):
        self.root = Path(root)
        self.fingerprint = fingerprint
        self.folder = self.root / fingerprint
        self.hits = 0
        self.misses = 0
        self.writes = 0
        self.errors = 0
        self._ready = False

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict | None:
        try:
            with open(self._path(key), "rb") as fh:
                entry = json.loads(fh.read())
            if not isinstance(entry, dict) or entry.get("format") != FORMAT:
                raise ValueError("not an entry")
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError):  # broken or foreign file: recompute (and overwrite)
            self.misses += 1
            self.errors += 1
            return None
        self.hits += 1
        return entry

    def _prepare(self) -> None:
        if self._ready:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        for name, text in (("CACHEDIR.TAG", CACHEDIR_TAG), (".gitignore", "*\n")):
            p = self.root / name
            if not p.exists():
                _atomic_write(p, text.encode())
        self._ready = True

    def put(self, key: str, entry: dict) -> bool:
        """Store an entry; False (and no exception) when the cache cannot be written."""
        try:
            self._prepare()
            data = json.dumps({"format": FORMAT, **entry}, ensure_ascii=False,
                              separators=(",", ":")).encode()
            path = self._path(key)
            path.parent.mkdir(parents=True, exist_ok=True)
            _atomic_write(path, data)
        except OSError:
            self.errors += 1
            return False
        self.writes += 1
        return True


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
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

def make_entry(doc, claims) -> dict | None:
    """What is stored for one document: claims without their path, zones, sentences and
    the reference date the date extractor found.

    None when a claim does not survive a JSON round trip unchanged (a tuple or a set in
    `data`): such a document is simply not cached, so cached runs never differ.
    """
    out = []
    for c in claims:
        d = c.to_dict()
        d.pop("doc", None)
        if d["data"]:
            try:
                if json.loads(json.dumps(d["data"], ensure_ascii=False)) != d["data"]:
                    return None
            except (TypeError, ValueError):
                return None
        out.append(d)
    reference = getattr(doc, "reference", None)  # a dict set by the date extractor
    if reference is not None:
        try:
            if json.loads(json.dumps(reference, ensure_ascii=False)) != reference:
                return None
        except (TypeError, ValueError):
            return None
    return {
        "reference": reference,
        "claims": out,
        "zones": [[b.start, b.end, b.zone] for b in doc.zones],
        "sentences": [list(s) for s in doc.sentences],
    }


def restore(entry: dict, path: str, raw: str):
    """Rebuild (Document, claims) from an entry and the file's decoded text.

    The Document is rebuilt from the text (cheap: the offset map only); zones and
    sentences come from the entry, so segmentation is not run again.
    """
    from factlint.claims import Claim
    from factlint.normalize.structure import Block
    from factlint.normalize.text import make_document

    doc = make_document(path, raw)
    doc.zones = [Block(s, e, z) for s, e, z in entry["zones"]]
    doc.sentences = [(s, e) for s, e in entry["sentences"]]
    doc.reference = entry.get("reference")
    claims = [Claim.from_dict({**d, "doc": path}) for d in entry["claims"]]
    return doc, claims


def clean(base: str | os.PathLike | None = None) -> bool:
    """Remove the cache folder. True when there was one. Refuses a folder it did not make."""
    root = cache_root(base)
    if not root.exists():
        return False
    if not (root / "CACHEDIR.TAG").is_file():
        from factlint.errors import FactlintError

        raise FactlintError(f"{root}: not a factlint cache (no CACHEDIR.TAG); not removed")
    shutil.rmtree(root)
    return True
