"""kg.extract.training: candidates labelled from a gold record, folds, a deterministic fit."""

import pytest

from kg.extract.model import NO_CONCEPT, CandidateScorer, decide
from kg.extract.tokens import token_table
from kg.extract.training import (
    TrainingConfig,
    annotate,
    candidate_labels,
    fit,
    folds,
    is_word_feature,
    load_config,
    predictions,
    training_examples,
)

from .conftest import make_paper

pytest.importorskip("sklearn")

PAPERS = [
    make_paper(
        "Sentiment analysis with LSTMs", "We train LSTM networks on the IMDB dataset and compare with CNNs."
    ),
    make_paper(
        "Machine translation", "A Transformer translates on WMT 2014, beating recurrent neural networks."
    ),
    make_paper("Image classification", "ResNet models classify ImageNet images; we also test on CIFAR-10."),
    make_paper("Question answering", "BERT answers questions on SQuAD with data augmentation."),
]
GOLD = [
    {
        "title": PAPERS[0].title,
        "methods": [["LSTM", "LSTMs", "LSTM networks"], ["CNNs"]],
        "tasks": [["Sentiment analysis"]],
        "datasets": [["IMDB dataset", "IMDB"]],
    },
    {
        "title": PAPERS[1].title,
        "methods": [["Transformer"], ["recurrent neural networks"]],
        "tasks": [["Machine translation"]],
        "datasets": [["WMT 2014"]],
    },
    {
        "title": PAPERS[2].title,
        "methods": [["ResNet"]],
        "tasks": [["Image classification"]],
        "datasets": [["ImageNet"], ["CIFAR-10"]],
    },
    {
        "title": PAPERS[3].title,
        "methods": [["BERT"]],
        "methods_optional": [["data augmentation"]],
        "tasks": [["Question answering"]],
        "datasets": [["SQuAD"]],
    },
]


@pytest.fixture(scope="module")
def annotated():
    return annotate(PAPERS, GOLD)


def test_candidates_take_the_type_of_the_gold_concept_they_name(annotated):
    for paper in annotated:
        table = token_table(paper.doc)
        labels = dict.fromkeys(table.span_text(c.start, c.end) for c in paper.candidates)
        for candidate, label in zip(paper.candidates, candidate_labels(paper), strict=True):
            labels[table.span_text(candidate.start, candidate.end)] = label
        if paper.paper.title == "Question answering":
            assert labels["BERT"] == "method" and labels["SQuAD"] == "dataset"
            assert labels.get("data augmentation", None) is None  # optional: no label, not "none"
        if paper.paper.title == "Sentiment analysis with LSTMs":
            assert labels["IMDB dataset"] == "dataset" and labels.get("LSTMs") == "method"
    assert NO_CONCEPT in {label for paper in annotated for label in candidate_labels(paper)}


def test_unlabelled_candidates_are_left_out_of_training(annotated):
    features, labels = training_examples(annotated)
    assert len(features) == len(labels) and None not in labels
    assert len(labels) < sum(len(paper.candidates) for paper in annotated)


def test_folds_hold_each_paper_out_once(annotated):
    held = [paper.paper.title for _, held_out in folds(annotated, 2) for paper in held_out]
    assert sorted(held) == sorted(paper.paper.title for paper in annotated)
    for rest, held_out in folds(annotated, 2):
        assert not {id(p) for p in rest} & {id(p) for p in held_out}


def test_the_same_data_fits_the_same_model(annotated):
    config = TrainingConfig(min_feature_count=1)
    assert fit(annotated, config) == fit(annotated, config)


def test_a_fitted_model_decides_the_papers_it_learned(annotated):
    model = fit(annotated, TrainingConfig(min_feature_count=1, regularisation=100.0))
    found = {record["title"]: record for record in predictions(annotated, model)}
    assert {m["name"] for m in found["Question answering"]["methods"]} == {"BERT"}
    assert {d["name"] for d in found["Image classification"]["datasets"]} == {"ImageNet", "CIFAR-10"}
    scorer = CandidateScorer(model)
    assert all(c.type is not None for paper in annotated for c in decide(paper.doc, paper.candidates, scorer))


def test_the_candidates_own_words_can_be_held_down(annotated):
    assert is_word_feature("word=lstm") and is_word_feature("last+rule=networks|method")
    assert not is_word_feature("before=on") and not is_word_feature("component=gazetteer")
    model = fit(annotated, TrainingConfig(min_feature_count=1, word_scale=0.0))
    assert model.weights and not any(is_word_feature(feature) for feature in model.weights)


def test_the_shipped_settings_load():
    assert load_config().word_scale < 1.0


def test_the_proposal_model_learns_what_papers_introduce(annotated):
    from kg.extract.model import PROPOSAL_CLASSES
    from kg.extract.training import fit_proposals, proposal_labels

    for paper in annotated:
        paper.gold = {**paper.gold, "proposed": paper.gold.get("methods", [])[:1]}
    labels = [label for paper in annotated for label in proposal_labels(paper)]
    assert set(labels) == set(PROPOSAL_CLASSES)
    model = fit_proposals(annotated, TrainingConfig(min_feature_count=1, regularisation=100.0))
    assert model.classes == PROPOSAL_CLASSES and len(model.bias) == 2 and model.bias[0] == 0.0
    records = {
        r["title"]: r
        for r in predictions(annotated, fit(annotated, TrainingConfig(min_feature_count=1)), model)
    }
    assert {p["name"] for p in records["Question answering"]["proposed"]} == {"BERT"}
