"""Typing a phrase no lexicon knows by its head word: "... neural operator" is a method,
"... segmentation" a task, "... benchmark" a dataset.

English noun phrases put the head last ("adversarial adaptive *sampling*"), or before an "of"
("optimization *of* hyperparameters"). The head vocabularies below are the usual heads of ML
method, task and dataset names; ambiguous heads ("learning", "inference") are left undecided.
"""

from __future__ import annotations

import re
from typing import Final

from kg.extract.lexicon import remember, singular
from kg.records import ConceptType

METHOD_HEADS: Final = frozenset(
    """network net model algorithm method estimator sampler sampling descent ascent decomposition
    factorization factorisation transform transformer autoencoder encoder machine regression process
    optimizer optimiser solver operator filter forest tree boosting ensemble gradient embedding
    classifier regressor policy distillation quantization quantisation pruning normalization
    normalisation dropout attention mechanism module block layer kernel flow gan vae cnn rnn lstm
    mlp perceptron approximation relaxation iteration scheme heuristic search
    architecture framework technique procedure prior loss regularizer regularization regularisation
    programming parametrization parameterization parametrisation initialization initialisation
    augmentation clustering rule test bound trick strategy function""".split()
)
TASK_HEADS: Final = frozenset(
    """classification segmentation detection recognition prediction generation translation
    answering retrieval synthesis forecasting summarization summarisation reconstruction
    simulation completion parsing tagging captioning tracking localization localisation alignment
    compression discovery estimation optimization optimisation control planning navigation
    manipulation matching ranking recommendation verification identification extraction
    labeling labelling understanding reasoning editing restoration denoising deblurring inpainting
    super-resolution registration mapping analysis modeling modelling inversion interpolation
    imputation selection diagnosis screening monitoring sensing imaging attribution task""".split()
)
# Heads too broad to make a concept of a modifier run ("target function", "adaptive algorithm");
# they still type an explicitly defined phrase ("majorization-minimization algorithm (MM)").
WEAK_HEADS: Final = frozenset(
    """model method algorithm technique approach framework architecture scheme procedure strategy
    mechanism module function bound approximation test rule trick heuristic iteration search prior
    loss layer block embedding process analysis estimation optimization optimisation inference
    understanding discovery modeling modelling mapping selection control prediction task""".split()
)
DATASET_HEADS: Final = frozenset(
    "dataset datasets benchmark benchmarks corpus corpora suite treebank".split()
)


def head_word(words: list[str]) -> str:
    """The head of a noun phrase: the word before "of"/"for", else the last word."""
    lowered = [word.lower() for word in words]
    for connective in ("of", "for"):
        if connective in lowered[1:]:
            return lowered[lowered.index(connective, 1) - 1]
    return lowered[-1] if lowered else ""


_TYPES_BY_PHRASE: Final[dict[str, ConceptType | None]] = {}


def type_by_head(phrase: str) -> ConceptType | None:
    """Type a phrase by its head word, or None when the head says nothing (rules ask about
    the same words again and again: answers are cached).

    >>> [type_by_head(p) for p in ["adversarial adaptive sampling", "image segmentation", "MVCap benchmark"]]
    [<ConceptType.METHOD: 'method'>, <ConceptType.TASK: 'task'>, <ConceptType.DATASET: 'dataset'>]
    >>> type_by_head("hierarchical polynomials") is None
    True
    """
    if phrase in _TYPES_BY_PHRASE:
        return _TYPES_BY_PHRASE[phrase]
    return remember(_TYPES_BY_PHRASE, phrase, head_type(phrase))


def head_type(phrase: str) -> ConceptType | None:
    words = phrase.replace("-", " - ").split()
    if not words:
        return None
    head = head_word([word for word in words if word != "-"])
    base = singular(head)
    for heads, concept_type in (
        (DATASET_HEADS, ConceptType.DATASET),
        (TASK_HEADS, ConceptType.TASK),
        (METHOD_HEADS, ConceptType.METHOD),
    ):
        if head in heads or base in heads:
            return concept_type
    return None


_SHAPED: Final = re.compile(r"^(?=.*[A-Z])(?:[A-Za-z]*[a-z][A-Z]|[A-Z0-9][A-Z0-9\-]+$|.*\d|.*-[A-Z])")


def is_shaped_name(text: str) -> bool:
    """A token that is visibly a name: CamelCase, all capitals, or with digits.

    >>> [is_shaped_name(t) for t in ["NeuralStagger", "M-FAC", "MgNO", "GPT-4", "Poseidon", "method"]]
    [True, True, True, True, False, False]
    """
    return bool(_SHAPED.match(text))
