"""The tree reads as the pipeline: no import circle between the project's modules or packages (imports
inside functions count too, but for models <-> models.runtimes), the judge below the brief, project
imports inside functions only where a comment says what heavy dependency they defer, and service/ keeps
only the shared kernel beside its subpackages."""

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
    assert "pressbrief.eval.judge.align" in graph["pressbrief.service.brief.guard"]
    assert "pressbrief.models" in graph["pressbrief.service.pipeline.summarize"]  # imported inside a function
    assert cycles(graph) == []


def package_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """package -> the project packages its modules import (a module counts for the package it sits in)."""
    mods = _modules()

    def package(m: str) -> str:
        return m if mods[m].name == "__init__.py" else m.rsplit(".", 1)[0]

    packages: dict[str, set[str]] = {package(m): set() for m in graph}
    for m, targets in graph.items():
        packages[package(m)] |= {package(t) for t in targets} - {package(m)}
    return packages


def test_no_import_circle_between_packages():
    packages = package_graph(import_graph())
    allowed = [["pressbrief.models", "pressbrief.models.runtimes"]]  # a runtime is a model's part, and vice versa
    assert [c for c in cycles(packages) if c not in allowed] == []


def test_the_judge_is_a_foundation():
    """The judge reads only the numeric core, the word layer and the service kernel; the brief reads it;
    nothing reads the benchmarks."""
    packages = package_graph(import_graph())
    assert packages["pressbrief.eval.judge"] <= {"pressbrief", "pressbrief.service", "pressbrief.service.numeric",
                                                 "pressbrief.service.lexicon"}
    assert "pressbrief.eval.judge" in packages["pressbrief.service.brief"]
    readers = [p for p, targets in packages.items() if "pressbrief.eval.bench" in targets]
    assert readers in ([], ["pressbrief.eval.bench"])


def function_imports() -> list[tuple[str, int, str]]:
    """(module, line, the comment line above it) for each project import inside a function body."""
    found = []
    for name, path in _modules().items():
        lines = path.read_text(encoding="utf-8").splitlines()
        for fn in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(fn):
                if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("pressbrief")):
                    above = node.lineno - 2
                    while above >= 0 and lines[above].strip().startswith("from ") and "import" in lines[above]:
                        above -= 1  # a run of imports shares one comment
                    found.append((name, node.lineno, lines[above].strip() if above >= 0 else ""))
    return sorted(set(found))


def test_project_imports_inside_functions_say_what_they_defer():
    found = function_imports()
    assert len(found) <= 60, f"{len(found)} project imports inside functions"
    unexplained = [f"{m}:{line}" for m, line, comment in found if not comment.startswith("# deferred:")]
    assert unexplained == []


def test_tests_follow_the_tree():
    assert {p.name for p in (REPO / "tests").glob("test_*.py")} == {"test_layout.py"}
    assert {p.name for p in (REPO / "tests").iterdir() if p.is_dir() and not p.name.startswith((".", "_"))} >= {
        "numeric", "judge", "brief", "lexicon", "models", "api", "batch", "render", "faults"}


def test_service_root_keeps_only_the_kernel():
    kernel = {"__init__.py", "errors.py", "settings.py", "inputs.py", "progress.py", "files.py"}
    assert {p.name for p in (REPO / "service").glob("*.py")} == kernel
    assert {p.stem for p in (REPO / "service" / "cli").glob("*.py")} >= {
        "main", "summarize", "translate", "extract", "eval", "batch", "render", "serve"}
    assert {p.stem for p in (REPO / "service" / "brief").glob("*.py")} >= {
        "highlights", "chunking", "prompting", "guard", "english_rules", "fallback", "english",
        "traditional", "translate", "timing"}
    assert {p.stem for p in (REPO / "service" / "pipeline").glob("*.py")} >= {"plan", "write", "summarize"}
    assert {p.stem for p in (REPO / "service" / "brief" / "writers").glob("*.py")} >= {
        "base", "zh", "en_direct", "en_zh_translated", "en_lead_figures", "traditional"}
