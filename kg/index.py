"""The build's lookup index (``index.sqlite``): what everyday commands read instead of the graph.

``kg neighbors``, ``search``, ``show`` and ``stats`` must answer at once on any build, so the
build writes, next to the SPARQL store, one SQLite file with three indexed tables:

- ``names``: every label, alt label, paper title and arXiv id under its normalised keys;
- ``nodes``: one row per node (label, type, alt labels, papers, and for papers arXiv id, date
  and first code link);
- ``links``: every edge twice, once from each end, with its relation, direction and the number
  of papers behind it, so the neighbours of a node are one index range, most supported first;
- ``degrees``: how many ``links`` rows each node has per relation and direction, so the totals
  of a concept with hundreds of thousands of papers are not counted on every query;
- ``evidence``: the mentions behind each paper-concept (and paper-code) edge, as offsets into
  the paper's title or abstract, for ``--evidence``: every mention, whatever the build states
  in RDF.

Three tables serve ``kg add``: ``identities`` (each paper's title key and arXiv id, to tell an
added paper the build already holds), ``cache_offsets`` (where each paper's line of
``cache.jsonl`` starts, to read the papers of a concept that an add renames) and ``meta`` (the
store generation the index matches).
The store stays the source of truth for SPARQL; this file is rewritten with it on every build
and changed with it in place by ``kg add`` (``kg.incremental``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from kg.extract.keys import concept_key
from kg.ingest.text import title_key
from kg.rdf.prefixes import node_iri

if TYPE_CHECKING:
    from kg.graph import Edge, Node

INDEX_FILE = "index.sqlite"
# Bumped whenever the tables change, so an index written by another version is rebuilt, not misread.
SCHEMA_VERSION = 5

_SCHEMA = """
CREATE TABLE nodes (
    id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE, label TEXT NOT NULL, type TEXT NOT NULL,
    aliases TEXT NOT NULL, papers INTEGER NOT NULL, arxiv TEXT, date TEXT, code TEXT
);
CREATE TABLE identities (key TEXT NOT NULL, arxiv TEXT);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE cache_offsets (paper TEXT PRIMARY KEY, offset INTEGER NOT NULL) WITHOUT ROWID;
"""
# Names and edges are staged by IRI, then joined to the nodes' row ids in one statement each.
_STAGING = """
CREATE TEMP TABLE node_names (key TEXT NOT NULL, iri TEXT NOT NULL);
CREATE TEMP TABLE edges (source TEXT NOT NULL, relation TEXT NOT NULL, target TEXT NOT NULL,
                         papers INTEGER NOT NULL, evidence TEXT);
CREATE TEMP TABLE recounted (node INTEGER PRIMARY KEY);
"""
# Each edge from both ends, keyed so that the best neighbours of a node for one relation are
# the first rows of one range: most papers first, ties by the other end's label.
_TABLES = """
CREATE TABLE names (key TEXT NOT NULL, node INTEGER NOT NULL, PRIMARY KEY (key, node)) WITHOUT ROWID;
CREATE TABLE links (
    node INTEGER NOT NULL, relation TEXT NOT NULL, direction TEXT NOT NULL, papers INTEGER NOT NULL,
    sort TEXT NOT NULL, other INTEGER NOT NULL,
    PRIMARY KEY (node, relation, direction, papers DESC, sort, other)
) WITHOUT ROWID;
CREATE TABLE degrees (
    node INTEGER NOT NULL, relation TEXT NOT NULL, direction TEXT NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (node, relation, direction)
) WITHOUT ROWID;
CREATE TABLE evidence (
    paper INTEGER NOT NULL, other INTEGER NOT NULL, mentions TEXT NOT NULL, PRIMARY KEY (paper, other)
) WITHOUT ROWID;
"""
# From the staged rows (``node_names``, ``edges``) into the tables, in a build and in ``kg add``.
# The links go in sorted by their primary key, so that each lands beside the last instead of on a
# page read back from anywhere in the table (the "in" rows of 20,000 papers: 1.8 s to 1.2 s).
_STAGED_INTO_TABLES = """
INSERT OR IGNORE INTO names SELECT key, id FROM node_names JOIN nodes USING (iri);
INSERT OR IGNORE INTO links
SELECT s.id, relation, 'out', edges.papers, substr(lower(t.label), 1, 40), t.id
FROM edges JOIN nodes AS s ON s.iri = source JOIN nodes AS t ON t.iri = target
ORDER BY 1, 2, 3, 4 DESC, 5, 6;
INSERT OR IGNORE INTO links
SELECT t.id, relation, 'in', edges.papers, substr(lower(s.label), 1, 40), s.id
FROM edges JOIN nodes AS s ON s.iri = source JOIN nodes AS t ON t.iri = target
ORDER BY 1, 2, 3, 4 DESC, 5, 6;
INSERT OR REPLACE INTO evidence SELECT s.id, t.id, evidence
FROM edges JOIN nodes AS s ON s.iri = source JOIN nodes AS t ON t.iri = target WHERE evidence IS NOT NULL;
DELETE FROM edges;
DELETE FROM node_names
"""
_INDEXES = """
CREATE INDEX nodes_by_type ON nodes (type);
CREATE INDEX identities_by_key ON identities (key, arxiv);
CREATE INDEX nodes_by_support ON nodes (papers DESC, label);
ANALYZE;
"""


class IndexMissingError(FileNotFoundError):
    """The folder holds no build: nothing was built there yet."""


@dataclass(frozen=True)
class NodeRow:
    iri: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    papers: int = 0
    arxiv: str | None = None
    date: str | None = None
    code: str | None = None


@dataclass(frozen=True)
class LinkRow:
    source: str
    relation: str
    target: str
    papers: int = 1
    evidence: str | None = None
    """The edge's mentions (``evidence_json``), on the paper edges that carry them."""


def name_keys(name: str) -> set[str]:
    """The keys a name is found under: its concept key and its plain lower-case form."""
    keys = {concept_key(name), " ".join(name.lower().split())}
    return {key for key in keys if key}


class IndexWriter:
    """Writes the index row by row and builds its tables on ``close``; ``generation`` names the
    store generation the index goes with."""

    def __init__(self, path: Path, generation: str = "") -> None:
        path.unlink(missing_ok=True)
        self.generation = generation
        self.connection = sqlite3.connect(path)
        self.connection.executescript(
            f"PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA user_version = {SCHEMA_VERSION};"
            + _SCHEMA
            + _TABLES
            + _STAGING
        )
        self.nodes: list[NodeRow] = []
        self.links: list[LinkRow] = []
        self.offsets: list[tuple[str, int]] = []

    def add_cache_offset(self, paper_iri: str, offset: int) -> None:
        self.offsets.append((paper_iri, offset))
        if len(self.offsets) >= BATCH:
            self.flush()

    def add(self, row: NodeRow | LinkRow) -> None:
        (self.nodes if isinstance(row, NodeRow) else self.links).append(row)
        if len(self.nodes) + len(self.links) >= BATCH:
            self.flush()

    def flush(self) -> None:
        with self.connection:
            stage_rows(self.connection, self.nodes, self.links)
            self.connection.executemany("INSERT OR REPLACE INTO cache_offsets VALUES (?, ?)", self.offsets)
        self.nodes.clear()
        self.links.clear()
        self.offsets.clear()

    def close(self) -> None:
        try:
            self.flush()
            with self.connection:
                link_staged_rows(self.connection)
                count_degrees(self.connection)
                set_generation(self.connection, self.generation)
            self.connection.executescript(_INDEXES)
        finally:
            self.connection.close()

    def abandon(self) -> None:
        """Close without building the tables: the build failed, and its index is thrown away."""
        self.connection.close()


def stage_rows(connection: sqlite3.Connection, nodes: list[NodeRow], links: list[LinkRow]) -> None:
    """Insert ``nodes`` (with their paper identities) and stage their names and ``links``."""
    connection.executemany(
        "INSERT INTO nodes (iri, label, type, aliases, papers, arxiv, date, code) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        map(node_values, nodes),
    )
    connection.executemany("INSERT INTO identities VALUES (?, ?)", identity_values(nodes))
    connection.executemany("INSERT INTO node_names VALUES (?, ?)", name_values(nodes))
    connection.executemany("INSERT INTO edges VALUES (?, ?, ?, ?, ?)", map(link_values, links))


def link_staged_rows(connection: sqlite3.Connection) -> None:
    for statement in _STAGED_INTO_TABLES.split(";"):
        connection.execute(statement)


# The links rows of a node are one range of the primary key: grouping them needs no sort.
_COUNT_DEGREES = """
INSERT INTO degrees SELECT node, relation, direction, count(*) FROM links {where}
GROUP BY node, relation, direction
"""


def count_degrees(connection: sqlite3.Connection) -> None:
    """Count the ``degrees`` rows of every node."""
    connection.execute(_COUNT_DEGREES.format(where=""))


def mark_recounted(connection: sqlite3.Connection, nodes: Iterable[str]) -> None:
    """Remember the nodes with these IRIs (while they exist) for ``recount_degrees``."""
    connection.executemany(
        "INSERT OR IGNORE INTO recounted SELECT id FROM nodes WHERE iri = ?", ((iri,) for iri in nodes)
    )


def recount_degrees(connection: sqlite3.Connection) -> None:
    """Count again the ``degrees`` rows of the nodes marked by ``mark_recounted``."""
    connection.execute("DELETE FROM degrees WHERE node IN (SELECT node FROM recounted)")
    connection.execute(_COUNT_DEGREES.format(where="WHERE node IN (SELECT node FROM recounted)"))
    connection.execute("DELETE FROM recounted")


def set_generation(connection: sqlite3.Connection, generation: str) -> None:
    connection.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (generation,))


def index_generation(path: Path) -> str | None:
    """The store generation the index at ``path`` goes with (None without an index of this version)."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            if connection.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                return None
            row = connection.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


@dataclass
class IndexChanges:
    """What ``kg add`` changes in the index: rows of new nodes, new data of known nodes, nodes
    that go, the edges whose rows go (with the papers the index has for them), the edges whose
    rows are written, and the added cache lines."""

    new_nodes: list[NodeRow]
    changed_nodes: list[tuple[NodeRow, NodeRow]]
    """(as it was, as it is)"""
    dropped_nodes: list[NodeRow]
    deleted_links: list[LinkRow]
    written_links: list[LinkRow]
    cache_offsets: list[tuple[str, int]]


# A links row by its whole primary key, the sort key read from the other end's label as it is.
_DELETE_LINK = """
DELETE FROM links WHERE node = (SELECT id FROM nodes WHERE iri = ?1) AND relation = ?2 AND direction = ?3
AND papers = ?4 AND sort = (SELECT substr(lower(label), 1, 40) FROM nodes WHERE iri = ?5)
AND other = (SELECT id FROM nodes WHERE iri = ?5)
"""


UPDATE_CACHE_KIB = 256 * 1024


def update_index(path: Path, changes: IndexChanges, generation: str) -> None:
    """Apply ``changes`` to the index at ``path`` in one transaction, marked with ``generation``."""
    with closing(sqlite3.connect(path)) as connection:
        # the rows changed are spread over the whole index: keep the pages read in memory
        connection.execute(f"PRAGMA cache_size = -{UPDATE_CACHE_KIB}")
        connection.executescript(_STAGING)
        with connection:
            mark_recounted(connection, link_ends(changes.deleted_links, changes.dropped_nodes))
            rewritten = {(link.source, link.relation, link.target) for link in changes.written_links}
            connection.executemany(
                "DELETE FROM evidence WHERE paper = (SELECT id FROM nodes WHERE iri = ?) "
                "AND other = (SELECT id FROM nodes WHERE iri = ?)",
                (
                    (link.source, link.target)
                    for link in changes.deleted_links
                    if link.relation in EVIDENCED_RELATIONS
                    and (link.source, link.relation, link.target) not in rewritten
                ),
            )
            connection.executemany(
                _DELETE_LINK,
                (
                    row
                    for link in changes.deleted_links
                    for row in (
                        (link.source, link.relation, "out", link.papers, link.target),
                        (link.target, link.relation, "in", link.papers, link.source),
                    )
                ),
            )
            connection.executemany(
                "DELETE FROM names WHERE key = ? AND node = (SELECT id FROM nodes WHERE iri = ?)",
                name_values([*changes.dropped_nodes, *(old for old, _ in changes.changed_nodes)]),
            )
            connection.executemany(
                "DELETE FROM nodes WHERE iri = ?", ((n.iri,) for n in changes.dropped_nodes)
            )
            connection.executemany(
                "UPDATE nodes SET label = ?, aliases = ?, papers = ? WHERE iri = ?",
                ((n.label, node_values(n)[3], n.papers, n.iri) for _, n in changes.changed_nodes),
            )
            now = [new for _, new in changes.changed_nodes]
            connection.executemany("INSERT INTO node_names VALUES (?, ?)", name_values(now))
            stage_rows(connection, changes.new_nodes, changes.written_links)
            connection.executemany("INSERT INTO cache_offsets VALUES (?, ?)", changes.cache_offsets)
            link_staged_rows(connection)
            mark_recounted(connection, link_ends(changes.written_links))
            recount_degrees(connection)
            set_generation(connection, generation)


def link_ends(links: Iterable[LinkRow], nodes: Iterable[NodeRow] = ()) -> Iterator[str]:
    """The IRIs at both ends of ``links``, and of ``nodes``."""
    for link in links:
        yield link.source
        yield link.target
    for node in nodes:
        yield node.iri


# A paper with this title key and no arXiv id, or the same one; two index seeks however many
# papers share the title.
_HELD_BY_TITLE = """
SELECT 1 FROM identities WHERE key = ?1 AND arxiv IS NULL
UNION ALL SELECT 1 FROM identities WHERE key = ?1 AND arxiv = ?2 LIMIT 1
"""


def holds_paper(connection: sqlite3.Connection, title: str, arxiv: str | None) -> bool:
    """Whether the build holds a paper that ingest would take for this one: the same arXiv id,
    or the same title key unless both have arXiv ids and they differ (``kg.ingest.reader``)."""
    key = f"title:{title_key(title)}"
    if not arxiv:
        held = connection.execute("SELECT 1 FROM identities WHERE key = ? LIMIT 1", (key,))
    elif connection.execute("SELECT 1 FROM identities WHERE key = ?", (f"arxiv:{arxiv}",)).fetchone():
        return True
    else:
        held = connection.execute(_HELD_BY_TITLE, (key, arxiv))
    return held.fetchone() is not None


BATCH = 10_000
# The paper edges whose mentions the index keeps (a proposes edge has its typed edge's).
EVIDENCED_RELATIONS = frozenset({"usesMethod", "addressesTask", "usesDataset", "hasCode"})
EVIDENCE_KEYS = ("field", "start", "end", "sentence_start", "sentence_end", "component", "confidence")


def evidence_json(mentions: list[dict]) -> str:
    """An edge's mentions as compact JSON rows, one list of ``EVIDENCE_KEYS`` values each."""
    return orjson.dumps([[mention[key] for key in EVIDENCE_KEYS] for mention in mentions]).decode()


def node_values(node: NodeRow) -> tuple:
    aliases = json.dumps(list(node.aliases), ensure_ascii=False)
    return node.iri, node.label, node.type, aliases, node.papers, node.arxiv, node.date, node.code


def link_values(link: LinkRow) -> tuple[str, str, str, int, str | None]:
    return link.source, link.relation, link.target, link.papers, link.evidence


def identity_values(nodes: Iterable[NodeRow]) -> Iterator[tuple[str, str | None]]:
    """The keys that tell each paper again: its title key, and its arXiv id."""
    for node in nodes:
        if node.type == "Paper":
            yield f"title:{title_key(node.label)}", node.arxiv
            if node.arxiv:
                yield f"arxiv:{node.arxiv}", node.arxiv


def name_values(nodes: Iterable[NodeRow]) -> Iterator[tuple[str, str]]:
    """(key, iri) for every name of every node: label, alt labels and arXiv id."""
    for node in nodes:
        names = [node.label, *node.aliases, *([node.arxiv] if node.arxiv else [])]
        for key in sorted(set().union(*map(name_keys, names))):
            yield key, node.iri


def open_index(folder: Path) -> sqlite3.Connection:
    """The build's index, read-only; a clear error names the command that (re)creates one."""
    path = folder / INDEX_FILE
    if not path.is_file():
        raise IndexMissingError(f"no build in {folder}: run `kg build PATHS -o {folder}` first")
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    if version != SCHEMA_VERSION:
        connection.close()
        raise IndexMissingError(f"{folder} was built by another version of kg: run `kg build` again")
    return connection


def index_row(record: Node | Edge, base: str) -> NodeRow | LinkRow:
    """The index row of one graph record: nodes with their IRI, edges with their paper support."""
    if hasattr(record, "relation"):  # an Edge (kg.graph is not imported: query commands load this module)
        target_kind = "CodeRepository" if record.relation == "hasCode" else ""
        target = node_iri(record.target, target_kind, base)
        evidence = evidence_json(record.data["evidence"]) if record.relation in EVIDENCED_RELATIONS else None
        return LinkRow(base + record.source, record.relation, target, record.data.get("papers", 1), evidence)
    data = record.data
    return NodeRow(
        iri=node_iri(record.id, record.kind, base),
        label=data["label"],
        type=record.kind,
        aliases=tuple(data.get("alt_labels", ())),
        papers=data.get("papers", 0),
        arxiv=data.get("arxiv_id") or None,
        date=data.get("published") or None,
        code=data.get("code"),
    )
