"""Extract stage: ``Paper`` -> ``PaperConcepts`` (methods, tasks, datasets, code URLs, contributions).

The public functions are loaded on first use, so that importing a light submodule such as
``kg.extract.lexicon`` (the query commands do) does not load spaCy.
"""

from importlib import import_module
from typing import Any

from kg.extract import freshness

freshness.guard()  # before any rule module is imported: a stale compiled one must not load

_EXPORTS = {
    "build_pipeline": "kg.extract.pipeline",
    "default_pipeline": "kg.extract.pipeline",
    "extract_paper": "kg.extract.pipeline",
    "extract_papers": "kg.extract.pipeline",
    "concepts_json": "kg.extract.output",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'kg.extract' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
