"""kg.render: what the terminal shows."""

from rich.console import Console

from kg.evaluate import evaluate
from kg.query import neighbors
from kg.rdf.queries import example_queries
from kg.render import connections_json, queries_table, scores_table


def shown(renderable) -> str:
    console = Console(width=200, record=True)
    console.print(renderable)
    return console.export_text()


def test_tables_show_every_row_they_are_given():
    text = shown(queries_table(example_queries()))
    assert all(example.name in text for example in example_queries())
    gold = [{"id": "p", "title": "T", "methods": [["LoRA"]], "tasks": [], "datasets": []}]
    scores = shown(scores_table(evaluate(gold, [{"id": "p", "title": "T", "methods": [{"name": "LoRA"}]}])))
    assert "methods" in scores and "1.000" in scores


def test_the_neighbors_json_has_the_documented_keys(example_build):
    document = connections_json(neighbors("LoRA", example_build, hops=2), hops=2)
    assert set(document) == {"concept", "neighbors", "totals", "second_neighbors"}
    assert set(document["concept"]) == {"iri", "label", "type", "aliases"}
    assert {"iri", "label", "type", "relation", "direction", "papers"} <= set(document["neighbors"][0])
