#!/usr/bin/env python3
"""Benchmark factlint on large inputs (issue 7): one big file of normal lines and one
single line with no line end, each at two sizes, so that growth is visible.

Inputs are generated in a temporary folder, never in the repo: news articles
concatenated (FACTLINT_BENCH_CORPUS, or ../shared/corpus/vi-news next to the repo; the
repo's seed articles when there is no corpus), with the seeds copied next to the big file.
Each case runs the installed `factlint <folder> --no-cache --timings` as a subprocess and
reports wall seconds, peak RSS (getrusage of the child), seconds per MB and the growth of
seconds per MB from the small size to the large one: 1.0 is linear, 2.0 is quadratic
when the size doubles.

    python bench/large.py            # lines 25 and 50 MB, single line 2.5 and 5 MB
    python bench/large.py --quick    # lines 2 and 4 MB, single line 0.5 and 1 MB
    python bench/large.py --stages   # also time each stage in-process (Python API):
                                     # lines 4 and 8 MB, one line 2 and 4 MB (--quick: halves)
    python bench/large.py --findings # only: output size and memory against the number of
                                     # findings (50 and 200 misspellings of a name written
                                     # 4,000 times; --quick: 25 and 100 against 1,000)

`--stages` times normalize, each extractor and compare on the same kind of inputs
(including a line that is one sentence, with no sentence end) and the peak memory traced
during normalize + extract, to find which stage grows faster than the input.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from run import factlint_cmd, measure  # bench/run.py: one way to run and measure the CLI
from tabulate import tabulate

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
FULL = {"lines": (25.0, 50.0), "single line": (2.5, 5.0)}  # MB, small then large
QUICK = {"lines": (2.0, 4.0), "single line": (0.5, 1.0)}
STAGES_FULL = {"lines": (4.0, 8.0), "single line": (2.0, 4.0), "one sentence": (2.0, 4.0)}
STAGES_QUICK = {"lines": (1.0, 2.0), "single line": (0.5, 1.0), "one sentence": (0.5, 1.0)}


# ---- inputs ---------------------------------------------------------------------------

def source_texts(corpus: Path | None):
    """Article texts, cycling for ever: the corpus when there is one, else the seeds."""
    files = sorted(corpus.glob("*.txt")) if corpus and corpus.is_dir() else []
    files = files or sorted(SEEDS.glob("*.txt"))
    while True:
        for f in files:
            yield f.read_text(encoding="utf-8")


def write_input(path: Path, mb: float, kind: str, corpus: Path | None) -> int:
    """Write about `mb` MB of articles to `path`: normal lines, one line, or one line that
    is also one sentence (no `. ! ? …` before white space). Returns the size in bytes."""
    target = int(mb * 1e6)
    size = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for text in source_texts(corpus):
            if kind != "lines":
                text = " ".join(text.split())
            if kind == "one sentence":
                text = re.sub(r"([.!?…])(\s)", r";\2", text)
            piece = text + ("\n\n" if kind == "lines" else " ")
            fh.write(piece)
            size += len(piece.encode("utf-8"))
            if size >= target:
                break
    return size


def make_case(tmp: Path, name: str, mb: float, kind: str, corpus: Path | None) -> tuple[Path, int]:
    folder = tmp / name
    folder.mkdir(parents=True)
    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copy(p, folder / p.name)
    size = write_input(folder / "big.txt", mb, kind, corpus)
    return folder, size


# ---- command line runs -------------------------------------------------------------------

def run_cli(folder: Path) -> dict:
    r = measure(folder.parent, [folder.name, "--no-cache", "--timings"])
    r.setdefault("stages", {})
    r.setdefault("claims", None)
    return r


def bench_cli(sizes: dict, corpus: Path | None, tmp: Path) -> list[list]:
    base_dir = tmp / "seeds-only"
    base_dir.mkdir()
    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copy(p, base_dir / p.name)
    base = run_cli(base_dir)
    rows = [["seeds only", "", f"{base['wall']:.2f}", f"{base['cpu']:.2f}",
             f"{base['rss_kb'] / 1024:.0f}", "", "", "", "", "", base["claims"], ""]]
    for kind, (small, large) in sizes.items():
        per_mb = []
        for mb in (small, large):
            name = f"{kind.replace(' ', '-')}-{mb:g}MB"
            folder, size = make_case(tmp, name, mb, kind, corpus)
            r = run_cli(folder)
            shutil.rmtree(folder)
            real_mb = size / 1e6
            per = (r["cpu"] - base["cpu"]) / real_mb  # the big file's share of the CPU time
            per_mb.append(per)
            s = r["stages"]
            growth = f"{per_mb[1] / per_mb[0]:.2f}" if len(per_mb) == 2 and per_mb[0] > 0 else ""
            rows.append([kind, f"{real_mb:.1f}", f"{r['wall']:.2f}", f"{r['cpu']:.2f}",
                         f"{r['rss_kb'] / 1024:.0f}", f"{s.get('normalize', 0):.2f}",
                         f"{s.get('extract', 0):.2f}", f"{s.get('compare', 0):.2f}",
                         f"{per:.2f}", growth, r["claims"],
                         f"{(r['rss_kb'] - base['rss_kb']) / 1024 / real_mb:.1f}"])
            print(f"bench: {name}: {r['wall']:.1f} s, {r['rss_kb'] / 1024:.0f} MB", file=sys.stderr)
    return rows


# ---- output against the number of findings ------------------------------------------------

def spelling_variants(n: int) -> list[str]:
    """`n` spellings of "Aliyev" one or two letters away (each its own finding)."""
    letters = "bcdfghklmnprstvz"
    out = []
    for i in range(1, 6):
        for a in letters:
            out.append("Aliyev"[:i] + a + "Aliyev"[i + 1:])
    for i in range(1, 5):
        for a in letters:
            for b in letters:
                out.append("Aliyev"[:i] + a + b + "Aliyev"[i + 2:])
    return [v for v in dict.fromkeys(out) if v != "Aliyev"][:n]


def make_findings_case(folder: Path, variants: int, mentions: int) -> None:
    """A name written `mentions` times (100 per document) and `variants` misspellings of
    it, one document each: every misspelling is one finding whose other side is every
    mention of the name."""
    folder.mkdir(parents=True)
    for d in range(mentions // 100):
        lines = [f"Tổng thống Azerbaijan Ilham Aliyev phát biểu tại phiên họp số {d * 100 + i}." for i in range(100)]
        (folder / f"name-{d:03d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for i, v in enumerate(spelling_variants(variants)):
        (folder / f"variant-{i:03d}.txt").write_text(f"Tổng thống Azerbaijan Ilham {v} phát biểu.\n", encoding="utf-8")


def bench_findings(quick: bool, tmp: Path) -> list[list]:
    mentions = 1000 if quick else 4000
    rows = []
    for fmt in ("json", "sarif"):
        base = None
        for variants in ((25, 100) if quick else (50, 200)):
            folder = tmp / f"findings-{variants}"
            if not folder.exists():
                make_findings_case(folder / "corpus", variants, mentions)
            out = folder / f"report.{fmt}"
            r = measure(folder, ["corpus", "--no-cache", "--format", fmt, "-o", out.name])
            size = out.stat().st_size
            rows.append([fmt, str(variants), str(mentions), f"{size / 1e6:.2f}", f"{r['wall']:.2f}",
                         f"{r['rss_kb'] / 1024:.0f}",
                         f"{size / base[0]:.2f}" if base else "", f"{r['rss_kb'] / base[1]:.2f}" if base else ""])
            base = base or (size, r["rss_kb"])
            print(f"bench: {fmt} with {variants} findings: {size / 1e6:.2f} MB", file=sys.stderr)
    return rows


# ---- in-process stages -------------------------------------------------------------------

def _stage_times(raw: str, ctx, extractors) -> dict[str, float]:
    """Seconds of each stage on one text, then the peak memory traced during normalize +
    extract (a second pass: tracing slows the code down)."""
    import gc
    import tracemalloc

    from factlint.compare import compare
    from factlint.extract import extract_document
    from factlint.normalize.reference import settle_reference
    from factlint.normalize.structure import segment
    from factlint.normalize.text import make_document
    from factlint.pipeline import DocumentStages

    times: dict[str, float] = {}

    def timed(name, fn):
        gc.collect()
        t = time.perf_counter()
        out = fn()
        times[name] = time.perf_counter() - t
        return out

    doc = timed("make_document", lambda: make_document("big.txt", raw))
    timed("segment", lambda: segment(doc, ctx.lexicon))
    doc.reference = timed("reference", lambda: settle_reference(doc, ctx.lexicon.dates))
    found: dict[str, list] = {}
    for ex in extractors:
        found.setdefault(ex.kind, []).extend(timed(ex.kind, lambda: list(ex.extract(doc, found))))
    claims = [c for cs in found.values() for c in cs]
    timed("compare", lambda: compare(claims, ctx.checks))
    doc = found = claims = None
    fresh = raw[:1] + raw[1:]  # an equal text, new object: nothing cached for it
    gc.collect()
    tracemalloc.start()
    try:
        extract_document(DocumentStages(ctx).normalize("big.txt", fresh), extractors)
        times["peak MiB"] = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    return times


def bench_stages(sizes: dict, corpus: Path | None, tmp: Path) -> tuple[list[list], dict]:
    from factlint.config import Settings
    from factlint.pipeline import load_rules

    ctx = load_rules(Settings())
    extractors = ctx.extractors
    kinds = sizes
    rows = []
    for kind, (small, large) in kinds.items():
        per_size = []
        for mb in (small, large):
            path = tmp / "stage.txt"
            write_input(path, mb, kind, corpus)
            raw = path.read_text(encoding="utf-8")
            path.unlink()
            times = _stage_times(raw, ctx, extractors)
            per_size.append((len(raw.encode("utf-8")) / 1e6, times))
        (mb1, t1), (mb2, t2) = per_size
        for name in t1:
            a, b = t1[name], t2[name]
            growth = (b / mb2) / (a / mb1) if a > 1e-3 else float("nan")
            flag = "  <-- superlinear" if growth >= 1.5 and b >= 0.1 else ""
            rows.append([kind, name, f"{a:.3f}", f"{b:.3f}", f"{growth:.2f}{flag}"])
        print(f"bench: stages on {kind} done", file=sys.stderr)
    return rows, kinds


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes (a minute or so)")
    ap.add_argument("--stages", action="store_true", help="also time each stage in-process")
    ap.add_argument("--no-cli", action="store_true", help="only the in-process stages")
    ap.add_argument("--findings", action="store_true",
                    help="only output size and memory against the number of findings")
    ap.add_argument("--corpus", default=os.environ.get("FACTLINT_BENCH_CORPUS",
                                                        str(REPO.parent / "shared" / "corpus" / "vi-news")))
    opts = ap.parse_args()
    sizes = QUICK if opts.quick else FULL
    corpus = Path(opts.corpus)
    if not corpus.is_dir():
        print(f"bench: {corpus} not found; the inputs repeat the seeds", file=sys.stderr)
        corpus = None
    source = corpus or SEEDS
    with tempfile.TemporaryDirectory(prefix="factlint-large-") as tmp:
        tmp = Path(tmp)
        if opts.findings:
            rows = bench_findings(opts.quick, tmp)
            print("\nOne name written many times and N misspellings of it (N findings, each citing "
                  "every mention of the name); x = the ratio to the smaller N (4.0 is linear).\n")
            print(tabulate(rows, headers=["format", "findings", "mentions of the name", "output MB",
                                          "wall s", "peak RSS MB", "output x", "RSS x"],
                           tablefmt="github", disable_numparse=True))
            return 0
        if not opts.no_cli:
            rows = bench_cli(sizes, corpus, tmp)
            print(f"\n`{' '.join(factlint_cmd())} <folder> --no-cache --timings`, each folder the "
                  f"5 seeds plus big.txt (articles from {source}). CPU s/MB = (CPU - CPU of the "
                  "seeds alone) / MB; growth = CPU s/MB at the large size / at the small size "
                  "(1.0 linear, 2.0 quadratic when the size doubles); extra RSS MB/MB = (peak RSS - peak RSS of "
                  "the seeds alone) / MB.\n")
            print(tabulate(rows, headers=["input", "MB", "wall s", "CPU s", "peak RSS MB",
                                          "normalize s", "extract s", "compare s", "CPU s/MB",
                                          "growth", "claims", "extra RSS MB/MB"],
                           tablefmt="github", disable_numparse=True))
        if opts.stages or opts.no_cli:
            rows, kinds = bench_stages(STAGES_QUICK if opts.quick else STAGES_FULL, corpus, tmp)
            spec = "; ".join(f"{k} {a:g} -> {b:g} MB" for k, (a, b) in kinds.items())
            print(f"\nIn-process, seconds per stage ({spec}); growth = s/MB large / s/MB small; "
                  "'peak MiB' is the memory traced during normalize + extract.\n")
            print(tabulate(rows, headers=["input", "stage", "small", "large", "growth"],
                           tablefmt="github", disable_numparse=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
