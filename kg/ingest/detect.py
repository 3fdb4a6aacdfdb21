"""Which reader a file needs: from its extension first, from its first bytes otherwise."""

from __future__ import annotations

from enum import StrEnum
from pathlib import PurePath


class InputFormat(StrEnum):
    HF_PAGE = "hf"
    ARXIV_ATOM = "atom"
    JSONL = "jsonl"
    JSON = "json"
    CSV = "csv"
    BIBTEX = "bibtex"


_BY_SUFFIX = {
    ".atom": InputFormat.ARXIV_ATOM,
    ".xml": InputFormat.ARXIV_ATOM,
    ".jsonl": InputFormat.JSONL,
    ".ndjson": InputFormat.JSONL,
    ".json": InputFormat.JSON,
    ".csv": InputFormat.CSV,
    ".bib": InputFormat.BIBTEX,
    ".bibtex": InputFormat.BIBTEX,
}

SUPPORTED_SUFFIXES = frozenset(_BY_SUFFIX) | {".txt", ".text"}


def detect_format(path: str, head: bytes) -> InputFormat:
    """Guess the format of ``path`` whose first bytes are ``head``.

    >>> detect_format("papers.bib", b"")
    <InputFormat.BIBTEX: 'bibtex'>
    >>> detect_format("-", b'{"title": "A"}\\n{"title": "B"}\\n')
    <InputFormat.JSONL: 'jsonl'>
    """
    suffix = PurePath(path).suffix.lower()
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    return sniff_format(head)


def sniff_format(head: bytes) -> InputFormat:
    text = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if text.startswith("<"):
        return InputFormat.ARXIV_ATOM
    if text.startswith("@"):
        return InputFormat.BIBTEX
    if text.startswith("["):
        return InputFormat.JSON
    if text.startswith("{"):
        lines = [line for line in text.splitlines() if line.strip()]
        complete_lines = lines[:-1] if len(lines) > 1 else lines
        if len(lines) > 1 and all(line.rstrip().endswith("}") for line in complete_lines):
            return InputFormat.JSONL
        return InputFormat.JSON
    first_line = text.split("\n", 1)[0].lower()
    if "," in first_line and "title" in first_line and "abstract" in first_line:
        return InputFormat.CSV
    return InputFormat.HF_PAGE
