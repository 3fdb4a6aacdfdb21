from kg.ingest import FieldNames, IngestReport, read_papers


def read(path, **options):
    report = IngestReport()
    return list(read_papers([path], report=report, **options)), report


def test_snapshot_jsonl_with_bad_lines(fixtures):
    papers, report = read(fixtures / "ingest" / "mixed.jsonl")
    assert [paper.title for paper in papers] == [
        "PowerNorm: Rethinking Batch Normalization in Transformers",
        "Upper Case Fields",
    ]
    power_norm = papers[0]
    assert power_norm.id == power_norm.arxiv_id == "2003.07845"
    assert power_norm.authors == ("Sheng Shen", "Zhewei Yao", "Kurt Keutzer")
    assert power_norm.categories == ("cs.CL", "cs.LG")
    assert power_norm.published == "2020-06-28"
    assert papers[1].abstract == "Keys differ in case."
    messages = [str(problem) for problem in report.problems]
    assert messages[0].startswith(f"{fixtures / 'ingest' / 'mixed.jsonl'}:2: malformed JSON")
    assert messages[1].endswith(":3: expected a JSON object, found list")
    assert messages[2].endswith(":6: record has no abstract: 'No Abstract Here'")


def test_snapshot_example_is_streamed_with_parsed_authors(examples):
    papers, _ = read(examples / "arxiv_snapshot.jsonl")
    assert [paper.id for paper in papers] == ["2003.07845", "2011.14522", "2004.02967"]
    assert papers[2].authors == ("Hanxiao Liu", "Andrew Brock", "Karen Simonyan", "Quoc V. Le")


def test_json_nested_ten_thousand_deep_is_a_clear_problem(fixtures):
    papers, report = read(fixtures / "ingest" / "deep.jsonl")
    assert papers == []
    assert "nested too deeply" in report.problems[0].message


def test_json_document_with_record_list_and_entities(examples):
    papers, _ = read(examples / "reading_list.json")
    assert papers[0].title == "Transformers Can Do Bayesian Inference"
    assert "&amp;" not in papers[0].abstract
    assert papers[1].id == "1903.03088"


def test_csv_custom_fields_embedded_newlines_and_quotes(fixtures):
    papers, report = read(
        fixtures / "ingest" / "custom_fields.csv",
        field_names=FieldNames.with_overrides("paper name", "summary text"),
    )
    assert report.problems == []
    assert papers[0].title == 'Quoted "Title", With Comma'
    assert papers[0].abstract == 'An abstract that spans two lines, with "quotes".'
    assert papers[0].sources[0].line == 2


def test_csv_without_matching_fields_reports_each_row(fixtures):
    papers, report = read(fixtures / "ingest" / "custom_fields.csv")
    assert papers == []
    assert report.problems[0].message == "record has no title"


def test_csv_ragged_row_and_bad_encoding(bad_inputs):
    papers, report = read(bad_inputs / "ragged.csv")
    assert [paper.title for paper in papers] == ["Good Paper"]
    assert str(report.problems[0]).endswith("ragged.csv:3: row has 4 fields but the header has 2")
    papers, report = read(bad_inputs / "latin1.csv")
    assert [paper.title for paper in papers] == ["Clean Title"]
    assert "latin1.csv:2: not valid UTF-8 (byte 0xe9)" in str(report.problems[0])
