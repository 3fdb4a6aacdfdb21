from kg.extract import extract_paper
from kg.records import ConceptType

from .conftest import make_paper, names


def test_head_noun_phrases_need_support(tiny_nlp):
    once = make_paper("A study", "We fit a spectral mixture kernel to the data.")
    assert names(once, tiny_nlp, ConceptType.METHOD) == []
    twice = make_paper(
        "A study", "We use fluid dynamics simulations. Our fluid dynamics simulations run in 2D and 3D."
    )
    assert names(twice, tiny_nlp, ConceptType.TASK) == ["fluid dynamics simulations"]


def test_a_head_noun_followed_by_another_noun_is_a_modifier(tiny_nlp):
    paper = make_paper(
        "Defending Against Data Reconstruction Attack with Layerwise Gradient Descent Methods",
        "We study it.",
    )
    assert names(paper, tiny_nlp, ConceptType.TASK) == []
    assert names(paper, tiny_nlp, ConceptType.METHOD) == ["Layerwise Gradient Descent Methods"]


def test_vague_modifiers_do_not_make_a_variant(rules_nlp):
    paper = make_paper("A study", "We use high-quality Hamiltonian Monte Carlo and low-cost stochastic MCMC.")
    assert names(paper, rules_nlp, ConceptType.METHOD) == ["Hamiltonian Monte Carlo", "stochastic MCMC"]


def test_compound_modifiers_make_variants_and_descriptions_do_not(rules_nlp):
    paper = make_paper(
        "A study",
        "We train score-based diffusion models and pre-trained ResNet50 with high-capacity Transformers. "
        "PFNs near-perfectly fit Gaussian processes, unlike non-gradient-based genetic algorithms.",
    )
    methods = names(paper, rules_nlp, ConceptType.METHOD)
    assert "score-based diffusion models" in methods and "Transformers" in methods
    assert "Gaussian processes" in methods and "genetic algorithms" in methods
    assert not any(
        name.startswith(("pre-trained", "high-capacity", "near", "mimic", "non-")) for name in methods
    )


def test_a_capitalised_property_after_a_head_makes_it_a_modifier(tiny_nlp):
    paper = make_paper("Bounds on Random Forest Complexity for Tabular Data", "We study it.")
    assert names(paper, tiny_nlp, ConceptType.METHOD) == []


def test_a_name_introduced_with_a_kind_noun_is_a_method(tiny_nlp):
    paper = make_paper(
        "A study",
        "We train with the spectral norm clipping technique and compare to an iterative pruning"
        " method. Memory reduction techniques and the usual likelihood approach fall short, as"
        " does a two-stage approach.",
    )
    assert names(paper, tiny_nlp, ConceptType.METHOD) == ["iterative pruning", "spectral norm clipping"]


def test_shaped_names_that_methods_are_based_on_are_methods(tiny_nlp):
    paper = make_paper(
        "A study",
        "Existing SSM or GNN-based models are slow, and DNN-based methods or physics-based models too.",
    )
    assert names(paper, tiny_nlp, ConceptType.METHOD) == ["GNN", "SSM"]


def test_our_kind_noun_method_is_the_papers_own(tiny_nlp):
    paper = make_paper(
        "A study", "Our sparse gradient routing framework beats the spectral norm clipping technique."
    )
    proposed = [c.name for c in extract_paper(paper, tiny_nlp).concepts if c.proposed]
    assert proposed == ["sparse gradient routing"]


def test_one_adjective_before_neural_networks_names_a_family(tiny_nlp):
    paper = make_paper(
        "A study", "We train binarized neural networks, not limited neural networks or deep neural networks."
    )
    assert names(paper, tiny_nlp, ConceptType.METHOD) == ["binarized neural networks"]
