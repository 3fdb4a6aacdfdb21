"""How the derived associations (method-task, method-dataset, task-dataset) of the concepts
an add touches change: paper counts and top-for marks, read from the index and written back."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from pyoxigraph import NamedNode, Triple

from kg import graph
from kg.graph import (
    DERIVED,
    ENDS,
    Association,
    Relation,
    association_edge,
    other_end,
    top_keys,
)
from kg.incremental.resolution import Resolved
from kg.index import (
    LinkRow,
)
from kg.rdf.triples import (
    derived_triples,
)
from kg.state import BuildState

if TYPE_CHECKING:
    from kg.incremental.change import GraphChange

DERIVED_RELATIONS = {relation for _, _, relation in DERIVED}


def change_associations(
    change: GraphChange,
    state: BuildState,
    resolved: Resolved,
    support: Counter[Association],
    renamed: set[str],
    index: sqlite3.Connection,
    base: str,
) -> None:
    """Associations with a change of support (new, more or fewer papers, gone), and the top-for
    marks that move: at each end of such an association, and around each renamed concept (ties
    go by label)."""
    support_at: dict[tuple[str, Relation], list[Association]] = defaultdict(list)
    for key in support:
        for concept_id in key[:2]:
            support_at[(concept_id, key[2])].append(key)
    ends = set(support_at)
    renamed_links: list[LinkRow] = []
    for concept_id in renamed:
        linked = links_of(index, base + concept_id, base)
        ends |= {(other, relation) for other, relation, _, _ in linked if relation in DERIVED_RELATIONS}
        # every row of an edge of the concept sorts by the other end's label
        renamed_links.extend(link_row(concept_id, *row, base) for row in linked)
    old = OldAssociations(index, state, resolved, base)
    moved_top: dict[Association, dict[str, bool]] = defaultdict(dict)
    for concept_id, relation in sorted(ends):
        if concept_id in resolved.retired:
            continue
        added = {key: support[key] for key in support_at.get((concept_id, relation), ())}
        old_counts = old.near_top(concept_id, relation, added)
        counts = dict(old_counts)
        for key, papers in added.items():
            counts[key] = counts.get(key, 0) + papers
        counts = {key: n for key, n in counts.items() if n}
        labels = {
            other: state.concepts[other].label for other in (other_end(key, concept_id) for key in counts)
        }
        new_top = top_keys(concept_id, counts, labels)
        for key in old.top(concept_id, relation) ^ new_top:
            moved_top[key][ENDS[0] if key[0] == concept_id else ENDS[1]] = key in new_top
    for key in sorted(support.keys() | moved_top.keys()):
        change_association(change, key, support[key], moved_top.get(key, {}), old, base)
    for link in renamed_links:
        change.resort(link)


class OldAssociations:
    """The build's associations before the add, as its index has them: papers and top-for
    marks, from which their triples in the store follow (``derived_triples``) without
    reading the store. Each concept's associations near its top are read once."""

    def __init__(self, index: sqlite3.Connection, state: BuildState, resolved: Resolved, base: str) -> None:
        self.index, self.base = index, base
        self.concept_before = {**state.concepts, **resolved.concepts_before}
        self.near: dict[tuple[str, Relation], dict[Association, int]] = {}
        self.tops: dict[tuple[str, Relation], set[Association]] = {}

    def near_top(
        self, concept_id: str, relation: Relation, added: dict[Association, int] | None = None
    ) -> dict[Association, int]:
        """The associations of ``relation`` at a concept that can be among its top ones before
        or after the ``added`` support, with their papers: those gaining or losing support and
        those with at least the papers of the ``TOP_ASSOCIATIONS``-th, less the most that any
        association loses.

        The top ones before keep at least that many papers, so an association below that line
        which gains nothing stays below them all, and a busy concept's thousands of associations
        need not be read."""
        added = added or {}
        loss = max((-papers for papers in added.values() if papers < 0), default=0)
        end = (concept_id, relation)
        if loss:
            counts = self.read_near_top(concept_id, relation, loss)
        else:
            if end not in self.near:
                self.near[end] = self.read_near_top(concept_id, relation)
            counts = dict(self.near[end])
        for key in added.keys() - counts.keys():
            counts[key] = self.papers(key)
        return counts

    def read_near_top(self, concept_id: str, relation: Relation, loss: int = 0) -> dict[Association, int]:
        concept = self.concept_before.get(concept_id)
        if concept is None:
            return {}  # a concept the add creates
        first_type = next(first for first, _, derived in DERIVED if derived is relation)
        direction = "out" if concept.type is first_type else "in"
        line = self.index.execute(
            "SELECT papers FROM links WHERE node = (SELECT id FROM nodes WHERE iri = ?) AND relation = ? "
            "AND direction = ? ORDER BY papers DESC LIMIT 1 OFFSET ?",
            (self.base + concept_id, relation.value, direction, graph.TOP_ASSOCIATIONS - 1),
        ).fetchone()
        least = max(1, line[0] - loss) if line else 1
        return associations_at(self.index, concept_id, relation, self.base, least=least)

    def top(self, concept_id: str, relation: Relation) -> set[Association]:
        """The associations that were marked top-for at the concept."""
        end = (concept_id, relation)
        if end not in self.tops:
            counts = self.near_top(concept_id, relation)
            labels = {other: self.label(other) for other in (other_end(key, concept_id) for key in counts)}
            self.tops[end] = top_keys(concept_id, counts, labels)
        return self.tops[end]

    def label(self, concept_id: str) -> str:
        concept = self.concept_before[concept_id]
        assert concept is not None  # an end of an association the build has
        return concept.label

    def papers(self, key: Association) -> int:
        """The papers of one association, looked up from the end with fewer papers."""
        for end in key[:2]:
            if (end, key[2]) in self.near and key in self.near[(end, key[2])]:
                return self.near[(end, key[2])][key]
        if any(self.concept_before.get(end) is None for end in key[:2]):
            return 0
        source, target = (self.base + end for end in key[:2])
        row = self.index.execute(
            "SELECT s.id, s.papers, t.id, t.papers FROM nodes AS s, nodes AS t WHERE s.iri = ? AND t.iri = ?",
            (source, target),
        ).fetchone()
        if row is None:
            return 0
        node, other, direction = (row[0], row[2], "out") if row[1] <= row[3] else (row[2], row[0], "in")
        found = self.index.execute(
            "SELECT papers FROM links WHERE node = ? AND relation = ? AND direction = ? AND other = ?",
            (node, key[2].value, direction, other),
        ).fetchone()
        return found[0] if found else 0

    def triples(self, key: Association) -> set[Triple]:
        """The association's triples in the store (none when the build does not state it)."""
        papers = self.papers(key)
        if not papers:
            return set()
        source, target = NamedNode(self.base + key[0]), NamedNode(self.base + key[1])
        edge = association_edge(key, papers, self.marked(key))
        return set(derived_triples(source, target, edge, self.base))

    def marked(self, key: Association) -> list[str]:
        """The ends ("source", "target") at which the association was among the top ones."""
        return [
            end for end, concept_id in zip(ENDS, key[:2], strict=True) if key in self.top(concept_id, key[2])
        ]


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
    index: sqlite3.Connection, concept_id: str, relation: Relation, base: str, least: int = 1
) -> dict[Association, int]:
    """The build's associations of ``relation`` at a concept with ``least`` papers or more."""
    rows = index.execute(
        "SELECT n.iri, l.direction, l.papers FROM links AS l JOIN nodes AS n ON n.id = l.other "
        "WHERE l.node = (SELECT id FROM nodes WHERE iri = ?) AND l.relation = ? AND l.papers >= ?",
        (base + concept_id, relation.value, least),
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
    old: OldAssociations,
    base: str,
) -> None:
    """One association's new triples and index rows, from its old ones: papers added (or taken,
    to none), or top-for marks that moved."""
    source, target = NamedNode(base + key[0]), NamedNode(base + key[1])
    old_papers = old.papers(key)
    old_triples = old.triples(key)
    if old_papers and added:
        change.delete(LinkRow(base + key[0], key[2].value, base + key[1], old_papers))
    if old_papers + added == 0:
        change.replace(old_triples, ())
        change.edges[key[2].value] -= 1
        return
    marked = old.marked(key) if old_papers else []
    top_for = [end for end in ENDS if top_now.get(end, end in marked)]
    edge = association_edge(key, old_papers + added, top_for)
    change.replace(old_triples, derived_triples(source, target, edge, base))
    if not old_papers:
        change.edges[key[2].value] += 1
    if added:
        change.write(LinkRow(base + key[0], key[2].value, base + key[1], old_papers + added))
