"""The state a build saves beside its files (``state.json``): what resolution and ranking
know, so that ``kg add`` can change the build in place and ``kg export`` need not resolve again."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from kg.cache import (
    CACHE_FILE,
)
from kg.index import (
    INDEX_FILE,
    index_generation,
)
from kg.memory import collector_paused
from kg.rdf.store import (
    current_generation,
)
from kg.records import ConceptType
from kg.resolve import Concept, Resolution, Resolver

STATE_FILE = "state.json"


class NotInPlace(Exception):
    """Why an add cannot be made in place (the build is then exported again)."""


@dataclass
class BuildState:
    """What a build knows beyond its files that ``kg add`` needs to change it in place.

    ``generation`` and ``cache_bytes`` tie the state to one store generation and cache size: a
    build changed by anything else (an interrupted add, an older kg) no longer matches."""

    generation: str
    cache_bytes: int
    resolver: Resolver
    ids: dict[tuple[ConceptType, str], str]
    """(type, union-find root) -> concept id"""
    concepts: dict[str, Concept]
    papers_of: Counter[str]
    ranks: dict[str, int]
    base_iri: str | None = None
    """The base IRI the build was written with (an add must use the same); None if not recorded."""

    def resolution(self) -> Resolution:
        concepts = tuple(sorted(self.concepts.values(), key=lambda concept: concept.id))
        return Resolution(concepts, dict(self.resolver.groups), self.ids)


def state_bytes(state: BuildState) -> bytes:
    return orjson.dumps(
        {
            "generation": state.generation,
            "base_iri": state.base_iri,
            "cache_bytes": state.cache_bytes,
            "resolver": state.resolver.state(),
            "ids": [[t.value, root, concept_id] for (t, root), concept_id in state.ids.items()],
            "concepts": [
                [c.id, c.type.value, c.label, list(c.alt_labels), c.lexicon_id]
                for c in sorted(state.concepts.values(), key=lambda concept: concept.id)
            ],
            "papers_of": state.papers_of,
            "ranks": state.ranks,
        }
    )


def read_state(path: Path) -> BuildState | None:
    """The state at ``path``, or None when there is none or it cannot be read."""
    try:
        with collector_paused():
            data: dict[str, Any] = orjson.loads(path.read_bytes())
            return BuildState(
                generation=data["generation"],
                cache_bytes=data["cache_bytes"],
                resolver=Resolver.from_state(data["resolver"]),
                ids={(ConceptType(t), root): concept_id for t, root, concept_id in data["ids"]},
                concepts={
                    concept_id: Concept(concept_id, ConceptType(t), label, tuple(alt_labels), lexicon_id)
                    for concept_id, t, label, alt_labels, lexicon_id in data["concepts"]
                },
                papers_of=Counter(data["papers_of"]),
                ranks=data["ranks"],
                base_iri=data.get("base_iri"),
            )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def matching_state(output: Path) -> BuildState:
    """The build's state, when its store, index and cache are the ones it was written with."""
    state = read_state(output / STATE_FILE)
    if state is None:
        raise NotInPlace("the build has no readable state for kg add (made by an older kg?)")
    matching = (
        state.generation == current_generation(output)
        and index_generation(output / INDEX_FILE) == state.generation
        and (output / CACHE_FILE).stat().st_size == state.cache_bytes
    )
    if not matching:
        raise NotInPlace("the build was changed since its state was written (an interrupted add)")
    return state


def saved_resolution(output: Path) -> Resolution | None:
    """The resolution the build saved, when it matches the build (one pass over the cache less)."""
    try:
        return matching_state(output).resolution()
    except NotInPlace:
        return None
