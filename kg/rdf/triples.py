"""The graph as RDF triples, with stable IRIs: ``<base>paper/arxiv/2103.13630``,
``<base>method/low-rank-adaptation``; code repositories are their own URLs.

Triples are generated one by one as pyoxigraph terms, never gathered into an in-memory RDF
graph, so they stream straight into N-Triples and the store's bulk loader.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from functools import cache

from pyoxigraph import Literal, NamedNode, Triple
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.graph import KIND, Edge, Node, Relation
from kg.rdf.prefixes import node_iri
from kg.rdf.vocabulary import DEFAULT_BASE_IRI, KG, SCHEMA

CLASS_OF_KIND = {
    "Paper": KG.Paper,
    "Method": KG.Method,
    "Task": KG.Task,
    "Dataset": KG.Dataset,
    "CodeRepository": KG.CodeRepository,
    "Author": KG.Author,
    "Category": KG.Category,
}
PROPERTY_OF_RELATION = {
    Relation.PROPOSES: KG.proposes,
    Relation.USES_METHOD: KG.usesMethod,
    Relation.ADDRESSES_TASK: KG.addressesTask,
    Relation.USES_DATASET: KG.usesDataset,
    Relation.HAS_CODE: KG.hasCode,
    Relation.HAS_AUTHOR: KG.hasAuthor,
    Relation.IN_CATEGORY: KG.inCategory,
    Relation.APPLIED_TO: KG.appliedTo,
    Relation.EVALUATED_ON: KG.evaluatedOn,
    Relation.BENCHMARKED_ON: KG.benchmarkedOn,
}
DERIVED_RELATIONS = {Relation.APPLIED_TO, Relation.EVALUATED_ON, Relation.BENCHMARKED_ON}
STATED_SUPPORT = 2
"""A derived association is stated in RDF when at least this many papers support it. What one
paper links is already stated by its own edges, and such pairs are most pairs (nine in ten on a
generated corpus of 2,000 papers, 99% on the examples): stated with their support and top-for
marks, they were a third of all triples. The lookup index keeps them all, for ``kg neighbors``
and the view."""
MENTIONED_RELATIONS = {Relation.USES_METHOD, Relation.ADDRESSES_TASK, Relation.USES_DATASET}
EVIDENCE_LEVELS = ("none", "edges", "all")
"""How much evidence a build states in RDF (``kg build --evidence``): none, the most confident
mention of each paper-concept edge, or every mention. The lookup index holds every mention
whatever the level, for ``kg neighbors --evidence`` and ``kg show --evidence``; in RDF one
mention is ten triples, where the default graph has about forty per paper."""


@cache
def term(iri: str) -> NamedNode:
    """The pyoxigraph node of a vocabulary term (made once: they recur in every triple)."""
    return NamedNode(iri)


# The vocabulary's terms as pyoxigraph nodes, made once: they recur in every triple.
DCTERMS_ABSTRACT = term(DCTERMS.abstract)
DCTERMS_DATE = term(DCTERMS.date)
DCTERMS_TITLE = term(DCTERMS.title)
KG_ASSOCIATION = term(KG.Association)
KG_MENTION = term(KG.Mention)
KG_ARXIV_ID = term(KG.arxivId)
KG_CONFIDENCE = term(KG.confidence)
KG_END = term(KG.end)
KG_EXTRACTED_BY = term(KG.extractedBy)
KG_FIELD = term(KG.field)
KG_MENTION_OF = term(KG.mentionOf)
KG_PAPER_COUNT = term(KG.paperCount)
KG_RANK = term(KG.rank)
KG_TOP_FOR = term(KG.topFor)
KG_RELATION = term(KG.relation)
KG_SENTENCE_START = term(KG.sentenceStart)
KG_SENTENCE_END = term(KG.sentenceEnd)
KG_SOURCE = term(KG.source)
KG_START = term(KG.start)
KG_TARGET = term(KG.target)
KG_URL_KIND = term(KG.urlKind)
PROV_WAS_DERIVED_FROM = term(PROV.wasDerivedFrom)
RDF_TYPE = term(RDF.type)
RDFS_LABEL = term(RDFS.label)
SCHEMA_URL = term(SCHEMA.url)
SKOS_ALT_LABEL = term(SKOS.altLabel)
SKOS_PREF_LABEL = term(SKOS.prefLabel)
XSD_DECIMAL = term(XSD.decimal)
XSD_INTEGER = term(XSD.integer)


def integer(value: int) -> Literal:
    return Literal(str(value), datatype=XSD_INTEGER)


def triples(
    records: Iterable[Node | Edge], base: str = DEFAULT_BASE_IRI, evidence: str = "none"
) -> Iterator[Triple]:
    """Every node and edge of the graph as RDF, with the ``evidence`` level's mentions, in the
    order of ``records``.

    The triples of a node's evidence (mentions) and of derived edges (associations) wait until
    the node's own triples and edges are out, so that each subject's triples are together and
    Turtle can group them as it streams.
    """
    pending: list[Triple] = []
    for record in records:
        if isinstance(record, Node):
            yield from pending
            pending.clear()
            yield from node_triples(NamedNode(node_iri(record.id, record.kind, base)), record)
            continue
        source, target = NamedNode(base + record.source), NamedNode(iri_of_target(record, base))
        if record.relation in DERIVED_RELATIONS:
            stated = derived_triples(source, target, record, base)
            yield from stated[:1]
            pending.extend(stated[1:])
            continue
        yield Triple(source, term(PROPERTY_OF_RELATION[record.relation]), target)
        if record.relation in MENTIONED_RELATIONS and evidence != "none":
            for index, mention in stated_mentions(record.data["evidence"], evidence):
                pending.extend(mention_triples(source, target, index, mention))
    yield from pending


def iri_of_target(edge: Edge, base: str) -> str:
    return edge.target if edge.relation is Relation.HAS_CODE else base + edge.target


def node_triples(subject: NamedNode, node: Node) -> Iterator[Triple]:
    data = node.data
    yield Triple(subject, RDF_TYPE, term(CLASS_OF_KIND[node.kind]))
    if node.kind == "Paper":
        yield Triple(subject, DCTERMS_TITLE, Literal(data["title"]))
        yield Triple(subject, DCTERMS_ABSTRACT, Literal(data["abstract"]))
        if data["arxiv_id"]:
            yield Triple(subject, KG_ARXIV_ID, Literal(data["arxiv_id"]))
            yield Triple(subject, SCHEMA_URL, NamedNode(f"https://arxiv.org/abs/{data['arxiv_id']}"))
        if data["published"]:
            yield Triple(subject, DCTERMS_DATE, Literal(data["published"]))
    elif node.kind in ("Author", "Category"):
        yield Triple(subject, RDFS_LABEL, Literal(data["label"]))
    elif node.kind in KIND.values():
        yield Triple(subject, SKOS_PREF_LABEL, Literal(data["label"]))
        for alt_label in data["alt_labels"]:
            yield Triple(subject, SKOS_ALT_LABEL, Literal(alt_label))
        yield Triple(subject, KG_PAPER_COUNT, integer(data["papers"]))
        if "rank" in data:
            yield Triple(subject, KG_RANK, integer(data["rank"]))
    else:
        yield Triple(subject, KG_URL_KIND, Literal(data["url_kind"]))


def stated_mentions(mentions: list[dict], evidence: str) -> list[tuple[int, dict]]:
    """The mentions of one edge that the ``evidence`` level states, with their numbers: all, or
    the most confident (the first of those in the text)."""
    numbered = list(enumerate(mentions))
    if evidence == "edges" and numbered:
        return [max(numbered, key=lambda item: (item[1]["confidence"], -item[0]))]
    return numbered


def mention_triples(paper: NamedNode, concept: NamedNode, index: int, mention: dict) -> Iterator[Triple]:
    """A mention node, ``<paper>/mention/<concept type>/<concept slug>/<n>``: where the paper
    names the concept, as character offsets into its title or abstract (the mention's and its
    sentence's), and which rule found it."""
    kind, slug = concept.value.rsplit("/", 2)[-2:]
    node = NamedNode(f"{paper.value}/mention/{kind}/{slug}/{index}")
    yield Triple(node, RDF_TYPE, KG_MENTION)
    yield Triple(node, PROV_WAS_DERIVED_FROM, paper)
    yield Triple(node, KG_MENTION_OF, concept)
    yield Triple(node, KG_FIELD, Literal(mention["field"]))
    yield Triple(node, KG_START, integer(mention["start"]))
    yield Triple(node, KG_END, integer(mention["end"]))
    yield Triple(node, KG_SENTENCE_START, integer(mention["sentence_start"]))
    yield Triple(node, KG_SENTENCE_END, integer(mention["sentence_end"]))
    yield Triple(node, KG_EXTRACTED_BY, Literal(mention["component"]))
    confidence = Literal(canonical_decimal(mention["confidence"]), datatype=XSD_DECIMAL)
    yield Triple(node, KG_CONFIDENCE, confidence)


def canonical_decimal(value: float) -> str:
    """Two decimals in the canonical xsd:decimal form ("0.5", "1.0"), which stores keep as is."""
    text = f"{value:.2f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def association_iri(source: NamedNode, target: NamedNode, relation: Relation, base: str) -> NamedNode:
    """The node of a derived edge: named by a hash of its ends and relation, so the same in every build."""
    digest = hashlib.sha1(f"{source.value} {relation.value} {target.value}".encode()).hexdigest()[:16]
    return NamedNode(f"{base}association/{digest}")


def derived_triples(source: NamedNode, target: NamedNode, edge: Edge, base: str) -> list[Triple]:
    """A derived edge as RDF: the edge, then its association node; nothing when fewer than
    ``STATED_SUPPORT`` papers support it."""
    if edge.data["papers"] < STATED_SUPPORT:
        return []
    edge_triple = Triple(source, term(PROPERTY_OF_RELATION[edge.relation]), target)
    return [edge_triple, *association_triples(source, target, edge, base)]


def association_triples(source: NamedNode, target: NamedNode, edge: Edge, base: str) -> Iterator[Triple]:
    node = association_iri(source, target, edge.relation, base)
    yield Triple(node, RDF_TYPE, KG_ASSOCIATION)
    yield Triple(node, KG_SOURCE, source)
    yield Triple(node, KG_TARGET, target)
    yield Triple(node, KG_RELATION, term(PROPERTY_OF_RELATION[edge.relation]))
    yield Triple(node, KG_PAPER_COUNT, integer(edge.data["papers"]))
    for end in edge.data.get("top_for", ()):
        yield Triple(node, KG_TOP_FOR, source if end == "source" else target)
