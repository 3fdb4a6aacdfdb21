"""Training the candidate model (``kg.extract.model``) from annotated abstracts.

The gold files (``GUIDELINES.md``) list each paper's concepts by name, not by position, so each
rule candidate is labelled by its text: the type of the required gold concept one of its
surface forms matches (singular and plural readings, as the scorer reads them), "none" when it
matches no gold concept, and no label at all when it matches only an optional one (annotators
could go either way: the scorer is neutral, and so is training). The same labelled candidates
serve ``make model`` (all of them) and ``make cv`` (k folds, a model per fold).

Fitting uses scikit-learn (the ``model`` extra); the shipped model needs only the weights.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.evaluate import concept_forms, surface_variants, title_key
from kg.extract.candidates import Candidate, candidates_of
from kg.extract.features import LAST_BY_RULE, doc_features, is_proposal_feature
from kg.extract.model import (
    CLASSES,
    NO_CONCEPT,
    NOT_PROPOSED,
    PROPOSAL_CLASSES,
    CandidateModel,
    CandidateScorer,
    decide,
)
from kg.extract.output import concepts_json
from kg.extract.pipeline import build_pipeline, concepts_of, paper_doc
from kg.extract.tokens import token_table
from kg.records import Paper
from kg.resources import package_path

TYPE_KEYS = {"methods": "method", "tasks": "task", "datasets": "dataset"}


@dataclass
class AnnotatedPaper:
    """A paper after the rule components, its candidates, their features, and its gold record."""

    paper: Paper
    doc: Doc
    candidates: list[Candidate]
    features: list[list[str]]
    gold: Mapping[str, Any]


def rule_pipeline() -> Language:
    """The pipeline without the model: the rules' candidates, undecided."""
    return build_pipeline(exclude=("kg_model",))


def annotate(papers: Iterable[Paper], gold: Sequence[Mapping[str, Any]]) -> list[AnnotatedPaper]:
    """Each gold paper (matched by title, as the scorer does) with its rule candidates."""
    by_title = {title_key(record["title"]): record for record in gold}
    nlp = rule_pipeline()
    components = [component for _, component in nlp.pipeline]
    annotated = []
    for paper in papers:
        record = by_title.get(title_key(paper.title))
        if record is None:
            continue
        doc = paper_doc(nlp, paper)
        for component in components:
            doc = component(doc)
        candidates = list(candidates_of(doc))
        annotated.append(AnnotatedPaper(paper, doc, candidates, doc_features(doc, candidates), record))
    return annotated


def gold_types(record: Mapping[str, Any]) -> tuple[dict[str, str], set[str]]:
    """The surface forms of the record's required concepts with their type, and those of its
    optional ones."""
    required: dict[str, str] = {}
    optional: set[str] = set()
    for key, kind in TYPE_KEYS.items():
        for concept in record.get(key, []):
            for form in concept_forms(concept):
                required.setdefault(form, kind)
        for concept in record.get(f"{key}_optional", []):
            optional |= concept_forms(concept)
    return required, optional


def candidate_labels(annotated: AnnotatedPaper) -> list[str | None]:
    """Each candidate's class, or None when it matches only an optional concept."""
    required, optional = gold_types(annotated.gold)
    table = token_table(annotated.doc)
    labels: list[str | None] = []
    for candidate in annotated.candidates:
        forms = surface_variants(table.span_text(candidate.start, candidate.end))
        kinds = sorted({required[form] for form in forms if form in required})
        if kinds:
            labels.append(kinds[0])
        elif forms & optional:
            labels.append(None)
        else:
            labels.append(NO_CONCEPT)
    return labels


def proposal_labels(annotated: AnnotatedPaper) -> list[str | None]:
    """Each candidate's class for the proposal model: whether it names one of the record's
    ``proposed`` concepts (the paper's own new method, model or dataset)."""
    proposed: set[str] = set()
    for concept in annotated.gold.get("proposed", []):
        proposed |= concept_forms(concept)
    table = token_table(annotated.doc)
    return [
        PROPOSAL_CLASSES[1] if surface_variants(table.span_text(c.start, c.end)) & proposed else NOT_PROPOSED
        for c in annotated.candidates
    ]


Labeller = Callable[[AnnotatedPaper], list[str | None]]


def training_examples(
    papers: Iterable[AnnotatedPaper], labeller: Labeller = candidate_labels
) -> tuple[list[list[str]], list[str]]:
    features: list[list[str]] = []
    labels: list[str] = []
    for annotated in papers:
        for candidate_features, label in zip(annotated.features, labeller(annotated), strict=True):
            if label is not None:
                features.append(candidate_features)
                labels.append(label)
    return features, labels


@dataclass(frozen=True)
class TrainingConfig:
    """What ``make model`` fits with (``kg/extract/trained/config.json``)."""

    regularisation: float = 1.0  # inverse L2 strength, scikit-learn's C
    min_feature_count: int = 2  # a feature seen in fewer candidates is left out
    keep_threshold: float = 0.5  # a candidate is a concept when P(none) is below this
    # A candidate names the paper's own contribution when P(not proposed) is below this (the
    # rules' proposals stand whatever the model says).
    proposal_threshold: float = 0.2
    # The words of a candidate (not those around it) enter the fit scaled by this: L2 then
    # holds their weights down more than those of what proposed a span and how it stands. The
    # training papers are older and of other fields than most a user brings, and weights on
    # their own words carry over to other papers least.
    word_scale: float = 1.0
    max_iterations: int = 2000


CONFIG_PATH = package_path("kg.extract", "trained", "config.json")


def load_config(path: Path = CONFIG_PATH) -> TrainingConfig:
    return TrainingConfig(**json.loads(path.read_text(encoding="utf-8")))


WORD_TEMPLATES = ("word", "first", "last", "suffix", LAST_BY_RULE)


def is_word_feature(feature: str) -> bool:
    """A feature of the candidate's own words (the words beside it are context, not these)."""
    return feature.partition("=")[0] in WORD_TEMPLATES


def fit(papers: Iterable[AnnotatedPaper], config: TrainingConfig) -> CandidateModel:
    """The type model: which candidates are concepts, and of which type (the proposal model's
    own features left out)."""
    features, labels = training_examples(papers, candidate_labels)
    features = [[feature for feature in example if not is_proposal_feature(feature)] for example in features]
    return fit_examples(features, labels, CLASSES, config, config.keep_threshold)


def fit_proposals(papers: Iterable[AnnotatedPaper], config: TrainingConfig) -> CandidateModel:
    """The proposal model: which candidates name what the paper introduces."""
    features, labels = training_examples(papers, proposal_labels)
    return fit_examples(features, labels, PROPOSAL_CLASSES, config, config.proposal_threshold)


def fit_examples(
    features: list[list[str]],
    labels: list[str],
    classes: tuple[str, ...],
    config: TrainingConfig,
    threshold: float,
) -> CandidateModel:
    """A (multinomial) logistic regression over labelled candidates' features."""
    import numpy
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for example in features:
        for feature in set(example):
            counts[feature] = counts.get(feature, 0) + 1
    kept = {feature for feature, count in counts.items() if count >= config.min_feature_count}
    scale = {feature: config.word_scale if is_word_feature(feature) else 1.0 for feature in kept}
    rows = [{feature: scale[feature] for feature in example if feature in kept} for example in features]
    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform(rows)
    classifier = LogisticRegression(C=config.regularisation, max_iter=config.max_iterations)
    classifier.fit(matrix, labels)
    coefficients, intercepts = classifier.coef_, classifier.intercept_
    if len(classifier.classes_) == 2:  # one vector, for the second class: as two, the first at 0
        coefficients = numpy.vstack([numpy.zeros_like(coefficients), coefficients])
        intercepts = numpy.concatenate([[0.0], intercepts])
    order = [list(classifier.classes_).index(kind) for kind in classes]
    coefficients = coefficients[order].T
    weights = {
        feature: tuple(round(float(weight) * scale[feature], 5) for weight in coefficients[column])
        for feature, column in vectorizer.vocabulary_.items()
    }
    weights = {feature: row for feature, row in weights.items() if any(row)}
    bias = tuple(round(float(intercepts[index]), 5) for index in order)
    return CandidateModel(classes, bias, weights, threshold)


def predictions(
    papers: Iterable[AnnotatedPaper], model: CandidateModel, proposals: CandidateModel | None = None
) -> Iterator[dict[str, Any]]:
    """``kg extract --format jsonl`` records of the papers, their candidates decided by ``model``
    (and marked proposed by ``proposals``)."""
    scorer = CandidateScorer(model) if proposals is None else CandidateScorer(model, proposals)
    for annotated in papers:
        table = token_table(annotated.doc)
        table.candidates = decide(annotated.doc, annotated.candidates, scorer)
        yield concepts_json(concepts_of(annotated.doc, annotated.paper), with_mentions=False)


def folds(
    papers: Sequence[AnnotatedPaper], k: int
) -> Iterator[tuple[list[AnnotatedPaper], list[AnnotatedPaper]]]:
    """``k`` (train, held-out) splits; paper i is held out in fold ``i % k`` (the input order is
    the gold file's, so the folds are the same on every run)."""
    for fold in range(k):
        held_out = [paper for index, paper in enumerate(papers) if index % k == fold]
        rest = [paper for index, paper in enumerate(papers) if index % k != fold]
        yield rest, held_out
