"""``kg validate``: check a build's graph against the SHACL shapes of ``ontology/shapes.ttl``.

The ontology is given to pyshacl so that class constraints see the subclass hierarchy
(a kg:Method is a kg:Concept).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import Graph

from kg.resources import ontology_dir


class UnreadableGraphError(ValueError):
    """The file to validate is not a readable RDF graph."""


@dataclass(frozen=True)
class Validation:
    conforms: bool
    report: str
    triples: int


def graph_file(path: Path) -> Path:
    """A build folder means its ``graph.ttl``; a file is taken as it is."""
    return path / "graph.ttl" if path.is_dir() else path


def validate(path: Path) -> Validation:
    target = graph_file(path)
    if not target.is_file():
        raise FileNotFoundError(f"{target}: no graph to validate; run `kg build PATHS -o {path}` first")
    data = Graph()
    try:
        data.parse(target)
    except Exception as error:  # rdflib raises many parser-specific exception types
        first_lines = " ".join(str(error).splitlines()[:2]).replace(" at ^ in:", "")
        raise UnreadableGraphError(f"{target}: not a readable RDF graph: {first_lines}") from error
    conforms, _, report = pyshacl.validate(
        data,
        shacl_graph=Graph().parse(ontology_dir() / "shapes.ttl"),
        ont_graph=Graph().parse(ontology_dir() / "kg.ttl"),
        inference="rdfs",
        abort_on_first=False,
    )
    return Validation(bool(conforms), str(report), len(data))
