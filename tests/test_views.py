"""The NetworkX projection and the questions asked of it, on the seed article."""

from __future__ import annotations

from datetime import date

import pytest
from rdflib.namespace import RDF

from graph.errors import TimelineKGError
from graph.rdf.namespaces import SEM, TKG
from graph.views import (
    ALLEN_RELATIONS,
    actor_network,
    allen_relation,
    centrality,
    communities,
    ego_network,
    event_types,
    find_node,
    paths,
    project,
    sample_graph,
    shortest_path,
    timeline,
    timeline_graph,
    what_changed,
    window,
)


@pytest.fixture(scope="module")
def nx_graph(seed_graph):
    return project(seed_graph)


def test_projection_has_one_node_per_event_actor_and_place(seed_graph, nx_graph):
    everything = project(seed_graph, bare=True)
    events = set(seed_graph.subjects(RDF.type, SEM.Event))
    # the projection's entities are those taking part in events (the graph also names the others)
    entities = {o for e in events for p in (SEM.hasActor, SEM.hasPlace) for o in seed_graph.objects(e, p)}
    named = set(seed_graph.subjects(RDF.type, SEM.Actor)) | set(seed_graph.subjects(RDF.type, SEM.Place))
    assert entities < named
    assert everything.number_of_nodes() == len(events) + len(entities)
    # by default only whole events, each with an actor or a place and a date, and their entities
    whole = {str(e) for e in seed_graph.subjects(RDF.type, TKG.WholeEvent)}
    shown = {n for n, d in nx_graph.nodes(data=True) if d["kind"] == "event"}
    assert shown == whole and 0 < len(whole) < len(events)
    assert all(nx_graph.out_degree(n) > 0 and nx_graph.nodes[n]["earliest"] for n in shown)
    assert all(nx_graph.in_degree(n) > 0 for n, d in nx_graph.nodes(data=True) if d["kind"] != "event")
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
    ranked = centrality(nx_graph, top=3)
    assert "Vladimir Putin" in dict(ranked)  # Syria, the place of most events, is as busy
    assert "Vladimir Putin" in dict(centrality(nx_graph, top=2, measure="betweenness"))


# --------------------------------------------------------------------------- filters and windows


def test_timeline_filters_by_event_type_case_insensitively(nx_graph):
    meetings = timeline(nx_graph, event_type="Meet")
    assert meetings and {r["type"] for r in meetings} == {"meet"}
    both = timeline(nx_graph, event_type=["meet", "negotiate"])
    assert {r["type"] for r in both} == {"meet", "negotiate"} and len(both) > len(meetings)
    generic = {"other event", "make statement"}
    specific = timeline(nx_graph, event_type=[t for t in event_types(nx_graph) if t not in generic])
    assert specific and not generic & {r["type"] for r in specific}


def test_unknown_event_type_lists_the_known_ones(nx_graph):
    with pytest.raises(TimelineKGError, match=r"no event type 'mett' in the graph; known types: .*meet"):
        timeline(nx_graph, event_type="mett")


def test_timeline_combines_window_actor_and_place(nx_graph):
    rows = timeline(nx_graph, "2017-12-01", "2017-12-31", actor="Vladimir Putin", place="Egypt")
    assert [r["actors"] for r in rows] == [["Abdel Fattah el-Sisi", "Vladimir Putin"]]
    assert "Egypt" in rows[0]["sentence"] or "Cairo" in rows[0]["sentence"]


def test_window_keeps_events_overlapping_it_and_their_entities(nx_graph):
    part = window(nx_graph, "2017-11-22", "2017-11-22")
    events = [d for _, d in part.nodes(data=True) if d["kind"] == "event"]
    assert events and all(d["earliest"] <= "2017-11-22" <= d["latest"] for d in events)
    assert any(d["earliest"] < d["latest"] for d in events)  # the month-long "November" events overlap too
    assert {d["label"] for _, d in part.nodes(data=True) if d["kind"] == "place"} >= {"Sochi"}


# --------------------------------------------------------------------------- the three projections


def test_actor_network_over_a_window(nx_graph):
    december = actor_network(nx_graph, "2017-12-01", "2017-12-31")
    labels = {d["label"] for _, d in december.nodes(data=True)}
    assert "Abdel Fattah el-Sisi" in labels
    putin, sisi = find_node(nx_graph, "Vladimir Putin"), find_node(nx_graph, "el-Sisi")
    assert december[putin][sisi]["weight"] == 1
    assert sisi not in actor_network(nx_graph, "2017-11-01", "2017-11-30")


@pytest.mark.parametrize(("a", "b", "expected"), [
    (("2017-11-01", "2017-11-05"), ("2017-11-10", "2017-11-12"), "before"),
    (("2017-11-10", "2017-11-12"), ("2017-11-01", "2017-11-05"), "after"),
    (("2017-11-01", "2017-11-05"), ("2017-11-06", "2017-11-08"), "meets"),
    (("2017-11-06", "2017-11-08"), ("2017-11-01", "2017-11-05"), "met-by"),
    (("2017-11-01", "2017-11-05"), ("2017-11-05", "2017-11-08"), "overlaps"),
    (("2017-11-05", "2017-11-08"), ("2017-11-01", "2017-11-05"), "overlapped-by"),
    (("2017-11-01", "2017-11-01"), ("2017-11-01", "2017-11-30"), "starts"),
    (("2017-11-01", "2017-11-30"), ("2017-11-01", "2017-11-01"), "started-by"),
    (("2017-11-22", "2017-11-22"), ("2017-11-01", "2017-11-30"), "during"),
    (("2017-11-01", "2017-11-30"), ("2017-11-22", "2017-11-22"), "contains"),
    (("2017-11-30", "2017-11-30"), ("2017-11-01", "2017-11-30"), "finishes"),
    (("2017-11-01", "2017-11-30"), ("2017-11-30", "2017-11-30"), "finished-by"),
    (("2017-12-11", "2017-12-11"), ("2017-12-11", "2017-12-11"), "equals"),
])
def test_allen_relation_of_day_intervals(a, b, expected):
    assert allen_relation(a, b) == expected
    assert expected in ALLEN_RELATIONS


def test_timeline_graph_relates_the_seed_events(nx_graph):
    tg = timeline_graph(nx_graph)
    sochi = find_node(nx_graph, "Bashar al-Assad and Vladimir Putin met in Sochi")
    november = [n for n in tg if tg.nodes[n]["earliest"] == "2017-11-01" and tg.nodes[n]["latest"] == "2017-11-30"]
    assert november and all(tg[n][sochi]["relation"] == "contains" for n in november)
    relations = {d["relation"] for _, _, d in tg.edges(data=True)}
    assert {"before", "equals", "contains"} <= relations <= set(ALLEN_RELATIONS)
    for a, b, d in tg.edges(data=True):  # every edge agrees with the bounds, earlier event first
        bounds = [(tg.nodes[n]["earliest"], tg.nodes[n]["latest"]) for n in (a, b)]
        assert d["relation"] == allen_relation(*bounds) and bounds[0] <= bounds[1]
    undated = [n for n, d in nx_graph.nodes(data=True) if d["kind"] == "event" and not d["earliest"]]
    assert not set(undated) & set(tg)


def test_timeline_graph_before_edges_reach_the_next_events_only():
    tg = timeline_graph(synthetic := sample_graph())
    assert sorted((a, b, d["relation"]) for a, b, d in tg.edges(data=True)) == [
        ("ex:e1", "ex:e3", "before"), ("ex:e1", "ex:e4", "before"),  # both begin next after e1 ends
        ("ex:e2", "ex:e1", "contains"), ("ex:e2", "ex:e3", "before"), ("ex:e2", "ex:e4", "before"),
        ("ex:e3", "ex:e4", "equals"),
    ]
    assert set(tg) == {n for n, d in synthetic.nodes(data=True) if d["kind"] == "event"}


# --------------------------------------------------------------------------- ego networks and paths


def test_ego_network_within_hops_and_a_window(nx_graph):
    ego = ego_network(nx_graph, "Sochi", hops=2)
    by_hops = {h: {d["label"] for _, d in ego.nodes(data=True) if d["hops"] == h} for h in (0, 1, 2)}
    assert by_hops[0] == {"Sochi"}
    assert all(nx_graph.nodes[n]["kind"] == "event" for n in ego if ego.nodes[n]["hops"] == 1)
    assert {"Bashar al-Assad", "Vladimir Putin"} <= by_hops[2]
    assert all(nx_graph.nodes[n]["kind"] in ("actor", "place") for n in ego if ego.nodes[n]["hops"] == 2)
    december = ego_network(nx_graph, "Bashar al-Assad", hops=2, start="2017-12-01", end="2017-12-31")
    dates = [d["earliest"] for _, d in december.nodes(data=True) if d["kind"] == "event"]
    assert dates and all(d.startswith("2017-12") for d in dates)
    assert "Vladimir Putin" in {d["label"] for _, d in december.nodes(data=True)}
    assert "Sochi" not in {d["label"] for _, d in december.nodes(data=True)}


def test_ego_network_rejects_negative_hops(nx_graph):
    with pytest.raises(TimelineKGError, match="hops must be 0 or more, not -1"):
        ego_network(nx_graph, "Sochi", hops=-1)


def test_paths_go_through_events_and_respect_the_window(nx_graph):
    found = paths(nx_graph, "Bashar al-Assad", "Abdel Fattah el-Sisi")
    assert found and all(len(p) == 5 and p[0] == "Bashar al-Assad" and p[-1] == "Abdel Fattah el-Sisi" for p in found)
    assert all(p[2] == "Vladimir Putin" for p in found)  # actor, event, actor, event, actor
    assert len(found) >= 2  # several meetings link them
    with pytest.raises(TimelineKGError, match="no path between 'Bashar al-Assad' and 'Abdel Fattah el-Sisi' in that window"):
        paths(nx_graph, "Bashar al-Assad", "Abdel Fattah el-Sisi", end="2017-11-30")


# --------------------------------------------------------------------------- centrality, communities, changes


def test_centrality_over_a_window_and_unknown_measure(nx_graph):
    november = dict(centrality(nx_graph, top=20, start="2017-11-01", end="2017-11-30"))
    assert "Abdel Fattah el-Sisi" not in november and "Bashar al-Assad" in november
    with pytest.raises(TimelineKGError, match="unknown centrality measure 'katz'; choose one of degree"):
        centrality(nx_graph, measure="katz")


def test_communities_group_actors_who_act_together(nx_graph):
    groups = communities(nx_graph)
    assert groups and all(len(g) >= 2 for g in groups)
    putin = next(g for g in groups if "Vladimir Putin" in g)
    assert "Bashar al-Assad" in putin
    assert sum(len(g) for g in groups) == len({a for g in groups for a in g})  # a partition
    assert communities(nx_graph, "2017-11-01", "2017-11-30") == [["Bashar al-Assad", "Vladimir Putin"]]


def test_what_changed_between_november_and_december(nx_graph):
    changes = what_changed(nx_graph, "2017-11-30", "2017-12-31")
    assert changes.events and all("2017-11-30" < r["earliest"] <= "2017-12-31" for r in changes.events)
    assert ("actor", "Abdel Fattah el-Sisi") in changes.new_entities
    assert ("actor", "Bashar al-Assad") not in changes.new_entities  # already at Sochi in November
    assert ("Abdel Fattah el-Sisi", "Vladimir Putin") in changes.new_links
    putin = next(a for a in changes.activity if a[0] == "Vladimir Putin")
    assert putin[2] > putin[1] >= 1
    kinds = {row[0] for row in changes.rows()}
    assert {"event", "new actor", "new link", "activity"} <= kinds


def test_what_changed_wants_the_earlier_date_first(nx_graph):
    with pytest.raises(TimelineKGError, match="2017-12-31 is not before 2017-11-30; give the earlier date first"):
        what_changed(nx_graph, "2017-12-31", "2017-11-30")


def test_the_timeline_plot_shows_single_days_as_points_with_readable_date_ticks(nx_graph):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.dates import date2num

    from graph.views.plot import plot_timeline

    rows = timeline(nx_graph)
    figure = plot_timeline(rows)
    ax = figure.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    points = {(line.get_xdata()[0], line.get_ydata()[0]) for line in ax.get_lines() if line.get_marker() == "o"}
    for day, word in ((date(2017, 11, 22), "Sochi"), (date(2017, 12, 11), "orders")):
        row = next(i for i, label in enumerate(labels) if word in label)
        assert (date2num(day), row) in {(date2num(x), y) for x, y in points}, f"no point for {labels[row]!r}"
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    ticks = [t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_text()]
    assert len(ticks) >= 3 and not any(a.overlaps(b) for i, a in enumerate(ticks) for b in ticks[i + 1:])


def test_aliases_come_in_one_order_whatever_order_the_store_gives(seed_graph):
    """graph.html must be byte-identical between identical builds; the store orders a GROUP_CONCAT as it likes."""
    from rdflib import Graph, Literal
    from rdflib.namespace import SKOS

    actor = min(seed_graph.objects(None, SEM.hasActor))  # one that takes part, so it is projected
    projections = []
    for names in (["Zeta", "Alpha", "Mu"], ["Mu", "Zeta", "Alpha"]):
        copy = Graph()
        for triple in seed_graph:
            copy.add(triple)
        copy.remove((actor, SKOS.altLabel, None))
        for name in names:
            copy.add((actor, SKOS.altLabel, Literal(name)))
        projections.append(project(copy, bare=True).nodes[str(actor)]["aliases"])
    assert projections[0] == projections[1] == ["Alpha", "Mu", "Zeta"]
