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
    lang = "vi"                       # language of the messages (default: vi for markdown
                                      # and full, en for the other formats)
    [tool.factlint.per-file-ignores]
    "wire/*.txt" = ["visit-level"]    # claims in these files never count for these rules
    [tool.factlint.rule.person-name]  # parameters merged into the rule's own params,
    zones = ["body"]                  # and `severity` to change the rule's severity
    severity = "warning"

Every path in the file is relative to the folder of the file. Globs are matched against
the document path relative to that folder (`/` separators; `*` stays inside one folder,
`**` crosses folders; a glob without `/` matches at any depth; a folder matches all the
files under it). Unknown keys are errors naming the key.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from factlint.errors import FactlintError
from factlint.model import at_or_above

CONFIG_FILES = ("factlint.toml", "pyproject.toml")  # looked for in this order, in each folder
FailOn = Literal["error", "warning", "info", "never"]
Lang = Literal["vi", "en"]
FORMAT_LANG = {"markdown": "vi", "full": "vi"}  # formats people read; the others default to English
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
    lang: Lang | None = None
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
        return at_or_above(severity, self.fail_on)

    def language(self, fmt: str) -> str:
        """The language of the messages: `lang` if set, else the format's default."""
        return self.lang or FORMAT_LANG.get(fmt, "en")

    def _where(self) -> str:
        return self.config_file or "settings"

    # ---- rules ----------------------------------------------------------------------

    def selection(self):
        """What these settings ask of the rules (checked against the rule files by
        ruleset.configure)."""
        from factlint.ruleset import RuleSelection

        return RuleSelection(select=self.select, ignore=self.ignore,
                             per_file_ignores=self.per_file_ignores, params=self.rule,
                             from_flags=set(self._from_flags), where=self._where())

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
            lines.append(f"{key} = {_toml(value)}" if value is not None else f"# {key}: not set")
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
            keys = [f.alias or name for name, f in Settings.model_fields.items() if not name.startswith("_")
                    and not (f.alias or "").startswith("__") and name not in ("config_file", "root")]
            close = difflib.get_close_matches(str(err["loc"][-1]), keys, n=1, cutoff=0.6)
            if close and len(err["loc"]) == 1:
                msg += f" (did you mean {close[0]!r}?)"
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

    Paths given as overrides are taken relative to the current folder, as on a command line;
    `rules` given as an override adds folders to those of the file.
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
    if "rules" in update:  # --rules adds folders to the configured ones
        update["rules"] = [str(_absolute(settings.root_path, p)) for p in settings.rules] + update["rules"]
    data = settings.model_dump(by_alias=True)
    data.update({Settings.model_fields[k].alias or k: v for k, v in update.items()})
    data["__config_file"], data["__root"] = settings.config_file, settings.root
    try:
        merged = Settings.model_validate(data)
    except ValidationError as exc:
        raise FactlintError("usage: " + _explain(exc, "--")) from None
    merged._from_flags = {Settings.model_fields[k].alias or k for k in update}
    return merged
