"""The graph as one self-contained HTML page (pyvis / vis-network), usable offline from a file.

pyvis turns the networkx graph into vis-network nodes, edges and options; the page around them
is our own template (``kg/templates/view.html``) with vis-network's script and style inlined
from the pyvis package, so nothing is fetched from a network. Positions are computed in Python
(igraph's force-directed layout) and physics is off for large graphs, so thousands of nodes stay fluid.
Every text from the input reaches the page as JSON data and is put on screen with
``textContent``; only http(s) links become clickable.
"""

from __future__ import annotations

import json
import random
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import igraph
import jinja2
import networkx
from pyvis.network import Network

from kg.files import write_text
from kg.index import open_index

# The vis-network build that pyvis ships, inlined so that the page works offline.
VIS_LIB = files("pyvis") / "templates" / "lib" / "vis-9.1.2"
DEFAULT_TYPES = ("Paper", "Method", "Task", "Dataset", "CodeRepository")
DEFAULT_MAX_NODES = 2000
PHYSICS_MAX_NODES = 300

STYLE = {
    "Paper": {"color": "#8d99ae", "shape": "square"},
    "Method": {"color": "#4361ee", "shape": "dot"},
    "Task": {"color": "#f77f00", "shape": "diamond"},
    "Dataset": {"color": "#2a9d8f", "shape": "triangle"},
    "CodeRepository": {"color": "#6a4c93", "shape": "star"},
    "Author": {"color": "#bc6c25", "shape": "ellipse"},
    "Category": {"color": "#adb5bd", "shape": "box"},
}
EDGE_STYLE = {
    "usesMethod": {"color": "#4361ee"},
    "addressesTask": {"color": "#f77f00"},
    "usesDataset": {"color": "#2a9d8f"},
    "proposes": {"color": "#d62828", "width": 2},
    "hasCode": {"color": "#6a4c93"},
    "appliedTo": {"color": "#adb5bd", "dashes": True},
    "evaluatedOn": {"color": "#adb5bd", "dashes": True},
    "benchmarkedOn": {"color": "#adb5bd", "dashes": True},
    "hasAuthor": {"color": "#dda15e"},
    "inCategory": {"color": "#ced4da"},
}
_SAFE_LINK = re.compile(r"^https?://", re.IGNORECASE)


@dataclass(frozen=True)
class ViewSummary:
    nodes: int
    edges: int
    left_out: int
    physics: bool


_CHOSEN = """
FROM nodes WHERE type IN (SELECT value FROM json_each(:types))
AND (type NOT IN ('Method', 'Task', 'Dataset') OR papers >= :min_papers)
"""
_SHOWN = "SELECT id " + _CHOSEN
# Links per node to shown nodes: how connected each node is within the drawing.
_DEGREES = f"""
SELECT node, count(*) FROM links WHERE other IN ({_SHOWN}) AND node IN (SELECT value FROM json_each(:ids))
GROUP BY node
"""
_NODES = """
SELECT id, iri, label, type, aliases, papers, arxiv, date FROM nodes
WHERE id IN (SELECT value FROM json_each(:ids)) ORDER BY iri
"""
_LINKS = """
SELECT node, relation, other FROM links
WHERE direction = 'out' AND node IN (SELECT value FROM json_each(:ids))
AND other IN (SELECT value FROM json_each(:ids))
"""


def index_graph(
    folder: Path,
    types: tuple[str, ...] = DEFAULT_TYPES,
    max_nodes: int = DEFAULT_MAX_NODES,
    min_papers: int = 1,
    focus: str | None = None,
    hops: int = 1,
) -> tuple[networkx.MultiDiGraph, int]:
    """The part of a build to draw, read from its index, and how many nodes of the chosen types
    were left out: the ``max_nodes`` most connected nodes of ``types`` (concepts in at least
    ``min_papers`` papers), or only those within ``hops`` of the ``focus`` IRI."""
    choice = {"types": json.dumps(list(types)), "min_papers": min_papers}
    with open_index(folder) as connection:
        iri_of = dict(connection.execute("SELECT id, iri " + _CHOSEN, choice))
        shown = set(iri_of)
        focus_id = None
        if focus is not None:
            (focus_id,) = connection.execute("SELECT id FROM nodes WHERE iri = ?", (focus,)).fetchone()
            shown = (reachable(connection, focus_id, hops) & shown) | {focus_id}
        kept = shown
        if len(shown) > max_nodes:
            degrees = dict(connection.execute(_DEGREES, {**choice, "ids": json.dumps(sorted(shown))}))
            ranked = sorted(shown, key=lambda node: (-degrees.get(node, 0), iri_of.get(node, "")))
            kept = set(ranked[:max_nodes]) | ({focus_id} if focus_id is not None else set())
        graph = drawn_graph(connection, kept)
    return graph, len(shown) - len(kept)


def drawn_graph(connection: sqlite3.Connection, kept: set[int]) -> networkx.MultiDiGraph:
    """The ``kept`` nodes with the data the page shows, and the links among them, in the order of
    their IRIs (row ids differ between a fresh build and one grown by ``kg add``)."""
    ids = {"ids": json.dumps(sorted(kept))}
    graph = networkx.MultiDiGraph()
    iris = {}
    for node, iri, label, kind, aliases, papers, arxiv, date in connection.execute(_NODES, ids):
        iris[node] = iri
        data = {"kind": kind, "label": label, "alt_labels": json.loads(aliases), "papers": papers}
        graph.add_node(iri, **data, arxiv_id=arxiv or "", published=date or "")
    links = sorted(
        (iris[node], relation, iris[other]) for node, relation, other in connection.execute(_LINKS, ids)
    )
    for source, relation, target in links:
        graph.add_edge(source, target, key=relation, relation=relation)
    return graph


def reachable(connection: sqlite3.Connection, start: int, hops: int) -> set[int]:
    """The nodes within ``hops`` links of ``start``, either direction."""
    reached, frontier = {start}, {start}
    for _ in range(hops):
        rows = connection.execute(
            "SELECT DISTINCT other FROM links WHERE node IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(frontier)),),
        )
        frontier = {row[0] for row in rows} - reached
        reached |= frontier
    return reached


def positions(graph: networkx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """A deterministic force-directed layout in vis-network's pixel coordinates.

    igraph's grid Fruchterman-Reingold lays out 5,000 nodes in about a second, where networkx's
    spring layout takes most of a minute; a seeded random generator makes the result repeatable.
    """
    if not graph:
        return {}
    nodes = sorted(graph.nodes)
    index = {node: position for position, node in enumerate(nodes)}
    edges = sorted({tuple(sorted((index[a], index[b]))) for a, b in graph.edges() if a != b})
    layout_graph = igraph.Graph(n=len(nodes), edges=edges)
    igraph.set_random_number_generator(random.Random(7))  # start positions: seeded, so repeatable
    try:
        coordinates = layout_graph.layout_fruchterman_reingold(niter=500, grid=len(nodes) > 1000).coords
    finally:
        igraph.set_random_number_generator(random)
    scale = 70.0
    return {node: (x * scale, y * scale) for node, (x, y) in zip(nodes, coordinates, strict=True)}


def node_info(graph: networkx.MultiDiGraph, node: str, data: dict) -> dict[str, object]:
    """What the details panel shows; links only when they are http(s)."""
    info: dict[str, object] = {"type": data["kind"], "name": data["label"]}
    if data["kind"] == "Paper":
        if data.get("arxiv_id"):
            info["arxiv"] = f"https://arxiv.org/abs/{data['arxiv_id']}"
        if data.get("published"):
            info["date"] = data["published"]
        info["code"] = sorted(
            target
            for _, target, edge in graph.out_edges(node, data=True)
            if edge["relation"] == "hasCode" and _SAFE_LINK.match(target)
        )
    elif data["kind"] == "CodeRepository":
        info["link"] = node if _SAFE_LINK.match(node) else None
    else:
        info["aliases"] = list(data.get("alt_labels", []))[:12]
        info["papers"] = data.get("papers", 0)
    return info


def short_label(data: dict) -> str:
    label = str(data["label"])
    if data["kind"] == "Paper":
        return label if len(label) <= 32 else label[:30].rstrip() + "…"
    return label if len(label) <= 48 else label[:46].rstrip() + "…"


def to_network(graph: networkx.MultiDiGraph, physics: bool) -> Network:
    """The pyvis network: styled by type, sized by support, placed by ``positions``."""
    network = Network(directed=True, cdn_resources="in_line")
    placed = positions(graph)
    for node, data in graph.nodes(data=True):
        kind = data["kind"]
        size = 7 if kind == "Paper" else 9 + min(30, 4 * int(data.get("papers") or 1))
        x, y = placed.get(node, (0.0, 0.0))
        network.add_node(
            node,
            label=short_label(data),
            shape=STYLE[kind]["shape"],
            color=STYLE[kind]["color"],
            size=size,
            x=x,
            y=y,
            physics=physics,
            kind=kind,
            info=node_info(graph, node, data),
        )
    for source, target, data in graph.edges(data=True):
        relation = data["relation"]
        network.add_edge(source, target, relation=relation, arrows="to", **EDGE_STYLE.get(relation, {}))
    network.toggle_physics(physics)
    return network


def render_page(graph: networkx.MultiDiGraph, title: str, left_out: int) -> tuple[str, ViewSummary]:
    physics = len(graph) <= PHYSICS_MAX_NODES
    network = to_network(graph, physics)
    nodes, edges, *_ = network.get_network_data()
    counts = Counter(data["kind"] for _, data in graph.nodes(data=True))
    environment = jinja2.Environment(loader=jinja2.PackageLoader("kg", "templates"), autoescape=True)
    page = environment.get_template("view.html").render(
        title=title,
        nodes=nodes,
        edges=edges,
        physics=physics,
        counts=dict(sorted(counts.items())),
        relations=sorted({data["relation"] for _, _, data in graph.edges(data=True)}),
        styles={kind: STYLE[kind] for kind in counts},
        left_out=left_out,
        vis_js=(VIS_LIB / "vis-network.min.js").read_text(encoding="utf-8"),
        vis_css=(VIS_LIB / "vis-network.css").read_text(encoding="utf-8"),
    )
    return page, ViewSummary(len(graph), graph.number_of_edges(), left_out, physics)


def draw_build(
    folder: Path,
    path: Path,
    focus: str | None = None,
    hops: int = 1,
    types: tuple[str, ...] | None = None,
    max_nodes: int | None = None,
    min_papers: int = 1,
) -> ViewSummary:
    """``kg view``: the page of the build in ``folder`` written to ``path``; ``focus`` is a node's
    name (as ``kg neighbors`` takes it), drawn with what lies within ``hops`` of it. Raises
    UnknownNameError for a focus no node has."""
    from kg.query import UnknownNameError, lookup, stats

    papers = stats(folder, top=1).nodes.get("Paper", 0)
    selection: dict[str, object] = {"min_papers": min_papers, "hops": hops}
    if focus is not None:
        found = lookup(folder, focus)
        if not found.matches:
            raise UnknownNameError(focus, found.suggestions)
        selection["focus"] = found.matches[0].iri
    if types:
        selection["types"] = types
    if max_nodes is not None:
        selection["max_nodes"] = max_nodes
    return write_view(folder, path, f"kg: {papers} papers", **selection)


def write_view(folder: Path, path: Path, title: str, **selection: object) -> ViewSummary:
    """Select from the index of the build in ``folder``, lay out, and write the page to ``path``."""
    shown, left_out = index_graph(folder, **selection)  # type: ignore[arg-type]
    page, summary = render_page(shown, title, left_out)
    write_text(path, page)
    return summary
