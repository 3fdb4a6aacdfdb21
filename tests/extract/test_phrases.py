from kg.extract import extract_paper
from kg.records import ConceptType

from .conftest import make_paper


def names(paper, nlp, concept_type):
    return sorted(concept.name for concept in extract_paper(paper, nlp).of_type(concept_type))


def test_title_opening_gerund_names_the_problem(tiny_nlp):
    paper = make_paper(
        "Learning Hierarchical Polynomials with Three-Layer Neural Networks",
        "We study the problem of learning hierarchical polynomials over the standard Gaussian distribution.",
    )
    (task,) = extract_paper(paper, tiny_nlp).of_type(ConceptType.TASK)
    assert task.name == "learning hierarchical polynomials"
    assert task.aliases == ("Learning Hierarchical Polynomials",)
    assert {mention.field for mention in task.mentions} == {"title", "abstract"}


def test_gerund_task_joins_its_defined_object(tiny_nlp):
    paper = make_paper(
        "A study",
        "Neural solvers are used for solving partial differential equations (PDEs). Many PDEs are stiff.",
    )
    (task,) = extract_paper(paper, tiny_nlp).of_type(ConceptType.TASK)
    assert task.name == "solving partial differential equations"
    assert "PDEs" in task.aliases


def test_gerund_task_about_a_known_method_stays_apart_from_it(tiny_nlp):
    paper = make_paper(
        "A study",
        "This is useful for studying the generalization of Gaussian processes (GPs). Our GPs fit well.",
    )
    extraction = extract_paper(paper, tiny_nlp)
    (method,) = extraction.of_type(ConceptType.METHOD)
    assert method.lexicon_id == "method:gaussian process"
    (task,) = extraction.of_type(ConceptType.TASK)
    assert (task.name, task.aliases) == ("studying the generalization of Gaussian processes", ())


def test_title_gerund_after_for_names_the_problem(tiny_nlp):
    title = "A Deep Conjugate Direction Method for Iteratively Solving Linear Systems"
    paper = make_paper(title, "We study it.")
    assert names(paper, tiny_nlp, ConceptType.TASK) == ["Solving Linear Systems"]


def test_task_words_before_tasks_are_tasks(tiny_nlp):
    paper = make_paper(
        "A study",
        "Experiments in classification and regression tasks show gains. We avoid many tasks.",
    )
    assert names(paper, tiny_nlp, ConceptType.TASK) == ["classification", "regression"]


def test_definite_objects_in_running_text_are_not_problems(tiny_nlp):
    paper = make_paper("A study", "Computing the logarithm is costly. We avoid computing the gradient twice.")
    assert names(paper, tiny_nlp, ConceptType.TASK) == []


def test_head_noun_phrases_need_support(tiny_nlp):
    once = make_paper("A study", "We fit a spectral mixture kernel to the data.")
    assert names(once, tiny_nlp, ConceptType.METHOD) == []
    twice = make_paper(
        "A study", "We use fluid dynamics simulations. Our fluid dynamics simulations run in 2D and 3D."
    )
    assert names(twice, tiny_nlp, ConceptType.TASK) == ["fluid dynamics simulations"]


def test_title_templates_and_problem_of(tiny_nlp):
    paper = make_paper(
        "Optimization of Multiparameter Persistent Homology",
        "We consider the problem of submodular maximization under a cardinality constraint.",
    )
    tasks = names(paper, tiny_nlp, ConceptType.TASK)
    assert "Optimization of Multiparameter Persistent Homology" in tasks
    assert "submodular maximization" in tasks


def test_verbs_and_evaluative_words_do_not_start_phrases(tiny_nlp):
    paper = make_paper(
        "Efficient image segmentation",
        "Showing novel image segmentation results, the efficient image segmentation pipeline wins.",
    )
    assert names(paper, tiny_nlp, ConceptType.TASK) == ["image segmentation"]


def test_title_means_are_methods_whatever_their_head(tiny_nlp):
    for title, method in (
        ("Performance Scaling via Optimal Transport: Enabling Data Selection", "Optimal Transport"),
        ("Efficient Parameterization of Linear Operators via Multigrid", "Multigrid"),
        ("Learning to Optimize Alignment Through Dynamic Reward Weighting", "Dynamic Reward Weighting"),
    ):
        assert method in names(make_paper(title, "We study it."), tiny_nlp, ConceptType.METHOD), title
    for title in (
        "Shallow Networks with Bandlimited Random Weights",
        "Training Value Functions via Classification",
    ):
        assert names(make_paper(title, "We study it."), tiny_nlp, ConceptType.METHOD) == [], title


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


def test_problem_of_needs_a_specific_object(tiny_nlp):
    paper = make_paper(
        "A study",
        "It is the challenge of carrying out inference. We learn many tasks of different nature.",
    )
    assert names(paper, tiny_nlp, ConceptType.TASK) == []


def test_a_towards_title_names_its_problem(tiny_nlp):
    paper = make_paper("Towards Exact Computation of Inductive Bias", "We study it.")
    assert names(paper, tiny_nlp, ConceptType.TASK) == ["Computation of Inductive Bias"]


def test_a_definite_problem_after_for_is_named_in_full(tiny_nlp):
    paper = make_paper(
        "A study",
        "We propose algorithms for computing the logarithm of modified Bessel functions. "
        "It is a trick for computing the gradient twice.",
    )
    assert names(paper, tiny_nlp, ConceptType.TASK) == [
        "computing the logarithm of modified Bessel functions"
    ]


def test_a_word_placed_as_a_verb_does_not_open_a_phrase(tiny_nlp):
    paper = make_paper(
        "Learning to Estimate Sparse Kernel Regression",
        "Such networks can closely mimic sparse kernel regression. Sparse kernel regression is"
        " costly, and the widely adopted sparse kernel regression is slow.",
    )
    assert names(paper, tiny_nlp, ConceptType.METHOD) == ["sparse kernel regression"]


def test_a_capitalised_property_after_a_head_makes_it_a_modifier(tiny_nlp):
    paper = make_paper("Bounds on Random Forest Complexity for Tabular Data", "We study it.")
    assert names(paper, tiny_nlp, ConceptType.METHOD) == []


def test_gerund_objects_must_name_what_is_solved(tiny_nlp):
    paper = make_paper(
        "A study",
        "Modeling complex problems is hard. Ranking models lie at the heart of search engines."
        " Generating accurate samples is essential. Solving linear systems is classical.",
    )
    assert names(paper, tiny_nlp, ConceptType.TASK) == ["Solving linear systems"]


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


def test_after_a_method_in_a_title_the_purpose_is_a_task(tiny_nlp):
    task_after_method = make_paper("Sparse Kernel Machines for Protein Contact Maps", "We study it.")
    assert names(task_after_method, tiny_nlp, ConceptType.TASK) == ["Protein Contact Maps"]
    no_method_before = make_paper("Exact Bounds for Protein Contact Maps", "We study it.")
    assert names(no_method_before, tiny_nlp, ConceptType.TASK) == []


def test_what_a_method_is_applied_to_is_a_task(tiny_nlp):
    paper = make_paper(
        "A study",
        "We give an application to protein structure prediction, and applications to the control"
        " of quantum systems. Applications to many fields follow.",
    )
    assert names(paper, tiny_nlp, ConceptType.TASK) == [
        "control of quantum systems",
        "protein structure prediction",
    ]


def test_a_gerund_after_an_approach_to_names_the_problem(tiny_nlp):
    paper = make_paper(
        "A study",
        "We give an approach to solving stiff chemical kinetics. It is an approach to optimizing"
        " objective functions.",
    )
    assert names(paper, tiny_nlp, ConceptType.TASK) == ["solving stiff chemical kinetics"]


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
