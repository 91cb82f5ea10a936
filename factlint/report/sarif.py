"""`--format sarif`: SARIF 2.1.0 for code-scanning tools (GitHub code scanning, IDE viewers).

One result per finding. `locations` holds the outlier(s) — the first is what GitHub shows —
and `relatedLocations` the other sides (up to 100), each with an id the message links to
(`[text](id)`, SARIF §3.11.6). Columns are Unicode code points (`columnKind`), 1-based,
end exclusive, as everywhere in factlint. `partialFingerprints` hash the rule, subject,
values and outlier documents — never line numbers — so a finding keeps its identity when
text above it moves.
"""

from __future__ import annotations

import hashlib
import json
from urllib.parse import quote

from factlint.report import location, phrases

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "factlintFinding/v1"
MAX_RELATED = 100  # GitHub code scanning keeps at most 100 related locations per result
MAX_LINKS = 5  # other sides linked from the message text


def information_uri() -> str:
    """The project's home page from the installed package metadata (PyPI page as fallback)."""
    try:
        from importlib.metadata import metadata

        meta = metadata("factlint")
        for entry in meta.get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if url.strip().startswith("http"):
                return url.strip()
        if (meta.get("Home-page") or "").startswith("http"):
            return meta["Home-page"]
    except Exception:  # not installed: running from a source tree
        pass
    return "https://pypi.org/project/factlint/"


def artifact_uri(path: str) -> str:
    """A relative URI reference (RFC 3986) for a display path."""
    return quote(path.replace("\\", "/"), safe="/")


def fingerprint(f) -> str:
    outlier_docs = sorted({c.doc for c in f.sides[:f.outliers]})
    values = [f.values[0], *sorted(f.values[1:])] if f.values else []
    key = json.dumps([f.rule, f.subject, values, outlier_docs], ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _short(description: str) -> str:
    first = description.strip().split("\n")[0]
    end = first.find(". ")
    return first[:end + 1] if 0 < end < 200 else first[:200]


def rule_descriptor(spec) -> dict:
    desc = {
        "id": spec.id,
        "name": "".join(part.capitalize() for part in spec.id.split("-")),
        "shortDescription": {"text": _short(spec.description)},
        "fullDescription": {"text": spec.description.strip()},
        "defaultConfiguration": {"level": LEVEL.get(spec.severity, "warning")},
        "properties": {"type": spec.type, "tags": ["consistency", spec.type]},
    }
    if spec.examples:
        lines = []
        for ex in spec.examples:
            verdict = ("flags " + ", ".join(repr(v) for v in ex.expect)) if ex.expect else "no finding"
            docs = " | ".join(d.strip() for d in ex.docs)
            lines.append(f"- {docs} → {verdict}" + (f" ({ex.note})" if ex.note else ""))
        desc["help"] = {"text": "Examples:\n" + "\n".join(lines)}
    return desc


def _escape_link_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def physical_location(result, claim, context: bool = True) -> dict:
    loc = location(result, claim)
    doc = result.documents[claim.doc]
    out = {
        "artifactLocation": {"uri": artifact_uri(loc["path"])},
        "region": {
            "startLine": loc["line"],
            "startColumn": loc["column"],
            "endLine": loc["end_line"],
            "endColumn": loc["end_column"],
            "snippet": {"text": loc["text"]},
        },
    }
    if context:  # the whole line, for viewers that show the finding in context
        out["contextRegion"] = {"startLine": loc["line"], "endLine": loc["line"],
                                "snippet": {"text": doc.line_text(loc["line"])}}
    return out


def sarif_result(result, f, rule_index: int) -> dict:
    phrase = phrases(result)
    related = []
    links = []
    others = f.sides[f.outliers:]
    for i, c in enumerate(others[:MAX_RELATED], start=1):
        loc = location(result, c)
        value = str(loc["value"])
        related.append({
            "id": i,
            "physicalLocation": physical_location(result, c, context=False),
            "message": {"text": phrase("in-file", value=value, path=loc["path"], line=loc["line"])},
        })
        if i <= MAX_LINKS:
            link = phrase("sarif-link", value=_escape_link_text(value),
                          path=_escape_link_text(loc["path"]), line=loc["line"])
            links.append(f"[{link}]({i})")
    if len(others) > MAX_LINKS:
        links.append(phrase("sarif-more", count=len(others) - MAX_LINKS))
    text = f.message
    if f.expected:
        text += " " + phrase("sarif-expected", value=f.expected) + (f" {f.why}" if f.why else "")
    if links:
        text += " " + phrase("other-sources", links="; ".join(links))
    out = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVEL.get(f.severity, "warning"),
        "message": {"text": text},
        "locations": [{"physicalLocation": physical_location(result, c)} for c in f.sides[:f.outliers]],
        "partialFingerprints": {FINGERPRINT: fingerprint(f)},
        "properties": {"subject": f.subject, "values": list(f.values),
                       **({"expected": f.expected} if f.expected else {}),
                       **({"support": dict(f.support)} if f.support else {})},
    }
    if related:
        out["relatedLocations"] = related
    return out


def sarif_log(result) -> dict:
    specs = list(getattr(result, "rules", None) or [])
    rules = [rule_descriptor(s) for s in sorted(specs, key=lambda s: s.id)]
    index = {r["id"]: i for i, r in enumerate(rules)}
    findings = sorted(result.findings, key=lambda f: f.sort_key())
    for f in findings:  # a finding of a rule the run does not list: describe it minimally
        if f.rule not in index:
            index[f.rule] = len(rules)
            rules.append({"id": f.rule, "shortDescription": {"text": f.rule},
                          "fullDescription": {"text": f.rule},
                          "defaultConfiguration": {"level": LEVEL.get(f.severity, "warning")}})
    version = str(getattr(result, "version", "") or "")
    driver = {"name": "factlint", "informationUri": information_uri(), "rules": rules}
    if version:
        driver["version"] = version
        driver["semanticVersion"] = version
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "columnKind": "unicodeCodePoints",
            "results": [sarif_result(result, f, index[f.rule]) for f in findings],
        }],
    }


def render(result) -> str:
    return json.dumps(sarif_log(result), ensure_ascii=False, indent=2) + "\n"
