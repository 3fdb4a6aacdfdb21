"""k-fold cross-validation of the candidate model over the training gold (``make cv``).

Each fold's model is fitted on the other folds' papers and scored on its own, with the same
scorer as ``kg eval``; the table pools the held-out predictions of every fold. The rules alone
(every candidate kept, typed by its component) are scored on the same papers as a baseline.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kg.evaluate import evaluate, read_gold
from kg.extract.training import CONFIG_PATH, annotate, fit, fit_proposals, folds, load_config, predictions
from kg.ingest import read_papers
from kg.render import scores_table

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=SHARED / "gold" / "train.jsonl")
    parser.add_argument("--papers", type=Path, default=SHARED / "gold" / "train-papers.jsonl")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--config", type=Path, default=CONFIG_PATH, help="training settings (default: the model's)"
    )
    parser.add_argument("--json", action="store_true", help="print the pooled scores as JSON")
    arguments = parser.parse_args()

    config = load_config(arguments.config)
    gold = read_gold(arguments.gold)
    papers = annotate(read_papers([arguments.papers]), gold)
    predicted = []
    for number, (train, held_out) in enumerate(folds(papers, arguments.folds), 1):
        predicted.extend(predictions(held_out, fit(train, config), fit_proposals(train, config)))
        print(
            f"fold {number}/{arguments.folds}: {len(train)} papers to fit, {len(held_out)} held out",
            file=sys.stderr,
        )
    scores = evaluate(gold, predicted)
    if arguments.json:
        print(json.dumps(scores.as_dict(), indent=2))
    else:
        from rich.console import Console

        Console().print(scores_table(scores))


if __name__ == "__main__":
    main()
