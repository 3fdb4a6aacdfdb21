"""End to end: bad records are reported one by one, hostile text is escaped in every export."""

import json
import shutil
from pathlib import Path

import networkx
import pytest
from rdflib import Graph
from rdflib.namespace import DCTERMS

from .conftest import kg_ok

DATA = Path(__file__).resolve().parent / "data"

# One message per bad record of tests/data/bad/ (file, start of the message after "file:line: ").
EXPECTED_PROBLEMS = [
    ("billion_laughs.xml", "refused unsafe XML"),
    ("binary.txt", "binary file, not text"),
    ("broken.json:2", "malformed JSON"),
    ("deep.json", "malformed JSON: nested too deeply"),
    ("empty.txt", "empty file"),
    ("invalid_utf8.jsonl:2", "not valid UTF-8 (byte 0xff)"),
    ("latin1.csv:2", "not valid UTF-8 (byte 0xe9)"),
    ("latin1_page.txt:5", "not valid UTF-8 (byte 0xe9)"),
    ("missing_fields.jsonl:1", "record has no abstract"),
    ("missing_fields.jsonl:2", "record has no title"),
    ("not_a_page.txt:1", "paragraph is neither a title nor follows one"),
    ("not_an_object.jsonl:1", "expected a JSON object, found list"),
    ("nul_bytes.jsonl:1", "malformed JSON: Invalid control character"),
    ("oversized.jsonl:1", "abstract has 1,399,999 characters, over the 1,000,000 limit"),
    ("ragged.csv:3", "row has 4 fields but the header has 2"),
    ("truncated.atom:11", "malformed XML"),
    ("unbalanced.bib:8", "malformed BibTeX entry"),
    ("xxe.atom", "refused unsafe XML"),
]
GOOD_TITLES = {
    "Good Paper 1 on Graph Neural Networks",
    "Clean Title",
    "Good Paper",
    "Self-Normalizing Neural Networks",
    "BERT: Pre-training of Deep Bidirectional Transformers",
    "After The Broken One",
}


def titles_in(graph: Graph) -> set[str]:
    return {str(title) for title in graph.objects(None, DCTERMS.title)}


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory) -> tuple[Path, str]:
    corpus = tmp_path_factory.mktemp("bad") / "bad"
    shutil.copytree(DATA / "bad", corpus)
    oversized = {"title": "Oversized", "abstract": "word " * 280_000}  # too big to keep in the repo
    (corpus / "oversized.jsonl").write_text(json.dumps(oversized) + "\n")
    output = corpus.parent / "build"
    return output, kg_ok("build", corpus, "-o", output).output


def test_each_bad_record_gets_one_clear_message(bad_build):
    _, output = bad_build
    warnings = [line.split("/bad/", 1)[1] for line in output.splitlines() if line.startswith("warning:")]
    assert len(warnings) == len(EXPECTED_PROBLEMS)
    for warning, (place, message) in zip(sorted(warnings), EXPECTED_PROBLEMS, strict=True):
        assert warning.startswith(f"{place}: {message}"), warning


def test_the_good_records_make_a_valid_graph(bad_build):
    build, _ = bad_build
    assert titles_in(Graph().parse(build / "graph.ttl")) == GOOD_TITLES
    kg_ok("validate", build)


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("hostile")
    kg_ok("build", DATA / "hostile.jsonl", "-o", output)
    return output


HOSTILE_TITLE = "<script>alert('t')</script> \"Quoted\" `Backticks` RTL Networks \U0001f680"


def test_hostile_titles_survive_every_serialisation_intact(hostile_build):
    for name, rdf_format in (("graph.ttl", "turtle"), ("graph.nt", "nt"), ("graph.jsonld", "json-ld")):
        titles = titles_in(Graph().parse(hostile_build / name, format=rdf_format))
        assert HOSTILE_TITLE in titles, name
        assert any('"""' in title and "\\" in title for title in titles), name
    graphml = networkx.read_graphml(hostile_build / "graph.graphml")
    assert HOSTILE_TITLE in {data.get("title") for _, data in graphml.nodes(data=True)}


def test_hostile_text_is_inert_in_the_page(hostile_build):
    page = (hostile_build / "graph.html").read_text()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "\\u003cscript\\u003ealert" in page


def test_the_terminal_gets_no_control_sequences(hostile_build):
    for command in (["show", "2402.00001"], ["search", "Networks"], ["neighbors", "2402.00001"]):
        result = kg_ok(*command, "--store", hostile_build)
        assert "Backticks" in result.output
        for control in ("\x1b", "\u202e", "\u200f", "\x00"):
            assert control not in result.output, (command, control)
