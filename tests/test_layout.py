"""The tree reads as the pipeline: no import circle between the project's modules (lazy imports
inside functions count too), and service/ keeps only the shared kernel beside its subpackages."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ROOTS = {"pressbrief": "pressbrief", "service": "pressbrief.service", "eval": "pressbrief.eval",
         "models": "pressbrief.models", "prompts": "pressbrief.prompts"}


def _modules() -> dict[str, Path]:
    mods = {}
    for top, package in ROOTS.items():
        for path in (REPO / top).rglob("*.py"):
            parts = list(path.relative_to(REPO / top).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            mods[".".join([package, *parts])] = path
    return mods


def import_graph() -> dict[str, set[str]]:
    """module -> the project modules it imports anywhere in its body (submodule when named, else package)."""
    mods = _modules()
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for name, path in mods.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                graph[name] |= {a.name for a in node.names if a.name in mods}
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    if sub in mods:
                        graph[name].add(sub)
                    elif target in mods:
                        graph[name].add(target)
    for name in graph:
        graph[name].discard(name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_the_cycle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_circle_between_project_modules():
    graph = import_graph()
    # the graph was read, relative and lazy imports included
    assert "pressbrief.eval.judge.align" in graph["pressbrief.eval.judge.harness"]
    assert "pressbrief.eval.judge.align" in graph["pressbrief.service.brief.guard"]  # imported inside a function
    assert cycles(graph) == []


def test_service_root_keeps_only_the_kernel():
    kernel = {"__init__.py", "errors.py", "settings.py", "inputs.py", "output.py",
              "pipeline.py"}  # pipeline.py: the old import path, the same module as brief/pipeline.py
    assert {p.name for p in (REPO / "service").glob("*.py")} == kernel
    assert {p.stem for p in (REPO / "service" / "cli").glob("*.py")} >= {
        "main", "summarize", "translate", "extract", "eval", "batch", "render", "serve"}
    assert {p.stem for p in (REPO / "service" / "brief").glob("*.py")} >= {
        "pipeline", "highlights", "chunking", "prompting", "guard", "attribution", "fallback", "english",
        "traditional", "translate"}
