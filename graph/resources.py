"""Where shipped data files live: the ontology (Turtle) and the SPARQL queries.

In a wheel the ontology is installed as the package ``graph.ontology`` (pyproject maps the top-level
``ontology/`` folder there); in a source checkout it is the ``ontology/`` folder beside ``graph/``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["ontology_file", "query_dir"]

_CHECKOUT_ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"


def ontology_file(name: str) -> Path:
    """Path of a shipped ontology file, e.g. ``ontology_file("shapes.ttl")``."""
    if (_CHECKOUT_ONTOLOGY / name).is_file():
        return _CHECKOUT_ONTOLOGY / name
    return Path(str(resources.files("graph.ontology").joinpath(name)))


def query_dir() -> Path:
    """Folder of the shipped ``.rq`` queries."""
    return Path(str(resources.files("graph").joinpath("queries")))
