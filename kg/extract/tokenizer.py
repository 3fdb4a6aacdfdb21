"""The pipeline's tokenizer: spaCy's English rules, with a cache that works chunk by chunk.

``kg.Tokenizer.v1`` builds spaCy's own tokenizer and, when ``kg.extract.native`` has its
compiled helpers, swaps in ``ChunkCachingTokenizer`` with the same rules: the same tokens, and
the chunks after a special case such as "e.g." cached too. Otherwise it is spaCy's tokenizer.
"""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.language import Language, create_tokenizer
from spacy.tokenizer import Tokenizer

from kg.extract import native


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
        if native.COMPILED:
            return twin_tokenizer(tokenizer, native._spacy_native.ChunkCachingTokenizer)
        return tokenizer

    return make
