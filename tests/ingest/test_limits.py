"""Huge and oddly encoded input is read in bounded memory, or refused with a clear message."""

import json
import tracemalloc

from kg.ingest import IngestReport, read_papers
from kg.ingest import reader as reader_module

GOOD = {"title": "Graph Neural Networks for Molecules", "abstract": "We apply graph neural networks."}


def sparse_single_line_file(path, head: bytes, tail: bytes, size: int = 1 << 30) -> None:
    """A ``size``-byte file holding one line, written sparse so the test costs no disk."""
    with open(path, "wb") as handle:
        handle.write(head + b"a" * 20_000)
        handle.seek(size)
        handle.write(tail)


def read_with_peak(paths) -> tuple[list, IngestReport, int]:
    report = IngestReport()
    tracemalloc.start()
    try:
        papers = list(read_papers(paths, report=report))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return papers, report, peak


def test_a_one_gigabyte_line_is_skipped_in_bounded_memory(tmp_path):
    path = tmp_path / "huge.jsonl"
    sparse_single_line_file(path, b'{"title": "', b'"}\n' + json.dumps(GOOD).encode() + b"\n")
    papers, report, peak = read_with_peak([path])
    assert [paper.title for paper in papers] == [GOOD["title"]]
    assert [str(problem) for problem in report.problems] == [f"{path}:1: line longer than 8 MiB; skipped"]
    assert peak < 64 << 20


def test_a_one_gigabyte_page_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    sparse_single_line_file(path, b"A title\n\n", b"\n")
    papers, report, peak = read_with_peak([path])
    assert papers == []
    assert "larger than 256 MiB, the limit for hf files" in str(report.problems[0])
    assert peak < 16 << 20


def test_an_oversized_piped_document_is_refused(monkeypatch, tmp_path):
    monkeypatch.setattr(reader_module, "MAX_DOCUMENT_BYTES", 1000)
    path = tmp_path / "page.txt"
    path.write_text("A Title\n\n" + "word " * 400)
    with open(path, "rb") as piped:
        monkeypatch.setattr("sys.stdin", type("Stdin", (), {"buffer": piped})())
        papers, report, _ = read_with_peak(["-"])
    assert papers == []
    assert "larger than 0 MiB" in str(report.problems[0])


def test_a_ten_megabyte_abstract_is_refused_and_a_long_one_kept(tmp_path):
    path = tmp_path / "long.jsonl"
    ten_mb = {"title": "Ten Megabytes", "abstract": "data " * 2_000_000}
    long = {"title": "Two Hundred Thousand", "abstract": "model " * 35_000}
    path.write_text(json.dumps(ten_mb) + "\n" + json.dumps(long) + "\n")
    papers, report, _ = read_with_peak([path])
    assert [paper.title for paper in papers] == ["Two Hundred Thousand"]
    assert [str(problem) for problem in report.problems] == [f"{path}:1: line longer than 8 MiB; skipped"]


def test_an_abstract_over_the_character_limit_is_refused(tmp_path):
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"title": "Too Long", "abstract": "x " * 600_000}) + "\n")
    papers, report, _ = read_with_peak([path])
    assert papers == []
    assert "abstract has 1,199,999 characters, over the 1,000,000 limit" in str(report.problems[0])


def test_bom_mixed_newlines_nul_and_bidi_marks_are_cleaned(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_bytes(
        b'\xef\xbb\xbftitle,abstract\r\n"Quoted ""Title""\x00",ends with a lone CR\r'
        b'"Right\xe2\x80\xaeto left","multi\r\nline ""quoted"" abstract"\n'
    )
    papers, report, _ = read_with_peak([path])
    assert report.problems == []
    assert [(paper.title, paper.abstract) for paper in papers] == [
        ('Quoted "Title"', "ends with a lone CR"),
        ("Rightto left", 'multi line "quoted" abstract'),
    ]


def test_a_large_corpus_streams_without_holding_its_papers(tmp_path, monkeypatch):
    """8,000 papers (about 25 MB as Paper records) pass through in a few MB when they are more
    than the reader holds between its passes (here made 1 Mi characters): only the keys of the
    first pass and the papers still waiting for a later sighting are held."""
    from kg.ingest import reader

    monkeypatch.setattr(reader, "HELD_TEXT_CHARS", 1 << 20)
    path = tmp_path / "corpus.jsonl"
    with path.open("w") as handle:
        for number in range(8_000):
            record = {"id": f"2101.{number:05d}", "title": f"Paper {number}", "abstract": "Words. " * 200}
            handle.write(json.dumps(record) + "\n")
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_papers([path]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 8_000
    assert peak < 8 << 20
