"""kg.render: what the terminal shows."""

from rich.console import Console

from kg.evaluate import evaluate
from kg.query import Evidence, neighbors
from kg.rdf.queries import example_queries
from kg.render import connections_json, evidence_text, queries_table, scores_table


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


def test_evidence_shows_each_sentence_once_the_most_confident_first_and_counts_the_rest():
    def mention(start, sentence_start, confidence, component="gazetteer"):
        sentence = ["We use GPs.", "GPs fit.", "Then GPs.", "GPs again.", "More GPs."][sentence_start // 20]
        offset = sentence.index("GPs")
        return Evidence("GPs", sentence, "abstract", start, start + 3, start - offset, component, confidence)

    mentions = [mention(7, 0, 0.5), mention(20, 20, 0.9), mention(7, 0, 0.6, "rule"), mention(45, 40, 0.7)]
    mentions += [mention(60, 60, 0.2), mention(87, 80, 0.1)]
    lines = shown(evidence_text(mentions)).splitlines()
    assert lines[:3] == [
        "GPs fit. (gazetteer 0.90)",
        "Then GPs. (gazetteer 0.70)",
        "We use GPs. (gazetteer 0.50, rule 0.60)",
    ]
    assert lines[3] == "… 2 more (--json lists them)"
