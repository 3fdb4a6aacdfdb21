"""Deterministic serialisations: the same graph always gives byte-identical files.

N-Triples is streamed by pyoxigraph in the order the triples are generated (itself fixed by the
input order); Turtle and JSON-LD are converted from it, streaming, by pyoxigraph's parser and
writers (several times faster than dumping the store). GraphML attributes are flattened to
strings, since GraphML holds no lists.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import networkx
import pyoxigraph

from kg.rdf.prefixes import PREFIXES

CONVERTED_FORMATS = {".ttl": pyoxigraph.RdfFormat.TURTLE, ".jsonld": pyoxigraph.RdfFormat.JSON_LD}


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


def convert_ntriples(ntriples_path: Path, path: Path) -> None:
    """Write the triples of an N-Triples file to ``path`` as Turtle or JSON-LD (by its suffix)."""
    parsed = pyoxigraph.parse(path=str(ntriples_path), format=pyoxigraph.RdfFormat.N_TRIPLES)
    pyoxigraph.serialize(parsed, str(path), CONVERTED_FORMATS[path.suffix], prefixes=PREFIXES)


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
