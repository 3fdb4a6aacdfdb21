"""The terms of ``ontology/kg.ttl`` as a typed namespace: a typo is an error, not a wrong IRI."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

from kg.rdf.prefixes import DEFAULT_BASE_IRI, ONTOLOGY_IRI, PREFIXES

SCHEMA = Namespace(PREFIXES["schema"])

__all__ = ["DEFAULT_BASE_IRI", "KG", "ONTOLOGY_IRI", "PREFIXES", "SCHEMA"]


class KG(DefinedNamespace):
    """Classes and properties of the kg ontology (``ontology/kg.ttl``)."""

    _NS = Namespace(ONTOLOGY_IRI)
    _fail = True

    Paper: URIRef
    Concept: URIRef
    Method: URIRef
    Task: URIRef
    Dataset: URIRef
    CodeRepository: URIRef
    Mention: URIRef
    Association: URIRef
    Author: URIRef
    Category: URIRef
    hasAuthor: URIRef
    inCategory: URIRef
    mentionsConcept: URIRef
    usesMethod: URIRef
    addressesTask: URIRef
    usesDataset: URIRef
    proposes: URIRef
    hasCode: URIRef
    appliedTo: URIRef
    evaluatedOn: URIRef
    benchmarkedOn: URIRef
    source: URIRef
    target: URIRef
    relation: URIRef
    mentionOf: URIRef
    field: URIRef
    start: URIRef
    end: URIRef
    sentenceStart: URIRef
    sentenceEnd: URIRef
    extractedBy: URIRef
    confidence: URIRef
    paperCount: URIRef
    rank: URIRef
    topFor: URIRef
    urlKind: URIRef
    arxivId: URIRef
