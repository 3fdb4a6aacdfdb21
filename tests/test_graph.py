from collections import Counter

from kg.graph import Relation, concept_ranks, graph_of, paper_node, top_associations
from kg.records import CodeUrl, ConceptType, LocalConcept, Mention, Paper, PaperConcepts, UrlKind


def make(paper_id, arxiv_id, concepts, urls=(), abstract="We use a GP."):
    record = Paper(
        id=paper_id,
        title=f"Title {paper_id}",
        abstract=abstract,
        original_title="",
        original_abstract="",
        arxiv_id=arxiv_id,
    )
    return PaperConcepts(record, tuple(concepts), tuple(urls))


MENTION = Mention("GP", "abstract", 9, 11, "We use a GP.", "gazetteer", 0.9)


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
    # where the mention and its sentence are in the abstract, not a copy of their words
    assert evidence == [
        {
            "field": "abstract",
            "start": 9,
            "end": 11,
            "sentence_start": 0,
            "sentence_end": 12,
            "component": "gazetteer",
            "confidence": 0.9,
        }
    ]
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


def test_the_most_mentioned_concepts_of_each_type_are_ranked():
    def concept(name, concept_type):
        return LocalConcept(name, concept_type, (), (MENTION,))

    gp, svm, nn = (
        concept(name, ConceptType.METHOD) for name in ("Gaussian process", "SVM model", "neural network")
    )
    regression = concept("regression", ConceptType.TASK)
    graph = graph_of(
        [make("a", None, [gp, svm, regression]), make("b", None, [svm, nn]), make("c", None, [svm, nn])]
    )
    ranks = {
        node: data.get("rank") for node, data in graph.nodes(data=True) if data["kind"] in ("Method", "Task")
    }
    assert ranks == {
        "method/svm-model": 1,
        "method/neural-network": 2,
        "method/gaussian-process": 3,
        "task/regression": 1,
    }
    assert concept_ranks([], Counter()) == {}


def test_top_associations_at_a_busy_concept_by_papers_then_label():
    applied = Relation.APPLIED_TO
    support = Counter({("m/a", "t/x", applied): 3, ("m/b", "t/x", applied): 1, ("m/c", "t/x", applied): 1})
    support[("m/a", "t/y", applied)] = 1
    labels = {"m/a": "A", "m/b": "B", "m/c": "C", "t/x": "X", "t/y": "Y"}
    is_top = top_associations(support, labels, limit=2)
    at_x = [
        source
        for source, target, _ in support
        if target == "t/x" and is_top((source, target, applied), target)
    ]
    assert at_x == ["m/a", "m/b"]  # "m/c" ties with "m/b" on papers and loses on the label
    assert is_top(("m/a", "t/y", applied), "t/y")  # a concept with few associations keeps all
    assert is_top(("m/a", "t/x", applied), "m/a")  # m/a has two associations, within the limit


def test_two_concepts_of_a_paper_that_resolve_to_one_are_one_link_with_both_mentions():
    # the first paper writes two names apart; the second gives them as names of one concept
    sentence = "A Gaussian process, also known as kriging."
    spelled = Mention("Gaussian process", "abstract", 6, 22, sentence, "gazetteer", 0.9)
    other = Mention("kriging", "abstract", 38, 45, sentence, "gazetteer", 0.9)
    apart = [
        LocalConcept("Gaussian process", ConceptType.METHOD, (), (spelled,)),
        LocalConcept("kriging", ConceptType.METHOD, (), (other,), proposed=True),
    ]
    together = LocalConcept("Gaussian process", ConceptType.METHOD, ("kriging",), (MENTION,))
    first = make("2101.00001", "2101.00001", apart, abstract=f"So. {sentence}")
    graph = graph_of([first, make("2101.00002", "2101.00002", [together])])
    links = graph.get_edge_data("paper/arxiv/2101.00001", "method/gaussian-process")
    assert sorted(links) == ["proposes", "usesMethod"]
    found = [(m["start"], m["end"], m["sentence_start"]) for m in links["usesMethod"]["evidence"]]
    assert found == [(6, 22, 4), (38, 45, 4)]
    assert graph.nodes["method/gaussian-process"]["papers"] == 2
