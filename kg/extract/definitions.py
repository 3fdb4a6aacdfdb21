"""Concepts defined in the text by an abbreviation: "adversarial adaptive sampling (AAS)".

A definition is strong evidence that the long form names a concept, even one no lexicon knows.
Its type comes from the lexicon when the long form is listed, else from its head word; every
later use of the short form ("AAS", "AASs") becomes a mention of the same concept.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Final

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.abbreviations import Abbreviation, abbreviations_of, short_form_core
from kg.extract.candidates import METHOD, Candidate, add_candidates
from kg.extract.gazetteer import inside_compound
from kg.extract.heads import type_by_head
from kg.extract.keys import concept_key, singular
from kg.extract.lexicon import GENERIC_TERMS, LEXICON_DIR, LexiconEntry, lexicon_by_key
from kg.extract.tokens import token_table
from kg.records import ConceptType


def definition_candidates(
    doc: Doc, abbreviations: list[Abbreviation], lexicon: dict[str, LexiconEntry]
) -> Iterator[Candidate]:
    short_forms: dict[str, Candidate] = {}
    for abbreviation in abbreviations:
        long = abbreviation.long
        key = concept_key(abbreviation.long_text)
        if key in GENERIC_TERMS:
            continue
        entry = lexicon.get(key)
        if entry is not None:
            candidate = Candidate(long.start, long.end, entry.type, "abbreviation+gazetteer", 0.85, entry.id)
        else:
            concept_type = untyped_definition_type(abbreviation.long_text)
            candidate = Candidate(long.start, long.end, concept_type, "abbreviation", 0.85)
        yield candidate
        core = short_form_core(abbreviation.short_text)
        short_forms.setdefault(core, candidate)
        short_forms.setdefault(core + "s", candidate)
    yield from short_form_uses(doc, short_forms)


# Defined terms that name mathematical or physical objects, not methods, tasks or datasets.
NON_CONCEPT_HEADS: Final = frozenset(
    """equation theorem principle law constant matrix distribution energy matter space norm
    inequality limit resolution condition property phenomenon effect ratio rate error score""".split()
)


def untyped_definition_type(long_form: str) -> ConceptType | None:
    """The head word's type; a multi-word definition whose head says nothing is most often a
    technique ("Empirical Risk Minimization (ERM)", "inverse-Hessian-vector product (IHVP)")."""
    concept_type = type_by_head(long_form)
    words = long_form.replace("-", " ").lower().split()
    if concept_type is None and len(words) >= 2 and singular(words[-1]) not in NON_CONCEPT_HEADS:
        return METHOD
    return concept_type


def short_form_uses(doc: Doc, short_forms: dict[str, Candidate]) -> Iterator[Candidate]:
    """Each use of a defined short form, typed like its long form; one pass over the tokens."""
    if not short_forms:
        return
    table = token_table(doc)
    uses = sorted((index, short) for short in short_forms for index in table.tokens_written_as(short))
    for index, short in uses:
        if not inside_compound(doc, index, index + 1):
            yield moved(short_forms[short], index)


def moved(definition: Candidate, index: int) -> Candidate:
    """``definition`` as a candidate for the single token ``index`` (positional: from compiled
    code, ``dataclasses.replace`` costs more than the rest of this rule)."""
    return Candidate(
        index,
        index + 1,
        definition.type,
        definition.component,
        definition.confidence,
        definition.lexicon_id,
        definition.proposed,
    )


@Language.factory("kg_definitions", default_config={"lexicon_dir": None})
def create_definitions(nlp: Language, name: str, lexicon_dir: str | None) -> DefinitionComponent:
    return DefinitionComponent(Path(lexicon_dir) if lexicon_dir else LEXICON_DIR)


class DefinitionComponent:
    def __init__(self, lexicon_dir: Path) -> None:
        self.lexicon = lexicon_by_key(lexicon_dir)

    def __call__(self, doc: Doc) -> Doc:
        add_candidates(doc, definition_candidates(doc, abbreviations_of(doc), self.lexicon))
        return doc
