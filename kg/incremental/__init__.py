"""``kg add``, in place: the change that added papers make to a build, applied to its store and index.

Exporting a build again for every ``kg add`` costs as much as the build. Instead the build keeps
what resolution and ranking know (``state.json``); an add in place extracts only the new papers,
resolves their concepts against that state and changes only what they touch: their own triples
and rows, the concepts they mention (names, paper counts), the associations between those
concepts (paper counts, top-for marks) and the ranks that move. When added names merge two
concepts or change one's id, the papers of the retired ids are read back from the cache and
derived again. The store is copied by hard links into a new generation and changed there; the
index is changed in one transaction.

The store and the index then equal those of a fresh build of all the inputs; the file exports
(N-Triples, Turtle, ...) are marked stale until ``kg export`` rewrites them. Ids that fold
together are numbered as a fresh build numbers them. Where a fresh build could still differ (an
id written like a numbered one), ``graph_change`` raises ``NotInPlace`` and ``kg add`` exports
everything again.
"""

from kg.incremental.apply import add

__all__ = ["add"]
