"""Triples stream from graph records with each subject's triples together."""

from kg.graph import graph_records
from kg.rdf.triples import triples
from kg.records import CodeUrl, ConceptType, LocalConcept, Mention, Paper, PaperConcepts, UrlKind
from kg.resolve import resolve

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
