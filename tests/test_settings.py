"""Settings are data: every one has help, an environment variable, and a line in the README."""

from __future__ import annotations

from pathlib import Path

import pytest

from geokg import config

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", config.SETTINGS, ids=lambda s: s.name)
def test_setting_is_documented(setting: config.Setting) -> None:
    assert setting.help
    assert f"`{setting.env}`" in README


def test_environment_overrides_default() -> None:
    assert config.get("max_results", {"GEOKG_MAX_RESULTS": "5"}) == 5
    assert config.get("store", {}) == "./geokg-data"
    with pytest.raises(ValueError, match="GEOKG_QUERY_TIMEOUT"):
        config.get("query_timeout", {"GEOKG_QUERY_TIMEOUT": "soon"})
