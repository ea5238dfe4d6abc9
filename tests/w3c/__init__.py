"""W3C SPARQL 1.1 conformance runners: protocol, service description, graph store, evaluation.

The suites are copied under ``suites/`` (W3C test suite licence, see ``suites/NOTICE.md``).
Run as tests (``pytest tests/w3c``) or as a report (``python -m tests.w3c.report --help``).
"""
