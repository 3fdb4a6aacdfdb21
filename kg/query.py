"""Everyday questions over a build: which node does a name mean, and what is connected to it.

Names are looked up in a small SQLite index the build writes beside the store (``names.sqlite``:
every preferred and alternative label, paper title and arXiv id under its normalised key), so a
command opens two files and runs indexed lookups instead of re-reading the graph. Neighbours
come from the SPARQL store.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph
from rapidfuzz import fuzz, process

from kg.extract.lexicon import concept_key
from kg.rdf.prefixes import PREFIXES
from kg.rdf.store import StoreMissingError, open_store

if TYPE_CHECKING:
    import networkx

NAMES_FILE = "names.sqlite"
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


def name_keys(name: str) -> set[str]:
    """The keys a name is found under: its concept key and its plain lower-case form."""
    keys = {concept_key(name), " ".join(name.lower().split())}
    return {key for key in keys if key}


def write_names(graph: networkx.MultiDiGraph, iri_of: dict[str, str], path: Path) -> None:
    """Index every name of every node (labels, alt labels, titles, arXiv ids) by its keys."""
    rows = set()
    for node, data in graph.nodes(data=True):
        iri = iri_of[node]
        names = [data["label"], *data.get("alt_labels", [])]
        if data.get("arxiv_id"):
            names.append(data["arxiv_id"])
        for name in names:
            for key in name_keys(name):
                rows.add((key, iri, data["label"], data["kind"]))
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE names (key TEXT NOT NULL, iri TEXT, label TEXT, type TEXT)")
        connection.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", sorted(rows))
        connection.execute("CREATE INDEX names_by_key ON names (key)")
    connection.close()


def open_names(folder: Path) -> sqlite3.Connection:
    path = folder / NAMES_FILE
    if not path.is_file():
        raise StoreMissingError(f"no build in {folder}: run `kg build PATHS -o {folder}` first")
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def lookup(folder: Path, name: str, types: Iterable[str] = ()) -> Lookup:
    """Resolve ``name`` (label, alias, acronym, title or arXiv id; any case or hyphenation)."""
    wanted = {kind.lower() for kind in types}
    with open_names(folder) as connection:
        keys = sorted(name_keys(name))
        placeholders = ",".join("?" * len(keys))
        rows = connection.execute(
            f"SELECT DISTINCT iri, label, type FROM names WHERE key IN ({placeholders}) ORDER BY type, label",
            keys,
        ).fetchall()
        matches = tuple(Node(*row) for row in rows if not wanted or row[2].lower() in wanted)
        if matches:
            return Lookup(matches)
        return Lookup((), suggestions(connection, name, wanted))


def suggestions(
    connection: sqlite3.Connection, name: str, wanted: set[str], limit: int = 5
) -> tuple[Node, ...]:
    """The closest names by fuzzy matching, for "did you mean ...?"."""
    rows = connection.execute("SELECT DISTINCT key, iri, label, type FROM names").fetchall()
    choices = {row[0]: row for row in rows if not wanted or row[3].lower() in wanted}
    plain = " ".join(name.lower().replace("-", " ").split())
    found = process.extract(
        plain, list(choices), scorer=fuzz.ratio, limit=limit * 3, score_cutoff=FUZZY_CUTOFF
    )
    nodes: dict[str, Node] = {}
    for key, _score, _index in found:
        _, iri, label, kind = choices[key]
        nodes.setdefault(iri, Node(iri, label, kind))
    return tuple(list(nodes.values())[:limit])


_RELATIONS = (
    "kg:usesMethod, kg:addressesTask, kg:usesDataset, kg:proposes, kg:hasCode, "
    "kg:appliedTo, kg:evaluatedOn, kg:benchmarkedOn, kg:hasAuthor, kg:inCategory"
)
_NEIGHBORS = """
SELECT ?relation ?direction ?other ?label ?type ?count ?arxiv ?date ?code WHERE {
  {
    <%(iri)s> ?relation ?other . BIND("out" AS ?direction)
    FILTER(?relation IN (%(relations)s))
    OPTIONAL { ?association kg:source <%(iri)s> ; kg:target ?other ; kg:relation ?relation ;
                            kg:paperCount ?count }
  } UNION {
    ?other ?relation <%(iri)s> . BIND("in" AS ?direction)
    FILTER(?relation IN (%(relations)s))
    OPTIONAL { ?association kg:source ?other ; kg:target <%(iri)s> ; kg:relation ?relation ;
                            kg:paperCount ?count }
  }
  ?other a ?type .
  OPTIONAL { ?other skos:prefLabel ?preferred }
  OPTIONAL { ?other dcterms:title ?title }
  OPTIONAL { ?other rdfs:label ?plain }
  BIND(COALESCE(?preferred, ?title, ?plain, STR(?other)) AS ?label)
  OPTIONAL { ?other kg:arxivId ?arxiv }
  OPTIONAL { ?other dcterms:date ?date }
  OPTIONAL { ?other kg:hasCode ?code }
}
"""


def neighbors(folder: Path, node: Node, store: pyoxigraph.Store | None = None) -> list[Neighbor]:
    """Every node linked to ``node``, most supported first; papers carry arXiv id, date and code."""
    store = store or open_store(folder)
    results = store.query(_NEIGHBORS % {"iri": node.iri, "relations": _RELATIONS}, prefixes=PREFIXES)
    found: dict[tuple[str, str, str], Neighbor] = {}
    for row in results:
        relation = row["relation"].value.rsplit("#", 1)[-1]
        key = (row["other"].value, relation, row["direction"].value)
        details = {name: row[name].value for name in ("arxiv", "date", "code") if row[name] is not None}
        if key in found:
            details = {**found[key].details, **details}
        found[key] = Neighbor(
            iri=row["other"].value,
            label=row["label"].value,
            type=row["type"].value.rsplit("#", 1)[-1],
            relation=relation,
            direction=row["direction"].value,
            papers=int(row["count"].value) if row["count"] is not None else 1,
            details=details,
        )
    return sorted(found.values(), key=lambda n: (-n.papers, n.relation, n.type, n.label.lower(), n.iri))


def aliases(folder: Path, node: Node, store: pyoxigraph.Store | None = None) -> list[str]:
    """The other names of a concept (skos:altLabel), sorted."""
    store = store or open_store(folder)
    results = store.query(f"SELECT ?name WHERE {{ <{node.iri}> skos:altLabel ?name }}", prefixes=PREFIXES)
    return sorted(row["name"].value for row in results)


def search(folder: Path, text: str, types: Iterable[str] = (), limit: int = 20) -> list[Node]:
    """Nodes whose names contain ``text`` (normalised), then the closest by fuzzy matching."""
    wanted = {kind.lower() for kind in types}
    plain = " ".join(text.lower().replace("-", " ").split())
    with open_names(folder) as connection:
        rows = connection.execute(
            "SELECT DISTINCT iri, label, type FROM names WHERE instr(key, ?) > 0 "
            "ORDER BY length(label), label",
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


_COUNTS = "SELECT ?type (COUNT(?node) AS ?count) WHERE { ?node a ?type } GROUP BY ?type"
_TOP = """
SELECT ?label ?type ?papers WHERE {
  ?concept kg:paperCount ?papers ; skos:prefLabel ?label ; a ?type .
  FILTER(?type IN (kg:Method, kg:Task, kg:Dataset))
} ORDER BY DESC(?papers) ?label LIMIT %d
"""
_WITH_CODE = "SELECT (COUNT(DISTINCT ?paper) AS ?count) WHERE { ?paper kg:hasCode ?code }"


def stats(folder: Path, top: int = 10) -> Stats:
    store = open_store(folder)
    nodes = {
        row["type"].value.rsplit("#", 1)[-1]: int(row["count"].value)
        for row in store.query(_COUNTS, prefixes=PREFIXES)
        if row["type"].value.startswith(PREFIXES["kg"])
    }
    with_code = int(next(iter(store.query(_WITH_CODE, prefixes=PREFIXES)))["count"].value)
    concepts = [
        (row["label"].value, row["type"].value.rsplit("#", 1)[-1], int(row["papers"].value))
        for row in store.query(_TOP % top, prefixes=PREFIXES)
    ]
    return Stats(dict(sorted(nodes.items())), with_code, concepts)


_DESCRIBE = """
SELECT ?property ?value WHERE {
  <%(iri)s> ?property ?value .
  FILTER(!isIRI(?value) || ?property = rdf:type)
}
"""


def describe(folder: Path, node: Node, store: pyoxigraph.Store | None = None) -> list[tuple[str, str]]:
    """The literal properties of a node (title, abstract, labels, counts, ids), sorted."""
    store = store or open_store(folder)
    rows = store.query(_DESCRIBE % {"iri": node.iri}, prefixes=PREFIXES)
    short = {iri: prefix for prefix, iri in PREFIXES.items()}
    facts = []
    for row in rows:
        prop = row["property"].value
        namespace = next((iri for iri in short if prop.startswith(iri)), None)
        name = f"{short[namespace]}:{prop[len(namespace) :]}" if namespace else prop
        facts.append((name, row["value"].value))
    return sorted(facts)


_EVIDENCE = """
SELECT ?other ?sentence WHERE {
  { ?mention kg:mentionOf <%(iri)s> ; prov:wasDerivedFrom ?other ; kg:sentence ?sentence }
  UNION
  { ?mention prov:wasDerivedFrom <%(iri)s> ; kg:mentionOf ?other ; kg:sentence ?sentence }
} ORDER BY ?other ?sentence
"""


def evidence(folder: Path, node: Node, store: pyoxigraph.Store | None = None) -> dict[str, list[str]]:
    """The sentences behind each paper-concept edge of ``node``, by the IRI at the other end."""
    store = store or open_store(folder)
    sentences: dict[str, list[str]] = {}
    for row in store.query(_EVIDENCE % {"iri": node.iri}, prefixes=PREFIXES):
        found = sentences.setdefault(row["other"].value, [])
        if row["sentence"].value not in found:
            found.append(row["sentence"].value)
    return sentences


def second_neighbors(
    folder: Path, node: Node, first: list[Neighbor], limit: int
) -> list[tuple[Neighbor, Neighbor]]:
    """Neighbours of the ``limit`` best-supported neighbours, with the node they are reached through."""
    store = open_store(folder)
    reached = []
    for via in first[:limit]:
        for neighbor in neighbors(folder, Node(via.iri, via.label, via.type), store):
            if neighbor.iri != node.iri:
                reached.append((via, neighbor))
    return sorted(reached, key=lambda pair: (-pair[1].papers, pair[1].label.lower(), pair[0].label.lower()))
