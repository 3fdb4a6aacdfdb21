"""Resolving added papers' concepts against a build's state: which concepts they join, merge
or rename, numbered as a fresh build numbers them."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from networkx.utils import UnionFind

from kg.records import ConceptType, PaperConcepts
from kg.resolve import Concept, Resolution, Resolver, id_family, identity_keys, merge_group, numbered_id
from kg.state import BuildState, NotInPlace


@dataclass
class Resolved:
    """What resolving added papers changed: the resolution before, the concept before of each
    concept id that changed (None for a new one), and the ids that are gone (merged or renamed)."""

    before: Resolution
    concepts_before: dict[str, Concept | None]
    retired: set[str]
    moved: set[str]
    """The ids whose papers link another concept now (retired, or given to another group)."""


def resolve_added(extractions: list[PaperConcepts], state: BuildState) -> Resolved:
    """Resolve the added papers' concepts against the build's: which concepts they create,
    change, merge or rename. Where names of two groups fold to one id, the groups of that id are
    numbered as a fresh build numbers them (``kg.resolve.unique_id``: in the order of their
    union-find roots), which may rename known concepts too. ``NotInPlace`` when that cannot be
    told (an id that is a numbered one's own name, "x-2")."""
    resolver = state.resolver
    before = Resolution((), copied_groups(resolver), dict(state.ids))
    keys = {
        (concept.type, key) for e in extractions for concept in e.concepts for key in identity_keys(concept)
    }
    old_roots = {(t, key): resolver.groups[t][key] for t, key in keys if key in resolver.groups[t].parents}
    for extraction in extractions:
        resolver.add(extraction)
    old_ids_of: dict[tuple[ConceptType, str], set[str]] = defaultdict(set)
    for (t, key), root in old_roots.items():
        old_ids_of[(t, resolver.groups[t][key])].add(before.ids[(t, root)])
        state.ids.pop((t, root), None)
    groups = {(t, resolver.groups[t][key]) for t, key in keys}
    concept_of = group_concepts(resolver, groups)
    families = shared_ids(concept_of, old_ids_of, state)
    if families:
        known = known_groups_of(families, state, groups)
        for group, concept in group_concepts(resolver, set(known)).items():
            if concept.id not in families:
                raise NotInPlace(f"{known[group]} is not numbered from {concept.id}")
            concept_of[group] = concept
            old_ids_of[group] = {known[group]}
        for family in families:
            numbered = sorted(group for group, concept in concept_of.items() if concept.id == family)
            for number, group in enumerate(numbered, start=1):
                concept_of[group] = replace(
                    concept_of[group], id=family if number == 1 else f"{family}-{number}"
                )
    old_ids = set().union(*old_ids_of.values())
    new_ids = [concept.id for concept in concept_of.values()]
    if taken := set(new_ids) & (state.concepts.keys() - old_ids) or len(set(new_ids)) < len(new_ids):
        raise NotInPlace(f"the ids {', '.join(sorted(taken)) or 'of two changed concepts'} are taken")
    concepts_before: dict[str, Concept | None] = {old_id: state.concepts[old_id] for old_id in old_ids}
    moved: set[str] = set()
    for group, concept in concept_of.items():
        concepts_before.setdefault(concept.id, None)
        moved |= old_ids_of.get(group, set()) - {concept.id}
        state.ids[group] = concept.id
    now = {concept.id: concept for concept in concept_of.values()}
    retired = old_ids - now.keys()
    for concept_id in old_ids:
        del state.concepts[concept_id]
    state.concepts.update(now)
    return Resolved(before, concepts_before, retired, moved)


def group_concepts(
    resolver: Resolver, groups: set[tuple[ConceptType, str]]
) -> dict[tuple[ConceptType, str], Concept]:
    """The concept of each group (its id not yet numbered), from one pass over the names."""
    members: dict[tuple[ConceptType, str], list[str]] = defaultdict(list)
    for t, key in resolver.names:
        group = (t, resolver.groups[t][key])
        if group in groups:
            members[group].append(key)
    return {group: group_concept(resolver, group, members[group]) for group in sorted(groups)}


def shared_ids(
    concept_of: dict[tuple[ConceptType, str], Concept],
    old_ids_of: dict[tuple[ConceptType, str], set[str]],
    state: BuildState,
) -> set[str]:
    """The ids that more than one group folds to once the changed groups are resolved: a changed
    group's id another has, two changed groups' one id, or a freed id with numbered twins."""
    shared = set()
    seen: set[str] = set()
    for group, concept in concept_of.items():
        if concept.id in seen or (
            concept.id in state.concepts and concept.id not in old_ids_of.get(group, ())
        ):
            shared.add(concept.id)
        seen.add(concept.id)
        for old_id in old_ids_of.get(group, set()) - {concept.id}:
            family = id_family(old_id)
            if numbered_id(family, 2) in state.concepts:
                shared.add(family)
    return shared


def known_groups_of(
    families: set[str], state: BuildState, changed: set[tuple[ConceptType, str]]
) -> dict[tuple[ConceptType, str], str]:
    """The unchanged groups whose id is one of ``families`` or numbered from it, with that id."""
    ids = {
        concept_id
        for concept_id in state.concepts
        if concept_id in families or id_family(concept_id) in families
    }
    return {
        group: concept_id
        for group, concept_id in state.ids.items()
        if concept_id in ids and group not in changed
    }


def copied_groups(resolver: Resolver) -> dict[ConceptType, UnionFind]:
    """A copy of the resolver's union-finds, for the resolution as it was."""
    copies = {}
    for concept_type, group in resolver.groups.items():
        copy = UnionFind()
        copy.parents, copy.weights = dict(group.parents), dict(group.weights)
        copies[concept_type] = copy
    return copies


def group_concept(resolver: Resolver, group: tuple[ConceptType, str], keys: list[str]) -> Concept:
    concept_type = group[0]
    names: Counter[str] = Counter()
    for key in keys:
        names.update(resolver.names[(concept_type, key)])
    lexicon_ids = {
        resolver.lexicon_ids[(concept_type, k)] for k in keys if (concept_type, k) in resolver.lexicon_ids
    }
    return merge_group(concept_type, names, lexicon_ids)
