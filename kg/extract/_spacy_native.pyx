# cython: language_level=3
"""What reads spaCy's C structures directly (compiled by setup.py with Cython).

- ``ChunkCachingTokenizer``: spaCy caches how it split each whitespace-separated chunk, but one
  flag per text says whether a special case ("e.g.", "i.e.", "cannot") was used: after the
  first one, no later chunk of that text is cached, so every abstract that writes "e.g." early
  splits most of its words afresh on every run. Here each chunk gets its own flag: a chunk is
  cached unless its own split used a special case, which is what the flag protects. The tokens
  are exactly spaCy's.
- ``token_columns``: the offsets and lower-case hashes ``TokenTable`` holds, read from the
  tokens in one loop; ``Doc.to_array`` takes a lock for every value it copies.
"""

from spacy.structs cimport TokenC
from spacy.tokenizer cimport Tokenizer
from spacy.tokens.doc cimport Doc
from spacy.typedefs cimport hash_t

cdef extern from *:
    """
    #ifndef KG_SPACY_VERSION
    #define KG_SPACY_VERSION ""
    #endif
    """
    const char* KG_SPACY_VERSION

# This module reads and extends spaCy's C structures: use it only with the spaCy it was built for.
BUILT_FOR_SPACY = KG_SPACY_VERSION.decode()


cdef class ChunkCachingTokenizer(Tokenizer):
    cdef int _tokenize(
        self, Doc tokens, str span, hash_t key, int* has_special, bint with_special_cases
    ) except -1:
        cdef int chunk_special = 0
        Tokenizer._tokenize(self, tokens, span, key, &chunk_special, with_special_cases)
        if chunk_special:
            has_special[0] = 1
        return 0

    @property
    def cached_chunks(self) -> int:
        """How many chunks the cache holds (spaCy keeps at most ``max_cache_size``)."""
        return len(self._cache)


def token_columns(Doc doc):
    """``(starts, ends, lowers)``: each token's character offsets and lower-case hash."""
    cdef const TokenC* tokens = doc.c
    cdef int index
    starts = [tokens[index].idx for index in range(doc.length)]
    ends = [tokens[index].idx + tokens[index].lex.length for index in range(doc.length)]
    lowers = [tokens[index].lex.lower for index in range(doc.length)]
    return starts, ends, lowers
