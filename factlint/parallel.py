"""Per-document work over the whole corpus: cache look-ups, then serial or parallel extraction.

The unit of work is the pipeline's `prepare` (normalize) followed by `extract_document`,
exactly what `pipeline.process` does for one file. Documents found in the cache are
rebuilt from their text (offset map only) and their stored claims. The others are worked
on in this process when they are few (process start-up would dominate), else in a pool of
worker processes; results are put back in corpus order, so the output of a parallel run
is byte-identical to a serial one.

Knobs (for tests and benchmarks; the defaults suit normal use):
    FACTLINT_JOBS=N                  worker processes (1: always serial); default: CPUs
    FACTLINT_PARALLEL_MIN_BYTES=N    go parallel only when the files to extract weigh this much
"""

from __future__ import annotations

import os
import sys
import time

PARALLEL_MIN_BYTES = 1_500_000  # below this, forking and shipping results back costs more
CHUNK_BYTES = 200_000  # about 30 articles a task: few round trips, balanced end


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
        from factlint.errors import FactlintError

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


# ---- the unit -------------------------------------------------------------------------

def _unit(path: str, raw: str, ctx, times: list[float]):
    """pipeline.process, timed by stage: normalize into times[0], extract into times[1]."""
    from factlint.extract import extract_document
    from factlint.pipeline import prepare

    t0 = time.perf_counter()
    doc = prepare(path, raw, ctx.lexicon)
    t1 = time.perf_counter()
    claims = extract_document(doc, ctx.extractors)
    times[0] += t1 - t0
    times[1] += time.perf_counter() - t1
    return doc, claims


_WORKER: dict = {}


def _worker_init(ctx) -> None:
    _WORKER["ctx"] = ctx


def _worker_chunk(items: list[tuple[int, str, str, tuple]]):
    """Work on one chunk in a worker. Only what the parent lacks goes back: per document,
    the cache entry bytes (claims, zones, sentences, reference), from which the parent
    rebuilds the Document around the text it already has — or, for the rare document
    whose claims cannot be packed, those four things pickled."""
    from factlint.cache import make_entry

    ctx = _WORKER["ctx"]
    times = [0.0, 0.0]
    out = []
    for index, path, raw, notes in items:
        doc, claims = _unit(path, raw, ctx, times)
        entry = make_entry(doc, claims, notes)
        if entry is not None:
            out.append((index, entry))
        else:
            out.append((index, (claims, doc.zones, doc.sentences, doc.reference)))
    return out, times


def _chunks(todo: list[tuple[int, str, str, str | None]], jobs: int, notes=None):
    """Chunks of about CHUNK_BYTES, at least 4 per worker so the end stays balanced."""
    total = sum(len(t[2]) for t in todo)
    size = max(1, min(CHUNK_BYTES, total // (jobs * 4) or 1))
    chunk: list = []
    weight = 0
    for index, path, raw, _key in todo:
        chunk.append((index, path, raw, notes[index] if notes is not None else ()))
        weight += len(raw)
        if weight >= size:
            yield chunk
            chunk, weight = [], 0
    if chunk:
        yield chunk


# ---- the corpus -------------------------------------------------------------------------

def extract_corpus(items: list[tuple[str, str, str | None]], ctx, *, cache=None,
                   jobs: int | None = None, min_bytes: int | None = None,
                   progress: Progress | None = None,
                   timings: dict[str, float] | None = None, lookup: bool = True,
                   notes: list[tuple[str, ...]] | None = None) -> list[tuple[object, list]]:
    """(Document, claims) for each (path, raw text, content key) in `items`, in order.

    `key` is the SHA-256 of the file bytes (None: do not cache this file). Entries are
    looked up in `cache` (unless `lookup` is false: the caller already did) and new ones
    are put in it, with `notes[i]` (what decoding item i said; the caller flushes the
    cache). `timings` gets `normalize` and `extract` (seconds of work, summed over workers
    when parallel), `cache` (reading entries back) and `workers` (processes used).
    """
    from factlint.cache import make_entry, restore

    results: list = [None] * len(items)
    todo: list[tuple[int, str, str, str | None]] = []
    t0 = time.perf_counter()
    if cache is not None and lookup:
        for i, (path, raw, key) in enumerate(items):
            data = cache.get_bytes(key) if key is not None else None
            if data is not None:
                try:
                    results[i] = restore(data, path, raw)
                except (KeyError, TypeError, ValueError):  # a malformed entry: recompute
                    cache.bad(key)
                    todo.append((i, path, raw, key))
                    continue
                if progress:
                    progress.advance(1, len(raw))
            else:
                todo.append((i, path, raw, key))
    else:
        todo = [(i, path, raw, key) for i, (path, raw, key) in enumerate(items)]
    t_cache = time.perf_counter() - t0

    workers = plan(sum(len(t[2]) for t in todo), len(todo), jobs, min_bytes)
    times = [0.0, 0.0]
    if workers <= 1:
        for index, path, raw, key in todo:
            doc, claims = _unit(path, raw, ctx, times)
            if cache is not None and key is not None:
                entry = make_entry(doc, claims, notes[index] if notes is not None else ())
                if entry is not None:
                    cache.put(key, entry)
            results[index] = (doc, claims)
            if progress:
                progress.advance(1, len(raw))
    else:
        _run_pool(todo, ctx, cache, workers, results, times, progress, notes)
    if progress:
        progress.close()
    if timings is not None:
        timings["cache"] = timings.get("cache", 0.0) + t_cache
        timings["normalize"] = timings.get("normalize", 0.0) + times[0]
        timings["extract"] = timings.get("extract", 0.0) + times[1]
        timings["workers"] = workers
    return results


def _run_pool(todo, ctx, cache, workers, results, times, progress, notes) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from factlint.cache import restore
    from factlint.normalize.text import Document

    by_index = {index: (path, raw, key) for index, path, raw, key in todo}
    # fork: workers inherit the compiled rules instead of rebuilding them (spawn elsewhere)
    ctx.extractors  # noqa: B018 — build them once, before the fork
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    mp = multiprocessing.get_context(method)
    with ProcessPoolExecutor(max_workers=workers, mp_context=mp,
                             initializer=_worker_init, initargs=(ctx,)) as pool:
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
                    if cache is not None and key is not None:
                        cache.put(key, got)
                else:
                    claims, zones, sentences, reference = got
                    results[index] = (Document(path, raw, zones=zones, sentences=sentences,
                                               reference=reference), claims)
                done += len(raw)
            if progress:
                progress.advance(len(out), done)
