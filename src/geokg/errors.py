"""One error model: every failure geokg reports to a user is a GeokgError with a precise message."""

from __future__ import annotations


class GeokgError(Exception):
    """Base of all errors geokg reports to its user; ``status`` is the HTTP status to answer."""

    status = 500
    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(GeokgError):
    """An article or data file that cannot be read: names the file and, where known, the line."""

    status = 400
    exit_code = 1

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")
        self.source = source
        self.line = line


class ValidationFailed(GeokgError):
    """A graph that does not conform to the shapes; ``report`` is the SHACL report text."""

    status = 422
    exit_code = 1

    def __init__(self, source: str, report: str) -> None:
        super().__init__(f"{source}: does not conform to the geokg shapes\n{report}")
        self.source = source
        self.report = report


class QueryError(GeokgError):
    """A SPARQL query or update that cannot be run as given (syntax, policy, limits)."""

    status = 400


class NotFound(GeokgError):
    """A resource that the store does not describe."""

    status = 404


class StoreError(GeokgError):
    """The store could not be opened or written."""

    status = 503


class QueryTimeout(GeokgError):
    """A query stopped because it ran past the configured time limit."""

    status = 503
