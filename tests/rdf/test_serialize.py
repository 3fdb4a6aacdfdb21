"""kg.rdf.serialize: the streamed serialisations."""

from pyoxigraph import Literal, NamedNode, Triple
from rdflib import Graph

from kg.rdf.serialize import convert_ntriples, flatten, write_ntriples


def test_n_triples_are_counted_and_convert_to_the_same_graph_in_turtle(tmp_path):
    paper = NamedNode("https://kg.example.org/id/paper/1")
    triples = [
        Triple(paper, NamedNode("http://purl.org/dc/terms/title"), Literal('A "quoted" title')),
        Triple(
            paper,
            NamedNode("https://kg.example.org/ontology#usesMethod"),
            NamedNode("https://kg.example.org/id/method/m"),
        ),
    ]
    assert write_ntriples(triples, tmp_path / "graph.nt") == 2
    convert_ntriples(tmp_path / "graph.nt", tmp_path / "graph.ttl")
    assert Graph().parse(tmp_path / "graph.ttl").isomorphic(Graph().parse(tmp_path / "graph.nt"))


def test_graphml_values_are_flattened_to_scalars():
    assert flatten(["a", "b"]) == "a | b"
    assert flatten({"b": 1, "a": [2]}) == '{"a":[2],"b":1}'
    assert flatten(3) == 3
