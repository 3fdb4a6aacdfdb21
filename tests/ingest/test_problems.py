"""kg.ingest.problems: a problem names the file, the place and the fault."""

from kg.ingest.problems import IngestReport, InputError, Problem


def test_a_problem_reads_as_file_place_and_fault():
    assert str(Problem("a.jsonl", 3, "not JSON")) == "a.jsonl:3: not JSON"
    assert str(Problem("a.bib", 2, "no title", unit="entry")) == "a.bib: entry 2: no title"
    assert str(Problem("a.txt", None, "empty file")) == "a.txt: empty file"
    error = InputError(Problem("a.jsonl", 3, "not JSON"))
    assert str(error) == "a.jsonl:3: not JSON" and error.problem.line == 3


def test_the_report_counts_what_was_skipped():
    report = IngestReport()
    report.problems.append(Problem("a.jsonl", 1, "bad"))
    assert report.skipped == 1 and report.records == 0
