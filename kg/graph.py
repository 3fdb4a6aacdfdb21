"""The knowledge graph as a stream of node and edge records, and as networkx for small graphs.

Nodes are keyed by their IRI path (``paper/arxiv/2103.13630``, ``method/low-rank-adaptation``,
or the URL of a code repository) and carry ``kind`` (Paper, Method, Task, Dataset,
CodeRepository, Author, Category) plus their data. Paper -> concept edges carry a ``relation``
and the evidence (mentions); derived concept -> concept edges carry the number of papers that
support them.

``graph_records`` yields the graph paper by paper (each paper's node, its edges, then the nodes
it sees first), then each concept with its derived edges. Exports consume the stream, so a build
never holds the graph; ``graph_of`` collects it into networkx for library users who want one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import groupby, product
from typing import Any

import networkx

from kg.records import ConceptType, Mention, Paper, PaperConcepts
from kg.resolve import Concept, Resolution, resolve, slug


class Relation(StrEnum):
    PROPOSES = "proposes"
    USES_METHOD = "usesMethod"
    ADDRESSES_TASK = "addressesTask"
    USES_DATASET = "usesDataset"
    HAS_CODE = "hasCode"
    HAS_AUTHOR = "hasAuthor"
    IN_CATEGORY = "inCategory"
    APPLIED_TO = "appliedTo"
    EVALUATED_ON = "evaluatedOn"
    BENCHMARKED_ON = "benchmarkedOn"


PAPER_RELATION = {
    ConceptType.METHOD: Relation.USES_METHOD,
    ConceptType.TASK: Relation.ADDRESSES_TASK,
    ConceptType.DATASET: Relation.USES_DATASET,
}
# Concept pairs a paper links, and the derived relation between them.
DERIVED = (
    (ConceptType.METHOD, ConceptType.TASK, Relation.APPLIED_TO),
    (ConceptType.METHOD, ConceptType.DATASET, Relation.EVALUATED_ON),
    (ConceptType.TASK, ConceptType.DATASET, Relation.BENCHMARKED_ON),
)
KIND = {ConceptType.METHOD: "Method", ConceptType.TASK: "Task", ConceptType.DATASET: "Dataset"}
# Precomputed orderings, so that queries about the most used concepts, and about the strongest
# links of a concept in thousands of papers, read a few dozen triples instead of all of them.
RANKED_CONCEPTS = 100
"""The most mentioned concepts of each type carry their rank."""
TOP_ASSOCIATIONS = 50
"""At each concept, the associations of one relation with most papers are marked as its top ones."""


Association = tuple[str, str, Relation]
"""A derived edge's key: (source concept id, target concept id, relation)."""


@dataclass(frozen=True)
class Node:
    id: str
    kind: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    relation: Relation
    data: dict[str, Any] = field(default_factory=dict)


def paper_node(paper: Paper) -> str:
    """``paper/arxiv/<id>`` for arXiv papers (old-style ids keep their slash), else ``paper/t/<hash>``."""
    return f"paper/arxiv/{paper.arxiv_id}" if paper.arxiv_id else f"paper/t/{paper.id.removeprefix('t')}"


def graph_of(extractions: list[PaperConcepts]) -> networkx.MultiDiGraph:
    """Resolve the concepts of ``extractions`` across papers and link everything into one graph."""
    return to_networkx(graph_records(extractions, resolve(extractions)))


def to_networkx(records: Iterable[Node | Edge]) -> networkx.MultiDiGraph:
    graph = networkx.MultiDiGraph()
    for record in records:
        if isinstance(record, Node):
            graph.add_node(record.id, kind=record.kind, **record.data)
        else:
            key = record.relation.value
            graph.add_edge(record.source, record.target, key=key, relation=key, **record.data)
    return graph


@dataclass
class GraphTotals:
    """What ``graph_records`` counted over the whole corpus, for ``kg add`` to update in place."""

    papers_of: Counter[str] = field(default_factory=Counter)
    ranks: dict[str, int] = field(default_factory=dict)


def graph_records(
    extractions: Iterable[PaperConcepts], resolution: Resolution, totals: GraphTotals | None = None
) -> Iterator[Node | Edge]:
    """Papers, concepts and code repositories linked by typed, evidenced edges, as a stream.

    Memory grows with the concepts, authors and code links, not with the papers: each paper's
    records are yielded as it is read; concept nodes and derived edges, which need every paper's
    support, come last. ``totals``, when given, receives the concepts' paper counts and ranks.
    """
    totals = totals if totals is not None else GraphTotals()
    papers_of = totals.papers_of
    support: Counter[Association] = Counter()
    seen: set[str] = set()
    for extraction in extractions:
        records, ids = paper_records(extraction, resolution, seen)
        yield from records
        papers_of.update(set().union(*ids.values()))
        support.update(associations_of(ids))
    ranks = totals.ranks = concept_ranks(resolution.concepts, papers_of)
    label_of = {concept.id: concept.label for concept in resolution.concepts}
    is_top = top_associations(support, label_of)
    derived = groupby(sorted(support.items()), key=lambda item: item[0][0])
    pending = next(derived, None)
    for concept in resolution.concepts:
        yield concept_node(concept, papers_of[concept.id], ranks.get(concept.id))
        while pending is not None and pending[0] <= concept.id:
            for key, papers in pending[1]:
                top_for = [
                    end for end, concept_id in zip(ENDS, key[:2], strict=True) if is_top(key, concept_id)
                ]
                yield association_edge(key, papers, top_for)
            pending = next(derived, None)


ENDS = ("source", "target")


def concept_node(concept: Concept, papers: int, rank: int | None) -> Node:
    data: dict[str, Any] = {"label": concept.label, "alt_labels": list(concept.alt_labels), "papers": papers}
    if rank is not None:
        data["rank"] = rank
    return Node(concept.id, KIND[concept.type], data)


def association_edge(key: Association, papers: int, top_for: list[str]) -> Edge:
    """A derived concept -> concept edge; ``top_for`` names the ends ("source", "target") at which
    it is among the best supported of its relation."""
    return Edge(*key, {"papers": papers, "top_for": top_for})


def associations_of(ids: dict[ConceptType, set[str]]) -> Iterator[Association]:
    """The derived edges one paper supports, from the concept ids it links by type."""
    for first_type, second_type, relation in DERIVED:
        for first, second in product(sorted(ids[first_type]), sorted(ids[second_type])):
            yield first, second, relation


def concept_ranks(
    concepts: Iterable[Concept], papers_of: Counter[str], limit: int | None = None
) -> dict[str, int]:
    """Concept id -> position among its type by papers (ties by label), for the ``limit``
    (``RANKED_CONCEPTS``) most mentioned."""
    limit = RANKED_CONCEPTS if limit is None else limit
    by_type: dict[ConceptType, list[tuple[int, str, str]]] = {}
    for concept in concepts:
        by_type.setdefault(concept.type, []).append((-papers_of[concept.id], concept.label, concept.id))
    ranks = {}
    for entries in by_type.values():
        for rank, (_, _, concept_id) in enumerate(sorted(entries)[:limit], start=1):
            ranks[concept_id] = rank
    return ranks


def top_associations(
    support: Counter[Association], label_of: dict[str, str], limit: int | None = None
) -> Callable[[Association, str], bool]:
    """Whether an association is among the ``limit`` of its relation at one of its ends (a
    concept id): most papers first, ties by the other end's label, as the example queries order.

    Most concepts have fewer associations than that, so only the busy ones are sorted.
    """
    limit = TOP_ASSOCIATIONS if limit is None else limit
    sizes: Counter[tuple[str, Relation]] = Counter()
    for first, second, relation in support:
        sizes[(first, relation)] += 1
        sizes[(second, relation)] += 1
    busy: dict[tuple[str, Relation], dict[Association, int]] = {
        group: {} for group, size in sizes.items() if size > limit
    }
    for key, papers in support.items():
        for concept_id in key[:2]:
            if (concept_id, key[2]) in busy:
                busy[(concept_id, key[2])][key] = papers
    chosen = {
        (concept_id, key)
        for (concept_id, _), counts in busy.items()
        for key in top_keys(concept_id, counts, label_of, limit)
    }
    return lambda key, concept_id: (concept_id, key[2]) not in busy or (concept_id, key) in chosen


def top_keys(
    concept_id: str, counts: dict[Association, int], label_of: dict[str, str], limit: int | None = None
) -> set[Association]:
    """The ``limit`` (``TOP_ASSOCIATIONS``) associations of one relation at ``concept_id`` with
    most papers, ties by the other end's label (all of them when there are no more)."""
    limit = TOP_ASSOCIATIONS if limit is None else limit
    if len(counts) <= limit:
        return set(counts)
    ordered = sorted((-papers, label_of[other_end(key, concept_id)], key) for key, papers in counts.items())
    return {key for _, _, key in ordered[:limit]}


def other_end(key: Association, concept_id: str) -> str:
    return key[1] if key[0] == concept_id else key[0]


def linked_concepts(
    extraction: PaperConcepts, resolution: Resolution
) -> dict[tuple[ConceptType, str], tuple[list[Mention], bool]]:
    """The concepts a paper links, by type and id, with their mentions and whether the paper
    proposes them. Two concepts of one paper that the corpus resolves to one id (names that
    other papers join) are one link, with the mentions of both in the order they were found."""
    linked: dict[tuple[ConceptType, str], tuple[list[Mention], bool]] = {}
    for concept in extraction.concepts:
        key = (concept.type, resolution.concept_id(concept))
        mentions, proposed = linked.get(key, ([], False))
        linked[key] = ([*mentions, *concept.mentions], proposed or concept.proposed)
    return linked


def mention_evidence(paper: Paper, mention: Mention) -> dict[str, Any]:
    """Where a mention is in the paper, without its words: the field, the mention's and its
    sentence's character offsets there, the rule and its confidence. The paper's own title or
    abstract gives the text back; stored whole, the sentences made the evidence of a build
    about ten copies of its abstracts."""
    text = paper.title if mention.field == "title" else paper.abstract
    sentence_start = text.find(mention.sentence, max(0, mention.end - len(mention.sentence)))
    if not 0 <= sentence_start <= mention.start:  # not from this text: the mention stands alone
        sentence_start, sentence_end = mention.start, mention.end
    else:
        sentence_end = sentence_start + len(mention.sentence)
    return {
        "field": mention.field,
        "start": mention.start,
        "end": mention.end,
        "sentence_start": sentence_start,
        "sentence_end": sentence_end,
        "component": mention.component,
        "confidence": mention.confidence,
    }


def paper_records(
    extraction: PaperConcepts, resolution: Resolution, seen: set[str]
) -> tuple[list[Node | Edge], dict[ConceptType, set[str]]]:
    """One paper's node, its edges, then the author, category and code nodes not ``seen`` before,
    and the concept ids it links, by type."""
    paper = extraction.paper
    source = paper_node(paper)
    first_code = extraction.urls[0].url if extraction.urls else None
    records: list[Node | Edge] = []
    records.append(
        Node(
            source,
            "Paper",
            {
                "label": paper.title,
                "title": paper.title,
                "abstract": paper.abstract,
                "arxiv_id": paper.arxiv_id or "",
                "published": paper.published or "",
                **({"code": first_code} if first_code else {}),
            },
        )
    )
    new_nodes = []
    for position, author in enumerate(paper.authors, start=1):
        node = Node(f"author/{slug(author)}", "Author", {"label": author})
        new_nodes.append(node)
        records.append(Edge(source, node.id, Relation.HAS_AUTHOR, {"position": position}))
    for category in paper.categories:
        node = Node(f"category/{slug(category)}", "Category", {"label": category})
        new_nodes.append(node)
        records.append(Edge(source, node.id, Relation.IN_CATEGORY))
    ids: dict[ConceptType, set[str]] = {concept_type: set() for concept_type in ConceptType}
    for (concept_type, target), (mentions, proposed) in linked_concepts(extraction, resolution).items():
        ids[concept_type].add(target)
        evidence = [mention_evidence(paper, m) for m in mentions]
        records.append(Edge(source, target, PAPER_RELATION[concept_type], {"evidence": evidence}))
        if proposed:
            records.append(Edge(source, target, Relation.PROPOSES, {"evidence": evidence}))
    for url in extraction.urls:
        new_nodes.append(Node(url.url, "CodeRepository", {"label": url.url, "url_kind": url.kind.value}))
        evidence = [mention_evidence(paper, url.mention)] if url.mention else []
        records.append(Edge(source, url.url, Relation.HAS_CODE, {"evidence": evidence}))
    for node in new_nodes:
        if node.id not in seen:
            seen.add(node.id)
            records.append(node)
    return records, ids
