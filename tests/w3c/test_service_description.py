"""W3C Service Description tests (service-description/manifest.ttl) on geokg and Oxigraph."""

from __future__ import annotations

import pytest

from . import protocol
from .conftest import cases
from .servers import Endpoint

pytestmark = pytest.mark.slow
TESTS = protocol.service_description_tests()


def test_manifest_has_3_tests() -> None:
    assert len(TESTS) == 3


@pytest.mark.parametrize("test", cases(TESTS, protocol.KNOWN_FAILURES))
def test_geokg(test: protocol.ProtocolTest, geokg_endpoint: Endpoint) -> None:
    protocol.run_test(test, geokg_endpoint)


@pytest.mark.parametrize("test", cases(TESTS, protocol.OXIGRAPH_KNOWN_FAILURES))
def test_oxigraph(test: protocol.ProtocolTest, oxigraph_endpoint: Endpoint) -> None:
    protocol.run_test(test, oxigraph_endpoint)
