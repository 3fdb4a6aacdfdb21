"""kg add in place: the store and the index end as a fresh build's, whatever moves."""

import json
import sqlite3
import time
from itertools import pairwise
from pathlib import Path

import pyoxigraph
import pytest
from typer.testing import CliRunner

from kg import graph
from kg.builder import build, export_build, export_files
from kg.cache import read_cache
from kg.cli import app
from kg.incremental.apply import add, add_in_place
from kg.ingest import read_papers
from kg.rdf.prefixes import DEFAULT_BASE_IRI
from kg.rdf.store import open_store
from kg.records import ConceptType, LocalConcept, Mention, PaperConcepts
from kg.state import STATE_FILE, matching_state, read_state

from ..conftest import kg_ok

FILE_EXPORTS = ("graph.nt", "graph.ttl", "graph.jsonld", "graph.graphml", "graph.html")


def store_triples(folder: Path) -> set[str]:
    return {str(quad.triple) for quad in open_store(folder)}


def index_rows(folder: Path) -> dict[str, set[tuple]]:
    """The index's rows with node row ids replaced by IRIs (ids follow insertion order)."""
    with sqlite3.connect(folder / "index.sqlite") as connection:
        iri = dict(connection.execute("SELECT id, iri FROM nodes"))
        links = connection.execute("SELECT node, relation, direction, papers, sort, other FROM links")
        return {
            "nodes": set(
                connection.execute("SELECT iri, label, type, aliases, papers, arxiv, date, code FROM nodes")
            ),
            "names": {(key, iri[node]) for key, node in connection.execute("SELECT key, node FROM names")},
            "links": {(iri[n], r, d, p, s, iri[o]) for n, r, d, p, s, o in links},
            "degrees": {(iri[n], r, d, c) for n, r, d, c in connection.execute("SELECT * FROM degrees")},
            "identities": set(connection.execute("SELECT key, arxiv FROM identities")),
            "cache_offsets": set(connection.execute("SELECT paper, offset FROM cache_offsets")),
            "evidence": {(iri[p], iri[o], m) for p, o, m in connection.execute("SELECT * FROM evidence")},
        }


def assert_same_graph(grown: Path, fresh: Path) -> None:
    assert store_triples(grown) == store_triples(fresh)
    assert index_rows(grown) == index_rows(fresh)
    assert read_cache(grown) == read_cache(fresh)
    assert (grown / "extractions.jsonl").read_bytes() == (fresh / "extractions.jsonl").read_bytes()


def summary_of(folder: Path) -> dict:
    return json.loads((folder / "summary.json").read_text())


def test_add_in_place_equals_a_fresh_build_and_kg_export_brings_the_files_level(examples, tmp_path):
    first = [examples / "arxiv_api.atom", examples / "references.bib"]
    second = [examples / "reading_list.csv", examples / "arxiv_snapshot.jsonl"]
    kg_ok("build", *first, "-o", tmp_path / "grown")
    result = kg_ok("add", *second, "-o", tmp_path / "grown", "--json")
    kg_ok("build", *first, *second, "-o", tmp_path / "fresh")
    assert "not_in_place" not in json.loads(result.stdout)
    assert_same_graph(tmp_path / "grown", tmp_path / "fresh")
    grown = summary_of(tmp_path / "grown")
    assert grown.pop("stale") == sorted(FILE_EXPORTS)
    assert grown == summary_of(tmp_path / "fresh")
    kg_ok("export", "-o", tmp_path / "grown")
    for name in (*FILE_EXPORTS, "summary.json"):
        assert (tmp_path / "grown" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name
    assert "are current" in kg_ok("export", "-o", tmp_path / "grown").stderr


def test_export_without_a_build_says_how_to_make_one(tmp_path):
    result = CliRunner().invoke(app, ["export", "-o", str(tmp_path)])
    assert result.exit_code == 2 and "run `kg build" in result.stderr


@pytest.mark.parametrize("order", [1, 2])
def test_ranks_top_marks_labels_and_counts_move_as_in_a_fresh_build(examples, tmp_path, monkeypatch, order):
    """Small rank and top-for limits, so that every add moves some of both."""
    monkeypatch.setattr(graph, "RANKED_CONCEPTS", 4)
    monkeypatch.setattr(graph, "TOP_ASSOCIATIONS", 2)
    papers = list(read_papers([examples]))
    if order == 2:
        papers = papers[::2] + papers[1::2]
    cuts = [40, 55, 56, 80, len(papers)]
    build(papers[: cuts[0]], tmp_path / "grown", formats=frozenset())
    in_place = [not add(papers[a:b], tmp_path / "grown").not_in_place for a, b in pairwise(cuts)]
    build(papers, tmp_path / "fresh", formats=frozenset())
    assert_same_graph(tmp_path / "grown", tmp_path / "fresh")
    assert all(in_place), in_place


def test_papers_the_build_holds_other_formats_and_an_older_build_export_everything(examples, tmp_path):
    output = tmp_path / "build"
    kg_ok("build", examples / "arxiv_api.atom", "-o", output)
    again = json.loads(kg_ok("add", examples / "arxiv_api.atom", "-o", output, "--json").stdout)
    assert again["not_in_place"].startswith("the build has ")
    other = json.loads(
        kg_ok("add", examples / "references.bib", "-o", output, "--formats", "none", "--json").stdout
    )
    assert other["not_in_place"] == "other formats were asked for"
    based = ["--base-iri", "https://other.example/id/", "--json"]
    other_base = json.loads(kg_ok("add", examples / "reading_list.json", "-o", output, *based).stdout)
    assert "base IRI" in other_base["not_in_place"]
    (output / STATE_FILE).unlink()
    older = json.loads(kg_ok("add", examples / "reading_list.csv", "-o", output, "--json").stdout)
    assert "no readable state" in older["not_in_place"]
    assert (output / STATE_FILE).is_file(), "a whole export writes the state again"


def test_an_interrupted_add_is_completed_by_the_next_one(examples, tmp_path):
    output = tmp_path / "build"
    kg_ok("build", examples / "arxiv_api.atom", "-o", output)
    cache = output / "cache.jsonl"
    torn = cache.read_bytes().splitlines(keepends=True)[0][:50]
    with cache.open("ab") as handle:  # killed while appending to the cache
        handle.write(torn)
    assert len(read_cache(output)) == 3, "the torn line is left out"
    result = json.loads(kg_ok("add", examples / "references.bib", "-o", output, "--json").stdout)
    assert "changed since its state" in result["not_in_place"]
    kg_ok("build", examples / "arxiv_api.atom", examples / "references.bib", "-o", tmp_path / "fresh")
    assert_same_graph(output, tmp_path / "fresh")


def test_a_new_concept_and_a_known_one_with_more_papers(examples, tmp_path):
    papers = list(read_papers([examples / "arxiv_api.atom"]))
    build(papers[:2], tmp_path)
    before = read_state(tmp_path / STATE_FILE)
    summary = add(papers[2:], tmp_path)
    after = read_state(tmp_path / STATE_FILE)
    assert not summary.not_in_place and summary.papers == 3
    assert set(after.concepts) > set(before.concepts)
    grown = {c for c in before.concepts if after.papers_of[c] > before.papers_of[c]}
    count = pyoxigraph.NamedNode("https://kg.example.org/ontology#paperCount")
    store = open_store(tmp_path)
    for concept_id in grown:
        subject = pyoxigraph.NamedNode(f"https://kg.example.org/id/{concept_id}")
        (quad,) = store.quads_for_pattern(subject, count, None)
        assert int(quad.object.value) == after.papers_of[concept_id]


def test_a_merge_and_a_rename_in_place_equal_a_fresh_build(examples, tmp_path, monkeypatch):
    """Added names that join two concepts of the build, one that gives a concept a smaller key (a
    new id), and one whose id another has (numbered): the papers of moved ids are derived again."""
    monkeypatch.setattr(graph, "TOP_ASSOCIATIONS", 1)
    papers = list(read_papers([examples / "arxiv_api.atom", examples / "references.bib"]))[:5]

    def written(paper, *concepts):
        return PaperConcepts(paper, tuple(concepts), ())

    def named(name, kind=ConceptType.METHOD, *aliases):
        mention = Mention(name, "abstract", 0, len(name), f"We use {name}.", "test", 1.0)
        return LocalConcept(name, kind, aliases, (mention,))

    task = named("Speech Recognition", ConceptType.TASK)
    known = [
        written(papers[0], named("Gated Recurrent Unit"), task),
        written(papers[1], named("Gated Residual Unit"), task),
        written(papers[2], named("Gated Residual Unit"), named("Vision Transformer"), task),
    ]
    added = [
        written(papers[3], named("Gated Recurrent Unit", ConceptType.METHOD, "Gated Residual Unit"), task),
        written(
            papers[4],
            named("Vision Transformer", ConceptType.METHOD, "Vision Transformers", "A ViT"),
            LocalConcept("ASR", ConceptType.TASK, (), task.mentions, "task:Speech Recognition"),
        ),
    ]
    started = time.perf_counter()
    export_build(known, tmp_path / "grown", DEFAULT_BASE_IRI, started, frozenset())
    added_papers = [extraction.paper for extraction in added]
    grown = tmp_path / "grown"
    state = matching_state(grown)
    add_in_place(state, added_papers, grown, lambda _: iter(added), DEFAULT_BASE_IRI, started, {})
    export_build([*known, *added], tmp_path / "fresh", DEFAULT_BASE_IRI, started, frozenset())
    assert store_triples(tmp_path / "grown") == store_triples(tmp_path / "fresh")
    assert index_rows(tmp_path / "grown") == index_rows(tmp_path / "fresh")
    state = read_state(tmp_path / "grown" / STATE_FILE)
    assert "method/gated-residual-unit" not in state.concepts and "method/a-vit" in state.concepts
    assert "task/speech-recognition-2" in state.concepts


def test_an_add_in_place_states_mentions_at_the_builds_evidence_level(examples, tmp_path):
    papers = list(read_papers([examples]))
    build(papers[:60], tmp_path / "grown", formats=frozenset(), evidence="all")
    assert not add(papers[60:], tmp_path / "grown").not_in_place
    build(papers, tmp_path / "fresh", formats=frozenset(), evidence="all")
    assert_same_graph(tmp_path / "grown", tmp_path / "fresh")
    assert any("/mention/" in triple for triple in store_triples(tmp_path / "grown"))
    assert summary_of(tmp_path / "grown")["evidence"] == "all"
    export_files(tmp_path / "grown")  # the file exports, at the same level
    assert (tmp_path / "grown" / "graph.nt").read_bytes() == (tmp_path / "fresh" / "graph.nt").read_bytes()
