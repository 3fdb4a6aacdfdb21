from kg.ingest import IngestReport, read_papers
from kg.ingest.arxiv_atom import read_arxiv_atom
from kg.ingest.problems import Problem


def test_example_feed_entries(examples):
    papers = list(read_papers([examples / "arxiv_api.atom"]))
    assert [paper.id for paper in papers] == ["1706.02515", "1806.07572", "1804.08838"]
    first = papers[0]
    assert first.title == "Self-Normalizing Neural Networks"
    assert first.authors[0] == "Günter Klambauer"
    assert first.categories[0] == "cs.LG"
    assert first.published == "2017-06-08"
    assert "http://arxiv.org/pdf/1706.02515v1" in first.links
    assert papers[1].title == "Neural Tangent Kernel: Convergence and Generalization in Neural Networks"
    assert not first.abstract.startswith(" ")


def test_external_entity_is_refused(bad_inputs):
    parsed = list(read_arxiv_atom((bad_inputs / "xxe.atom").read_bytes(), "xxe.atom"))
    assert len(parsed) == 1 and isinstance(parsed[0], Problem)
    assert "refused unsafe XML" in parsed[0].message


def test_entity_expansion_is_refused(bad_inputs):
    report = IngestReport()
    papers = list(read_papers([bad_inputs / "billion_laughs.xml"], report=report))
    assert papers == []
    assert "refused unsafe XML" in str(report.problems[0])


def test_truncated_feed_keeps_complete_entries_and_names_the_line(bad_inputs):
    report = IngestReport()
    papers = list(read_papers([bad_inputs / "truncated.atom"], report=report))
    assert [paper.id for paper in papers] == ["1706.02515"]
    assert report.problems[0].line == 11
    assert "malformed XML" in report.problems[0].message
