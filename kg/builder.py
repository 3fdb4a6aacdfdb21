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
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import orjson
from filelock import FileLock, Timeout

from kg.cache import CACHE_FILE, cache_line, cached_extractions, require_build
from kg.extract import concepts_json, extract_papers
from kg.files import atomic_path, atomic_write, commit_files, staging_folder, write_text
from kg.graph import Edge, GraphTotals, Node, graph_records, paper_node
from kg.index import INDEX_FILE, IndexWriter, index_row
from kg.rdf.prefixes import DEFAULT_BASE_IRI
from kg.rdf.serialize import GraphmlWriter, convert_ntriples, write_ntriples
from kg.rdf.store import (
    STORE_DIR,
    load_store,
    next_generation,
    publish_store,
)
from kg.rdf.triples import EVIDENCE_LEVELS, triples
from kg.records import Paper, PaperConcepts
from kg.resolve import Resolution, Resolver, resolve
from kg.state import STATE_FILE, BuildState, saved_resolution, state_bytes
from kg.view import write_view

EXTRACTIONS_FILE = "extractions.jsonl"


SUMMARY_FILE = "summary.json"


TURTLE_FILE = "graph.ttl"


NTRIPLES_FILE = "graph.nt"


JSONLD_FILE = "graph.jsonld"


GRAPHML_FILE = "graph.graphml"


VIEW_FILE = "graph.html"


LOCK_FILE = ".lock"


# The exports a build may leave out (``kg build --formats``): an arXiv-sized build needs the
# store, N-Triples and the index, while Turtle, JSON-LD, GraphML and the page double its disk use.
OPTIONAL_FILES = {"turtle": TURTLE_FILE, "jsonld": JSONLD_FILE, "graphml": GRAPHML_FILE, "html": VIEW_FILE}


ALL_FORMATS = frozenset(OPTIONAL_FILES)


@dataclass
class BuildSummary:
    papers: int = 0
    nodes: Counter[str] = field(default_factory=Counter)
    edges: Counter[str] = field(default_factory=Counter)
    triples: int = 0
    formats: frozenset[str] = ALL_FORMATS
    evidence: str = "none"
    """The mentions the RDF states (``kg.rdf.triples.EVIDENCE_LEVELS``)."""
    stale: tuple[str, ...] = ()
    """File exports that an add in place left behind the store (``kg export`` rewrites them)."""
    not_in_place: str = ""
    """Why ``kg add`` exported the whole build again (reported, not stored)."""
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
        recorded: dict[str, object] = {
            "papers": self.papers,
            "nodes": dict(sorted(self.nodes.items())),
            "edges": dict(sorted(self.edges.items())),
            "triples": self.triples,
            "formats": sorted(self.formats),
            "evidence": self.evidence,
        }
        if self.stale:
            recorded["stale"] = list(self.stale)
        return recorded

    @classmethod
    def of_build(cls, output: Path) -> BuildSummary:
        """The summary a build recorded (``summary.json``)."""
        recorded = json.loads((output / SUMMARY_FILE).read_text(encoding="utf-8"))
        return cls(
            papers=recorded["papers"],
            nodes=Counter(recorded["nodes"]),
            edges=Counter(recorded["edges"]),
            triples=recorded["triples"],
            formats=frozenset(recorded.get("formats", ALL_FORMATS)) & ALL_FORMATS,
            evidence=recorded.get("evidence", "none"),
            stale=tuple(recorded.get("stale", ())),
        )


def build(
    papers: Iterable[Paper],
    output: Path | str,
    on_paper: Callable[[PaperConcepts], None] | None = None,
    jobs: int = 1,
    base_iri: str = DEFAULT_BASE_IRI,
    on_wait: Callable[[], None] | None = None,
    scheduler: str | None = None,
    formats: frozenset[str] = ALL_FORMATS,
    evidence: str = "none",
) -> BuildSummary:
    """Extract every paper (in ``jobs`` processes, or on the Dask cluster at ``scheduler``),
    resolve and link the concepts, and write the store, the index and the exports to ``output``
    (the optional ones among ``formats``; the RDF with the ``evidence`` level's mentions)."""
    if evidence not in EVIDENCE_LEVELS:
        raise ValueError(f"evidence must be one of {', '.join(EVIDENCE_LEVELS)}, not {evidence!r}")
    started, output = time.perf_counter(), Path(output)
    with writer_lock(output, on_wait):
        extractions = extract_all(papers, jobs, on_paper, scheduler)
        return export_build(extractions, output, base_iri, started, formats, evidence=evidence)


def write_summary(folder: Path, summary: BuildSummary) -> None:
    write_text(folder / SUMMARY_FILE, json.dumps(summary.as_dict(), indent=2, sort_keys=True) + "\n")


def recorded_summary(output: Path) -> BuildSummary:
    """What the build in ``output`` recorded; for an older or unreadable summary, the defaults
    (every format, no mentions in RDF)."""
    try:
        return BuildSummary.of_build(output)
    except (OSError, ValueError, KeyError):
        return BuildSummary()


@contextmanager
def writer_lock(output: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the build folder's lock; when another writer has it, call ``on_wait`` and wait. A
    folder made for a writer that fails before writing anything is removed again."""
    created = not output.exists()
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
    except BaseException:
        lock.release()
        if created and [path.name for path in output.iterdir()] == [LOCK_FILE]:
            (output / LOCK_FILE).unlink()
            output.rmdir()
        raise
    finally:
        lock.release()


def extract_all(
    papers: Iterable[Paper],
    jobs: int,
    on_paper: Callable[[PaperConcepts], None] | None,
    scheduler: str | None = None,
) -> Iterator[PaperConcepts]:
    """Extract every paper, telling ``on_paper`` (a progress bar) about each one."""
    if scheduler is not None:
        from kg.extract.cluster import extract_on_cluster

        extractions = extract_on_cluster(papers, scheduler)
    else:
        extractions = extract_papers(papers, jobs=jobs)
    for extraction in extractions:
        if on_paper is not None:
            on_paper(extraction)
        yield extraction


def export_build(
    extractions: Iterable[PaperConcepts],
    output: Path,
    base_iri: str,
    started: float,
    formats: frozenset[str] = ALL_FORMATS,
    first_stage: str = "extract",
    evidence: str = "none",
) -> BuildSummary:
    """Resolve, link and write every file of a build from its extractions: all into a staging
    folder, then committed; the cache goes last, so a build killed while committing is redone.
    Optional exports left out of ``formats`` are removed, so none is left from an older build.
    ``first_stage`` names the work that produces ``extractions``, for the timings."""
    with staging_folder(output) as staging:
        summary = BuildSummary(formats=formats, evidence=evidence)
        summary.stages[first_stage] = time.perf_counter() - started
        generation = next_generation(output)
        write_build(extractions, staging, base_iri, summary, first_stage, generation)
        wanted = [OPTIONAL_FILES[name] for name in sorted(formats)]
        commit_files(staging, output, [EXTRACTIONS_FILE, NTRIPLES_FILE, *wanted])
        for name in sorted(ALL_FORMATS - formats):
            (output / OPTIONAL_FILES[name]).unlink(missing_ok=True)
        publish_store(staging / STORE_DIR, output, generation)
        commit_files(staging, output, [INDEX_FILE, SUMMARY_FILE, STATE_FILE, CACHE_FILE])
    summary.seconds = time.perf_counter() - started
    return summary


def write_build(
    extractions: Iterable[PaperConcepts],
    folder: Path,
    base_iri: str,
    summary: BuildSummary,
    first_stage: str,
    generation: str,
) -> None:
    """Two passes, so that no stage holds the corpus or the graph: the first writes each paper's
    extraction and cache line and feeds resolution; the second reads the cache back and streams
    the graph's records into N-Triples, the index and GraphML at once. The index and the state
    for ``kg add`` are marked with the store ``generation`` they go with."""
    resolver = Resolver()
    totals = GraphTotals()
    # Once the N-Triples are written, the store's bulk load and the format conversions (Rust
    # code in pyoxigraph, which lets go of the GIL) run on threads beside the last of the
    # index's SQL, then beside the view (which reads the index).
    with ThreadPoolExecutor(max_workers=2) as pool:
        with atomic_path(folder / INDEX_FILE) as index_path:
            index = IndexWriter(index_path, generation)
            try:
                write_extractions(extractions, folder, base_iri, summary, first_stage, index, resolver)
                with summary.timed("resolve"):
                    resolution = resolver.resolution()
                cached = cached_extractions(folder / CACHE_FILE)
                write_exports(cached, resolution, folder, base_iri, summary, index, totals)
                jobs = [
                    pool.submit(load_store_of, folder, summary),
                    pool.submit(convert_formats, folder, summary),
                ]
                with summary.timed("index tables"):
                    index.close()
            except BaseException:
                index.abandon()
                raise
        if "html" in summary.formats:
            with summary.timed("view"):
                write_view(folder, folder / VIEW_FILE, view_title(summary))
        for job in jobs:
            job.result()
    for stage in PARALLEL_STAGES:  # in this order, whichever ended first
        if stage in summary.stages:
            summary.stages[stage] = summary.stages.pop(stage)
    concepts = {concept.id: concept for concept in resolution.concepts}
    cache_bytes = (folder / CACHE_FILE).stat().st_size
    state = BuildState(
        generation, cache_bytes, resolver, resolution.ids, concepts, totals.papers_of, totals.ranks, base_iri
    )
    with atomic_path(folder / STATE_FILE) as path:
        path.write_bytes(state_bytes(state))
    write_summary(folder, summary)


PARALLEL_STAGES = ("index tables", "Turtle, JSON-LD", "store load", "view")


def write_extractions(
    extractions: Iterable[PaperConcepts],
    folder: Path,
    base_iri: str,
    summary: BuildSummary,
    first_stage: str,
    index: IndexWriter,
    resolver: Resolver,
) -> None:
    """The first pass: each paper's extraction and cache line written, where the line starts
    told to the index, and the paper fed to resolution."""
    with (
        summary.timed(first_stage),
        atomic_write(folder / EXTRACTIONS_FILE) as extracted,
        atomic_write(folder / CACHE_FILE) as cache,
    ):
        offset = 0
        for extraction in extractions:
            extracted.write(extraction_line(extraction))
            line = cache_line(extraction)
            cache.write(line)
            index.add_cache_offset(base_iri + paper_node(extraction.paper), offset)
            offset += len(line.encode())
            resolver.add(extraction)
            summary.papers += 1


def load_store_of(folder: Path, summary: BuildSummary) -> None:
    """The build's store, bulk-loaded from its N-Triples."""
    with summary.timed("store load"):
        load_store(folder / NTRIPLES_FILE, folder / STORE_DIR)


def write_exports(
    extractions: Iterable[PaperConcepts],
    resolution: Resolution,
    folder: Path,
    base_iri: str,
    summary: BuildSummary,
    index: IndexWriter | None = None,
    totals: GraphTotals | None = None,
) -> None:
    """Stream the graph of ``extractions`` into N-Triples, GraphML and ``index``."""
    with summary.timed("graph, N-Triples, index, GraphML"):
        records = graph_records(extractions, resolution, totals)
        with graphml_writer(folder, summary.formats) as graphml:
            counted = exported(records, summary, base_iri, index, graphml)
            stated = triples(counted, base_iri, summary.evidence)
            summary.triples = write_ntriples(stated, folder / NTRIPLES_FILE)


def convert_formats(folder: Path, summary: BuildSummary) -> None:
    """Convert the N-Triples into the Turtle and JSON-LD that ``summary.formats`` asks for."""
    if converted := sorted({"turtle", "jsonld"} & summary.formats):
        with summary.timed("Turtle, JSON-LD"):
            for name in converted:
                convert_ntriples(folder / NTRIPLES_FILE, folder / OPTIONAL_FILES[name])


def view_title(summary: BuildSummary) -> str:
    return f"kg: {summary.papers} papers"


def export_files(
    output: Path, base_iri: str = DEFAULT_BASE_IRI, on_wait: Callable[[], None] | None = None
) -> BuildSummary:
    """Rewrite the file exports of the build in ``output`` (N-Triples and its optional formats)
    from its cache, as a fresh build writes them: after ``kg add`` left them stale."""
    started = time.perf_counter()
    cache = require_build(output)
    with writer_lock(output, on_wait), staging_folder(output) as staging:
        recorded = BuildSummary.of_build(output)
        summary = BuildSummary(papers=recorded.papers, formats=recorded.formats, evidence=recorded.evidence)
        with summary.timed("resolve"):
            resolution = saved_resolution(output) or resolve(cached_extractions(cache))
        write_exports(cached_extractions(cache), resolution, staging, base_iri, summary)
        convert_formats(staging, summary)
        if "html" in summary.formats:
            with summary.timed("view"):
                write_view(output, staging / VIEW_FILE, view_title(summary))
        commit_files(
            staging, output, [NTRIPLES_FILE, *(OPTIONAL_FILES[name] for name in sorted(summary.formats))]
        )
        write_summary(output, summary)
    summary.seconds = time.perf_counter() - started
    return summary


@contextmanager
def graphml_writer(folder: Path, formats: frozenset[str]) -> Iterator[GraphmlWriter | None]:
    """A GraphML writer into ``folder`` when the build wants GraphML, else None."""
    if "graphml" not in formats:
        yield None
        return
    with atomic_path(folder / GRAPHML_FILE) as path, path.open("wb") as handle:
        writer = GraphmlWriter(handle)
        yield writer
        writer.close()


def exported(
    records: Iterable[Node | Edge],
    summary: BuildSummary,
    base_iri: str,
    index: IndexWriter | None,
    graphml: GraphmlWriter | None,
) -> Iterator[Node | Edge]:
    """The records, each also written to the index (and GraphML) and counted in the summary."""
    for record in records:
        if isinstance(record, Node):
            summary.nodes[record.kind] += 1
        else:
            summary.edges[record.relation.value] += 1
        if index is not None:
            index.add(index_row(record, base_iri))
        if graphml is not None:
            graphml.add(record)
        yield record


def write_index_of(extractions: list[PaperConcepts], folder: Path, base_iri: str) -> None:
    """Only the lookup index of ``extractions``' graph (what ``kg view PATHS`` draws from)."""
    index = IndexWriter(folder / INDEX_FILE)
    try:
        for record in graph_records(extractions, resolve(extractions)):
            index.add(index_row(record, base_iri))
    finally:
        index.close()


def extraction_line(extraction: PaperConcepts) -> str:
    return orjson.dumps(concepts_json(extraction), option=orjson.OPT_SORT_KEYS).decode() + "\n"
