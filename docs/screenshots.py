"""Regenerate the README's screenshots of the views from a build of the bundled articles.

Builds ``sources/`` into a temporary folder with ``timeline-kg build``, opens the pages it writes in
Debian's chromium (``/usr/bin/chromium``, headless, offline: every request off the machine is
aborted) at 1,400x900 and saves:

- ``docs/graph-view.png``: graph.html as it opens;
- ``docs/graph-view-time-axis.png``: graph.html in its "time axis" layout;
- ``docs/timeline-view.png``: timeline.html as it opens;
- ``docs/query-page.png``: the query page of ``timeline-kg serve`` after running the shipped
  ``timeline`` query.

    python docs/screenshots.py [--out docs]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import launch_chromium, open_offline  # noqa: E402

_DRAWN = "document.body.dataset.drawn === 'true'"


def build(folder: Path) -> Path:
    """``timeline-kg build sources --out FOLDER``, as a user runs it; returns FOLDER."""
    subprocess.run([sys.executable, "-m", "graph", "build", str(ROOT / "sources"), "--out", str(folder), "--quiet"],
                   check=True, cwd=ROOT)
    return folder


def shoot_views(browser, built: Path, out: Path) -> None:
    with open_offline(browser, built / "graph.html") as opened:
        page = opened.page
        page.wait_for_function(_DRAWN)
        page.screenshot(path=out / "graph-view.png")
        page.select_option("#layout-mode", "t")
        page.wait_for_timeout(300)
        page.screenshot(path=out / "graph-view-time-axis.png")
    with open_offline(browser, built / "timeline.html") as opened:
        page = opened.page
        page.wait_for_function(_DRAWN)
        page.wait_for_timeout(300)
        page.screenshot(path=out / "timeline-view.png")


def shoot_query_page(browser, built: Path, out: Path) -> None:
    server = subprocess.Popen([sys.executable, "-m", "graph", "serve", "--store", str(built / "store"),
                               "--port", "0", "--workers", "1", "--quiet"],
                              stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        found = re.search(r"http://127\.0\.0\.1:\d+/", server.stdout.readline())
        if not found:
            raise SystemExit("timeline-kg serve did not say where it listens")
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.goto(found.group(0))
        page.select_option("#shipped", "timeline")
        page.click("#run")
        page.wait_for_function("document.querySelectorAll('#results tbody tr').length > 0")
        page.screenshot(path=out / "query-page.png")
        context.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="folder for the PNG files (default docs/)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, launch_chromium() as browser:
        built = build(Path(folder))
        shoot_views(browser, built, args.out)
        shoot_query_page(browser, built, args.out)
    for name in ("graph-view.png", "graph-view-time-axis.png", "timeline-view.png", "query-page.png"):
        print(args.out / name)


if __name__ == "__main__":
    main()
