"""Suppressions: a writer marks a deliberate difference so factlint stops reporting it.

In Markdown (.md, .markdown), HTML comments — invisible when published. Rule ids are
mandatory; several may be given, separated by spaces or commas; anything after ` -- ` is a
free-text reason:

    <!-- factlint-disable person-name -->            from here …
    <!-- factlint-enable person-name -->             … to here (or to the end of the file)
    <!-- factlint-disable-next-line person-name -- quoting the interview as spoken -->
    <!-- factlint-ignore person-name "Inham Aliyev" -->   this one value, in this whole file

In plain text (.txt) there is no invisible comment, so files are switched off per rule
with `per-file-ignores` in the configuration.

A suppressed side is removed from its finding; a finding whose outlier sides are all
suppressed (or that has nothing left to disagree with) disappears. A directive that
suppresses nothing is reported as a warning, `unused-suppression`; a directive that
cannot be read (no rule id, unknown rule id, stray enable) as `invalid-suppression`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable

import regex

from factlint.model import Claim, DirectiveData, Finding

MARKDOWN_SUFFIXES = (".md", ".markdown")
UNUSED, INVALID = "unused-suppression", "invalid-suppression"  # ruleset.PSEUDO_RULES

_DIRECTIVE = regex.compile(
    # the body is bounded: an unclosed "<!-- factlint-disable" must not scan to the end of
    # the file once per directive
    r"<!--[ \t]*factlint-(?P<kind>disable-next-line|disable|enable|ignore)\b(?P<body>.{0,2000}?)-->",
    regex.S,
)
_RULE_ID = regex.compile(r"^[a-z][a-z0-9-]*$")
_QUOTED = regex.compile(r'"(?P<v>[^"]*)"|“(?P<w>[^”]*)”')


@dataclass
class Directive:
    doc: str
    kind: str  # disable, enable, disable-next-line, ignore
    rules: list[str]
    raw_start: int  # span of the whole comment in the file as written
    raw_end: int
    text: str
    value: str | None = None  # for ignore
    line: int = 0  # 1-based line of the comment's start
    end_line: int = 0  # 1-based line of the comment's end
    region_end: int | None = None  # for disable: raw offset of the matching enable (None: EOF)
    used: set[str] = field(default_factory=set)  # rule ids that suppressed something
    problem: tuple[str, dict] | None = None  # why the directive is invalid: a message key, its fields


def _line_of(starts: list[int], raw_pos: int) -> int:
    from bisect import bisect_right
    return bisect_right(starts, raw_pos)


def _line_starts(raw: str) -> list[int]:
    return [0] + [m.end() for m in regex.finditer(r"\r\n?|\n", raw)]


def fold(s: str) -> str:
    """How an ignored value is compared: NFC, case-folded, white space collapsed."""
    return " ".join(unicodedata.normalize("NFC", s).casefold().split())


def parse(path: str, raw: str) -> list[Directive]:
    """All factlint directives of one Markdown file, disable regions closed by their enables."""
    starts = _line_starts(raw)
    out: list[Directive] = []
    open_disables: dict[str, Directive] = {}
    for m in _DIRECTIVE.finditer(raw):
        kind, body = m.group("kind"), m.group("body")
        d = Directive(path, kind, [], m.start(), m.end(), m.group(), line=_line_of(starts, m.start()),
                      end_line=_line_of(starts, max(m.end() - 1, m.start())))
        if kind == "ignore":
            q = _QUOTED.search(body)
            if q:
                d.value = q.group("v") if q.group("v") is not None else q.group("w")
                body = body[:q.start()] + " " + body[q.end():]
        reason_at = body.find(" --")
        if reason_at != -1:
            body = body[:reason_at]
        ids = [t for t in regex.split(r"[\s,]+", body.strip()) if t]
        d.rules = [t for t in ids if _RULE_ID.match(t)]
        bad = [t for t in ids if not _RULE_ID.match(t)]
        if bad:
            d.problem = ("suppression-not-rule-id", {"token": bad[0]})
        elif not d.rules:
            d.problem = ("suppression-needs-id", {"directive": f"factlint-{kind}"})
        elif kind == "ignore" and (d.value is None or len(d.rules) != 1):
            d.problem = ("suppression-ignore-form", {})
        out.append(d)
        if d.problem:
            continue
        if kind == "disable":
            for r in d.rules:
                open_disables.setdefault(r, d)
        elif kind == "enable":
            closed = [r for r in d.rules if r in open_disables]
            for r in closed:
                dis = open_disables.pop(r)
                # one disable may name several rules closed by different enables: keep the
                # region per rule by splitting the directive
                if len(dis.rules) > 1:
                    part = replace(dis, rules=[r], used=set())
                    dis.rules = [x for x in dis.rules if x != r]
                    part.region_end = m.start()
                    out.insert(next(i for i, x in enumerate(out) if x is dis), part)
                else:
                    dis.region_end = m.start()
            stray = [r for r in d.rules if r not in closed]
            if stray:
                d.problem = ("suppression-stray-enable", {"rule": stray[0]})
    return out


class Suppressions:
    """The directives of a corpus plus per-file ignores, asked claim by claim."""

    def __init__(self, documents: dict, file_ignores: Callable[[str], Iterable[str]] | None = None,
                 phrase: Callable[..., str] | None = None):
        self.documents = documents
        self.phrase = phrase or _english()
        self.file_ignores = file_ignores
        self.directives: dict[str, list[Directive]] = {}
        self._file_cache: dict[str, set[str]] = {}
        for path, doc in documents.items():
            if str(path).lower().endswith(MARKDOWN_SUFFIXES):
                ds = parse(path, doc.raw)
                if ds:
                    self.directives[path] = ds

    def _ignored_for_file(self, path: str) -> set[str]:
        if self.file_ignores is None:
            return set()
        if path not in self._file_cache:
            self._file_cache[path] = set(self.file_ignores(path))
        return self._file_cache[path]

    def suppressed(self, rule: str, claim: Claim) -> bool:
        """Whether this claim does not count for this rule; marks the directive used."""
        if rule in self._ignored_for_file(claim.doc):
            return True
        ds = self.directives.get(claim.doc)
        if not ds:
            return False
        doc = self.documents[claim.doc]
        pos = doc.raw_offset(claim.start)
        line = None
        hit = False
        for d in ds:
            if d.problem:
                continue
            if d.raw_start <= pos < d.raw_end:  # words inside a directive are not article text
                return True
            if rule not in d.rules:
                continue
            if d.kind == "disable":
                if d.raw_end <= pos and (d.region_end is None or pos < d.region_end):
                    d.used.add(rule)
                    hit = True
            elif d.kind == "disable-next-line":
                if line is None:
                    line = doc.line_col(claim.start)[0]
                if line == d.end_line + 1:
                    d.used.add(rule)
                    hit = True
            elif d.kind == "ignore":
                wanted = fold(d.value or "")
                if wanted and wanted in {fold(claim.display), fold(claim.text), fold(claim.value),
                                         fold(doc.raw_slice(claim.start, claim.end))}:
                    d.used.add(rule)
                    hit = True
        return hit

    def apply(self, findings: list[Finding]) -> list[Finding]:
        """Findings with suppressed sides removed (and emptied findings dropped)."""
        kept: list[Finding] = []
        for f in findings:
            flags = [self.suppressed(f.rule, c) for c in f.sides]
            if not any(flags):
                kept.append(f)
                continue
            n_out = max(1, min(f.outliers, len(f.sides)))
            outliers = [c for c, s in zip(f.sides[:n_out], flags[:n_out]) if not s]
            others = [c for c, s in zip(f.sides[n_out:], flags[n_out:]) if not s]
            if not outliers:
                continue
            if len(f.sides) > n_out and not others:
                continue  # nothing left to disagree with
            sides = outliers + others
            present = {c.value for c in sides} | {c.display for c in sides if c.display}
            values = [v for v in f.values if v in present] or list(f.values)
            kept.append(replace(f, sides=sides, outliers=len(outliers), values=values))
        return kept

    def problems(self, active_rules: Iterable[str] | None = None,
                 known_rules: Iterable[str] | None = None) -> list[Finding]:
        """Warnings for unused and invalid directives. A directive naming a rule that did not
        run (not selected, ignored) is not reported as unused; one naming a rule that does
        not exist is invalid."""
        active = set(active_rules) if active_rules is not None else None
        known = set(known_rules) if known_rules is not None else None
        out: list[Finding] = []
        for path, ds in self.directives.items():
            for d in ds:
                if d.problem:
                    key, fields = d.problem
                    out.append(self._warning(INVALID, d, self.phrase(key, **fields), d.rules[0] if d.rules else ""))
                    continue
                if d.kind == "enable":
                    continue
                for r in d.rules:
                    if known is not None and r not in known:
                        out.append(self._warning(INVALID, d, self.phrase("suppression-unknown-rule", rule=r), r))
                    elif r not in d.used and (active is None or r in active):
                        directive = f"factlint-{d.kind}"
                        message = (self.phrase("suppression-unused", directive=directive, rule=r)
                                   if d.value is None else
                                   self.phrase("suppression-unused-value", directive=directive, rule=r,
                                               value=d.value))
                        out.append(self._warning(UNUSED, d, message, r))
        return [w for w in out if w.rule not in self._ignored_for_file(w.sides[0].doc)]

    def _warning(self, rule: str, d: Directive, message: str, subject: str) -> Finding:
        doc = self.documents[d.doc]
        start, end = working_offset(doc, d.raw_start), working_offset(doc, d.raw_end)
        value = f"factlint-{d.kind}" + (f" {d.value}" if d.value is not None else "")
        claim = Claim(kind="suppression", subject=subject, attribute="directive", value=value,
                      text=d.text, doc=d.doc, start=start, end=end, zone="meta", display=d.text,
                      data=DirectiveData())
        return Finding(rule=rule, severity="warning", message=message, subject=subject,
                       expected=None, values=[value], sides=[claim], outliers=1)


def working_offset(doc, raw_pos: int) -> int:
    """The working-text offset of a position in the file as written (inverse of raw_offset)."""
    return doc.working_offset(raw_pos)


def _english():
    """The default rules' English phrases (for callers that bring no phrase book)."""
    from factlint.messages import Phrasebook
    from factlint.ruleset import default_rules_dir, load_ruleset

    return Phrasebook(load_ruleset([default_rules_dir()]).vocabulary.messages)


def apply_suppressions(findings: list[Finding], documents: dict, *,
                       file_ignores: Callable[[str], Iterable[str]] | None = None,
                       active_rules: Iterable[str] | None = None,
                       known_rules: Iterable[str] | None = None,
                       phrase: Callable[..., str] | None = None) -> list[Finding]:
    """Entry point: suppressed sides removed, plus warnings for unused/invalid directives,
    sorted like the pipeline sorts findings."""
    s = Suppressions(documents, file_ignores, phrase)
    kept = s.apply(findings)
    extra = s.problems(active_rules, known_rules)
    return sorted(kept + extra, key=Finding.sort_key)
