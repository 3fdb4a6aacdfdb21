"""Train the candidate model that ships in ``kg/extract/trained/`` (``make model``).

Reads the training gold and its papers, runs the rule components over them, labels their
candidates from the gold (``kg.extract.training``) and fits the model with the settings of
``kg/extract/trained/config.json``. The same inputs and settings give the same file, byte for
byte. Only the training set is read: the development gold stays for validation.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.evaluate import read_gold
from kg.extract.model import MODEL_PATH, PROPOSALS_PATH, write_model
from kg.extract.training import CONFIG_PATH, annotate, fit, fit_proposals, load_config, training_examples
from kg.ingest import read_papers

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=SHARED / "gold" / "train.jsonl")
    parser.add_argument("--papers", type=Path, default=SHARED / "gold" / "train-papers.jsonl")
    parser.add_argument("--config", type=Path, default=CONFIG_PATH)
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help="the type model")
    parser.add_argument("--proposals-out", type=Path, default=PROPOSALS_PATH, help="the proposal model")
    arguments = parser.parse_args()
    for path in (arguments.gold, arguments.papers, arguments.config):
        if not path.is_file():
            sys.exit(f"{path}: no such file")

    config = load_config(arguments.config)
    papers = annotate(read_papers([arguments.papers]), read_gold(arguments.gold))
    model = fit(papers, config)
    write_model(model, arguments.out)
    proposals = fit_proposals(papers, config)
    write_model(proposals, arguments.proposals_out)
    print(f"{arguments.proposals_out.name}: {len(proposals.weights)} features")
    examples = len(training_examples(papers)[1])
    source = f"{examples} candidates of {len(papers)} papers"
    print(f"{arguments.out.name}: {len(model.weights)} features, from {source}")


if __name__ == "__main__":
    main()
