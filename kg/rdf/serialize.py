"""Deterministic serialisations: the same graph always gives byte-identical files.

Turtle comes from rdflib (which sorts subjects and predicates); N-Triples lines are sorted;
JSON-LD node objects are sorted by ``@id`` with sorted keys; GraphML attributes are flattened to
strings, since GraphML holds no lists.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx
from rdflib import Graph

from kg.rdf.vocabulary import PREFIXES


def turtle(rdf: Graph) -> str:
    return rdf.serialize(format="turtle")


def ntriples(rdf: Graph) -> str:
    lines = sorted(line for line in rdf.serialize(format="nt").splitlines() if line.strip())
    return "\n".join(lines) + "\n"


def jsonld(rdf: Graph) -> str:
    document = json.loads(rdf.serialize(format="json-ld", context=PREFIXES, auto_compact=True))
    nodes = document.get("@graph", [document] if "@id" in document else [])
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda item: json.dumps(item, sort_keys=True))
    ordered = {
        "@context": document.get("@context", PREFIXES),
        "@graph": sorted(nodes, key=lambda n: n["@id"]),
    }
    return json.dumps(ordered, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


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
