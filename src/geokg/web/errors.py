"""One error handler and one error shape for the web app: GeokgError and HTTP errors alike."""

from __future__ import annotations

import logging
from http import HTTPStatus

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from ..errors import GeokgError
from .negotiation import Offer, choose

log = logging.getLogger(__name__)

_ERROR_OFFERS = (
    Offer("text/plain"),
    Offer("application/json", ("application/sparql-results+json", "application/ld+json")),
    Offer("text/html"),
)


class Forbidden(GeokgError):
    """A request the server understood but will not carry out (SPARQL Update without token)."""

    status = 403


class UnsupportedMediaType(GeokgError):
    """A request body in a media type this endpoint does not read."""

    status = 415


def error_response(status: int, title: str, message: str) -> Response:
    """The error shape: text/plain by default, JSON or HTML when the client prefers those."""
    offer = choose(_ERROR_OFFERS, request.headers.get("Accept"))
    media_type = offer.media_type if offer else "text/plain"
    if media_type == "application/json":
        response = jsonify({"status": status, "title": title, "message": message})
    elif media_type == "text/html":
        html = render_template("error.html", status=status, title=title, message=message)
        response = Response(html, mimetype="text/html")
    else:
        response = Response(f"{status} {title}: {message}\n", mimetype="text/plain")
    response.status_code = status
    return response


def _title(status: int) -> str:
    """The reason phrase of an HTTP status."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def handle_geokg_error(exc: GeokgError) -> Response:
    """Answer a GeokgError with its status; server faults hide their details."""
    if exc.status >= 500:
        log.error("server error: %s", exc.message)
        return error_response(exc.status, _title(exc.status), "the server could not answer")
    return error_response(exc.status, _title(exc.status), exc.message)


def handle_http_error(exc: HTTPException) -> Response:
    """Answer a routing or protocol error (404, 405, 413...) in the same shape."""
    status = exc.code or 500
    response = error_response(status, _title(status), exc.description or _title(status))
    for name, value in exc.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def handle_unexpected(exc: Exception) -> Response:
    """Log an unexpected exception and answer 500 without leaking internals."""
    log.exception("unexpected error", exc_info=exc)
    return error_response(500, "Internal Server Error", "the server could not answer")


def register_error_handlers(app: Flask) -> None:
    """Install the one error handler for every kind of failure."""
    app.register_error_handler(GeokgError, handle_geokg_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
