"""Resolution across papers: the same concept written by many papers becomes one ``Concept``.

Within a type, two paper-level concepts are the same when they share a lexicon identity or a
normalised full name ("Low-Rank Adaptation", "low-rank adaptation"). Acronyms are ambiguous
across papers, so an acronym joins only together with its long form: "LoRA" defined as
"low-rank adaptation" in one paper and as something else in another gives two concepts; an
acronym no paper expands ("SSO") is its own key. Ids come from the canonical key: the lexicon
label when the lexicon knows the concept, else the smallest full-name key of the group.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from networkx.utils import UnionFind

from kg.extract.keys import concept_key
from kg.records import ConceptType, LocalConcept, PaperConcepts

_ACRONYM = re.compile(r"^(?=.*[A-Z].*[A-Z])[A-Za-z0-9\-+.]{2,12}$")


@dataclass(frozen=True)
class Concept:
    """One node of the graph: a method, task or dataset with its names across all papers."""

    id: str
    type: ConceptType
    label: str
    alt_labels: tuple[str, ...]
    lexicon_id: str | None = None


@dataclass(frozen=True)
class Resolution:
    """The concepts, and the union-find that maps any paper-level concept to its concept id."""

    concepts: tuple[Concept, ...]
    groups: dict[ConceptType, UnionFind]
    ids: dict[tuple[ConceptType, str], str]
    """(type, root key) -> concept id"""

    def concept_id(self, concept: LocalConcept) -> str:
        return self.ids[(concept.type, self.groups[concept.type][identity_keys(concept)[0]])]


def is_acronym(name: str) -> bool:
    return bool(_ACRONYM.match(name)) and " " not in name


def identity_keys(concept: LocalConcept) -> list[str]:
    """Keys that identify ``concept`` across papers (full names, lexicon id, qualified acronyms)."""
    full_names = [name for name in (concept.name, *concept.aliases) if not is_acronym(name)]
    keys = [f"name:{concept_key(name)}" for name in full_names if concept_key(name)]
    if concept.lexicon_id:
        keys.append(f"lexicon:{concept.lexicon_id}")
    if not full_names:
        keys.append(f"acronym:{concept_key(concept.name)}")
    return keys or [f"text:{concept.name.casefold()}"]  # a name of symbols only keys as itself


class Resolver:
    """Resolution fed one paper at a time. It keeps the union-find over identity keys and, per
    key, the names written and the lexicon identity, so memory grows with the distinct names of
    the corpus, not with its papers or mentions."""

    def __init__(self) -> None:
        self.groups: dict[ConceptType, UnionFind] = defaultdict(UnionFind)
        self.names: dict[tuple[ConceptType, str], Counter[str]] = defaultdict(Counter)
        self.lexicon_ids: dict[tuple[ConceptType, str], str] = {}

    def add(self, extraction: PaperConcepts) -> None:
        for concept in extraction.concepts:
            keys = identity_keys(concept)
            self.groups[concept.type].union(*keys)
            anchor = (concept.type, keys[0])
            names = self.names[anchor]
            names[concept.name] += 1
            names.update(concept.aliases)
            if concept.lexicon_id and concept.lexicon_id < self.lexicon_ids.get(anchor, "\uffff"):
                self.lexicon_ids[anchor] = concept.lexicon_id

    def state(self) -> dict[str, Any]:
        """Everything the resolver knows, as JSON-ready data (``from_state`` reads it back)."""
        return {
            "groups": {
                concept_type.value: {"parents": group.parents, "weights": group.weights}
                for concept_type, group in sorted(self.groups.items())
            },
            # orjson writes a Counter as the dict it is: no copy of each
            "names": [[t.value, key, names] for (t, key), names in self.names.items()],
            "lexicon_ids": [[t.value, key, lexicon_id] for (t, key), lexicon_id in self.lexicon_ids.items()],
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Resolver:
        """The resolver that wrote ``state``, with the same union-find roots."""
        resolver = cls()
        for type_name, group in state["groups"].items():
            union_find = resolver.groups[ConceptType(type_name)]
            union_find.parents, union_find.weights = group["parents"], group["weights"]
        for type_name, key, names in state["names"]:
            resolver.names[(ConceptType(type_name), key)] = Counter(names)
        for type_name, key, lexicon_id in state["lexicon_ids"]:
            resolver.lexicon_ids[(ConceptType(type_name), key)] = lexicon_id
        return resolver

    def resolution(self) -> Resolution:
        """One ``Concept`` per group of keys, named from all its members, with a stable id."""
        names: dict[tuple[ConceptType, str], Counter[str]] = defaultdict(Counter)
        lexicon_ids: dict[tuple[ConceptType, str], set[str]] = defaultdict(set)
        for (concept_type, key), written in self.names.items():
            group = (concept_type, self.groups[concept_type][key])
            names[group].update(written)
            if (concept_type, key) in self.lexicon_ids:
                lexicon_ids[group].add(self.lexicon_ids[(concept_type, key)])
        concepts: dict[str, Concept] = {}
        ids: dict[tuple[ConceptType, str], str] = {}
        for group in sorted(names, key=lambda item: (item[0].value, item[1])):
            concept = unique_id(merge_group(group[0], names[group], lexicon_ids[group]), concepts)
            concepts[concept.id] = concept
            ids[group] = concept.id
        ordered = tuple(sorted(concepts.values(), key=lambda concept: concept.id))
        return Resolution(ordered, dict(self.groups), ids)


def resolve(extractions: Iterable[PaperConcepts]) -> Resolution:
    """Merge the paper-level concepts of ``extractions`` into graph concepts with stable ids."""
    resolver = Resolver()
    for extraction in extractions:
        resolver.add(extraction)
    return resolver.resolution()


def merge_group(concept_type: ConceptType, names: Counter[str], lexicon_ids: set[str]) -> Concept:
    full_names = [name for name in names if not is_acronym(name)] or list(names)
    label = max(full_names, key=lambda name: (names[name], len(name.split()), name.islower(), name))
    lexicon_id = min(lexicon_ids, default=None)
    canonical = lexicon_id.split(":", 1)[1] if lexicon_id else min(concept_key(name) for name in full_names)
    return Concept(
        id=f"{concept_type.value}/{slug(canonical)}",
        type=concept_type,
        label=label,
        alt_labels=tuple(sorted(name for name in names if name != label)),
        lexicon_id=lexicon_id,
    )


def unique_id(concept: Concept, taken: dict[str, Concept]) -> Concept:
    """Two groups can fold to one slug (an acronym read two ways); number the later one."""
    if concept.id not in taken:
        return concept
    suffix = 2
    while numbered_id(concept.id, suffix) in taken:
        suffix += 1
    return replace(concept, id=numbered_id(concept.id, suffix))


def numbered_id(concept_id: str, number: int) -> str:
    """The id of the ``number``-th group folding to ``concept_id`` (the first keeps it):
    ``kg add`` numbers as a build does through this and ``id_family``."""
    return f"{concept_id}-{number}"


_NUMBERED = re.compile(r"^(.*)-\d+$")


def id_family(concept_id: str) -> str:
    """The id a numbered id may have been numbered from ("lora-2" -> "lora"; "resnet-50" ->
    "resnet" too: a slug cannot tell), or the id itself."""
    numbered = _NUMBERED.match(concept_id)
    return numbered.group(1) if numbered else concept_id


def slug(name: str) -> str:
    """IRI-safe slug: ``"low rank adaptation"`` -> ``"low-rank-adaptation"``, ``"Günter"`` -> ``"gunter"``."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", "-", folded.replace("+", " plus ")).strip("-")
    return text or "unnamed"
