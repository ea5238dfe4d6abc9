"""geokg: publish geopolitical news as a validated, linked knowledge graph."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("geokg")
except PackageNotFoundError:  # running from a checkout without installation
    __version__ = "0.0.0"
