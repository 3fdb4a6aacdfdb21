"""Build: the extraction rules are compiled to C with mypyc, which runs them about twice as fast.

The rule modules are plain, type-annotated Python; mypyc turns each into an extension module
next to its source. ``KG_PURE_PYTHON=1`` (or a failed C build) installs them uncompiled, with
identical results. Everything else in ``pyproject.toml``.
"""

import os
from pathlib import Path

from setuptools import setup

# The per-paper rules; kg.extract.pipeline (process pools, spaCy's loader) gains nothing from it.
COMPILED = [
    "abbreviations",
    "candidates",
    "canonical",
    "contributions",
    "definitions",
    "gazetteer",
    "heads",
    "lexicon",
    "lists",
    "phrases",
    "sentences",
    "tokens",
    "urls",
]


def compiled_rules() -> list:
    if os.environ.get("KG_PURE_PYTHON"):
        return []
    from mypyc.build import mypycify

    sources = [str(Path("kg", "extract", f"{name}.py")) for name in COMPILED]
    # Imported project modules are read for their types, not checked; installed packages are not
    # read at all (their objects are Any), so a build does not depend on what else is installed.
    options = ["--no-site-packages", "--ignore-missing-imports", "--follow-imports=silent"]
    extensions = mypycify([*options, *sources], opt_level="3", group_name="kg_rules")
    for extension in extensions:
        extension.optional = True  # no C compiler: the modules stay pure Python
    return extensions


setup(ext_modules=compiled_rules())
