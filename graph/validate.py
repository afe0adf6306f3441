"""SHACL validation of a graph against the shapes of the RDF contract (``ontology/shapes.ttl``)."""

from __future__ import annotations

from functools import lru_cache

from rdflib import Graph
from rdflib.namespace import SH

from .errors import ValidationError
from .resources import ontology_file

__all__ = ["check", "shapes", "violations"]


@lru_cache(maxsize=1)
def shapes() -> Graph:
    return Graph().parse(ontology_file("shapes.ttl"), format="turtle")


def violations(graph: Graph) -> tuple[bool, str, list[str]]:
    """``(conforms, report text, one line per violation)`` for ``graph``."""
    from pyshacl import validate

    conforms, report, text = validate(graph, shacl_graph=shapes(), advanced=True, allow_warnings=False)
    if not isinstance(report, Graph):  # pyshacl could not run the shapes at all
        return False, str(text), [f"SHACL engine failure: {text}"]
    lines = []
    for result in report.subjects(SH.resultMessage, None):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        lines.append(f"{focus} {path or ''}: {message}".replace("  ", " "))
    return bool(conforms), str(text), sorted(lines)


def check(graph: Graph) -> None:
    """Raise ValidationError listing the violations when ``graph`` breaks the contract."""
    conforms, text, lines = violations(graph)
    if not conforms:
        raise ValidationError(text, lines)
