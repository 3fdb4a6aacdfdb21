"""kg.incremental.change: the triples an add removes and adds."""

from kg import graph
from kg.incremental.change import GraphChange, change_records, changed_records
from kg.rdf.prefixes import DEFAULT_BASE_IRI


def test_a_re_derived_paper_keeps_the_triples_its_unchanged_edges_share_with_changed_ones():
    """Two concepts of one paper fold into one id: the moved edge's triples coincide with those
    of the edge that stayed, which must neither be removed nor counted as new."""
    evidence = {
        "evidence": [
            {
                "field": "abstract",
                "start": 0,
                "end": 16,
                "sentence_start": 0,
                "sentence_end": 17,
                "component": "gazetteer",
                "confidence": 0.9,
            }
        ]
    }
    paper = graph.Node(
        "paper/p", "Paper", {"label": "P", "title": "P", "abstract": "", "arxiv_id": "", "published": ""}
    )
    stayed = graph.Edge("paper/p", "task/image-generation", graph.Relation.ADDRESSES_TASK, evidence)
    moved_before = graph.Edge("paper/p", "task/picture-synthesis", graph.Relation.ADDRESSES_TASK, evidence)
    moved_after = graph.Edge("paper/p", "task/image-generation", graph.Relation.ADDRESSES_TASK, evidence)
    old, new, shared = changed_records([paper, stayed, moved_before], [paper, stayed, moved_after])
    assert (old, new, shared) == ([moved_before], [moved_after], [stayed])

    change = GraphChange()
    change_records(change, old, new, shared, DEFAULT_BASE_IRI)
    assert change.added == set()
    assert {str(t.object) for t in change.removed} >= {f"<{DEFAULT_BASE_IRI}task/picture-synthesis>"}
    assert not any("image-generation" in str(t) for t in change.removed)
    # the edge that stayed is written again, so that its rows sort by its end's label now
    stayed_key = (DEFAULT_BASE_IRI + "paper/p", "addressesTask", DEFAULT_BASE_IRI + "task/image-generation")
    assert stayed_key in change.deleted_links and stayed_key in change.written_links
    assert sum(change.edges.values()) == 0
