"""Where a concept phrase begins and ends, without a part-of-speech tagger.

Boundaries come from closed-class words (determiners, prepositions, pronouns, auxiliaries),
punctuation and frequent abstract verbs (word lists in ``ontology/lexicon/words/``); a word right
after a modal or an infinitive "to" is taken as a verb by its place. The phrase rules
(``phrases``, ``task_phrases``, ``title_phrases``) and the list and contribution rules walk
these boundaries.
"""

from __future__ import annotations

from typing import Final

from spacy.lexeme import Lexeme
from spacy.tokens import Doc

from kg.extract.keys import concept_key
from kg.extract.lexicon import GENERIC_TERMS, GENERIC_WORDS, word_list
from kg.extract.tokens import TokenTable, Words, WordTest, token_table

PROBLEM_GERUNDS: Final = word_list("problem-gerunds")


CLOSED_CLASS: Final = word_list("closed-class")


FREQUENT_VERBS: Final = word_list("frequent-verbs")


EVALUATIVE: Final = word_list("evaluative")


MAX_MODIFIERS: Final = 4


# Problem verbs end a modifier run ("solving linear systems"), except those that are also nouns.
_NOUN_GERUNDS: Final = frozenset(
    {"learning", "sampling", "modeling", "modelling", "computing", "ranking", "training"}
)


_GERUND_BOUNDARIES: Final = PROBLEM_GERUNDS - _NOUN_GERUNDS


def is_boundary_word(lexeme: Lexeme) -> bool:
    """A word that cannot be inside a concept phrase (a lone hyphen or slash joins words)."""
    lower = lexeme.lower_
    if lexeme.is_punct and lower not in ("-", "/"):
        return True
    if lexeme.is_space or (lexeme.like_num and not lower[:1].isdigit()):
        return True
    return lower in CLOSED_CLASS or lower in FREQUENT_VERBS or (lower.endswith("ly") and len(lower) > 4)


_IS_BOUNDARY: Final = WordTest(is_boundary_word)


def is_boundary(doc: Doc, index: int) -> bool:
    """``is_boundary_word`` for token ``index``."""
    return _IS_BOUNDARY(token_table(doc), index)


def is_joiner(table: TokenTable, index: int) -> bool:
    """A hyphen or slash written inside a word ("physics-informed", "input/output")."""
    return (  # the offset comparisons first: most tokens have a space before or after them
        index > 0
        and table.glued_to_next(index - 1)
        and table.glued_to_next(index)
        and table.token_text(index) in ("-", "/")
    )


def modifier_start(doc: Doc, head: int, floor: int) -> int:
    """Walk left from ``head`` over up to MAX_MODIFIERS words that can modify it."""
    table = token_table(doc)
    start = head
    words = 0
    while start > floor:
        if is_joiner(table, start - 1) and start - 1 > floor:
            start -= 2  # the hyphen and the word before it belong to the same compound word
            continue
        previous = start - 1
        # a verb glued into a compound modifier ("score-based") is part of it
        glued = previous - 1 > floor and is_joiner(table, previous - 1)
        glued = glued and table.lower_text(previous) in FREQUENT_VERBS
        if (is_boundary(doc, previous) and not glued) or words >= MAX_MODIFIERS:
            break
        if table.lower_text(previous) in _GERUND_BOUNDARIES:
            break
        start -= 1
        words += 1
    while start < head:  # drop leading verbs and vague words ("showing", "high-capacity")
        if is_leading_verb(table, start) or follows_verb_marker(table, start):
            start += 1
        elif (kept := without_vague_words(doc, start, head)) > start:
            start = kept
        else:
            break
    return start


def is_leading_verb(table: TokenTable, index: int) -> bool:
    """An -ing word opening a run is a verb ("showing", "fitting"), unless hyphen-bound."""
    word = table.lower_text(index)
    glued = is_joiner(table, index + 1) if index + 1 < len(table.starts) else False
    return word.endswith("ing") and not glued and word not in _NOUN_GERUNDS


# After a modal or an auxiliary "do" comes a verb ("can mimic Gaussian processes"); so after "to"
# when a verb or adjective before it takes an infinitive ("learning to optimize", "able to rival").
VERB_MARKERS: Final = Words("can cannot could may might must shall should will would do does did".split())


INFINITIVE_TAKERS: Final = Words(
    """learn learning learns learned how able unable aim aims aiming order seek seeks need needs
    try tries trying want wants attempt attempts strive strives""".split()
)


def follows_verb_marker(table: TokenTable, index: int) -> bool:
    """The word at ``index`` is a verb by its place: right after a modal ("can rival backprop"),
    after an infinitive "to" that a verb takes ("Learning to Optimize ..."), or a participle
    right after an adverb ("commonly adopted end-to-end neural operator")."""
    if index == 0:
        return False
    if table.is_in(index - 1, VERB_MARKERS):
        return True
    if table.is_word(index - 1, "to"):
        return index > 1 and table.is_in(index - 2, INFINITIVE_TAKERS)
    if not is_adverb(table.token_text(index - 1)):
        return False
    marker = index - 2  # past the adverb: "can near-perfectly mimic"
    while marker > max(0, index - 6) and (
        is_adverb(table.token_text(marker)) or is_joiner(table, marker) or is_joiner(table, marker + 1)
    ):
        marker -= 1
    if table.is_in(marker, VERB_MARKERS):
        return True
    glued = index + 1 < len(table.starts) and is_joiner(table, index + 1)
    return table.lower_text(index).endswith("ed") and not glued


def is_adverb(word: str) -> bool:
    return word.lower().endswith("ly") and len(word) > 4


def is_specific(text: str) -> bool:
    """At least one word that is neither generic nor evaluative, and not a generic term as a whole."""
    key = concept_key(text)
    words = key.split()
    if key in GENERIC_TERMS or len(words) < 2:
        return False
    if words[-1] not in GENERIC_WORDS and words[0] not in EVALUATIVE:
        return True  # a specific head makes the phrase specific: "neural operator"
    return any(word not in GENERIC_WORDS and word not in EVALUATIVE for word in words[:-1])


def without_vague_words(doc: Doc, start: int, end: int) -> int:
    """Skip leading modifier words that are evaluative or wholly generic: "low-cost stochastic
    MCMC" is a "stochastic MCMC", "high-capacity Transformers" are Transformers."""
    table = token_table(doc)
    while start < end:
        last = word_end(table, start, end)
        word = table.span_text(start, last + 1).lower()
        if word not in EVALUATIVE and not all(
            part in GENERIC_WORDS or part in EVALUATIVE for part in concept_key(word).split()
        ):
            return start
        start = last + 1
    return start


def word_end(table: TokenTable, start: int, end: int) -> int:
    """The last token, before ``end``, of the written word that starts at ``start`` ("low-cost"
    is one word of three tokens)."""
    last = start
    while last < end - 1 and table.glued_to_next(last):
        last += 1
    return last


_ADJECTIVE_ENDINGS: Final = (
    "ed",
    "al",
    "ic",
    "ive",
    "ous",
    "ar",
    "wise",
    "ant",
    "ent",
    "ful",
    "less",
    "ary",
    "ible",
    "able",
)


def is_adjective_shaped(word: str) -> bool:
    """Without a tagger: a hyphenated compound ("infinitely-wide") or a word with an adjective
    ending ("projected", "layerwise", "stochastic"); "/" marks alternatives, never a modifier."""
    if "/" in word:
        return False
    return "-" in word.strip("-") or word.lower().endswith(_ADJECTIVE_ENDINGS)


def object_end(doc: Doc, start: int, limit: int, in_title: bool, definite: bool = False) -> int:
    """End of the noun phrase that starts at ``start``, up to a boundary.

    Titles name their problem in full: there one "of", "and" and a leading "the" are kept
    ("Measuring the Intrinsic Dimension of Objective Landscapes"); in running text a definite
    object ("computing the logarithm") is an instance, not a problem, and ends nothing, unless
    ``definite`` allows it with one "of" ("for computing the logarithm of Bessel functions").
    """
    table = token_table(doc)
    end = start
    used = set()
    definite = definite and table.lower_text(start) == "the"
    joiners = ("of", "and") if in_title else ("of",) if definite else ()
    while end < limit and end - start < 8:
        word = table.lower_text(end)
        if word in joiners and word not in used and end > start:
            used.add(word)
            end += 1
            continue
        if word == "the" and end == start:
            if not (in_title or definite):
                return start
            end += 1
            continue
        if is_boundary(doc, end) and not is_joiner(table, end):
            break
        end += 1
    while end > start and table.lower_text(end - 1) in ("of", "the", "and", "-"):
        end -= 1
    return end
