"""The namespaces of the kg graph as plain strings: what SPARQL queries and the store need,
without importing rdflib (``kg.rdf.vocabulary`` holds the typed terms)."""

ONTOLOGY_IRI = "https://kg.example.org/ontology#"
DEFAULT_BASE_IRI = "https://kg.example.org/id/"

PREFIXES = {
    "kg": ONTOLOGY_IRI,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
}


def node_iri(node: str, kind: str, base: str) -> str:
    """The IRI of a graph node: the base plus its path; a code repository is its own URL."""
    return node if kind == "CodeRepository" else base + node
