"""The exploration notebook runs top to bottom in a real Jupyter kernel."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def test_explore_notebook_runs_in_a_kernel(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_KG_OUT", str(tmp_path))
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    notebook = nbformat.read(ROOT / "notebooks" / "explore.ipynb", as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert (tmp_path / "graph.html").is_file()
    tables = [o for o in outputs if "text/html" in o.get("data", {}) and "<table" in o["data"]["text/html"]]
    assert len(tables) >= 4  # the SPARQL tables and the NetworkX tables rendered
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert images, "the timeline plot was not drawn"
    iframe = [o for o in outputs if "<iframe" in o.get("data", {}).get("text/html", "")]
    assert iframe and "graph.html" in iframe[0]["data"]["text/html"]
