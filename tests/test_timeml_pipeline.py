"""The whole pipeline over real annotated news: ten TimeML articles, each anchored on its own DCT."""

from __future__ import annotations

from graph.pipeline import build
from graph.rdf.validate import violations
from graph.sources import find_sources


def test_ten_timeml_articles_yield_dated_events(timeml_dir):
    files = find_sources([timeml_dir / "train" / "TimeBank"])[:10]
    assert len(files) == 10
    result = build(files)
    assert not result.failures, result.failures
    assert len(result.extractions) == 10
    dated = [e for x in result.extractions for e in x.events if e.earliest is not None]
    assert len({x.document.doc_id for x in result.extractions if any(e.earliest for e in x.events)}) >= 5
    assert len(dated) >= 20
    conforms, _, lines = violations(result.graph)
    assert conforms, lines[:5]


def test_parallel_build_gives_the_same_graph(timeml_dir):
    files = find_sources([timeml_dir / "train" / "AQUAINT"])[:8]
    assert set(build(files, jobs=2).graph) == set(build(files, jobs=1).graph)
