"""kg: a knowledge graph of machine-learning research built from paper titles and abstracts.

Names are loaded on first use, so ``import kg`` stays cheap for commands that only query a build.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.ingest import read_papers
    from kg.records import ConceptType, LocalConcept, Mention, Paper, PaperConcepts, Source

__version__ = "0.1.0"
__all__ = ["ConceptType", "LocalConcept", "Mention", "Paper", "PaperConcepts", "Source", "read_papers"]
_HOMES = {name: "kg.records" for name in __all__} | {"read_papers": "kg.ingest"}


def __getattr__(name: str) -> object:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
