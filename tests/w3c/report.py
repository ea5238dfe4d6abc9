"""Print W3C SPARQL 1.1 pass counts for geokg and its peers, and list the failures.

Usage (from the repository root)::

    python -m tests.w3c.report                       # starts geokg and oxigraph itself
    python -m tests.w3c.report --url http://127.0.0.1:8000 --token SECRET   # a running geokg
    python -m tests.w3c.report --url http://127.0.0.1:7878 --flavour oxigraph

With ``--url`` the service is not restarted, and the runners empty its store (``DROP ALL``):
never point it at a store you care about. ``--query-path``, ``--update-path`` and
``--store-path`` override the paths of the flavour. Without ``--url``, the report also runs
the evaluation tests in plain pyoxigraph (the baseline) and every suite on ``oxigraph serve``
(the peer: it shows that the HTTP runners, not only the in-process one, count right).
``run_report()`` does the same as a function and returns the ``SuiteReport`` values.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from . import evaluation, protocol, servers
from .client import SetupError
from .servers import Endpoint

T = TypeVar("T")


@dataclass
class SuiteReport:
    """The outcome of one suite on one target."""

    suite: str
    target: str
    total: int = 0
    failures: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def passed(self) -> int:
        """How many tests passed."""
        return self.total - len(self.failures)


def run_suite(suite: str, target: str, tests: Iterable[T], ident: Callable[[T], str],
              run: Callable[[T], None]) -> SuiteReport:
    """Run every test, recording each failure's first line of explanation."""
    report = SuiteReport(suite, target)
    start = time.monotonic()
    for test in tests:
        report.total += 1
        try:
            run(test)
        except (AssertionError, SetupError, OSError, ValueError) as exc:
            report.failures[ident(test)] = f"{type(exc).__name__}: {exc}"
    report.seconds = time.monotonic() - start
    return report


def protocol_reports(endpoint: Endpoint, suites: Sequence[str]) -> list[SuiteReport]:
    """The protocol, service description and graph store suites on ``endpoint``."""
    reports = []
    for name, tests in protocol.all_tests().items():
        if name in suites:
            reports.append(run_suite(name, endpoint.name, tests, lambda t: t.id,
                                     lambda t: protocol.run_test(t, endpoint)))
    return reports


def evaluation_report(endpoint: Endpoint | None) -> SuiteReport:
    """The query evaluation suite over HTTP, or in plain pyoxigraph when ``endpoint`` is None."""
    tests = evaluation.load_tests()
    if endpoint is None:
        return run_suite("query-evaluation", "pyoxigraph", tests, lambda t: t.id,
                         evaluation.evaluate_pyoxigraph)
    return run_suite("query-evaluation", endpoint.name, tests, lambda t: t.id,
                     lambda t: evaluation.evaluate_http(t, endpoint))


def run_report(endpoint: Endpoint | None = None, *,
               suites: Sequence[str] = ("protocol", "service-description", "graph-store",
                                        "query-evaluation"),
               peers: bool = True) -> list[SuiteReport]:
    """Run the suites on ``endpoint`` (a fresh geokg server when None) and, if asked, peers."""
    reports: list[SuiteReport] = []
    with contextlib.ExitStack() as stack:
        if endpoint is None:
            endpoint = stack.enter_context(servers.geokg_server())
        reports += protocol_reports(endpoint, suites)
        if "query-evaluation" in suites:
            reports.append(evaluation_report(endpoint))
    if peers:
        if "query-evaluation" in suites:
            reports.append(evaluation_report(None))
        if servers.oxigraph_command():
            with servers.oxigraph_server() as peer:
                reports += protocol_reports(peer, suites)
                if "query-evaluation" in suites:
                    reports.append(evaluation_report(peer))
    return reports


def format_table(reports: Iterable[SuiteReport]) -> str:
    """Pass counts as a table: one row per suite, one column per target."""
    reports = list(reports)
    targets = list(dict.fromkeys(r.target for r in reports))
    suites = list(dict.fromkeys(r.suite for r in reports))
    cells = {(r.suite, r.target): f"{r.passed}/{r.total}" for r in reports}
    width = max(len(s) for s in suites) + 2
    lines = ["suite".ljust(width) + "".join(t.rjust(12) for t in targets)]
    for suite in suites:
        lines.append(suite.ljust(width)
                     + "".join(cells.get((suite, t), "-").rjust(12) for t in targets))
    return "\n".join(lines)


def known_failures(report: SuiteReport) -> dict[str, str]:
    """The known-failure dict that applies to a report's target and suite."""
    if report.target in ("pyoxigraph", "oxigraph") and report.suite == "query-evaluation":
        return evaluation.PYOXIGRAPH_KNOWN_FAILURES
    if report.suite == "query-evaluation":
        return evaluation.KNOWN_FAILURES
    if report.target == "oxigraph":
        return protocol.OXIGRAPH_KNOWN_FAILURES
    return protocol.KNOWN_FAILURES


def surprises(report: SuiteReport) -> tuple[list[str], list[str]]:
    """Tests failing but not known to fail (new), and known failures that passed (fixed)."""
    known = known_failures(report)
    ran = {t.id for t in _suite_tests(report.suite)}
    new = [t for t in report.failures if t not in known]
    fixed = [t for t in known if t in ran and t not in report.failures]
    return new, fixed


def _suite_tests(suite: str) -> tuple[protocol.ProtocolTest, ...] | tuple[evaluation.EvalTest, ...]:
    if suite == "query-evaluation":
        return evaluation.load_tests()
    return protocol.all_tests()[suite]


def format_failures(reports: Iterable[SuiteReport], width: int = 160) -> Iterator[str]:
    """One line per failure (known or NEW) and per FIXED known failure, with the reason."""
    for report in reports:
        known = known_failures(report)
        for test_id, reason in report.failures.items():
            line = " ".join(reason.split())
            tag = "known" if test_id in known else "NEW"
            yield f"{tag:5} {report.target:10} {report.suite:19} {test_id}: {line[:width]}"
        for test_id in surprises(report)[1]:
            yield f"FIXED {report.target:10} {report.suite:19} {test_id}: passes, remove it " \
                  "from the known failures"


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point; exit code 1 if a result differs from the known failures."""
    parser = argparse.ArgumentParser(description="W3C SPARQL 1.1 conformance report.")
    parser.add_argument("--url", help="base URL of a running service (its store is emptied!)")
    parser.add_argument("--flavour", choices=("geokg", "oxigraph"), default="geokg")
    parser.add_argument("--token", default=os.environ.get("GEOKG_UPDATE_TOKEN"),
                        help="update bearer token (default: $GEOKG_UPDATE_TOKEN)")
    parser.add_argument("--query-path")
    parser.add_argument("--update-path")
    parser.add_argument("--store-path")
    parser.add_argument("--suite", action="append",
                        choices=("protocol", "service-description", "graph-store",
                                 "query-evaluation"),
                        help="run only this suite (repeatable)")
    parser.add_argument("--no-peers", action="store_true",
                        help="skip plain pyoxigraph and oxigraph serve")
    parser.add_argument("--failures", action="store_true", help="list every failure")
    args = parser.parse_args(argv)
    endpoint = None
    if args.url:
        endpoint = (Endpoint.oxigraph(args.url) if args.flavour == "oxigraph"
                    else Endpoint.geokg(args.url, args.token))
        overrides = {k: v for k, v in (("query_path", args.query_path),
                                       ("update_path", args.update_path),
                                       ("store_path", args.store_path)) if v}
        endpoint = replace(endpoint, **overrides)
    suites = args.suite or ("protocol", "service-description", "graph-store", "query-evaluation")
    reports = run_report(endpoint, suites=suites, peers=not args.no_peers and not args.url)
    print(format_table(reports))
    if args.failures:
        print()
        for line in format_failures(reports):
            print(line)
    changed = [r for r in reports if any(surprises(r))]
    for report in changed:
        new, fixed = surprises(report)
        print(f"{report.target} {report.suite}: {len(new)} new failures, {len(fixed)} fixed")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
