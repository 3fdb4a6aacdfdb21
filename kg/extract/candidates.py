"""Candidates: what each extraction component proposes, before canonicalisation decides.

Components only append to the doc's candidates (``doc._.candidates``); ``kg.extract.canonical`` later merges
overlapping and repeated candidates into one concept per paper.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from spacy.tokens import Doc

from kg.extract.tokens import stored_table, token_table
from kg.records import ConceptType

# The concept types as compiled constants: compiled code reads ``ConceptType.METHOD`` through
# the Enum metaclass's Python attribute hook, at every use.
METHOD: Final = ConceptType.METHOD
TASK: Final = ConceptType.TASK
DATASET: Final = ConceptType.DATASET


@dataclass
class Candidate:
    """A token span ``[start, end)`` that may name a concept; ``type`` None means "decide later"."""

    start: int
    end: int
    type: ConceptType | None
    component: str
    confidence: float
    lexicon_id: str | None = None
    proposed: bool = False


def register_extensions() -> None:
    # Read through a getter, never set: each ``doc._`` builds an Underscore object, which
    # costs more per doc than some components.
    if not Doc.has_extension("candidates"):
        Doc.set_extension("candidates", getter=stored_candidates)


def stored_candidates(doc: Doc) -> list[Candidate] | None:
    """``doc._.candidates``: the list the components add to (None before any has)."""
    table = stored_table(doc)
    return None if table is None else table.candidates


def candidates_of(doc: Doc) -> list[Candidate]:
    """The doc's candidates so far: one list, kept on the doc's TokenTable."""
    table = token_table(doc)
    found: list[Candidate] | None = table.candidates
    if found is None:
        found = table.candidates = []
    return found


def add_candidates(doc: Doc, candidates: Iterable[Candidate]) -> None:
    candidates_of(doc).extend(candidates)


register_extensions()
