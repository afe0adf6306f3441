"""Shared fixtures: the TimeML corpus path, the bundled sources and one built graph per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--timeml",
        default=os.environ.get("TIMELINE_KG_TIMEML"),
        help="folder holding the TempEval-3 TimeML corpus (its train/ subfolder); "
        "also read from $TIMELINE_KG_TIMEML",
    )
    parser.addoption(
        "--meantime",
        default=os.environ.get("TIMELINE_KG_MEANTIME"),
        help="folder holding the MEANTIME corpus (CAT XML); also read from $TIMELINE_KG_MEANTIME",
    )


@pytest.fixture(scope="session")
def timeml_dir(request: pytest.FixtureRequest) -> Path:
    """The TimeML corpus folder (containing ``train/``); skips when not given, fails when wrong."""
    given = request.config.getoption("--timeml")
    if not given:
        if os.environ.get("CI"):
            pytest.fail("CI must pass --timeml PATH (the TimeML corpus)")
        pytest.skip("no TimeML corpus given: pass --timeml PATH")
    path = Path(given)
    if not (path / "train").is_dir():
        pytest.fail(f"--timeml {path}: no train/ folder inside")
    return path


@pytest.fixture(scope="session")
def meantime_dir(request: pytest.FixtureRequest) -> Path:
    """The MEANTIME corpus folder; skips when not given, fails when it holds no CAT file."""
    given = request.config.getoption("--meantime")
    if not given:
        if os.environ.get("CI"):
            pytest.fail("CI must pass --meantime PATH (the MEANTIME corpus)")
        pytest.skip("no MEANTIME corpus given: pass --meantime PATH")
    path = Path(given)
    if not any(path.rglob("*.xml")):
        pytest.fail(f"--meantime {path}: no CAT .xml file inside")
    return path


SEED = ROOT / "sources" / "000_11ebdb740a3ae7fd.txt"


@pytest.fixture(scope="session")
def seed_build():
    """The bundled seed article built once through the library (graph + extraction)."""
    from graph.pipeline import build

    result = build([SEED])
    assert not result.failures, result.failures
    return result


@pytest.fixture(scope="session")
def seed_graph(seed_build):
    return seed_build.graph


@pytest.fixture(scope="session")
def built_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``timeline-kg build sources --out DIR`` run once as a user would, through the CLI."""
    from graph.cli import main

    out = tmp_path_factory.mktemp("build")
    assert main(["build", str(ROOT / "sources"), "--out", str(out), "--quiet"]) == 0
    return out


@pytest.fixture(scope="module")
def browser():
    """One headless Debian chromium per test module (skips, or fails under CI, when it is missing)."""
    from tests.browser import launch_chromium

    with launch_chromium() as launched:
        yield launched


@pytest.fixture(autouse=True)
def _articles_kept_out_of_the_checkout(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """``add`` keeps an article from elsewhere in the sources folder ``build`` reads; in tests that
    folder is a temporary one unless a test says otherwise, never the checkout's ``sources/``."""
    monkeypatch.setenv("TIMELINE_KG_SOURCES", str(tmp_path_factory.mktemp("sources")))
