"""kg.cli.building: the commands that read papers, as a user runs them."""

import json

from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def test_ingest_jsonl_lists_every_example_paper_once(examples):
    result = runner.invoke(app, ["ingest", str(examples), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    papers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(papers) == 100
    assert "100 papers from 137 records" in result.stderr


def test_ingest_table_and_warnings(bad_inputs):
    result = runner.invoke(app, ["ingest", str(bad_inputs / "ragged.csv")])
    assert result.exit_code == 0
    assert "Good Paper" in result.stdout
    assert "warning: " in result.stderr and "row has 4 fields" in result.stderr


def test_a_build_of_missing_inputs_leaves_no_output_folder(tmp_path):
    result = runner.invoke(app, ["build", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "new" / "out")])
    assert result.exit_code == 2
    assert "no such file or directory" in result.stderr
    assert not (tmp_path / "new" / "out").exists()


def test_strict_exits_1_on_a_bad_record(bad_inputs):
    result = runner.invoke(app, ["ingest", "--strict", str(bad_inputs / "ragged.csv")])
    assert result.exit_code == 1
    assert "ragged.csv:3: row has 4 fields" in result.stderr
