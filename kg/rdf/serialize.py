"""Deterministic serialisations: the same graph always gives byte-identical files.

N-Triples is streamed by pyoxigraph in the order the triples are generated (itself fixed by the
input order). Turtle and JSON-LD are dumped by the store once it is loaded, in its index order,
which depends only on the triples held. GraphML attributes are flattened to strings, since
GraphML holds no lists.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import networkx
import pyoxigraph

from kg.rdf.prefixes import PREFIXES

DUMP_FORMATS = {".ttl": pyoxigraph.RdfFormat.TURTLE, ".jsonld": pyoxigraph.RdfFormat.JSON_LD}


def write_ntriples(triples: Iterable[pyoxigraph.Triple], path: Path) -> int:
    """Stream ``triples`` to ``path`` as N-Triples; return how many were written."""
    count = 0

    def counted() -> Iterator[pyoxigraph.Triple]:
        nonlocal count
        for triple in triples:
            count += 1
            yield triple

    pyoxigraph.serialize(counted(), str(path), pyoxigraph.RdfFormat.N_TRIPLES)
    return count


def dump_store(store: pyoxigraph.Store, path: Path) -> None:
    """Write the store's triples to ``path`` as Turtle or JSON-LD (by its suffix)."""
    store.dump(str(path), DUMP_FORMATS[path.suffix], from_graph=pyoxigraph.DefaultGraph(), prefixes=PREFIXES)


def flat_graph(graph: networkx.MultiDiGraph) -> networkx.MultiDiGraph:
    """A copy whose attributes are scalars (lists joined by " | ", evidence as JSON)."""
    flat = networkx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **{key: flatten(value) for key, value in data.items()})
    for source, target, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(source, target, key=key, **{name: flatten(value) for name, value in data.items()})
    return flat


def flatten(value: object) -> str | int | float:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return " | ".join(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value  # type: ignore[return-value]


def write_graphml(graph: networkx.MultiDiGraph, path: Path) -> None:
    networkx.write_graphml(flat_graph(graph), path, encoding="utf-8")
