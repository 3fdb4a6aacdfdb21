"""The pipeline's tokenizer: spaCy's English rules, with a cache that works chunk by chunk.

``kg.Tokenizer.v1`` builds spaCy's own tokenizer and, when ``kg.extract.native`` has its
compiled helpers, swaps in ``ChunkCachingTokenizer`` with the same rules: the same tokens, and
the chunks after a special case such as "e.g." cached too. Otherwise it is spaCy's tokenizer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

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


_PLAIN_NAME = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")


class PatternWords:
    """The lower-case hashes of a pattern name's tokens, as the pipeline's tokenizer splits it.

    Two names in three are plain words ("Gaussian process"): no prefix, suffix or infix rule
    applies to a run of letters, so unless a word is one of the tokenizer's special cases
    ("cannot"), its tokens are its words, hashed without tokenizing. Tokenizing makes a vocab
    entry for every new word, most of the cost of tens of thousands of names. The others go
    through a private tokenizer with the same rules and vocab: the pipeline's own would fill its
    cache with names and slow every later document.
    """

    def __init__(self, nlp: Language) -> None:
        own: Any = nlp.tokenizer  # the Tokenizer class, not the Callable spaCy's stubs declare
        self.special_cases = frozenset(own.rules or ())
        self.tokenizer = twin_tokenizer(own)
        self.strings = nlp.vocab.strings  # a word's id: its hash, or its number if spaCy has one

    def __call__(self, name: str) -> list[int]:
        if _PLAIN_NAME.fullmatch(name):
            words = name.split(" ")
            if not any(word in self.special_cases for word in words):
                strings = self.strings
                return [strings[word.lower()] for word in words]
        return [token.lower for token in self.tokenizer(name)]


@spacy.registry.tokenizers("kg.Tokenizer.v1")
def create_chunk_caching_tokenizer() -> Callable[[Language], Tokenizer]:
    def make(nlp: Language) -> Tokenizer:
        tokenizer = create_tokenizer()(nlp)
        if native.COMPILED:
            return twin_tokenizer(tokenizer, native._spacy_native.ChunkCachingTokenizer)
        return tokenizer

    return make
