"""A real browser for the tests in this folder: Debian's Chromium, driven by Playwright.

On every page a test opens, the browser must report no JavaScript error and no
Content-Security-Policy violation, and static files must arrive with the right types.

Without /usr/bin/chromium these tests are skipped, unless NEWSROOM_BROWSER_TESTS=required
(CI sets it): then they fail. Select them alone with `pytest -m only_browser`.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connections
from playwright.sync_api import (
    BrowserContext,
    ConsoleMessage,
    Page,
    Response,
    WebError,
    expect,
    sync_playwright,
)

CHROMIUM = Path("/usr/bin/chromium")

# For actions and assertions alike: long enough for a loaded CI machine, short enough
# for a missing element to fail the test quickly.
TIMEOUT_MS = 10_000

# --- The browser ----------------------------------------------------------------
#
# The fixtures have names of their own rather than pytest-playwright's (`page`,
# `browser`...): with those, the plugin parametrizes each test by a session-wide browser
# name, and pytest then regroups the tests, moving these ahead of ordinary database
# tests, whose data the transactional tests here would wipe out.


@pytest.fixture(scope="session")
def chromium_launch_options(pytestconfig):
    """Debian's Chromium, never a browser downloaded by a test tool."""
    if not os.access(CHROMIUM, os.X_OK):
        reason = f"Chromium is not installed at {CHROMIUM} (Debian's package: chromium)."
        if os.environ.get("NEWSROOM_BROWSER_TESTS") == "required":
            pytest.fail(f"{reason} NEWSROOM_BROWSER_TESTS=required: the browser tests must run.")
        pytest.skip(reason)
    # pytest-playwright's --headed shows the browser while debugging.
    return {"executable_path": str(CHROMIUM), "headless": not pytestconfig.getoption("--headed")}


@pytest.fixture(scope="module")
def playwright_driver():
    """Playwright's driver, for this module only, with Django still at home in this thread.

    The sync API marks its event loop as running in the test's thread between calls.
    Django then takes the thread for an async one: it refuses database queries there
    unless DJANGO_ALLOW_ASYNC_UNSAFE is set (nothing runs in that loop but Playwright),
    and it looks up database connections per context rather than per thread, so it
    would open new ones, without the test database's snapshot that restores the roles
    and apart from the one an in-memory SQLite database shares with the live server.
    The thread's own connections are put back in place. All of it ends with the module.
    """
    thread_connections = {alias: connections[alias] for alias in connections}
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as driver:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        for alias, connection in thread_connections.items():
            connections[alias] = connection
        yield driver


@pytest.fixture(scope="module")
def chromium(playwright_driver, chromium_launch_options):
    """One browser for the whole module; each test opens its own contexts."""
    browser = playwright_driver.chromium.launch(**chromium_launch_options)
    expect.set_options(timeout=TIMEOUT_MS)
    yield browser
    expect.set_options(timeout=None)
    browser.close()


class BrowserReport:
    """What the browser said while a test ran: errors, policy violations, static files."""

    def __init__(self, live_server_url: str):
        self.static_prefix = f"{live_server_url}/{settings.STATIC_URL.strip('/')}/"
        self.problems: list[str] = []
        # Static file path -> (status, Content-Type) of each response seen.
        self.static_files: dict[str, list[tuple[int, str]]] = {}
        self.contexts: list[BrowserContext] = []

    def watch(self, context: BrowserContext) -> None:
        self.contexts.append(context)
        context.on("console", self._on_console)
        context.on("weberror", self._on_page_error)
        context.on("response", self._on_response)

    def _on_console(self, message: ConsoleMessage) -> None:
        # Chromium reports every refusal by the Content-Security-Policy as an error here.
        if message.type == "error" or "Content Security Policy" in message.text:
            where = message.page.url if message.page else message.location.get("url")
            self.problems.append(f"console {message.type} on {where}: {message.text}")

    def _on_page_error(self, error: WebError) -> None:
        where = error.page.url if error.page else "?"
        self.problems.append(f"uncaught error on {where}: {error.error}")

    def _on_response(self, response: Response) -> None:
        if not response.url.startswith(self.static_prefix):
            return
        path = urlsplit(response.url).path.removeprefix(urlsplit(self.static_prefix).path)
        content_type = response.headers.get("content-type", "")
        self.static_files.setdefault(path, []).append((response.status, content_type))
        if response.status not in (200, 304):
            self.problems.append(f"static file {path}: status {response.status}")
        elif response.status == 200 and not content_type.startswith(expected_type(path)):
            self.problems.append(f"static file {path}: served as {content_type!r}")

    def loaded(self, path: str) -> bool:
        """Whether the static file arrived at least once, with the type a browser needs."""
        return any(
            status == 200 and kind.startswith(expected_type(path))
            for status, kind in self.static_files.get(path, [])
        )

    def settle(self) -> None:
        """Wait until the browser has delivered the events it sent before this call."""
        for context in self.contexts:
            for page in context.pages:
                if not page.is_closed():
                    page.evaluate("0")


def expected_type(path: str) -> str:
    """The Content-Type a browser needs: ES modules run only as text/javascript."""
    suffix = Path(path).suffix
    return {".js": "text/javascript", ".css": "text/css"}.get(suffix, "")


@pytest.fixture
def browser_report(live_server):
    """Fails the test, once it has run, if the browser reported any problem."""
    report = BrowserReport(live_server.url)
    yield report
    try:
        report.settle()
    finally:
        for context in report.contexts:
            context.close()
    if report.problems:
        pytest.fail("The browser reported:\n" + "\n".join(report.problems), pytrace=False)


@pytest.fixture
def new_tab(chromium, live_server, browser_report):
    """Opens a tab in a fresh browser context (its own cookies), watched for problems."""

    def open_tab() -> Page:
        context = chromium.new_context(
            base_url=live_server.url, locale="fr-FR", timezone_id="Europe/Paris"
        )
        context.set_default_timeout(TIMEOUT_MS)
        browser_report.watch(context)
        return context.new_page()

    return open_tab


@pytest.fixture
def tab(new_tab):
    return new_tab()
