"""Project configuration: `[tool.factlint]` in pyproject.toml, or the same keys at the top
of factlint.toml, found from the current folder upward. Command-line flags override it.

    [tool.factlint]
    paths = ["articles"]              # the corpus, when no path is given on the command line
    include = ["**/*.md"]             # globs; when set, only matching files are read
    exclude = ["drafts/**"]           # globs; matching files are never read
    rules = ["newsroom-rules"]        # extra rules folders (each with vocab/ and checks/)
    default-rules = true              # false: use only the folders in `rules`
    select = ["person-name"]          # run only these rule ids (empty: all)
    ignore = ["spelling-variant"]     # never run these rule ids
    fail-on = "error"                 # lowest severity that makes the exit code 1 ("never": always 0)
    [tool.factlint.per-file-ignores]
    "wire/*.txt" = ["visit-level"]    # claims in these files never count for these rules
    [tool.factlint.rule.person-name]  # parameters merged into the rule's own params
    zones = ["body"]

Every path in the file is relative to the folder of the file. Globs are matched against
the document path relative to that folder (`/` separators; `*` stays inside one folder,
`**` crosses folders; a glob without `/` matches at any depth; a folder matches all the
files under it). Unknown keys are errors naming the key.
"""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from factlint.errors import FactlintError

CONFIG_FILES = ("factlint.toml", "pyproject.toml")  # looked for in this order, in each folder
PSEUDO_RULES = ("unused-suppression", "invalid-suppression")  # reported by suppress.py
FailOn = Literal["error", "warning", "info", "never"]
_RULE_ID = r"^[a-z][a-z0-9-]*$"


class Settings(BaseModel):
    """The effective settings. Keys are spelled as in the TOML file (`fail-on`, not `fail_on`)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=False, validate_default=True)

    paths: list[str] = []
    include: list[str] = []
    exclude: list[str] = []
    rules: list[str] = []
    default_rules: bool = Field(True, alias="default-rules")
    select: list[str] = []
    ignore: list[str] = []
    per_file_ignores: dict[str, list[str]] = Field({}, alias="per-file-ignores")
    fail_on: FailOn = Field("error", alias="fail-on")
    rule: dict[str, dict[str, Any]] = {}

    # Not read from the file: where the settings came from.
    config_file: str | None = Field(None, exclude=True, alias="__config_file")
    root: str = Field(default_factory=lambda: str(Path.cwd()), exclude=True, alias="__root")
    _from_flags: set[str] = PrivateAttr(default_factory=set)  # keys given on the command line

    @field_validator("select", "ignore")
    @classmethod
    def _ids(cls, v: list[str]) -> list[str]:
        for rule_id in v:
            if not regex.match(_RULE_ID, rule_id):
                raise ValueError(f"{rule_id!r} is not a rule id")
        return v

    @field_validator("per_file_ignores")
    @classmethod
    def _pfi(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        for glob, ids in v.items():
            for rule_id in ids:
                if not regex.match(_RULE_ID, rule_id):
                    raise ValueError(f"{glob!r}: {rule_id!r} is not a rule id")
        return v

    @field_validator("rule")
    @classmethod
    def _rule_keys(cls, v: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        for rule_id in v:
            if not regex.match(_RULE_ID, rule_id):
                raise ValueError(f"{rule_id!r} is not a rule id")
        return v

    # ---- derived values -------------------------------------------------------------

    @property
    def root_path(self) -> Path:
        return Path(self.root)

    def corpus(self) -> list[str]:
        """The corpus paths, absolute (relative ones are taken from the config folder)."""
        return [str(_absolute(self.root_path, p)) for p in self.paths]

    def rule_folders(self) -> list[Path]:
        from factlint.ruleset import default_rules_dir

        folders = [default_rules_dir()] if self.default_rules else []
        folders += [_absolute(self.root_path, p) for p in self.rules]
        if not folders:
            raise FactlintError(f"{self._where()}: default-rules = false and no `rules` folder given")
        return folders

    def relative(self, path: str | Path) -> str:
        """A document path as the globs see it: relative to the config folder, `/`-separated."""
        a = os.path.abspath(path)
        root = os.path.abspath(self.root)
        prefix = root if root.endswith(os.sep) else root + os.sep
        if a == root:
            rel = "."
        elif a.startswith(prefix):
            rel = a[len(prefix):]
        else:
            rel = a
        return rel if os.sep == "/" else Path(rel).as_posix()

    def wants(self, path: str | Path) -> bool:
        """Whether a discovered file passes include/exclude."""
        if not self.include and not self.exclude:
            return True
        rel = self.relative(path)
        if self.include and not any(glob_match(g, rel) for g in self.include):
            return False
        return not any(glob_match(g, rel) for g in self.exclude)

    def ignored_rules_for(self, path: str | Path) -> set[str]:
        """Rule ids that per-file-ignores switch off for one document."""
        if not self.per_file_ignores:
            return set()
        rel = self.relative(path)
        return {r for g, ids in self.per_file_ignores.items() if glob_match(g, rel) for r in ids}

    def fails(self, severity: str) -> bool:
        if self.fail_on == "never":
            return False
        rank = {"info": 0, "warning": 1, "error": 2}
        return rank.get(severity, 2) >= rank[self.fail_on]

    def _where(self) -> str:
        return self.config_file or "settings"

    # ---- rules ----------------------------------------------------------------------

    def apply_to_ruleset(self, ruleset):
        """Check select/ignore/per-file-ignores ids, merge [rule.<id>] params (validated by the
        rule type), and keep only the selected rules. Returns the ruleset, changed in place."""
        from factlint.compare import TYPES, _load_types

        _load_types()
        known = {s.id for s in ruleset.rules}
        where = self._where()
        table = "tool.factlint." if where.endswith("pyproject.toml") else ""
        for key, ids in (("select", self.select), ("ignore", self.ignore),
                         *((f"per-file-ignores.{g!r}", v) for g, v in self.per_file_ignores.items())):
            for rule_id in ids:
                if rule_id not in known and rule_id not in PSEUDO_RULES:
                    if key in self._from_flags:
                        raise FactlintError(f"usage: --{key}: unknown rule id {rule_id!r} (see factlint rules)")
                    raise FactlintError(f"{where}: {table}{key}: unknown rule id {rule_id!r}")
        by_id = {s.id: s for s in ruleset.rules}
        for rule_id, params in self.rule.items():
            spec = by_id.get(rule_id)
            if spec is None:
                raise FactlintError(f"{where}: {table}rule.{rule_id}: unknown rule id {rule_id!r}")
            merged = {**spec.params, **params}
            try:
                TYPES[spec.type].Params.model_validate(merged)
            except ValidationError as exc:
                raise FactlintError(f"{where}: {_explain(exc, f'{table}rule.{rule_id}.')}") from None
            spec.params = merged
        ruleset.rules = [s for s in ruleset.rules if self.rule_enabled(s.id)]
        return ruleset

    def rule_enabled(self, rule_id: str) -> bool:
        if self.select and rule_id not in self.select:
            return False
        return rule_id not in self.ignore

    # ---- output ---------------------------------------------------------------------

    def show(self) -> str:
        """The effective settings, as TOML that could be pasted back into [tool.factlint]."""
        lines = [f"# config file: {self.config_file or '(none)'}",
                 f"# paths are relative to: {self.root}",
                 "[tool.factlint]"]
        data = self.model_dump(by_alias=True, exclude={"per_file_ignores", "rule"})
        for key, value in data.items():
            lines.append(f"{key} = {_toml(value)}")
        lines.append("# rules folders in use: " + ", ".join(str(p) for p in self.rule_folders()))
        lines.append("")
        lines.append("[tool.factlint.per-file-ignores]")
        for glob, ids in self.per_file_ignores.items():
            lines.append(f"{_toml(glob)} = {_toml(ids)}")
        for rule_id, params in self.rule.items():
            lines.append("")
            lines.append(f"[tool.factlint.rule.{rule_id}]")
            for k, v in params.items():
                lines.append(f"{k} = {_toml(v)}")
        return "\n".join(lines) + "\n"


def _toml(value) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _absolute(root: Path, p: str) -> Path:
    q = Path(p).expanduser()
    return q if q.is_absolute() else root / q


# ---- globs ----------------------------------------------------------------------------

@lru_cache(maxsize=512)
def _glob_re(glob: str):
    g = glob.strip()
    anchored = "/" in g.rstrip("/")
    g = g.lstrip("/").rstrip("/") if g != "/" else g
    if g.startswith("./"):
        g = g[2:]
    out, i = [], 0
    while i < len(g):
        c = g[i]
        if g.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif g.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            j = g.find("]", i + 2)
            if j == -1:
                out.append(regex.escape(c))
                i += 1
            else:
                body = g[i + 1:j]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = j + 1
        else:
            out.append(regex.escape(c))
            i += 1
    prefix = "" if anchored else "(?:.*/)?"
    return regex.compile(prefix + "".join(out) + "(?:/.*)?")


def glob_match(glob: str, rel_path: str) -> bool:
    """gitignore-like matching of a `/`-separated relative path (see the module docstring)."""
    return _glob_re(glob).fullmatch(rel_path) is not None


# ---- finding and reading the file ------------------------------------------------------

def find_config(start: Path | None = None) -> Path | None:
    """The nearest factlint.toml, or pyproject.toml with a [tool.factlint] table, from
    `start` (default: the current folder) upward."""
    folder = Path(start or Path.cwd()).resolve()
    for d in (folder, *folder.parents):
        for name in CONFIG_FILES:
            p = d / name
            if not p.is_file():
                continue
            if name == "pyproject.toml":
                data = _read(p)
                if not isinstance(data.get("tool"), dict) or "factlint" not in data["tool"]:
                    continue
            return p
    return None


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise FactlintError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise FactlintError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _explain(exc: ValidationError, prefix: str) -> str:
    problems = []
    for err in exc.errors()[:3]:
        loc = ".".join(str(p) for p in err["loc"])
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown key"
        elif msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        problems.append(f"{prefix}{loc}: {msg}" if loc else msg)
    return "; ".join(problems)


def load_settings(path: Path) -> Settings:
    """Read one config file (factlint.toml: keys at the top; pyproject.toml: [tool.factlint])."""
    path = Path(path).resolve()
    data = _read(path)
    if path.name == "pyproject.toml" or "tool" in data and "factlint" in data.get("tool", {}):
        table, prefix = data.get("tool", {}).get("factlint", {}), "tool.factlint."
    else:
        table, prefix = data, ""
    if not isinstance(table, dict):
        raise FactlintError(f"{path}: {prefix.rstrip('.')} must be a table")
    bad = [k for k in table if k.startswith("__")]
    if bad:
        raise FactlintError(f"{path}: {prefix}{bad[0]}: unknown key")
    try:
        return Settings.model_validate(
            {**table, "__config_file": str(path), "__root": str(path.parent)})
    except ValidationError as exc:
        raise FactlintError(f"{path}: {_explain(exc, prefix)}") from None


def resolve_settings(config: str | Path | None = None, *, isolated: bool = False,
                     start: Path | None = None, **overrides) -> Settings:
    """The effective settings: the config file (given, or found upward from `start`), then
    `overrides` (field names, e.g. fail_on="error"; None means "not given") on top.

    Paths given as overrides are taken relative to the current folder, as on a command line.
    """
    if isolated:
        settings = Settings()
    elif config is not None:
        if not Path(config).is_file():
            raise FactlintError(f"{config}: config file not found")
        settings = load_settings(Path(config))
    else:
        found = find_config(start)
        settings = load_settings(found) if found else Settings()
    update = {k: v for k, v in overrides.items() if v is not None}
    unknown = set(update) - set(Settings.model_fields)
    if unknown:
        raise TypeError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    cwd = Path.cwd()
    for key in ("paths", "rules"):
        if key in update:
            update[key] = [str(_absolute(cwd, p)) for p in update[key]]
    data = settings.model_dump(by_alias=True)
    data.update({Settings.model_fields[k].alias or k: v for k, v in update.items()})
    data["__config_file"], data["__root"] = settings.config_file, settings.root
    try:
        merged = Settings.model_validate(data)
    except ValidationError as exc:
        raise FactlintError("usage: " + _explain(exc, "--")) from None
    merged._from_flags = {Settings.model_fields[k].alias or k for k in update}
    return merged


# ---- command-line glue (called from cli.py) ---------------------------------------------

def add_arguments(p) -> None:
    """The flags this module owns, on the main `factlint` parser."""
    p.add_argument("--config", metavar="FILE",
                   help="settings file (default: nearest factlint.toml or pyproject.toml "
                        "with [tool.factlint], from the current folder upward)")
    p.add_argument("--isolated", action="store_true", help="ignore all configuration files")
    p.add_argument("--show-settings", action="store_true", help="print the effective settings and exit")
    focus = p.add_mutually_exclusive_group()
    focus.add_argument("--staged", action="store_true",
                       help="report only findings with a side in a file staged in git")
    focus.add_argument("--changed-since", metavar="REF",
                       help="report only findings with a side in a file changed in REF...HEAD")
    p.add_argument("--baseline", metavar="FILE", help="hide the findings recorded in FILE")
    p.add_argument("--write-baseline", metavar="FILE", help="record the current findings in FILE and exit 0")


def settings_of(args) -> Settings:
    """The effective settings for parsed arguments (cached on `args`). Works for every
    sub-command: flags a parser does not define are simply not overrides."""
    cached = getattr(args, "_factlint_settings", None)
    if cached is not None:
        return cached
    g = lambda name: getattr(args, name, None)  # noqa: E731
    settings = resolve_settings(
        g("config"), isolated=bool(g("isolated")),
        paths=g("paths") or None,
        rules=g("rules") or None,
        default_rules=False if g("no_default_rules") else None,
        select=g("select") or None,
        ignore=g("ignore") or None,
        fail_on=g("fail_on"),
    )
    args._factlint_settings = settings
    return settings


def build_context(settings: Settings):
    """pipeline.build_context, then the settings' rule checks and parameter overrides.
    Returns (context, ids of all rules known before select/ignore)."""
    from factlint.compare import build_rules
    from factlint.pipeline import build_context as pipeline_context

    ctx = pipeline_context(settings.rule_folders())
    known = {s.id for s in ctx.ruleset.rules}
    settings.apply_to_ruleset(ctx.ruleset)
    ctx.rules = build_rules(ctx.ruleset.rules, ctx.lexicon)
    return ctx, known


def lint(settings: Settings, args, extensions):
    """The `factlint` run with everything the project settings ask for:
    include/exclude → pipeline → suppressions → baseline → focus. Returns the Result
    (findings replaced) or None when --write-baseline wrote a file."""
    import sys

    from factlint import suppress
    from factlint.load import discover
    from factlint.pipeline import Result, run

    paths = settings.corpus()
    if not paths:
        raise FactlintError("usage: no PATH given and no `paths` in [tool.factlint] (try: factlint seeds/)")
    ctx, known = build_context(settings)
    warnings: list[str] = []
    files = [f for f in discover(paths, extensions, warn=warnings.append) if settings.wants(f)]

    wanted = focus = None
    if getattr(args, "staged", False) or getattr(args, "changed_since", None):
        from factlint import focus  # git is asked only when a focus flag is given

        if getattr(args, "staged", False):
            wanted = focus.staged_files()
        else:
            wanted = focus.changed_since(args.changed_since)
    if wanted is not None and not focus.any_in(files, wanted):
        return Result({}, [], [], [r.spec for r in ctx.rules], warnings=warnings)  # nothing to look at

    cache_dir = None if getattr(args, "no_cache", False) else settings.root  # cache.py
    result = (run(files, ctx, extensions, cache_dir=cache_dir, jobs=getattr(args, "jobs", None),
                  discovered=True)
              if files else Result({}, [], [], [r.spec for r in ctx.rules]))
    result.warnings[:0] = warnings
    findings = suppress.apply_suppressions(
        result.findings, result.documents, file_ignores=settings.ignored_rules_for,
        active_rules={r.id for r in ctx.rules}, known_rules=known | set(PSEUDO_RULES))
    findings = [f for f in findings if settings.rule_enabled(f.rule)]
    if getattr(args, "write_baseline", None) or getattr(args, "baseline", None):
        from factlint import baseline
    if getattr(args, "write_baseline", None):
        n = baseline.write(args.write_baseline, findings)
        print(f"factlint: wrote {n} finding{'s' * (n != 1)} to baseline {args.write_baseline}", file=sys.stderr)
        return None
    if getattr(args, "baseline", None):
        filtered = baseline.apply(findings, baseline.read(args.baseline))
        for line in filtered.messages(args.baseline):
            print(line, file=sys.stderr)
        findings = filtered.findings
    if wanted is not None:
        findings = focus.filter_findings(findings, wanted)
    result.findings = findings
    return result


def failing(result, settings: Settings) -> bool:
    return any(settings.fails(f.severity) for f in result.findings)
