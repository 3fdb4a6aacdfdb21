"""Where kg finds the data files it reads at run time: ontology, SHACL shapes, example queries
and the concept lexicons.

People read and edit them in the checkout's top-level ``ontology/``. A wheel carries a copy
inside the package (``kg/ontology/``, put there by setup.py), found through
``importlib.resources``, so an installed kg never looks for a source tree. Only a development
checkout, where the package is the source folder itself and holds no copy, reads the
``ontology/`` beside it, so that an edit there takes effect on the next run. ``cache_dir`` is
where kg keeps what it makes once and reuses.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path


class MissingResourceError(FileNotFoundError):
    """The installed package lacks its data files: a broken install."""


def package_path(package: str, *parts: str) -> Path:
    """A data file of an installed package, as a path (kg is never run from a zip)."""
    return Path(str(files(package).joinpath(*parts)))


def ontology_dir() -> Path:
    """The folder holding ``kg.ttl``, ``shapes.ttl``, ``queries/`` and ``lexicon/``."""
    packaged = package_path("kg", "ontology")
    if packaged.is_dir():
        return packaged
    checkout = packaged.parent.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "ontology").is_dir():
        return checkout / "ontology"
    raise MissingResourceError(f"{packaged}: the package's ontology files are missing; reinstall kg")


def lexicon_dir() -> Path:
    return ontology_dir() / "lexicon"


def queries_dir() -> Path:
    return ontology_dir() / "queries"


def cache_dir() -> Path | None:
    """Where what kg makes once and reuses is kept: ``KG_CACHE_DIR``, else the user's cache
    folder (``XDG_CACHE_HOME`` or ``~/.cache``) under ``kg``; ``KG_CACHE_DIR=""`` keeps nothing."""
    chosen = os.environ.get("KG_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kg"
