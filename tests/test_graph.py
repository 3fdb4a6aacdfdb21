from kg.graph import graph_of, paper_node
from kg.records import CodeUrl, ConceptType, LocalConcept, Mention, Paper, PaperConcepts, UrlKind


def make(paper_id, arxiv_id, concepts, urls=()):
    record = Paper(
        id=paper_id,
        title=f"Title {paper_id}",
        abstract="-",
        original_title="",
        original_abstract="",
        arxiv_id=arxiv_id,
    )
    return PaperConcepts(record, tuple(concepts), tuple(urls))


MENTION = Mention("GP", "abstract", 0, 2, "We use a GP.", "gazetteer", 0.9)


def test_papers_concepts_code_and_derived_edges():
    gp = LocalConcept("Gaussian process", ConceptType.METHOD, ("GP",), (MENTION,), proposed=True)
    bo = LocalConcept("Bayesian optimization", ConceptType.TASK, (), (MENTION,))
    extractions = [
        make(
            "2101.00001", "2101.00001", [gp, bo], [CodeUrl("https://github.com/a/b", UrlKind.CODE, MENTION)]
        ),
        make("tabc", None, [gp, bo]),
    ]
    graph = graph_of(extractions)
    assert paper_node(extractions[0].paper) == "paper/arxiv/2101.00001"
    assert paper_node(extractions[1].paper) == "paper/t/abc"
    relations = sorted(data["relation"] for _, _, data in graph.edges(data=True))
    assert relations == [
        "addressesTask",
        "addressesTask",
        "appliedTo",
        "hasCode",
        "proposes",
        "proposes",
        "usesMethod",
        "usesMethod",
    ]
    applied = [data for _, _, data in graph.edges(data=True) if data["relation"] == "appliedTo"]
    assert applied[0]["papers"] == 2
    evidence = graph.get_edge_data("paper/arxiv/2101.00001", "method/gaussian-process")["usesMethod"][
        "evidence"
    ]
    assert evidence[0]["sentence"] == "We use a GP."
    assert [node for node, data in graph.nodes(data=True) if data["kind"] == "Method"] == [
        "method/gaussian-process"
    ]
    assert graph.nodes["method/gaussian-process"]["papers"] == 2
    assert graph.nodes["paper/arxiv/2101.00001"]["code"] == "https://github.com/a/b"
    assert graph.nodes["https://github.com/a/b"]["kind"] == "CodeRepository"


def test_authors_and_categories_become_nodes():
    record = Paper(
        id="2101.00001",
        title="T",
        abstract="-",
        original_title="",
        original_abstract="",
        arxiv_id="2101.00001",
        authors=("Günter Klambauer", "Sepp Hochreiter"),
        categories=("cs.LG",),
    )
    extraction = PaperConcepts(record)
    graph = graph_of([extraction])
    assert graph.nodes["author/gunter-klambauer"] == {"kind": "Author", "label": "Günter Klambauer"}
    assert graph.nodes["category/cs-lg"]["kind"] == "Category"
    positions = [
        d["position"]
        for _, _, d in graph.out_edges("paper/arxiv/2101.00001", data=True)
        if d["relation"] == "hasAuthor"
    ]
    assert positions == [1, 2]
