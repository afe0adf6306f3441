"""The RDF contract: vocabularies, IRIs, the conversion to triples and its validation.

In: Extractions and their linked EventNodes. Out: one rdflib ``Graph`` per article (a store's named
graph) in SEM, OWL-Time, PROV-O, NIF, GAF and schema.org, validated by the SHACL shapes.
:mod:`.namespaces` declares every vocabulary, :mod:`.iris` mints every IRI, :mod:`.event_types`
reads the SKOS event scheme, :mod:`.contract` makes the triples, :mod:`.validate` checks them.
The extractors name things through the first three, so this package sits low in the imports.
"""

from .contract import (
    ArticlePart,
    StoredEvent,
    article_context,
    article_graph,
    article_parts,
    article_triples,
    to_article_graphs,
    union,
)

__all__ = ["ArticlePart", "StoredEvent", "article_context", "article_graph", "article_parts", "article_triples",
           "to_article_graphs", "union"]
