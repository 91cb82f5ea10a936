"""How the per-document work is carried out over a corpus: content-hash cache look-ups,
then serial or parallel extraction, with the garbage collector paused where it only costs.
The stages never see any of this: the pipeline hands the executor its per-document unit
(normalize → reference → extract) and gets back, in corpus order, the documents and their
claims — byte-identical whether they came from the cache, this process or workers.

Documents found in the cache are not even decoded (a Document decodes its bytes when a
report needs its text). The others are worked on in this process when they are few
(process start-up would dominate), else in a pool of forked worker processes.

Knobs (for tests and benchmarks; the defaults suit normal use):
    FACTLINT_JOBS=N                  worker processes (1: always serial); default: CPUs
    FACTLINT_PARALLEL_MIN_BYTES=N    go parallel only when the files to extract weigh this much
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Sequence
from typing import Callable

from factlint.errors import FactlintError

GC_WORK_CHARS = 1_000_000  # extraction of more text than this runs with the cyclic GC on
PARALLEL_MIN_BYTES = 1_500_000  # below this, forking and shipping results back costs more
CHUNK_BYTES = 200_000  # about 30 articles a task: few round trips
MIN_CHUNK_BYTES = 20_000  # the last tasks: a few articles each, so no worker waits long for another


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _env_int(name: str) -> int | None:
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise FactlintError(f"{name}={value!r}: expected a whole number") from None


def plan(miss_bytes: int, miss_count: int, jobs: int | None = None,
         min_bytes: int | None = None) -> int:
    """How many processes to use for the documents not in the cache (1 = this process)."""
    if jobs is None:
        jobs = _env_int("FACTLINT_JOBS")
    if jobs is None or jobs <= 0:
        jobs = available_cpus()
    if min_bytes is None:
        min_bytes = _env_int("FACTLINT_PARALLEL_MIN_BYTES")
    if min_bytes is None:
        min_bytes = PARALLEL_MIN_BYTES
    if jobs <= 1 or miss_count < 2 or miss_bytes < min_bytes:
        return 1
    return min(jobs, miss_count)


# ---- progress -----------------------------------------------------------------------

class Progress:
    """`files done/total, MB/s` on one stderr line, only on a terminal and only once the
    run has lasted `delay` seconds; never in CI or when stderr is piped."""

    def __init__(self, total_files: int, total_bytes: int, stream=None, enabled: bool | None = None,
                 delay: float = 0.75):
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            enabled = _is_tty(self.stream) and not os.environ.get("CI")
        self.enabled = enabled
        self.total_files = total_files
        self.total_bytes = total_bytes
        self.files = 0
        self.bytes = 0
        self.start = time.perf_counter()
        self.delay = delay
        self._last = 0.0
        self._shown = False

    def advance(self, files: int, nbytes: int) -> None:
        self.files += files
        self.bytes += nbytes
        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self.start < self.delay or now - self._last < 0.1:
            return
        self._last = now
        rate = self.bytes / 1e6 / max(now - self.start, 1e-9)
        self.stream.write(f"\rfactlint: {self.files}/{self.total_files} files, {rate:.1f} MB/s ")
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        if self._shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._shown = False


def _is_tty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# ---- workers ----------------------------------------------------------------------------

_WORKER: dict = {}


def _worker_init(stages, parent: int | None = None, collect: bool = False) -> None:
    if parent is not None:
        _exit_with_parent(parent)
    _WORKER["stages"] = stages
    if collect:
        # What the worker inherited (rules, lexicon) lives as long as it does: frozen, it is
        # not rescanned by every collection of the extraction's garbage.
        gc.freeze()
        gc.enable()


def _exit_with_parent(parent: int) -> None:
    """A worker ends when the process that started it ends (killed, SIGTERM): it must not
    live on holding the run's output pipes open. Linux tells the worker at once
    (PR_SET_PDEATHSIG); elsewhere a thread watches the parent."""
    import signal

    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        told = libc.prctl(1, signal.SIGTERM, 0, 0, 0) == 0  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        told = False
    if not told:
        import threading

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:  # the parent ended before the signal was asked for
        os._exit(1)


def _worker_chunk(items: list[tuple[int, str, str, tuple]]):
    """Work on one chunk in a worker. Only what the parent lacks goes back: per document,
    the cache entry bytes (claims, zones, sentences, reference), from which the parent
    rebuilds the Document around the text it already has — or, for the rare document
    whose claims cannot be packed, those four things pickled."""
    from factlint.cache import make_entry

    stages = _WORKER["stages"]
    times = [0.0, 0.0]
    out = []
    for index, path, raw, notes in items:
        doc, claims = _timed(stages, path, raw, times)
        entry = make_entry(doc, claims, notes)
        if entry is not None:
            out.append((index, entry))
        else:
            out.append((index, (claims, doc.zones, doc.sentences, doc.reference)))
    return out, times


def _timed(stages, path: str, raw: str, times: list[float]):
    """The per-document stages, their seconds added to times[0] (normalize, including the
    reference date) and times[1] (extract)."""
    t0 = time.perf_counter()
    doc = stages.normalize(path, raw)
    t1 = time.perf_counter()
    claims = stages.extract(doc)
    times[0] += t1 - t0
    times[1] += time.perf_counter() - t1
    return doc, claims


def _chunks(todo: list[tuple[int, str, str, str | None]], jobs: int, notes):
    """Chunks of at most CHUNK_BYTES, shrinking to a share of what is left (down to
    MIN_CHUNK_BYTES): few round trips while there is much to do, and workers that finish
    within a few articles of each other at the end."""
    left = sum(len(t[2]) for t in todo)
    floor = min(MIN_CHUNK_BYTES, left // (jobs * 4))  # a small corpus still goes to every worker
    chunk: list = []
    weight = 0
    size = _chunk_size(left, jobs, floor)
    for index, path, raw, _key in todo:
        chunk.append((index, path, raw, notes[index]))
        weight += len(raw)
        if weight >= size:
            yield chunk
            left -= weight
            chunk, weight = [], 0
            size = _chunk_size(left, jobs, floor)
    if chunk:
        yield chunk


def _chunk_size(left: int, jobs: int, floor: int) -> int:
    return max(1, floor, min(CHUNK_BYTES, left // (jobs * 4)))


# ---- the executor ------------------------------------------------------------------------

class Executor:
    """Runs a per-document unit over files. `cache`: a cache.Cache or None; `jobs`: worker
    processes (None: FACTLINT_JOBS or the CPUs); `warn(message)` gets one line per file
    that cannot be read or was decoded with a doubt; `timings` gets the seconds of each
    part (load, cache, normalize, extract, extract-wall) and the number of workers."""

    def __init__(self, cache=None, jobs: int | None = None, min_bytes: int | None = None,
                 warn: Callable[[str], None] | None = None, progress: bool | None = None):
        self.cache = cache
        self.jobs = jobs
        self.min_bytes = min_bytes
        self.warn = warn or (lambda message: None)
        self.progress_enabled = progress
        self.timings: dict[str, float] = {}
        self._memo: str | None = None  # what the findings depend on besides the documents
        self._keys: list[tuple[str, str]] = []  # (path, content digest) of every document
        self._result: tuple | None = None  # (claim count, findings, notes) read back from the cache
        self._notes: list[tuple[str, ...]] = []  # decoding notes of every document, in order

    def __enter__(self) -> "Executor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Write what the run added to the cache (once, at the end)."""
        if self.cache is not None:
            self.cache.flush()
            self.timings["cache-hits"] = self.cache.hits

    def run(self, files: list[str], stages, memo: str | None = None):
        """(documents by path, claims) for every readable file, in the order of `files`.

        `stages` is the per-document work: `normalize(path, raw) -> Document`,
        `extract(doc) -> claims` (pipeline.DocumentStages); `prepare()` builds what they
        share, before workers fork. `memo` names what else the findings depend on (the
        rules): when every document comes from the cache and a result was stored for them
        under `memo`, the claims are not even decoded and `call("compare", …)` gives the
        stored findings back."""
        from factlint import cache as cache_mod
        from factlint.load import decode, read

        t0 = time.perf_counter()
        # Per file, in corpus order: (entry bytes, file as read, content digest) when the
        # cache has it, else the index of the file in `todo`, the decoded files to extract.
        slots: list = []
        todo: list[tuple[str, str, str]] = []
        todo_notes: list[tuple[str, ...]] = []
        keys: list[tuple[str, str]] = []  # (path, content digest) of every document
        # What to say, in corpus order: a line, or the slot whose decoding notes go there
        # (known once the entry or the stored result is read).
        said: list = []
        t_cache = 0.0
        total_bytes = 0
        cache = self.cache
        for f in files:
            try:
                src = read(f)
            except FactlintError as exc:  # one bad file never stops the corpus
                said.append(str(exc))
                continue
            key = cache_mod.digest(src.data)
            total_bytes += len(src.data)
            if cache is not None:
                t1 = time.perf_counter()
                data = cache.get_bytes(key)
                t_cache += time.perf_counter() - t1
                if data is not None:
                    said.append(len(slots))
                    slots.append((data, src, key))
                    keys.append((src.path, key))
                    continue
            try:
                dec = decode(src)
            except FactlintError as exc:
                said.append(str(exc))
                continue
            said.extend(f"{dec.path}: {note}" for note in dec.notes)
            slots.append(len(todo))
            todo.append((dec.path, dec.raw, key))
            todo_notes.append(tuple(dec.notes))
            keys.append((dec.path, key))
        src = dec = None  # noqa: F841 — the last file's bytes (up to 64 MB) are not needed any more
        self.timings["load"] = time.perf_counter() - t0 - t_cache

        t1 = time.perf_counter()
        self._memo, self._keys = memo, keys
        if cache is not None and memo is not None and not todo:
            key = cache_mod.result_key(cache.fingerprint, memo,
                                       [(src.path, data) for data, src, _ in slots])
            if self._stored_result(cache, key) and len(self._result[2]) == len(slots):
                count, _, notes = self._result
                self._say(said, lambda slot: notes[slot], slots)
                documents = {doc.path: doc for doc in self._documents(slots)}
                self.timings["cache"] = t_cache + time.perf_counter() - t1
                self.timings["extract-wall"] = self.timings["cache"]
                return documents, _StoredClaims(slots, count)
        # Reading cache entries back makes many small objects and no reference cycles: the
        # cyclic garbage collector, which would scan them over and over, is paused meanwhile.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            pairs, notes = self._restore_all(slots, todo, todo_notes)
        finally:
            if gc_was_enabled:
                gc.enable()
        self._say(said, lambda slot: notes[slot], slots)
        self._notes = [notes[i] if i in notes else todo_notes[slot] for i, slot in enumerate(pairs)
                       if slot is not None]
        self.timings["cache"] = t_cache + time.perf_counter() - t1

        t0 = time.perf_counter()
        progress = Progress(len(slots), total_bytes, enabled=self.progress_enabled)
        progress.advance(len(slots) - len(todo), 0)
        done = self.extract(todo, stages, todo_notes, progress)
        self.timings["extract-wall"] = time.perf_counter() - t0 + self.timings["cache"]
        pairs = [done[slot] if isinstance(slot, int) else slot for slot in pairs if slot is not None]
        return {doc.path: doc for doc, _ in pairs}, [c for _, claims in pairs for c in claims]

    def _say(self, said: list, notes_of, slots) -> None:
        for item in said:
            if isinstance(item, str):
                self.warn(item)
            else:
                path = slots[item][1].path
                for note in notes_of(item):
                    self.warn(f"{path}: {note}")

    def _stored_result(self, cache, key: str) -> bool:
        from factlint.cache import load_result

        data = cache.peek(key)
        if data is None:
            return False
        try:
            self._result = load_result(data)
        except ValueError:
            self._result = None
            return False
        return True

    def _remember(self, findings, claim_count: int) -> None:
        """Store the findings of this corpus, keyed by the entries of all its documents
        (none stored when a document could not be cached)."""
        from factlint.cache import make_result, result_key

        entries = []
        for path, digest in self._keys:
            data = self.cache.peek(digest)
            if data is None:
                return
            entries.append((path, data))
        data = make_result(findings, claim_count, self._notes)
        if data is not None:
            self.cache.put(result_key(self.cache.fingerprint, self._memo, entries), data)

    @staticmethod
    def _documents(slots):
        """Documents of cache hits whose entries are decoded only if a report needs them."""
        from factlint.cache import lazy_document

        return [lazy_document(data, src.path, src.data) for data, src, _ in slots]

    def _restore_all(self, slots, todo, todo_notes) -> tuple[list, dict]:
        """Every cache hit as (Document, claims), and its decoding notes by slot; an entry
        that does not decode is dropped from the cache and its file extracted again (added
        to `todo`)."""
        from factlint import cache as cache_mod
        from factlint.load import decode

        out, notes = [], {}  # one item per slot (None: a file that turned out unreadable)
        for i, slot in enumerate(slots):
            if isinstance(slot, int):
                out.append(slot)
                continue
            data, src, key = slot
            try:
                entry = cache_mod.load_entry(data)
                out.append(cache_mod.restore(entry, src.path, src.data))
                notes[i] = cache_mod.entry_notes(entry)
            except ValueError:
                self.cache.bad(key)
                try:
                    dec = decode(src)
                except FactlintError as exc:
                    notes[i] = ()
                    out.append(None)
                    self.warn(str(exc))
                    continue
                notes[i] = tuple(dec.notes)
                out.append(len(todo))
                todo.append((dec.path, dec.raw, key))
                todo_notes.append(tuple(dec.notes))
        return out, notes

    def call(self, name: str, stage, *args, remember: bool = False):
        """A corpus-wide stage (compare, render), timed as `name`. It makes many small
        objects and no reference cycles, so the cyclic garbage collector is paused. With
        `remember`, its result (findings) is stored for the corpus, or given back when it
        was (see `run`)."""
        t0 = time.perf_counter()
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            if remember and self._result is not None:
                return self._result[1]
            out = stage(*args)
            if remember and self.cache is not None and self._memo is not None:
                self._remember(out, len(args[0]))
            return out
        finally:
            if was_enabled:
                gc.enable()
            self.timings[name] = time.perf_counter() - t0

    def extract(self, items: list[tuple[str, str, str | None]], stages, notes=None,
                progress: Progress | None = None) -> list[tuple[object, list]]:
        """(Document, claims) for each decoded (path, raw text, content key), in order; new
        results go into the cache (with `notes[i]`, what decoding item i said)."""
        from factlint.cache import make_entry

        notes = notes if notes is not None else [()] * len(items)
        results: list = [None] * len(items)
        todo = [(i, path, raw, key) for i, (path, raw, key) in enumerate(items)]
        chars = sum(len(t[2]) for t in todo)
        workers = plan(chars, len(todo), self.jobs, self.min_bytes)
        # Much extraction makes garbage cycles worth collecting, wherever it runs; the
        # process that only gathers workers' results makes none and keeps the collector off.
        collect = gc.isenabled() or chars > GC_WORK_CHARS
        times = [0.0, 0.0]
        if workers <= 1:
            gc_was_enabled = gc.isenabled()
            if collect:
                gc.enable()
            try:
                for index, path, raw, key in todo:
                    doc, claims = _timed(stages, path, raw, times)
                    if self.cache is not None and key is not None:
                        entry = make_entry(doc, claims, notes[index])
                        if entry is not None:
                            self.cache.put(key, entry)
                    results[index] = (doc, claims)
                    if progress:
                        progress.advance(1, len(raw))
            finally:
                if not gc_was_enabled:
                    gc.disable()
        else:
            self._run_pool(todo, stages, workers, results, times, progress, notes, collect)
        if progress:
            progress.close()
        self.timings["normalize"] = self.timings.get("normalize", 0.0) + times[0]
        self.timings["extract"] = self.timings.get("extract", 0.0) + times[1]
        self.timings["workers"] = workers
        return results

    def _run_pool(self, todo, stages, workers, results, times, progress, notes, collect) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        from factlint.cache import restore
        from factlint.normalize.text import Document

        by_index = {index: (path, raw, key) for index, path, raw, key in todo}
        # fork: workers inherit the compiled rules instead of rebuilding them (spawn elsewhere)
        stages.prepare()
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        mp = multiprocessing.get_context(method)
        with ProcessPoolExecutor(max_workers=workers, mp_context=mp,
                                 initializer=_worker_init, initargs=(stages, os.getpid(), collect)) as pool:
            futures = [pool.submit(_worker_chunk, chunk) for chunk in _chunks(todo, workers, notes)]
            for fut in as_completed(futures):
                out, t = fut.result()
                times[0] += t[0]
                times[1] += t[1]
                done = 0
                for index, got in out:
                    path, raw, key = by_index[index]
                    if isinstance(got, bytes):
                        results[index] = restore(got, path, raw)
                        if self.cache is not None and key is not None:
                            self.cache.put(key, got)
                    else:
                        claims, zones, sentences, reference = got
                        results[index] = (Document(path, raw, zones=zones, sentences=sentences,
                                                   reference=reference), claims)
                    done += len(raw)
                if progress:
                    progress.advance(len(out), done)


class _StoredClaims(Sequence):
    """The claims of a corpus whose findings came from the cache: counted, and decoded
    from the cache entries only if something iterates them (the Markdown report does)."""

    def __init__(self, slots, count: int):
        self._slots = slots
        self._count = count
        self._claims: list | None = None

    def _all(self) -> list:
        if self._claims is None:
            from factlint.cache import entry_claims, load_entry

            try:
                self._claims = [c for data, src, _ in self._slots
                                for c in entry_claims(load_entry(data), src.path)]
            except ValueError:
                raise FactlintError("the cache is damaged (a stored claim does not decode); "
                                    "run `factlint clean` and try again") from None
        return self._claims

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, i):
        return self._all()[i]

    def __iter__(self):
        return iter(self._all())
