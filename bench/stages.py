#!/usr/bin/env python3
"""CPU seconds per stage and per claim kind, in one process, on a corpus of .txt files:
where a cold run's time goes, per MB of text. The README's per-MB costs come from here.

    python bench/stages.py [--corpus DIR]

Serial, cache off, garbage collector off (as the workers run); CPU time, not wall time, so
a busy machine changes the figures less. Compare kinds within one run, not across runs.
"""

from __future__ import annotations

import argparse
import gc
import os
import time
from pathlib import Path

from factlint.config import Settings
from factlint.load import decode, read
from factlint.normalize.reference import settle_reference
from factlint.normalize.structure import segment
from factlint.normalize.text import make_document
from factlint.pipeline import DocumentStages, load_rules


def main() -> None:
    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=os.environ.get("FACTLINT_BENCH_CORPUS",
                                                       str(here.parent / "shared" / "corpus" / "vi-news")))
    corpus = Path(ap.parse_args().corpus)
    files = sorted(corpus.glob("*.txt"))
    if not files:
        raise SystemExit(f"bench: no .txt files in {corpus} (set FACTLINT_BENCH_CORPUS or --corpus)")
    gc.disable()
    rules = load_rules(Settings())
    stages = DocumentStages(rules)
    stages.prepare()
    texts = [(str(f), decode(read(str(f))).raw) for f in files]
    megabytes = sum(len(raw.encode()) for _, raw in texts) / 1e6
    cpu: dict[str, float] = {}

    def timed(name, call, *args):
        started = time.process_time()
        result = call(*args)
        cpu[name] = cpu.get(name, 0.0) + time.process_time() - started
        return result

    claims = 0
    for path, raw in texts:
        document = timed("make_document", make_document, path, raw)
        timed("segment", segment, document, rules.lexicon)
        document.reference = timed("reference", settle_reference, document, rules.lexicon.dates)
        found: dict[str, list] = {}
        for extractor in rules.extractors:
            got = timed(extractor.kind, lambda: list(extractor.extract(document, found)))
            claims += len(got)
            found.setdefault(extractor.kind, []).extend(got)
    print(f"{len(files)} documents, {megabytes:.2f} MB, {claims} claims, {sum(cpu.values()):.2f} s CPU")
    for name, seconds in sorted(cpu.items(), key=lambda item: -item[1]):
        print(f"  {name:14s} {seconds:6.2f} s  {seconds / megabytes * 1000:6.0f} ms/MB")


if __name__ == "__main__":
    main()
