import json

from typer.testing import CliRunner

from kg.cli import app
from kg.evaluate import evaluate

GOLD = {
    "id": "p1",
    "title": "Gaussian Processes for Bayesian Optimization",
    "methods": [["Gaussian process", "GP"], ["Hamiltonian Monte Carlo", "HMC"]],
    "methods_optional": [["kernel methods"]],
    "tasks": [["Bayesian optimization"]],
    "datasets": [],
    "code_urls": ["https://github.com/a/b"],
    "proposed": [],
}


def test_optional_and_duplicate_predictions_are_neutral_and_plurals_match():
    predicted = {
        "title": "Gaussian processes for Bayesian optimization!",
        "methods": [{"name": "Gaussian processes", "aliases": []}, "GP", "kernel methods", "dropout"],
        "tasks": ["Bayesian Optimization"],
        "code_urls": ["github.com/a/b."],
    }
    scores = evaluate([GOLD], [predicted]).scores
    assert (scores["methods"].tp, scores["methods"].fp, scores["methods"].fn) == (1, 1, 1)
    assert scores["tasks"].f1 == 1.0
    assert scores["micro"].tp == 2 and scores["micro"].fn == 1
    assert scores["code_urls"].f1 == 1.0


def test_missing_predictions_count_as_misses():
    evaluation = evaluate([GOLD], [])
    assert evaluation.missing == 1
    assert evaluation.scores["micro"].recall == 0.0


def test_eval_command_on_a_tiny_gold_file(tmp_path, examples):
    gold = tmp_path / "gold.jsonl"
    record = {
        "id": "x",
        "title": "Self-Normalizing Neural Networks",
        "methods": [["self-normalizing neural networks", "SNNs"]],
        "tasks": [],
        "datasets": [["Tox21"]],
        "code_urls": ["https://github.com/bioinf-jku/SNNs"],
        "proposed": [["self-normalizing neural networks", "SNNs"]],
    }
    gold.write_text(json.dumps(record) + "\n")
    result = CliRunner().invoke(
        app, ["eval", "--gold", str(gold), "--json", str(examples / "arxiv_api.atom")]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["papers"] == 1 and scores["papers_missing"] == 0
    assert scores["code_urls"]["f1"] == 1.0
    assert scores["datasets"]["tp"] == 1
    assert scores["proposed"]["tp"] == 1
