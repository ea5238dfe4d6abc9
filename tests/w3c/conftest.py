"""Fixtures of the W3C runners (one server per test module) and a pass-count summary."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

import pytest

from .servers import Endpoint, geokg_server, oxigraph_command, oxigraph_server

T = TypeVar("T")

_OUTCOMES: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))


def cases(tests: Iterable[T], known_failures: dict[str, str]) -> list[Any]:
    """pytest params of ``tests`` (ids = test ids); known failures are xfail(strict=True)."""
    params = []
    for test in tests:
        test_id: str = test.id  # type: ignore[attr-defined]
        marks: list[pytest.MarkDecorator] = []
        if test_id in known_failures:
            marks.append(pytest.mark.xfail(strict=True, reason=known_failures[test_id]))
        params.append(pytest.param(test, id=test_id, marks=marks))
    return params


@pytest.fixture(scope="module")
def geokg_endpoint() -> Iterator[Endpoint]:
    """``geokg serve`` over a fresh store, update token set; shared by one test module."""
    with geokg_server() as endpoint:
        yield endpoint


@pytest.fixture(scope="module")
def oxigraph_endpoint() -> Iterator[Endpoint]:
    """``oxigraph serve`` over a fresh store (the peer); skipped if it is not installed."""
    if oxigraph_command() is None:
        pytest.skip("the oxigraph server command is not installed")
    with oxigraph_server() as endpoint:
        yield endpoint


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Count outcomes per test function (module::function = suite and target)."""
    if "w3c/test_" not in report.nodeid or "[" not in report.nodeid:
        return
    group = report.nodeid.split("[")[0].split("/")[-1]
    if report.when == "call" or (report.when == "setup" and not report.passed):
        counts = _OUTCOMES[group]
        if report.passed and not hasattr(report, "wasxfail"):
            counts["passed"] += 1
        elif hasattr(report, "wasxfail"):
            counts["known failures" if report.skipped else "passed (XPASS)"] += 1
        else:
            counts["failed"] += 1


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the W3C pass counts: passed/total per suite and target."""
    if not _OUTCOMES:
        return
    terminalreporter.section("W3C SPARQL 1.1 conformance")
    for group, counts in sorted(_OUTCOMES.items()):
        total = sum(counts.values())
        passed = counts["passed"] + counts["passed (XPASS)"]
        details = ", ".join(f"{v} {k}" for k, v in sorted(counts.items()) if v and k != "passed")
        terminalreporter.write_line(f"{group:55} {passed:3}/{total:<3} {details}")
