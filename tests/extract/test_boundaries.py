from kg.records import ConceptType

from .conftest import make_paper, names


def test_verbs_and_evaluative_words_do_not_start_phrases(tiny_nlp):
    paper = make_paper(
        "Efficient image segmentation",
        "Showing novel image segmentation results, the efficient image segmentation pipeline wins.",
    )
    assert names(paper, tiny_nlp, ConceptType.TASK) == ["image segmentation"]


def test_a_word_placed_as_a_verb_does_not_open_a_phrase(tiny_nlp):
    paper = make_paper(
        "Learning to Estimate Sparse Kernel Regression",
        "Such networks can closely mimic sparse kernel regression. Sparse kernel regression is"
        " costly, and the widely adopted sparse kernel regression is slow.",
    )
    assert names(paper, tiny_nlp, ConceptType.METHOD) == ["sparse kernel regression"]
