"""The graph as RDF triples, with stable IRIs: ``<base>paper/arxiv/2103.13630``,
``<base>method/low-rank-adaptation``; code repositories are their own URLs."""

from __future__ import annotations

import hashlib

import networkx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.graph import KIND, Relation
from kg.rdf.vocabulary import DEFAULT_BASE_IRI, KG, PREFIXES, SCHEMA

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


def node_iri(node: str, kind: str, base: str) -> URIRef:
    return URIRef(node) if kind == "CodeRepository" else URIRef(base + node)


def to_rdf(graph: networkx.MultiDiGraph, base: str = DEFAULT_BASE_IRI) -> Graph:
    """One RDF graph holding every node, edge and piece of evidence of ``graph``."""
    rdf = Graph()
    for prefix, namespace in PREFIXES.items():
        rdf.bind(prefix, namespace)
    iri = {node: node_iri(node, data["kind"], base) for node, data in graph.nodes(data=True)}
    for node, data in graph.nodes(data=True):
        add_node(rdf, iri[node], data)
    for source, target, data in graph.edges(data=True):
        relation = Relation(data["relation"])
        rdf.add((iri[source], PROPERTY_OF_RELATION[relation], iri[target]))
        if relation in DERIVED_RELATIONS:
            add_association(rdf, iri[source], iri[target], relation, data["papers"], base)
        elif relation in (Relation.USES_METHOD, Relation.ADDRESSES_TASK, Relation.USES_DATASET):
            for index, mention in enumerate(data["evidence"]):
                add_mention(rdf, iri[source], iri[target], index, mention)
    return rdf


def add_node(rdf: Graph, subject: URIRef, data: dict) -> None:
    rdf.add((subject, RDF.type, CLASS_OF_KIND[data["kind"]]))
    if data["kind"] == "Paper":
        rdf.add((subject, DCTERMS.title, Literal(data["title"])))
        rdf.add((subject, DCTERMS.abstract, Literal(data["abstract"])))
        if data["arxiv_id"]:
            rdf.add((subject, KG.arxivId, Literal(data["arxiv_id"])))
            rdf.add((subject, SCHEMA.url, URIRef(f"https://arxiv.org/abs/{data['arxiv_id']}")))
        if data["published"]:
            rdf.add((subject, DCTERMS.date, Literal(data["published"])))
    elif data["kind"] in ("Author", "Category"):
        rdf.add((subject, RDFS.label, Literal(data["label"])))
    elif data["kind"] in KIND.values():
        rdf.add((subject, SKOS.prefLabel, Literal(data["label"])))
        for alt_label in data["alt_labels"]:
            rdf.add((subject, SKOS.altLabel, Literal(alt_label)))
        rdf.add((subject, KG.paperCount, Literal(data["papers"], datatype=XSD.integer)))
    else:
        rdf.add((subject, KG.urlKind, Literal(data["url_kind"])))


def add_mention(rdf: Graph, paper: URIRef, concept: URIRef, index: int, mention: dict) -> None:
    """A mention node: ``<paper>/mention/<concept slug>/<n>`` with the evidence of one edge."""
    node = URIRef(f"{paper}/mention/{concept.rsplit('/', 2)[-2]}/{concept.rsplit('/', 1)[-1]}/{index}")
    rdf.add((node, RDF.type, KG.Mention))
    rdf.add((node, PROV.wasDerivedFrom, paper))
    rdf.add((node, KG.mentionOf, concept))
    rdf.add((node, KG.text, Literal(mention["text"])))
    rdf.add((node, KG.field, Literal(mention["field"])))
    rdf.add((node, KG.start, Literal(mention["start"], datatype=XSD.integer)))
    rdf.add((node, KG.end, Literal(mention["end"], datatype=XSD.integer)))
    rdf.add((node, KG.sentence, Literal(mention["sentence"])))
    rdf.add((node, KG.extractedBy, Literal(mention["component"])))
    rdf.add((node, KG.confidence, Literal(canonical_decimal(mention["confidence"]), datatype=XSD.decimal)))


def canonical_decimal(value: float) -> str:
    """Two decimals in the canonical xsd:decimal form ("0.5", "1.0"), which stores keep as is."""
    text = f"{value:.2f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def add_association(
    rdf: Graph, source: URIRef, target: URIRef, relation: Relation, papers: int, base: str
) -> None:
    digest = hashlib.sha1(f"{source} {relation.value} {target}".encode()).hexdigest()[:16]
    node = URIRef(f"{base}association/{digest}")
    rdf.add((node, RDF.type, KG.Association))
    rdf.add((node, KG.source, source))
    rdf.add((node, KG.target, target))
    rdf.add((node, KG.relation, PROPERTY_OF_RELATION[relation]))
    rdf.add((node, KG.paperCount, Literal(papers, datatype=XSD.integer)))
