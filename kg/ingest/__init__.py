"""Ingest stage: files in every supported format -> ``Paper`` records.

Names are loaded on first use, so commands that only query a build do not import the readers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.ingest.detect import InputFormat
    from kg.ingest.problems import IngestReport, InputError, Problem
    from kg.ingest.raw import FieldNames
    from kg.ingest.reader import read_papers

__all__ = ["FieldNames", "IngestReport", "InputError", "InputFormat", "Problem", "read_papers"]
_HOMES = {
    "InputFormat": "kg.ingest.detect",
    "IngestReport": "kg.ingest.problems",
    "InputError": "kg.ingest.problems",
    "Problem": "kg.ingest.problems",
    "FieldNames": "kg.ingest.raw",
    "read_papers": "kg.ingest.reader",
}


def __getattr__(name: str) -> object:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
