"""The library as a notebook uses it: ``from kg import build, add, extract_papers, neighbors``."""

import json

from kg import add, build, extract_papers, neighbors, read_papers
from kg.render import connections_json

from .conftest import ROOT, kg_ok


def test_the_functions_give_what_the_commands_give(tmp_path):
    papers = list(read_papers([ROOT / "examples"]))
    first, rest = papers[:-3], papers[-3:]
    summary = build(first, str(tmp_path / "out"))
    assert summary.papers == len(first)
    assert add(rest, tmp_path / "out").papers == len(papers)

    found = neighbors("LoRA", tmp_path / "out", limit=5, with_evidence=True)
    assert found.node.label == "Low-Rank Adaptation" and found.neighbors
    assert all(len([n for n in found.neighbors if (n.relation, n.direction) == g]) <= 5 for g in found.totals)
    command = kg_ok("neighbors", "LoRA", "--store", tmp_path / "out", "--limit", "5", "--evidence", "--json")
    assert json.loads(command.stdout) == json.loads(json.dumps(connections_json(found), ensure_ascii=False))

    extracted = list(extract_papers(papers[:2]))
    assert [e.paper.id for e in extracted] == [p.id for p in papers[:2]]
