"""The build's lookup index: names, nodes, and neighbours from both ends ordered by support."""

import sqlite3
import subprocess
import sys

import pytest

from kg.index import INDEX_FILE, IndexMissingError, IndexWriter, LinkRow, NodeRow, holds_paper, open_index
from kg.query import Node, aliases, lookup, neighbor_counts, node_neighbors, stats

BASE = "https://kg.example.org/id/"


@pytest.fixture
def folder(tmp_path):
    """Three papers using two methods for one task; one method is used by two papers."""
    lora, adam, nlg = (BASE + name for name in ("method/lora", "method/adam", "task/nlg"))
    papers = [BASE + f"paper/p{index}" for index in range(3)]
    nodes = [
        NodeRow(lora, "Low-Rank Adaptation", "Method", ("LoRA",), papers=2),
        NodeRow(adam, "Adam", "Method", papers=1),
        NodeRow(nlg, "natural language generation", "Task", papers=3),
        *(
            NodeRow(paper, f"Paper {index}", "Paper", arxiv=f"2401.0000{index}")
            for index, paper in enumerate(papers)
        ),
    ]
    links = [
        LinkRow(papers[0], "usesMethod", lora),
        LinkRow(papers[1], "usesMethod", lora),
        LinkRow(papers[2], "usesMethod", adam),
        *(LinkRow(paper, "addressesTask", nlg) for paper in papers),
        LinkRow(lora, "appliedTo", nlg, papers=2),
        LinkRow(adam, "appliedTo", nlg, papers=1),
    ]
    index = IndexWriter(tmp_path / INDEX_FILE)
    for row in (*nodes, *links):
        index.add(row)
    index.close()
    return tmp_path


def test_names_resolve_by_label_alias_and_arxiv_id(folder):
    assert [n.label for n in lookup(folder, "lora").matches] == ["Low-Rank Adaptation"]
    assert [n.label for n in lookup(folder, "low rank adaptation").matches] == ["Low-Rank Adaptation"]
    assert [n.label for n in lookup(folder, "2401.00002").matches] == ["Paper 2"]
    assert aliases(folder, lookup(folder, "LoRA").matches[0]) == ["LoRA"]


def test_neighbours_come_from_both_ends_most_supported_first(folder):
    task = Node(BASE + "task/nlg", "natural language generation", "Task")
    found = node_neighbors(folder, task)
    applied = [(n.label, n.papers, n.direction) for n in found if n.relation == "appliedTo"]
    assert applied == [("Low-Rank Adaptation", 2, "in"), ("Adam", 1, "in")]
    assert neighbor_counts(folder, task) == {("addressesTask", "in"): 3, ("appliedTo", "in"): 2}
    paper = next(n for n in found if n.relation == "addressesTask")
    assert paper.details == {"arxiv": "2401.00000"}


def test_limit_keeps_the_best_of_each_relation(folder):
    task = Node(BASE + "task/nlg", "natural language generation", "Task")
    found = node_neighbors(folder, task, limit=1)
    assert [(n.relation, n.label) for n in found] == [
        ("appliedTo", "Low-Rank Adaptation"),
        ("addressesTask", "Paper 0"),
    ]
    assert [n.relation for n in node_neighbors(folder, task, relations=["appliedTo"])] == ["appliedTo"] * 2


def test_stats_count_types_and_rank_concepts(folder):
    result = stats(folder, top=2)
    assert result.nodes == {"Method": 2, "Paper": 3, "Task": 1}
    assert result.top_concepts == [
        ("natural language generation", "Task", 3),
        ("Low-Rank Adaptation", "Method", 2),
    ]


def test_a_folder_without_a_build_says_how_to_make_one(tmp_path):
    with pytest.raises(IndexMissingError, match="kg build"):
        open_index(tmp_path)


def test_the_index_is_read_only_for_readers(folder):
    with open_index(folder) as connection, pytest.raises(sqlite3.OperationalError):
        connection.execute("DELETE FROM nodes")


def test_query_commands_load_no_nlp_or_validation_libraries(example_build):
    """What keeps `kg neighbors` quick as a process: neither spaCy nor pydantic is imported."""
    code = (
        "import sys\n"
        "from kg.cli import app\n"
        f"try: app(['neighbors', 'LoRA', '--store', {str(example_build)!r}])\n"
        "except SystemExit: pass\n"
        "print(sorted(name for name in ('spacy', 'pydantic', 'rdflib', 'networkx') if name in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_an_index_from_another_version_asks_for_a_rebuild(folder):
    with sqlite3.connect(folder / INDEX_FILE) as connection:
        connection.execute("PRAGMA user_version = 1")
    connection.close()
    with pytest.raises(IndexMissingError, match="another version of kg: run `kg build` again"):
        open_index(folder)


def test_a_paper_is_held_by_its_arxiv_id_or_by_its_title_unless_the_arxiv_ids_differ(tmp_path):
    index = IndexWriter(tmp_path / INDEX_FILE)
    index.add(NodeRow(BASE + "paper/a", "Attention Is All You Need", "Paper", arxiv="1706.03762"))
    index.add(NodeRow(BASE + "paper/b", "A Survey of Surveys", "Paper"))
    index.close()
    with sqlite3.connect(tmp_path / INDEX_FILE) as connection:
        assert holds_paper(connection, "Another title", "1706.03762")
        assert holds_paper(connection, "attention is all you need", None)
        assert holds_paper(connection, "Attention is all you need.", "1706.03762")
        assert not holds_paper(connection, "Attention Is All You Need", "2401.00001")
        assert holds_paper(connection, "A survey of surveys", "2401.00001")
        assert not holds_paper(connection, "A Survey of Surveys, Revisited", None)
