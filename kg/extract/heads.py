"""Typing a phrase no lexicon knows by its head word: "... neural operator" is a method,
"... segmentation" a task, "... benchmark" a dataset.

English noun phrases put the head last ("adversarial adaptive *sampling*"), or before an "of"
("optimization *of* hyperparameters"). The head vocabularies below are the usual heads of ML
method, task and dataset names (word lists in ``ontology/lexicon/words/``); ambiguous heads
("learning", "inference") are left undecided.
"""

from __future__ import annotations

import re
from typing import Final

from kg.extract.keys import remember, singular
from kg.extract.lexicon import word_list
from kg.records import ConceptType

METHOD_HEADS: Final = word_list("method-heads")
TASK_HEADS: Final = word_list("task-heads")
WEAK_HEADS: Final = word_list("weak-heads")
DATASET_HEADS: Final = word_list("dataset-heads")


# Nouns that say what kind of thing a name is, after it ("Gradient Descent Methods"); other
# capitalised words after a head make it a modifier ("Quadratic Ensemble Complexity").
NAME_KINDS: Final = frozenset(
    """method model algorithm approach framework technique architecture network scheme procedure
    strategy system estimator solver optimizer optimiser variant family""".split()
)

# "the gradient regularization technique", "an evolutionary search method": a kind noun after a
# specific name says that the name is a method.
METHOD_KINDS: Final = frozenset("technique approach method algorithm framework".split())


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
