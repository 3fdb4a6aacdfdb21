"""JSON, JSON Lines and CSV files whose records have a title and an abstract.

JSON Lines covers the arXiv metadata snapshot (``id``, ``title``, ``abstract``, ``authors``,
``categories``, ``update_date``): it is read line by line, never loaded whole, so the 2.5M-paper
dump streams in constant memory. CSV is streamed too; plain JSON is one document and is parsed
whole.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from kg.ingest.problems import Problem
from kg.ingest.raw import MAX_RECORD_BYTES, FieldNames, Parsed, decoded_lines, record_from_mapping

csv.field_size_limit(MAX_RECORD_BYTES)  # abstracts beyond the 128 KiB default are legitimate input

_LONE_CARRIAGE_RETURN = re.compile(r"(?<=\r)(?!\n)")  # old Mac line ends, split as csv expects
_RECORD_LIST_KEYS = ("papers", "records", "items", "entries", "data", "results")


def parse_json(text: str) -> Any:
    """``json.loads`` that reports absurd nesting as a ValueError instead of a RecursionError."""
    try:
        return json.loads(text)
    except RecursionError as error:
        raise ValueError("nested too deeply") from error


def read_jsonl(lines: Iterable[bytes | None], path: str, names: FieldNames) -> Iterator[Parsed]:
    for number, line in enumerate(decoded_lines(lines, path), start=1):
        if isinstance(line, Problem):
            yield line
            continue
        if not line.strip():
            continue
        try:
            value = parse_json(line)
        except ValueError as error:
            yield Problem(path, number, f"malformed JSON: {error}")
            continue
        if not isinstance(value, Mapping):
            yield Problem(path, number, f"expected a JSON object, found {type(value).__name__}")
            continue
        yield record_from_mapping(value, number, names, unit="line")


def read_json(text: str, path: str, names: FieldNames) -> Iterator[Parsed]:
    """A JSON array of paper objects, an object holding such an array, or a single paper object."""
    try:
        document = parse_json(text)
    except ValueError as error:
        line = getattr(error, "lineno", None)
        yield Problem(path, line, f"malformed JSON: {error}")
        return
    records = json_records(document)
    if records is None:
        yield Problem(
            path, None, "no paper records found (expected a list of objects with title and abstract)"
        )
        return
    for number, value in enumerate(records, start=1):
        if isinstance(value, Mapping):
            yield record_from_mapping(value, number, names, unit="record")
        else:
            yield Problem(
                path, number, f"expected a JSON object, found {type(value).__name__}", unit="record"
            )


def json_records(document: Any) -> list[Any] | None:
    if isinstance(document, list):
        return document
    if not isinstance(document, Mapping):
        return None
    folded = {str(key).lower(): value for key, value in document.items()}
    for key in _RECORD_LIST_KEYS:
        if isinstance(folded.get(key), list):
            return folded[key]
    if "title" in folded:
        return [document]
    return None


def read_csv(lines: Iterable[bytes | None], path: str, names: FieldNames) -> Iterator[Parsed]:
    """Rows of a CSV file with a header; quoted fields may span lines."""
    undecodable: list[Problem] = []

    def text_lines() -> Iterator[str]:
        for line in decoded_lines(lines, path):
            if isinstance(line, Problem):
                undecodable.append(line)
                yield "\n"
            else:
                yield from _LONE_CARRIAGE_RETURN.split(line)

    reader = csv.reader(text_lines())
    try:
        header = next(reader, None)
        if header is None:
            yield Problem(path, None, "empty CSV file")
            return
        first_line = reader.line_num + 1
        for row in reader:
            start, first_line = first_line, reader.line_num + 1
            if undecodable:
                yield from undecodable
                undecodable.clear()
                continue
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                yield Problem(path, start, f"row has {len(row)} fields but the header has {len(header)}")
                continue
            yield record_from_mapping(dict(zip(header, row, strict=True)), start, names, unit="line")
    except csv.Error as error:
        yield Problem(path, reader.line_num, f"malformed CSV: {error}")
