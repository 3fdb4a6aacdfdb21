"""What every format reader yields: a ``RawRecord`` (fields as read) or a ``Problem``.

Readers only parse their syntax; turning a record into a ``Paper`` (validation, normalisation,
identity) happens once, in ``kg.ingest.reader``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, BinaryIO

from kg.ingest.problems import Problem

BINARY_SNIFF_BYTES = 8192

# Limits that keep memory bounded whatever the input. Real abstracts are a few kB; the caps sit
# far above any genuine record and far below what would exhaust the machine.
MAX_RECORD_BYTES = 8 << 20  # one JSON Lines line or CSV row
MAX_DOCUMENT_BYTES = 256 << 20  # a file that is parsed whole (page, Atom XML, JSON, BibTeX)
MAX_ABSTRACT_CHARS = 1_000_000
MAX_TITLE_CHARS = 2_000


@dataclass(frozen=True)
class RawRecord:
    line: int
    title: str | None
    abstract: str | None
    id: str | None = None
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    published: str | None = None
    links: tuple[str, ...] = ()
    unit: str = "line"


Parsed = RawRecord | Problem


@dataclass(frozen=True)
class FieldNames:
    """Which keys of a JSON object or CSV row hold what; matched case-insensitively."""

    title: tuple[str, ...] = ("title",)
    abstract: tuple[str, ...] = ("abstract", "summary")
    id: tuple[str, ...] = ("id", "arxiv_id", "arxiv", "eprint", "paper_id")
    authors: tuple[str, ...] = ("authors", "author")
    categories: tuple[str, ...] = ("categories", "category")
    published: tuple[str, ...] = ("published", "update_date", "date", "year")
    links: tuple[str, ...] = ("url", "urls", "links", "code", "code_url", "pdf_url")

    @classmethod
    def with_overrides(cls, title: str | None = None, abstract: str | None = None) -> FieldNames:
        default = cls()
        return cls(
            title=(title,) if title else default.title,
            abstract=(abstract,) if abstract else default.abstract,
        )


def looks_binary(head: bytes) -> bool:
    """A file is binary when NUL bytes are frequent in its first block (a stray NUL is tolerated)."""
    if not head:
        return False
    return head.count(b"\x00") > max(2, len(head) // 100)


def decode_text(data: bytes, path: str) -> str | Problem:
    """Decode UTF-8 (BOM tolerated), or say on which line the bytes stop being UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return Problem(
            path, line, f"not valid UTF-8 (byte 0x{data[error.start]:02x}); re-encode the file as UTF-8"
        )


def bounded_lines(stream: BinaryIO, limit: int = MAX_RECORD_BYTES) -> Iterator[bytes | None]:
    """The lines of ``stream``, with ``None`` standing for a line longer than ``limit`` bytes,
    which is skipped chunk by chunk and never held whole (a 1 GB single-line file stays cheap)."""
    while line := stream.readline(limit + 1):
        if len(line) <= limit:
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = stream.readline(1 << 20)
        yield None


def decoded_lines(lines: Iterable[bytes | None], path: str) -> Iterator[str | Problem]:
    """Decode a byte stream line by line so a bad line is reported with its number, not fatal."""
    for number, raw in enumerate(lines, start=1):
        if raw is None:
            yield Problem(path, number, f"line longer than {MAX_RECORD_BYTES >> 20} MiB; skipped")
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as error:
            yield Problem(path, number, f"not valid UTF-8 (byte 0x{raw[error.start]:02x})")


def record_from_mapping(mapping: Mapping[str, Any], line: int, names: FieldNames, unit: str) -> RawRecord:
    """Read a JSON object or CSV row whose keys may be in any case."""
    folded = {str(key).strip().lower(): value for key, value in mapping.items()}

    def first(keys: tuple[str, ...]) -> Any:
        for key in keys:
            value = folded.get(key.lower())
            if value not in (None, "", [], {}):
                return value
        return None

    return RawRecord(
        line=line,
        title=as_text(first(names.title)),
        abstract=as_text(first(names.abstract)),
        id=as_text(first(names.id)),
        authors=as_names(first(names.authors)),
        categories=as_categories(first(names.categories)),
        published=as_text(first(names.published)),
        links=as_links(first(names.links)),
        unit=unit,
    )


def as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    return None


_AUTHOR_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*;\s*")


def as_names(value: Any) -> tuple[str, ...]:
    """Authors as a list of names, from a list, a list of ``[last, first]`` parts or one string."""
    if isinstance(value, str):
        return tuple(name.strip() for name in _AUTHOR_SEPARATOR.split(value) if name.strip())
    if isinstance(value, list):
        names = []
        for item in value:
            if isinstance(item, str):
                names.append(item.strip())
            elif isinstance(item, list):  # arXiv snapshot authors_parsed: [last, first, suffix]
                parts = [str(part) for part in item if part]
                names.append(" ".join(parts[1:2] + parts[:1] + parts[2:]).strip())
            elif isinstance(item, Mapping) and item.get("name"):
                names.append(str(item["name"]).strip())
        return tuple(name for name in names if name)
    return ()


def as_categories(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(value.replace(",", " ").split())
    if isinstance(value, list):
        return tuple(str(item).strip() for item in value if str(item).strip())
    return ()


def as_links(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(value.split())
    if isinstance(value, list):
        links = []
        for item in value:
            if isinstance(item, str):
                links.append(item)
            elif isinstance(item, Mapping) and item.get("href"):
                links.append(str(item["href"]))
        return tuple(links)
    return ()
