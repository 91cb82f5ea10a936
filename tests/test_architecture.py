"""The shape of the engine: no word of the language in Python, no import cycle, and one
module per plug-in named after what it holds."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from factlint.orthography import has_vietnamese_letter

PACKAGE = Path(__file__).resolve().parent.parent / "factlint"
# Language tables are machinery, not vocabulary: combining marks, vowel classes and the
# byte tables of legacy encodings.
LANGUAGE_TABLES = {"orthography.py", "encodings.py"}


def _modules():
    return sorted(p for p in PACKAGE.rglob("*.py") if "_rules" not in p.parts)


def _docstrings(tree) -> set[int]:
    """ids of the string constants that are docstrings (documentation may quote the text)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def vietnamese_literals(source: str) -> list[tuple[int, str]]:
    tree = ast.parse(source)
    docs = _docstrings(tree)
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docs and has_vietnamese_letter(node.value)]


def test_no_vietnamese_word_in_python():
    found = []
    for path in _modules():
        if path.name in LANGUAGE_TABLES:
            continue
        for line, value in vietnamese_literals(path.read_text(encoding="utf-8")):
            found.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {value[:60]!r}")
    assert not found, "Vietnamese words belong in rules/vocab:\n" + "\n".join(found)


@pytest.mark.parametrize("source,bad", [
    ('x = "ngày"', True),
    ('x = "nga\\u0300y"', True),  # a combining tone mark, written as an escape
    ('x = "\\u0111"', True),  # đ
    ('x = r"(?i:thang)"', False),
    ('def f():\n    """Ngày 13/5: a docstring may quote the text."""\n', False),
])
def test_the_literal_check_can_fail(source, bad):
    assert bool(vietnamese_literals(source)) is bad


def _imports(path: Path) -> set[str]:
    """factlint modules this module imports, at any depth of the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = _module_name(path)
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("factlint")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                and node.module.startswith("factlint"):
            out.add(node.module)
            out |= {f"{node.module}.{a.name}" for a in node.names}
    return {m for m in out if m in MODULES and m != own}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in _modules()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_no_import_cycle_inside_factlint():
    """Imports inside functions count too: a cycle hidden in a function is still a cycle.
    A package's __init__ imported by its own modules is not a cycle by itself."""
    graph = {m: {d for d in _imports(p) if not m.startswith(d + ".")} for m, p in MODULES.items()}
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_cycle_check_can_fail():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_one_module_per_plugin_named_after_it():
    from factlint.registry import CLAIM_KINDS, FORMATS, RULE_TYPES, module_name

    for package, table in (("extract", CLAIM_KINDS), ("compare", RULE_TYPES)):
        for name, cls_name in table.items():
            module = module_name(package, name)
            assert module in MODULES, f"{name}: no module {module}"
            tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
            classes = [n.name for n in tree.body if isinstance(n, ast.ClassDef)]
            assert cls_name in classes, f"{module} does not define {cls_name}"
    for fmt in FORMATS:
        assert module_name("report", fmt) in MODULES
    # and nothing registered twice or left out
    plugin_modules = {m for m in MODULES if m.startswith(("factlint.extract.", "factlint.compare."))}
    assert plugin_modules == {module_name("extract", k) for k in CLAIM_KINDS} | \
        {module_name("compare", t) for t in RULE_TYPES}


def test_rule_types_say_their_type_and_kinds():
    from factlint.registry import RULE_TYPES, rule_class

    for name in RULE_TYPES:
        cls = rule_class(name)
        assert cls.type == name
        assert cls.MESSAGES, f"{name}: no message keys"


def test_comparators_never_import_an_extractor():
    for module, path in MODULES.items():
        if module.startswith("factlint.compare"):
            assert not {d for d in _imports(path) if d.startswith("factlint.extract")}, module
