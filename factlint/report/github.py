"""`--format github`: GitHub Actions workflow commands, one annotation per outlier location.

    ::error file=seeds/a.txt,line=3,col=5,endLine=3,endColumn=14,title=factlint (rule)::message

error -> ::error, warning -> ::warning, info -> ::notice. The message names the other
sides so the annotation stands on its own in the pull-request diff. A one-line summary
follows the annotations (plain text, shown in the job log).
"""

from __future__ import annotations

from factlint.report import location, phrases, severity_counts

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
MAX_OTHER_SIDES = 5


def escape_data(text: str) -> str:
    """The message part (after ::), as GitHub's toolkit escapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file=, title=): also `:` and `,`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(severity: str, message: str, **props) -> str:
    names = {"file": "file", "line": "line", "col": "col", "end_line": "endLine",
             "end_column": "endColumn", "title": "title"}
    parts = [f"{names[k]}={escape_property(str(v))}" for k, v in props.items() if v is not None]
    return f"::{COMMAND.get(severity, 'warning')} {','.join(parts)}::{escape_data(message)}"


def _message(result, f) -> str:
    phrase = phrases(result)
    lines = [f.message]
    if f.expected:
        lines.append(phrase("github-expected", value=f.expected) + (f" ({f.why})" if f.why else ""))
    others = f.sides[f.outliers:]
    for c in others[:MAX_OTHER_SIDES]:
        loc = location(result, c)
        lines.append(f"- {loc['path']}:{loc['line']}:{loc['column']}: {loc['value']}")
    if len(others) > MAX_OTHER_SIDES:
        lines.append("- " + phrase("github-more", count=len(others) - MAX_OTHER_SIDES))
    return "\n".join(lines)


def render(result) -> str:
    findings = sorted(result.findings, key=lambda f: f.sort_key())
    out: list[str] = []
    for f in findings:
        message = _message(result, f)
        for c in f.sides[:f.outliers]:
            loc = location(result, c)
            out.append(annotation(
                f.severity, message, file=loc["path"], line=loc["line"], col=loc["column"],
                end_line=loc["end_line"], end_column=loc["end_column"], title=f"factlint ({f.rule})"))
    phrase = phrases(result)
    out.append("factlint: " + phrase("github-summary", count=len(findings),
                                     counts=severity_counts(phrase, findings),
                                     documents=len(result.documents)))
    return "\n".join(out) + "\n"
