"""Bad input is reported, never raised as a traceback: a ``Problem`` names file, place and fault."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One fault in the input. ``line`` is a 1-based line, or a record number when ``unit`` says so."""

    path: str
    line: int | None
    message: str
    unit: str = "line"

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.message}"
        if self.unit == "line":
            return f"{self.path}:{self.line}: {self.message}"
        return f"{self.path}: {self.unit} {self.line}: {self.message}"


class InputError(Exception):
    """Raised for a problem that stops ingestion (always in ``--strict`` mode)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class IngestReport:
    """What ingestion met: records read, papers kept, duplicates merged, problems skipped."""

    records: int = 0
    papers: int = 0
    """Unique papers, known as soon as the first paper is yielded."""
    duplicates: int = 0
    problems: list[Problem] = field(default_factory=list)
    formats: Counter[str] = field(default_factory=Counter)

    @property
    def skipped(self) -> int:
        return len(self.problems)
