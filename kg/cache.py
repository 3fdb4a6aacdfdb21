"""The build cache: every paper with its extraction, so ``kg add`` re-extracts only what is new.

One JSON line per paper, written in build order: the extractor version, a hash of the text the
extraction was made from, and the full ``PaperConcepts`` record. NLP is the expensive stage;
resolution and export are cheap and rerun from the cached records.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from kg.extract.pipeline import EXTRACTOR_VERSION
from kg.records import (
    CodeUrl,
    ConceptType,
    LocalConcept,
    Mention,
    Paper,
    PaperConcepts,
    Source,
    UrlKind,
)

CACHE_FILE = "cache.jsonl"


def text_hash(paper: Paper) -> str:
    return hashlib.sha1(f"{paper.title}\n{paper.abstract}".encode()).hexdigest()


def cache_line(extraction: PaperConcepts) -> str:
    record = {"version": EXTRACTOR_VERSION, "text": text_hash(extraction.paper), "extraction": extraction}
    return orjson.dumps(record, option=orjson.OPT_SORT_KEYS).decode() + "\n"


def require_build(output: Path) -> Path:
    """The cache file of the build in ``output``, or FileNotFoundError saying how to make one."""
    path = output / CACHE_FILE
    if not path.is_file():
        raise FileNotFoundError(f"no build in {output}: run `kg build PATHS -o {output}` first")
    return path


def cache_records(path: Path) -> Iterator[tuple[Paper, PaperConcepts | None]]:
    """Each cached paper with its extraction, or None where that extraction is stale (another
    extractor version, or text that no longer matches), one line at a time."""
    for extraction, current in checked_records(path):
        yield extraction.paper, extraction if current else None


def read_cache(output: Path) -> list[PaperConcepts]:
    """The current cached extractions of a build, or FileNotFoundError when ``output`` holds
    no build; stale records (another extractor version, or changed text) are left out."""
    return list(cached_extractions(require_build(output), current_only=True))


def cached_extractions(path: Path, current_only: bool = False) -> Iterator[PaperConcepts]:
    """The extractions of a cache file, one line at a time; ``current_only`` skips stale ones."""
    for extraction, current in checked_records(path):
        if current or not current_only:
            yield extraction


def checked_records(path: Path) -> Iterator[tuple[PaperConcepts, bool]]:
    """Each record's extraction, and whether it is current: made by this extractor version
    from the text the paper still has. A last line without its newline is what an interrupted
    ``kg add`` was appending: it is left out, and the next add extracts that paper again."""
    with path.open("rb") as handle:
        for line in handle:
            if not line.endswith(b"\n"):
                break
            record = orjson.loads(line)
            extraction = paper_concepts(record["extraction"])
            current = record["version"] == EXTRACTOR_VERSION and record["text"] == text_hash(extraction.paper)
            yield extraction, current


def extraction_at(handle: BinaryIO, offset: int) -> PaperConcepts:
    """The extraction of the cache line at byte ``offset`` of the open cache file ``handle``."""
    handle.seek(offset)
    return paper_concepts(orjson.loads(handle.readline())["extraction"])


def paper_concepts(data: dict[str, Any]) -> PaperConcepts:
    paper_data = data["paper"]
    paper = Paper(
        **{
            **paper_data,
            "authors": tuple(paper_data["authors"]),
            "categories": tuple(paper_data["categories"]),
            "links": tuple(paper_data["links"]),
            "sources": tuple(Source(**source) for source in paper_data["sources"]),
        }
    )
    concepts = tuple(
        LocalConcept(
            name=concept["name"],
            type=ConceptType(concept["type"]),
            aliases=tuple(concept["aliases"]),
            mentions=tuple(Mention(**mention) for mention in concept["mentions"]),
            lexicon_id=concept["lexicon_id"],
            type_rule=concept["type_rule"],
            proposed=concept["proposed"],
        )
        for concept in data["concepts"]
    )
    urls = tuple(
        CodeUrl(url["url"], UrlKind(url["kind"]), Mention(**url["mention"]) if url["mention"] else None)
        for url in data["urls"]
    )
    return PaperConcepts(paper, concepts, urls)
