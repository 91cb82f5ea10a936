"""`--format markdown`: the report an editor reads in a minute (in a pull request, a wiki,
an e-mail), in the language of the run (Vietnamese unless `--lang en`).

Layout: one line of figures; the conflicts of fact in one table, then one short section
each (the message, the suggestion and why, and the evidence: one row per outlier and one
per document on the other side, the sentence quoted around the differing words, which
are in bold); the style warnings (spellings, a name's case, suppression comments) in one
compact table; the documents. Every word of it comes from the vocabulary's phrases
(rules/vocab/report.toml).

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
from factlint.report import location, phrases, severity_counts

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_WORD = re.compile(r"\w+", re.UNICODE)
SENTENCE_WINDOW = 45  # characters of context kept on each side of the differing words
MAX_OTHER_SIDES = 8  # mentions of the other side in `full`; documents of it in a markdown table
MAX_OUTLIER_ROWS = 20
MAX_POSITIONS = 6  # line:col positions listed in one evidence row
MAX_DOCUMENT_ROWS = 50  # in a big corpus, the documents table lists those holding outliers
FIRST_LINE = 80
MATRIX_ROWS = 30  # a corpus with more documents than this lists only those holding outliers


def report_date(result) -> str:
    """YYYY-MM-DD: result.date if set, else SOURCE_DATE_EPOCH, else today (UTC)."""
    fixed = getattr(result, "date", None)
    if fixed:
        return str(fixed)[:10]
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().lstrip("-").isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date().isoformat()
    return _dt.datetime.now(_dt.timezone.utc).date().isoformat()


def ordered(findings) -> list:
    return sorted(findings, key=lambda f: (-SEVERITY_RANK.get(f.severity, -1), f.sort_key()))


def corpus_name(result) -> str:
    for attr in ("paths", "inputs"):
        paths = getattr(result, attr, None)
        if paths:
            return ", ".join(str(p) for p in paths)
    docs = sorted(result.documents)
    if not docs:
        return "–"
    common = posixpath.commonpath(docs) if len(docs) > 1 else posixpath.dirname(docs[0])
    return (common or ".") + "/"


def differing_words(texts: list[str], outliers: int = 1, outlier_values=(), expected_values=(),
                    focus: str | None = None) -> list[set[str]]:
    """For each side's text, the words to set in bold: the words of the values compared
    that the other side does not share. An outlier's words must belong to its value (and
    to `focus`, the disputed part of it, when given) and appear in neither the expected
    value nor the other sides' texts; another side's words must belong to the expected
    value and appear in no outlier. Case is ignored unless the values differ only by case
    ("Tô lâm" / "Tô Lâm"). Words are returned as written."""
    def run(fold):
        words = [_WORD.findall(t) for t in texts]
        keys = [{fold(w) for w in ws} for ws in words]
        in_outliers = set().union(*keys[:outliers])
        in_others = set().union(*keys[outliers:])
        own_outlier = {fold(w) for v in outlier_values for w in _WORD.findall(v)}
        if focus:
            own_outlier &= {fold(w) for w in _WORD.findall(focus)}
        own_other = {fold(w) for v in expected_values for w in _WORD.findall(v)}
        out = []
        for i, ws in enumerate(words):
            own, against = ((own_outlier, own_other | in_others) if i < outliers
                            else (own_other, own_outlier | in_outliers))
            out.append({w for w in ws if fold(w) in own and fold(w) not in against})
        return out

    if not expected_values and len(texts) <= outliers:
        return [set() for _ in texts]  # nothing to differ from
    folded = run(str.casefold)
    return folded if any(folded) else run(lambda w: w)


def finding_marks(f, texts: list[str]) -> list[set[str]]:
    """The words in bold of each side of a finding (texts: the sides' words as written)."""
    n = len(f.values) - 1 if f.expected and len(f.values) > 1 else len(f.values)
    return differing_words(texts, f.outliers, f.values[:n], [f.expected] if f.expected else [],
                           f.focus)


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
    return _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def _bold_words(span: str, words: set[str]) -> str:
    """Escape `span`, marking the given words in bold (contiguous marked words form one run)."""
    if not words:
        return _inline(span)
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




def _positions(result, sides) -> str:
    locs = [location(result, c) for c in sides]
    shown = [f"{loc['line']}:{loc['column']}" for loc in locs[:MAX_POSITIONS]]
    more = len(locs) - len(shown)
    return ", ".join(shown) + (f", +{more}" if more > 0 else "")


def evidence_groups(f) -> tuple[list[tuple[bool, list[int]]], int]:
    """The evidence rows of a finding: (outlier?, side indices), outliers grouped by
    document, the other sides by document and value (the matrix of older reports, one row
    per cell); and how many mentions the rows leave out."""
    groups: dict[tuple, list[int]] = {}
    for i, c in enumerate(f.sides):
        outlier = i < f.outliers
        groups.setdefault((outlier, c.doc, None if outlier else c.value), []).append(i)
    outs = [(True, g) for k, g in groups.items() if k[0]][:MAX_OUTLIER_ROWS]
    others = [(False, g) for k, g in groups.items() if not k[0]][:MAX_OTHER_SIDES]
    shown = sum(len(g) for _, g in outs + others)
    return outs + others, len(f.sides) - shown


def _line_link(path: str, line: int, base: str | None) -> str:
    """A link to a line, labelled `name:line`."""
    return f"[{md_escape(posixpath.basename(path))}:{line}]({relative_link(path, base)}#L{line})"


def _table(rows, headers, align=None) -> str:
    return tabulate(rows, headers=headers, tablefmt="github", colalign=align, disable_numparse=True)


def is_style(f, rule_types: dict[str, str]) -> bool:
    """A style finding: the facts agree (spellings, a name's case) or a suppression comment."""
    from factlint.registry import STYLE_TYPES

    return rule_types.get(f.rule, f.rule) in STYLE_TYPES


def _found(f) -> str:
    """The outliers' values as written, one each."""
    return ", ".join(dict.fromkeys(str(c.display or c.value) for c in f.sides[:f.outliers]))


def _suggestion(phrase, f) -> str:
    parts = []
    if f.expected:
        support = f.support.get(f.expected)
        parts.append(phrase("md-suggested", value=md_escape(f.expected))
                     + (f" ({md_escape(support)})." if support else "."))
    if f.why:
        parts.append(phrase("md-why", reason=md_escape(f.why)))
    return " ".join(parts)


def _section(result, phrase, n: int, f, base: str | None) -> list[str]:
    about = f.about or f.subject
    out = [f"### {n}. {md_escape(about)} · `{f.rule}`", ""]
    out.append(f"{md_escape(f.message)}. " + _suggestion(phrase, f))
    out.append("")
    locs = [location(result, c) for c in f.sides]
    marks = finding_marks(f, [loc["text"] for loc in locs])
    rows = []
    groups, left_out = evidence_groups(f)
    for outlier, group in groups:
        first = group[0]
        c, loc = f.sides[first], locs[first]
        rows.append(["✗" if outlier else "✓", _doc_link(c.doc, loc["line"], base),
                     _positions(result, [f.sides[i] for i in group]),
                     quoted_sentence(result, c, marks[first]), md_escape(str(loc["value"]))])
    out.append(_table(rows, ["", phrase("md-col-document"), phrase("md-col-line"),
                             phrase("md-col-quote"), phrase("md-col-value")]))
    out.append("")
    if left_out:
        out.append(phrase("more-mentions", count=left_out))
        out.append("")
    return out


def _style_table(result, phrase, findings, base) -> list[str]:
    rows = []
    for f in findings:
        locs = [location(result, c) for c in f.sides]
        marks = finding_marks(f, [loc["text"] for loc in locs])
        here = _bold_words(locs[0]["text"], marks[0])
        where = ", ".join(_line_link(loc["path"], loc["line"], base) for loc in locs[:min(f.outliers, MAX_POSITIONS)])
        if f.outliers > MAX_POSITIONS:
            where += f", +{f.outliers - MAX_POSITIONS}"
        suggested = md_escape(f.expected or "")
        support = f.support.get(f.expected or "")
        if support:
            suggested += f" ({md_escape(support)})"
        if f.fix is not None:
            suggested += " " + phrase("md-fixable")
        rows.append([here, suggested or md_escape(f.message), where, f"`{f.rule}`"])
    return [_table(rows, [phrase("md-col-here"), phrase("md-col-suggested"), phrase("md-col-where"),
                          phrase("md-col-rule")]), ""]


def _documents(result, phrase, findings, base) -> list[str]:
    out = [f"## {phrase('md-documents')}", ""]
    involved = Counter(d for f in findings for d in {c.doc for c in f.sides})
    claims_per_doc = Counter(c.doc for c in result.claims)
    if len(result.documents) <= MATRIX_ROWS:
        listed = sorted(result.documents)
    else:  # a big corpus: the documents holding an outlier, most findings first
        holding = Counter(d for f in findings for d in {c.doc for c in f.sides[:f.outliers]})
        ranked = sorted(holding, key=lambda d: (-holding[d], d))
        listed = sorted(ranked[:MAX_DOCUMENT_ROWS])
        out += [phrase("md-big-corpus", holding=len(holding), total=len(result.documents),
                       listed=len(listed)), ""]
    rows = [[_doc_link(p, None, base), md_escape(_shorten(first_line(result.documents[p]), FIRST_LINE)),
             str(claims_per_doc[p]), str(involved[p])] for p in listed]
    if rows:
        out += [_table(rows, [phrase("md-col-document"), phrase("md-col-first-line"),
                              phrase("md-col-claims"), phrase("md-col-findings")]), ""]
    return out


def render(result) -> str:
    phrase = phrases(result)
    base = _link_base(result)
    findings = ordered(result.findings)
    rule_types = {r.id: r.type for r in (getattr(result, "rules", None) or [])}
    facts = [f for f in findings if not is_style(f, rule_types)]
    style = [f for f in findings if is_style(f, rule_types)]
    version = str(getattr(result, "version", "") or "")
    out = [f"# {phrase('md-title', corpus=md_escape(corpus_name(result)))}", ""]
    out.append(phrase("md-facts", documents=len(result.documents), claims=len(result.claims),
                      counts=severity_counts(phrase, findings), date=report_date(result),
                      version=md_escape(version)))
    out.append("")
    if not findings:
        out += [phrase("md-none"), ""]
    else:
        out += [phrase("md-legend"), ""]
    if facts:
        out += [f"## {phrase('md-conflicts', count=len(facts))}", ""]
        rows = []
        for n, f in enumerate(facts, 1):
            first = location(result, f.sides[0])
            rows.append([str(n), md_escape(f.about or f.subject),
                         md_escape(_found(f)) + " — " + _line_link(first["path"], first["line"], base),
                         md_escape(f.expected or ""), f"`{f.rule}`"])
        out += [_table(rows, ["#", phrase("md-col-about"), phrase("md-col-here"),
                              phrase("md-col-suggested"), phrase("md-col-rule")]), ""]
        for n, f in enumerate(facts, 1):
            out += _section(result, phrase, n, f, base)
    if style:
        out += [f"## {phrase('md-style', count=len(style))}", ""]
        out += _style_table(result, phrase, style, base)
    out += _documents(result, phrase, findings, base)
    return "\n".join(out).rstrip("\n") + "\n"
