"""Sentence boundaries, from the few terminal punctuation tokens of a doc.

A sentence ends after a run of terminal punctuation (". ! ?", optionally followed by up to two
closing quotes or brackets written right after it); the abstract always starts a sentence of its
own, even after a title that has no full stop. Same rule as spaCy's rule-based sentencizer, but
only the terminal tokens (found from the token table's index) are visited.
"""

from __future__ import annotations

from typing import Final

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.native import mark_sentence_starts
from kg.extract.tokens import TokenTable, Words, title_end, token_table

TERMINAL: Final = Words([".", "!", "?", "...", "…", "?!", "!?"])
CLOSING: Final = Words([")", "]", '"', "'", "”", "’", "»"])


def sentence_end_tokens(table: TokenTable, terminals: list[int]) -> set[int]:
    """The terminal tokens and the closing marks glued after them (a quote glued to "?" closes
    the sentence; a spaced one opens the next)."""
    last = len(table.starts) - 1
    sentence_ends = set(terminals)
    for _ in range(2):
        sentence_ends |= {
            index + 1
            for index in sentence_ends
            if index < last and table.is_in(index + 1, CLOSING) and table.glued_to_next(index)
        }
    return sentence_ends


def sentence_starts(table: TokenTable, terminals: list[int], abstract_start: int) -> list[int]:
    """Token index of every sentence start: after each run of sentence-end tokens, and at the
    first token of the abstract."""
    length = len(table.starts)
    sentence_ends = sentence_end_tokens(table, terminals)
    starts = {index + 1 for index in sentence_ends if index + 1 < length and index + 1 not in sentence_ends}
    starts.add(0)
    if abstract_start < length:
        starts.add(abstract_start)
    return sorted(starts)


@Language.component("kg_sentences")
def split_sentences(doc: Doc) -> Doc:
    if len(doc) == 0:
        return doc
    table = token_table(doc)
    abstract_start = title_end(doc)
    while abstract_start < len(doc) and table.token_text(abstract_start).isspace():
        abstract_start += 1
    starts = sentence_starts(table, table.find(TERMINAL), abstract_start)
    mark_sentence_starts(doc, starts)
    table.sentence_starts = starts
    return doc
