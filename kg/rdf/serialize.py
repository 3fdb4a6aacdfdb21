"""Deterministic serialisations: the same graph always gives byte-identical files.

N-Triples is streamed by pyoxigraph in the order the triples are generated (itself fixed by the
input order); Turtle and JSON-LD are converted from it, streaming, by pyoxigraph's parser and
writers (several times faster than dumping the store). GraphML is written as the graph records
stream by, its attributes flattened to strings, since GraphML holds no lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape, quoteattr

import orjson
import pyoxigraph

from kg.graph import Edge, Node
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


# Every attribute a node or edge record can carry, with its GraphML type; declared up front so
# the file can be written as the records stream by.
GRAPHML_KEYS = {
    "node": {
        "kind": "string",
        "label": "string",
        "alt_labels": "string",
        "papers": "int",
        "rank": "int",
        "title": "string",
        "abstract": "string",
        "arxiv_id": "string",
        "published": "string",
        "code": "string",
        "url_kind": "string",
    },
    "edge": {
        "relation": "string",
        "papers": "int",
        "top_for": "string",
        "position": "int",
        "evidence": "string",
    },
}
GRAPHML_NAMESPACE = "http://graphml.graphdrawing.org/xmlns"


class GraphmlWriter:
    """Writes graph records to GraphML as they come, lists and evidence flattened to strings."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.write('<?xml version="1.0" encoding="utf-8"?>\n')
        self.write(f'<graphml xmlns="{GRAPHML_NAMESPACE}">\n')
        for domain, keys in GRAPHML_KEYS.items():
            for name, kind in keys.items():
                self.write(f'<key id="{name}" for="{domain}" attr.name="{name}" attr.type="{kind}"/>\n')
        self.write('<graph edgedefault="directed">\n')

    def write(self, text: str) -> None:
        self.handle.write(text.encode())

    def add(self, record: Node | Edge) -> None:
        if isinstance(record, Node):
            values = self.data({"kind": record.kind, **record.data})
            self.write(f"<node id={quoteattr(record.id)}>{values}</node>\n")
        else:
            relation = record.relation.value
            ends = f"source={quoteattr(record.source)} target={quoteattr(record.target)}"
            values = self.data({"relation": relation, **record.data})
            self.write(f'<edge {ends} id="{relation}">{values}</edge>\n')

    @staticmethod
    def data(values: dict[str, object]) -> str:
        return "".join(
            f'<data key="{key}">{escape(str(flatten(value)))}</data>' for key, value in values.items()
        )

    def close(self) -> None:
        self.write("</graph>\n</graphml>\n")


def flatten(value: object) -> str | int | float:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return " | ".join(value)
    if isinstance(value, list | dict):
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
    return value  # type: ignore[return-value]
