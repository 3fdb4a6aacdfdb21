"""Task phrases found by the shape of the sentence around them.

- problem gerunds: "Solving High-Dimensional PDEs ...", "the problem of learning hierarchical
  polynomials", "an approach to solving ODEs": a problem-solving verb in -ing plus its object;
- purposes and uses: "used for optimal control", "an application to DP classification";
- problem nouns: "the problem of submodular maximization", "classification and regression tasks".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from spacy.tokens import Doc

from kg.extract.boundaries import (
    EVALUATIVE,
    PROBLEM_GERUNDS,
    is_boundary,
    is_joiner,
    is_specific,
    object_end,
)
from kg.extract.candidates import TASK, Candidate
from kg.extract.heads import (
    METHOD_KINDS,
    NAME_KINDS,
    TASK_HEADS,
    WEAK_HEADS,
)
from kg.extract.keys import concept_key, singular
from kg.extract.lexicon import GENERIC_TERMS
from kg.extract.tokens import Words, sentence_bounds, token_table

_GERUNDS: Final = Words(PROBLEM_GERUNDS)


def gerund_tasks(doc: Doc, title_end: int) -> Iterator[Candidate]:
    """ "solving PDEs", "learning hierarchical polynomials": a problem gerund and its object."""
    table = token_table(doc)
    for index in table.find(_GERUNDS, 0, len(doc) - 1):
        in_title = index < title_end
        if index != 0 and not after_problem_cue(doc, index):
            continue  # a title names its problem with an opening gerund or "for solving ..."
        limit = title_end if in_title else sentence_bounds(doc, index)[1]
        definite = not in_title and index > 0 and table.lower_text(index - 1) in ("for", "of")
        end = object_end(doc, index + 1, limit, in_title, definite)
        text = table.span_text(index + 1, end) if end > index + 1 else ""
        if (
            not in_title
            and text.lower().startswith("the ")
            and (" of " not in text or len(text.split()[-1]) < 2)
        ):
            continue  # "for computing the gradient" is one computation, not a problem
        if end - index >= 2 and names_an_object(text):
            yield Candidate(index, end, TASK, "pattern:gerund-task", 0.6)


def after_problem_cue(doc: Doc, index: int) -> bool:
    """The gerund ``index`` names a problem after "of", "for", "in", "at", "on", "towards" (an
    adverb may come between: "for iteratively solving"), or opening a sentence."""
    if index == sentence_bounds(doc, index)[0]:
        return True
    table = token_table(doc)
    previous = table.lower_text(index - 1)
    if previous.endswith("ly") and index > 1:
        previous = table.lower_text(index - 2)  # "for iteratively solving"
    if previous == "to" and index > 1:  # "an approach to solving ODEs"
        return singular(table.lower_text(index - 2)) in METHOD_KINDS
    return previous in ("of", "for", "in", "at", "on", "towards", "toward")


def names_an_object(text: str) -> bool:
    """A gerund's object that says what is solved: not only generic or evaluative words
    ("modeling complex problems", "generating accurate samples"), and not a kind noun that the
    gerund modifies ("Ranking models lie at the heart of ...", "sampling methods")."""
    key = concept_key(text)
    words = key.split()
    if not words or singular(words[0]) in NAME_KINDS or key in GENERIC_TERMS:
        return False
    return any(word not in EVALUATIVE and word not in VAGUE_OBJECTS for word in words)


VAGUE_OBJECTS: Final = frozenset(
    "problem sample thing issue case question result data task objective function".split()
)


_PROBLEM_NOUNS: Final = Words({"problem", "problems", "task", "tasks", "challenge"})


_PURPOSES: Final = Words({"for", "towards", "toward"})


def purpose_tasks(doc: Doc) -> Iterator[Candidate]:
    """ "used for optimal control", "towards network compression": a purpose whose head is a
    problem noun is a task."""
    table = token_table(doc)
    for index in table.find(_PURPOSES, 0, len(doc) - 1):
        start = index + 1
        end = object_end(doc, start, sentence_bounds(doc, index)[1], in_title=False)
        if end - start < 2 or end - start > 5:
            continue
        text = table.span_text(start, end)
        head = singular(table.lower_text(end - 1))
        if head in TASK_HEADS and is_specific(text):
            yield Candidate(start, end, TASK, "pattern:purpose", 0.55)


_APPLICATIONS: Final = Words({"application", "applications"})


def application_tasks(doc: Doc) -> Iterator[Candidate]:
    """ "an application to DP classification", "applications to the sensitivity analysis of
    molecular dynamics": what a method is applied to is a task."""
    table = token_table(doc)
    for index in table.find(_APPLICATIONS, 0, len(doc) - 2):
        if table.lower_text(index + 1) != "to":
            continue
        start = index + 2
        end = object_end(doc, start, sentence_bounds(doc, index)[1], in_title=False, definite=True)
        if table.lower_text(start) == "the":
            start += 1
        if end - start >= 2 and is_specific(table.span_text(start, end)):
            yield Candidate(start, end, TASK, "pattern:application", 0.55)


def problem_of(doc: Doc) -> Iterator[Candidate]:
    """ "the problem of submodular maximization": the object of "problem/task of" is a task."""
    table = token_table(doc)
    for index in table.find(_PROBLEM_NOUNS, 0, len(doc) - 2):
        if table.lower_text(index + 1) != "of" or table.lower_text(index + 2) in PROBLEM_GERUNDS:
            continue  # gerund objects are found by gerund_tasks
        end = object_end(doc, index + 2, sentence_bounds(doc, index)[1], in_title=False)
        if end - (index + 2) >= 2 and is_specific(table.span_text(index + 2, end)):
            yield Candidate(index + 2, end, TASK, "pattern:problem-of", 0.6)


_TASK_NOUNS: Final = Words({"task", "tasks"})


# One word names a task before "task(s)" when it is a task head ("classification tasks") or
# "regression", which is otherwise a method head ("logistic regression").
BARE_TASK_WORDS: Final = (TASK_HEADS | {"regression"}) - WEAK_HEADS


def bare_task_words(doc: Doc) -> Iterator[Candidate]:
    """ "classification and regression tasks", "the segmentation task": one task-head word, or a
    coordination of them, before "task(s)" names those tasks."""
    table = token_table(doc)
    for index in table.find(_TASK_NOUNS, 1):
        position = index - 1
        while position >= 0 and table.lower_text(position) in BARE_TASK_WORDS:
            if position > 0 and is_joiner(table, position - 1):
                break  # part of a compound ("image-classification tasks"): other rules see it
            if position > 0 and not is_boundary(doc, position - 1):
                break  # a modified head ("image classification tasks") is a longer name
            yield Candidate(position, position + 1, TASK, "pattern:bare-task", 0.55)
            if position < 2 or table.lower_text(position - 1) not in ("and", "or", ","):
                break
            position -= 2
