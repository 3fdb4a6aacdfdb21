"""kg.ingest.detect: the format of a file, from its name and then its first bytes."""

from kg.ingest.detect import InputFormat, detect_format


def test_extensions_decide_and_content_decides_without_one():
    assert detect_format("papers.jsonl", b'{"title": "x"}\n') is InputFormat.JSONL
    assert detect_format("feed.atom", b"") is InputFormat.ARXIV_ATOM
    assert detect_format("refs.bib", b"") is InputFormat.BIBTEX
    assert detect_format("papers.csv", b"") is InputFormat.CSV
    assert detect_format("-", b"@article{x, title={T}}") is InputFormat.BIBTEX
    assert detect_format("-", b'[{"title": "A"}]') is InputFormat.JSON
