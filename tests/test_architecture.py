"""The house's structure, read from the source: no import cycle, config free of engines, no
branch on an engine's name outside its own module.

The import graph is built from the AST of ``pipeline/``: every import a module makes when
it is imported, those under ``if TYPE_CHECKING:`` included (a loop there is a loop in the
design, even if Python never runs it). Imports inside functions are deferrals (of torch,
transformers, ctranslate2, or of work a command may never need) and are not counted.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from pipeline.engines.kinds import KINDS

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"


@cache
def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    found: dict[str, Path] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _module_level_imports(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """The imports run when the module is imported (or type-checked): at top level and in
    its ``if`` / ``try`` blocks, not in functions or classes."""
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If):
            yield from _module_level_imports(node.body)
            yield from _module_level_imports(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody):
                yield from _module_level_imports(block)
            for handler in node.handlers:
                yield from _module_level_imports(handler.body)


def _known(name: str) -> str | None:
    """``name`` or the nearest enclosing module of the package; None outside it."""
    while name and name not in modules():
        if "." not in name:
            return None
        name = name.rpartition(".")[0]
    return name or None


@cache
def import_graph() -> dict[str, frozenset[str]]:
    """Each module of the package and the modules of the package it imports."""
    graph: dict[str, frozenset[str]] = {}
    for name, path in modules().items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in _module_level_imports(ast.parse(path.read_text(encoding="utf-8")).body):
            if isinstance(node, ast.Import):
                wanted = [alias.name for alias in node.names]
            else:
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    origin = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    origin = node.module or ""
                # "from . import x" imports the submodule x when there is one
                wanted = [
                    f"{origin}.{alias.name}" if f"{origin}.{alias.name}" in modules() else origin
                    for alias in node.names
                ]
            targets.update(t for t in map(_known, wanted) if t is not None and t != name)
        graph[name] = frozenset(targets)
    return graph


def cycles(graph: dict[str, frozenset[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def reachable(graph: dict[str, frozenset[str]], start: str) -> set[str]:
    """Every module ``start`` imports, directly or not."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        for target in graph[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def test_the_graph_is_read() -> None:
    graph = import_graph()
    assert "pipeline.segment" in graph["pipeline.batch"]  # from .segment import ...
    assert "pipeline.modelstore.local" in graph["pipeline.engines.families"]  # TYPE_CHECKING
    assert "pipeline.qa.plural_forms" in graph["pipeline.qa"]  # TYPE_CHECKING
    assert "pipeline.engines.kinds" in graph["pipeline.engines"]  # from .kinds import ...


def test_cycles_are_found() -> None:
    loop = {"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"}), "d": frozenset()}
    assert cycles(loop) == [["a", "b", "c"]]
    assert cycles({"a": frozenset({"b"}), "b": frozenset()}) == []


def test_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def test_config_imports_nothing_from_engines() -> None:
    engines = {m for m in modules() if m == "pipeline.engines" or m.startswith("pipeline.engines.")}
    assert not reachable(import_graph(), "pipeline.config") & engines


def _engine_modules() -> dict[str, str]:
    """Each engine name and alias with the module allowed to branch on it."""
    owners: dict[str, str] = {}
    for kind in KINDS.values():
        owner = "pipeline.engines" + kind.engine.partition(":")[0] if kind.engine else ""
        for name in (kind.name, *kind.aliases):
            owners[name] = owner
    return owners


def _compared_names(tree: ast.AST) -> Iterator[tuple[int, str, str]]:
    """(line, string, the other side's source) of comparisons with a string literal."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare):
            continue
        operands = [node.left, *node.comparators]
        for operand in operands:
            literals = [operand] if isinstance(operand, ast.Constant) else []
            if isinstance(operand, ast.Tuple | ast.List | ast.Set):
                literals = [e for e in operand.elts if isinstance(e, ast.Constant)]
            others = " ".join(ast.unparse(o) for o in operands if o is not operand)
            for literal in literals:
                if isinstance(literal.value, str):
                    yield node.lineno, literal.value, others


def test_no_engine_name_branch_outside_its_module() -> None:
    owners = _engine_modules()
    translating = {name for name, owner in owners.items() if owner}
    found = []
    for name, path in modules().items():
        if name == "pipeline.engines.kinds":  # the registry names them
            continue
        for line, value, other in _compared_names(ast.parse(path.read_text(encoding="utf-8"))):
            if value not in owners or owners[value] == name:
                continue
            # "none" is a common word: only a comparison with an engine or kind is a branch
            if value in translating or any(w in other.lower() for w in ("engine", "kind")):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{line}: == {value!r}")
    assert found == []


def test_the_branch_finder_sees_a_branch() -> None:
    tree = ast.parse("if engine == 'ct2' or kind.name in ('none', 'x'):\n    pass\n")
    assert {value for _, value, _ in _compared_names(tree)} >= {"ct2", "none"}
