"""The package reads as the pipeline: one sub-package per stage, imports pointing one way, small modules.

The import graph is read from the source (every ``import`` and ``from ... import``, inside functions
too, since a lazy import is still a dependency), so these tests need nothing installed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "graph"

# The stages, lowest first (docs/architecture.md): a module may import only from its own stage or
# from stages listed before it. The foundation modules are graph/errors.py, model.py, resources.py,
# collector.py.
LAYERS = (
    "errors", "model", "resources", "collector",
    "sparql", "rdf", "timex", "sources", "extract", "link", "store", "queries", "pipeline",
    "views", "eval", "serve", "cli",
    "__main__",
)
# Modules over MAX_LINES lines allowed because they are tables of rules or words, not logic.
MAX_LINES = 600
RULE_TABLES: frozenset[str] = frozenset()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """The graph modules ``name`` imports (a package's ``__init__`` counts as the package)."""
    path = MODULES[name]
    here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(here[: len(here) - node.level + 1] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            # "from graph.rdf import iris" imports the module graph.rdf.iris, not only the package
            found |= {f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names}
    return {target for target in found if target in MODULES}


@pytest.fixture(scope="module")
def import_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(MODULES)
    graph.add_edges_from((name, target) for name in MODULES for target in imports_of(name) if target != name)
    assert graph.number_of_edges() > 50, "the import walk found almost nothing: is the package where it should be?"
    return graph


def stage(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_the_walk_sees_lazy_and_relative_imports():
    # Guards the walker itself: the CLI imports the pipeline inside a function, the store backends
    # import the interface relatively.
    assert "graph.pipeline.batch" in imports_of("graph.cli.build")
    assert "graph.store.base" in imports_of("graph.store.oxigraph")


def test_no_module_imports_itself_back(import_graph):
    cycles = list(nx.simple_cycles(import_graph))
    assert not cycles, "import circles: " + "; ".join(" -> ".join(c + [c[0]]) for c in cycles[:5])


def test_every_stage_is_a_known_layer():
    unknown = sorted({stage(name) for name in MODULES if name != "graph"} - set(LAYERS))
    assert not unknown, f"add {unknown} to LAYERS here and to docs/architecture.md"


def test_stages_import_only_stages_below_them(import_graph):
    rank = {name: i for i, name in enumerate(LAYERS)}
    upward = sorted(f"{a} -> {b}" for a, b in import_graph.edges
                    if a != "graph" and b != "graph" and rank[stage(b)] > rank[stage(a)])
    assert not upward, "imports against the pipeline's direction: " + ", ".join(upward)


def test_modules_do_not_import_their_own_package_front(import_graph):
    # A package's __init__ only gathers its public names; a module that imported it would run every
    # sibling first (and the front is where circles start).
    inward = sorted(f"{a} -> {b}" for a, b in import_graph.edges
                    if MODULES[b].name == "__init__.py" and a.startswith(b + ".") and b != "graph")
    assert not inward, ", ".join(inward)


def test_the_store_interface_knows_none_of_its_backends(import_graph):
    backends = {"graph.store.memory", "graph.store.oxigraph", "graph.store.remote"}
    assert not set(nx.descendants(import_graph, "graph.store.base")) & backends
    assert backends <= set(import_graph.successors("graph.store")), "open_store is the factory of every backend"


def test_modules_stay_readable_in_one_sitting():
    lengths = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in MODULES.items()}
    long = {name: n for name, n in lengths.items() if n > MAX_LINES and name not in RULE_TABLES}
    assert not long, f"over {MAX_LINES} lines: {long}; split along a seam (docs/architecture.md)"


def test_every_module_says_what_it_is_for():
    missing = [name for name, path in MODULES.items()
               if path.name != "__main__.py" and not ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))]
    assert not missing, f"modules without a docstring: {missing}"
