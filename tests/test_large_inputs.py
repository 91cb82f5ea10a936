"""Large inputs (issue 7): work and memory grow linearly with the input.

No timing. The work of each stage is counted in a deterministic way, on an input of size
N and one of size 4N:

* Python work: trace events (calls, lines executed, loop steps of comprehensions and
  generators) under `sys.settrace`;
* string work: characters copied by slicing, or scanned by `find` / `rfind`, on the
  document's text, which is handed to the pipeline as a `str` subclass that counts them
  (this is what catches `text.rfind("\\n", 0, pos)` and `text[line_start:pos]` on one
  long line).

Linear work grows about 4x from N to 4N, quadratic work about 16x; a stage fails above
6x. Regex scanning is done in C and is not counted (a regex that goes quadratic is a
job for the catastrophic-backtracking tests).

Inputs are made here, never read from a corpus: the seed articles repeated (as written;
as one line; as one line that is also one sentence) and synthetic Vietnamese sentences
dense in every kind of claim. `bench/large.py` measures the real thing (50 MB, 5 MB line).

Tests marked xfail name a known culprit (see /work/notes/large.md); they are strict, so
they fail ("XPASS") once the culprit is fixed: then remove the mark.
"""

from __future__ import annotations

import gc
import re
import sys
import tracemalloc

import pytest

from conftest import SEEDS, run_cli

GROWTH = 4  # the larger input is GROWTH times the smaller one
MAX_WORK_RATIO = 6.0  # linear: ~4; quadratic: ~16
MAX_MEMORY_RATIO = 5.0  # peak traced memory, 4N input / N input
MAX_PEAK_PER_TEXT = 6.0  # peak traced memory / memory of the document's text itself

STAGES = ["normalize", "spelling", "person", "date", "visit", "anniversary", "event",
          "quantity", "compare"]
VARIANTS = ["lines", "single_line", "one_sentence", "dense"]


# ---- inputs -------------------------------------------------------------------------

def seed_text() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))


def dense_text(rows: int) -> str:
    """Synthetic news sentences, each row giving every extractor something to claim."""
    out = []
    for i in range(rows):
        d, m = i % 28 + 1, i % 12 + 1
        out.append(
            f"Ngày {d}/{m}/2025, Tổng Bí thư Tô Lâm kết thúc chuyến thăm cấp Nhà nước tới Kazakhstan. "
            f"Chuyến công du {i % 9 + 2} ngày của Tổng Bí thư Tô Lâm có hơn {i % 90 + 10} hoạt động. "
            f"Tổng Bí thư Tô Lâm có chuyến thăm {i % 5 + 3} ngày, kéo dài {i % 4 + 2} ngày, trong vòng "
            f"{i % 6 + 2} ngày và suốt {i % 7 + 2} ngày. "
            f"Hai nước kỷ niệm {75 - i % 40} năm thiết lập quan hệ ngoại giao. "  # consistent: no finding
            f"Việt Nam và Kazakhstan thiết lập quan hệ ngoại giao năm {1950 + i % 40}. "
            f"Chủ tịch nước Lương Cường đón Tổng thống Kassym-Jomart Tokayev vào thứ Hai.")
    return "\n".join(out) + "\n"


def make_input(variant: str, scale: int) -> str:
    if variant == "dense":
        return dense_text(40 * scale)
    text = "\n\n".join([seed_text()] * scale)
    if variant in ("single_line", "one_sentence"):
        text = text.replace("\n", " ")  # one line of ~50 K characters per seed copy
    if variant == "one_sentence":
        text = re.sub(r"([.!?…])(\s)", r";\2", text)  # and no sentence end anywhere
    return text


# ---- counting -------------------------------------------------------------------------

class CountingText(str):
    """The document text: counts the characters its slices copy and find/rfind scan."""

    chars = 0

    def __getitem__(self, key):
        out = str.__getitem__(self, key)
        if isinstance(key, slice):
            CountingText.chars += len(out)
        return out

    def _bounds(self, args):
        start = args[0] if args and args[0] is not None else 0
        end = args[1] if len(args) > 1 and args[1] is not None else len(self)
        n = len(self)
        start = max(0, start + n if start < 0 else start)
        end = min(n, end + n if end < 0 else end)
        return start, end

    def find(self, sub, *args):
        out = str.find(self, sub, *args)
        start, end = self._bounds(args)
        CountingText.chars += (out - start + len(sub)) if out >= 0 else max(0, end - start)
        return out

    def rfind(self, sub, *args):
        out = str.rfind(self, sub, *args)
        start, end = self._bounds(args)
        CountingText.chars += (end - out) if out >= 0 else max(0, end - start)
        return out


def _work(fn):
    """(result, work units) of fn(): trace events plus characters counted by CountingText."""
    events = [0]

    def tracer(frame, event, arg):
        events[0] += 1
        return tracer

    old = sys.gettrace()
    CountingText.chars = 0
    sys.settrace(tracer)
    try:
        result = fn()
    finally:
        sys.settrace(old)
    return result, events[0] + CountingText.chars


def stage_work(text: str, ctx) -> dict[str, int]:
    """Work units of normalize, of each extractor (by kind) and of compare, on one text."""
    from factlint.compare import compare
    from factlint.pipeline import DocumentStages

    extractors = ctx.extractors  # built (and their patterns compiled) before counting
    out: dict[str, int] = {}
    doc, out["normalize"] = _work(lambda: DocumentStages(ctx).normalize("big.txt", CountingText(text)))
    if type(doc.text) is not CountingText:  # the working text was rebuilt: count on it
        for attr in ("_text", "text"):
            try:
                setattr(doc, attr, CountingText(doc.text))
                break
            except AttributeError:
                continue
    assert type(doc.text) is CountingText, "cannot hand the extractors a counting text"
    found: dict[str, list] = {}
    for ex in extractors:
        claims, out[ex.kind] = _work(lambda: list(ex.extract(doc, found)))
        found.setdefault(ex.kind, []).extend(claims)
    claims = [c for cs in found.values() for c in cs]
    _, out["compare"] = _work(lambda: compare(claims, ctx.checks))
    return out


_GROWTH_CACHE: dict[str, tuple[dict, dict]] = {}


def growth(variant: str, ctx) -> tuple[dict, dict]:
    if not _GROWTH_CACHE:  # first use: caches and lazy set-up, counted in neither size
        stage_work(make_input("dense", 1), ctx)
    if variant not in _GROWTH_CACHE:
        small = stage_work(make_input(variant, 1), ctx)
        large = stage_work(make_input(variant, GROWTH), ctx)
        _GROWTH_CACHE[variant] = (small, large)
    return _GROWTH_CACHE[variant]


# ---- known culprits: (variant, stage) -> why; such a test is a strict xfail ------------

KNOWN: dict[tuple[str, str], str] = {}


def _cases():
    for variant in VARIANTS:
        for stage in STAGES:
            reason = KNOWN.get((variant, stage))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(variant, stage, marks=marks, id=f"{variant}-{stage}")


@pytest.mark.parametrize("variant,stage", list(_cases()))
def test_stage_work_grows_linearly(rules, variant, stage):
    small, large = growth(variant, rules)
    if stage not in small:
        pytest.skip(f"no stage {stage!r} in this pipeline")
    ratio = large[stage] / max(small[stage], 1)
    assert ratio <= MAX_WORK_RATIO, (
        f"{stage} on {variant}: work x{ratio:.1f} for a x{GROWTH} larger input "
        f"({small[stage]} -> {large[stage]} units): superlinear")


@pytest.mark.parametrize("variant", VARIANTS)
def test_no_other_stage_grows_superlinearly(rules, variant):
    """Extractors added later are held to the same bound."""
    small, large = growth(variant, rules)
    bad = {s: round(large[s] / max(small[s], 1), 1) for s in small
           if s not in STAGES and large[s] / max(small[s], 1) > MAX_WORK_RATIO}
    assert not bad, f"superlinear on {variant}: {bad}"


def test_counting_catches_a_quadratic_scan():
    """The measure itself: a scan from the line start to every position is caught."""
    def quadratic(text):
        for pos in range(0, len(text), 100):
            text[text.rfind("\n", 0, pos) + 1:pos]

    def linear(text):
        for pos in range(0, len(text), 100):
            text[max(0, pos - 30):pos]

    line = "chữ " * 10_000
    (_, q1), (_, q4) = _work(lambda: quadratic(CountingText(line))), \
        _work(lambda: quadratic(CountingText(line * GROWTH)))
    (_, l1), (_, l4) = _work(lambda: linear(CountingText(line))), \
        _work(lambda: linear(CountingText(line * GROWTH)))
    assert q4 / q1 > 12
    assert l4 / l1 < MAX_WORK_RATIO


# ---- memory ---------------------------------------------------------------------------

def _peak(text: str, ctx) -> int:
    """Peak traced memory (bytes) of normalize + extract on one text, less what the claims
    found keep: a text dense with people and figures has many claims, which is not a
    scratch buffer."""
    from factlint.extract import extract_document
    from factlint.pipeline import DocumentStages

    extractors = ctx.extractors  # compiled before measuring
    text = text[:1] + text[1:]  # a new object: nothing computed for an equal text is reused
    gc.collect()
    tracemalloc.start()
    try:
        doc = DocumentStages(ctx).normalize("big.txt", text)
        normalized = tracemalloc.get_traced_memory()[0]
        claims = extract_document(doc, extractors)
        kept, peak = tracemalloc.get_traced_memory()
        peak -= kept - normalized
    finally:
        tracemalloc.stop()
    assert claims
    return peak


def test_peak_memory_grows_linearly_on_one_long_line(rules):
    small = _peak(make_input("single_line", 1), rules)
    large = _peak(make_input("single_line", GROWTH), rules)
    assert large / small <= MAX_MEMORY_RATIO, f"peak {small} -> {large} bytes for a x{GROWTH} input"


@pytest.mark.parametrize("variant", ["lines", "single_line"])
def test_peak_memory_is_a_small_multiple_of_the_text(rules, variant):
    # ~800 K characters: large enough that a bounded scratch buffer (lower-casing in pieces)
    # is small next to the text; lower() of the whole text needs ~6x the text on its own
    text = make_input(variant, 16)
    peak = _peak(text, rules)
    assert peak <= MAX_PEAK_PER_TEXT * sys.getsizeof(text), (
        f"peak {peak / 2**20:.1f} MiB for a text of {sys.getsizeof(text) / 2**20:.1f} MiB")


# ---- the size limit, through the command line -------------------------------------------

def test_file_over_the_size_limit_is_skipped_and_the_seeds_still_checked(seeds_copy):
    from factlint.load import MAX_FILE_BYTES

    big = seeds_copy / "huge.txt"
    with open(big, "wb") as fh:  # sparse: no data written, nothing read
        fh.truncate(MAX_FILE_BYTES + 1)
    plain = run_cli(seeds_copy, "--no-cache")
    big.unlink()
    alone = run_cli(seeds_copy, "--no-cache")
    assert plain.returncode == alone.returncode == 1, plain.stderr
    assert plain.stdout == alone.stdout  # the seeds' findings, unchanged
    notes = [line for line in plain.stderr.splitlines() if "huge.txt" in line]
    assert len(notes) == 1, plain.stderr
    assert "limit" in notes[0] and "skipped" in notes[0]
    assert plain.stderr.count("\n") == alone.stderr.count("\n") + 1  # one line, nothing else
