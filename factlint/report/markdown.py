"""`--format markdown`: a report a person reads (in a pull request, a wiki, an e-mail).

Layout: a header table (corpus, documents, claims, findings by severity, date, version),
the rules that fired, the documents, then one section per conflict: what was expected
and why, the evidence side by side (document, line, the sentence quoted with the
differing words in bold, the value read) and, when more than two documents speak about
the subject, a documents × values matrix.

Everything is ordered by stable keys (severity, then file and offset) so two runs on the
same corpus give the same text. The date comes from `result.date` when set, else from
SOURCE_DATE_EPOCH (the reproducible-builds convention), else today.
"""

from __future__ import annotations

import datetime as _dt
import os
import posixpath
import re
from collections import Counter
from urllib.parse import quote

from tabulate import tabulate

from factlint.model import SEVERITY_RANK
from factlint.report import location
from factlint.report.escape import printable, terminal_safe

SEVERITIES = sorted(SEVERITY_RANK, key=SEVERITY_RANK.get, reverse=True)  # error first

SEVERITY_MARK = {"error": "❌ error", "warning": "⚠️ warning", "info": "ℹ️ info"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_WORD = re.compile(r"\w+", re.UNICODE)
SENTENCE_WINDOW = 90  # characters of context kept on each side of a span in a long sentence
MAX_OTHER_SIDES = 8  # rows of "other side" evidence; the matrix counts them all
MAX_OUTLIER_ROWS = 20
MAX_DOCUMENT_ROWS = 50  # in a big corpus, the documents table lists those holding outliers
FIRST_LINE = 80
MATRIX_ROWS = 30  # documents listed in one matrix; the rest are summed in one row


# --- shared helpers (also used by the other renderers of this package) -------------------

def report_date(result) -> str:
    """YYYY-MM-DD: result.date if set, else SOURCE_DATE_EPOCH, else today (UTC)."""
    fixed = getattr(result, "date", None)
    if fixed:
        return str(fixed)[:10]
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().lstrip("-").isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date().isoformat()
    return _dt.datetime.now(_dt.timezone.utc).date().isoformat()


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def severity_counts(findings) -> str:
    counts = Counter(f.severity for f in findings)
    parts = [plural(counts[s], s) for s in SEVERITIES if counts[s]]
    return ", ".join(parts) if parts else "none"


def ordered(findings) -> list:
    return sorted(findings, key=lambda f: (-SEVERITY_RANK.get(f.severity, -1), f.sort_key()))


def corpus_name(result) -> str:
    for attr in ("paths", "inputs"):
        paths = getattr(result, attr, None)
        if paths:
            return ", ".join(str(p) for p in paths)
    paths = (getattr(result, "summary", None) or {}).get("paths")
    if paths:
        return ", ".join(str(p) for p in paths)
    docs = sorted(result.documents)
    if not docs:
        return "(no documents)"
    common = posixpath.commonpath(docs) if len(docs) > 1 else posixpath.dirname(docs[0])
    return (common or ".") + "/"


def differing_words(texts: list[str], outliers: int = 1) -> list[set[str]]:
    """For each text, the words that make it differ: an outlier's words found in no other
    side, another side's words found in no outlier. Case is ignored unless the texts differ
    only by case ("Tô lâm" / "Tô Lâm"). Words are returned as written."""
    def diff(fold):
        words = [[w for w in _WORD.findall(t)] for t in texts]
        keys = [{fold(w) for w in ws} for ws in words]
        out_keys = set().union(*keys[:outliers]) if keys[:outliers] else set()
        other_keys = set().union(*keys[outliers:]) if keys[outliers:] else set()
        result = []
        for i, ws in enumerate(words):
            against = other_keys if i < outliers else out_keys
            result.append({w for w in ws if fold(w) not in against})
        return result

    folded = diff(str.casefold)
    if any(folded[:outliers]) or any(folded[outliers:]):
        return folded
    return diff(lambda w: w)


def sentence_span(doc, claim) -> tuple[int, int]:
    """The working-text span of the claim's sentence (its line when no sentence is known)."""
    if claim.sentence:
        s, e = claim.sentence
        if s <= claim.start and claim.end <= e:
            return s, e
    text = doc.text
    s = text.rfind("\n", 0, claim.start) + 1
    e = text.find("\n", claim.end)
    return s, (len(text) if e < 0 else e)


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[:cut if cut > limit // 2 else limit].rstrip(" ,;:") + " …"


def first_line(doc) -> str:
    for line in doc.raw.splitlines():
        if line.strip():
            return line.strip()
    return ""


# --- markdown ---------------------------------------------------------------------------

def md_escape(text: str) -> str:
    """Text safe inside one markdown table cell: one line, markup characters escaped."""
    return _inline(text).strip()


def _inline(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", printable(re.sub(r"\s+", " ", text)))


def _bold_words(span: str, words: set[str]) -> str:
    """Escape `span`, marking the given words in bold (contiguous marked words form one run)."""
    if not words:
        return f"**{md_escape(span)}**" if span.strip() else md_escape(span)
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for m in _WORD.finditer(span):
        if m.group() in words:  # words as written
            if m.start() > pos:
                pieces.append((span[pos:m.start()], False))
            pieces.append((m.group(), True))
            pos = m.end()
    pieces.append((span[pos:], False))
    out: list[str] = []
    run: list[str] = []
    for text, bold in pieces:  # merge "Thủ" " " "tướng" into one bold run
        if bold:
            run.append(text)
        elif run and text.strip() == "" and text:
            run.append(text)
        else:
            if run:
                trail = ""
                while run and not run[-1].strip():
                    trail = run.pop() + trail
                out.append(f"**{md_escape(''.join(run))}**" + _inline(trail))
                run = []
            out.append(_inline(text))
    if run:
        out.append(f"**{md_escape(''.join(run))}**")
    return "".join(out)


def _snap(text: str, s: int, e: int, s0: int, e0: int) -> tuple[int, int]:
    """Move a cut window inwards to word boundaries (never past the span it frames)."""
    if s > s0:
        sp = text.find(" ", s)
        if 0 <= sp < e:
            s = sp + 1
    if e < e0:
        sp = text.rfind(" ", s, e)
        if sp > s:
            e = sp
    return s, e


def quoted_sentence(result, claim, words: set[str]) -> str:
    doc = result.documents[claim.doc]
    s0, e0 = sentence_span(doc, claim)
    s = max(s0, claim.start - SENTENCE_WINDOW)
    e = min(e0, claim.end + SENTENCE_WINDOW)
    s, e = _snap(doc.text, s, e, s0, e0)
    s, e = min(s, claim.start), max(e, claim.end)
    text = (("… " if s > s0 else "") + _inline(doc.raw_slice(s, claim.start)).lstrip()
            + _bold_words(doc.raw_slice(claim.start, claim.end), words)
            + _inline(doc.raw_slice(claim.end, e)).rstrip() + (" …" if e < e0 else ""))
    return text


def evidence_rows(f) -> tuple[list[int], int]:
    """Indexes of the sides to quote: the outliers (up to MAX_OUTLIER_ROWS), then other sides —
    first one mention of each (document, value), then the rest in order — up to
    MAX_OTHER_SIDES; and how many sides are left out."""
    others = list(range(f.outliers, len(f.sides)))
    seen: set = set()
    first, rest = [], []
    for i in others:
        key = (f.sides[i].doc, f.sides[i].value)
        (rest if key in seen else first).append(i)
        seen.add(key)
    chosen = sorted((first + rest)[:MAX_OTHER_SIDES])
    outliers = list(range(min(f.outliers, MAX_OUTLIER_ROWS)))
    return outliers + chosen, len(others) - len(chosen) + f.outliers - len(outliers)


def relative_link(path: str, base: str | None) -> str:
    """A link target for `path` from a report written in folder `base` (None: the cwd)."""
    if base:
        path = posixpath.relpath(path, base)
    return quote(path, safe="/")


def _link_base(result) -> str | None:
    out = getattr(result, "output", None)
    if not out or str(out) == "-":
        return None
    folder = posixpath.dirname(str(out).replace(os.sep, "/"))
    return folder or None


def _doc_link(path: str, line: int | None, base: str | None) -> str:
    target = relative_link(path, base) + (f"#L{line}" if line else "")
    label = md_escape(posixpath.basename(path))
    return f"[{label}]({target})"


def _table(rows, headers, align=None) -> str:
    return tabulate(rows, headers=headers, tablefmt="github", colalign=align, disable_numparse=True)


def _section(result, n: int, f, base: str | None) -> list[str]:
    out: list[str] = []
    sev = SEVERITY_MARK.get(f.severity, f.severity)
    out.append(f"### {n}. {md_escape(f.subject)} — `{f.rule}` ({sev})")
    out.append("")
    out.append(md_escape(f.message))
    out.append("")
    if f.expected:
        out.append(f"**Suggested value:** {md_escape(f.expected)}")
        out.append("")
    if f.why:
        out.append(f"**Why:** {md_escape(f.why)}")
        out.append("")
    if f.support:
        items = [f"{md_escape(v)} — {md_escape(s)}" for v, s in f.support.items()]
        out.append("**Support:** " + "; ".join(items))
        out.append("")

    locs = [location(result, c) for c in f.sides]
    spans = [loc["text"] for loc in locs]
    diff = differing_words(spans, f.outliers)
    rows = []
    shown_rows, left_out = evidence_rows(f)
    for i in shown_rows:
        c, loc = f.sides[i], locs[i]
        role = "outlier" if i < f.outliers else "other side"
        rows.append([
            role,
            _doc_link(c.doc, loc["line"], base),
            f"{loc['line']}:{loc['column']}",
            quoted_sentence(result, c, diff[i]),
            md_escape(str(loc["value"])),
        ])
    out.append(_table(rows, ["", "Document", "Line:col", "Sentence", "Value read"]))
    out.append("")
    if left_out:
        out.append(f"… and {plural(left_out, 'more mention')}, "
                   "counted in the matrix below." if len({c.doc for c in f.sides}) > 2 else
                   f"… and {plural(left_out, 'more mention')}.")
        out.append("")

    docs = sorted({c.doc for c in f.sides})
    if len(docs) > 2:
        shown: dict[str, str] = {}
        for c in f.sides:
            shown.setdefault(c.value, str(c.display or c.value))
        values = list(dict.fromkeys(c.value for c in f.sides))
        counts = Counter((c.doc, c.value) for c in f.sides)
        outlier_docs = {c.doc for c in f.sides[:f.outliers]}
        docs = sorted(docs, key=lambda d: (d not in outlier_docs, d))  # outliers' documents first
        cell = lambda n: str(n) if n else "–"  # noqa: E731
        rows = [[_doc_link(d, None, base)] + [cell(counts[(d, v)]) for v in values]
                for d in docs[:MATRIX_ROWS]]
        if len(docs) > MATRIX_ROWS:
            rest = docs[MATRIX_ROWS:]
            rows.append([f"… {plural(len(rest), 'more document')}"]
                        + [cell(sum(counts[(d, v)] for d in rest)) for v in values])
        out.append("Consistency matrix (mentions cited, per document and value):")
        out.append("")
        out.append(_table(rows, ["Document"] + [md_escape(shown[v]) for v in values],
                          ["left"] + ["center"] * len(values)))
        out.append("")
    return out


def render(result) -> str:
    base = _link_base(result)
    findings = ordered(result.findings)
    version = getattr(result, "version", "") or ""
    out: list[str] = ["# factlint report", ""]
    out.append("factlint compares what several documents say about the same people, visits, dates "
               "and numbers, and lists every place where they disagree. Each conflict below shows "
               "the value that most sources (or the vocabulary) support, and quotes every side "
               "with the differing words in **bold**.")
    out.append("")
    out.append("In the evidence tables, *outlier* is the mention that disagrees and *other side* the "
               "mentions it disagrees with; line and column count from 1 in the file as written, and "
               "each document name links to its line.")
    out.append("")
    header = [
        ["Corpus", md_escape(corpus_name(result))],
        ["Documents", str(len(result.documents))],
        ["Claims read", str(len(result.claims))],
        ["Findings", f"{len(findings)} ({severity_counts(findings)})"],
        ["Generated", f"{report_date(result)} by factlint {md_escape(str(version))}".rstrip()],
    ]
    out.append(_table(header, ["", ""]))
    out.append("")

    if findings:
        specs = {r.id: r for r in (getattr(result, "rules", None) or [])}
        by_rule = Counter(f.rule for f in findings)
        rows = []
        for rule in sorted(by_rule, key=lambda r: (-by_rule[r], r)):
            spec = specs.get(rule)
            sev = next(f.severity for f in findings if f.rule == rule)
            rows.append([f"`{rule}`", sev, str(by_rule[rule]),
                         md_escape(spec.description) if spec else ""])
        out.append("## Findings by rule")
        out.append("")
        out.append(_table(rows, ["Rule", "Severity", "Findings", "What it checks"]))
        out.append("")

    if findings:
        out.append("## Conflicts at a glance")
        out.append("")
        rows = []
        for n, f in enumerate(findings, 1):
            first = location(result, f.sides[0])
            found = ", ".join(dict.fromkeys(str(c.display or c.value) for c in f.sides[:f.outliers]))
            rows.append([str(n), f.severity, f"`{f.rule}`", md_escape(f.subject), md_escape(found),
                         md_escape(f.expected or ""), _doc_link(first["path"], first["line"], base)
                         + f" line {first['line']}"])
        out.append(_table(rows, ["#", "Severity", "Rule", "Subject", "Found", "Suggested", "First outlier"]))
        out.append("")

    out.append("## Documents")
    out.append("")
    involved = Counter()
    for f in findings:
        for d in {c.doc for c in f.sides}:
            involved[d] += 1
    claims_per_doc = Counter(c.doc for c in result.claims)
    if len(result.documents) <= MATRIX_ROWS:
        listed = sorted(result.documents)
    else:  # a big corpus: the documents holding an outlier, most findings first
        holding = Counter(d for f in findings for d in {c.doc for c in f.sides[:f.outliers]})
        ranked = sorted(holding, key=lambda d: (-holding[d], d))
        listed = sorted(ranked[:MAX_DOCUMENT_ROWS])
        out.append(f"{plural(len(holding), 'document')} of {len(result.documents)} hold an outlier"
                   + (f"; the {len(listed)} with the most findings are listed:"
                      if len(listed) < len(holding) else ":"))
        out.append("")
    rows = [[_doc_link(p, None, base), md_escape(_shorten(first_line(result.documents[p]), FIRST_LINE)),
             str(claims_per_doc[p]), str(involved[p])] for p in listed]
    if rows:
        out.append(_table(rows, ["Document", "First line", "Claims", "Findings citing it"]))
        out.append("")

    out.append("## Conflicts")
    out.append("")
    if not findings:
        out.append("No conflicts found: the documents agree on every claim the rules compare.")
        out.append("")
    for n, f in enumerate(findings, 1):
        out.extend(_section(result, n, f, base))
    return terminal_safe("\n".join(out).rstrip("\n") + "\n")
