"""Canonicalisation within one paper: candidates -> one ``LocalConcept`` per concept.

Overlapping candidates are settled longest-first; the surviving mentions are grouped when they
share a normalised key (case, hyphen, plural), a lexicon identity, or an abbreviation definition
("Gaussian process (GP)" makes GP and GPs mentions of "Gaussian process"). Each group is typed
once by the most trusted component that typed it, and named by its fullest written form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from networkx.utils import UnionFind
from rapidfuzz import fuzz
from spacy.tokens import Doc

from kg.extract.abbreviations import Abbreviation, abbreviations_of, short_form_core
from kg.extract.candidates import DATASET, METHOD, Candidate
from kg.extract.keys import concept_key
from kg.extract.lexicon import GENERIC_TERMS
from kg.extract.tokens import TokenTable, sentence_text, token_table
from kg.records import ConceptType, LocalConcept, Mention

# Which component's type wins when mentions of one concept were typed differently.
TYPE_PRIORITY: Final = {
    "abbreviation+gazetteer": 5,
    "pattern": 4,
    "gazetteer": 3,
    "abbreviation": 2,
    "head-noun": 1,
}


_PRIORITIES: Final[dict[str, int]] = {}  # by component name: a code-defined, small set


def type_priority(component: str) -> int:
    """``TYPE_PRIORITY`` of a component name such as "pattern:title-for" (by its family)."""
    priority = _PRIORITIES.get(component)
    if priority is None:
        priority = _PRIORITIES[component] = TYPE_PRIORITY.get(component.split(":")[0], 0)
    return priority


@dataclass(frozen=True)
class DocLayout:
    """Where the title ends in the doc text ``title + "\\n\\n" + abstract``."""

    title_length: int

    @property
    def abstract_offset(self) -> int:
        return self.title_length + 2

    def locate(self, start_char: int, end_char: int) -> tuple[str, int, int]:
        if start_char < self.title_length:
            return "title", start_char, end_char
        return "abstract", start_char - self.abstract_offset, end_char - self.abstract_offset


def select_non_overlapping(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the longest candidates; on equal length, the more confident. Same spans stay merged."""

    def rank(index: int) -> tuple[int, float, int, str]:
        candidate = candidates[index]
        return candidate.start - candidate.end, -candidate.confidence, candidate.start, candidate.component

    ranked = sorted(range(len(candidates)), key=rank)  # stable: equal ranks keep the input order
    size = max((candidate.end for candidate in candidates), default=0)
    taken = [False] * size
    chosen_spans: set[tuple[int, int]] = set()
    chosen: list[tuple[int, int, str, int, int]] = []
    for index in ranked:
        start, end, component = candidates[index].start, candidates[index].end, candidates[index].component
        if (start, end) not in chosen_spans:
            if any(taken[token] for token in range(start, end)):
                continue
            for token in range(start, end):
                taken[token] = True
            chosen_spans.add((start, end))
        # A span chosen before, from another component, is more evidence for its type.
        chosen.append((start, end, component, len(chosen), index))
    chosen.sort()
    return [candidates[index] for _, _, _, _, index in chosen]


def canonical_concepts(doc: Doc, candidates: list[Candidate], layout: DocLayout) -> list[LocalConcept]:
    """Group ``candidates`` of ``doc`` into typed concepts with a name, aliases and mentions."""
    abbreviations: list[Abbreviation] = abbreviations_of(doc)
    groups = UnionFind()
    short_forms: dict[str, str] = {}
    for abbreviation in abbreviations:
        core, long_key = short_form_core(abbreviation.short_text), concept_key(abbreviation.long_text)
        short_forms[core] = long_key
        groups.union(long_key, concept_key(core))
    table = token_table(doc)
    selected = select_non_overlapping(candidates)
    keys = [mention_key(table.span_text(c.start, c.end), short_forms) for c in selected]
    things = {key for c, key in zip(selected, keys, strict=True) if c.lexicon_id and c.type in _THINGS}
    for candidate, key in zip(selected, keys, strict=True):
        if candidate.lexicon_id:
            groups.union(key, candidate.lexicon_id)
        for long_form_key in problem_objects(candidate, abbreviations, things):
            groups.union(key, long_form_key)

    members: dict[str, list[Candidate]] = {}
    for candidate, key in zip(selected, keys, strict=True):
        members.setdefault(groups[key], []).append(candidate)

    long_forms = {a.long_text for a in abbreviations}
    built = (build_concept(doc, table, group, layout, long_forms) for group in members.values())
    # (the type sorts as its value, a str)
    return sorted(
        (concept for concept in built if concept is not None),
        key=lambda concept: (concept.type, concept_key(concept.name), concept.name),
    )


# A problem phrase about a known method or dataset ("studying the generalization of LLMs") is not
# another name of that method or dataset.
_THINGS: Final = frozenset({METHOD, DATASET})


def problem_objects(candidate: Candidate, abbreviations: list[Abbreviation], things: set[str]) -> list[str]:
    """Keys of the defined terms a problem phrase ends with, written out ("solving partial
    differential equations (PDEs)") or abbreviated ("Solving High-Dimensional PDEs"): the
    other uses of "PDEs" name the same problem, unless their key is among ``things``, the
    lexicon's methods and datasets of this paper."""
    if candidate.component != "pattern:gerund-task" or not abbreviations:
        return []
    doc = abbreviations[0].short.doc
    last_word = short_form_core(doc[candidate.end - 1].text)
    objects = [
        concept_key(a.long_text)
        for a in abbreviations
        if (candidate.start < a.long.start and a.long.end == candidate.end)
        or last_word == short_form_core(a.short_text)
    ]
    return [key for key in objects if key not in things]


def mention_key(text: str, short_forms: dict[str, str]) -> str:
    return short_forms.get(short_form_core(text), concept_key(text))


def build_concept(
    doc: Doc, table: TokenTable, group: list[Candidate], layout: DocLayout, long_forms: set[str]
) -> LocalConcept | None:
    """The concept ``group``'s mentions name, or None when untyped or only generic words;
    ``long_forms`` are the doc's abbreviation long forms, preferred as names."""
    priorities = [type_priority(c.component) for c in group]
    best = most_trusted(group, priorities)
    if best is None:
        return None
    concept_type: ConceptType = best.type  # type: ignore[assignment]
    texts = [table.span_text(c.start, c.end) for c in group]
    surfaces: dict[str, int] = {}
    for text in texts:
        surfaces[text] = surfaces.get(text, 0) + 1
    names = [name for name in surfaces if concept_key(name) not in GENERIC_TERMS]
    if not names:
        return None
    name = names[0]
    if len(names) > 1:
        starts, offset = table.starts, layout.abstract_offset
        in_abstract = {texts[i] for i, c in enumerate(group) if starts[c.start] >= offset}
        name = fullest_name(names, surfaces, long_forms, in_abstract)
    if concept_type is DATASET:
        name, names = dataset_name(name), [*names, name]
    aliases = tuple(sorted(n for n in set(names) if n != name))
    # Each span is one mention, credited to the most trusted component that found it.
    by_span: dict[tuple[int, int], tuple[int, Candidate]] = {}
    for index, candidate in enumerate(group):
        priority = priorities[index]
        span = (candidate.start, candidate.end)
        known = by_span.get(span)
        if known is None or priority > known[0]:
            by_span[span] = (priority, candidate)
    mentions = tuple(make_mention(doc, table, by_span[span][1], layout) for span in sorted(by_span))
    lexicon_id = concept_lexicon_id(group, texts, long_forms)
    proposed = any(c.proposed for c in group)
    # Records are built with positional arguments: from compiled code, keywords cost a dict per call.
    return LocalConcept(name, concept_type, aliases, mentions, lexicon_id, best.component, proposed)


# How alike a long form and the name of its acronym's entry must be written to be one concept
# ("parametrized ReLUs" is "parameterized ReLU"; "shallow neural networks" is not "spiking ...").
SAME_NAME_RATIO = 85


def concept_lexicon_id(group: list[Candidate], texts: list[str], long_forms: set[str]) -> str | None:
    """The lexicon entry the concept is: the first that one of its mentions matched. But an
    acronym the paper defines stands for the paper's long form, not for whatever the lexicon
    spells out with the same letters: the acronym's entry is taken only when its name is written
    nearly as the long form or inside it ("long-short-term memory networks (LSTMs)" is the entry
    "long short-term memory"; "self-normalizing neural networks (SNNs)" is not "spiking neural
    network"). An entry named by the acronym alone ("FNN") says nothing against it."""
    defined: list[str] | None = None  # the long forms without an entry, found when first needed
    for candidate, text in zip(group, texts, strict=True):
        lexicon_id = candidate.lexicon_id
        if lexicon_id is None:
            continue
        entry = lexicon_id.partition(":")[2]
        if " " in entry and " " not in text and sum(char.isupper() for char in text) >= 2:
            if defined is None:
                defined = [
                    concept_key(written)
                    for other, written in zip(group, texts, strict=True)
                    if written in long_forms and other.lexicon_id is None
                ]
            if defined and not any(same_name(key, entry) for key in defined):
                continue
        return lexicon_id
    return None


def same_name(long_form: str, entry: str) -> bool:
    """Whether a long form (as a concept key) names a lexicon entry (its key)."""
    return f" {entry} " in f" {long_form} " or fuzz.ratio(long_form, entry) >= SAME_NAME_RATIO


def most_trusted(group: list[Candidate], priorities: list[int]) -> Candidate | None:
    """The first typed candidate of the highest type priority, then confidence (None: untyped)."""
    best: Candidate | None = None
    best_priority, best_confidence = -1, 0.0
    for index, candidate in enumerate(group):
        priority = priorities[index]
        if candidate.type is not None and (
            priority > best_priority or (priority == best_priority and candidate.confidence > best_confidence)
        ):
            best, best_priority, best_confidence = candidate, priority, candidate.confidence
    return best


def fullest_name(
    names: list[str], surfaces: dict[str, int], long_forms: set[str], in_abstract: set[str]
) -> str:
    """Of several written forms: not all capitals, most words, a long form, used in the
    abstract, most used; then the greatest string, so that the choice never depends on order."""
    # A loop over precomputed tuples, not max() with a key function: see select_non_overlapping.
    ranked = [
        (not n.isupper(), len(n.split()), n in long_forms, n in in_abstract, surfaces[n], n) for n in names
    ]
    return max(ranked)[-1]


_DATASET_NOUN: Final = re.compile(r"\s+(?:data ?sets?|benchmarks?|corpus|corpora)$", re.IGNORECASE)


def dataset_name(name: str) -> str:
    """A dataset is named without the common noun after it: "ImageNet datasets" -> "ImageNet"."""
    trimmed = _DATASET_NOUN.sub("", name)
    return trimmed if trimmed and concept_key(trimmed) not in GENERIC_TERMS else name


def make_mention(doc: Doc, table: TokenTable, candidate: Candidate, layout: DocLayout) -> Mention:
    start_char, end_char = table.starts[candidate.start], table.ends[candidate.end - 1]
    field, start, end = layout.locate(start_char, end_char)
    text, sentence = table.text[start_char:end_char], sentence_text(doc, candidate.start)
    return Mention(text, field, start, end, sentence, candidate.component, candidate.confidence)
