"""Rule and vocabulary files: `rules/vocab/*.toml` (what words mean) and
`rules/checks/*.toml` (one check per file: a generic rule type with parameters and examples).

Everything a story needs — titles, places, visit levels, spelling variants, page
furniture — lives in these files, never in the engine. Files are validated with
pydantic; any problem is a one-line error naming the file and the rule or key.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from factlint.errors import RuleFileError

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}

REGEX_TIMEOUT = 1.0  # seconds one user pattern may take on one line before it is reported
# Probe strings a sane pattern handles in microseconds and a catastrophically backtracking
# one ((a+)+$, (\s*\w+)*x, (.*,)*…) cannot finish.
_PROBES = [c * 40 + "!" for c in ("a", " ", "0", "Ả", ".", ",", "-")] + ["a " * 40 + "!", "Ảnh " * 40 + "!"]


def check_user_regex(pattern: str, what: str) -> None:
    """A user regex must compile (with the `regex` module) and must not backtrack
    catastrophically on the probe strings; raises ValueError saying which."""
    import regex

    try:
        compiled = regex.compile(pattern, regex.I)
    except regex.error as exc:
        raise ValueError(f"{what} does not compile: {exc}") from None
    for probe in _PROBES:
        try:
            compiled.search(probe, timeout=REGEX_TIMEOUT / 4)
        except TimeoutError:
            raise ValueError(f"{what} backtracks catastrophically (over {REGEX_TIMEOUT / 4:g} s "
                             f"on {len(probe)} characters); simplify it") from None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Title(_Strict):
    name: str
    aliases: list[str] = []
    group: str | None = None  # titles in one group are exclusive for one person (Tổng thống / Thủ tướng)
    unique: bool = False  # one holder at a time for one country / organisation


class Place(_Strict):
    name: str
    aliases: list[str] = []
    kind: Literal["country", "province", "city", "region"] = "country"


class Organization(_Strict):
    name: str
    aliases: list[str] = []


class VisitLevel(_Strict):
    name: str
    forms: list[str] = []


class WordVariants(_Strict):
    forms: list[str]
    preferred: str | None = None


class Orthography(_Strict):
    syllables: dict[str, str] = {}  # variant syllable -> preferred (kỉ -> kỷ), folded in every key
    words: list[WordVariants] = []  # word-level variants checked for consistency


class Furniture(_Strict):
    section_markers: list[str] = []  # a line saying this starts furniture to the end of the file
    caption_patterns: list[str] = []  # regexes for caption lines
    meta_patterns: list[str] = []  # regexes for datelines and metadata lines

    @field_validator("caption_patterns", "meta_patterns")
    @classmethod
    def _patterns_compile(cls, patterns: list[str]) -> list[str]:
        for i, p in enumerate(patterns):
            check_user_regex(p, f"pattern {i + 1} {p!r}")
        return patterns


class Names(_Strict):
    surnames: list[str] = []  # Vietnamese family names: họ
    stopwords: list[str] = []  # capitalised words that never start or continue a person's name
    connectors: list[str] = []  # words between a visit level and its host ("tới", "đến")
    former: list[str] = []  # words before a title for a past or acting holder ("nguyên", "cố")


class Vocabulary(_Strict):
    title: list[Title] = []
    place: list[Place] = []
    organization: list[Organization] = []
    visit_level: list[VisitLevel] = []
    orthography: Orthography = Orthography()
    furniture: Furniture = Furniture()
    names: Names = Names()
    extra: dict[str, Any] = {}  # vocabulary owned by individual claim kinds (dates, units, events)

    def merge(self, other: "Vocabulary") -> "Vocabulary":
        data = self.model_dump()
        for key, value in other.model_dump(exclude_unset=True).items():
            if isinstance(value, list):
                data[key] = data[key] + value
            elif isinstance(value, dict):
                merged = dict(data[key])
                for k, v in value.items():
                    if isinstance(v, list) and isinstance(merged.get(k), list):
                        merged[k] = merged[k] + v
                    elif isinstance(v, dict) and isinstance(merged.get(k), dict):
                        merged[k] = {**merged[k], **v}
                    else:
                        merged[k] = v
                data[key] = merged
        return Vocabulary.model_validate(data)


class Example(_Strict):
    """A tiny corpus the rule must (expect non-empty) or must not (expect empty) flag."""

    docs: list[str] = Field(min_length=1)
    expect: list[str] = []  # the outlier values the rule must report, as written
    note: str | None = None


class RuleSpec(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    type: str
    severity: Severity
    description: str
    params: dict[str, Any] = {}
    examples: list[Example] = []
    source: str = ""  # the file it came from, set by the loader


class Ruleset(BaseModel):
    vocabulary: Vocabulary
    rules: list[RuleSpec]
    folders: list[str]


def default_rules_dir() -> Path:
    """The rules shipped with factlint: packaged in the wheel, or the repo's own rules/."""
    packaged = resources.files("factlint") / "_rules"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "rules"


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
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


def _explain(exc: ValidationError, where: str, model=None) -> str:
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
        problems.append(f"{loc}: {msg}" if loc else msg)
    if len(exc.errors()) > 3:
        problems.append(f"and {len(exc.errors()) - 3} more")
    return f"{where}: " + "; ".join(problems)


def load_vocabulary_file(path: Path) -> Vocabulary:
    data = _read_toml(path)
    try:
        return Vocabulary.model_validate(data)
    except ValidationError as exc:
        raise RuleFileError(path, _explain(exc, "vocabulary", Vocabulary)) from None


def load_rule_file(path: Path) -> RuleSpec:
    data = _read_toml(path)
    rule_id = data.get("id", path.stem)
    try:
        spec = RuleSpec.model_validate(data)
    except ValidationError as exc:
        raise RuleFileError(path, _explain(exc, f"rule {rule_id!r}", RuleSpec)) from None
    spec.source = str(path)
    return spec


def load_ruleset(folders: list[Path]) -> Ruleset:
    from factlint.compare import validate_rule  # rule types check their own params

    vocab = Vocabulary()
    rules: dict[str, RuleSpec] = {}
    for folder in folders:
        if not folder.is_dir():
            raise RuleFileError(folder, "rules folder not found")
        for path in sorted((folder / "vocab").glob("*.toml")):
            vocab = vocab.merge(load_vocabulary_file(path))
        for path in sorted((folder / "checks").glob("*.toml")):
            spec = load_rule_file(path)
            if spec.id in rules:
                raise RuleFileError(path, f"rule {spec.id!r} is already defined in {rules[spec.id].source}")
            validate_rule(spec)
            rules[spec.id] = spec
    return Ruleset(vocabulary=vocab, rules=list(rules.values()), folders=[str(f) for f in folders])
