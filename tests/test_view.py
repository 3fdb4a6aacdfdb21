from typer.testing import CliRunner

from kg.cli import app
from kg.index import INDEX_FILE, IndexWriter, LinkRow, NodeRow
from kg.view import index_graph, render_page

runner = CliRunner()
BASE = "https://kg.example.org/id/"
PAPER_1, PAPER_2, GP, BO = (BASE + name for name in ("paper/t/1", "paper/t/2", "method/gp", "task/bo"))
CODE = "javascript:alert(1)"


def small_build(folder, title="A paper"):
    """Two papers, a method, a task and a hostile code link, as a build's index."""
    index = IndexWriter(folder / INDEX_FILE)
    for row in (
        NodeRow(PAPER_1, title, "Paper"),
        NodeRow(PAPER_2, "Another", "Paper", arxiv="2101.00001"),
        NodeRow(GP, "Gaussian process", "Method", ("GP",), papers=2),
        NodeRow(BO, "Bayesian optimization", "Task", papers=1),
        NodeRow(CODE, CODE, "CodeRepository"),
        LinkRow(PAPER_1, "usesMethod", GP),
        LinkRow(PAPER_2, "usesMethod", GP),
        LinkRow(PAPER_1, "addressesTask", BO),
        LinkRow(PAPER_1, "hasCode", CODE),
    ):
        index.add(row)
    index.close()
    return folder


def test_page_is_self_contained_and_counts_its_nodes(tmp_path):
    shown, left_out = index_graph(small_build(tmp_path))
    page, summary = render_page(shown, "kg: test", left_out)
    assert summary.nodes == 5 and summary.edges == 4 and left_out == 0
    assert "default-src 'none'" in page
    for external in ("<script src", "<link", "cdn.jsdelivr", "cdnjs.cloudflare", "@import"):
        assert external not in page
    assert page.count('"kind": "Method"') == 1 and page.count('"kind": "Paper"') == 2


def test_hostile_text_is_data_never_markup(tmp_path):
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
    shown, left_out = index_graph(small_build(tmp_path, hostile))
    page, _ = render_page(shown, "kg: <b>test</b>", left_out)
    assert "<script>alert(1)" not in page and "<img src=x" not in page and "<b>test</b>" not in page
    assert "\\u003cscript\\u003ealert(1)" in page
    assert '"link": null' in page  # a javascript: URL never becomes a link


def test_max_nodes_keeps_the_most_connected_and_says_how_many_went(tmp_path):
    shown, left_out = index_graph(small_build(tmp_path), max_nodes=2)
    assert set(shown) == {PAPER_1, GP}
    assert left_out == 3


def test_focus_draws_a_neighbourhood_and_types_filter(tmp_path):
    folder = small_build(tmp_path)
    shown, _ = index_graph(folder, focus=GP, hops=1)
    assert set(shown) == {GP, PAPER_1, PAPER_2}
    shown, _ = index_graph(folder, focus=GP, hops=2)
    assert set(shown) == {GP, PAPER_1, PAPER_2, BO, CODE}
    shown, _ = index_graph(folder, types=("Method", "Task"))
    assert set(shown) == {GP, BO}
    shown, _ = index_graph(folder, types=("Method", "Task"), min_papers=2)
    assert set(shown) == {GP}


def test_build_writes_the_page_and_kg_view_reads_a_build(example_build, tmp_path):
    page = (example_build / "graph.html").read_text()
    assert "kg: 100 papers" in page
    result = runner.invoke(
        app, ["view", "--store", str(example_build), "-o", str(tmp_path / "lora.html"), "--focus", "LoRA"]
    )
    assert result.exit_code == 0, result.output
    assert "Low-Rank Adaptation" in (tmp_path / "lora.html").read_text()
    result = runner.invoke(
        app, ["view", "--store", str(example_build), "-o", str(tmp_path / "x.html"), "--focus", "zzqq"]
    )
    assert result.exit_code == 1 and "nothing in the graph is called" in result.stderr


def test_kg_view_draws_inputs_without_a_build(tmp_path):
    source = tmp_path / "papers.jsonl"
    source.write_text(
        '{"id": "2101.00001", "title": "Low-Rank Adaptation of Large Language Models", '
        '"abstract": "We propose Low-Rank Adaptation (LoRA) for fine-tuning."}\n'
    )
    result = runner.invoke(app, ["view", str(source), "-o", str(tmp_path / "view.html")])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "view.html").read_text()
    assert "kg: 1 papers" in page and "Low-Rank Adaptation" in page
