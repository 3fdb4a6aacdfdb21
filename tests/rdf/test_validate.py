"""kg.rdf.validate: kg validate against the SHACL shapes."""

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.vocabulary import KG

runner = CliRunner()


def test_the_example_build_validates(example_build):
    result = runner.invoke(app, ["validate", str(example_build)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.stdout


def test_validation_names_what_is_wrong(evidence_build, tmp_path):
    graph = Graph().parse(evidence_build / "graph.ttl")
    paper, _, title = next(iter(graph.triples((None, DCTERMS.title, None))))
    graph.remove((paper, DCTERMS.title, title))
    mention = next(graph.subjects(KG.field, None))
    graph.set((mention, KG.field, Literal("body")))
    graph.serialize(tmp_path / "corrupt.ttl", format="turtle")
    text = (evidence_build / "graph.ttl").read_text()
    result = runner.invoke(app, ["validate", str(tmp_path / "corrupt.ttl")])
    assert result.exit_code == 1
    assert "A paper has exactly one non-empty title." in result.stdout
    assert 'Value Literal("body") not in list' in result.stdout
    (tmp_path / "broken.ttl").write_text(text[:3000] + " <<< not turtle")
    result = runner.invoke(app, ["validate", str(tmp_path / "broken.ttl")])
    assert result.exit_code == 2
    assert "not a readable RDF graph" in result.stderr and "Traceback" not in result.output
