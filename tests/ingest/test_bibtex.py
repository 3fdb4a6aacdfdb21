from kg.ingest import IngestReport, read_papers


def test_entries_with_abstracts_and_unbalanced_braces(bad_inputs):
    report = IngestReport()
    papers = list(read_papers([bad_inputs / "unbalanced.bib"], report=report))
    assert [paper.title for paper in papers] == [
        "BERT: Pre-training of Deep Bidirectional Transformers",
        "After The Broken One",
    ]
    bert = papers[0]
    assert bert.id == "1810.04805"
    assert bert.abstract == "We introduce a new language representation model called BERT."
    assert bert.authors == ("Devlin, Jacob", "Chang, Ming-Wei")
    assert len(report.problems) == 1
    assert report.problems[0].line == 8
    assert report.problems[0].message.startswith("malformed BibTeX entry:")


def test_example_bibliography(examples):
    papers = list(read_papers([examples / "references.bib"]))
    assert [paper.id for paper in papers] == ["2105.15183", "2106.12052"]
    assert papers[0].authors[5] == "Llinares-López, Felipe"
