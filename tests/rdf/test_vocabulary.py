import re
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS

from kg.rdf.vocabulary import KG, ONTOLOGY_IRI

ROOT = Path(__file__).resolve().parents[2]


def declared_terms():
    ontology = Graph().parse(ROOT / "ontology" / "kg.ttl")
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return ontology, {
        str(subject).removeprefix(ONTOLOGY_IRI)
        for kind in kinds
        for subject in ontology.subjects(RDF.type, kind)
        if str(subject).startswith(ONTOLOGY_IRI)
    }


def test_namespace_and_ontology_declare_the_same_terms():
    _, declared = declared_terms()
    in_code = {name for name in KG.__annotations__ if not name.startswith("_")}
    assert in_code == declared


def test_code_uses_only_declared_terms():
    _, declared = declared_terms()
    used = set()
    for path in (ROOT / "kg").rglob("*.py"):
        used |= set(re.findall(r"\bKG\.([A-Za-z]+)", path.read_text()))
    assert used <= declared, used - declared


def test_every_term_has_a_label_and_a_comment():
    ontology, declared = declared_terms()
    for name in declared:
        term = KG[name]
        assert ontology.value(term, RDFS.label) is not None, name
        assert ontology.value(term, RDFS.comment) is not None, name
