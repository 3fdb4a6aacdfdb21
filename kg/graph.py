"""The knowledge graph as a plain networkx MultiDiGraph, and functions over it.

Nodes are keyed by their IRI path (``paper/arxiv/2103.13630``, ``method/low-rank-adaptation``,
or the URL of a code repository) and carry ``kind`` (Paper, Method, Task, Dataset,
CodeRepository) plus their data. Paper -> concept edges carry a ``relation`` and the evidence
(mentions); derived concept -> concept edges carry the number of papers that support them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from enum import StrEnum
from itertools import product

import networkx

from kg.records import ConceptType, Paper, PaperConcepts
from kg.resolve import Resolution, resolve, slug


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


def paper_node(paper: Paper) -> str:
    """``paper/arxiv/<id>`` for arXiv papers (old-style ids keep their slash), else ``paper/t/<hash>``."""
    return f"paper/arxiv/{paper.arxiv_id}" if paper.arxiv_id else f"paper/t/{paper.id.removeprefix('t')}"


def graph_of(extractions: list[PaperConcepts]) -> networkx.MultiDiGraph:
    """Resolve the concepts of ``extractions`` across papers and link everything into one graph."""
    return build_graph(extractions, resolve(extractions))


def build_graph(extractions: Iterable[PaperConcepts], resolution: Resolution) -> networkx.MultiDiGraph:
    """Papers, concepts and code repositories linked by typed, evidenced edges."""
    graph = networkx.MultiDiGraph()
    for concept in resolution.concepts:
        graph.add_node(
            concept.id,
            kind=KIND[concept.type],
            label=concept.label,
            alt_labels=list(concept.alt_labels),
            papers=concept.papers,
        )
    support: dict[tuple[str, str, Relation], set[str]] = defaultdict(set)
    for extraction in extractions:
        paper = extraction.paper
        source = paper_node(paper)
        graph.add_node(
            source,
            kind="Paper",
            label=paper.title,
            title=paper.title,
            abstract=paper.abstract,
            arxiv_id=paper.arxiv_id or "",
            published=paper.published or "",
        )
        add_people_and_categories(graph, source, paper)
        by_type: dict[ConceptType, list[str]] = defaultdict(list)
        for concept in extraction.concepts:
            target = resolution.concept_id(paper.id, concept)
            by_type[concept.type].append(target)
            evidence = [
                {
                    "text": m.text,
                    "field": m.field,
                    "start": m.start,
                    "end": m.end,
                    "sentence": m.sentence,
                    "component": m.component,
                    "confidence": m.confidence,
                }
                for m in concept.mentions
            ]
            graph.add_edge(
                source,
                target,
                key=PAPER_RELATION[concept.type].value,
                relation=PAPER_RELATION[concept.type].value,
                evidence=evidence,
            )
            if concept.proposed:
                graph.add_edge(
                    source,
                    target,
                    key=Relation.PROPOSES.value,
                    relation=Relation.PROPOSES.value,
                    evidence=evidence,
                )
        for url in extraction.urls:
            graph.add_node(url.url, kind="CodeRepository", label=url.url, url_kind=url.kind.value)
            graph.add_edge(
                source,
                url.url,
                key=Relation.HAS_CODE.value,
                relation=Relation.HAS_CODE.value,
                evidence=[{"text": url.mention.text, "sentence": url.mention.sentence}]
                if url.mention
                else [],
            )
        for first_type, second_type, relation in DERIVED:
            for first, second in product(sorted(set(by_type[first_type])), sorted(set(by_type[second_type]))):
                support[(first, second, relation)].add(source)
    for (first, second, relation), papers in sorted(support.items()):
        graph.add_edge(first, second, key=relation.value, relation=relation.value, papers=len(papers))
    return graph


def add_people_and_categories(graph: networkx.MultiDiGraph, source: str, paper: Paper) -> None:
    """Author and category nodes, where the source gives them (arXiv API, snapshot, BibTeX...).

    Authors are identified by their name as written: two people with one name are one node, a
    known limit of name-only metadata.
    """
    for position, author in enumerate(paper.authors, start=1):
        node = f"author/{slug(author)}"
        graph.add_node(node, kind="Author", label=author)
        graph.add_edge(
            source, node, key=Relation.HAS_AUTHOR.value, relation=Relation.HAS_AUTHOR.value, position=position
        )
    for category in paper.categories:
        node = f"category/{slug(category)}"
        graph.add_node(node, kind="Category", label=category)
        graph.add_edge(source, node, key=Relation.IN_CATEGORY.value, relation=Relation.IN_CATEGORY.value)


def concept_nodes(graph: networkx.MultiDiGraph, kind: str | None = None) -> list[str]:
    """Concept nodes, optionally of one kind, most supported first."""
    nodes = [
        node
        for node, data in graph.nodes(data=True)
        if data["kind"] in KIND.values() and (kind is None or data["kind"] == kind)
    ]
    return sorted(nodes, key=lambda node: (-graph.nodes[node]["papers"], node))
