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
