"""The NetworkX projection and the questions asked of it, on the seed article."""

from __future__ import annotations

import pytest
from rdflib.namespace import RDF

from graph.errors import TimelineKGError
from graph.namespaces import SEM
from graph.views import actor_network, centrality, find_node, project, shortest_path, timeline


@pytest.fixture(scope="module")
def nx_graph(seed_graph):
    return project(seed_graph)


def test_projection_has_one_node_per_event_actor_and_place(seed_graph, nx_graph):
    events = set(seed_graph.subjects(RDF.type, SEM.Event))
    entities = set(seed_graph.subjects(RDF.type, SEM.Actor)) | set(seed_graph.subjects(RDF.type, SEM.Place))
    assert nx_graph.number_of_nodes() == len(events) + len(entities)
    kinds = {d["kind"] for _, d in nx_graph.nodes(data=True)}
    assert kinds == {"event", "actor", "place"}
    # dates stay attributes: no literal became a node
    assert all(str(n).startswith("https://") for n in nx_graph.nodes)


def test_timeline_window_is_sorted_and_bounded(nx_graph):
    rows = timeline(nx_graph, "2017-11-01", "2017-11-30")
    assert rows and all("2017-11-01" <= (r["latest"] or r["earliest"]) and r["earliest"] <= "2017-11-30" for r in rows)
    assert rows == sorted(rows, key=lambda r: (r["earliest"], r["latest"] or "", r["label"]))


def test_timeline_of_one_actor_and_of_one_place(nx_graph):
    assert all("Abdel Fattah el-Sisi" in r["actors"] for r in timeline(nx_graph, actor="el-Sisi"))
    at_sochi = timeline(nx_graph, place="Sochi")
    assert at_sochi and all("Sochi" in r["places"] for r in at_sochi)


def test_actor_network_weights_count_shared_events(nx_graph):
    network = actor_network(nx_graph)
    putin, assad = find_node(nx_graph, "Vladimir Putin"), find_node(nx_graph, "Bashar al-Assad")
    assert network[putin][assad]["weight"] >= 2  # Sochi and the air base at least


def test_shortest_path_goes_through_events(nx_graph):
    path = shortest_path(nx_graph, "Bashar al-Assad", "Abdel Fattah el-Sisi")
    assert path[0] == "Bashar al-Assad" and path[-1] == "Abdel Fattah el-Sisi" and len(path) == 5


def test_unknown_entity_is_a_clear_error(nx_graph):
    with pytest.raises(TimelineKGError, match="no actor named 'Nobody'"):
        timeline(nx_graph, actor="Nobody")


def test_centrality_ranks_the_main_actor_first(nx_graph):
    assert centrality(nx_graph, top=3)[0][0] == "Vladimir Putin"
