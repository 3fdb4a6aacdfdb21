"""The compiled helpers that read spaCy's C structures, or their pure-Python equivalents.

``_spacy_native.pyx`` is built by setup.py against the spaCy of the build; it is used only
when that is the spaCy installed (the structures it reads may change between versions).
Without it (``KG_PURE_PYTHON=1``, no C compiler, another spaCy) the results are the same.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import numpy
import spacy
from spacy.attrs import IDX, LENGTH, LOWER, SENT_START
from spacy.matcher import PhraseMatcher
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.extract import freshness

try:
    if freshness.HELPERS_FROM_SOURCE:  # stale or refused: the public API below instead
        raise ImportError(freshness.SPACY_HELPERS)
    from kg.extract import _spacy_native
except ImportError:  # not compiled
    _spacy_native = None

COMPILED = _spacy_native is not None and spacy.__version__ == _spacy_native.BUILT_FOR_SPACY


WordSets = tuple[frozenset[int], ...]  # the watched word sets, a bit each in registration order
# (starts, ends, lowers, which watched sets hold each token)
Columns = tuple[list[int], list[int], list[int], Any]


def token_columns(doc: Doc, watched: WordSets, words: Collection[int] = ()) -> Columns:
    """``(starts, ends, lowers, bits)``: each token's character offsets and lower-case hash,
    and ``bits.positions(bit, start, stop)``, the tokens in ``[start, stop)`` of the word set
    ``watched[bit]``. Compiled, a token whose hash is one of ``words`` (or of a watched set)
    gets that very int object."""
    if COMPILED:
        return _spacy_native.token_columns(doc, compiled_word_sets(watched, words))
    return spacy_token_columns(doc, watched)


def spacy_token_columns(doc: Doc, watched: WordSets) -> Columns:
    array = doc.to_array([IDX, LENGTH, LOWER]).reshape(-1, 3)
    array[:, 1] += array[:, 0]  # lengths become end offsets
    starts, ends, lowers = array.T.tolist()
    return starts, ends, lowers, SetPositions(lowers, watched)


class SetPositions:
    """``TokenBits`` in Python: the token indices of each watched word set, found in one pass."""

    def __init__(self, lowers: list[int], watched: WordSets) -> None:
        self.found: list[list[int]] = [[] for _ in watched]
        sets_of = sets_holding(watched)
        for index, word in enumerate(lowers):
            for bit in sets_of.get(word, ()):
                self.found[bit].append(index)

    def positions(self, bit: int, start: int, stop: int) -> list[int]:
        return [index for index in self.found[bit] if start <= index < stop]


_COMPILED_SETS: dict[tuple[WordSets, int], Any] = {}
_SETS_HOLDING: dict[WordSets, dict[int, list[int]]] = {}


def compiled_word_sets(watched: WordSets, words: Collection[int]) -> Any:
    """The compiled ``WordSets`` of ``watched`` and ``words``, made once (rules register their
    words at import; ``words`` only grows, so its size tells its versions apart)."""
    key = (watched, len(words))
    if key not in _COMPILED_SETS:
        _COMPILED_SETS[key] = _spacy_native.WordSets(watched, words)
    return _COMPILED_SETS[key]


def sets_holding(watched: WordSets) -> dict[int, list[int]]:
    """For each watched hash, the bits of the sets that hold it."""
    if watched not in _SETS_HOLDING:
        holding: dict[int, list[int]] = {}
        for bit, words in enumerate(watched):
            for word in words:
                holding.setdefault(word, []).append(bit)
        _SETS_HOLDING[watched] = holding
    return _SETS_HOLDING[watched]


def mark_sentence_starts(doc: Doc, starts: list[int]) -> None:
    """Sentence starts at the token indices ``starts``; every other token is inside one."""
    if COMPILED:
        _spacy_native.mark_sentence_starts(doc, starts)
        return
    flags = numpy.zeros((len(doc), 1), dtype=numpy.uint64)  # 0, unset: spaCy reads it as "inside"
    flags[starts] = 1  # (setting Token.is_sent_start instead costs a scan of the doc per token)
    doc.from_array([SENT_START], flags)


def match_id(key: str) -> int:
    """The id a phrase matcher's matches carry for patterns added under ``key``."""
    return int(hash_string(key))


def phrase_matcher(vocab: Vocab, attr: str) -> PhraseMatcher:
    """A PhraseMatcher on ``attr``; compiled, one that finds the same matches faster."""
    kind = _spacy_native.LexemePhraseMatcher if COMPILED else PhraseMatcher
    return kind(vocab, attr=attr)
