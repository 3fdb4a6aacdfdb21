from kg.records import ConceptType

from .conftest import make_paper, names


def test_title_templates_and_problem_of(tiny_nlp):
    paper = make_paper(
        "Optimization of Multiparameter Persistent Homology",
        "We consider the problem of submodular maximization under a cardinality constraint.",
    )
    tasks = names(paper, tiny_nlp, ConceptType.TASK)
    assert "Optimization of Multiparameter Persistent Homology" in tasks
    assert "submodular maximization" in tasks


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


def test_a_towards_title_names_its_problem(tiny_nlp):
    paper = make_paper("Towards Exact Computation of Inductive Bias", "We study it.")
    assert names(paper, tiny_nlp, ConceptType.TASK) == ["Computation of Inductive Bias"]


def test_after_a_method_in_a_title_the_purpose_is_a_task(tiny_nlp):
    task_after_method = make_paper("Sparse Kernel Machines for Protein Contact Maps", "We study it.")
    assert names(task_after_method, tiny_nlp, ConceptType.TASK) == ["Protein Contact Maps"]
    no_method_before = make_paper("Exact Bounds for Protein Contact Maps", "We study it.")
    assert names(no_method_before, tiny_nlp, ConceptType.TASK) == []
