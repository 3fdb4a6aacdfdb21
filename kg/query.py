"""Everyday questions over a build: which node does a name mean, and what is connected to it.

Names, neighbours and counts come from the build's SQLite index (``kg/index.py``), so a command
runs a few indexed lookups instead of re-reading the graph; node facts and the titles and
abstracts that evidence is read back from, which only some calls need, come from the SPARQL store.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.index import EVIDENCE_KEYS, EVIDENCED_RELATIONS, name_keys, open_index
from kg.rdf.prefixes import PREFIXES

FUZZY_CUTOFF = 70


@dataclass(frozen=True)
class Node:
    iri: str
    label: str
    type: str


@dataclass(frozen=True)
class Lookup:
    """What a name resolved to: one node, several (ambiguous), or none with suggestions."""

    matches: tuple[Node, ...]
    suggestions: tuple[Node, ...] = ()


@dataclass(frozen=True)
class Neighbor:
    iri: str
    label: str
    type: str
    relation: str
    direction: str
    papers: int
    details: dict[str, str] = field(default_factory=dict)


def lookup(folder: Path, name: str, types: Iterable[str] = ()) -> Lookup:
    """Resolve ``name`` (label, alias, acronym, title or arXiv id; any case or hyphenation).

    A name that is one node's preferred label means that node, even when other nodes have it as
    an alias ("DB850" the method, not "Deep BERT" written "DB850" in one paper)."""
    wanted = {kind.lower() for kind in types}
    with open_index(folder) as connection:
        keys = sorted(name_keys(name))
        placeholders = ",".join("?" * len(keys))
        rows = connection.execute(
            "SELECT DISTINCT iri, label, type FROM names JOIN nodes ON id = node "
            f"WHERE key IN ({placeholders}) ORDER BY type, label",
            keys,
        ).fetchall()
        matches = tuple(Node(*row) for row in rows if not wanted or row[2].lower() in wanted)
        labelled = tuple(node for node in matches if name_keys(node.label) & set(keys))
        if len(labelled) == 1:
            return Lookup(labelled)
        if matches:
            return Lookup(matches)
        return Lookup((), suggestions(connection, name, wanted))


def suggestions(
    connection: sqlite3.Connection, name: str, wanted: set[str], limit: int = 5
) -> tuple[Node, ...]:
    """The closest names by fuzzy matching, for "did you mean ...?"."""
    from rapidfuzz import fuzz, process

    rows = connection.execute("SELECT key, iri FROM names JOIN nodes ON id = node").fetchall()
    iris = {key: iri for key, iri in rows}
    plain = " ".join(name.lower().replace("-", " ").split())
    found = process.extract(plain, list(iris), scorer=fuzz.ratio, limit=limit * 20, score_cutoff=FUZZY_CUTOFF)
    nodes: dict[str, Node] = {}
    for key, _score, _index in found:
        node = node_of(connection, iris[key])
        if not wanted or node.type.lower() in wanted:
            nodes.setdefault(node.iri, node)
    return tuple(list(nodes.values())[:limit])


def node_of(connection: sqlite3.Connection, iri: str) -> Node:
    return Node(*connection.execute("SELECT iri, label, type FROM nodes WHERE iri = ?", (iri,)).fetchone())


_GROUPS = """
SELECT relation, direction, count FROM degrees WHERE node = (SELECT id FROM nodes WHERE iri = ?)
"""
_TOP_OF_GROUP = """
SELECT iri, label, type, links.papers, arxiv, date, code FROM links JOIN nodes ON id = other
WHERE node = (SELECT id FROM nodes WHERE iri = ?) AND relation = ? AND direction = ?
ORDER BY links.papers DESC, sort, other LIMIT ?
"""


def neighbor_counts(folder: Path, node: Node) -> dict[tuple[str, str], int]:
    """How many neighbours ``node`` has per (relation, direction)."""
    with open_index(folder) as connection:
        rows = connection.execute(_GROUPS, (node.iri,))
        return {(relation, direction): count for relation, direction, count in rows}


def node_neighbors(
    folder: Path,
    node: Node,
    limit: int | None = None,
    relations: Iterable[str] = (),
    counts: dict[tuple[str, str], int] | None = None,
) -> list[Neighbor]:
    """The nodes linked to ``node``, the ``limit`` best supported of each relation and direction,
    most supported first; papers carry their arXiv id, date and first code link. ``counts`` are
    the node's ``neighbor_counts``, when the caller has them already."""
    wanted = set(relations)
    groups = counts if counts is not None else neighbor_counts(folder, node)
    found = []
    with open_index(folder) as connection:
        for relation, direction in groups:
            if wanted and relation not in wanted:
                continue
            rows = connection.execute(_TOP_OF_GROUP, (node.iri, relation, direction, limit or -1))
            for other, label, kind, papers, arxiv, date, code in rows:
                details = {
                    key: value for key, value in (("arxiv", arxiv), ("date", date), ("code", code)) if value
                }
                found.append(Neighbor(other, label, kind, relation, direction, papers, details))
    return sorted(found, key=lambda n: (-n.papers, n.relation, n.type, n.label.lower(), n.iri))


def aliases(folder: Path, node: Node) -> list[str]:
    """The other names of a node, sorted."""
    with open_index(folder) as connection:
        (names,) = connection.execute("SELECT aliases FROM nodes WHERE iri = ?", (node.iri,)).fetchone()
    return sorted(json.loads(names))


def search(folder: Path, text: str, types: Iterable[str] = (), limit: int = 20) -> list[Node]:
    """Nodes whose names contain ``text`` (normalised), then the closest by fuzzy matching."""
    wanted = {kind.lower() for kind in types}
    plain = " ".join(text.lower().replace("-", " ").split())
    with open_index(folder) as connection:
        rows = connection.execute(
            "SELECT DISTINCT iri, label, type FROM names JOIN nodes ON id = node "
            "WHERE instr(key, ?) > 0 ORDER BY length(label), label",
            (plain,),
        ).fetchall()
        found = [Node(*row) for row in rows if not wanted or row[2].lower() in wanted]
        if len(found) < limit:
            found += [node for node in suggestions(connection, text, wanted, limit) if node not in found]
    unique = list(dict.fromkeys(found))
    return unique[:limit]


@dataclass(frozen=True)
class Stats:
    nodes: dict[str, int]
    papers_with_code: int
    top_concepts: list[tuple[str, str, int]]


def stats(folder: Path, top: int = 10) -> Stats:
    with open_index(folder) as connection:
        nodes = dict(connection.execute("SELECT type, count(*) FROM nodes GROUP BY type ORDER BY type"))
        (with_code,) = connection.execute(
            "SELECT count(*) FROM nodes WHERE type = 'Paper' AND code IS NOT NULL"
        ).fetchone()
        concepts = connection.execute(
            "SELECT label, type, papers FROM nodes WHERE type IN ('Method', 'Task', 'Dataset') "
            "ORDER BY papers DESC, label LIMIT ?",
            (top,),
        ).fetchall()
    return Stats(nodes, with_code, [tuple(row) for row in concepts])


_DESCRIBE = """
SELECT ?property ?value WHERE {
  <%(iri)s> ?property ?value .
  FILTER(!isIRI(?value) || ?property = rdf:type)
}
"""


def describe(folder: Path, node: Node) -> list[tuple[str, str]]:
    """The literal properties of a node (title, abstract, labels, counts, ids), sorted."""
    from kg.rdf.store import open_store

    rows = open_store(folder).query(_DESCRIBE % {"iri": node.iri}, prefixes=PREFIXES)
    short = {iri: prefix for prefix, iri in PREFIXES.items()}
    facts = []
    for row in rows:
        prop = row["property"].value
        namespace = next((iri for iri in short if prop.startswith(iri)), None)
        name = f"{short[namespace]}:{prop[len(namespace) :]}" if namespace else prop
        facts.append((name, row["value"].value))
    return sorted(facts)


@dataclass(frozen=True)
class Evidence:
    """One mention behind a paper's edge: its words and sentence, read back from the paper's
    title or abstract at the offsets the index keeps, and the rule that found it."""

    text: str
    sentence: str
    field: str
    start: int
    end: int
    sentence_start: int
    component: str
    confidence: float


# A proposes edge has the evidence of the typed edge beside it (the same paper and concept).
_WITH_EVIDENCE = EVIDENCED_RELATIONS | {"proposes"}
_MENTIONS = """
SELECT mentions FROM evidence
WHERE paper = (SELECT id FROM nodes WHERE iri = ?) AND other = (SELECT id FROM nodes WHERE iri = ?)
"""
_TEXTS = """
SELECT ?paper ?title ?abstract WHERE {
  VALUES ?paper { %s }
  ?paper dcterms:title ?title ; dcterms:abstract ?abstract .
}
"""


def evidence(folder: Path, node: Node, shown: Iterable[Neighbor]) -> dict[str, list[Evidence]]:
    """The mentions behind the paper edges between ``node`` and the ``shown`` neighbours (a
    paper's concepts and code, or a concept's papers), by the neighbour's IRI."""
    pairs = {
        neighbor.iri: (node.iri, neighbor.iri) if neighbor.direction == "out" else (neighbor.iri, node.iri)
        for neighbor in shown
        if neighbor.relation in _WITH_EVIDENCE
    }
    found: dict[str, list[dict]] = {}
    with open_index(folder) as connection:
        for other, pair in sorted(pairs.items()):
            row = connection.execute(_MENTIONS, pair).fetchone()
            if row:
                rows = json.loads(row[0])
                found[other] = [dict(zip(EVIDENCE_KEYS, values, strict=True)) for values in rows]
    texts = paper_texts(folder, {pairs[other][0] for other in found})
    return {
        other: [read_back(mention, texts[pairs[other][0]]) for mention in mentions]
        for other, mentions in found.items()
        if pairs[other][0] in texts
    }


def paper_texts(folder: Path, papers: set[str]) -> dict[str, dict[str, str]]:
    """The title and abstract of each paper, from the store."""
    from kg.rdf.store import open_store

    if not papers:
        return {}
    query = _TEXTS % " ".join(f"<{iri}>" for iri in sorted(papers))
    return {
        row["paper"].value: {"title": row["title"].value, "abstract": row["abstract"].value}
        for row in open_store(folder).query(query, prefixes=PREFIXES)
    }


def read_back(mention: dict, texts: dict[str, str]) -> Evidence:
    text = texts[mention["field"]]
    return Evidence(
        text[mention["start"] : mention["end"]],
        text[mention["sentence_start"] : mention["sentence_end"]],
        mention["field"],
        mention["start"],
        mention["end"],
        mention["sentence_start"],
        mention["component"],
        mention["confidence"],
    )


def second_neighbors(
    folder: Path, node: Node, first: list[Neighbor], limit: int
) -> list[tuple[Neighbor, Neighbor]]:
    """The best-supported neighbours of the ``limit`` best-supported neighbours, each with the
    node it is reached through."""
    reached = []
    for via in first[:limit]:
        for neighbor in node_neighbors(folder, Node(via.iri, via.label, via.type), limit):
            if neighbor.iri != node.iri:
                reached.append((via, neighbor))
    return sorted(reached, key=lambda pair: (-pair[1].papers, pair[1].label.lower(), pair[0].label.lower()))


class UnknownNameError(LookupError):
    """No node has the name; ``suggestions`` are the closest names."""

    def __init__(self, name: str, suggestions: tuple[Node, ...]) -> None:
        hint = "; ".join(f"{node.label} ({node.type})" for node in suggestions)
        super().__init__(f"nothing is called {name!r}" + (f"; did you mean: {hint}?" if hint else ""))
        self.suggestions = suggestions


class AmbiguousNameError(LookupError):
    """Several nodes have the name (``matches``)."""

    def __init__(self, name: str, matches: tuple[Node, ...]) -> None:
        listed = "; ".join(f"{node.label} ({node.type})" for node in matches)
        super().__init__(f"{name!r} is ambiguous: {listed}")
        self.matches = matches


def resolve_name(folder: Path, name: str, types: Iterable[str] = ()) -> Node:
    """The one node ``name`` means, among nodes of ``types`` (all when empty)."""
    if not name.strip() or len(name) > 500:
        raise ValueError("give a concept name, alias, paper title or arXiv id (at most 500 characters)")
    found = lookup(folder, name, types)
    if not found.matches:
        raise UnknownNameError(name, found.suggestions)
    if len(found.matches) > 1:
        raise AmbiguousNameError(name, found.matches)
    return found.matches[0]


@dataclass(frozen=True)
class Connections:
    """What ``kg neighbors`` shows of one node."""

    node: Node
    aliases: list[str]
    neighbors: list[Neighbor]
    """At most ``limit`` per relation and direction, most supported first."""
    totals: dict[tuple[str, str], int]
    """How many neighbours there are per (relation, direction), of the relations asked for."""
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    """The mentions behind each paper edge, by the neighbour's IRI (when asked)."""
    second: list[tuple[Neighbor, Neighbor]] = field(default_factory=list)
    """Neighbours of the neighbours, each with the one it is reached through (``hops=2``)."""


def neighbors(
    name: str,
    store: Path | str = Path("exports"),
    types: Iterable[str] = (),
    relations: Iterable[str] = (),
    limit: int = 20,
    hops: int = 1,
    with_evidence: bool = False,
) -> Connections:
    """What is connected to the node called ``name`` (a concept name, alias or acronym, a paper
    title or arXiv id) in the build at ``store``: ``kg neighbors`` as a function.

    Raises UnknownNameError, AmbiguousNameError, or IndexMissingError when there is no build.
    """
    store = Path(store)
    node = resolve_name(store, name, types)
    wanted = list(relations)
    counts = neighbor_counts(store, node)
    linked = node_neighbors(store, node, limit, wanted, counts)
    return Connections(
        node,
        aliases(store, node),
        linked,
        {group: count for group, count in sorted(counts.items()) if not wanted or group[0] in wanted},
        evidence(store, node, linked) if with_evidence else {},
        second_neighbors(store, node, linked, limit) if hops == 2 else [],
    )


@dataclass(frozen=True)
class NodeDetails:
    """What ``kg show`` shows of one node: its stored facts, then its neighbours."""

    facts: list[tuple[str, str]]
    connections: Connections


def node_details(
    name: str,
    store: Path | str = Path("exports"),
    types: Iterable[str] = (),
    limit: int = 20,
    with_evidence: bool = False,
) -> NodeDetails:
    """Everything about the node called ``name``: ``kg show`` as a function (errors as
    ``neighbors``)."""
    found = neighbors(name, store, types, limit=limit, with_evidence=with_evidence)
    return NodeDetails(describe(Path(store), found.node), found)
