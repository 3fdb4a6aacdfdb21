"""The compiled helpers that read spaCy's C structures, or their pure-Python equivalents.

``_spacy_native.pyx`` is built by setup.py against the spaCy of the build; it is used only
when that is the spaCy installed (the structures it reads may change between versions).
Without it (``KG_PURE_PYTHON=1``, no C compiler, another spaCy) the results are the same.
"""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.attrs import IDX, LENGTH, LOWER
from spacy.tokens import Doc

try:
    from kg.extract import _spacy_native
except ImportError:  # not compiled
    _spacy_native = None

COMPILED = _spacy_native is not None and spacy.__version__ == _spacy_native.BUILT_FOR_SPACY


Columns = tuple[list[int], list[int], list[int]]


def spacy_token_columns(doc: Doc) -> Columns:
    """``(starts, ends, lowers)``: each token's character offsets and lower-case hash."""
    array = doc.to_array([IDX, LENGTH, LOWER]).reshape(-1, 3)
    array[:, 1] += array[:, 0]  # lengths become end offsets
    starts, ends, lowers = array.T.tolist()
    return starts, ends, lowers


token_columns: Callable[[Doc], Columns] = _spacy_native.token_columns if COMPILED else spacy_token_columns
