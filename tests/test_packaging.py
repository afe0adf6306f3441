"""`pip install .` must ship every module, the ontology, the queries and the pages' templates and static files."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Folders of package data under graph/ besides the modules (pyproject's package-data).
DATA_FOLDERS = ("templates", "static")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a clean copy of the sources: setuptools also ships whatever a stale build/ or
    *.egg-info/ of the checkout lists, which would hide a file missing from pyproject's package-data."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    for name in ("graph", "ontology"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps",
                    "-q", "-w", str(folder)], check=True, capture_output=True)
    return next(folder.glob("timeline_kg-*.whl"))


def source_files() -> list[str]:
    """Names the wheel must hold, walked from the checkout: modules, queries, page files, ontology."""
    graph = ROOT / "graph"
    found = [p for p in graph.rglob("*.py") if "__pycache__" not in p.parts]
    found += graph.rglob("*.rq")
    found += [p for p in graph.rglob("*") if p.is_file() and set(p.relative_to(graph).parts[:-1]) & set(DATA_FOLDERS)]
    names = sorted(p.relative_to(ROOT).as_posix() for p in found)
    names += sorted(f"graph/ontology/{p.name}" for p in (ROOT / "ontology").glob("*.ttl"))
    return names


def test_wheel_ships_ontology_and_queries(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for shipped in ("graph/ontology/shapes.ttl", "graph/ontology/gazetteer.ttl", "graph/ontology/event-types.ttl",
                    "graph/ontology/timeline-kg.ttl", "graph/queries/timeline.rq", "graph/queries/provenance.rq"):
        assert shipped in names, f"{shipped} missing from the wheel"


def test_wheel_ships_every_module_and_page_file_of_the_tree(wheel):
    expected = source_files()
    # A walk that finds nothing (a moved tree, a wrong root) must not pass as "nothing missing".
    assert any(n.endswith(".py") for n in expected), "the walk found no module under graph/"
    for folder in DATA_FOLDERS:
        assert any(f"/{folder}/" in n for n in expected), f"the walk found no {folder}/ file under graph/"
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [n for n in expected if n not in names]
    assert not missing, f"missing from the wheel: {', '.join(missing)}"


def test_installed_wheel_renders_the_pages_as_the_checkout_does(wheel, tmp_path):
    """Templates and static files are found in an installed copy, not only in the source tree."""
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    script = textwrap.dedent("""
        import sys
        from pathlib import Path
        import graph
        from graph.serve.config import ServerConfig
        from graph.serve.page import render_query_page
        from graph.views import render_graph_html, render_timeline_html, sample_graph
        assert Path(graph.__file__).is_relative_to(sys.argv[1]), graph.__file__
        out = Path(sys.argv[2])
        (out / "graph.html").write_text(render_graph_html(sample_graph()), encoding="utf-8")
        (out / "timeline.html").write_text(render_timeline_html(sample_graph()), encoding="utf-8")
        (out / "query.html").write_text(render_query_page(ServerConfig()), encoding="utf-8")
    """)
    # Run outside the checkout, with only the installed copy of the package on the path.
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(target)}
    subprocess.run([sys.executable, "-c", script, str(target), str(tmp_path)], cwd=tmp_path, env=env, check=True)

    from graph.serve.config import ServerConfig
    from graph.serve.page import render_query_page
    from graph.views import render_graph_html, render_timeline_html, sample_graph

    assert (tmp_path / "graph.html").read_text(encoding="utf-8") == render_graph_html(sample_graph())
    assert (tmp_path / "timeline.html").read_text(encoding="utf-8") == render_timeline_html(sample_graph())
    assert (tmp_path / "query.html").read_text(encoding="utf-8") == render_query_page(ServerConfig())
