"""Shipped queries answer over a built graph, in every output format, with bound parameters."""

from __future__ import annotations

import csv
import io
import json

import pytest

from graph.cli import main
from graph.queries import run_query, shipped_queries

SHIPPED = ["timeline", "actor-events", "actor-network", "place-events", "provenance"]


def test_the_five_queries_are_shipped():
    assert set(SHIPPED) <= set(shipped_queries())


@pytest.mark.parametrize("name", SHIPPED)
def test_each_shipped_query_returns_rows_on_the_seed(seed_graph, name):
    assert len(list(run_query(seed_graph, name))) > 0


def test_actor_events_bound_to_an_alias_only_returns_that_actor(seed_graph):
    rows = list(run_query(seed_graph, "actor-events", {"name": "Putin"}))
    assert rows and {str(r.actorLabel) for r in rows} == {"Vladimir Putin"}


def test_parameters_are_bound_not_pasted(seed_graph):
    hostile = 'x") } } DROP ALL ; SELECT * WHERE { ?s ?p ?o } #'
    assert list(run_query(seed_graph, "actor-events", {"name": hostile})) == []


def test_place_events_at_the_air_base_include_the_meeting_with_assad(seed_graph):
    rows = list(run_query(seed_graph, "place-events", {"name": "Khmeimim Air Base"}))
    assert any("Assad" in str(r.label) for r in rows)


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_query_formats(built_dir, capsys, fmt):
    assert main(["query", "timeline", "--graph", str(built_dir / "timeline.ttl"), "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        rows = json.loads(out)
        assert rows and {"begin", "end", "label", "actors"} <= set(rows[0])
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows and rows == sorted(rows, key=lambda r: (r["begin"], r["end"], r["label"]))
    else:
        assert out.splitlines()[0].split()[:2] == ["begin", "end"]


def test_query_from_a_rq_file(built_dir, tmp_path, capsys):
    query = tmp_path / "count.rq"
    query.write_text("SELECT (COUNT(?e) AS ?n) WHERE { ?e a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> }")
    assert main(["query", str(query), "--graph", str(built_dir / "timeline.ttl"), "--format", "json"]) == 0
    assert int(json.loads(capsys.readouterr().out)[0]["n"]) >= 8


def test_the_table_shows_every_iri_whole(built_dir, capsys):
    store = str(built_dir / "store")
    assert main(["query", "timeline", "--store", store, "--format", "csv"]) == 0
    iris = [line.split(",")[2] for line in capsys.readouterr().out.splitlines()[1:]]
    assert main(["query", "timeline", "--store", store]) == 0
    table = capsys.readouterr().out
    assert iris and all(len(iri) > 60 and iri in table for iri in iris)
