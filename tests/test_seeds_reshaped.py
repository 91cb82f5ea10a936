"""The seeds in other shapes give the seeds' findings (issue 15): hard-wrapped at 72
columns, rewritten as Markdown (front matter, emphasis, links and code around the names,
code blocks and comments that would flip a majority if they were read), and peppered
with soft hyphens, zero-width spaces and no-break spaces. Each shape is made here from
the seeds of the repo."""

from __future__ import annotations

import json
import re
import textwrap

import pytest

from conftest import SEEDS, run_cli


def _findings(folder) -> tuple[dict, list]:
    proc = run_cli(folder, "--no-cache", "--format", "json")
    assert proc.returncode == 1 and not proc.stderr, proc.stderr
    report = json.loads(proc.stdout)
    return report["summary"], sorted((f["severity"], f["rule"], f["message"]) for f in report["findings"])


def _names() -> list[str]:
    """The names of people the seeds mention (longest first), read by factlint itself."""
    proc = run_cli("claims", SEEDS, "--no-cache", "--format", "jsonl", "--kind", "person")
    names = {json.loads(line)["text"] for line in proc.stdout.splitlines()}
    return sorted((n for n in names if " " in n), key=len, reverse=True)


def wrapped(text: str) -> str:
    return "\n".join(textwrap.fill(line, 72) if line.strip() else line for line in text.split("\n"))


def markdown(text: str, names: list[str]) -> str:
    """Front matter with the headline and a byline; every name in bold, italics, a link or
    inline code in turn; a code block and an HTML comment repeating a misspelled name."""
    title, body = text.split("\n", 1)
    turn = iter(range(10**6))
    shapes = ["**{}**", "[{}](https://vi.wikipedia.org/wiki/{})", "*{}*", "`{}`"]

    def dress(m):
        shape = shapes[next(turn) % len(shapes)]
        return shape.format(m.group(), m.group().replace(" ", "_"))

    body = re.sub("|".join(re.escape(n) for n in names), dress, body)
    noise = ("\n\n```\n" + "Tổng thống Azerbaijan Inham Aliyev.\n" * 6 + "```\n\n<!-- "
             + "Tổng thống Azerbaijan Inham Aliyev. " * 6 + "-->\n")
    return f'---\ntitle: "{title}"\nauthor: Phóng viên\n---\n\n{body}{noise}'


def invisible(text: str) -> str:
    """A soft hyphen inside every long word, a zero-width space inside some, a no-break
    space between the parts of names."""
    text = re.sub(r"\b([A-ZĐ]\w{1,8}) (?=[A-ZĐ])", "\\1\u00a0", text)
    text = re.sub(r"(\w{2})(\w{2}) ", "\\1\u200b\\2 ", text, count=200)
    return re.sub(r"(\w{3})(\w{3,})", "\\1\u00ad\\2", text)


@pytest.fixture(scope="module")
def original():
    return _findings(SEEDS)


@pytest.mark.parametrize("shape", ["wrapped", "markdown", "invisible"])
def test_reshaped_seeds_give_the_same_findings(tmp_path, original, shape):
    names = _names() if shape == "markdown" else []
    for p in sorted(SEEDS.glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        if shape == "wrapped":
            (tmp_path / p.name).write_text(wrapped(text), encoding="utf-8")
        elif shape == "markdown":
            (tmp_path / f"{p.stem}.md").write_text(markdown(text, names), encoding="utf-8")
        else:
            (tmp_path / p.name).write_text(invisible(text), encoding="utf-8")
    summary, findings = _findings(tmp_path)
    assert findings == original[1]
    # the number of claims may differ: Markdown's front matter makes the headline a title
    # where the plain file has a line of page furniture
    assert {k: v for k, v in summary.items() if k != "claims"} == \
        {k: v for k, v in original[0].items() if k != "claims"}


def test_the_shapes_change_the_text():
    """The shapes really put line ends, markup and invisible characters inside the names."""
    text = (SEEDS / "003_d671c4e71e4553ce.txt").read_text(encoding="utf-8")
    lines = wrapped(text).split("\n")
    assert max(map(len, lines)) <= 72 and len(lines) > 3 * len(text.split("\n"))
    md = markdown(text, _names())
    assert "**Inham Aliyev**" in md or "[Inham Aliyev](" in md or "*Inham Aliyev*" in md or "`Inham Aliyev`" in md
    shy = invisible(text)
    assert "Inham\u00a0Ali\u00adyev" in shy and "\u200b" in shy
