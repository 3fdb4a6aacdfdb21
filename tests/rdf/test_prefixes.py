"""kg.rdf.prefixes: IRIs of graph nodes."""

from kg.rdf.prefixes import DEFAULT_BASE_IRI, PREFIXES, node_iri


def test_nodes_get_the_base_and_code_repositories_keep_their_url():
    assert node_iri("method/lora", "Method", DEFAULT_BASE_IRI) == DEFAULT_BASE_IRI + "method/lora"
    url = "https://github.com/microsoft/LoRA"
    assert node_iri(url, "CodeRepository", DEFAULT_BASE_IRI) == url
    assert PREFIXES["kg"].startswith("https://") and PREFIXES["kg"].endswith("#")
