"""W3C SPARQL 1.1 query evaluation (225 tests): geokg, plain pyoxigraph, oxigraph serve."""

from __future__ import annotations

import pytest

from . import evaluation
from .conftest import cases
from .servers import Endpoint

pytestmark = pytest.mark.slow
TESTS = evaluation.load_tests()


def test_selection_has_225_tests() -> None:
    assert len(TESTS) == 225
    assert len(evaluation.eval_manifests()) == 13


def test_known_failures_name_real_tests() -> None:
    ids = {t.id for t in TESTS}
    assert set(evaluation.KNOWN_FAILURES) <= ids
    assert set(evaluation.PYOXIGRAPH_KNOWN_FAILURES) <= ids


@pytest.mark.parametrize("test", cases(TESTS, evaluation.KNOWN_FAILURES))
def test_geokg(test: evaluation.EvalTest, geokg_endpoint: Endpoint) -> None:
    evaluation.evaluate_http(test, geokg_endpoint)


@pytest.mark.parametrize("test", cases(TESTS, evaluation.PYOXIGRAPH_KNOWN_FAILURES))
def test_pyoxigraph(test: evaluation.EvalTest) -> None:
    evaluation.evaluate_pyoxigraph(test)


@pytest.mark.parametrize("test", cases(TESTS, evaluation.PYOXIGRAPH_KNOWN_FAILURES))
def test_oxigraph(test: evaluation.EvalTest, oxigraph_endpoint: Endpoint) -> None:
    evaluation.evaluate_http(test, oxigraph_endpoint)
