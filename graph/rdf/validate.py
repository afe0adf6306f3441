"""SHACL validation of a graph against the shapes of the RDF contract (``ontology/shapes.ttl``)."""

from __future__ import annotations

from functools import lru_cache

from rdflib import Graph
from rdflib.namespace import SH

from graph.errors import ValidationError
from graph.resources import ontology_file

__all__ = ["check", "shapes", "violations"]


# Checked once over the whole graph rather than as a SHACL-SPARQL constraint, which pyshacl runs
# once per focus node (minutes on a news archive). Must return no row.
ROLES_WITHOUT_ACTOR = """
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX tkg: <https://w3id.org/timeline-kg/ontology#>
SELECT ?event ?role ?actor WHERE {
  ?event ?role ?actor .
  FILTER (?role IN (tkg:hasAgent, tkg:hasPatient, tkg:hasParticipant))
  FILTER NOT EXISTS { ?event sem:hasActor ?actor }
}"""


@lru_cache(maxsize=1)
def shapes() -> Graph:
    return Graph().parse(ontology_file("shapes.ttl"), format="turtle")


def violations(graph: Graph) -> tuple[bool, str, list[str]]:
    """``(conforms, report text, one line per violation)`` for ``graph``."""
    from pyshacl import validate

    conforms, report, text = validate(graph, shacl_graph=shapes(), allow_warnings=False)
    if not isinstance(report, Graph):  # pyshacl could not run the shapes at all
        return False, str(text), [f"SHACL engine failure: {text}"]
    role_lines = [f"{row.event} {row.role}: role to {row.actor} without the sem:hasActor it implies"
                  for row in graph.query(ROLES_WITHOUT_ACTOR)]
    lines = list(role_lines)
    for result in report.subjects(SH.resultMessage, None):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        lines.append(f"{focus} {path or ''}: {message}".replace("  ", " "))
    if role_lines:
        text = "\n".join([str(text), *role_lines])
    return bool(conforms) and not role_lines, str(text), sorted(lines)


def check(graph: Graph) -> None:
    """Raise ValidationError listing the violations when ``graph`` breaks the contract."""
    conforms, text, lines = violations(graph)
    if not conforms:
        raise ValidationError(text, lines)
