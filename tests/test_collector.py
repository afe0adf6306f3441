"""Python's cyclic collector during a build (``graph.collector``): paused while articles are
extracted and written, even when a library turns it back on; on again in a forked worker; and the
stages it is paused for make (next to) no reference cycles, so that pausing it keeps no garbage."""

from __future__ import annotations

import gc
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from graph import collector
from graph.extract import extract
from graph.link import link
from graph.pipeline.stages import write_article
from graph.rdf import article_parts
from graph.sources import read_source
from tests.conftest import SEED


def cycles(count: int) -> None:
    for _ in range(count):
        node: list = []
        node.append(node)


def test_no_collection_runs_while_paused_even_when_a_library_turns_the_collector_on():
    gc.collect()
    with collector.paused():
        gc.enable()  # as srsly's msgpack reader does while spaCy loads a model
        cycles(5000)
        assert gc.get_count()[0] >= 5000  # no collection emptied the youngest generation
    assert gc.get_threshold()[0] > 0
    cycles(5000)
    assert gc.get_count()[0] < 5000


def _collecting() -> tuple[bool, int]:
    return gc.isenabled(), gc.get_threshold()[0]


def test_a_worker_forked_while_paused_collects():
    with collector.paused(), ProcessPoolExecutor(1, mp_context=get_context("fork"),
                                                 initializer=collector.resumed) as pool:
        enabled, threshold = pool.submit(_collecting).result()
    assert enabled and threshold > 0


def test_extracting_and_writing_an_article_makes_next_to_no_reference_cycles(tmp_path):
    document = read_source(SEED)

    def one_article() -> None:
        extraction = extract(document)
        for part in article_parts([extraction], link([extraction])):
            assert write_article(part, str(tmp_path)).conforms

    one_article()  # the model, the gazetteer and the shapes loaded once
    gc.collect()
    with collector.paused():
        one_article()
        one_article()
        left = gc.collect()
    # an RDF graph with prefixes bound is a cycle of about 900 objects; a paragraph's parse a few
    assert left < 100
