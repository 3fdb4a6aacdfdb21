"""``kg build``: ingest -> extract -> resolve -> graph -> export, into an output folder.

A build writes every file and the SPARQL store into a staging folder first, then renames each
into place (the store by swapping a link), so a build killed at any point leaves the previous
one whole and usable. One writer at a time: ``build`` and ``add`` hold a lock on the folder,
and a second writer waits for it.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from filelock import FileLock, Timeout

from kg.cache import CACHE_FILE, cache_line, read_cache, require_build, text_hash
from kg.extract import concepts_json, extract_papers
from kg.files import atomic_path, atomic_write, commit_files, staging_folder, write_text
from kg.graph import graph_of
from kg.index import INDEX_FILE, graph_rows, write_index
from kg.ingest.reader import PaperMerger
from kg.rdf.prefixes import DEFAULT_BASE_IRI
from kg.rdf.serialize import convert_ntriples, write_graphml, write_ntriples
from kg.rdf.store import STORE_DIR, load_store, publish_store
from kg.rdf.triples import node_iri, triples
from kg.records import Paper, PaperConcepts
from kg.view import write_view

EXTRACTIONS_FILE = "extractions.jsonl"
SUMMARY_FILE = "summary.json"
TURTLE_FILE = "graph.ttl"
NTRIPLES_FILE = "graph.nt"
JSONLD_FILE = "graph.jsonld"
GRAPHML_FILE = "graph.graphml"
VIEW_FILE = "graph.html"
LOCK_FILE = ".lock"
EXPORT_FILES = [EXTRACTIONS_FILE, TURTLE_FILE, NTRIPLES_FILE, JSONLD_FILE, GRAPHML_FILE, VIEW_FILE]


@dataclass
class BuildSummary:
    papers: int = 0
    nodes: Counter[str] = field(default_factory=Counter)
    edges: Counter[str] = field(default_factory=Counter)
    triples: int = 0
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    """Seconds per stage of this run (reported, not stored)."""

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        self.stages[stage] = self.stages.get(stage, 0.0) + time.perf_counter() - started

    def as_dict(self) -> dict[str, object]:
        """What the build holds; how this run read its input is reported by the CLI, not stored,
        so that ``kg add`` and a fresh build of the same inputs write the same summary."""
        return {
            "papers": self.papers,
            "nodes": dict(sorted(self.nodes.items())),
            "edges": dict(sorted(self.edges.items())),
            "triples": self.triples,
        }


def build(
    papers: Iterable[Paper],
    output: Path,
    on_paper: Callable[[PaperConcepts], None] | None = None,
    jobs: int = 1,
    base_iri: str = DEFAULT_BASE_IRI,
    on_wait: Callable[[], None] | None = None,
) -> BuildSummary:
    """Extract every paper, resolve and link the concepts, and write every export to ``output``."""
    started = time.perf_counter()
    with writer_lock(output, on_wait):
        return export_build(extract_all(papers, jobs, on_paper), output, base_iri, started)


def add(
    papers: Iterable[Paper],
    output: Path,
    on_paper: Callable[[PaperConcepts], None] | None = None,
    jobs: int = 1,
    base_iri: str = DEFAULT_BASE_IRI,
    on_wait: Callable[[], None] | None = None,
) -> BuildSummary:
    """Add ``papers`` to the build in ``output``: only new or changed papers are extracted, and
    the result equals a fresh build of the earlier inputs followed by the new ones."""
    started = time.perf_counter()
    require_build(output)  # before the lock would create the folder
    with writer_lock(output, on_wait):
        extractions = updated_extractions(read_cache(output), papers, jobs, on_paper)
        return export_build(extractions, output, base_iri, started, first_stage="read cache, extract")


def updated_extractions(
    cached: list[PaperConcepts],
    papers: Iterable[Paper],
    jobs: int,
    on_paper: Callable[[PaperConcepts], None] | None,
) -> list[PaperConcepts]:
    """The cached papers followed by the new ones, merged; only new or changed text is extracted."""
    merger = PaperMerger()
    for extraction in cached:
        merger.add(extraction.paper)
    for paper in papers:
        merger.add(paper)
    merged = list(merger.papers())
    by_id = {extraction.paper.id: extraction for extraction in cached}
    stale = [p for p in merged if p.id not in by_id or text_hash(p) != text_hash(by_id[p.id].paper)]
    fresh = {extraction.paper.id: extraction for extraction in extract_all(stale, jobs, on_paper)}
    return [fresh.get(p.id) or replace(by_id[p.id], paper=p) for p in merged]


@contextmanager
def writer_lock(output: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the build folder's lock; when another writer has it, call ``on_wait`` and wait."""
    output.mkdir(parents=True, exist_ok=True)
    lock = FileLock(output / LOCK_FILE)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if on_wait is not None:
            on_wait()
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


def extract_all(
    papers: Iterable[Paper], jobs: int, on_paper: Callable[[PaperConcepts], None] | None
) -> list[PaperConcepts]:
    """Extract every paper, telling ``on_paper`` (a progress bar) about each one."""
    extractions = []
    for extraction in extract_papers(papers, jobs=jobs):
        extractions.append(extraction)
        if on_paper is not None:
            on_paper(extraction)
    return extractions


def export_build(
    extractions: list[PaperConcepts],
    output: Path,
    base_iri: str,
    started: float,
    first_stage: str = "extract",
) -> BuildSummary:
    """Resolve, link and write every file of a build from its extractions: all into a staging
    folder, then committed; the cache goes last, so a build killed while committing is redone.
    ``first_stage`` names the work done between ``started`` and now, for the timings."""
    first_seconds = time.perf_counter() - started
    with staging_folder(output) as staging:
        summary = write_build(extractions, staging, base_iri)
        commit_files(staging, output, EXPORT_FILES)
        publish_store(staging / STORE_DIR, output)
        commit_files(staging, output, [INDEX_FILE, SUMMARY_FILE, CACHE_FILE])
    summary.stages = {first_stage: first_seconds, **summary.stages}
    summary.seconds = time.perf_counter() - started
    return summary


def write_build(extractions: list[PaperConcepts], folder: Path, base_iri: str) -> BuildSummary:
    summary = BuildSummary(papers=len(extractions))
    with summary.timed("resolve+graph"):
        graph = graph_of(extractions)
    with summary.timed("rdf export"):
        summary.triples = write_ntriples(triples(graph, base_iri), folder / NTRIPLES_FILE)
        for name in (TURTLE_FILE, JSONLD_FILE):
            convert_ntriples(folder / NTRIPLES_FILE, folder / name)
    with summary.timed("store load"):
        load_store(folder / NTRIPLES_FILE, folder / STORE_DIR)
    with summary.timed("graphml, view, index"):
        with atomic_path(folder / GRAPHML_FILE) as path:
            write_graphml(graph, path)
        write_view(graph, folder / VIEW_FILE, f"kg: {len(extractions)} papers")
        with atomic_path(folder / INDEX_FILE) as path:
            iris = {node: node_iri(node, data["kind"], base_iri) for node, data in graph.nodes(data=True)}
            write_index(*graph_rows(graph, iris), path)
    with summary.timed("extractions, cache"):
        with atomic_write(folder / EXTRACTIONS_FILE) as handle:
            for extraction in extractions:
                handle.write(json.dumps(concepts_json(extraction), ensure_ascii=False, sort_keys=True) + "\n")
        with atomic_write(folder / CACHE_FILE) as handle:
            handle.writelines(cache_line(extraction) for extraction in extractions)
    summary.nodes.update(data["kind"] for _, data in graph.nodes(data=True))
    summary.edges.update(data["relation"] for _, _, data in graph.edges(data=True))
    write_text(folder / SUMMARY_FILE, json.dumps(summary.as_dict(), indent=2, sort_keys=True) + "\n")
    return summary
