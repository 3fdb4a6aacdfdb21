"""The compiled helpers that read spaCy's C structures, or their pure-Python equivalents.

``_spacy_native.pyx`` is built by setup.py against the spaCy of the build; it is used only
when that is the spaCy installed (the structures it reads may change between versions).
Without it (``KG_PURE_PYTHON=1``, no C compiler, another spaCy) the results are the same.
"""

from __future__ import annotations

from typing import Any

import numpy
import spacy
from spacy.attrs import IDX, LENGTH, LOWER, SENT_START
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

try:
    from kg.extract import _spacy_native
except ImportError:  # not compiled
    _spacy_native = None

COMPILED = _spacy_native is not None and spacy.__version__ == _spacy_native.BUILT_FOR_SPACY


# (starts, ends, lowers, positions of the watched words)
Columns = tuple[list[int], list[int], list[int], dict[int, list[int]]]


def token_columns(doc: Doc, watched: frozenset[int]) -> Columns:
    """``(starts, ends, lowers, positions)``: each token's character offsets and lower-case
    hash, and the token indices where each word of ``watched`` occurs."""
    if COMPILED:
        return _spacy_native.token_columns(doc, word_set(watched))
    return spacy_token_columns(doc, watched)


def spacy_token_columns(doc: Doc, watched: frozenset[int]) -> Columns:
    array = doc.to_array([IDX, LENGTH, LOWER]).reshape(-1, 3)
    array[:, 1] += array[:, 0]  # lengths become end offsets
    starts, ends, lowers = array.T.tolist()
    positions: dict[int, list[int]] = {}
    for index, word in enumerate(lowers):
        if word in watched:
            positions.setdefault(word, []).append(index)
    return starts, ends, lowers, positions


_WORD_SETS: dict[int, tuple[frozenset[int], Any]] = {}


def word_set(words: frozenset[int]) -> Any:
    """The compiled ``WordSet`` of ``words``, made once per set (the set is kept alive here,
    so its id is not reused)."""
    known = _WORD_SETS.get(id(words))
    if known is None or known[0] is not words:
        known = _WORD_SETS[id(words)] = (words, _spacy_native.WordSet(words))
    return known[1]


def mark_sentence_starts(doc: Doc, starts: list[int]) -> None:
    """Sentence starts at the token indices ``starts``; every other token is inside one."""
    if COMPILED:
        _spacy_native.mark_sentence_starts(doc, starts)
        return
    flags = numpy.zeros((len(doc), 1), dtype=numpy.uint64)  # 0, unset: spaCy reads it as "inside"
    flags[starts] = 1  # (setting Token.is_sent_start instead costs a scan of the doc per token)
    doc.from_array([SENT_START], flags)


def phrase_matcher(vocab: Vocab, attr: str) -> PhraseMatcher:
    """A PhraseMatcher on ``attr``; compiled, one that finds the same matches faster."""
    kind = _spacy_native.LexemePhraseMatcher if COMPILED else PhraseMatcher
    return kind(vocab, attr=attr)
