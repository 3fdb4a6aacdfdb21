"""The example build end to end: every export parses, reruns are byte-identical, queries answer."""

import json
from pathlib import Path

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.store import open_store, query

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ROOT / "ontology" / "queries"
runner = CliRunner()


@pytest.fixture
def build(example_build):
    return example_build


def test_exports_parse_and_agree(build):
    turtle = Graph().parse(build / "graph.ttl")
    ntriples = Graph().parse(build / "graph.nt")
    jsonld = Graph().parse(build / "graph.jsonld", format="json-ld")
    assert len(turtle) == len(ntriples) == len(jsonld) > 2500
    summary = json.loads((build / "summary.json").read_text())
    assert summary["papers"] == 100 and summary["triples"] == len(turtle)
    assert (build / "graph.graphml").read_text().startswith("<?xml")


def test_rebuild_is_byte_identical(build, tmp_path):
    result = runner.invoke(app, ["build", str(ROOT / "examples"), "-o", str(tmp_path)])
    assert result.exit_code == 0
    for name in (
        "graph.ttl",
        "graph.nt",
        "graph.jsonld",
        "graph.graphml",
        "extractions.jsonl",
        "summary.json",
    ):
        assert (tmp_path / name).read_bytes() == (build / name).read_bytes(), name


def rows(build, name):
    results = query(open_store(build), (QUERIES / name).read_text())
    variables = [v.value for v in results.variables]
    return [{v: (s[v].value if s[v] is not None else None) for v in variables} for s in results]


def test_every_example_query_answers(build, evidence_build):
    """On the default build, all but the one about mentions, which a build states when asked."""
    for path in sorted(QUERIES.glob("*.rq")):
        assert rows(evidence_build, path.name), path.name
        assert bool(rows(build, path.name)) == (path.name != "evidence-for-edge.rq"), path.name


def test_a_default_build_is_at_most_forty_triples_per_paper_and_evidence_adds_a_mention_per_edge(
    build, evidence_build
):
    default, stated = (json.loads((b / "summary.json").read_text()) for b in (build, evidence_build))
    assert default["evidence"] == "none" and stated["evidence"] == "edges"
    assert default["triples"] <= 40 * default["papers"]
    mentioned = sum(default["edges"][relation] for relation in ("usesMethod", "addressesTask", "usesDataset"))
    assert stated["triples"] - default["triples"] == 10 * mentioned


def test_example_query_results(build, evidence_build):
    datasets = rows(build, "most-used-datasets.rq")
    assert {row["label"] for row in datasets[:3]} == {"CIFAR-10", "ImageNet", "MNIST"}
    code = rows(build, "papers-with-code.rq")
    assert "https://github.com/thuml/Latent-Spectral-Models" in {row["code"] for row in code}
    dates = [row["date"] for row in code if row["date"]]
    assert len(dates) >= 2 and dates == sorted(dates, reverse=True)
    proposed = [(row["label"], row["code"]) for row in rows(build, "proposed-methods-with-code.rq")]
    assert ("Latent Spectral Models", "https://github.com/thuml/Latent-Spectral-Models") in proposed
    assert ("Poseidon", "https://github.com/camlab-ethz/poseidon") in proposed
    studied = rows(build, "co-occurring-concepts.rq")
    assert {row["label"] for row in studied} == {"Atari", "reinforcement learning"}
    pde_methods = [row["label"] for row in rows(build, "methods-for-task.rq")]
    # stated when two papers or more apply the method to the task, the most papers first
    assert pde_methods == ["neural operators", "Physics Informed Neural Networks"]
    [evidence] = rows(evidence_build, "evidence-for-edge.rq")  # the most confident mention, first
    assert evidence["text"] == evidence["sentence"] == "Self-Normalizing Neural Networks"  # the title
    assert evidence["component"].startswith("pattern:title")
    assert [row["label"] for row in rows(build, "datasets-for-method.rq")] == ["Atari"]
    assert [row["label"] for row in rows(build, "tasks-benchmarked-on-dataset.rq")] == ["quantization"]
    evaluated = {(row["method"], row["title"]) for row in rows(build, "proposed-evaluated-on-dataset.rq")}
    assert ("Power Normalization", "PowerNorm: Rethinking Batch Normalization in Transformers") in evaluated
    top_methods = rows(build, "most-used-methods.rq")
    assert {"Transformers", "Gaussian processes"} <= {row["label"] for row in top_methods[:5]}
    method_papers = [int(row["papers"]) for row in top_methods]
    assert method_papers == sorted(method_papers, reverse=True)
    cifar_tasks = rows(build, "tasks-benchmarked-on-dataset.rq")
    assert cifar_tasks, "no task benchmarked on CIFAR-10"
    supports = [int(row["papers"]) for row in cifar_tasks]
    assert supports == sorted(supports, reverse=True)


def test_sparql_command(build):
    result = runner.invoke(
        app,
        [
            "sparql",
            "SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Paper }",
            "--store",
            str(build),
            "--format",
            "csv",
        ],
    )
    assert result.exit_code == 0 and result.stdout.splitlines() == ["n", "100"]
    result = runner.invoke(app, ["sparql", str(QUERIES / "most-used-methods.rq"), "--store", str(build)])
    assert result.exit_code == 0 and "Gaussian process" in result.stdout
    result = runner.invoke(app, ["sparql", "SELEC ?x", "--store", str(build)])
    assert result.exit_code == 2 and "SPARQL syntax error" in result.stderr


def test_sparql_runs_an_example_by_name_and_lists_them(build):
    by_name = runner.invoke(app, ["sparql", "most-used-methods", "--store", str(build), "--format", "csv"])
    by_file = runner.invoke(
        app, ["sparql", str(QUERIES / "most-used-methods.rq"), "--store", str(build), "--format", "csv"]
    )
    assert by_name.exit_code == 0 and by_name.stdout == by_file.stdout
    listed = runner.invoke(app, ["sparql", "--list", "--format", "json"])
    names = [row["name"] for row in json.loads(listed.stdout)]
    assert names == sorted(path.stem for path in QUERIES.glob("*.rq"))
    typo = runner.invoke(app, ["sparql", "most-used-method", "--store", str(build)])
    assert typo.exit_code == 2 and "did you mean most-used-methods" in typo.stderr


def test_sparql_without_a_build_says_how_to_make_one(tmp_path):
    result = runner.invoke(app, ["sparql", "ASK { ?s ?p ?o }", "--store", str(tmp_path)])
    assert result.exit_code == 2
    assert "run `kg build" in result.stderr
