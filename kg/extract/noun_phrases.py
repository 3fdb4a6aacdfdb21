"""Noun-phrase candidates: spans no rule proposed, for the model to judge.

Each rule proposes only what its pattern finds, so a name outside every pattern and lexicon
("Embedding & MLP", a baseline in a comparison list, a dataset with a version the lexicon lacks)
was never seen. Here every run of words between boundary words (closed-class words, frequent
verbs, punctuation other than a joining hyphen or slash) gives its sub-spans of up to
``MAX_WORDS`` tokens as untyped candidates, kept only when they look like a name (a capital
letter past the first character, a digit, a capitalised word inside a sentence) or end in a head
noun of a method, task or dataset. ``kg.extract.model`` then decides which are concepts.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.boundaries import is_boundary
from kg.extract.candidates import Candidate, add_candidates, candidates_of
from kg.extract.heads import DATASET_HEADS, METHOD_HEADS, TASK_HEADS
from kg.extract.keys import remember, singular
from kg.extract.tokens import sentence_start_list, token_table

MAX_WORDS = 5
COMPONENT = "noun-phrase"
CONFIDENCE = 0.1  # below every rule's: a rule's span of the same length is preferred
HEADS = METHOD_HEADS | TASK_HEADS | DATASET_HEADS


def word_runs(doc: Doc) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each maximal run of tokens that are not boundary words, within a
    sentence."""
    table = token_table(doc)
    sentence_starts = set(sentence_start_list(doc))
    size, index = len(table.starts), 0
    while index < size:
        if is_boundary(doc, index):
            index += 1
            continue
        end = index + 1
        while end < size and end not in sentence_starts and not is_boundary(doc, end):
            end += 1
        yield index, end
        index = end


_NAME_MARKS: Final[dict[str, tuple[bool, bool, bool, bool]]] = {}


def name_marks(text: str) -> tuple[bool, bool, bool, bool]:
    """Of a token: whether it shows a capital or digit past its first character, whether it
    begins with one, with a capital, and whether it is a head noun (cached by its text)."""
    marks = _NAME_MARKS.get(text)
    if marks is None:
        inner = any(char.isupper() or char.isdigit() for char in text[1:])
        initial = text[:1].isupper() or text[:1].isdigit()
        marks = remember(
            _NAME_MARKS, text, (inner, initial, text[:1].isupper(), singular(text.lower()) in HEADS)
        )
    return marks


def noun_phrase_candidates(doc: Doc) -> Iterator[Candidate]:
    """The sub-spans of each word run that look like a name: a capital or digit past the span's
    first character, a capitalised first word inside a sentence, or a head noun at the end."""
    table = token_table(doc)
    text, starts, ends = table.text, table.starts, table.ends
    sentence_starts = set(sentence_start_list(doc))
    proposed = {(candidate.start, candidate.end) for candidate in candidates_of(doc)}
    for run_start, run_end in word_runs(doc):
        marks = [name_marks(text[starts[i] : ends[i]]) for i in range(run_start, run_end)]
        # marked_before[k]: how many of the run's first k tokens show a capital or digit anywhere
        marked_before = [0]
        for inner, initial, _, _ in marks:
            marked_before.append(marked_before[-1] + (inner or initial))
        for start in range(run_start, run_end):
            inner, _, capital, _ = marks[start - run_start]
            named_start = inner or (capital and start not in sentence_starts)
            for end in range(start + 1, min(run_end, start + MAX_WORDS) + 1):
                marked_inside = marked_before[end - run_start] - marked_before[start - run_start + 1]
                if (named_start or marked_inside or marks[end - 1 - run_start][3]) and (
                    start,
                    end,
                ) not in proposed:
                    yield Candidate(start, end, None, COMPONENT, CONFIDENCE)


@Language.factory("kg_noun_phrases")
def create_noun_phrases(nlp: Language, name: str) -> NounPhraseComponent:
    return NounPhraseComponent()


class NounPhraseComponent:
    def __call__(self, doc: Doc) -> Doc:
        add_candidates(doc, list(noun_phrase_candidates(doc)))
        return doc
