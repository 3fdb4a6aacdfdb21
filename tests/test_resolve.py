from kg.records import ConceptType, LocalConcept, Paper, PaperConcepts
from kg.resolve import Resolver, resolve, slug


def paper(paper_id, *concepts):
    record = Paper(id=paper_id, title=paper_id, abstract="-", original_title=paper_id, original_abstract="-")
    return PaperConcepts(record, tuple(concepts))


def method(name, *aliases, lexicon_id=None):
    return LocalConcept(name=name, type=ConceptType.METHOD, aliases=aliases, lexicon_id=lexicon_id)


def test_spellings_and_acronyms_of_one_concept_become_one_node():
    extractions = [
        paper("a", method("Low-Rank Adaptation", "LoRA")),
        paper("b", method("low-rank adaptation")),
        paper("c", method("LoRA", lexicon_id="method:low rank adaptation")),
        paper("d", method("low-rank adaptations", lexicon_id="method:low rank adaptation")),
    ]
    resolution = resolve(extractions)
    (concept,) = resolution.concepts
    assert concept.id == "method/low-rank-adaptation"
    assert "LoRA" in concept.alt_labels
    assert {resolution.concept_id(e.concepts[0]) for e in extractions} == {concept.id}


def test_an_acronym_with_two_long_forms_stays_two_nodes():
    resolution = resolve(
        [
            paper("a", method("low-rank adaptation", "LoRA")),
            paper("b", method("long range attention", "LoRA")),
        ]
    )
    assert sorted(c.id for c in resolution.concepts) == [
        "method/long-range-attention",
        "method/low-rank-adaptation",
    ]


def test_types_are_resolved_separately_and_ids_are_slugs():
    task = LocalConcept(name="PDE solving", type=ConceptType.TASK)
    resolution = resolve([paper("a", method("PDE solving"), task)])
    assert sorted(c.id for c in resolution.concepts) == ["method/pde-solving", "task/pde-solving"]
    assert slug("c++ parser") == "c-plus-plus-parser"


def test_resolving_paper_by_paper_equals_resolving_all_at_once():
    extractions = [
        paper("a", method("Low-Rank Adaptation", "LoRA")),
        paper("b", method("LoRA", lexicon_id="method:low rank adaptation"), method("Adam")),
        paper("c", method("long range attention", "LoRA")),
    ]
    resolver = Resolver()
    for extraction in extractions:
        resolver.add(extraction)
    assert resolver.resolution().concepts == resolve(extractions).concepts
