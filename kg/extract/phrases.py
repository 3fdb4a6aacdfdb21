"""Head-noun phrases, and the component that runs every phrase rule (``kg_phrases``).

Concept phrases no lexicon lists, found by the noun that ends them:
- head-noun phrases: a specific modifier run before a method or task head noun ("spectral mixture
  kernel", "fluid dynamics simulations", "quantized neural networks");
- kind nouns: "the gradient regularization technique", "QNN-based methods";
- named variants of known methods: "projected stochastic gradient descent".
Task phrases are in ``task_phrases``, title templates in ``title_phrases``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.boundaries import (
    EVALUATIVE,
    MAX_MODIFIERS,
    is_adjective_shaped,
    is_boundary,
    is_joiner,
    is_specific,
    modifier_start,
    without_vague_words,
)
from kg.extract.candidates import METHOD, TASK, Candidate, add_candidates, candidates_of
from kg.extract.gazetteer import plural
from kg.extract.heads import (
    METHOD_HEADS,
    METHOD_KINDS,
    NAME_KINDS,
    TASK_HEADS,
    WEAK_HEADS,
    is_shaped_name,
    type_by_head,
)
from kg.extract.keys import concept_key, singular
from kg.extract.lexicon import GENERIC_TERMS, GENERIC_WORDS
from kg.extract.task_phrases import (
    application_tasks,
    bare_task_words,
    gerund_tasks,
    problem_of,
    purpose_tasks,
)
from kg.extract.title_phrases import title_nominal_task, title_template
from kg.extract.tokens import Words, sentence_bounds, title_end, token_table

_STRONG_HEADS: Final = (METHOD_HEADS | TASK_HEADS) - WEAK_HEADS


_STRONG_HEAD_FORMS: Final = Words(_STRONG_HEADS | {plural(head) for head in _STRONG_HEADS})


def head_noun_phrases(doc: Doc, floor: int = 0) -> Iterator[Candidate]:
    """Modifier runs ending in a method or task head noun."""
    table = token_table(doc)
    for index in table.find(_STRONG_HEAD_FORMS, floor):
        if singular(table.lower_text(index)) not in _STRONG_HEADS:
            continue
        if index + 1 < len(doc) and (is_joiner(table, index + 1) or continues_compound(doc, index + 1)):
            continue  # "kernel-based", "Data Reconstruction Attack": the head is further right
        start = modifier_start(doc, index, floor)
        text = table.span_text(start, index + 1)
        if start < index and is_specific(text):
            concept_type = type_by_head(text)
            if concept_type in (METHOD, TASK):
                yield Candidate(start, index + 1, concept_type, "head-noun", 0.5)


def continues_compound(doc: Doc, index: int) -> bool:
    """A capitalised content word after a capitalised head makes the head a modifier in a title
    case compound ("Reconstruction" in "Data Reconstruction Attack"); a generic kind noun does
    not ("Gradient Descent Methods"). Lower-case words are left alone: they may be verbs."""
    table = token_table(doc)
    word, head = table.token_text(index), table.token_text(index - 1)
    if not (word[:1].isupper() and head[:1].isupper() and word.isalpha()):
        return False
    return not is_boundary(doc, index) and singular(word.lower()) not in NAME_KINDS


_METHOD_KINDS: Final = Words(METHOD_KINDS)


_DETERMINERS: Final = Words({"a", "an", "the", "our"})


def kind_noun_methods(doc: Doc) -> Iterator[Candidate]:
    """ "the <two or more specific words> technique/approach/method/...": the words name one
    method, introduced as such. Plurals ("memory reduction techniques") and runs without an
    article ("currently available X algorithm") are too often descriptions. After "our" the
    method is the paper's own ("Our target optimization framework")."""
    table = token_table(doc)
    for index in table.find(_METHOD_KINDS, 2):
        if index + 1 < len(doc) and is_joiner(table, index + 1):
            continue  # "method-agnostic"
        if not table.any_in(_DETERMINERS, max(0, index - 2 * MAX_MODIFIERS - 1), index - 2):
            continue  # no determiner far enough before: nothing to find, and modifier_start is costly
        start = modifier_start(doc, index, sentence_bounds(doc, index)[0])
        determiner = table.lower_text(start - 1) if start > 0 else ""
        if start == index or determiner not in _DETERMINERS:
            continue
        words = table.span_text(start, index).split()
        if len(words) < 2 or not is_specific(" ".join(words)) or is_adjective_shaped(words[-1]):
            continue  # "a learning-based approach", "a two-stage approach" describe, not name
        if not any(word[:1].isdigit() for word in words):
            proposed = determiner == "our"
            yield Candidate(start, index, METHOD, "head-noun:kind", 0.5, proposed=proposed)


_BASED: Final = Words({"based"})


def based_names(doc: Doc) -> Iterator[Candidate]:
    """ "QNN-based methods", "VQC or CNN-based models": a shaped name that methods are built on
    is a method, and so is a shaped name coordinated with it."""
    table = token_table(doc)
    for index in table.find(_BASED, 2, len(doc) - 1):
        if not is_joiner(table, index - 1) or singular(table.lower_text(index + 1)) not in METHOD_HEADS:
            continue
        name = index - 2
        while (
            is_shaped_name(table.token_text(name))
            and concept_key(table.token_text(name)) not in GENERIC_TERMS
        ):
            yield Candidate(name, name + 1, METHOD, "head-noun:based", 0.5)
            if name < 2 or table.lower_text(name - 1) not in ("or", "and", ","):
                break
            name -= 2


MAX_EXTENSION_WORDS: Final = 2


def specialised_methods(doc: Doc) -> Iterator[Candidate]:
    """ "projected stochastic gradient descent", "layerwise gradient descent": a known method
    with a specific modifier written before it is a variant, named by the longer phrase."""
    table = token_table(doc)
    for candidate in candidates_of(doc):
        if candidate.type is not METHOD or candidate.component != "gazetteer":
            continue
        start = modifier_start(doc, candidate.start, max(0, candidate.start - 2 * MAX_EXTENSION_WORDS - 2))
        while start < candidate.start and (
            len(table.span_text(start, candidate.start).split()) > MAX_EXTENSION_WORDS
            or table.token_text(start) in ("-", "/")
        ):
            start += 1  # keep the words nearest the name
        start = without_vague_words(doc, start, candidate.start)
        modifier_text = table.span_text(start, candidate.start) if start < candidate.start else ""
        words = modifier_text.split()
        if any(word.lower().startswith("non-") for word in words):
            continue  # "non-gradient-based evolutionary algorithms" says what it is not
        # each word says something: "low-rank" and "score-based" do, "low" or "based" alone not
        specific = all(any(part not in GENERIC_WORDS for part in concept_key(word).split()) for word in words)
        if words and specific and all(is_adjective_shaped(word) for word in words):
            yield Candidate(start, candidate.end, METHOD, "head-noun", 0.55)


def supported(doc: Doc, candidates: list[Candidate], title_end: int) -> list[Candidate]:
    """Head-noun phrases the paper stands behind: written in the title or at least twice, or a
    network family named by one adjective ("equivariant neural networks")."""
    counts: dict[str, int] = {}
    in_title: set[str] = set()
    table = token_table(doc)
    keys = [concept_key(table.span_text(c.start, c.end)) for c in candidates]
    for candidate, key in zip(candidates, keys, strict=True):
        counts[key] = counts.get(key, 0) + 1
        if candidate.start < title_end:
            in_title.add(key)
    return [
        c
        for c, key in zip(candidates, keys, strict=True)
        if counts[key] >= 2 or key in in_title or is_network_family(key)
    ]


def is_network_family(key: str) -> bool:
    """ "quantized neural network", "hyperbolic neural network": one specific adjective before
    the generic "neural network" names a family of architectures."""
    modifier, _, rest = key.partition(" ")
    vague = modifier in GENERIC_WORDS or modifier in EVALUATIVE
    return rest == "neural network" and is_adjective_shaped(modifier) and not vague


@Language.factory("kg_phrases")
def create_phrases(nlp: Language, name: str) -> PhraseComponent:
    return PhraseComponent()


class PhraseComponent:
    def __call__(self, doc: Doc) -> Doc:
        end_of_title = title_end(doc)
        add_candidates(doc, gerund_tasks(doc, end_of_title))
        add_candidates(doc, title_template(doc, end_of_title))
        add_candidates(doc, title_nominal_task(doc, end_of_title))
        add_candidates(doc, problem_of(doc))
        add_candidates(doc, application_tasks(doc))
        add_candidates(doc, purpose_tasks(doc))
        add_candidates(doc, bare_task_words(doc))
        add_candidates(doc, supported(doc, list(head_noun_phrases(doc)), end_of_title))
        add_candidates(doc, kind_noun_methods(doc))
        add_candidates(doc, based_names(doc))
        add_candidates(doc, list(specialised_methods(doc)))
        return doc
