import json

import pytest
from typer.testing import CliRunner

from kg.builder import build
from kg.cache import read_cache
from kg.cli import app
from kg.extract import extract_papers
from kg.ingest import read_papers

from .conftest import kg_ok

runner = CliRunner()
FILES = (
    "graph.ttl",
    "graph.nt",
    "graph.jsonld",
    "graph.graphml",
    "extractions.jsonl",
    "cache.jsonl",
    "summary.json",
)


def test_add_equals_a_fresh_build_of_all_inputs(examples, tmp_path):
    first = [examples / "arxiv_api.atom", examples / "references.bib"]
    second = [examples / "reading_list.csv", examples / "arxiv_snapshot.jsonl", examples / "arxiv_api.atom"]
    kg_ok("build", *first, "-o", tmp_path / "incremental")
    kg_ok("add", *second, "-o", tmp_path / "incremental")
    kg_ok("build", *first, *second, "-o", tmp_path / "fresh")
    for name in FILES:
        assert (tmp_path / "incremental" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), (
            name
        )


def test_adding_the_same_file_again_changes_nothing(examples, tmp_path):
    kg_ok("build", examples / "arxiv_api.atom", "-o", tmp_path)
    before = {name: (tmp_path / name).read_bytes() for name in FILES}
    kg_ok("add", examples / "arxiv_api.atom", "-o", tmp_path)
    assert {name: (tmp_path / name).read_bytes() for name in FILES} == before


def test_add_without_a_build_says_how_to_make_one(examples, tmp_path):
    result = runner.invoke(app, ["add", str(examples / "arxiv_api.atom"), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "run `kg build" in result.stderr


def test_changed_text_is_extracted_again(examples, tmp_path):
    papers = list(read_papers([examples / "arxiv_api.atom"]))
    build(papers, tmp_path)
    cache = tmp_path / "cache.jsonl"
    records = [json.loads(line) for line in cache.read_text().splitlines()]
    records[0]["extraction"]["paper"]["abstract"] += " Edited."
    cache.write_text("".join(json.dumps(record) + "\n" for record in records))
    assert [e.paper.id for e in read_cache(tmp_path)] == [paper.id for paper in papers[1:]]


def test_add_extracts_stale_cache_records_again_instead_of_dropping_them(examples, tmp_path):
    first = [examples / "arxiv_api.atom", examples / "references.bib"]
    kg_ok("build", *first, "-o", tmp_path / "incremental")
    cache = tmp_path / "incremental" / "cache.jsonl"
    records = [json.loads(line) for line in cache.read_text().splitlines()]
    for record in records:
        record["version"] = "an older extractor"
    records[0]["extraction"]["paper"]["abstract"] += " We also train an LSTM."
    cache.write_text("".join(json.dumps(record) + "\n" for record in records))
    kg_ok("add", examples / "reading_list.csv", "-o", tmp_path / "incremental")
    kg_ok("build", *first, examples / "reading_list.csv", "-o", tmp_path / "fresh")
    added, fresh = (
        [json.loads(line) for line in (tmp_path / name / "extractions.jsonl").read_text().splitlines()]
        for name in ("incremental", "fresh")
    )
    assert [paper["id"] for paper in added] == [paper["id"] for paper in fresh]
    assert added[1:] == fresh[1:]  # re-extracted by this extractor, as a fresh build does
    assert "LSTM" not in json.dumps(fresh[0]) and "LSTM" in json.dumps(added[0])


def test_build_json_reports_counts_and_time_per_stage(examples, tmp_path):
    result = kg_ok("build", examples / "arxiv_api.atom", "-o", tmp_path, "--json")
    summary = json.loads(result.stdout)
    assert summary["papers"] == 3 and summary["triples"] > 100
    assert list(summary["stages"]) == [
        "extract",
        "resolve",
        "graph, N-Triples, index, GraphML",
        "index tables",
        "Turtle, JSON-LD",
        "store load",
        "view",
    ]
    assert json.loads((tmp_path / "summary.json").read_text()) == {
        key: summary[key] for key in ("papers", "nodes", "edges", "triples", "formats", "evidence")
    }


def test_formats_leave_out_optional_exports_and_add_keeps_the_builds_choice(examples, tmp_path):
    kg_ok("build", examples / "arxiv_api.atom", "-o", tmp_path)
    assert (tmp_path / "graph.graphml").is_file()
    kg_ok("build", examples / "arxiv_api.atom", "-o", tmp_path, "--formats", "turtle, HTML")
    written = {path.name for path in tmp_path.iterdir() if not path.name.startswith(".")}
    assert written == {"graph.ttl", "graph.html", "graph.nt", "extractions.jsonl", "cache.jsonl"} | {
        "state.json",
        "summary.json",
        "index.sqlite",
        "store",
    }, "an export left out must not survive from the earlier build"
    kg_ok("add", examples / "references.bib", "-o", tmp_path)
    assert not (tmp_path / "graph.jsonld").exists() and (tmp_path / "graph.ttl").is_file()
    assert json.loads((tmp_path / "summary.json").read_text())["formats"] == ["html", "turtle"]
    kg_ok("add", examples / "references.bib", "-o", tmp_path, "--formats", "none")
    assert not (tmp_path / "graph.ttl").exists() and (tmp_path / "graph.nt").is_file()
    result = runner.invoke(
        app, ["build", str(examples / "arxiv_api.atom"), "-o", str(tmp_path), "--formats", "xml"]
    )
    assert result.exit_code == 2 and "unknown xml" in result.output


def test_add_streams_the_cache_instead_of_holding_it(examples, tmp_path):
    import tracemalloc
    from dataclasses import replace

    from kg.cache import cache_line, cached_extractions
    from kg.incremental.apply import updated_extractions

    seeds = list(extract_papers(read_papers([examples / "arxiv_api.atom"])))
    cache = tmp_path / "cache.jsonl"
    with cache.open("w") as handle:
        for number in range(1500):
            seed = seeds[number % len(seeds)]
            paper = replace(seed.paper, id=f"t{number}", arxiv_id=None, title=f"{seed.paper.title} {number}")
            handle.write(cache_line(replace(seed, paper=paper)))

    def peak_of(consume) -> int:
        tracemalloc.start()
        try:
            consume()
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    held = peak_of(lambda: list(cached_extractions(cache)))
    streamed = peak_of(lambda: sum(1 for _ in updated_extractions(cache, [], jobs=1, on_paper=None)))
    assert streamed < held / 10


def test_evidence_levels_are_the_clis_choices_and_another_is_refused(tmp_path):
    from kg.cli.building import EvidenceLevel
    from kg.rdf.triples import EVIDENCE_LEVELS

    assert tuple(level.value for level in EvidenceLevel) == EVIDENCE_LEVELS
    with pytest.raises(ValueError, match="evidence must be one of none, edges, all"):
        build([], tmp_path / "out", evidence="some")
    assert not (tmp_path / "out").exists()
