import pytest

from kg.extract import extract_paper
from kg.records import ConceptType

from .conftest import make_paper


def methods(paper, nlp):
    return sorted(concept.name for concept in extract_paper(paper, nlp).of_type(ConceptType.METHOD))


def test_known_members_type_the_rest_of_an_enumeration(tiny_nlp):
    paper = make_paper(
        "A study",
        "We compare eight explanation methods (LIME, KernelSHAP, SmoothGrad, and the Transformer).",
    )
    assert methods(paper, tiny_nlp) == ["KernelSHAP", "LIME", "SmoothGrad", "Transformer"]


def test_the_introducing_noun_types_an_enumeration(tiny_nlp):
    paper = make_paper("A study", "It rivals algorithms such as Q-learning and policy gradients on Atari.")
    assert methods(paper, tiny_nlp) == ["Q-learning", "policy gradients"]


def test_a_parenthesis_with_one_item_or_a_verb_is_not_a_list(tiny_nlp):
    paper = make_paper("A study", "The results (see below) are strong, such as shown by many runs.")
    assert methods(paper, tiny_nlp) == []


def test_a_type_noun_before_the_list_admits_single_lower_case_words(tiny_nlp):
    paper = make_paper(
        "A study",
        "Researchers proposed compression methods including pruning, quantization and factorization.",
    )
    assert methods(paper, tiny_nlp) == ["factorization", "pruning", "quantization"]
    unnamed = make_paper("A study", "We compare with others, including pruning and quantization.")
    assert methods(unnamed, tiny_nlp) == []


def test_an_apposition_after_a_plural_type_noun_is_a_list(tiny_nlp):
    paper = make_paper(
        "A study",
        "We show scaling laws for downstream tasks, classification, retrieval, and segmentation, and for "
        "open datasets, DataComp, DFN and Re-LAION, observing consistent gains.",
    )
    extraction = extract_paper(paper, tiny_nlp)
    assert sorted(c.name for c in extraction.of_type(ConceptType.DATASET)) == ["DFN", "DataComp", "Re-LAION"]
    assert {"classification", "retrieval"} <= {c.name for c in extraction.of_type(ConceptType.TASK)}


def test_a_coordination_of_kinds_is_not_an_apposition(tiny_nlp):
    paper = make_paper(
        "A study",
        "We validate it on real-world datasets, model classes, and prediction tasks. "
        "We learn about architectures, hyperparameters, and optimizers.",
    )
    extraction = extract_paper(paper, tiny_nlp)
    assert extraction.of_type(ConceptType.DATASET) == [] and methods(paper, tiny_nlp) == []


def datasets(paper, nlp):
    return sorted(concept.name for concept in extract_paper(paper, nlp).of_type(ConceptType.DATASET))


def test_names_before_a_dataset_noun_are_datasets(tiny_nlp):
    paper = make_paper(
        "A study",
        "Our experiments on the Open Catalyst Project and 3BPA datasets, and on the MVCap benchmark, "
        "show gains. Test datasets and public benchmarks vary.",
    )
    assert datasets(paper, tiny_nlp) == ["3BPA", "MVCap", "Open Catalyst Project"]


def test_a_defined_task_acronym_before_datasets_is_not_a_dataset(tiny_nlp):
    paper = make_paper(
        "A study", "Symbolic regression (SR) is hard. Unlike prior SR datasets, ours is large."
    )
    assert datasets(paper, tiny_nlp) == []


def test_the_introducing_noun_outranks_a_lexicon_type(tiny_nlp):
    paper = make_paper(
        "A study",
        "We tune several search methods, e.g. Bayesian optimization, random search and annealing.",
    )
    assert methods(paper, tiny_nlp) == ["Bayesian optimization", "annealing", "random search"]


def test_a_name_with_a_model_size_is_a_method(tiny_nlp):
    paper = make_paper(
        "A study",
        "We fine-tune Mistral-7B and ViT-B/16. Training data come from the LAION dataset, a LAION-2B subset.",
    )
    assert methods(paper, tiny_nlp) == ["Mistral-7B", "ViT-B/16"]


@pytest.mark.parametrize(
    "text",
    [
        "We fine-tune Mistral-7B, Qwen-2.5-32B and ViT-B/16 on OPT-1B-2B.",
        "A-" * 40 + "7B and " + "x" * 80 + "-7B, then -3B alone, a-b-c-d-e-1.5T and Llama-3-8B-Instruct-70B.",
        "no sizes here - 7B, 12-B or -M/",
        "",
    ],
)
def test_sized_names_are_the_full_patterns_matches(text):
    from kg.extract.lists import _SIZED_NAME, sized_name_matches

    expected = [(m.start(), m.end()) for m in _SIZED_NAME.finditer(text)]
    assert [(m.start(), m.end()) for m in sized_name_matches(text)] == expected


def test_a_two_letter_acronym_before_datasets_is_no_dataset_name(tiny_nlp):
    paper = make_paper("A study", "Unlike prior SR datasets, the MVCap and ABC datasets are large.")
    found = extract_paper(paper, tiny_nlp).of_type(ConceptType.DATASET)
    assert sorted(concept.name for concept in found) == ["ABC", "MVCap"]


def test_what_experiments_are_run_on_shares_a_type(tiny_nlp):
    paper = make_paper(
        "A study",
        "Experiments on Bayesian optimization, protein docking and molecule generation show gains."
        " We report on speed, memory and cost.",
    )
    tasks = extract_paper(paper, tiny_nlp).of_type(ConceptType.TASK)
    names = sorted(c.name for c in tasks)
    assert names == ["Bayesian optimization", "molecule generation", "protein docking"]


def test_problems_and_applications_introduce_tasks(tiny_nlp):
    paper = make_paper(
        "A study",
        "It solves hard control problems, including legged locomotion and drone racing, and has"
        " many applications, including video and audio captioning.",
    )
    tasks = extract_paper(paper, tiny_nlp).of_type(ConceptType.TASK)
    assert sorted(c.name for c in tasks) == ["audio captioning", "drone racing", "legged locomotion"]


def test_a_language_before_a_dataset_noun_is_no_name(tiny_nlp):
    paper = make_paper("A study", "We train on the English corpus and test on the German Gigaword corpus.")
    found = extract_paper(paper, tiny_nlp).of_type(ConceptType.DATASET)
    assert [concept.name for concept in found] == ["Gigaword"]
