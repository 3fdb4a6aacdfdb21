"""kg.cache: the build cache behind kg add."""

from kg.builder import build
from kg.cache import read_cache
from kg.extract import extract_papers
from kg.ingest import read_papers


def test_cache_round_trips_every_record(examples, tmp_path):
    papers = list(read_papers([examples / "arxiv_api.atom"]))
    extractions = list(extract_papers(papers))
    build(papers, tmp_path)
    assert read_cache(tmp_path) == extractions
