"""The notebooks run top to bottom in a real Jupyter kernel."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def _execute(name: str, out: Path, monkeypatch: pytest.MonkeyPatch) -> list:
    monkeypatch.setenv("TIMELINE_KG_OUT", str(out))
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    notebook = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    errors = [o for o in outputs if o.output_type == "error"]
    assert not errors, "\n".join(f"{e.ename}: {e.evalue}" for e in errors)
    return outputs


def _html(outputs: list, needle: str) -> list[str]:
    return [o["data"]["text/html"] for o in outputs if needle in o.get("data", {}).get("text/html", "")]


def test_explore_notebook_runs_in_a_kernel(tmp_path, monkeypatch):
    outputs = _execute("explore.ipynb", tmp_path, monkeypatch)
    assert (tmp_path / "graph.html").is_file() and (tmp_path / "timeline.html").is_file()
    tables = _html(outputs, "<table")
    assert len(tables) >= 8  # the SPARQL tables and the NetworkX tables rendered
    assert any("new actor" in t for t in tables), "the what-changed table is missing"
    assert any("betweenness" in t for t in tables)
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert images, "the timeline plot was not drawn"
    # the points of the plot: the one-day events, the Sochi meeting and those of 11 December among them
    assert any("Sochi" in t and "2017-11-22" in t and "2017-12-11" in t for t in tables), "one-day events missing"
    iframes = " ".join(_html(outputs, "<iframe"))
    assert "graph.html" in iframes and "timeline.html" in iframes
    text = " ".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "Bashar al-Assad -> " in text and "-> Abdel Fattah el-Sisi" in text


def test_own_article_notebook_runs_in_a_kernel(tmp_path, monkeypatch):
    outputs = _execute("own_article.ipynb", tmp_path, monkeypatch)
    own = tmp_path / "own"
    assert {"graph.html", "timeline.html", "my_article.json", "my_article.gexf", "my_article.graphml",
            "my_article.jsonld"} <= {p.name for p in own.iterdir()}
    tables = _html(outputs, "<table")
    assert len(tables) >= 4
    assert any("Merkel" in t and "2018-01-15" in t for t in tables), "Monday's meeting is not dated 15 January"
    assert len(_html(outputs, "<iframe")) == 2
