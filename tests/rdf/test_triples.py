"""Triples stream from graph records with each subject's triples together."""

from functools import partial
from pathlib import Path

import pyoxigraph

from kg import graph
from kg.graph import graph_records
from kg.rdf.prefixes import PREFIXES
from kg.rdf.triples import triples
from kg.records import CodeUrl, ConceptType, LocalConcept, Mention, Paper, PaperConcepts, UrlKind
from kg.resolve import resolve

QUERIES = Path(__file__).resolve().parents[2] / "ontology" / "queries"
MENTION = Mention("GP", "abstract", 0, 2, "We use a GP.", "gazetteer", 0.9)


def extraction(paper_id: str, *concepts: LocalConcept, urls: tuple[CodeUrl, ...] = ()) -> PaperConcepts:
    paper = Paper(paper_id, f"Title {paper_id}", "-", "", "", arxiv_id=paper_id, authors=("Ada Lovelace",))
    return PaperConcepts(paper, concepts, urls)


def test_each_subjects_triples_are_contiguous():
    gp = LocalConcept("Gaussian process", ConceptType.METHOD, ("GP",), (MENTION, MENTION))
    bo = LocalConcept("Bayesian optimization", ConceptType.TASK, (), (MENTION,))
    code = CodeUrl("https://github.com/a/b", UrlKind.CODE, MENTION)
    extractions = [extraction("2101.00001", gp, bo, urls=(code,)), extraction("2101.00002", gp, bo)]
    subjects = [triple.subject.value for triple in triples(graph_records(extractions, resolve(extractions)))]
    runs = [subject for index, subject in enumerate(subjects) if index == 0 or subjects[index - 1] != subject]
    assert len(runs) == len(set(runs)), "a subject's triples are split"
    assert {"https://kg.example.org/id/method/gaussian-process", "https://github.com/a/b"} <= set(runs)


def test_ranked_and_top_association_shortcuts_answer_as_the_full_queries(monkeypatch):
    """Example queries read kg:rank and kg:topFor instead of every concept or association; with
    the cut-offs lowered below the data, their answers must equal those of the full queries."""
    monkeypatch.setattr(graph, "top_associations", partial(graph.top_associations, limit=2))
    monkeypatch.setattr(graph, "concept_ranks", partial(graph.concept_ranks, limit=2))
    task = LocalConcept("image segmentation", ConceptType.TASK, (), (MENTION,))
    methods = [
        LocalConcept(name, ConceptType.METHOD, (), (MENTION,)) for name in ("U-Net", "SAM", "FCN", "DETR")
    ]
    extractions = [
        extraction(f"2101.0000{index}", task, *methods[:used])
        for index, used in enumerate((4, 3, 2, 1, 4, 2))
    ]
    store = pyoxigraph.Store()
    store.extend(
        pyoxigraph.Quad(*triple) for triple in triples(graph_records(extractions, resolve(extractions)))
    )

    def answer(text: str) -> list[list[str]]:
        text = text.replace("partial differential equations", "image segmentation")
        text = text.replace("LIMIT 50", "LIMIT 2").replace("LIMIT 20", "LIMIT 2")
        return [[term.value for term in row] for row in store.query(text, prefixes=PREFIXES)]

    by_task = (QUERIES / "methods-for-task.rq").read_text()
    assert [row[1:] for row in answer(by_task)] == [["U-Net", "6"], ["SAM", "5"]]
    assert answer(by_task) == answer(by_task.replace("kg:topFor ?task ;", ""))
    ranking = answer((QUERIES / "most-used-methods.rq").read_text())
    assert [row[1] for row in ranking] == ["U-Net", "SAM"]
    full = "SELECT ?m ?l ?n { ?m a kg:Method ; skos:prefLabel ?l ; kg:paperCount ?n } ORDER BY DESC(?n) ?l"
    assert ranking == answer(full)[:2]


def test_an_association_is_stated_when_two_papers_support_it():
    """One paper's pair of concepts is its own two edges; the derived edge and its association
    node appear with the second paper, and the lookup index (the records) has both."""
    gp = LocalConcept("Gaussian process", ConceptType.METHOD, (), (MENTION,))
    bo = LocalConcept("Bayesian optimization", ConceptType.TASK, (), (MENTION,))
    regression = LocalConcept("regression", ConceptType.TASK, (), (MENTION,))
    extractions = [extraction("2101.00001", gp, bo, regression), extraction("2101.00002", gp, bo)]
    records = list(graph_records(extractions, resolve(extractions)))
    derived = {(e.target, e.data["papers"]) for e in records if getattr(e, "relation", None) == "appliedTo"}
    assert derived == {("task/bayesian-optimization", 2), ("task/regression", 1)}
    stated = [t for t in triples(records) if t.predicate.value.endswith("#appliedTo")]
    assert [t.object.value.rsplit("/", 1)[-1] for t in stated] == ["bayesian-optimization"]
    counts = [t for t in triples(records) if "/association/" in t.subject.value]
    assert {t.predicate.value.rsplit("#", 1)[-1] for t in counts} >= {"source", "target", "paperCount"}
    assert len({t.subject for t in counts}) == 1
