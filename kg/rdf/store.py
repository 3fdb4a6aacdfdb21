"""The build's persistent SPARQL store (Oxigraph), loaded in bulk and swapped in atomically."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph

from kg.rdf.prefixes import PREFIXES

STORE_DIR = "store"


class StoreMissingError(FileNotFoundError):
    """There is no store in the folder: nothing was built there yet."""


def load_store(ntriples_path: Path, output: Path) -> Path:
    """Bulk-load ``ntriples_path`` into a fresh store beside ``output/store``, then swap it in."""
    staging = output / f".{STORE_DIR}.new"
    previous = output / f".{STORE_DIR}.old"
    for leftover in (staging, previous):
        shutil.rmtree(leftover, ignore_errors=True)
    store = pyoxigraph.Store(str(staging))
    store.bulk_load(path=str(ntriples_path), format=pyoxigraph.RdfFormat.N_TRIPLES)
    store.flush()
    del store
    target = output / STORE_DIR
    if target.exists():
        target.rename(previous)
    staging.rename(target)
    shutil.rmtree(previous, ignore_errors=True)
    return target


def open_store(folder: Path) -> pyoxigraph.Store:
    """Open a build's store read-only; ``folder`` is the build's output folder or the store itself."""
    path = folder / STORE_DIR if (folder / STORE_DIR).is_dir() else folder
    if not (path / "CURRENT").exists():
        raise StoreMissingError(f"no SPARQL store in {folder}: run `kg build PATHS -o {folder}` first")
    return pyoxigraph.Store.read_only(str(path))


def query(store: pyoxigraph.Store, sparql: str) -> pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean:
    """Run ``sparql`` with the ontology's prefixes predeclared."""
    return store.query(sparql, prefixes=PREFIXES)
