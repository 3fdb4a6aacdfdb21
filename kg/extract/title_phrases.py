"""Phrases named by the shape of a title: "<method> for <task>", "<task> with/using/via
<method>", "Optimization of <problem>"."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from spacy.tokens import Doc

from kg.extract.boundaries import EVALUATIVE, is_specific, object_end
from kg.extract.candidates import METHOD, TASK, Candidate, candidates_of
from kg.extract.heads import (
    TASK_HEADS,
    type_by_head,
)
from kg.extract.keys import concept_key, singular
from kg.extract.lexicon import GENERIC_TERMS, GENERIC_WORDS
from kg.extract.tokens import token_table

TITLE_SPLITTERS: Final = frozenset(
    {"for", "with", "via", "using", "by", "through", "from", "in", "on", "under", "as"}
)


def title_template(doc: Doc, title_end: int) -> Iterator[Candidate]:
    """ "<method> for <task>" and "... with/using/via <method>" in the title.

    "via", "using" and "through" name the means, so their object is a method whatever its head
    ("... via Optimal Transport", "... via Multigrid"); "with" also brings properties ("with
    Random Weights"), so its object must have a method head.
    """
    table = token_table(doc)
    for index in range(1, title_end):
        lower = table.lower_text(index)
        if lower not in TITLE_SPLITTERS:
            continue
        end = object_end(doc, index + 1, title_end, in_title=False)
        if end <= index + 1:
            continue
        start, phrase = index + 1, table.span_text(index + 1, end)
        phrase_type = type_by_head(phrase)
        if lower in MEANS_SPLITTERS and phrase_type is None and is_specific_name(phrase):
            yield Candidate(start, end, METHOD, "pattern:title-via", 0.6)
        if not is_specific_or_long(phrase, end - start):
            continue
        if lower in ("for", "in", "on", "towards") and phrase_type is TASK:
            yield Candidate(start, end, TASK, "pattern:title-for", 0.6)
        elif lower == "for" and phrase_type is None and method_ends_at(doc, index):
            # "<method> for <task>": after a method the purpose is a task whatever its head
            yield Candidate(start, end, TASK, "pattern:title-for", 0.55)
        elif lower in METHOD_SPLITTERS and phrase_type is METHOD:
            yield Candidate(start, end, METHOD, "pattern:title-with", 0.6)


MEANS_SPLITTERS: Final = ("via", "using", "through")


METHOD_SPLITTERS: Final = ("with", *MEANS_SPLITTERS)


def method_ends_at(doc: Doc, end: int) -> bool:
    """A method is named right before token ``end``: a known one, or a phrase with a method
    head ("... Covariance Net", "Quantization Methods"), not a result ("Exact Bounds")."""
    if end == 0:
        return False
    known = any(c.end == end and c.type is METHOD for c in candidates_of(doc))
    head = token_table(doc).lower_text(end - 1)
    return known or (type_by_head(head) is METHOD and singular(head) not in _RESULT_HEADS)


# Method heads that in a title name a result or a quantity ("Exact Bounds for ...").
_RESULT_HEADS: Final = frozenset("bound test function loss prior rule gradient".split())


def is_specific_name(text: str) -> bool:
    """A specific phrase, or one word that is not generic ("Multigrid", not "Learning")."""
    key = concept_key(text)
    return is_specific(text) or (" " not in key and key not in GENERIC_TERMS and key not in GENERIC_WORDS)


def is_specific_or_long(text: str, tokens: int) -> bool:
    return is_specific(text) or (tokens >= 2 and concept_key(text) not in GENERIC_TERMS)


def title_nominal_task(doc: Doc, title_end: int) -> Iterator[Candidate]:
    """ "Optimization of Multiparameter Persistent Homology", "Towards Exact Computation of
    Inductive Bias": a title opening with a problem noun and its "of" object names the problem."""
    table = token_table(doc)
    start = 1 if title_end > 2 and table.lower_text(0) in ("towards", "toward", "on") else 0
    if title_end > start + 2 and table.lower_text(start) in _TITLE_QUALITIES:
        start += 1
    if start + 2 >= title_end or table.lower_text(start + 1) != "of":
        return
    if singular(table.lower_text(start)) not in _TITLE_PROBLEM_HEADS:
        return
    end = object_end(doc, start + 2, title_end, in_title=False)
    if end > start + 2:
        yield Candidate(start, end, TASK, "pattern:title-problem", 0.6)


_TITLE_QUALITIES: Final = EVALUATIVE | {"exact", "accurate", "fast", "efficient"}


_TITLE_PROBLEM_HEADS: Final = TASK_HEADS | {"approximation", "computation"}
