import networkx
from typer.testing import CliRunner

from kg.cli import app
from kg.view import find_node, render_page, select_nodes

runner = CliRunner()


def small_graph(title="A paper"):
    graph = networkx.MultiDiGraph()
    graph.add_node("paper/t/1", kind="Paper", label=title, title=title, arxiv_id="", published="")
    graph.add_node(
        "paper/t/2", kind="Paper", label="Another", title="Another", arxiv_id="2101.00001", published=""
    )
    graph.add_node("method/gp", kind="Method", label="Gaussian process", alt_labels=["GP"], papers=2)
    graph.add_node("task/bo", kind="Task", label="Bayesian optimization", alt_labels=[], papers=1)
    graph.add_node("javascript:alert(1)", kind="CodeRepository", label="javascript:alert(1)", url_kind="code")
    graph.add_edge("paper/t/1", "method/gp", relation="usesMethod")
    graph.add_edge("paper/t/2", "method/gp", relation="usesMethod")
    graph.add_edge("paper/t/1", "task/bo", relation="addressesTask")
    graph.add_edge("paper/t/1", "javascript:alert(1)", relation="hasCode")
    return graph


def test_page_is_self_contained_and_counts_its_nodes():
    shown, left_out = select_nodes(small_graph())
    page, summary = render_page(shown, "kg: test", left_out)
    assert summary.nodes == 5 and summary.edges == 4 and left_out == 0
    assert "default-src 'none'" in page
    for external in ("<script src", "<link", "cdn.jsdelivr", "cdnjs.cloudflare", "@import"):
        assert external not in page
    assert page.count('"kind": "Method"') == 1 and page.count('"kind": "Paper"') == 2


def test_hostile_text_is_data_never_markup():
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
    shown, left_out = select_nodes(small_graph(hostile))
    page, _ = render_page(shown, "kg: <b>test</b>", left_out)
    assert "<script>alert(1)" not in page and "<img src=x" not in page and "<b>test</b>" not in page
    assert "\\u003cscript\\u003ealert(1)" in page
    assert '"link": null' in page  # a javascript: URL never becomes a link


def test_max_nodes_keeps_the_most_connected_and_says_how_many_went():
    shown, left_out = select_nodes(small_graph(), max_nodes=2)
    assert set(shown) == {"paper/t/1", "method/gp"}
    assert left_out == 3


def test_focus_draws_an_ego_graph_and_types_filter():
    graph = small_graph()
    focus = find_node(graph, "gp")
    assert focus == "method/gp"
    shown, _ = select_nodes(graph, focus=focus, hops=1)
    assert set(shown) == {"method/gp", "paper/t/1", "paper/t/2"}
    shown, _ = select_nodes(graph, types=("Method", "Task"))
    assert set(shown) == {"method/gp", "task/bo"}


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
