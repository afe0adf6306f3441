"""`pip install .` must ship the ontology and the queries inside the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_ships_ontology_and_queries(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps",
                    "-q", "-w", str(tmp_path)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("timeline_kg-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for shipped in ("graph/ontology/shapes.ttl", "graph/ontology/gazetteer.ttl", "graph/ontology/event-types.ttl",
                    "graph/ontology/timeline-kg.ttl", "graph/queries/timeline.rq", "graph/queries/provenance.rq"):
        assert shipped in names, f"{shipped} missing from the wheel"
