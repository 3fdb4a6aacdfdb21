"""Compiled extraction modules run only while they match their sources.

setup.py compiles the rule modules (mypyc) and the spaCy helpers (Cython) into extension
modules beside their sources, and Python imports an extension before the ``.py`` of the same
name: after an edit, the old compiled code would run and the edit would silently do nothing.
So the build records a digest of every source it compiled (``COMPILED_DIGESTS``), and importing
``kg.extract`` compares them with the sources on disk. When one differs, every rule module is
imported from its source instead (the compiled rules call each other directly, so one stale
module means none can be trusted) and a line on stderr says so; ``make compile`` makes them
current again. ``KG_PURE_PYTHON=1`` runs the sources without comparing.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

EXTRACT_DIR = Path(__file__).parent
# The per-paper rules, compiled together by mypyc as one group (setup.py reads this list).
COMPILED_RULES = (
    "abbreviations",
    "boundaries",
    "candidates",
    "canonical",
    "contributions",
    "definitions",
    "features",
    "gazetteer",
    "heads",
    "keys",
    "lexicon",
    "lists",
    "model",
    "noun_phrases",
    "phrases",
    "sentences",
    "task_phrases",
    "title_phrases",
    "tokens",
    "urls",
)
SPACY_HELPERS = "_spacy_native"  # Cython, read through kg.extract.native
COMPILED_DIGESTS = EXTRACT_DIR / "compiled-sources.json"  # written by setup.py at each build


def source_path(module: str) -> Path:
    suffix = ".pyx" if module == SPACY_HELPERS else ".py"
    return EXTRACT_DIR / f"{module}{suffix}"


def source_digests(modules: Sequence[str] = (*COMPILED_RULES, SPACY_HELPERS)) -> dict[str, str]:
    """The SHA-256 of each module's source, as setup.py records it when compiling."""
    return {module: hashlib.sha256(source_path(module).read_bytes()).hexdigest() for module in modules}


def is_compiled(module: str) -> bool:
    """Whether an extension module of that name lies beside the source."""
    suffixes = importlib.machinery.EXTENSION_SUFFIXES
    return any((EXTRACT_DIR / f"{module}{suffix}").exists() for suffix in suffixes)


def recorded_digests() -> dict[str, str]:
    try:
        recorded = json.loads(COMPILED_DIGESTS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return recorded if isinstance(recorded, dict) else {}


def stale_modules(modules: Sequence[str]) -> list[str]:
    """Those of ``modules`` that are compiled from a source other than the one on disk (a
    compiled module without a recorded digest counts as stale)."""
    compiled = [module for module in modules if is_compiled(module)]
    if not compiled:
        return []
    recorded = recorded_digests()
    current = source_digests(compiled)
    return [module for module in compiled if recorded.get(module) != current[module]]


def pure_python_requested() -> bool:
    return bool(os.environ.get("KG_PURE_PYTHON"))


class SourceFirst(importlib.abc.MetaPathFinder):
    """Imports the named ``kg.extract`` modules from their ``.py`` even where an extension
    module of the same name lies beside it."""

    def __init__(self, modules: Sequence[str]) -> None:
        self.names = {f"{__package__}.{module}": module for module in modules}

    def find_spec(self, fullname: str, path: object = None, target: object = None):
        module = self.names.get(fullname)
        if module is None:
            return None
        location = str(source_path(module))
        loader = importlib.machinery.SourceFileLoader(fullname, location)
        return importlib.util.spec_from_file_location(fullname, location, loader=loader)


RULES_FROM_SOURCE = False  # set by guard()
HELPERS_FROM_SOURCE = False


def guard() -> None:
    """Make stale compiled modules (or all, under ``KG_PURE_PYTHON``) import from source."""
    global RULES_FROM_SOURCE, HELPERS_FROM_SOURCE
    forced = pure_python_requested()
    stale_rules = list(COMPILED_RULES) if forced else stale_modules(COMPILED_RULES)
    stale_helpers = [SPACY_HELPERS] if forced else stale_modules([SPACY_HELPERS])
    if stale_rules:
        sys.meta_path.insert(0, SourceFirst(COMPILED_RULES))
    RULES_FROM_SOURCE, HELPERS_FROM_SOURCE = bool(stale_rules), bool(stale_helpers)
    changed = [source_path(module).name for module in stale_rules + stale_helpers]
    if changed and not forced:
        names = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
        print(
            f"kg: {names} changed since the last compile; the extraction rules run as plain Python"
            " (slower, same results) until `make compile`.",
            file=sys.stderr,
        )


def rules_run_compiled() -> bool:
    return not RULES_FROM_SOURCE and all(is_compiled(module) for module in COMPILED_RULES)
