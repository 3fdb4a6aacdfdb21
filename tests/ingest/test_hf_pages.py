from kg.ingest import IngestReport, read_papers
from kg.ingest.hf_pages import read_hf_page
from kg.ingest.problems import Problem
from kg.ingest.raw import RawRecord


def test_seed_pages_hold_exactly_the_100_annotated_papers(examples, fixtures):
    report = IngestReport()
    papers = list(read_papers(sorted(examples.glob("*.txt")), report=report))
    expected = (fixtures / "seed_titles.txt").read_text().splitlines()
    assert len(papers) == 100
    assert sorted(paper.title for paper in papers) == expected
    assert report.problems == []
    assert report.duplicates == report.records - 100 > 0


def test_every_seed_abstract_is_one_whole_paragraph(examples):
    for paper in read_papers(sorted(examples.glob("*.txt"))):
        assert len(paper.abstract) > 200, paper.title
        assert "authors" not in paper.abstract[-40:]
        assert paper.title not in paper.abstract[: len(paper.title)]


def test_page_chrome_metadata_and_orphan_titles(fixtures):
    text = (fixtures / "ingest" / "page.txt").read_text()
    parsed = list(read_hf_page(text, "page.txt"))
    records = [item for item in parsed if isinstance(item, RawRecord)]
    problems = [item for item in parsed if isinstance(item, Problem)]
    assert [record.title for record in records] == [
        "Evolving Normalization-Activation Layers",
        "Target-based Surrogates for Stochastic Optimization",
    ]
    assert records[0].published == "2020-04-06"
    assert records[0].line == 13
    assert records[1].published is None
    assert records[1].abstract.endswith("prevalent in reinforcement learning.")
    assert [str(problem) for problem in problems] == [
        "page.txt:21: title without abstract: 'Orphan Title Without Abstract'"
    ]
