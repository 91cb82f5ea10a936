"""Rule folders: `vocab/*.toml` (what words mean, factlint/vocab.py) and `checks/*.toml`
(one check per file: a rule type with a severity, parameters, message templates, an
explanation and examples that run as tests).

Files are validated with pydantic when they are read; any problem is a one-line error
naming the file and the rule or key. A validated set of folders is kept in the cache,
keyed by the content of its files, so a warm run does not validate it again.
"""

from __future__ import annotations

import difflib
import hashlib
import marshal
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from factlint.errors import FactlintError, RuleFileError
from factlint.vocab import Strict, Vocabulary

Severity = Literal["error", "warning", "info"]
LANGUAGES = ("en", "vi")  # languages of the reports; English is the fall-back
PSEUDO_RULES = ("unused-suppression", "invalid-suppression")  # reported by filter/suppress.py


class Example(Strict):
    """A tiny corpus the rule must (expect non-empty) or must not (expect empty) flag."""

    docs: list[str] = Field(min_length=1)
    expect: list[str] = []  # the outlier values the rule must report, as written
    messages: list[str] = []  # the messages of those findings (English), in any order
    note: str | None = None


class RuleSpec(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    type: str
    severity: Severity
    description: str  # what it checks, in one sentence
    why: str  # why it matters
    params: dict[str, Any] = {}
    message: dict[Literal["en", "vi"], dict[str, str]] = {}  # language -> message key -> template
    examples: list[Example] = []
    source: str = ""  # the file it came from, set by the loader


class Ruleset(BaseModel):
    model_config = ConfigDict(extra="forbid")
    vocabulary: Vocabulary
    rules: list[RuleSpec]
    folders: list[str]
    key: str = ""  # digest of the rule files' content (and of the code that reads them)


def default_rules_dir() -> Path:
    """The rules shipped with factlint: the copy a wheel carries, else (an editable install
    or a source tree) the checkout's own rules/."""
    packaged = resources.files("factlint") / "_rules"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "rules"


# ---- reading and validating -------------------------------------------------------------

def _read_toml(path: Path, data: bytes | None = None) -> dict:
    try:
        if data is None:
            data = path.read_bytes()
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise RuleFileError(path, f"not UTF-8 (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\s*\(at line (\d+), column (\d+)\)$", msg) or re.search(r"\s*\(at end of document\)$", msg)
        if m and m.groups():
            msg = f"line {m.group(1)}, column {m.group(2)}: {msg[:m.start()]}"
        elif m:
            msg = f"at end of file: {msg[:m.start()]}"
        raise RuleFileError(path, f"invalid TOML at {msg}" if m else f"invalid TOML: {msg}") from None
    except OSError as exc:
        raise RuleFileError(path, f"cannot read ({exc.strerror or exc})") from None


def _field_names(model, seen=None) -> set[str]:
    """Every key a model (and the models inside it) accepts, for 'did you mean' hints."""
    seen = set() if seen is None else seen
    if model in seen:
        return set()
    seen.add(model)
    names: set[str] = set()
    for name, f in getattr(model, "model_fields", {}).items():
        names.add(name)
        for sub in _models_in(f.annotation):
            names |= _field_names(sub, seen)
    return names


def _models_in(annotation) -> list:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for a in get_args(annotation) for m in _models_in(a)]


def explain(exc: ValidationError, where: str, model=None, prefix: str | None = None) -> str:
    """A validation error in one line: the key, the problem, a 'did you mean' hint. With
    `prefix`, keys are written as its continuation (`tool.factlint.rule.x.zones`)."""
    problems = []
    known = sorted(_field_names(model)) if model is not None else []
    for err in exc.errors()[:3]:
        loc = ".".join(str(p) for p in err["loc"])
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown key"
            close = difflib.get_close_matches(str(err["loc"][-1]), known, n=1, cutoff=0.7)
            if close:
                msg += f" (did you mean {close[0]!r}?)"
        elif err["type"] == "missing":
            msg = "missing key"
        elif err["type"] == "value_error":
            msg = msg.removeprefix("Value error, ")
        if prefix is not None:
            loc = f"{prefix}.{loc}" if loc else prefix
        problems.append(f"{loc}: {msg}" if loc else msg)
    if len(exc.errors()) > 3:
        problems.append(f"and {len(exc.errors()) - 3} more")
    return f"{where}: " + "; ".join(problems)


def load_vocabulary_file(path: Path, data: bytes | None = None) -> Vocabulary:
    try:
        return Vocabulary.model_validate(_read_toml(path, data))
    except ValidationError as exc:
        raise RuleFileError(path, explain(exc, "vocabulary", Vocabulary)) from None


def load_rule_file(path: Path, data: bytes | None = None) -> RuleSpec:
    raw = _read_toml(path, data)
    rule_id = raw.get("id", path.stem)
    try:
        spec = RuleSpec.model_validate(raw)
    except ValidationError as exc:
        raise RuleFileError(path, explain(exc, f"rule {rule_id!r}", RuleSpec)) from None
    spec.source = str(path)
    validate_rule(spec)
    return spec


def validate_rule(spec: RuleSpec) -> None:
    """What only the rule type knows: its parameters and the fields of its messages."""
    from factlint.messages import TemplateError, parse
    from factlint.registry import RULE_TYPES, rule_class

    if spec.type not in RULE_TYPES:
        close = difflib.get_close_matches(spec.type, list(RULE_TYPES), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(sorted(RULE_TYPES))}"
        raise RuleFileError(spec.source, f"rule {spec.id!r}: unknown type {spec.type!r} ({hint})")
    cls = rule_class(spec.type)
    try:
        cls.Params.model_validate(spec.params)
    except ValidationError as exc:
        raise RuleFileError(spec.source, explain(exc, f"rule {spec.id!r} params", cls.Params)) from None
    for key, fields in cls.MESSAGES.items():
        if key not in spec.message.get("en", {}):
            raise RuleFileError(spec.source, f"rule {spec.id!r}: message.en.{key}: missing "
                                f"(the {spec.type} type says it with fields {', '.join(sorted(fields))})")
    for lang, templates in spec.message.items():
        for key, template in templates.items():
            if key not in cls.MESSAGES:
                raise RuleFileError(spec.source, f"rule {spec.id!r}: message.{lang}.{key}: the "
                                    f"{spec.type} type has no message {key!r} "
                                    f"(it has: {', '.join(sorted(cls.MESSAGES))})")
            try:
                parse(template, cls.MESSAGES[key])
            except TemplateError as exc:
                raise RuleFileError(spec.source, f"rule {spec.id!r}: message.{lang}.{key}: {exc}") from None


# ---- folders ------------------------------------------------------------------------------

def _files(folders: list[Path]) -> list[tuple[str, Path]]:
    """("vocab" | "checks", path) for every rule file of the folders, in load order."""
    out = []
    for folder in folders:
        if not folder.is_dir():
            raise RuleFileError(folder, "rules folder not found")
        for part in ("vocab", "checks"):
            out += [(part, p) for p in sorted((folder / part).glob("*.toml"))]
    return out


def load_ruleset(folders: list[Path], cache_root: Path | None = None) -> Ruleset:
    """Every rule and the merged vocabulary of the folders (later folders add to earlier
    ones). With `cache_root`, a ruleset validated before from the same bytes is reused."""
    files = [(part, path, _read_bytes(path)) for part, path in _files(folders)]
    key = _content_key(folders, files)
    cached = _cached(cache_root, key) if cache_root is not None else None
    if cached is not None:
        return cached
    vocab = Vocabulary()
    rules: dict[str, RuleSpec] = {}
    for part, path, data in files:
        if part == "vocab":
            vocab = vocab.merge(load_vocabulary_file(path, data))
            continue
        spec = load_rule_file(path, data)
        if spec.id in rules:
            raise RuleFileError(path, f"rule {spec.id!r} is already defined in {rules[spec.id].source}")
        rules[spec.id] = spec
    ruleset = Ruleset(vocabulary=vocab, rules=list(rules.values()), folders=[str(f) for f in folders],
                      key=key)
    if cache_root is not None:
        _store(cache_root, key, ruleset)
    return ruleset


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise RuleFileError(path, f"cannot read ({exc.strerror or exc})") from None


def _content_key(folders, files) -> str:
    from factlint import __version__

    h = hashlib.sha256(f"factlint {__version__} rules {_code_digest()}\0".encode())
    for folder in folders:
        h.update(str(folder).encode() + b"\0")
    for part, path, data in files:
        h.update(f"{part}/{path.name}\0{len(data)}\0".encode() + data)
    return h.hexdigest()[:24]


def _code_digest() -> str:
    """The code that validates rule files: a change to it makes cached rulesets stale."""
    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in ("ruleset.py", "vocab.py", "messages.py", "registry.py"):
        try:
            h.update((here / name).read_bytes())
        except OSError:
            pass
    return h.hexdigest()


def _cache_file(root: Path, key: str) -> Path:
    return root / f"rules-{key}.marshal"


def _cached(root: Path, key: str) -> Ruleset | None:
    try:
        data = _cache_file(root, key).read_bytes()
        plain = marshal.loads(data)
    except (OSError, ValueError, EOFError, TypeError):
        return None
    try:
        # the data was validated when it was stored: only rebuild the models (fast)
        return Ruleset.model_validate(plain, context={"trusted": True})
    except ValidationError:
        return None


def _store(root: Path, key: str, ruleset: Ruleset) -> None:
    from factlint.cache import atomic_write, prepare_root

    try:
        prepare_root(root)
        atomic_write(_cache_file(root, key), marshal.dumps(ruleset.model_dump(), 4))
        for old in root.glob("rules-*.marshal"):
            if old.name != _cache_file(root, key).name:
                old.unlink()
    except (OSError, ValueError):
        pass  # a cache that cannot be written only costs time


# ---- the rules of one run -------------------------------------------------------------------

@dataclass
class RuleSelection:
    """What the settings ask of the rules: which run, with which parameters."""

    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    params: dict[str, dict[str, Any]] = field(default_factory=dict)  # rule id -> params on top
    from_flags: set[str] = field(default_factory=set)  # keys given on the command line
    where: str = "settings"  # the settings file, for messages

    def enabled(self, rule_id: str) -> bool:
        return (not self.select or rule_id in self.select) and rule_id not in self.ignore


def configure(ruleset: Ruleset, selection: RuleSelection) -> list[RuleSpec]:
    """The specs of the rules that run: ids checked, [rule.<id>] params merged (validated
    by the rule type), select/ignore applied."""
    from factlint.registry import rule_class

    known = {s.id for s in ruleset.rules}
    where = selection.where
    table = "tool.factlint." if where.endswith("pyproject.toml") else ""
    for key, ids in (("select", selection.select), ("ignore", selection.ignore),
                     *((f"per-file-ignores.{g!r}", v) for g, v in selection.per_file_ignores.items())):
        for rule_id in ids:
            if rule_id not in known and rule_id not in PSEUDO_RULES:
                close = difflib.get_close_matches(rule_id, sorted(known), n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]!r}?)" if close else " (see factlint rules)"
                if key in selection.from_flags:
                    raise FactlintError(f"usage: --{key}: unknown rule id {rule_id!r}{hint}")
                raise FactlintError(f"{where}: {table}{key}: unknown rule id {rule_id!r}{hint}")
    specs = []
    by_id = {s.id: s for s in ruleset.rules}
    for rule_id in selection.params:
        if rule_id not in by_id:
            raise FactlintError(f"{where}: {table}rule.{rule_id}: unknown rule id {rule_id!r}")
    for spec in ruleset.rules:
        if not selection.enabled(spec.id):
            continue
        override = dict(selection.params.get(spec.id) or {})
        severity = override.pop("severity", None)
        if severity is not None:
            if severity not in ("error", "warning", "info"):
                raise FactlintError(f"{where}: {table}rule.{spec.id}.severity: {severity!r} is not "
                                    "error, warning or info")
            spec = spec.model_copy(update={"severity": severity})
        if override:
            merged = {**spec.params, **override}
            cls = rule_class(spec.type)
            try:
                cls.Params.model_validate(merged)
            except ValidationError as exc:
                raise FactlintError(explain(exc, where, cls.Params, prefix=f"{table}rule.{spec.id}")) from None
            spec = spec.model_copy(update={"params": merged})
        specs.append(spec)
    return specs
