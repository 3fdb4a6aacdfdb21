"""Export stage: the graph as RDF (Turtle, N-Triples, JSON-LD), GraphML and a SPARQL store."""
