"""The curated concept lexicons (``ontology/lexicon/*.tsv``) and the key that identifies a name.

``concept_key`` folds the spellings one concept takes in running text (case, accents, hyphens,
plural) into one string, so "Gaussian processes", "Gaussian-Process" and "gaussian process" meet.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final, TypeVar

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

_DASHES: Final = re.compile(r"[-_/\u2010-\u2015]")
_NOT_WORD: Final = re.compile(r"[^a-z0-9+ ]")
_LETTERS_DIGITS: Final = re.compile(r"(?<=[a-z]) (?=\d)")
_ACRONYM_PLURAL: Final = re.compile(r"^([A-Z][A-Za-z0-9]*[A-Z0-9])s$")


def singular(word: str) -> str:
    """English plural of the last word of a concept name, undone; leaves non-plurals alone.

    >>> [singular(w) for w in ["processes", "networks", "ontologies", "bias", "PINNs", "loss", "series"]]
    ['process', 'network', 'ontology', 'bias', 'PINN', 'loss', 'series']
    """
    if not word.endswith(("s", "S")):
        return word  # most words, answered before any pattern is tried
    if match := _ACRONYM_PLURAL.match(word):
        return match[1]
    lower = word.lower()
    if (
        len(lower) <= 3
        or not lower.endswith("s")
        or lower.endswith(("ss", "us", "is", "as", "ous", "series", "species"))
    ):
        return word  # "series" and "species" are their own singular
    if lower.endswith("ies") and len(lower) > 4:
        return word[:-3] + "y"
    if lower.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    return word[:-1]


_Question = TypeVar("_Question")
_Answer = TypeVar("_Answer")

# Per-word answers that rules cache are forgotten past this many words, so a long run over an
# open vocabulary keeps a bounded cache; the common words come back at once. A plain dict: from
# compiled code a lookup costs a third of a call through functools.lru_cache.
MAX_CACHED_WORDS: Final = 1 << 18


def remember(answers: dict[_Question, _Answer], question: _Question, answer: _Answer) -> _Answer:
    """Cache ``answer`` to ``question`` in ``answers``, emptied when it holds MAX_CACHED_WORDS."""
    if len(answers) >= MAX_CACHED_WORDS:
        answers.clear()
    answers[question] = answer
    return answer


_CONCEPT_KEYS: Final[dict[str, str]] = {}


def concept_key(name: str) -> str:
    """Fold case, accents, hyphens and a final plural: one key per concept spelling family.

    >>> concept_key("Physics-Informed Neural Networks") == concept_key("physics informed neural network")
    True
    >>> concept_key("Fréchet  GPs")
    'frechet gp'
    >>> concept_key("CIFAR-10") == concept_key("CIFAR10")
    True
    >>> concept_key("bi-level optimization") == concept_key("bilevel optimization")
    True
    """
    key = _CONCEPT_KEYS.get(name)
    return key if key is not None else remember(_CONCEPT_KEYS, name, fold_spelling(name))


def forget_concept_keys() -> None:
    """Empty ``concept_key``'s cache. Loading the lexicons folds some 16,000 names; extraction
    meets far fewer again and again, and looks them up faster in a cache of only those (one
    that fits the processor's caches)."""
    _CONCEPT_KEYS.clear()


def fold_spelling(name: str) -> str:
    words = name.split()
    if words:
        words[-1] = singular(words[-1])
    folded = unicodedata.normalize("NFKD", " ".join(words)).encode("ascii", "ignore").decode().lower()
    folded = _NOT_WORD.sub("", _DASHES.sub(" ", folded))
    return _GLUED_PREFIX.sub(r"\1", _LETTERS_DIGITS.sub("", " ".join(folded.split())))


# Prefixes written glued, hyphenated or spaced ("multitask", "multi-task", "multi task").
JOINABLE_PREFIXES: Final = "bi|hyper|meta|multi|non|pre|semi"
_GLUED_PREFIX: Final = re.compile(rf"\b({JOINABLE_PREFIXES}) (?=[a-z]{{3,}})")


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
