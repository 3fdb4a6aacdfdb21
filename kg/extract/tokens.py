"""Fast token lookups: find the few tokens a rule cares about without building Token objects.

Components ask "where are the '(' tokens?" or "which tokens are head nouns?"; answering from
per-Doc lists of lower-case hashes and character offsets (``TokenTable``) instead of ``doc[i]``
keeps the per-document cost small, which matters at thousands of abstracts per second.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Final

from spacy.lexeme import Lexeme
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.symbols import IDS as SYMBOL_IDS  # type: ignore[attr-defined]
from spacy.tokens import Doc

from kg.extract.keys import remember
from kg.extract.native import token_columns

# Rules name the words they look for as words (``Words``, ``TokenTable.is_word``); this module
# alone turns them into the lower-case word ids of spaCy's vocab that tokens carry, which is what
# lets a rule test a token with one set lookup.

# The word sets rules search for (``TokenTable.find``): each TokenTable notes which tokens hold
# a word of each, once, so a search is a binary search. A set's place here is its bit in a 64-bit
# mask per token; the tuple is replaced, never changed. Sets searched after it is full are scanned.
_searched: tuple[frozenset[int], ...] = ()
MAX_SEARCHED_SETS: Final = 64

# The lower-case text of each word id lower_text was asked for (ids typed Any, as in TokenTable).
_LOWER_TEXTS: Final[dict[Any, str]] = {}

# One int object per word id that rules compare tokens with, shared by their sets and by the
# tokens of those words (see token_columns): a set lookup then matches by identity. Typed Any:
# compiled code turns an int below 2**62 into a C value and back, which makes a new object.
_WORD_OBJECTS: Final[dict[Any, Any]] = {}
_WORD_IDS: Final[dict[str, Any]] = {}  # by lower-case word


def word_id(word: str) -> Any:
    """The id a token written ``word`` carries as its lower-case form: the hash of the string,
    or, for the few strings spaCy numbers itself ("number", "root"), that number."""
    known = _WORD_IDS.get(word)
    if known is not None:
        return known
    lower = word.lower()
    value: Any = SYMBOL_IDS.get(lower)
    if value is None:
        value = hash_string(lower)
    value = _WORD_OBJECTS.setdefault(value, value)
    return remember(_WORD_IDS, word, value)


class Words:
    """A constant set of words a rule looks for ("such", "including", ","), compared with each
    token in lower case: ``table.is_in(index, words)``, ``table.find(words)``."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(word.lower() for word in words)
        self.ids: frozenset[Any] = frozenset(word_id(word) for word in self.words)
        self.bit = -1  # its bit in every TokenTable made after its first search

    def __contains__(self, word: str) -> bool:
        return word.lower() in self.words


class WordTest:
    """A yes/no question about a word's lexeme ("is it punctuation?"), answered once per distinct
    lower-case word: rules ask it of most tokens of every doc."""

    def __init__(self, test: Callable[[Lexeme], bool]) -> None:
        self.test = test
        self.answers: dict[Any, bool] = {}  # by word id

    def __call__(self, table: TokenTable, index: int) -> bool:
        word = table.lowers[index]
        known = self.answers.get(word)
        if known is None:
            known = remember(self.answers, word, self.test(table.vocab[word]))
        return known


def searched_bit(words: Words) -> int:
    """``words``' bit in the token index, given at its first search (-1 once all are taken)."""
    global _searched
    if words.bit < 0 and len(_searched) < MAX_SEARCHED_SETS:
        words.bit = len(_searched)
        _searched = (*_searched, words.ids)
    return words.bit


def sentence_start_list(doc: Doc) -> list[int]:
    """Token index of every sentence start (given by the kg_sentences component), read once."""
    table = token_table(doc)
    cached = table.sentence_starts
    if cached is None:
        if doc.has_annotation("SENT_START"):
            cached = [0] + [token.i for token in doc[1:] if token.is_sent_start]
        else:
            cached = [0]
        table.sentence_starts = cached
    return cached


def sentence_bounds(doc: Doc, index: int) -> tuple[int, int]:
    """``(start, end)`` token indices of the sentence holding token ``index``."""
    starts = sentence_start_list(doc)
    position = bisect_right(starts, index)
    end = starts[position] if position < len(starts) else len(doc)
    return starts[position - 1], end


def sentence_text(doc: Doc, index: int) -> str:
    """The text of the sentence holding token ``index`` (cached per sentence)."""
    start, end = sentence_bounds(doc, index)
    table = token_table(doc)
    text = table.sentence_texts.get(start)
    if text is None:
        text = table.sentence_texts[start] = table.text[table.starts[start] : table.ends[end - 1]].strip()
    return text


def is_word_character(char: str) -> bool:
    """A character that continues a word or a hyphenated compound (regex ``[\\w-]``)."""
    return char.isalnum() or char in "_-"


def occurrences(text: str, part: str) -> Iterator[int]:
    """Start offsets of every occurrence of ``part`` in ``text``, overlapping ones included."""
    at = text.find(part) if part else -1
    while at >= 0:
        yield at
        at = text.find(part, at + 1)


def whole_word_occurrences(text: str, word: str) -> Iterator[int]:
    """Start offsets of ``word`` in ``text`` where it is not part of a longer word or a
    hyphenated compound ("GPT" in "GPT-4" is not), scanning left to right without overlaps."""
    if not word:
        return
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not is_word_character(text[at - 1])) and (
            end == len(text) or not is_word_character(text[end])
        ):
            yield at
            at = text.find(word, end)
        else:
            at = text.find(word, at + 1)


def title_end(doc: Doc) -> int:
    """Index of the first token after the title (the doc text is ``title + "\\n\\n" + abstract``)."""
    table = token_table(doc)
    cached = table.title_end
    if cached < 0:
        separator = table.text.find("\n\n")
        if separator < 0:
            cached = len(doc)
        elif separator == 0:
            cached = 0  # no title: every token is the abstract's
        else:
            cached = table.tokens_around(0, separator)[1]
        table.title_end = cached
    return cached


def text_of(doc: Doc) -> str:
    """``doc.text``, which spaCy rebuilds token by token on every access, computed once."""
    cached = doc.user_data.get("kg_text")
    if cached is None:
        cached = doc.text
        doc.user_data["kg_text"] = cached
    return cached


class TokenTable:
    """Per-Doc Python lists of token offsets, lengths and lower-case hashes.

    Reading ``doc[i].text`` or ``doc[a:b].text`` builds Token and Span objects; rules that look at
    a few neighbours of many positions read these lists instead.
    """

    __slots__ = (
        "bits",
        "candidates",
        "ends",
        "lowers",
        "sentence_starts",
        "sentence_texts",
        "starts",
        "strings",
        "text",
        "title_end",
        "vocab",
        "watched",
    )

    def __init__(self, doc: Doc) -> None:
        self.text = text_of(doc)
        self.starts, self.ends, lowers, self.bits = token_columns(doc, _searched, _WORD_OBJECTS)
        # Any, not int: compiled code would convert each 64-bit hash it reads to its own integer
        # form and back for every set lookup; as objects they go to the set as they are.
        self.lowers: list[Any] = lowers
        self.vocab = doc.vocab
        self.strings = doc.vocab.strings
        self.watched = _searched
        # Filled by sentence_start_list and sentence_text (kg_sentences sets the starts).
        self.sentence_starts: list[int] | None = None
        self.sentence_texts: dict[int, str] = {}
        # Per-doc facts rules read often, kept here: each read of doc.user_data is a generic
        # attribute lookup on a spaCy object. The candidates list is kg.extract.candidates'.
        self.candidates: list[Any] | None = None
        self.title_end = -1  # unknown until title_end is asked

    def span_text(self, start: int, end: int) -> str:
        return self.text[self.starts[start] : self.ends[end - 1]]

    def word_keys(self) -> list[Any]:
        """A key per token, the same for every token of one lower-case word and never negative:
        what a cache by word can hold without building the word's text."""
        return self.lowers

    def is_word(self, index: int, word: str) -> bool:
        """Token ``index`` is ``word``, in any case."""
        return self.lowers[index] == word_id(word)

    def is_in(self, index: int, words: Words) -> bool:
        """Token ``index`` is one of ``words``."""
        return self.lowers[index] in words.ids

    def any_in(self, words: Words, start: int, end: int) -> bool:
        """One of the tokens ``[start, end)`` is one of ``words``."""
        return not words.ids.isdisjoint(self.lowers[start:end])

    def find(self, words: Words, start: int = 0, end: int | None = None) -> list[int]:
        """Indices of the tokens in ``[start, end)`` that are one of ``words``, in order."""
        stop = len(self.lowers) if end is None else end
        bit = searched_bit(words)
        if 0 <= bit < len(self.watched):  # searched before this table was made: indexed
            return self.bits.positions(bit, start, stop)
        ids = words.ids
        return [index for index, word in enumerate(self.lowers[start:stop], start) if word in ids]

    def token_text(self, index: int) -> str:
        return self.text[self.starts[index] : self.ends[index]]

    def lower_text(self, index: int) -> str:
        """spaCy's ``lower_`` of token ``index`` (no Token is built). A string is the same for
        its hash in every vocab, so one cache serves all: a dict lookup costs a fifth of a
        string-store lookup, and rules ask about a hundred times per doc."""
        word = self.lowers[index]
        text = _LOWER_TEXTS.get(word)
        return text if text is not None else remember(_LOWER_TEXTS, word, self.strings[word])

    def tokens_at(self, start_char: int, end_char: int) -> tuple[int, int] | None:
        """``(start, end)`` token indices of exactly the characters ``[start_char, end_char)``,
        or None when those do not begin and end on token boundaries (``Doc.char_span``'s strict
        alignment, without building a Span)."""
        start = bisect_left(self.starts, start_char)
        end = bisect_left(self.ends, end_char)
        aligned = start <= end < len(self.ends)
        if aligned and self.starts[start] == start_char and self.ends[end] == end_char:
            return start, end + 1
        return None

    def tokens_around(self, start_char: int, end_char: int) -> tuple[int, int]:
        """``(start, end)`` token indices of the tokens that the characters ``[start_char,
        end_char)`` touch, a space after a token not counting as touching it: ``Doc.char_span``'s
        "expand" alignment, without building a Span. The tokens and their trailing spaces tile
        the text, so each character is in the last token starting at or before it."""
        start = bisect_right(self.starts, start_char) - 1
        if start_char == self.ends[start]:
            start += 1
        return start, bisect_right(self.starts, end_char - 1)

    def tokens_written_as(self, word: str) -> list[int]:
        """Indices of the tokens whose text is exactly ``word``, in order (found with
        ``str.find``: cheaper than testing every token when the word is rare)."""
        found: list[int] = []
        for at in occurrences(self.text, word):
            aligned = self.tokens_at(at, at + len(word))
            if aligned is not None and aligned[1] == aligned[0] + 1:
                found.append(aligned[0])
        return found

    def glued_to_next(self, index: int) -> bool:
        """No whitespace between token ``index`` and the next one."""
        return index + 1 < len(self.starts) and self.ends[index] == self.starts[index + 1]


class LastTable:
    """The doc whose table was asked for last, and that table: rules ask about 170 times per
    doc, and each read of ``doc.user_data`` is a method call on a spaCy object."""

    __slots__ = ("doc", "table")

    def __init__(self) -> None:
        self.doc: Doc | None = None
        self.table: TokenTable | None = None


_LAST: Final = LastTable()  # Final: compiled, a plain global is a dict lookup on every read


def token_table(doc: Doc) -> TokenTable:
    last = _LAST
    if doc is last.doc and last.table is not None:
        return last.table
    table = stored_table(doc)
    if table is None:
        table = TokenTable(doc)
        doc.user_data["kg_tokens"] = table
    last.doc, last.table = doc, table
    return table


def stored_table(doc: Doc) -> TokenTable | None:
    """The doc's table if one was made, without making one."""
    table: TokenTable | None = doc.user_data.get("kg_tokens")
    return table
