"""The apps' dependency graph is a DAG pointing towards ``core``, and docs/architecture.md draws it.

Every module under ``baoshe/<app>/`` (migrations aside) is parsed; every ``import baoshe.<other>``
and ``from baoshe.<other> import …`` counts, wherever it stands (also inside a function). String
references such as ``"newsroom.Article"`` in a foreign key are not imports and do not count.

Every app is one node, its sub-packages included (``proofread/engine`` belongs to ``proofread``):
a library an app shares with another lives in ``core`` (e.g. ``core/html_text.py``, used by the
newsroom's copy and the proofreading engine), never as a special node that hides a cycle.

In the mermaid ``flowchart`` of docs/architecture.md, ``a --> b`` means "a imports b".
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "baoshe"
DOC = ROOT / "docs" / "architecture.md"


def apps() -> list[str]:
    return sorted(p.name for p in PACKAGE.iterdir() if (p / "apps.py").exists())


def node_of(parts: tuple[str, ...]) -> str:
    """The graph node (the app) of a module path inside ``baoshe`` (``("newsroom", "copy")``)."""
    return parts[0]


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]
    if path.name == "__init__.py":
        package = path.relative_to(ROOT).parts[:-1]
    modules = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                base = package[: len(package) - node.level + 1]
                modules.append(".".join((*base, node.module or "")).rstrip("."))
            else:
                modules.append(node.module or "")
    return modules


def code_graph() -> dict[str, set[str]]:
    names = set(apps())
    graph: dict[str, set[str]] = defaultdict(set)
    for app in sorted(names):
        for path in sorted((PACKAGE / app).rglob("*.py")):
            relative = path.relative_to(PACKAGE).parts
            if "migrations" in relative:
                continue
            source = node_of(relative)
            graph[source]  # every app is a node, even one that imports no other
            for module in imported_modules(path):
                parts = tuple(module.split("."))
                if parts[0] != "baoshe" or len(parts) < 2 or parts[1] not in names:
                    continue
                target = node_of(parts[1:])
                if target != source:
                    graph[source].add(target)
    return dict(graph)


def drawn_graph() -> dict[str, set[str]]:
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"```mermaid\s*\nflowchart [A-Z]{2}\s*\n(.*?)```", text, re.S)
    assert block, "docs/architecture.md has no mermaid flowchart of the apps"
    graph: dict[str, set[str]] = defaultdict(set)
    for line in block.group(1).splitlines():
        line = line.strip()
        if not line or line.startswith("%%"):
            continue
        edge = re.fullmatch(r"(\w+)(?:\[[^\]]*\])?\s*-->\s*(\w+)(?:\[[^\]]*\])?", line)
        node = re.fullmatch(r"(\w+)(?:\[[^\]]*\])?", line)
        if edge:
            graph[edge.group(1)].add(edge.group(2))
            graph[edge.group(2)]
        elif node:
            graph[node.group(1)]
        else:
            pytest.fail(f"cannot read this line of the drawing: {line!r}")
    return dict(graph)


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    visiting, done = set(), set()

    def visit(node, trail):
        if node in visiting:
            return [*trail[trail.index(node) :], node]
        if node in done:
            return None
        visiting.add(node)
        for target in sorted(graph.get(node, ())):
            cycle = visit(target, [*trail, node])
            if cycle:
                return cycle
        visiting.discard(node)
        done.add(node)
        return None

    for start in sorted(graph):
        cycle = visit(start, [])
        if cycle:
            return cycle
    return None


def edges(graph):
    return {(a, b) for a, targets in graph.items() for b in targets}


def test_the_app_graph_has_no_cycle():
    cycle = find_cycle(code_graph())
    assert cycle is None, "apps import each other in a circle: " + " → ".join(cycle)


def test_every_app_reaches_core_and_core_imports_no_app():
    graph = code_graph()
    assert graph["core"] == set()


def test_the_drawing_is_the_code():
    code, drawn = code_graph(), drawn_graph()
    missing = sorted(edges(code) - edges(drawn))
    extra = sorted(edges(drawn) - edges(code))
    assert not missing, f"imports not drawn in docs/architecture.md: {missing}"
    assert not extra, f"drawn in docs/architecture.md but not imported: {extra}"
    assert set(code) == set(drawn)


def test_the_checks_can_fail(tmp_path):
    """The parser sees imports in functions and relative ones; a cycle is found."""
    module = tmp_path / "baoshe" / "newsroom" / "sub" / "mod.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        "def f():\n    from baoshe.workflow.models import Correction\n"
        "from ..fragments import X\n"
        "ref = 'engage.ShareTally'\n"
    )
    global ROOT
    saved = ROOT
    ROOT = tmp_path
    try:
        found = imported_modules(module)
    finally:
        ROOT = saved
    assert sorted(found) == ["baoshe.newsroom.fragments", "baoshe.workflow.models"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
