"""W3C SPARQL 1.1 Protocol tests (protocol/manifest.ttl) on geokg and on the Oxigraph peer."""

from __future__ import annotations

import pytest

from . import protocol
from .conftest import cases
from .servers import Endpoint

pytestmark = pytest.mark.slow
TESTS = protocol.protocol_tests()


def test_manifest_has_34_tests() -> None:
    assert len(TESTS) == 34


@pytest.mark.parametrize("test", cases(TESTS, protocol.KNOWN_FAILURES))
def test_geokg(test: protocol.ProtocolTest, geokg_endpoint: Endpoint) -> None:
    protocol.run_test(test, geokg_endpoint)


@pytest.mark.parametrize("test", cases(TESTS, protocol.OXIGRAPH_KNOWN_FAILURES))
def test_oxigraph(test: protocol.ProtocolTest, oxigraph_endpoint: Endpoint) -> None:
    protocol.run_test(test, oxigraph_endpoint)
