"""The key that identifies a concept's name: ``concept_key`` folds the spellings one concept
takes in running text (case, accents, hyphens, plural) into one string, so "Gaussian processes",
"Gaussian-Process" and "gaussian process" meet. Extraction, resolution and the lookup index all
key names by it; ``remember`` is the bounded per-word cache the rules share.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final, TypeVar

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
