"""kg.incremental.associations: the edges at a concept, read back from the build's index."""

import sqlite3
from contextlib import closing

from kg.graph import Relation
from kg.incremental.associations import link_row, links_of
from kg.rdf.prefixes import DEFAULT_BASE_IRI


def test_the_edges_at_a_concept_are_read_back_as_the_index_holds_them(example_build):
    base = DEFAULT_BASE_IRI
    with closing(sqlite3.connect(example_build / "index.sqlite")) as index:
        links = links_of(index, base + "method/low-rank-adaptation", base)
    assert links and all(not other.startswith(base) for other, _, _, _ in links)
    applied = [(other, papers) for other, relation, out, papers in links if relation is Relation.APPLIED_TO]
    assert applied and all(out for _, relation, out, _ in links if relation is Relation.APPLIED_TO)
    used_by = [other for other, relation, out, _ in links if relation is Relation.USES_METHOD and not out]
    assert used_by and all(other.startswith("paper/") for other in used_by)
    other, papers = applied[0]
    row = link_row("method/low-rank-adaptation", other, Relation.APPLIED_TO, True, papers, base)
    assert (row.source, row.relation, row.target) == (
        base + "method/low-rank-adaptation",
        Relation.APPLIED_TO.value,
        base + other,
    )
