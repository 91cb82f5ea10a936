"""The reference date of a document: the day it is written at, settled before extraction.

A date written without a year ("13/5") takes its year from it, and a claim with no date of
its own (a person's title, a spelling) refers to it. In order of trust:

1. front matter (`date: 2025-05-14`);
2. a dateline: a full date in a metadata line ("Thứ tư, 14/05/2025 21:40");
3. a metadata line `date 2025-05-14`;
4. the year most dates written in full in the text give.
"""

from __future__ import annotations

from collections import Counter

import regex

from factlint.model import PartialDate, Reference

_FRONT_MATTER = regex.compile(r"\ufeff?---\s*\n(.*?)\n---\s*\n", regex.S)
_FRONT_MATTER_DATE = regex.compile(r"(?m)^date\s*:\s*[\"']?(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")
_METADATA_DATE = regex.compile(r"(?m)^\s*date\s+(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def _groups(m) -> PartialDate:
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else None
    d = int(m.group(3)) if m.group(3) else None
    return PartialDate(y, mo, d)


def settle_reference(doc, grammar) -> Reference | None:
    """The reference date of `doc` (None when nothing gives a year); `grammar` is the
    lexicon's DateGrammar."""
    text = doc.text
    fm = _FRONT_MATTER.match(doc.raw)  # as written: layout blanks front matter in Markdown
    if fm:
        dm = _FRONT_MATTER_DATE.search(fm.group(1))
        if dm:
            return Reference(_groups(dm), "front matter")
    dates = grammar.scan(doc)
    for p in dates:
        if p.zone == "meta" and p.y and p.attribute in ("date", "month"):
            return Reference(PartialDate(p.y, p.m, p.d), "dateline")
    mm = _METADATA_DATE.search(text)
    if mm:
        return Reference(_groups(mm), "metadata line")
    full = Counter()
    for p in dates:
        if p.zone in ("body", "title") and p.attribute in ("date", "range", "month") and p.y:
            full[p.y2 or p.y] += 1
    if full:
        y = max(full, key=lambda k: (full[k], k))
        return Reference(PartialDate(y), "dates in the text")
    return None
