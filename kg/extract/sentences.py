"""Sentence boundaries, set in one vectorised pass over the token hashes.

A sentence ends after a run of terminal punctuation (". ! ?", optionally followed by closing
quotes or brackets); the abstract always starts a sentence of its own, even after a title that
has no full stop. Same rule as spaCy's rule-based sentencizer, without a Python loop per token.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.tokens import lower_hashes, title_end, token_table

_TERMINAL = numpy.array(sorted(lower_hashes([".", "!", "?", "...", "…", "?!", "!?"])), dtype=numpy.uint64)
_CLOSING = numpy.array(sorted(lower_hashes([")", "]", '"', "'", "”", "’", "»"])), dtype=numpy.uint64)


def sentence_start_flags(lowers: numpy.ndarray, glued: numpy.ndarray) -> numpy.ndarray:
    """1 where a sentence starts, -1 elsewhere, from each token's lower-case hash and whether it
    is written right after the previous token (a quote glued to "?" closes; a spaced one opens)."""
    flags = numpy.full(len(lowers), -1, dtype=numpy.int64)
    if len(lowers) == 0:
        return flags
    terminal = (lowers[:, None] == _TERMINAL[None, :]).any(axis=1)
    closing = (lowers[:, None] == _CLOSING[None, :]).any(axis=1) & glued
    ends = terminal.copy()
    # a closing quote or bracket right after a sentence end still belongs to that sentence
    for _ in range(2):
        ends[1:] |= closing[1:] & ends[:-1]
    starts = numpy.zeros(len(lowers), dtype=bool)
    starts[1:] = ends[:-1] & ~ends[1:]
    starts[0] = True
    flags[starts] = 1
    return flags


@Language.component("kg_sentences")
def split_sentences(doc: Doc) -> Doc:
    if len(doc) == 0:
        return doc
    array = token_table(doc).array
    glued = numpy.zeros(len(doc), dtype=bool)
    glued[1:] = array[1:, 0] == array[:-1, 0] + array[:-1, 1]
    flags = sentence_start_flags(array[:, 2], glued)
    abstract_start = title_end(doc)
    while abstract_start < len(doc) and doc[abstract_start].is_space:
        abstract_start += 1
    if abstract_start < len(doc):
        flags[abstract_start] = 1
    doc.from_array([SENT_START], flags.astype(numpy.uint64).reshape(-1, 1))  # type: ignore[arg-type]
    doc.user_data["kg_sentence_starts"] = numpy.flatnonzero(flags == 1)
    return doc
