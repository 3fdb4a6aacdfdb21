"""A real SPARQL server and standard protocols, for when the embedded store is not enough.

``kg serve`` runs the Oxigraph server (the ``oxigraph`` package) over a build's store, read-only
and bound to 127.0.0.1 unless told otherwise, with a query time limit. Any SPARQL 1.1 endpoint
(Oxigraph, Fuseki, GraphDB) can be queried with the SPARQL 1.1 Protocol and loaded with the
Graph Store Protocol.
"""

from __future__ import annotations

import shutil
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from kg.rdf.prefixes import PREFIXES
from kg.rdf.store import store_location

ACCEPT = {
    "json": "application/sparql-results+json",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}


class EndpointError(RuntimeError):
    """The endpoint could not be reached or refused the request."""


def oxigraph_executable() -> str:
    """The Oxigraph server installed beside this Python (the ``oxigraph`` package), else on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if found is None:
        raise EndpointError("the Oxigraph server is not installed: pip install oxigraph")
    return found


def serve_command(folder: Path, bind: str, timeout: int, writable: bool = False) -> list[str]:
    """The command line of an Oxigraph server over a build's store (read-only unless ``writable``)."""
    return [
        oxigraph_executable(),
        "serve" if writable else "serve-read-only",
        "--location",
        str(store_location(folder)),
        "--bind",
        bind,
        "--timeout-s",
        str(timeout),
    ]


def with_prefixes(query: str) -> str:
    """Declare the ontology's prefixes in the query text, for servers that do not know them."""
    declared = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())
    return declared + query


def remote_query(endpoint: str, query: str, result_format: str, timeout: float = 60) -> str:
    """Send ``query`` by the SPARQL 1.1 Protocol (POST, application/sparql-query)."""
    request = urllib.request.Request(
        endpoint,
        data=with_prefixes(query).encode("utf-8"),
        headers={"Content-Type": "application/sparql-query", "Accept": ACCEPT[result_format]},
        method="POST",
    )
    return send(request, timeout).decode("utf-8")


def push(graph_store: str, ntriples_path: Path, timeout: float = 600) -> None:
    """Replace the default graph of a Graph Store Protocol endpoint with the build's triples."""
    url = graph_store if urllib.parse.urlparse(graph_store).query else f"{graph_store}?default"
    request = urllib.request.Request(
        url, data=ntriples_path.read_bytes(), headers={"Content-Type": "application/n-triples"}, method="PUT"
    )
    send(request, timeout)


def send(request: urllib.request.Request, timeout: float) -> bytes:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        detail = error.read().decode("utf-8", "replace").strip()[:300]
        raise EndpointError(f"{request.full_url}: HTTP {error.code} {error.reason}: {detail}") from error
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise EndpointError(f"{request.full_url}: cannot connect ({reason})") from error
