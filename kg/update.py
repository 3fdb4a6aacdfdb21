"""``kg add`` in place: the change that added papers make to a build, applied to its store and index.

Exporting a build again for every ``kg add`` costs as much as the build. Instead the build keeps
what resolution and ranking know (``state.json``); an add in place extracts only the new papers,
resolves their concepts against that state and changes only what they touch: their own triples
and rows, the concepts they mention (names, paper counts), the associations between those
concepts (paper counts, top-for marks) and the ranks that move. The store is copied by hard
links into a new generation and changed there; the index is changed in one transaction.

The store and the index then equal those of a fresh build of all the inputs; the file exports
(N-Triples, Turtle, ...) are marked stale until ``kg export`` rewrites them. Where a fresh build
would differ in more than that (added names join two of the build's concepts, or change one's
id), ``graph_change`` raises ``NotInPlace`` and ``kg add`` exports everything again.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import pyoxigraph
from pyoxigraph import NamedNode, Triple

from kg.graph import (
    DERIVED,
    ENDS,
    Association,
    Edge,
    Node,
    Relation,
    association_edge,
    associations_of,
    concept_node,
    concept_ranks,
    other_end,
    paper_records,
    top_keys,
)
from kg.index import IndexChanges, LinkRow, NodeRow, index_row
from kg.rdf.prefixes import node_iri
from kg.rdf.triples import (
    KG_PAPER_COUNT,
    KG_TOP_FOR,
    PROPERTY_OF_RELATION,
    association_iri,
    association_triples,
    node_triples,
    term,
    triples,
)
from kg.records import ConceptType, PaperConcepts
from kg.resolve import Concept, Resolution, Resolver, identity_keys, merge_group

STATE_FILE = "state.json"
DERIVED_RELATIONS = {relation for _, _, relation in DERIVED}
SHARED_KINDS = {"Author", "Category", "CodeRepository"}
"""Nodes that many papers link: an added paper's may be in the build already."""


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

    def resolution(self) -> Resolution:
        return Resolution(tuple(self.concepts.values()), dict(self.resolver.groups), self.ids)


def state_bytes(state: BuildState) -> bytes:
    return orjson.dumps(
        {
            "generation": state.generation,
            "cache_bytes": state.cache_bytes,
            "resolver": state.resolver.state(),
            "ids": [[t.value, root, concept_id] for (t, root), concept_id in state.ids.items()],
            "concepts": [
                [c.id, c.type.value, c.label, list(c.alt_labels), c.lexicon_id]
                for c in state.concepts.values()
            ],
            "papers_of": state.papers_of,
            "ranks": state.ranks,
        }
    )


def read_state(path: Path) -> BuildState | None:
    """The state at ``path``, or None when there is none or it cannot be read."""
    try:
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
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


@dataclass
class GraphChange:
    """The triples and index rows that added papers remove and add, and what they add in number."""

    removed: set[Triple] = field(default_factory=set)
    added: set[Triple] = field(default_factory=set)
    new_nodes: list[NodeRow] = field(default_factory=list)
    changed_nodes: list[NodeRow] = field(default_factory=list)
    links: dict[tuple[str, str, str], LinkRow] = field(default_factory=dict)
    """The edges whose index rows are written anew, by (source, relation, target)."""
    nodes: Counter[str] = field(default_factory=Counter)
    edges: Counter[str] = field(default_factory=Counter)

    def replace(self, old: Iterable[Triple], new: Iterable[Triple]) -> None:
        old, new = set(old), set(new)
        self.removed |= old - new
        self.added |= new - old

    def rewrite(self, link: LinkRow) -> None:
        self.links[(link.source, link.relation, link.target)] = link

    def index_changes(self) -> IndexChanges:
        return IndexChanges(self.new_nodes, self.changed_nodes, list(self.links.values()))


def graph_change(
    extractions: list[PaperConcepts],
    state: BuildState,
    store: pyoxigraph.Store,
    index: sqlite3.Connection,
    base: str,
) -> GraphChange:
    """The change that ``extractions`` (papers the build does not hold) make to the build, read
    from its ``store`` and ``index``; ``state`` is brought up to date. ``NotInPlace`` when only a
    fresh build gives the right result (then ``state`` is spent)."""
    before = resolve_added(extractions, state)
    change = GraphChange()
    resolution = state.resolution()
    seen: set[str] = set()
    added_papers: Counter[str] = Counter()
    support: Counter[Association] = Counter()
    records: list[Node | Edge] = []
    for extraction in extractions:
        paper_rows, ids = paper_records(extraction, resolution, seen)
        records.extend(paper_rows)
        added_papers.update(set().union(*ids.values()))
        support.update(associations_of(ids))
    records = [record for record in records if not known_node(record, index, base)]
    change.added.update(triples(records, base))
    for record in records:
        row = index_row(record, base)
        if isinstance(record, Node):
            change.nodes[record.kind] += 1
            change.new_nodes.append(row)
        else:
            change.edges[record.relation.value] += 1
            change.rewrite(row)
    renamed = change_concepts(change, state, before, added_papers, base)
    change_associations(change, state, before, support, renamed, store, index, base)
    return change


def known_node(record: Node | Edge, index: sqlite3.Connection, base: str) -> bool:
    """An author, category or code repository node the build has already."""
    if not isinstance(record, Node) or record.kind not in SHARED_KINDS:
        return False
    iri = node_iri(record.id, record.kind, base)
    return index.execute("SELECT 1 FROM nodes WHERE iri = ?", (iri,)).fetchone() is not None


def resolve_added(extractions: list[PaperConcepts], state: BuildState) -> dict[str, Concept | None]:
    """Resolve the added papers' concepts against the build's: the concepts they create or
    change (id -> the concept before, None for a new one). ``NotInPlace`` when a fresh build
    would give other ids: added names join two known concepts, change one's id, or take one."""
    resolver = state.resolver
    keys = {
        (concept.type, key) for e in extractions for concept in e.concepts for key in identity_keys(concept)
    }
    old_roots = {(t, key): resolver.groups[t][key] for t, key in keys if key in resolver.groups[t].parents}
    for extraction in extractions:
        resolver.add(extraction)
    old_id_of: dict[tuple[ConceptType, str], str] = {}
    for (t, key), root in old_roots.items():
        old_id = state.ids.pop((t, root), None) or old_id_of.get((t, resolver.groups[t][key]))
        if old_id_of.setdefault((t, resolver.groups[t][key]), old_id) != old_id:
            raise NotInPlace(
                f"added names make {old_id} and {old_id_of[(t, resolver.groups[t][key])]} one concept"
            )
    groups = {(t, resolver.groups[t][key]) for t, key in keys}
    members: dict[tuple[ConceptType, str], list[str]] = defaultdict(list)
    for t, key in resolver.names:
        group = (t, resolver.groups[t][key])
        if group in groups:
            members[group].append(key)
    before: dict[str, Concept | None] = {}
    for group in sorted(groups):
        concept = group_concept(resolver, group, members[group])
        old_id = old_id_of.get(group)
        if old_id is not None and concept.id != old_id:
            raise NotInPlace(f"added names change the id of {old_id} to {concept.id}")
        if old_id is None and (concept.id in state.concepts or concept.id in before):
            raise NotInPlace(f"a new concept's id {concept.id} is taken")
        before[concept.id] = state.concepts.get(concept.id)
        state.concepts[concept.id] = concept
        state.ids[group] = concept.id
    return before


def group_concept(resolver: Resolver, group: tuple[ConceptType, str], keys: list[str]) -> Concept:
    concept_type = group[0]
    names: Counter[str] = Counter()
    for key in keys:
        names.update(resolver.names[(concept_type, key)])
    lexicon_ids = {
        resolver.lexicon_ids[(concept_type, k)] for k in keys if (concept_type, k) in resolver.lexicon_ids
    }
    return merge_group(concept_type, names, lexicon_ids)


def change_concepts(
    change: GraphChange,
    state: BuildState,
    before: dict[str, Concept | None],
    added_papers: Counter[str],
    base: str,
) -> set[str]:
    """New and changed concept nodes (names, paper counts, ranks); returns the renamed ones."""
    old_ranks = state.ranks
    state.papers_of.update(added_papers)
    state.ranks = concept_ranks(state.concepts.values(), state.papers_of)
    moved = {c for c in old_ranks.keys() | state.ranks.keys() if old_ranks.get(c) != state.ranks.get(c)}
    renamed = set()
    for concept_id in sorted(set(before) | set(added_papers) | moved):
        concept = state.concepts[concept_id]
        new = concept_node(concept, state.papers_of[concept_id], state.ranks.get(concept_id))
        subject = NamedNode(base + concept_id)
        old_concept = before.get(concept_id, concept)
        new_triples = set(node_triples(subject, new))
        if old_concept is None:
            change.added |= new_triples
            change.nodes[new.kind] += 1
            change.new_nodes.append(index_row(new, base))
            continue
        old_papers = state.papers_of[concept_id] - added_papers[concept_id]
        old = concept_node(old_concept, old_papers, old_ranks.get(concept_id))
        change.replace(node_triples(subject, old), new_triples)
        change.changed_nodes.append(index_row(new, base))
        if old_concept.label != concept.label:
            renamed.add(concept_id)
    return renamed


def change_associations(
    change: GraphChange,
    state: BuildState,
    before: dict[str, Concept | None],
    support: Counter[Association],
    renamed: set[str],
    store: pyoxigraph.Store,
    index: sqlite3.Connection,
    base: str,
) -> None:
    """New associations, added support to known ones, and the top-for marks that move: at each
    end of an association with new support, and around each renamed concept (ties go by label)."""
    support_at: dict[tuple[str, Relation], list[Association]] = defaultdict(list)
    for key in support:
        for concept_id in key[:2]:
            support_at[(concept_id, key[2])].append(key)
    ends = set(support_at)
    for concept_id in renamed:
        linked = links_of(index, base + concept_id, base)
        ends |= {(other, relation) for other, relation, _, _ in linked if relation in DERIVED_RELATIONS}
        for other, relation, out, papers in linked:  # rows sort by their other end's label
            change.rewrite(link_row(concept_id, other, relation, out, papers, base))
    old_label = {concept_id: concept.label for concept_id, concept in before.items() if concept is not None}
    moved_top: dict[Association, dict[str, bool]] = defaultdict(dict)
    for concept_id, relation in sorted(ends):
        old_counts = associations_at(index, concept_id, relation, base)
        counts = dict(old_counts)
        for key in support_at.get((concept_id, relation), ()):
            counts[key] = counts.get(key, 0) + support[key]
        labels = {
            other: state.concepts[other].label for other in (other_end(key, concept_id) for key in counts)
        }
        old_labels = labels | {other: old_label[other] for other in labels.keys() & old_label.keys()}
        old_top = top_keys(concept_id, old_counts, old_labels)
        new_top = top_keys(concept_id, counts, labels)
        for key in old_top ^ new_top:
            moved_top[key][ENDS[0] if key[0] == concept_id else ENDS[1]] = key in new_top
    for key in sorted(support.keys() | moved_top.keys()):
        change_association(change, key, support[key], moved_top.get(key, {}), store, base)


def links_of(index: sqlite3.Connection, iri: str, base: str) -> list[tuple[str, Relation, bool, int]]:
    """Every edge at the node ``iri``: (other end's id, relation, whether it leaves the node, papers)."""
    rows = index.execute(
        "SELECT n.iri, l.relation, l.direction, l.papers FROM links AS l JOIN nodes AS n ON n.id = l.other "
        "WHERE l.node = (SELECT id FROM nodes WHERE iri = ?)",
        (iri,),
    )
    return [
        (other.removeprefix(base), Relation(relation), direction == "out", papers)
        for other, relation, direction, papers in rows
    ]


def link_row(concept_id: str, other: str, relation: Relation, out: bool, papers: int, base: str) -> LinkRow:
    source, target = (concept_id, other) if out else (other, concept_id)
    target_iri = target if relation is Relation.HAS_CODE else base + target
    return LinkRow(base + source, relation.value, target_iri, papers)


def associations_at(
    index: sqlite3.Connection, concept_id: str, relation: Relation, base: str
) -> dict[Association, int]:
    """The build's associations of ``relation`` at a concept, with their papers."""
    rows = index.execute(
        "SELECT n.iri, l.direction, l.papers FROM links AS l JOIN nodes AS n ON n.id = l.other "
        "WHERE l.node = (SELECT id FROM nodes WHERE iri = ?) AND l.relation = ?",
        (base + concept_id, relation.value),
    )
    counts = {}
    for other_iri, direction, papers in rows:
        other = other_iri.removeprefix(base)
        key = (concept_id, other, relation) if direction == "out" else (other, concept_id, relation)
        counts[key] = papers
    return counts


def change_association(
    change: GraphChange,
    key: Association,
    added: int,
    top_now: dict[str, bool],
    store: pyoxigraph.Store,
    base: str,
) -> None:
    """One association's new triples and index rows: more papers, or top-for marks that moved."""
    source, target = NamedNode(base + key[0]), NamedNode(base + key[1])
    node = association_iri(source, target, key[2], base)
    old = {quad.triple for quad in store.quads_for_pattern(node, None, None, pyoxigraph.DefaultGraph())}
    old_papers = next((int(t.object.value) for t in old if t.predicate == KG_PAPER_COUNT), 0)
    marked = {t.object for t in old if t.predicate == KG_TOP_FOR}
    top_for = [
        end for end, iri in zip(ENDS, (source, target), strict=True) if top_now.get(end, iri in marked)
    ]
    edge = association_edge(key, old_papers + added, top_for)
    change.replace(old, association_triples(source, target, edge, base))
    if not old:
        change.added.add(Triple(source, term(PROPERTY_OF_RELATION[key[2]]), target))
        change.edges[key[2].value] += 1
    if added:
        change.rewrite(LinkRow(base + key[0], key[2].value, base + key[1], old_papers + added))
