"""The change that added papers make to a build: triples to remove and add, index rows."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from pyoxigraph import NamedNode, Triple

from kg.cache import (
    extraction_at,
)
from kg.graph import (
    Association,
    Edge,
    Node,
    Relation,
    associations_of,
    concept_node,
    concept_ranks,
    paper_records,
)
from kg.incremental.associations import change_associations, links_of
from kg.incremental.resolution import Resolved, resolve_added
from kg.index import (
    IndexChanges,
    LinkRow,
    NodeRow,
    index_row,
)
from kg.rdf.prefixes import node_iri
from kg.rdf.triples import (
    node_triples,
    triples,
)
from kg.records import ConceptType, PaperConcepts
from kg.resolve import Resolution
from kg.state import BuildState

PAPER_LINKS = {Relation.USES_METHOD, Relation.ADDRESSES_TASK, Relation.USES_DATASET}


SHARED_KINDS = {"Author", "Category", "CodeRepository"}
"""Nodes that many papers link: an added paper's may be in the build already."""


@dataclass
class GraphChange:
    """The triples and index rows that added papers remove and add, and what they add in number."""

    removed: set[Triple] = field(default_factory=set)
    added: set[Triple] = field(default_factory=set)
    new_nodes: list[NodeRow] = field(default_factory=list)
    changed_nodes: list[tuple[NodeRow, NodeRow]] = field(default_factory=list)
    dropped_nodes: list[NodeRow] = field(default_factory=list)
    deleted_links: dict[tuple[str, str, str], LinkRow] = field(default_factory=dict)
    """Edges whose index rows go, as the index has them, by (source, relation, target)."""
    written_links: dict[tuple[str, str, str], LinkRow] = field(default_factory=dict)
    """Edges whose index rows are written (anew), by (source, relation, target)."""
    nodes: Counter[str] = field(default_factory=Counter)
    edges: Counter[str] = field(default_factory=Counter)

    def replace(self, old: Iterable[Triple], new: Iterable[Triple], kept: Iterable[Triple] = ()) -> None:
        """``old`` triples give way to ``new`` ones; ``kept`` triples stay whichever side has them."""
        old, new, stay = set(old), set(new), set(kept)
        self.removed |= old - new - stay
        self.added |= new - old - stay

    def write(self, link: LinkRow) -> None:
        self.written_links[(link.source, link.relation, link.target)] = link

    def delete(self, link: LinkRow) -> None:
        """Delete the index rows of ``link`` (with the papers the index has for it) unless a new
        row is written for it."""
        key = (link.source, link.relation, link.target)
        self.deleted_links[key] = link
        self.written_links.pop(key, None)

    def resort(self, link: LinkRow) -> None:
        """Write the rows of an unchanged edge again (an end's label, its sort key, changed)."""
        key = (link.source, link.relation, link.target)
        if key not in self.deleted_links and key not in self.written_links:
            self.deleted_links[key] = self.written_links[key] = link

    def index_changes(self, cache_offsets: list[tuple[str, int]]) -> IndexChanges:
        deleted, written = list(self.deleted_links.values()), list(self.written_links.values())
        return IndexChanges(
            self.new_nodes, self.changed_nodes, self.dropped_nodes, deleted, written, cache_offsets
        )


def graph_change(
    extractions: list[PaperConcepts],
    state: BuildState,
    index: sqlite3.Connection,
    cache: Path,
    base: str,
    evidence: str = "none",
) -> GraphChange:
    """The change that ``extractions`` (papers the build does not hold) make to the build, read
    from its ``index`` and ``cache`` (the store's triples follow from them, with the build's
    ``evidence`` level of mentions); ``state`` is brought up to date. The papers of a concept
    that added names merge or rename are derived again, before and after. Raises ``NotInPlace``
    when only a fresh build gives the right result (then ``state`` is spent)."""
    resolved = resolve_added(extractions, state)
    rederived = cached_papers(index, cache, papers_of_concepts(index, resolved.moved, base))
    old_records, old_ids = linked_records(rederived, resolved.before, index, base)
    new_records, new_ids = linked_records([*rederived, *extractions], state.resolution(), index, base)
    change = GraphChange()
    change_records(change, *changed_records(old_records, new_records), base, evidence)
    papers: Counter[str] = Counter()
    support: Counter[Association] = Counter()
    for ids_of_papers, sign in ((old_ids, -1), (new_ids, 1)):
        for ids in ids_of_papers:
            papers.update(dict.fromkeys(set().union(*ids.values()), sign))
            support.update(dict.fromkeys(associations_of(ids), sign))
    papers = Counter({concept_id: n for concept_id, n in papers.items() if n})
    support = Counter({key: n for key, n in support.items() if n})
    renamed = change_concepts(change, state, resolved, papers, base)
    change_associations(change, state, resolved, support, renamed, index, base)
    return change


def changed_records(
    old: list[Node | Edge], new: list[Node | Edge]
) -> tuple[list[Node | Edge], list[Node | Edge], list[Node | Edge]]:
    """Set aside the records that re-derived papers have alike before and after: most of each
    paper's (its node, authors, the concepts that kept their ids) change nothing in the store or
    index. Returns the old and new records that differ, and the alike ones that share a node or
    an edge's ends with those (their triples may coincide: they must stay).

    The papers come first in ``new`` and in the same order as in ``old``, so their records pair
    up by position."""
    head = new[: len(old)]
    if list(map(record_subject, old)) != list(map(record_subject, head)):
        return old, new, []  # not paired after all: keep every record
    changed, alike = [], []
    for pair in zip(old, head, strict=True):
        (changed if pair[0] != pair[1] else alike).append(pair)
    touched = {record_ends(record) for pair in changed for record in pair}
    shared = [o for o, _ in alike if record_ends(o) in touched]
    return [o for o, _ in changed], [n for _, n in changed] + new[len(old) :], shared


def record_ends(record: Node | Edge) -> tuple[str, ...]:
    return (record.id,) if isinstance(record, Node) else (record.source, record.target)


def change_records(
    change: GraphChange,
    old: list[Node | Edge],
    new: list[Node | Edge],
    shared: list[Node | Edge],
    base: str,
    evidence: str = "none",
) -> None:
    """The triples and index rows of papers' ``old`` records give way to their ``new`` ones.

    The ``shared`` records (alike before and after, beside changed ones) keep their triples but
    are rewritten in the index: an end's new label re-sorts the edge's rows, and a moved edge
    may now be the same edge."""
    stated = partial(triples, base=base, evidence=evidence)
    change.replace(stated(old), stated(new), kept=stated(shared))
    old, new = [*old, *shared], [*shared, *new]
    old_nodes = {record.id for record in old if isinstance(record, Node)}
    for record in old:
        if isinstance(record, Edge):
            change.delete(index_row(record, base))
            change.edges[record.relation.value] -= 1
    for record in new:
        if isinstance(record, Edge):
            change.write(index_row(record, base))
            change.edges[record.relation.value] += 1
        elif record.id not in old_nodes:
            change.nodes[record.kind] += 1
            change.new_nodes.append(index_row(record, base))


def record_subject(record: Node | Edge) -> tuple[type, str]:
    return type(record), record_ends(record)[0]


def linked_records(
    extractions: list[PaperConcepts], resolution: Resolution, index: sqlite3.Connection, base: str
) -> tuple[list[Node | Edge], list[dict[ConceptType, set[str]]]]:
    """The papers' records under ``resolution`` (without the author, category and code nodes the
    build has), and the concept ids each paper links."""
    seen: set[str] = set()
    records: list[Node | Edge] = []
    linked = []
    for extraction in extractions:
        paper_rows, ids = paper_records(extraction, resolution, seen)
        records.extend(record for record in paper_rows if not known_node(record, index, base))
        linked.append(ids)
    return records, linked


def known_node(record: Node | Edge, index: sqlite3.Connection, base: str) -> bool:
    """An author, category or code repository node the build has already."""
    if not isinstance(record, Node) or record.kind not in SHARED_KINDS:
        return False
    iri = node_iri(record.id, record.kind, base)
    return index.execute("SELECT 1 FROM nodes WHERE iri = ?", (iri,)).fetchone() is not None


def papers_of_concepts(index: sqlite3.Connection, concept_ids: set[str], base: str) -> list[str]:
    """The IRIs of the papers that link any of ``concept_ids``."""
    found: set[str] = set()
    for concept_id in sorted(concept_ids):
        linked = links_of(index, base + concept_id, base)
        found.update(other for other, relation, _, _ in linked if relation in PAPER_LINKS)
    return sorted(base + paper for paper in found)


def cached_papers(index: sqlite3.Connection, cache: Path, paper_iris: list[str]) -> list[PaperConcepts]:
    """The cached extractions of ``paper_iris``, in build order (read at their cache offsets)."""
    offsets = sorted(
        offset
        for iri in paper_iris
        for (offset,) in index.execute("SELECT offset FROM cache_offsets WHERE paper = ?", (iri,))
    )
    with cache.open("rb") as handle:
        return [extraction_at(handle, offset) for offset in offsets]


def change_concepts(
    change: GraphChange, state: BuildState, resolved: Resolved, papers: Counter[str], base: str
) -> set[str]:
    """New, changed and retired concept nodes (names, paper counts, ranks), given the change in
    each concept's papers; returns the ids of the concepts whose label changed."""
    old_ranks = state.ranks
    old_papers = {concept_id: state.papers_of[concept_id] for concept_id in papers}
    state.papers_of.update(papers)
    for concept_id in resolved.retired:
        state.papers_of.pop(concept_id, None)
    state.ranks = concept_ranks(state.concepts.values(), state.papers_of)
    moved = {c for c in old_ranks.keys() | state.ranks.keys() if old_ranks.get(c) != state.ranks.get(c)}
    renamed = set()
    for concept_id in sorted(set(resolved.concepts_before) | set(papers) | moved):
        concept = state.concepts.get(concept_id)
        old_concept = resolved.concepts_before.get(concept_id, concept)
        subject = NamedNode(base + concept_id)
        old = new = None
        if old_concept is not None:
            count = old_papers.get(concept_id, state.papers_of.get(concept_id, 0))
            old = concept_node(old_concept, count, old_ranks.get(concept_id))
        if concept is not None:
            new = concept_node(concept, state.papers_of[concept_id], state.ranks.get(concept_id))
        change.replace(node_triples(subject, old) if old else (), node_triples(subject, new) if new else ())
        if old is None and new is not None:
            change.nodes[new.kind] += 1
            change.new_nodes.append(index_row(new, base))
        elif new is None and old is not None:
            change.nodes[old.kind] -= 1
            change.dropped_nodes.append(index_row(old, base))
        elif new is not None and old is not None:
            change.changed_nodes.append((index_row(old, base), index_row(new, base)))
            if old.data["label"] != new.data["label"]:
                renamed.add(concept_id)
    return renamed
