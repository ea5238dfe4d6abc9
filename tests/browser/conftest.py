"""A real ``geokg serve`` on 127.0.0.1 and a headless Debian Chromium driven by Playwright.

The browser is the system's ``/usr/bin/chromium`` (never a Playwright download). Without it the
browser tests are skipped, unless ``GEOKG_REQUIRE_BROWSER=1`` (set by ``.ci/run``): then they fail.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT, running_server

CHROMIUM = Path(os.environ.get("GEOKG_CHROMIUM", "/usr/bin/chromium"))
#: Flags for a quiet, offline, headless run as root in a container.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
FIXTURES = (DATA / "dyads" / "pair.trig",)

try:  # the test extra installs Playwright; a bare environment skips (or fails when required)
    from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright
except ImportError:  # pragma: no cover - depends on the environment
    sync_playwright = None


def _unavailable(reason: str) -> None:
    """Skip, or fail when the environment requires the browser tests to run."""
    if os.environ.get("GEOKG_REQUIRE_BROWSER") == "1":
        pytest.fail(f"GEOKG_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium from Debian."""
    if sync_playwright is None:
        _unavailable("Playwright is not installed (pip install -e '.[test]')")
    if not os.access(CHROMIUM, os.X_OK):
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of ``geokg serve`` on a store holding the hand-made fixture articles."""
    store = tmp_path_factory.mktemp("browser") / "store"
    # a child process loads the store, so its lock is released before the server opens it
    loader = (
        "import sys; from pathlib import Path; from geokg.store import Store;"
        " s = Store(sys.argv[1]);"
        " [s.load(Path(p).read_bytes(), 'application/trig') for p in sys.argv[2:]]; s.flush()"
    )
    subprocess.run(
        [sys.executable, "-c", loader, str(store), *map(str, FIXTURES)], check=True, timeout=120
    )
    with running_server(store) as url:
        yield url


@dataclass
class Visit:
    """A browser tab on the site that records console errors and uncaught exceptions."""

    page: Page
    base: str
    errors: list[str] = field(default_factory=list)

    def record(self, message: ConsoleMessage) -> None:
        """Keep console errors."""
        if message.type == "error":
            self.errors.append(f"{self.page.url}: {message.text}")

    def screenshot(self, name: str) -> None:
        """Save the page as test-artifacts/screenshots/<name>.png and check the console."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        assert self.errors == [], f"console errors on {name}: {self.errors}"


@pytest.fixture
def visit(browser: Browser, site: str) -> Iterator[Visit]:
    """A fresh browser context (no stored state) with console errors recorded."""
    context = browser.new_context(base_url=site, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    tab = Visit(page, site)
    page.on("console", tab.record)
    page.on("pageerror", lambda error: tab.errors.append(f"{page.url}: {error}"))
    try:
        yield tab
    finally:
        context.close()
