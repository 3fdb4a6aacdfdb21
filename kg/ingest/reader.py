"""``read_papers``: every supported file, directory or stdin in, one ``Paper`` per unique paper out."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO, TypeVar

from kg.ingest.arxiv_atom import read_arxiv_atom
from kg.ingest.bibtex import read_bibtex
from kg.ingest.detect import SUPPORTED_SUFFIXES, InputFormat, detect_format
from kg.ingest.hf_pages import read_hf_page
from kg.ingest.problems import IngestReport, InputError, Problem
from kg.ingest.raw import (
    BINARY_SNIFF_BYTES,
    MAX_ABSTRACT_CHARS,
    MAX_DOCUMENT_BYTES,
    MAX_TITLE_CHARS,
    FieldNames,
    Parsed,
    RawRecord,
    bounded_lines,
    decode_text,
    looks_binary,
)
from kg.ingest.tabular import read_csv, read_json, read_jsonl
from kg.ingest.text import arxiv_id_from, normalise_text, title_id, title_key
from kg.records import Paper, Source

STDIN = "-"
Payload = TypeVar("Payload")
_STREAMED = {InputFormat.JSONL: read_jsonl, InputFormat.CSV: read_csv}


def read_papers(
    paths: Iterable[str | Path],
    *,
    input_format: InputFormat | None = None,
    field_names: FieldNames | None = None,
    strict: bool = False,
    report: IngestReport | None = None,
) -> Iterator[Paper]:
    """Read papers from files, directories (recursively) and ``-`` (stdin).

    The same paper met twice (same arXiv id, or same title) is yielded once, remembering every
    source. Bad records are skipped and recorded in ``report``; with ``strict=True`` the first
    one raises ``InputError``. A missing path always raises, before anything is read.

    The first read decides which records are one paper. Papers of up to ``HELD_TEXT_CHARS`` of
    text are held meanwhile and yielded from memory; a larger input is read a second time
    instead, so that the corpus is never held: each paper is yielded as soon as its last
    sighting is read (a paper met once, at once). Stdin can be read only once: it is held.

    >>> papers = list(read_papers(["examples/"]))  # doctest: +SKIP
    """
    report = report if report is not None else IngestReport()
    names = field_names or FieldNames()
    expanded = expand_paths(paths)
    if STDIN in expanded:
        papers = list(valid_papers(expanded, input_format, names, report, strict))
        sightings = count_sightings(papers, report)
    else:
        first = HeldWhileSmall(valid_papers(expanded, input_format, names, report, strict))
        sightings = count_sightings(first, report)
        if first.held is not None:
            papers = first.held
        else:
            papers = valid_papers(expanded, input_format, names, IngestReport(), False)
    report.papers = len(sightings)
    yield from merged_in_order(papers, sightings)


# The text (titles and abstracts) of the largest input held between the two passes instead of
# read twice: some 25,000 abstracts, about 100 MB of papers.
HELD_TEXT_CHARS = 32 * 2**20


class HeldWhileSmall:
    """The papers passing through, kept (``held``) until their text passes ``HELD_TEXT_CHARS``;
    then ``held`` is None and nothing more is kept."""

    def __init__(self, papers: Iterable[Paper]) -> None:
        self.papers = papers
        self.held: list[Paper] | None = []

    def __iter__(self) -> Iterator[Paper]:
        size = 0
        for paper in self.papers:
            if self.held is not None:
                size += len(paper.title) + len(paper.abstract)
                if size <= HELD_TEXT_CHARS:
                    self.held.append(paper)
                else:
                    self.held = None
            yield paper


def count_sightings(papers: Iterable[Paper], report: IngestReport) -> list[int]:
    """How many sightings each paper has, by slot (order of first sighting)."""
    identities = Identities()
    sightings: list[int] = []
    for paper in papers:
        slot, is_new = identities.slot_of(paper)
        if is_new:
            sightings.append(0)
        else:
            report.duplicates += 1
        sightings[slot] += 1
    return sightings


def valid_papers(
    paths: list[str], input_format: InputFormat | None, names: FieldNames, report: IngestReport, strict: bool
) -> Iterator[Paper]:
    """Every valid record of ``paths`` as a ``Paper``, in order; problems go to ``report``."""
    for path in paths:
        for found_format, parsed in parse_path(path, input_format, names):
            if isinstance(parsed, Problem):
                note_problem(parsed, report, strict)
                continue
            report.records += 1
            report.formats[found_format] += 1
            paper = paper_from_record(parsed, path, found_format)
            if isinstance(paper, Problem):
                note_problem(paper, report, strict)
            else:
                yield paper


def merged_in_order(papers: Iterable[Paper], sightings: list[int]) -> Iterator[Paper]:
    """Each paper once, merged from all its sightings, at its last one (``sightings`` per slot
    comes from a first pass over the same records)."""
    for merged, _ in merged_with(((paper, None) for paper in papers), sightings):
        yield merged


def merged_with(
    sightings_with: Iterable[tuple[Paper, Payload]], sightings: list[int]
) -> Iterator[tuple[Paper, list[Payload]]]:
    """``merged_in_order`` for sightings that carry something along (``kg add``: the cached
    extraction): each merged paper comes with what all its sightings carried, in order."""
    left = list(sightings)
    identities = Identities()
    waiting: dict[int, tuple[Paper, list[Payload]]] = {}
    for paper, payload in sightings_with:
        slot, _ = identities.slot_of(paper)
        if slot in waiting:
            known, payloads = waiting.pop(slot)
            paper, payloads = merge_papers(known, paper), [*payloads, payload]
        else:
            payloads = [payload]
        left[slot] -= 1
        if left[slot]:
            waiting[slot] = (paper, payloads)
        else:
            yield paper, payloads


def note_problem(problem: Problem, report: IngestReport, strict: bool) -> None:
    if strict:
        raise InputError(problem)
    report.problems.append(problem)


def expand_paths(paths: Iterable[str | Path]) -> list[str]:
    """Files in the order given; directories expanded recursively in sorted order."""
    expanded: list[str] = []
    for raw in paths:
        name = str(raw)
        if name == STDIN:
            expanded.append(STDIN)
            continue
        path = Path(name)
        if path.is_dir():
            expanded.extend(
                str(found)
                for found in sorted(path.rglob("*"))
                if found.is_file()
                and found.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in found.relative_to(path).parts)
            )
        elif path.is_file():
            expanded.append(name)
        else:
            raise InputError(Problem(name, None, "no such file or directory"))
    return expanded


def parse_path(path: str, forced: InputFormat | None, names: FieldNames) -> Iterator[tuple[str, Parsed]]:
    """Open ``path``, pick its reader and yield ``(format, record or problem)`` pairs."""
    try:
        stream: BinaryIO = io.BufferedReader(sys.stdin.buffer, 1 << 16) if path == STDIN else open(path, "rb")  # noqa: SIM115
    except OSError as error:
        yield "", Problem(path, None, f"cannot open: {error.strerror}")
        return
    with stream:
        head = stream.peek(BINARY_SNIFF_BYTES)[:BINARY_SNIFF_BYTES] if hasattr(stream, "peek") else b""
        if not head.strip(b" \t\r\n\xef\xbb\xbf"):
            yield "", Problem(path, None, "empty file")
            return
        if looks_binary(head):
            yield "", Problem(path, None, "binary file, not text: expected a page, XML, JSON, CSV or BibTeX")
            return
        input_format = forced or detect_format(path, head)
        if input_format in _STREAMED:
            for parsed in _STREAMED[input_format](bounded_lines(stream), path, names):
                yield input_format.value, parsed
            return
        data = read_document(stream)
        if data is None:
            yield "", Problem(path, None, too_large_message(input_format))
            return
        text = decode_text(data, path)
    for parsed in parse_whole_text(text, input_format, path, names):
        yield input_format.value, parsed


def read_document(stream: BinaryIO) -> bytes | None:
    """The whole of ``stream``, or None when it is over the limit (files are refused by their size,
    before anything is read; a pipe by reading one byte past the limit)."""
    if stream.seekable() and os.fstat(stream.fileno()).st_size > MAX_DOCUMENT_BYTES:
        return None
    data = stream.read(MAX_DOCUMENT_BYTES + 1)
    return data if len(data) <= MAX_DOCUMENT_BYTES else None


def too_large_message(input_format: InputFormat) -> str:
    return (
        f"larger than {MAX_DOCUMENT_BYTES >> 20} MiB, the limit for {input_format.value} files, which are "
        "parsed whole; split it, or convert it to JSON Lines, which is streamed"
    )


def parse_whole_text(
    text: str | Problem, input_format: InputFormat, path: str, names: FieldNames
) -> Iterator[Parsed]:
    if isinstance(text, Problem):
        yield text
    elif input_format is InputFormat.ARXIV_ATOM:
        yield from read_arxiv_atom(text.encode(), path)
    elif input_format is InputFormat.JSON:
        yield from read_json(text, path, names)
    elif input_format is InputFormat.BIBTEX:
        yield from read_bibtex(text, path)
    else:
        yield from read_hf_page(text, path)


def paper_from_record(record: RawRecord, path: str, input_format: str) -> Paper | Problem:
    """Validate and normalise one record; the identity is its arXiv id, else a hash of its title."""
    title = normalise_text(record.title or "")
    abstract = normalise_text(record.abstract or "")
    if not title:
        return Problem(path, record.line, "record has no title", unit=record.unit)
    if not abstract:
        return Problem(path, record.line, f"record has no abstract: {title[:80]!r}", unit=record.unit)
    for name, value, limit in (("title", title, MAX_TITLE_CHARS), ("abstract", abstract, MAX_ABSTRACT_CHARS)):
        if len(value) > limit:
            message = f"{name} has {len(value):,} characters, over the {limit:,} limit; record skipped"
            return Problem(path, record.line, message, unit=record.unit)
    arxiv_id = arxiv_id_from(record.id) or next(
        (found for link in record.links if "arxiv.org" in link and (found := arxiv_id_from(link))), None
    )
    return Paper(
        id=arxiv_id or title_id(title),
        title=title,
        abstract=abstract,
        original_title=record.title or "",
        original_abstract=record.abstract or "",
        arxiv_id=arxiv_id,
        authors=tuple(normalise_text(name) for name in record.authors),
        categories=tuple(normalise_text(category) for category in record.categories),
        published=normalise_text(record.published) if record.published else None,
        links=record.links,
        sources=(Source(path, record.line, input_format),),
    )


@dataclass
class Identities:
    """Which sightings are one paper, from keys alone: the same arXiv id, or the same title
    unless the two carry different arXiv ids. Slots number papers in order of first sighting."""

    arxiv_of_slot: list[str | None] = field(default_factory=list)
    slot_by_arxiv: dict[str, int] = field(default_factory=dict)
    slot_by_title: dict[str, int] = field(default_factory=dict)

    def slot_of(self, paper: Paper) -> tuple[int, bool]:
        """The slot of ``paper``, and whether it is new."""
        key = title_key(paper.title)
        slot = self.slot_by_arxiv.get(paper.arxiv_id or "")
        if slot is None and key in self.slot_by_title:
            candidate = self.slot_by_title[key]
            known_arxiv = self.arxiv_of_slot[candidate]
            if not (known_arxiv and paper.arxiv_id and known_arxiv != paper.arxiv_id):
                slot = candidate
        is_new = slot is None
        if slot is None:
            slot = len(self.arxiv_of_slot)
            self.arxiv_of_slot.append(paper.arxiv_id)
        elif not self.arxiv_of_slot[slot]:
            self.arxiv_of_slot[slot] = paper.arxiv_id
        if self.arxiv_of_slot[slot]:
            self.slot_by_arxiv[self.arxiv_of_slot[slot]] = slot
        self.slot_by_title.setdefault(key, slot)
        return slot, is_new


def merge_papers(known: Paper, other: Paper) -> Paper:
    """One paper from two sightings: the arXiv identity wins, missing metadata is filled in."""
    arxiv_id = known.arxiv_id or other.arxiv_id
    return replace(
        known,
        id=arxiv_id or known.id,
        arxiv_id=arxiv_id,
        authors=known.authors or other.authors,
        categories=known.categories or other.categories,
        published=known.published or other.published,
        links=tuple(dict.fromkeys(known.links + other.links)),
        sources=tuple(dict.fromkeys(known.sources + other.sources)),
    )
