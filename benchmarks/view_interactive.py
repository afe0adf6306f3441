"""Time until graph.html and timeline.html are drawn and answer a search, in headless chromium.

For synthetic graphs of 500, 2,000 and 10,000 events (``graph.views.synthetic_graph``: each
event with two actors and a place, dates over a year), writes both pages, opens each in Debian's
chromium (``/usr/bin/chromium``, offline: every non-file request is aborted) at 1,400x900 and
measures from navigation until the page flags its first draw (``document.body.dataset.drawn``),
then the time a search takes to answer: on the graph page, a node found and selected; on the
timeline, the events filtered and redrawn. Also prints the Python time to write each page.

    python benchmarks/view_interactive.py [--sizes 500,2000,10000] [--repeat 3]

The goal: each page of 10,000 events drawn within 3 s (the "ok" column).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.views import synthetic_graph  # noqa: E402
from graph.views.graph_page import write_graph_html  # noqa: E402
from graph.views.timeline_page import write_timeline_html  # noqa: E402
from tests.browser import launch_chromium, open_offline  # noqa: E402


def _first_draw(browser, path: Path, search: str, answered: str) -> tuple[float, float, int]:
    started = time.perf_counter()
    with open_offline(browser, path) as opened:
        page = opened.page
        page.wait_for_function("document.body.dataset.drawn === 'true'", timeout=120_000)
        drawn = time.perf_counter() - started
        before = page.get_attribute("body", "data-visible")
        t = time.perf_counter()
        page.fill("#search", search)
        page.press("#search", "Enter")
        page.wait_for_function(answered, arg=before, timeout=60_000)
        found = time.perf_counter() - t
        if opened.blocked:
            raise SystemExit(f"{path.name} tried to fetch {opened.blocked}")
        return drawn, found, int(before or 0)


# When each page has answered the search: the graph selects the node it found; the timeline
# redraws with fewer events than before.
_PAGES = (
    ("graph", write_graph_html, "document.body.dataset.found !== undefined"),
    ("timeline", write_timeline_html,
     "before => document.body.dataset.drawn === 'true' && document.body.dataset.visible !== before"),
)
_GOAL_S = 3.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,2000,10000")
    parser.add_argument("--repeat", type=int, default=3, help="page loads per size (median shown)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'events':>7} {'nodes':>7} {'page':9} {'write s':>8} {'MB':>6} {'shown':>6} "
          f"{'first draw s (median)':>22} {'search s':>9} {'ok':>3}")
    with tempfile.TemporaryDirectory() as folder, launch_chromium() as browser:
        for n in sizes:
            graph = synthetic_graph(n)
            for name, writer, answered in _PAGES:
                t = time.perf_counter()
                path = writer(graph, Path(folder) / f"{name}-{n}.html")
                written = time.perf_counter() - t
                runs = [_first_draw(browser, path, "withdraw 1", answered) for _ in range(args.repeat)]
                draw = statistics.median(r[0] for r in runs)
                found = statistics.median(r[1] for r in runs)
                print(f"{n:>7,} {graph.number_of_nodes():>7,} {name:9} {written:>8.2f} "
                      f"{path.stat().st_size / 1e6:>6.1f} {runs[0][2]:>6,} {draw:>22.2f} {found:>9.2f} "
                      f"{'yes' if draw <= _GOAL_S else 'NO':>3}")

if __name__ == "__main__":
    main()
