"""The query page ``timeline-kg serve`` shows at ``/``: a textarea, the shipped queries, a results table.

In: the server's settings. Out: one self-contained HTML document, ``templates/query.html.j2`` with
``static/query.css`` and ``static/query.js`` inlined (no CDN, no request but to ``sparql`` on the
same server). Results are written with ``textContent``, never as HTML, so a literal holding markup
from an article stays text. On a writable server it also has a token field (filled from the
``#token=`` the start-up line prints, a fragment no request carries) and an update button, which
sends ``application/sparql-update`` with ``Authorization: Bearer TOKEN``.
"""

from __future__ import annotations

from markupsafe import Markup

from graph.queries import shipped_queries
from graph.views.html import inline, page_templates, script_json, static_files

from .config import ServerConfig

__all__ = ["render_query_page"]

# The page has always ended on "</html>" without a newline; served bytes stay as they were.
_TEMPLATES = page_templates("graph.serve", keep_trailing_newline=False)
_STATIC = static_files("graph.serve")


def render_query_page(config: ServerConfig) -> str:
    """The query page for a server with these settings (the shipped queries inlined)."""
    queries = {name: path.read_text(encoding="utf-8") for name, path in shipped_queries().items()}
    return _TEMPLATES.get_template("query.html.j2").render(
        names=list(queries), queries_json=Markup(script_json(queries)),
        mode="read-write" if config.writable else "read-only", writable=config.writable,
        timeout=f"{config.timeout:g}", max_rows=config.max_rows,
        style=inline(_STATIC, "query.css"), script=inline(_STATIC, "query.js"))
