"""Command line: `factlint PATH...` and the subcommands `claims`, `rules`, `rule ID`.

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

FORMATS = ["concise", "json", "full", "markdown", "github", "sarif"]
SUBCOMMANDS = ("claims", "rules", "rule", "clean")


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors: exit 2 with one line, as argparse does, but ours
        raise FactlintError(f"usage: {message} (see factlint --help)")


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", action="append", default=[], metavar="DIR",
                   help="extra rules folder (vocab/*.toml, checks/*.toml), merged with the defaults")
    p.add_argument("--no-default-rules", action="store_true", help="use only the --rules folders")
    p.add_argument("--select", action="append", default=[], metavar="ID", help="only these rule ids")
    p.add_argument("--ignore", action="append", default=[], metavar="ID", help="skip these rule ids")
    p.add_argument("--ext", action="append", default=[], metavar=".EXT",
                   help="file extensions to read in folders (default .txt and .md)")


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="factlint", description="Find facts that disagree across news articles.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (recursive)")
    p.add_argument("--format", choices=FORMATS, default="concise")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    p.add_argument("--fail-on", choices=["error", "warning", "info", "never"], default=None,
                   help="exit 1 when a finding is at or above this severity (default: error)")
    p.add_argument("--version", action="version", version=f"factlint {__version__}")
    p.add_argument("--no-cache", action="store_true",
                   help="neither read nor write .factlint_cache/ (per-document extraction cache)")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="worker processes for large corpora (default: the CPUs; 1: serial)")
    p.add_argument("--timings", action="store_true", help="print the time of each stage on stderr")
    _common(p)
    from factlint.config import add_arguments  # --config, --staged, --baseline, … (config.py)
    add_arguments(p)
    return p


def sub_parser(name: str) -> argparse.ArgumentParser:
    p = _Parser(prog=f"factlint {name}")
    if name == "claims":
        p.add_argument("paths", nargs="+", metavar="PATH")
        p.add_argument("--kind", action="append", default=[], help="only these claim kinds")
        p.add_argument("--all-zones", action="store_true", help="also claims from page furniture")
    elif name == "rule":
        p.add_argument("id")
    elif name == "clean":
        p.add_argument("dir", nargs="?", help="folder holding .factlint_cache/ (default: current)")
        return p
    _common(p)
    return p


def _rule_folders(args) -> list[Path]:
    from factlint.config import settings_of  # [tool.factlint] settings, flags on top

    return settings_of(args).rule_folders()


def _context(args):
    from factlint.config import build_context, settings_of  # select/ignore/[rule.<id>] params

    return build_context(settings_of(args))[0]


def _extensions(args):
    from factlint.load import DEFAULT_EXTENSIONS

    return tuple(e if e.startswith(".") else "." + e for e in args.ext) or DEFAULT_EXTENSIONS


def _write(text: str, output: str | None) -> None:
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise FactlintError(f"{output}: cannot write ({exc.strerror or exc})") from None
    else:
        sys.stdout.write(text)


def _warn(result) -> None:
    for w in result.warnings:
        print(f"factlint: {w}", file=sys.stderr)


def _renderers(fmt: str) -> dict:
    """The renderers, importing only the module of the wanted format when it registers it
    (each format lives in factlint/report/<format>.py); else every module."""
    import importlib

    from factlint.report import RENDERERS, load_renderers

    try:
        importlib.import_module(f"factlint.report.{fmt}")
    except ImportError:
        pass
    return RENDERERS if fmt in RENDERERS else load_renderers()


def cmd_check(args) -> int:
    renderers = _renderers(args.format)
    if args.format not in renderers:
        raise FactlintError(f"usage: format {args.format!r} is not available")
    from factlint import config  # settings, suppressions, baseline, --staged focus

    settings = config.settings_of(args)
    if args.show_settings:
        sys.stdout.write(settings.show())
        return 0
    result = config.lint(settings, args, _extensions(args))
    if result is None:  # --write-baseline
        return 0
    _warn(result)
    result.output = args.output  # markdown links are relative to the report's folder
    t0 = time.perf_counter()
    _write(renderers[args.format](result), args.output)
    if args.timings:
        _print_timings(result.timings, time.perf_counter() - t0)
    return 1 if config.failing(result, settings) else 0


def _print_timings(t: dict, report: float) -> None:
    stages = [(k, t[k]) for k in ("load", "cache", "normalize", "extract", "compare") if k in t]
    stages.append(("report", report))
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
    from tabulate import tabulate

    from factlint.normalize.structure import COMPARED_ZONES
    from factlint.pipeline import run
    from factlint.report import location

    ctx = _context(args)
    ctx.rules = []
    result = run(args.paths, ctx, _extensions(args))
    _warn(result)
    rows = []
    for c in sorted(result.claims, key=lambda c: (c.doc, c.start)):
        if args.kind and c.kind not in args.kind:
            continue
        if not args.all_zones and c.zone not in COMPARED_ZONES:
            continue
        loc = location(result, c)
        rows.append([f'{loc["path"]}:{loc["line"]}:{loc["column"]}', c.kind, c.subject,
                     c.attribute, c.display or c.value, c.when or "", c.zone])
    print(tabulate(rows, headers=["location", "kind", "subject", "attribute", "value", "when", "zone"]))
    return 0


def cmd_rules(args) -> int:
    from factlint.rulesinfo import rules_table
    from factlint.ruleset import load_ruleset

    sys.stdout.write(rules_table(load_ruleset(_rule_folders(args)).rules))
    return 0


def cmd_rule(args) -> int:
    from factlint.rulesinfo import find_rule, rule_detail
    from factlint.ruleset import load_ruleset

    sys.stdout.write(rule_detail(find_rule(load_ruleset(_rule_folders(args)).rules, args.id)))
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--version"]:  # fast path: no parser, no config, no heavy imports
        print(f"factlint {__version__}")
        return 0
    import gc

    # Start-up (pydantic models, rules) and a cached run make many objects and hardly any
    # garbage cycles: the cyclic collector would only rescan them (vi-news warm run
    # 0.53 -> 0.47 s). pipeline.run turns it back on while it extracts a large amount.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _main(argv)
    finally:
        if gc_was_enabled:
            gc.enable()


def _main(argv: list[str]) -> int:
    try:
        if argv and argv[0] in SUBCOMMANDS:
            args = sub_parser(argv[0]).parse_args(argv[1:])
            return {"claims": cmd_claims, "rules": cmd_rules, "rule": cmd_rule,
                    "clean": cmd_clean}[argv[0]](args)
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
