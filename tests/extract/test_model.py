"""kg.extract.model: the scorer gives the named features' probabilities; the decision keeps,
drops and types candidates by them."""

import json

import numpy
import pytest

from kg.extract.candidates import Candidate, candidates_of
from kg.extract.features import doc_features
from kg.extract.model import (
    CLASSES,
    MODEL_PATH,
    CandidateModel,
    CandidateScorer,
    decide,
    decide_batch,
    load_model,
    write_model,
)
from kg.extract.pipeline import paper_doc
from kg.extract.tokens import title_end, token_table
from kg.ingest import read_papers
from kg.records import ConceptType

from .conftest import RULES_ONLY


@pytest.fixture(scope="module")
def rule_docs(examples_dir):
    """Docs of the example papers after the rule components, with their candidates."""
    from kg.extract import build_pipeline

    nlp = build_pipeline(exclude=("kg_model",))
    docs = []
    for paper in list(read_papers([examples_dir]))[:40]:
        doc = paper_doc(nlp, paper)
        for _, component in nlp.pipeline:
            doc = component(doc)
        docs.append((doc, list(candidates_of(doc))))
    return docs


@pytest.fixture(scope="module")
def examples_dir():
    from pathlib import Path

    return Path(__file__).resolve().parent.parent.parent / "examples"


def test_the_scorer_gives_the_probabilities_of_the_named_features(rule_docs):
    model = load_model()
    scorer = CandidateScorer(model)
    for doc, candidates in rule_docs:
        expected = numpy.array([model.probabilities(features) for features in doc_features(doc, candidates)])
        found = scorer.probabilities(token_table(doc), candidates, title_end(doc))
        assert numpy.allclose(found, expected, atol=1e-9)


def test_a_batch_is_decided_as_each_doc_alone(rule_docs):
    scorer = CandidateScorer(load_model())
    docs, candidates = [doc for doc, _ in rule_docs], [found for _, found in rule_docs]
    assert decide_batch(docs, candidates, scorer) == [decide(d, c, scorer) for d, c in rule_docs]


def one_word_model(word: str, kind: str, strength: float = 10.0) -> CandidateModel:
    """A model that knows one word: a candidate holding it is a ``kind``, anything else none."""
    bias = tuple(strength if name == "none" else 0.0 for name in CLASSES)
    row = tuple(2 * strength if name == kind else 0.0 for name in CLASSES)
    return CandidateModel(CLASSES, bias, {f"word={word}": row})


def test_the_decision_drops_what_is_no_concept_and_retypes_the_rest(nlp):
    doc = nlp.make_doc("A study\n\nWe train LSTM models and evaluate on SQuAD.")
    table = token_table(doc)
    words = [table.token_text(i) for i in range(len(doc))]
    lstm, squad = words.index("LSTM"), words.index("SQuAD")
    candidates = [
        Candidate(lstm, lstm + 1, ConceptType.TASK, "gazetteer", 0.9),
        Candidate(squad, squad + 1, ConceptType.METHOD, "head-noun", 0.5),
    ]
    kept = decide(doc, candidates, CandidateScorer(one_word_model("lstm", "method")))
    assert [(table.span_text(c.start, c.end), c.type) for c in kept] == [("LSTM", ConceptType.METHOD)]
    assert kept[0].component == "gazetteer" and kept[0].confidence > 0.99


def test_every_mention_of_a_concept_gets_the_type_its_mentions_pool_to(nlp):
    doc = nlp.make_doc("A study\n\nBERT helps. We use BERT again.")
    table = token_table(doc)
    first, second = [i for i in range(len(doc)) if table.token_text(i) == "BERT"]
    before = CandidateModel(
        CLASSES, (0.0,) * 4, {"word=bert": (0.0, 3.0, 1.0, 0.0), "before=use": (0.0, -1.0, 2.0, 0.0)}
    )
    kept = decide(
        doc,
        [
            Candidate(first, first + 1, None, "noun-phrase", 0.1),
            Candidate(second, second + 1, None, "noun-phrase", 0.1),
        ],
        CandidateScorer(before),
    )
    assert [c.type for c in kept] == [ConceptType.METHOD, ConceptType.METHOD]  # 3+2 against 1+3


def test_the_model_decides_last_in_the_pipeline(nlp):
    assert nlp.pipe_names[-2:] == ["kg_noun_phrases", "kg_model"]


def test_a_model_file_round_trips_byte_for_byte(tmp_path):
    model = load_model()
    write_model(model, tmp_path / "model.json")
    assert (tmp_path / "model.json").read_bytes() == MODEL_PATH.read_bytes()
    assert load_model(tmp_path / "model.json") == model


def test_a_model_with_other_classes_is_refused(tmp_path):
    data = load_model().to_json()
    data["classes"] = ["yes", "no"]
    (tmp_path / "model.json").write_text(json.dumps(data))
    with pytest.raises(ValueError, match="classes"):
        load_model(tmp_path / "model.json")


def test_the_rule_fixtures_leave_the_model_out(tiny_nlp):
    assert not set(RULES_ONLY) & set(tiny_nlp.pipe_names)


def test_the_shipped_proposal_model_loads_with_its_own_classes():
    from kg.extract.model import PROPOSAL_CLASSES, PROPOSALS_PATH

    assert load_model(PROPOSALS_PATH, PROPOSAL_CLASSES).classes == PROPOSAL_CLASSES
    with pytest.raises(ValueError, match="classes"):
        load_model(PROPOSALS_PATH)  # not a type model


def test_the_proposal_model_marks_what_the_rules_did_not(nlp):
    from kg.extract.model import PROPOSAL_CLASSES

    doc = nlp.make_doc("A study\n\nWe train LSTM models.")
    table = token_table(doc)
    lstm = [table.token_text(i) for i in range(len(doc))].index("LSTM")
    candidates = [Candidate(lstm, lstm + 1, ConceptType.METHOD, "gazetteer", 0.9)]
    says_yes = CandidateModel(PROPOSAL_CLASSES, (0.0, 5.0), {}, keep_threshold=0.2)
    says_no = CandidateModel(PROPOSAL_CLASSES, (0.0, -5.0), {}, keep_threshold=0.2)
    scorer = CandidateScorer(one_word_model("lstm", "method"))
    assert decide(doc, candidates, CandidateScorer(scorer.model, says_yes))[0].proposed
    assert not decide(doc, candidates, CandidateScorer(scorer.model, says_no))[0].proposed
    ruled = [Candidate(lstm, lstm + 1, ConceptType.METHOD, "pattern:title-prefix", 0.9, None, True)]
    assert decide(doc, ruled, CandidateScorer(scorer.model, says_no))[0].proposed  # the rules' stand


def test_two_models_scored_together_give_what_each_gives_alone(rule_docs):
    from kg.extract.model import PROPOSAL_CLASSES, PROPOSALS_PATH

    types, proposals = load_model(), load_model(PROPOSALS_PATH, PROPOSAL_CLASSES)
    both = CandidateScorer(types, proposals)
    inputs = [(token_table(doc), candidates, title_end(doc)) for doc, candidates in rule_docs]
    alone = [CandidateScorer(model).batch_probabilities(inputs) for model in (types, proposals)]
    for index, rows in enumerate(both.batch_probabilities(inputs)):
        assert numpy.allclose(rows[:, :4], alone[0][index]) and numpy.allclose(rows[:, 4:], alone[1][index])
