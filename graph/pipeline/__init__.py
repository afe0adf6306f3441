"""The pipeline: article files -> Documents -> Extractions -> linked events -> RDF graphs.

:func:`build` runs a batch (reading, extraction in one process per core, linking, conversion);
:func:`add_articles` adds articles to a store without rebuilding it, linking their events to the
ones it holds. Both record a bad article and go on.
"""

from graph.extract import extract
from graph.model import Extraction

from .add import AddResult, add_articles, add_extractions
from .batch import BuildResult, build, extract_all, read_documents, to_rdf

__all__ = ["AddResult", "BuildResult", "Extraction", "add_articles", "add_extractions", "build", "extract",
           "extract_all", "read_documents", "to_rdf"]
