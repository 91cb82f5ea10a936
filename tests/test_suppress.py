"""Suppression directives in Markdown and per-file ignores in .txt (factlint.suppress)."""

from __future__ import annotations

from factlint.model import Claim
from factlint.model import Finding
from factlint.normalize.text import make_document
from factlint.filter.suppress import INVALID, UNUSED, apply_suppressions, parse

RULE = "person-name-spelling"


def claim(doc, word, nth=0):
    """A claim on the nth occurrence of `word` in doc's working text."""
    pos = -1
    for _ in range(nth + 1):
        pos = doc.text.index(word, pos + 1)
    return Claim(kind="person", subject="ilham aliyev", attribute="name", value=word.lower(),
                 text=word, doc=doc.path, start=pos, end=pos + len(word), display=word)


def finding(outlier, *others, rule=RULE):
    sides = [outlier, *others]
    values = list(dict.fromkeys(c.value for c in sides))
    return Finding(rule=rule, severity="error", message="m", subject="ilham aliyev",
                   expected=others[0].value if others else None, values=values, sides=sides, outliers=1)


def corpus(**texts):
    return {name: make_document(name, text) for name, text in texts.items()}


def run(findings, docs, **kw):
    return apply_suppressions(findings, docs, **kw)


def by_rule(findings, rule):
    return [f for f in findings if f.rule == rule]


def test_disable_enable_region_removes_the_outlier_and_the_finding():
    docs = corpus(**{
        "a.md": "Intro.\n<!-- factlint-disable person-name-spelling -->\nÔng Inham Aliyev nói.\n"
                "<!-- factlint-enable person-name-spelling -->\nÔng Inham Aliyev lại nói.\n",
        "b.md": "Ông Ilham Aliyev.\n",
    })
    a, b = docs["a.md"], docs["b.md"]
    inside, outside, good = claim(a, "Inham Aliyev", 0), claim(a, "Inham Aliyev", 1), claim(b, "Ilham Aliyev")
    out = run([finding(inside, good), finding(outside, good)], docs)
    kept = by_rule(out, RULE)
    assert len(kept) == 1 and kept[0].sides[0] is outside
    assert by_rule(out, UNUSED) == []


def test_disable_without_enable_runs_to_end_of_file():
    docs = corpus(**{"a.md": "<!-- factlint-disable person-name-spelling -->\n\nx\n\nÔng Inham Aliyev.\n",
                     "b.md": "Ông Ilham Aliyev.\n"})
    out = run([finding(claim(docs["a.md"], "Inham Aliyev"), claim(docs["b.md"], "Ilham Aliyev"))], docs)
    assert out == []


def test_directive_for_another_rule_does_not_suppress_and_is_unused():
    docs = corpus(**{"a.md": "<!-- factlint-disable-next-line visit-level -->\nÔng Inham Aliyev.\n",
                     "b.md": "Ông Ilham Aliyev.\n"})
    out = run([finding(claim(docs["a.md"], "Inham Aliyev"), claim(docs["b.md"], "Ilham Aliyev"))], docs,
              active_rules={RULE, "visit-level"})
    assert len(by_rule(out, RULE)) == 1
    unused = by_rule(out, UNUSED)
    assert len(unused) == 1 and unused[0].severity == "warning"
    side = unused[0].sides[0]
    assert side.doc == "a.md" and docs["a.md"].line_col(side.start) == (1, 1)


def test_disable_next_line_covers_only_the_next_line():
    docs = corpus(**{"a.md": "<!-- factlint-disable-next-line person-name-spelling -->\nÔng Inham Aliyev.\n"
                             "Ông Inham Aliyev.\n",
                     "b.md": "Ông Ilham Aliyev.\n"})
    a, b = docs["a.md"], docs["b.md"]
    first, second, good = claim(a, "Inham Aliyev", 0), claim(a, "Inham Aliyev", 1), claim(b, "Ilham Aliyev")
    out = run([finding(first, good), finding(second, good)], docs)
    assert [f.sides[0] for f in by_rule(out, RULE)] == [second]
    assert by_rule(out, UNUSED) == []


def test_ignore_one_value_in_the_whole_file():
    docs = corpus(**{"a.md": 'Ông Inham Aliyev.\n\nÔng Ilham Aliyev và ông inham  aliyev.\n\n'
                             '<!-- factlint-ignore person-name-spelling "Inham Aliyev" -->\n',
                     "b.md": "Ông Ilham Aliyev.\n"})
    a, b = docs["a.md"], docs["b.md"]
    f1 = finding(claim(a, "Inham Aliyev"), claim(b, "Ilham Aliyev"))
    other_value = finding(claim(b, "Ilham Aliyev"), claim(a, "Ilham Aliyev"))  # not the ignored value
    out = run([f1, other_value], docs)
    assert by_rule(out, RULE) == [other_value]
    assert by_rule(out, UNUSED) == []


def test_suppressed_agreeing_side_is_removed_but_finding_stays():
    docs = corpus(**{"a.md": "Ông Inham Aliyev.\n",
                     "b.md": "<!-- factlint-disable-next-line person-name-spelling -->\nÔng Ilham Aliyev.\n",
                     "c.md": "Ông Ilham Aliyev.\n"})
    out_ = claim(docs["a.md"], "Inham Aliyev")
    sb, sc = claim(docs["b.md"], "Ilham Aliyev"), claim(docs["c.md"], "Ilham Aliyev")
    out = run([finding(out_, sb, sc)], docs)
    (f,) = by_rule(out, RULE)
    assert f.sides == [out_, sc] and f.outliers == 1
    # … and when every side it disagrees with is suppressed, nothing is left to report
    docs["c.md"] = make_document("c.md", "<!-- factlint-disable person-name-spelling -->\nÔng Ilham Aliyev.\n")
    sc = claim(docs["c.md"], "Ilham Aliyev")
    assert by_rule(run([finding(out_, sb, sc)], docs), RULE) == []


def test_unused_and_invalid_directives_are_reported():
    docs = corpus(**{"a.md": "<!-- factlint-disable -->\n"
                             "<!-- factlint-disable-next-line no-such-rule -->\n"
                             "<!-- factlint-enable person-name-spelling -->\n"
                             '<!-- factlint-ignore person-name-spelling -->\n'
                             "<!-- factlint-disable person-name-spelling -- a reason -->\n"
                             "Nothing here.\n"})
    out = run([], docs, active_rules={RULE}, known_rules={RULE})
    invalid = by_rule(out, INVALID)
    messages = " | ".join(f.message for f in invalid)
    assert len(invalid) == 4, messages
    assert "needs a rule id" in messages and "no-such-rule" in messages
    assert "without a factlint-disable" in messages and "quoted value" in messages
    (unused,) = by_rule(out, UNUSED)
    assert docs["a.md"].line_col(unused.sides[0].start) == (5, 1)


def test_unused_not_reported_for_rules_that_did_not_run():
    docs = corpus(**{"a.md": "<!-- factlint-disable-next-line visit-level -->\nx\n"})
    assert run([], docs, active_rules={RULE}, known_rules={RULE, "visit-level"}) == []


def test_txt_files_ignore_comments_but_honour_per_file_ignores():
    docs = corpus(**{"a.txt": "<!-- factlint-disable person-name-spelling -->\nÔng Inham Aliyev.\n",
                     "b.txt": "Ông Ilham Aliyev.\n"})
    f = finding(claim(docs["a.txt"], "Inham Aliyev"), claim(docs["b.txt"], "Ilham Aliyev"))
    assert by_rule(run([f], docs), RULE) == [f]
    ignores = lambda path: {RULE} if path == "a.txt" else set()  # noqa: E731
    assert run([f], docs, file_ignores=ignores) == []


def test_claims_inside_a_directive_are_not_article_text():
    text = '<!-- factlint-ignore person-name-spelling "Inham Aliyev" -->\n'
    docs = corpus(**{"a.md": text, "b.md": "Ông Ilham Aliyev.\n"})
    assert "Inham" not in docs["a.md"].text  # an HTML comment is blank in the working text
    start = docs["a.md"].working_offset(text.index("Inham"))  # and a claim there anyway is ignored
    inside = Claim(kind="person", subject="ilham aliyev", attribute="name", value="inham aliyev",
                   text="Inham Aliyev", doc="a.md", start=start, end=start + 12, display="Inham Aliyev")
    out = run([finding(inside, claim(docs["b.md"], "Ilham Aliyev"))], docs)
    assert by_rule(out, RULE) == []


def test_locations_are_exact_with_crlf_and_nfd():
    import unicodedata
    raw = "Dòng một.\r\n" + unicodedata.normalize("NFD", "Tiếng Việt\r\n") + "<!-- factlint-disable-next-line x-y -->\r\n"
    docs = corpus(**{"a.md": raw})
    (w,) = run([], docs, active_rules={"x-y"})
    line, col = docs["a.md"].line_col(w.sides[0].start)
    assert (line, col) == (3, 1)
    assert docs["a.md"].raw_slice(w.sides[0].start, w.sides[0].end).startswith("<!-- factlint")


def test_parse_several_rule_ids_and_split_enables():
    ds = parse("a.md", "<!-- factlint-disable a-b, c-d -->\nx\n<!-- factlint-enable a-b -->\ny\n")
    dis = [d for d in ds if d.kind == "disable"]
    assert sorted(r for d in dis for r in d.rules) == ["a-b", "c-d"]
    closed = {d.rules[0]: d.region_end for d in dis}
    assert closed["a-b"] is not None and closed["c-d"] is None


# ---- end to end: the real pipeline over the seeds, as Markdown ------------------------

import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
INHAM = "003_d671c4e71e4553ce.txt"


@pytest.fixture
def newsroom(tmp_path, monkeypatch):
    """Seeds 000–002 as .txt, seed 003 (which misspells 'Ilham Aliyev') as Markdown."""
    (tmp_path / "seeds").mkdir()
    for p in sorted(SEEDS.glob("00[0-2]_*.txt")):
        shutil.copy(p, tmp_path / "seeds" / p.name)
    (tmp_path / "pyproject.toml").write_text('[tool.factlint]\npaths = ["seeds"]\n')
    monkeypatch.chdir(tmp_path)
    text = (SEEDS / INHAM).read_text(encoding="utf-8")

    def article(transform):
        (tmp_path / "seeds" / "003.md").write_text(transform(text), encoding="utf-8")

    return article


def cli(capsys, *args):
    from factlint.cli import main
    code = main(["--format", "json", *args])
    out, err = capsys.readouterr()
    import json
    assert code in (0, 1), err
    return json.loads(out)["findings"]


def test_e2e_markdown_directives(newsroom, capsys):
    newsroom(lambda t: t)
    base = cli(capsys)
    assert any("Inham Aliyev" in f["values"] for f in base)

    newsroom(lambda t: '<!-- factlint-ignore person-name-spelling "Inham Aliyev" -->\n\n' + t)
    got = cli(capsys)
    assert not any("Inham Aliyev" in f["values"] for f in got)
    assert not [f for f in got if f["rule"] in (UNUSED, INVALID)]
    assert len(got) == len([f for f in base if "Inham Aliyev" not in f["values"]])

    # disable-next-line above only one of the two lines naming him: that line's claim goes
    lines = text_lines = (SEEDS / INHAM).read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if "Inham Aliyev" in line)
    newsroom(lambda t: "\n".join(text_lines[:first] + ["<!-- factlint-disable-next-line person-name-spelling -->"]
                                 + text_lines[first:]))
    got = cli(capsys)
    inham = [loc for f in got if "Inham Aliyev" in f["values"] for loc in f["locations"][:1]]
    assert inham and all(loc["line"] != first + 2 for loc in inham)
    assert not [f for f in got if f["rule"] == UNUSED]

    # a directive that suppresses nothing is a warning at its own location
    newsroom(lambda t: t + "\n<!-- factlint-disable-next-line visit-level -->\nHết.\n")
    got = cli(capsys)
    (unused,) = [f for f in got if f["rule"] == UNUSED]
    assert unused["severity"] == "warning" and unused["locations"][0]["path"].endswith("003.md")
    assert unused["locations"][0]["text"].startswith("<!-- factlint-disable-next-line visit-level")
