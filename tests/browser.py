"""Real-browser helpers for the HTML view tests: Debian's chromium driven by Playwright, offline.

We never run ``playwright install``: the browser is the system's ``/usr/bin/chromium``. Without
it the tests skip locally (install it with ``apt-get install chromium``) but fail under ``CI``,
where it is installed and a silent skip would hide a broken page.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "OfflinePage",
    "VIEWPORT",
    "launch_chromium",
    "open_offline",
    "require_chromium",
]

CHROMIUM = Path(os.environ.get("TIMELINE_KG_CHROMIUM", "/usr/bin/chromium"))

# Quiet, sandbox-less flags: containers lack the user namespaces the sandbox needs, and the
# background services would otherwise try to reach Google while we assert "no network".
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

#: The window the view tests judge legibility in: a laptop screen.
VIEWPORT = (1400, 900)

# Schemes that never leave the machine: the page itself and the data: images in vis' CSS.
_LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def _unavailable(reason: str) -> None:
    """Skip locally, fail under CI (which installs chromium and Playwright on purpose)."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this is a failure, not a skip)")
    pytest.skip(reason)


def require_chromium() -> Path:
    """Return the chromium path, or skip/fail with how to install it."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        _unavailable(f"{CHROMIUM} not found: run `apt-get install chromium` (not `playwright install`)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("the playwright Python package is missing: `pip install playwright`")
    return CHROMIUM


@contextmanager
def launch_chromium() -> Iterator["Browser"]:
    """One headless system chromium for the duration of the block."""
    from playwright.sync_api import sync_playwright

    executable = require_chromium()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class OfflinePage:
    """A page whose every non-local request was aborted; ``blocked`` lists their URLs."""

    page: "Page"
    blocked: list[str] = field(default_factory=list)


@contextmanager
def open_offline(browser: "Browser", path: Path, *, viewport: tuple[int, int] = VIEWPORT) -> Iterator[OfflinePage]:
    """Open ``path`` in a fresh context that aborts and records any request off the machine."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    result = OfflinePage(page)

    def guard(route: "Route") -> None:
        url = route.request.url
        if url.startswith(_LOCAL_SCHEMES):
            route.continue_()
        else:
            result.blocked.append(url)
            route.abort()

    page.route("**/*", guard)
    try:
        page.goto(path.resolve().as_uri(), wait_until="load")
        yield result
    finally:
        context.close()
