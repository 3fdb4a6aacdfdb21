"""kg.query: what the query commands answer, as functions."""

import pytest

from kg.query import AmbiguousNameError, UnknownNameError, neighbors, resolve_name


def test_a_name_resolves_to_one_node_or_says_why_not(example_build):
    assert resolve_name(example_build, "LoRA").label == "Low-Rank Adaptation"
    with pytest.raises(UnknownNameError, match="did you mean") as unknown:
        resolve_name(example_build, "Gausian proces")
    assert unknown.value.suggestions
    with pytest.raises(AmbiguousNameError) as ambiguous:
        resolve_name(example_build, "BNN")
    assert len(ambiguous.value.matches) > 1
    paper_or_task = "Measuring the Intrinsic Dimension of Objective Landscapes"
    assert resolve_name(example_build, paper_or_task, ["Paper"]).type == "Paper"
    with pytest.raises(ValueError):
        resolve_name(example_build, "   ")


def test_neighbours_are_capped_per_relation_and_filtered_by_relation(example_build):
    everything = neighbors("Gaussian processes", example_build, limit=2)
    assert {relation for relation, _ in everything.totals} > {"usesMethod"}
    for group, count in everything.totals.items():
        shown = [n for n in everything.neighbors if (n.relation, n.direction) == group]
        assert len(shown) == min(2, count)
    only = neighbors("Gaussian processes", example_build, relations=["usesMethod"])
    assert {n.relation for n in only.neighbors} == {"usesMethod"} and set(only.totals) <= set(
        everything.totals
    )
    assert not only.evidence and not only.second
