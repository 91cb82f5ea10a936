"""Parallel extraction gives exactly the serial result; the serial/parallel choice; progress
only on a terminal; `--timings` and the fast `--version`. No timing assertions."""

import io
import os
import shutil
import subprocess
import sys

import pytest

from conftest import REPO, SEEDS, run_paths


def _items(folder):
    from factlint.cache import digest
    from factlint.load import decode, discover, read

    out = []
    for f in discover([str(folder)]):
        src = read(f)
        dec = decode(src)
        if dec is not None:
            out.append((dec.path, dec.raw, digest(src.data)))
    return out


@pytest.fixture
def corpus(tmp_path):
    """The seeds, several times over under other names, plus a CRLF and an NFD copy."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(3):
        for p in sorted(SEEDS.glob("*.txt")):
            shutil.copy(p, folder / f"{i}_{p.name}")
    first = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
    (folder / "crlf.txt").write_bytes(first.replace("\n", "\r\n").encode("utf-8"))
    import unicodedata
    (folder / "nfd.txt").write_text(unicodedata.normalize("NFD", first), encoding="utf-8")
    return folder


def _flat(pairs):
    return [(d.path, d.text, d.zones, d.sentences, d.reference, cs) for d, cs in pairs]


def extract_corpus(items, rules, cache=None, **kw):
    """The executor's extraction of decoded (path, raw, key) items, with its timings."""
    from factlint.executor import Executor
    from factlint.pipeline import DocumentStages

    executor = Executor(cache=cache, **kw)
    results = executor.extract(items, DocumentStages(rules))
    extract_corpus.timings = executor.timings
    return results


def _run_files(folder, rules, **kw):
    """The executor's whole run over the files of a folder: read, look up, extract."""
    from factlint.executor import Executor
    from factlint.load import discover
    from factlint.pipeline import DocumentStages

    with Executor(**kw) as executor:
        documents, claims = executor.run(discover([str(folder)]), DocumentStages(rules))
    return [(doc, [c for c in claims if c.doc == doc.path]) for doc in documents.values()]


def test_parallel_equals_serial(corpus, rules):
    items = _items(corpus)
    serial = extract_corpus(items, rules, jobs=1)
    serial_t = extract_corpus.timings
    parallel = extract_corpus(items, rules, jobs=2, min_bytes=0)
    parallel_t = extract_corpus.timings
    assert serial_t["workers"] == 1 and parallel_t["workers"] == 2
    assert _flat(parallel) == _flat(serial)
    assert sum(len(cs) for _, cs in serial) > 0


def test_parallel_with_cache_equals_serial(corpus, rules, tmp_path):
    from factlint.cache import Cache, _read_pack

    items = _items(corpus)
    cache = Cache(tmp_path / "c", "fp")
    serial = extract_corpus(items, rules, jobs=1)
    cold = extract_corpus(items, rules, cache=cache, jobs=2, min_bytes=0)
    # the workers send the entries back; the parent keeps them and writes one pack; copies
    # under other names share one entry, so there are fewer entries than documents
    assert cache.writes == len(items)
    assert not cache.path.exists(), "nothing is written before flush"
    assert cache.flush()
    entries, _ = _read_pack(cache.path)
    assert len(entries) == len({k for _, _, k in items})
    warm_cache = Cache(tmp_path / "c", "fp")
    warm = _run_files(corpus, rules, cache=warm_cache, jobs=2, min_bytes=0)
    assert warm_cache.hits == len(items)
    assert _flat(cold) == _flat(serial) == _flat(warm)
    for (a, _), (b, _) in zip(serial, cold):  # the parent's lazily built Documents map alike
        ends = [len(a.text)] + [s for s, _ in a.sentences] + [e for _, e in a.sentences]
        assert [a.line_col(p) for p in ends] == [b.line_col(p) for p in ends]


def test_chunks_shrink_towards_the_end():
    """Large chunks first (few round trips), small ones last: no worker is left alone with a
    big chunk while the others wait. Every document goes out once, in order."""
    from factlint.executor import CHUNK_BYTES, MIN_CHUNK_BYTES, _chunks

    todo = [(i, f"d{i}.txt", "x" * 5_000, None) for i in range(2_000)]  # 10 MB
    chunks = list(_chunks(todo, 2, [()] * len(todo)))
    assert [item[0] for chunk in chunks for item in chunk] == list(range(len(todo)))
    weights = [sum(len(item[2]) for item in chunk) for chunk in chunks]
    assert weights[0] >= CHUNK_BYTES and weights[-2] <= MIN_CHUNK_BYTES + 5_000
    assert all(a >= b - 5_000 for a, b in zip(weights, weights[1:]))
    few = list(_chunks(todo[:8], 2, [()] * 8))  # a small corpus still reaches every worker
    assert len(few) >= 2


def test_workers_send_back_no_documents(corpus, rules):
    """A worker returns entry bytes, not the raw and working text of each document."""
    import pickle

    from factlint.executor import _worker_chunk, _worker_init
    from factlint.pipeline import DocumentStages

    items = _items(corpus)
    _worker_init(DocumentStages(rules))
    out, _ = _worker_chunk([(i, p, raw, ()) for i, (p, raw, _) in enumerate(items)])
    assert [i for i, _ in out] == list(range(len(items)))
    assert all(isinstance(got, bytes) for _, got in out)
    whole = len(pickle.dumps(extract_corpus(items, rules, jobs=1)))  # what was sent before
    assert len(pickle.dumps(out)) < 0.6 * whole


def test_plan_thresholds(monkeypatch):
    from factlint.errors import FactlintError
    from factlint.executor import PARALLEL_MIN_BYTES, plan

    monkeypatch.delenv("FACTLINT_JOBS", raising=False)
    monkeypatch.delenv("FACTLINT_PARALLEL_MIN_BYTES", raising=False)
    assert plan(PARALLEL_MIN_BYTES - 1, 100, jobs=4) == 1  # small corpus: serial
    assert plan(PARALLEL_MIN_BYTES, 100, jobs=4) == 4
    assert plan(10**9, 3, jobs=8) == 3  # never more workers than files
    assert plan(10**9, 1, jobs=8) == 1
    assert plan(10**9, 100, jobs=1) == 1
    monkeypatch.setenv("FACTLINT_PARALLEL_MIN_BYTES", "0")
    monkeypatch.setenv("FACTLINT_JOBS", "2")
    assert plan(10, 5) == 2
    monkeypatch.setenv("FACTLINT_JOBS", "many")
    with pytest.raises(FactlintError, match="FACTLINT_JOBS"):
        plan(10, 5)


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_progress_only_on_a_terminal(monkeypatch):
    from factlint.executor import Progress

    monkeypatch.delenv("CI", raising=False)
    piped = io.StringIO()
    p = Progress(10, 10_000_000, stream=piped, delay=0)
    p.advance(5, 5_000_000)
    p.close()
    assert piped.getvalue() == ""

    tty = _Tty()
    p = Progress(10, 10_000_000, stream=tty, delay=0)
    p.advance(5, 5_000_000)
    assert "5/10 files" in tty.getvalue() and "MB/s" in tty.getvalue()
    p.close()
    assert tty.getvalue().endswith("\r\033[K")

    monkeypatch.setenv("CI", "true")
    tty = _Tty()
    p = Progress(10, 10_000_000, stream=tty, delay=0)
    p.advance(5, 5_000_000)
    assert tty.getvalue() == ""


def _cli(*args, cwd, env_extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTLINT")}
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "factlint", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, env=env, timeout=300)


@pytest.mark.parametrize("fmt", ["concise", "json"])
def test_cli_parallel_output_is_byte_identical(tmp_path, fmt):
    work = tmp_path / "w"
    shutil.copytree(SEEDS, work / "seeds")
    serial = _cli("seeds", "--no-cache", "--format", fmt, "--jobs", "1", cwd=work)
    parallel = _cli("seeds", "--no-cache", "--format", fmt, "--jobs", "2", cwd=work,
                    env_extra={"FACTLINT_PARALLEL_MIN_BYTES": "0"})
    assert serial.returncode == parallel.returncode
    assert serial.stdout and serial.stdout == parallel.stdout


def test_cli_timings_on_stderr_only(tmp_path):
    work = tmp_path / "w"
    shutil.copytree(SEEDS, work / "seeds")
    plain = _cli("seeds", "--no-cache", cwd=work)
    timed = _cli("seeds", "--no-cache", "--timings", cwd=work)
    assert timed.stdout == plain.stdout
    line = [ln for ln in timed.stderr.splitlines() if ln.startswith("factlint: timings:")]
    assert len(line) == 1
    for stage in ("load", "normalize", "extract", "compare", "report"):
        assert f"{stage} " in line[0]
    assert "timings" not in plain.stderr


def test_version_fast_path(tmp_path):
    from factlint import __version__

    r = _cli("--version", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.strip() == f"factlint {__version__}"


def test_main_leaves_the_garbage_collector_as_it_found_it(tmp_path, monkeypatch):
    """main() pauses the cyclic GC for start-up and cached work; in-process callers get it
    back as it was, also after an error."""
    import gc

    from factlint.cli import main

    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    assert gc.isenabled()
    assert main(["seeds", "--no-cache", "--isolated"]) == 1
    assert gc.isenabled()
    assert main(["no-such-folder", "--isolated"]) == 2
    assert gc.isenabled()
    gc.disable()
    try:
        main(["seeds", "--isolated"])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_large_extraction_runs_with_the_collector_on(corpus, rules, monkeypatch):
    import gc

    from factlint import executor
    from factlint.pipeline import DocumentStages

    seen = []
    real = DocumentStages.extract

    def spy(self, doc):
        seen.append(gc.isenabled())
        return real(self, doc)

    monkeypatch.setattr(DocumentStages, "extract", spy)
    gc.disable()
    try:
        monkeypatch.setattr(executor, "GC_WORK_CHARS", 0)
        run_paths([str(corpus)], rules, jobs=1)
        large = set(seen)
        seen.clear()
        monkeypatch.setattr(executor, "GC_WORK_CHARS", 10**12)
        run_paths([str(corpus)], rules, jobs=1)
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert large == {True} and set(seen) == {False}


def test_parent_gathers_workers_results_with_the_collector_off(corpus, rules, monkeypatch):
    """Workers collect their extraction's garbage; the parent, which only rebuilds the
    claims they send, makes no cycles and must not rescan them all again and again."""
    import gc

    from factlint import cache, executor

    seen = []
    real = cache.restore

    def spy(*a, **k):
        seen.append(gc.isenabled())
        return real(*a, **k)

    monkeypatch.setattr(cache, "restore", spy)
    monkeypatch.setattr(executor, "GC_WORK_CHARS", 0)
    gc.disable()
    try:
        _run_files(corpus, rules, cache=cache.Cache(corpus.parent / "c", "fp"), jobs=2, min_bytes=0)
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert seen and not any(seen)
