"""What the offline HTML pages share: their jinja2 environments and the helpers that fill them.

In: a package holding ``templates/*.j2`` (HTML pages) and ``static/*`` (the JavaScript and CSS each
page inlines), and the values to fill in. Out: page text, with JSON data safe inside ``<script>``
and links only for http(s) URLs. Used by the graph and timeline pages of :mod:`graph.views` and by
the query page of :mod:`graph.serve`.

Static files are jinja2 templates too, with delimiters shaped like comments: a value to fill in is
written ``/*{{*/ name /*}}*/``, which JavaScript and CSS read as plain ``name``. So each file stays
valid JavaScript or CSS on its own (a browser or linter can check it) and the page holds exactly
the filled-in text.

Examples
--------
>>> files = static_files("graph.views")
>>> files.from_string("var data = /*{{*/ data /*}}*/;").render(data=script_json(["</script>"]))
'var data = ["\\\\u003c/script\\\\u003e"];'
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

__all__ = [
    "KIND_STYLES", "inline", "is_web_url", "node_kind", "node_label", "page_templates", "script_json", "static_files",
]

#: Colour, vis shape and legend text per node class; unknown kinds fall back to ``"other"``.
KIND_STYLES: dict[str, dict[str, str]] = {
    "event": {"color": "#e4572e", "shape": "diamond", "legend": "Event"},
    "actor": {"color": "#4c78a8", "shape": "dot", "legend": "Actor"},
    "place": {"color": "#54a24b", "shape": "square", "legend": "Place"},
    "other": {"color": "#9e9e9e", "shape": "dot", "legend": "Other"},
}

_COMMENT_DELIMITERS = {
    "variable_start_string": "/*{{*/", "variable_end_string": "/*}}*/",
    "block_start_string": "/*{%", "block_end_string": "%}*/",
    "comment_start_string": "/*{#", "comment_end_string": "#}*/",
}


def page_templates(package: str, *, keep_trailing_newline: bool = True) -> jinja2.Environment:
    """The HTML templates in ``package``'s ``templates/`` folder: values escaped, unknown names an error.

    ``keep_trailing_newline=False`` drops the template's final newline from the page.
    """
    return jinja2.Environment(loader=jinja2.PackageLoader(package, "templates"), autoescape=True,
                              keep_trailing_newline=keep_trailing_newline, undefined=jinja2.StrictUndefined)


def static_files(package: str) -> jinja2.Environment:
    """The JavaScript and CSS in ``package``'s ``static/`` folder, filled in unescaped (see the module)."""
    return jinja2.Environment(loader=jinja2.PackageLoader(package, "static"), autoescape=False,
                              keep_trailing_newline=True, undefined=jinja2.StrictUndefined,
                              **_COMMENT_DELIMITERS)


def inline(files: jinja2.Environment, name: str, **values: Any) -> Markup:
    """Static file ``name`` with ``values`` filled in, marked safe to place inside a page's tag."""
    return Markup(files.get_template(name).render(**values))


def script_json(value: Any) -> str:
    """JSON safe to inline in a <script>: no '</script>', no '<!--', no HTML entities decoded.

    Examples
    --------
    >>> script_json({"b": "<!-- & -->", "a": 1})
    '{"a":1,"b":"\\\\u003c!-- \\\\u0026 --\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def is_web_url(url: str) -> bool:
    """Whether ``url`` is http(s) with a host: the only links the pages make (no ``javascript:``).

    Examples
    --------
    >>> is_web_url("https://example.org/a"), is_web_url("javascript:alert(1)"), is_web_url("http://[")
    (True, False, False)
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in {"http", "https"} and bool(parts.netloc)


def node_label(node: Any, attrs: Mapping[str, Any]) -> str:
    """The node's label, else the last segment of its IRI.

    Examples
    --------
    >>> node_label("https://example.org/actor/Merkel", {}), node_label("ex:x", {"label": " Angela "})
    ('Merkel', 'Angela')
    """
    label = str(attrs.get("label") or "").strip()
    if label:
        return label
    text = str(node)
    return text.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1] or text


def node_kind(attrs: Mapping[str, Any]) -> str:
    """The node's class as a key of :data:`KIND_STYLES`: its ``kind``, or ``"other"`` when unknown.

    Examples
    --------
    >>> node_kind({"kind": "actor"}), node_kind({"kind": "organisation"}), node_kind({})
    ('actor', 'other', 'other')
    """
    kind = str(attrs.get("kind", ""))
    return kind if kind in KIND_STYLES else "other"
