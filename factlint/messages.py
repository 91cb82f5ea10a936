"""Message templates of rule files: what a finding says, in each language of the reports.

A template is plain text with three kinds of fields, each naming a field the rule type
documents (`factlint rule ID` lists them):

    {subject}            the value as text
    {outlier!r}          the value quoted ('Inham Aliyev')
    {count:one|many}     the word for a number: "1 other document", "3 other documents"
                         are written "{count} other {count:document|documents}"

Nothing else is allowed: no attribute or index access, no format specification. A
template is checked when its rule file is loaded, so a bad one is an error naming the
file, never a failure while a report is written.
"""

from __future__ import annotations

import string

_FORMATTER = string.Formatter()


class TemplateError(ValueError):
    pass


def parse(template: str, fields: frozenset[str] | set[str]) -> list[tuple]:
    """The template as (literal, field, conversion, forms) pieces; TemplateError when it
    names an unknown field or uses anything but the three kinds of fields."""
    pieces = []
    try:
        parsed = list(_FORMATTER.parse(template))
    except ValueError as exc:
        raise TemplateError(f"{exc} in {template!r}") from None
    for literal, name, spec, conversion in parsed:
        if name is None:
            pieces.append((literal, None, None, None))
            continue
        if not name.isidentifier():
            raise TemplateError(f"{{{name}}}: only plain field names are allowed")
        if name not in fields:
            known = ", ".join(sorted(fields)) or "none"
            raise TemplateError(f"{{{name}}} is not a field of this message (fields: {known})")
        if conversion not in (None, "r"):
            raise TemplateError(f"{{{name}!{conversion}}}: only !r is allowed")
        forms = None
        if spec:
            if "{" in spec or spec.count("|") != 1:
                raise TemplateError(f"{{{name}:{spec}}}: the only format is one|many")
            forms = tuple(spec.split("|"))
        pieces.append((literal, name, conversion, forms))
    return pieces


def render(pieces: list[tuple], values: dict) -> str:
    out = []
    for literal, name, conversion, forms in pieces:
        out.append(literal)
        if name is None:
            continue
        value = values[name]
        if forms is not None:
            out.append(forms[0] if value == 1 else forms[1])
        elif conversion == "r":
            out.append(repr(str(value)))
        else:
            out.append(str(value))
    return "".join(out)


# ---- phrases: what the engine says beyond the rules' own messages ---------------------------
#
# The templates live in the vocabulary (`[messages.<lang>]` in rules/vocab/report.toml), so
# a newsroom rewords them without touching Python; this table says which keys exist and
# which fields each may name. A language that lacks a key falls back to English.

_F = frozenset
PHRASES: dict[str, frozenset[str]] = {
    # why a value is suggested (compare/__init__.py) and how much supports it
    "support": _F({"mentions", "documents"}),
    "why-preferred": _F(),
    "why-tie": _F(),
    "why-supported": _F({"support"}),
    # why the claims were judged comparable, per rule type ({choice}: one of the above)
    "why-one-value": _F({"choice"}),
    "why-one-value-window": _F({"choice", "window_days"}),
    "why-one-holder": _F({"choice", "window_days"}),
    "why-same-person": _F({"evidence", "choice"}),
    "why-age": _F({"window_days", "choice"}),
    "why-place": _F({"choice"}),
    "why-transposed": _F({"choice"}),
    # why two mentions are one person (compare/__init__.py People)
    "evidence-unique-role": _F({"role"}),
    "evidence-role": _F({"role"}),
    "evidence-age": _F({"role"}),
    "evidence-document": _F({"role"}),
    "evidence-story": _F({"role"}),
    "why-quantity": _F({"expected", "support"}),
    "why-quantity-lower": _F(),
    "why-ordinal": _F({"expected", "support"}),
    "why-notation": _F({"written", "other"}),
    "why-event-date": _F({"expected", "support", "actor", "max_gap_days"}),
    "why-event-date-hosts": _F({"expected", "support", "actor", "max_gap_days", "hosts"}),
    "why-event-duration": _F({"range", "days"}),
    "why-anniversary-span": _F({"first_year", "last_year"}),
    "why-anniversary-here": _F({"reference_year", "source", "base_year"}),
    "why-anniversary-corpus": _F({"reference_year", "source", "base_year"}),
    "why-weekday": _F({"date", "weekday"}),
    "why-range-order": _F(),
    "why-disagree": _F(),
    "why-event-time": _F({"documents", "expected"}),
    "why-anniversary-consistency": _F({"choice"}),
    # what a finding is about, when its subject is a key rather than words of the text
    "about-trip-end": _F({"actor"}),
    "about-trip-start": _F({"actor"}),
    # suppression comments (filter/suppress.py)
    "suppression-unused": _F({"directive", "rule"}),
    "suppression-unused-value": _F({"directive", "rule", "value"}),
    "suppression-not-rule-id": _F({"token"}),
    "suppression-needs-id": _F({"directive"}),
    "suppression-ignore-form": _F(),
    "suppression-stray-enable": _F({"rule"}),
    "suppression-unknown-rule": _F({"rule"}),
    # reports (factlint/report/)
    "severity-error": _F({"count"}),
    "severity-warning": _F({"count"}),
    "severity-info": _F({"count"}),
    "no-findings": _F(),
    "summary": _F({"documents", "claims", "errors", "warnings", "infos"}),
    "versus": _F(),
    "more-cited": _F({"count"}),
    "more-mentions": _F({"count"}),
    "outlier": _F(),
    "expected": _F({"value"}),
    "why": _F({"reason"}),
    "found": _F({"count", "counts", "documents"}),
    "github-expected": _F({"value"}),
    "github-summary": _F({"count", "counts", "documents"}),
    "github-more": _F({"count"}),
    "sarif-expected": _F({"value"}),
    "sarif-link": _F({"value", "path", "line"}),
    "sarif-more": _F({"count"}),
    "other-sources": _F({"links"}),
    "in-file": _F({"value", "path", "line"}),
    "md-title": _F({"corpus"}),
    "md-facts": _F({"documents", "claims", "counts", "date", "version"}),
    "md-legend": _F(),
    "md-none": _F(),
    "md-conflicts": _F({"count"}),
    "md-style": _F({"count"}),
    "md-documents": _F(),
    "md-big-corpus": _F({"holding", "total", "listed"}),
    "md-suggested": _F({"value"}),
    "md-why": _F({"reason"}),
    "md-fixable": _F(),
    "md-col-about": _F(),
    "md-col-here": _F(),
    "md-col-suggested": _F(),
    "md-col-where": _F(),
    "md-col-rule": _F(),
    "md-col-document": _F(),
    "md-col-line": _F(),
    "md-col-quote": _F(),
    "md-col-value": _F(),
    "md-col-first-line": _F(),
    "md-col-claims": _F(),
    "md-col-findings": _F(),
    # the command line: --statistics, --fix, --diff, focus
    "statistics": _F({"count", "rule", "severity"}),
    "statistics-fixable": _F({"count", "rule", "severity"}),
    "fixed": _F({"count", "files"}),
    "would-fix": _F({"count", "files"}),
}


class Phrasebook:
    """The phrases of one language, English where that language has none."""

    def __init__(self, messages: dict[str, dict[str, str]], lang: str = "en"):
        self.lang = lang
        self._templates = {**messages.get("en", {}), **messages.get(lang, {})}
        self._parsed: dict[str, list[tuple]] = {}

    def __call__(self, key: str, **fields) -> str:
        pieces = self._parsed.get(key)
        if pieces is None:
            template = self._templates.get(key)
            if template is None:
                from factlint.errors import FactlintError

                raise FactlintError(f"the vocabulary has no message {key!r} (rules/vocab/report.toml "
                                    f"of the default rules has every one)")
            pieces = self._parsed[key] = parse(template, PHRASES[key])
        return render(pieces, fields)


def check_phrases(messages: dict[str, dict[str, str]]) -> None:
    """Every key known and every template valid: ValueError naming the first that is not."""
    import difflib

    for lang, templates in messages.items():
        for key, template in templates.items():
            if key not in PHRASES:
                close = difflib.get_close_matches(key, list(PHRASES), n=1, cutoff=0.7)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise ValueError(f"{lang}.{key}: unknown message{hint}")
            try:
                parse(template, PHRASES[key])
            except TemplateError as exc:
                raise ValueError(f"{lang}.{key}: {exc}") from None
