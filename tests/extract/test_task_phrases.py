from kg.extract import extract_paper
from kg.records import ConceptType

from .conftest import make_paper, names


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


def test_problem_of_needs_a_specific_object(tiny_nlp):
    paper = make_paper(
        "A study",
        "It is the challenge of carrying out inference. We learn many tasks of different nature.",
    )
    assert names(paper, tiny_nlp, ConceptType.TASK) == []


def test_a_definite_problem_after_for_is_named_in_full(tiny_nlp):
    paper = make_paper(
        "A study",
        "We propose algorithms for computing the logarithm of modified Bessel functions. "
        "It is a trick for computing the gradient twice.",
    )
    assert names(paper, tiny_nlp, ConceptType.TASK) == [
        "computing the logarithm of modified Bessel functions"
    ]


def test_gerund_objects_must_name_what_is_solved(tiny_nlp):
    paper = make_paper(
        "A study",
        "Modeling complex problems is hard. Ranking models lie at the heart of search engines."
        " Generating accurate samples is essential. Solving linear systems is classical.",
    )
    assert names(paper, tiny_nlp, ConceptType.TASK) == ["Solving linear systems"]


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
