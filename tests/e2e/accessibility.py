"""The axe-core check every browser test runs on every page, and the watch that holds it to that."""

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, Response

# WCAG 2.2 at levels A and AA, as the accessibility statement promises.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
AXE_SCRIPT = Axe().axe_script


class PageWatch:
    """What happened on one page: documents loaded, which were checked, script errors."""

    def __init__(self, page: Page) -> None:
        self.unchecked: list[str] = []
        self.waiting: str | None = None
        self.errors: list[str] = []
        self.failed_requests: list[str] = []
        page.on("domcontentloaded", lambda loaded: self._loaded(loaded.url))
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))
        page.on("response", self._response)

    def _loaded(self, url: str) -> None:
        if self.waiting is not None:
            self.unchecked.append(self.waiting)
        self.waiting = url

    def _response(self, response: Response) -> None:
        # A page without its stylesheet or script can pass axe yet look broken to people.
        if response.request.resource_type != "document" and response.status >= 400:
            self.failed_requests.append(f"{response.status} {response.url}")

    def checked(self) -> None:
        self.waiting = None

    def problems(self) -> list[str]:
        unchecked = [*self.unchecked, *([self.waiting] if self.waiting else [])]
        return (
            [f"visited without an accessibility check: {url}" for url in unchecked]
            + [f"script error: {error}" for error in self.errors]
            + [f"failed to load: {request}" for request in self.failed_requests]
        )


_watches: dict[Page, PageWatch] = {}


def watch(page: Page) -> PageWatch:
    _watches[page] = PageWatch(page)
    return _watches[page]


def unwatch(page: Page) -> None:
    _watches.pop(page, None)


def describe(violation: dict[str, Any]) -> str:
    lines = [f"{violation['id']} ({violation['impact']}): {violation['help']}"]
    lines.append(f"    {violation['helpUrl']}")
    for node in violation["nodes"]:
        lines.append(f"    at {' '.join(map(str, node['target']))}")
        # The summary says why this node failed, which the rule's title alone often does not.
        summary = " ".join(node.get("failureSummary", "").split())
        if summary:
            lines.append(f"       {summary}")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Fail with every WCAG 2.2 A/AA violation axe-core finds on the page as it is now."""
    # A click that navigates returns once the new address commits, before the page is all there.
    page.wait_for_load_state("load")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    results = page.evaluate("options => window.axe.run(document, options)", AXE_OPTIONS)
    if page_watch := _watches.get(page):
        page_watch.checked()
    violations = results["violations"]
    if violations:
        report = "\n".join(describe(violation) for violation in violations)
        pytest.fail(
            f"{len(violations)} accessibility violation(s) on {page.url}:\n{report}", pytrace=False
        )
