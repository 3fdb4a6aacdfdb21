"""Hugging Face daily-papers pages saved as text.

A saved page is a run of blank-line separated paragraphs: site chrome ("Get trending papers in
your email inbox!", "Subscribe", "byAK and the research community", a day such as "Mar 11"),
then for each paper a one-line title paragraph and an abstract paragraph, sometimes followed by
a metadata block ("• 4 authors", "·", "Apr 6, 2020"). The reader drops the chrome, pairs each
title with the abstract after it and takes the date from the metadata block when it has a year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from kg.ingest.problems import Problem
from kg.ingest.raw import Parsed, RawRecord

_SITE_CHROME = frozenset(
    {
        "new",
        "get trending papers in your email inbox!",
        "subscribe",
        "daily papers",
        "byak and the research community",
        "trending papers",
        "submit",
    }
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DAY_LINE = re.compile(rf"^{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?(?:\s+\d+)?$")
_AUTHOR_COUNT = re.compile(r"^[•·*\-]\s*\d+\s+authors?$")
_DATED = re.compile(rf"({_MONTH})\s+(\d{{1,2}}),\s*(\d{{4}})")
TITLE_MAX_CHARS = 300


@dataclass(frozen=True)
class Paragraph:
    line: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def paragraphs(text: str) -> Iterator[Paragraph]:
    """Blank-line separated blocks with the 1-based line each starts on."""
    block: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not block:
                start = number
            block.append(line.strip())
        elif block:
            yield Paragraph(start, tuple(block))
            block = []
    if block:
        yield Paragraph(start, tuple(block))


def is_chrome(paragraph: Paragraph) -> bool:
    """Site header lines and bare day lines carry no paper."""
    return all(line.lower() in _SITE_CHROME or _DAY_LINE.match(line) for line in paragraph.lines)


def is_metadata(paragraph: Paragraph) -> bool:
    """The "• N authors / · / date" block that follows a paper on some pages."""
    return any(_AUTHOR_COUNT.match(line) for line in paragraph.lines) and all(
        _AUTHOR_COUNT.match(line) or line in {"·", "•"} or _DAY_LINE.match(line) for line in paragraph.lines
    )


def is_title(paragraph: Paragraph) -> bool:
    return len(paragraph.lines) == 1 and len(paragraph.text) <= TITLE_MAX_CHARS


def metadata_date(paragraph: Paragraph) -> str | None:
    """ISO date from a metadata block, when the block gives a year ("Apr 6, 2020")."""
    match = _DATED.search(paragraph.text)
    if not match:
        return None
    month, day, year = match.groups()
    try:
        return datetime.strptime(f"{month[:3]} {day} {year}", "%b %d %Y").date().isoformat()
    except ValueError:
        return None


def read_hf_page(text: str, path: str) -> Iterator[Parsed]:
    """Yield one record per title+abstract pair of a saved daily-papers page."""
    pending_title: Paragraph | None = None
    last: RawRecord | None = None
    for paragraph in paragraphs(text):
        if is_chrome(paragraph):
            continue
        if is_metadata(paragraph):
            if pending_title is not None:
                yield Problem(
                    path, pending_title.line, f"title without abstract: {pending_title.text[:80]!r}"
                )
                pending_title = None
            elif last is not None and (date := metadata_date(paragraph)):
                yield RawRecord(last.line, last.title, last.abstract, published=date)
                last = None
            continue
        if pending_title is None:
            if last is not None:
                yield last
                last = None
            if not is_title(paragraph):
                yield Problem(path, paragraph.line, "paragraph is neither a title nor follows one; skipped")
                continue
            pending_title = paragraph
            continue
        if is_title(paragraph) and len(paragraph.text) < len(pending_title.text):
            # Two short one-liners in a row: the first title has lost its abstract.
            yield Problem(path, pending_title.line, f"title without abstract: {pending_title.text[:80]!r}")
            pending_title = paragraph
            continue
        last = RawRecord(pending_title.line, pending_title.text, paragraph.text)
        pending_title = None
    if last is not None:
        yield last
    if pending_title is not None:
        yield Problem(path, pending_title.line, f"title without abstract: {pending_title.text[:80]!r}")
