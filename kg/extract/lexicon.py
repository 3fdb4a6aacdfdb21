"""The curated concept lexicons (``ontology/lexicon/*.tsv``), the generic terms no concept is
named by alone, and the rules' word lists (``ontology/lexicon/words/``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

from kg.extract.keys import concept_key
from kg.records import ConceptType
from kg.resources import lexicon_dir

LEXICON_DIR: Final = lexicon_dir()
LEXICON_FILES: Final = {
    ConceptType.METHOD: "methods.tsv",
    ConceptType.TASK: "tasks.tsv",
    ConceptType.DATASET: "datasets.tsv",
}

# Bare generic words (GUIDELINES: "Exclude bare generic words") and vague goals: never concepts alone.
GENERIC_TERMS: Final = frozenset(
    {
        "neural network",
        "deep neural network",
        "artificial neural network",
        "dnn",
        "ann",
        "artificial intelligence",
        "ai",
        "deep network",
        "deep learning",
        "machine learning",
        "deep learning model",
        "machine learning model",
        "model",
        "algorithm",
        "method",
        "approach",
        "framework",
        "architecture",
        "network",
        "technique",
        "system",
        "data",
        "dataset",
        "task",
        "problem",
        "learning",
        "training",
        "performance",
        "accuracy",
        "efficiency",
        "generalization",
        "generalisation",
        "robustness",
        "experiment",
        "result",
        "analysis",
        "theory",
        "baseline",
        "benchmark",
        "application",
        "feature",
        "representation",
        "prediction",
        "inference",
        "optimization",
        "optimisation",
        "estimation",
        "evaluation",
        "computation",
        "function",
        "loss",
        "loss function",
        "objective",
        "solution",
        "solver",
        "parameter",
        "hyperparameter",
        "layer",
        "input",
        "output",
        "sample",
        "distribution",
        "signal",
        "image",
        "text",
        "language",
        "model training",
        "neural model",
        "learning algorithm",
        "optimization algorithm",
        "training data",
        "test data",
        "real data",
        "synthetic data",
        "real world data",
        "benchmark dataset",
        "large dataset",
        "data set",
        "deep model",
        "learned model",
        "pretrained model",
        "pre trained model",
        "base model",
        "scalability",
        "complexity",
        "convergence",
        "stability",
        "interpretability",
        "speed",
        "memory",
        "cost",
        "error",
        "noise",
        "structure",
        "process",
        "procedure",
        "strategy",
        "scheme",
        "mechanism",
        "module",
        "component",
        "pipeline",
        "tool",
        "toolkit",
        "library",
        "implementation",
        "code",
        "software",
        "platform",
        "metric",
        "measure",
        "score",
        "quality",
        "setting",
        "scenario",
        "domain",
        "field",
        "area",
        "research",
        "study",
        "work",
        "paper",
        "computer",
        "gpu",
        "cpu",
        "hardware",
        "resource",
        "information",
        "knowledge",
        "example",
        "instance",
        "object",
        "entity",
        "label",
        "class",
        "category",
        "variable",
        "value",
        "vector",
        "matrix",
        "tensor",
        "graph",
        "node",
        "edge",
        "tree",
        "set",
        "space",
        "dimension",
        "time series",
        "size",
        "rate",
        "time",
        "step",
        "iteration",
        "epoch",
        "batch",
        "weight",
        "gradient",
        "kernel",
        "activation",
        "regularization",
        "regularisation",
        "prior",
        "posterior",
        "likelihood",
        "embedding",
        "encoder",
        "decoder",
        "attention",
        "transformation",
        "operator",
        "simulation",
        "modeling",
        "modelling",
        "control",
        "planning",
        "search",
        "reasoning",
        "understanding",
        "recognition",
        "detection",
        "classification task",
        "regression task",
        "downstream task",
        "real world application",
        "state of the art",
        "state of the art method",
        "existing method",
        "new method",
        "proposed method",
        "our method",
        "our model",
        "our approach",
        "neural",
        "deep",
        "statistical",
        # building blocks every network has, not techniques a paper chooses
        "convolution",
        "convolution layer",
        "convolutional layer",
        "linear layer",
        "fully connected layer",
        "hidden layer",
        "pooling layer",
        "feature map",
        "activation function",
        "softmax",
    }
)

# Words that make no concept on their own or together: "supervised learning method", "deep model".
GENERIC_WORDS: Final = frozenset(
    """machine learning deep neural network model method approach algorithm technique problem
    statistical probabilistic computational complexity supervised unsupervised training strategy
    experimental result empirical study parametric generative application level feature space
    structure hierarchical representation low high dimensional data based framework system task
    analysis process classifier new novel efficient general simple standard large small modern
    classical existing proposed our art state of the layer unit parameter rate pass architecture
    function step update prediction distribution term solution bound output input hidden
    intermediate trained learned wide shallow single multiple objective principled approximate
    upper lower forward backward weighting scheme procedure technique numerical linear nonlinear
    search optimization inference regularization regularisation nn capacity power representational
    code local global initial final original better good best higher different similar various
    difficulty computation calculation step accurate theoretical study ablation stability layered
    multilayer multilayered""".split()
)


def word_list(name: str, directory: Path = LEXICON_DIR) -> frozenset[str]:
    """The words of ``words/<name>.txt`` beside the lexicons: whitespace-separated, ``#`` lines
    are comments. The rules' vocabularies (head nouns, closed-class words, ...) live there, as
    data a reader can edit without reading code."""
    text = (directory / "words" / f"{name}.txt").read_text(encoding="utf-8")
    return frozenset(word for line in text.splitlines() if not line.startswith("#") for word in line.split())


@dataclass(frozen=True)
class LexiconEntry:
    id: str
    type: ConceptType
    label: str
    aliases: tuple[str, ...]


@cache
def load_lexicon(directory: Path = LEXICON_DIR) -> tuple[LexiconEntry, ...]:
    """Every lexicon entry, typed by the file it comes from; ids are ``<type>:<key of label>``."""
    entries = []
    for concept_type, filename in LEXICON_FILES.items():
        path = directory / filename
        if not path.exists():
            continue
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                aliases = tuple(alias for alias in (row.get("aliases") or "").split("|") if alias)
                entries.append(
                    LexiconEntry(
                        f"{concept_type.value}:{concept_key(row['label'])}",
                        concept_type,
                        row["label"],
                        aliases,
                    )
                )
    return tuple(entries)


@cache
def lexicon_by_key(directory: Path = LEXICON_DIR) -> dict[str, LexiconEntry]:
    """Lexicon entries by the key of each of their names; the first entry of a key wins."""
    index: dict[str, LexiconEntry] = {}
    for entry in load_lexicon(directory):
        for name in (entry.label, *entry.aliases):
            index.setdefault(concept_key(name), entry)
    return index
