"""The one table of plug-ins: claim kinds, rule types and output formats.

Each entry names the module that holds it, and each module is named after what it holds
(`claim kind "date"` → factlint/extract/date.py, `rule type "one-value"` →
factlint/compare/one_value.py, format "sarif" → factlint/report/sarif.py). Modules are
imported when first asked for, so a run imports only what it uses.

To add a kind, a type or a format: write its module and add one line here.
"""

from __future__ import annotations

import importlib

# claim kind -> extractor class (factlint/extract/<kind>.py); an extractor says which kinds
# it reads (`needs`), and extractors run in an order that honours that, ties in this order
CLAIM_KINDS = {
    "spelling": "SpellingExtractor",
    "person": "PersonExtractor",
    "place": "PlaceExtractor",
    "date": "DateExtractor",
    "visit": "VisitExtractor",
    "anniversary": "AnniversaryExtractor",
    "event": "EventExtractor",
    "quantity": "QuantityExtractor",
    "ordinal": "OrdinalExtractor",
    "institution": "InstitutionExtractor",
    "moment": "MomentExtractor",
    "topic": "TopicExtractor",
}

# rule type -> rule class (factlint/compare/<type>.py)
RULE_TYPES = {
    "one-value": "OneValue",
    "one-form": "OneForm",
    "one-spelling": "OneSpelling",
    "one-title": "OneTitle",
    "one-holder": "OneHolder",
    "role-holder": "RoleHolder",
    "name-case": "NameCase",
    "date-range-order": "DateRangeOrder",
    "weekday-date": "WeekdayDate",
    "event-date-conflict": "EventDateConflict",
    "event-duration": "EventDuration",
    "anniversary-years": "AnniversaryYears",
    "anniversary-consistency": "AnniversaryConsistency",
    "quantity-conflict": "QuantityConflict",
    "ordinal-conflict": "OrdinalConflict",
    "number-notation": "NumberNotation",
    "event-time": "EventTime",
    "mixed-script": "MixedScript",
    "one-age": "OneAge",
    "place-spelling": "PlaceSpelling",
    "number-transposition": "NumberTransposition",
}

# rule types whose findings are about style, not facts (the facts agree; the fix is
# certain), and the warnings about suppression comments: the Markdown report folds them
# into one table
STYLE_TYPES = frozenset({"one-form", "name-case", "place-spelling", "unused-suppression", "invalid-suppression"})

# output format -> factlint/report/<format>.py, which defines render(result) -> str
FORMATS = ("concise", "json", "full", "markdown", "github", "sarif")


def module_name(package: str, name: str) -> str:
    return f"factlint.{package}.{name.replace('-', '_')}"


def extractor_class(kind: str) -> type:
    return getattr(importlib.import_module(module_name("extract", kind)), CLAIM_KINDS[kind])


def rule_class(rule_type: str) -> type:
    return getattr(importlib.import_module(module_name("compare", rule_type)), RULE_TYPES[rule_type])


def renderer(fmt: str):
    return importlib.import_module(module_name("report", fmt)).render
