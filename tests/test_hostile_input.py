"""Input that tries to break factlint (issue 15): each numbered bug of the issue reproduced
through the real command line, in a subprocess, next to copies of the seeds.

Some bugs need something to happen at a precise moment (a file swapped for a pipe after
discovery, a kill while the cache is written): the subprocess then runs the CLI after a
few lines of Python that arrange it (`preamble`), and nothing else is changed.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SEEDS

INHAM = "003_d671c4e71e4553ce.txt"  # holds "Inham Aliyev"
MEMORY = 3 * 2**30  # address space of a CLI run: a read that never ends fails fast, not after 10 GB


def cli(*args, cwd, preamble: str = "", timeout: float = 120, env: dict | None = None):
    """`factlint ARGS` in a subprocess (bytes out: file names need not be UTF-8)."""
    code = f"{preamble}\nimport sys\nfrom factlint.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    environ = {k: v for k, v in os.environ.items() if not k.startswith("FACTLINT")}
    environ.update(env or {})

    def limits():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    return subprocess.run([sys.executable, "-c", code, *map(os.fsencode, args)], cwd=cwd,
                          capture_output=True, env=environ, timeout=timeout, preexec_fn=limits)


def text(out: bytes) -> str:
    return out.decode("utf-8", errors="surrogateescape")


def stderr_lines(proc) -> list[str]:
    return text(proc.stderr).splitlines()


def no_internal_error(proc) -> None:
    err = text(proc.stderr)
    assert "internal error" not in err and "Traceback" not in err, err


def seeds(tmp_path: Path, name: str = "corpus") -> Path:
    folder = tmp_path / name
    shutil.copytree(SEEDS, folder)
    return folder


def seed_findings_still_there(proc) -> None:
    no_internal_error(proc)
    assert proc.returncode == 1, text(proc.stderr)
    assert b"Inham Aliyev" in proc.stdout


def swapped_after_discovery(path: Path, action: str) -> str:
    """Python run before the CLI: once discovery has listed the files, `action` (code with
    `p`, the path) changes the file at `path`."""
    return (f"import os, factlint.load as L\np = {str(path)!r}\n_discover = L.discover\n"
            f"def discover(*a, **k):\n    found = _discover(*a, **k)\n    os.unlink(p)\n    {action}\n"
            "    return found\nL.discover = discover\n")


def rules_folder(tmp_path: Path, vocab: str | None = None, check: str | None = None) -> Path:
    root = tmp_path / "extra-rules"
    (root / "vocab").mkdir(parents=True, exist_ok=True)
    (root / "checks").mkdir(exist_ok=True)
    if vocab is not None:
        (root / "vocab" / "extra.toml").write_text(vocab, encoding="utf-8")
    if check is not None:
        (root / "checks" / "extra.toml").write_text(check, encoding="utf-8")
    return root


def visit_level_check(message: str) -> str:
    """rules/checks/visit-level.toml under another id, with another default message."""
    src = (REPO / "rules" / "checks" / "visit-level.toml").read_text(encoding="utf-8")
    out = src.replace('id = "visit-level"', 'id = "visit-level-copy"')
    start = out.index("default = ")
    end = out.index("\n", start)
    out = out[:start] + f"default = {json.dumps(message)}" + out[end:]
    return out.split("[[examples]]")[0]


# ---- 3. a file swapped for a pipe, a device or a growing file; rule files, baseline, cache ---

@pytest.mark.parametrize("action,kind", [("os.mkfifo(p)", "a pipe"),
                                         ("os.symlink('/dev/zero', p)", "a character device")])
def test_document_swapped_after_discovery_is_skipped(tmp_path, action, kind):
    corpus = seeds(tmp_path)
    victim = corpus / "victim.txt"
    victim.write_text("Tổng thống Ilham Aliyev.", encoding="utf-8")
    proc = cli("corpus", "--no-cache", cwd=tmp_path, preamble=swapped_after_discovery(victim, action),
               timeout=60)
    seed_findings_still_there(proc)
    assert stderr_lines(proc) == [f"factlint: corpus/victim.txt: not a regular file ({kind}), skipped"]


def test_growing_document_is_not_read_past_the_limit(tmp_path):
    """The file was 10 bytes when it was opened and checked, and grew to 100 KB since."""
    corpus = seeds(tmp_path)
    (corpus / "growing.txt").write_bytes(b"x " * 50_000)
    preamble = ("import os, factlint.load as L\nL.MAX_FILE_BYTES = 2**16\n_fstat = os.fstat\n"
                "def fstat(fd):\n    st = _fstat(fd)\n"
                "    return os.stat_result((*st[:6], 10, *st[7:])) if st.st_size == 100_000 else st\n"
                "os.fstat = fstat\n")
    proc = cli("corpus", "--no-cache", cwd=tmp_path, preamble=preamble)
    seed_findings_still_there(proc)
    assert stderr_lines(proc) == [
        "factlint: corpus/growing.txt: file grew past the 0 MB limit while it was read, skipped"]


def test_rule_file_linked_to_dev_zero_is_refused(tmp_path):
    seeds(tmp_path)
    root = rules_folder(tmp_path)
    (root / "checks" / "zero.toml").symlink_to("/dev/zero")
    proc = cli("corpus", "--rules", root, "--no-cache", cwd=tmp_path, timeout=60)
    no_internal_error(proc)
    assert proc.returncode == 2
    assert stderr_lines(proc) == [
        f"factlint: {root}/checks/zero.toml: cannot read (not a regular file (a character device))"]


@pytest.mark.parametrize("what", ["vocabulary", "baseline"])
def test_pipe_as_vocabulary_or_baseline_does_not_hang(tmp_path, what):
    seeds(tmp_path)
    args = ["corpus", "--no-cache"]
    if what == "vocabulary":
        root = rules_folder(tmp_path)
        pipe = root / "vocab" / "pipe.toml"
        args += ["--rules", root]
    else:
        pipe = tmp_path / "baseline.json"
        args += ["--baseline", pipe]
    os.mkfifo(pipe)
    proc = cli(*args, cwd=tmp_path, timeout=60)
    no_internal_error(proc)
    assert proc.returncode == 2
    [line] = stderr_lines(proc)
    assert str(pipe) in line and "not a regular file (a pipe)" in line


def test_pipe_as_cache_pack_is_a_miss(tmp_path, rules):
    from factlint.cache import CACHE_DIR, fingerprint

    seeds(tmp_path)
    cache = tmp_path / CACHE_DIR
    cache.mkdir()
    pack = cache / f"{fingerprint(rules.ruleset.vocabulary)}.pack"
    os.mkfifo(pack)
    proc = cli("corpus", cwd=tmp_path, timeout=60)
    seed_findings_still_there(proc)
    assert pack.is_file()  # rewritten as a pack


# ---- 4. deep input: folders, TOML, long phrases, nested regex groups, JSON ------------------

def test_a_thousand_nested_folders(tmp_path):
    corpus = seeds(tmp_path)
    deep = corpus
    for _ in range(1100):
        deep = deep / "d"
        deep.mkdir()
    shutil.copy(SEEDS / INHAM, deep / "deep.txt")
    try:
        proc = cli("corpus", "--no-cache", "--format", "json", cwd=tmp_path)
        seed_findings_still_there(proc)
        paths = {loc["path"] for f in json.loads(proc.stdout)["findings"] for loc in f["locations"]}
        assert any(p.endswith("/d/deep.txt") for p in paths)
    finally:  # bottom up: shutil.rmtree (pytest's clean-up) recurses once per folder
        (deep / "deep.txt").unlink()
        while deep != corpus:
            deep.rmdir()
            deep = deep.parent


@pytest.mark.parametrize("vocab,problem", [
    ("a = " + "[" * 2000 + "]" * 2000 + "\n", "invalid TOML: nested too deeply"),
    ('[[title]]\nname = "' + "Ab" * 6000 + '"\n', "title.0.name: String should have at most 10000 characters"),
    ("[furniture]\ncaption_patterns = ['" + "(" * 1000 + "a" + ")" * 1000 + "']\n", "nests groups too deeply"),
    ("[[title]]\nname = 'x'\naliases = [" + ", ".join(f"'{'x' * i}'" for i in range(2, 200)) + "]\n",
     "vocabulary phrases nest more than 64 deep"),
])
def test_deep_rule_files_are_a_clear_error(tmp_path, vocab, problem):
    seeds(tmp_path)
    root = rules_folder(tmp_path, vocab=vocab)
    proc = cli("corpus", "--rules", root, "--no-cache", cwd=tmp_path)
    no_internal_error(proc)
    assert proc.returncode == 2
    [line] = stderr_lines(proc)
    assert problem in line
    if "phrases" not in problem:  # compiled after loading: the rules, not one file
        assert "extra.toml" in line


def test_deeply_nested_markdown_is_read(tmp_path):
    """markdown-it stops nesting at its limit; layout has no recursion of its own."""
    corpus = seeds(tmp_path)
    (corpus / "deep.md").write_text(">" * 50_000 + " x\n\n" + "- " * 20_000 + "x\n\n"
                                    + "[" * 20_000 + "x" + "](y)" * 20_000 + "\n\n" + "*a " * 3000 + "\n",
                                    encoding="utf-8")
    proc = cli("corpus", "--no-cache", cwd=tmp_path)
    seed_findings_still_there(proc)
    assert proc.stderr == b""


def test_deep_baseline_is_a_clear_error(tmp_path):
    seeds(tmp_path)
    (tmp_path / "base.json").write_text('{"findings": ' + "[" * 100_000 + "]" * 100_000 + "}")
    proc = cli("corpus", "--baseline", "base.json", "--no-cache", cwd=tmp_path)
    no_internal_error(proc)
    assert proc.returncode == 2
    assert stderr_lines(proc) == ["factlint: base.json: not a baseline (JSON nested too deeply)"]


# ---- 5. every user regex runs with a time limit -------------------------------------------

def test_pattern_the_probes_miss_cannot_hang_the_run(tmp_path):
    """`(ô|ôô)+x` is instant on the load-time probes (they hold no ô) and catastrophic on an
    article with a long run of ô followed by an x (in a sentence naming a person: a duration
    pattern runs only there)."""
    corpus = seeds(tmp_path)
    article = (SEEDS / INHAM).read_text(encoding="utf-8")
    (corpus / INHAM).write_text(article + "\n\nTổng thống Inham Aliyev " + "ô" * 40 + "! x\n",
                                encoding="utf-8")
    root = rules_folder(tmp_path, vocab="[events]\nduration_patterns = ['(ô|ôô)+x']\n")
    proc = cli("corpus", "--rules", root, "--no-cache", cwd=tmp_path, timeout=60)
    no_internal_error(proc)
    assert proc.returncode == 2
    [line] = stderr_lines(proc)
    assert "events.duration_patterns pattern '(ô|ôô)+x' took more than" in line
    assert "catastrophic backtracking" in line


# ---- 6. message templates name documented fields only --------------------------------------

@pytest.mark.parametrize("message,problem", [
    ("{nope}", "{nope} is not a field of this message"),
    ("{subject.__class__.__mro__}", "only plain field names are allowed"),
    ("{subject[0]}", "only plain field names are allowed"),
    ("{subject!s}", "only !r is allowed"),
    ("{subject:>99999999}", "the only format is one|many"),
])
def test_message_template_is_checked_when_loaded(tmp_path, message, problem):
    seeds(tmp_path)
    root = rules_folder(tmp_path, check=visit_level_check(message))
    proc = cli("corpus", "--rules", root, "--no-cache", cwd=tmp_path)
    no_internal_error(proc)
    assert proc.returncode == 2
    [line] = stderr_lines(proc)
    assert "extra.toml: rule 'visit-level-copy': message.en.default:" in line and problem in line


# ---- 7. globs are checked when the settings are read ---------------------------------------

@pytest.mark.parametrize("table", ['include = ["[z-a]"]', 'exclude = ["x/[z-a]/*"]',
                                   '[tool.factlint.per-file-ignores]\n"[z-a]" = ["visit-level"]'])
def test_bad_glob_is_exit_2_naming_it(tmp_path, table):
    seeds(tmp_path)
    (tmp_path / "pyproject.toml").write_text(f"[tool.factlint]\n{table}\n", encoding="utf-8")
    proc = cli("corpus", "--no-cache", cwd=tmp_path)
    no_internal_error(proc)
    assert proc.returncode == 2
    [line] = stderr_lines(proc)
    assert "pyproject.toml: tool.factlint." in line and "is not a valid glob (bad character range)" in line


# ---- 8. the cache folder: a symbolic link is refused; a killed write is cleaned up ----------

def test_symlinked_cache_folder_is_refused(tmp_path):
    import time

    seeds(tmp_path)
    precious = tmp_path / "elsewhere"
    precious.mkdir()
    month_ago = time.time() - 30 * 86400
    for name in ("old.pack", "rules-0123456789abcdef01234567.marshal"):
        (precious / name).write_text("not factlint's")
        os.utime(precious / name, (month_ago, month_ago))
    (tmp_path / ".factlint_cache").symlink_to(precious, target_is_directory=True)
    proc = cli("corpus", cwd=tmp_path)
    seed_findings_still_there(proc)
    assert stderr_lines(proc) == ["factlint: .factlint_cache: the cache folder is a symbolic link; "
                                  "cache not used (remove the link)"]
    clean = cli("clean", cwd=tmp_path)
    no_internal_error(clean)
    assert clean.returncode == 2 and b"symbolic link; not removed" in clean.stderr
    assert sorted(p.name for p in precious.iterdir()) == ["old.pack", "rules-0123456789abcdef01234567.marshal"]


def test_a_cache_write_killed_half_way_leaves_nothing_behind(tmp_path):
    import signal
    import time

    from factlint.cache import CACHE_DIR

    seeds(tmp_path)
    kill_on_replace = ("import os, signal\n_replace = os.replace\n"
                       "def replace(src, dst, *a, **k):\n"
                       "    if str(dst).endswith('.pack'):\n"
                       "        os.kill(os.getpid(), signal.SIGKILL)\n"
                       "    return _replace(src, dst, *a, **k)\n"
                       "os.replace = replace\n")
    killed = cli("corpus", cwd=tmp_path, preamble=kill_on_replace)
    assert killed.returncode == -signal.SIGKILL
    cache = tmp_path / CACHE_DIR
    left = [p for p in cache.iterdir() if p.name.endswith(".part")]
    assert len(left) == 1  # the pack that was being written
    hour_ago = time.time() - 3600
    os.utime(left[0], (hour_ago, hour_ago))
    proc = cli("corpus", cwd=tmp_path)
    seed_findings_still_there(proc)
    assert not [p for p in cache.iterdir() if p.name.endswith(".part")]


# ---- 9. workers end with their parent --------------------------------------------------------

def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc to see the workers")
def test_sigterm_to_a_parallel_run_leaves_no_worker(tmp_path):
    import signal
    import time

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    for i in range(80):  # distinct texts, about 5 MB: seconds of extraction for two workers
        (corpus / f"{i:02d}.txt").write_text(f"{text}\n\nBài số {i}.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTLINT")}
    env["FACTLINT_PARALLEL_MIN_BYTES"] = "0"
    proc = subprocess.Popen([sys.executable, "-m", "factlint", "corpus", "--no-cache", "--jobs", "2"],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
            workers = _children(proc.pid)
        assert len(workers) == 2, "the workers never started"
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=30)  # returns once nothing holds the output pipes open
        assert proc.returncode == -signal.SIGTERM
        deadline = time.monotonic() + 10
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [w for w in workers if _alive(w)]
    finally:
        for pid in [proc.pid, *workers]:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass


# ---- 12. anything but rule files in a rules folder is an error naming it --------------------

@pytest.mark.parametrize("make,named,problem", [
    (lambda r: (r / "visit-level.toml").write_text('id = "x"\n'), "visit-level.toml",
     "stray file in a rules folder (rule files go in vocab/ or checks/)"),
    (lambda r: (r / "check").mkdir(), "check", "stray folder in a rules folder (did you mean 'checks'?)"),
    (lambda r: (r / "checks" / "visit.tml").write_text('id = "x"\n'), "checks/visit.tml",
     "stray file in a rules folder: checks/ holds only .toml files"),
    (lambda r: None, "", "no rule files"),
])
def test_misplaced_rule_files_are_exit_2(tmp_path, make, named, problem):
    seeds(tmp_path)
    root = rules_folder(tmp_path)
    make(root)
    proc = cli("corpus", "--rules", root, "--no-cache", cwd=tmp_path)
    no_internal_error(proc)
    assert proc.returncode == 2
    [line] = stderr_lines(proc)
    assert line.startswith(f"factlint: {root / named}".rstrip("/") + ":") and problem in line


def test_a_folder_that_holds_no_rules_is_exit_2(tmp_path):
    seeds(tmp_path)
    proc = cli("corpus", "--rules", "/etc", "--no-cache", cwd=tmp_path)
    no_internal_error(proc)
    assert proc.returncode == 2
    [line] = stderr_lines(proc)
    assert line.startswith("factlint: /etc") and "rules folder" in line


def test_notes_beside_the_rules_are_fine(tmp_path):
    seeds(tmp_path)
    root = rules_folder(tmp_path, vocab='[[title]]\nname = "Thống đốc"\n')
    (root / "README.md").write_text("Our newsroom's rules.\n")
    (root / ".git").mkdir()
    proc = cli("corpus", "--rules", root, "--no-cache", cwd=tmp_path)
    seed_findings_still_there(proc)
    assert proc.stderr == b""


# ---- 13. -o never overwrites an input ----------------------------------------------------------

@pytest.mark.parametrize("flag", ["-o", "--write-baseline"])
def test_output_naming_an_input_is_refused(tmp_path, flag):
    corpus = seeds(tmp_path)
    article = corpus / INHAM
    before = article.read_bytes()
    (tmp_path / "link.txt").symlink_to(article)
    for target in (f"corpus/{INHAM}", "link.txt"):
        proc = cli("corpus", flag, target, "--no-cache", cwd=tmp_path)
        no_internal_error(proc)
        assert proc.returncode == 2
        [line] = stderr_lines(proc)
        assert line.startswith(f"factlint: {target}: is an input of this run") and "not overwritten" in line
        assert article.read_bytes() == before


# ---- 11. ties are broken by the path relative to the settings' root --------------------------

def test_a_tie_is_broken_the_same_from_any_folder(tmp_path):
    for folder, name in (("a", "Ilham Aliyev"), ("b", "Inham Aliyev")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "article.txt").write_text(
            f"Tổng thống Azerbaijan {name} đón đoàn đại biểu Việt Nam tại thủ đô Baku.\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.factlint]\npaths = ["a", "b"]\n', encoding="utf-8")
    written = cli("--write-baseline", "baseline.json", "--no-cache", cwd=tmp_path)
    assert written.returncode == 0, text(written.stderr)
    subjects = set()
    for cwd in (tmp_path, tmp_path / "a", tmp_path / "b"):
        proc = cli("--format", "json", "--no-cache", cwd=cwd)
        no_internal_error(proc)
        [finding] = json.loads(proc.stdout)["findings"]
        subjects.add((finding["subject"], finding["values"][0]))
        hidden = cli("--baseline", tmp_path / "baseline.json", "--no-cache", cwd=cwd)
        assert hidden.returncode == 0 and b"1 finding hidden by baseline" in hidden.stderr, text(hidden.stderr)
    # one against one: the sources disagree, and a/ comes first from every folder
    assert subjects == {("Ilham Aliyev / Inham Aliyev", "Ilham Aliyev")}


# ---- 10. JSON and SARIF output grow with the findings, not findings x mentions ----------------

def test_json_and_sarif_list_a_bounded_number_of_sides(tmp_path):
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from large import make_findings_case
    finally:
        sys.path.pop(0)
    make_findings_case(tmp_path / "corpus", variants=40, mentions=2000)
    proc = cli("corpus", "--no-cache", "--format", "json", cwd=tmp_path)
    no_internal_error(proc)
    findings = json.loads(proc.stdout)["findings"]
    assert len(findings) == 40
    for f in findings:
        assert len(f["locations"]) == 50 and f["omitted_locations"] == 2001 - 50
    assert len(proc.stdout) < 40 * 50 * 400  # was 2,001 locations per finding: 19 MB
    sarif = cli("corpus", "--no-cache", "--format", "sarif", cwd=tmp_path)
    results = json.loads(sarif.stdout)["runs"][0]["results"]
    assert all(len(r["relatedLocations"]) == 100 and r["properties"]["omittedLocations"] == 1900
               for r in results)


def test_sarif_context_is_a_window_of_a_long_line(tmp_path):
    corpus = seeds(tmp_path)
    article = (corpus / INHAM).read_text(encoding="utf-8").split("\n")
    filler = "Hai bên trao đổi về hợp tác kinh tế. " * 30_000  # a 1 MB paragraph
    article[2] = filler + article[2] + " " + filler
    (corpus / INHAM).write_text("\n".join(article), encoding="utf-8")
    proc = cli("corpus", "--no-cache", "--format", "sarif", cwd=tmp_path)
    no_internal_error(proc)
    [result] = [r for r in json.loads(proc.stdout)["runs"][0]["results"]
                if r["properties"]["values"][0] == "Inham Aliyev"]
    region = result["locations"][0]["physicalLocation"]
    context = region["contextRegion"]
    assert context["startLine"] == context["endLine"] == 3
    assert len(context["snippet"]["text"]) == 200 + len("Inham Aliyev") + 200
    assert context["startColumn"] == region["region"]["startColumn"] - 200
    assert context["snippet"]["text"][200:212] == "Inham Aliyev"
    assert len(proc.stdout) < 500_000  # the 2 MB line is not copied


# ---- 1, 2, 14. output cannot be used against its reader ---------------------------------------

FORMATS = ["concise", "full", "json", "markdown", "github", "sarif"]
INJECTED = "x\n::error file=pwn.txt::owned.txt"  # a file name that starts a workflow command


def _hostile_corpus(tmp_path: Path) -> Path:
    """The seeds, a file whose name holds a newline and a workflow command (its text is
    UTF-16, so decoding it is noted on stderr), one whose name is not UTF-8, and control
    characters around a misspelled name."""
    corpus = seeds(tmp_path)
    sentence = "Tổng thống Azerbaijan Inham Aliyev đón đoàn.\n"
    (corpus / INJECTED).write_bytes(b"\xff\xfe" + sentence.encode("utf-16-le"))
    with open(os.path.join(os.fsencode(corpus), b"caf\xe9.txt"), "wb") as fh:
        fh.write(sentence.encode())
    (corpus / "ansi.txt").write_bytes(f"\x1b]0;owned\x07Bell\x07 {sentence.strip()} \x1b[2J\u202eevil\n".encode())
    return corpus


def regex_match(pattern: str, line: str) -> bool:
    import re

    return re.match(pattern, line) is not None


def _no_workflow_command(out: bytes, fmt: str) -> None:
    for line in text(out).splitlines():
        if fmt == "github" and line.startswith("::"):  # an annotation of ours, for a file of ours
            assert regex_match(r"::(error|warning|notice) file=corpus/[^:,]*,line=", line), line
        else:
            assert not line.lstrip().startswith("::"), line


@pytest.mark.parametrize("fmt", FORMATS)
def test_newline_in_a_file_name_or_message_starts_no_workflow_command(tmp_path, fmt):
    _hostile_corpus(tmp_path)
    root = rules_folder(tmp_path, check=visit_level_check("a\n::error::pwned {outlier!r}"))
    proc = cli("corpus", "--rules", root, "--format", fmt, "--no-cache", cwd=tmp_path)
    seed_findings_still_there(proc)
    assert any("UTF-16 LE" in line and "x\\n::error" in line for line in stderr_lines(proc))
    _no_workflow_command(proc.stdout, fmt)
    _no_workflow_command(proc.stderr, "stderr")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_file_name_that_is_not_utf8_is_escaped(tmp_path, fmt):
    _hostile_corpus(tmp_path)
    for output in (None, "report.out"):
        proc = cli("corpus", "--format", fmt, "--no-cache", *(["-o", output] if output else []), cwd=tmp_path)
        seed_findings_still_there(proc) if not output else no_internal_error(proc)
        written = proc.stdout if output is None else (tmp_path / output).read_bytes()
        written.decode("utf-8")  # the report is UTF-8
        assert b"caf\\xe9.txt" in written or b"caf\\\\xe9.txt" in written


@pytest.mark.parametrize("fmt", FORMATS)
def test_control_characters_of_an_article_are_escaped(tmp_path, fmt):
    _hostile_corpus(tmp_path)
    proc = cli("corpus", "--format", fmt, "--no-cache", cwd=tmp_path)
    seed_findings_still_there(proc)
    for out in (proc.stdout, proc.stderr):
        for c in "\x1b\x07\u202e\x9b":
            assert c.encode() not in out, (fmt, c)
    if fmt in ("full", "markdown"):  # they quote the article's line around the name
        assert b"x1b" in proc.stdout and b"x07" in proc.stdout


def test_escapes_keep_json_values_and_make_every_control_visible():
    from factlint.report.escape import folded, json_safe, printable, terminal_safe

    nasty = "a\nb\r\x1b[31m\x07\x7f\x9b\u2028\u202e\u2066\udce9\tz Tổng"
    assert json.loads(json_safe(json.dumps(nasty, ensure_ascii=False))) == nasty
    shown = printable(nasty)
    assert shown == "a\\nb\\r\\x1b[31m\\x07\\x7f\\x9b\\u2028\\u202e\\u2066\\xe9\tz Tổng"
    assert terminal_safe(nasty).split("\n")[0] == "a"
    assert folded("Tổng Bí \r\n  thư\nTô Lâm") == "Tổng Bí thư Tô Lâm"


# ---- 15. Latin-1 and Windows-1252 are not taken for TCVN3 or VNI -------------------------------

WESTERN = ("Le président français a déclaré à la presse que la coopération économique était très "
           "importante. Die Außenministerin äußerte sich über die Gespräche; Müller begrüßte das Ergebnis.\n")


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-8"])
def test_western_european_text_is_not_taken_for_a_vietnamese_encoding(tmp_path, encoding):
    corpus = seeds(tmp_path)
    (corpus / "western.txt").write_bytes(WESTERN.replace("importante", "importante \u2013 oui" if encoding == "cp1252"
                                                         else "importante").encode(encoding))
    proc = cli("corpus", "--no-cache", cwd=tmp_path)
    seed_findings_still_there(proc)
    lines = stderr_lines(proc)
    assert not any("TCVN3" in line or "VNI" in line for line in lines), lines
    if encoding == "utf-8":
        assert lines == []
    else:
        assert lines == ["factlint: corpus/western.txt: not UTF-8 and not Vietnamese; decoded as "
                         "Windows-1252 (Western European, assumed)"]


def test_text_no_encoding_fits_is_skipped_not_guessed(tmp_path):
    corpus = seeds(tmp_path)
    russian = "Президент России заявил, что переговоры в Москве прошли успешно и продолжатся завтра.\n"
    (corpus / "russian.txt").write_bytes(russian.encode("cp1251"))
    proc = cli("corpus", "--no-cache", cwd=tmp_path)
    seed_findings_still_there(proc)
    [line] = stderr_lines(proc)
    assert line.startswith("factlint: corpus/russian.txt: not UTF-8, and neither a Vietnamese encoding")
    assert line.endswith("skipped — please save the file as UTF-8")
