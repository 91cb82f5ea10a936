"""Command line: `factlint PATH...` and the subcommands.

The CLI only turns arguments into settings (factlint/config.py) and a job, picks the
renderer (factlint/registry.py) and hands both to the pipeline (factlint/pipeline.py).

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage,
configuration or I/O errors. Problems with single files are reported on stderr, one
line each, and the rest of the corpus is still linted.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from factlint import __version__
from factlint.errors import FactlintError
from factlint.registry import FORMATS

SUBCOMMANDS = {
    "claims": "the claims read: a table for people, JSON lines for tools",
    "rules": "the active rules",
    "rule": "one rule: what it does, why it matters, messages, examples",
    "check-rules": "run every example of the rules in a folder",
    "clean": "remove the cache (.factlint_cache/)",
    "server": "a language server for editors (LSP over stdio)",
}
CLAIM_FORMATS = ("table", "jsonl")
COLOURS = {"path": "1", "error": "1;31", "warning": "1;33", "info": "1;36", "rule": "2"}


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors: exit 2 with one line, as argparse does, but ours
        raise FactlintError(f"usage: {message} (see factlint --help)")


def _rule_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", action="append", default=[], metavar="DIR",
                   help="extra rules folder (vocab/*.toml, checks/*.toml), merged with the defaults")
    p.add_argument("--no-default-rules", action="store_true", help="use only the --rules folders")
    p.add_argument("--select", action="append", default=[], metavar="ID[,ID…]",
                   help="only these rule ids (repeat or separate by commas)")
    p.add_argument("--ignore", action="append", default=[], metavar="ID[,ID…]",
                   help="skip these rule ids (repeat or separate by commas)")
    p.add_argument("--ext", action="append", default=[], metavar=".EXT",
                   help="file extensions to read in folders (default .txt and .md)")
    p.add_argument("--config", metavar="FILE",
                   help="settings file (default: nearest factlint.toml or pyproject.toml "
                        "with [tool.factlint], from the current folder upward)")
    p.add_argument("--isolated", action="store_true", help="ignore all configuration files")


def parser() -> argparse.ArgumentParser:
    commands = "\n".join(f"  factlint {name:<12} {what}" for name, what in SUBCOMMANDS.items())
    p = _Parser(prog="factlint", description="Find facts that disagree across news articles.",
                formatter_class=argparse.RawDescriptionHelpFormatter,
                epilog=f"subcommands (factlint COMMAND --help):\n{commands}\n\n"
                       "exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, "
                       "configuration or I/O error")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files or folders (recursive); - reads one document from standard input")
    p.add_argument("--format", choices=FORMATS, default="concise")
    p.add_argument("--lang", choices=["vi", "en"], default=None,
                   help="language of the messages (default: vi for markdown and full, en otherwise)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE (folders are created)")
    p.add_argument("--stdin-filename", metavar="PATH",
                   help="the path of the document read from standard input (PATH -)")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="print the findings and nothing else (no summary line, no notices)")
    p.add_argument("--statistics", action="store_true", help="print the number of findings per rule")
    fixing = p.add_mutually_exclusive_group()
    fixing.add_argument("--fix", action="store_true",
                        help="fix the style findings whose fix is certain (never a fact), then report the rest")
    fixing.add_argument("--diff", action="store_true",
                        help="print the fixes --fix would make as a unified diff; exit 1 when there are any")
    p.add_argument("--fail-on", choices=["error", "warning", "info", "never"], default=None,
                   help="exit 1 when a finding is at or above this severity (default: error)")
    p.add_argument("--version", action="version", version=f"factlint {__version__}")
    p.add_argument("--no-cache", action="store_true",
                   help="neither read nor write .factlint_cache/ (per-document extraction cache)")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="worker processes for large corpora (default: the CPUs; 1: serial)")
    p.add_argument("--timings", action="store_true", help="print the time of each stage on stderr")
    _rule_options(p)
    p.add_argument("--show-settings", action="store_true", help="print the effective settings and exit")
    focus = p.add_mutually_exclusive_group()
    focus.add_argument("--staged", action="store_true",
                       help="report only findings with a side in a file staged in git")
    focus.add_argument("--changed-since", metavar="REF",
                       help="report only findings with a side in a file changed in REF...HEAD")
    p.add_argument("--baseline", metavar="FILE", help="hide the findings recorded in FILE")
    p.add_argument("--write-baseline", metavar="FILE", help="record the current findings in FILE and exit 0")
    return p


def sub_parser(name: str) -> argparse.ArgumentParser:
    p = _Parser(prog=f"factlint {name}")
    if name == "claims":
        p.add_argument("paths", nargs="+", metavar="PATH")
        p.add_argument("--kind", action="append", default=[], help="only these claim kinds")
        p.add_argument("--all-zones", action="store_true", help="also claims from page furniture")
        p.add_argument("--format", choices=CLAIM_FORMATS, default="table",
                       help="table (people) or jsonl (one JSON object per claim, for tools)")
        p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    elif name == "rule":
        p.add_argument("id")
    elif name == "check-rules":
        p.add_argument("dir", metavar="DIR", help="a rules folder (vocab/, checks/)")
    elif name == "clean":
        p.add_argument("dir", nargs="?", help="folder holding .factlint_cache/ (default: current)")
        return p
    elif name == "server":
        p.add_argument("--stdio", action="store_true", help="talk over standard input/output (the default)")
        p.add_argument("--debounce", type=float, default=0.3, metavar="SECONDS",
                       help="wait this long after the last change before checking again")
        p.add_argument("--lang", choices=["vi", "en"], default=None, help="language of the messages")
    _rule_options(p)
    return p


def settings_of(args):
    """The effective settings: the config file, the flags on top."""
    from factlint.config import resolve_settings

    g = lambda name: getattr(args, name, None)  # noqa: E731
    return resolve_settings(
        g("config"), isolated=bool(g("isolated")),
        paths=g("paths") or None,
        rules=g("rules") or None,
        default_rules=False if g("no_default_rules") else None,
        select=_ids(g("select")),
        ignore=_ids(g("ignore")),
        fail_on=g("fail_on"),
    )


def _ids(values: list[str] | None) -> list[str] | None:
    """Rule ids given as repeated flags and comma lists (`--select a,b --select c`)."""
    ids = [part.strip() for v in values or () for part in v.split(",") if part.strip()]
    return ids or None


def job_of(args):
    from factlint.load import DEFAULT_EXTENSIONS
    from factlint.pipeline import Job

    g = lambda name: getattr(args, name, None)  # noqa: E731
    extensions = tuple(e if e.startswith(".") else "." + e for e in g("ext") or ()) or DEFAULT_EXTENSIONS
    return Job(extensions=extensions, cache=not g("no_cache"), jobs=g("jobs"), staged=bool(g("staged")),
               changed_since=g("changed_since"), baseline=g("baseline"),
               write_baseline=g("write_baseline"), output=g("output"))


def _write(text: str, output: str | None) -> None:
    if output:
        try:
            Path(output).parent.mkdir(parents=True, exist_ok=True)
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise FactlintError(f"{output}: cannot write ({exc.strerror or exc})") from None
    else:
        sys.stdout.write(text)


def _tell(result, quiet: bool = False) -> None:
    for line in ((*result.warnings,) if quiet else (*result.notices, *result.warnings)):
        print(f"factlint: {line}", file=sys.stderr)


def _stdin_document(args) -> dict[str, str]:
    """`-` among the paths: standard input is the document named by --stdin-filename."""
    if "-" not in args.paths:
        if args.stdin_filename:
            raise FactlintError("usage: --stdin-filename needs - among the paths")
        return {}
    if not args.stdin_filename:
        raise FactlintError("usage: - reads standard input and needs --stdin-filename PATH")
    if args.fix:
        raise FactlintError("usage: --fix cannot write standard input back; use --diff")
    from factlint.load import SourceFile, decode, display_path

    args.paths = [p for p in args.paths if p != "-"]
    name = display_path(args.stdin_filename)
    return {name: decode(SourceFile(name, sys.stdin.buffer.read())).raw}


def _painter(args):
    """Colours for a terminal: never in a file or a pipe, never with NO_COLOR set."""
    if args.output or args.format != "concise" or os.environ.get("NO_COLOR") or not sys.stdout.isatty():
        return None
    return lambda kind, text: f"\x1b[{COLOURS[kind]}m{text}\x1b[0m" if kind in COLOURS else text


def _statistics(result) -> str:
    from collections import Counter

    from factlint.report import phrases

    phrase = phrases(result)
    counts = Counter((f.rule, f.severity) for f in result.findings)
    fixable = {f.rule for f in result.findings if f.fix is not None}
    lines = [phrase("statistics-fixable" if rule in fixable else "statistics", count=n, rule=rule,
                    severity=severity)
             for (rule, severity), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return "".join(line + "\n" for line in lines)


def _check_staged(args) -> bool:
    """False (after saying so) when --staged has nothing to look at."""
    from factlint.filter.focus import staged_files

    if args.staged and not staged_files():
        print("factlint: --staged: nothing is staged (git add the articles to check), nothing to do",
              file=sys.stderr)
        return False
    return True


def cmd_check(args) -> int:
    from factlint.pipeline import run
    from factlint.registry import renderer

    overrides = _stdin_document(args)  # with no other PATH: the configured corpus
    settings = settings_of(args)
    if args.show_settings:
        sys.stdout.write(settings.show())
        return 0
    if not _check_staged(args):
        return 0
    job = job_of(args)
    job.overrides = overrides
    job.lang = args.lang or settings.language(args.format)
    result = run(settings, job)
    if result.baseline_written is not None:
        n = result.baseline_written
        print(f"factlint: wrote {n} finding{'s' * (n != 1)} to baseline {args.write_baseline}", file=sys.stderr)
        return 0
    _tell(result, args.quiet)
    if args.fix or args.diff:
        from factlint.fix import fix_files

        count, files, diff = fix_files(result, write=args.fix, warn=lambda m: print(f"factlint: {m}", file=sys.stderr))
        if args.diff:
            sys.stdout.write(diff)
            if not args.quiet:
                print("factlint: " + result.phrase("would-fix", count=count, files=files), file=sys.stderr)
            return 1 if count else 0
        if not args.quiet:
            print("factlint: " + result.phrase("fixed", count=count, files=files), file=sys.stderr)
        if count:  # check again: what is left, at the places it now stands
            result = run(settings, job)
    started = time.perf_counter()
    if args.statistics:
        text = _statistics(result)
    elif args.format == "concise":
        from factlint.report.concise import render

        text = render(result, paint=_painter(args), quiet=args.quiet)
    else:
        text = renderer(args.format)(result)
    result.timings["report"] = time.perf_counter() - started
    _write(text, args.output)
    if args.timings:
        _print_timings(result.timings)
    return 1 if any(settings.fails(f.severity) for f in result.findings) else 0


def _print_timings(t: dict) -> None:
    stages = [(k, t[k]) for k in ("load", "cache", "normalize", "extract", "compare", "report") if k in t]
    line = ", ".join(f"{k} {v:.3f}s" for k, v in stages)
    workers = int(t.get("workers", 1))
    note = f" (normalize/extract summed over {workers} workers)" if workers > 1 else ""
    print(f"factlint: timings: {line}; extract wall {t.get('extract-wall', 0.0):.3f}s, "
          f"cache hits {int(t.get('cache-hits', 0))}, process {time.process_time():.3f}s cpu{note}",
          file=sys.stderr)


def cmd_clean(args) -> int:
    from factlint.cache import cache_root, clean

    base = args.dir or os.getcwd()
    removed = clean(base)
    print(f"factlint: removed {cache_root(base)}" if removed else "factlint: no cache to remove",
          file=sys.stderr)
    return 0


def cmd_claims(args) -> int:
    from factlint.pipeline import read_claims
    from factlint.report.claims import render_claims

    result = read_claims(settings_of(args), job_of(args), args.paths)
    _tell(result)
    sys.stdout.write(render_claims(result, args.format, kinds=set(args.kind), all_zones=args.all_zones))
    return 0


def _ruleset(args):
    from factlint.ruleset import load_ruleset

    return load_ruleset(settings_of(args).rule_folders())


def cmd_rules(args) -> int:
    from factlint.rulesinfo import rules_table

    sys.stdout.write(rules_table(_ruleset(args).rules))
    return 0


def cmd_rule(args) -> int:
    from factlint.rulesinfo import find_rule, rule_detail

    sys.stdout.write(rule_detail(find_rule(_ruleset(args).rules, args.id)))
    return 0


def cmd_check_rules(args) -> int:
    """Run every example of the rules in DIR (with the default vocabulary unless
    --no-default-rules); exit 1 when one fails."""
    from factlint.rulesinfo import check_examples

    folder = Path(args.dir)
    if not folder.is_dir():
        raise FactlintError(f"{args.dir}: no such rules folder")
    args.rules = [*args.rules, str(folder)]
    report, failed = check_examples(settings_of(args), folder)
    sys.stdout.write(report)
    return 1 if failed else 0


def cmd_server(args) -> int:
    from factlint.server import serve

    serve(args)
    return 0


COMMANDS = {"claims": cmd_claims, "rules": cmd_rules, "rule": cmd_rule,
            "check-rules": cmd_check_rules, "clean": cmd_clean, "server": cmd_server}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--version"]:  # fast path: no parser, no config, no heavy imports
        print(f"factlint {__version__}")
        return 0
    import gc

    # Start-up (pydantic models, rules) and a cached run make many objects and hardly any
    # garbage cycles: the cyclic collector would only rescan them. The executor turns it
    # back on while it extracts a large amount.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _main(argv)
    finally:
        if gc_was_enabled:
            gc.enable()


def _unknown_command(argv: list[str]) -> None:
    """A first word that is no path but close to a subcommand is a typo of it."""
    import difflib

    word = argv[0] if argv else ""
    if not word or word.startswith("-") or word == "-" or os.path.lexists(word):
        return
    close = difflib.get_close_matches(word, list(SUBCOMMANDS), n=1, cutoff=0.6)
    if close:
        raise FactlintError(f"usage: {word!r} is neither a subcommand nor a path "
                            f"(did you mean 'factlint {close[0]}'?)")


def _main(argv: list[str]) -> int:
    try:
        if argv and argv[0] in SUBCOMMANDS:
            return COMMANDS[argv[0]](sub_parser(argv[0]).parse_args(argv[1:]))
        _unknown_command(argv)
        return cmd_check(parser().parse_args(argv))
    except FactlintError as exc:
        print(f"factlint: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug of ours: one line, and the traceback only on request
        if os.environ.get("FACTLINT_DEBUG"):
            raise
        print(f"factlint: internal error: {type(exc).__name__}: {exc} "
              f"(set FACTLINT_DEBUG=1 for details)", file=sys.stderr)
        return 2
