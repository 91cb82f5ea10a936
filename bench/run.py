#!/usr/bin/env python3
"""Benchmark factlint as a user runs it: the installed `factlint` command, in a fresh
working folder (where its .factlint_cache/ goes), on three corpora:

    seeds          the 5 seed articles of the repo
    vi-news        the shared news corpus (FACTLINT_BENCH_CORPUS, or ../shared/corpus/vi-news
                   next to the repo); copied to a temporary folder, never into the repo
    vi-news-x4     vi-news four times over, files copied under new names

For each: cold (empty cache), warm (nothing changed), one file changed, all wall seconds
including start-up; MB/s (cold); peak RSS of the largest process; documents, claims,
findings; per-stage times from `--timings` (cold run). Also `factlint --version` start-up
and the error / warning rate on vi-news. Prints a Markdown table and writes
bench/RESULTS.md (unless --no-write).

    python bench/run.py [--repeat N] [--no-write] [--skip-x4]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGETS = {  # wall seconds (and MB)
    ("vi-news", "cold"): 3.0, ("vi-news", "warm"): 0.5, ("vi-news", "changed"): 0.8,
    ("seeds", "cold"): 0.8,
}
_SUMMARY = re.compile(r"(\d+) documents?, (\d+) claims?: (\d+) errors?, (\d+) warnings?, (\d+) infos?")
_TIMINGS = re.compile(r"factlint: timings: (.*?); extract wall ([\d.]+)s, cache hits (\d+)")

# Runs one command and reports its wall time, CPU time and the peak RSS of any process it
# started (bench/large.py uses it too).
_WRAPPER = r"""
import json, resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[2:], cwd=sys.argv[1], capture_output=True, text=True)
wall = time.perf_counter() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss_kb": ru.ru_maxrss,
                  "rc": p.returncode, "stdout": p.stdout[-4000:], "stderr": p.stderr[-4000:]}))
"""


def factlint_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "factlint"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("factlint")
    return [found] if found else [sys.executable, "-m", "factlint"]


def measure(cwd: Path, args: list[str]) -> dict:
    out = subprocess.run([sys.executable, "-c", _WRAPPER, str(cwd), *factlint_cmd(), *args],
                         capture_output=True, text=True, check=True)
    r = json.loads(out.stdout)
    if r["rc"] not in (0, 1):
        raise SystemExit(f"factlint {' '.join(args)} failed ({r['rc']}): {r['stderr']}")
    m = _SUMMARY.search(r["stdout"])
    if m:
        r["documents"], r["claims"], r["errors"], r["warnings"], r["infos"] = map(int, m.groups())
    t = _TIMINGS.search(r["stderr"])
    if t:
        r["stages"] = {k: float(v.rstrip("s")) for k, v in
                       (part.split() for part in t.group(1).split(", "))}
        r["extract_wall"], r["hits"] = float(t.group(2)), int(t.group(3))
    return r


def best(cwd: Path, args: list[str], repeat: int, before=None) -> dict:
    runs = []
    for _ in range(repeat):
        if before:
            before()
        runs.append(measure(cwd, args))
    return min(runs, key=lambda r: r["wall"])


def corpus_bytes(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and p.suffix in (".txt", ".md")]
    return len(files), sum(p.stat().st_size for p in files)


def bench_corpus(name: str, source: Path | list[Path], tmp: Path, repeat: int, copies: int = 1) -> dict:
    work = tmp / name
    corpus = work / "corpus"
    corpus.mkdir(parents=True)
    sources = sorted(p for p in source.iterdir() if p.is_file())
    for i in range(copies):
        for p in sources:
            shutil.copy(p, corpus / (p.name if copies == 1 else f"c{i}_{p.name}"))
    nfiles, nbytes = corpus_bytes(corpus)
    args = ["corpus", "--timings"]

    def clean():
        shutil.rmtree(work / ".factlint_cache", ignore_errors=True)

    cold_repeat = repeat if nbytes < 20_000_000 else 1
    cold = best(work, args, cold_repeat, before=clean)
    warm = best(work, args, repeat)
    nocache = best(work, [*args, "--no-cache"], cold_repeat)
    target = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")[len(sources) // 2]
    original = target.read_bytes()
    counter = [0]

    def touch_one():  # a new edit each time: the changed file is always a cache miss
        counter[0] += 1
        target.write_bytes(original + f"\nSửa lần {counter[0]}.\n".encode())

    changed = best(work, args, repeat, before=touch_one)
    target.write_bytes(original)
    return {"name": name, "files": nfiles, "mb": nbytes / 1e6, "cold": cold, "warm": warm,
            "nocache": nocache, "changed": changed}


def version_startup(n: int = 20) -> dict:
    cmd = [*factlint_cmd(), "--version"]
    times = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - t)
    return {"min": min(times), "median": statistics.median(times), "n": n}


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ncpu = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"nproc {ncpu}, {cpu or platform.processor() or platform.machine()}, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}")


def mark(ok: bool | None) -> str:
    return "" if ok is None else (" ✓" if ok else " ✗")


def render(results: list[dict], startup: dict, when: str, factlint_version: str) -> str:
    lines = ["# factlint benchmark", "",
             f"- date: {when}", f"- machine: {machine()}", f"- factlint: {factlint_version}",
             f"- command: `{' '.join(factlint_cmd())} corpus --timings` in a fresh working folder "
             "(cache in `.factlint_cache/` there); wall seconds include start-up; best of the "
             "repeats (cold runs of corpora over 20 MB: one run each); bytecode compiled first, as pip does.",
             "- cold = empty cache (entries written); no-cache = `--no-cache`; warm = cache, nothing "
             "changed; 1 changed = one file edited (a new edit each run).",
             "- peak RSS = largest single process (main or one worker), from getrusage(RUSAGE_CHILDREN).",
             "", "| corpus | docs | MB | cold s | no-cache s | warm s | 1 changed s | MB/s (cold) "
             "| peak RSS MB | claims | findings (E/W/I) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in results:
        c = r["cold"]
        def cell(kind):
            t = TARGETS.get((r["name"], kind))
            v = r[kind]["wall"]
            return f"{v:.2f}" + (mark(v <= t) + f" (≤{t})" if t else "")
        rss = max(r[k]["rss_kb"] for k in ("cold", "warm", "nocache", "changed")) / 1024
        lines.append(
            f"| {r['name']} | {c.get('documents', r['files'])} | {r['mb']:.2f} | {cell('cold')} "
            f"| {r['nocache']['wall']:.2f} | {cell('warm')} | {cell('changed')} "
            f"| {r['mb'] / c['wall']:.2f} | {rss:.0f} | {c.get('claims', '?')} "
            f"| {c.get('errors', '?')}/{c.get('warnings', '?')}/{c.get('infos', '?')} |")
    lines += ["", "Stage times (seconds) from `--timings`, cold run; with worker processes, normalize "
              "and extract are summed over the workers (extract wall is the elapsed time):", "",
              "| corpus | load | normalize | extract | extract wall | compare | report |",
              "|---|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        for kind in ("cold", "warm"):
            s = r[kind].get("stages", {})
            lines.append(f"| {r['name']} ({kind}) | " + " | ".join(
                f"{s.get(k, 0):.3f}" for k in ("load", "normalize", "extract")) +
                f" | {r[kind].get('extract_wall', 0):.3f} | {s.get('compare', 0):.3f} | {s.get('report', 0):.3f} |")
    by = {r["name"]: r for r in results}
    lines += [""]
    lines.append(f"- `factlint --version`: min {startup['min'] * 1000:.0f} ms, median "
                 f"{startup['median'] * 1000:.0f} ms over {startup['n']} runs"
                 f"{mark(startup['median'] <= 0.15)} (≤150 ms)")
    if "vi-news" in by and "vi-news-x4" in by:
        ratio = by["vi-news-x4"]["cold"]["wall"] / by["vi-news"]["cold"]["wall"]
        rss4 = max(by["vi-news-x4"][k]["rss_kb"] for k in ("cold", "warm", "nocache", "changed")) / 1024
        lines.append(f"- vi-news ×4 cold / vi-news cold: {ratio:.2f}×{mark(ratio <= 4.4)} (≤4.4×); "
                     f"peak RSS on ×4: {rss4:.0f} MB{mark(rss4 <= 400)} (≤400 MB)")
    if "vi-news" in by:
        c = by["vi-news"]["cold"]
        n = c.get("documents", by["vi-news"]["files"])
        e, w = c.get("errors", 0), c.get("warnings", 0)
        lines.append(f"- vi-news findings (false-alarm check, unrelated articles): {e} errors, {w} "
                     f"warnings over {n} documents = {e * 200 / n:.2f} errors and {w * 200 / n:.2f} "
                     "warnings per 200 articles")
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-write", action="store_true", help="print only; do not write bench/RESULTS.md")
    ap.add_argument("--skip-x4", action="store_true")
    ap.add_argument("--corpus", default=os.environ.get("FACTLINT_BENCH_CORPUS",
                                                        str(REPO.parent / "shared" / "corpus" / "vi-news")))
    opts = ap.parse_args()
    vi = Path(opts.corpus)
    # An installed package has its bytecode compiled by pip; an editable install (or
    # PYTHONDONTWRITEBYTECODE=1) would recompile factlint's sources on every run.
    try:
        import factlint
    except ImportError:  # run by another Python than factlint's: leave it as installed
        pass
    else:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(factlint.__file__).parent)],
                       capture_output=True)
    version = subprocess.run([*factlint_cmd(), "--version"], capture_output=True, text=True).stdout.strip()
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    results = []
    with tempfile.TemporaryDirectory(prefix="factlint-bench-") as tmp:
        tmp = Path(tmp)
        results.append(bench_corpus("seeds", REPO / "seeds", tmp, opts.repeat))
        if vi.is_dir():
            results.append(bench_corpus("vi-news", vi, tmp, opts.repeat))
            if not opts.skip_x4:
                results.append(bench_corpus("vi-news-x4", vi, tmp, max(1, opts.repeat - 1), copies=4))
        else:
            print(f"bench: {vi} not found; vi-news skipped (set FACTLINT_BENCH_CORPUS)", file=sys.stderr)
    startup = version_startup()
    text = render(results, startup, when, version)
    print(text)
    if not opts.no_write:
        (REPO / "bench" / "RESULTS.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
