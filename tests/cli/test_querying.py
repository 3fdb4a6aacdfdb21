"""kg neighbors on the example build: names, aliases, acronyms, fuzzy, ambiguous, unknown, JSON."""

import json

from typer.testing import CliRunner

from kg.cli import app
from kg.graph import Node
from kg.index import INDEX_FILE, IndexWriter, index_row
from kg.query import lookup
from kg.rdf.prefixes import DEFAULT_BASE_IRI

runner = CliRunner()


def neighbors(build, *arguments):
    return runner.invoke(app, ["neighbors", *arguments, "--store", str(build)])


def answer(build, name):
    result = neighbors(build, name, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_names_aliases_and_acronyms_give_the_same_answer(example_build):
    for group in (
        ("LoRA", "low-rank adaptation", "Low-Rank Adaptation"),
        ("GP", "gaussian processes"),
        ("pinn", "physics-informed neural networks"),
    ):
        answers = [answer(example_build, name) for name in group]
        assert all(a == answers[0] for a in answers), group
        assert answers[0]["neighbors"]


def test_json_shape(example_build):
    document = answer(example_build, "GP")
    assert set(document["concept"]) == {"iri", "label", "type", "aliases"}
    assert document["concept"]["type"] == "Method"
    assert "GP" in document["concept"]["aliases"]
    first = document["neighbors"][0]
    assert set(first) == {
        "iri",
        "label",
        "type",
        "relation",
        "direction",
        "papers",
        "arxiv_id",
        "date",
        "code",
    }
    papers = [n["papers"] for n in document["neighbors"]]
    assert papers == sorted(papers, reverse=True)


def test_papers_by_arxiv_id_with_their_concepts_and_code(example_build):
    document = answer(example_build, "1706.02515")
    assert document["concept"]["label"] == "Self-Normalizing Neural Networks"
    relations = {n["relation"] for n in document["neighbors"]}
    assert {"usesMethod", "hasCode", "hasAuthor"} <= relations


def test_relation_filter_and_tables(example_build):
    result = neighbors(example_build, "Gaussian process", "--relation", "usesMethod")
    assert result.exit_code == 0
    assert "usesMethod (to this node)" in result.stdout and "appliedTo" not in result.stdout


def test_fuzzy_suggestions_and_unknown_names(example_build):
    result = neighbors(example_build, "Gausian proces")
    assert result.exit_code == 1
    assert "did you mean: Gaussian processes (Method)" in result.stderr
    result = neighbors(example_build, "zzzzqqq")
    assert result.exit_code == 1 and "nothing is called 'zzzzqqq'" in result.stderr


def test_ambiguous_names_list_the_candidates(example_build):
    result = neighbors(example_build, "BNN")
    assert result.exit_code == 1
    assert "is ambiguous" in result.stderr and "--type" in result.stderr
    assert "Bayesian neural networks (Method)" in result.stderr
    assert "Binary Neural Networks (Method)" in result.stderr
    assert "give the full name" in neighbors(example_build, "BNN", "--type", "method").stderr
    paper_or_task = "Measuring the Intrinsic Dimension of Objective Landscapes"
    assert neighbors(example_build, paper_or_task).exit_code == 1
    assert neighbors(example_build, paper_or_task, "--type", "paper").exit_code == 0


def test_empty_input_and_missing_build(tmp_path, example_build):
    assert neighbors(example_build, "  ").exit_code == 2
    result = runner.invoke(app, ["neighbors", "GP", "--store", str(tmp_path)])
    assert result.exit_code == 2 and "run `kg build" in result.stderr


def test_search_show_and_stats(example_build):
    result = runner.invoke(app, ["search", "neural operator", "--store", str(example_build), "--json"])
    assert result.exit_code == 0
    found = json.loads(result.stdout)
    assert found[0]["label"] == "neural operators" and found[0]["type"] == "Method"
    result = runner.invoke(app, ["show", "1706.02515", "--store", str(example_build), "--json"])
    document = json.loads(result.stdout)
    facts = {fact["property"]: fact["value"] for fact in document["facts"]}
    assert facts["dcterms:title"] == "Self-Normalizing Neural Networks"
    assert facts["kg:arxivId"] == "1706.02515"
    assert any(n["type"] == "CodeRepository" for n in document["neighbors"])
    result = runner.invoke(app, ["stats", "--store", str(example_build), "--json"])
    summary = json.loads(result.stdout)
    assert summary["nodes"]["Paper"] == 100
    assert summary["papers_with_code"] >= 15
    assert summary["top_concepts"][0][2] >= summary["top_concepts"][-1][2]


def test_evidence_and_two_hops(example_build):
    document = answer_with(example_build, "Bayesian optimization", "--evidence", "--hops", "2")
    papers = [n for n in document["neighbors"] if n["type"] == "Paper"]
    assert papers and all(n["evidence"] for n in papers)
    mentions = [mention for n in papers for mention in n["evidence"]]
    # read back from each paper's abstract (or title) at the offsets the index keeps
    assert all(m["text"] and m["text"] in m["sentence"] for m in mentions)
    assert all(m["field"] in ("title", "abstract") and 0 <= m["confidence"] <= 1 for m in mentions)
    assert any(m["text"].lower().startswith("bayesian optimi") for m in mentions)
    second = document["second_neighbors"]
    assert second and {n["via"] for n in second} <= {n["iri"] for n in document["neighbors"]}
    assert all(n["iri"] != document["concept"]["iri"] for n in second)


def answer_with(build, name, *options):
    result = neighbors(build, name, "--json", *options)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_limit_caps_each_relation_and_totals_say_how_many_there_are(example_build):
    document = answer_with(example_build, "Bayesian optimization", "--limit", "1")
    shown: dict[tuple[str, str], int] = {}
    for neighbor in document["neighbors"]:
        key = (neighbor["relation"], neighbor["direction"])
        shown[key] = shown.get(key, 0) + 1
    totals = {(t["relation"], t["direction"]): t["count"] for t in document["totals"]}
    assert set(shown) == set(totals) and all(count == 1 for count in shown.values())
    assert max(totals.values()) > 1


def test_a_preferred_label_wins_over_the_same_name_as_an_alias(tmp_path):
    writer = IndexWriter(tmp_path / INDEX_FILE)
    for node_id, label, alt_labels in (
        ("method/db850", "DB850", []),
        ("method/deep-bert", "Deep BERT", ["DB850"]),
    ):
        node = Node(node_id, "Method", {"label": label, "alt_labels": alt_labels, "papers": 1})
        writer.add(index_row(node, DEFAULT_BASE_IRI))
    writer.close()
    assert [node.label for node in lookup(tmp_path, "db850").matches] == ["DB850"]
    assert [node.label for node in lookup(tmp_path, "Deep BERT").matches] == ["Deep BERT"]


def test_show_evidence_reads_a_code_link_back_from_the_abstract(example_build):
    result = runner.invoke(app, ["show", "1706.02515", "--store", str(example_build), "--evidence", "--json"])
    assert result.exit_code == 0, result.output
    [code] = [n for n in json.loads(result.stdout)["neighbors"] if n["relation"] == "hasCode"]
    [mention] = code["evidence"]
    assert mention["text"] == "github.com/bioinf-jku/SNNs" and mention["component"] == "url"
    assert mention["sentence"].startswith("Implementations are available at")
