"""kg: a knowledge graph of machine-learning research built from paper titles and abstracts.

Names are loaded on first use, so ``import kg`` stays cheap for commands that only query a build.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.builder import build
    from kg.extract import extract_papers
    from kg.incremental import add
    from kg.ingest import read_papers
    from kg.query import neighbors
    from kg.records import ConceptType, LocalConcept, Mention, Paper, PaperConcepts, Source

__version__ = "0.1.0"
_RECORDS = ["ConceptType", "LocalConcept", "Mention", "Paper", "PaperConcepts", "Source"]
# What the CLI's commands run, as functions: kg build, kg add, kg extract, kg neighbors, kg ingest.
_FUNCTIONS = {
    "build": "kg.builder",
    "add": "kg.incremental",
    "extract_papers": "kg.extract",
    "neighbors": "kg.query",
    "read_papers": "kg.ingest",
}
__all__ = [
    "ConceptType",
    "LocalConcept",
    "Mention",
    "Paper",
    "PaperConcepts",
    "Source",
    "add",
    "build",
    "extract_papers",
    "neighbors",
    "read_papers",
]
_HOMES = {name: "kg.records" for name in _RECORDS} | _FUNCTIONS


def __getattr__(name: str) -> object:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
