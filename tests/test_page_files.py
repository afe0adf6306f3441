"""The pages' templates and static files on their own: each one renders, each script and stylesheet parses.

The pages themselves are loaded in chromium by tests/test_html_view.py, tests/test_timeline_view.py
and tests/test_serve.py; here every file under a ``templates/`` or ``static/`` folder of the
package is checked by name, so a broken one fails with its path.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import networkx as nx
import pytest

import graph
from graph.serve.config import ServerConfig
from graph.serve.page import render_query_page
from graph.views import render_graph_html, render_timeline_html, sample_graph
from graph.views.html import page_templates, static_files

if TYPE_CHECKING:
    from playwright.sync_api import Browser

PACKAGE = Path(graph.__file__).resolve().parent


def page_files(folder: str, suffix: str = "") -> list[Path]:
    """Files of every ``folder`` (templates, static) in the package, ending with ``suffix``."""
    return sorted(p for p in PACKAGE.rglob(f"*{suffix}") if p.is_file() and p.parent.name == folder)


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE.parent).as_posix()


TEMPLATES = page_files("templates")
STATIC = page_files("static")
SCRIPTS = page_files("static", ".js")
STYLES = page_files("static", ".css")

# Between them, these take every branch of every template.
RENDERS: dict[str, Callable[[], str]] = {
    "graph page": lambda: render_graph_html(sample_graph()),
    "graph page, windowed": lambda: render_graph_html(sample_graph(), max_initial_nodes=5),
    "graph page, no nodes": lambda: render_graph_html(nx.MultiDiGraph()),
    "timeline page by type": lambda: render_timeline_html(sample_graph()),
    "timeline page by actor": lambda: render_timeline_html(sample_graph(), group_by="actor"),
    "timeline page by place": lambda: render_timeline_html(sample_graph(), group_by="place"),
    "timeline page, no events": lambda: render_timeline_html(nx.MultiDiGraph()),
    "query page": lambda: render_query_page(ServerConfig()),
    "query page, writable": lambda: render_query_page(ServerConfig(writable=True)),
}
# Opening delimiters of both environments (see graph/views/html.py); none may survive rendering.
# (Closing ones may: "}}" ends nested JSON objects.)
LEFTOVERS = ("{{", "{%", "{#")


def test_the_walk_finds_templates_scripts_and_stylesheets() -> None:
    assert TEMPLATES and SCRIPTS and STYLES, f"no page files found under {PACKAGE}"
    others = [_name(p) for p in STATIC if p.suffix not in {".js", ".css"}]
    assert not others, f"static files no test below checks: {', '.join(others)}"


def test_every_template_and_static_file_renders(monkeypatch: pytest.MonkeyPatch) -> None:
    used: set[Path] = set()
    get_template = jinja2.Environment.get_template

    def recording(self, *args, **kwargs):
        template = get_template(self, *args, **kwargs)
        used.add(Path(template.filename).resolve())
        return template

    monkeypatch.setattr(jinja2.Environment, "get_template", recording)
    for what, render in RENDERS.items():
        page = render()
        assert page.startswith("<!DOCTYPE html>\n"), what
        left = [d for d in LEFTOVERS if d in page]
        assert not left, f"{what}: {left} left in the page"
    unused = [_name(p) for p in TEMPLATES + STATIC if p.resolve() not in used]
    assert not unused, f"rendered by none of the pages: {', '.join(unused)}"


@pytest.mark.parametrize("template", TEMPLATES, ids=_name)
def test_template_names_nothing_left_undefined(template: Path) -> None:
    """StrictUndefined: a variable the code does not pass is an error, not an empty string."""
    package = ".".join(template.parent.parent.relative_to(PACKAGE.parent).parts)
    with pytest.raises(jinja2.UndefinedError):
        page_templates(package).get_template(template.name).render()


def test_static_file_values_are_required() -> None:
    with pytest.raises(jinja2.UndefinedError, match="nodes_json"):
        static_files("graph.views").get_template("graph.js").render()


_PARSE = """source => {
  try { new Function(source); return null; } catch (error) { return error.name + ": " + error.message; }
}"""

_RULES = """source => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(source);
  return sheet.cssRules.length;
}"""


@pytest.mark.parametrize("script", SCRIPTS, ids=_name)
def test_static_script_parses_in_chromium(browser: "Browser", script: Path) -> None:
    """Parsed, not run: the file's values (/*{{*/ name /*}}*/) read as plain names to JavaScript."""
    page = browser.new_page()
    try:
        error = page.evaluate(_PARSE, script.read_text(encoding="utf-8"))
    finally:
        page.close()
    assert error is None, f"{_name(script)}: {error}"


@pytest.mark.parametrize("style", STYLES, ids=_name)
def test_static_stylesheet_parses_in_chromium(browser: "Browser", style: Path) -> None:
    """Each '}' outside comments closes one rule (no @-rules here); a rule chromium drops is a broken one."""
    source = style.read_text(encoding="utf-8")
    closed = re.sub(r"/\*.*?\*/", "", source, flags=re.DOTALL).count("}")
    page = browser.new_page()
    try:
        rules = page.evaluate(_RULES, source)
    finally:
        page.close()
    assert rules == closed, f"{_name(style)}: chromium kept {rules} of {closed} rules"
