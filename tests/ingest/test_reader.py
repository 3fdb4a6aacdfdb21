import csv
import io
import json
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.ingest import IngestReport, InputError, InputFormat, read_papers
from kg.ingest.text import normalise_text


def test_examples_folder_lists_every_paper_once_with_all_sources(examples):
    report = IngestReport()
    papers = list(read_papers([examples], report=report))
    assert len(papers) == 100
    assert len({paper.id for paper in papers}) == 100
    assert set(report.formats) == {"hf", "atom", "jsonl", "json", "csv", "bibtex"}
    snn = next(paper for paper in papers if paper.title == "Self-Normalizing Neural Networks")
    assert snn.id == "1706.02515"
    assert {source.format for source in snn.sources} == {"hf", "atom"}


def test_missing_path_raises_before_reading(examples):
    with pytest.raises(InputError, match=r"no-such-file\.txt: no such file or directory"):
        list(read_papers([examples, "no-such-file.txt"]))


def test_empty_and_binary_files_are_reported(bad_inputs):
    report = IngestReport()
    papers = list(read_papers([bad_inputs / "empty.txt", bad_inputs / "binary.txt"], report=report))
    assert papers == []
    assert [problem.message for problem in report.problems] == [
        "empty file",
        "binary file, not text: expected a page, XML, JSON, CSV or BibTeX",
    ]


def test_strict_mode_stops_at_the_first_bad_record(bad_inputs):
    with pytest.raises(InputError, match=r"ragged.csv:3: row has 4 fields"):
        list(read_papers([bad_inputs / "ragged.csv"], strict=True))


def test_stdin_is_sniffed(monkeypatch):
    data = b'{"title": "From Stdin", "abstract": "Piped in."}\n{"title": "Second", "abstract": "Also."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    papers = list(read_papers(["-"]))
    assert [paper.title for paper in papers] == ["From Stdin", "Second"]
    assert papers[0].sources[0].path == "-"
    assert papers[0].sources[0].format == "jsonl"


def test_forced_input_format_overrides_the_extension(tmp_path):
    path = tmp_path / "papers.txt"
    path.write_text("title,abstract\nA Title,An abstract.\n")
    assert [paper.title for paper in read_papers([path], input_format=InputFormat.CSV)] == ["A Title"]


def test_identity_is_stable_and_version_free(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(
        '{"id": "2101.00001v3", "title": "Same Paper", "abstract": "One."}\n'
        '{"title": "same  paper", "abstract": "One."}\n'
        '{"title": "Other Paper", "abstract": "Two."}\n'
    )
    papers = list(read_papers([path]))
    assert next(paper.id for paper in papers) == "2101.00001"
    assert len(papers) == 2
    assert papers[1].id == list(read_papers([path]))[1].id
    assert papers[1].id.startswith("t")


def test_original_text_is_kept_for_provenance(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"title": "Deep  &amp; Wide", "abstract": "We use \\\\emph{LoRA}."}\n')
    (paper,) = read_papers([path])
    assert paper.title == "Deep & Wide"
    assert paper.abstract == "We use LoRA."
    assert paper.original_title == "Deep  &amp; Wide"
    assert paper.original_abstract == "We use \\emph{LoRA}."


def test_undecodable_whole_file_names_the_line(bad_inputs):
    report = IngestReport()
    assert list(read_papers([bad_inputs / "latin1_page.txt"], report=report)) == []
    assert str(report.problems[0]).endswith(
        "latin1_page.txt:5: not valid UTF-8 (byte 0xe9); re-encode the file as UTF-8"
    )


def test_malformed_json_document_names_the_line(bad_inputs):
    report = IngestReport()
    assert list(read_papers([bad_inputs / "broken.json"], report=report)) == []
    assert report.problems[0].line == 2
    assert report.problems[0].message.startswith("malformed JSON: Expecting ',' delimiter")


def csv_text(records: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, ["title", "abstract"])
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()


FIELD = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
RECORDS = st.lists(st.fixed_dictionaries({"title": FIELD, "abstract": FIELD}), max_size=4)
SERIALISED = {
    ".jsonl": lambda records: "".join(json.dumps(record) + "\n" for record in records),
    ".json": json.dumps,
    ".csv": csv_text,
    ".bib": lambda records: "".join(
        f"@article{{k{i}, title = {{{r['title']}}}, abstract = {{{r['abstract']}}}}}\n"
        for i, r in enumerate(records)
    ),
    ".txt": lambda records: "".join(f"{r['title']}\n\n{r['abstract']}\n\n" for r in records),
}


@given(
    st.one_of(
        st.tuples(st.sampled_from(sorted(SERIALISED)), RECORDS).map(
            lambda pair: (pair[0], SERIALISED[pair[0]](pair[1]).encode())
        ),
        st.tuples(st.sampled_from([*SERIALISED, ".atom"]), st.binary(max_size=300)),
    )
)
def test_any_input_gives_clean_papers_or_problems_never_an_exception(suffix_and_data):
    suffix, data = suffix_and_data
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        report = IngestReport()
        papers = list(read_papers([path], report=report))
    for paper in papers:
        assert paper.title and paper.abstract
        assert paper.title == normalise_text(paper.title)
    assert all(problem.path == str(path) for problem in report.problems)


def test_a_small_input_is_read_once_and_a_large_one_twice_with_the_same_papers(examples, monkeypatch):
    from kg.ingest import reader

    reads = []
    parse_path = reader.parse_path
    monkeypatch.setattr(
        reader, "parse_path", lambda path, *rest: reads.append(path) or parse_path(path, *rest)
    )
    held = list(read_papers([examples]))
    once = len(reads)
    monkeypatch.setattr(reader, "HELD_TEXT_CHARS", 1000)  # a few abstracts: read again
    reads.clear()
    streamed = list(read_papers([examples]))
    assert len(reads) == 2 * once and streamed == held
