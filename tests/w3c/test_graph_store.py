"""W3C Graph Store Protocol tests (direct and indirect manifests) on geokg and Oxigraph."""

from __future__ import annotations

import pytest

from . import protocol
from .conftest import cases
from .servers import Endpoint

pytestmark = pytest.mark.slow
TESTS = protocol.graph_store_tests()


def test_manifests_have_13_tests() -> None:
    assert len(TESTS) == 13


@pytest.mark.parametrize("test", cases(TESTS, protocol.KNOWN_FAILURES))
def test_geokg(test: protocol.ProtocolTest, geokg_endpoint: Endpoint) -> None:
    protocol.run_test(test, geokg_endpoint)


@pytest.mark.parametrize("test", cases(TESTS, protocol.OXIGRAPH_KNOWN_FAILURES))
def test_oxigraph(test: protocol.ProtocolTest, oxigraph_endpoint: Endpoint) -> None:
    protocol.run_test(test, oxigraph_endpoint)
