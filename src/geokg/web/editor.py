"""The query editor of /sparql: finds the installed YASGUI files and lists the example queries.

YASGUI (https://github.com/rdfjs/Yasgui) is installed by ``tools/fetch_editor_assets.sh`` into
``static/vendor/yasgui/``, not committed; when it is missing the page stays a plain form.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import quote

from flask import Blueprint, Response, current_app, jsonify, url_for

from ..assets import list_queries, load_query
from ..namespaces import PREFIXES
from ..store import Term, bind_values

bp = Blueprint("editor", __name__)

#: Where the installer puts YASGUI, relative to the app's static folder.
VENDOR_DIR = "vendor/yasgui"
#: The YASGUI files the page loads.
SCRIPT, STYLESHEET = "yasgui.min.js", "yasgui.min.css"
#: How to install the editor, as the page tells it.
INSTALL_HINT = "make install (or tools/fetch_editor_assets.sh)"


def editor_url(name: str, **bindings: Term) -> str:
    """A link opening a named query, variables bound, in the editor (YASGUI reads ``#query=``)."""
    text = bind_values(load_query(name), bindings)
    return url_for("sparql.endpoint") + "#query=" + quote(text, safe="")


def query_url(name: str, **bindings: Term) -> str:
    """An absolute URL that runs a named query, its variables bound, on the endpoint."""
    text = bind_values(load_query(name), bindings)
    return url_for("sparql.endpoint", _external=True) + "?query=" + quote(text, safe="")


@dataclass(frozen=True, slots=True)
class EditorAssets:
    """The URLs of the installed YASGUI script and stylesheet, and its version."""

    script: str
    stylesheet: str
    version: str


def editor_assets() -> EditorAssets | None:
    """The installed YASGUI files of the current app, or None when they are not installed."""
    static = current_app.static_folder
    if static is None:
        return None
    folder = Path(static) / VENDOR_DIR
    if not ((folder / SCRIPT).is_file() and (folder / STYLESHEET).is_file()):
        return None
    version = _package_version(folder / "package.json")
    # The version in the URL makes browsers fetch the files again after an upgrade.
    return EditorAssets(
        script=url_for("static", filename=f"{VENDOR_DIR}/{SCRIPT}", v=version),
        stylesheet=url_for("static", filename=f"{VENDOR_DIR}/{STYLESHEET}", v=version),
        version=version,
    )


def _package_version(path: Path) -> str:
    """The ``version`` of an npm package.json, or "" when it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    version = data.get("version") if isinstance(data, dict) else None
    return version if isinstance(version, str) else ""


@bp.app_context_processor
def _template_globals() -> dict[str, object]:
    """Give templates ``editor_assets()`` (called only by the pages that load the editor)."""
    return {
        "editor_assets": editor_assets,
        "editor_prefixes": PREFIXES,
        "editor_install_hint": INSTALL_HINT,
    }


@bp.route("/sparql/examples.json")
def examples() -> Response:
    """The example queries of queries/ as JSON: name, title, description and text of each."""
    return jsonify([asdict(query) for query in list_queries()])
