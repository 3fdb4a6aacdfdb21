"""BibTeX files: every entry with an ``abstract`` field is a paper."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import bibtexparser
from bibtexparser.model import Entry, ParsingFailedBlock

from kg.ingest.problems import Problem
from kg.ingest.raw import Parsed, RawRecord

logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)  # failures are reported as Problems


def read_bibtex(text: str, path: str) -> Iterator[Parsed]:
    library = bibtexparser.parse_string(text)
    for block in library.blocks:
        if isinstance(block, ParsingFailedBlock):
            reason = next(iter(str(block.error).splitlines()), "") or "unbalanced braces or quotes"
            yield Problem(path, block.start_line + 1, f"malformed BibTeX entry: {reason}")
        elif isinstance(block, Entry):
            yield entry_record(block)


def entry_record(entry: Entry) -> RawRecord:
    fields = {key.lower(): value for key, value in entry.fields_dict.items()}

    def value(*keys: str) -> str | None:
        for key in keys:
            if key in fields and str(fields[key].value).strip():
                return str(fields[key].value)
        return None

    authors = value("author")
    return RawRecord(
        line=entry.start_line + 1,
        title=value("title"),
        abstract=value("abstract"),
        id=value("eprint", "arxivid", "arxiv"),
        authors=tuple(name.strip() for name in re.split(r"\s+and\s+", authors) if name.strip())
        if authors
        else (),
        categories=tuple((value("primaryclass") or "").split()),
        published=value("date", "year"),
        links=tuple((value("url") or "").split()),
    )
