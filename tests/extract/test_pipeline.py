import gc

import pytest

from kg.extract import concepts_json, extract_paper, extract_papers
from kg.ingest import read_papers


@pytest.fixture
def papers(examples):
    return list(read_papers([examples / "arxiv_api.atom", examples / "references.bib"]))


def test_batches_give_each_paper_its_own_results_in_order(nlp, papers):
    """Components run over a whole batch before the next: no doc's state leaks into another's."""
    one_by_one = [concepts_json(extract_paper(paper, nlp)) for paper in papers]
    assert [concepts_json(e) for e in extract_papers(papers, nlp, batch_size=3)] == one_by_one
    assert [concepts_json(e) for e in extract_papers(papers, nlp, batch_size=len(papers))] == one_by_one


def test_the_collector_is_on_whenever_the_callers_code_runs(nlp, papers):
    states = [gc.isenabled() for _ in extract_papers(papers, nlp, batch_size=2)]
    assert states == [True] * len(papers)


def test_mentions_are_written_with_every_field_in_order(nlp, papers):
    from dataclasses import asdict

    from kg.extract.output import mention_json

    for extraction in extract_papers(papers, nlp):
        for concept in extraction.concepts:
            for mention in concept.mentions:
                assert list(mention_json(mention).items()) == list(asdict(mention).items())
