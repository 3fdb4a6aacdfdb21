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
from dataclasses import dataclass

from networkx.utils import UnionFind

from kg.extract.lexicon import concept_key
from kg.records import ConceptType, LocalConcept, PaperConcepts

_ACRONYM = re.compile(r"^(?=.*[A-Z].*[A-Z])[A-Za-z0-9\-+.]{2,12}$")


@dataclass(frozen=True)
class Concept:
    """One node of the graph: a method, task or dataset with its names across all papers."""

    id: str
    type: ConceptType
    label: str
    alt_labels: tuple[str, ...]
    papers: int
    lexicon_id: str | None = None


@dataclass(frozen=True)
class Resolution:
    concepts: tuple[Concept, ...]
    concept_of: dict[tuple[str, ConceptType, str], str]
    """(paper id, type, local name) -> concept id"""

    def concept_id(self, paper_id: str, concept: LocalConcept) -> str:
        return self.concept_of[(paper_id, concept.type, concept.name)]


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


def resolve(extractions: Iterable[PaperConcepts]) -> Resolution:
    """Merge the paper-level concepts of ``extractions`` into graph concepts with stable ids."""
    per_type: dict[ConceptType, UnionFind] = defaultdict(UnionFind)
    local: list[tuple[str, LocalConcept, list[str]]] = []
    for extraction in extractions:
        for concept in extraction.concepts:
            keys = identity_keys(concept)
            groups = per_type[concept.type]
            groups.union(*keys)
            local.append((extraction.paper.id, concept, keys))

    members: dict[tuple[ConceptType, str], list[tuple[str, LocalConcept, list[str]]]] = defaultdict(list)
    for paper_id, concept, keys in local:
        members[(concept.type, per_type[concept.type][keys[0]])].append((paper_id, concept, keys))

    concepts: dict[str, Concept] = {}
    concept_of: dict[tuple[str, ConceptType, str], str] = {}
    for (concept_type, _root), group in sorted(
        members.items(), key=lambda item: (item[0][0].value, item[0][1])
    ):
        concept = merge_group(concept_type, group)
        concept = unique_id(concept, concepts)
        concepts[concept.id] = concept
        for paper_id, local_concept, _keys in group:
            concept_of[(paper_id, concept_type, local_concept.name)] = concept.id
    return Resolution(tuple(sorted(concepts.values(), key=lambda c: c.id)), concept_of)


def merge_group(concept_type: ConceptType, group: list[tuple[str, LocalConcept, list[str]]]) -> Concept:
    names: Counter[str] = Counter()
    for _paper_id, concept, _keys in group:
        names[concept.name] += 1
        names.update(concept.aliases)
    full_names = [name for name in names if not is_acronym(name)] or list(names)
    label = max(full_names, key=lambda name: (names[name], len(name.split()), name.islower(), name))
    lexicon_id = min((c.lexicon_id for _, c, _ in group if c.lexicon_id), default=None)
    canonical = lexicon_id.split(":", 1)[1] if lexicon_id else min(concept_key(name) for name in full_names)
    return Concept(
        id=f"{concept_type.value}/{slug(canonical)}",
        type=concept_type,
        label=label,
        alt_labels=tuple(sorted(name for name in names if name != label)),
        papers=len({paper_id for paper_id, _, _ in group}),
        lexicon_id=lexicon_id,
    )


def unique_id(concept: Concept, taken: dict[str, Concept]) -> Concept:
    """Two groups can fold to one slug (an acronym read two ways); number the later one."""
    if concept.id not in taken:
        return concept
    suffix = 2
    while f"{concept.id}-{suffix}" in taken:
        suffix += 1
    return Concept(
        f"{concept.id}-{suffix}",
        concept.type,
        concept.label,
        concept.alt_labels,
        concept.papers,
        concept.lexicon_id,
    )


def slug(name: str) -> str:
    """IRI-safe slug: ``"low rank adaptation"`` -> ``"low-rank-adaptation"``, ``"Günter"`` -> ``"gunter"``."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", "-", folded.replace("+", " plus ")).strip("-")
    return text or "unnamed"
