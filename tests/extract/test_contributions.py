from kg.extract import extract_paper
from kg.extract.heads import is_shaped_name

from .conftest import make_paper


def proposed_names(paper, nlp):
    return sorted(concept.name for concept in extract_paper(paper, nlp).proposed)


def test_title_prefix_names_the_contribution(tiny_nlp):
    paper = make_paper(
        "NeuralStagger: Accelerating Physics-constrained Neural PDE Solver",
        "Neural networks have shown great potential in accelerating the solution of PDEs.",
    )
    assert proposed_names(paper, tiny_nlp) == ["NeuralStagger"]


def test_a_short_title_that_is_a_name_names_the_contribution(tiny_nlp):
    abstract = "We learn kernels with networks."
    assert proposed_names(make_paper("Convolutional Kernel Networks", abstract), tiny_nlp) == [
        "Convolutional Kernel Networks"
    ]
    # a title that is a sentence, or one word, or ends in no method noun names no contribution
    for title in ("Learning Kernels Is Hard", "Kernels", "Deep Kernel Learning Revisited Today"):
        assert proposed_names(make_paper(title, abstract), tiny_nlp) == [], title


def test_naming_cues_and_definitions_after_proposal_verbs(tiny_nlp):
    abstract = (
        "This paper proposes a general acceleration methodology called NeuralStagger by decomposing tasks. "
        "We propose Functional Bayesian Tucker Decomposition (FunBaT). "
        "We introduce Poseidon, a foundation model for learning the solution operators of PDEs. "
        "In this paper, we design a new bilevel optimization algorithm, namely BO-REP, to address this."
    )
    assert proposed_names(make_paper("A study", abstract), tiny_nlp) == [
        "BO-REP",
        "Functional Bayesian Tucker Decomposition",
        "NeuralStagger",
        "Poseidon",
    ]


def test_benchmarks_are_proposed_datasets(tiny_nlp):
    paper = make_paper(
        "A study", "We introduce SurfaceBench, first comprehensive benchmark for symbolic surface discovery."
    )
    (concept,) = extract_paper(paper, tiny_nlp).proposed
    assert concept.name == "SurfaceBench"
    assert concept.type.value == "dataset"


def test_unnamed_and_borrowed_methods_are_not_proposed(tiny_nlp):
    abstract = (
        "We propose a new method for image classification. We use a Transformer (Vaswani et al.) and a GP."
    )
    assert proposed_names(make_paper("Simple baselines for image classification", abstract), tiny_nlp) == []


def test_shaped_names():
    assert is_shaped_name("VonMisesNet") and is_shaped_name("M-FAC") and not is_shaped_name("Poseidon")


def test_titles_apposition_and_lower_case_names(tiny_nlp):
    paper = make_paper(
        "Fréchet Cumulative Covariance Net for Deep Nonlinear Sufficient Dimension Reduction",
        "Our method leads to the discovery of EvoNorms, a set of new normalization-activation layers. "
        "The key component is what we call equivariance regularizer for a type of symmetries. "
        "In this paper, we propose automatic implicit differentiation, an efficient and modular approach.",
    )
    assert proposed_names(paper, tiny_nlp) == [
        "EvoNorms",
        "Fréchet Cumulative Covariance Net",
        "automatic implicit differentiation",
        "equivariance regularizer",
    ]


def test_known_concepts_defined_after_a_proposal_verb_are_not_proposed(tiny_nlp):
    paper = make_paper("A study", "We introduce a Gaussian process (GP) prior over functions.")
    assert proposed_names(paper, tiny_nlp) == []


def test_definitions_and_names_credited_to_others_are_not_proposed(tiny_nlp):
    for text in (
        "We also develop a framework that utilizes the Oblivious Coordinate-wise Embedding (OCE) property.",
        "We develop the Oblivious Coordinate-wise Embedding (OCE) introduced in [12] further.",
        "Our results matter, a design consideration for noisy intermediate-scale quantum (NISQ) chips.",
        "We combine it with a recently proposed memory-efficient training technique called LISA.",
    ):
        assert proposed_names(make_paper("A study", text), tiny_nlp) == [], text
    paper = make_paper(
        "A study", "Here we develop the Oblivious Coordinate-wise Embedding (OCE) for regression."
    )
    assert proposed_names(paper, tiny_nlp) == ["Oblivious Coordinate-wise Embedding"]


def test_a_result_in_the_title_is_not_a_contribution(tiny_nlp):
    paper = make_paper("A Nearly-Optimal Bound for Fast Regression", "We prove it.")
    assert proposed_names(paper, tiny_nlp) == []


def test_later_uses_of_a_contribution_name_are_its_mentions_but_not_compounds_of_it(tiny_nlp):
    abstract = (
        "We introduce Poseidon, a foundation model for PDEs. Poseidon-L is larger. "
        "Poseidon outperforms the baselines, and Poseidon's code is public."
    )
    (poseidon,) = [c for c in extract_paper(make_paper("A study", abstract), tiny_nlp).proposed]
    assert [(m.start, m.end) for m in poseidon.mentions] == [
        (13, 21),
        (abstract.index("Poseidon outperforms"), abstract.index(" outperforms")),
        (abstract.index("Poseidon's"), abstract.index("'s code")),
    ]
