# cython: language_level=3
"""What reads spaCy's C structures directly (compiled by setup.py with Cython).

- ``ChunkCachingTokenizer``: spaCy caches how it split each whitespace-separated chunk, but one
  flag per text says whether a special case ("e.g.", "i.e.", "cannot") was used: after the
  first one, no later chunk of that text is cached, so every abstract that writes "e.g." early
  splits most of its words afresh on every run. Here each chunk gets its own flag: a chunk is
  cached unless its own split used a special case, which is what the flag protects. The tokens
  are exactly spaCy's. Its loop over the characters of a text is spaCy's too, written with C
  values, and each Doc is sized for its text at once.
- ``token_columns``: the offsets and lower-case hashes ``TokenTable`` holds, read from the
  tokens in one loop (``Doc.to_array`` takes a lock for every value it copies), with the
  indices of the tokens in each watched word set (``TokenBits``), which ``positions_of`` reads
  by binary search; the offsets are ints made once, not per token, and so are the hashes of
  the words rules compare with (``WordSets``).
- ``LexemePhraseMatcher``: spaCy's PhraseMatcher, finding the same matches in the same order,
  but reading ORTH or LOWER straight from each token's lexeme (spaCy's attribute getter takes
  the GIL state for every token it reads), looking up only tokens that a bit set of first
  words admits, and returning the matches without looking up callbacks when none is set.
- ``mark_sentence_starts``: sentence starts written into the tokens without a numpy array.
"""

from cpython.list cimport PyList_GET_ITEM
from cpython.ref cimport PyObject
from cpython.unicode cimport Py_UNICODE_ISSPACE, PyUnicode_1BYTE_DATA
from libc.string cimport memset
from cython.operator cimport dereference as deref, preincrement as inc
from libcpp.algorithm cimport lower_bound
from libc.stdint cimport uint64_t
from libcpp.vector cimport vector
from murmurhash.mrmr cimport hash64
from preshed.maps cimport MapStruct, key_t, map_get, map_init, map_iter, map_set
from spacy.attrs cimport LOWER, ORTH
from spacy.matcher.phrasematcher cimport PhraseMatcher
from spacy.strings cimport hash_string
from spacy.structs cimport SpanC, TokenC
from spacy.tokenizer cimport Tokenizer
from spacy.tokens.doc cimport Doc
from spacy.typedefs cimport attr_t, hash_t

from spacy.errors import Errors

cdef extern from "Python.h":
    bint PyUnicode_IS_ASCII(object string)

cdef extern from *:
    int count_trailing_zeros "__builtin_ctzll" (unsigned long long) nogil

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
    def __init__(self, *args, **kwargs):
        Tokenizer.__init__(self, *args, **kwargs)
        # The special cases that hold affix characters ("e.g.", ":)") are looked for in every
        # doc by a PhraseMatcher on ORTH: the same patterns, in the faster matcher below.
        stock = self._special_matcher
        faster = LexemePhraseMatcher(self.vocab)
        for key, patterns in stock._docs.items():
            faster.add(key, [list(pattern) for pattern in patterns], on_match=stock._callbacks.get(key))
        self._special_matcher = faster

    cdef Doc _tokenize_affixes(self, str string, bint with_special_cases):
        # spaCy's loop, with each character read as a C value: spaCy's compares a Python bool
        # per character. Chunks are the runs of non-space characters and of whitespace other
        # than one plain space; a plain space after a chunk is its trailing whitespace.
        if len(string) >= 2**30:
            raise ValueError(Errors.E025.format(length=len(string)))
        cdef Doc doc = Doc(self.vocab)
        if len(string) == 0:
            return doc
        # Room for about as many tokens as the text has at once (abstracts average six
        # characters a token): a Doc starts with room for 20 and doubles as it fills, each time
        # zeroing a new array and copying the tokens, four times for an abstract.
        cdef int room = len(string) // 4 + 1
        if room > doc.max_length:
            doc._realloc(room)
        cdef int index = 0
        cdef int start = 0
        cdef int has_special = 0
        cdef bint in_space = Py_UNICODE_ISSPACE(string[0])
        cdef Py_UCS4 char
        cdef bint ascii = PyUnicode_IS_ASCII(string)
        for char in string:
            if Py_UNICODE_ISSPACE(char) != in_space:
                if start < index:
                    self._tokenize_chunk(doc, string, start, index, ascii, &has_special, with_special_cases)
                if char == " ":
                    doc.c[doc.length - 1].spacy = True
                    start = index + 1
                else:
                    start = index
                in_space = not in_space
            index += 1
        if start < index:
            self._tokenize_chunk(doc, string, start, index, ascii, &has_special, with_special_cases)
            doc.c[doc.length - 1].spacy = string[-1] == " " and not in_space
        return doc

    cdef int _tokenize_chunk(
        self, Doc doc, str string, int start, int end, bint ascii, int* has_special,
        bint with_special_cases,
    ) except -1:
        """Tokenize ``string[start:end]``. An ASCII text's characters are its UTF-8 bytes: the
        chunk is hashed as spaCy's ``hash_string`` does, and sliced only on a cache miss."""
        cdef str chunk = None
        cdef hash_t key
        if ascii:
            key = hash64(<void*>(PyUnicode_1BYTE_DATA(string) + start), end - start, 1)
        else:
            chunk = string[start:end]
            key = hash_string(chunk)
        if not self._try_specials_and_cache(key, doc, has_special, with_special_cases):
            if chunk is None:
                chunk = string[start:end]
            self._tokenize(doc, chunk, key, has_special, with_special_cases)
        return 0

    cdef int _tokenize(
        self, Doc tokens, str span, hash_t key, int* has_special, bint with_special_cases
    ) except -1:
        # The text's flag is not passed on: spaCy reads it only to decide whether to cache.
        cdef int chunk_special = 0
        Tokenizer._tokenize(self, tokens, span, key, &chunk_special, with_special_cases)
        return 0

    @property
    def cached_chunks(self) -> int:
        """How many chunks the cache holds (spaCy keeps at most ``max_cache_size``)."""
        return len(self._cache)


cdef struct WordEntry:
    hash_t key  # the word's lower-case hash
    uint64_t sets  # a bit per watched set that holds the word
    PyObject* word  # the int object rules compare tokens with (kept alive by WordSets.words)


cdef class WordSets:
    """The words rules compare tokens with, by lower-case hash: which watched sets (at most 64,
    a bit each) hold each one, and the one int object that stands for it.

    Looked up once per token of every doc: an open-addressing table whose size is a power of
    two, a slot found by masking the hash (already uniform), not by a division as in
    std::unordered_map, whose latency showed in every token."""

    cdef vector[WordEntry] entries
    cdef vector[int] slots  # 1 + an entry's index, or 0 for an empty slot
    cdef size_t mask
    cdef list words
    cdef int count

    def __init__(self, sets, words=()):
        cdef WordEntry* entry
        cdef size_t size = 64
        distinct = set(words).union(*sets)
        while size < 4 * len(distinct):  # at most a quarter full: probes stay short
            size *= 2
        self.slots.assign(size, 0)
        self.entries.reserve(len(distinct))  # no reallocation: share's pointers stay valid
        self.mask = size - 1
        self.count = len(sets)
        self.words = []
        for word in words:
            self.share(word)
        for bit, members in enumerate(sets):
            for word in members:
                entry = self.share(word)
                entry.sets |= (<uint64_t>1) << bit

    cdef WordEntry* share(self, word) except NULL:
        cdef hash_t key = word
        cdef WordEntry* entry = self.find(key)
        if entry != NULL:
            return entry
        cdef size_t slot = key & self.mask
        while self.slots[slot]:
            slot = (slot + 1) & self.mask
        self.entries.push_back(WordEntry(key, 0, <PyObject*>word))
        self.slots[slot] = self.entries.size()
        self.words.append(word)
        return &self.entries.back()

    cdef inline WordEntry* find(self, hash_t key) noexcept nogil:
        cdef size_t slot = key & self.mask
        cdef int at = self.slots[slot]
        while at:
            if self.entries[at - 1].key == key:
                return &self.entries[at - 1]
            slot = (slot + 1) & self.mask
            at = self.slots[slot]
        return NULL


cdef class TokenBits:
    """For each watched word set, the indices of a doc's tokens whose lower-case hash it holds."""

    cdef vector[vector[int]] found  # by set, in order

    def positions(self, int bit, int start, int stop):
        """Indices in ``[start, stop)`` of the tokens in word set ``bit``."""
        if not 0 <= bit < <int>self.found.size():
            return []
        cdef vector[int]* indices = &self.found[bit]
        cdef vector[int].iterator at = lower_bound(indices.begin(), indices.end(), start)
        result = []
        while at != indices.end() and deref(at) < stop:
            result.append(deref(at))
            inc(at)
        return result


# The Python ints of character offsets below SHARED_OFFSETS, made once. Rules read a doc's
# offsets as Python ints; above CPython's own small ints (up to 256) each would be allocated,
# for every token of every doc, and freed with the doc.
cdef enum:
    SHARED_OFFSETS = 1 << 14
cdef list _offsets = list(range(SHARED_OFFSETS))


cdef inline object offset_object(long value):
    if 0 <= value < SHARED_OFFSETS:
        return <object>PyList_GET_ITEM(_offsets, value)
    return value


def token_columns(Doc doc, WordSets known):
    """``(starts, ends, lowers, bits)``: each token's character offsets and lower-case hash, and
    which tokens each watched word set holds (a C map lookup per token). A token of a known
    word gets that word's own int object as its hash: a set of such words then finds it by
    identity, without comparing values, and no int is made for it."""
    cdef const TokenC* tokens = doc.c
    cdef int index
    cdef uint64_t mask
    cdef const WordEntry* found
    cdef TokenBits bits = TokenBits()
    starts = [offset_object(tokens[index].idx) for index in range(doc.length)]
    ends = [offset_object(tokens[index].idx + tokens[index].lex.length) for index in range(doc.length)]
    lowers = [None] * doc.length
    bits.found.resize(known.count)
    for index in range(doc.length):
        found = known.find(tokens[index].lex.lower)
        if found == NULL:
            lowers[index] = tokens[index].lex.lower
            continue
        lowers[index] = <object>found.word
        mask = found.sets
        while mask:
            bits.found[count_trailing_zeros(mask)].push_back(index)
            mask &= mask - 1
    return starts, ends, lowers, bits


def mark_sentence_starts(Doc doc, list starts):
    """Set ``Token.is_sent_start``: True at ``starts``, unset (inside a sentence) elsewhere, as
    ``Doc.from_array([SENT_START], ...)`` with 1s and 0s does."""
    cdef int index
    for index in range(doc.length):
        doc.c[index].sent_start = 0
    for index in starts:
        if not 0 <= index < doc.length:
            raise IndexError(f"sentence start {index} is outside a doc of {doc.length} tokens")
        doc.c[index].sent_start = 1


cdef inline attr_t lexeme_attr(const TokenC* token, bint lower) noexcept nogil:
    return token.lex.lower if lower else token.lex.orth


cdef enum:
    FIRST_WORD_BITS = 18  # a filter of 2**18 bits: 32 KB, which stays in the processor's cache


cdef inline uint64_t filter_slot(attr_t word) noexcept nogil:
    return word & ((1 << FIRST_WORD_BITS) - 1)


cdef inline bint in_filter(const vector[uint64_t]& words, attr_t word) noexcept nogil:
    cdef uint64_t slot = filter_slot(word)
    return (words[slot >> 6] >> (slot & 63)) & 1


cdef class LexemePhraseMatcher(PhraseMatcher):
    # A bit per first word of a pattern (by the low bits of its hash): most tokens start no
    # pattern, and are passed over without a lookup in the trie's root, a map too big for the
    # processor's cache. Rebuilt after patterns are added or removed.
    cdef vector[uint64_t] first_words
    cdef bint first_words_known
    cdef bint has_callbacks

    def add(self, key, docs, *more_docs, on_match=None):
        self.first_words_known = False
        self.has_callbacks |= on_match is not None
        if on_match is None and not more_docs and all(type(doc) is list for doc in docs):
            self.add_words(key, docs)
        else:
            PhraseMatcher.add(self, key, docs, *more_docs, on_match=on_match)

    cdef add_words(self, str key, list patterns):
        """PhraseMatcher.add of patterns given as lists of word hashes: the same trie, without
        the vocab entry spaCy makes for every key (matches name a key by its hash), which for
        the tens of thousands of keys of a lexicon was a third of building the matcher."""
        cdef MapStruct* node
        cdef MapStruct* child
        cdef attr_t word
        cdef key_t label = hash_string(key)
        self._callbacks[key] = None
        known = self._docs.setdefault(key, set())
        for pattern in patterns:
            if not pattern:
                continue
            known.add(tuple(pattern))
            node = self.c_map
            for word in pattern:
                node = self.child(node, word)
            map_set(self.mem, self.child(node, self._terminal_hash), label, NULL)

    cdef MapStruct* child(self, MapStruct* node, key_t word):
        """The trie node under ``node`` for ``word``, made when missing."""
        cdef MapStruct* found = <MapStruct*>map_get(node, word)
        if found == NULL:
            found = <MapStruct*>self.mem.alloc(1, sizeof(MapStruct))
            map_init(self.mem, found, 8)
            map_set(self.mem, node, word, found)
        return found

    def __call__(self, doclike, *, as_spans=False):
        """PhraseMatcher's ``(match_id, start, end)`` list. With no callbacks to run, made
        straight from the C matches: spaCy looks up each match's key string and then its
        callback, two lookups that miss the processor's cache (a vocab's strings, and a dict
        with an entry per key: tens of thousands for a lexicon)."""
        cdef vector[SpanC] found
        cdef Doc doc
        cdef size_t index
        if self.has_callbacks or as_spans or not isinstance(doclike, Doc):
            return PhraseMatcher.__call__(self, doclike, as_spans=as_spans)
        doc = doclike
        matches = []
        if doc.length:
            self.find_matches(doc, 0, doc.length, &found)
        for index in range(found.size()):
            matches.append((found[index].label, found[index].start, found[index].end))
        return matches

    def remove(self, key):
        self.first_words_known = False
        PhraseMatcher.remove(self, key)

    cdef void note_first_words(self) noexcept nogil:
        cdef int cell = 0
        cdef key_t key
        cdef void* value
        cdef uint64_t slot
        self.first_words.assign(1 << (FIRST_WORD_BITS - 6), 0)
        while map_iter(self.c_map, &cell, &key, &value):
            slot = filter_slot(key)
            self.first_words[slot >> 6] |= (<uint64_t>1) << (slot & 63)
        self.first_words_known = True

    cdef void find_matches(self, Doc doc, int start_idx, int end_idx, vector[SpanC] *matches) nogil:
        cdef bint lower = self.attr == LOWER
        cdef const MapStruct* node
        cdef const MapStruct* terminal
        cdef int start, end, cell
        cdef key_t key
        cdef attr_t word
        cdef void* value
        cdef SpanC span
        if self.attr != ORTH and not lower:
            PhraseMatcher.find_matches(self, doc, start_idx, end_idx, matches)
            return
        if not self.first_words_known:
            self.note_first_words()
        memset(&span, 0, sizeof(SpanC))
        for start in range(start_idx, end_idx):
            word = lexeme_attr(&doc.c[start], lower)
            if not in_filter(self.first_words, word):
                continue
            # Walk the pattern trie along the tokens from start; each node reached that ends a
            # pattern (has a terminal entry) is a match of every key stored there.
            node = <const MapStruct*>map_get(self.c_map, word)
            end = start + 1
            while node != NULL:
                terminal = <const MapStruct*>map_get(node, self._terminal_hash)
                if terminal != NULL:
                    cell = 0
                    while map_iter(terminal, &cell, &key, &value):
                        span.label, span.start, span.end = key, start, end
                        matches.push_back(span)
                if end >= end_idx:
                    break
                node = <const MapStruct*>map_get(node, lexeme_attr(&doc.c[end], lower))
                end += 1
