"""``kg add`` in place: the change that added papers make to a build, applied to its store and index.

Exporting a build again for every ``kg add`` costs as much as the build. Instead the build keeps
what resolution and ranking know (``state.json``); an add in place extracts only the new papers,
resolves their concepts against that state and changes only what they touch: their own triples
and rows, the concepts they mention (names, paper counts), the associations between those
concepts (paper counts, top-for marks) and the ranks that move. When added names merge two
concepts or change one's id, the papers of the retired ids are read back from the cache and
derived again. The store is copied by hard links into a new generation and changed there; the
index is changed in one transaction.

The store and the index then equal those of a fresh build of all the inputs; the file exports
(N-Triples, Turtle, ...) are marked stale until ``kg export`` rewrites them. Ids that fold
together are numbered as a fresh build numbers them. Where a fresh build could still differ (an
id written like a numbered one), ``graph_change`` raises ``NotInPlace`` and ``kg add`` exports
everything again.
"""

from __future__ import annotations

import gc
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import orjson
from networkx.utils import UnionFind
from pyoxigraph import NamedNode, Triple

from kg import graph
from kg.cache import extraction_at
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
from kg.memory import collector_paused
from kg.rdf.prefixes import node_iri
from kg.rdf.triples import (
    PROPERTY_OF_RELATION,
    association_triples,
    node_triples,
    term,
    triples,
)
from kg.records import ConceptType, PaperConcepts
from kg.resolve import Concept, Resolution, Resolver, identity_keys, merge_group

STATE_FILE = "state.json"
DERIVED_RELATIONS = {relation for _, _, relation in DERIVED}
PAPER_LINKS = {Relation.USES_METHOD, Relation.ADDRESSES_TASK, Relation.USES_DATASET}
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


@contextmanager
def objects_frozen() -> Iterator[None]:
    """Keep the objects alive now (a build's state: millions at 1M papers) out of the cyclic
    garbage collector until the block ends, so the collections that the rest of an add
    triggers do not scan them each time (an add to a 1M-paper build: 20.7 s against 24.3 s)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


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


@dataclass
class Resolved:
    """What resolving added papers changed: the resolution before, the concept before of each
    concept id that changed (None for a new one), and the ids that are gone (merged or renamed)."""

    before: Resolution
    concepts_before: dict[str, Concept | None]
    retired: set[str]
    moved: set[str]
    """The ids whose papers link another concept now (retired, or given to another group)."""


def graph_change(
    extractions: list[PaperConcepts],
    state: BuildState,
    index: sqlite3.Connection,
    cache: Path,
    base: str,
) -> GraphChange:
    """The change that ``extractions`` (papers the build does not hold) make to the build, read
    from its ``index`` and ``cache`` (the store's triples follow from them); ``state`` is brought
    up to date. The papers of a concept that added names merge or rename are derived again,
    before and after. Raises ``NotInPlace`` when only a fresh build gives the right result (then
    ``state`` is spent)."""
    resolved = resolve_added(extractions, state)
    rederived = cached_papers(index, cache, papers_of_concepts(index, resolved.moved, base))
    old_records, old_ids = linked_records(rederived, resolved.before, index, base)
    new_records, new_ids = linked_records([*rederived, *extractions], state.resolution(), index, base)
    change = GraphChange()
    change_records(change, *changed_records(old_records, new_records), base)
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
    change: GraphChange, old: list[Node | Edge], new: list[Node | Edge], shared: list[Node | Edge], base: str
) -> None:
    """The triples and index rows of papers' ``old`` records give way to their ``new`` ones.

    The ``shared`` records (alike before and after, beside changed ones) keep their triples but
    are rewritten in the index: an end's new label re-sorts the edge's rows, and a moved edge
    may now be the same edge."""
    change.replace(triples(old, base), triples(new, base), kept=triples(shared, base))
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


_NUMBERED = re.compile(r"^(.*)-\d+$")


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
            family = numbered.group(1) if (numbered := _NUMBERED.match(old_id)) else old_id
            if f"{family}-2" in state.concepts:
                shared.add(family)
    return shared


def known_groups_of(
    families: set[str], state: BuildState, changed: set[tuple[ConceptType, str]]
) -> dict[tuple[ConceptType, str], str]:
    """The unchanged groups whose id is one of ``families`` or numbered from it, with that id."""
    ids = {
        concept_id
        for concept_id in state.concepts
        if concept_id in families or ((m := _NUMBERED.match(concept_id)) and m.group(1) in families)
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
    marks, from which their triples in the store follow (``association_triples``) without
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
        """The association's triples in the store (none when the build has no such association)."""
        papers = self.papers(key)
        if not papers:
            return set()
        source, target = NamedNode(self.base + key[0]), NamedNode(self.base + key[1])
        edge = association_edge(key, papers, self.marked(key))
        return set(association_triples(source, target, edge, self.base))

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
    edge_triple = Triple(source, term(PROPERTY_OF_RELATION[key[2]]), target)
    if old_papers and added:
        change.delete(LinkRow(base + key[0], key[2].value, base + key[1], old_papers))
    if old_papers + added == 0:
        change.replace({*old_triples, edge_triple}, ())
        change.edges[key[2].value] -= 1
        return
    marked = old.marked(key) if old_papers else []
    top_for = [end for end in ENDS if top_now.get(end, end in marked)]
    edge = association_edge(key, old_papers + added, top_for)
    change.replace(old_triples, association_triples(source, target, edge, base))
    if not old_papers:
        change.added.add(edge_triple)
        change.edges[key[2].value] += 1
    if added:
        change.write(LinkRow(base + key[0], key[2].value, base + key[1], old_papers + added))
