import pytest

from kg.extract import build_pipeline, default_pipeline
from kg.records import Paper


@pytest.fixture(scope="session")
def tiny_nlp(request):
    from pathlib import Path

    return build_pipeline(Path(__file__).resolve().parent.parent / "fixtures" / "lexicon")


@pytest.fixture(scope="session")
def nlp():
    """The real pipeline with the bundled lexicons (built once for the whole session)."""
    return default_pipeline()


def make_paper(title: str, abstract: str) -> Paper:
    return Paper(id="t0", title=title, abstract=abstract, original_title=title, original_abstract=abstract)
