from hypothesis import given
from hypothesis import strategies as st

from kg.extract import extract_paper
from kg.extract.candidates import METHOD, Candidate
from kg.extract.canonical import dataset_name, select_non_overlapping
from kg.extract.keys import concept_key
from kg.records import ConceptType

from .conftest import make_paper


def test_abbreviation_variants_become_one_concept(tiny_nlp):
    paper = make_paper(
        "Solving PDEs with GPs",
        "We place a Gaussian process (GP) prior on the solution. GPs scale poorly, so our GP uses sparsity.",
    )
    (concept,) = extract_paper(paper, tiny_nlp).of_type(ConceptType.METHOD)
    assert concept.name == "Gaussian process"
    assert concept.aliases == ("GP", "GPs")
    assert concept.type_rule == "abbreviation+gazetteer"
    assert {mention.field for mention in concept.mentions} == {"title", "abstract"}


def test_mentions_point_into_the_normalised_field_text(tiny_nlp):
    paper = make_paper("Transformers for image classification", "A Transformer is trained on ImageNet.")
    extraction = extract_paper(paper, tiny_nlp)
    for concept in extraction.concepts:
        for mention in concept.mentions:
            text = paper.title if mention.field == "title" else paper.abstract
            assert text[mention.start : mention.end] == mention.text
            assert mention.sentence


def test_unknown_long_forms_are_typed_by_their_head_word(tiny_nlp):
    paper = make_paper("A title", "The adversarial adaptive sampling (AAS) approach beats uniform sampling.")
    (concept,) = extract_paper(paper, tiny_nlp).of_type(ConceptType.METHOD)
    assert concept.name == "adversarial adaptive sampling"
    assert concept.aliases == ("AAS",)
    assert concept.type_rule == "abbreviation"


def test_concept_key_folds_spelling_variants():
    assert concept_key("Physics-Informed Neural Networks") == concept_key("physics informed neural network")
    assert concept_key("Fréchet") == "frechet"


def test_defined_terms_without_a_telling_head_are_methods(tiny_nlp):
    paper = make_paper("A title", "We analyse Empirical Risk Minimization (ERM) and show ERM generalizes.")
    (concept,) = extract_paper(paper, tiny_nlp).of_type(ConceptType.METHOD)
    assert concept.name == "Empirical Risk Minimization"
    assert concept.aliases == ("ERM",)


def test_dataset_names_drop_the_common_noun():
    assert dataset_name("ImageNet datasets") == "ImageNet"
    assert dataset_name("Penn Treebank corpus") == "Penn Treebank"
    assert dataset_name("benchmark dataset") == "benchmark dataset"


def ranked_by_tuples(candidates):
    """select_non_overlapping's rule, as plainly as it can be written."""
    order = sorted(range(len(candidates)), key=lambda i: (
        candidates[i].start - candidates[i].end, -candidates[i].confidence, candidates[i].start, i
    ))  # fmt: skip
    taken, spans, chosen = set(), set(), []
    for index in order:
        span = (candidates[index].start, candidates[index].end)
        if span not in spans:
            if taken & set(range(*span)):
                continue
            taken |= set(range(*span))
            spans.add(span)
        chosen.append(index)
    position = {index: place for place, index in enumerate(chosen)}
    return [
        candidates[i]
        for i in sorted(
            chosen,
            key=lambda i: (candidates[i].start, candidates[i].end, candidates[i].component, position[i]),
        )
    ]


CANDIDATES = st.lists(
    st.builds(
        lambda start, length, confidence, component: Candidate(
            start, start + length, METHOD, component, confidence
        ),
        st.integers(0, 12),
        st.integers(1, 4),
        st.sampled_from([0.5, 0.7, 0.85, 0.9]),
        st.sampled_from(["gazetteer", "pattern:title-for", "head-noun", "abbreviation"]),
    ),
    max_size=14,
)


@given(CANDIDATES)
def test_the_longest_most_confident_spans_are_kept_in_text_order(candidates):
    assert select_non_overlapping(candidates) == ranked_by_tuples(candidates)


def test_an_acronym_the_paper_defines_takes_its_entry_only_when_the_long_form_names_it(rules_nlp):
    paper = make_paper(
        "Deep nets",
        "We introduce self-normalizing neural networks (SNNs). SNNs train deep nets. We compare them "
        "with long-short-term memory networks (LSTMs) and feed-forward neural networks (FNNs).",
    )
    ids = {concept.name: concept.lexicon_id for concept in extract_paper(paper, rules_nlp).concepts}
    assert ids["self-normalizing neural networks"] != "method:spiking neural network"
    assert ids["long-short-term memory networks"] == "method:long short term memory"
    assert ids["feed-forward neural networks"] == "method:fnn"  # an entry named by the acronym alone
