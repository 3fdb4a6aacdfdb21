"""Enumerations: "explanation methods (LIME, C-LIME, KernelSHAP and SmoothGrad)", "solvers such as
Adam, L-BFGS and SGD", "approaches including factor models and contrastive learning".

Items of one list share a type. When some items are known (lexicon, definitions, phrases) or the
noun that introduces the list says what they are ("methods such as", "datasets like"), the other
items get that type too: coordination lets the extractor type names it has never seen.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.boundaries import CLOSED_CLASS, EVALUATIVE, is_boundary, is_joiner
from kg.extract.candidates import DATASET, METHOD, TASK, Candidate, add_candidates, candidates_of
from kg.extract.heads import DATASET_HEADS, is_shaped_name, type_by_head
from kg.extract.keys import concept_key, remember, singular
from kg.extract.lexicon import GENERIC_TERMS, GENERIC_WORDS
from kg.extract.tokens import TokenTable, Words, sentence_bounds, text_of, title_end, token_table
from kg.records import ConceptType

TRIGGERS: Final = Words({"such", "including", "like", "e.g.", "(", "e.g", ","})
# "experiments on A, B, and C": what a paper is evaluated on is a list of tasks or datasets
EVALUATION_NOUNS: Final = Words({"experiments", "evaluations", "evaluation", "evaluated", "tested"})
_ON: Final = Words({"on"})
MAX_ITEM_TOKENS: Final = 5
MAX_ITEMS: Final = 12
_SEPARATORS: Final = frozenset({",", "and", "or", "/"})
_DETERMINERS: Final = frozenset({"the", "a", "an"})
_BEFORE_ITEM: Final = _SEPARATORS | _DETERMINERS  # skipped before an item
_BETWEEN_ITEMS: Final = _SEPARATORS - {"/"}  # end an item ("/" joins "encoder/decoder")
_INTRODUCERS: Final = {"e.g.", "e.g", "i.e.", "i.e", "including", "such", "like", "namely", "see"}


@dataclass
class ListItem:
    start: int
    end: int


def list_start(doc: Doc, trigger: int) -> int | None:
    """Where the items begin after a trigger, or None when the trigger opens no list."""
    table = token_table(doc)
    word = table.lower_text(trigger)
    following = trigger + 1
    if following >= len(table.starts):
        return None if word in (",", "(", "such", "like") else following
    next_word, next_lower = table.token_text(following), table.lower_text(following)
    if word == ",":
        # an apposition after a plural type noun: "open datasets, DataComp, DFN and Re-LAION"
        if trigger == 0 or next_lower in _INTRODUCERS:
            return None
        return following if is_plural_type_noun(table.token_text(trigger - 1)) else None
    if word == "such":
        return following + 1 if next_lower == "as" else None
    if word == "(":
        # "(including A, B)", "(e.g. A, B)": the introducing word is itself a trigger
        return None if next_lower in _INTRODUCERS else following
    if word in ("e.g.", "e.g"):
        return following + 1 if next_word == "," else following
    if word == "like":
        return following if next_word[:1].isupper() else None
    return following


def evaluated_on(doc: Doc) -> list[int]:
    """The "on" of "experiments on", "evaluated on": it opens a list (found from the token
    index, as "on" is too frequent to look at every one)."""
    table = token_table(doc)
    return [index for index in table.find(_ON, 1) if table.is_in(index - 1, EVALUATION_NOUNS)]


_PLURAL_TYPE_NOUNS: Final[dict[str, bool]] = {}


def is_plural_type_noun(word: str) -> bool:
    """ "datasets", "tasks", "optimizers": a plural noun that says what the items after it are."""
    known = _PLURAL_TYPE_NOUNS.get(word)
    if known is None:
        lower = word.lower()
        typed = singular(lower) != lower and type_by_head(lower) is not None
        known = remember(_PLURAL_TYPE_NOUNS, word, typed)
    return known


def list_items(doc: Doc, start: int, limit: int, closing: str | None) -> list[ListItem]:
    """Items separated by commas, "and", "or"; the list ends at a long or verb-bearing item."""
    table = token_table(doc)
    items: list[ListItem] = []
    index = start
    while index < limit and len(items) < MAX_ITEMS:
        while index < limit and table.lower_text(index) in _BEFORE_ITEM:
            index += 1
        item_start = index
        while index < limit:
            word = table.token_text(index)
            if word.lower() in _BETWEEN_ITEMS or word == closing or word in (".", ";", ":", ")"):
                break
            if is_boundary(doc, index) and word not in ("-", "/"):
                # a verb or function word ends the enumeration, and with it the last item
                ends_item = 0 < index - item_start <= MAX_ITEM_TOKENS
                if ends_item and items and not is_participle_clause(table, item_start, index, limit):
                    items.append(ListItem(item_start, index))
                return items
            index += 1
        if index == item_start or index - item_start > MAX_ITEM_TOKENS:
            break
        if is_participle_clause(table, item_start, index, limit):
            break  # "DataComp, DFN and Re-LAION, observing consistent gains"
        items.append(ListItem(item_start, index))
        if index >= limit or table.token_text(index) in (closing, ".", ";", ":", ")"):
            break
    return items


def is_participle_clause(table: TokenTable, start: int, end: int, limit: int) -> bool:
    """An item opening with an -ing word after a comma and ending the list opens a clause
    ("DataComp, DFN and Re-LAION, observing consistent gains"); "pruning, hashing, and
    quantization" goes on after its -ing item."""
    return (
        start > 0
        and table.token_text(start - 1) == ","
        and table.token_text(start).endswith("ing")
        and end < limit
        and table.lower_text(end) not in _SEPARATORS
    )


def introducer(doc: Doc, trigger: int) -> str:
    """The lower-case noun before a trigger ("methods" in "methods, such as"), or ""."""
    table = token_table(doc)
    before = trigger - 2 if trigger > 1 and table.token_text(trigger - 1) == "," else trigger - 1
    return table.lower_text(before) if before >= 0 else ""


def introducer_type(noun: str) -> ConceptType | None:
    """ "methods such as", "datasets (", "tasks including": the noun before the trigger says;
    "hard RL problems, including ...", "applications such as ..." introduce uses, hence tasks."""
    if not noun:
        return None
    return TASK if noun in _TASK_INTRODUCERS else type_by_head(noun)


_TASK_INTRODUCERS: Final = frozenset({"problems", "applications"})


def known_type(item: ListItem, known: dict[tuple[int, int], ConceptType]) -> ConceptType | None:
    """The type of a candidate lying within the item, if any."""
    for (start, end), concept_type in known.items():
        if item.start <= start and end <= item.end:
            return concept_type
    return None


def list_candidates(doc: Doc, known: dict[tuple[int, int], ConceptType]) -> Iterator[Candidate]:
    table = token_table(doc)
    for trigger in sorted(table.find(TRIGGERS) + evaluated_on(doc)):
        start = list_start(doc, trigger)
        if start is None or start >= len(doc):
            continue
        trigger_text = table.token_text(trigger)
        closing = ")" if trigger_text == "(" else None
        items = list_items(doc, start, sentence_bounds(doc, trigger)[1], closing)
        if len(items) < 2 and trigger_text in ("(", ",", "on"):
            continue  # a parenthesis with one item is an aside or an abbreviation; a comma, a clause
        if trigger_text == "," and not all(is_apposition_item(doc, item) for item in items):
            continue  # "datasets, model classes, and prediction tasks" coordinates, names nothing
        item_types = [known_type(item, known) for item in items]
        noun = introducer(doc, trigger)
        named_by = introducer_type(noun)
        # a plural noun that introduces the list says what its items are, whatever a lexicon
        # says: "compression methods including pruning, quantization and factorization"; a
        # singular one may be explained in a parenthesis ("the Verbmobil task (German-English)")
        member_type = most_common_type(item_types)
        plural_noun = singular(noun) != noun
        list_type = named_by if named_by and (member_type is None or plural_noun) else member_type
        if list_type is None:
            continue
        # a type noun admits single lower-case words; "applications, including video" does not
        admits_words = named_by is list_type and noun not in _TASK_INTRODUCERS
        for item, item_type in zip(items, item_types, strict=True):
            if item_type is list_type:
                continue
            text = token_table(doc).span_text(item.start, item.end)
            if concept_key(text) in GENERIC_TERMS or not looks_like_name(text, admits_words):
                continue
            yield Candidate(item.start, item.end, list_type, "pattern:list", 0.6)


def most_common_type(types: list[ConceptType | None]) -> ConceptType | None:
    """The type most items have (the first seen of equally common ones), or None."""
    counts: dict[ConceptType, int] = {}
    for concept_type in types:
        if concept_type is not None:
            counts[concept_type] = counts.get(concept_type, 0) + 1
    best, best_count = None, 0
    for concept_type, count in counts.items():
        if count > best_count:
            best, best_count = concept_type, count
    return best


def is_apposition_item(doc: Doc, item: ListItem) -> bool:
    """Items of an apposition are names or single words in the singular: "DataComp",
    "classification"; plural words coordinate kinds ("architectures, hyperparameters, and optimizers")."""
    text = token_table(doc).span_text(item.start, item.end)
    if is_written_as_name(text):
        return True
    return item.end - item.start == 1 and text.isalpha() and singular(text) == text


def is_written_as_name(text: str) -> bool:
    """Shaped ("Re-LAION", "DFN") or capitalised ("DataComp", "Atari")."""
    return is_shaped_name(text) or text[:1].isupper()


def looks_like_name(text: str, introduced: bool = False) -> bool:
    """A list item worth typing: a shaped or capitalised name, or a multi-word term; after a
    noun that names the items' type ("methods including pruning and quantization") also one
    specific lower-case word."""
    if is_written_as_name(text) or len(text.split()) >= 2:
        return True
    return introduced and len(text) >= 5 and text.isalpha() and text.lower() not in GENERIC_WORDS


@Language.factory("kg_lists")
def create_lists(nlp: Language, name: str) -> ListComponent:
    return ListComponent()


class ListComponent:
    def __call__(self, doc: Doc) -> Doc:
        known = {(c.start, c.end): c.type for c in candidates_of(doc) if c.type is not None}
        add_candidates(doc, list(list_candidates(doc, known)))
        add_candidates(doc, named_datasets(doc, title_end(doc)))
        add_candidates(doc, list(sized_model_names(doc)))
        return doc


# "OPT-125M", "Qwen-2.5-32B", "ViT-B/16": a name with a parameter count or a size-and-patch suffix.
_SIZE_SUFFIX: Final = re.compile(r"-(?:\d+(?:\.\d+)?[MBT]|[A-Z]/\d+)\b")
# bounded repeats keep the match linear on hostile text ("a-a-a-...-7B")
_SIZED_NAME: Final = re.compile(
    r"\b[A-Za-z][A-Za-z0-9.]{0,30}(?:-[A-Za-z0-9.]{1,12}){0,3}-(?:\d+(?:\.\d+)?[MBT]|[A-Z]/\d+)\b"
)
# The most characters _SIZED_NAME matches before its size suffix: 1 + 30 + 3 * (1 + 12).
_LONGEST_SIZED_BASE: Final = 70


def sized_name_matches(text: str) -> list[re.Match[str]]:
    """``_SIZED_NAME.finditer(text)``, searched from near each size suffix: the pattern has no
    fixed first character, and scanning a whole abstract with it costs more than the rule."""
    matches: list[re.Match[str]] = []
    end = 0
    for suffix in _SIZE_SUFFIX.finditer(text):
        if suffix.start() < end:
            continue  # inside the last name found
        # A name ends in a suffix; none starts more than _LONGEST_SIZED_BASE before this one.
        match = _SIZED_NAME.search(text, max(end, suffix.start() - _LONGEST_SIZED_BASE))
        if match is None:
            break
        matches.append(match)
        end = match.end()
    return matches


def sized_model_names(doc: Doc) -> Iterator[Candidate]:
    """Released models are named with their size; a name whose base is typed otherwise is not
    a model ("DataComp-1.4B" next to the DataComp dataset counts samples)."""
    matches = sized_name_matches(text_of(doc))
    if not matches:
        return
    table = token_table(doc)
    typed = {
        concept_key(table.span_text(c.start, c.end)): c.type for c in candidates_of(doc) if c.type is not None
    }
    for match in matches:
        tokens = table.tokens_at(match.start(), match.end())
        base = match[0].split("-")[0]
        if tokens is None or typed.get(concept_key(base), METHOD) is not METHOD:
            continue
        yield Candidate(tokens[0], tokens[1], METHOD, "head-noun:sized-name", 0.5)


_DATASET_NOUNS: Final = Words(DATASET_HEADS)
MAX_NAME_WORDS: Final = 4


def named_datasets(doc: Doc, title_end: int) -> Iterator[Candidate]:
    """ "on the MVCap benchmark", "the Open Catalyst Project and 3BPA datasets": names written
    before a dataset noun, and the names coordinated with them, are datasets.

    Title case capitalises every word, so titles are left to the other rules.
    """
    table = token_table(doc)
    typed = [c for c in candidates_of(doc) if c.type not in (None, DATASET)]
    for index in table.find(_DATASET_NOUNS, max(title_end, 1)):
        end = index
        while (start := name_start(doc, end, table)) < end:
            if any(c.start < end and start < c.end for c in typed):
                break  # "SR datasets", with SR defined as a task: data for it, not its name
            if end - start == 1 and len(table.token_text(start)) <= 2:
                break  # "prior SR datasets": a two-letter acronym names a field, not a dataset
            yield Candidate(start, end, DATASET, "pattern:dataset-name", 0.6)
            end = start - 1
            if end > 0 and table.lower_text(end) == "and" and table.token_text(end - 1) == ",":
                end -= 1  # "A, B, and C datasets"
            if end <= 0 or table.lower_text(end) not in ("and", "or", ",", "&"):
                break


def name_start(doc: Doc, end: int, table: TokenTable) -> int:
    """Start of the run of capitalised or shaped words ending at ``end`` (hyphens inside kept):
    "Open Catalyst Project", "3BPA"; ``end`` when there is none."""
    start = end
    while start > 0 and end - start < MAX_NAME_WORDS:
        text = table.token_text(start - 1)
        if text == "-" and start - 1 > 0 and start < end and is_joiner(table, start - 1):
            start -= 1
            continue
        if not is_written_as_name(text):
            break
        opens_sentence = start - 1 == sentence_bounds(doc, start - 1)[0]
        if text.lower() in LANGUAGES:
            break  # "the English Gigaword corpus" is Gigaword, in English
        if text.lower() in NOT_NAMES:
            if text.lower() not in CLOSED_CLASS and text[:1].isupper() and not opens_sentence:
                return end  # "New York Times": a capitalised common word may begin the name
            break
        if opens_sentence and not is_shaped_name(text):
            break  # "Test datasets include ...": capitalised as the first word only
        start -= 1
    while start < end and table.token_text(start) == "-":
        start += 1
    return start


# Capitalised words that open sentences or qualify data rather than name it.
NOT_NAMES: Final = CLOSED_CLASS | EVALUATIVE | GENERIC_WORDS | {"public", "benchmark", "dataset"}
# "the English corpus", "German-English datasets": a language says what the data is written in.
LANGUAGES: Final = frozenset(
    """english chinese mandarin german french spanish italian portuguese russian japanese korean
    arabic hindi dutch swedish turkish czech polish greek hebrew vietnamese thai indonesian
    multilingual bilingual monolingual""".split()
)
