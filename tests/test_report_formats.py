"""The `full` and `github` renderers, the shared helpers, `factlint rules` / `rule ID`,
and the determinism of every format on the seeds."""

import json
import os
import unicodedata
from dataclasses import dataclass, field

import pytest

from conftest import SEEDS, run_cli
from factlint.model import Claim
from factlint.model import Finding
from factlint.normalize.text import make_document
from factlint.registry import renderer

FORMATS = ("concise", "json", "full", "github", "sarif", "markdown")


# --- a small hand-made result (independent of the extractors) ----------------------------

@dataclass
class FakeResult:
    documents: dict
    claims: list
    findings: list
    rules: list = field(default_factory=list)
    version: str = "9.9.9"
    date: str = "2025-05-14"
    output: str | None = None

    @property
    def summary(self):
        count = {s: sum(f.severity == s for f in self.findings) for s in ("error", "warning", "info")}
        return {"documents": len(self.documents), "claims": len(self.claims),
                "errors": count["error"], "warnings": count["warning"], "infos": count["info"]}


DOCS = {
    "corpus/a.txt": "Tiêu đề\n\nTổng thống Ilham Aliyev phát biểu.\n",
    "corpus/b.txt": "Tin | ngắn\r\nÔng Thủ tướng Ilham Aliyev, nói: 100% đồng ý.\r\n",
    # NFD (decomposed) text: columns count characters of the file as written
    "corpus/c d.txt": unicodedata.normalize("NFD", "Hôm nay Tổng thống Ilham Aliyev tới.\n"),
}


def claim(docs, path, phrase, value, subject="ilham aliyev"):
    doc = docs[path]
    start = doc.text.index(phrase)
    line_start = doc.text.rfind("\n", 0, start) + 1
    line_end = doc.text.find("\n", start)
    return Claim(kind="person", subject=subject, attribute="title", value=value, text=phrase,
                 doc=path, start=start, end=start + len(phrase), sentence=(line_start, line_end),
                 display=phrase)


def make_result(severity="error", outliers=1, extra_findings=()):
    docs = {p: make_document(p, t) for p, t in DOCS.items()}
    out = claim(docs, "corpus/b.txt", "Thủ tướng", "thủ tướng")
    a = claim(docs, "corpus/a.txt", "Tổng thống", "tổng thống")
    c = claim(docs, "corpus/c d.txt", "Tổng thống", "tổng thống")
    f = Finding(rule="person-title", severity=severity, subject="Ilham Aliyev",
                message="Ilham Aliyev: 'Thủ tướng' here, but 'Tổng thống' elsewhere",
                expected="Tổng thống", values=["thủ tướng", "tổng thống"], sides=[out, a, c],
                outliers=outliers, why="supported by 2 mentions in 2 documents",
                support={"Thủ tướng": "1 mention in 1 document", "Tổng thống": "2 mentions in 2 documents"})
    return FakeResult(docs, [out, a, c], [f, *extra_findings])


def render(fmt, result):
    return renderer(fmt)(result)


# --- full --------------------------------------------------------------------------------

def test_full_snapshot():
    assert render("full", make_result()) == (
        "corpus/b.txt:2:5: error person-title Ilham Aliyev: 'Thủ tướng' here, but 'Tổng thống' elsewhere\n"
        "  --> corpus/b.txt:2:5\n"
        "   |\n"
        " 2 | Ông Thủ tướng Ilham Aliyev, nói: 100% đồng ý.\n"
        "   |     ^^^^^^^^^ Thủ tướng (outlier)\n"
        "  --> corpus/a.txt:3:1\n"
        "   |\n"
        " 3 | Tổng thống Ilham Aliyev phát biểu.\n"
        "   | ---------- Tổng thống\n"
        "  --> corpus/c d.txt:1:10\n"  # NFD: "ô" is two characters in the file
        "   |\n"
        " 1 | " + unicodedata.normalize("NFD", "Hôm nay Tổng thống Ilham Aliyev tới.") + "\n"
        "   |         ---------- Tổng thống\n"
        "   |\n"
        "   = expected: Tổng thống\n"
        "   = why: supported by 2 mentions in 2 documents\n"
        "   = Thủ tướng: 1 mention in 1 document\n"
        "   = Tổng thống: 2 mentions in 2 documents\n"
        "\n"
        "Found 1 finding (1 error) in 3 documents.\n")


def test_full_underline_uses_display_width():
    from factlint.report.full import snippet, width

    # combining marks take no column, wide characters two
    assert width(unicodedata.normalize("NFD", "Tổng")) == 4
    assert width("日本") == 4
    shown, offset, span = snippet("日本 Tổng thống", 4, 14)
    assert shown == "日本 Tổng thống" and offset == 5 and span == 10
    # a long line is cut around the span, and the underline follows the cut
    line = "x" * 300 + " Thủ tướng " + "y" * 300
    shown, offset, span = snippet(line, 302, 311)
    assert shown.startswith("… ") and shown.endswith(" …")
    assert shown[offset:offset + span] == "Thủ tướng"


# --- github ------------------------------------------------------------------------------

def test_github_escaping():
    from factlint.report.github import annotation, escape_data, escape_property

    assert escape_data("100% a\r\nb") == "100%25 a%0D%0Ab"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    line = annotation("info", "x: y, z", file="d/a,b.txt", line=1, title="factlint (r)")
    assert line == "::notice file=d/a%2Cb.txt,line=1,title=factlint (r)::x: y, z"


@pytest.mark.parametrize("severity,command", [("error", "::error "), ("warning", "::warning "),
                                              ("info", "::notice ")])
def test_github_one_annotation_per_outlier(severity, command):
    text = render("github", make_result(severity=severity, outliers=2))
    lines = text.splitlines()
    assert len(lines) == 3  # two outliers, then the summary
    assert all(line.startswith(command) for line in lines[:2])
    assert lines[0].startswith(f"{command}file=corpus/b.txt,line=2,col=5,endLine=2,endColumn=14,"
                               "title=factlint (person-title)::")
    assert "file=corpus/a.txt,line=3,col=1,endLine=3,endColumn=11" in lines[1]
    # the message is one physical line: % and line ends escaped, the other sides listed
    assert "100%" not in lines[0] and "%0A- corpus/c d.txt:1:10: Tổng thống" in lines[0]
    assert lines[2] == f"factlint: 1 finding (1 {severity}) in 3 documents"


# --- shared helpers ----------------------------------------------------------------------

def test_report_date_sources(monkeypatch):
    from factlint.report.markdown import report_date

    r = make_result()
    assert report_date(r) == "2025-05-14"
    r.date = None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert report_date(r) == "1970-01-02"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert len(report_date(r)) == 10  # falls back to today


def test_evidence_rows_keep_outliers_and_one_mention_per_document():
    from factlint.report.markdown import MAX_OTHER_SIDES, evidence_rows

    r = make_result()
    f = r.findings[0]
    many = [f.sides[1]] * 20 + [f.sides[2]]
    f.sides = [f.sides[0], *many]
    rows, left_out = evidence_rows(f)
    assert rows[0] == 0 and len(rows) == 1 + MAX_OTHER_SIDES
    assert len(f.sides) - 1 in rows  # the only mention in c d.txt is never left out
    assert left_out == len(many) - MAX_OTHER_SIDES


# --- factlint rules / rule ID ------------------------------------------------------------

def _specs():
    from factlint.ruleset import Example, RuleSpec

    return [
        RuleSpec(id="visit-level", type="one-value", severity="error",
                 description="One visit level per visitor and host.", why="Protocol fixes it.",
                 params={"kind": "visit"}, message={"en": {"default": "{subject}: {outlier!r}"}},
                 examples=[Example(docs=["A thăm cấp Nhà nước B.", "A thăm chính thức B."],
                                   expect=["thăm chính thức"], note="two levels")]),
        RuleSpec(id="name-case", type="name-case", severity="warning",
                 description="A known name written with a lowercase syllable.", why="Search breaks.",
                 examples=[Example(docs=["Tô Lâm\n\nTô Lâm nói."])]),
    ]


def test_rules_table_sorted_with_every_column():
    from factlint.rulesinfo import rules_table

    text = rules_table(_specs())
    lines = text.splitlines()
    assert lines[0].split() == ["id", "type", "severity", "description"]
    assert lines[2].startswith("name-case") and lines[3].startswith("visit-level")
    assert "one-value" in lines[3] and "error" in lines[3]
    data = json.loads(rules_table(_specs(), fmt="json"))
    assert [d["id"] for d in data] == ["name-case", "visit-level"] and data[1]["examples"] == 1


def test_rule_detail_shows_examples_and_verdicts():
    from factlint.rulesinfo import find_rule, rule_detail

    text = rule_detail(find_rule(_specs(), "visit-level"))
    assert text.startswith("visit-level  (one-value, error)\n")
    assert 'kind = "visit"' in text
    assert "example 1: must report 'thăm chính thức' — two levels" in text
    assert "    │ A thăm chính thức B." in text
    text = rule_detail(find_rule(_specs(), "name-case"))
    assert "must stay silent" in text and "    │\n" in text  # blank line of the doc kept


def test_unknown_rule_suggests_close_ids():
    from factlint.errors import FactlintError
    from factlint.rulesinfo import find_rule

    with pytest.raises(FactlintError, match="did you mean visit-level"):
        find_rule(_specs(), "visit-levle")
    with pytest.raises(FactlintError, match="see factlint rules"):
        find_rule(_specs(), "zzz")


# --- every format on the seeds: deterministic, and agreeing with each other ----------------

@pytest.fixture(scope="module")
def seed_outputs(tmp_path_factory):
    """Each format rendered from two separate copies of the seeds (fixed date)."""
    import shutil

    outputs = {}
    env_before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1747180800"
    try:
        for run_no in (1, 2):
            root = tmp_path_factory.mktemp(f"run{run_no}")
            shutil.copytree(SEEDS, root / "seeds")
            for fmt in FORMATS:
                proc = run_cli("seeds/", "--format", fmt, cwd=root)
                assert proc.returncode == 1, proc.stderr  # the seeds have errors
                assert "Traceback" not in proc.stderr
                outputs[(run_no, fmt)] = proc.stdout
    finally:
        if env_before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = env_before
    return outputs


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_deterministic_on_the_seeds(seed_outputs, fmt):
    assert seed_outputs[(1, fmt)]
    assert seed_outputs[(1, fmt)] == seed_outputs[(2, fmt)]


def _concise_locations(text):
    locs = set()
    for line in text.splitlines()[:-1]:
        path, ln, col, _ = line.split(":", 3)
        locs.add((path, int(ln), int(col)))
    return locs


def test_formats_report_the_same_outlier_locations(seed_outputs):
    concise = _concise_locations(seed_outputs[(1, "concise")])
    assert len(concise) >= 4

    github = set()
    for line in seed_outputs[(1, "github")].splitlines():
        if line.startswith("::"):
            props = dict(p.split("=", 1) for p in line.split(" ", 1)[1].split("::")[0].split(","))
            github.add((props["file"], int(props["line"]), int(props["col"])))
    assert github == concise

    sarif = json.loads(seed_outputs[(1, "sarif")])
    locs = {(loc["physicalLocation"]["artifactLocation"]["uri"],
             loc["physicalLocation"]["region"]["startLine"],
             loc["physicalLocation"]["region"]["startColumn"])
            for res in sarif["runs"][0]["results"] for loc in res["locations"]}
    assert locs == concise

    full_heads = set()
    for line in seed_outputs[(1, "full")].splitlines():
        if line.strip().startswith("-->"):
            continue
        if line.startswith("seeds/"):
            path, ln, col, _ = line.split(":", 3)
            full_heads.add((path, int(ln), int(col)))
    assert full_heads <= concise and full_heads  # one head per finding (its first outlier)


def test_full_underlines_the_reported_text_on_the_seeds(seed_outputs):
    """Under every quoted line, the marks stand exactly under the text at the cited column."""
    from factlint.report.full import width

    lines = seed_outputs[(1, "full")].splitlines()
    checked = 0
    for i, line in enumerate(lines):
        if not line.lstrip().startswith("--> "):
            continue
        path, ln, col = line.split("--> ", 1)[1].rsplit(":", 2)
        source = (SEEDS / path.split("/", 1)[1]).read_text(encoding="utf-8").splitlines()[int(ln) - 1]
        shown = lines[i + 2].split(" | ", 1)[1]
        under = lines[i + 3].split(" | ", 1)[1]
        start = len(under) - len(under.lstrip(" "))
        marks = under.lstrip(" ").split(" ")[0]
        assert set(marks) in ({"^"}, {"-"})
        acc, j = 0, 0
        while acc < start:
            acc += width(shown[j])
            j += 1
        k, acc2 = j, 0
        while acc2 < len(marks):
            acc2 += width(shown[k])
            k += 1
        assert acc == start and acc2 == len(marks)
        assert source[int(col) - 1:].startswith(shown[j:k]), (line, shown[j:k])
        checked += 1
    assert checked >= 10


def test_rules_subcommands_on_the_shipped_rules():
    proc = run_cli("rules")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split() == ["id", "type", "severity", "description"]
    assert any(line.startswith("visit-level ") for line in lines)
    proc = run_cli("rule", "visit-level")
    assert proc.returncode == 0 and proc.stdout.startswith("visit-level  (one-value, error)")
    assert "example 1: must report" in proc.stdout
    proc = run_cli("rule", "visit-levl")
    assert proc.returncode == 2 and "did you mean visit-level" in proc.stderr
