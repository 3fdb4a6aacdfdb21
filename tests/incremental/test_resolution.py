"""kg.incremental.resolution: added concepts resolved against the build's state, their ids
numbered as a fresh build numbers them."""

from collections import Counter

import pytest

from kg.incremental.resolution import resolve_added
from kg.ingest import read_papers
from kg.records import ConceptType, LocalConcept, PaperConcepts
from kg.resolve import Resolver
from kg.state import BuildState, NotInPlace


def method(name: str, *aliases: str) -> LocalConcept:
    return LocalConcept(name, ConceptType.METHOD, aliases)


def test_names_that_join_two_known_concepts_retire_one_of_them(examples):
    paper = next(iter(read_papers([examples / "arxiv_api.atom"])))
    resolver = Resolver()
    for name in ("Gated Recurrent Unit", "Gated Residual Unit"):
        resolver.add(PaperConcepts(paper, (method(name),), ()))
    resolution = resolver.resolution()
    concepts = {c.id: c for c in resolution.concepts}
    state = BuildState("1", 0, resolver, dict(resolution.ids), dict(concepts), Counter(), {})
    joining = PaperConcepts(paper, (method("Gated Recurrent Unit", "Gated Residual Unit"),), ())
    resolved = resolve_added([joining], state)
    assert resolved.retired == {"method/gated-residual-unit"}
    assert set(resolved.concepts_before) == set(concepts)
    assert list(state.concepts) == ["method/gated-recurrent-unit"]
    assert resolved.before.concept_id(method("Gated Residual Unit")) == "method/gated-residual-unit"


def known_state(paper, *concepts: LocalConcept) -> BuildState:
    resolver = Resolver()
    for concept in concepts:
        resolver.add(PaperConcepts(paper, (concept,), ()))
    resolution = resolver.resolution()
    known = {concept.id: concept for concept in resolution.concepts}
    return BuildState("1", 0, resolver, dict(resolution.ids), known, Counter(), {})


def test_ids_that_fold_together_are_numbered_as_a_fresh_build_numbers_them(examples):
    paper = next(iter(read_papers([examples / "arxiv_api.atom"])))
    state = known_state(paper, method("Gated Recurrent Unit"), method("Vision Transformer"))
    taking = LocalConcept("GRU", ConceptType.METHOD, (), (), "method:Gated Recurrent Unit")
    resolve_added([PaperConcepts(paper, (taking,), ())], state)
    fresh = Resolver()
    for concept in (method("Gated Recurrent Unit"), method("Vision Transformer"), taking):
        fresh.add(PaperConcepts(paper, (concept,), ()))
    assert state.concepts == {concept.id: concept for concept in fresh.resolution().concepts}
    assert "method/gated-recurrent-unit-2" in state.concepts


def test_an_id_that_looks_numbered_is_not_renumbered_in_place(examples):
    paper = next(iter(read_papers([examples / "arxiv_api.atom"])))
    state = known_state(
        paper, method("Model"), LocalConcept("Model II", ConceptType.METHOD, (), (), "method:Model 2")
    )
    assert "method/model-2" in state.concepts, "a lexicon label numbered by itself"
    taking = LocalConcept("the Model", ConceptType.METHOD, (), (), "method:Model")
    with pytest.raises(NotInPlace, match="is not numbered from"):
        resolve_added([PaperConcepts(paper, (taking,), ())], state)


def test_a_known_name_under_a_new_alias_is_the_known_concept(examples):
    paper = next(iter(read_papers([examples / "arxiv_api.atom"])))
    resolver = Resolver()
    resolver.add(PaperConcepts(paper, (method("Gated Recurrent Unit"),), ()))
    resolution = resolver.resolution()
    (known,) = resolution.concepts
    state = BuildState("1", 0, resolver, dict(resolution.ids), {known.id: known}, Counter(), {})
    resolved = resolve_added([PaperConcepts(paper, (method("gated recurrent units", "GRU"),), ())], state)
    assert resolved.concepts_before == {known.id: known} and not resolved.retired
    grown = state.concepts[known.id]
    assert {grown.label, *grown.alt_labels} == {"Gated Recurrent Unit", "gated recurrent units", "GRU"}
