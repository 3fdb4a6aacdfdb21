import pytest

from kg.extract import build_pipeline, default_pipeline
from kg.records import Paper

# What the rule components alone propose and how canonicalisation types it: the trained model
# that decides in the real pipeline is tested on its own (test_model.py).
RULES_ONLY = ("kg_noun_phrases", "kg_model")


@pytest.fixture(scope="session")
def tiny_nlp(request):
    """The rules with the small fixture lexicon."""
    from pathlib import Path

    return build_pipeline(Path(__file__).resolve().parent.parent / "fixtures" / "lexicon", exclude=RULES_ONLY)


@pytest.fixture(scope="session")
def rules_nlp():
    """The rules with the bundled lexicons."""
    return build_pipeline(exclude=RULES_ONLY)


@pytest.fixture(scope="session")
def nlp():
    """The real pipeline with the bundled lexicons (built once for the whole session)."""
    return default_pipeline()


def make_paper(title: str, abstract: str) -> Paper:
    return Paper(id="t0", title=title, abstract=abstract, original_title=title, original_abstract=abstract)


def names(paper, nlp, concept_type):
    """The sorted names of the paper's concepts of one type, as ``nlp`` extracts them."""
    from kg.extract import extract_paper

    return sorted(concept.name for concept in extract_paper(paper, nlp).of_type(concept_type))
