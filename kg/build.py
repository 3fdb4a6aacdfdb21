"""``kg build``: ingest -> extract -> write the build's files into an output folder, atomically.

Every file is written to a temporary sibling and renamed into place, so an interrupted build
leaves the previous files whole. The graph, RDF and store stages hook in here as they land.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from kg.extract import concepts_json, extract_papers
from kg.ingest import IngestReport
from kg.records import ConceptType, Paper, PaperConcepts

EXTRACTIONS_FILE = "extractions.jsonl"
SUMMARY_FILE = "summary.json"


@contextmanager
def atomic_write(path: Path) -> Iterator[IO[str]]:
    """Write ``path`` through a temporary file renamed over it only when writing succeeded."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115
        "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, 0o666 & ~current_umask())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@dataclass
class BuildSummary:
    papers: int = 0
    records: int = 0
    duplicates: int = 0
    skipped: int = 0
    concepts: Counter[str] = field(default_factory=Counter)
    proposed: int = 0
    code_urls: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "papers": self.papers,
            "records": self.records,
            "duplicates_merged": self.duplicates,
            "bad_records_skipped": self.skipped,
            "concept_mentions_by_type": dict(sorted(self.concepts.items())),
            "proposed": self.proposed,
            "code_urls": self.code_urls,
        }


def build(
    papers: Iterable[Paper],
    output: Path,
    report: IngestReport,
    on_paper: Callable[[PaperConcepts], None] | None = None,
    jobs: int = 1,
) -> BuildSummary:
    """Extract every paper and write ``extractions.jsonl`` and ``summary.json`` into ``output``."""
    started = time.perf_counter()
    summary = BuildSummary()
    with atomic_write(output / EXTRACTIONS_FILE) as handle:
        for extraction in extract_papers(papers, jobs=jobs):
            handle.write(json.dumps(concepts_json(extraction), ensure_ascii=False, sort_keys=True) + "\n")
            summary.papers += 1
            for concept_type in ConceptType:
                summary.concepts[concept_type.plural] += len(extraction.of_type(concept_type))
            summary.proposed += len(extraction.proposed)
            summary.code_urls += len(extraction.urls)
            if on_paper is not None:
                on_paper(extraction)
    summary.records, summary.duplicates, summary.skipped = report.records, report.duplicates, report.skipped
    with atomic_write(output / SUMMARY_FILE) as handle:
        json.dump(summary.as_dict(), handle, indent=2, sort_keys=True)
        handle.write("\n")
    summary.seconds = time.perf_counter() - started
    return summary
