"""A raw HTTP/1.1 client for the runners: requests go out exactly as the manifests write them.

``http.client`` is used rather than requests because requests re-quotes the URL (it would turn
``%31`` into ``1``) and adds headers of its own; the W3C tests are about those details.
"""

from __future__ import annotations

import http.client
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

from .servers import Endpoint


@dataclass(frozen=True, slots=True)
class Reply:
    """An HTTP response: status, headers (case-insensitive lookup) and body."""

    status: int
    headers: Message
    body: bytes

    @property
    def media_type(self) -> str:
        """The Content-Type without parameters, lower-cased ('' when absent)."""
        value = self.headers.get("Content-Type") or ""
        return value.split(";")[0].strip().lower()

    def describe(self) -> str:
        """One line for failure messages: status, content type and the start of the body."""
        text = self.body[:300].decode("utf-8", "replace").replace("\n", " ")
        return f"{self.status} {self.headers.get('Content-Type') or '(no Content-Type)'}: {text}"


def send(endpoint: Endpoint, method: str, target: str, headers: dict[str, str] | None = None,
         body: bytes | None = None, timeout: float = 30) -> Reply:
    """Send one request to ``endpoint.url`` + ``target`` (path and query, unchanged)."""
    parts = urlsplit(endpoint.url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=timeout)
    try:
        conn.putrequest(method, target, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            conn.putheader(name, value)
        if body is not None or method in ("POST", "PUT"):
            conn.putheader("Content-Length", str(len(body or b"")))
        conn.endheaders(body)
        response = conn.getresponse()
        return Reply(response.status, response.msg, response.read())
    finally:
        conn.close()


class SetupError(RuntimeError):
    """The service refused the update that prepares a test's data."""


def update(endpoint: Endpoint, text: str) -> None:
    """Run a SPARQL Update (with the endpoint's token) to set a test up.

    Raises:
        SetupError: the service did not answer 2xx.
    """
    headers = {"Content-Type": "application/sparql-update; charset=utf-8",
               **endpoint.auth_headers()}
    reply = send(endpoint, "POST", endpoint.update_path, headers, text.encode("utf-8"))
    if not 200 <= reply.status < 300:
        raise SetupError(f"setup update refused by {endpoint.name}: {reply.describe()}")


def reset(endpoint: Endpoint, graphs: dict[str, str] | None = None) -> None:
    """Empty the whole store, then insert ``graphs`` (graph IRI -> N-Triples), in one update."""
    parts = ["DROP ALL"]
    if graphs:
        blocks = "\n".join(f"GRAPH <{iri}> {{\n{nt}\n}}" for iri, nt in graphs.items())
        parts.append(f"INSERT DATA {{\n{blocks}\n}}")
    update(endpoint, " ;\n".join(parts))
