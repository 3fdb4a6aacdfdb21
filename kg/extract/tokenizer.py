"""The pipeline's tokenizer: spaCy's English rules, with a cache that works chunk by chunk.

``kg.Tokenizer.v1`` builds spaCy's own tokenizer and, when setup.py compiled
``_chunk_cache.pyx`` against the spaCy installed, swaps in ``ChunkCachingTokenizer`` with the
same rules: the same tokens, about 40% faster on abstracts that use "e.g." or "i.e.". Without
the compiled class (``KG_PURE_PYTHON=1``, no C compiler, another spaCy) it is spaCy's tokenizer.
"""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.language import Language, create_tokenizer
from spacy.tokenizer import Tokenizer

try:
    from kg.extract._chunk_cache import BUILT_FOR_SPACY, ChunkCachingTokenizer
except ImportError:  # not compiled
    BUILT_FOR_SPACY, ChunkCachingTokenizer = "", None


def chunk_caching_available() -> bool:
    return ChunkCachingTokenizer is not None and spacy.__version__ == BUILT_FOR_SPACY


def twin_tokenizer(tokenizer: Tokenizer, kind: type[Tokenizer] = Tokenizer) -> Tokenizer:
    """A new tokenizer of class ``kind`` with the rules and vocab of ``tokenizer`` (own cache)."""
    return kind(
        tokenizer.vocab,
        rules=tokenizer.rules,
        prefix_search=tokenizer.prefix_search,
        suffix_search=tokenizer.suffix_search,
        infix_finditer=tokenizer.infix_finditer,
        token_match=tokenizer.token_match,
        url_match=tokenizer.url_match,
        faster_heuristics=tokenizer.faster_heuristics,
    )


@spacy.registry.tokenizers("kg.Tokenizer.v1")
def create_chunk_caching_tokenizer() -> Callable[[Language], Tokenizer]:
    def make(nlp: Language) -> Tokenizer:
        tokenizer = create_tokenizer()(nlp)
        if chunk_caching_available():
            return twin_tokenizer(tokenizer, ChunkCachingTokenizer)
        return tokenizer

    return make
