"""The learned decision: which candidates name a concept, and of which type.

The rule components propose spans (``Candidate``) with a guessed type; the guess was fixed by
the component that made it, so a phrase the paper uses as its tool could come out a task, and
every over-reaching rule added its false positives. Here a linear model trained on annotated
abstracts (``scripts/train_model.py``, ``make model``) weighs each candidate by its words, its
shape, the words around it, and what the rules and the lexicon said of it, and gives the
probability of each type and of "no concept". Candidates judged no concept are dropped; the
others take the type their concept, all its mentions pooled, most probably has.

The model is a multinomial logistic regression over binary features, stored as one weight row
per feature (``candidates.json``): scoring a candidate is a sum of the rows of its features,
which costs less than loading a learning library would.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.candidates import Candidate, candidates_of
from kg.extract.features import (
    AFTER_SLOT,
    BEFORE_SLOT,
    CONTEXT_FEATURES,
    LAST_BY_RULE,
    RULE_TYPES,
    TEXT_END,
    TEXT_START,
    TOKEN_TEMPLATES,
    before_position,
    candidate_values,
    rule_type_of,
    span_contexts,
    span_shape,
    title_place,
    token_values,
)
from kg.extract.keys import concept_key
from kg.extract.tokens import TokenTable, title_end, token_table
from kg.records import ConceptType
from kg.resources import package_path

MODEL_PATH = package_path("kg.extract", "trained", "candidates.json")
PROPOSALS_PATH = MODEL_PATH.with_name("proposals.json")
NO_CONCEPT = "none"
CLASSES = (NO_CONCEPT, *(kind.value for kind in ConceptType))
# The second model: whether a candidate names what the paper itself introduces.
NOT_PROPOSED = "not-proposed"
PROPOSAL_CLASSES = (NOT_PROPOSED, "proposed")


@dataclass(frozen=True)
class CandidateModel:
    """Per feature, its weight for each of ``classes``; ``bias`` is the intercepts. The first
    class is the "no" answer (no concept, not proposed): a candidate is a "yes" when the
    probability of the first class is below ``keep_threshold``."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    keep_threshold: float = 0.5

    def probabilities(self, features: Iterable[str]) -> list[float]:
        scores = list(self.bias)
        weights = self.weights
        for feature in features:
            row = weights.get(feature)
            if row is not None:
                for index, weight in enumerate(row):
                    scores[index] += weight
        top = max(scores)
        exponentials = [math.exp(score - top) for score in scores]
        total = sum(exponentials)
        return [value / total for value in exponentials]

    def to_json(self) -> dict:
        return {
            "classes": list(self.classes),
            "bias": list(self.bias),
            "keep_threshold": self.keep_threshold,
            "weights": {feature: list(row) for feature, row in sorted(self.weights.items())},
        }

    @classmethod
    def from_json(cls, data: dict, expected: tuple[str, ...] = CLASSES) -> CandidateModel:
        classes = tuple(data["classes"])
        if classes[:1] != expected[:1] or set(classes) != set(expected):
            raise ValueError(f"this model must have the classes {expected}, not {classes}")
        weights = {feature: tuple(row) for feature, row in data["weights"].items()}
        return cls(classes, tuple(data["bias"]), weights, float(data["keep_threshold"]))


def load_model(path: Path = MODEL_PATH, classes: tuple[str, ...] = CLASSES) -> CandidateModel:
    return CandidateModel.from_json(json.loads(path.read_text(encoding="utf-8")), classes)


def write_model(model: CandidateModel, path: Path) -> None:
    """Written so that the same model gives the same bytes (sorted features, fixed rounding)."""
    path.write_text(json.dumps(model.to_json(), separators=(",", ":")) + "\n", encoding="utf-8")


class RowCache:
    """Rows computed once per key, numbered, and kept in one numpy matrix, so that a doc's rows
    are gathered by one fancy index instead of a numpy array built from Python tuples per doc.
    Bounded: past ``limit`` keys it starts afresh."""

    def __init__(self, width: int, dtype: type, limit: int = 500_000) -> None:
        self.ids: dict[object, int] = {}
        self.matrix = numpy.zeros((1024, width), dtype=dtype)
        self.limit = limit

    def trim(self) -> None:
        """Start afresh past ``limit`` keys (between docs: a doc's numbers must stay valid)."""
        if len(self.ids) >= self.limit:
            self.ids.clear()

    def add(self, key: object, row: Sequence[float]) -> int:
        """The number of a new key, its row stored."""
        number = self.ids[key] = len(self.ids)
        if number >= len(self.matrix):
            grown = numpy.zeros((2 * len(self.matrix), self.matrix.shape[1]), dtype=self.matrix.dtype)
            grown[: len(self.matrix)] = self.matrix
            self.matrix = grown
        self.matrix[number] = row
        return number


class CandidateScorer:
    """``CandidateModel.probabilities`` of all of a doc's candidates at once, for one model or
    several over the same features (the type model, then the proposal model): their weights
    are columns side by side, so one pass scores them all.

    A candidate's score is the bias, plus the rows of its span's words (differences of running
    sums over the doc's tokens), of its first, last, before and after words, and of its
    candidate features. The token templates' rows are stacked in one table; each distinct word
    (by its lower-case word) gets its row numbers once, each combination of candidate features
    its sum once (``tests/extract/test_model.py`` holds the result to
    ``CandidateModel.probabilities`` of the named features).
    """

    EDGE = -1  # the key of the place past either end of the text (word keys are never negative)
    _POINT_COLUMNS = (1, 2, 3, 4, 5)  # first, last, suffix, before, after

    def __init__(self, model: CandidateModel, *more: CandidateModel) -> None:
        self.model = model
        self.models = (model, *more)
        self.blocks: list[tuple[int, int]] = []  # each model's columns
        for each in self.models:
            start = self.blocks[-1][1] if self.blocks else 0
            self.blocks.append((start, start + len(each.classes)))
        width = self.blocks[-1][1]
        self.bias = numpy.array([weight for each in self.models for weight in each.bias])
        templates = (*TOKEN_TEMPLATES, LAST_BY_RULE)
        slots = {template: slot for slot, template in enumerate(templates)}
        local: list[dict[str, int]] = [{} for _ in templates]
        rows: list[list[list[float]]] = [[[0.0] * width] for _ in templates]  # row 0: an unseen value
        for (start, stop), each in zip(self.blocks, self.models, strict=True):
            for feature, row in each.weights.items():
                template, _, value = feature.partition("=")
                slot = slots.get(template)
                if slot is None:
                    continue
                number = local[slot].get(value)
                if number is None:
                    number = local[slot][value] = len(rows[slot])
                    rows[slot].append([0.0] * width)
                rows[slot][number][start:stop] = row
        offsets = [0]
        for template_rows in rows[:-1]:
            offsets.append(offsets[-1] + len(template_rows))
        self.offsets = offsets
        self.vocabularies = local
        self.table = numpy.array([row for template_rows in rows for row in template_rows])
        self.tokens = RowCache(len(TOKEN_TEMPLATES) + len(RULE_TYPES), numpy.intp)
        self.candidate_sums = RowCache(width, numpy.float64)

    def token_rows(self, lower: str | None) -> list[int]:
        """A token's row in the stacked table for each token template, then for the last word
        by each rule type; ``lower`` None is the place past either end of the text."""
        vocabularies, offsets = self.vocabularies, self.offsets
        by_rule = len(TOKEN_TEMPLATES)
        if lower is None:
            rows = offsets[: by_rule + 1] + [offsets[by_rule]] * (len(RULE_TYPES) - 1)
            rows[BEFORE_SLOT] += vocabularies[BEFORE_SLOT].get(TEXT_START, 0)
            rows[AFTER_SLOT] += vocabularies[AFTER_SLOT].get(TEXT_END, 0)
            return rows
        values = token_values(lower)
        rows = [offsets[slot] + vocabularies[slot].get(value, 0) for slot, value in enumerate(values)]
        rows.extend(
            offsets[by_rule] + vocabularies[by_rule].get(f"{values[2]}|{kind}", 0) for kind in RULE_TYPES
        )
        return rows

    def candidate_sum(
        self, candidate: Candidate, place: str, context: tuple[str, ...], shape: str
    ) -> list[float]:
        total = [0.0] * self.blocks[-1][1]
        features = candidate_values(candidate, place, context, shape)
        for (start, _), each in zip(self.blocks, self.models, strict=True):
            for feature in features:
                weights = each.weights.get(feature)
                if weights is not None:
                    for index, weight in enumerate(weights):
                        total[start + index] += weight
        return total

    def token_numbers(self, table: TokenTable) -> list[int]:
        """Each token's number in the row cache, then the edge's."""
        self.tokens.trim()
        known = self.tokens.ids
        numbers = []
        for index, word in enumerate(table.word_keys()):
            number = known.get(word)
            if number is None:
                number = self.tokens.add(word, self.token_rows(table.lower_text(index)))
            numbers.append(number)
        edge = known.get(self.EDGE)
        numbers.append(self.tokens.add(self.EDGE, self.token_rows(None)) if edge is None else edge)
        return numbers

    def probabilities(
        self, table: TokenTable, candidates: list[Candidate], end_of_title: int
    ) -> numpy.ndarray:
        """One row per candidate: the probability of each of the first model's classes."""
        start, stop = self.blocks[0]
        return self.batch_probabilities([(table, candidates, end_of_title)])[0][:, start:stop]

    def batch_probabilities(self, docs: list[tuple[TokenTable, list[Candidate], int]]) -> list[numpy.ndarray]:
        """For several docs (table, candidates, end of title), computed as one (numpy's cost
        per call is then paid per batch, not per doc): a row per candidate, each model's block
        of columns (``blocks``) its classes' probabilities."""
        self.candidate_sums.trim()
        known_sums = self.candidate_sums.ids
        numbers: list[int] = []  # every doc's token numbers, one after another
        sums: list[int] = []
        # each candidate's first token, the token past its end, the tokens before and after it
        starts: list[int] = []
        ends: list[int] = []
        befores: list[int] = []
        afters: list[int] = []
        rules: list[int] = []
        counts: list[int] = []
        for table, candidates, end_of_title in docs:
            offset = len(numbers)
            numbers.extend(self.token_numbers(table))  # the doc's tokens, then the edge
            edge, size = len(numbers) - 1, len(table.starts)
            contexts = span_contexts(table, candidates, end_of_title)
            for c in candidates:
                start, stop, rule = c.start, c.end, rule_type_of(c)
                place, context = title_place(table, start, stop, end_of_title), contexts[(start, stop)]
                shape = span_shape(table, start, stop)
                length = min(stop - start, 6)
                key = (
                    c.component,
                    rule,
                    c.lexicon_id is not None,
                    length,
                    place,
                    c.proposed,
                    context,
                    shape,
                )
                number = known_sums.get(key)
                if number is None:
                    named = CONTEXT_FEATURES[context]
                    number = self.candidate_sums.add(key, self.candidate_sum(c, place, named, shape))
                sums.append(number)
                before_token = before_position(start, end_of_title)
                before = edge if before_token is None else offset + before_token
                after = edge if stop == size else offset + stop
                starts.append(offset + start)
                ends.append(offset + stop)
                befores.append(before)
                afters.append(after)
                rules.append(RULE_TYPES.index(rule))
            counts.append(len(candidates))
        if not sums:
            return [numpy.zeros((0, self.blocks[-1][1])) for _ in docs]
        rows = self.tokens.matrix[as_indices(numbers)]
        first, past = as_indices(starts), as_indices(ends)
        lasts = past - 1
        # first, last, suffix, before, after, and the last word by the rule's type
        positions = numpy.stack([first, lasts, lasts, as_indices(befores), as_indices(afters), lasts], axis=1)
        columns = numpy.empty_like(positions)
        columns[:, :5] = self._POINT_COLUMNS
        columns[:, 5] = len(TOKEN_TEMPLATES) + as_indices(rules)
        table_rows = self.table
        running = numpy.zeros((len(numbers) + 1, table_rows.shape[1]))
        numpy.cumsum(table_rows[rows[:, 0]], axis=0, out=running[1:])  # a span never holds an edge
        scores = self.candidate_sums.matrix[as_indices(sums)] + self.bias
        scores += running[past] - running[first]
        scores += table_rows[rows[positions, columns]].sum(axis=1)
        for start, stop in self.blocks:  # a softmax per model
            block = scores[:, start:stop]
            block -= block.max(axis=1, keepdims=True)
            numpy.exp(block, out=block)
            block /= block.sum(axis=1, keepdims=True)
        return numpy.split(scores, numpy.cumsum(counts)[:-1])


def as_indices(values: list[int]) -> numpy.ndarray:
    """A list of ints as an index array: ``numpy.fromiter`` reads them a third of the time
    ``numpy.array`` takes, which first works out the list's shape and type."""
    return numpy.fromiter(values, dtype=numpy.intp, count=len(values))


# ---------------------------------------------------------------------------------------------
# Decision


def decide(doc: Doc, candidates: list[Candidate], scorer: CandidateScorer) -> list[Candidate]:
    """The candidates that name a concept, each typed as its concept most probably is, and
    marked proposed when the rules or the scorer's proposal model (its second) say so."""
    return decide_batch([doc], [candidates], scorer)[0]


def decide_batch(
    docs: list[Doc], candidates: list[list[Candidate]], scorer: CandidateScorer
) -> list[list[Candidate]]:
    """``decide`` for each doc and its candidates, scored together."""
    tables = [token_table(doc) for doc in docs]
    inputs = [(tables[i], candidates[i], title_end(doc)) for i, doc in enumerate(docs)]
    scored = scorer.batch_probabilities(inputs)
    model = scorer.model
    none_index = model.classes.index(NO_CONCEPT)
    decisions = []
    for i, rows in enumerate(scored):
        types = rows[:, : len(model.classes)]
        kept: list[int] = numpy.flatnonzero(types[:, none_index] < model.keep_threshold).tolist()
        proposed = [candidates[i][index].proposed for index in kept]
        if len(scorer.models) > 1:
            start = scorer.blocks[1][0]  # the proposal model's first class: not proposed
            said: list[bool] = (rows[kept, start] < scorer.models[1].keep_threshold).tolist()
            proposed = [rule or learned for rule, learned in zip(proposed, said, strict=True)]
        decisions.append(decided(tables[i], candidates[i], types, model, kept, proposed))
    return decisions


def decided(
    table: TokenTable,
    candidates: list[Candidate],
    probabilities: numpy.ndarray,
    model: CandidateModel,
    kept: list[int],
    proposed: list[bool],
) -> list[Candidate]:
    """The ``kept`` candidates (those whose probability of naming no concept is under the
    model's threshold), each typed by the type of highest probability summed over its
    concept's kept mentions; ``proposed`` says, for each, whether it is a contribution."""
    none_index = model.classes.index(NO_CONCEPT)
    keys = [concept_key(table.span_text(candidates[i].start, candidates[i].end)) for i in kept]
    pooled: dict[str, numpy.ndarray] = {}
    for position, key in enumerate(keys):
        row = probabilities[kept[position]]
        pooled[key] = pooled[key] + row if key in pooled else row
    columns = [(model.classes.index(kind.value), kind) for kind in ConceptType]
    types: dict[str, ConceptType] = {}
    for key, total in pooled.items():  # on a tie, the type named first in ConceptType
        best = columns[0]
        for column in columns[1:]:
            if total[column[0]] > total[best[0]]:
                best = column
        types[key] = best[1]
    confidences: list[float] = (1.0 - probabilities[kept, none_index]).round(3).tolist()
    result = []
    for position, index in enumerate(kept):
        candidate = candidates[index]
        result.append(
            Candidate(
                candidate.start,
                candidate.end,
                types[keys[position]],
                candidate.component,
                confidences[position],
                candidate.lexicon_id,
                proposed[position],
            )
        )
    return result


@Language.factory("kg_model", default_config={"model_path": None, "proposals_path": None})
def create_model_component(
    nlp: Language, name: str, model_path: str | None, proposals_path: str | None
) -> ModelComponent:
    model = load_model(Path(model_path) if model_path else MODEL_PATH)
    proposals = load_model(Path(proposals_path) if proposals_path else PROPOSALS_PATH, PROPOSAL_CLASSES)
    return ModelComponent(model, proposals)


class ModelComponent:
    """The last component: replaces the doc's candidates by the model's decision."""

    def __init__(self, model: CandidateModel, proposals: CandidateModel | None = None) -> None:
        self.scorer = CandidateScorer(model) if proposals is None else CandidateScorer(model, proposals)

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc]) -> Iterator[Doc]:
        """spaCy's batch interface: the docs' candidates are scored together."""
        batch = list(docs)
        found = [candidates_of(doc) for doc in batch]
        for doc, candidates, decision in zip(
            batch, found, decide_batch(batch, found, self.scorer), strict=True
        ):
            candidates[:] = decision
            yield doc
